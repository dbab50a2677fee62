# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools

from .bvk_survey_campaign import CAMPAIGN_KINDS


class BvkSurveyResult(models.Model):
    """Scores of the campaigns' answers, one row per scale question
    answered, for the list, pivot and graph views: average per question by
    campaign, course, lecturer, programme and semester.

    No row names a person or an answer: rows carry the dimensions of the
    answer and ``answer_count``, the number of completed answers of the same
    campaign and course (or campaign), which the record rules compare with
    the company's minimum (``bvk_survey_min_answers``) before anybody sees
    them."""

    _name = "bvk.survey.result"
    _description = "Survey Results"
    _auto = False
    _order = "campaign_id desc, question_id"
    _rec_name = "question_id"
    _depends = {
        "survey.user_input": [
            "state",
            "test_entry",
            "bvk_campaign_id",
            "bvk_offering_id",
            "bvk_program_id",
            "bvk_semester_id",
        ],
        "survey.user_input.line": [
            "user_input_id",
            "question_id",
            "answer_type",
            "value_scale",
            "skipped",
        ],
        "bvk.survey.campaign": ["kind", "semester_id", "company_id"],
        "bvk.course.offering": [
            "course_id",
            "lecturer_id",
            "program_id",
            "semester_id",
        ],
    }

    campaign_id = fields.Many2one(comodel_name="bvk.survey.campaign", readonly=True)
    kind = fields.Selection(selection=CAMPAIGN_KINDS, readonly=True)
    offering_id = fields.Many2one(
        comodel_name="bvk.course.offering", string="Course Offering", readonly=True
    )
    course_id = fields.Many2one(comodel_name="bvk.course", readonly=True)
    lecturer_id = fields.Many2one(comodel_name="res.users", readonly=True)
    program_id = fields.Many2one(
        comodel_name="bvk.study.program", string="Programme", readonly=True
    )
    semester_id = fields.Many2one(comodel_name="bvk.semester", readonly=True)
    question_id = fields.Many2one(comodel_name="survey.question", readonly=True)
    score = fields.Float(string="Average Score", readonly=True, aggregator="avg")
    answer_count = fields.Integer(
        string="Answers of the Course",
        readonly=True,
        aggregator="max",
        help="Completed answers of the campaign and course (or campaign).",
    )
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                WITH answers AS (
                    SELECT ui.id, ui.bvk_campaign_id, ui.bvk_offering_id,
                           ui.bvk_program_id, ui.bvk_semester_id,
                           COUNT(*) OVER (
                               PARTITION BY ui.bvk_campaign_id, ui.bvk_offering_id
                           ) AS answer_count
                      FROM survey_user_input ui
                     WHERE ui.bvk_campaign_id IS NOT NULL
                       AND ui.state = 'done'
                       AND NOT COALESCE(ui.test_entry, FALSE)
                )
                SELECT line.id AS id,
                       a.bvk_campaign_id AS campaign_id,
                       campaign.kind AS kind,
                       a.bvk_offering_id AS offering_id,
                       offering.course_id AS course_id,
                       offering.lecturer_id AS lecturer_id,
                       COALESCE(a.bvk_program_id, offering.program_id) AS program_id,
                       COALESCE(a.bvk_semester_id, offering.semester_id,
                                campaign.semester_id) AS semester_id,
                       line.question_id AS question_id,
                       line.value_scale::float AS score,
                       a.answer_count AS answer_count,
                       campaign.company_id AS company_id
                  FROM survey_user_input_line line
                  JOIN answers a ON a.id = line.user_input_id
                  JOIN bvk_survey_campaign campaign ON campaign.id = a.bvk_campaign_id
             LEFT JOIN bvk_course_offering offering ON offering.id = a.bvk_offering_id
                 WHERE line.answer_type = 'scale'
                   AND NOT COALESCE(line.skipped, FALSE)
            )
            """
        )
