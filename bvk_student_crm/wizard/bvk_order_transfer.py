# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class BvkOrderTransfer(models.TransientModel):
    """Step 6: the transfer to the next semester of the active students of
    some groups or programmes (1 March, 1 September). Each student is
    eligible or blocked, with the reasons; blocked students may be included
    conditionally, with a note. One transfer order is drafted, and on
    request an expulsion order for the blocked students left out."""

    _name = "bvk.order.transfer"
    _description = "Transfer Students to the Next Semester"

    date_effective = fields.Date(
        string="Effective Date",
        required=True,
        default=lambda self: self.env["bvk.order"]._next_semester_start(
            fields.Date.context_today(self)
        ),
    )
    program_ids = fields.Many2many(
        comodel_name="bvk.study.program", string="Programmes"
    )
    group_ids = fields.Many2many(
        comodel_name="bvk.student.group",
        string="Groups",
        domain="[('program_id', 'in', program_ids)] if program_ids else []",
    )
    line_ids = fields.One2many(
        comodel_name="bvk.order.transfer.line",
        inverse_name="wizard_id",
        string="Students",
    )
    eligible_count = fields.Integer(string="Eligible", compute="_compute_counts")
    blocked_count = fields.Integer(string="Blocked", compute="_compute_counts")
    included_count = fields.Integer(string="Included", compute="_compute_counts")
    create_expulsion = fields.Boolean(
        string="Draft an Expulsion Order for Those Left Out",
        help="The blocked students not included get a draft expulsion order "
        "(unpaid tuition or academic debts).",
    )

    @api.depends("line_ids.status", "line_ids.include")
    def _compute_counts(self):
        for wizard in self:
            lines = wizard.line_ids
            wizard.eligible_count = len(
                lines.filtered(lambda line: line.status == "eligible")
            )
            wizard.blocked_count = len(lines) - wizard.eligible_count
            wizard.included_count = len(lines.filtered("include"))

    def _get_students(self):
        """The active students of the chosen groups and programmes."""
        self.ensure_one()
        domain = [("state", "=", "active")]
        if self.group_ids:
            domain.append(("group_id", "in", self.group_ids.ids))
        elif self.program_ids:
            domain.append(("program_id", "in", self.program_ids.ids))
        return self.env["bvk.student"].search(domain, order="group_id, name, id")

    def action_load(self):
        """List the students with their status (the preview)."""
        self.ensure_one()
        students = self._get_students()
        preview = self.env["bvk.order"]._transfer_preview(students)
        self.line_ids.unlink()
        self.env["bvk.order.transfer.line"].create(
            [
                {
                    "wizard_id": self.id,
                    "student_id": student.id,
                    "contract_id": preview[student.id]["contract_id"],
                    "status": "eligible"
                    if preview[student.id]["eligible"]
                    else "blocked",
                    "reasons": "; ".join(preview[student.id]["reasons"]),
                    "amount_overdue": preview[student.id]["amount_overdue"],
                    "debt_count": preview[student.id]["debt_count"],
                    "include": preview[student.id]["eligible"],
                }
                for student in students
            ]
        )
        return self._reopen()

    def action_confirm(self):
        """Draft the transfer order (and the expulsion order) and open it."""
        self.ensure_one()
        included = self.line_ids.filtered("include")
        if not included:
            raise UserError(self.env._("No student is included in the transfer."))
        without_note = included.filtered(
            lambda line: line.status == "blocked" and not line.note
        )
        if without_note:
            raise UserError(
                self.env._(
                    "Students included conditionally need a note saying what they "
                    "must settle: %(students)s.",
                    students=", ".join(without_note.student_id.mapped("name")),
                )
            )
        Order = self.env["bvk.order"]
        order = Order._create_order(
            "transfer",
            [
                {
                    "student_id": line.student_id.id,
                    "contract_id": line.contract_id.id,
                    "conditional": line.status == "blocked",
                    "note": line.note or False,
                }
                for line in included
            ],
            date_effective=self.date_effective,
        )
        left_out = self.line_ids.filtered(
            lambda line: not line.include and line.status == "blocked"
        )
        if self.create_expulsion and left_out:
            for reason, lines in left_out.grouped(
                lambda line: "unpaid" if line.amount_overdue else "academic"
            ).items():
                Order._create_expulsion(
                    lines.student_id,
                    reason=reason,
                    date_effective=self.date_effective,
                    contracts=lines.contract_id,
                )
        return order._get_form_action()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "name": self.env._("Transfer Students to the Next Semester"),
        }


class BvkOrderTransferLine(models.TransientModel):
    _name = "bvk.order.transfer.line"
    _description = "Transfer Preview Line"
    _order = "status desc, id"

    wizard_id = fields.Many2one(
        comodel_name="bvk.order.transfer",
        string="Transfer",
        required=True,
        ondelete="cascade",
    )
    student_id = fields.Many2one(comodel_name="bvk.student", required=True)
    group_id = fields.Many2one(related="student_id.group_id")
    semester_number = fields.Integer(related="student_id.semester_number")
    contract_id = fields.Many2one(comodel_name="bvk.study.contract")
    status = fields.Selection(
        selection=[("eligible", "Eligible"), ("blocked", "Blocked")],
        required=True,
    )
    reasons = fields.Char()
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        default=lambda self: self.env.company.currency_id,
    )
    amount_overdue = fields.Monetary(string="Overdue")
    debt_count = fields.Integer(string="Academic Debts")
    include = fields.Boolean()
    note = fields.Char(help="Conditional transfer: what the student must settle.")
