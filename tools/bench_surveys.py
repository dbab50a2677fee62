#!/usr/bin/env python3
# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the feedback surveys (step 3.5; not a test).

Run against a THROWAWAY database (``--init`` drops and creates it with
bvk_student_crm installed, without demo data)::

    /opt/odoo-venv/bin/python tools/bench_surveys.py --db srv_bench --init \\
        [--students 20000] [--answers 100000]

It builds (once, committed) N active students in groups of 25, and a course
evaluation campaign with ``--answers`` completed pseudo-anonymous answers
(five scale questions each) spread over 400 course offerings (bulk SQL).
Then it measures, printing wall time, SQL queries and peak memory:

1. inviting every student to a new semester survey, the way the daily job
   does it: batches of 2 000 (invitations and their queued mails), each
   batch committed; then the same job again, which must invite nobody
   (re-run safe: nobody twice, guarded by the database's unique key too);
2. the results over the answers: average per question, per course offering
   and question (the pivot), per lecturer, programme and semester, as the
   SSC and as a lecturer (record rules with the minimum number of answers),
   and the response rates.

Targets: inviting <= 120 s, each results query <= 5 s. The invitations of
step 1 stay in the database (committed per batch); every run makes a new
campaign.
"""

import time
from datetime import date

# tools/, the script's directory; on import, the script runs itself again
# under the Python that imports Odoo 18.0 (found as tools/run_tests.sh does)
import _bench as bench

OFFERINGS = 400
BENCH = bench.Bench(width=56)
measure = BENCH.measure


def parse_args():
    parser = bench.arguments(__doc__, db="srv_bench", init_options=["--http-port=8141"])
    parser.add_argument("--students", type=int, default=20000)
    parser.add_argument("--answers", type=int, default=100000)
    parser.add_argument("--batch", type=int, default=2000)
    return parser.parse_args()


# ----------------------------------------------------------------------
# data
# ----------------------------------------------------------------------


def populate(env, args):
    """Students (ORM), a course campaign with answers (SQL); committed."""
    cr = env.cr
    program = env["bvk.study.program"].search([("code", "=", "SRVBENCH")])
    if program:
        return program
    t0 = time.time()
    program = bench.create_program(env, "SRVBENCH", "Survey bench programme")
    year = env["bvk.academic.year"].search(
        [("date_start", "=", date(2026, 9, 1))]
    ) or env["bvk.academic.year"].create({"date_start": date(2026, 9, 1)})
    autumn = year.semester_ids.sorted("date_start")[0]
    lecturers = env["res.users"].create(
        [
            {"name": f"Bench Lecturer {i}", "login": f"srv_bench_lecturer{i}"}
            for i in range(20)
        ]
    )
    lecturers.groups_id = [(4, env.ref("bvk_student_crm.group_bvk_lecturer").id)]
    n_groups = max(args.students // bench.GROUP_SIZE, 1)
    groups = bench.create_groups(env, program, "SB", n_groups)
    for start in range(0, args.students, 1000):
        env["bvk.student"].create(
            [
                {
                    "name": f"Bench Student {n}",
                    "id_type": "document",
                    "id_document_number": f"SB{n}",
                    "email": f"sb{n}@example.lv",
                    "group_id": groups[n // bench.GROUP_SIZE % n_groups].id,
                    "state": "active",
                    "lang": "en_US",
                }
                for n in range(start, min(start + 1000, args.students))
            ]
        )
        env.flush_all()
        env.invalidate_all()
        cr.commit()
    print(f"  students: {time.time() - t0:.1f}s", flush=True)
    courses = env["bvk.course"].create(
        [
            {"code": f"SB{i:03d}", "name": f"Course {i}", "credits": 3}
            for i in range(OFFERINGS)
        ]
    )
    # one schedule per group and semester: fewer than 400 groups share them
    schedules = env["bvk.study.schedule"].create(
        [
            {"group_id": groups[i].id, "semester_id": autumn.id}
            for i in range(min(OFFERINGS, n_groups))
        ]
    )
    offerings = env["bvk.course.offering"].create(
        [
            {
                "schedule_id": schedules[i % len(schedules)].id,
                "course_id": courses[i].id,
                "date_start": date(2026, 9, 1),
                "date_end": date(2026, 12, 20),
                "date_assessment": date(2027, 1, 15),
                "lecturer_id": lecturers[i % len(lecturers)].id,
            }
            for i in range(OFFERINGS)
        ]
    )
    campaign = env["bvk.survey.campaign"].create(
        {
            "name": "Bench course evaluation",
            "kind": "course",
            "date_start": date(2026, 12, 1),
        }
    )
    campaign.action_start()
    survey = campaign.survey_id
    scale = survey.question_ids.filtered(lambda q: q.question_type == "scale")
    cr.execute(
        """
        INSERT INTO survey_user_input (survey_id, access_token, state,
            bvk_campaign_id, bvk_offering_id, bvk_program_id,
            bvk_semester_id, end_datetime, create_uid, write_uid,
            create_date, write_date)
        SELECT %s, gen_random_uuid()::text, 'done', %s,
               (%s::int[])[1 + n %% %s], %s, %s, now(), 1, 1, now(), now()
          FROM generate_series(1, %s) AS n
        """,
        [
            survey.id,
            campaign.id,
            offerings.ids,
            len(offerings),
            program.id,
            autumn.id,
            args.answers,
        ],
    )
    cr.execute(
        """
        INSERT INTO survey_user_input_line (user_input_id, survey_id,
            question_id, question_sequence, answer_type, value_scale,
            skipped, create_uid, write_uid, create_date, write_date)
        SELECT ui.id, ui.survey_id, q.id, q.sequence, 'scale',
               1 + (ui.id * 7 + q.id) %% 5, false, 1, 1, now(), now()
          FROM survey_user_input ui
          CROSS JOIN survey_question q
         WHERE ui.bvk_campaign_id = %s AND q.id = ANY(%s)
        """,
        [campaign.id, scale.ids],
    )
    cr.execute("ANALYZE survey_user_input")
    cr.execute("ANALYZE survey_user_input_line")
    cr.commit()
    print(f"  answers: {time.time() - t0:.1f}s", flush=True)
    return program


# ----------------------------------------------------------------------
# measures
# ----------------------------------------------------------------------


def run(env, args):
    cr = env.cr
    program = populate(env, args)
    autumn = env["bvk.semester"].search([("date_start", "=", date(2026, 9, 1))])
    Invitation = env["bvk.survey.invitation"]
    campaign = env["bvk.survey.campaign"].create(
        {
            "name": f"Bench semester survey {time.time():.0f}",
            "kind": "semester",
            "semester_id": autumn.id,
            "program_ids": [(6, 0, program.ids)],
            "date_start": date(2026, 12, 1),
        }
    )
    campaign.action_start()
    cr.commit()
    today = date(2026, 12, 2)

    print(f"\n1. inviting {args.students} students (batches of {args.batch})")
    batches = []
    with measure("invite everybody, committed per batch", cr, target=120):
        while True:
            t = time.perf_counter()
            done, remaining = Invitation._bvk_invite(today, limit=args.batch)
            env.flush_all()
            cr.commit()
            env.invalidate_all()
            batches.append((done, time.perf_counter() - t))
            if not remaining:
                break
    for n, (done, wall) in enumerate(batches, 1):
        print(f"      batch {n}: {done} invited in {wall:.2f} s")
    invited = Invitation.search_count([("campaign_id", "=", campaign.id)])
    mails = env["mail.mail"].search_count(
        [("model", "=", Invitation._name), ("res_id", "!=", False)]
    )
    print(f"      invitations: {invited}, queued mails (all runs): {mails}")
    with measure("the same job again (nobody twice)", cr):
        done, remaining = Invitation._bvk_invite(today, limit=args.batch)
    print(f"      invited again: {done}, remaining {remaining}")
    assert done == 0 and remaining == 0
    assert invited == Invitation.search_count([("campaign_id", "=", campaign.id)])

    print(f"\n2. results over {args.answers} answers")
    coordinator = env["res.users"].search([("login", "=", "srv_bench_coord")])
    if not coordinator:
        coordinator = env["res.users"].create(
            {
                "name": "Bench Coordinator",
                "login": "srv_bench_coord",
                "groups_id": [(4, env.ref("bvk_student_crm.group_bvk_coordinator").id)],
            }
        )
    lecturer = env["res.users"].search([("login", "=", "srv_bench_lecturer0")])
    cr.commit()
    for user, who in ((coordinator, "SSC"), (lecturer, "lecturer")):
        Result = env["bvk.survey.result"].with_user(user)
        for label, groupby in (
            ("per question", ["question_id"]),
            ("per offering and question (pivot)", ["offering_id", "question_id"]),
            ("per lecturer", ["lecturer_id"]),
            ("per programme and semester", ["program_id", "semester_id"]),
        ):
            env.invalidate_all()
            with measure(f"{who}: average {label}", cr, target=5):
                rows = Result._read_group([], groupby, ["score:avg", "__count"])
            print(f"      {len(rows)} groups")
        env.invalidate_all()
        with measure(f"{who}: response rates per campaign", cr, target=5):
            rows = (
                env["bvk.survey.response"]
                .with_user(user)
                ._read_group(
                    [],
                    ["campaign_id"],
                    ["response_rate:avg", "invited_count:sum", "answered_count:sum"],
                )
            )
        print(f"      {len(rows)} groups")
    env.invalidate_all()
    with measure("SSC: list view, first 80 rows", cr, target=5):
        env["bvk.survey.result"].with_user(coordinator).search_fetch(
            [], ["campaign_id", "offering_id", "question_id", "score"], limit=80
        )
    with measure("daily job's low-average check", cr, target=5):
        env["bvk.survey.campaign"]._bvk_alert_low_scores()
    cr.rollback()


def main():
    BENCH.main(parse_args(), run, rollback=False)


if __name__ == "__main__":
    main()
