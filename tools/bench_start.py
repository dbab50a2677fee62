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

import base64
import sys
import time
from datetime import date, datetime, timedelta
from unittest.mock import patch

# tools/, the script's directory; on import, the script runs itself again
# under the Python that imports Odoo 18.0 (found as tools/run_tests.sh does)
import _bench as bench

PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
    "AAAABJRU5ErkJggg=="
)


def parse_args():
    parser = bench.arguments(
        __doc__, db="start_bench", init_options=["--http-port=8119"]
    )
    parser.add_argument("--intake", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=200)
    return parser.parse_args()


def populate(env, args):
    program = env["bvk.study.program"].search([("code", "=", "BENCH")])
    if program:
        return program
    t0 = time.time()
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
    program = bench.create_program(
        env,
        "BENCH",
        start_instructions="<p>Log in at https://is.bvk.example</p>",
        start_attachment_ids=[(0, 0, {"name": "IS_LMS.pdf", "raw": b"%PDF-1.4 bench"})],
    )
    first_day = date.today() + timedelta(days=3)
    groups = bench.create_groups(
        env,
        program,
        "BS",
        args.intake // bench.GROUP_SIZE,
        intake_year=first_day.year,
        coordinator_id=coordinator.id,
        first_day_date=first_day,
        first_day_time=9.5,
        first_day_room="Alberta iela 13, 301",
        first_day_plan="<ul><li>09:30 Welcome</li></ul>",
        start_schedule_url="https://www.bvk.example/grafiks",
    )
    lv_active = env["res.lang"]._get_data(code="lv_LV").active
    # every tenth in Latvian
    bench.create_students(
        env,
        groups,
        "BS",
        lambda n: {"lang": "lv_LV" if n % 10 == 0 and lv_active else "en_US"},
        state=None,
    )
    bench.insert_contracts(
        env.cr,
        program,
        "BS",
        "signed",
        first_day,
        first_day + timedelta(days=700),
        datetime.now(),
        env.ref("base.EUR"),
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
    with bench.environment(args, bench.QUIET) as env:
        ok = run(env, args)
    print("\nRESULT:", "once-only OK" if ok else "once-only FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
