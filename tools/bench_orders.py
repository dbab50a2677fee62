#!/usr/bin/env python3
# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the director's orders and the weekly report (not a test).

Run against a THROWAWAY database (``--init`` drops and creates it with
bvk_student_crm installed, without demo data)::

    /opt/odoo-venv/bin/python tools/bench_orders.py --db bvk_order_bench --init \\
        [--students 20000] [--intake 2000] [--courses 5]

It builds (once; the ORM for the students, bulk SQL for the rest) N active
students in groups of 25 with a signed contract each, four instalments per
contract (every tenth student of the intake one overdue), the autumn schedule
of every group with its obligations (every twentieth student of the intake
one academic debt), approved agreements covering a few of them, and a
confirmed spring schedule for the intake's groups whose obligations do not
exist yet. Then it measures, printing wall time, SQL queries and peak memory:

1. the transfer preview of the intake (and of a tenth of it: the number of
   queries must not grow with the students), and the wizard listing it;
2. drafting and signing a transfer order of the whole intake (students move
   to the next semester, the spring obligations are created, the signed PDF
   is rendered and stored; the excerpts go to the cron), and one cron batch
   of excerpts;
3. the weekly report of that week: data, XLSX and PDF.

Targets: preview <= 5 s, signing <= 60 s, weekly report <= 10 s. Each run is
rolled back, so it can be repeated on the same database.
"""

import time
from datetime import date, timedelta

# tools/, the script's directory; on import, the script runs itself again
# under the Python that imports Odoo 18.0 (found as tools/run_tests.sh does)
import _bench as bench

BENCH = bench.Bench(width=52)
measure = BENCH.measure


def parse_args():
    parser = bench.arguments(
        __doc__, db="bvk_order_bench", init_options=["--http-port=8129"]
    )
    parser.add_argument("--students", type=int, default=20000)
    parser.add_argument("--intake", type=int, default=2000)
    parser.add_argument("--courses", type=int, default=5)
    return parser.parse_args()


# ----------------------------------------------------------------------
# data
# ----------------------------------------------------------------------


def populate(env, args):
    """Students, contracts, instalments, schedules, obligations, agreements."""
    cr = env.cr
    program = env["bvk.study.program"].search([("code", "=", "BENCH")])
    if program:
        return program
    t0 = time.time()
    company = env.company
    eur = env.ref("base.EUR")
    program = bench.create_program(env, "BENCH")
    year = env["bvk.academic.year"].search(
        [("date_start", "=", date(2026, 9, 1))]
    ) or env["bvk.academic.year"].create({"date_start": date(2026, 9, 1)})
    autumn, spring = year.semester_ids.sorted("date_start")
    lecturer = env["res.users"].create(
        {"name": "Bench Lecturer", "login": "bench_order_lecturer"}
    )
    courses = env["bvk.course"].create(
        [
            {"code": f"BO{i:03d}", "name": f"Course {i}", "credits": 3}
            for i in range(2 * args.courses)
        ]
    )
    n_groups = args.students // bench.GROUP_SIZE
    intake_groups = args.intake // bench.GROUP_SIZE
    # the intake of 2026 first, the others before
    groups = bench.create_groups(
        env,
        program,
        "BO",
        n_groups,
        intake_year=lambda g: 2026 if g < intake_groups else 2025 - g % 5,
    )
    print(f"  groups: {time.time() - t0:.1f}s", flush=True)
    bench.create_students(env, groups, "BO")
    print(f"  students: {time.time() - t0:.1f}s", flush=True)
    bench.insert_contracts(
        cr, program, "BO", "active", "2026-09-01", "2028-08-31", "2026-08-20", eur
    )
    bench.insert_schedules(cr, "c.program_id = %s", [program.id])
    # due 31.08.2026, 28.02.2027, 31.08.2027, 29.02.2028: the first paid, or
    # overdue for every tenth student of the intake; the second invoiced
    cr.execute(
        """
        INSERT INTO bvk_payment_installment (schedule_id, sequence, contract_id,
            student_id, group_id, program_id, company_id, currency_id, payer_id,
            date_due, date_invoice, amount, amount_residual, amount_paid,
            amount_credited, state, cancelled, reminder_level,
            create_uid, write_uid, create_date, write_date)
        SELECT s.id, g.seq, c.id, c.student_id, c.group_id, c.program_id,
               c.company_id, c.currency_id, c.payer_id, d.due, d.due - 14,
               1000.0,
               CASE WHEN g.seq = 1 AND c.student_id %% 10 <> 0 THEN 0 ELSE 1000 END,
               CASE WHEN g.seq = 1 AND c.student_id %% 10 <> 0 THEN 1000 ELSE 0 END,
               0.0,
               CASE WHEN g.seq = 1 AND c.student_id %% 10 <> 0 THEN 'paid'
                    WHEN g.seq = 1 THEN 'overdue'
                    WHEN g.seq = 2 THEN 'invoiced'
                    ELSE 'planned' END,
               false, 0, 1, 1, now(), now()
          FROM bvk_study_contract c
          JOIN bvk_payment_schedule s ON s.contract_id = c.id
          CROSS JOIN generate_series(1, 4) AS g(seq)
          JOIN (VALUES (1, DATE '2026-08-31'), (2, DATE '2027-02-28'),
                       (3, DATE '2027-08-31'), (4, DATE '2028-02-29')) d(seq, due)
            ON d.seq = g.seq
         WHERE c.program_id = %s
        """,
        [program.id],
    )
    print(f"  contracts and instalments: {time.time() - t0:.1f}s", flush=True)

    def schedules(semester, group_ids, first):
        records = env["bvk.study.schedule"].create(
            [
                {
                    "group_id": group_id,
                    "semester_id": semester.id,
                    "offering_ids": [
                        (
                            0,
                            0,
                            {
                                "course_id": course.id,
                                "date_assessment": first,
                                "lecturer_id": lecturer.id,
                            },
                        )
                        for course in courses[
                            (semester == spring) * args.courses : (
                                (semester == spring) + 1
                            )
                            * args.courses
                        ]
                    ],
                }
                for group_id in group_ids
            ]
        )
        env.flush_all()
        cr.execute(
            "UPDATE bvk_study_schedule SET state = 'confirmed' WHERE id = ANY(%s)",
            [records.ids],
        )
        cr.execute(
            "UPDATE bvk_course_offering SET state = 'confirmed' "
            "WHERE schedule_id = ANY(%s)",
            [records.ids],
        )
        return records

    autumn_schedules = schedules(autumn, groups.ids, date(2027, 1, 15))
    schedules(spring, groups[:intake_groups].ids, date(2027, 6, 15))
    cr.execute(
        """
        INSERT INTO bvk_academic_obligation
            (student_id, offering_id, course_id, group_id, semester_id, program_id,
             lecturer_id, credits, date_deadline, state, grade, company_id,
             reminder_level, attempts, create_uid, write_uid, create_date, write_date)
        SELECT s.id, o.id, o.course_id, o.group_id, o.semester_id, s.program_id,
               o.lecturer_id, 3, o.date_assessment, 'passed', '7', %s,
               0, 1, 1, 1, now(), now()
          FROM bvk_student s
          JOIN bvk_course_offering o ON o.group_id = s.group_id
         WHERE o.schedule_id = ANY(%s)
        """,
        [company.id, autumn_schedules.ids],
    )
    # every twentieth student of the intake: one academic debt
    cr.execute(
        """
        UPDATE bvk_academic_obligation o
           SET state = 'debt', grade = '2', debt_reason = 'failed',
               date_debt = '2027-01-16'
          FROM bvk_student s, bvk_student_group g
         WHERE o.student_id = s.id AND s.group_id = g.id AND g.intake_year = 2026
           AND s.id %% 20 = 0
           AND o.course_id = %s
        """,
        [courses[0].id],
    )
    cr.execute("UPDATE bvk_student SET has_academic_debt = false")
    cr.execute(
        """
        UPDATE bvk_student s SET has_academic_debt = true
          FROM bvk_academic_obligation o
         WHERE o.student_id = s.id AND o.state = 'debt'
        """
    )
    env.invalidate_all()
    # approved agreements covering the overdue instalment of 20 students
    overdue = env["bvk.payment.installment"].search(
        [("state", "=", "overdue"), ("group_id.intake_year", "=", 2026)], limit=20
    )
    for installment in overdue:
        agreement = env["bvk.agreement"].create(
            {
                "agreement_type": "postpone",
                "student_id": installment.student_id.id,
                "contract_id": installment.contract_id.id,
                "semester_id": False,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "res_model": installment._name,
                            "res_id": installment.id,
                            "name": "bench",
                            "date_new": date(2027, 3, 31),
                        },
                    )
                ],
            }
        )
        agreement.action_approve()
    for table in ("bvk_payment_installment", "bvk_academic_obligation", "bvk_student"):
        cr.execute(f"ANALYZE {table}")
    cr.commit()
    print(f"  populated in {time.time() - t0:.1f}s", flush=True)
    return program


# ----------------------------------------------------------------------
# measures
# ----------------------------------------------------------------------


def run(env, args):
    cr = env.cr
    program = populate(env, args)
    # measured as a user works: tracking and chatter logging switched on
    env = env(context={})
    Student = env["bvk.student"]
    intake = Student.search(
        [("program_id", "=", program.id), ("group_id.intake_year", "=", 2026)],
        order="id",
    )
    print(
        f"{Student.search_count([])} students, intake of {len(intake)}; "
        f"{env['bvk.payment.installment'].search_count([])} instalments, "
        f"{env['bvk.academic.obligation'].search_count([])} obligations",
        flush=True,
    )
    Order = env["bvk.order"]
    cr.execute("SAVEPOINT bench")

    print("1. transfer preview", flush=True)
    Order._transfer_preview(intake[:10])  # warm the caches
    for students in (intake[: len(intake) // 10], intake):
        env.invalidate_all()
        with measure(f"preview of {len(students)} students", cr, target=5):
            preview = Order._transfer_preview(students)
    blocked = sum(1 for values in preview.values() if not values["eligible"])
    print(f"     {len(preview) - blocked} eligible, {blocked} blocked", flush=True)
    env.invalidate_all()
    wizard = env["bvk.order.transfer"].create(
        {"date_effective": date(2027, 3, 1), "program_ids": [(6, 0, program.ids)]}
    )
    wizard.group_ids = intake.group_id
    with measure(f"wizard: list {len(intake)} students", cr, target=5):
        wizard.action_load()
        env.flush_all()

    print("2. signing the transfer order", flush=True)
    env.invalidate_all()
    with measure(f"draft the order of {len(intake)} students", cr):
        order = Order._create_order(
            "transfer",
            [{"student_id": student.id} for student in intake],
            date_effective=date(2027, 3, 1),
        )
        env.flush_all()
    env.invalidate_all()
    with measure(f"sign the order of {len(intake)} students", cr, target=60):
        order.action_sign()
        env.flush_all()
    created = env["bvk.academic.obligation"].search_count(
        [("student_id", "in", intake.ids), ("semester_id.season", "=", "spring")]
    )
    print(
        f"     {order.name}: semesters {sorted(set(intake.mapped('semester_number')))}"
        f", {created} spring obligations, PDF {order.attachment_id.file_size} bytes",
        flush=True,
    )
    with measure("excerpts: one cron batch", cr):
        Order._cron_send_excerpts()
        env.flush_all()
    sent = len(order.line_ids.filtered("excerpt_sent"))
    print(f"     {sent} excerpts sent", flush=True)

    print("3. weekly report of the week of the signing", flush=True)
    Report = env["bvk.weekly.report"]
    date_from = order.date_signed - timedelta(days=order.date_signed.weekday())
    date_to = date_from + timedelta(days=6)
    env.invalidate_all()
    with measure("weekly report total (data + XLSX + PDF)", cr, target=10):
        with measure("  data", cr):
            data = Report._get_data(env.company, date_from, date_to)
        with measure("  XLSX", cr):
            xlsx = Report._render_xlsx(data)
        with measure("  PDF", cr):
            pdf, report_format = Report._render_pdf(env.company, date_from, date_to)
    rows = {section["key"]: len(section["rows"]) for section in data["sections"]}
    print(
        f"     {rows}; XLSX {len(xlsx)} bytes, {report_format} {len(pdf)} bytes",
        flush=True,
    )
    cr.execute("ROLLBACK TO SAVEPOINT bench")
    env.invalidate_all()


def main():
    args = parse_args()
    BENCH.main(args, run, f"populating {args.students} students")


if __name__ == "__main__":
    main()
