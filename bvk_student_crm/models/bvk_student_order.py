# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import AccessError

from .bvk_student import CONTRACT_GROUPS


class BvkStudent(models.Model):
    """The director's orders on a student (steps 5 and 6)."""

    _inherit = "bvk.student"

    order_line_ids = fields.One2many(
        comodel_name="bvk.order.line",
        inverse_name="student_id",
        string="Orders",
        groups=CONTRACT_GROUPS,
    )
    order_count = fields.Integer(compute="_compute_order_count", groups=CONTRACT_GROUPS)

    def _compute_order_count(self):
        counts = dict(
            self.env["bvk.order.line"]._read_group(
                [("student_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["student_id"],
                ["order_id:count_distinct"],
            )
        )
        for student in self:
            student.order_count = counts.get(student, 0)

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bvk_student_crm.bvk_order_action"
        )
        action["domain"] = [("line_ids.student_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_expel(self):
        """Step 5: the expulsion wizard for the selected students."""
        if not self.env.user.has_group("bvk_student_crm.group_bvk_coordinator"):
            raise AccessError(
                self.env._("Only the Study Support Centre drafts orders.")
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Expel Students"),
            "res_model": "bvk.order.expel",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_student_ids": [fields.Command.set(self.ids)],
            },
        }
