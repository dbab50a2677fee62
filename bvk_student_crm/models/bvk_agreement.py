# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

PAYMENT_TYPES = ("postpone", "split", "loan")
ACADEMIC_TYPES = ("deadline_extension", "individual_plan")


class BvkAgreement(models.Model):
    """An agreement on other conditions of fulfilling an obligation (steps
    4.1.3 and 4.2.3): the student's application, its approval, and its
    application to the covered obligations, documented by an amendment to the
    study contract (*vienošanās pie līguma*).

    The covered obligations are listed in ``line_ids`` (generic lines that
    point at instalments or academic obligations); applying the agreement
    calls ``_bvk_apply_agreement(agreement, lines)`` on each obligation model.
    """

    _name = "bvk.agreement"
    _description = "Agreement on Other Conditions"
    _inherit = ["bvk.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_application desc, id desc"
    _check_company_auto = True
    _bvk_sequence_code = "bvk.agreement"
    _bvk_workflow_fields = (
        "name",
        "state",
        "approved_by_id",
        "date_approved",
        "date_applied",
    )
    # what was approved is what is applied: frozen once approved
    _bvk_frozen_fields = (
        "agreement_type",
        "student_id",
        "contract_id",
        "date_application",
        "semester_id",
        "line_ids",
        "loan_type",
        "lender_id",
        "loan_reference",
        "loan_date_expected",
        "academic_semester_id",
        "company_id",
    )

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("approved", "Approved"),
            ("applied", "Applied"),
            ("refused", "Refused"),
        ],
        string="Status",
        required=True,
        default="draft",
        copy=False,
        tracking=True,
        index=True,
    )
    agreement_type = fields.Selection(
        selection=[
            ("postpone", "Postpone a payment"),
            ("split", "Split a payment"),
            ("loan", "Consumer credit or study loan"),
            ("deadline_extension", "Individual deadline extension"),
            ("individual_plan", "Individual study plan"),
        ],
        string="Type",
        required=True,
        tracking=True,
    )
    kind = fields.Selection(
        selection=[("payment", "Payment"), ("academic", "Academic")],
        compute="_compute_kind",
        store=True,
    )
    student_id = fields.Many2one(
        comodel_name="bvk.student",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    contract_id = fields.Many2one(
        comodel_name="bvk.study.contract",
        string="Study Contract",
        index=True,
        tracking=True,
        check_company=True,
        domain="[('student_id', '=', student_id),"
        " ('state', 'in', ('signed', 'active'))]",
    )
    date_application = fields.Date(
        string="Application Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="Date of the student's application (iesniegums).",
    )
    application_attachment_ids = fields.Many2many(
        comodel_name="ir.attachment",
        string="Application",
        help="The student's signed application.",
    )
    reason = fields.Text(help="What the student asks and why.")
    semester_id = fields.Many2one(
        comodel_name="bvk.semester",
        check_company=True,
        default=lambda self: self.env["bvk.semester"]._get_current(),
        help="Agreements are made during the current semester.",
    )
    line_ids = fields.One2many(
        comodel_name="bvk.agreement.line",
        inverse_name="agreement_id",
        string="Covered Obligations",
        copy=True,
    )
    approved_by_id = fields.Many2one(
        comodel_name="res.users", readonly=True, copy=False
    )
    date_approved = fields.Date(string="Approved On", readonly=True, copy=False)
    date_applied = fields.Date(string="Applied On", readonly=True, copy=False)
    refusal_reason = fields.Text(copy=False, tracking=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    request_id = fields.Many2one(
        comodel_name="bvk.student.request",
        string="Student Request",
        index="btree_not_null",
        check_company=True,
        copy=False,
        help="The student's request (iesniegums) this agreement answers: "
        "approving the agreement answers the request.",
    )

    # Payment agreements ------------------------------------------
    # (step 4.2.3; applied by bvk.payment.installment._bvk_apply_agreement)
    loan_type = fields.Selection(
        selection=[
            ("study_loan", "State-guaranteed study loan"),
            ("consumer", "Consumer credit"),
        ],
        default="study_loan",
        tracking=True,
    )
    lender_id = fields.Many2one(
        comodel_name="res.partner",
        tracking=True,
        help="The bank paying the covered amount; it becomes the payer.",
    )
    loan_reference = fields.Char(tracking=True)
    loan_date_expected = fields.Date(string="Expected Disbursement", tracking=True)
    installment_ids = fields.Many2many(
        comodel_name="bvk.payment.installment",
        compute="_compute_installment_ids",
        string="Instalments",
    )

    def _get_report_lang(self):
        """The amendment is printed in the student's language (Latvian)."""
        return self.student_id.lang or "lv_LV"

    def _compute_installment_ids(self):
        installments = self.env["bvk.payment.installment"]
        for agreement in self:
            agreement.installment_ids = (
                installments.search([("agreement_id", "=", agreement.id)])
                if agreement.id
                else installments
            )

    # Academic agreements -----------------------------------------
    # (step 4.1.3; applied by bvk.academic.obligation._bvk_apply_agreement)
    academic_semester_id = fields.Many2one(
        comodel_name="bvk.semester",
        string="Move to Semester",
        check_company=True,
        tracking=True,
        help="Individual study plan: the later semester the covered courses "
        "move to; their deadline becomes that semester's assessment date.",
    )
    academic_obligation_ids = fields.Many2many(
        comodel_name="bvk.academic.obligation",
        compute="_compute_academic_obligation_ids",
        string="Academic Obligations",
    )

    @api.depends("line_ids.res_model", "line_ids.res_id")
    def _compute_academic_obligation_ids(self):
        for agreement in self:
            agreement.academic_obligation_ids = (
                self.env["bvk.academic.obligation"]
                .browse(
                    agreement.line_ids.filtered(
                        lambda line: line.res_model == "bvk.academic.obligation"
                    ).mapped("res_id")
                )
                .exists()
            )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("agreement_type")
    def _compute_kind(self):
        for agreement in self:
            agreement.kind = (
                "payment"
                if agreement.agreement_type in PAYMENT_TYPES
                else "academic"
                if agreement.agreement_type in ACADEMIC_TYPES
                else False
            )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("date_application", "semester_id")
    def _check_current_semester(self):
        for agreement in self.filtered("semester_id"):
            semester = agreement.semester_id
            if not (
                semester.date_start <= agreement.date_application <= semester.date_end
            ):
                raise ValidationError(
                    self.env._(
                        "The agreement %(agreement)s must be made during the semester "
                        "%(semester)s (%(start)s – %(end)s).",
                        agreement=agreement.name,
                        semester=semester.name,
                        start=semester.date_start,
                        end=semester.date_end,
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_draft(self):
        if any(agreement.state not in ("draft", "refused") for agreement in self):
            raise UserError(
                self.env._("Only draft or refused agreements can be deleted.")
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_approve(self):
        """The SSC head (or the deputy director for academic matters) approves."""
        self._check_approver(self.env.user)
        self._bvk_check_state("draft")
        for agreement in self:
            if not agreement.line_ids:
                raise UserError(
                    self.env._(
                        "The agreement %(agreement)s covers no obligation.",
                        agreement=agreement.name,
                    )
                )
            agreement.line_ids._check_obligation()
        self._bvk_write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "date_approved": fields.Date.context_today(self),
            }
        )
        for agreement in self.filtered("request_id"):
            agreement.request_id._bvk_answer_from_agreement(agreement)
        return True

    def action_refuse(self):
        self._check_approver(self.env.user)
        self._bvk_check_state(("draft", "approved"))
        self._bvk_write({"state": "refused"})
        return True

    def action_draft(self):
        self._check_approver(self.env.user)
        self._bvk_check_state("refused")
        self._bvk_write(
            {"state": "draft", "approved_by_id": False, "date_approved": False}
        )
        return True

    def action_apply(self):
        """Change the covered obligations as agreed and stop their reminders.

        The coordinator applies what was approved: the approver's right to
        approve and every line's obligation are checked again here."""
        self._bvk_check_groups(
            "bvk_student_crm.group_bvk_coordinator",
            message=self.env._("Only the Study Support Centre applies agreements."),
        )
        self.check_access("write")
        self._bvk_check_state("approved")
        for agreement in self:
            agreement._check_approver(agreement.approved_by_id)
            agreement.line_ids._check_obligation()
            for res_model, lines in (
                agreement.line_ids.filtered("res_model").grouped("res_model").items()
            ):
                obligations = self.env[res_model].browse(lines.mapped("res_id"))
                obligations._bvk_apply_agreement(agreement, lines)
            agreement._bvk_write(
                {"state": "applied", "date_applied": fields.Date.context_today(self)}
            )
            agreement._send_amendment()
        return True

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _check_approver(self, user):
        """``user`` may approve (refuse, reopen) every agreement of ``self``:
        the SSC head any, the deputy director for studies academic ones."""
        deputy = user.has_group("bvk_student_crm.group_bvk_deputy_director")
        if not user.has_group("bvk_student_crm.group_bvk_head") and not (
            deputy and all(agreement.kind == "academic" for agreement in self)
        ):
            raise AccessError(
                self.env._(
                    "Only the head of the Study Support Centre approves agreements; "
                    "the deputy director for studies approves academic ones."
                )
            )

    def _send_amendment(self):
        """E-mail the amendment to the student (template set per kind)."""
        template = self.env.ref(
            "bvk_student_crm.mail_template_agreement_applied", raise_if_not_found=False
        )
        if not template:
            return
        for agreement in self:
            agreement.message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )
