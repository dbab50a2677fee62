# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the benchmarks in tools/ share (not a test; imported, not run).

- Odoo found as tools/run_tests.sh finds it (tools/_odoo_discover.py): on
  import, a script started by another Python runs itself again under the
  one that imports Odoo 18.0;
- ``arguments()``: the database options (``-d``/``--db`` or ``--database``,
  ``--addons-path``, ``--init``, the old ``--odoo``);
- ``create_database()`` (``--init``) and ``environment()``: a registry, a
  cursor and a superuser environment (tracking and logging off);
- ``Bench``: ``measure(label, cr, count, target=...)`` prints wall time, SQL
  queries, peak RSS and the CPU time of this process and of its PostgreSQL
  backend, and keeps the figures for ``summary()``; ``main()`` runs a bench
  in that environment and prints the summary;
- ``cpu_seconds()``, ``backend_cpu_seconds()``, ``rss_mb()``;
- the bench data: ``create_program()``, ``create_groups()``,
  ``create_students()`` (groups of ``GROUP_SIZE``) and the contracts and
  payment schedules of a programme's students by SQL.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
from contextlib import contextmanager

from _odoo_discover import use_odoo  # tools/, the script's directory

ODOO = use_odoo()
GROUP_SIZE = 25
# the setup's context: no tracking, no "created" message
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}


# ----------------------------------------------------------------------
# arguments, database, environment
# ----------------------------------------------------------------------


def arguments(doc, db=None, init_options=(), options=()):
    """An argument parser with the database options. ``db``: the default
    database (``-d``/``--db``, with ``--init`` to drop and create it with
    bvk_student_crm without demo data, ``init_options`` added to that
    command); none: ``-d``/``--database`` is required. ``options``: Odoo
    options for both (e.g. ``--db_host=``). The database is ``args.db``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    if db:
        parser.add_argument("-d", "--db", default=db)
        parser.add_argument(
            "--init", action="store_true", help="(re)create the database"
        )
    else:
        parser.add_argument("-d", "--database", dest="db", required=True)
    parser.add_argument("--addons-path", default=ODOO.addons_path)
    parser.add_argument(
        "--odoo",
        help="a directory put first on sys.path (by default Odoo is found by "
        "tools/_odoo_discover.py)",
    )
    parser.set_defaults(init_options=list(init_options), odoo_options=list(options))
    return parser


def create_database(args):
    """Drop ``args.db`` and create it with bvk_student_crm, without demo."""
    subprocess.run(["dropdb", "--if-exists", args.db], check=True)
    subprocess.run(
        [
            *ODOO.command,
            "-d",
            args.db,
            *args.odoo_options,
            f"--addons-path={args.addons_path}",
            "-i",
            "bvk_student_crm",
            "--without-demo=all",
            "--stop-after-init",
            *args.init_options,
            "--log-level=warn",
        ],
        check=True,
    )


@contextmanager
def environment(args, context=QUIET, log_level="warn"):
    """The superuser environment of ``args.db`` (created first with
    ``--init``) on a cursor of its own, its query count from 0. The cursor
    commits when the block ends without an error: roll back before."""
    if args.odoo:
        sys.path.insert(0, args.odoo)
    import odoo
    from odoo.tools import config

    if getattr(args, "init", False):
        create_database(args)
    options = [f"--addons-path={args.addons_path}", "-d", args.db, *args.odoo_options]
    config.parse_config(options + ([f"--log-level={log_level}"] if log_level else []))
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        cr.sql_log_count = 0
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, dict(context))


# ----------------------------------------------------------------------
# measures
# ----------------------------------------------------------------------


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def backend_cpu_seconds(cr):
    """CPU time used so far by the PostgreSQL backend serving ``cr`` (read
    from /proc: the server runs on this machine), 0 when it can't be read.
    With this process's own CPU time it is what a run costs whatever else
    the machine is doing (its wall time grows with the load)."""
    try:
        pid = cr._cnx.get_backend_pid()
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        # utime and stime, fields 14 and 15 of proc(5), in clock ticks
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0.0


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb():
    """Current resident memory of this process (peak RSS only grows)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Bench:
    """The measures of one run, printed as they end and in ``summary()``.

    ``width``: of the labels; ``indent``: before each line; ``wide``: the
    finance layout (wider figures, "peak RSS", items per second)."""

    def __init__(self, width=52, indent="  ", wide=False):
        self.width, self.indent, self.wide = width, indent, wide
        self.results = []

    @contextmanager
    def measure(self, label, cr, count=None, target=None, inserts=False):
        """Measure the block: wall and CPU time, queries (with ``inserts``,
        the INSERTs apart: the ORM's create writes one per 100 rows and
        table), peak RSS; ``count`` items (or ``info["count"]`` set by the
        block); ``target`` seconds: ok or SLOW."""
        start_queries = cr.sql_log_count
        inserted = []
        original = cr.execute
        if inserts:

            def counting(query, params=None, log_exceptions=True):
                code = str(getattr(query, "code", query))
                if code.lstrip().upper().startswith("INSERT"):
                    inserted.append(1)
                return original(query, params, log_exceptions)

            cr.execute = counting
        start = time.perf_counter()
        start_cpu = cpu_seconds() + backend_cpu_seconds(cr)
        info = {}
        try:
            yield info
        finally:
            if inserts:
                cr.execute = original
        wall = time.perf_counter() - start
        cpu = cpu_seconds() + backend_cpu_seconds(cr) - start_cpu
        queries = cr.sql_log_count - start_queries
        n = info.get("count", count)
        if self.wide:
            figures = f"{wall:9.2f} s {queries:9d} queries"
            memory = f"  peak RSS {peak_rss_mb():7.0f} MB"
            cpu_text = f"{cpu:9.2f} s CPU"
        else:
            figures = f"{wall:8.2f} s {queries:7d} queries"
            memory = f"  maxrss {peak_rss_mb():6.0f} MB"
            cpu_text = f"{cpu:8.2f} s CPU"
        if inserts:
            figures += f" ({queries - len(inserted)} + {len(inserted)} INSERTs)"
        rate = f", {n / wall:,.0f}/s, {queries / n:.1f} q/item" if n and wall else ""
        verdict = ""
        if target:
            verdict = f"  (target {target:g} s: {'ok' if wall <= target else 'SLOW'})"
        print(
            f"{self.indent}{label:<{self.width}} {figures}{memory}{rate}{verdict}"
            f"\n{self.indent}{'':<{self.width}} {cpu_text} (this process and its "
            f"PostgreSQL backend: the wall time of an idle machine)",
            flush=True,
        )
        self.results.append(
            {
                "label": label,
                "wall": wall,
                "cpu": cpu,
                "queries": queries,
                "inserts": len(inserted),
                "count": n,
                "target": target,
            }
        )
        info["wall"] = wall
        info["queries"] = queries

    def main(self, args, run, intro=None, rollback=True, tail=None):
        """``run(env, args)`` in the quiet environment of ``args.db``
        (``intro`` printed first), rolled back after unless not
        ``rollback``; then the summary."""
        with environment(args, QUIET) as env:
            if intro:
                print(intro, flush=True)
            result = run(env, args)
            if rollback:
                env.cr.rollback()
        self.summary(tail)
        return result

    def summary(self, tail=None):
        """SUMMARY: a line per measure; ``tail(result)`` ends it (by default
        the target)."""
        print("\nSUMMARY")
        for result in self.results:
            if tail:
                end = tail(result)
            else:
                end = f" target {result['target']:g} s" if result["target"] else ""
            wall, queries = result["wall"], result["queries"]
            figures = (
                f"{wall:9.2f} s {queries:9d} q"
                if self.wide
                else f"{wall:8.2f} s {queries:7d} q"
            )
            print(f"  {result['label']:<{self.width}} {figures}{end}")


# ----------------------------------------------------------------------
# bench data
# ----------------------------------------------------------------------


def create_program(env, code, name="Bench programme", **values):
    """A 4-semester programme at 1 000 EUR a semester (EUR activated)."""
    eur = env.ref("base.EUR")
    eur.active = True
    return env["bvk.study.program"].create(
        {
            "code": code,
            "name": name,
            "duration_semesters": 4,
            "tuition_per_semester": 1000.0,
            "currency_id": eur.id,
            **values,
        }
    )


def create_groups(env, program, prefix, count, intake_year=2026, **values):
    """``count`` groups PREFIX-0000...; ``intake_year`` a year or a
    function of the group's number."""
    return env["bvk.student.group"].create(
        [
            {
                "code": f"{prefix}-{g:04d}",
                "program_id": program.id,
                "intake_year": intake_year(g) if callable(intake_year) else intake_year,
                **values,
            }
            for g in range(count)
        ]
    )


def create_students(
    env, groups, prefix, values=None, groups_per_call=40, done=None, state="active"
):
    """``GROUP_SIZE`` active students per group, created ``groups_per_call``
    groups at a time (then flushed and the cache emptied): Bench Student N,
    document PREFIXN, e-mail prefixN@example.lv, English, ``state`` (none:
    the default); ``values(n)``
    adds to or replaces those; ``done(n)`` is called after each call."""
    n = 0
    for start in range(0, len(groups), groups_per_call):
        vals = []
        for group in groups[start : start + groups_per_call]:
            for _index in range(GROUP_SIZE):
                vals.append(
                    {
                        "name": f"Bench Student {n}",
                        "id_type": "document",
                        "id_document_number": f"{prefix}{n}",
                        "email": f"{prefix.lower()}{n}@example.lv",
                        "group_id": group.id,
                        "lang": "en_US",
                        **({"state": state} if state else {}),
                        **(values(n) if values else {}),
                    }
                )
                n += 1
        env["bvk.student"].create(vals)
        env.flush_all()
        env.invalidate_all()
        if done:
            done(n)
    return n


def insert_schedules(cr, where, params, plan="semester"):
    """A confirmed payment schedule (5 instalments a semester, invoiced 14
    days before due) for each contract ``c`` matching ``where`` (SQL)."""
    cr.execute(
        f"""
        INSERT INTO bvk_payment_schedule (contract_id, student_id, name, state,
            plan, installments_per_semester, due_days_before_semester,
            invoice_timing, invoice_days_before, currency_id, company_id,
            create_uid, write_uid, create_date, write_date)
        SELECT c.id, c.student_id, c.name, 'confirmed', %s, 5, 1,
               'before_due', 14, c.currency_id, c.company_id, 1, 1, now(), now()
          FROM bvk_study_contract c WHERE {where}
        """,  # noqa: S608 - the callers' own condition
        [plan, *params],
    )


def insert_contracts(cr, program, prefix, state, date_start, date_end, signed, eur):
    """A contract (4 000 EUR) for each student of ``program``, named
    PREFIX/student id, the student paying, signed at ``signed``."""
    cr.execute(
        """
        INSERT INTO bvk_study_contract (name, state, student_id, program_id,
            group_id, study_language, date_start, date_end, amount_total,
            currency_id, payer_id, company_id, date_signed,
            create_uid, write_uid, create_date, write_date)
        SELECT %s || '/' || s.id, %s, s.id, s.program_id, s.group_id, 'lv',
               %s, %s, 4000, %s, s.partner_id, s.company_id,
               %s, 1, 1, %s, %s
          FROM bvk_student s WHERE s.program_id = %s
        """,
        [prefix, state, date_start, date_end, eur.id, signed, signed, signed]
        + [program.id],
    )
