# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    bvk_education_registry_number = fields.Char(
        string="Education Institution Register No.",
        help="Number in the register of educational institutions "
        "(izglītības iestāžu reģistrs), printed on study contracts.",
    )
    bvk_accreditation = fields.Char(
        string="Accreditation",
        help="Accreditation sheet number and date as printed on contracts, "
        "e.g. “akreditācijas lapa Nr. 054”.",
    )
    bvk_director_name = fields.Char(
        string="Director's Name",
        help="Name of the director or authorised person signing contracts.",
    )
    bvk_director_title = fields.Char(
        string="Director's Position", translate=True, default="Director"
    )
    bvk_director_authority = fields.Char(
        string="Acting Under",
        translate=True,
        help="The authority under which the director signs, in the Latvian form "
        "that follows “saskaņā ar” in contracts, e.g. “statūtiem”.",
    )
    bvk_ssc_head_id = fields.Many2one(
        comodel_name="res.users",
        string="Study Support Centre Head",
        help="Notified by the last reminder levels and approves agreements.",
    )
    bvk_contract_city = fields.Char(
        string="Place of Signing", translate=True, default="Rīga"
    )
