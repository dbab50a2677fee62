#!/usr/bin/env python3
# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the start-of-studies job (step 2; not a test).

Run against a THROWAWAY database (``--init`` drops and creates it with
bvk_student_crm installed, without demo data)::

    /opt/odoo-venv/bin/python tools/bench_start.py --db start_bench --init \\
        [--intake 2000] [--addons-path /opt/odoo18/addons,/work/wt-start]

It builds (once) an intake of N students in groups of 25, each with a signed
contract and an e-mail address, the programme's instructions with a file,
and the groups' first day in three days (their e-mail is due). Then:

1. the daily job as the cron runner runs it: a batch per call, COMMITTED
   after each call, until nothing remains; wall time and queries per batch
   (they must not grow with the batch: a batch of 50 and one of 200 are
   compared);
2. the once-only check: the job run again sends nothing; a run that crashes
   half-way (the fourth batch raises after queuing its e-mails, so its
   transaction is rolled back) and its re-run leave every student exactly
   one notice and one e-mail.

Target: the whole intake of 2 000 students in <= 60 s. What a run creates is
deleted before the next one, so it can be repeated on the same database.
"""

import argparse
import base64
import subprocess
import sys
import time
from datetime import date, timedelta
from unittest.mock import patch

ADDONS = "/opt/odoo18/addons,/work/wt-start"
GROUP_SIZE = 25
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
    "AAAABJRU5ErkJggg=="
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="start_bench")
    parser.add_argument("--addons-path", default=ADDONS)
    parser.add_argument("--odoo", default="/opt/odoo18")
    parser.add_argument("--init", action="store_true", help="(re)create the database")
    parser.add_argument("--intake", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=200)
    return parser.parse_args()


def create_database(args):
    subprocess.run(["dropdb", "--if-exists", args.db], check=True)
    subprocess.run(
        [
            "odoo",
            "-d",
            args.db,
            f"--addons-path={args.addons_path}",
            "-i",
            "bvk_student_crm",
            "--without-demo=all",
            "--stop-after-init",
            "--http-port=8119",
            "--log-level=warn",
        ],
        check=True,
    )


def populate(env, args):
    program = env["bvk.study.program"].search([("code", "=", "BENCH")])
    if program:
        return program
    t0 = time.time()
    eur = env.ref("base.EUR")
    eur.active = True
    coordinator = env["res.users"].create(
        {
            "name": "Ilze Kalniņa",
            "login": "bench_start_coordinator",
            "email": "ilze@bvk.example",
            "phone": "+371 67000001",
            "image_1920": base64.b64encode(base64.b64decode(PNG)),
            "groups_id": [(4, env.ref("bvk_student_crm.group_bvk_coordinator").id)],
        }
    )
    program = env["bvk.study.program"].create(
        {
            "code": "BENCH",
            "name": "Bench programme",
            "duration_semesters": 4,
            "tuition_per_semester": 1000.0,
            "currency_id": eur.id,
            "start_instructions": "<p>Log in at https://is.bvk.example</p>",
            "start_attachment_ids": [
                (0, 0, {"name": "IS_LMS.pdf", "raw": b"%PDF-1.4 bench"})
            ],
        }
    )
    first_day = date.today() + timedelta(days=3)
    groups = env["bvk.student.group"].create(
        [
            {
                "code": f"BS-{g:04d}",
                "program_id": program.id,
                "intake_year": first_day.year,
                "coordinator_id": coordinator.id,
                "first_day_date": first_day,
                "first_day_time": 9.5,
                "first_day_room": "Alberta iela 13, 301",
                "first_day_plan": "<ul><li>09:30 Welcome</li></ul>",
                "start_schedule_url": "https://www.bvk.example/grafiks",
            }
            for g in range(args.intake // GROUP_SIZE)
        ]
    )
    for start in range(0, len(groups), 40):
        vals = []
        for group in groups[start : start + 40]:
            for _index in range(GROUP_SIZE):
                n = start * GROUP_SIZE + len(vals)
                vals.append(
                    {
                        "name": f"Bench Student {n}",
                        "id_type": "document",
                        "id_document_number": f"BS{n}",
                        "email": f"bs{n}@example.lv",
                        "group_id": group.id,
                        # every tenth in Latvian
                        "lang": "lv_LV"
                        if n % 10 == 0
                        and env["res.lang"]._get_data(code="lv_LV").active
                        else "en_US",
                    }
                )
        env["bvk.student"].create(vals)
        env.flush_all()
        env.invalidate_all()
    env.cr.execute(
        """
        INSERT INTO bvk_study_contract (name, state, student_id, program_id,
            group_id, study_language, date_start, date_end, amount_total,
            currency_id, payer_id, company_id, date_signed,
            create_uid, write_uid, create_date, write_date)
        SELECT 'BS/' || s.id, 'signed', s.id, s.program_id, s.group_id, 'lv',
               %s, %s, 4000, %s, s.partner_id, s.company_id,
               now(), 1, 1, now(), now()
          FROM bvk_student s WHERE s.program_id = %s
        """,
        [first_day, first_day + timedelta(days=700), eur.id, program.id],
    )
    env.cr.commit()
    print(f"  populated {args.intake} students in {time.time() - t0:.1f} s", flush=True)
    return program


def reset(env, program):
    """Delete what the previous run sent."""
    cr = env.cr
    cr.execute("SELECT id FROM bvk_student WHERE program_id = %s", [program.id])
    students = tuple(r[0] for r in cr.fetchall())
    cr.execute(
        """
        DELETE FROM mail_mail WHERE mail_message_id IN (
            SELECT id FROM mail_message WHERE model = 'bvk.student' AND res_id IN %s);
        DELETE FROM mail_message WHERE model = 'bvk.student' AND res_id IN %s;
        DELETE FROM bvk_start_notice WHERE student_id IN %s;
        """,
        [students, students, students],
    )
    cr.commit()
    env.invalidate_all()
    return students


def run_job(env, cr, batch, crash_at=None):
    """Call the job as the cron runner does: commit after each call."""
    Notice = env["bvk.start.notice"]
    calls = []
    start = time.perf_counter()
    while True:
        queries = cr.sql_log_count
        t = time.perf_counter()
        if crash_at is not None and len(calls) == crash_at:
            original = type(env["mail.mail"]).create

            def crash(records, vals_list, original=original):
                original(records, vals_list)
                raise RuntimeError("worker killed half-way")

            try:
                with patch.object(type(env["mail.mail"]), "create", crash):
                    Notice._bvk_send_batch(limit=batch)
            except RuntimeError:
                cr.rollback()
                env.invalidate_all()
                print(f"    call {len(calls) + 1}: crashed, rolled back", flush=True)
                return calls, time.perf_counter() - start
        sent, remaining = Notice._bvk_send_batch(limit=batch)
        cr.commit()
        env.invalidate_all()
        calls.append((sent, cr.sql_log_count - queries, time.perf_counter() - t))
        if not remaining:
            break
    return calls, time.perf_counter() - start


def check_once(env, students, label):
    cr = env.cr
    cr.execute(
        "SELECT count(*), count(DISTINCT student_id) FROM bvk_start_notice "
        "WHERE student_id IN %s",
        [students],
    )
    notices, distinct = cr.fetchone()
    cr.execute(
        """
        SELECT count(*), count(DISTINCT m.res_id) FROM mail_mail mm
        JOIN mail_message m ON m.id = mm.mail_message_id
        WHERE m.model = 'bvk.student' AND m.res_id IN %s
        """,
        [students],
    )
    mails, mailed = cr.fetchone()
    ok = notices == distinct == mails == mailed == len(students)
    print(
        f"  once-only check ({label}): {notices} notices for {distinct} students, "
        f"{mails} e-mails to {mailed} students of {len(students)}: "
        f"{'OK' if ok else 'FAILED'}",
        flush=True,
    )
    return ok


def run(env, args):
    cr = env.cr
    program = populate(env, args)
    students = reset(env, program)

    print(f"\n1. daily job, batches of {args.batch}, committed after each call")
    calls, wall = run_job(env, cr, args.batch)
    for index, (sent, queries, seconds) in enumerate(calls, 1):
        print(
            f"    call {index:2d}: {sent:4d} sent {queries:5d} queries {seconds:6.2f} s"
        )
    total = sum(c[0] for c in calls)
    print(
        f"  {total} students in {wall:.2f} s "
        f"(target 60 s: {'ok' if wall <= 60 else 'SLOW'})",
        flush=True,
    )
    ok = check_once(env, students, "first run")
    calls_again, _wall = run_job(env, cr, args.batch)
    print(f"  run again: {sum(c[0] for c in calls_again)} sent")
    ok &= check_once(env, students, "second run")

    print("\n2. queries per batch do not grow with the batch")
    for size in (50, 200):
        reset(env, program)
        queries = cr.sql_log_count
        t = time.perf_counter()
        sent, _remaining = env["bvk.start.notice"]._bvk_send_batch(limit=size)
        print(
            f"    batch of {size:3d}: {sent} sent, {cr.sql_log_count - queries} "
            f"queries, {time.perf_counter() - t:.2f} s",
            flush=True,
        )
        cr.rollback()
        env.invalidate_all()

    print("\n3. a crash half-way (4th call), then the re-run")
    students = reset(env, program)
    calls, _wall = run_job(env, cr, args.batch, crash_at=3)
    print(f"  before the crash: {sum(c[0] for c in calls)} sent and committed")
    calls, _wall = run_job(env, cr, args.batch)
    print(f"  re-run: {sum(c[0] for c in calls)} sent")
    ok &= check_once(env, students, "crash and re-run")
    reset(env, program)
    return ok


def main():
    args = parse_args()
    sys.path.insert(0, args.odoo)
    import odoo
    from odoo.tools import config

    if args.init:
        create_database(args)
    config.parse_config(
        [f"--addons-path={args.addons_path}", "-d", args.db, "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        cr.sql_log_count = 0
        env = odoo.api.Environment(
            cr,
            odoo.SUPERUSER_ID,
            {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True},
        )
        ok = run(env, args)
    print("\nRESULT:", "once-only OK" if ok else "once-only FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
