# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class BvkStudent(models.Model):
    """Academic obligations of the student: late joiners get the obligations
    of their group's confirmed schedules; actions of the Results page."""

    _inherit = "bvk.student"

    @api.model_create_multi
    def create(self, vals_list):
        students = super().create(vals_list)
        students.filtered("group_id")._bvk_generate_academic_obligations()
        return students

    def write(self, vals):
        res = super().write(vals)
        if vals.get("group_id") or vals.get("state") == "active":
            self.filtered("group_id")._bvk_generate_academic_obligations()
        return res

    def _bvk_generate_academic_obligations(self):
        """Obligations for the confirmed, unfinished schedules of the group
        (a student who joins the group later)."""
        students = self.filtered(lambda s: s.state in ("applicant", "active"))
        if not students:
            return self.env["bvk.academic.obligation"]
        schedules = (
            self.env["bvk.study.schedule"]
            .sudo()
            ._get_confirmed_for_groups(students.group_id)
        )
        return schedules.offering_ids._generate_obligations(students.sudo())

    def action_view_academic_obligations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bvk_student_crm.bvk_academic_obligation_action"
        )
        action["domain"] = [("student_id", "=", self.id)]
        action["context"] = {"search_default_groupby_semester": 1}
        return action

    def action_create_academic_agreement(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Academic Agreement"),
            "res_model": "bvk.academic.agreement.create",
            "view_mode": "form",
            "target": "new",
            "context": {"default_student_id": self.id},
        }
