# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.bank_statement import BankFileError, check_currency, parse_bank_file


class BvkBankImport(models.Model):
    """One imported bank file (step 4.2.1): its lines, matched to contracts
    and paid as posted customer payments reconciled with the instalments'
    invoices, or kept for review."""

    _name = "bvk.bank.import"
    _description = "Bank Payment Import"
    _inherit = ["bvk.workflow.mixin", "mail.thread"]
    _order = "id desc"
    _check_company_auto = True
    # everything an import holds comes from its bank file
    _bvk_workflow_fields = (
        "name",
        "file_format",
        "file_id",
        "file_sha256",
        "date",
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

    name = fields.Char(string="File", required=True, readonly=True)
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
    count_matched = fields.Integer(string="Matched", readonly=True)
    count_duplicate = fields.Integer(string="Duplicates", readonly=True)
    count_review = fields.Integer(string="To Review", compute="_compute_count_review")
    count_ignored = fields.Integer(string="Ignored", readonly=True)
    amount_total = fields.Monetary(string="Total Amount", readonly=True)
    amount_matched = fields.Monetary(readonly=True)
    currency_id = fields.Many2one(
        comodel_name="res.currency", readonly=True, required=True
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    @api.depends("line_ids.state")
    def _compute_count_review(self):
        for record in self:
            record.count_review = len(
                record.line_ids.filtered(
                    lambda line: line.state in ("unmatched", "ambiguous")
                )
            )

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

    # ------------------------------------------------------------
    # IMPORT
    # ------------------------------------------------------------

    @api.model
    def _import_file(self, data, filename, journal, mapping=None):
        """Parse, check, deduplicate, match and pay; one transaction: any
        problem raises before anything is written. Return ``(import, summary)``
        where ``import`` is empty when every line was a duplicate.

        The only way payments enter the books from a bank file: the caller's
        rights and the journal are checked here, then the rest runs as
        superuser (lines, payments, reconciliation)."""
        self._check_journal(journal)
        journal = journal.sudo()
        currency = journal.currency_id or journal.company_id.currency_id
        try:
            result = parse_bank_file(
                data, filename, mapping._to_column_mapping() if mapping else None
            )
            check_currency(result, currency.name)
        except BankFileError as exc:
            raise UserError(str(exc)) from exc
        bank_lines = list(result.lines) + list(result.reversals)
        journal.company_id._bvk_check_import_lines(len(bank_lines), filename)
        summary = {
            "lines": len(bank_lines),
            "matched": 0,
            "duplicate": 0,
            "review": 0,
            "amount": sum(float(line.amount) for line in result.lines),
            "skipped": result.skipped_debit + result.skipped_pending,
        }
        # duplicates: across imports (stored keys) and within the file
        keys = [line.unique_key for line in bank_lines]
        Line = self.env["bvk.bank.import.line"].sudo()
        known = set()
        for offset in range(0, len(keys), 5000):
            known.update(
                Line.search_fetch(
                    [
                        ("company_id", "=", journal.company_id.id),
                        ("unique_key", "in", keys[offset : offset + 5000]),
                    ],
                    ["unique_key"],
                ).mapped("unique_key")
            )
        new_lines = []
        for line, key in zip(bank_lines, keys, strict=True):
            if key in known:
                summary["duplicate"] += 1
                continue
            known.add(key)
            new_lines.append(line)
        if not new_lines:
            return self.browse(), summary
        record = self.sudo().create(
            {
                "name": filename,
                "file_format": result.file_format,
                "file_sha256": hashlib.sha256(data).hexdigest(),
                "journal_id": journal.id,
                "currency_id": currency.id,
                "company_id": journal.company_id.id,
                "count_lines": len(bank_lines),
                "count_duplicate": summary["duplicate"],
            }
        )
        vals_list = [
            {
                "import_id": record.id,
                "unique_key": line.unique_key,
                "has_bank_ref": line.has_bank_ref,
                "date": line.date,
                "amount": float(line.amount),
                "payer_name": line.payer_name,
                "payer_iban": line.payer_iban,
                "payer_code": line.payer_id,
                "details": line.details,
                "bank_ref": line.bank_ref,
                "source_line": line.source_line,
                "state": "ambiguous" if line.is_reversal else "unmatched",
                "note": self.env._("Reversal: check it by hand.")
                if line.is_reversal
                else False,
            }
            for line in new_lines
        ]
        record.file_id = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": filename or "bank-file",
                    "raw": data,
                    "res_model": self._name,
                    "res_id": record.id,
                }
            )
        )
        lines = Line.create(vals_list)
        lines.filtered(lambda x: x.state == "unmatched")._match()
        matched = lines.filtered(lambda x: x.state == "matched")
        matched._create_payments()
        record.write(
            {
                "count_matched": len(matched),
                "amount_total": sum(lines.mapped("amount")),
                "amount_matched": sum(matched.mapped("amount")),
            }
        )
        summary["matched"] = len(matched)
        summary["review"] = len(lines) - len(matched)
        return record, summary

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

    @api.model
    def _format_summary(self, summary, currency):
        return self.env._(
            "%(lines)s lines: %(matched)s matched and paid, %(duplicates)s "
            "duplicates skipped, %(review)s to review; total %(amount)s %(currency)s.",
            lines=summary["lines"],
            matched=summary["matched"],
            duplicates=summary["duplicate"],
            review=summary["review"],
            amount=f"{summary['amount']:.2f}",
            currency=currency.name,
        )
