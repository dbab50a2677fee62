# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class BvkCourseOffering(models.Model):
    """A course of a group's semester study schedule: dates, assessment date
    or deadline, retake deadline and lecturer. Its grade sheet lists the
    academic obligations of the group's students."""

    _name = "bvk.course.offering"
    _description = "Course Offering"
    _inherit = ["mail.thread"]
    _order = "date_assessment, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    schedule_id = fields.Many2one(
        comodel_name="bvk.study.schedule",
        string="Study Schedule",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    group_id = fields.Many2one(related="schedule_id.group_id", store=True, index=True)
    semester_id = fields.Many2one(
        related="schedule_id.semester_id", store=True, index=True
    )
    program_id = fields.Many2one(related="schedule_id.program_id", store=True)
    state = fields.Selection(related="schedule_id.state", store=True)
    course_id = fields.Many2one(
        comodel_name="bvk.course",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    assessment_type = fields.Selection(related="course_id.assessment_type")
    credits = fields.Float(related="course_id.credits", string="Credits (KP)")
    date_start = fields.Date(string="Start Date")
    date_end = fields.Date(string="End Date")
    date_assessment = fields.Date(
        string="Assessment Date",
        required=True,
        tracking=True,
        help="The exam date or the deadline to hand in the work.",
    )
    date_retake = fields.Date(
        string="Retake Deadline",
        tracking=True,
        help="The last day to retake the assessment (atkārtota kārtošana).",
    )
    lecturer_id = fields.Many2one(
        comodel_name="res.users",
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
    )
    obligation_ids = fields.One2many(
        comodel_name="bvk.academic.obligation",
        inverse_name="offering_id",
        string="Grade Sheet",
    )
    student_count = fields.Integer(compute="_compute_result_counts")
    passed_count = fields.Integer(compute="_compute_result_counts")
    debt_count = fields.Integer(compute="_compute_result_counts")
    pending_count = fields.Integer(compute="_compute_result_counts")
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    _sql_constraints = [
        (
            "course_schedule_uniq",
            "unique(schedule_id, course_id)",
            "A course appears once in a study schedule.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("course_id", "group_id.code")
    def _compute_display_name(self):
        for offering in self:
            offering.display_name = (
                f"{offering.course_id.display_name or ''} – "
                f"{offering.group_id.code or ''}"
            )

    def _compute_result_counts(self):
        counts = {}
        for offering, state, count in self.env["bvk.academic.obligation"]._read_group(
            [("offering_id", "in", self.ids)], ["offering_id", "state"], ["__count"]
        ):
            counts[offering.id, state] = count
        for offering in self:
            by_state = {
                state: counts.get((offering.id, state), 0)
                for state in ("pending", "passed", "debt", "covered", "waived")
            }
            offering.student_count = sum(
                count for (oid, _s), count in counts.items() if oid == offering.id
            )
            offering.passed_count = by_state["passed"]
            offering.debt_count = by_state["debt"]
            offering.pending_count = by_state["pending"] + by_state["covered"]

    # ------------------------------------------------------------
    # CONSTRAINT AND ONCHANGE METHODS
    # ------------------------------------------------------------

    @api.constrains("date_start", "date_end", "date_assessment", "date_retake")
    def _check_dates(self):
        for offering in self:
            if (
                offering.date_start
                and offering.date_end
                and offering.date_start > offering.date_end
            ):
                raise ValidationError(
                    self.env._(
                        "The course %(course)s ends before it starts.",
                        course=offering.course_id.display_name,
                    )
                )
            if offering.date_retake and offering.date_retake < offering.date_assessment:
                raise ValidationError(
                    self.env._(
                        "The retake deadline of %(course)s is before its assessment "
                        "date.",
                        course=offering.course_id.display_name,
                    )
                )

    @api.onchange("course_id")
    def _onchange_course_id(self):
        if self.course_id.lecturer_ids and not self.lecturer_id:
            self.lecturer_id = self.course_id.lecturer_ids[:1]

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        offerings = super().create(vals_list)
        confirmed = offerings.filtered(lambda o: o.state == "confirmed")
        confirmed._generate_obligations()
        confirmed._share_group_with_lecturer()
        return offerings

    def write(self, vals):
        res = super().write(vals)
        if "date_assessment" in vals or "date_retake" in vals:
            self.obligation_ids._sync_offering_dates()
        if "lecturer_id" in vals:
            self.filtered(lambda o: o.state == "confirmed")._share_group_with_lecturer()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_results(self):
        if self.obligation_ids.filtered(lambda o: o.state != "pending"):
            raise UserError(
                self.env._("A course with recorded results cannot be deleted.")
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open_grade_sheet(self):
        """The grade sheet: all students of the group, editable in place."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Grade Sheet: %(offering)s", offering=self.display_name),
            "res_model": "bvk.academic.obligation",
            "view_mode": "list",
            "views": [
                (
                    self.env.ref(
                        "bvk_student_crm.bvk_academic_obligation_view_list_grade"
                    ).id,
                    "list",
                )
            ],
            "domain": [("offering_id", "=", self.id)],
            "context": {"default_offering_id": self.id, "bvk_grade_sheet": True},
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _check_complete(self):
        for offering in self:
            if not offering.lecturer_id:
                raise UserError(
                    self.env._(
                        "The course %(course)s has no lecturer.",
                        course=offering.course_id.display_name,
                    )
                )

    def _generate_obligations(self, students=None):
        """Create the missing obligations of ``students`` (default: the active
        students of each offering's group)."""
        Obligation = self.env["bvk.academic.obligation"].sudo()
        if not self:
            return Obligation
        existing = set(
            Obligation.search_fetch(
                [("offering_id", "in", self.ids)], ["offering_id", "student_id"]
            ).mapped(lambda o: (o.offering_id.id, o.student_id.id))
        )
        if students is None:
            students = (
                self.env["bvk.student"]
                .sudo()
                .search(
                    [
                        ("group_id", "in", self.group_id.ids),
                        ("state", "in", ("applicant", "active")),
                    ]
                )
            )
        students_by_group = students.grouped("group_id")
        vals_list = []
        for offering in self:
            for student in students_by_group.get(offering.group_id, []):
                if (offering.id, student.id) in existing:
                    continue
                vals_list.append(
                    {
                        "offering_id": offering.id,
                        "student_id": student.id,
                        "date_deadline": offering.date_assessment,
                        "company_id": offering.company_id.id,
                    }
                )
        return Obligation.create(vals_list)

    def _share_group_with_lecturer(self):
        """The lecturer of a course sees the students of the group."""
        for offering in self.filtered("lecturer_id"):
            if offering.lecturer_id not in offering.group_id.lecturer_ids:
                offering.group_id.sudo().lecturer_ids = [
                    fields.Command.link(offering.lecturer_id.id)
                ]
