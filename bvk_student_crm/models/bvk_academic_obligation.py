# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.misc import format_date

from ..lib import lv_format
from .bvk_obligation_mixin import BvkObligationMixin

_logger = logging.getLogger(__name__)

# Latvian 10-point scale (LATVIAN_DOCUMENTS.md §3.4); 4 is the lowest pass
GRADES = [
    ("10", "10 (with distinction)"),
    ("9", "9 (excellent)"),
    ("8", "8 (very good)"),
    ("7", "7 (good)"),
    ("6", "6 (almost good)"),
    ("5", "5 (satisfactory)"),
    ("4", "4 (almost satisfactory)"),
    ("3", "3 (weak)"),
    ("2", "2 (very weak)"),
    ("1", "1 (very, very weak)"),
    # pass/fail tests (ieskaitīts / neieskaitīts): not the labels of the
    # status, which is passed or failed (nokārtots / nenokārtots) for any course
    ("passed", "Pass"),
    ("failed", "Fail"),
    ("absent", "Did not attend"),
]
PASS_MARK = 4
NUMERIC_GRADES = {str(value) for value in range(1, 11)}
PASS_FAIL_GRADES = {"passed", "failed"}
OPEN_STATES = ("pending", "covered")
DONE_STATES = ("passed", "waived")
RESULT_FIELDS = {"grade", "date_result", "result_note"}


def _lower_first(label):
    """A label inside a line of text: "Failing grade" → "failing grade"
    (a grade such as "3 (weak)" is left as it is)."""
    return label[:1].lower() + label[1:]


class BvkAcademicObligation(models.Model):
    """One student's obligation to pass one course of the semester schedule.

    ``pending`` until a result is recorded: a passing grade makes it
    ``passed``; a failing grade (``failed``), "did not attend" (``missed``) or
    a deadline passing without a result makes it an academic debt
    (akadēmiskais parāds) the same day, which the reminder engine of
    ``bvk.obligation.mixin`` reminds at once (level 1, 0 days) and again
    later. A retake with a passing grade makes it ``passed``; an agreement
    (deadline extension, individual plan) makes it ``covered`` until the new
    deadline; the SSC can waive it.
    """

    _name = "bvk.academic.obligation"
    _description = "Academic Obligation"
    _inherit = ["bvk.obligation.mixin", "mail.thread"]
    _order = "date_deadline, student_id, id"
    _check_company_auto = True
    _rec_name = "course_id"

    _bvk_reminder_kind = "academic"
    # moved by results, the daily run, agreements and the SSC's actions only
    _bvk_workflow_fields = (
        *BvkObligationMixin._bvk_workflow_fields,
        "state",
        "debt_reason",
        "date_debt",
        "attempts",
        "notice_deadline",
        "thanks_sent",
    )
    _bvk_due_date_field = "date_debt"
    _bvk_detect_batch_size = 5000

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
    offering_id = fields.Many2one(
        comodel_name="bvk.course.offering",
        string="Course Offering",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        tracking=True,
    )
    course_id = fields.Many2one(
        related="offering_id.course_id", store=True, index=True, string="Course"
    )
    group_id = fields.Many2one(
        related="offering_id.group_id", store=True, index=True, string="Group"
    )
    semester_id = fields.Many2one(
        related="offering_id.semester_id", store=True, index=True, string="Semester"
    )
    program_id = fields.Many2one(
        related="student_id.program_id", store=True, index=True, string="Programme"
    )
    lecturer_id = fields.Many2one(
        related="offering_id.lecturer_id", store=True, index=True, string="Lecturer"
    )
    schedule_id = fields.Many2one(related="offering_id.schedule_id")
    assessment_type = fields.Selection(related="course_id.assessment_type")
    is_pass_fail = fields.Boolean(related="course_id.is_pass_fail")
    credits = fields.Float(
        related="course_id.credits", store=True, string="Credits (KP)"
    )
    date_deadline = fields.Date(
        string="Deadline",
        required=True,
        tracking=True,
        index=True,
        help="Assessment date or deadline; an individual deadline after an agreement.",
    )
    date_retake = fields.Date(
        string="Retake Deadline",
        compute="_compute_date_retake",
        store=True,
        readonly=False,
        tracking=True,
    )
    attempts = fields.Integer(readonly=True, copy=False)
    grade = fields.Selection(
        selection=GRADES,
        tracking=True,
        copy=False,
        help="10-point scale, 4 and above passes; pass/fail tests are passed "
        "(ieskaitīts) or failed (neieskaitīts).",
    )
    grade_options = fields.Char(
        compute="_compute_grade_options",
        help="The grades this course takes (for the grade sheet's drop-down).",
    )
    grade_value = fields.Integer(
        string="Numeric Grade",
        compute="_compute_grade_value",
        store=True,
        aggregator="avg",
    )
    date_result = fields.Date(string="Result Date", copy=False, tracking=True)
    result_note = fields.Char(string="Note")
    state = fields.Selection(
        selection=[
            ("pending", "Pending"),
            ("passed", "Passed"),
            ("failed", "Failed"),
            ("missed", "Missed"),
            ("debt", "Academic Debt"),
            ("covered", "Covered by Agreement"),
            ("waived", "Waived"),
        ],
        string="Status",
        required=True,
        default="pending",
        copy=False,
        tracking=True,
        index=True,
    )
    debt_reason = fields.Selection(
        selection=[
            ("failed", "Failing grade"),
            ("missed", "Did not attend"),
            ("no_result", "No result by the deadline"),
        ],
        copy=False,
        readonly=True,
    )
    date_debt = fields.Date(
        string="Debt Since",
        copy=False,
        readonly=True,
        index=True,
        help="The day the academic debt was established; reminders count from it.",
    )
    is_on_time = fields.Boolean(
        string="Passed on Time",
        compute="_compute_is_on_time",
        store=True,
        help="Passed at the first attempt by the original deadline, without an "
        "agreement.",
    )
    notice_deadline = fields.Date(
        copy=False,
        readonly=True,
        help="The deadline the student was last informed about (step 3.3).",
    )
    thanks_sent = fields.Boolean(copy=False, readonly=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    _sql_constraints = [
        (
            "student_offering_uniq",
            "unique(student_id, offering_id)",
            "A student has one obligation per course offering.",
        ),
    ]

    def init(self):
        # daily detection reads only the open obligations past their deadline
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS bvk_academic_obligation_open_deadline_idx
            ON bvk_academic_obligation (date_deadline, id)
            WHERE state IN ('pending', 'covered')
            """
        )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("offering_id.date_retake")
    def _compute_date_retake(self):
        for obligation in self:
            obligation.date_retake = obligation.offering_id.date_retake

    @api.depends("course_id.assessment_type")
    def _compute_grade_options(self):
        numeric = " ".join(str(value) for value in range(10, 0, -1))
        for obligation in self:
            obligation.grade_options = (
                "passed failed absent"
                if obligation.is_pass_fail
                else f"{numeric} absent"
            )

    @api.depends("grade")
    def _compute_grade_value(self):
        for obligation in self:
            obligation.grade_value = (
                int(obligation.grade) if obligation.grade in NUMERIC_GRADES else 0
            )

    @api.depends(
        "state",
        "date_debt",
        "agreement_id",
        "date_result",
        "attempts",
        "offering_id.date_assessment",
    )
    def _compute_is_on_time(self):
        for obligation in self:
            obligation.is_on_time = (
                obligation.state == "passed"
                and not obligation.date_debt
                and not obligation.agreement_id
                and obligation.attempts <= 1
                and bool(obligation.date_result)
                and obligation.date_result <= obligation.offering_id.date_assessment
            )

    @api.depends("course_id", "student_id")
    def _compute_display_name(self):
        for obligation in self:
            obligation.display_name = (
                f"{obligation.course_id.display_name or ''} – "
                f"{obligation.student_id.name or ''}"
            )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("grade", "offering_id")
    def _check_grade_scale(self):
        for obligation in self.filtered("grade"):
            if obligation.grade == "absent":
                continue
            if obligation.is_pass_fail and obligation.grade not in PASS_FAIL_GRADES:
                raise ValidationError(
                    self.env._(
                        "%(course)s is a pass/fail test: record passed or failed "
                        "for %(student)s, not a grade.",
                        course=obligation.course_id.display_name,
                        student=obligation.student_id.name,
                    )
                )
            if not obligation.is_pass_fail and obligation.grade not in NUMERIC_GRADES:
                raise ValidationError(
                    self.env._(
                        "%(course)s is graded on the 10-point scale: record a grade "
                        "from 1 to 10 for %(student)s.",
                        course=obligation.course_id.display_name,
                        student=obligation.student_id.name,
                    )
                )

    @api.constrains("student_id", "offering_id")
    def _check_student_group(self):
        for obligation in self:
            if obligation.student_id.company_id != obligation.offering_id.company_id:
                raise ValidationError(
                    self.env._("The student and the course belong to other companies.")
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    def write(self, vals):
        if not self.env.su and not self.env.user.has_group(
            "bvk_student_crm.group_bvk_coordinator"
        ):
            self._check_lecturer_write(vals)
        if vals.get("grade"):
            self._check_can_record()
        res = super().write(vals)
        if vals.get("grade"):
            self._process_results(vals.get("date_result"))
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_result(self):
        if any(obligation.state != "pending" for obligation in self):
            raise UserError(
                self.env._("An obligation with a recorded result cannot be deleted.")
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_waive(self):
        """Release the student from the obligation (recognised prior studies)."""
        self._bvk_check_groups(
            "bvk_student_crm.group_bvk_coordinator",
            message=self.env._("Only the Study Support Centre waives obligations."),
        )
        if self.filtered(lambda o: o.state in DONE_STATES):
            raise UserError(
                self.env._("Passed or waived obligations cannot be waived.")
            )
        self._bvk_write({"state": "waived"})
        return True

    def action_reset_pending(self):
        """Undo a wrongly recorded result (the head of the SSC)."""
        self._bvk_check_groups(
            "bvk_student_crm.group_bvk_head",
            message=self.env._(
                "Only the head of the Study Support Centre resets obligations."
            ),
        )
        self._bvk_write(
            {
                "state": "pending",
                "grade": False,
                "date_result": False,
                "debt_reason": False,
                "date_debt": False,
            }
        )
        self._bvk_reset_reminders()
        return True

    def action_open_student(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "bvk.student",
            "res_id": self.student_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------
    # RESULTS
    # ------------------------------------------------------------

    def _check_lecturer_write(self, vals):
        """Lecturers record results of their own course offerings only."""
        if set(vals) - RESULT_FIELDS:
            raise AccessError(
                self.env._("Lecturers may only record grades, result dates and notes.")
            )
        others = self.filtered(lambda o: o.lecturer_id != self.env.user)
        if others:
            raise AccessError(
                self.env._(
                    "You do not teach %(course)s; its results are recorded by its "
                    "lecturer.",
                    course=others[0].offering_id.display_name,
                )
            )
        if self.filtered(lambda o: o.state in ("waived",)):
            raise UserError(self.env._("A waived obligation takes no result."))

    def _check_can_record(self):
        not_open = self.filtered(lambda o: o.offering_id.state != "confirmed")
        if not_open:
            raise UserError(
                self.env._(
                    "Results are recorded once the study schedule of %(offering)s "
                    "is confirmed.",
                    offering=not_open[0].offering_id.display_name,
                )
            )

    def _process_results(self, date_result=None):
        """Move obligations that just got a grade: pass, or debt at once."""
        today = fields.Date.context_today(self)
        passed = failed = missed = self.browse()
        for obligation in self:
            grade = obligation.grade
            if grade == "absent":
                missed |= obligation
            elif grade == "failed" or (
                grade in NUMERIC_GRADES and int(grade) < PASS_MARK
            ):
                failed |= obligation
            else:
                passed |= obligation
        for attempts, obligations in self.grouped("attempts").items():
            vals = {"attempts": attempts + 1}
            if not date_result:
                vals["date_result"] = today
            super(BvkAcademicObligation, obligations.sudo()).write(vals)
        if passed:
            super(BvkAcademicObligation, passed.sudo()).write({"state": "passed"})
            passed._send_semester_thanks()
        if failed:
            super(BvkAcademicObligation, failed.sudo()).write({"state": "failed"})
        if missed:
            super(BvkAcademicObligation, missed.sudo()).write({"state": "missed"})
        debts = failed | missed
        if debts:
            debts._establish_debt(today)
            debts._bvk_remind_now(today)
        return passed, debts

    def _establish_debt(self, today, reason=None):
        """Failed, missed or past the deadline without a result: an academic
        debt from today. A new debt (failed retake, missed individual
        deadline) starts the reminder levels again."""
        for state, obligations in self.grouped("state").items():
            vals = {
                "state": "debt",
                "date_debt": today,
                "debt_reason": reason
                or {"failed": "failed", "missed": "missed"}.get(state, "no_result"),
                "reminder_level": 0,
                "last_reminder_date": False,
            }
            super(BvkAcademicObligation, obligations.sudo()).write(vals)
        return True

    def _bvk_remind_now(self, today):
        """Send level 1 of the academic policy right away, per company."""
        reminders = self.env["bvk.reminder"]
        Policy = self.env["bvk.reminder.policy"].sudo()
        for company, obligations in self.grouped("company_id").items():
            policy = Policy._get_policy("academic", company)
            if policy:
                reminders |= obligations.sudo()._bvk_remind(policy, today)
        return reminders

    def _sync_offering_dates(self):
        """The schedule changed: move the deadline of pending obligations."""
        for obligation in self.filtered(
            lambda o: o.state == "pending" and not o.agreement_id
        ):
            obligation.date_deadline = obligation.offering_id.date_assessment

    # ------------------------------------------------------------
    # REMINDER HOOKS (bvk.obligation.mixin)
    # ------------------------------------------------------------

    @api.model
    def _bvk_open_domain(self):
        return [("state", "=", "debt")]

    def _bvk_reminder_line_vals(self):
        self.ensure_one()
        lang = self.student_id.lang or "en_US"
        obligation = self.with_context(lang=lang)
        env = obligation.env
        reasons = dict(self._fields["debt_reason"]._description_selection(env))
        retake = obligation._format_date(self.date_retake)
        name = env._(
            "%(course)s (%(credits)s KP): %(missing)s",
            course=obligation.course_id.display_name,
            credits=f"{self.credits:g}",
            missing=_lower_first(reasons.get(self.debt_reason, "")),
        )
        if self.grade and self.grade != "absent":
            grades = dict(self._fields["grade"]._description_selection(env))
            name += env._(", result %(grade)s", grade=_lower_first(grades[self.grade]))
        if retake:
            name += env._("; retake by %(date)s", date=retake)
        return {"name": name, "amount": 0.0}

    def _format_date(self, date):
        if not date:
            return ""
        if (self.env.lang or "").startswith("lv"):
            return lv_format.format_date_short(date)
        return format_date(self.env, date)

    # ------------------------------------------------------------
    # DAILY RUN
    # ------------------------------------------------------------

    @api.model
    def _bvk_overdue_domain(self, today):
        return [("state", "in", OPEN_STATES), ("date_deadline", "<", today)]

    @api.model
    def _bvk_detect_debts(self, today=None, limit=None):
        """Turn one batch of obligations past their deadline without a result
        into debts and remind them; return ``(done, remaining)``. The queries
        depend on the number of new debts only."""
        today = today or fields.Date.context_today(self)
        domain = self._bvk_overdue_domain(today)
        batch = self.search(domain, limit=limit, order="id")
        if not batch:
            return 0, 0
        if limit and len(batch) == limit:
            # whole students: one reminder per student, even when their
            # obligations fall on both sides of the batch limit
            batch |= self.search([*domain, ("student_id", "in", batch.student_id.ids)])
        # field tracking costs two queries per obligation: log one note per
        # obligation in a single batch instead
        batch.with_context(tracking_disable=True)._establish_debt(
            today, reason="no_result"
        )
        note = Markup("<p>%s</p>") % self.env._(
            "Academic debt: no result by the deadline %(date)s.",
            date=self._format_date(today - timedelta(days=1)),
        )
        batch._message_log_batch(dict.fromkeys(batch.ids, note))
        batch._bvk_remind_now(today)
        remaining = self.search_count(domain) if limit and len(batch) >= limit else 0
        return len(batch), remaining

    @api.model
    def _bvk_send_reminders(self, today=None, batch_size=None):
        today = today or fields.Date.context_today(self)
        while True:
            done, remaining = self._bvk_detect_debts(
                today, limit=batch_size or self._bvk_detect_batch_size
            )
            if not remaining:
                break
        return super()._bvk_send_reminders(today=today, batch_size=batch_size)

    @api.model
    def _cron_bvk_send_reminders(self):
        """Daily run: establish the debts of deadlines passed without a result
        (one batch per call, the cron runner calls again while some remain),
        then send the levels still due."""
        today = fields.Date.context_today(self)
        done, remaining = self._bvk_detect_debts(
            today, limit=self._bvk_detect_batch_size
        )
        if remaining:
            self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
            return
        super()._cron_bvk_send_reminders()

    # ------------------------------------------------------------
    # AGREEMENTS (bvk.agreement.action_apply)
    # ------------------------------------------------------------

    def _bvk_apply_agreement(self, agreement, lines):
        """Deadline extension: the new deadline, covered until then.
        Individual plan: moved to the course's offering in a later semester
        (or the agreed date), covered until then. Reminders stop; a new debt
        after the new deadline starts them again."""
        lines_by_obligation = {line.res_id: line for line in lines}
        for obligation in self:
            if obligation.state in DONE_STATES:
                raise UserError(
                    self.env._(
                        "%(obligation)s is already %(state)s.",
                        obligation=obligation.display_name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[obligation.state],
                    )
                )
            line = lines_by_obligation[obligation.id]
            vals = {"state": "covered", "agreement_id": agreement.id}
            if agreement.agreement_type == "individual_plan":
                offering = obligation._find_later_offering(
                    agreement.academic_semester_id
                )
                if offering and offering != obligation.offering_id:
                    vals["offering_id"] = offering.id
                    vals["date_deadline"] = line.date_new or offering.date_assessment
                    vals["date_retake"] = offering.date_retake
                elif line.date_new:
                    vals["date_deadline"] = line.date_new
            elif line.date_new:
                vals["date_deadline"] = line.date_new
                if not obligation.date_retake or obligation.date_retake < line.date_new:
                    vals["date_retake"] = line.date_new
            if not vals.get("date_deadline") or (
                vals["date_deadline"] <= fields.Date.context_today(self)
            ):
                raise UserError(
                    self.env._(
                        "The agreement %(agreement)s gives %(obligation)s no new "
                        "deadline in the future.",
                        agreement=agreement.name,
                        obligation=obligation.display_name,
                    )
                )
            obligation.sudo().write(vals)
        self.sudo()._bvk_reset_reminders()
        self.sudo().write({"notice_deadline": False})

    def _find_later_offering(self, semester):
        """The offering of the same course for the student's group (or any
        group of the programme) in ``semester``."""
        self.ensure_one()
        if not semester:
            return self.env["bvk.course.offering"]
        domain = [
            ("course_id", "=", self.course_id.id),
            ("semester_id", "=", semester.id),
        ]
        Offering = self.env["bvk.course.offering"].sudo()
        return Offering.search(
            [*domain, ("group_id", "=", self.student_id.group_id.id)], limit=1
        ) or Offering.search(
            [*domain, ("program_id", "=", self.student_id.program_id.id)], limit=1
        )

    # ------------------------------------------------------------
    # INFORMATION AND THANKS (steps 3.3 and 3.4)
    # ------------------------------------------------------------

    def _send_semester_thanks(self):
        """Thank the students who passed every obligation of the semester on
        time, once per semester."""
        companies = self.company_id.filtered("bvk_academic_thanks")
        template = self.env.ref(
            "bvk_student_crm.mail_template_academic_thanks", raise_if_not_found=False
        )
        if not companies or not template:
            return
        pairs = {
            (o.student_id.id, o.semester_id.id)
            for o in self
            if o.company_id in companies
        }
        if not pairs:
            return
        siblings = self.sudo().search(
            [
                ("student_id", "in", list({s for s, _sem in pairs})),
                ("semester_id", "in", list({sem for _s, sem in pairs})),
            ]
        )
        for (student_id, semester_id), obligations in siblings.grouped(
            lambda o: (o.student_id.id, o.semester_id.id)
        ).items():
            if (student_id, semester_id) not in pairs:
                continue
            if any(obligations.mapped("thanks_sent")):
                continue
            if not all(o.is_on_time or o.state == "waived" for o in obligations):
                continue
            obligations.write({"thanks_sent": True})
            student = obligations.student_id
            # "2026./2027. studiju gada rudens semestra" (kursi) in Latvian
            semester = obligations.semester_id.with_context(lang=student.lang)
            student.with_context(
                bvk_semester_name=semester._get_doc_name("genitive"),
                bvk_credits=f"{sum(obligations.mapped('credits')):g}",
            ).message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )

    @api.model
    def _cron_send_deadline_notices(self):
        """Step 3.3: tell students, a configurable number of days ahead, what
        is due. Once per obligation and deadline."""
        template = self.env.ref(
            "bvk_student_crm.mail_template_academic_notice", raise_if_not_found=False
        )
        if not template:
            return
        today = fields.Date.context_today(self)
        for company in self.env["res.company"].search(
            [("bvk_academic_notice_days", ">", 0)]
        ):
            horizon = fields.Date.add(today, days=company.bvk_academic_notice_days)
            due = self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "in", OPEN_STATES),
                    ("date_deadline", ">=", today),
                    ("date_deadline", "<=", horizon),
                ]
            ).filtered(lambda o: o.notice_deadline != o.date_deadline)
            for student, obligations in due.grouped("student_id").items():
                lang = student.lang or "en_US"
                localized = obligations.with_context(lang=lang)
                lines = [
                    localized.env._(
                        "%(course)s: %(type)s by %(date)s",
                        course=o.course_id.display_name,
                        type=_lower_first(
                            dict(
                                o._fields["assessment_type"]._description_selection(
                                    localized.env
                                )
                            )[o.assessment_type]
                        ),
                        date=o._format_date(o.date_deadline),
                    )
                    for o in localized
                ]
                student.with_context(bvk_notice_lines=lines).message_post_with_source(
                    template, message_type="comment", subtype_xmlid="mail.mt_comment"
                )
            # remember the deadline each notice was sent for: one write per date
            for deadline, noticed in due.grouped("date_deadline").items():
                noticed.notice_deadline = deadline
