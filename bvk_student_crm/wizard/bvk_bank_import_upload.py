# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.bank_statement import BankFileError, detect_format


class BvkBankImportUpload(models.TransientModel):
    """Upload a bank file (camt.053, FiDAViSta, CSV/XLSX) of received payments."""

    _name = "bvk.bank.import.upload"
    _description = "Import Received Payments"

    data_file = fields.Binary(string="Bank File", required=True)
    filename = fields.Char()
    journal_id = fields.Many2one(
        comodel_name="account.journal",
        string="Bank Journal",
        required=True,
        domain="[('type', '=', 'bank'), ('company_id', '=', company_id)]",
        default=lambda self: self._default_journal_id(),
    )
    mapping_id = fields.Many2one(
        comodel_name="bvk.bank.mapping",
        string="Column Mapping",
        help="For CSV and XLSX exports: how to read the bank's columns.",
    )
    needs_mapping = fields.Boolean(compute="_compute_needs_mapping")
    company_id = fields.Many2one(
        comodel_name="res.company", default=lambda self: self.env.company
    )

    @api.model
    def _default_journal_id(self):
        return self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.env.company.id)], limit=1
        )

    @api.depends("data_file", "filename")
    def _compute_needs_mapping(self):
        # the web client reads saved binaries as their size (bin_size): read
        # the content itself
        for wizard in self.with_context(bin_size=False):
            needs = False
            if wizard.data_file:
                try:
                    needs = detect_format(
                        base64.b64decode(wizard.data_file), wizard.filename or ""
                    ) in ("csv", "xlsx")
                except (BankFileError, ValueError):
                    needs = False
            wizard.needs_mapping = needs

    def action_import(self):
        self.ensure_one()
        self._check_import_rights()
        data = base64.b64decode(self.with_context(bin_size=False).data_file)
        record, summary = self.env["bvk.bank.import"]._import_file(
            data, self.filename or "", self.journal_id, self.mapping_id
        )
        currency = self.journal_id.currency_id or self.journal_id.company_id.currency_id
        message = self.env["bvk.bank.import"]._format_summary(summary, currency)
        if not record:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "warning",
                    "sticky": True,
                    "message": message,
                    "next": {"type": "ir.actions.act_window_close"},
                },
            }
        record.message_post(body=message)
        return {
            "type": "ir.actions.act_window",
            "res_model": "bvk.bank.import",
            "res_id": record.id,
            "view_mode": "form",
            "target": "current",
        }

    def _check_import_rights(self):
        user = self.env.user
        if not (
            user.has_group("bvk_student_crm.group_bvk_coordinator")
            or user.has_group("account.group_account_invoice")
        ):
            raise UserError(
                self.env._("Only coordinators and accountants import payments.")
            )
