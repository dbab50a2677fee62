# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class BvkStudentGroupMessage(models.TransientModel):
    """Write to the whole group (step 3): see
    ``bvk.student.group._bvk_message_group``."""

    _name = "bvk.student.group.message"
    _description = "Message the Group"

    group_id = fields.Many2one(
        comodel_name="bvk.student.group", required=True, ondelete="cascade"
    )
    subject = fields.Char(required=True)
    body = fields.Html(string="Message", required=True)
    attachment_ids = fields.Many2many(
        comodel_name="ir.attachment",
        relation="bvk_student_group_message_attachment_rel",
        column1="wizard_id",
        column2="attachment_id",
        string="Attachments",
    )
    recipient_count = fields.Integer(
        string="Recipients", compute="_compute_recipient_count"
    )

    @api.depends("group_id")
    def _compute_recipient_count(self):
        for wizard in self:
            wizard.recipient_count = len(
                wizard.group_id._bvk_message_recipients().partner_id.filtered("email")
                if wizard.group_id
                else []
            )

    def action_send(self):
        self.ensure_one()
        self.group_id._bvk_message_group(
            self.subject, self.body, attachments=self.attachment_ids
        )
        return {"type": "ir.actions.act_window_close"}
