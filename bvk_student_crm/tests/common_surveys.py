# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import fields

from .common import VALID_NEW_CODES
from .common_academic import BvkAcademicCommon


class BvkSurveyCommon(BvkAcademicCommon):
    """The academic fixtures with a confirmed autumn schedule (the exam
    course ends on 20.12.2026, the others have no end date: they end on
    their assessment date), three active students of T-BV-26-1, and the
    survey settings of the company: 5 answers shown, low average 3."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._confirm()
        cls.student3 = cls._create_student("Līga Kalniņa", VALID_NEW_CODES[0])
        cls.schedule.offering_ids._generate_obligations()
        cls.students = cls.student | cls.student2 | cls.student3
        cls.students.write({"state": "active"})
        cls.company.write(
            {
                "bvk_survey_min_answers": 5,
                "bvk_survey_low_score": 3.0,
                "bvk_survey_response_days": 14,
                "bvk_survey_reminder_days": 3,
            }
        )
        cls.Invitation = cls.env["bvk.survey.invitation"]
        # the campaigns of the demo data (if any) stay out of the way
        cls.env["bvk.survey.campaign"].search([("state", "=", "running")]).sudo().write(
            {"state": "closed"}
        )

    @classmethod
    def _campaign(cls, kind, start=True, **vals):
        vals.setdefault("date_start", date(2026, 12, 1))
        if kind in ("course", "semester"):
            vals.setdefault("semester_id", cls.autumn.id)
        if kind != "employer":
            vals.setdefault("program_ids", [fields.Command.set(cls.program.ids)])
        campaign = (
            cls.env["bvk.survey.campaign"]
            .with_user(cls.head)
            .create({"name": f"Test {kind}", "kind": kind, **vals})
        )
        if start:
            campaign.action_start()
        return campaign.with_user(cls.env.user)

    def _invite(self, day):
        return self.Invitation._bvk_invite(day)

    def _answer(self, invitation, scores, comment=None):
        """Answer ``invitation`` through its link token as its person would
        (the survey pages are tested over HTTP separately): one score per
        scale question, in order."""
        token = invitation._get_link_token()
        _invitation, answer = self.Invitation._bvk_open(invitation.id, token)
        self.assertTrue(answer, "the link opens an answer")
        questions = answer.survey_id.question_ids.sorted("sequence")
        scale = questions.filtered(lambda q: q.question_type == "scale")
        for question, score in zip(scale, scores, strict=False):
            answer._save_lines(question, str(score))
        if comment:
            text = questions.filtered(lambda q: q.question_type == "text_box")[:1]
            answer._save_lines(text, comment)
        answer._mark_done()
        # the completion hook of the survey pages, as it runs there
        invitation._bvk_mark_answered(token)
        return answer
