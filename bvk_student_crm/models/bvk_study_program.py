# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import html2plaintext


class BvkStudyProgram(models.Model):
    _name = "bvk.study.program"
    _description = "Study Programme"
    _inherit = ["mail.thread"]
    _order = "code, id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    code = fields.Char(required=True, tracking=True)
    name = fields.Char(required=True, translate=True, tracking=True)
    level = fields.Selection(
        selection=[
            ("short_cycle", "Short-cycle professional higher education"),
            ("bachelor", "Professional bachelor"),
            ("other", "Other"),
        ],
        required=True,
        default="short_cycle",
        tracking=True,
    )
    study_form = fields.Selection(
        selection=[
            ("full_time", "Full-time"),
            ("part_time", "Part-time"),
            ("remote", "Remote"),
        ],
        string="Form of Study",
        required=True,
        default="full_time",
        tracking=True,
    )
    qualification = fields.Char(
        translate=True,
        help="Degree or professional qualification awarded, as printed on the "
        "study contract.",
    )
    duration_semesters = fields.Integer(
        string="Length (semesters)", required=True, default=4, tracking=True
    )
    credits = fields.Float(digits=(6, 1), tracking=True)
    credit_unit = fields.Selection(
        selection=[("kp", "KP"), ("ects", "ECTS")],
        required=True,
        default="kp",
        help="KP since 11.10.2022 equal ECTS; older programmes count 1 KP as "
        "1.5 ECTS. Store the unit the programme is accredited in.",
    )
    director_id = fields.Many2one(
        comodel_name="res.users",
        string="Programme Director",
        tracking=True,
        check_company=True,
        domain=[("share", "=", False)],
    )
    tuition_per_semester = fields.Monetary(
        string="Tuition per Semester", currency_field="currency_id", tracking=True
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    active = fields.Boolean(default=True)
    group_ids = fields.One2many(
        comodel_name="bvk.student.group", inverse_name="program_id", string="Groups"
    )
    student_count = fields.Integer(compute="_compute_student_count")
    tuition_total = fields.Monetary(
        compute="_compute_tuition_total",
        currency_field="currency_id",
        help="Tuition per semester × length in semesters.",
    )

    # Start of studies (step 2): what every student of the programme needs
    # before the first study day (the college's IS and its LMS)
    start_instructions = fields.Html(
        string="IS and LMS Instructions",
        translate=True,
        help="How to log in to the college's information system and its "
        "learning management system (LMS), sent in the start-of-studies e-mail.",
    )
    start_attachment_ids = fields.Many2many(
        comodel_name="ir.attachment",
        relation="bvk_study_program_start_attachment_rel",
        column1="program_id",
        column2="attachment_id",
        string="Instruction Files",
        help="Attached to the start-of-studies e-mail.",
    )
    has_start_instructions = fields.Boolean(
        string="Has Instructions",
        compute="_compute_has_start_instructions",
        store=True,
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The programme code must be unique per company.",
        ),
        (
            "duration_positive",
            "CHECK(duration_semesters > 0)",
            "A programme lasts at least one semester.",
        ),
        (
            "tuition_not_negative",
            "CHECK(tuition_per_semester >= 0)",
            "The tuition cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    def _compute_student_count(self):
        counts = dict(
            self.env["bvk.student"]._read_group(
                [("program_id", "in", self.ids)], ["program_id"], ["__count"]
            )
        )
        for program in self:
            program.student_count = counts.get(program, 0)

    @api.depends("tuition_per_semester", "duration_semesters")
    def _compute_tuition_total(self):
        for program in self:
            program.tuition_total = (
                program.tuition_per_semester * program.duration_semesters
            )

    @api.depends("start_instructions")
    def _compute_has_start_instructions(self):
        for program in self:
            program.has_start_instructions = bool(
                html2plaintext(program.start_instructions or "").strip()
            )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for program in self:
            program.display_name = (
                f"[{program.code}] {program.name}" if program.code else program.name
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_students(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bvk_student_crm.bvk_student_action"
        )
        action["domain"] = [("program_id", "=", self.id)]
        action["context"] = {"default_program_id": self.id}
        return action
