# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.mail import generate_tracking_message_id

_logger = logging.getLogger(__name__)

# a batch of the daily job: the cron runner commits after each call
BATCH_SIZE = 200
# a contract starting up to this many days before the group's first day
# starts with the group (the semester may start before the first day)
START_WINDOW = 30

# the students who get the start-of-studies e-mail of their group today: a
# signed (or active) contract that starts with the group (not a continuing
# student's, which started more than START_WINDOW days before the first
# day), an e-mail address, the group's data complete,
# the sending day reached, not informed yet (the daily job adds: the first
# day not passed; at signing it may have)
CANDIDATES_SQL = """
    FROM bvk_student s
    JOIN bvk_student_group g ON g.id = s.group_id
    JOIN res_company c ON c.id = g.company_id
    JOIN res_partner p ON p.id = s.partner_id
    WHERE s.active AND g.active
      AND s.state IN ('applicant', 'active')
      AND g.first_day_date IS NOT NULL
      AND g.start_missing IS NULL
      AND g.first_day_date - COALESCE(c.bvk_start_notice_days, 0) <= %(today)s
      AND COALESCE(p.email, '') != ''
      AND EXISTS (
          SELECT 1 FROM bvk_study_contract k
          WHERE k.student_id = s.id AND k.state IN ('signed', 'active')
            AND k.date_start >= g.first_day_date - %(window)s
      )
      AND NOT EXISTS (
          SELECT 1 FROM bvk_start_notice n
          WHERE n.student_id = s.id AND n.group_id = g.id
      )
"""


class BvkStartNotice(models.Model):
    """The start-of-studies e-mail (step 2) of one student and group.

    The row is the proof it was sent: a unique key on (student, group)
    makes a second one impossible, whoever sends it (the daily job run
    twice, on two servers, after a crash, or the signing of a contract).
    The row and the queued e-mail are committed together, so a crash
    before the commit sends nothing and the re-run sends it once. Sending
    it again by hand counts on the same row.
    """

    _name = "bvk.start.notice"
    _description = "Start-of-Studies E-mail"
    _order = "date_sent desc, id desc"
    _check_company_auto = True
    _rec_name = "student_id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    student_id = fields.Many2one(
        comodel_name="bvk.student",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    group_id = fields.Many2one(
        comodel_name="bvk.student.group",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    program_id = fields.Many2one(related="group_id.program_id", store=True)
    partner_id = fields.Many2one(related="student_id.partner_id")
    coordinator_id = fields.Many2one(related="group_id.coordinator_id")
    origin = fields.Selection(
        selection=[
            ("job", "Daily job"),
            ("signing", "Contract signing"),
            ("manual", "By hand"),
        ],
        required=True,
        default="job",
        help="What sent the e-mail the first time.",
    )
    date_sent = fields.Datetime(string="Last Sent", readonly=True)
    send_count = fields.Integer(string="Times Sent", readonly=True, default=0)
    coordinator_photo_url = fields.Char(readonly=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    _sql_constraints = [
        (
            "student_group_uniq",
            "unique(student_id, group_id)",
            "A student gets the start-of-studies e-mail of a group once; send "
            "it again from the existing record.",
        ),
    ]

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_resend(self):
        """Send the e-mail again by hand (the SSC), logged on the student."""
        self._bvk_check_ssc()
        self.check_access("read")
        for notice in self:
            problem = notice._bvk_problem()
            if problem:
                raise UserError(problem)
        self.sudo()._bvk_send()
        return True

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _bvk_check_ssc(self):
        if self.env.su or self.env.user.has_group(
            "bvk_student_crm.group_bvk_coordinator"
        ):
            return
        raise AccessError(
            self.env._("Only the Study Support Centre sends start-of-studies e-mails.")
        )

    def _bvk_problem(self):
        """What prevents sending to this student now, or ''."""
        self.ensure_one()
        return self.student_id._bvk_start_problem(self.group_id)

    @api.model
    def _bvk_create_notices(self, pairs, origin="job"):
        """Create the notices of ``pairs`` [(student id, group id, company
        id)] that do not exist yet, and return those created: a pair
        another transaction created meanwhile is skipped (it waits for that
        transaction, then finds the key taken)."""
        if not pairs:
            return self.browse()
        groups = self.env["bvk.student.group"].sudo().browse({g for _s, g, _c in pairs})
        photos = {group.id: group._bvk_coordinator_photo_url() for group in groups}
        uid = self.env.uid
        programs = {group.id: group.program_id.id for group in groups}
        values = [
            (
                student,
                group,
                programs[group],
                company,
                origin,
                photos[group] or None,
                uid,
                uid,
            )
            for student, group, company in pairs
        ]
        self.flush_model()
        placeholders = ", ".join(
            [
                "(%s, %s, %s, %s, %s, 0, %s, now() at time zone 'UTC', "
                "now() at time zone 'UTC', %s, %s)"
            ]
            * len(values)
        )
        self.env.cr.execute(
            f"""
            INSERT INTO bvk_start_notice (student_id, group_id, program_id,
                company_id, origin,
                send_count, coordinator_photo_url, create_date, write_date,
                create_uid, write_uid)
            VALUES {placeholders}
            ON CONFLICT (student_id, group_id) DO NOTHING
            RETURNING id
            """,  # noqa: S608 (only placeholders are formatted in)
            [value for row in values for value in row],
        )
        return self.browse(sorted(row[0] for row in self.env.cr.fetchall()))

    def _bvk_send(self):
        """Render and queue the e-mails of the notices in ``self`` (each in
        its student's language, with the programme's and group's files),
        logged on the students' chatter, and count the sending."""
        if not self:
            return
        template = self.env.ref("bvk_student_crm.mail_template_start_of_studies")
        values = template._generate_template(
            self.ids,
            ("body_html", "email_from", "reply_to", "subject", "mail_server_id"),
        )
        Student = self.env["bvk.student"].sudo()
        author_id, email_from = Student._message_compute_author(raise_on_email=False)
        reply_to = Student.browse(self.student_id.ids)._notify_get_reply_to(
            default=email_from
        )
        note = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        attachments = {group: group._bvk_start_attachments() for group in self.group_id}
        vals_list = []
        for notice in self:
            rendered = values[notice.id]
            vals_list.append(
                {
                    "model": "bvk.student",
                    "res_id": notice.student_id.id,
                    "body": rendered["body_html"],
                    "subject": rendered["subject"],
                    "author_id": author_id,
                    "email_from": rendered.get("email_from") or email_from,
                    "reply_to": rendered.get("reply_to")
                    or reply_to.get(notice.student_id.id),
                    "mail_server_id": rendered.get("mail_server_id") or False,
                    "message_type": "comment",
                    "is_internal": True,
                    "subtype_id": note,
                    "email_add_signature": False,
                    "record_name": False,
                    "attachment_ids": [Command.set(attachments[notice.group_id].ids)],
                    "message_id": generate_tracking_message_id("message-notify"),
                }
            )
        messages = Student._message_create(vals_list)
        self.env["mail.mail"].sudo().create(
            [
                {
                    "mail_message_id": message.id,
                    "body_html": values[notice.id]["body_html"],
                    "recipient_ids": [Command.link(notice.partner_id.id)],
                    "auto_delete": False,
                    "is_notification": True,
                    "state": "outgoing",
                }
                for notice, message in zip(self, messages, strict=True)
            ]
        )
        now = fields.Datetime.now()
        self.flush_recordset()
        self.env.cr.execute(
            """
            UPDATE bvk_start_notice
            SET send_count = send_count + 1, date_sent = %s, write_date = %s,
                write_uid = %s
            WHERE id IN %s
            """,
            [now, now, self.env.uid, tuple(self.ids)],
        )
        self.invalidate_recordset(
            ["send_count", "date_sent", "write_date", "write_uid"]
        )

    @api.model
    def _bvk_candidates(
        self, today, limit=None, student_ids=None, include_started=False
    ):
        """[(student id, group id, company id)] due for the e-mail today."""
        query = f"SELECT s.id, g.id, g.company_id {CANDIDATES_SQL}"  # noqa: S608
        params = {"today": today, "window": START_WINDOW}
        if not include_started:
            query += " AND g.first_day_date >= %(today)s"
        if student_ids is not None:
            query += " AND s.id IN %(students)s"
            params["students"] = tuple(student_ids) or (0,)
        query += " ORDER BY s.id"
        if limit:
            query += " LIMIT %(limit)s"
            params["limit"] = limit
        self.env["bvk.student"].flush_model()
        self.env["bvk.student.group"].flush_model()
        self.env["bvk.study.contract"].flush_model(["state", "student_id"])
        self.env["res.company"].flush_model(["bvk_start_notice_days"])
        self.env["res.partner"].flush_model(["email"])
        self.flush_model()
        self.env.cr.execute(query, params)
        return self.env.cr.fetchall()

    @api.model
    def _bvk_count_candidates(self, today):
        self.env.cr.execute(
            f"SELECT count(*) {CANDIDATES_SQL} AND g.first_day_date >= %(today)s",  # noqa: S608
            {"today": today, "window": START_WINDOW},
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _bvk_send_batch(self, today=None, limit=BATCH_SIZE):
        """One batch of the daily job: ``(sent, remaining)``."""
        today = today or fields.Date.context_today(self)
        pairs = self._bvk_candidates(today, limit=limit)
        notices = self.sudo()._bvk_create_notices(pairs, origin="job")
        notices._bvk_send()
        remaining = self._bvk_count_candidates(today) if len(pairs) == limit else 0
        if not remaining:
            self._bvk_log_blocked_groups(today)
        return len(notices), remaining

    @api.model
    def _bvk_send_all(self, today=None, limit=BATCH_SIZE):
        """Every batch due today (tests, the demo data)."""
        total = 0
        while True:
            sent, remaining = self._bvk_send_batch(today=today, limit=limit)
            total += sent
            if not remaining:
                return total

    @api.model
    def _bvk_blocked_groups(self, today):
        """The groups whose e-mail is due but data are missing."""
        Group = self.env["bvk.student.group"].sudo()
        groups = Group.search(
            [("start_missing", "!=", False), *Group._bvk_upcoming_start_domain(today)]
        )
        return groups.filtered(
            lambda g: not g.first_day_date or g.start_send_date <= today
        )

    @api.model
    def _bvk_log_blocked_groups(self, today):
        for group in self._bvk_blocked_groups(today).filtered("student_ids"):
            _logger.warning(
                "Start-of-studies e-mails not sent: %s",
                group.with_context(lang="en_US")._bvk_start_problem_text(),
            )

    @api.model
    def _cron_bvk_send_start_notices(self):
        """Daily job: one batch per call; the cron runner commits after each
        call and calls again while ``remaining`` is reported."""
        sent, remaining = self._bvk_send_batch()
        self.env["ir.cron"]._notify_progress(done=sent, remaining=remaining)
