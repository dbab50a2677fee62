# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import datetime, time, timedelta

from markupsafe import escape
from pytz import timezone

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import email_normalize, html2plaintext, is_html_empty
from odoo.tools.mimetypes import guess_mimetype

from .bvk_student_request_type import (
    ACADEMIC_REQUEST_TYPES,
    PAYMENT_REQUEST_TYPES,
    REQUEST_TYPES,
)

OPEN_STATES = ("new", "in_progress")
# who handles requests: the Study Support Centre and accounting (record
# rules narrow which requests each sees)
HANDLER_GROUPS = (
    "bvk_student_crm.group_bvk_coordinator",
    "account.group_account_invoice",
)
HEAD_GROUPS = ("bvk_student_crm.group_bvk_head",)
CONTRACT_GROUPS = "bvk_student_crm.group_bvk_coordinator,account.group_account_invoice"
# portal form limits
PORTAL_TYPES = tuple(code for code, _label in REQUEST_TYPES)
PORTAL_MAX_FILES = 5
PORTAL_MAX_FILE_MB = 10
PORTAL_MAX_DESCRIPTION = 10000
# the files a student may attach on the portal: PDF, images, office documents
# (by extension, and the content must look like one of these)
PORTAL_FILE_EXTENSIONS = {
    "pdf": ("application/pdf",),
    "png": ("image/png",),
    "jpg": ("image/jpeg",),
    "jpeg": ("image/jpeg",),
    "gif": ("image/gif",),
    "webp": ("image/webp",),
    "heic": ("image/heic", "image/heif"),
    "doc": ("application/msword",),
    "xls": ("application/vnd.ms-excel", "application/msword"),
    "ppt": ("application/vnd.ms-powerpoint", "application/msword"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "odt": ("application/vnd.oasis.opendocument.text",),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet",),
    "odp": ("application/vnd.oasis.opendocument.presentation",),
    "rtf": ("text/rtf", "application/rtf"),
}
# office containers some content sniffers name generically
PORTAL_OFFICE_CONTAINERS = (
    "application/zip",
    "application/octet-stream",
    "application/x-ole-storage",
    "application/CDFV2",
)
PORTAL_OFFICE_EXTENSIONS = (
    "doc",
    "xls",
    "ppt",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
    "odp",
)


class BvkStudentRequest(models.Model):
    """A student's request (iesniegums), step 3.1 of the process: received
    by e-mail, on the portal, in person or by phone, answered by the person
    responsible for its type within a deadline in working days."""

    _name = "bvk.student.request"
    _description = "Student Request"
    _inherit = [
        "bvk.workflow.mixin",
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_received desc, id desc"
    _check_company_auto = True
    _mail_post_access = "read"
    _bvk_sequence_code = "bvk.student.request"
    _bvk_workflow_fields = (
        "name",
        "state",
        "date_answered",
        "answered_by_id",
        "date_escalated",
        "date_deadline",
        "response_days",
        "response_working_days",
    )
    # what was asked is what was answered
    _bvk_frozen_fields = (
        "type_id",
        "student_id",
        "channel",
        "date_received",
        "description",
        "answer",
        "company_id",
    )
    _bvk_editable_states = OPEN_STATES

    # ------------------------------------------------------------
    # DEFAULT METHODS
    # ------------------------------------------------------------

    def _default_type_id(self):
        return self.env["bvk.student.request.type"].search(
            [("code", "=", "other")], limit=1
        )

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    subject = fields.Char(required=True, tracking=True)
    state = fields.Selection(
        selection=[
            ("new", "Received"),
            ("in_progress", "Under Review"),
            ("answered", "Answered"),
            ("refused", "Declined"),
        ],
        string="Status",
        required=True,
        default="new",
        copy=False,
        tracking=True,
        index=True,
    )
    type_id = fields.Many2one(
        comodel_name="bvk.student.request.type",
        required=True,
        tracking=True,
        ondelete="restrict",
        default=_default_type_id,
    )
    request_type = fields.Selection(
        related="type_id.code", string="Type Code", store=True, index=True
    )
    student_id = fields.Many2one(
        comodel_name="bvk.student",
        index=True,
        tracking=True,
        check_company=True,
    )
    student_unknown = fields.Boolean(
        compute="_compute_student_unknown",
        store=True,
        help="Received from an address no student has: assign the student.",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        related="student_id.partner_id",
        string="Student Contact",
    )
    contract_id = fields.Many2one(
        comodel_name="bvk.study.contract",
        string="Study Contract",
        index=True,
        check_company=True,
        groups=CONTRACT_GROUPS,
        compute="_compute_contract_id",
        store=True,
        readonly=False,
        domain="[('student_id', '=', student_id)]",
    )
    email_from = fields.Char(
        string="E-mail", help="The address the request came from or is answered to."
    )
    lang = fields.Char(
        compute="_compute_lang", help="The student's language, of the answer e-mail."
    )
    channel = fields.Selection(
        selection=[
            ("portal", "Portal"),
            ("email", "E-mail"),
            ("in_person", "In person"),
            ("phone", "Phone"),
        ],
        required=True,
        default="in_person",
        tracking=True,
    )
    description = fields.Html(sanitize_style=True)
    attachment_ids = fields.Many2many(
        comodel_name="ir.attachment",
        string="Attachments",
        help="Documents of the request (the signed application, certificates).",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    date_received = fields.Date(
        string="Received On",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_deadline = fields.Date(
        string="Answer By",
        compute="_compute_date_deadline",
        store=True,
        index=True,
        help="The response deadline: the type's number of working days of the "
        "company's working calendar after the day of receipt.",
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
    )
    date_escalated = fields.Date(
        string="Escalated On",
        readonly=True,
        copy=False,
        help="When the overdue request was escalated to the head of the Study "
        "Support Centre (once).",
    )
    answer = fields.Html(
        sanitize_style=True,
        help="The answer e-mailed to the student, in their language.",
    )
    date_answered = fields.Date(string="Answered On", readonly=True, copy=False)
    answered_by_id = fields.Many2one(
        comodel_name="res.users", readonly=True, copy=False
    )
    response_days = fields.Integer(
        string="Response Time (days)",
        readonly=True,
        copy=False,
        aggregator="avg",
    )
    response_working_days = fields.Integer(
        string="Response Time (working days)",
        readonly=True,
        copy=False,
        aggregator="avg",
    )
    agreement_ids = fields.One2many(
        comodel_name="bvk.agreement",
        inverse_name="request_id",
        string="Agreements",
        groups=CONTRACT_GROUPS,
    )
    agreement_count = fields.Integer(
        compute="_compute_agreement_count", groups=CONTRACT_GROUPS
    )
    agreement_kind = fields.Selection(
        selection=[("payment", "Payment"), ("academic", "Academic")],
        compute="_compute_agreement_kind",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("student_id")
    def _compute_student_unknown(self):
        for request in self:
            request.student_unknown = not request.student_id

    @api.depends("student_id.lang")
    def _compute_lang(self):
        for request in self:
            request.lang = request.sudo().student_id.lang or "lv_LV"

    @api.depends("type_id", "student_id")
    def _compute_user_id(self):
        for request in self:
            if request.type_id:
                request.user_id = request.type_id._get_responsible(
                    request.student_id, request.company_id or self.env.company
                )

    @api.depends("date_received", "type_id", "company_id")
    def _compute_date_deadline(self):
        # the deadline told at receipt stays: a new setting of the type
        # applies to the requests received after it
        cache = {}
        for request in self:
            if not (request.date_received and request.type_id):
                request.date_deadline = False
                continue
            calendar = (request.company_id or self.env.company).resource_calendar_id
            key = (calendar.id, request.date_received, request.type_id.deadline_days)
            if key not in cache:
                cache[key] = self._bvk_add_working_days(
                    calendar, request.date_received, request.type_id.deadline_days
                )
            request.date_deadline = cache[key]

    @api.depends("date_deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for request in self:
            request.is_overdue = bool(
                request.state in OPEN_STATES
                and request.date_deadline
                and request.date_deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on overdue requests."))
        domain = [
            ("state", "in", OPEN_STATES),
            ("date_deadline", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == bool(value):
            return domain
        return ["!", "&", *domain]

    @api.depends("student_id")
    def _compute_contract_id(self):
        for request in self:
            if request.contract_id.student_id == request.student_id:
                continue
            request.contract_id = (
                request.student_id.sudo()
                .contract_ids.filtered(lambda c: c.state in ("signed", "active"))[:1]
                .id
            )

    def _compute_agreement_count(self):
        for request in self:
            request.agreement_count = len(request.agreement_ids)

    @api.depends("request_type")
    def _compute_agreement_kind(self):
        for request in self:
            request.agreement_kind = (
                "payment"
                if request.request_type in PAYMENT_REQUEST_TYPES
                else "academic"
                if request.request_type in ACADEMIC_REQUEST_TYPES
                else False
            )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("student_id", "contract_id")
    def _check_contract_student(self):
        for request in self.sudo():
            if (
                request.contract_id
                and request.contract_id.student_id != request.student_id
            ):
                raise ValidationError(
                    self.env._(
                        "The study contract %(contract)s of request %(request)s is "
                        "not a contract of %(student)s.",
                        contract=request.contract_id.name,
                        request=request.name,
                        student=request.student_id.name or "-",
                    )
                )

    def _compute_access_url(self):
        for request in self:
            request.access_url = f"/my/requests/{request.id}"

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("student_id") and not vals.get("email_from"):
                student = self.env["bvk.student"].sudo().browse(vals["student_id"])
                vals["email_from"] = student.email
        requests = super().create(vals_list)
        for request in requests.filtered("user_id"):
            request.sudo().message_subscribe(partner_ids=request.user_id.partner_id.ids)
        return requests

    def write(self, vals):
        if vals.get("user_id"):
            for request in self:
                request.sudo().message_subscribe(
                    partner_ids=self.env["res.users"]
                    .browse(vals["user_id"])
                    .partner_id.ids
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_answered(self):
        if any(request.state in ("in_progress", "answered") for request in self):
            raise UserError(self.env._("Only new or refused requests can be deleted."))

    # ------------------------------------------------------------
    # MAIL GATEWAY
    # ------------------------------------------------------------

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A request from an e-mail to the requests alias: the student is the
        one whose e-mail address sent it; an unknown sender's request is kept
        for a person to assign."""
        email = email_normalize(msg_dict.get("email_from") or "")
        student = self.env["bvk.student"]
        if email:
            student = student.sudo().search(
                [("partner_id.email_normalized", "=", email)], limit=2
            )
            if len(student) > 1:
                # one address, two students: a person decides
                student = self.env["bvk.student"]
        vals = {
            "subject": (msg_dict.get("subject") or "").strip()[:200]
            or self.env._("E-mail request"),
            "description": msg_dict.get("body"),
            "channel": "email",
            "email_from": msg_dict.get("email_from"),
            "date_received": fields.Date.context_today(self),
        }
        if student:
            vals["student_id"] = student.id
            vals["company_id"] = student.company_id.id
        vals.update(custom_values or {})
        request = self.create(vals)
        if student:
            request.message_subscribe(partner_ids=student.partner_id.ids)
        return request

    def _message_post_after_hook(self, message, msg_vals):
        """Attachments of the student's e-mail become the request's."""
        if message.attachment_ids and message.message_type == "email":
            for request in self.filtered(lambda r: r.state in OPEN_STATES):
                request.sudo().attachment_ids = [
                    Command.link(attachment.id) for attachment in message.attachment_ids
                ]
        return super()._message_post_after_hook(message, msg_vals)

    @api.model
    def _get_thread_with_access(self, thread_id, mode="read", **kwargs):
        """The conversation of a request (portal chatter, its messages, its
        attachments) only for who may read the request: its student and the
        staff. No access token or signed link of an e-mail opens it (the
        portal's ``mail.thread`` would accept them)."""
        thread = self.browse(thread_id)
        if thread.exists() and thread.sudo(False).has_access(mode):
            return thread
        return self.browse()

    def _message_get_suggested_recipients(self):
        recipients = super()._message_get_suggested_recipients()
        for request in self:
            if request.partner_id:
                request._message_add_suggested_recipient(
                    recipients, partner=request.partner_id, reason=self.env._("Student")
                )
            elif request.email_from:
                request._message_add_suggested_recipient(
                    recipients, email=request.email_from, reason=self.env._("Sender")
                )
        return recipients

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _check_handler(self):
        self._bvk_check_groups(
            *HANDLER_GROUPS,
            message=self.env._(
                "Only the Study Support Centre and accounting handle student requests."
            ),
        )

    def action_start(self):
        """The responsible person takes the request in hand."""
        self._check_handler()
        self._bvk_check_state("new", action=self.env._("start"))
        self._check_student_known()
        self._bvk_write({"state": "in_progress"})
        return True

    def action_answer(self):
        """Record the answer and e-mail it to the student."""
        self._check_handler()
        self._bvk_check_state(OPEN_STATES, action=self.env._("answer"))
        self._do_close("answered")
        return True

    def action_refuse(self):
        """Refuse the request: the answer says why; e-mailed to the student."""
        self._check_handler()
        self._bvk_check_state(OPEN_STATES, action=self.env._("refuse"))
        self._do_close("refused")
        return True

    def action_reopen(self):
        """The head of the Study Support Centre reopens a closed request."""
        self._bvk_check_groups(
            *HEAD_GROUPS,
            message=self.env._(
                "Only the head of the Study Support Centre reopens requests."
            ),
        )
        self._bvk_check_state(("answered", "refused"), action=self.env._("reopen"))
        self._bvk_write(
            {
                "state": "in_progress",
                "date_answered": False,
                "answered_by_id": False,
                "response_days": False,
                "response_working_days": False,
            }
        )
        return True

    def action_create_agreement(self):
        """Open the agreement wizard of the request's type (payment or
        academic); the agreement links back and its approval answers the
        request."""
        self.ensure_one()
        self._bvk_check_groups(
            "bvk_student_crm.group_bvk_coordinator",
            message=self.env._("Only the Study Support Centre drafts agreements."),
        )
        self.check_access("write")
        self._bvk_check_state(OPEN_STATES, action=self.env._("draft an agreement for"))
        self._check_student_known()
        if self.agreement_kind == "payment":
            contract = (
                self.contract_id
                or self.student_id.contract_ids.filtered(
                    lambda c: c.state in ("signed", "active")
                )[:1]
            )
            if not contract:
                raise UserError(
                    self.env._(
                        "%(student)s has no signed study contract: a payment "
                        "agreement changes a contract's payment schedule.",
                        student=self.student_id.name,
                    )
                )
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Agreement on Other Payment Conditions"),
                "res_model": "bvk.study.contract.agreement",
                "view_mode": "form",
                "target": "new",
                "context": {
                    "active_model": "bvk.study.contract",
                    "active_id": contract.id,
                    "default_contract_id": contract.id,
                    "default_agreement_type": self.request_type,
                    "default_request_id": self.id,
                    "default_date_application": self.date_received,
                    "default_reason": html2plaintext(self.description or ""),
                },
            }
        if self.agreement_kind == "academic":
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Academic Agreement"),
                "res_model": "bvk.academic.agreement.create",
                "view_mode": "form",
                "target": "new",
                "context": {
                    "active_model": "bvk.student",
                    "active_id": self.student_id.id,
                    "default_student_id": self.student_id.id,
                    "default_agreement_type": self.request_type,
                    "default_request_id": self.id,
                    "default_reason": html2plaintext(self.description or ""),
                },
            }
        raise UserError(
            self.env._(
                "A request of type %(type)s is not answered by an agreement.",
                type=self.type_id.name,
            )
        )

    def action_view_agreements(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Agreements"),
            "res_model": "bvk.agreement",
            "view_mode": "list,form",
            "domain": [("request_id", "=", self.id)],
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _check_student_known(self):
        for request in self:
            if not request.student_id:
                raise UserError(
                    self.env._(
                        "Request %(request)s: the student is unknown. Choose the "
                        "student first.",
                        request=request.name,
                    )
                )

    def _do_close(self, state):
        """Answer or refuse (after the action's checks): the answer is
        mandatory, recorded with its date, person and response time, and
        e-mailed to the student."""
        today = fields.Date.context_today(self)
        for request in self:
            if is_html_empty(request.answer):
                raise UserError(
                    self.env._(
                        "Request %(request)s: write the answer to the student first.",
                        request=request.name,
                    )
                )
            if not (request.partner_id or request.email_from):
                raise UserError(
                    self.env._(
                        "Request %(request)s: there is no e-mail address to "
                        "answer to. Choose the student first.",
                        request=request.name,
                    )
                )
            calendar = request.company_id.resource_calendar_id
            request._bvk_write(
                {
                    "state": state,
                    "date_answered": today,
                    "answered_by_id": self.env.user.id,
                    "response_days": (today - request.date_received).days,
                    "response_working_days": self._bvk_count_working_days(
                        calendar, request.date_received, today
                    ),
                }
            )
            request._send_answer()

    def _send_answer(self):
        """E-mail the answer to the student, in the student's language."""
        template = self.env.ref(
            "bvk_student_crm.mail_template_student_request_answer",
            raise_if_not_found=False,
        )
        if not template:
            return
        for request in self:
            request.sudo().message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )

    def _bvk_answer_from_agreement(self, agreement):
        """The agreement drafted for the request was approved: the request is
        answered (called by ``bvk.agreement.action_approve`` after its own
        checks)."""
        for request in self.filtered(lambda r: r.state in OPEN_STATES):
            answer = request.with_context(lang=request.lang).env._(
                "<p>Your request %(request)s was approved: agreement %(agreement)s "
                "(amendment to your study contract). The amendment is sent to you "
                "when it is applied.</p>",
                request=request.name,
                agreement=agreement.name,
            )
            request = request.sudo()
            if is_html_empty(request.answer):
                request.answer = answer
            request._do_close("answered")

    @api.model
    def _bvk_working_days(self, calendar, date_from, date_to):
        """The working days of ``calendar`` (its public holidays and other
        leaves excluded) from ``date_from`` to ``date_to``, both included."""
        if date_to < date_from:
            return []
        if not calendar:
            return [
                date_from + timedelta(days=n)
                for n in range((date_to - date_from).days + 1)
                if (date_from + timedelta(days=n)).weekday() < 5
            ]
        tz = timezone(calendar.tz or "Europe/Riga")
        start = tz.localize(datetime.combine(date_from, time.min))
        end = tz.localize(datetime.combine(date_to + timedelta(days=1), time.min))
        intervals = calendar._work_intervals_batch(start, end)[False]
        return sorted({interval[0].date() for interval in intervals})

    @api.model
    def _bvk_add_working_days(self, calendar, day, count):
        """The date ``count`` working days after ``day`` (not counted)."""
        date_from = day + timedelta(days=1)
        span = count * 2 + 14
        for _attempt in range(10):
            days = self._bvk_working_days(
                calendar, date_from, date_from + timedelta(days=span)
            )
            if len(days) >= count:
                return days[count - 1]
            span *= 2
        return day + timedelta(days=count)

    @api.model
    def _bvk_count_working_days(self, calendar, date_from, date_to):
        """Working days after ``date_from`` up to ``date_to`` included."""
        return len(
            self._bvk_working_days(calendar, date_from + timedelta(days=1), date_to)
        )

    # ------------------------------------------------------------
    # ESCALATION
    # ------------------------------------------------------------

    @api.model
    def _bvk_overdue_domain(self):
        return [
            ("state", "in", OPEN_STATES),
            ("date_deadline", "<", fields.Date.context_today(self)),
            ("date_escalated", "=", False),
        ]

    @api.model
    def _cron_escalate_overdue(self, batch_size=500):
        """Escalate the requests past their deadline to the head of the Study
        Support Centre, once each: an activity and a note, and the date it
        was done (re-run safe: escalated requests are skipped). A batch that
        fails is retried request by request, so one bad request does not stop
        the others."""
        domain = self._bvk_overdue_domain()
        requests = self.search(domain, limit=batch_size, order="date_deadline, id")
        try:
            with self.env.cr.savepoint():
                requests._do_escalate()
            done = len(requests)
        except (UserError, ValidationError, AccessError):
            done = 0
            for request in requests:
                try:
                    with self.env.cr.savepoint():
                        request._do_escalate()
                    done += 1
                except (UserError, ValidationError, AccessError):
                    continue
        remaining = self.search_count(domain) if len(requests) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    def _get_escalation_user(self):
        """The head of the Study Support Centre of the request's company."""
        self.ensure_one()
        company = self.company_id
        return company.bvk_ssc_head_id or self.env["res.users"].sudo().search(
            [
                ("share", "=", False),
                ("company_ids", "in", company.ids),
                ("groups_id", "in", self.env.ref("bvk_student_crm.group_bvk_head").ids),
                ("id", "!=", self.env.ref("base.user_root").id),
            ],
            order="id",
            limit=1,
        )

    def _do_escalate(self):
        """An activity for the head and a note on each request (in batch: no
        e-mail per activity, the head sees them in their activities)."""
        requests = self.sudo()
        if not requests:
            return
        today = fields.Date.context_today(self)
        activity_type = self.env.ref(
            "bvk_student_crm.mail_activity_student_request_overdue"
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        heads = {}
        activity_vals = []
        bodies = {}
        for request in requests:
            company = request.company_id
            if company not in heads:
                heads[company] = request._get_escalation_user()
            head = heads[company]
            if head:
                activity_vals.append(
                    {
                        "res_model_id": model_id,
                        "res_id": request.id,
                        "activity_type_id": activity_type.id,
                        "user_id": head.id,
                        "date_deadline": today,
                        "summary": self.env._(
                            "Overdue request %(request)s", request=request.name
                        ),
                    }
                )
            bodies[request.id] = self.env._(
                "The response deadline %(deadline)s has passed: escalated to %(head)s.",
                deadline=request.date_deadline.strftime("%d.%m.%Y"),
                head=head.name or self.env._("the head of the Study Support Centre"),
            )
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(activity_vals)
        requests._message_log_batch(bodies=bodies)
        requests.write({"date_escalated": today})

    # ------------------------------------------------------------
    # PORTAL
    # ------------------------------------------------------------

    @api.model
    def _create_from_portal(self, student, vals, attachments=None):
        """A request of ``student`` from the portal form; the controller passes
        the form's values as they came (``type``, ``subject``, ``description``)
        and the uploaded files as ``(filename, content bytes)`` pairs. Every
        value is checked here; errors name the field."""
        student = student.sudo().exists()
        if not student:
            raise ValidationError(self.env._("The student of the request is unknown."))
        user = self.env.user
        if not self.env.su and user.share and student.partner_id != user.partner_id:
            raise AccessError(
                self.env._("You can send requests only in your own name.")
            )
        code = (vals.get("type") or vals.get("request_type") or "").strip()
        if code not in PORTAL_TYPES:
            raise ValidationError(self.env._("Choose the type of your request."))
        request_type = (
            self.env["bvk.student.request.type"]
            .sudo()
            .search([("code", "=", code)], limit=1)
        )
        if not request_type:
            raise ValidationError(
                self.env._("Requests of this type cannot be sent on the portal.")
            )
        subject = (vals.get("subject") or "").strip()
        if not subject:
            subject = request_type.with_context(lang=student.lang).name
        if len(subject) > 200:
            raise ValidationError(
                self.env._("The subject is too long (at most 200 characters).")
            )
        description = (vals.get("description") or "").strip()
        if not description:
            raise ValidationError(
                self.env._("Describe your request: the description is empty.")
            )
        if len(description) > PORTAL_MAX_DESCRIPTION:
            raise ValidationError(
                self.env._(
                    "The description is too long (at most %(max)s characters).",
                    max=PORTAL_MAX_DESCRIPTION,
                )
            )
        attachments = list(attachments or [])
        if len(attachments) > PORTAL_MAX_FILES:
            raise ValidationError(
                self.env._("Attach at most %(max)s files.", max=PORTAL_MAX_FILES)
            )
        for filename, content in attachments:
            if not filename or not content:
                raise ValidationError(
                    self.env._(
                        "The attached file %(file)s is empty.", file=filename or "?"
                    )
                )
            if len(content) > PORTAL_MAX_FILE_MB * 1024 * 1024:
                raise ValidationError(
                    self.env._(
                        "The attached file %(file)s is larger than %(max)s MB.",
                        file=filename,
                        max=PORTAL_MAX_FILE_MB,
                    )
                )
            if not self._portal_file_allowed(filename, content):
                raise ValidationError(
                    self.env._(
                        "The attached file %(file)s is not of an accepted type: "
                        "attach a PDF, an image or an office document.",
                        file=filename,
                    )
                )
        request = (
            self.sudo()
            .with_company(student.company_id)
            .create(
                {
                    "type_id": request_type.id,
                    "subject": subject,
                    "description": "".join(
                        f"<p>{line}</p>" for line in html_escape_lines(description)
                    ),
                    "student_id": student.id,
                    "company_id": student.company_id.id,
                    "channel": "portal",
                }
            )
        )
        request.message_subscribe(partner_ids=student.partner_id.ids)
        if attachments:
            records = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    [
                        {
                            "name": filename,
                            "datas": base64.b64encode(content),
                            "res_model": request._name,
                            "res_id": request.id,
                        }
                        for filename, content in attachments
                    ]
                )
            )
            request.attachment_ids = [Command.set(records.ids)]
        request._send_received()
        return request

    @api.model
    def _portal_file_allowed(self, filename, content):
        """Whether a file of the portal form is a PDF, an image or an office
        document: by its extension and by its content."""
        extension = filename.rpartition(".")[2].lower() if "." in filename else ""
        if extension not in PORTAL_FILE_EXTENSIONS:
            return False
        mimetype = guess_mimetype(content, default="application/octet-stream")
        if mimetype in PORTAL_FILE_EXTENSIONS[extension]:
            return True
        return (
            extension in PORTAL_OFFICE_EXTENSIONS
            and mimetype in PORTAL_OFFICE_CONTAINERS
        )

    def _send_received(self):
        """Confirm to the student that their request arrived (in their
        language), with its number and deadline."""
        template = self.env.ref(
            "bvk_student_crm.mail_template_student_request_received",
            raise_if_not_found=False,
        )
        if not template:
            return
        for request in self.filtered("partner_id"):
            # from the college (its handler), not from the student who sent it
            author = (
                request.user_id.partner_id | request.company_id.partner_id
            ).filtered("email")[:1]
            request.sudo().message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                **(
                    {"author_id": author.id, "email_from": author.email_formatted}
                    if author
                    else {}
                ),
            )


def html_escape_lines(text):
    """The lines of a plain text, HTML-escaped."""
    return [str(escape(line)) for line in text.splitlines()]
