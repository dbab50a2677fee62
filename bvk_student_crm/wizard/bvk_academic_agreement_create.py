# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class BvkAcademicAgreementCreate(models.TransientModel):
    """Draft an academic agreement (step 4.1.3) from the student: an
    individual deadline extension or an individual study plan for some of
    the student's open obligations."""

    _name = "bvk.academic.agreement.create"
    _description = "Create Academic Agreement"

    student_id = fields.Many2one(
        comodel_name="bvk.student", required=True, ondelete="cascade"
    )
    agreement_type = fields.Selection(
        selection=[
            ("deadline_extension", "Individual deadline extension"),
            ("individual_plan", "Individual study plan"),
        ],
        string="Type",
        required=True,
        default="deadline_extension",
    )
    obligation_ids = fields.Many2many(
        comodel_name="bvk.academic.obligation",
        string="Obligations",
        required=True,
        domain="[('student_id', '=', student_id), "
        "('state', 'in', ('pending', 'debt', 'covered'))]",
    )
    date_new = fields.Date(string="New Deadline")
    semester_id = fields.Many2one(
        comodel_name="bvk.semester",
        string="Move to Semester",
        domain="[('date_start', '>', context_today().strftime('%Y-%m-%d'))]",
    )
    reason = fields.Text(help="The student's application: what and why.")
    request_id = fields.Many2one(
        comodel_name="bvk.student.request", string="Student Request", readonly=True
    )

    @api.model
    def default_get(self, fields_list):
        vals = super().default_get(fields_list)
        student_id = vals.get("student_id") or (
            self.env.context.get("active_model") == "bvk.student"
            and self.env.context.get("active_id")
        )
        if student_id and "obligation_ids" in fields_list:
            vals["student_id"] = student_id
            vals["obligation_ids"] = [
                Command.set(
                    self.env["bvk.academic.obligation"]
                    .search([("student_id", "=", student_id), ("state", "=", "debt")])
                    .ids
                )
            ]
        return vals

    def action_create(self):
        self.ensure_one()
        if self.agreement_type == "deadline_extension" and not self.date_new:
            raise UserError(self.env._("Set the new deadline."))
        if self.agreement_type == "individual_plan" and not (
            self.semester_id or self.date_new
        ):
            raise UserError(self.env._("Choose the semester the courses move to."))
        lines = []
        for obligation in self.obligation_ids:
            date_new = self.date_new
            if self.agreement_type == "individual_plan" and self.semester_id:
                offering = obligation._find_later_offering(self.semester_id)
                date_new = offering.date_assessment or self.date_new
            lines.append(
                Command.create(
                    {
                        "res_model": obligation._name,
                        "res_id": obligation.id,
                        "name": obligation.course_id.display_name,
                        "date_old": obligation.date_deadline,
                        "date_new": date_new,
                    }
                )
            )
        contract = self.student_id.contract_ids.filtered(
            lambda c: c.state in ("signed", "active")
        )[:1]
        agreement = self.env["bvk.agreement"].create(
            {
                "student_id": self.student_id.id,
                "contract_id": contract.id,
                "agreement_type": self.agreement_type,
                "academic_semester_id": self.semester_id.id,
                "reason": self.reason,
                "line_ids": lines,
                "request_id": self.request_id.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "bvk.agreement",
            "res_id": agreement.id,
            "view_mode": "form",
        }
