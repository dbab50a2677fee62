# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import functools
from collections import defaultdict

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.tools import format_amount, format_date
from odoo.tools.mail import generate_tracking_message_id

from ..lib import lv_format


class BvkReminder(models.Model):
    """One reminder sent to one student at one level of a policy.

    It lists the obligations (instalments, academic obligations) that reached
    the level together, is the record the e-mail and SMS templates render,
    and is the history of what was sent. Obligations keep the level they
    reached (``reminder_level``), so a level is never sent twice.
    """

    _name = "bvk.reminder"
    _description = "Reminder"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["student_id", "level_id"]

    # in the reader's language (a stored name kept the level's name in the
    # language of the run)
    name = fields.Char(compute="_compute_name")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    student_id = fields.Many2one(
        comodel_name="bvk.student",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    partner_id = fields.Many2one(related="student_id.partner_id", store=True)
    coordinator_id = fields.Many2one(related="student_id.coordinator_id")
    policy_id = fields.Many2one(
        comodel_name="bvk.reminder.policy", required=True, ondelete="restrict"
    )
    kind = fields.Selection(related="policy_id.kind", store=True)
    level_id = fields.Many2one(
        comodel_name="bvk.reminder.level", required=True, ondelete="restrict"
    )
    level = fields.Integer(string="Level No.", related="level_id.sequence", store=True)
    res_model = fields.Char(
        string="Document Model", help="Where the reminder is logged in the chatter."
    )
    res_id = fields.Many2oneReference(string="Document", model_field="res_model")
    line_ids = fields.One2many(
        comodel_name="bvk.reminder.line", inverse_name="reminder_id", string="Lines"
    )
    amount_total = fields.Monetary(
        string="Amount Due", compute="_compute_amount_total", store=True
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        default=lambda self: self.env.company.currency_id,
    )
    channel_codes = fields.Char(
        readonly=True, help="What was sent: email, sms, activity, head."
    )
    channel_summary = fields.Char(string="Channels", compute="_compute_channel_summary")
    manual = fields.Boolean(help="Sent by hand, not by the daily run.")
    # texts for the e-mail and SMS templates (and the lines of the chatter note
    # and activities), in the rendering language; plain field paths keep the
    # templates on the fast (regex) rendering path of mail.render.mixin
    # instead of compiling a QWeb template per reminder
    mail_lines_html = fields.Html(
        string="Lines (e-mail)", compute="_compute_mail_texts", sanitize=False
    )
    amount_due_text = fields.Char(
        string="Amount Due (text)", compute="_compute_mail_texts"
    )
    date_due_text = fields.Char(
        string="First Due Date (text)", compute="_compute_mail_texts"
    )
    course_codes = fields.Char(
        string="Study Courses (SMS)",
        compute="_compute_course_codes",
        help="The codes of the lines' study courses for the SMS, which has no "
        "room for their names: at most two, then “and others”.",
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

    @api.depends_context("lang")
    @api.depends("level_id.name", "student_id.name")
    def _compute_name(self):
        for reminder in self:
            reminder.name = f"{reminder.level_id.name} – {reminder.student_id.name}"

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for reminder in self:
            reminder.amount_total = sum(reminder.line_ids.mapped("amount"))

    @api.depends_context("lang")
    @api.depends("channel_codes")
    def _compute_channel_summary(self):
        labels = self._channel_labels()
        for reminder in self:
            codes = (reminder.channel_codes or "").split(",")
            reminder.channel_summary = ", ".join(
                labels[code] for code in codes if code in labels
            )

    @api.depends_context("lang")
    @api.depends("line_ids.amount", "line_ids.date_due", "amount_total")
    def _compute_mail_texts(self):
        lang = self.env.lang or "en_US"
        latvian = lang.startswith("lv")

        # a batch repeats the same few amounts and dates: format each once
        @functools.cache
        def amount_text(amount, currency):
            if latvian:
                # e-mails and SMS write "eiro" (LATVIAN_DOCUMENTS §3.2)
                name = "eiro" if currency.name == "EUR" else currency.name
                return lv_format.format_amount(amount, name)
            return format_amount(self.env, amount, currency)

        @functools.cache
        def date_text(date):
            if latvian:
                return lv_format.format_date_short(date)
            return format_date(self.env, date)

        for reminder in self:
            items = Markup("")
            for line in reminder.line_ids:
                if line.amount:
                    text = self.env._(
                        "%(name)s, due %(date)s: %(amount)s",
                        name=line.name,
                        date=date_text(line.date_due),
                        amount=amount_text(line.amount, reminder.currency_id),
                    )
                else:
                    text = self.env._(
                        "%(name)s, due %(date)s",
                        name=line.name,
                        date=date_text(line.date_due),
                    )
                items += Markup("<li>%s</li>") % text
            reminder.mail_lines_html = Markup("<ul>%s</ul>") % items
            reminder.amount_due_text = amount_text(
                reminder.amount_total, reminder.currency_id
            )
            dates = [date for date in reminder.line_ids.mapped("date_due") if date]
            reminder.date_due_text = date_text(min(dates)) if dates else ""

    @api.depends_context("lang")
    @api.depends("line_ids.res_model", "line_ids.res_id")
    def _compute_course_codes(self):
        # one read per obligation model for the whole batch
        codes = {}
        for res_model, lines in self.line_ids.grouped("res_model").items():
            if res_model not in self.env or "course_id" not in self.env[res_model]:
                continue
            records = self.env[res_model].sudo().browse(lines.mapped("res_id"))
            codes.update(
                ((res_model, record.id), record.course_id.code)
                for record in records.exists()
            )
        for reminder in self:
            found = []
            for line in reminder.line_ids:
                code = codes.get((line.res_model, line.res_id))
                if code and code not in found:
                    found.append(code)
            text = ", ".join(found[:2])
            if len(found) > 2:
                text = self.env._("%(codes)s and others", codes=text)
            reminder.course_codes = text

    def _channel_labels(self):
        return {
            "email": self.env._("e-mail"),
            "sms": self.env._("SMS"),
            "activity": self.env._("activity for the coordinator"),
            "head": self.env._("SSC head notified"),
        }

    # ------------------------------------------------------------
    # MAIL / SMS
    # ------------------------------------------------------------

    def mail_allowed_qweb_expressions(self):
        return (
            *super().mail_allowed_qweb_expressions(),
            "object.partner_id.id",
            "object.student_id.name",
            "object.student_id.lang",
            "object.company_id.name",
            "object.company_id.bvk_short_name",
            "object.level_id.name",
            "object.mail_lines_html",
            "object.amount_due_text",
            "object.date_due_text",
            "object.course_codes",
        )

    def _mail_get_partner_fields(self, introspect_fields=False):
        return ["partner_id"]

    def _phone_get_number_fields(self):
        return ["partner_id.phone", "partner_id.mobile"]

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _send(self):
        """Send the reminders in batch: e-mails and SMS are queued (sent by the
        mail and SMS queues, so a rollback sends nothing), activities are
        scheduled, and a note is logged on each document; the e-mail of a
        reminder goes out as that note (one message, not two)."""
        activity_vals = []
        emails = {}
        codes = defaultdict(list)
        for level, reminders in self.grouped("level_id").items():
            if level.send_email and level.mail_template_id:
                with_email = reminders.filtered("partner_id.email")
                if with_email:
                    emails.update(with_email._render_emails(level.mail_template_id))
                    for reminder in with_email:
                        codes[reminder].append("email")
            channels = []
            if level.send_sms and level.sms_template_id:
                reminders._message_sms_schedule_mass(
                    template=level.sms_template_id,
                    mass_keep_log=False,
                    # a service message: sent to opted-out numbers too
                    mass_use_blacklist=False,
                )
                channels.append("sms")
            if level.activity_type_id:
                activity_vals += reminders._prepare_activity_vals(
                    level.activity_type_id, "coordinator"
                )
                channels.append("activity")
            if level.notify_head:
                activity_vals += reminders._prepare_activity_vals(
                    self.env.ref("mail.mail_activity_data_todo"), "head"
                )
                channels.append("head")
            for reminder in reminders:
                codes[reminder] += channels
        # one write per combination of channels, not per reminder
        by_codes = defaultdict(lambda: self.browse())
        for reminder, reminder_codes in codes.items():
            by_codes[",".join(reminder_codes)] |= reminder
        for channel_codes, reminders in by_codes.items():
            reminders.channel_codes = channel_codes
        # mail.activity.create subscribes the assignee to the student; the same
        # (student, user) twice in one create violates the followers' unique
        # key, so such activities go into separate create calls
        rounds = []
        for vals in activity_vals:
            key = (vals["res_id"], vals["user_id"])
            for round_vals, keys in rounds:
                if key not in keys:
                    round_vals.append(vals)
                    keys.add(key)
                    break
            else:
                rounds.append(([vals], {key}))
        for round_vals, _keys in rounds:
            self.env["mail.activity"].sudo().create(round_vals)
        messages = self._log_on_documents(emails)
        self._queue_emails(emails, messages)

    def _bvk_render_preview(self):
        """The e-mail and SMS of this reminder as its student gets them (in
        the student's language), and the channels it goes through, for a
        preview before sending: it works on a new, unsaved reminder too.
        ``{"channels", "email_to", "subject", "body_html", "sms_body"}``,
        False for what is not sent."""
        self.ensure_one()
        level = self.level_id
        preview = {
            "email_to": False,
            "subject": False,
            "body_html": False,
            "sms_body": False,
        }
        codes = []
        if level.send_email and level.mail_template_id and self.partner_id.email:
            template = level.mail_template_id
            preview.update(
                email_to=self.partner_id.email,
                subject=template._render_field("subject", [self.id], compute_lang=True)[
                    self.id
                ],
                body_html=template._render_field(
                    "body_html",
                    [self.id],
                    compute_lang=True,
                    options={"post_process": True},
                )[self.id],
            )
            codes.append("email")
        if level.send_sms and level.sms_template_id:
            preview["sms_body"] = level.sms_template_id._render_field(
                "body", [self.id], compute_lang=True
            )[self.id]
            codes.append("sms")
        if level.activity_type_id:
            codes.append("activity")
        if level.notify_head:
            codes.append("head")
        labels = self._channel_labels()
        preview["channels"] = ", ".join(labels[code] for code in codes)
        return preview

    def _render_emails(self, template):
        """Render ``template`` for the reminders in ``self`` (each in its
        student's language): ``{reminder id: values}``."""
        values = template._generate_template(
            self.ids,
            (
                "body_html",
                "email_cc",
                "email_from",
                "email_to",
                "mail_server_id",
                "partner_to",
                "reply_to",
                "scheduled_date",
                "subject",
            ),
        )
        for reminder_values in values.values():
            reminder_values["auto_delete"] = template.auto_delete
        return values

    def _queue_emails(self, emails, messages):
        """Queue the rendered e-mails as the notes logged on the documents:
        one ``mail.mail`` each, whose body is sent while the note's body
        stays the log (the mail queue keeps the delivery status)."""
        mail_vals = []
        for reminder in self:
            values = emails.get(reminder.id)
            if not values:
                continue
            partner_ids = values.get("partner_ids") or []
            mail_vals.append(
                {
                    "mail_message_id": messages[reminder.id].id,
                    "body_html": values["body_html"],
                    "email_to": values.get("email_to") or False,
                    "email_cc": values.get("email_cc") or False,
                    "recipient_ids": [Command.link(pid) for pid in partner_ids],
                    "scheduled_date": values.get("scheduled_date") or False,
                    "auto_delete": values["auto_delete"],
                    "is_notification": True,
                    "state": "outgoing",
                }
            )
        if not mail_vals:
            return self.env["mail.mail"]
        return self.env["mail.mail"].sudo().create(mail_vals)

    def _prepare_activity_vals(self, activity_type, who):
        student_model = self.env["ir.model"]._get_id("bvk.student")
        vals_list = []
        for reminder in self:
            user = (
                reminder.company_id.bvk_ssc_head_id
                if who == "head"
                else reminder.student_id.coordinator_id
            )
            vals_list.append(
                {
                    "res_model_id": student_model,
                    "res_id": reminder.student_id.id,
                    "activity_type_id": activity_type.id,
                    "user_id": (user or self.env.user).id,
                    "summary": reminder.name,
                    "note": reminder.mail_lines_html,
                    "date_deadline": reminder.date,
                }
            )
        return vals_list

    def _log_on_documents(self, emails=None):
        """Log a note per reminder on its document's chatter (the reminder's
        own when it has none): level, channels and lines; with the subject
        and sender of its e-mail when it has one. Return
        ``{reminder id: message}``."""
        emails = emails or {}
        note = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        messages = {}
        for res_model, reminders in self.grouped(
            lambda r: r.res_model if r.res_model and r.res_id else self._name
        ).items():
            Document = self.env[res_model]
            author_id, email_from = Document._message_compute_author(
                raise_on_email=False
            )
            default_reply_to = Document._notify_get_reply_to(default=email_from)[False]
            vals_list = []
            for reminder in reminders:
                res_id = reminder.res_id if res_model != self._name else reminder.id
                values = emails.get(reminder.id, {})
                vals_list.append(
                    {
                        "model": res_model,
                        "res_id": res_id,
                        "body": Markup("<p><b>%s</b> (%s)</p>%s")
                        % (
                            reminder.level_id.name,
                            reminder.channel_summary or "-",
                            reminder.mail_lines_html,
                        ),
                        "subject": values.get("subject") or False,
                        "author_id": author_id,
                        "email_from": values.get("email_from") or email_from,
                        "reply_to": values.get("reply_to") or default_reply_to,
                        "mail_server_id": values.get("mail_server_id") or False,
                        "message_type": "notification",
                        "is_internal": True,
                        "subtype_id": note,
                        "email_add_signature": False,
                        "record_name": False,
                        "message_id": generate_tracking_message_id("message-notify"),
                    }
                )
            created = Document.sudo()._message_create(vals_list)
            messages.update(zip(reminders.ids, created, strict=True))
        return messages
