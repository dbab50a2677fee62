# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import lv_format

RUNNING_STATES = ("signed", "active")


class BvkStudyContract(models.Model):
    _name = "bvk.study.contract"
    _description = "Study Contract"
    _inherit = ["bvk.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    # the number is given at signing (action_sign), not at creation: a new
    # contract form that is left (and auto-saved) uses up no number; drafts
    # are "/", which the bank matching never takes for a contract number
    _bvk_sequence_code = None
    # written only by the actions (the director's signature above all)
    _bvk_workflow_fields = (
        "name",
        "state",
        "signed_by_id",
        "date_signed",
        "date_terminated",
    )
    # the terms of a signed contract: later changes go through an agreement
    # or an order
    _bvk_frozen_fields = (
        "student_id",
        "program_id",
        "study_language",
        "date_start",
        "date_end",
        "amount_total",
        "currency_id",
        "payer_id",
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
        compute="_compute_payer_id",
        store=True,
        readonly=False,
        tracking=True,
        precompute=True,
        check_company=True,
        help="Who pays the tuition: the student, or e.g. an employer.",
    )
    date_signed = fields.Date(string="Signed On", copy=False, tracking=True)
    signed_by_id = fields.Many2one(comodel_name="res.users", copy=False, tracking=True)
    date_terminated = fields.Date(string="Terminated On", copy=False, tracking=True)
    note = fields.Html(string="Notes")
    # payment schedule (bvk_payment_schedule.py)
    payment_schedule_ids = fields.One2many(
        comodel_name="bvk.payment.schedule",
        inverse_name="contract_id",
        string="Payment Schedules",
    )
    payment_schedule_id = fields.Many2one(
        comodel_name="bvk.payment.schedule",
        compute="_compute_payment_schedule_id",
    )
    installment_count = fields.Integer(compute="_compute_payment_schedule_id")
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    _sql_constraints = [
        (
            "amount_not_negative",
            "CHECK(amount_total >= 0)",
            "The tuition cannot be negative.",
        ),
    ]

    def init(self):
        # numbers are unique per company; the drafts all share "/"
        self.env.cr.execute(
            """
            ALTER TABLE bvk_study_contract
            DROP CONSTRAINT IF EXISTS bvk_study_contract_name_company_uniq;
            CREATE UNIQUE INDEX IF NOT EXISTS bvk_study_contract_number_uniq
            ON bvk_study_contract (name, company_id)
            WHERE name != '/'
            """
        )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends_context("lang")
    @api.depends("name", "student_id.name")
    def _compute_display_name(self):
        for contract in self:
            if contract._is_numbered():
                contract.display_name = contract.name
            else:
                contract.display_name = self.env._(
                    "Draft contract (%(student)s)",
                    student=contract.student_id.name or "",
                )

    @api.depends("payment_schedule_ids.line_ids")
    def _compute_payment_schedule_id(self):
        for contract in self:
            contract.payment_schedule_id = contract.payment_schedule_ids[:1]
            contract.installment_count = len(contract.payment_schedule_id.line_ids)

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
                        contract=contract.display_name,
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
                        other=clash[0].display_name,
                        program=contract.program_id.display_name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") == "completed":
            # step 3.4: a contract completed with every obligation fulfilled
            # is thanked for at once (see bvk.thanks)
            self.env["bvk.thanks"]._bvk_send_thanks(self)
        return res

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
        self._bvk_check_state("draft", self.env._("sign"))
        for contract in self:
            problems = contract._get_signing_problems()
            if problems:
                raise UserError(
                    self.env._(
                        "The contract %(contract)s cannot be signed yet:\n%(problems)s",
                        contract=contract.display_name,
                        problems="\n".join(f"• {p}" for p in problems),
                    )
                )
        today = fields.Date.context_today(self)
        self._bvk_write(
            {"state": "signed", "date_signed": today, "signed_by_id": self.env.user.id}
        )
        self._assign_numbers()
        self._send_signed_contract()
        self._create_payment_schedules()
        return True

    def action_activate(self):
        """Studies start: the signed contract becomes active (coordinator)."""
        self._check_coordinator()
        self._bvk_check_state("signed", self.env._("activate"))
        self._bvk_write({"state": "active"})
        self.student_id.filtered(lambda s: s.state == "applicant").sudo().write(
            {"state": "active"}
        )
        return True

    def action_complete(self):
        self._check_head()
        self._bvk_check_state("active", self.env._("complete"))
        self._bvk_write({"state": "completed"})
        return True

    def action_terminate(self):
        self._check_head()
        self._bvk_check_state(RUNNING_STATES, self.env._("terminate"))
        self._bvk_write(
            {
                "state": "terminated",
                "date_terminated": fields.Date.context_today(self),
            }
        )
        return True

    def action_cancel(self):
        self._check_head()
        self._bvk_check_state(("draft", "signed"), self.env._("cancel"))
        self._bvk_write({"state": "cancelled"})
        return True

    def action_draft(self):
        self._check_coordinator()
        self._bvk_check_state("cancelled", self.env._("reset to draft"))
        if any(self.mapped("date_signed")):
            raise UserError(
                self.env._(
                    "A contract that was signed cannot go back to draft; create a "
                    "new contract instead."
                )
            )
        self._bvk_write({"state": "draft"})
        return True

    def action_view_payment_schedule(self):
        """Open the payment schedule, created from the contract when missing."""
        self.ensure_one()
        self._bvk_check_groups(
            "bvk_student_crm.group_bvk_coordinator",
            "account.group_account_invoice",
            message=self.env._(
                "Only the Study Support Centre and accounting see payment schedules."
            ),
        )
        schedule = self.payment_schedule_id or self.env["bvk.payment.schedule"].create(
            {"contract_id": self.id}
        )
        if not schedule.line_ids and schedule.state == "draft":
            schedule.action_generate()
        return {
            "type": "ir.actions.act_window",
            "res_model": "bvk.payment.schedule",
            "res_id": schedule.id,
            "view_mode": "form",
        }

    def action_print(self):
        return self.env.ref(
            "bvk_student_crm.action_report_study_contract"
        ).report_action(self)

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _is_numbered(self):
        self.ensure_one()
        return bool(self.name) and self.name != "/"

    def _assign_numbers(self):
        """Give the contracts without a number the next ones of the contract
        sequence, in the year they were signed (at signing; the demo data
        also calls it for the contracts it signs)."""
        for contract in self.filtered(lambda c: not c._is_numbered()):
            number = (
                self.env["ir.sequence"]
                .sudo()
                .next_by_code(
                    "bvk.study.contract",
                    sequence_date=contract.date_signed
                    or fields.Date.context_today(self),
                )
            )
            contract._bvk_write({"name": number})

    def _create_payment_schedules(self):
        """At signing: confirm the payment schedule (created with the default
        plan when missing), which posts the invoices already due."""
        drafts = self.payment_schedule_ids.filtered(lambda s: s.state == "draft")
        drafts.sudo().action_confirm()
        self.env["bvk.payment.schedule"]._create_for_contracts(self)

    def _check_director(self):
        self._bvk_check_groups(
            "bvk_student_crm.group_bvk_director",
            message=self.env._("Only the director can sign study contracts."),
        )

    def _check_head(self):
        self._bvk_check_groups(
            "bvk_student_crm.group_bvk_head",
            message=self.env._(
                "Only the head of the Study Support Centre completes, terminates "
                "or cancels study contracts."
            ),
        )

    def _check_coordinator(self):
        self._bvk_check_groups(
            "bvk_student_crm.group_bvk_coordinator",
            message=self.env._("Only the Study Support Centre manages contracts."),
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
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )

    # helpers for the documents ------------------------------------
    #
    # Used by the study contract report (report/bvk_study_contract_templates.xml).
    # The template's text is English and translated through the .po files; the
    # values below switch between the Latvian document conventions of
    # lib/lv_format (LATVIAN_DOCUMENTS.md §3) and Odoo's own formatting for
    # the other languages. They follow the context language, which the report
    # sets to _get_report_lang().

    def _get_report_lang(self):
        return self.student_id.lang or "lv_LV"

    def _doc_is_lv(self):
        """Whether the document is printed in Latvian."""
        return (self.env.lang or self._get_report_lang()).startswith("lv")

    def _doc_date(self, date, case="locative"):
        """A long date: ``2026. gada 1. septembrī`` in the Latvian ``case``
        (nominative, genitive, dative, locative), Babel's long form otherwise."""
        from odoo.tools import format_date

        if not date:
            return ""
        if self._doc_is_lv():
            return lv_format.format_date(date, case)
        return format_date(self.env, date, date_format="long")

    def _doc_date_short(self, date):
        """``01.09.2026.`` in Latvian, the language's date format otherwise."""
        from odoo.tools import format_date

        if self._doc_is_lv():
            return lv_format.format_date_short(date)
        return format_date(self.env, date)

    def _doc_amount(self, amount=None, with_currency=True):
        """``1 534,00 EUR`` in Latvian (``1 534,00`` without the currency),
        Odoo's formatting otherwise."""
        from odoo.tools import format_amount, formatLang

        amount = self.amount_total if amount is None else amount
        currency = self.currency_id
        if self._doc_is_lv():
            return lv_format.format_amount(
                amount, currency.name if with_currency else ""
            )
        if with_currency:
            return format_amount(self.env, amount, currency)
        return formatLang(
            self.env, currency.round(amount), digits=currency.decimal_places
        )

    def _doc_amount_words(self, amount=None):
        """The amount in words, as Markup: in Latvian contracts the *euro* is
        italic (``viens tūkstotis … <em>euro</em>, 00 centi``); the other
        languages and currencies use the currency's ``amount_to_text``."""
        from markupsafe import Markup, escape

        amount = self.amount_total if amount is None else amount
        if self._doc_is_lv() and self.currency_id.name == "EUR":
            # only digits become words here, nothing needs escaping
            return Markup(lv_format.amount_to_words(amount, "<em>euro</em>"))
        return escape(self.currency_id.amount_to_text(amount))

    def _doc_number(self, value):
        """A plain number without trailing zeros: ``7,5``, ``120``."""
        text = f"{value:g}"
        if self._doc_is_lv():
            return text.replace(".", ",")
        decimal_point = self.env["res.lang"]._get_data(code=self.env.lang).decimal_point
        return text.replace(".", decimal_point or ".")

    def _doc_percent(self, value):
        """``0,1 %`` in Latvian (a space before the sign), ``0.1%`` otherwise."""
        if self._doc_is_lv():
            return f"{self._doc_number(value)}\N{NO-BREAK SPACE}%"
        return f"{self._doc_number(value)}%"

    def _doc_place(self):
        """Where the contract is signed: ``Rīgā`` (locative) in Latvian."""
        city = self.company_id.bvk_contract_city or self.company_id.city or ""
        return self._doc_locative(city) if self._doc_is_lv() else city

    def _doc_locative(self, name):
        """Latvian locative of a place name by its ending: Rīga → Rīgā,
        Olaine → Olainē, Ventspils → Ventspilī, Talsi → Talsos, Tukums →
        Tukumā, Saldus → Saldū, Cēsis → Cēsīs. Only the last word changes;
        an unknown ending is left as it is."""
        head, _space, word = name.strip().rpartition(" ")
        rules = (
            ("pils", "pilī"),
            ("us", "ū"),
            ("is", "īs"),
            ("a", "ā"),
            ("e", "ē"),
            ("i", "os"),
            ("s", "ā"),
        )
        for ending, locative in rules:
            if word.endswith(ending):
                word = word[: -len(ending)] + locative
                break
        return f"{head} {word}" if head else word

    def _doc_signing_date(self):
        return self.date_signed or fields.Date.context_today(self)

    def _doc_contract_number(self):
        """The contract number; a blank to fill in on a draft, which gets
        its number when it is signed."""
        return self.name if self._is_numbered() else "____"

    def _doc_contract_date(self, case="locative"):
        """The date of the contract: the signing date, or on a draft (printed
        to be read and signed) blanks for day and month,
        ``2026. gada __. ________``, not today's date."""
        if self.date_signed:
            return self._doc_date(self.date_signed, case)
        year = fields.Date.context_today(self).year
        if self._doc_is_lv():
            return f"{year}. gada __. ________"
        return f"__ ____________ {year}"

    def _doc_place_and_date(self):
        """The line under the title: ``Rīgā, 2026. gada 1. septembrī``."""
        place = self._doc_place()
        date = self._doc_contract_date()
        return f"{place}, {date}" if place else date

    def _doc_annex_reference(self):
        """``2026. gada 1. septembra studiju līgumam Nr. SL-2026/0001`` under
        the annex number: the word order differs between the languages, so
        this is one translatable sentence rather than template fragments."""
        return self.env._(
            "to the study contract No. %(number)s of %(date)s",
            number=self._doc_contract_number(),
            date=self._doc_contract_date("genitive"),
        )

    def _doc_director_title(self, capitalize=False):
        """The director's position, lowercase inside a Latvian sentence
        (``rīkojas direktore``), capitalised above a signature."""
        title = self.company_id.bvk_director_title or ""
        if capitalize:
            return title[:1].upper() + title[1:]
        if self._doc_is_lv():
            return title[:1].lower() + title[1:]
        return title

    def _doc_address(self, partner):
        """One line, as Latvian documents write it: ``Alberta iela 13, Rīga,
        LV-1010``; the country only when it is not the college's. Without an
        address, a line to fill in by hand."""
        partner = partner.with_context(lang=self.env.lang)
        parts = [partner.street, partner.street2, partner.city, partner.state_id.name]
        parts.append(partner.zip)
        if partner.country_id and partner.country_id != self.company_id.country_id:
            parts.append(partner.country_id.name)
        return ", ".join(part for part in parts if part) or "_" * 30

    def _doc_bank_accounts(self):
        """The college's bank accounts for the requisites (section 10)."""
        return self.company_id.partner_id.bank_ids.filtered("active")

    def _doc_payer(self):
        """The payer when it is not the student: a third party of the contract."""
        if self.payer_id and self.payer_id != self.student_id.partner_id:
            return self.payer_id
        return self.env["res.partner"]

    def _get_penalty_rate(self):
        """Late-payment penalty (līgumsods), in % of the overdue amount per day.

        Civillikums 1716. pants caps the total at 10 % of the principal, which
        the contract states next to this rate.
        """
        return 0.1

    def _get_payment_terms(self):
        """Annex 1, the payment schedule, as a list of
        ``{"sequence": int, "date": date, "amount": float}``.

        Once the contract has instalments, these are printed: the invoices
        fall due on these dates (instalments cancelled by an agreement are
        left out). Before that, the instalments its payment schedule will be
        generated with at signing, from the same plan and the same even split
        (:meth:`bvk.payment.schedule._prepare_plan_vals`), so a draft prints
        what the student will be invoiced.
        """
        self.ensure_one()
        # whoever prints the contract reads its schedule
        schedule = self.sudo().payment_schedule_id
        installments = schedule.line_ids.filtered(
            lambda i: i.state != "cancelled"
        ).sorted(lambda i: (i.date_due, i.sequence, i.id))
        if installments:
            return [
                {"sequence": i.sequence, "date": i.date_due, "amount": i.amount}
                for i in installments
            ]
        plan = schedule or self.env["bvk.payment.schedule"].sudo().new(
            {"contract_id": self.id}
        )
        return [
            {
                "sequence": vals["sequence"],
                "date": vals["date_due"],
                "amount": vals["amount"],
            }
            for vals in plan._prepare_plan_vals()
        ]
