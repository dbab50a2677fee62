# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class BvkStudentMeetingBook(models.TransientModel):
    """Book a meeting or consultation with a student (step 3): see
    ``bvk.student._bvk_book_meeting``."""

    _name = "bvk.student.meeting.book"
    _description = "Book a Meeting with the Student"

    student_id = fields.Many2one(
        comodel_name="bvk.student", required=True, ondelete="cascade"
    )
    activity_type_id = fields.Many2one(
        comodel_name="mail.activity.type",
        string="Type of Meeting",
        required=True,
        domain="[('res_model', '=', 'bvk.student'), ('category', '=', 'meeting')]",
        default=lambda self: self.env.ref(
            "bvk_student_crm.mail_activity_type_contact_consultation",
            raise_if_not_found=False,
        ),
    )
    start = fields.Datetime(required=True, default=fields.Datetime.now)
    duration = fields.Float(default=1.0, help="In hours.")
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="With",
        required=True,
        domain=[("share", "=", False)],
        default=lambda self: self.env.user,
    )
    name = fields.Char(string="Subject")

    def action_book(self):
        self.ensure_one()
        event = self.student_id._bvk_book_meeting(
            self.activity_type_id,
            self.start,
            duration=self.duration,
            user=self.user_id,
            name=self.name,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": event.id,
            "view_mode": "form",
        }
