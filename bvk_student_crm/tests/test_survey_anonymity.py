# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pseudo-anonymity of the survey campaigns: who answered is known, what
they answered is not tied to them anywhere the back office reaches (ORM,
exports, Odoo's survey result and print pages), whoever asks, the
administrator included."""

import re
from datetime import date
from urllib.parse import urlparse

from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from .common_surveys import BvkSurveyCommon

CSRF_RE = re.compile(
    r"(input.+csrf_token.+value=\")([a-f0-9]{40}o[0-9]*)", re.MULTILINE
)


@tagged("post_install", "-at_install")
@freeze_time("2026-12-02")
class TestSurveyAnonymity(HttpCase, BvkSurveyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls._campaign("semester")
        cls.Invitation._bvk_invite(date(2026, 12, 1))
        cls.invitation = cls.campaign.invitation_ids.filtered(
            lambda i: i.student_id == cls.student
        )
        cls.survey = cls.campaign.survey_id
        cls.admin = cls.env.ref("base.user_admin")

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _answer_over_http(self, invitation, score="4"):
        path = urlparse(invitation._get_personal_url()).path
        response = self.url_open(path)
        self.assertEqual(response.status_code, 200)
        answer_token = response.url.rstrip("/").rsplit("/", 1)[-1]
        self.assertIn(self.survey.access_token, response.url)
        csrf = CSRF_RE.search(response.text).groups()[1]
        base = self.survey.get_base_url()
        self.opener.post(
            url=f"{base}/survey/begin/{self.survey.access_token}/{answer_token}",
            json={},
        )
        post = {"csrf_token": csrf, "token": answer_token, "button_submit": "next"}
        for question in self.survey.question_ids:
            post[str(question.id)] = (
                score if question.question_type == "scale" else "Very good, thanks"
            )
        response = self.opener.post(
            url=f"{base}/survey/submit/{self.survey.access_token}/{answer_token}",
            json={"params": post},
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("error", response.json().get("result", [{}, {}])[1])
        self.env.invalidate_all()
        answer = self.env["survey.user_input"].search(
            [("access_token", "=", answer_token)]
        )
        self.assertEqual(answer.state, "done")
        return answer

    def _assert_anonymous(self, answer, person):
        self.assertRecordValues(
            answer,
            [
                {
                    "partner_id": False,
                    "email": False,
                    "nickname": False,
                    "invite_token": False,
                    "create_uid": SUPERUSER_ID,
                    "write_uid": SUPERUSER_ID,
                }
            ],
        )
        self.assertEqual(answer.user_input_line_ids.create_uid.ids, [SUPERUSER_ID])
        self.assertEqual(answer.user_input_line_ids.write_uid.ids, [SUPERUSER_ID])
        self.assertFalse(answer.message_partner_ids)
        self.assertNotIn(person.partner_id, answer.message_ids.author_id)
        for user in person.partner_id.user_ids:
            self.assertNotIn(user, answer.create_uid | answer.write_uid)

    # ------------------------------------------------------------
    # Answering
    # ------------------------------------------------------------

    def test_answer_through_the_personal_link(self):
        answer = self._answer_over_http(self.invitation)
        self.assertEqual(self.invitation.state, "answered", "marked by the hook")
        self._assert_anonymous(answer, self.student)
        self.assertEqual(answer.bvk_campaign_id, self.campaign)
        self.assertEqual(answer.bvk_program_id, self.program)
        # the link cannot be used twice
        path = urlparse(self.invitation._get_personal_url()).path
        self.url_open(path)
        self.assertEqual(
            self.env["survey.user_input"].search_count(
                [("bvk_campaign_id", "=", self.campaign.id)]
            ),
            1,
        )

    def test_a_student_logged_in_to_the_portal_leaves_no_trace(self):
        portal = new_test_user(
            self.env,
            login="bvk_portal_student",
            groups="base.group_portal",
            partner_id=self.student.partner_id.id,
        )
        # the portal lists the student's own invitations only
        self.assertEqual(
            self.env["bvk.survey.invitation"].with_user(portal).search([]),
            self.invitation,
        )
        self.assertTrue(self.invitation._get_personal_url().startswith("http"))
        self.authenticate(portal.login, portal.login)
        answer = self._answer_over_http(self.invitation)
        self.assertEqual(self.invitation.state, "answered")
        self._assert_anonymous(answer, self.student)

    def test_closed_after_the_deadline_over_http(self):
        path = urlparse(self.invitation._get_personal_url()).path
        self.url_open(path)  # opened, not answered
        other = self.campaign.invitation_ids.filtered(
            lambda i: i.student_id == self.student2
        )
        with freeze_time("2026-12-16"):
            for invitation in self.invitation | other:
                response = self.url_open(urlparse(invitation._get_personal_url()).path)
                self.assertEqual(response.status_code, 200)
                self.assertIn("This survey is now closed", response.text)
            answer = self.env["survey.user_input"].search(
                [("bvk_campaign_id", "=", self.campaign.id)]
            )
            self.assertEqual(len(answer), 1, "no answer made after the deadline")
            self.assertEqual(answer.state, "new")
            # Odoo's own pages refuse the answer after its deadline too
            response = self.url_open(
                f"/survey/start/{self.survey.access_token}"
                f"?answer_token={answer.access_token}"
            )
            self.assertIn("This survey is now closed", response.text)

    def test_a_forged_link_is_not_found(self):
        response = self.url_open(f"/bvk/survey/{self.invitation.id}/forged")
        self.assertEqual(response.status_code, 404)

    # ------------------------------------------------------------
    # Nothing links an answer to its person
    # ------------------------------------------------------------

    def test_no_relation_between_invitations_and_answers(self):
        Fields = self.env["ir.model.fields"]
        self.assertFalse(
            Fields.search(
                [
                    ("model", "=", "bvk.survey.invitation"),
                    (
                        "relation",
                        "in",
                        ["survey.user_input", "survey.user_input.line"],
                    ),
                ]
            )
        )
        self.assertFalse(
            Fields.search(
                [
                    ("model", "in", ["survey.user_input", "survey.user_input.line"]),
                    ("relation", "in", ["bvk.survey.invitation", "bvk.student"]),
                ]
            )
        )
        self.assertFalse(
            Fields.search(
                [
                    ("model", "=", "bvk.survey.invitation"),
                    ("name", "ilike", "token"),
                ]
            )
        )

    def test_back_office_users_cannot_read_answers(self):
        self._answer_over_http(self.invitation)
        for user in (self.lecturer, self.coordinator, self.head, self.director):
            self.env.invalidate_all()
            with self.assertRaises(AccessError):
                self.env["survey.user_input"].with_user(user).search([])
            # the SSC reads who has answered; lecturers not even that
            if user == self.lecturer:
                with self.assertRaises(AccessError):
                    self.invitation.with_user(user).read(["state"])
            else:
                values = self.invitation.with_user(user).read()[0]
                self.assertEqual(values["state"], "answered")

    def test_survey_officers_do_not_read_campaign_answers(self):
        answer = self._answer_over_http(self.invitation)
        officer = new_test_user(
            self.env,
            login="bvk_survey_officer",
            groups="bvk_student_crm.group_bvk_head,survey.group_survey_user",
        )
        self.env.invalidate_all()
        UserInput = self.env["survey.user_input"].with_user(officer)
        self.assertFalse(UserInput.search([("id", "=", answer.id)]))
        self.assertFalse(
            self.env["survey.user_input.line"]
            .with_user(officer)
            .search([("user_input_id", "=", answer.id)])
        )
        with self.assertRaises(AccessError):
            self.survey.with_user(officer).read(["title"])
        self.authenticate(officer.login, officer.login)
        response = self.url_open(f"/survey/results/{self.survey.id}")
        self.assertNotIn("Very good, thanks", response.text)

    def _export_everything(self, records):
        """Every field the export dialog offers on ``records`` (and the
        display name and id of every related record)."""
        paths = []
        for name, field in records._fields.items():
            if not field.exportable:
                continue
            if field.type in ("many2one", "one2many", "many2many"):
                paths += [f"{name}/id", f"{name}/display_name"]
            else:
                paths.append(name)
        return records.export_data(paths)["datas"]

    def test_exports_as_the_administrator(self):
        answer = self._answer_over_http(self.invitation)
        person = self.student.partner_id
        secrets = {person.name, person.email, self.invitation._get_link_token()}
        answers = self.env["survey.user_input"].with_user(self.admin)
        rows = self._export_everything(answers.browse(answer.ids))
        rows += self._export_everything(
            self.env["survey.user_input.line"]
            .with_user(self.admin)
            .browse(answer.user_input_line_ids.ids)
        )
        cells = [str(cell) for row in rows for cell in row]
        for secret in secrets:
            self.assertFalse([c for c in cells if secret in c], secret)
        # and the invitation's export holds nothing of the answer
        rows = self._export_everything(
            self.env["bvk.survey.invitation"]
            .with_user(self.admin)
            .browse(self.invitation.ids)
        )
        cells = [str(cell) for row in rows for cell in row]
        self.assertFalse([c for c in cells if answer.access_token in c])

    def test_result_and_print_pages_name_nobody(self):
        answer = self._answer_over_http(self.invitation)
        person = self.student.partner_id
        self.authenticate("admin", "admin")
        for url in (
            f"/survey/results/{self.survey.id}",
            f"/survey/print/{self.survey.access_token}"
            f"?answer_token={answer.access_token}",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertIn("Very good, thanks", response.text)
            for secret in (person.name, person.email, "Priede"):
                self.assertNotIn(secret, response.text, url)
