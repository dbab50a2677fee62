# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from .bvk_student import CONTRACT_GROUPS

# the contact log's meetings booked in the calendar (step 3)
MEETING_TYPES = (
    "bvk_student_crm.mail_activity_type_contact_meeting",
    "bvk_student_crm.mail_activity_type_contact_consultation",
    "bvk_student_crm.mail_activity_type_contact_remote_consultation",
    "bvk_student_crm.mail_activity_type_contact_group_discussion",
)


class BvkStudent(models.Model):
    """Step 2 (the start-of-studies e-mail of the student) and step 3 (the
    contact log: meetings and consultations in the calendar; the
    coordinator's "My students")."""

    _inherit = "bvk.student"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    start_notice_ids = fields.One2many(
        comodel_name="bvk.start.notice",
        inverse_name="student_id",
        string="Start-of-Studies E-mails",
        groups="bvk_student_crm.group_bvk_coordinator",
    )
    meeting_ids = fields.One2many(
        comodel_name="calendar.event",
        compute="_compute_meeting_ids",
        string="Meetings",
    )
    meeting_count = fields.Integer(compute="_compute_meeting_ids")
    has_overdue_payment = fields.Boolean(
        string="Overdue Payments",
        compute="_compute_has_overdue_payment",
        search="_search_has_overdue_payment",
        groups=CONTRACT_GROUPS,
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    def _compute_meeting_ids(self):
        events = self.env["calendar.event"].search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)],
            order="start desc",
        )
        by_student = events.grouped("res_id")
        for student in self:
            student.meeting_ids = by_student.get(student.id, events.browse())
            student.meeting_count = len(student.meeting_ids)

    def _compute_has_overdue_payment(self):
        for student in self:
            student.has_overdue_payment = bool(student.payment_amount_overdue)

    @api.model
    def _search_has_overdue_payment(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on overdue payments."))
        query = self.env["bvk.payment.installment"]._search([("state", "=", "overdue")])
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", query.subselect("student_id"))]

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_send_start_notice(self):
        """Send (or send again) the start-of-studies e-mail by hand."""
        self.ensure_one()
        self.env["bvk.start.notice"]._bvk_check_ssc()
        self.check_access("write")
        problem = self._bvk_start_problem(self.group_id)
        if problem:
            raise UserError(problem)
        Notice = self.env["bvk.start.notice"].sudo()
        notice = Notice.search(
            [("student_id", "=", self.id), ("group_id", "=", self.group_id.id)]
        ) or Notice._bvk_create_notices(
            [(self.id, self.group_id.id, self.company_id.id)], origin="manual"
        )
        notice._bvk_send()
        return True

    def action_book_meeting(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Book a Meeting"),
            "res_model": "bvk.student.meeting.book",
            "view_mode": "form",
            "target": "new",
            "context": {"default_student_id": self.id},
        }

    def action_view_meetings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "calendar.action_calendar_event"
        )
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["context"] = {
            "default_res_model_id": self.env["ir.model"]._get_id(self._name),
            "default_res_id": self.id,
            "default_partner_ids": [
                Command.set((self.partner_id | self.env.user.partner_id).ids)
            ],
            "default_name": self.name,
        }
        return action

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _bvk_start_problem(self, group):
        """Why the student cannot get the start-of-studies e-mail of
        ``group`` now, or ''."""
        self.ensure_one()
        if not group:
            return self.env._("%(student)s is in no group.", student=self.name)
        problem = group.sudo()._bvk_start_problem_text()
        if problem:
            return problem
        contracts = self.sudo().contract_ids
        if not contracts.filtered(lambda c: c.state in ("signed", "active")):
            return self.env._(
                "%(student)s has no signed study contract.", student=self.name
            )
        if not self.email:
            return self.env._("%(student)s has no e-mail address.", student=self.name)
        return ""

    def _bvk_send_start_notices_if_due(self):
        """At signing: the students whose group's e-mail day has come get
        it now (once)."""
        today = fields.Date.context_today(self)
        Notice = self.env["bvk.start.notice"].sudo()
        pairs = Notice._bvk_candidates(
            today, student_ids=self.ids, include_started=True
        )
        notices = Notice._bvk_create_notices(pairs, origin="signing")
        notices._bvk_send()
        return notices

    def _bvk_book_meeting(
        self, activity_type, start, duration=1.0, user=None, name=None, remote=None
    ):
        """Book a meeting or consultation of the contact log: a calendar
        event with the student and ``user`` as attendees, linked to the
        student by an activity of ``activity_type``; remote ones (the remote
        consultation type, or ``remote``) get a video-call link."""
        self.ensure_one()
        if not self.env.user.has_group("bvk_student_crm.group_bvk_lecturer"):
            raise AccessError(
                self.env._("Only the college's staff book meetings with students.")
            )
        self.check_access("read")
        user = user or self.env.user
        if remote is None:
            remote = activity_type == self.env.ref(
                "bvk_student_crm.mail_activity_type_contact_remote_consultation"
            )
        # the activity on the student needs more than the lecturers' read
        # access: created as superuser once the caller may see the student
        event = (
            self.env["calendar.event"]
            .sudo()
            .create(
                {
                    "name": name or f"{activity_type.name}: {self.name}",
                    "start": start,
                    "stop": start + timedelta(hours=duration),
                    "duration": duration,
                    "user_id": user.id,
                    "partner_ids": [
                        Command.set((self.sudo().partner_id | user.partner_id).ids)
                    ],
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": self.id,
                    "activity_ids": [
                        Command.create(
                            {
                                "res_model_id": self.env["ir.model"]._get_id(
                                    self._name
                                ),
                                "res_id": self.id,
                                "activity_type_id": activity_type.id,
                                "user_id": user.id,
                                "summary": name or activity_type.name,
                                "date_deadline": start.date(),
                            }
                        )
                    ],
                }
            )
        )
        if remote:
            event._set_discuss_videocall_location()
        return event.sudo(False)
