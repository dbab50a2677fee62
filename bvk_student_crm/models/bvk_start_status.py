# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from .bvk_start_notice import START_WINDOW
from .bvk_student_group_start import START_MISSING

REASONS = [
    *START_MISSING,
    ("no_contract", "The study contract is not signed"),
    ("no_email", "The student has no e-mail address"),
    ("scheduled", "Not due yet"),
    ("due", "Due: goes out with the next run"),
]


class BvkStartStatus(models.Model):
    """Who has been told that studies start, who not and why (step 2): the
    list the SSC head checks a week before studies begin. One row per
    student of a group whose studies start: a first day from two weeks ago
    on or, for a group without a first day yet, a study contract of one of
    its students starting from two weeks ago on."""

    _name = "bvk.start.status"
    _description = "Start-of-Studies E-mail Status"
    _auto = False
    _order = "first_day_date, group_id, student_id"
    _rec_name = "student_id"
    # flushed before the view is read
    _depends = {
        "bvk.student": ["group_id", "partner_id", "state", "active"],
        "bvk.student.group": [
            "first_day_date",
            "start_missing",
            "program_id",
            "coordinator_id",
            "company_id",
            "active",
        ],
        "bvk.study.contract": ["student_id", "state", "date_start"],
        "bvk.start.notice": ["student_id", "group_id", "date_sent", "send_count"],
        "res.company": ["bvk_start_notice_days"],
        "res.partner": ["email"],
    }

    student_id = fields.Many2one(comodel_name="bvk.student", readonly=True)
    group_id = fields.Many2one(comodel_name="bvk.student.group", readonly=True)
    program_id = fields.Many2one(
        comodel_name="bvk.study.program", string="Programme", readonly=True
    )
    coordinator_id = fields.Many2one(comodel_name="res.users", readonly=True)
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    first_day_date = fields.Date(string="First Study Day", readonly=True)
    send_date = fields.Date(string="E-mail Due On", readonly=True)
    notice_id = fields.Many2one(
        comodel_name="bvk.start.notice", string="E-mail", readonly=True
    )
    date_sent = fields.Datetime(string="Sent On", readonly=True)
    send_count = fields.Integer(string="Times Sent", readonly=True)
    state = fields.Selection(
        selection=[("informed", "Informed"), ("not_informed", "Not informed")],
        string="Status",
        readonly=True,
    )
    reason = fields.Selection(selection=REASONS, string="Why Not", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT
                    s.id AS id,
                    s.id AS student_id,
                    g.id AS group_id,
                    g.program_id AS program_id,
                    g.coordinator_id AS coordinator_id,
                    g.company_id AS company_id,
                    g.first_day_date AS first_day_date,
                    g.first_day_date - COALESCE(c.bvk_start_notice_days, 0)
                        AS send_date,
                    n.id AS notice_id,
                    n.date_sent AS date_sent,
                    n.send_count AS send_count,
                    CASE WHEN n.id IS NOT NULL THEN 'informed'
                         ELSE 'not_informed' END AS state,
                    CASE
                        WHEN n.id IS NOT NULL THEN NULL
                        WHEN g.start_missing IS NOT NULL THEN g.start_missing
                        WHEN NOT EXISTS (
                            SELECT 1 FROM bvk_study_contract k
                            WHERE k.student_id = s.id
                              AND k.state IN ('signed', 'active')
                              AND k.date_start >= g.first_day_date - %(window)s
                        ) THEN 'no_contract'
                        WHEN COALESCE(p.email, '') = '' THEN 'no_email'
                        WHEN g.first_day_date - COALESCE(c.bvk_start_notice_days, 0)
                            > CURRENT_DATE THEN 'scheduled'
                        ELSE 'due'
                    END AS reason
                FROM bvk_student s
                JOIN bvk_student_group g ON g.id = s.group_id
                JOIN res_company c ON c.id = g.company_id
                JOIN res_partner p ON p.id = s.partner_id
                LEFT JOIN bvk_start_notice n
                    ON n.student_id = s.id AND n.group_id = g.id
                WHERE s.active AND g.active
                  AND s.state IN ('applicant', 'active')
                  AND (
                      -- a group that starts: its students, but not those
                      -- who continue (a contract that began long before)
                      (
                          g.first_day_date >= CURRENT_DATE - 14
                          AND (
                              n.id IS NOT NULL
                              OR NOT EXISTS (
                                  SELECT 1 FROM bvk_study_contract k
                                  WHERE k.student_id = s.id
                                    AND k.state IN ('signed', 'active')
                                    AND k.date_start < g.first_day_date - %(window)s
                              )
                          )
                      )
                      -- a group without a first day: the students whose
                      -- contract starts
                      OR (
                          g.first_day_date IS NULL
                          AND EXISTS (
                              SELECT 1 FROM bvk_study_contract k
                              WHERE k.student_id = s.id
                                AND k.state IN ('draft', 'signed', 'active')
                                AND k.date_start >= CURRENT_DATE - 14
                          )
                      )
                  )
            )
            """,
                table=SQL.identifier(self._table),
                window=START_WINDOW,
            )
        )
