#!/usr/bin/env python3
# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the finance flows of bvk_student_crm (not a test).

Run against a THROWAWAY database where bvk_student_crm is installed::

    python3 tools/bench_finance.py -d bvk_fin_bench [--students 20000] \\
        [--per-student 10] [--peak-lines 1000] [--import-lines 10000] \\
        [--kill-after SECONDS] [--naive 200]

Only the import again, on the contracts of an earlier run (instalment 3, then
4... each run needs invoices of its own)::

    ... --reuse BENCH12345 --sequence 3 [--offset 11220] [--kill-after 60]

(--peak-lines 0, --import-lines 0 or --naive 0 leave a part out.)

It builds students, contracts and instalments (bulk SQL for the instalments),
then measures, each beside the naive way in the same run, wall time, SQL
query count and peak memory (max RSS) of:

1. the daily reminder run when 2 % of the instalments are newly overdue
   (overdue scan; whole run committed per batch) vs. one chatter message per
   instalment with ``message_post_with_source``;
2. the import of camt.053 files of real payments (posted and reconciled), the
   way users get them: a peak day's file (--peak-lines) and a big file
   (--import-lines), each uploaded then processed by the background job one
   chunk per call, committed after each call as the scheduler does (the
   memory is printed as it goes); optionally the job is killed half-way
   (--kill-after, SIGKILL of a process of its own) and run again; every
   line must be paid once. Then the same big file again (only duplicates),
   and ``account.payment.register`` invoice by invoice (the naive way).

Everything it creates stays in the database: drop it afterwards.
"""

import argparse
import sys
import time
from datetime import date, timedelta

# tools/, the script's directory; on import, the script runs itself again
# under the Python that imports Odoo 18.0 (found as tools/run_tests.sh does)
import _bench as bench

BENCH = bench.Bench(width=58, indent="", wide=True)
measure = BENCH.measure


def parse_args():
    parser = bench.arguments(__doc__)
    parser.add_argument("--students", type=int, default=20000)
    parser.add_argument("--per-student", type=int, default=10)
    parser.add_argument(
        "--import-lines", type=int, default=10000, help="background file size"
    )
    parser.add_argument(
        "--peak-lines", type=int, default=1000, help="a peak day's file size"
    )
    parser.add_argument(
        "--kill-after",
        type=float,
        default=0,
        metavar="SECONDS",
        help="kill the background job (SIGKILL, in a process of its own) after "
        "SECONDS, then run it again: nothing lost, nothing paid twice",
    )
    parser.add_argument(
        "--chunk", type=int, help="lines per call of the job (default: the model's)"
    )
    parser.add_argument("--run-job", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--naive", type=int, default=200, help="naive sample size")
    parser.add_argument("--overdue-share", type=float, default=0.02)
    parser.add_argument("--profile", action="store_true", help="cProfile the run")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--skip-reminders", action="store_true")
    parser.add_argument(
        "--reuse",
        metavar="CODE",
        help="reuse the contracts of the programme CODE of an earlier run and "
        "only benchmark the import (on instalment --sequence)",
    )
    parser.add_argument("--sequence", type=int, default=2)
    parser.add_argument(
        "--offset",
        type=int,
        default=0,
        help="with --reuse: skip the first contracts (used by an earlier run)",
    )
    return parser.parse_args()


def main():
    args = parse_args()
    if args.run_job:
        with bench.environment(args, context={}, log_level=None) as env:
            if args.chunk:
                type(env["bvk.bank.import"])._bvk_job_chunk_size = args.chunk
            run_job_only(env)
        return
    with bench.environment(args, bench.QUIET, log_level=None) as env:
        run(env, args)
    BENCH.summary(tail=lambda result: f"  n={result['count']}")
    rates = {
        result["label"]: result["count"] / result["wall"]
        for result in BENCH.results
        if result["count"] and result["wall"]
    }

    def rate(prefix):
        return next((r for label, r in rates.items() if label.startswith(prefix)), 0)

    for kind, ours in (
        ("reminders", "reminders: daily"),
        ("import", "import: peak day"),
        ("import", "import: background"),
    ):
        fast, naive = rate(ours), rate(f"{kind} NAIVE")
        if fast and naive:
            print(
                f"  {ours.rstrip(': ')}: {fast:,.1f}/s vs naive {naive:,.1f}/s "
                f"= {fast / naive:.1f}x"
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
            # numbered as signing numbers them: the payments name them
            "UPDATE bvk_study_contract SET state = 'active', date_signed = %s, "
            "name = 'BN-2026/' || lpad(id::text, 6, '0') WHERE id = ANY(%s)",
            [today - timedelta(days=100), contracts.ids],
        )
        bench.insert_schedules(cr, "c.id = ANY(%s)", [contracts.ids], plan="custom")
    per = args.per_student
    overdue_every = max(round(1 / args.overdue_share / per), 1)
    with measure(f"setup: {n * per} instalments (SQL)", cr, n * per):
        # instalment 1 of every k-th student is newly overdue (due yesterday,
        # no reminder yet): 2 % of all; the others are due in the future
        cr.execute(
            """
            INSERT INTO bvk_payment_installment (schedule_id, sequence, contract_id,
                student_id, group_id, program_id, company_id, currency_id, payer_id,
                date_due, date_invoice, amount, amount_residual, amount_paid,
                amount_credited, state, cancelled, reminder_level,
                create_uid, write_uid, create_date, write_date)
            SELECT s.id, g.seq, c.id, c.student_id, c.group_id, c.program_id,
                c.company_id, c.currency_id, c.payer_id,
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


def run_job(env, record, label, every=1000):
    """Call the job as the scheduler does (one chunk per call, a commit after
    each) until ``record`` is processed; print the memory now and then."""
    Import = env["bvk.bank.import"]
    cr = env.cr
    calls, next_print = 0, every
    slowest = (0.0, 0.0)  # (wall, CPU) of the slowest call
    while True:
        wall, cpu = time.perf_counter(), bench.cpu_seconds()
        Import._cron_bvk_process_imports()
        cr.commit()
        wall, cpu = time.perf_counter() - wall, bench.cpu_seconds() - cpu
        slowest = max(slowest, (wall, cpu))
        calls += 1
        state, done = record.state, record.count_done
        if done >= next_print or state not in ("queued", "processing"):
            print(
                f"    {label}: {done}/{record.count_new} lines after {calls} calls, "
                f"RSS {bench.rss_mb():.0f} MB",
                flush=True,
            )
            next_print = done + every
        if state not in ("queued", "processing"):
            print(
                f"    {label}: up to {Import._bvk_job_chunk_size} lines per call; "
                f"slowest call {slowest[0]:.1f} s wall, {slowest[1]:.1f} s CPU in this "
                f"process (Odoo makes up to 10 calls per pass: a cron worker "
                f"allows 120 s wall and 60 s CPU by default)",
                flush=True,
            )
            return calls
        if not done:
            time.sleep(0.5)  # a killed worker's lock not yet released


def kill_job_midway(args, seconds):
    """Run the job in another process and kill it (SIGKILL) after
    ``seconds``, as a crashed or killed worker would stop."""
    import signal
    import subprocess

    proc = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "-d",
            args.db,
            "--addons-path",
            args.addons_path,
            "--run-job",
        ]
        + (["--chunk", str(args.chunk)] if args.chunk else [])
    )
    time.sleep(seconds)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    print(f"    job process killed after {seconds:.0f} s (SIGKILL)", flush=True)


def check_paid(env, record, installments, label):
    """Every line paid once: one payment per matched line, no payment
    without its line, every instalment paid and none overpaid."""
    env.invalidate_all()
    lines = record.line_ids
    matched = lines.filtered(lambda line: line.state == "matched")
    payments = env["account.payment"].search(
        [("payment_reference", "in", lines.mapped("bank_ref"))]
    )
    paid = env["bvk.payment.installment"].search_count(
        [("id", "in", installments.ids), ("state", "=", "paid")]
    )
    credit = sum(
        payments.move_id.line_ids.filtered(
            lambda aml: aml.account_id.account_type == "asset_receivable"
        ).mapped("amount_residual")
    )
    print(
        f"    {label}: {len(matched)}/{len(lines)} lines matched, "
        f"{len(payments)} payments for {len(matched.payment_id)} paid lines, "
        f"instalments paid {paid}/{len(installments)}, unreconciled "
        f"{credit:.2f}",
        flush=True,
    )
    return len(payments) == len(matched) == len(matched.payment_id)


def bench_import(env, args, today, contracts, journal):
    cr = env.cr
    peak_n = min(args.peak_lines, len(contracts))
    big_n = min(args.import_lines, len(contracts) - peak_n)
    naive_n = min(args.naive, len(contracts) - peak_n - big_n)
    same_n = min(20, len(contracts) - peak_n - big_n - naive_n)
    total = peak_n + big_n + naive_n + same_n
    Installment = env["bvk.payment.installment"]
    # the instalment --sequence of the first contracts gets a real invoice
    targets = Installment.search(
        [
            ("contract_id", "in", contracts[:total].ids),
            ("sequence", "=", args.sequence),
        ],
        order="contract_id",
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
        cr.commit()
    # measured as users and the scheduler run it: no context switching
    # tracking or logging off (the setup's)
    env = env(context={})
    journal = journal.with_env(env)
    Installment = Installment.with_env(env)
    stamp = int(time.time())

    def statement(installments, tag):
        return camt053(
            [
                (
                    f"BENCH{i.id}-{args.sequence}-{tag}-{stamp}",
                    i.amount,
                    f"Studiju maksa {i.contract_id.name}",
                    i.student_id.name,
                )
                for i in installments
            ],
            account,
        )

    Import = env["bvk.bank.import"]
    if args.chunk:
        type(Import)._bvk_job_chunk_size = args.chunk
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    ok = True
    # 1. a peak day: upload, then the job until every payment is booked
    if peak_n:
        ok &= bench_peak(env, Import, journal, targets.ids[:peak_n], statement)
    # 2. a big file in the background (optionally killed half-way), then
    # 3. the same file again: only duplicates
    if big_n:
        ok &= bench_background(
            env, args, Import, journal, targets.ids[peak_n : peak_n + big_n], statement
        )
    if profiler:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
    # 4. the same file by two users at the same moment, each in a transaction
    # of its own (two servers)
    same_targets = Installment.browse(targets.ids[total - same_n : total])
    if same_n:
        ok &= same_file_twice(env, journal, statement(same_targets, "S"))
    naive_targets = Installment.browse(targets.ids[peak_n + big_n : total - same_n])
    if naive_n:
        with measure(f"import NAIVE: account.payment.register x{naive_n}", cr, naive_n):
            for installment in naive_targets:
                env["account.payment.register"].with_context(
                    active_model="account.move", active_ids=installment.move_id.ids
                ).create(
                    {"journal_id": journal.id, "payment_date": date(2026, 9, 1)}
                )._create_payments()
        cr.rollback()
    print(f"    every payment booked once: {'yes' if ok else 'NO'}")


def bench_peak(env, Import, journal, ids, statement):
    cr = env.cr
    targets = env["bvk.payment.installment"].browse(ids)
    data = statement(targets, "P")
    threshold = journal.company_id.bvk_import_background_lines
    with measure(
        f"import: peak day, {len(ids)} payments (upload + job, paid + reconciled)",
        cr,
        len(ids),
    ):
        start = time.perf_counter()
        record, summary = Import._import_file(data, "peak.xml", journal)
        cr.commit()
        print(
            f"    upload: {time.perf_counter() - start:.2f} s "
            f"({'background' if summary['background'] else 'at once'}, "
            f"threshold {threshold} lines)",
            flush=True,
        )
        if summary["background"]:
            run_job(env, record, "peak", every=max(len(ids) // 2, 1))
    env.invalidate_all()
    print(f"    {record.with_context(lang='en_US')._bvk_summary_text()}")
    return check_paid(env, record, targets, "peak")


def bench_background(env, args, Import, journal, ids, statement):
    cr = env.cr
    targets = env["bvk.payment.installment"].browse(ids)
    data = statement(targets, "B")
    with measure(
        f"import: background, {len(ids)} payments (upload + job)", cr, len(ids)
    ):
        start = time.perf_counter()
        record, summary = Import._import_file(data, "big.xml", journal)
        cr.commit()
        print(
            f"    upload: {time.perf_counter() - start:.2f} s, "
            f"RSS {bench.rss_mb():.0f} MB",
            flush=True,
        )
        if args.kill_after:
            kill_job_midway(args, args.kill_after)
            env.invalidate_all()
            print(
                f"    after the kill: {record.count_done}/{record.count_new} lines "
                f"processed, {len(record.line_ids.payment_id)} payments",
                flush=True,
            )
        run_job(env, record, "background")
    env.invalidate_all()
    print(f"    {record.with_context(lang='en_US')._bvk_summary_text()}")
    ok = check_paid(env, record, targets, "background")
    with measure(f"import: same file again ({len(ids)} duplicates)", cr, len(ids)):
        record2, summary2 = Import._import_file(data, "big.xml", journal)
    print(f"    created: {bool(record2)}, duplicates: {summary2['duplicate']}")
    cr.rollback()
    return ok


def same_file_twice(env, journal, data):
    """Two users import the same file at the same moment, each in a
    transaction of its own: each payment is booked once, and the second user
    is told why their lines were skipped."""
    import threading

    import odoo

    registry = env.registry
    barrier = threading.Barrier(2)
    results = {}

    def user(name):
        with registry.cursor() as cr:
            uenv = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
            journal_u = uenv["account.journal"].browse(journal.id)
            journal_u.name  # noqa: B018 - both transactions have begun
            barrier.wait()
            Import = uenv["bvk.bank.import"]
            try:
                record, summary = Import._import_file(data, f"{name}.xml", journal_u)
            except Exception as exc:  # noqa: BLE001 - printed below
                results[name] = (None, {"lines": 0}, f"ERROR {exc!r}")
                return
            currency = journal_u.currency_id or journal_u.company_id.currency_id
            results[name] = (
                record.id,
                summary,
                Import._format_summary(summary, currency),
            )

    threads = [threading.Thread(target=user, args=(n,)) for n in ("A", "B")]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    env.cr.rollback()  # a new snapshot: the users' transactions committed
    env.invalidate_all()
    for record_id, _summary, _text in results.values():
        record = env["bvk.bank.import"].browse(record_id)
        if record_id and record.state in ("queued", "processing"):
            run_job(env, record, "same file")
    refs = [
        line.bank_ref
        for line in env["bvk.bank.import.line"].search(
            [("import_id", "in", [r[0] for r in results.values() if r[0]])]
        )
    ]
    payments = env["account.payment"].search_count([("payment_reference", "in", refs)])
    print(f"same file by two users at the same moment ({wall:.1f} s):")
    for name, (record_id, _summary, text) in sorted(results.items()):
        print(f"    user {name}: import {record_id or 'none'}: {text}")
    lines = max(summary["lines"] for _id, summary, _t in results.values())
    print(f"    payments booked: {payments} for {lines} lines", flush=True)
    return len(results) == 2 and payments == lines == len(refs)


def run_job_only(env):
    """The job alone, in this process (killed by the benchmark)."""
    Import = env["bvk.bank.import"]
    while env["bvk.bank.import"].search_count(
        [("state", "in", ("queued", "processing"))]
    ):
        Import._cron_bvk_process_imports()
        env.cr.commit()


def run(env, args):
    today = date.today()
    if args.reuse:
        contracts = env["bvk.study.contract"].search(
            [("program_id.code", "=", args.reuse)], order="id"
        )[args.offset :]
        journal = env["account.journal"].search([("code", "=", "BEUR")]) or env[
            "account.journal"
        ].search([("type", "=", "bank")], limit=1)
        bench_import(env, args, today, contracts, journal)
        return
    program, contracts, journal = setup(env, args, today)
    print(f"programme {program.code}: {len(contracts)} contracts (--reuse)")
    if not args.skip_reminders:
        bench_reminders(env, args, today, contracts)
    if not args.skip_import:
        bench_import(env, args, today, contracts, journal)
    print(f"\nprogramme {program.code}: {len(contracts)} contracts")


if __name__ == "__main__":
    main()
