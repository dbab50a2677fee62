# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common_academic import BvkAcademicCommon


@tagged("post_install", "-at_install")
class TestAcademicResults(BvkAcademicCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._confirm()

    # ------------------------------------------------------------
    # Grades
    # ------------------------------------------------------------

    @freeze_time("2027-01-15")
    def test_passing_grade(self):
        self.ob_exam.grade = "4"
        self.assertRecordValues(
            self.ob_exam,
            [
                {
                    "state": "passed",
                    "attempts": 1,
                    "date_result": date(2027, 1, 15),
                    "grade_value": 4,
                    "date_debt": False,
                }
            ],
        )
        self.assertFalse(self._reminders())

    def test_grade_scale_validation(self):
        with self.assertRaises(ValidationError):
            self.ob_test.grade = "7"  # pass/fail test takes passed/failed
        with self.assertRaises(ValidationError):
            self.ob_exam.grade = "passed"  # exam takes 1-10
        with self.assertRaises(ValueError):
            self.ob_exam.grade = "11"
        with self.assertRaises(ValueError):
            self.ob_exam.grade = "0"

    @freeze_time("2027-01-20")
    def test_pass_fail(self):
        self.ob_test.grade = "passed"
        self.assertEqual(self.ob_test.state, "passed")
        ob2 = self.ob_test.search(
            [
                ("student_id", "=", self.student2.id),
                ("offering_id", "=", self.offer_test.id),
            ]
        )
        ob2.grade = "failed"
        self.assertEqual(ob2.state, "debt")
        self.assertEqual(ob2.debt_reason, "failed")

    def test_no_results_before_confirmation(self):
        self.schedule.action_draft()
        self.assertFalse(self.schedule.offering_ids.obligation_ids)
        with self.assertRaises(UserError):
            self.schedule.action_draft()

    # ------------------------------------------------------------
    # Debt and reminders, the same day
    # ------------------------------------------------------------

    @freeze_time("2027-01-15")
    def test_failing_grade_is_debt_and_reminded_the_same_day(self):
        self.ob_exam.with_user(self.lecturer).grade = "3"
        self.assertRecordValues(
            self.ob_exam,
            [
                {
                    "state": "debt",
                    "debt_reason": "failed",
                    "date_debt": date(2027, 1, 15),
                    "reminder_level": 1,
                    "last_reminder_date": date(2027, 1, 15),
                }
            ],
        )
        reminder = self._reminders()
        self.assertEqual(len(reminder), 1)
        self.assertEqual(
            reminder.level_id, self.env.ref("bvk_student_crm.reminder_level_academic_1")
        )
        self.assertEqual(reminder.kind, "academic")
        line = reminder.line_ids
        self.assertIn("Management", line.name)
        self.assertIn("retake by", line.name)
        self.assertIn("3 (weak)", line.name)
        self.assertEqual(line.amount, 0)
        # e-mail queued with the template, SMS queued, activity for the coordinator
        mail = self._reminder_mails(reminder)
        self.assertEqual(len(mail), 1)
        self.assertIn("academic debt", mail.subject)
        self.assertIn("Management", mail.body_html)
        sms = self.env["sms.sms"].search(
            [("partner_id", "=", self.student.partner_id.id)]
        )
        self.assertEqual(len(sms), 1)
        self.assertIn("academic debt", sms.body)
        activity = self._student_activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("bvk_student_crm.mail_activity_type_call_student"),
        )
        self.assertEqual(activity.user_id, self.coordinator)
        self.assertIn("email", reminder.channel_summary.replace("-", ""))
        self.assertTrue(self.student.has_academic_debt)
        self.assertEqual(self.student.academic_debt_count, 1)

    @freeze_time("2027-01-15")
    def test_did_not_attend_is_missed_debt(self):
        self.ob_exam.grade = "absent"
        self.assertEqual(self.ob_exam.state, "debt")
        self.assertEqual(self.ob_exam.debt_reason, "missed")
        self.assertEqual(len(self._reminders()), 1)
        self.assertIn("did not attend", self._reminders().line_ids.name)

    def test_reminders_idempotent_and_second_level(self):
        self.ob_project.grade = "8"
        with freeze_time("2027-01-15"):
            self.ob_exam.grade = "2"
            self.ob_test.grade = "failed"
            # the daily run the same day sends nothing again
            self.env["bvk.academic.obligation"]._cron_bvk_send_reminders()
            self.env["bvk.academic.obligation"]._bvk_send_reminders()
        reminders = self._reminders()
        # one reminder per grade entry (two separate entries)
        self.assertEqual(len(reminders), 2)
        self.assertEqual(set(reminders.mapped("level")), {1})
        with freeze_time("2027-01-28"):
            self.env["bvk.academic.obligation"]._cron_bvk_send_reminders()
        self.assertEqual(len(self._reminders()), 2)
        with freeze_time("2027-01-29"):
            self.env["bvk.academic.obligation"]._cron_bvk_send_reminders()
            self.env["bvk.academic.obligation"]._cron_bvk_send_reminders()
        new = self._reminders() - reminders
        # both obligations reach level 2 the same day: one reminder
        self.assertEqual(len(new), 1)
        self.assertEqual(new.level, 2)
        self.assertEqual(len(new.line_ids), 2)
        meet = self.env.ref("bvk_student_crm.mail_activity_type_meet_student")
        self.assertIn(meet, self._student_activities().activity_type_id)
        head_todo = self._student_activities().filtered(
            lambda a: a.user_id == self.head
        )
        self.assertTrue(head_todo)
        with freeze_time("2027-03-01"):
            self.env["bvk.academic.obligation"]._cron_bvk_send_reminders()
        self.assertEqual(len(self._reminders()), 3)

    def test_retake_passes_and_stops_reminders(self):
        with freeze_time("2027-01-15"):
            self.ob_exam.grade = "3"
        with freeze_time("2027-02-10"):
            self.ob_exam.grade = "6"
            self.assertRecordValues(
                self.ob_exam, [{"state": "passed", "attempts": 2, "is_on_time": False}]
            )
            self.assertFalse(self.student.has_academic_debt)
        with freeze_time("2027-03-01"):
            self.env["bvk.academic.obligation"]._cron_bvk_send_reminders()
        lines = self._reminders().line_ids
        self.assertEqual(
            len(lines.filtered(lambda line: line.res_id == self.ob_exam.id)), 1
        )

    def test_failed_retake_is_a_new_debt(self):
        with freeze_time("2027-01-15"):
            self.ob_exam.grade = "3"
        with freeze_time("2027-02-10"):
            self.ob_exam.grade = "2"
        self.assertEqual(self.ob_exam.date_debt, date(2027, 2, 10))
        self.assertEqual(self.ob_exam.attempts, 2)
        self.assertEqual(len(self._reminders()), 2)

    # ------------------------------------------------------------
    # Deadline passed without a result
    # ------------------------------------------------------------

    def test_deadline_passed_detected_by_daily_run(self):
        Obligation = self.env["bvk.academic.obligation"]
        with freeze_time("2027-01-15"):
            Obligation._cron_bvk_send_reminders()
            self.assertEqual(self.ob_exam.state, "pending")
        with freeze_time("2027-01-16"):
            self.env.ref(
                "bvk_student_crm.ir_cron_bvk_academic_reminders"
            ).method_direct_trigger()
        self.assertRecordValues(
            self.ob_exam,
            [
                {
                    "state": "debt",
                    "debt_reason": "no_result",
                    "date_debt": date(2027, 1, 16),
                    "reminder_level": 1,
                }
            ],
        )
        self.assertEqual(self.ob_test.state, "pending")
        # one reminder for each student of the group, the day of detection
        self.assertEqual(len(self._reminders()), 1)
        self.assertEqual(len(self._reminders(self.student2)), 1)
        self.assertIn("no result by the deadline", self._reminders().line_ids.name)
        note = self.env["mail.message"].search(
            [("model", "=", self.ob_exam._name), ("res_id", "=", self.ob_exam.id)]
        )
        self.assertIn("no result by the deadline", note.body)
        with freeze_time("2027-01-16"):
            Obligation._cron_bvk_send_reminders()
        self.assertEqual(len(self._reminders()), 1)

    def test_detection_batches_keep_students_whole(self):
        with freeze_time("2027-01-26"):
            self.env["bvk.academic.obligation"]._bvk_send_reminders(batch_size=2)
        for student in self.student | self.student2:
            reminder = self._reminders(student)
            self.assertEqual(len(reminder), 1)
            self.assertEqual(len(reminder.line_ids), 3)
        self.assertEqual(
            set((self.ob_exam | self.ob_test | self.ob_project).mapped("state")),
            {"debt"},
        )

    def test_detection_queries_do_not_grow_with_open_obligations(self):
        Obligation = self.env["bvk.academic.obligation"]
        with freeze_time("2027-01-10"):
            Obligation._bvk_detect_debts()  # warm up
            with self.assertQueryCount(1):
                Obligation._bvk_detect_debts(limit=100)

    # ------------------------------------------------------------
    # Translated messages
    # ------------------------------------------------------------

    @freeze_time("2027-01-15")
    def test_latvian_reminder(self):
        self.env["res.lang"]._activate_lang("lv_LV")
        template = self.env.ref("bvk_student_crm.mail_template_academic_debt")
        template.with_context(lang="lv_LV").subject = "Akadēmiskais parāds"
        self.course_exam.with_context(lang="lv_LV").name = "Vadībzinības"
        self.student.lang = "lv_LV"
        self.ob_exam.grade = "3"
        line = self._reminders().line_ids
        self.assertIn("Vadībzinības", line.name)
        self.assertIn("15.02.2027.", line.name)
        mail = self._reminder_mails(self._reminders())
        self.assertEqual(mail.subject, "Akadēmiskais parāds")
