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

    # ------------------------------------------------------------
    # Academic obligations (steps 3.3, 3.4, 4.1)
    # ------------------------------------------------------------

    bvk_academic_notice_days = fields.Integer(
        string="Deadline Notice (days before)",
        default=7,
        help="Students are told this many days before each deadline what is "
        "due (step 3.3). 0 switches the notice off.",
    )
    bvk_academic_thanks = fields.Boolean(
        string="Thank Students for a Semester Passed on Time",
        default=True,
        help="Step 3.4: a short thank-you message, once per semester.",
    )
    bvk_lms_inactivity_days = fields.Integer(
        string="LMS Inactivity (days)",
        default=14,
        help="A student with no activity in a course of the learning "
        "management system for this many days before its deadline gets an "
        "early warning.",
    )
