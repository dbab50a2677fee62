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
    _check_company_auto = True

    data_file = fields.Binary(string="Bank File", required=True)
    filename = fields.Char()
    journal_id = fields.Many2one(
        comodel_name="account.journal",
        string="Bank Journal",
        required=True,
        check_company=True,
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
                company = wizard.company_id or self.env.company
                try:
                    # a file over the size limit is not even decoded here: the
                    # import refuses it
                    company._bvk_check_import_size_b64(
                        wizard.data_file, wizard.filename
                    )
                    needs = detect_format(
                        base64.b64decode(wizard.data_file), wizard.filename or ""
                    ) in ("csv", "xlsx")
                except (BankFileError, UserError, ValueError):
                    needs = False
            wizard.needs_mapping = needs

    def action_import(self):
        self.ensure_one()
        company = self.company_id or self.env.company
        filename = self.filename or ""
        b64_value = self.with_context(bin_size=False).data_file
        company._bvk_check_import_size_b64(b64_value, filename)
        data = base64.b64decode(b64_value)
        company._bvk_check_import_file(data, filename)
        Import = self.env["bvk.bank.import"]
        record, summary = Import._import_file(
            data, self.filename or "", self.journal_id, self.mapping_id
        )
        currency = self.journal_id.currency_id or self.journal_id.company_id.currency_id
        message = Import._format_summary(summary, currency)
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
        if summary["background"] or summary["concurrent"]:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info" if summary["background"] else "warning",
                    "sticky": True,
                    "message": message,
                    "next": record._bvk_action_open(),
                },
            }
        return record._bvk_action_open()
