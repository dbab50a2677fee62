# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast
import functools
import logging
import re
from collections import namedtuple

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL, html2plaintext, is_html_empty
from odoo.tools.mail import generate_tracking_message_id

from odoo.addons.phone_validation.tools import phone_validation

from ..lib.sms_parts import sms_parts
from .bvk_student import STUDENT_STATES

_logger = logging.getLogger(__name__)

# a student to send to, with what the sending needs of their contact
Recipient = namedtuple("Recipient", "id partner_id email mobile country_id")

ANNOUNCEMENT_KINDS = [
    ("offer", "Services and Offers"),
    ("announcement", "Announcement"),
    ("obligation", "Obligation Notice"),
]
# service messages (step 3.3) reach opted-out students too; offers and
# announcements (step 3.2) respect the e-mail blacklist and the SMS opt-out
SERVICE_KINDS = ("obligation",)
MAX_SMS_PARTS = 2
STATS_KEYS = (
    "matched",
    "recipients",
    "excluded",
    "email",
    "email_blacklisted",
    "email_missing",
    "sms",
    "sms_optout",
    "sms_missing",
)


class BvkAnnouncement(models.Model):
    """A message to many students (steps 3.2 and 3.3): who gets it (a
    programme, group, study year, status or any saved filter), what (a
    subject, an e-mail body and an SMS, each translatable and rendered in the
    student's language) and, once sent, how many got it and how many were
    left out and why.

    Sending prepares the messages in batches (:meth:`_bvk_prepare_batch`):
    one ``mail.mail`` and ``sms.sms`` per student, queued for Odoo's mail and
    SMS queues, and one line logged on each student's chatter (the e-mail
    goes out as that line, so its whole body is not stored per student).
    """

    _name = "bvk.announcement"
    _description = "Announcement to Students"
    _inherit = ["mail.thread", "mail.render.mixin", "bvk.workflow.mixin"]
    _order = "id desc"
    _check_company_auto = True

    _bvk_workflow_fields = (
        "state",
        "date_sent",
        "sent_by_id",
        "stats",
        "last_student_id",
    )
    _bvk_frozen_fields = (
        "kind",
        "program_ids",
        "group_ids",
        "course_year",
        "student_state",
        "filter_id",
        "domain",
        "subject",
        "body_html",
        "send_email",
        "send_sms",
        "sms_body",
    )
    _bvk_batch_size = 1000

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(string="Title", required=True, tracking=True)
    kind = fields.Selection(
        selection=ANNOUNCEMENT_KINDS,
        string="Type",
        required=True,
        default="announcement",
        tracking=True,
        help="Obligation notices (payment and academic deadlines) are service "
        "messages: they also reach students who opted out of e-mails or SMS. "
        "Offers and announcements respect the opt-outs.",
    )
    is_service = fields.Boolean(string="Service Message", compute="_compute_is_service")
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("sending", "Sending"),
            ("sent", "Sent"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        required=True,
        default="draft",
        copy=False,
        tracking=True,
        index=True,
    )
    # recipients ----------------------------------------------------
    program_ids = fields.Many2many(
        comodel_name="bvk.study.program", string="Programmes", check_company=True
    )
    group_ids = fields.Many2many(
        comodel_name="bvk.student.group", string="Groups", check_company=True
    )
    course_year = fields.Integer(
        string="Study Year", help="Only students of this study year (0: any)."
    )
    student_state = fields.Selection(
        selection=STUDENT_STATES,
        string="Student Status",
        default="active",
        help="Only students in this status (empty: any).",
    )
    filter_id = fields.Many2one(
        comodel_name="ir.filters",
        string="Saved Filter",
        domain="[('model_id', '=', 'bvk.student')]",
        help="A filter saved in the students' list (Favourites).",
    )
    domain = fields.Char(
        string="Other Conditions",
        help="A filter on the students, e.g. the students selected in the list.",
    )
    # content -------------------------------------------------------
    template_id = fields.Many2one(
        comodel_name="mail.template",
        string="Start from Template",
        domain="[('model', '=', 'bvk.student')]",
        help="Copies the template's subject and body, in every language, into "
        "the announcement.",
    )
    subject = fields.Char(
        translate=True,
        help="Placeholders: {{ object.name }} (the student's name), "
        "{{ object.group_id.code }} (the group).",
    )
    body_html = fields.Html(
        string="Body",
        render_engine="qweb",
        render_options={"post_process": True},
        translate=True,
        sanitize="email_outgoing",
    )
    send_email = fields.Boolean(string="By E-mail", default=True)
    send_sms = fields.Boolean(string="By SMS")
    sms_body = fields.Text(
        string="SMS Text",
        translate=True,
        help="Placeholders as in the subject.",
    )
    lang = fields.Char(default="{{ object.lang }}")
    # result --------------------------------------------------------
    date_sent = fields.Datetime(string="Sent On", readonly=True, copy=False)
    sent_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    stats = fields.Json(readonly=True, copy=False)
    last_student_id = fields.Integer(
        readonly=True, copy=False, help="The last student prepared (batches)."
    )
    count_matched = fields.Integer(string="Students", compute="_compute_counts")
    count_recipients = fields.Integer(string="Will Receive", compute="_compute_counts")
    count_excluded = fields.Integer(string="Excluded", compute="_compute_counts")
    count_email = fields.Integer(string="E-mails", compute="_compute_counts")
    count_email_blacklisted = fields.Integer(
        string="E-mail Blacklisted", compute="_compute_counts"
    )
    count_email_missing = fields.Integer(string="No E-mail", compute="_compute_counts")
    count_sms = fields.Integer(string="SMS", compute="_compute_counts")
    count_sms_optout = fields.Integer(string="SMS Opt-out", compute="_compute_counts")
    count_sms_missing = fields.Integer(string="No Mobile", compute="_compute_counts")
    summary = fields.Html(compute="_compute_counts", sanitize=False)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    def _compute_render_model(self):
        self.render_model = "bvk.student"

    @api.depends("kind")
    def _compute_is_service(self):
        for announcement in self:
            announcement.is_service = announcement.kind in SERVICE_KINDS

    @api.depends_context("lang")
    @api.depends(
        "state",
        "stats",
        "kind",
        "program_ids",
        "group_ids",
        "course_year",
        "student_state",
        "filter_id",
        "domain",
        "send_email",
        "send_sms",
        "company_id",
    )
    def _compute_counts(self):
        for announcement in self:
            if announcement.state == "draft":
                try:
                    stats = announcement._bvk_recipient_stats()
                except UserError as error:
                    stats = dict.fromkeys(STATS_KEYS, 0)
                    announcement._bvk_set_counts(stats)
                    announcement.summary = Markup("<p>%s</p>") % error.args[0]
                    continue
            else:
                stats = announcement.stats or dict.fromkeys(STATS_KEYS, 0)
            announcement._bvk_set_counts(stats)
            announcement.summary = announcement._bvk_summary(stats)

    def _bvk_set_counts(self, stats):
        for key in STATS_KEYS:
            self[f"count_{key}"] = stats.get(key, 0)

    def _bvk_summary(self, stats):
        """The counts as sentences, for the form: who gets it and why the
        others do not."""
        _ = self.env._
        lines = [
            _(
                "%(matched)s students match; %(recipients)s will receive it, "
                "%(excluded)s are excluded.",
                **stats,
            )
        ]
        if self.send_email:
            lines.append(
                _(
                    "E-mail: %(email)s (excluded: %(email_blacklisted)s "
                    "blacklisted, %(email_missing)s without an e-mail address).",
                    **stats,
                )
            )
        if self.send_sms:
            lines.append(
                _(
                    "SMS: %(sms)s (excluded: %(sms_optout)s opted out of SMS, "
                    "%(sms_missing)s without a mobile number).",
                    **stats,
                )
            )
        if self.kind in SERVICE_KINDS:
            lines.append(
                _(
                    "An obligation notice is a service message: students who "
                    "opted out of e-mails or SMS get it too."
                )
            )
        return Markup("").join(Markup("<p>%s</p>") % line for line in lines)

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        announcements = super().create(vals_list)
        for announcement, vals in zip(announcements, vals_list, strict=True):
            if vals.get("template_id"):
                announcement._bvk_copy_template(keep=vals)
        return announcements

    def write(self, vals):
        res = super().write(vals)
        if vals.get("template_id"):
            for announcement in self:
                announcement._bvk_copy_template(keep=vals)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        for announcement in self:
            if announcement.state in ("sending", "sent"):
                raise UserError(
                    self.env._(
                        "The announcement %(name)s has been sent: it is the "
                        "record of what the students got and cannot be deleted.",
                        name=announcement.name,
                    )
                )

    @api.onchange("template_id")
    def _onchange_template_id(self):
        if self.template_id:
            self.subject = self.template_id.subject
            self.body_html = self.template_id.body_html

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_send(self):
        """Send: check who may send to whom, then prepare the messages, the
        first batch at once and the rest in the background (mails and SMS
        are always sent by Odoo's queues)."""
        self._bvk_check_sender()
        self._bvk_check_state("draft", self.env._("send"))
        for announcement in self:
            announcement._bvk_check_content()
            stats = announcement._bvk_recipient_stats()
            if not stats["recipients"]:
                raise UserError(
                    self.env._(
                        "The announcement %(name)s would reach nobody: %(summary)s",
                        name=announcement.name,
                        summary=html2plaintext(announcement._bvk_summary(stats)),
                    )
                )
            announcement._bvk_write(
                {
                    "state": "sending",
                    "date_sent": fields.Datetime.now(),
                    "sent_by_id": self.env.uid,
                    "stats": dict.fromkeys(STATS_KEYS, 0),
                    "last_student_id": 0,
                }
            )
            if announcement.sudo()._bvk_prepare_batch():
                self.env.ref(
                    "bvk_student_crm.ir_cron_bvk_announcement_send"
                ).sudo()._trigger()
        return True

    def action_cancel(self):
        self._bvk_check_sender()
        self._bvk_check_state("draft", self.env._("cancel"))
        self._bvk_write({"state": "cancelled"})
        return True

    def action_draft(self):
        self._bvk_check_sender()
        self._bvk_check_state("cancelled", self.env._("reset to draft"))
        self._bvk_write({"state": "draft"})
        return True

    @api.model
    def action_new_for_students(self, student_ids):
        """The announcement wizard from the students' list: a draft to the
        selected students, opened to be written and sent."""
        self._bvk_check_groups(
            "bvk_student_crm.group_bvk_coordinator",
            message=self.env._(
                "Only the Study Support Centre sends announcements to students."
            ),
        )
        if not student_ids:
            raise UserError(self.env._("Select the students to write to first."))
        announcement = self.create(
            {
                "name": self.env._(
                    "Announcement to %(count)s students", count=len(student_ids)
                ),
                "student_state": False,
                "domain": repr([("id", "in", list(student_ids))]),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": announcement.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_students(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Students of %(name)s", name=self.name),
            "res_model": "bvk.student",
            "view_mode": "list,form",
            "domain": self._bvk_recipient_domain(),
        }

    # ------------------------------------------------------------
    # CHECKS
    # ------------------------------------------------------------

    def _bvk_check_sender(self):
        """The Study Support Centre sends announcements: the head, the
        deputy director and the director to any student, a coordinator to
        the students of the groups they coordinate."""
        self._bvk_check_groups(
            "bvk_student_crm.group_bvk_coordinator",
            message=self.env._(
                "Only the Study Support Centre sends announcements to students."
            ),
        )
        if (
            self.env.su
            or self.env.user.has_group("bvk_student_crm.group_bvk_head")
            or self.env.user.has_group("bvk_student_crm.group_bvk_deputy_director")
        ):
            return
        Student = self.env["bvk.student"].sudo().with_context(active_test=False)
        for announcement in self:
            others = Student.search_count(
                expression.AND(
                    [
                        announcement._bvk_recipient_domain(),
                        [
                            "|",
                            ("group_id", "=", False),
                            ("group_id.coordinator_id", "!=", self.env.uid),
                        ],
                    ]
                )
            )
            if others:
                raise AccessError(
                    self.env._(
                        "A coordinator sends announcements to the students of "
                        "their own groups only: %(count)s students of "
                        "%(name)s are in other groups or in none.",
                        count=others,
                        name=announcement.name,
                    )
                )

    def _bvk_check_content(self):
        self.ensure_one()
        if not (self.send_email or self.send_sms):
            raise UserError(
                self.env._(
                    "The announcement %(name)s is sent neither by e-mail nor "
                    "by SMS: choose at least one.",
                    name=self.name,
                )
            )
        if self.send_email and (not self.subject or is_html_empty(self.body_html)):
            raise UserError(
                self.env._(
                    "The e-mail of the announcement %(name)s needs a subject "
                    "and a body.",
                    name=self.name,
                )
            )
        if self.send_sms and not (self.sms_body or "").strip():
            raise UserError(
                self.env._(
                    "The announcement %(name)s is sent by SMS but has no SMS text.",
                    name=self.name,
                )
            )
        if self.send_sms:
            # every language's text: an SMS of more than two parts costs
            # each of thousands of students as much again
            for code, _name in self.env["res.lang"].get_installed():
                text = self.with_context(lang=code).sms_body or ""
                if sms_parts(text) > MAX_SMS_PARTS:
                    raise UserError(
                        self.env._(
                            "The SMS of the announcement %(name)s (%(lang)s) has "
                            "%(length)s characters: it must fit in two SMS parts "
                            "(134 characters with Latvian letters, 306 without).",
                            name=self.name,
                            lang=code,
                            length=len(text),
                        )
                    )

    # ------------------------------------------------------------
    # RECIPIENTS
    # ------------------------------------------------------------

    def _bvk_recipient_domain(self):
        """The students this announcement is for (all of its company)."""
        self.ensure_one()
        domains = [[("company_id", "=", self.company_id.id)]]
        if self.program_ids:
            domains.append([("program_id", "in", self.program_ids.ids)])
        if self.group_ids:
            domains.append([("group_id", "in", self.group_ids.ids)])
        if self.course_year:
            domains.append([("course_year", "=", self.course_year)])
        if self.student_state:
            domains.append([("state", "=", self.student_state)])
        if self.filter_id:
            domains.append(self._bvk_filter_domain())
        if self.domain:
            domains.append(self._bvk_parse_domain(self.domain))
        domain = expression.AND(domains)
        if not self.env.su:
            # the students are searched as superuser (counts, sending): the
            # conditions may only use the fields the user may read
            self.env["bvk.student"].search_count(domain, limit=1)
        return domain

    def _bvk_parse_domain(self, text):
        """A domain written as a literal list (a saved filter, the selected
        students); anything else is refused with a clear message."""
        try:
            domain = ast.literal_eval(text or "[]")
            domain = expression.normalize_domain(domain)
            self.env["bvk.student"].sudo()._where_calc(domain)
        except (ValueError, SyntaxError, TypeError, KeyError, AssertionError) as error:
            raise UserError(
                self.env._(
                    "The filter of the announcement %(name)s is not valid "
                    "(%(domain)s): %(error)s",
                    name=self.name,
                    domain=text,
                    error=error,
                )
            ) from error
        return domain

    def _bvk_filter_domain(self):
        """The domain of the saved filter (which may use dates)."""
        try:
            domain = expression.normalize_domain(self.filter_id._get_eval_domain())
            self.env["bvk.student"].sudo()._where_calc(domain)
        except Exception as error:
            raise UserError(
                self.env._(
                    "The saved filter %(filter)s of the announcement %(name)s is "
                    "not valid: %(error)s",
                    filter=self.filter_id.name,
                    name=self.name,
                    error=error,
                )
            ) from error
        return domain

    def _bvk_search_students(self, limit=None, after=0):
        """The students (in id order, after the id ``after``) with what the
        sending needs of their contacts, as :class:`Recipient` tuples (read
        in one query: through the student, the contact fields are related
        fields computed record by record)."""
        Student = self.env["bvk.student"].sudo()
        domain = self._bvk_recipient_domain()
        if after:
            domain = expression.AND([domain, [("id", ">", after)]])
        query = Student._search(domain, order="id", limit=limit)
        # the fields of the search are flushed by execute_query
        Student.flush_model(["partner_id"])
        self.env["res.partner"].flush_model(
            ["email_normalized", "mobile", "country_id"]
        )
        rows = self.env.execute_query(
            SQL(
                """
                SELECT student.id, partner.id, partner.email_normalized,
                       partner.mobile, partner.country_id
                  FROM bvk_student student
                  JOIN res_partner partner ON partner.id = student.partner_id
                 WHERE student.id IN %s
                 ORDER BY student.id
                """,
                query.subselect(),
            )
        )
        return [Recipient(*row) for row in rows]

    def _bvk_blacklisted_emails(self, recipients):
        """The recipients' e-mails on the blacklist (none for a service
        message)."""
        if not self.send_email or self.kind in SERVICE_KINDS:
            return set()
        emails = [r.email for r in recipients if r.email]
        if not emails:
            return set()
        # the addresses are normalized already: one plain query (the
        # blacklist's search normalizes every value of the domain again)
        self.env["mail.blacklist"].flush_model(["email", "active"])
        rows = self.env.execute_query(
            SQL(
                "SELECT email FROM mail_blacklist WHERE active AND email = ANY(%s)",
                emails,
            )
        )
        return {email for [email] in rows}

    def _bvk_mobile_numbers(self, recipients):
        """``{student id: mobile number in E.164}`` of the recipients whose
        mobile number is valid."""
        if not self.send_sms:
            return {}
        default_country = self.company_id.country_id
        Country = self.env["res.country"]

        @functools.cache
        def sanitize(number, country_id):
            country = Country.browse(country_id) if country_id else default_country
            formatted = phone_validation.phone_format(
                number,
                country.code or None,
                country.phone_code or None,
                force_format="E164",
                raise_exception=False,
            )
            # without the phonenumbers library, phone_format returns the
            # number as typed: put it in E.164 form by hand
            digits = re.sub(r"[^\d+]", "", formatted or number)
            if digits.startswith("00"):
                digits = f"+{digits[2:]}"
            elif not digits.startswith("+") and country.phone_code:
                digits = f"+{country.phone_code}{digits.lstrip('0')}"
            return digits if len(digits) > 6 and digits.startswith("+") else False

        numbers = {}
        for recipient in recipients:
            if recipient.mobile:
                number = sanitize(recipient.mobile, recipient.country_id)
                if number:
                    numbers[recipient.id] = number
        return numbers

    def _bvk_opted_out_numbers(self, numbers):
        """The numbers that opted out of SMS (none for a service message)."""
        if not numbers or self.kind in SERVICE_KINDS:
            return set()
        self.env["phone.blacklist"].flush_model(["number", "active"])
        rows = self.env.execute_query(
            SQL(
                "SELECT number FROM phone_blacklist WHERE active AND number = ANY(%s)",
                list(set(numbers.values())),
            )
        )
        return {number for [number] in rows}

    def _bvk_classify(self, recipients):
        """Who gets what: ``{student id: (email, sms number)}`` for the
        students who get something, and the counts by channel and by reason
        of exclusion."""
        counts = dict.fromkeys(STATS_KEYS, 0)
        blacklist = self._bvk_blacklisted_emails(recipients)
        numbers = self._bvk_mobile_numbers(recipients)
        optout = self._bvk_opted_out_numbers(numbers)
        result = {}
        send_email, send_sms = self.send_email, self.send_sms
        for student in recipients:
            email = number = False
            if send_email:
                if not student.email:
                    counts["email_missing"] += 1
                elif student.email in blacklist:
                    counts["email_blacklisted"] += 1
                else:
                    email = True
                    counts["email"] += 1
            if send_sms:
                number = numbers.get(student.id, False)
                if not number:
                    counts["sms_missing"] += 1
                elif number in optout:
                    counts["sms_optout"] += 1
                    number = False
                else:
                    counts["sms"] += 1
            counts["matched"] += 1
            if email or number:
                counts["recipients"] += 1
                result[student.id] = (email, number)
            else:
                counts["excluded"] += 1
        return result, counts

    def _bvk_recipient_stats(self):
        """How many students match, will receive the announcement and are
        excluded, and why (before sending)."""
        self.ensure_one()
        _result, counts = self._bvk_classify(self._bvk_search_students())
        return counts

    # ------------------------------------------------------------
    # SENDING
    # ------------------------------------------------------------

    def _bvk_prepare_batch(self, limit=None):
        """Prepare the messages of the next batch of students (in id order,
        after ``last_student_id``): queued e-mails and SMS, and a line on
        each student's chatter. Return how many students are left; the
        announcement is sent when none are. The number of queries does not
        depend on the size of the batch."""
        self.ensure_one()
        limit = limit or self._bvk_batch_size
        recipients = self._bvk_search_students(limit=limit, after=self.last_student_id)
        if not recipients:
            self._bvk_write({"state": "sent"})
            return 0
        result, counts = self._bvk_classify(recipients)
        receiving = [r for r in recipients if r.id in result]
        if receiving:
            self._bvk_create_messages(receiving, result)
        stats = dict(self.stats or {})
        for key in STATS_KEYS:
            stats[key] = stats.get(key, 0) + counts[key]
        self._bvk_write({"stats": stats, "last_student_id": recipients[-1].id})
        remaining = len(self._bvk_search_students(limit=1, after=self.last_student_id))
        if not remaining:
            self._bvk_write({"state": "sent"})
            self.message_post(
                body=html2plaintext(self._bvk_summary(stats)),
                subtype_xmlid="mail.mt_note",
            )
        return remaining

    def _bvk_create_messages(self, recipients, result):
        """One chatter line per student (a note, its e-mail sent as that
        note), one queued ``mail.mail`` per e-mail and ``sms.sms`` per SMS."""
        ids = [r.id for r in recipients]
        partners = {r.id: r.partner_id for r in recipients}
        email_ids = [sid for sid in ids if result[sid][0]]
        sms_ids = [sid for sid in ids if result[sid][1]]
        subjects = bodies = sms_bodies = {}
        if email_ids:
            subjects = self._render_field("subject", email_ids, compute_lang=True)
            bodies = self._render_field(
                "body_html",
                email_ids,
                compute_lang=True,
                options={"post_process": True},
            )
        if sms_ids:
            sms_bodies = self._render_field("sms_body", sms_ids, compute_lang=True)
        Student = self.env["bvk.student"]
        author_id, email_from = Student._message_compute_author(raise_on_email=False)
        # the company's catchall: replies are routed to the student's
        # chatter by the message id they answer
        reply_to = Student._notify_get_reply_to(default=email_from)[False]
        note = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        labels = {
            (True, False): self.env._("e-mail"),
            (False, True): self.env._("SMS"),
            (True, True): self.env._("e-mail and SMS"),
        }
        kind = dict(self._fields["kind"]._description_selection(self.env))[self.kind]
        message_vals = []
        for student_id in ids:
            email, number = result[student_id]
            channels = labels[bool(email), bool(number)]
            message_vals.append(
                {
                    "model": "bvk.student",
                    "res_id": student_id,
                    "body": Markup("<p>%s</p>")
                    % self.env._(
                        "%(kind)s “%(name)s” sent by %(channels)s.",
                        kind=kind,
                        name=self.name,
                        channels=channels,
                    ),
                    "subject": subjects.get(student_id) or self.name,
                    "author_id": author_id,
                    "email_from": email_from,
                    "reply_to": reply_to,
                    "message_type": "notification",
                    "is_internal": True,
                    "subtype_id": note,
                    "email_add_signature": False,
                    "record_name": False,
                    "message_id": generate_tracking_message_id("message-notify"),
                }
            )
        messages = Student.sudo()._message_create(message_vals)
        by_student = dict(zip(ids, messages, strict=True))
        if email_ids:
            self.env["mail.mail"].sudo().create(
                [
                    {
                        "mail_message_id": by_student[sid].id,
                        "body_html": bodies[sid],
                        "recipient_ids": [Command.link(partners[sid])],
                        "auto_delete": True,
                        "is_notification": True,
                        "state": "outgoing",
                    }
                    for sid in email_ids
                ]
            )
        if sms_ids:
            self.env["sms.sms"].sudo().create(
                [
                    {
                        "number": result[sid][1],
                        "body": sms_bodies[sid],
                        "partner_id": partners[sid],
                        "mail_message_id": by_student[sid].id,
                        "state": "outgoing",
                        "to_delete": True,
                    }
                    for sid in sms_ids
                ]
            )

    @api.model
    def _cron_send_announcements(self):
        """Prepare the next batch of every announcement being sent; the cron
        runner commits after each call and calls again while ``remaining``
        is reported. Rerun after a crash, a batch is prepared once: the
        last student prepared is saved with the batch."""
        announcements = self.sudo().search([("state", "=", "sending")])
        done = remaining = 0
        for announcement in announcements:
            left = announcement._bvk_prepare_batch()
            done += 1
            remaining += left and 1
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    def _bvk_copy_template(self, keep=None):
        """Copy the template's subject and body in every installed language
        (the values typed with the template in ``keep`` stay in the
        user's language)."""
        self.ensure_one()
        keep = keep or {}
        template = self.template_id.sudo()
        current = self.env.lang or "en_US"
        for lang, _name in self.env["res.lang"].get_installed():
            vals = {}
            localized = template.with_context(lang=lang)
            for name in ("subject", "body_html"):
                if lang == current and keep.get(name):
                    continue
                vals[name] = localized[name]
            if vals:
                super(BvkAnnouncement, self.with_context(lang=lang)).write(vals)
        return True
