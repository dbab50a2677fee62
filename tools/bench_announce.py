#!/usr/bin/env python3
# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the announcements (steps 3.2 and 3.3; not a test).

Run against a THROWAWAY database (``--init`` drops and creates it with
bvk_student_crm installed, without demo data)::

    /opt/odoo-venv/bin/python tools/bench_announce.py --db ann_bench --init \\
        [--students 20000] [--addons-path ...]

It builds (once, committed) N active students in groups of 25, half of them
in Latvian, every second with a mobile number, one in twenty e-mails on the
blacklist and one in twenty mobiles opted out of SMS. Then it measures,
printing wall time, SQL queries and peak memory:

1. the counts the announcement form shows before sending (who will receive
   it, who is excluded and why) for all N students;
2. one batch of the preparation at three sizes (the number of queries per
   batch must not grow with the batch);
3. the whole preparation: queued e-mails (``mail.mail``) and SMS
   (``sms.sms``) for the mail and SMS queues, one chatter line per student.

The measured part is rolled back, so it can be repeated on the same database.
"""

import argparse
import resource
import subprocess
import sys
import time
from contextlib import contextmanager

ADDONS = "/opt/odoo18/odoo/addons,/opt/odoo18/addons,/work/main"
GROUP_SIZE = 25
RESULTS = []


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="ann_bench")
    parser.add_argument("--addons-path", default=ADDONS)
    parser.add_argument("--odoo", default="/opt/odoo18")
    parser.add_argument("--init", action="store_true", help="(re)create the database")
    parser.add_argument("--students", type=int, default=20000)
    parser.add_argument("--http-port", default="8139")
    return parser.parse_args()


@contextmanager
def measure(label, cr):
    """Wall time, queries and, apart, the INSERTs (the ORM's create writes
    its rows 100 at a time: one INSERT per 100 rows and table)."""
    queries = cr.sql_log_count
    inserts = []
    original = cr.execute

    def counting(query, params=None, log_exceptions=True):
        if str(getattr(query, "code", query)).lstrip().upper().startswith("INSERT"):
            inserts.append(1)
        return original(query, params, log_exceptions)

    cr.execute = counting
    start = time.perf_counter()
    info = {}
    try:
        yield info
    finally:
        cr.execute = original
    wall = time.perf_counter() - start
    count = cr.sql_log_count - queries
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"  {label:<52} {wall:8.2f} s {count:7d} queries "
        f"({count - len(inserts)} + {len(inserts)} INSERTs)  maxrss {rss:6.0f} MB",
        flush=True,
    )
    RESULTS.append((label, wall, count, count - len(inserts)))


def create_database(args):
    subprocess.run(["dropdb", "--if-exists", args.db], check=True)
    subprocess.run(
        [
            "odoo",
            "-d",
            args.db,
            "--db_host=",
            f"--addons-path={args.addons_path}",
            "-i",
            "bvk_student_crm",
            "--without-demo=all",
            "--stop-after-init",
            f"--http-port={args.http_port}",
            "--max-cron-threads=0",
            "--log-level=warn",
        ],
        check=True,
    )


def populate(env, args):
    program = env["bvk.study.program"].search([("code", "=", "ABENCH")])
    if program:
        return program
    t0 = time.time()
    env["res.lang"]._activate_lang("lv_LV")
    eur = env.ref("base.EUR")
    eur.active = True
    program = env["bvk.study.program"].create(
        {
            "code": "ABENCH",
            "name": "Bench programme",
            "duration_semesters": 4,
            "tuition_per_semester": 1000.0,
            "currency_id": eur.id,
        }
    )
    groups = env["bvk.student.group"].create(
        [
            {"code": f"AB-{g:04d}", "program_id": program.id, "intake_year": 2026}
            for g in range(args.students // GROUP_SIZE)
        ]
    )
    n = 0
    for start in range(0, len(groups), 40):
        vals = []
        for group in groups[start : start + 40]:
            for _index in range(GROUP_SIZE):
                vals.append(
                    {
                        "name": f"Bench Student {n}",
                        "id_type": "document",
                        "id_document_number": f"AB{n}",
                        "email": f"ab{n}@example.lv",
                        "mobile": f"+3712{n:07d}" if n % 2 == 0 else False,
                        "group_id": group.id,
                        "state": "active",
                        "lang": "lv_LV" if n % 2 else "en_US",
                    }
                )
                n += 1
        env["bvk.student"].create(vals)
        env.flush_all()
        env.invalidate_all()
        print(f"  students: {n} in {time.time() - t0:.0f}s", flush=True)
    env["mail.blacklist"].create(
        [{"email": f"ab{i}@example.lv"} for i in range(0, n, 20)]
    )
    env["phone.blacklist"].create(
        [{"number": f"+3712{i:07d}"} for i in range(0, n, 40)]
    )
    env.cr.commit()
    return program


def new_announcement(env, program):
    announcement = env["bvk.announcement"].create(
        {
            "name": "Bench offer",
            "kind": "offer",
            "program_ids": [(6, 0, program.ids)],
            "subject": "Summer school for {{ object.name }}",
            "body_html": '<div><p>Dear <t t-out="object.name">student</t> of '
            '<t t-out="object.group_id.code">group</t>,</p>'
            "<p>the college offers a summer school.</p></div>",
            "send_sms": True,
            "sms_body": "BVK: {{ object.name }}, summer school, see e-mail.",
        }
    )
    announcement.with_context(lang="lv_LV").write(
        {
            "subject": "Vasaras skola: {{ object.name }}",
            "sms_body": "BVK: {{ object.name }}, vasaras skola.",
        }
    )
    env.flush_all()
    return announcement


def run(env, args):
    program = populate(env, args)
    cr = env.cr
    announcement = new_announcement(env, program)
    env.invalidate_all()
    with measure(f"counts before sending ({args.students} students)", cr):
        stats = announcement._bvk_recipient_stats()
    print(f"    {stats}")
    # one batch at three sizes: the queries must not grow with the batch
    per_batch = {}
    for size in (100, 500, 1000):
        savepoint = cr.savepoint()
        env.invalidate_all()
        announcement._bvk_write({"state": "sending", "stats": {}, "last_student_id": 0})
        env.flush_all()
        with measure(f"one batch of {size}", cr):
            announcement._bvk_prepare_batch(limit=size)
            env.flush_all()
        per_batch[size] = RESULTS[-1][3]
        savepoint.close(rollback=True)
        env.invalidate_all()
    print(
        "    queries per batch other than the INSERTs: "
        + ", ".join(f"{size}: {count}" for size, count in per_batch.items())
        + (
            "  (constant)"
            if max(per_batch.values()) - min(per_batch.values()) <= 5
            else "  (GROWS)"
        )
    )
    env.invalidate_all()
    with measure(f"send: prepare all ({args.students} students)", cr) as info:
        announcement.action_send()
        batches = 1
        while announcement.state == "sending":
            announcement._bvk_prepare_batch()
            batches += 1
        env.flush_all()
        info["batches"] = batches
    cr.execute(
        "SELECT count(*) FROM mail_mail m JOIN mail_message msg "
        "ON msg.id = m.mail_message_id WHERE msg.model = 'bvk.student'"
    )
    mails = cr.fetchone()[0]
    cr.execute("SELECT count(*) FROM sms_sms WHERE state = 'outgoing'")
    sms = cr.fetchone()[0]
    print(
        f"    {batches} batches, {mails} queued e-mails, {sms} queued SMS, "
        f"stats {announcement.stats}"
    )


def main():
    args = parse_args()
    sys.path.insert(0, args.odoo)
    import odoo
    from odoo.tools import config

    if args.init:
        create_database(args)
    config.parse_config(
        [
            f"--addons-path={args.addons_path}",
            "-d",
            args.db,
            "--db_host=",
            "--log-level=warn",
        ]
    )
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        cr.sql_log_count = 0
        env = odoo.api.Environment(
            cr,
            odoo.SUPERUSER_ID,
            {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True},
        )
        print(f"populating {args.students} students", flush=True)
        run(env, args)
        cr.rollback()
    print("\nSUMMARY")
    for label, wall, queries, others in RESULTS:
        print(f"  {label:<52} {wall:8.2f} s {queries:7d} q ({others} besides INSERTs)")


if __name__ == "__main__":
    main()
