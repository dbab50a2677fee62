# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common_orders import BvkOrderCommon
from .common_surveys import BvkSurveyCommon


@tagged("post_install", "-at_install")
class TestSurveyCampaigns(BvkSurveyCommon):
    # ------------------------------------------------------------
    # Who is invited, when, once
    # ------------------------------------------------------------

    def test_course_evaluation_after_the_course_ends(self):
        campaign = self._campaign("course")
        # the exam course ends on 20.12.2026: nothing on its last day
        self._invite(date(2026, 12, 20))
        self.assertFalse(campaign.invitation_ids)
        self._invite(date(2026, 12, 21))
        invitations = campaign.invitation_ids
        self.assertEqual(invitations.student_id, self.students)
        self.assertEqual(invitations.offering_id, self.offer_exam)
        self.assertRecordValues(
            invitations[:1],
            [
                {
                    "state": "invited",
                    "date_invited": date(2026, 12, 21),
                    "date_deadline": date(2027, 1, 4),
                    "program_id": self.program.id,
                }
            ],
        )
        # re-run: nobody twice; the courses ending later come in their turn
        self._invite(date(2026, 12, 22))
        self.assertEqual(len(campaign.invitation_ids), 3)
        self._invite(date(2027, 1, 26))
        by_offering = campaign.invitation_ids.grouped("offering_id")
        self.assertEqual(
            set(by_offering),
            {self.offer_exam, self.offer_test, self.offer_project},
        )
        self.assertEqual(len(campaign.invitation_ids), 9)

    def test_course_evaluation_mail_has_the_personal_link(self):
        campaign = self._campaign("course")
        self._invite(date(2026, 12, 21))
        invitation = campaign.invitation_ids.filtered(
            lambda i: i.student_id == self.student
        )
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", invitation._name),
                ("res_id", "=", invitation.id),
            ]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn(invitation._get_personal_url(), mail.body_html)
        self.assertIn("Management", mail.body_html)
        self.assertTrue(mail.auto_delete)
        self.assertEqual(mail.recipient_ids, self.student.partner_id)

    def test_each_mail_has_its_own_name_and_link(self):
        # three invitations of one deadline and language: the third mail is
        # derived from the first (see _bvk_send)
        campaign = self._campaign("semester")
        self._invite(date(2026, 12, 1))
        invitations = campaign.invitation_ids
        self.assertEqual(len(invitations), 3)
        for invitation in invitations:
            mail = self.env["mail.mail"].search(
                [("model", "=", invitation._name), ("res_id", "=", invitation.id)]
            )
            self.assertEqual(mail.recipient_ids, invitation.partner_id)
            self.assertIn(invitation._get_personal_url(), mail.body_html)
            self.assertIn(invitation.partner_id.name, mail.body_html)
            for other in invitations - invitation:
                self.assertNotIn(other._get_personal_url(), mail.body_html)
                self.assertNotIn(other.partner_id.name, mail.body_html)
            self.assertIn("Student survey of the semester", mail.subject)
            self.assertTrue(mail.auto_delete)

    def test_in_latvian_for_a_latvian_student(self):
        self.env["res.lang"]._activate_lang("lv_LV")
        self.env["ir.module.module"]._load_module_terms(
            ["bvk_student_crm"], ["lv_LV"], overwrite=True
        )
        self.student.lang = "lv_LV"
        campaign = self._campaign("course")
        self._invite(date(2026, 12, 21))
        invitation = campaign.invitation_ids.filtered(
            lambda i: i.student_id == self.student
        )
        mail = self.env["mail.mail"].search(
            [("model", "=", invitation._name), ("res_id", "=", invitation.id)]
        )
        self.assertIn("Studiju kursa novērtējums", mail.subject)
        self.assertIn("Labdien, Anna Priede", mail.body_html)
        self.assertIn("Lūdzam atbildēt līdz 04.01.2027", mail.body_html)
        question = campaign.survey_id.question_ids.sorted("sequence")[:1]
        self.assertEqual(
            question.with_context(lang="lv_LV").title,
            "Studiju kursa saturs bija noderīgs manām studijām.",
        )

    def test_semester_survey_once(self):
        campaign = self._campaign("semester")
        self.student3.state = "academic_leave"
        done, remaining = self._invite(date(2026, 12, 1))
        self.assertEqual(
            campaign.invitation_ids.student_id, self.student | self.student2
        )
        self.assertEqual((done, remaining), (2, 0))
        self.student3.state = "active"
        self.assertEqual(self._invite(date(2026, 12, 2)), (1, 0))
        self.assertEqual(self._invite(date(2026, 12, 3)), (0, 0))
        self.assertEqual(len(campaign.invitation_ids), 3)

    def test_batches_report_what_remains(self):
        campaign = self._campaign("semester")
        self.assertEqual(
            self.Invitation._bvk_invite(date(2026, 12, 1), limit=2), (2, 1)
        )
        self.assertEqual(
            self.Invitation._bvk_invite(date(2026, 12, 1), limit=2), (1, 0)
        )
        self.assertEqual(len(campaign.invitation_ids), 3)

    def test_a_person_is_invited_once_per_campaign_by_the_database(self):
        campaign = self._campaign("semester")
        self._invite(date(2026, 12, 1))
        invitation = campaign.invitation_ids[:1]
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.Invitation.sudo().create(
                {
                    "campaign_id": campaign.id,
                    "partner_id": invitation.partner_id.id,
                    "company_id": campaign.company_id.id,
                }
            )

    def test_draft_and_future_campaigns_invite_nobody(self):
        draft = self._campaign("semester", start=False)
        later = self._campaign("semester", date_start=date(2027, 1, 10))
        self._invite(date(2026, 12, 5))
        self.assertFalse(draft.invitation_ids | later.invitation_ids)

    def test_employer_survey(self):
        employer = self.env["res.partner"].create(
            {
                "name": "SIA Darba Devējs",
                "is_company": True,
                "email": "hr@devejs.lv",
                "bvk_is_employer": True,
            }
        )
        internship = self.env["res.partner"].create(
            {
                "name": "SIA Prakse",
                "is_company": True,
                "email": "prakse@prakse.lv",
                "bvk_is_internship_place": True,
            }
        )
        self.env["res.partner"].create(
            {"name": "SIA Bez E-pasta", "bvk_is_employer": True}
        )
        campaign = self._campaign("employer")
        self._invite(date(2026, 12, 1))
        invited = campaign.invitation_ids.partner_id
        self.assertIn(employer, invited)
        self.assertIn(internship, invited)
        self.assertFalse(invited.filtered(lambda p: not p.email))
        self.assertFalse(campaign.invitation_ids.student_id)
        # once: the next days invite only employers marked since
        count = len(campaign.invitation_ids)
        self._invite(date(2026, 12, 2))
        self.assertEqual(len(campaign.invitation_ids), count)
        later = employer.copy({"name": "SIA Jauns Darba Devējs", "email": "a@b.lv"})
        self._invite(date(2026, 12, 3))
        self.assertEqual(len(campaign.invitation_ids), count + 1)
        self.assertIn(later, campaign.invitation_ids.partner_id)

    # ------------------------------------------------------------
    # Reminders and the deadline
    # ------------------------------------------------------------

    def test_one_reminder_to_those_who_have_not_answered(self):
        campaign = self._campaign("semester")
        self._invite(date(2026, 12, 1))
        answered, *others = campaign.invitation_ids.sorted("id")
        self._answer(answered, [4, 4, 4, 4, 4])
        self.assertEqual(answered.state, "answered")
        # deadline 15.12, reminder 3 days before
        self.assertEqual(self.Invitation._bvk_remind(date(2026, 12, 11)), 0)
        self.assertEqual(self.Invitation._bvk_remind(date(2026, 12, 12)), 2)
        self.assertFalse(answered.date_reminded)
        self.assertEqual({i.date_reminded for i in others}, {date(2026, 12, 12)})
        mails = self.env["mail.mail"].search(
            [("model", "=", self.Invitation._name), ("subject", "ilike", "reminder")]
        )
        self.assertEqual(
            mails.recipient_ids, others[0].partner_id | others[1].partner_id
        )
        # once
        self.assertEqual(self.Invitation._bvk_remind(date(2026, 12, 13)), 0)

    def test_no_reminder_when_the_campaign_says_so(self):
        campaign = self._campaign("semester", reminder_days=0)
        self._invite(date(2026, 12, 1))
        self.assertEqual(self.Invitation._bvk_remind(date(2026, 12, 14)), 0)
        self.assertFalse(campaign.invitation_ids.filtered("date_reminded"))

    def test_closed_after_the_deadline(self):
        campaign = self._campaign("semester")
        self._invite(date(2026, 12, 1))
        late = campaign.invitation_ids[:1]
        token = late._get_link_token()
        # opened before the deadline: the answer gets the deadline too
        _inv, answer = self.Invitation._bvk_open(late.id, token)
        self.assertEqual(answer.deadline.date(), date(2026, 12, 15))
        self.Invitation._bvk_expire(date(2026, 12, 16))
        self.assertEqual(set(campaign.invitation_ids.mapped("state")), {"expired"})
        invitation, answer = self.Invitation._bvk_open(late.id, token)
        self.assertEqual(invitation, late)
        self.assertFalse(answer)
        # closed by hand: the same
        other = self._campaign("employer")
        other.with_user(self.head).action_close()
        self.assertEqual(other.state, "closed")

    def test_campaign_closes_itself_after_its_end_and_deadlines(self):
        campaign = self._campaign("semester", date_end=date(2026, 12, 5))
        self._invite(date(2026, 12, 1))
        self.Invitation._bvk_expire(date(2026, 12, 10))
        self.assertEqual(campaign.state, "running")
        self.Invitation._bvk_expire(date(2026, 12, 16))
        self.assertEqual(campaign.state, "closed")

    def test_the_cron_runs_everything(self):
        campaign = self._campaign("semester")
        with freeze_time("2026-12-01"):
            self.env.ref(
                "bvk_student_crm.ir_cron_bvk_survey_invitations"
            ).method_direct_trigger()
        self.assertEqual(len(campaign.invitation_ids), 3)

    def test_wrong_link_opens_nothing(self):
        campaign = self._campaign("semester")
        self._invite(date(2026, 12, 1))
        first, second = campaign.invitation_ids.sorted("id")[:2]
        self.assertEqual(
            self.Invitation._bvk_open(first.id, second._get_link_token()),
            (None, None),
        )
        self.assertEqual(self.Invitation._bvk_open(first.id, "x"), (None, None))
        self.assertFalse(second._bvk_mark_answered(first._get_link_token()))
        self.assertEqual(second.state, "invited")

    def test_a_link_opens_the_same_answer_again(self):
        campaign = self._campaign("semester")
        self._invite(date(2026, 12, 1))
        invitation = campaign.invitation_ids[:1]
        token = invitation._get_link_token()
        _inv, first = self.Invitation._bvk_open(invitation.id, token)
        _inv, again = self.Invitation._bvk_open(invitation.id, token)
        self.assertEqual(first, again)
        self.assertEqual(invitation.state, "invited")

    # ------------------------------------------------------------
    # Results
    # ------------------------------------------------------------

    def _course_answers(self, scores_per_person, people=None):
        """Invitations for the exam course to ``people`` students (default:
        one per answer), the first ones answered with ``scores_per_person``."""
        needed = (people or len(scores_per_person)) - len(self.students)
        for n in range(max(needed, 0)):
            student = self._create_student(
                f"Extra{n} Student",
                False,
                id_type="document",
                id_document_number=f"X{n}",
            )
            student.write({"state": "active"})
            self.offer_exam._generate_obligations(student)
        campaign = self._campaign("course")
        self._invite(date(2026, 12, 21))
        invitations = campaign.invitation_ids.sorted("id")
        for invitation, scores in zip(invitations, scores_per_person, strict=False):
            self._answer(invitation, scores)
        return campaign

    def _results(self, user, campaign):
        self.env.invalidate_all()
        return (
            self.env["bvk.survey.result"]
            .with_user(user)
            .search([("campaign_id", "=", campaign.id)])
        )

    def test_results_maths(self):
        scores = [
            [5, 4, 3, 2, 1],
            [3, 4, 3, 2, 1],
            [4, 4, 3, 2, 2],
            [4, 4, 3, 2, 2],
            [4, 4, 3, 2, 4],
        ]
        campaign = self._course_answers(scores)
        groups = (
            self.env["bvk.survey.result"]
            .with_user(self.coordinator)
            ._read_group(
                [("campaign_id", "=", campaign.id)],
                ["question_id"],
                ["score:avg", "__count"],
            )
        )
        averages = dict((question, (avg, count)) for question, avg, count in groups)
        scale = campaign.survey_id.question_ids.filtered(
            lambda q: q.question_type == "scale"
        ).sorted("sequence")
        self.assertEqual(
            [averages[question] for question in scale],
            [(4.0, 5), (4.0, 5), (3.0, 5), (2.0, 5), (2.0, 5)],
        )
        rates = (
            self.env["bvk.survey.response"]
            .with_user(self.coordinator)
            ._read_group(
                [("campaign_id", "=", campaign.id)],
                ["offering_id"],
                ["response_rate:avg", "invited_count:sum", "answered_count:sum"],
            )
        )
        self.assertEqual(rates, [(self.offer_exam, 100.0, 5, 5)])
        self.assertEqual(campaign.response_rate, 100.0)
        record = self._results(self.coordinator, campaign)[:1]
        self.assertEqual(record.offering_id, self.offer_exam)
        self.assertEqual(record.lecturer_id, self.lecturer)
        self.assertEqual(record.program_id, self.program)
        self.assertEqual(record.semester_id, self.autumn)

    def test_minimum_answers_and_lecturers_see_their_own_courses(self):
        campaign = self._course_answers([[4, 4, 4, 4, 4]] * 4, people=5)
        # four complete answers: nobody sees them, not even the SSC
        self.assertFalse(self._results(self.lecturer, campaign))
        self.assertFalse(self._results(self.coordinator, campaign))
        self.assertFalse(self._results(self.director, campaign))
        # the fifth answer: the course's lecturer and the SSC see them
        fifth = campaign.invitation_ids.filtered(lambda i: i.state == "invited")[:1]
        self._answer(fifth, [2, 2, 2, 2, 2])
        self.assertTrue(self._results(self.lecturer, campaign))
        self.assertTrue(self._results(self.coordinator, campaign))
        self.assertFalse(self._results(self.other_lecturer, campaign))
        # a lower minimum in the company settings
        self.company.bvk_survey_min_answers = 1
        self.assertTrue(self._results(self.coordinator, campaign))
        self.assertFalse(self._results(self.other_lecturer, campaign))
        # lecturers see the response rates of their own courses only
        self.env.invalidate_all()
        Response = self.env["bvk.survey.response"]
        self.assertTrue(
            Response.with_user(self.lecturer).search(
                [("campaign_id", "=", campaign.id)]
            )
        )
        self.assertFalse(
            Response.with_user(self.other_lecturer).search(
                [("campaign_id", "=", campaign.id)]
            )
        )
        with self.assertRaises(AccessError):
            Response.with_user(self.accountant).search([])

    def test_low_average_creates_one_activity_for_the_programme_director(self):
        campaign = self._course_answers([[2, 2, 2, 2, 2]] * 4 + [[3, 3, 3, 3, 3]])
        Campaign = self.env["bvk.survey.campaign"]
        Campaign._bvk_alert_low_scores()
        activities = campaign.activity_ids
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.head)  # the programme director
        self.assertIn("Management", activities.summary)
        self.assertEqual(campaign.alert_offering_ids, self.offer_exam)
        activities.action_done()
        Campaign._bvk_alert_low_scores()
        self.assertFalse(campaign.activity_ids)

    def test_no_alert_below_the_minimum_or_above_the_threshold(self):
        campaign = self._course_answers([[1, 1, 1, 1, 1]] * 3)
        self.env["bvk.survey.campaign"]._bvk_alert_low_scores()
        self.assertFalse(campaign.activity_ids)
        good = self._campaign("semester")
        self._invite(date(2026, 12, 1))
        for invitation in good.invitation_ids:
            self._answer(invitation, [5, 5, 5, 5, 5])
        self.company.bvk_survey_min_answers = 1
        self.env["bvk.survey.campaign"]._bvk_alert_low_scores()
        self.assertFalse(good.activity_ids)

    def test_semester_survey_low_average_per_programme(self):
        self.company.bvk_survey_min_answers = 3
        campaign = self._campaign("semester")
        self._invite(date(2026, 12, 1))
        for invitation in campaign.invitation_ids:
            self._answer(invitation, [1, 2, 2, 2, 2])
        self.env["bvk.survey.campaign"]._bvk_alert_low_scores()
        self.assertEqual(campaign.activity_ids.user_id, self.head)
        self.assertEqual(campaign.alert_program_ids, self.program)

    # ------------------------------------------------------------
    # Workflow and access
    # ------------------------------------------------------------

    def test_start_copies_the_questionnaire_in_both_languages(self):
        self.env["res.lang"]._activate_lang("lv_LV")
        campaign = self._campaign("course")
        template = self.env.ref("bvk_student_crm.survey_questionnaire_course")
        self.assertNotEqual(campaign.survey_id, template)
        self.assertEqual(campaign.survey_id.title, template.title)
        self.assertEqual(
            campaign.survey_id.with_context(lang="lv_LV").title,
            template.with_context(lang="lv_LV").title,
        )
        self.assertEqual(campaign.survey_id.access_mode, "token")
        self.assertFalse(campaign.survey_id.users_login_required)
        self.assertEqual(
            len(campaign.survey_id.question_ids), len(template.question_ids)
        )

    def test_who_starts_and_closes(self):
        draft = self._campaign("semester", start=False)
        for user in (self.coordinator, self.lecturer):
            with self.assertRaises(AccessError):
                draft.with_user(user).action_start()
        draft.with_user(self.deputy).action_start()
        with self.assertRaises(AccessError):
            draft.with_user(self.coordinator).action_close()
        with self.assertRaises(AccessError):
            draft.with_user(self.coordinator).write({"state": "closed"})
        draft.with_user(self.director).action_close()
        with self.assertRaises(UserError):
            draft.with_user(self.director).action_close()
        with self.assertRaises(UserError):
            draft.with_user(self.director).unlink()

    def test_nobody_writes_invitations(self):
        campaign = self._campaign("semester")
        self._invite(date(2026, 12, 1))
        invitation = campaign.invitation_ids[:1]
        for user in (self.coordinator, self.head, self.director):
            self.env.invalidate_all()
            with self.assertRaises(AccessError):
                invitation.with_user(user).write({"state": "answered"})
            with self.assertRaises(AccessError):
                invitation.with_user(user).unlink()
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            invitation.with_user(self.lecturer).read(["state"])


@tagged("post_install", "-at_install")
@freeze_time("2027-02-10")
class TestSurveyGraduates(BvkOrderCommon):
    def test_graduates_are_invited_once(self):
        campaign = (
            self.env["bvk.survey.campaign"]
            .with_user(self.head)
            .create(
                {
                    "name": "Graduates 2027",
                    "kind": "graduate",
                    "date_start": date(2027, 1, 1),
                }
            )
        )
        campaign.action_start()
        Invitation = self.env["bvk.survey.invitation"]
        self.student.semester_number = 4
        order = self._order(
            "exmatriculation", graduation=True, date_effective=date(2027, 2, 10)
        )
        expelled = self._order(
            "exmatriculation", students=self.student_b, date_effective=date(2027, 2, 10)
        )
        Invitation._bvk_invite(date(2027, 2, 10))
        self.assertFalse(campaign.invitation_ids, "not before the order is signed")
        order.with_user(self.director).action_sign()
        expelled.with_user(self.director).action_sign()
        self.assertEqual(self.student.state, "graduated")
        Invitation._bvk_invite(date(2027, 2, 10))
        self.assertEqual(campaign.invitation_ids.student_id, self.student)
        Invitation._bvk_invite(date(2027, 2, 11))
        self.assertEqual(len(campaign.invitation_ids), 1)
