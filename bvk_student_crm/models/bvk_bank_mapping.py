# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError

from ..lib.bank_statement import BankFileError, ColumnMapping


def _column(value):
    """A column is a header text or a 0-based number."""
    value = (value or "").strip()
    if not value:
        return None
    return int(value) if value.isdigit() else value


def _values(value):
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


class BvkBankMapping(models.Model):
    """A saved column mapping of a bank's CSV/XLSX export."""

    _name = "bvk.bank.mapping"
    _description = "Bank File Column Mapping"
    _order = "name"

    name = fields.Char(required=True)
    col_date = fields.Char(string="Booking Date Column", required=True)
    col_amount = fields.Char(string="Amount Column", required=True)
    col_currency = fields.Char(string="Currency Column")
    col_payer_name = fields.Char(string="Payer Name Column")
    col_payer_iban = fields.Char(string="Payer Account Column")
    col_payer_id = fields.Char(string="Payer Code Column")
    col_details = fields.Char(
        string="Details Columns", help="One or more columns, separated by commas."
    )
    col_bank_ref = fields.Char(string="Bank Reference Column")
    col_account_iban = fields.Char(string="Account Column")
    col_credit_debit = fields.Char(string="Credit/Debit Column")
    credit_values = fields.Char(default="C,K,CR,CRDT")
    debit_values = fields.Char(default="D,DR,DBIT")
    col_row_type = fields.Char(string="Record Type Column")
    row_type_values = fields.Char(string="Transaction Record Types")
    default_currency = fields.Char(default="EUR")
    default_account_iban = fields.Char(string="Default Account")
    date_formats = fields.Char(default="%d.%m.%Y,%Y-%m-%d")
    decimal_separator = fields.Selection(
        selection=[(",", "Comma"), (".", "Full stop")], default=",", required=True
    )
    delimiter = fields.Char(default=";", required=True)
    encoding = fields.Selection(
        selection=[("", "UTF-8"), ("cp1257", "Windows-1257")], default=""
    )
    header_row = fields.Integer(default=1)
    company_id = fields.Many2one(
        comodel_name="res.company", default=lambda self: self.env.company
    )

    def _to_column_mapping(self):
        self.ensure_one()
        details = tuple(
            _column(c) for c in (self.col_details or "").split(",") if c.strip()
        )
        try:
            return ColumnMapping(
                date=_column(self.col_date),
                amount=_column(self.col_amount),
                currency=_column(self.col_currency),
                payer_name=_column(self.col_payer_name),
                payer_iban=_column(self.col_payer_iban),
                payer_id=_column(self.col_payer_id),
                details=details or None,
                bank_ref=_column(self.col_bank_ref),
                account_iban=_column(self.col_account_iban),
                credit_debit=_column(self.col_credit_debit),
                credit_values=_values(self.credit_values) or ("C", "K", "CR", "CRDT"),
                debit_values=_values(self.debit_values) or ("D", "DR", "DBIT"),
                row_type=_column(self.col_row_type),
                row_type_values=_values(self.row_type_values),
                default_currency=self.default_currency or "",
                default_account_iban=self.default_account_iban or "",
                date_formats=_values(self.date_formats) or ("%d.%m.%Y",),
                decimal_separator=self.decimal_separator or ",",
                delimiter=self.delimiter or ";",
                encoding=self.encoding or "",
                header_row=self.header_row,
            )
        except BankFileError as exc:
            raise UserError(str(exc)) from exc
