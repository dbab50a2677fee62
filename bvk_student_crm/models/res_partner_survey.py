# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    """Employers of students and internship places get employer surveys."""

    _inherit = "res.partner"

    bvk_is_employer = fields.Boolean(
        string="Employer of Students",
        help="A company that employs students or graduates: it receives the "
        "employer survey.",
    )
    bvk_is_internship_place = fields.Boolean(
        string="Internship Place",
        help="A company where students do their internship: it receives the "
        "employer survey.",
    )
