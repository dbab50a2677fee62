# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# the obligation models an agreement of each kind may cover
OBLIGATION_MODELS = {
    "payment": "bvk.payment.installment",
    "academic": "bvk.academic.obligation",
}


class BvkAgreementLine(models.Model):
    """An obligation covered by an agreement, with what changes for it: the new
    date, or the new part of a split instalment."""

    _name = "bvk.agreement.line"
    _description = "Agreement Line"
    _order = "agreement_id, sequence, id"

    agreement_id = fields.Many2one(
        comodel_name="bvk.agreement", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    res_model = fields.Char(
        string="Obligation Model",
        help="The covered obligation's model; empty for a new part of a split.",
    )
    res_id = fields.Many2oneReference(
        string="Obligation", model_field="res_model", index=True
    )
    name = fields.Char(string="Description", required=True)
    date_old = fields.Date(string="Current Date")
    date_new = fields.Date(string="New Date")
    amount = fields.Monetary()
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        default=lambda self: self.env.company.currency_id,
    )
    company_id = fields.Many2one(
        related="agreement_id.company_id", store=True, index=True
    )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("agreement_id", "res_model", "res_id")
    def _check_obligation(self):
        """A line covers an obligation of its agreement's kind, student,
        contract and company, never somebody else's."""
        for line in self.filtered("res_model"):
            agreement = line.agreement_id
            if line.res_model != OBLIGATION_MODELS.get(agreement.kind):
                raise ValidationError(
                    self.env._(
                        "The agreement %(agreement)s cannot cover a %(model)s.",
                        agreement=agreement.name,
                        model=line.res_model,
                    )
                )
            obligation = self.env[line.res_model].sudo().browse(line.res_id).exists()
            belongs = (
                obligation
                and obligation.student_id == agreement.student_id
                and obligation.company_id == agreement.company_id
                and (
                    not agreement.contract_id
                    or "contract_id" not in obligation._fields
                    or obligation.contract_id == agreement.contract_id
                )
            )
            if not belongs:
                raise ValidationError(
                    self.env._(
                        "The line %(line)s of %(agreement)s does not cover an "
                        "obligation of %(student)s under this contract.",
                        line=line.name,
                        agreement=agreement.name,
                        student=agreement.student_id.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_agreement_draft()
        return lines

    def write(self, vals):
        self._check_agreement_draft()
        res = super().write(vals)
        if "agreement_id" in vals:
            self._check_agreement_draft()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_agreement_not_draft(self):
        self._check_agreement_draft()

    def _check_agreement_draft(self):
        """What is approved is what gets applied: lines change in draft only
        (the module's own code, as superuser, may still write them)."""
        if self.env.su:
            return
        decided = self.agreement_id.filtered(lambda a: a.state != "draft")
        if decided:
            raise UserError(
                self.env._(
                    "The agreement %(agreement)s is no longer a draft: its "
                    "obligations cannot change.",
                    agreement=decided[0].name,
                )
            )
