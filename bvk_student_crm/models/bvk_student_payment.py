# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class BvkStudent(models.Model):
    """The student's payment obligations and reminders (student form)."""

    _inherit = "bvk.student"

    installment_ids = fields.One2many(
        comodel_name="bvk.payment.installment",
        inverse_name="student_id",
        string="Instalments",
    )
    reminder_ids = fields.One2many(
        comodel_name="bvk.reminder", inverse_name="student_id", string="Reminders"
    )
    payment_currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="company_id.currency_id",
        string="Payment Currency",
    )
    payment_amount_due = fields.Monetary(
        string="Amount Due",
        compute="_compute_payment_amounts",
        currency_field="payment_currency_id",
    )
    payment_amount_overdue = fields.Monetary(
        string="Overdue",
        compute="_compute_payment_amounts",
        currency_field="payment_currency_id",
    )

    @api.depends("installment_ids.amount_residual", "installment_ids.state")
    def _compute_payment_amounts(self):
        data = self.env["bvk.payment.installment"]._read_group(
            [
                ("student_id", "in", self.ids),
                ("state", "in", ("invoiced", "partial", "overdue")),
            ],
            ["student_id", "state"],
            ["amount_residual:sum"],
        )
        due, overdue = {}, {}
        for student, state, amount in data:
            due[student.id] = due.get(student.id, 0.0) + amount
            if state == "overdue":
                overdue[student.id] = overdue.get(student.id, 0.0) + amount
        for student in self:
            student.payment_amount_due = due.get(student.id, 0.0)
            student.payment_amount_overdue = overdue.get(student.id, 0.0)
