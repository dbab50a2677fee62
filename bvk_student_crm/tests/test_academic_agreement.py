# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common_academic import BvkAcademicCommon


@tagged("post_install", "-at_install")
class TestAcademicAgreement(BvkAcademicCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._confirm()
        cls.spring_schedule = cls.env["bvk.study.schedule"].create(
            {
                "group_id": cls.group.id,
                "semester_id": cls.spring.id,
                "offering_ids": [
                    (
                        0,
                        0,
                        {
                            "course_id": cls.course_exam.id,
                            "date_assessment": date(2027, 6, 10),
                            "date_retake": date(2027, 6, 30),
                            "lecturer_id": cls.lecturer.id,
                        },
                    )
                ],
            }
        )

    def _wizard(self, **vals):
        action = self.student.action_create_academic_agreement()
        return (
            self.env[action["res_model"]].with_context(**action["context"]).create(vals)
        )

    def test_deadline_extension(self):
        with freeze_time("2027-01-15"):
            self.ob_exam.grade = "3"
        self.assertEqual(len(self._reminders()), 1)
        with freeze_time("2027-01-18"):
            wizard = self._wizard(date_new=date(2027, 3, 20), reason="Illness")
            self.assertEqual(wizard.obligation_ids, self.ob_exam)  # debts by default
            agreement = self.env["bvk.agreement"].browse(
                wizard.action_create()["res_id"]
            )
            self.assertEqual(agreement.kind, "academic")
            self.assertEqual(agreement.academic_obligation_ids, self.ob_exam)
            self.assertEqual(agreement.line_ids.date_old, date(2027, 1, 15))
            with self.assertRaises(AccessError):
                agreement.with_user(self.coordinator).action_approve()
            agreement.with_user(self.deputy).action_approve()
            agreement.action_apply()
        self.assertRecordValues(
            self.ob_exam,
            [
                {
                    "state": "covered",
                    "agreement_id": agreement.id,
                    "date_deadline": date(2027, 3, 20),
                    "date_retake": date(2027, 3, 20),
                    "reminder_level": 0,
                }
            ],
        )
        self.assertFalse(self.student.has_academic_debt)
        # no reminders until the new deadline
        with freeze_time("2027-02-01"):
            self.env["bvk.academic.obligation"]._cron_bvk_send_reminders()
        self.assertEqual(
            len(
                self._reminders().line_ids.filtered(
                    lambda x: x.res_id == self.ob_exam.id
                )
            ),
            1,
        )
        # passed within the extension
        with freeze_time("2027-03-10"):
            self.ob_exam.grade = "7"
        self.assertEqual(self.ob_exam.state, "passed")

    def test_missed_extension_becomes_debt_again(self):
        with freeze_time("2027-01-10"):
            wizard = self._wizard(date_new=date(2027, 2, 1))
            wizard.obligation_ids = self.ob_exam
            agreement = self.env["bvk.agreement"].browse(
                wizard.action_create()["res_id"]
            )
            agreement.with_user(self.head).action_approve()
            agreement.action_apply()
        with freeze_time("2027-01-20"):
            self.env["bvk.academic.obligation"]._cron_bvk_send_reminders()
            self.assertEqual(self.ob_exam.state, "covered")
        with freeze_time("2027-02-02"):
            self.env["bvk.academic.obligation"]._cron_bvk_send_reminders()
        self.assertEqual(self.ob_exam.state, "debt")
        self.assertEqual(self.ob_exam.date_debt, date(2027, 2, 2))
        self.assertEqual(self.ob_exam.reminder_level, 1)

    def test_individual_plan_moves_to_later_semester(self):
        with freeze_time("2027-01-15"):
            self.ob_exam.grade = "absent"
        with freeze_time("2027-01-20"):
            wizard = self._wizard(
                agreement_type="individual_plan", semester_id=self.spring.id
            )
            agreement = self.env["bvk.agreement"].browse(
                wizard.action_create()["res_id"]
            )
            self.assertEqual(agreement.line_ids.date_new, date(2027, 6, 10))
            agreement.with_user(self.deputy).action_approve()
            agreement.action_apply()
        spring_offer = self.spring_schedule.offering_ids
        self.assertRecordValues(
            self.ob_exam,
            [
                {
                    "state": "covered",
                    "offering_id": spring_offer.id,
                    "semester_id": self.spring.id,
                    "date_deadline": date(2027, 6, 10),
                    "date_retake": date(2027, 6, 30),
                }
            ],
        )

    def test_deputy_cannot_approve_payment_agreements(self):
        agreement = self.env["bvk.agreement"].create(
            {
                "student_id": self.student.id,
                "agreement_type": "postpone",
                "semester_id": False,
                "line_ids": [(0, 0, {"name": "Instalment 1"})],
            }
        )
        with self.assertRaises(AccessError):
            agreement.with_user(self.deputy).action_approve()

    def test_wizard_checks(self):
        with freeze_time("2027-01-15"):
            wizard = self.env["bvk.academic.agreement.create"].create(
                {"student_id": self.student.id, "obligation_ids": self.ob_exam.ids}
            )
            with self.assertRaises(UserError):
                wizard.action_create()

    def test_passed_obligation_cannot_be_covered(self):
        with freeze_time("2027-01-10"):
            wizard = self._wizard(date_new=date(2027, 2, 1))
            wizard.obligation_ids = self.ob_exam
            agreement = self.env["bvk.agreement"].browse(
                wizard.action_create()["res_id"]
            )
            agreement.with_user(self.head).action_approve()
            self.ob_exam.grade = "8"
            with self.assertRaises(UserError):
                agreement.action_apply()

    def test_amendment_academic_body(self):
        with freeze_time("2027-01-18"):
            wizard = self._wizard(date_new=date(2027, 3, 20))
            wizard.obligation_ids = self.ob_exam
            agreement = self.env["bvk.agreement"].browse(
                wizard.action_create()["res_id"]
            )
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "bvk_student_crm.action_report_agreement", agreement.ids
            )[0]
        )
        self.assertIn("To extend the deadline of the study course", html)
        self.assertIn("[TV101] Management", html)
        self.assertIn("becomes an academic debt", html)
