# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class BvkAcademicObligation(models.Model):
    """An obligation not yet passed when the studies end (expulsion,
    exmatriculation) is cancelled: neither done nor a debt, never reminded."""

    _inherit = "bvk.academic.obligation"

    state = fields.Selection(
        selection_add=[("cancelled", "Cancelled")],
        ondelete={"cancelled": "set default"},
    )
