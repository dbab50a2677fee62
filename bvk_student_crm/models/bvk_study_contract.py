# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import lv_format

RUNNING_STATES = ("signed", "active")


class BvkStudyContract(models.Model):
    _name = "bvk.study.contract"
    _description = "Study Contract"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("signed", "Signed"),
            ("active", "Active"),
            ("completed", "Completed"),
            ("terminated", "Terminated"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        required=True,
        default="draft",
        copy=False,
        tracking=True,
        index=True,
        group_expand=True,
    )
    student_id = fields.Many2one(
        comodel_name="bvk.student",
        string="Student",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    partner_id = fields.Many2one(related="student_id.partner_id", string="Contact")
    program_id = fields.Many2one(
        comodel_name="bvk.study.program",
        string="Programme",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        compute="_compute_program_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    group_id = fields.Many2one(
        comodel_name="bvk.student.group",
        string="Group",
        tracking=True,
        check_company=True,
        compute="_compute_group_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('program_id', '=', program_id)]",
    )
    study_language = fields.Selection(
        selection=[("lv", "Latvian"), ("en", "English")],
        string="Language of Studies",
        required=True,
        default="lv",
    )
    date_start = fields.Date(
        string="Start Date", required=True, tracking=True, default=fields.Date.today
    )
    date_end = fields.Date(
        string="Planned End Date",
        compute="_compute_date_end",
        store=True,
        readonly=False,
        tracking=True,
        precompute=True,
    )
    amount_total = fields.Monetary(
        string="Tuition Total",
        currency_field="currency_id",
        compute="_compute_amount_total",
        store=True,
        readonly=False,
        tracking=True,
        precompute=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        required=True,
        compute="_compute_currency_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    payer_id = fields.Many2one(
        comodel_name="res.partner",
        string="Payer",
        compute="_compute_payer_id",
        store=True,
        readonly=False,
        tracking=True,
        precompute=True,
        check_company=True,
        help="Who pays the tuition: the student, or e.g. an employer.",
    )
    date_signed = fields.Date(string="Signed On", copy=False, tracking=True)
    signed_by_id = fields.Many2one(
        comodel_name="res.users", string="Signed By", copy=False, tracking=True
    )
    date_terminated = fields.Date(string="Terminated On", copy=False, tracking=True)
    note = fields.Html(string="Notes")
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "The contract number must be unique.",
        ),
        (
            "amount_not_negative",
            "CHECK(amount_total >= 0)",
            "The tuition cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("student_id")
    def _compute_program_id(self):
        for contract in self:
            if contract.student_id.program_id and not contract.program_id:
                contract.program_id = contract.student_id.program_id

    @api.depends("student_id", "program_id")
    def _compute_group_id(self):
        for contract in self:
            group = contract.student_id.group_id
            if group and group.program_id == contract.program_id:
                contract.group_id = group

    @api.depends("date_start", "program_id")
    def _compute_date_end(self):
        for contract in self:
            if contract.date_start and contract.program_id:
                months = 6 * contract.program_id.duration_semesters
                contract.date_end = contract.date_start + relativedelta(
                    months=months, days=-1
                )

    @api.depends("program_id")
    def _compute_amount_total(self):
        for contract in self:
            if contract.program_id and contract.state == "draft":
                contract.amount_total = contract.program_id.tuition_total

    @api.depends("program_id")
    def _compute_currency_id(self):
        for contract in self:
            contract.currency_id = (
                contract.program_id.currency_id
                or contract.currency_id
                or contract.company_id.currency_id
            )

    @api.depends("student_id")
    def _compute_payer_id(self):
        for contract in self:
            if not contract.payer_id:
                contract.payer_id = contract.student_id.partner_id

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if contract.date_end and contract.date_end < contract.date_start:
                raise ValidationError(
                    self.env._(
                        "The contract %(contract)s cannot end before it starts.",
                        contract=contract.name,
                    )
                )

    @api.constrains("state", "student_id", "program_id")
    def _check_one_running_contract(self):
        running = self.filtered(lambda c: c.state in RUNNING_STATES)
        if not running:
            return
        others = self.search(
            [
                ("id", "not in", running.ids),
                ("state", "in", RUNNING_STATES),
                ("student_id", "in", running.student_id.ids),
                ("program_id", "in", running.program_id.ids),
            ]
        )
        for contract in running:
            clash = (others | running - contract).filtered(
                lambda c, contract=contract: c.student_id == contract.student_id
                and c.program_id == contract.program_id
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "%(student)s already has the running contract %(other)s for "
                        "the programme %(program)s.",
                        student=contract.student_id.name,
                        other=clash[0].name,
                        program=contract.program_id.display_name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "bvk.study.contract"
                )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_draft(self):
        if any(contract.state != "draft" for contract in self):
            raise UserError(
                self.env._(
                    "Only draft contracts can be deleted; cancel or terminate the "
                    "others."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_sign(self):
        """Step 1 of the process: the director signs the study contract."""
        self._check_director()
        self._check_state("draft", self.env._("sign"))
        for contract in self:
            problems = contract._get_signing_problems()
            if problems:
                raise UserError(
                    self.env._(
                        "The contract %(contract)s cannot be signed yet:\n%(problems)s",
                        contract=contract.name,
                        problems="\n".join(f"• {p}" for p in problems),
                    )
                )
        today = fields.Date.context_today(self)
        for contract in self:
            contract.write(
                {
                    "state": "signed",
                    "date_signed": contract.date_signed or today,
                    "signed_by_id": self.env.user.id,
                }
            )
        self._send_signed_contract()
        return True

    def action_activate(self):
        self._check_state("signed", self.env._("activate"))
        self.write({"state": "active"})
        self.student_id.filtered(lambda s: s.state == "applicant").write(
            {"state": "active"}
        )
        return True

    def action_complete(self):
        self._check_state("active", self.env._("complete"))
        self.write({"state": "completed"})
        return True

    def action_terminate(self):
        self._check_state(RUNNING_STATES, self.env._("terminate"))
        self.write(
            {
                "state": "terminated",
                "date_terminated": fields.Date.context_today(self),
            }
        )
        return True

    def action_cancel(self):
        self._check_state(("draft", "signed"), self.env._("cancel"))
        self.write({"state": "cancelled"})
        return True

    def action_draft(self):
        self._check_state("cancelled", self.env._("reset to draft"))
        if any(self.mapped("date_signed")):
            raise UserError(
                self.env._(
                    "A contract that was signed cannot go back to draft; create a "
                    "new contract instead."
                )
            )
        self.write({"state": "draft"})
        return True

    def action_print(self):
        return self.env.ref("bvk_student_crm.action_report_study_contract").report_action(
            self
        )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _check_director(self):
        if not self.env.user.has_group("bvk_student_crm.group_bvk_director"):
            raise AccessError(
                self.env._("Only the director can sign study contracts.")
            )

    def _check_state(self, allowed, verb):
        allowed = (allowed,) if isinstance(allowed, str) else allowed
        labels = dict(self._fields["state"]._description_selection(self.env))
        for contract in self:
            if contract.state not in allowed:
                raise UserError(
                    self.env._(
                        "You cannot %(action)s the contract %(contract)s: it is "
                        "%(state)s.",
                        action=verb,
                        contract=contract.name,
                        state=labels[contract.state],
                    )
                )

    def _get_signing_problems(self):
        """What prevents signing: identification, e-mail, tuition."""
        self.ensure_one()
        problems = []
        identification = self.student_id._get_identification_problem()
        if identification:
            problems.append(identification)
        if not self.student_id.email:
            problems.append(
                self.env._("%(student)s has no e-mail.", student=self.student_id.name)
            )
        if self.currency_id.is_zero(self.amount_total):
            problems.append(self.env._("The tuition amount is not set."))
        if not self.date_end:
            problems.append(self.env._("The planned end date is not set."))
        return problems

    def _send_signed_contract(self):
        template = self.env.ref(
            "bvk_student_crm.mail_template_study_contract_signed",
            raise_if_not_found=False,
        )
        if not template:
            return
        for contract in self:
            contract.message_post_with_source(
                template, subtype_xmlid="mail.mt_comment"
            )

    # helpers for the documents ------------------------------------

    def _get_report_lang(self):
        return self.student_id.lang or "lv_LV"

    def _lv_date(self, date, case="locative"):
        return lv_format.format_date(date, case)

    def _lv_amount(self, amount=None):
        amount = self.amount_total if amount is None else amount
        return lv_format.format_amount(amount, self.currency_id.name)

    def _lv_amount_words(self, amount=None):
        amount = self.amount_total if amount is None else amount
        return lv_format.amount_to_words(amount)
