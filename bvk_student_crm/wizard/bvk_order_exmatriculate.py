# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class BvkOrderExmatriculate(models.TransientModel):
    """Step 6: exmatriculation. The students who completed the last semester
    of their programme with every obligation passed and nothing owed are
    proposed for an exmatriculation-with-graduation order."""

    _name = "bvk.order.exmatriculate"
    _description = "Exmatriculate Students"

    student_ids = fields.Many2many(
        comodel_name="bvk.student",
        string="Students",
        domain="[('state', 'in', ('active', 'academic_leave'))]",
    )
    contract_ids = fields.Many2many(
        comodel_name="bvk.study.contract", string="Contracts"
    )
    program_ids = fields.Many2many(
        comodel_name="bvk.study.program", string="Programmes"
    )
    group_ids = fields.Many2many(
        comodel_name="bvk.student.group",
        string="Groups",
        domain="[('program_id', 'in', program_ids)] if program_ids else []",
    )
    graduation = fields.Boolean(string="With Graduation", default=True)
    date_effective = fields.Date(
        string="Effective Date",
        required=True,
        default=lambda self: fields.Date.context_today(self)
        + relativedelta(months=1, day=1),
    )
    check_html = fields.Html(
        string="Check", compute="_compute_check_html", sanitize=False
    )

    @api.model
    def default_get(self, fields_list):
        vals = super().default_get(fields_list)
        context = self.env.context
        if (
            context.get("active_model") == "bvk.student"
            and context.get("active_ids")
            and "student_ids" in fields_list
            and not vals.get("student_ids")
        ):
            vals["student_ids"] = [Command.set(context["active_ids"])]
        return vals

    @api.depends("student_ids", "graduation")
    def _compute_check_html(self):
        Order = self.env["bvk.order"]
        for wizard in self:
            students = wizard.student_ids._origin or wizard.student_ids
            if not students or not wizard.graduation:
                wizard.check_html = False
                continue
            checks = Order._exmatriculation_check(students)
            rows = Markup("").join(
                Markup("<li>%s: %s</li>")
                % (
                    student.name,
                    "; ".join(checks[student.id])
                    or self.env._("completed the programme"),
                )
                for student in students
            )
            wizard.check_html = Markup("<ul>%s</ul>") % rows

    def action_propose(self):
        """Propose the students of the chosen groups or programmes who
        completed the programme."""
        self.ensure_one()
        domain = []
        if self.group_ids:
            domain.append(("group_id", "in", self.group_ids.ids))
        elif self.program_ids:
            domain.append(("program_id", "in", self.program_ids.ids))
        self.student_ids = self.env["bvk.order"]._exmatriculation_proposals(domain)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "name": self.env._("Exmatriculate Students"),
        }

    def action_confirm(self):
        self.ensure_one()
        if not self.student_ids:
            raise UserError(self.env._("Choose the students to exmatriculate."))
        if self.graduation:
            checks = self.env["bvk.order"]._exmatriculation_check(self.student_ids)
            unfinished = self.student_ids.filtered(lambda s: checks[s.id])
            if unfinished:
                raise UserError(
                    self.env._(
                        "Only the students who completed the programme graduate: "
                        "%(students)s.",
                        students="; ".join(
                            f"{s.name} ({', '.join(checks[s.id])})" for s in unfinished
                        ),
                    )
                )
        line_vals = []
        for student in self.student_ids:
            vals = {"student_id": student.id}
            contract = self.contract_ids.filtered(
                lambda c, s=student: c.student_id == s
            )
            if contract:
                vals["contract_id"] = contract[:1].id
            line_vals.append(vals)
        order = self.env["bvk.order"]._create_order(
            "exmatriculation",
            line_vals,
            date_effective=self.date_effective,
            graduation=self.graduation,
        )
        return order._get_form_action()
