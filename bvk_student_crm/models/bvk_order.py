# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import lv_format

_logger = logging.getLogger(__name__)

ORDER_TYPES = [
    ("expulsion", "Expulsion"),
    ("transfer", "Transfer to the Next Semester"),
    ("exmatriculation", "Exmatriculation"),
]
# a sequence per type: its prefix (Settings › Technical › Sequences) is the
# file index of the college's records classification (lietu nomenklatūra)
SEQUENCE_CODES = {
    "expulsion": "bvk.order.expulsion",
    "transfer": "bvk.order.transfer",
    "exmatriculation": "bvk.order.exmatriculation",
}
# the students each type of order may concern
ALLOWED_STUDENT_STATES = {
    "expulsion": ("applicant", "active", "academic_leave"),
    "transfer": ("active",),
    "exmatriculation": ("active", "academic_leave"),
}
# orders of more students than this e-mail their excerpts from the cron
EXCERPT_SYNC_LIMIT = 10


class BvkOrder(models.Model):
    """A director's order (*rīkojums*) on students: expulsion, transfer to
    the next semester or exmatriculation (steps 5 and 6 of the process).

    A draft has no number; signing (the director only) numbers it from the
    sequence of its type and year, applies its effects on the students,
    their contracts, instalments and academic obligations in one
    transaction, stores the signed PDF and sends every student the excerpt
    that concerns them. A signed order is frozen: it can only be revoked by
    another order.
    """

    _name = "bvk.order"
    _description = "Director's Order"
    _inherit = ["bvk.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_order desc, id desc"
    _check_company_auto = True
    # the number is given at signing: a cancelled draft uses up none
    _bvk_sequence_code = None
    _bvk_workflow_fields = (
        "name",
        "state",
        "signed_by_id",
        "date_signed",
        "date_order",
        "attachment_id",
    )
    _bvk_frozen_fields = (
        "order_type",
        "date_effective",
        "graduation",
        "legal_basis",
        "line_ids",
        "company_id",
    )

    # ------------------------------------------------------------
    # DEFAULT METHODS
    # ------------------------------------------------------------

    @api.model
    def _default_date_effective(self):
        """Transfers take effect on 1 March or 1 September, the others on
        the first day of the next month."""
        today = fields.Date.context_today(self)
        if self.env.context.get("default_order_type") == "transfer":
            return self._next_semester_start(today)
        return today + relativedelta(months=1, day=1)

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    order_type = fields.Selection(
        selection=ORDER_TYPES,
        string="Type",
        required=True,
        tracking=True,
        index=True,
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("signed", "Signed"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        required=True,
        default="draft",
        copy=False,
        tracking=True,
        index=True,
    )
    date_order = fields.Date(
        string="Order Date",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="The date of the order: the day the director signs it.",
    )
    date_effective = fields.Date(
        string="Effective Date",
        required=True,
        tracking=True,
        default=_default_date_effective,
        help="From this day the students are expelled, transferred or "
        "exmatriculated; instalments due from this day are cancelled.",
    )
    graduation = fields.Boolean(
        string="With Graduation",
        tracking=True,
        help="Exmatriculation on completing the programme: the students "
        "graduate and receive the diploma.",
    )
    legal_basis = fields.Text(
        compute="_compute_legal_basis",
        store=True,
        readonly=False,
        precompute=True,
        help="What the order is based on, in the form that follows "
        "“Pamatojoties uz” (pursuant to) in the Latvian text.",
    )
    line_ids = fields.One2many(
        comodel_name="bvk.order.line",
        inverse_name="order_id",
        string="Students",
        copy=True,
    )
    student_count = fields.Integer(
        string="Number of Students", compute="_compute_student_count"
    )
    signed_by_id = fields.Many2one(
        comodel_name="res.users", readonly=True, copy=False, tracking=True
    )
    date_signed = fields.Date(string="Signed On", readonly=True, copy=False)
    attachment_id = fields.Many2one(
        comodel_name="ir.attachment",
        string="Signed PDF",
        readonly=True,
        copy=False,
    )
    note = fields.Html(string="Internal Notes")
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    def init(self):
        # numbers are unique per company; the drafts all share "/"
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS bvk_order_number_uniq
            ON bvk_order (name, company_id)
            WHERE name != '/'
            """
        )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends_context("lang")
    @api.depends("name", "order_type")
    def _compute_display_name(self):
        types = dict(self._fields["order_type"]._description_selection(self.env))
        for order in self:
            if order._is_numbered():
                order.display_name = self.env._("Order %(number)s", number=order.name)
            else:
                order.display_name = self.env._(
                    "Draft order: %(type)s",
                    type=types.get(order.order_type, ""),
                )

    @api.depends("order_type")
    def _compute_legal_basis(self):
        # in the language of the document, whoever drafts the order
        env = self.with_context(lang=self._get_report_lang()).env
        for order in self:
            if order.legal_basis or not order.order_type:
                continue
            order.legal_basis = env._(
                "the Law on Institutions of Higher Education and the Study "
                "Regulations of the College"
            )

    @api.depends("line_ids")
    def _compute_student_count(self):
        for order in self:
            order.student_count = len(order.line_ids)

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("order_type", "date_effective")
    def _check_lines(self):
        self.line_ids._check_line()

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        if any(order.state == "signed" for order in self):
            raise UserError(
                self.env._(
                    "A signed order cannot be deleted; it can only be revoked by "
                    "another order."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_sign(self):
        """The director signs: number, effects, PDF, excerpts, all or nothing."""
        self._bvk_check_groups(
            "bvk_student_crm.group_bvk_director",
            message=self.env._("Only the director signs orders."),
        )
        self.check_access("write")
        self._bvk_check_state("draft", self.env._("sign"))
        for order in self:
            order._check_can_sign()
        today = fields.Date.context_today(self)
        for order in self:
            order._bvk_write(
                {
                    "state": "signed",
                    "date_signed": today,
                    "date_order": today,
                    "signed_by_id": self.env.user.id,
                    "name": order._next_number(today),
                }
            )
            order.line_ids._refresh_debts()
            order._apply_effects()
            order._store_signed_pdf()
            order._send_excerpts()
        return True

    def action_cancel(self):
        """Cancel a draft: it never got a number, so none is missing."""
        self._bvk_check_groups(
            "bvk_student_crm.group_bvk_coordinator",
            message=self.env._("Only the Study Support Centre cancels draft orders."),
        )
        self.check_access("write")
        self._bvk_check_state("draft", self.env._("cancel"))
        self._bvk_write({"state": "cancelled"})
        return True

    def action_print(self):
        return self.env.ref("bvk_student_crm.action_report_bvk_order").report_action(
            self
        )

    def _get_form_action(self):
        """Open the orders (one: its form) drafted by a wizard."""
        if len(self) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": self._name,
                "res_id": self.id,
                "view_mode": "form",
                "views": [(False, "form")],
                "target": "current",
            }
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bvk_student_crm.bvk_order_action"
        )
        action["domain"] = [("id", "in", self.ids)]
        return action

    def action_view_students(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bvk_student_crm.bvk_student_action"
        )
        action["domain"] = [("id", "in", self.line_ids.student_id.ids)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------
    # CHECKS
    # ------------------------------------------------------------

    def _check_can_sign(self):
        """What prevents signing, as a translated error."""
        self.ensure_one()
        if not self.line_ids:
            raise UserError(
                self.env._(
                    "The order %(order)s names no student.", order=self.display_name
                )
            )
        self.line_ids._check_line()

    # ------------------------------------------------------------
    # SIGNING
    # ------------------------------------------------------------

    def _is_numbered(self):
        self.ensure_one()
        return bool(self.name) and self.name != "/"

    def _next_number(self, date):
        """The next number of the sequence of the order's type and year:
        drawn at signing, gap-free (a failed signing gives it back)."""
        self.ensure_one()
        number = (
            self.env["ir.sequence"]
            .sudo()
            .with_company(self.company_id)
            .next_by_code(SEQUENCE_CODES[self.order_type], sequence_date=date)
        )
        if not number:
            raise UserError(
                self.env._(
                    "There is no sequence for the orders of type %(type)s.",
                    type=dict(
                        self._fields["order_type"]._description_selection(self.env)
                    )[self.order_type],
                )
            )
        return number

    def _apply_effects(self):
        self.ensure_one()
        lines = self.line_ids.sudo()
        if self.order_type == "expulsion":
            lines._apply_expulsion()
        elif self.order_type == "transfer":
            lines._apply_transfer()
        elif self.order_type == "exmatriculation":
            lines._apply_exmatriculation()

    def _store_signed_pdf(self):
        """The signed order as printed, kept on the order; printing it again
        returns this file (the report's attachment)."""
        self.ensure_one()
        report = self.env.ref("bvk_student_crm.action_report_bvk_order")
        content, report_format = (
            self.env["ir.actions.report"]
            .sudo()
            .with_context(report_pdf_no_attachment=True)
            ._render_qweb_pdf(report, self.ids)
        )
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self._get_pdf_filename(),
                    "raw": content,
                    "mimetype": "application/pdf"
                    if report_format == "pdf"
                    else "text/html",
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )
        self._bvk_write({"attachment_id": attachment.id})
        types = dict(self._fields["order_type"]._description_selection(self.env))
        self.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "%(type)s order %(number)s signed: %(count)s students, effective "
                "from %(date)s.",
                type=types[self.order_type],
                number=self.name,
                count=len(self.line_ids),
                date=self._doc_date_short(self.date_effective),
            ),
            attachment_ids=attachment.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return attachment

    def _get_pdf_filename(self):
        """``Rīkojums 1-9-2026-0012.pdf``: the signed order's file, in
        Latvian as the order itself (the report finds it by this name)."""
        self.ensure_one()
        number = self.name.replace("/", "-") if self._is_numbered() else "projekts"
        return f"Rīkojums {number}.pdf"

    def _send_excerpts(self):
        """E-mail each student their excerpt: at once for a few students,
        from the cron for a larger order (each excerpt is a PDF of its own)."""
        self.ensure_one()
        if len(self.line_ids) <= EXCERPT_SYNC_LIMIT:
            self.line_ids._send_excerpt()
        else:
            self.env.ref("bvk_student_crm.ir_cron_bvk_order_excerpts")._trigger()

    # ------------------------------------------------------------
    # DOCUMENT HELPERS (report/bvk_order_templates.xml)
    # ------------------------------------------------------------
    #
    # The templates are English and translated through the .po files; an
    # order of a Latvian college is printed in Latvian (LATVIAN_DOCUMENTS.md
    # §2.3), the other languages only when Latvian is not installed.

    def _get_report_lang(self):
        if self.env["res.lang"]._get_data(code="lv_LV").active:
            return "lv_LV"
        return self.env.lang or "en_US"

    def _doc_is_lv(self):
        return (self.env.lang or "").startswith("lv")

    def _doc_date(self, date, case="locative"):
        """``2027. gada 1. martā`` in the Latvian ``case`` (also
        ``accusative``: "ar 2027. gada 1. martu"), Babel's long date
        otherwise."""
        from odoo.tools import format_date

        if not date:
            return ""
        if self._doc_is_lv():
            if case == "accusative":
                return lv_format_accusative(date)
            return lv_format.format_date(date, case)
        return format_date(self.env, date, date_format="long")

    def _doc_date_short(self, date):
        from odoo.tools import format_date

        if not date:
            return ""
        if self._doc_is_lv():
            return lv_format.format_date_short(date)
        return format_date(self.env, date)

    def _doc_amount(self, amount):
        from odoo.tools import format_amount

        currency = self.currency_id or self.env.company.currency_id
        if self._doc_is_lv():
            return lv_format.format_amount(amount, currency.name)
        return format_amount(self.env, amount, currency)

    def _doc_place(self):
        """``Rīgā``: the place of the order, in the locative in Latvian."""
        city = self.company_id.bvk_contract_city or self.company_id.city or ""
        if self._doc_is_lv():
            return self.env["bvk.study.contract"]._doc_locative(city)
        return city

    def _doc_order_date(self):
        """The date under the title: the signing date, blanks on a draft."""
        if self.date_order:
            return self._doc_date(self.date_order)
        year = fields.Date.context_today(self).year
        if self._doc_is_lv():
            return f"{year}. gada __. ________"
        return f"__ ____________ {year}"

    def _doc_today(self):
        return fields.Date.context_today(self)

    def _doc_number(self):
        return self.name if self._is_numbered() else "____"

    def _doc_number_label(self):
        return self.env._("No. %(number)s", number=self._doc_number())

    def _doc_director_title(self):
        title = self.company_id.bvk_director_title or self.env._("Director")
        return title[:1].upper() + title[1:]

    def _doc_director_name(self):
        return self.company_id.bvk_director_name or self.signed_by_id.name or ""

    def _doc_company_details(self):
        """``Vienotais reģ. Nr. 40003923111, Alberta iela 13, Rīga, LV-1010``."""
        company = self.company_id
        partner = company.partner_id
        address = ", ".join(
            part for part in (partner.street, partner.street2, partner.city) if part
        )
        if partner.zip:
            address = f"{address}, {partner.zip}" if address else partner.zip
        registry = company.company_registry or company.vat
        parts = []
        if registry:
            parts.append(
                self.env._("Unified registration No. %(number)s", number=registry)
            )
        if address:
            parts.append(address)
        return ", ".join(parts)

    def _doc_heading(self):
        """The subject line: *Par studējošo atskaitīšanu* …"""
        self.ensure_one()
        if self.order_type == "expulsion":
            return self.env._("On the expulsion of students")
        if self.order_type == "transfer":
            return self.env._("On the transfer of students to the next semester")
        return self.env._("On the exmatriculation of students")

    def _doc_programs(self, lines=None):
        """The programmes of ``lines`` (default: all), for the decision."""
        lines = self.line_ids if lines is None else lines
        return lines.program_id

    def _doc_decision(self, lines=None):
        """The operative point. It names the student (one line: an excerpt,
        or an order of one student) or the list that follows."""
        self.ensure_one()
        lines = self.line_ids if lines is None else lines
        programs = self._doc_programs(lines)
        date = self._doc_date(self.date_effective, "accusative")
        single = len(lines) == 1
        if self.order_type == "expulsion":
            if len(programs) == 1:
                program = self.env._(
                    'the study programme "%(program)s" (code %(code)s)',
                    program=programs.name,
                    code=programs.code,
                )
                if single:
                    return self.env._(
                        "TO EXPEL from %(program)s as of %(date)s the student:",
                        program=program,
                        date=date,
                    )
                return self.env._(
                    "TO EXPEL from %(program)s as of %(date)s the students "
                    "according to the list:",
                    program=program,
                    date=date,
                )
            if single:
                return self.env._("TO EXPEL as of %(date)s the student:", date=date)
            return self.env._(
                "TO EXPEL as of %(date)s the students according to the list:",
                date=date,
            )
        if self.order_type == "transfer":
            if single:
                return self.env._(
                    "TO TRANSFER to semester %(semester)s as of %(date)s the student:",
                    semester=lines.semester_to,
                    date=date,
                )
            return self.env._(
                "TO TRANSFER to the next semester as of %(date)s the students "
                "according to the list:",
                date=date,
            )
        if self.graduation:
            if single:
                return self.env._(
                    "TO EXMATRICULATE as of %(date)s, in connection with completing "
                    "the study programme and being awarded the diploma, the student:",
                    date=date,
                )
            return self.env._(
                "TO EXMATRICULATE as of %(date)s, in connection with completing "
                "the study programme and being awarded the diploma, the students "
                "according to the list:",
                date=date,
            )
        if single:
            return self.env._("TO EXMATRICULATE as of %(date)s the student:", date=date)
        return self.env._(
            "TO EXMATRICULATE as of %(date)s the students according to the list:",
            date=date,
        )

    def _doc_student(self, line):
        """The student of an order of one student (or of an excerpt), after
        the decision: the name in the nominative, the details after it."""
        parts = [
            line.student_id.name,
            self.env._("student No. %(number)s", number=line.student_number),
        ]
        if self.order_type != "expulsion" or len(self._doc_programs(line)) != 1:
            parts.append(
                self.env._(
                    'study programme "%(program)s" (code %(code)s)',
                    program=line.program_id.name or "",
                    code=line.program_id.code or "",
                )
            )
        if line.group_id:
            parts.append(self.env._("group %(group)s", group=line.group_id.code))
        reason = line._doc_reason()
        if reason:
            parts.append(reason)
        return ", ".join(parts) + "."

    def _doc_columns(self):
        """The columns of the list after the name, student number, programme
        and group: the semester and a note, or the reason (none when the
        students graduate)."""
        self.ensure_one()
        if self.order_type == "transfer":
            return [self.env._("Semester"), self.env._("Notes")]
        if self.order_type == "exmatriculation" and self.graduation:
            return []
        return [self.env._("Reason")]

    def _doc_cells(self, line):
        self.ensure_one()
        if self.order_type == "transfer":
            semester = f"{line.semester_to}." if self._doc_is_lv() else line.semester_to
            return [str(semester), line._doc_reason()]
        if self.order_type == "exmatriculation" and self.graduation:
            return []
        return [line._doc_reason()]

    def _doc_signed_note(self):
        """Under the signature of a signed order: who signed it, when."""
        if self.state != "signed":
            return ""
        return self.env._(
            "Signed in the information system on %(date)s by %(user)s.",
            date=self._doc_date_short(self.date_signed),
            user=self.signed_by_id.name,
        )

    def _doc_points(self, lines=None):
        """The points after the decision."""
        self.ensure_one()
        lines = self.line_ids if lines is None else lines
        points = []
        if self.order_type in ("expulsion", "exmatriculation") and not (
            self.graduation
        ):
            points.append(
                self.env._(
                    "The accounting shall cancel the tuition invoices falling due "
                    "from %(date)s; the tuition overdue before that day remains "
                    "payable.",
                    date=self._doc_date(self.date_effective, "genitive"),
                )
            )
        if self.order_type == "transfer" and lines.filtered("conditional"):
            points.append(
                self.env._(
                    "The students transferred conditionally shall settle the "
                    "obligations named in the list by the end of the semester."
                )
            )
        points.append(
            self.env._(
                "The Study Support Centre shall enter the changes in the State "
                "Education Information System (VIIS) and inform the students."
            )
        )
        points.append(self.env._("I retain control over the execution of the order."))
        return points

    def _doc_basis(self, lines=None):
        """*Pamats:* the applications with their dates, the debts."""
        self.ensure_one()
        lines = self.line_ids if lines is None else lines
        grounds = []
        applications = lines.filtered("date_application")
        if len(lines) == 1 and applications:
            grounds.append(
                self.env._(
                    "the student's application of %(date)s",
                    date=self._doc_date(applications.date_application, "genitive"),
                )
            )
        elif applications:
            grounds.append(self.env._("the students' applications (see the list)"))
        if self.order_type == "expulsion":
            unpaid = lines.filtered(lambda line: line.reason == "unpaid")
            academic = lines.filtered(lambda line: line.reason == "academic")
            if unpaid:
                grounds.append(
                    self.env._(
                        "the tuition debt (%(amount)s)",
                        amount=self._doc_amount(sum(unpaid.mapped("amount_overdue"))),
                    )
                    if len(lines) == 1
                    else self.env._("the tuition debts (see the list)")
                )
            if academic:
                grounds.append(self.env._("the academic debts not settled in time"))
        elif self.order_type == "transfer":
            grounds.append(self.env._("the results of the semester examinations"))
        elif self.graduation:
            grounds.append(
                self.env._(
                    "the results of the final examinations and the fulfilled "
                    "study programme"
                )
            )
        return "; ".join(grounds)

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _next_semester_start(self, day):
        """The next 1 March or 1 September after ``day``."""
        for candidate in (
            day.replace(month=3, day=1),
            day.replace(month=9, day=1),
            day.replace(year=day.year + 1, month=3, day=1),
        ):
            if candidate > day:
                return candidate

    @api.model
    def _create_order(self, order_type, line_vals, **vals):
        """A draft order of ``order_type`` with a line per dict of
        ``line_vals`` (the wizards' single entry point)."""
        return self.create(
            {
                "order_type": order_type,
                "line_ids": [fields.Command.create(v) for v in line_vals],
                **vals,
            }
        )

    @api.model
    def _create_expulsion(
        self,
        students,
        reason,
        date_effective,
        date_application=False,
        note=False,
        contracts=None,
    ):
        """Step 5: a draft expulsion order of ``students`` for the director."""
        if reason == "application" and not date_application:
            raise UserError(
                self.env._(
                    "An expulsion at the student's own request needs the date of "
                    "the application."
                )
            )
        contracts = contracts or self.env["bvk.study.contract"]
        line_vals = []
        for student in students:
            vals = {
                "student_id": student.id,
                "reason": reason,
                "date_application": date_application,
                "note": note,
            }
            contract = contracts.filtered(lambda c, s=student: c.student_id == s)[:1]
            if contract:
                vals["contract_id"] = contract.id
            line_vals.append(vals)
        return self._create_order("expulsion", line_vals, date_effective=date_effective)

    # ------------------------------------------------------------
    # PREVIEWS (the wizards show them before an order is drafted)
    # ------------------------------------------------------------

    @api.model
    def _get_owed_summary(self, students, date_effective):
        """What each student owes when studies end on ``date_effective``, in
        a constant number of queries: ``{student_id: {"owed": amount that
        stays owed, "overdue": amount overdue today, "overdue_count",
        "cancelled": amount of the instalments that will be cancelled,
        "cancelled_count", "debts": [course names], "open_obligations":
        count of obligations that will be cancelled}}``."""
        summary = {
            student.id: {
                "owed": 0.0,
                "overdue": 0.0,
                "overdue_count": 0,
                "cancelled": 0.0,
                "cancelled_count": 0,
                "debts": [],
                "open_obligations": 0,
            }
            for student in students
        }
        if not students:
            return summary
        installments = (
            self.env["bvk.payment.installment"]
            .sudo()
            .search_fetch(
                [
                    ("student_id", "in", students.ids),
                    ("state", "not in", ("paid", "cancelled")),
                ],
                ["student_id", "state", "date_due", "amount", "amount_residual"],
            )
        )
        today = fields.Date.context_today(self)
        for installment in installments:
            values = summary[installment.student_id.id]
            due = installment.amount_residual
            if installment.date_due >= date_effective:
                values["cancelled"] += due
                values["cancelled_count"] += 1
                continue
            if installment.state == "covered":
                continue
            values["owed"] += due
            if installment.state != "planned" and installment.date_due < today:
                values["overdue"] += due
                values["overdue_count"] += 1
        obligations = (
            self.env["bvk.academic.obligation"]
            .sudo()
            .search_fetch(
                [
                    ("student_id", "in", students.ids),
                    ("state", "in", ("pending", "failed", "missed", "debt", "covered")),
                ],
                ["student_id", "state", "course_id"],
            )
        )
        for obligation in obligations:
            values = summary[obligation.student_id.id]
            values["open_obligations"] += 1
            if obligation.state == "debt":
                values["debts"].append(obligation.course_id.display_name)
        return summary

    @api.model
    def _transfer_preview(self, students):
        """Step 6: which of ``students`` may be transferred to the next
        semester. Eligible: no academic debts and no overdue instalments, or
        all of them covered by an approved agreement; blocked otherwise, with
        each reason and amount. A constant number of queries, whatever the
        number of students.

        :return: ``{student_id: {"eligible": bool, "reasons": [str],
            "amount_overdue": float, "overdue_count": int, "debt_count": int,
            "contract_id": int}}``
        """
        Installment = self.env["bvk.payment.installment"].sudo()
        Obligation = self.env["bvk.academic.obligation"].sudo()
        overdue = Installment.search_fetch(
            [
                ("student_id", "in", students.ids),
                ("state", "in", ("invoiced", "partial", "overdue")),
                ("date_due", "<", fields.Date.context_today(self)),
            ],
            ["student_id", "amount_residual", "currency_id"],
        )
        debts = Obligation.search_fetch(
            [("student_id", "in", students.ids), ("state", "=", "debt")],
            ["student_id", "course_id"],
        )
        # covered: an approved agreement (not applied yet) names them; an
        # applied one has already moved them out of overdue or debt
        covered = {
            (line.res_model, line.res_id): line.agreement_id
            for line in self.env["bvk.agreement.line"]
            .sudo()
            .search_fetch(
                [
                    ("agreement_id.state", "in", ("approved", "applied")),
                    "|",
                    "&",
                    ("res_model", "=", Installment._name),
                    ("res_id", "in", overdue.ids),
                    "&",
                    ("res_model", "=", Obligation._name),
                    ("res_id", "in", debts.ids),
                ],
                ["res_model", "res_id", "agreement_id"],
            )
        }
        contracts = {}
        for contract in (
            self.env["bvk.study.contract"]
            .sudo()
            .search_fetch(
                [
                    ("student_id", "in", students.ids),
                    ("state", "in", ("signed", "active")),
                ],
                ["student_id"],
                order="date_start, id",
            )
        ):
            contracts[contract.student_id.id] = contract.id
        preview = {
            student.id: {
                "eligible": True,
                "reasons": [],
                "amount_overdue": 0.0,
                "overdue_count": 0,
                "debt_count": 0,
                "covered": [],
                "contract_id": contracts.get(student.id, False),
            }
            for student in students
        }
        uncovered_overdue = {}
        for installment in overdue:
            values = preview[installment.student_id.id]
            agreement = covered.get((Installment._name, installment.id))
            if agreement:
                values["covered"].append(agreement.name)
                continue
            values["amount_overdue"] += installment.amount_residual
            values["overdue_count"] += 1
            uncovered_overdue[installment.student_id.id] = True
        uncovered_debts = {}
        for obligation in debts:
            values = preview[obligation.student_id.id]
            agreement = covered.get((Obligation._name, obligation.id))
            if agreement:
                values["covered"].append(agreement.name)
                continue
            values["debt_count"] += 1
            uncovered_debts.setdefault(obligation.student_id.id, []).append(
                obligation.course_id.display_name
            )
        for student_id, values in preview.items():
            if student_id in uncovered_overdue:
                values["eligible"] = False
                values["reasons"].append(
                    self.env._(
                        "overdue tuition %(amount)s (%(count)s instalments)",
                        amount=self._doc_amount(values["amount_overdue"]),
                        count=values["overdue_count"],
                    )
                )
            if student_id in uncovered_debts:
                values["eligible"] = False
                values["reasons"].append(
                    self.env._(
                        "academic debts: %(courses)s",
                        courses=", ".join(sorted(uncovered_debts[student_id])),
                    )
                )
            if values["covered"]:
                values["reasons"].append(
                    self.env._(
                        "covered by the agreement %(agreements)s",
                        agreements=", ".join(sorted(set(values["covered"]))),
                    )
                )
        return preview

    @api.model
    def _exmatriculation_check(self, students):
        """Which of ``students`` completed the programme: in its last
        semester, every obligation passed (or waived), nothing owed. In a
        constant number of queries: ``{student_id: [problems]}``, an empty
        list for a student proposed for graduation."""
        problems = {student.id: [] for student in students}
        open_obligations = (
            self.env["bvk.academic.obligation"]
            .sudo()
            ._read_group(
                [
                    ("student_id", "in", students.ids),
                    ("state", "not in", ("passed", "waived", "cancelled")),
                ],
                ["student_id"],
                ["__count"],
            )
        )
        owed = (
            self.env["bvk.payment.installment"]
            .sudo()
            ._read_group(
                [
                    ("student_id", "in", students.ids),
                    ("state", "in", ("invoiced", "partial", "overdue")),
                ],
                ["student_id"],
                ["amount_residual:sum"],
            )
        )
        for student in students:
            if student.state not in ALLOWED_STUDENT_STATES["exmatriculation"]:
                problems[student.id].append(self.env._("not an active student"))
            last = student.program_id.duration_semesters
            if student.semester_number < last:
                problems[student.id].append(
                    self.env._(
                        "in semester %(semester)s of %(last)s",
                        semester=student.semester_number,
                        last=last,
                    )
                )
        for student, count in open_obligations:
            problems[student.id].append(
                self.env._("%(count)s obligations not passed", count=count)
            )
        for student, amount in owed:
            if not self.env.company.currency_id.is_zero(amount):
                problems[student.id].append(
                    self.env._("owes %(amount)s", amount=self._doc_amount(amount))
                )
        return problems

    @api.model
    def _exmatriculation_proposals(self, domain=None):
        """Active students in the last semester of their programme with every
        obligation passed and nothing owed: proposed for graduation."""
        Student = self.env["bvk.student"]
        candidates = Student.search(
            [*(domain or []), ("state", "=", "active"), ("program_id", "!=", False)]
        )
        candidates = candidates.filtered(
            lambda s: s.semester_number >= s.program_id.duration_semesters
        )
        checks = self._exmatriculation_check(candidates)
        return candidates.filtered(lambda s: not checks[s.id])

    @api.model
    def _cron_send_excerpts(self):
        """Send the excerpts of signed orders not sent yet, a batch per call
        (the cron runner calls again while some remain)."""
        Line = self.env["bvk.order.line"]
        domain = [("order_id.state", "=", "signed"), ("excerpt_sent", "=", False)]
        batch = Line.search(domain, limit=Line._bvk_excerpt_batch_size, order="id")
        for line in batch:
            try:
                with self.env.cr.savepoint():
                    line._send_excerpt()
            except Exception:
                # one bad address or report must not stop the others
                _logger.exception("Excerpt of the order line %s not sent", line.id)
                line.sudo().excerpt_sent = True
                line.order_id.message_post(
                    body=self.env._(
                        "The excerpt for %(student)s could not be sent.",
                        student=line.student_id.name,
                    )
                )
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=Line.search_count(domain) if batch else 0
        )


def lv_format_accusative(date):
    """``2027. gada 1. martu``: the accusative that follows "ar" (as of),
    formed from the nominative month (janvāris → janvāri, marts → martu)."""
    month = lv_format.format_date(date, "nominative").rsplit(" ", 1)[1]
    if month.endswith("is"):
        month = month[:-1]
    elif month.endswith("s"):
        month = month[:-1] + "u"
    return f"{date.year}. gada {date.day}. {month}"
