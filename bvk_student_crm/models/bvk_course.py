# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

ASSESSMENT_TYPES = [
    ("exam", "Exam"),
    ("graded_test", "Graded test"),
    ("pass_fail", "Pass/fail test"),
    ("project", "Project or paper"),
    ("internship", "Internship"),
]


class BvkCourse(models.Model):
    """A study course (studiju kurss) of the study programme plan."""

    _name = "bvk.course"
    _description = "Study Course"
    _inherit = ["mail.thread"]
    _order = "plan_semester, code, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    code = fields.Char(required=True, tracking=True, index="trigram")
    name = fields.Char(required=True, translate=True, tracking=True)
    credits = fields.Float(
        string="Credits (KP)", digits=(5, 1), required=True, default=2.0, tracking=True
    )
    credits_ects = fields.Float(
        string="Credits (ECTS)",
        digits=(5, 1),
        compute="_compute_credits_ects",
        store=True,
        readonly=False,
        help="Since 11.10.2022 one KP equals one ECTS credit; for courses of "
        "older programmes counted in old KP, 1 KP = 1.5 ECTS.",
    )
    assessment_type = fields.Selection(
        selection=ASSESSMENT_TYPES,
        string="Assessment",
        required=True,
        default="exam",
        tracking=True,
    )
    is_pass_fail = fields.Boolean(compute="_compute_is_pass_fail")
    program_ids = fields.Many2many(
        comodel_name="bvk.study.program",
        relation="bvk_course_program_rel",
        column1="course_id",
        column2="program_id",
        string="Programmes",
        check_company=True,
    )
    plan_semester = fields.Integer(
        default=1,
        help="The semester of the study programme plan the course belongs to.",
    )
    lecturer_ids = fields.Many2many(
        comodel_name="res.users",
        relation="bvk_course_lecturer_rel",
        column1="course_id",
        column2="user_id",
        string="Lecturers",
        domain=[("share", "=", False)],
    )
    description = fields.Html(translate=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The course code must be unique per company.",
        ),
        ("credits_positive", "CHECK(credits >= 0)", "Credits cannot be negative."),
        (
            "plan_semester_positive",
            "CHECK(plan_semester > 0)",
            "The plan semester starts at 1.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("credits", "program_ids.credit_unit")
    def _compute_credits_ects(self):
        for course in self:
            old_kp = course.program_ids and all(
                unit == "kp" for unit in course.program_ids.mapped("credit_unit")
            )
            course.credits_ects = course.credits * (1.5 if old_kp else 1.0)

    @api.depends("assessment_type")
    def _compute_is_pass_fail(self):
        for course in self:
            course.is_pass_fail = course.assessment_type == "pass_fail"

    @api.depends("code", "name")
    def _compute_display_name(self):
        for course in self:
            course.display_name = (
                f"[{course.code}] {course.name}" if course.code else course.name
            )
