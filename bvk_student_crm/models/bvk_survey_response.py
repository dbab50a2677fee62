# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools

from .bvk_survey_campaign import CAMPAIGN_KINDS


class BvkSurveyResponse(models.Model):
    """Response rates of the campaigns: one row per invitation, without the
    person, by campaign, course, lecturer, programme and semester."""

    _name = "bvk.survey.response"
    _description = "Survey Response Rates"
    _auto = False
    _order = "campaign_id desc"
    _rec_name = "campaign_id"
    _depends = {
        "bvk.survey.invitation": [
            "campaign_id",
            "offering_id",
            "program_id",
            "state",
            "company_id",
        ],
        "bvk.survey.campaign": ["kind", "semester_id"],
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
    invited_count = fields.Integer(string="Invited", readonly=True)
    answered_count = fields.Integer(string="Answered", readonly=True)
    response_rate = fields.Float(
        string="Response Rate (%)", readonly=True, aggregator="avg", digits=(5, 1)
    )
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT inv.id AS id,
                       inv.campaign_id AS campaign_id,
                       campaign.kind AS kind,
                       inv.offering_id AS offering_id,
                       offering.course_id AS course_id,
                       offering.lecturer_id AS lecturer_id,
                       COALESCE(inv.program_id, offering.program_id) AS program_id,
                       COALESCE(offering.semester_id, campaign.semester_id)
                           AS semester_id,
                       1 AS invited_count,
                       CASE WHEN inv.state = 'answered' THEN 1 ELSE 0 END
                           AS answered_count,
                       CASE WHEN inv.state = 'answered' THEN 100.0 ELSE 0.0 END
                           AS response_rate,
                       inv.company_id AS company_id
                  FROM bvk_survey_invitation inv
                  JOIN bvk_survey_campaign campaign ON campaign.id = inv.campaign_id
             LEFT JOIN bvk_course_offering offering ON offering.id = inv.offering_id
            )
            """
        )
