#!/usr/bin/env python3
# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the escalation of overdue student requests (not a test).

Run against a THROWAWAY database (``--init`` drops and creates it with
bvk_student_crm installed, without demo data)::

    /opt/odoo-venv/bin/python tools/bench_requests.py --db req_bench --init \\
        [--requests 50000] [--overdue 400]

It builds (once, bulk SQL) N requests of 500 students over the last two
years, their deadlines computed by the model's working-day helper: most of
them answered, some open within their deadline and ``--overdue`` open past
it. Then it measures, printing wall time and SQL queries:

1. the check: which requests are overdue and not escalated yet;
2. the daily job escalating them (an activity and a note each);
3. the job again: nothing left to escalate (re-run safe).

Target: the check and the re-run <= 5 s each. Each run is rolled back, so it
can be repeated on the same database.
"""

import random
import time
from datetime import date, timedelta

# tools/, the script's directory; on import, the script runs itself again
# under the Python that imports Odoo 18.0 (found as tools/run_tests.sh does)
import _bench as bench

BENCH = bench.Bench(width=52)
measure = BENCH.measure


def parse_args():
    parser = bench.arguments(__doc__, db="req_bench", init_options=["--http-port=8129"])
    parser.add_argument("--requests", type=int, default=50000)
    parser.add_argument("--overdue", type=int, default=400)
    return parser.parse_args()


def populate(env, args):
    """Students and requests (bulk SQL, deadlines from the model's helper)."""
    cr = env.cr
    Request = env["bvk.student.request"]
    cr.execute("SELECT count(*) FROM bvk_student_request")
    if cr.fetchone()[0] >= args.requests:
        return
    t0 = time.time()
    company = env.company
    head = env["res.users"].create(
        {"name": "Bench Head", "login": "bench_request_head"}
    )
    head.groups_id = [(4, env.ref("bvk_student_crm.group_bvk_head").id)]
    company.bvk_ssc_head_id = head
    students = env["bvk.student"].create(
        [
            {
                "name": f"Bench Student {n}",
                "id_type": "document",
                "id_document_number": f"RQ{n}",
                "email": f"rq{n}@example.lv",
            }
            for n in range(500)
        ]
    )
    types = env["bvk.student.request.type"].search([])
    calendar = company.resource_calendar_id
    today = date.today()
    deadlines = {}
    rng = random.Random(1)
    rows = []
    n_open = args.requests // 20
    for n in range(args.requests):
        request_type = types[n % len(types)]
        if n < args.overdue:
            received = today - timedelta(days=60 + n % 200)
            state = "new" if n % 2 else "in_progress"
        elif n < args.overdue + n_open:
            received = today - timedelta(days=n % 2)
            state = "new"
        else:
            received = today - timedelta(days=1 + rng.randrange(730))
            state = "answered" if n % 7 else "refused"
        key = (received, request_type.deadline_days)
        if key not in deadlines:
            deadlines[key] = Request._bvk_add_working_days(
                calendar, received, request_type.deadline_days
            )
        answered = state in ("answered", "refused")
        rows.append(
            (
                f"IES-BENCH/{n:06d}",
                f"Bench request {n}",
                state,
                request_type.id,
                request_type.code,
                students[n % len(students)].id,
                False,
                "portal",
                head.id,
                received,
                deadlines[key],
                received + timedelta(days=3) if answered else None,
                # answered requests past their deadline were escalated then
                deadlines[key] + timedelta(days=1)
                if answered and received + timedelta(days=3) > deadlines[key]
                else None,
                company.id,
            )
        )
    print(f"  deadlines: {time.time() - t0:.1f}s", flush=True)
    for start in range(0, len(rows), 5000):
        chunk = rows[start : start + 5000]
        values = ",".join(
            ["(%s,%s,%s,%s,%s,%s,%s,%s,%s,%s::date,%s::date,%s::date,%s::date,%s)"]
            * len(chunk)
        )
        cr.execute(
            f"""
            INSERT INTO bvk_student_request
                (name, subject, state, type_id, request_type, student_id,
                 student_unknown, channel, user_id, date_received, date_deadline,
                 date_answered, date_escalated, company_id,
                 create_uid, write_uid, create_date, write_date)
            SELECT x.*, 1, 1, now() at time zone 'utc', now() at time zone 'utc'
              FROM (VALUES {values}) AS x
            """,
            [value for row in chunk for value in row],
        )
    cr.execute("ANALYZE bvk_student_request")
    cr.commit()
    print(f"  {args.requests} requests: {time.time() - t0:.1f}s", flush=True)


def run(env, args):
    cr = env.cr
    populate(env, args)
    Request = env["bvk.student.request"]
    cr.execute("SAVEPOINT bench")
    env.invalidate_all()
    print(f"\n{args.requests} requests, {args.overdue} overdue", flush=True)
    with measure("check: overdue and not escalated (count)", cr, target=5):
        found = Request.search_count(Request._bvk_overdue_domain())
    assert found == args.overdue, found
    with measure(f"job: escalate {args.overdue} overdue requests", cr) as info:
        done = 0
        while True:
            batch = Request._cron_escalate_overdue()
            done += batch
            if not batch:
                break
        info["done"] = done
    print(f"    escalated {done}", flush=True)
    env.invalidate_all()
    with measure("job re-run: nothing to escalate", cr, target=5):
        again = Request._cron_escalate_overdue()
    assert again == 0, again
    cr.execute("ROLLBACK TO SAVEPOINT bench")
    env.invalidate_all()


def main():
    args = parse_args()
    BENCH.main(args, run, f"populating {args.requests} requests")


if __name__ == "__main__":
    main()
