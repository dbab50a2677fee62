#!/usr/bin/env python3
"""Benchmark the daily detection of academic debts (step 4.1.2).

Developer tool, not part of the tests. Against a *throwaway* database with
bvk_student_crm installed (``--init`` creates one), it creates N students
in groups of 25, a confirmed 10-course semester schedule per group and one
academic obligation per student and course (inserted with SQL), then
measures the daily run for several numbers of new debts: most obligations
are already passed or still ahead, ``debts`` are pending past their
deadline. Each scenario is rolled back, so they are independent.

Prints, per scenario and batch: wall time, query count, peak Python memory
(tracemalloc) and the process's maximum resident size::

    python3 tools/bench_academic.py --db bvk_acad_bench --init \\
        --students 20000 --debts 0 200 2000 20000

Odoo is found as tools/run_tests.sh finds it (tools/_odoo_discover.py:
ODOO_BIN, ODOO_PYTHON, `odoo` on PATH, a python3 that imports odoo); the
script runs itself again under the Python that imports Odoo 18.0.

Reminders go through the shared engine (bvk.reminder, mail and SMS queued,
activities); ``--no-send`` measures the detection alone.
"""

import time
import tracemalloc
from datetime import date, timedelta
from unittest.mock import patch

# tools/, the script's directory; on import, the script runs itself again
# under the Python that imports Odoo 18.0 (found as tools/run_tests.sh does)
import _bench as bench

COURSES = 10


def parse_args():
    parser = bench.arguments(
        __doc__, db="bvk_acad_bench", init_options=["--http-port=8119"]
    )
    parser.add_argument("--students", type=int, default=20000)
    parser.add_argument("--debts", type=int, nargs="+", default=[0, 200, 2000, 20000])
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--no-send", action="store_true")
    parser.add_argument(
        "--tracking", action="store_true", help="keep mail tracking (as the cron does)"
    )
    return parser.parse_args()


def populate(env, students_count):
    """Students, groups, schedules and offerings with the ORM; obligations
    with SQL (200 000 rows)."""
    cr = env.cr
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True))
    if env["bvk.academic.obligation"].search_count([]) >= students_count * COURSES:
        return
    t0 = time.time()
    company = env.company
    program = bench.create_program(env, "BENCH")
    year = env["bvk.academic.year"].search([("date_start", "=", date(2026, 9, 1))])
    year = year or env["bvk.academic.year"].create({"date_start": date(2026, 9, 1)})
    semester = year.semester_ids.sorted("date_start")[0]
    lecturer = env["res.users"].create(
        {"name": "Bench Lecturer", "login": "bench_lecturer"}
    )
    courses = env["bvk.course"].create(
        [
            {"code": f"B{i:03d}", "name": f"Course {i}", "credits": 3}
            for i in range(COURSES)
        ]
    )
    groups = bench.create_groups(
        env, program, "BENCH", students_count // bench.GROUP_SIZE
    )
    print(f"  groups: {time.time() - t0:.1f}s", flush=True)
    bench.create_students(
        env,
        groups,
        "S",
        lambda n: {"name": f"Student {n}", "phone": f"+3712{n:07d}"},
        groups_per_call=200,
    )
    print(f"  students: {time.time() - t0:.1f}s", flush=True)
    schedules = env["bvk.study.schedule"].create(
        [
            {
                "group_id": group.id,
                "semester_id": semester.id,
                "offering_ids": [
                    (
                        0,
                        0,
                        {
                            "course_id": course.id,
                            "date_assessment": date(2027, 1, 10) + timedelta(days=i),
                            "date_retake": date(2027, 2, 28),
                            "lecturer_id": lecturer.id,
                        },
                    )
                    for i, course in enumerate(courses)
                ],
            }
            for group in groups
        ]
    )
    env.flush_all()
    cr.execute(
        "UPDATE bvk_study_schedule SET state = 'confirmed' WHERE id = ANY(%s)",
        [schedules.ids],
    )
    cr.execute(
        "UPDATE bvk_course_offering SET state = 'confirmed' "
        "WHERE schedule_id = ANY(%s)",
        [schedules.ids],
    )
    print(f"  schedules: {time.time() - t0:.1f}s", flush=True)
    cr.execute(
        """
        INSERT INTO bvk_academic_obligation
            (student_id, offering_id, course_id, group_id, semester_id, program_id,
             lecturer_id, credits, date_deadline, date_retake, state, company_id,
             reminder_level, attempts, create_uid, write_uid, create_date, write_date)
        SELECT s.id, o.id, o.course_id, o.group_id, o.semester_id, s.program_id,
               o.lecturer_id, 3, o.date_assessment, o.date_retake, 'pending', %s,
               0, 0, 1, 1, now(), now()
          FROM bvk_student s
          JOIN bvk_course_offering o ON o.group_id = s.group_id
         WHERE o.schedule_id = ANY(%s)
        """,
        [company.id, schedules.ids],
    )
    print(f"  obligations: {cr.rowcount} in {time.time() - t0:.1f}s", flush=True)
    cr.execute("ANALYZE bvk_academic_obligation")
    cr.commit()


def prepare_scenario(env, today, debts):
    """Everything passed or ahead of ``today``, except ``debts`` obligations
    pending past their deadline."""
    cr = env.cr
    cr.execute(
        """
        UPDATE bvk_academic_obligation
           SET state = CASE WHEN date_deadline < %s THEN 'passed' ELSE 'pending' END,
               grade = CASE WHEN date_deadline < %s THEN '7' ELSE NULL END,
               date_debt = NULL, reminder_level = 0
        """,
        [today, today],
    )
    cr.execute(
        """
        UPDATE bvk_academic_obligation SET state = 'pending', grade = NULL
         WHERE id IN (SELECT id FROM bvk_academic_obligation
                       WHERE date_deadline < %s ORDER BY id LIMIT %s)
        """,
        [today, debts],
    )
    env.invalidate_all()


def measure(env, label, func):
    cr = env.cr
    tracemalloc.start()
    queries = cr.sql_log_count
    t0 = time.perf_counter()
    result = func()
    env.flush_all()
    wall = time.perf_counter() - t0
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = bench.peak_rss_mb()
    print(
        f"  {label:<38} {wall:8.2f}s {cr.sql_log_count - queries:8d} queries "
        f"peak {peak / 2**20:7.1f} MiB  maxrss {rss:7.0f} MiB  -> {result}",
        flush=True,
    )
    return result


def main():
    args = parse_args()
    today = date(2027, 1, 15)  # five of the ten deadlines are past
    with bench.environment(args, context={}) as env:
        cr = env.cr
        print(
            f"populating {args.students} students x {COURSES} obligations", flush=True
        )
        populate(env, args.students)
        total = env["bvk.academic.obligation"].search_count([])
        print(f"{total} obligations; today {today}; batch {args.batch}", flush=True)
        Obligation = env["bvk.academic.obligation"].with_context(
            tracking_disable=not args.tracking
        )
        for debts in args.debts:
            cr.execute("SAVEPOINT bench")
            prepare_scenario(env, today, debts)
            print(f"scenario: {debts} new debts", flush=True)
            batch_no = 0
            while True:
                batch_no += 1
                label = "detect" if args.no_send else "detect + remind"
                with patch.object(
                    type(Obligation),
                    "_bvk_remind_now",
                    (lambda self, today: None)
                    if args.no_send
                    else type(Obligation)._bvk_remind_now,
                ):
                    done, remaining = measure(
                        env,
                        f"batch {batch_no}: {label}",
                        lambda: Obligation._bvk_detect_debts(today, limit=args.batch),
                    )
                if not remaining:
                    break
            if args.tracking:
                measure(env, "tracking messages (precommit)", cr.precommit.run)
            measure(
                env,
                "levels still due (core engine)",
                lambda: env["bvk.reminder"].search_count([])
                if not Obligation._bvk_remind_batch(
                    env.ref("bvk_student_crm.reminder_policy_academic"),
                    today,
                    args.batch,
                )[0]
                else "sent",
            )
            cr.execute("ROLLBACK TO SAVEPOINT bench")
            env.invalidate_all()
        cr.rollback()


if __name__ == "__main__":
    main()
