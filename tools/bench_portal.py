#!/usr/bin/env python3
# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the student portal pages (not a test): response times.

Against a THROWAWAY database with bvk_student_crm and its demo data, served
by a running Odoo::

    python3 tools/bench_portal.py -d por_dev --url http://127.0.0.1:8150 \\
        [--setup] [--runs 20]

--setup first adds (and commits) two students of the demo's group with a
signed contract each and a portal user: ``bench2`` (2 instalments) and
``bench40`` (40 monthly instalments, all invoiced), password = login. Then
each page is fetched --runs times per user after one warm-up request, and
the minimum, median and 95th percentile are printed with the target (a page
within 300 ms for a student with 40 instalments). The number of queries is
pinned by tests/test_portal.py (TestStudentPortalQueries), not here.
"""

import re
import statistics
import sys
import time
import urllib.parse
import urllib.request
from datetime import date
from http.cookiejar import CookieJar

# tools/, the script's directory; on import, the script runs itself again
# under the Python that imports Odoo 18.0 (found as tools/run_tests.sh does)
import _bench as bench

PAGES = ("/my/home", "/my/studies", "/my/payments", "/my/results")
TARGET_MS = 300
# personal codes of the two bench students (valid check digits)
CODES = {"bench2": "320000-12345", "bench40": "389999-00001"}


def parse_args():
    parser = bench.arguments(__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--setup", action="store_true")
    return parser.parse_args()


def setup(args):
    from odoo import Command

    context = {"tracking_disable": True, "no_reset_password": True}
    with bench.environment(args, context) as env:
        cr = env.cr
        if env["res.users"].search([("login", "=", "bench40")]):
            print("bench users exist already")
            return
        group = env.ref("bvk_student_crm.bvk_group_bv_current")
        director = env.ref("bvk_student_crm.bvk_user_director")
        for login, count in (("bench2", 2), ("bench40", 40)):
            student = env["bvk.student"].create(
                {
                    "name": f"Bench {count}",
                    "email": f"{login}@example.lv",
                    "personal_code": CODES[login],
                    "group_id": group.id,
                }
            )
            contract = env["bvk.study.contract"].create(
                {"student_id": student.id, "date_start": date(date.today().year, 9, 1)}
            )
            total = contract.amount_total
            if count == 2:
                vals = {
                    "plan": "custom",
                    "line_ids": [
                        Command.create(
                            {
                                "sequence": n,
                                "date_due": date(date.today().year + n - 1, 8, 31),
                                "amount": total / 2,
                            }
                        )
                        for n in (1, 2)
                    ],
                }
            else:
                vals = {
                    "plan": "monthly",
                    "installments_per_semester": 10,
                    "invoice_timing": "at_signing",
                }
            schedule = env["bvk.payment.schedule"].create(
                {"contract_id": contract.id, **vals}
            )
            schedule.action_generate()
            contract.with_user(director).action_sign()
            env["res.users"].create(
                {
                    "login": login,
                    "password": login,
                    "partner_id": student.partner_id.id,
                    "groups_id": [Command.set(env.ref("base.group_portal").ids)],
                }
            )
            print(f"{login}: {len(schedule.line_ids)} instalments", flush=True)
        cr.commit()


def login(args, name):
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(CookieJar())
    )
    page = opener.open(f"{args.url}/web/login?db={args.db}").read().decode()
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"login": name, "password": name, "csrf_token": csrf, "db": args.db}
    ).encode()
    opener.open(f"{args.url}/web/login", data)
    return opener


def measure(args):
    print(f"\n{'user':<9} {'page':<14} {'min':>7} {'median':>7} {'p95':>7}  (ms)")
    worst = 0.0
    for name in ("bench2", "bench40"):
        opener = login(args, name)
        for path in PAGES:
            opener.open(args.url + path).read()  # warm-up
            times = []
            for _run in range(args.runs):
                start = time.perf_counter()
                response = opener.open(args.url + path)
                response.read()
                times.append((time.perf_counter() - start) * 1000)
                if response.status != 200:
                    sys.exit(f"{name} {path}: HTTP {response.status}")
            times.sort()
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            median = statistics.median(times)
            if name == "bench40":
                worst = max(worst, median)
            print(f"{name:<9} {path:<14} {times[0]:7.0f} {median:7.0f} {p95:7.0f}")
    verdict = "within" if worst <= TARGET_MS else "ABOVE"
    print(
        f"\nbench40: slowest median {worst:.0f} ms, {verdict} the target of "
        f"{TARGET_MS} ms"
    )


def main():
    args = parse_args()
    if args.setup:
        setup(args)
    measure(args)


if __name__ == "__main__":
    main()
