# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class BvkAgreementLine(models.Model):
    """An obligation covered by an agreement, with what changes for it: the new
    date, or the new part of a split instalment."""

    _name = "bvk.agreement.line"
    _description = "Agreement Line"
    _order = "agreement_id, sequence, id"

    agreement_id = fields.Many2one(
        comodel_name="bvk.agreement", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    res_model = fields.Char(
        string="Obligation Model",
        help="The covered obligation's model; empty for a new part of a split.",
    )
    res_id = fields.Many2oneReference(
        string="Obligation", model_field="res_model", index=True
    )
    name = fields.Char(string="Description", required=True)
    date_old = fields.Date(string="Current Date")
    date_new = fields.Date(string="New Date")
    amount = fields.Monetary()
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        default=lambda self: self.env.company.currency_id,
    )
