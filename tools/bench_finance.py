#!/usr/bin/env python3
# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the finance flows of bvk_student_crm (not a test).

Run against a THROWAWAY database where bvk_student_crm is installed::

    /opt/odoo-venv/bin/python tools/bench_finance.py -d bvk_fin_bench \\
        --addons-path=/opt/odoo18/addons,/work/main [--students 20000] \\
        [--per-student 10] [--import-lines 10000] [--naive 200]

It builds students, contracts and instalments (bulk SQL for the instalments),
then measures, each beside the naive way in the same run, wall time, SQL
query count and peak memory (max RSS) of:

1. the daily reminder run when 2 % of the instalments are newly overdue
   (overdue scan; whole run committed per batch) vs. one chatter message per
   instalment with ``message_post_with_source``;
2. the import of a camt.053 file of N real payments (payments posted and
   reconciled) vs. ``account.payment.register`` invoice by invoice; and the
   import of the same file again (only duplicates).

Everything it creates stays in the database: drop it afterwards.
"""

import argparse
import resource
import sys
import time
from contextlib import contextmanager
from datetime import date, timedelta

sys.path.insert(0, "/opt/odoo18")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path", default="/opt/odoo18/addons,/work/main")
    parser.add_argument("--students", type=int, default=20000)
    parser.add_argument("--per-student", type=int, default=10)
    parser.add_argument("--import-lines", type=int, default=10000)
    parser.add_argument("--naive", type=int, default=200, help="naive sample size")
    parser.add_argument("--overdue-share", type=float, default=0.02)
    parser.add_argument("--profile", action="store_true", help="cProfile the run")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument(
        "--reuse",
        metavar="CODE",
        help="reuse the contracts of the programme CODE of an earlier run and "
        "only benchmark the import (on instalment --sequence)",
    )
    parser.add_argument("--sequence", type=int, default=2)
    return parser.parse_args()


RESULTS = []


@contextmanager
def measure(label, cr, count=None):
    start_queries = cr.sql_log_count
    start = time.perf_counter()
    info = {}
    yield info
    wall = time.perf_counter() - start
    queries = cr.sql_log_count - start_queries
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = info.get("count", count)
    rate = f", {n / wall:,.0f}/s, {queries / n:.1f} q/item" if n else ""
    line = (
        f"{label:<58} {wall:9.2f} s {queries:9d} queries  peak RSS {peak:7.0f} MB{rate}"
    )
    print(line, flush=True)
    RESULTS.append((label, wall, queries, n))
    info["wall"] = wall
    info["queries"] = queries


def main():
    args = parse_args()
    import odoo
    from odoo.tools import config

    config.parse_config(["--addons-path", args.addons_path, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        cr.sql_log_count = 0
        env = odoo.api.Environment(
            cr,
            odoo.SUPERUSER_ID,
            {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True},
        )
        run(env, args)
    print("\nSUMMARY")
    for label, wall, queries, n in RESULTS:
        print(f"  {label:<58} {wall:9.2f} s {queries:9d} q  n={n}")
    rates = {label: n / wall for label, wall, _q, n in RESULTS if n and wall}

    def rate(prefix):
        return next((r for label, r in rates.items() if label.startswith(prefix)), 0)

    for kind, ours in (("reminders", "reminders: daily"), ("import", "import: camt")):
        fast, naive = rate(ours), rate(f"{kind} NAIVE")
        if fast and naive:
            print(
                f"  {kind}: {fast:,.0f}/s vs naive {naive:,.1f}/s = {fast / naive:.1f}x"
            )


# ----------------------------------------------------------------------
# setup
# ----------------------------------------------------------------------


def setup(env, args, today):
    cr = env.cr
    company = env.company
    if not company.chart_template:
        env["account.chart.template"].try_loading(
            "generic_coa", company=company, install_demo=False
        )
    eur = env.ref("base.EUR")
    eur.active = True
    if company.currency_id != eur and not env["account.move.line"].search_count([]):
        company.currency_id = eur
    program = env["bvk.study.program"].create(
        {
            "code": f"BENCH{int(time.time()) % 100000}",
            "name": "Benchmark Programme",
            "duration_semesters": 4,
            "tuition_per_semester": 1000.0,
            "currency_id": eur.id,
        }
    )
    group = env["bvk.student.group"].create(
        {"code": program.code + "-1", "program_id": program.id, "intake_year": 2026}
    )
    journal = env["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
    )
    if (journal.currency_id or company.currency_id) != eur:
        journal = env["account.journal"].search(
            [("code", "=", "BEUR"), ("company_id", "=", company.id)]
        ) or env["account.journal"].create(
            {"name": "Bench EUR", "code": "BEUR", "type": "bank", "currency_id": eur.id}
        )
    n = args.students
    with measure(f"setup: {n} students (ORM, batches of 1000)", cr, n):
        students = env["bvk.student"]
        for offset in range(0, n, 1000):
            students |= env["bvk.student"].create(
                [
                    {
                        "name": f"Bench Student {i}",
                        "id_type": "document",
                        "id_document_number": f"B{program.code}{i}",
                        "birth_date": date(2000, 1, 1),
                        "email": f"bench{i}@example.lv",
                        "phone": f"+3712{i:07d}",
                        "group_id": group.id,
                        "lang": "en_US",
                    }
                    for i in range(offset, min(offset + 1000, n))
                ]
            )
            env.flush_all()
            env.invalidate_all()
    with measure(f"setup: {n} contracts (ORM) + schedules (SQL)", cr, n):
        contracts = env["bvk.study.contract"]
        for offset in range(0, n, 1000):
            contracts |= env["bvk.study.contract"].create(
                [
                    {
                        "student_id": student.id,
                        "date_start": date(2026, 9, 1),
                        "amount_total": 1000.0 * args.per_student,
                    }
                    for student in students[offset : offset + 1000]
                ]
            )
            env.flush_all()
            env.invalidate_all()
        cr.execute(
            "UPDATE bvk_study_contract SET state = 'active', date_signed = %s "
            "WHERE id = ANY(%s)",
            [today - timedelta(days=100), contracts.ids],
        )
        cr.execute(
            """
            INSERT INTO bvk_payment_schedule (contract_id, student_id, name, state,
                plan, installments_per_semester, due_days_before_semester,
                invoice_timing, invoice_days_before, currency_id, company_id,
                create_uid, write_uid, create_date, write_date)
            SELECT c.id, c.student_id, c.name, 'confirmed', 'custom', 5, 1,
                'before_due', 14, c.currency_id, c.company_id, 1, 1, now(), now()
              FROM bvk_study_contract c WHERE c.id = ANY(%s)
            """,
            [contracts.ids],
        )
    per = args.per_student
    overdue_every = max(round(1 / args.overdue_share / per), 1)
    with measure(f"setup: {n * per} instalments (SQL)", cr, n * per):
        # instalment 1 of every k-th student is newly overdue (due yesterday,
        # no reminder yet): 2 % of all; the others are due in the future
        cr.execute(
            """
            INSERT INTO bvk_payment_installment (schedule_id, sequence, contract_id,
                student_id, group_id, program_id, company_id, currency_id, payer_id,
                name, date_due, date_invoice, amount, amount_residual, amount_paid,
                amount_credited, state, cancelled, reminder_level,
                create_uid, write_uid, create_date, write_date)
            SELECT s.id, g.seq, c.id, c.student_id, c.group_id, c.program_id,
                c.company_id, c.currency_id, c.payer_id,
                c.name || ', instalment ' || g.seq,
                CASE WHEN g.seq = 1 AND (c.id %% %s) = 0 THEN %s::date - 1
                     ELSE %s::date + 30 * g.seq END,
                CASE WHEN g.seq = 1 AND (c.id %% %s) = 0 THEN %s::date - 15
                     ELSE %s::date + 30 * g.seq - 14 END,
                1000.0, 1000.0, 0.0, 0.0, 'invoiced', false, 0, 1, 1, now(), now()
              FROM bvk_study_contract c
              JOIN bvk_payment_schedule s ON s.contract_id = c.id
              CROSS JOIN generate_series(1, %s) AS g(seq)
             WHERE c.id = ANY(%s)
            """,
            [
                overdue_every,
                today,
                today,
                overdue_every,
                today,
                today,
                per,
                contracts.ids,
            ],
        )
        cr.execute("ANALYZE bvk_payment_installment")
    cr.commit()
    env.invalidate_all()
    return program, contracts, journal


# ----------------------------------------------------------------------
# reminders
# ----------------------------------------------------------------------


def bench_reminders(env, args, today, contracts):
    # the context of the daily cron (no tracking or logging switched off)
    env = env(context={})
    contracts = contracts.with_env(env)
    cr = env.cr
    Installment = env["bvk.payment.installment"].with_context(
        mail_notify_force_send=False
    )
    policy = Installment._bvk_policies()[:1]
    domain = Installment._bvk_reminder_domain(policy, today)
    with measure("reminders: overdue scan (search + count)", cr) as info:
        found = Installment.search(domain, limit=Installment._bvk_reminder_batch_size)
        total = Installment.search_count(domain)
        info["count"] = total
    print(f"    newly overdue: {total}, first batch {len(found)}")
    env.invalidate_all()
    batches = 0
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    with measure("reminders: daily run, batches committed", cr, total) as info:
        while True:
            start = time.perf_counter()
            q0 = cr.sql_log_count
            done, remaining = Installment._bvk_remind_batch(
                policy, today, limit=Installment._bvk_reminder_batch_size
            )
            cr.commit()
            env.invalidate_all()
            batches += 1
            if done:
                print(
                    f"    batch {batches}: {done} obligations, "
                    f"{time.perf_counter() - start:.2f} s, {cr.sql_log_count - q0} q"
                )
            if not remaining:
                break
    if profiler:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    with measure("reminders: second run the same day (nothing to send)", cr):
        Installment._bvk_remind_batch(policy, today, limit=2000)
    # naive: one chatter message per instalment through a template
    template = env["mail.template"].create(
        {
            "name": "bench naive reminder",
            "model_id": env["ir.model"]._get_id("bvk.study.contract"),
            "subject": "Reminder {{ object.name }}",
            "body_html": "<p>Dear <t t-out='object.student_id.name'/>, "
            "<t t-out='format_amount(object.amount_total, object.currency_id)'/></p>",
            "partner_to": "{{ object.student_id.partner_id.id }}",
        }
    )
    sample = contracts[: args.naive]
    with measure(
        f"reminders NAIVE: message_post_with_source x{len(sample)}", cr, len(sample)
    ):
        for contract in sample:
            contract.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
    cr.rollback()
    env.invalidate_all()


# ----------------------------------------------------------------------
# import
# ----------------------------------------------------------------------


def camt053(entries, account):
    parts = [
        (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'
            "<BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId>"
            "<CreDtTm>2026-09-02T06:00:00</CreDtTm></GrpHdr><Stmt><Id>S</Id>"
            "<CreDtTm>2026-09-02T06:00:00</CreDtTm>"
            f"<Acct><Id><IBAN>{account}</IBAN></Id><Ccy>EUR</Ccy></Acct>"
        )
    ]
    for ref, amount, details, name in entries:
        parts.append(
            f'<Ntry><Amt Ccy="EUR">{amount:.2f}</Amt><CdtDbtInd>CRDT</CdtDbtInd>'
            "<Sts>BOOK</Sts><BookgDt><Dt>2026-09-01</Dt></BookgDt>"
            f"<AcctSvcrRef>{ref}</AcctSvcrRef><NtryDtls><TxDtls>"
            f'<AmtDtls><TxAmt><Amt Ccy="EUR">{amount:.2f}</Amt></TxAmt></AmtDtls>'
            f"<RltdPties><Dbtr><Nm>{name}</Nm></Dbtr></RltdPties>"
            f"<RmtInf><Ustrd>{details}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>"
        )
    parts.append("</Stmt></BkToCstmrStmt></Document>")
    return "".join(parts).encode()


def bench_import(env, args, today, contracts, journal):
    cr = env.cr
    n = min(args.import_lines, len(contracts))
    naive_n = min(args.naive, len(contracts) - n)
    Installment = env["bvk.payment.installment"]
    # the instalment 2 of the first n + naive_n contracts gets a real invoice
    targets = Installment.search(
        [
            ("contract_id", "in", contracts[: n + naive_n].ids),
            ("sequence", "=", args.sequence),
        ]
    )
    cr.execute(
        "UPDATE bvk_payment_installment SET state = 'planned' "
        "WHERE id = ANY(%s) AND move_id IS NULL",
        [targets.ids],
    )
    env.invalidate_all()
    with measure(
        f"setup: {len(targets)} invoices posted (ORM, batches)", cr, len(targets)
    ):
        for offset in range(0, len(targets), 500):
            Installment.browse(targets.ids[offset : offset + 500])._create_invoices()
            cr.commit()
            env.invalidate_all()
    account = journal.bank_account_id.sanitized_acc_number or "LV56HABA0551099887766"
    if not journal.bank_account_id:
        journal.bank_acc_number = account
    import_targets = Installment.browse(targets.ids[:n])
    stamp = int(time.time())
    entries = [
        (
            f"BENCH{i.id}-{args.sequence}-{stamp}",
            i.amount,
            f"Studiju maksa {i.contract_id.name}",
            i.student_id.name,
        )
        for i in import_targets
    ]
    data = camt053(entries, account)
    Import = env["bvk.bank.import"]
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    with measure(f"import: camt.053 with {n} payments (paid + reconciled)", cr, n):
        _record, summary = Import._import_file(data, "bench.xml", journal)
        cr.commit()
    if profiler:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
    print(f"    {Import._format_summary(summary, journal.company_id.currency_id)}")
    env.invalidate_all()
    paid = Installment.search_count(
        [("id", "in", import_targets.ids), ("state", "=", "paid")]
    )
    print(f"    instalments paid after import: {paid}/{n}")
    with measure(f"import: same file again ({n} duplicates)", cr, n):
        record2, summary2 = Import._import_file(data, "bench.xml", journal)
    print(f"    created: {bool(record2)}, duplicates: {summary2['duplicate']}")
    cr.rollback()
    naive_targets = Installment.browse(targets.ids[n : n + naive_n])
    with measure(f"import NAIVE: account.payment.register x{naive_n}", cr, naive_n):
        for installment in naive_targets:
            env["account.payment.register"].with_context(
                active_model="account.move", active_ids=installment.move_id.ids
            ).create(
                {"journal_id": journal.id, "payment_date": date(2026, 9, 1)}
            )._create_payments()
    cr.rollback()


def run(env, args):
    today = date.today()
    if args.reuse:
        contracts = env["bvk.study.contract"].search(
            [("program_id.code", "=", args.reuse)], order="id"
        )
        journal = env["account.journal"].search([("code", "=", "BEUR")]) or env[
            "account.journal"
        ].search([("type", "=", "bank")], limit=1)
        bench_import(env, args, today, contracts, journal)
        return
    program, contracts, journal = setup(env, args, today)
    bench_reminders(env, args, today, contracts)
    if not args.skip_import:
        bench_import(env, args, today, contracts, journal)
    print(f"\nprogramme {program.code}: {len(contracts)} contracts")


if __name__ == "__main__":
    main()
