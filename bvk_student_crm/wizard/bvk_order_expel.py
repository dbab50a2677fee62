# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..models.bvk_order_line import EXPULSION_REASONS


class BvkOrderExpel(models.TransientModel):
    """Step 5: draft an expulsion order for the director, from a student, a
    contract or a list of students (or of overdue instalments), after seeing
    what each student owes."""

    _name = "bvk.order.expel"
    _description = "Expel Students"

    student_ids = fields.Many2many(
        comodel_name="bvk.student",
        string="Students",
        required=True,
        domain="[('state', 'in', ('applicant', 'active', 'academic_leave'))]",
    )
    contract_ids = fields.Many2many(
        comodel_name="bvk.study.contract", string="Contracts"
    )
    reason = fields.Selection(
        selection=EXPULSION_REASONS, required=True, default="application"
    )
    date_application = fields.Date(
        string="Application Date",
        default=fields.Date.context_today,
        help="The date of the student's application (own request).",
    )
    date_effective = fields.Date(
        string="Effective Date",
        required=True,
        default=lambda self: fields.Date.context_today(self)
        + relativedelta(months=1, day=1),
    )
    note = fields.Char()
    summary_html = fields.Html(
        string="What Is Owed", compute="_compute_summary_html", sanitize=False
    )

    @api.model
    def default_get(self, fields_list):
        vals = super().default_get(fields_list)
        context = self.env.context
        model, ids = context.get("active_model"), context.get("active_ids") or []
        if vals.get("student_ids") or not ids or "student_ids" not in fields_list:
            return vals
        if model == "bvk.student":
            students = self.env["bvk.student"].browse(ids)
        elif model == "bvk.payment.installment":
            students = self.env["bvk.payment.installment"].browse(ids).student_id
        elif model == "bvk.study.contract":
            contracts = self.env["bvk.study.contract"].browse(ids)
            students = contracts.student_id
            vals["contract_ids"] = [Command.set(contracts.ids)]
        else:
            return vals
        vals["student_ids"] = [Command.set(students.ids)]
        if model == "bvk.payment.installment":
            vals["reason"] = "unpaid"
        return vals

    @api.depends("student_ids", "date_effective")
    def _compute_summary_html(self):
        Order = self.env["bvk.order"]
        for wizard in self:
            students = wizard.student_ids._origin or wizard.student_ids
            if not students or not wizard.date_effective:
                wizard.summary_html = False
                continue
            summary = Order._get_owed_summary(students, wizard.date_effective)
            header = Markup(
                "<table class='table table-sm o_bvk_owed'><thead><tr>"
                "<th>%s</th><th class='text-end'>%s</th><th class='text-end'>%s</th>"
                "<th class='text-end'>%s</th><th>%s</th></tr></thead><tbody>"
            ) % (
                self.env._("Student"),
                self.env._("Overdue (stays owed)"),
                self.env._("Owed before the effective date"),
                self.env._("Cancelled from the effective date"),
                self.env._("Academic debts"),
            )
            rows = []
            for student in students:
                values = summary[student.id]
                rows.append(
                    Markup(
                        "<tr><td>%s</td><td class='text-end'>%s</td>"
                        "<td class='text-end'>%s</td><td class='text-end'>%s</td>"
                        "<td>%s</td></tr>"
                    )
                    % (
                        student.name,
                        self.env._(
                            "%(amount)s (%(count)s)",
                            amount=Order._doc_amount(values["overdue"]),
                            count=values["overdue_count"],
                        ),
                        Order._doc_amount(values["owed"]),
                        self.env._(
                            "%(amount)s (%(count)s)",
                            amount=Order._doc_amount(values["cancelled"]),
                            count=values["cancelled_count"],
                        ),
                        ", ".join(values["debts"]) or "–",
                    )
                )
            wizard.summary_html = (
                header + Markup("").join(rows) + Markup("</tbody></table>")
            )

    def action_confirm(self):
        """Draft the order and open it."""
        self.ensure_one()
        if not self.student_ids:
            raise UserError(self.env._("Choose the students to expel."))
        order = self.env["bvk.order"]._create_expulsion(
            self.student_ids,
            reason=self.reason,
            date_effective=self.date_effective,
            date_application=self.reason == "application" and self.date_application,
            note=self.note,
            contracts=self.contract_ids,
        )
        return order._get_form_action()
