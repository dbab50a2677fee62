# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models


class BvkLmsActivity(models.Model):
    """A student's activity in one course of the learning management system
    (LMS), from the imported LMS report: last access and last submitted work.

    A student with no activity for the configured number of days while the
    course's deadline is still ahead is *flagged*: an early warning of
    non-engagement, reminded through the engagement reminder policy (a
    gentler template than for academic debts). New activity clears the flag.
    """

    _name = "bvk.lms.activity"
    _description = "LMS Activity"
    _inherit = ["bvk.obligation.mixin"]
    _order = "date_flagged desc, id desc"
    _check_company_auto = True
    _rec_name = "obligation_id"

    _bvk_reminder_kind = "engagement"
    _bvk_due_date_field = "date_flagged"

    obligation_id = fields.Many2one(
        comodel_name="bvk.academic.obligation",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    student_id = fields.Many2one(
        related="obligation_id.student_id", store=True, index=True
    )
    course_id = fields.Many2one(related="obligation_id.course_id", store=True)
    group_id = fields.Many2one(related="obligation_id.group_id", store=True)
    lecturer_id = fields.Many2one(related="obligation_id.lecturer_id", store=True)
    date_deadline = fields.Date(related="obligation_id.date_deadline")
    obligation_state = fields.Selection(
        related="obligation_id.state", store=True, string="Obligation Status"
    )
    date_last_access = fields.Date(string="Last Access")
    date_last_submission = fields.Date(string="Last Submission")
    date_last_activity = fields.Date(
        string="Last Activity", compute="_compute_date_last_activity", store=True
    )
    date_import = fields.Date(string="Imported On", readonly=True)
    is_flagged = fields.Boolean(string="Inactive", readonly=True, index=True)
    date_flagged = fields.Date(string="Flagged On", readonly=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    _sql_constraints = [
        (
            "obligation_uniq",
            "unique(obligation_id)",
            "One LMS activity record per obligation.",
        ),
    ]

    @api.depends("date_last_access", "date_last_submission")
    def _compute_date_last_activity(self):
        for activity in self:
            dates = [
                d
                for d in (activity.date_last_access, activity.date_last_submission)
                if d
            ]
            activity.date_last_activity = max(dates) if dates else False

    # ------------------------------------------------------------
    # REMINDER HOOKS (bvk.obligation.mixin)
    # ------------------------------------------------------------

    @api.model
    def _bvk_open_domain(self):
        return [
            ("is_flagged", "=", True),
            ("obligation_state", "in", ("pending", "covered")),
        ]

    def _bvk_reminder_line_vals(self):
        self.ensure_one()
        obligation = self.obligation_id.with_context(
            lang=self.student_id.lang or "en_US"
        )
        env = obligation.env
        if self.date_last_activity:
            name = env._(
                "%(course)s: no activity since %(since)s, deadline %(deadline)s",
                course=obligation.course_id.display_name,
                since=obligation._format_date(self.date_last_activity),
                deadline=obligation._format_date(obligation.date_deadline),
            )
        else:
            name = env._(
                "%(course)s: no activity yet, deadline %(deadline)s",
                course=obligation.course_id.display_name,
                deadline=obligation._format_date(obligation.date_deadline),
            )
        return {"name": name, "amount": 0.0}

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _evaluate_flags(self, today=None):
        """Flag the inactive, clear the flag of the active again; return the
        newly flagged records."""
        today = today or fields.Date.context_today(self)
        newly = cleared = self.browse()
        for activity in self:
            days = activity.company_id.bvk_lms_inactivity_days or 14
            obligation = activity.obligation_id
            reference = activity.date_last_activity or (
                obligation.offering_id.date_start or activity.date_import
            )
            inactive = (
                obligation.state in ("pending", "covered")
                and obligation.date_deadline >= today
                and (not reference or reference <= today - timedelta(days=days))
            )
            if inactive and not activity.is_flagged:
                newly |= activity
            elif not inactive and activity.is_flagged:
                cleared |= activity
        if newly:
            newly.write(
                {
                    "is_flagged": True,
                    "date_flagged": today,
                    "reminder_level": 0,
                    "last_reminder_date": False,
                }
            )
        if cleared:
            cleared.write({"is_flagged": False})
        return newly

    def _bvk_warn_now(self, today=None):
        """Send the early warning at once (engagement policy, per company)."""
        today = today or fields.Date.context_today(self)
        reminders = self.env["bvk.reminder"]
        Policy = self.env["bvk.reminder.policy"].sudo()
        for company, activities in self.grouped("company_id").items():
            policy = Policy._get_policy("engagement", company)
            if policy:
                reminders |= activities.sudo()._bvk_remind(policy, today)
        return reminders

    @api.model
    def _cron_bvk_send_reminders(self):
        """Daily: re-evaluate the flags of open courses (deadlines may come
        closer without new imports), then send due levels."""
        today = fields.Date.context_today(self)
        open_activities = self.search(
            [
                ("obligation_state", "in", ("pending", "covered")),
                ("is_flagged", "=", False),
            ]
        )
        open_activities._evaluate_flags(today)
        return super()._cron_bvk_send_reminders()
