# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BvkStudentGroup(models.Model):
    _name = "bvk.student.group"
    _description = "Study Group"
    _inherit = ["mail.thread"]
    _order = "intake_year desc, code"
    _rec_name = "code"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    code = fields.Char(required=True, tracking=True)
    program_id = fields.Many2one(
        comodel_name="bvk.study.program",
        string="Programme",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    intake_year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        tracking=True,
    )
    course_year = fields.Integer(
        string="Course",
        required=True,
        default=1,
        tracking=True,
        help="Year of study (kurss) the group is in.",
    )
    coordinator_id = fields.Many2one(
        comodel_name="res.users",
        tracking=True,
        check_company=True,
        domain=lambda self: [
            (
                "groups_id",
                "in",
                self.env.ref("bvk_student_crm.group_bvk_coordinator").id,
            )
        ],
    )
    lecturer_ids = fields.Many2many(
        comodel_name="res.users",
        relation="bvk_student_group_lecturer_rel",
        column1="group_id",
        column2="user_id",
        string="Lecturers",
        check_company=True,
        domain=[("share", "=", False)],
    )
    elder_id = fields.Many2one(
        comodel_name="bvk.student",
        string="Group Elder",
        tracking=True,
        check_company=True,
        domain="[('group_id', '=', id)]",
        help="The group elder (kursa vecākais), one of the group's students.",
    )
    student_ids = fields.One2many(
        comodel_name="bvk.student", inverse_name="group_id", string="Students"
    )
    student_count = fields.Integer(compute="_compute_student_count")
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
            "The group code must be unique per company.",
        ),
        (
            "course_year_positive",
            "CHECK(course_year > 0)",
            "The course (year of study) starts at 1.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("student_ids")
    def _compute_student_count(self):
        counts = dict(
            self.env["bvk.student"]._read_group(
                [("group_id", "in", self.ids)], ["group_id"], ["__count"]
            )
        )
        for group in self:
            group.student_count = counts.get(group, 0)

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("elder_id")
    def _check_elder_in_group(self):
        for group in self.filtered("elder_id"):
            if group.elder_id.group_id != group:
                raise ValidationError(
                    self.env._(
                        "The group elder %(student)s is not a student of the group "
                        "%(group)s.",
                        student=group.elder_id.name,
                        group=group.code,
                    )
                )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_students(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bvk_student_crm.bvk_student_action"
        )
        action["domain"] = [("group_id", "=", self.id)]
        action["context"] = {
            "default_group_id": self.id,
            "default_program_id": self.program_id.id,
        }
        return action
