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

import time

# tools/, the script's directory; on import, the script runs itself again
# under the Python that imports Odoo 18.0 (found as tools/run_tests.sh does)
import _bench as bench

BENCH = bench.Bench(width=52)


def parse_args():
    parser = bench.arguments(__doc__, db="ann_bench", options=["--db_host="])
    parser.add_argument("--students", type=int, default=20000)
    parser.add_argument("--http-port", default="8139")
    args = parser.parse_args()
    args.init_options = [f"--http-port={args.http_port}", "--max-cron-threads=0"]
    return args


def measure(label, cr):
    """Wall time, queries and, apart, the INSERTs (the ORM's create writes
    its rows 100 at a time: one INSERT per 100 rows and table)."""
    return BENCH.measure(label, cr, inserts=True)


def populate(env, args):
    program = env["bvk.study.program"].search([("code", "=", "ABENCH")])
    if program:
        return program
    t0 = time.time()
    env["res.lang"]._activate_lang("lv_LV")
    program = bench.create_program(env, "ABENCH")
    groups = bench.create_groups(env, program, "AB", args.students // bench.GROUP_SIZE)
    n = bench.create_students(
        env,
        groups,
        "AB",
        lambda n: {
            "mobile": f"+3712{n:07d}" if n % 2 == 0 else False,
            "lang": "lv_LV" if n % 2 else "en_US",
        },
        done=lambda n: print(f"  students: {n} in {time.time() - t0:.0f}s", flush=True),
    )
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
        last = BENCH.results[-1]
        per_batch[size] = last["queries"] - last["inserts"]
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
    BENCH.main(
        args,
        run,
        f"populating {args.students} students",
        tail=lambda result: (
            f" ({result['queries'] - result['inserts']} besides INSERTs)"
        ),
    )


if __name__ == "__main__":
    main()
