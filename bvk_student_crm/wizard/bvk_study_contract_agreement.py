# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..models.bvk_payment_schedule import split_amount


class BvkStudyContractAgreement(models.TransientModel):
    """Record the student's application for other payment conditions (step
    4.2.3) as a draft agreement on the contract's instalments."""

    _name = "bvk.study.contract.agreement"
    _description = "Agreement on Other Payment Conditions"

    contract_id = fields.Many2one(
        comodel_name="bvk.study.contract", required=True, readonly=True
    )
    agreement_type = fields.Selection(
        selection=[
            ("postpone", "Postpone a payment"),
            ("split", "Split a payment"),
            ("loan", "Consumer credit or study loan"),
        ],
        string="Type",
        required=True,
        default="postpone",
    )
    installment_ids = fields.Many2many(
        comodel_name="bvk.payment.installment",
        string="Instalments",
        required=True,
        domain="[('contract_id', '=', contract_id), "
        "('state', 'in', ('planned', 'invoiced', 'partial', 'overdue'))]",
    )
    date_application = fields.Date(
        string="Application Date", required=True, default=fields.Date.context_today
    )
    application_file = fields.Binary(string="Application")
    application_filename = fields.Char()
    reason = fields.Text()
    date_new = fields.Date(string="New Due Date")
    part_count = fields.Integer(string="Parts", default=2)
    part_date_first = fields.Date(string="First Part Due")
    part_interval_months = fields.Integer(string="Months Between Parts", default=1)
    loan_type = fields.Selection(
        selection=[
            ("study_loan", "State-guaranteed study loan"),
            ("consumer", "Consumer credit"),
        ],
        default="study_loan",
    )
    lender_id = fields.Many2one(
        comodel_name="res.partner",
    )
    loan_reference = fields.Char()
    loan_date_expected = fields.Date(string="Expected Disbursement")
    request_id = fields.Many2one(
        comodel_name="bvk.student.request", string="Student Request", readonly=True
    )

    @api.model
    def default_get(self, fields_list):
        vals = super().default_get(fields_list)
        contract = self.env["bvk.study.contract"].browse(
            vals.get("contract_id") or self.env.context.get("active_id")
        )
        if contract and "installment_ids" in fields_list:
            open_lines = contract.payment_schedule_id.line_ids.filtered(
                lambda i: i.state in ("invoiced", "partial", "overdue")
            )
            vals["installment_ids"] = [Command.set(open_lines[:1].ids)]
        return vals

    def _prepare_agreement_vals(self):
        """The agreement and its lines; the lines are named in the student's
        language, the language of the amendment and its e-mail."""
        self.ensure_one()
        lang = self.contract_id.student_id.lang or self.env.lang
        installments = self.installment_ids.sorted("date_due").with_context(lang=lang)
        lines = []
        for installment in installments:
            lines.append(
                Command.create(
                    {
                        "res_model": installment._name,
                        "res_id": installment.id,
                        "name": installment.name,
                        "date_old": installment.date_due,
                        "date_new": self.date_new
                        if self.agreement_type == "postpone"
                        else self.loan_date_expected
                        if self.agreement_type == "loan"
                        else False,
                        "amount": installment.amount_residual,
                        "currency_id": installment.currency_id.id,
                    }
                )
            )
        if self.agreement_type == "split":
            if self.part_count < 2 or not self.part_date_first:
                raise UserError(
                    self.env._("A split needs at least two parts and a first date.")
                )
            currency = installments[:1].currency_id
            amounts = split_amount(
                sum(installments.mapped("amount_residual")),
                self.part_count,
                currency.rounding,
            )
            for index, amount in enumerate(amounts):
                lines.append(
                    Command.create(
                        {
                            "name": installments.env._(
                                "Part %(number)s of %(count)s",
                                number=index + 1,
                                count=self.part_count,
                            ),
                            "date_new": self.part_date_first
                            + relativedelta(months=index * self.part_interval_months),
                            "amount": amount,
                            "currency_id": currency.id,
                            "sequence": 100 + index,
                        }
                    )
                )
        if self.agreement_type == "postpone" and not self.date_new:
            raise UserError(self.env._("Give the new due date."))
        if self.agreement_type == "loan" and not self.lender_id:
            raise UserError(self.env._("Give the lender of the loan."))
        vals = {
            "agreement_type": self.agreement_type,
            "student_id": self.contract_id.student_id.id,
            "contract_id": self.contract_id.id,
            "date_application": self.date_application,
            "reason": self.reason,
            "company_id": self.contract_id.company_id.id,
            "line_ids": lines,
            "request_id": self.request_id.id,
        }
        if self.agreement_type == "loan":
            vals.update(
                {
                    "loan_type": self.loan_type,
                    "lender_id": self.lender_id.id,
                    "loan_reference": self.loan_reference,
                    "loan_date_expected": self.loan_date_expected,
                }
            )
        return vals

    def action_create(self):
        self.ensure_one()
        agreement = self.env["bvk.agreement"].create(self._prepare_agreement_vals())
        if self.application_file:
            attachment = self.env["ir.attachment"].create(
                {
                    "name": self.application_filename or "iesniegums",
                    "datas": self.application_file,
                    "res_model": agreement._name,
                    "res_id": agreement.id,
                }
            )
            agreement.application_attachment_ids = [Command.link(attachment.id)]
        return {
            "type": "ir.actions.act_window",
            "res_model": "bvk.agreement",
            "res_id": agreement.id,
            "view_mode": "form",
        }
