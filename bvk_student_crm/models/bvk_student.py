# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression

from ..lib import personal_code as pcode

STUDENT_STATES = [
    ("applicant", "Applicant"),
    ("active", "Active"),
    ("academic_leave", "Academic Leave"),
    ("expelled", "Expelled"),
    ("exmatriculated", "Exmatriculated"),
    ("graduated", "Graduated"),
]

# the contact fields the SSC edits through a student (never bank accounts:
# they feed the payment matching)
STUDENT_PARTNER_FIELDS = (
    "name",
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "city",
    "zip",
    "state_id",
    "country_id",
    "lang",
    "image_1920",
    "title",
    "function",
)

# who reads personal codes: the SSC (contracts, identification) and
# accounting (payers name them in payment details)
PERSONAL_CODE_GROUPS = (
    "bvk_student_crm.group_bvk_coordinator,account.group_account_invoice"
)
# who reads identity documents and birth dates: the SSC only
IDENTITY_GROUPS = "bvk_student_crm.group_bvk_coordinator"
# contracts and money: the SSC and accounting, not lecturers
CONTRACT_GROUPS = "bvk_student_crm.group_bvk_coordinator,account.group_account_invoice"
# results: the SSC and lecturers (their own courses), not accounting
ACADEMIC_GROUPS = "bvk_student_crm.group_bvk_lecturer"

PROCESS_STAGES = [
    ("new", "New Client"),
    ("contract", "Contract Signed"),
    ("studying", "Studying"),
    ("leave", "On Academic Leave"),
    ("left", "Left Studies"),
    ("completed", "Studies Completed"),
    ("successful", "Successful Client"),
]


class BvkStudent(models.Model):
    _name = "bvk.student"
    _description = "Student"
    _inherits = {"res.partner": "partner_id"}
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name, id"
    _rec_names_search = ["name", "student_number", "personal_code", "email"]
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        required=True,
        ondelete="restrict",
        auto_join=True,
        index=True,
    )
    student_number = fields.Char(
        readonly=True, copy=False, index="trigram", default=lambda self: "/"
    )
    id_type = fields.Selection(
        selection=[
            ("personal_code", "Latvian personal code"),
            ("document", "Foreign identity document"),
        ],
        string="Identification",
        required=True,
        default="personal_code",
        tracking=True,
    )
    # Personal data (GDPR data minimisation): only the roles that need them
    # read them, and their tracking history with them. See README, "Roles".
    personal_code = fields.Char(
        copy=False,
        tracking=True,
        index=True,
        groups=PERSONAL_CODE_GROUPS,
        help="Latvian personal code (personas kods): DDMMYY-CNNNN for codes "
        "issued until 30 June 2017, 32…–39… for newer codes.",
    )
    id_document_number = fields.Char(
        string="Identity Document No.",
        copy=False,
        tracking=True,
        groups=IDENTITY_GROUPS,
    )
    personal_code_display = fields.Char(
        string="Personal Code (printed)",
        compute="_compute_personal_code_display",
        groups=PERSONAL_CODE_GROUPS,
    )
    birth_date = fields.Date(
        compute="_compute_birth_date",
        store=True,
        readonly=False,
        tracking=True,
        groups=IDENTITY_GROUPS,
    )
    is_identified = fields.Boolean(
        string="Identified",
        compute="_compute_is_identified",
        help="A valid personal code, or for foreign students an identity "
        "document number and a birth date.",
    )
    program_id = fields.Many2one(
        comodel_name="bvk.study.program",
        string="Programme",
        index=True,
        tracking=True,
        check_company=True,
    )
    group_id = fields.Many2one(
        comodel_name="bvk.student.group",
        index=True,
        tracking=True,
        check_company=True,
        domain="[('program_id', '=?', program_id)]",
    )
    intake_year = fields.Integer(related="group_id.intake_year", store=True)
    course_year = fields.Integer(
        string="Course", related="group_id.course_year", store=True
    )
    semester_number = fields.Integer(
        string="Semester of Study",
        default=1,
        tracking=True,
        help="The semester of the study programme the student is in.",
    )
    coordinator_id = fields.Many2one(
        comodel_name="res.users",
        compute="_compute_coordinator_id",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
        check_company=True,
    )
    state = fields.Selection(
        selection=STUDENT_STATES,
        string="Status",
        required=True,
        default="applicant",
        tracking=True,
        index=True,
        group_expand=True,
    )
    stage = fields.Selection(
        selection=PROCESS_STAGES,
        string="Process Stage",
        compute="_compute_stage",
        store=True,
        index=True,
        group_expand=True,
    )
    contract_ids = fields.One2many(
        comodel_name="bvk.study.contract",
        inverse_name="student_id",
        string="Study Contracts",
        groups=CONTRACT_GROUPS,
    )
    contract_count = fields.Integer(
        compute="_compute_contract_count", groups=CONTRACT_GROUPS
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    active = fields.Boolean(default=True)

    # Academic standing (step 4.1) ---------------------------------
    academic_obligation_ids = fields.One2many(
        comodel_name="bvk.academic.obligation",
        inverse_name="student_id",
        string="Academic Obligations",
        groups=ACADEMIC_GROUPS,
    )
    has_academic_debt = fields.Boolean(
        string="Has Academic Debts",
        compute="_compute_has_academic_debt",
        store=True,
        index=True,
    )
    academic_debt_count = fields.Integer(
        string="Open Debts",
        compute="_compute_academic_standing",
        groups=ACADEMIC_GROUPS,
    )
    academic_credits_planned = fields.Float(
        string="Credits Planned (semester)",
        digits=(6, 1),
        compute="_compute_academic_standing",
        groups=ACADEMIC_GROUPS,
    )
    thanks_ids = fields.One2many(
        comodel_name="bvk.thanks",
        inverse_name="student_id",
        string="Thank-you Messages",
        help="Step 3.4: thanks for a fulfilled study contract.",
    )
    academic_credits_earned = fields.Float(
        string="Credits Earned (semester)",
        digits=(6, 1),
        compute="_compute_academic_standing",
        groups=ACADEMIC_GROUPS,
    )

    _sql_constraints = [
        (
            "personal_code_company_uniq",
            "unique(personal_code, company_id)",
            "Another student already has this personal code.",
        ),
        (
            "student_number_company_uniq",
            "unique(student_number, company_id)",
            "The student number must be unique.",
        ),
    ]

    # Payments (step 4.2) ---------------------------------------------

    installment_ids = fields.One2many(
        comodel_name="bvk.payment.installment",
        inverse_name="student_id",
        string="Instalments",
        groups=CONTRACT_GROUPS,
    )
    reminder_ids = fields.One2many(
        comodel_name="bvk.reminder",
        inverse_name="student_id",
        string="Reminders",
        groups=CONTRACT_GROUPS,
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
        groups=CONTRACT_GROUPS,
    )
    payment_amount_overdue = fields.Monetary(
        string="Overdue Amount",
        compute="_compute_payment_amounts",
        currency_field="payment_currency_id",
        groups=CONTRACT_GROUPS,
    )

    # Requests (step 3.1) ----------------------------------------------

    request_ids = fields.One2many(
        comodel_name="bvk.student.request",
        inverse_name="student_id",
        string="Requests",
    )
    pending_request_count = fields.Integer(
        string="Pending Requests",
        compute="_compute_pending_request_count",
        help="Requests of the student not answered yet (new or in progress).",
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends_context("uid")
    def _compute_pending_request_count(self):
        counts = dict(
            self.env["bvk.student.request"]._read_group(
                [
                    ("student_id", "in", self.ids),
                    ("state", "in", ("new", "in_progress")),
                ],
                ["student_id"],
                ["__count"],
            )
        )
        for student in self:
            student.pending_request_count = counts.get(student, 0)

    @api.depends("personal_code")
    def _compute_personal_code_display(self):
        for student in self:
            student.personal_code_display = pcode.format_code(student.personal_code)

    @api.depends("personal_code", "id_type")
    def _compute_birth_date(self):
        for student in self:
            if student.id_type != "personal_code" or not student.personal_code:
                continue
            try:
                born = pcode.birth_date(student.personal_code)
            except pcode.PersonalCodeError:
                born = False
            if born or pcode.is_new_format(student.personal_code):
                student.birth_date = born or student.birth_date

    @api.depends("id_type", "personal_code", "id_document_number", "birth_date")
    def _compute_is_identified(self):
        # whether, not what: readable by roles that may not read the codes
        for student in self.sudo():
            if student.id_type == "document":
                student.is_identified = bool(
                    student.id_document_number and student.birth_date
                )
                continue
            try:
                pcode.validate(student.personal_code)
            except pcode.PersonalCodeError:
                student.is_identified = False
            else:
                student.is_identified = True

    @api.depends("group_id.coordinator_id")
    def _compute_coordinator_id(self):
        for student in self:
            if student.group_id.coordinator_id:
                student.coordinator_id = student.group_id.coordinator_id

    @api.depends("state", "contract_ids.state", "thanks_ids")
    def _compute_stage(self):
        for student in self:
            states = set(student.sudo().contract_ids.mapped("state"))
            if student.sudo().thanks_ids:
                # obligations fulfilled, thanked (step 3.4)
                student.stage = "successful"
            elif student.state == "graduated":
                student.stage = "completed"
            elif student.state in ("expelled", "exmatriculated"):
                student.stage = "left"
            elif student.state == "academic_leave":
                student.stage = "leave"
            elif student.state == "active" and "active" in states:
                student.stage = "studying"
            elif states & {"signed", "active"}:
                student.stage = "contract"
            else:
                student.stage = "new"

    # Academic standing (step 4.1) ---------------------------------

    @api.depends("academic_obligation_ids.state")
    def _compute_has_academic_debt(self):
        in_debt = {
            student.id
            for [student] in self.env["bvk.academic.obligation"]
            .sudo()
            ._read_group(
                [("student_id", "in", self.ids), ("state", "=", "debt")],
                ["student_id"],
            )
        }
        for student in self:
            student.has_academic_debt = student.id in in_debt

    def _compute_academic_standing(self):
        Obligation = self.env["bvk.academic.obligation"]
        semester = self.env["bvk.semester"]._get_current()
        debts = dict(
            Obligation._read_group(
                [("student_id", "in", self.ids), ("state", "=", "debt")],
                ["student_id"],
                ["__count"],
            )
        )
        planned, earned = {}, {}
        for student, state, credits in Obligation._read_group(
            [("student_id", "in", self.ids), ("semester_id", "=", semester.id)],
            ["student_id", "state"],
            ["credits:sum"],
        ):
            planned[student] = planned.get(student, 0.0) + credits
            if state in ("passed", "waived"):
                earned[student] = earned.get(student, 0.0) + credits
        for student in self:
            student.academic_debt_count = debts.get(student, 0)
            student.academic_credits_planned = planned.get(student, 0.0)
            student.academic_credits_earned = earned.get(student, 0.0)

    def _compute_contract_count(self):
        counts = dict(
            self.env["bvk.study.contract"]._read_group(
                [("student_id", "in", self.ids)], ["student_id"], ["__count"]
            )
        )
        for student in self:
            student.contract_count = counts.get(student, 0)

    # Payments (step 4.2) ---------------------------------------------

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

    @api.model
    def _search_display_name(self, operator, value):
        """Search by personal code only for those who may read it: a lecturer
        searching for a code must not learn whose it is (the term on a field
        the user cannot read matches nothing instead of raising)."""
        domain = super()._search_display_name(operator, value)
        hidden = {
            name
            for name in self._rec_names_search
            if not self._fields[name].is_accessible(self.env)
        }
        if not hidden:
            return domain
        neutral = (
            expression.TRUE_LEAF
            if operator in expression.NEGATIVE_TERM_OPERATORS
            else expression.FALSE_LEAF
        )
        return [
            neutral if expression.is_leaf(term) and term[0] in hidden else term
            for term in domain
        ]

    def mail_allowed_qweb_expressions(self):
        # the placeholders of announcements (name, group) that users who are
        # not template editors may use, rendered without evaluating code
        return (
            *super().mail_allowed_qweb_expressions(),
            "object.lang",
            "object.group_id.code",
            "object.group_id.name",
            "object.program_id.name",
            "object.company_id.name",
            "object.company_id.bvk_short_name",
        )

    # ------------------------------------------------------------
    # CONSTRAINT AND ONCHANGE METHODS
    # ------------------------------------------------------------

    @api.constrains("personal_code", "id_type")
    def _check_personal_code(self):
        for student in self:
            if student.id_type != "personal_code" or not student.personal_code:
                continue
            try:
                pcode.validate(student.personal_code)
            except pcode.PersonalCodeError as error:
                raise ValidationError(
                    student._personal_code_error_message(error.reason)
                ) from error

    @api.constrains("group_id", "program_id")
    def _check_group_program(self):
        for student in self.filtered("group_id"):
            if student.program_id and student.group_id.program_id != student.program_id:
                raise ValidationError(
                    self.env._(
                        "The group %(group)s belongs to the programme "
                        "%(group_program)s, not to %(program)s of the student "
                        "%(student)s.",
                        group=student.group_id.code,
                        group_program=student.group_id.program_id.display_name,
                        program=student.program_id.display_name,
                        student=student.name,
                    )
                )

    @api.onchange("group_id")
    def _onchange_group_id(self):
        if self.group_id and not self.program_id:
            self.program_id = self.group_id.program_id

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        lang = self._default_student_lang()
        for vals in vals_list:
            self._normalize_identification(vals)
            self._bvk_create_own_partner(vals)
            if vals.get("group_id") and not vals.get("program_id"):
                group = self.env["bvk.student.group"].browse(vals["group_id"])
                vals["program_id"] = group.program_id.id
            if not vals.get("partner_id"):
                vals.setdefault("lang", lang)
            if vals.get("student_number", "/") == "/":
                vals["student_number"] = self.env["ir.sequence"].next_by_code(
                    "bvk.student"
                )
        students = super().create(vals_list)
        students.filtered("group_id")._bvk_generate_academic_obligations()
        return students

    def write(self, vals):
        self._normalize_identification(vals)
        self._bvk_write_own_partner(vals)
        res = super().write(vals)
        if vals.get("group_id") or vals.get("state") == "active":
            self.filtered("group_id")._bvk_generate_academic_obligations()
        return res

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _default_student_lang(self):
        """Latvian, the college's language, when it is installed."""
        if self.env["res.lang"]._get_data(code="lv_LV").active:
            return "lv_LV"
        return self.env.lang or "en_US"

    def _bvk_partner_manager(self):
        return self.env.su or self.env["res.partner"].has_access("write")

    @api.model
    def _bvk_create_own_partner(self, vals):
        """The SSC creates students without being partner managers (who may
        edit any contact and its bank accounts): the student's own contact
        is created here, with the contact fields of STUDENT_PARTNER_FIELDS."""
        if self._bvk_partner_manager():
            return
        self.check_access("create")
        if vals.get("partner_id"):
            raise AccessError(self.env._("A new student gets a contact of their own."))
        partner_vals = {
            name: vals.pop(name) for name in STUDENT_PARTNER_FIELDS if name in vals
        }
        partner_vals.setdefault("lang", self._default_student_lang())
        vals["partner_id"] = self.env["res.partner"].sudo().create(partner_vals).id

    def _bvk_write_own_partner(self, vals):
        """Write the contact fields of the students' own contacts for users
        who may edit students but not any contact (see above)."""
        if not self or self._bvk_partner_manager():
            return
        if "partner_id" in vals:
            raise AccessError(
                self.env._("A student's contact cannot be replaced by another one.")
            )
        partner_vals = {
            name: vals.pop(name) for name in STUDENT_PARTNER_FIELDS if name in vals
        }
        if partner_vals:
            self.check_access("write")
            self.partner_id.sudo().write(partner_vals)

    @api.model
    def _normalize_identification(self, vals):
        if vals.get("personal_code"):
            vals["personal_code"] = pcode.compact(vals["personal_code"])

    def _personal_code_error_message(self, reason):
        code = pcode.format_code(self.personal_code)
        messages = {
            "format": self.env._(
                "The personal code %(code)s of %(student)s must have 11 digits, "
                "written as DDMMYY-NNNNN.",
                code=code,
                student=self.name,
            ),
            "date": self.env._(
                "The personal code %(code)s of %(student)s does not start with a "
                "possible birth date.",
                code=code,
                student=self.name,
            ),
            "checksum": self.env._(
                "The personal code %(code)s of %(student)s has a wrong check digit.",
                code=code,
                student=self.name,
            ),
        }
        return messages[reason]

    def _get_identification_problem(self):
        """What is missing to identify the student in a contract, or ''."""
        self.ensure_one()
        if self.id_type == "document":
            if not self.id_document_number or not self.birth_date:
                return self.env._(
                    "%(student)s has no identity document number or birth date.",
                    student=self.name,
                )
            return ""
        if not self.personal_code:
            return self.env._("%(student)s has no personal code.", student=self.name)
        try:
            pcode.validate(self.personal_code)
        except pcode.PersonalCodeError as error:
            return self._personal_code_error_message(error.reason)
        return ""

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

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_contracts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bvk_student_crm.bvk_study_contract_action"
        )
        action["domain"] = [("student_id", "=", self.id)]
        action["context"] = {"default_student_id": self.id}
        return action

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
        if not self.env.user.has_group("bvk_student_crm.group_bvk_coordinator"):
            raise AccessError(
                self.env._("Only the Study Support Centre makes agreements.")
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Academic Agreement"),
            "res_model": "bvk.academic.agreement.create",
            "view_mode": "form",
            "target": "new",
            "context": {"default_student_id": self.id},
        }

    def action_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bvk_student_crm.bvk_student_request_action"
        )
        action["domain"] = [("student_id", "=", self.id)]
        action["context"] = {"default_student_id": self.id}
        return action
