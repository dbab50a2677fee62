# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class BvkReminderPreview(models.TransientModel):
    """What a reminder sent by hand will send, before it is sent: the e-mail
    and SMS of the first student as they get them, and how many students get
    one. The rules are the instalments' (``_bvk_manual_reminder_preview``,
    ``_bvk_send_manual_reminders``)."""

    _name = "bvk.reminder.preview"
    _description = "Reminder Preview"

    installment_ids = fields.Many2many(
        comodel_name="bvk.payment.installment",
        string="Instalments",
        required=True,
    )
    reminder_count = fields.Integer(
        string="Reminders", compute="_compute_preview", readonly=True
    )
    student_count = fields.Integer(
        string="Students", compute="_compute_preview", readonly=True
    )
    notice_count = fields.Integer(
        string="Notices",
        compute="_compute_preview",
        readonly=True,
        help="Reminders of instalments not yet due: a notice, not a late reminder.",
    )
    student_id = fields.Many2one(
        comodel_name="bvk.student",
        string="Preview For",
        compute="_compute_preview",
        readonly=True,
    )
    level_id = fields.Many2one(
        comodel_name="bvk.reminder.level",
        compute="_compute_preview",
        readonly=True,
    )
    summary = fields.Char(compute="_compute_preview", readonly=True)
    channels = fields.Char(compute="_compute_preview", readonly=True)
    email_to = fields.Char(string="To", compute="_compute_preview", readonly=True)
    subject = fields.Char(compute="_compute_preview", readonly=True)
    body_html = fields.Html(
        string="E-mail", compute="_compute_preview", readonly=True, sanitize=False
    )
    sms_body = fields.Text(string="SMS", compute="_compute_preview", readonly=True)

    @api.depends("installment_ids")
    def _compute_preview(self):
        for wizard in self:
            preview = {}
            if wizard.installment_ids:
                preview = wizard.installment_ids._bvk_manual_reminder_preview()
            for name in (
                "reminder_count",
                "student_count",
                "notice_count",
                "student_id",
                "level_id",
                "channels",
                "email_to",
                "subject",
                "body_html",
                "sms_body",
            ):
                wizard[name] = preview.get(name, False)
            wizard.summary = wizard._summary_text()

    def _summary_text(self):
        self.ensure_one()
        text = self.env._(
            "%(reminders)s reminder(s) to %(students)s student(s) will be sent.",
            reminders=self.reminder_count,
            students=self.student_count,
        )
        if self.notice_count:
            text += " " + self.env._(
                "%(notices)s of them before the due date: a notice, not a late "
                "payment reminder.",
                notices=self.notice_count,
            )
        return (
            text + " " + self.env._("Below is the first one, as its student gets it.")
        )

    def action_send(self):
        self.ensure_one()
        reminders = self.installment_ids._bvk_send_manual_reminders()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s reminder(s) sent.", count=len(reminders)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
