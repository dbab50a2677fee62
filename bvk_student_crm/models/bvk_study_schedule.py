# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class BvkStudySchedule(models.Model):
    """The semester study schedule (semestra studiju grafiks) of one group:
    the course offerings of the semester. Confirming it creates the academic
    obligations of the group's students."""

    _name = "bvk.study.schedule"
    _description = "Semester Study Schedule"
    _inherit = ["bvk.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "semester_id desc, group_id"
    _check_company_auto = True
    _bvk_workflow_fields = ("state",)

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(compute="_compute_name", store=True)
    group_id = fields.Many2one(
        comodel_name="bvk.student.group",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    program_id = fields.Many2one(related="group_id.program_id", store=True)
    semester_id = fields.Many2one(
        comodel_name="bvk.semester",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env["bvk.semester"]._get_current(),
    )
    plan_semester = fields.Integer(
        default=1,
        help="The semester of the study programme plan the group studies.",
    )
    state = fields.Selection(
        selection=[("draft", "Draft"), ("confirmed", "Confirmed")],
        string="Status",
        required=True,
        default="draft",
        copy=False,
        tracking=True,
        index=True,
    )
    offering_ids = fields.One2many(
        comodel_name="bvk.course.offering",
        inverse_name="schedule_id",
        string="Courses",
        copy=True,
    )
    obligation_count = fields.Integer(compute="_compute_obligation_count")
    credits = fields.Float(
        string="Credits (KP)", digits=(6, 1), compute="_compute_credits"
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    _sql_constraints = [
        (
            "group_semester_uniq",
            "unique(group_id, semester_id)",
            "A group has one study schedule per semester.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("group_id.code", "semester_id.name")
    def _compute_name(self):
        for schedule in self:
            schedule.name = (
                f"{schedule.group_id.code or ''} {schedule.semester_id.name or ''}"
            ).strip()

    def _compute_obligation_count(self):
        counts = dict(
            self.env["bvk.academic.obligation"]._read_group(
                [("offering_id.schedule_id", "in", self.ids)],
                ["schedule_id"],
                ["__count"],
            )
        )
        for schedule in self:
            schedule.obligation_count = counts.get(schedule, 0)

    @api.depends("offering_ids.credits")
    def _compute_credits(self):
        for schedule in self:
            schedule.credits = sum(schedule.offering_ids.mapped("credits"))

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        if any(schedule.state == "confirmed" for schedule in self):
            raise UserError(self.env._("A confirmed study schedule cannot be deleted."))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_confirm(self):
        """Confirm the schedule: one academic obligation per student of the
        group and course offering."""
        for schedule in self:
            if schedule.state != "draft":
                raise UserError(
                    self.env._(
                        "The study schedule %(schedule)s is already confirmed.",
                        schedule=schedule.name,
                    )
                )
            if not schedule.offering_ids:
                raise UserError(
                    self.env._(
                        "The study schedule %(schedule)s has no courses.",
                        schedule=schedule.name,
                    )
                )
            schedule.offering_ids._check_complete()
        self._bvk_write({"state": "confirmed"})
        self.offering_ids._generate_obligations()
        self.offering_ids._share_group_with_lecturer()
        return True

    def action_draft(self):
        """Back to draft, deleting the obligations not yet taken (SSC head)."""
        self._bvk_check_groups(
            "bvk_student_crm.group_bvk_head",
            message=self.env._(
                "Only the head of the Study Support Centre returns a confirmed study "
                "schedule to draft."
            ),
        )
        self.check_access("write")
        for schedule in self:
            if schedule.state != "confirmed":
                raise UserError(
                    self.env._(
                        "The study schedule %(schedule)s is not confirmed.",
                        schedule=schedule.name,
                    )
                )
            if schedule.offering_ids.obligation_ids.filtered(
                lambda o: o.state != "pending"
            ):
                raise UserError(
                    self.env._(
                        "Results are already recorded in %(schedule)s; it cannot "
                        "return to draft.",
                        schedule=schedule.name,
                    )
                )
        self.offering_ids.obligation_ids.sudo().unlink()
        self._bvk_write({"state": "draft"})
        return True

    def action_view_obligations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bvk_student_crm.bvk_academic_obligation_action"
        )
        action["domain"] = [("offering_id.schedule_id", "=", self.id)]
        action["context"] = {"search_default_groupby_offering": 1}
        return action

    def action_import(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Import Study Schedule"),
            "res_model": "bvk.study.schedule.import",
            "view_mode": "form",
            "target": "new",
            "context": {"default_schedule_id": self.id},
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _get_confirmed_for_groups(self, groups):
        """Confirmed schedules of ``groups`` whose semester is not over."""
        today = fields.Date.context_today(self)
        return self.search(
            [
                ("group_id", "in", groups.ids),
                ("state", "=", "confirmed"),
                ("semester_id.date_end", ">=", today),
            ]
        )
