# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError

CAMPAIGN_KINDS = [
    ("course", "Course Evaluation"),
    ("semester", "Semester Survey"),
    ("graduate", "Graduate Survey"),
    ("employer", "Employer Survey"),
]
# the default questionnaire of each kind (data, noupdate: editable)
QUESTIONNAIRES = {
    "course": "bvk_student_crm.survey_questionnaire_course",
    "semester": "bvk_student_crm.survey_questionnaire_semester",
    "graduate": "bvk_student_crm.survey_questionnaire_graduate",
    "employer": "bvk_student_crm.survey_questionnaire_employer",
}
# who starts and closes campaigns
MANAGER_GROUPS = (
    "bvk_student_crm.group_bvk_head",
    "bvk_student_crm.group_bvk_deputy_director",
)


class BvkSurveyCampaign(models.Model):
    """A feedback campaign (step 3.5): who is asked (course evaluation after
    each course, semester survey, graduates, employers), with which
    questionnaire (an Odoo ``survey.survey`` of its own), how long they have
    to answer and when they are reminded. The daily job sends the invitations
    (``bvk.survey.invitation``) once per person; answers are pseudo-anonymous
    (see ``survey.user_input``)."""

    _name = "bvk.survey.campaign"
    _description = "Survey Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin", "bvk.workflow.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _bvk_workflow_fields = (
        "state",
        "survey_id",
        "alert_offering_ids",
        "alert_program_ids",
    )
    _bvk_frozen_fields = ("kind", "semester_id", "date_start")

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        selection=CAMPAIGN_KINDS, required=True, default="course", tracking=True
    )
    state = fields.Selection(
        selection=[("draft", "Draft"), ("running", "Running"), ("closed", "Closed")],
        string="Status",
        required=True,
        default="draft",
        copy=False,
        tracking=True,
        index=True,
    )
    survey_id = fields.Many2one(
        comodel_name="survey.survey",
        string="Questionnaire",
        copy=False,
        readonly=True,
        ondelete="restrict",
        help="The campaign's own copy of the default questionnaire of its kind, "
        "made when the campaign starts.",
    )
    semester_id = fields.Many2one(
        comodel_name="bvk.semester",
        index=True,
        help="Semester survey: the semester asked about. Course evaluation: "
        "only the courses of this semester (empty: every course that ends "
        "while the campaign runs).",
    )
    program_ids = fields.Many2many(
        comodel_name="bvk.study.program",
        string="Programmes",
        help="Only students of these programmes (empty: all).",
    )
    date_start = fields.Date(
        string="Start Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="Invitations go out from this day: course evaluations for the "
        "courses that end from this day, graduate surveys for the graduations "
        "from this day.",
    )
    date_end = fields.Date(
        string="End Date",
        tracking=True,
        help="No invitations after this day (empty: until closed).",
    )
    response_days = fields.Integer(
        string="Days to Answer",
        default=lambda self: self.env.company.bvk_survey_response_days,
        required=True,
    )
    reminder_days = fields.Integer(
        string="Reminder (days before deadline)",
        default=lambda self: self.env.company.bvk_survey_reminder_days,
        help="Those who have not answered get one reminder this many days "
        "before their deadline (0: no reminder).",
    )
    low_score = fields.Float(
        string="Low Average",
        default=lambda self: self.env.company.bvk_survey_low_score,
        help="An average below this (scale 1–5) creates an activity for the "
        "programme director, once per course or programme.",
    )
    invitation_ids = fields.One2many(
        comodel_name="bvk.survey.invitation",
        inverse_name="campaign_id",
        string="Invitations",
    )
    invited_count = fields.Integer(string="Invited", compute="_compute_counts")
    answered_count = fields.Integer(string="Answered", compute="_compute_counts")
    response_rate = fields.Float(
        string="Response Rate (%)", compute="_compute_counts", digits=(5, 1)
    )
    alert_offering_ids = fields.Many2many(
        comodel_name="bvk.course.offering",
        string="Low Average Reported (Courses)",
        readonly=True,
        copy=False,
    )
    alert_program_ids = fields.Many2many(
        comodel_name="bvk.study.program",
        relation="bvk_survey_campaign_alert_program_rel",
        string="Low Average Reported (Programmes)",
        readonly=True,
        copy=False,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    def _compute_counts(self):
        counts = {
            (campaign.id, state): count
            for campaign, state, count in self.env["bvk.survey.invitation"]
            .sudo()
            ._read_group(
                [("campaign_id", "in", self.ids)], ["campaign_id", "state"], ["__count"]
            )
        }
        for campaign in self:
            invited = sum(
                counts.get((campaign.id, state), 0)
                for state in ("invited", "answered", "expired")
            )
            answered = counts.get((campaign.id, "answered"), 0)
            campaign.invited_count = invited
            campaign.answered_count = answered
            campaign.response_rate = 100.0 * answered / invited if invited else 0.0

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("kind", "semester_id", "date_start", "date_end", "response_days")
    def _check_campaign(self):
        for campaign in self:
            if campaign.kind == "semester" and not campaign.semester_id:
                raise ValidationError(
                    self.env._("A semester survey needs its semester.")
                )
            if campaign.date_end and campaign.date_end < campaign.date_start:
                raise ValidationError(
                    self.env._(
                        "The campaign %(campaign)s ends before it starts.",
                        campaign=campaign.name,
                    )
                )
            if campaign.response_days < 1 or campaign.reminder_days < 0:
                raise ValidationError(
                    self.env._(
                        "A campaign needs at least one day to answer and no "
                        "negative reminder days."
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if any(campaign.state != "draft" for campaign in self):
            raise UserError(
                self.env._("Only a draft campaign can be deleted; close it instead.")
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_start(self):
        """Draft → running, with a copy of the kind's default questionnaire:
        the daily job sends the invitations from the start date."""
        self._bvk_check_groups(
            *MANAGER_GROUPS,
            message=self.env._(
                "Only the Study Support Centre head, the deputy director for "
                "studies or the director start survey campaigns."
            ),
        )
        self._bvk_check_state("draft", action=self.env._("start"))
        for campaign in self:
            vals = {"state": "running"}
            if not campaign.survey_id:
                vals["survey_id"] = campaign._bvk_copy_questionnaire().id
            campaign._bvk_write(vals)
        return True

    def action_close(self):
        """Running → closed: no new invitations, open ones expire (their
        links stop working)."""
        self._bvk_check_groups(
            *MANAGER_GROUPS,
            message=self.env._(
                "Only the Study Support Centre head, the deputy director for "
                "studies or the director close survey campaigns."
            ),
        )
        self._bvk_check_state("running", action=self.env._("close"))
        self._bvk_write({"state": "closed"})
        self.env["bvk.survey.invitation"].sudo().search(
            [("campaign_id", "in", self.ids), ("state", "=", "invited")]
        ).write({"state": "expired"})
        return True

    def action_view_invitations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bvk_student_crm.bvk_survey_invitation_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"default_campaign_id": self.id}
        return action

    def action_view_results(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bvk_student_crm.bvk_survey_result_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        return action

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _bvk_copy_questionnaire(self):
        """The campaign's own survey: a copy of its kind's questionnaire,
        reachable only through the personal links (access by token, no
        login, no contact asked)."""
        self.ensure_one()
        template = self.env.ref(QUESTIONNAIRES[self.kind]).sudo()
        survey = template.copy(
            {
                "access_mode": "token",
                "users_login_required": False,
                "is_attempts_limited": False,
                # Odoo makes every internal user a Survey Officer: restricted
                # to the superuser, the campaign's survey and its answers are
                # read in the back office by the Survey Administrators only
                "user_id": SUPERUSER_ID,
                "restrict_user_ids": [fields.Command.set([SUPERUSER_ID])],
            }
        )
        # the copy keeps the questionnaire's title in every language (Odoo
        # names a copy "… (copy)")
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        for lang in sorted(langs, key=lambda code: code != "en_US"):
            survey.with_context(lang=lang).title = template.with_context(
                lang=lang
            ).title
        return survey

    def _bvk_deadline(self, today):
        self.ensure_one()
        return fields.Date.add(today, days=self.response_days)

    # ------------------------------------------------------------
    # LOW AVERAGES
    # ------------------------------------------------------------

    @api.model
    def _bvk_alert_low_scores(self):
        """An average below the campaign's threshold, once enough people have
        answered, creates one activity for the programme director: per course
        (course evaluations) or per programme (the other kinds)."""
        for campaign in self.search([("state", "in", ("running", "closed"))]):
            if campaign.kind == "course":
                campaign._bvk_alert_courses()
            else:
                campaign._bvk_alert_programs()

    def _bvk_alert_courses(self):
        self.ensure_one()
        minimum = self.company_id.bvk_survey_min_answers
        groups = (
            self.env["bvk.survey.result"]
            .sudo()
            ._read_group(
                [
                    ("campaign_id", "=", self.id),
                    ("offering_id", "!=", False),
                    ("offering_id", "not in", self.alert_offering_ids.ids),
                    ("answer_count", ">=", minimum),
                ],
                ["offering_id"],
                ["score:avg"],
            )
        )
        for offering, average in groups:
            director = offering.program_id.director_id
            if average is None or average >= self.low_score or not director:
                continue
            self._bvk_schedule_alert(
                director,
                self.env._(
                    "Low course evaluation: %(course)s",
                    course=offering.display_name,
                ),
                self.env._(
                    "The course %(course)s has an average of %(average).2f in "
                    "the campaign %(campaign)s (threshold %(threshold).2f).",
                    course=offering.display_name,
                    average=average,
                    campaign=self.name,
                    threshold=self.low_score,
                ),
            )
            self.sudo().write(
                {"alert_offering_ids": [fields.Command.link(offering.id)]}
            )

    def _bvk_alert_programs(self):
        self.ensure_one()
        minimum = self.company_id.bvk_survey_min_answers
        counts = dict(
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [
                    ("bvk_campaign_id", "=", self.id),
                    ("state", "=", "done"),
                    ("test_entry", "=", False),
                    ("bvk_program_id", "!=", False),
                ],
                ["bvk_program_id"],
                ["__count"],
            )
        )
        groups = (
            self.env["bvk.survey.result"]
            .sudo()
            ._read_group(
                [
                    ("campaign_id", "=", self.id),
                    ("program_id", "in", [p.id for p in counts]),
                    ("program_id", "not in", self.alert_program_ids.ids),
                ],
                ["program_id"],
                ["score:avg"],
            )
        )
        for program, average in groups:
            director = program.director_id
            if (
                average is None
                or counts.get(program, 0) < minimum
                or average >= self.low_score
                or not director
            ):
                continue
            self._bvk_schedule_alert(
                director,
                self.env._(
                    "Low survey average: %(program)s", program=program.display_name
                ),
                self.env._(
                    "The programme %(program)s has an average of %(average).2f "
                    "in the campaign %(campaign)s (threshold %(threshold).2f).",
                    program=program.display_name,
                    average=average,
                    campaign=self.name,
                    threshold=self.low_score,
                ),
            )
            self.sudo().write({"alert_program_ids": [fields.Command.link(program.id)]})

    def _bvk_schedule_alert(self, user, summary, note):
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo", user_id=user.id, summary=summary, note=note
        )
