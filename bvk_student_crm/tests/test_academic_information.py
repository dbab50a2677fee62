# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import freeze_time, tagged

from .common_academic import BvkAcademicCommon


@tagged("post_install", "-at_install")
class TestAcademicInformation(BvkAcademicCommon):
    """Steps 3.3 (notice of coming deadlines) and 3.4 (thanks)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._confirm()

    def _messages(self, student, subject_part):
        return self.env["mail.message"].search(
            [
                ("model", "=", "bvk.student"),
                ("res_id", "=", student.id),
                ("subject", "ilike", subject_part),
            ]
        )

    def test_thanks_once_when_all_passed_on_time(self):
        with freeze_time("2027-01-15"):
            self.ob_exam.grade = "9"
            self.ob_test.grade = "passed"
            self.assertFalse(self._messages(self.student, "successful semester"))
        with freeze_time("2027-01-25"):
            self.ob_project.grade = "10"
        thanks = self._messages(self.student, "successful semester")
        self.assertEqual(len(thanks), 1)
        self.assertIn("all study courses", thanks.body)
        self.assertIn(self.autumn._get_doc_name(), thanks.body)
        self.assertIn("9", thanks.body)  # credits
        self.assertTrue(
            all(
                self.ob_exam.search([("student_id", "=", self.student.id)]).mapped(
                    "thanks_sent"
                )
            )
        )
        # a later correction does not thank twice
        self.ob_project.with_context(tracking_disable=True).grade = "9"
        self.assertEqual(len(self._messages(self.student, "successful semester")), 1)

    def test_no_thanks_after_a_debt_or_when_switched_off(self):
        with freeze_time("2027-01-15"):
            self.ob_exam.grade = "3"
            self.ob_exam.grade = "8"
            self.ob_test.grade = "passed"
            self.ob_project.grade = "8"
        self.assertFalse(self._messages(self.student, "successful semester"))
        self.env.company.bvk_academic_thanks = False
        ob2 = self.ob_exam.search([("student_id", "=", self.student2.id)])
        with freeze_time("2027-01-15"):
            for obligation, grade in zip(ob2, ["8", "passed", "8"], strict=False):
                obligation.grade = grade if not obligation.is_pass_fail else "passed"
        self.assertFalse(self._messages(self.student2, "successful semester"))

    def test_deadline_notice_once(self):
        self.env.company.bvk_academic_notice_days = 7
        Obligation = self.env["bvk.academic.obligation"]
        with freeze_time("2027-01-07"):
            Obligation._cron_send_deadline_notices()
        self.assertFalse(self._messages(self.student, "coming study deadlines"))
        with freeze_time("2027-01-08"):
            Obligation._cron_send_deadline_notices()
        notices = self._messages(self.student, "coming study deadlines")
        self.assertEqual(len(notices), 1)
        self.assertIn("Management", notices.body)
        self.assertNotIn("Business Communication", notices.body)  # 20.01: later
        with freeze_time("2027-01-09"):
            Obligation._cron_send_deadline_notices()
        self.assertEqual(len(self._messages(self.student, "coming study deadlines")), 1)
        with freeze_time("2027-01-13"):
            Obligation._cron_send_deadline_notices()
        notices = self._messages(self.student, "coming study deadlines")
        self.assertEqual(len(notices), 2)
        self.assertIn("Business Communication", notices[0].body)
        self.assertNotIn("Management", notices[0].body)

    def test_deadline_notice_switched_off(self):
        self.env.company.bvk_academic_notice_days = 0
        with freeze_time("2027-01-10"):
            self.env["bvk.academic.obligation"]._cron_send_deadline_notices()
        self.assertFalse(self._messages(self.student, "coming study deadlines"))
