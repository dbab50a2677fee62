# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import logging
import time
from datetime import timedelta

from psycopg2 import errors as pgerrors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, mute_logger
from odoo.tools.misc import format_date, formatLang

from ..lib.bank_statement import BankFileError, check_currency, parse_bank_file

_logger = logging.getLogger(__name__)

# another transaction holds or changed the same rows (or took the same entry
# numbers): the chunk is done again later
CONCURRENCY_ERRORS = (
    pgerrors.LockNotAvailable,
    pgerrors.SerializationFailure,
    pgerrors.DeadlockDetected,
)
MOVE_NAME_INDEX = "account_move_unique_name"
JOB_STATES = ("queued", "processing")
# (database, import id): seconds per line of the job's last call in this
# process, to size the next call (see _bvk_job_call_seconds)
_JOB_PACE = {}
LINE_KEY_INDEX = "bvk_bank_import_line_key_uniq"


def _is_concurrency_error(exc):
    return isinstance(exc, CONCURRENCY_ERRORS) or (
        isinstance(exc, pgerrors.UniqueViolation)
        and exc.diag.constraint_name == MOVE_NAME_INDEX
    )


class BvkBankImport(models.Model):
    """One imported bank file (step 4.2.1): its lines, matched to contracts
    and paid as posted customer payments reconciled with the instalments'
    invoices, or kept for review.

    A file of up to the company's threshold of new payments is processed at
    once; a bigger one is saved with its lines "to process" and processed by
    the job ``ir_cron_bvk_bank_import``, a chunk per call, each chunk
    committed: a crash loses at most the chunk under way, which the next run
    does again (a line and its payment are written in the same chunk)."""

    _name = "bvk.bank.import"
    _description = "Bank Payment Import"
    _inherit = ["bvk.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # The job matches and pays at most this many lines per call: a payment
    # costs 30-60 ms (Odoo's posting and reconciliation; more on a busy
    # server), and each call also pays ~1 s of queries whatever its size, so
    # the bigger the chunk the faster the file. But Odoo makes up to 10 calls
    # per pass, which a cron worker must finish within its limits (120 s wall,
    # 60 s CPU by default, shared with the other jobs due): the chunk shrinks
    # when the last calls were slow, to last about _bvk_job_call_seconds.
    _bvk_job_chunk_size = 200
    _bvk_job_call_seconds = 8
    # everything an import holds comes from its bank file and the job
    _bvk_workflow_fields = (
        "name",
        "state",
        "error",
        "file_format",
        "file_id",
        "file_sha256",
        "date",
        "date_done",
        "user_id",
        "journal_id",
        "line_ids",
        "count_lines",
        "count_matched",
        "count_duplicate",
        "count_ignored",
        "amount_total",
        "amount_matched",
        "currency_id",
        "company_id",
    )

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(string="File", required=True, readonly=True)
    # imports made before the job existed were processed at once: "done";
    # new ones are created "queued" (background) or "processing" (at once)
    state = fields.Selection(
        selection=[
            ("queued", "Queued"),
            ("processing", "In Progress"),
            ("done", "Done"),
            ("failed", "Failed"),
        ],
        string="Status",
        required=True,
        default="done",
        readonly=True,
        copy=False,
        index=True,
    )
    error = fields.Text(readonly=True, copy=False)
    file_format = fields.Char(readonly=True)
    file_id = fields.Many2one(
        comodel_name="ir.attachment",
        string="Bank File",
        readonly=True,
        copy=False,
        help="The uploaded file, kept for audit.",
    )
    file_sha256 = fields.Char(
        string="File SHA-256",
        readonly=True,
        copy=False,
        help="Checksum of the uploaded file: proves which file the payments came from.",
    )
    date = fields.Datetime(
        string="Imported On", default=fields.Datetime.now, readonly=True
    )
    date_done = fields.Datetime(string="Finished On", readonly=True, copy=False)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Imported By",
        default=lambda self: self.env.user,
        readonly=True,
    )
    journal_id = fields.Many2one(
        comodel_name="account.journal",
        string="Bank Journal",
        required=True,
        readonly=True,
        check_company=True,
    )
    line_ids = fields.One2many(
        comodel_name="bvk.bank.import.line", inverse_name="import_id", string="Lines"
    )
    count_lines = fields.Integer(string="Lines in File", readonly=True)
    count_duplicate = fields.Integer(
        string="Already Imported",
        readonly=True,
        help="Payments of the file imported before (or twice in the file): skipped.",
    )
    count_new = fields.Integer(
        string="Lines to Import",
        compute="_compute_counts",
        help="Payments of the file not imported before.",
    )
    count_done = fields.Integer(
        string="Lines Processed",
        compute="_compute_counts",
        help="Lines matched and paid, or sent to review.",
    )
    count_matched = fields.Integer(string="Matched", compute="_compute_counts")
    count_review = fields.Integer(string="To Review", compute="_compute_counts")
    count_ignored = fields.Integer(string="Ignored", compute="_compute_counts")
    amount_total = fields.Monetary(string="Total Amount", readonly=True)
    amount_matched = fields.Monetary(compute="_compute_counts")
    currency_id = fields.Many2one(
        comodel_name="res.currency", readonly=True, required=True
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("line_ids.state", "line_ids.amount")
    def _compute_counts(self):
        stats = {
            (record.id, state): (count, amount)
            for record, state, count, amount in self.env["bvk.bank.import.line"]
            .sudo()
            ._read_group(
                [("import_id", "in", self.ids)],
                ["import_id", "state"],
                ["__count", "amount:sum"],
            )
        }
        for record in self:
            counts = {
                state: stats.get((record.id, state), (0, 0.0))
                for state in ("pending", "matched", "unmatched", "ambiguous", "ignored")
            }
            record.count_matched = counts["matched"][0]
            record.amount_matched = counts["matched"][1]
            record.count_review = counts["unmatched"][0] + counts["ambiguous"][0]
            record.count_ignored = counts["ignored"][0]
            record.count_new = sum(
                count
                for (import_id, _state), (count, _amount) in stats.items()
                if import_id == record.id
            )
            record.count_done = record.count_new - counts["pending"][0]

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.ondelete(at_uninstall=False)
    def _unlink_except_paid(self):
        if self.line_ids.filtered("payment_id"):
            raise UserError(
                self.env._(
                    "An import whose lines were paid cannot be deleted: its "
                    "payments are in the books."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_review(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bvk_student_crm.bvk_bank_import_line_action_review"
        )
        action["domain"] = [("import_id", "=", self.id)]
        return action

    def action_resume(self):
        """Run a failed import again from where it stopped (its lines still
        to process), in the background."""
        for record in self:
            self._check_journal(record.journal_id)
            if record.state != "failed":
                raise UserError(
                    self.env._(
                        "The import %(file)s has not failed: there is nothing to "
                        "resume.",
                        file=record.name,
                    )
                )
        self._bvk_write({"state": "queued", "error": False})
        self._bvk_trigger_job()
        return True

    def _bvk_action_open(self):
        """The import as the main record of the screen: reloading the page
        shows it (not the record the upload dialog was opened from)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bvk_student_crm.bvk_bank_import_action"
        )
        action.update(
            {
                "res_id": self.id,
                "views": [(False, "form")],
                "view_mode": "form",
                "target": "main",
                # the upload dialog's record is no "active" record of this
                "context": {
                    "active_id": False,
                    "active_ids": [],
                    "active_model": False,
                },
            }
        )
        return action

    # ------------------------------------------------------------
    # IMPORT
    # ------------------------------------------------------------

    @api.model
    def _import_file(self, data, filename, journal, mapping=None):
        """Parse, check, deduplicate, then match and pay: at once for up to
        the company's threshold of new payments, else in the background.
        Any problem with the file raises before anything is written. Return
        ``(import, summary)`` where ``import`` is empty when every line was
        already imported.

        The only way payments enter the books from a bank file: the caller's
        rights and the journal are checked here, then the rest runs as
        superuser (lines, payments, reconciliation)."""
        self._check_journal(journal)
        journal = journal.sudo()
        company = journal.company_id
        currency = journal.currency_id or company.currency_id
        try:
            result = parse_bank_file(
                data, filename, mapping._to_column_mapping() if mapping else None
            )
            check_currency(result, currency.name)
        except BankFileError as exc:
            raise UserError(str(exc)) from exc
        # in the order of the statement (reversals are listed apart)
        bank_lines = sorted(
            list(result.lines) + list(result.reversals),
            key=lambda line: line.source_line,
        )
        company._bvk_check_import_lines(len(bank_lines), filename)
        summary = {
            "lines": len(bank_lines),
            "matched": 0,
            "duplicate": 0,
            "review": 0,
            "todo": 0,
            "background": False,
            "amount": 0.0,
            "skipped": result.skipped_debit + result.skipped_pending,
            "imports": "",
            "concurrent": 0,
            "concurrent_imports": "",
        }
        # duplicates: across imports (stored keys) and within the file
        known = self._bvk_known_keys(company, [line.unique_key for line in bank_lines])
        new_lines, seen = [], set()
        for position, line in enumerate(bank_lines, start=1):
            if line.unique_key in known or line.unique_key in seen:
                summary["duplicate"] += 1
                continue
            seen.add(line.unique_key)
            new_lines.append((position, line))
        summary["imports"] = self._bvk_describe_imports(set(known.values()))
        background = len(new_lines) > company.bvk_import_background_lines
        record, lines, taken = self._bvk_create_import(
            {
                "name": filename,
                "state": "queued" if background else "processing",
                "file_format": result.file_format,
                "file_sha256": hashlib.sha256(data).hexdigest(),
                "journal_id": journal.id,
                "currency_id": currency.id,
                "company_id": company.id,
                "count_lines": len(bank_lines),
            },
            data,
            [
                self._bvk_prepare_line_vals(line, position)
                for position, line in new_lines
            ],
        )
        if taken:
            summary["duplicate"] += len(taken)
            summary["concurrent"] = len(taken)
            summary["concurrent_imports"] = ", ".join(sorted(set(taken.values())))
        if not record:
            return record, summary
        summary["todo"] = len(lines)
        summary["amount"] = record.amount_total
        if background:
            summary["background"] = True
            record.message_post(body=self._format_summary(summary, currency))
            record._bvk_trigger_job()
            return record, summary
        record._bvk_process_lines(lines)
        record._bvk_finish(notify=False)
        summary["matched"] = record.count_matched
        summary["review"] = record.count_review
        return record, summary

    @api.model
    def _bvk_prepare_line_vals(self, line, position):
        return {
            "unique_key": line.unique_key,
            "has_bank_ref": line.has_bank_ref,
            "date": line.date,
            "amount": float(line.amount),
            "payer_name": line.payer_name,
            "payer_iban": line.payer_iban,
            "payer_code": line.payer_id,
            "details": line.details,
            "bank_ref": line.bank_ref,
            "position": position,
            "source_line": line.source_line,
            "state": "ambiguous" if line.is_reversal else "pending",
            "note": self.env._("Reversal: check it by hand.")
            if line.is_reversal
            else False,
        }

    @api.model
    def _bvk_known_keys(self, company, keys):
        """``{key: import id}`` of the ``keys`` already imported."""
        Line = self.env["bvk.bank.import.line"].sudo()
        known = {}
        for offset in range(0, len(keys), 5000):
            for line in Line.search_fetch(
                [
                    ("company_id", "=", company.id),
                    ("unique_key", "in", keys[offset : offset + 5000]),
                ],
                ["unique_key", "import_id"],
            ):
                known[line.unique_key] = line.import_id.id
        return known

    @api.model
    def _bvk_describe_imports(self, import_ids):
        """ "statement.xml (Anna Bērziņa, 29.11.2026.)" for up to three
        imports; ``import_ids`` are ids of this transaction's view."""
        records = self.sudo().browse(sorted(import_ids)[:3])
        texts = [
            self.env._(
                "%(file)s (%(user)s, %(date)s)",
                file=record.name,
                user=record.user_id.name,
                date=format_date(self.env, record.date),
            )
            for record in records
        ]
        if len(import_ids) > 3:
            texts.append("…")
        return ", ".join(texts)

    @api.model
    def _bvk_create_import(self, vals, data, line_vals):
        """Create the import, its file and its lines. Lines that another
        import saved since the duplicates were looked for (the same file
        imported by two users at the same moment) are skipped: the unique
        index on the lines' keys refuses them.

        :return: ``(import, lines, {key: description of the other import})``;
            the import is empty when every line was taken
        """
        Line = self.env["bvk.bank.import.line"].sudo()
        taken = {}
        company = self.env["res.company"].browse(vals["company_id"])
        for _attempt in range(5):
            line_vals = [v for v in line_vals if v["unique_key"] not in taken]
            if not line_vals:
                return self.browse(), Line, taken
            try:
                with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                    record = self.sudo().create(
                        dict(
                            vals,
                            amount_total=sum(v["amount"] for v in line_vals),
                            count_duplicate=vals["count_lines"] - len(line_vals),
                        )
                    )
                    record.file_id = (
                        self.env["ir.attachment"]
                        .sudo()
                        .create(
                            {
                                "name": vals["name"] or "bank-file",
                                "raw": data,
                                "res_model": self._name,
                                "res_id": record.id,
                            }
                        )
                    )
                    lines = Line.create(
                        [dict(v, import_id=record.id) for v in line_vals]
                    )
                    # the lines' company (a stored related field) is written
                    # at the flush: the unique index checks the keys there
                    self.env.flush_all()
                return record, lines, taken
            except pgerrors.UniqueViolation as exc:
                if exc.diag.constraint_name != LINE_KEY_INDEX:
                    raise
                now_taken = self._bvk_keys_taken(
                    company, [v["unique_key"] for v in line_vals]
                )
                if not now_taken:
                    raise
                taken.update(now_taken)
        raise UserError(
            self.env._(
                "Other imports of the same payments are running: import the file "
                "again in a moment (the payments already imported are skipped)."
            )
        )

    @api.model
    def _bvk_keys_taken(self, company, keys):
        """``{key: "file (user)"}`` of ``keys`` saved by other imports: in
        this transaction, or committed by another one since this one began
        (invisible here, so read with a new cursor)."""
        query = SQL(
            """
            SELECT line.unique_key, imp.name, partner.name
              FROM bvk_bank_import_line line
              JOIN bvk_bank_import imp ON imp.id = line.import_id
              LEFT JOIN res_users usr ON usr.id = imp.user_id
              LEFT JOIN res_partner partner ON partner.id = usr.partner_id
             WHERE line.company_id = %s AND line.unique_key = ANY(%s)
               AND line.state != 'duplicate'
            """,
            company.id,
            keys,
        )
        rows = self.env.execute_query(query)
        with self.env.registry.cursor() as cr:
            cr.execute(query)
            rows += cr.fetchall()
        return {
            key: self.env._("%(file)s (%(user)s)", file=name, user=user or "")
            for key, name, user in rows
        }

    # ------------------------------------------------------------
    # PROCESSING (at once or by the job)
    # ------------------------------------------------------------

    def _bvk_process_lines(self, lines):
        """Match ``lines`` ("to process") and pay the matched ones; a line
        whose payment fails goes to review with the error. Raise when the
        payments of several lines all fail: the cause is not the lines (a
        lock date, the journal...)."""
        self.ensure_one()
        lines = lines.sudo()
        lines.write({"state": "unmatched"})
        lines._match()
        matched = lines.filtered(lambda line: line.state == "matched")
        if not matched:
            return
        try:
            with self.env.cr.savepoint():
                matched._create_payments()
            return
        except Exception as exc:
            if _is_concurrency_error(exc):
                raise
            failed = {matched: exc}
        if len(matched) > 1:
            _logger.info(
                "Bank import %s: a payment failed, paying the lines one by one",
                self.id,
                exc_info=True,
            )
            failed = {}
            for line in matched:
                try:
                    with self.env.cr.savepoint():
                        line._create_payments()
                except Exception as exc:
                    if _is_concurrency_error(exc):
                        raise
                    failed[line] = exc
            if len(failed) == len(matched):
                raise next(iter(failed.values()))
        for line, exc in failed.items():
            line.write(
                {
                    "state": "unmatched",
                    "note": self.env._(
                        "The payment could not be booked: %(error)s",
                        error=self._bvk_error_text(exc),
                    ),
                }
            )

    def _bvk_finish(self, notify=True):
        """Mark the import done and post its summary; with ``notify``, tell
        the importing user (notification and activity)."""
        self.ensure_one()
        record = self.sudo()
        record.write({"state": "done", "date_done": fields.Datetime.now()})
        record = record.with_context(lang=record.user_id.lang or self.env.lang)
        message = record._bvk_summary_text()
        record.message_post(body=message)
        if notify:
            record._bvk_notify_user(
                record.env._("Bank import finished: %(file)s", file=record.name),
                message,
                "success",
            )

    def _bvk_fail(self, exc):
        """Stop the import on an error that is not one line's: its lines
        still to process stay so; :meth:`action_resume` goes on from there."""
        self.ensure_one()
        record = self.sudo()
        error = self._bvk_error_text(exc)
        record.write({"state": "failed", "error": error})
        record = record.with_context(lang=record.user_id.lang or self.env.lang)
        message = record.env._(
            "The import stopped after %(done)s of %(total)s lines: %(error)s "
            "Once the cause is fixed, press Resume: it goes on with the lines "
            "not processed yet.",
            done=formatLang(record.env, record.count_done, digits=0),
            total=formatLang(record.env, record.count_new, digits=0),
            error=error,
        )
        record.message_post(body=message)
        record._bvk_notify_user(
            record.env._("Bank import stopped: %(file)s", file=record.name),
            message,
            "danger",
        )

    def _bvk_notify_user(self, title, message, kind):
        """A notification in the importing user's browser and an activity
        on the import, for when they have left the page."""
        self.ensure_one()
        user = self.user_id
        if not user or user._is_public():
            return
        user._bus_send(
            "simple_notification",
            {"type": kind, "title": title, "message": message, "sticky": True},
        )
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=title,
            note=message,
            user_id=user.id,
        )

    @api.model
    def _bvk_error_text(self, exc):
        if isinstance(exc, UserError):
            return exc.args[0]
        return f"{type(exc).__name__}: {exc}"

    def _bvk_trigger_job(self):
        self.env.ref("bvk_student_crm.ir_cron_bvk_bank_import").sudo()._trigger()

    @api.model
    def _cron_bvk_process_imports(self):
        """The job: one chunk of the oldest queued import per call, committed
        by the scheduler after each call; reports its progress so that Odoo
        calls it again at once while lines remain."""
        record = self._bvk_next_job()
        done = 0
        if record:
            start = time.monotonic()
            done = record._bvk_process_chunk(record._bvk_job_limit())
            key = (self.env.cr.dbname, record.id)
            if record.state in JOB_STATES:
                _JOB_PACE[key] = (time.monotonic() - start) / done if done else None
            else:
                _JOB_PACE.pop(key, None)
        remaining = (
            self.env["bvk.bank.import.line"]
            .sudo()
            .search_count(
                [("state", "=", "pending"), ("import_id.state", "in", JOB_STATES)]
            )
        )
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        if done and remaining:
            # Odoo calls the job again at once up to 10 times, then waits
            # for its next wake-up (up to a minute) unless triggered
            self._bvk_trigger_job()

    def _bvk_job_limit(self):
        """How many lines the next call processes: the chunk size, or fewer
        when the last call of this import in this process was slow."""
        self.ensure_one()
        pace = _JOB_PACE.get((self.env.cr.dbname, self.id))
        limit = self._bvk_job_chunk_size
        if pace:
            limit = min(limit, int(self._bvk_job_call_seconds / pace))
        return max(limit, min(50, self._bvk_job_chunk_size))

    @api.model
    def _bvk_next_job(self):
        """The oldest import waiting for the job, locked for this transaction
        (skipped if another process is working on it)."""
        rows = self.env.execute_query(
            SQL(
                """
                SELECT id FROM bvk_bank_import
                 WHERE state IN %s
                 ORDER BY id
                 LIMIT 1
                   FOR NO KEY UPDATE SKIP LOCKED
                """,
                JOB_STATES,
            )
        )
        return self.sudo().browse(rows[0][0]) if rows else self.browse()

    def _bvk_process_chunk(self, limit):
        """Match and pay the next ``limit`` lines "to process", finish the
        import after the last; return how many lines (at least 1: finishing
        is work done) were processed."""
        self.ensure_one()
        record = self.sudo().with_company(self.company_id)
        # each chunk starts from an empty cache: constant memory
        self.env.flush_all()
        self.env.invalidate_all()
        if record.state == "queued":
            record.state = "processing"
        Line = self.env["bvk.bank.import.line"].sudo().with_company(self.company_id)
        lines = Line.search(
            [("import_id", "=", record.id), ("state", "=", "pending")],
            order="position, id",
            limit=limit,
        )
        if lines:
            try:
                with self.env.cr.savepoint():
                    record._bvk_process_lines(lines)
            except Exception as exc:
                if not _is_concurrency_error(exc):
                    _logger.exception("Bank import %s failed", record.id)
                    record._bvk_fail(exc)
                    return len(lines)
                # another transaction paid or numbered at the same moment:
                # this chunk is rolled back and done again in a minute
                _logger.warning(
                    "Bank import %s: %s; the chunk runs again in a minute",
                    record.id,
                    exc,
                )
                self.env.ref("bvk_student_crm.ir_cron_bvk_bank_import").sudo()._trigger(
                    fields.Datetime.now() + timedelta(minutes=1)
                )
                return 0
            _logger.info(
                "Bank import %s: %d lines processed (%d/%d)",
                record.id,
                len(lines),
                record.count_done,
                record.count_new,
            )
        if not Line.search_count(
            [("import_id", "=", record.id), ("state", "=", "pending")], limit=1
        ):
            record._bvk_finish()
        return max(len(lines), 1)

    # ------------------------------------------------------------
    # CHECKS AND TEXTS
    # ------------------------------------------------------------

    @api.model
    def _check_journal(self, journal):
        """The user imports payments, into a bank journal of their companies."""
        user = self.env.user
        if not self.env.su and not (
            user.has_group("bvk_student_crm.group_bvk_coordinator")
            or user.has_group("account.group_account_invoice")
        ):
            raise UserError(
                self.env._("Only coordinators and accountants import payments.")
            )
        if not journal or journal.type not in ("bank", "cash"):
            raise UserError(
                self.env._("Payments are imported into a bank or cash journal.")
            )
        if journal.company_id not in self.env.companies:
            raise UserError(
                self.env._(
                    "The journal %(journal)s belongs to %(company)s, which is not "
                    "one of your selected companies.",
                    journal=journal.sudo().display_name,
                    company=journal.sudo().company_id.name,
                )
            )
        journal.check_access("read")

    def _bvk_summary_text(self):
        """The summary of a processed import, as a sentence."""
        self.ensure_one()
        return self._format_summary(
            {
                "lines": self.count_lines,
                "matched": self.count_matched,
                "duplicate": self.count_duplicate,
                "review": self.count_review,
                "amount": self.amount_total,
            },
            self.currency_id,
        )

    @api.model
    def _format_summary(self, summary, currency):
        """The summary of an upload as sentences: counts after labels (no
        plural to agree with), amounts in the reader's number format."""

        def count(value):
            return formatLang(self.env, value, digits=0)

        amount = "{}\N{NO-BREAK SPACE}{}".format(
            formatLang(self.env, summary["amount"], digits=2), currency.name
        )
        if summary.get("background"):
            text = self.env._(
                "Lines in the file: %(lines)s; already imported, skipped: "
                "%(duplicates)s; to import: %(todo)s; amount to import: %(amount)s. "
                "They are matched and paid in the background: the import shows the "
                "progress, and you are notified when it ends.",
                lines=count(summary["lines"]),
                duplicates=count(summary["duplicate"]),
                todo=count(summary["todo"]),
                amount=amount,
            )
        else:
            text = self.env._(
                "Lines in the file: %(lines)s; already imported, skipped: "
                "%(duplicates)s; matched and paid: %(matched)s; to review: "
                "%(review)s; amount imported: %(amount)s.",
                lines=count(summary["lines"]),
                duplicates=count(summary["duplicate"]),
                matched=count(summary["matched"]),
                review=count(summary["review"]),
                amount=amount,
            )
        if summary.get("imports"):
            text += " " + self.env._(
                "Imported before in: %(imports)s.", imports=summary["imports"]
            )
        if summary.get("concurrent"):
            text += " " + self.env._(
                "Payments saved at the same moment by another import, skipped here "
                "so that each is booked once: %(count)s (%(imports)s).",
                count=count(summary["concurrent"]),
                imports=summary["concurrent_imports"],
            )
        return text
