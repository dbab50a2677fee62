# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

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
