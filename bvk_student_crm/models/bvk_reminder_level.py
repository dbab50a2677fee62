# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class BvkReminderLevel(models.Model):
    _name = "bvk.reminder.level"
    _description = "Reminder Level"
    _order = "policy_id, sequence"

    policy_id = fields.Many2one(
        comodel_name="bvk.reminder.policy",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(
        string="Level",
        required=True,
        default=1,
        help="1 is the first reminder of the daily run. Level 0 is the notice "
        "sent by hand before the due date: the daily run never sends it, and "
        "it does not count as a reminder level of the obligation.",
    )
    name = fields.Char(required=True, translate=True)
    days_overdue = fields.Integer(
        required=True,
        default=1,
        help="Sent once the obligation is this many days overdue (after the "
        "grace days). Negative values send a notice before the deadline. "
        "Not used by level 0, the notice sent by hand.",
    )
    send_email = fields.Boolean(string="E-mail", default=True)
    mail_template_id = fields.Many2one(
        comodel_name="mail.template",
        string="E-mail Template",
        domain=[("model", "=", "bvk.reminder")],
    )
    send_sms = fields.Boolean(string="SMS")
    sms_template_id = fields.Many2one(
        comodel_name="sms.template",
        string="SMS Template",
        domain=[("model", "=", "bvk.reminder")],
    )
    activity_type_id = fields.Many2one(
        comodel_name="mail.activity.type",
        string="Coordinator Activity",
        help="An activity (phone call, meeting) scheduled for the student's "
        "coordinator.",
    )
    notify_head = fields.Boolean(
        string="Notify SSC Head",
        help="Schedule an activity for the head of the Study Support Centre.",
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True)

    _sql_constraints = [
        (
            "sequence_policy_uniq",
            "unique(policy_id, sequence)",
            "Each level of a policy has its own number.",
        ),
    ]
