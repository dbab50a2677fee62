# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date, html2plaintext

from ..lib import lv_format

START_MISSING = [
    ("instructions", "The programme has no IS and LMS instructions"),
    ("first_day", "The group has no first study day"),
    ("place", "The first study day has no room or online link"),
    ("plan", "The group has no plan of the first study day"),
    ("schedule", "The group has no study schedule"),
]


class BvkStudentGroup(models.Model):
    """Step 2 (the first study day of the group and what its students get
    before it) and step 3 (the group as a channel to its students)."""

    _inherit = "bvk.student.group"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    first_day_date = fields.Date(string="First Study Day", tracking=True, index=True)
    first_day_time = fields.Float(
        string="Starts At", help="Time of the first study day, e.g. 09:00."
    )
    first_day_room = fields.Char(string="Room", help="Where the first day takes place.")
    first_day_url = fields.Char(
        string="Online Link", help="The link to join the first day online."
    )
    first_day_plan = fields.Html(
        string="Plan of the First Study Day",
        translate=True,
        help="The programme of the first study day, sent in the start-of-studies "
        "e-mail.",
    )
    first_day_attachment_ids = fields.Many2many(
        comodel_name="ir.attachment",
        relation="bvk_student_group_first_day_attachment_rel",
        column1="group_id",
        column2="attachment_id",
        string="First Day Files",
    )
    start_schedule_id = fields.Many2one(
        comodel_name="bvk.study.schedule",
        string="Semester Study Schedule",
        check_company=True,
        domain="[('group_id', '=', id)]",
        help="Sent in the start-of-studies e-mail as a table. Without one, "
        "attach the schedule or give its link.",
    )
    start_schedule_attachment_ids = fields.Many2many(
        comodel_name="ir.attachment",
        relation="bvk_student_group_schedule_attachment_rel",
        column1="group_id",
        column2="attachment_id",
        string="Schedule Files",
    )
    start_schedule_url = fields.Char(string="Schedule Link")
    start_missing = fields.Selection(
        selection=START_MISSING,
        string="Start-of-Studies E-mail Blocked",
        compute="_compute_start_missing",
        store=True,
        help="What the start-of-studies e-mail still needs; empty when it can be sent.",
    )
    start_send_date = fields.Date(
        string="Start-of-Studies E-mail On",
        compute="_compute_start_send_date",
        help="The day the daily job sends the start-of-studies e-mail.",
    )
    start_notice_ids = fields.One2many(
        comodel_name="bvk.start.notice",
        inverse_name="group_id",
        string="Start-of-Studies E-mails",
        groups="bvk_student_crm.group_bvk_coordinator",
    )
    start_notice_count = fields.Integer(
        string="Informed Students",
        compute="_compute_start_notice_count",
        groups="bvk_student_crm.group_bvk_coordinator",
    )
    first_day_text = fields.Char(
        string="First Day (text)",
        compute="_compute_start_texts",
        help="Date and time of the first study day as the reader writes them.",
    )
    start_schedule_html = fields.Html(
        string="Schedule (e-mail)", compute="_compute_start_texts", sanitize=False
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends(
        "program_id.has_start_instructions",
        "first_day_date",
        "first_day_room",
        "first_day_url",
        "first_day_plan",
        "start_schedule_id",
        "start_schedule_attachment_ids",
        "start_schedule_url",
    )
    def _compute_start_missing(self):
        for group in self:
            group.start_missing = group._bvk_start_missing()

    def _bvk_start_missing(self):
        self.ensure_one()
        if not self.program_id.has_start_instructions:
            return "instructions"
        if not self.first_day_date:
            return "first_day"
        if not (self.first_day_room or self.first_day_url):
            return "place"
        if not html2plaintext(self.first_day_plan or "").strip():
            return "plan"
        if not (
            self.start_schedule_id
            or self.start_schedule_attachment_ids
            or self.start_schedule_url
        ):
            return "schedule"
        return False

    @api.depends("first_day_date", "company_id.bvk_start_notice_days")
    def _compute_start_send_date(self):
        for group in self:
            group.start_send_date = group.first_day_date and (
                group.first_day_date
                - timedelta(days=group.company_id.bvk_start_notice_days)
            )

    def _compute_start_notice_count(self):
        counts = dict(
            self.env["bvk.start.notice"]._read_group(
                [("group_id", "in", self.ids)], ["group_id"], ["__count"]
            )
        )
        for group in self:
            group.start_notice_count = counts.get(group, 0)

    @api.depends_context("lang")
    @api.depends(
        "first_day_date",
        "first_day_time",
        "start_schedule_id.offering_ids",
    )
    def _compute_start_texts(self):
        latvian = (self.env.lang or "").startswith("lv")
        for group in self:
            text = ""
            if group.first_day_date:
                if latvian:
                    text = lv_format.format_date(group.first_day_date, "locative")
                else:
                    text = format_date(
                        self.env, group.first_day_date, date_format="long"
                    )
                if group.first_day_time:
                    hours, minutes = divmod(round(group.first_day_time * 60), 60)
                    # Latvian writes "plkst. 9.30"
                    clock = (
                        f"{hours}.{minutes:02d}"
                        if latvian
                        else f"{hours:02d}:{minutes:02d}"
                    )
                    text = self.env._("%(date)s at %(time)s", date=text, time=clock)
            group.first_day_text = text
            group.start_schedule_html = group._bvk_schedule_table(latvian)

    def _bvk_schedule_table(self, latvian):
        """The courses of the group's schedule as an e-mail table."""
        self.ensure_one()
        offerings = self.sudo().start_schedule_id.offering_ids
        if not offerings:
            return False

        def short(day):
            if not day:
                return ""
            if latvian:
                return lv_format.format_date_short(day)
            return format_date(self.env, day)

        cell = Markup('<td style="padding: 2px 8px; border: 1px solid #ccc;">%s</td>')
        head = Markup(
            '<th style="padding: 2px 8px; border: 1px solid #ccc; '
            'text-align: left;">%s</th>'
        )
        rows = Markup("").join(
            Markup("<tr>%s</tr>")
            % Markup("").join(
                (
                    cell % offering.course_id.name,
                    cell % short(offering.date_start),
                    cell % short(offering.date_end),
                    cell % short(offering.date_assessment),
                    cell % (offering.lecturer_id.name or ""),
                )
            )
            for offering in offerings.sorted(
                lambda o: (
                    o.date_start or o.date_assessment or fields.Date.today(),
                    o.id,
                )
            )
        )
        header = Markup("").join(
            head % label
            for label in (
                self.env._("Study course"),
                self.env._("From"),
                self.env._("To"),
                self.env._("Assessment"),
                self.env._("Lecturer"),
            )
        )
        return Markup(
            '<table style="border-collapse: collapse;"><tr>%s</tr>%s</table>'
        ) % (header, rows)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_start_status(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bvk_student_crm.bvk_start_status_action"
        )
        action["domain"] = [("group_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_message_group(self):
        self.ensure_one()
        self._bvk_check_can_message()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Message the Group"),
            "res_model": "bvk.student.group.message",
            "view_mode": "form",
            "target": "new",
            "context": {"default_group_id": self.id},
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _bvk_upcoming_start_domain(self, today):
        """The groups whose studies start (search as superuser): a first day
        from ``today`` on or, without a first day yet, a study contract of
        one of their students that starts from ``today`` on."""
        return [
            "|",
            ("first_day_date", ">=", today),
            "&",
            ("first_day_date", "=", False),
            (
                "student_ids",
                "any",
                [
                    (
                        "contract_ids",
                        "any",
                        [
                            ("state", "in", ("draft", "signed", "active")),
                            ("date_start", ">=", today),
                        ],
                    )
                ],
            ),
        ]

    def _bvk_start_problem_text(self):
        """Why the group's students get no start-of-studies e-mail, or ''."""
        self.ensure_one()
        if not self.start_missing:
            return ""
        labels = dict(self._fields["start_missing"]._description_selection(self.env))
        return self.env._(
            "%(group)s: %(problem)s.",
            group=self.code,
            problem=labels[self.start_missing],
        )

    def _bvk_start_attachments(self):
        """What the start-of-studies e-mail attaches: the programme's
        instructions, the schedule and the first day's files."""
        self.ensure_one()
        group = self.sudo()
        return (
            group.program_id.start_attachment_ids
            | group.start_schedule_attachment_ids
            | group.first_day_attachment_ids
        )

    def _bvk_coordinator_photo_url(self):
        """A public URL of the coordinator's photo for the e-mail (the
        students read it outside Odoo), or ''."""
        self.ensure_one()
        user = self.sudo().coordinator_id
        if not user or not user.image_128:
            return ""
        Attachment = self.env["ir.attachment"].sudo()
        raw = base64.b64decode(user.image_128)
        checksum = Attachment._compute_checksum(raw)
        name = f"bvk_coordinator_photo_{user.id}.png"
        domain = [
            ("res_model", "=", "res.users"),
            ("res_id", "=", user.id),
            ("name", "=", name),
        ]
        photo = Attachment.search([*domain, ("checksum", "=", checksum)], limit=1)
        if not photo:
            Attachment.search(domain).unlink()
            photo = Attachment.create(
                {
                    "name": name,
                    "raw": raw,
                    "res_model": "res.users",
                    "res_id": user.id,
                    "public": True,
                }
            )
        return f"{self.get_base_url()}/web/image/{photo.id}"

    def _bvk_check_can_message(self):
        """The SSC messages any group; lecturers the groups they teach."""
        user = self.env.user
        if self.env.su or user.has_group("bvk_student_crm.group_bvk_coordinator"):
            return
        for group in self:
            if user not in group.lecturer_ids and user != group.coordinator_id:
                raise AccessError(
                    self.env._(
                        "Only the Study Support Centre and the group's lecturers "
                        "message the group %(group)s.",
                        group=group.code,
                    )
                )

    def _bvk_message_recipients(self):
        """Who a group message reaches: the students of the group who study
        (or are about to), and the group elder."""
        self.ensure_one()
        students = (
            self.env["bvk.student"]
            .sudo()
            .search(
                [
                    ("group_id", "=", self.id),
                    ("state", "in", ("applicant", "active")),
                ]
            )
        )
        return students | self.sudo().elder_id

    def _bvk_message_group(self, subject, body, attachments=None):
        """Step 3: e-mail ``body`` to the students of the group (the elder
        too), logged on the group; replies come back to its chatter."""
        self.ensure_one()
        self._bvk_check_can_message()
        self.check_access("read")
        if not html2plaintext(body or "").strip():
            raise UserError(self.env._("Write the message to the group first."))
        students = self._bvk_message_recipients()
        partners = students.partner_id.filtered("email")
        if not partners:
            raise UserError(
                self.env._(
                    "No student of the group %(group)s has an e-mail address.",
                    group=self.code,
                )
            )
        attachments = attachments or self.env["ir.attachment"]
        attachments.sudo().write({"res_model": self._name, "res_id": self.id})
        author = self.env.user.partner_id
        return self.sudo().message_post(
            subject=subject,
            body=body,
            author_id=author.id,
            partner_ids=partners.ids,
            attachment_ids=attachments.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
