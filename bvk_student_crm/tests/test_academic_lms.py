# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common_academic import BvkAcademicCommon


@tagged("post_install", "-at_install")
class TestAcademicLms(BvkAcademicCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._confirm()
        cls.env.company.bvk_lms_inactivity_days = 14

    def _import(self, content, report_date=date(2027, 1, 5)):
        wizard = self.env["bvk.lms.activity.import"].create(
            {
                "file": base64.b64encode(content.encode()),
                "filename": "lms.csv",
                "date_report": report_date,
            }
        )
        return wizard, wizard.action_import()

    def _csv(self):
        return (
            "student;course;last access;last submission\n"
            f"{self.student.student_number};TV101;2026-12-01;\n"
            f"{self.student2.email};TV101;2027-01-04;2027-01-03\n"
            f"{self.student.personal_code};TS101;;\n"
        )

    @freeze_time("2027-01-05")
    def test_import_flags_inactive_and_warns(self):
        wizard, action = self._import(self._csv())
        self.assertEqual(action["params"]["type"], "warning")
        self.assertEqual(wizard.imported_count, 3)
        # TV101 last seen 35 days ago, TS101 never since the course started
        self.assertEqual(wizard.flagged_count, 2)
        Activity = self.env["bvk.lms.activity"]
        flagged = Activity.search([("is_flagged", "=", True)])
        self.assertEqual(flagged.obligation_id, self.ob_exam | self.ob_test)
        reminder = self._reminders()
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.kind, "engagement")
        self.assertEqual(len(reminder.line_ids), 2)
        self.assertIn(
            "no activity since", reminder.line_ids[0].name + reminder.line_ids[1].name
        )
        mail = self._reminder_mails(reminder)
        self.assertIn("how are your studies going", mail.subject)
        self.assertFalse(self._reminders(self.student2))
        # the obligations themselves are not debts
        self.assertEqual(self.ob_exam.state, "pending")
        # the same report again: no second warning
        self._import(self._csv())
        self.env["bvk.lms.activity"]._cron_bvk_send_reminders()
        self.assertEqual(len(self._reminders()), 1)

    def test_new_activity_clears_flag_and_level_two(self):
        with freeze_time("2027-01-05"):
            self._import(self._csv())
        activity = self.env["bvk.lms.activity"].search(
            [("obligation_id", "=", self.ob_exam.id)]
        )
        self.assertTrue(activity.is_flagged)
        with freeze_time("2027-01-12"):
            self.env.ref(
                "bvk_student_crm.ir_cron_bvk_engagement_reminders"
            ).method_direct_trigger()
        second = self._reminders().filtered(lambda r: r.level == 2)
        self.assertEqual(len(second), 1)
        call = self.env.ref("bvk_student_crm.mail_activity_type_call_student")
        self.assertIn(call, self._student_activities().activity_type_id)
        with freeze_time("2027-01-13"):
            self._import(
                "student,course,last access\n"
                f"{self.student.student_number},TV101,2027-01-13\n",
                date(2027, 1, 13),
            )
        self.assertFalse(activity.is_flagged)

    @freeze_time("2027-01-05")
    def test_bad_files(self):
        with self.assertRaises(UserError) as caught:
            self._import(
                "student;course;last access\n"
                f"{self.student.student_number};TV101;2026-12-01\n"
                "S0000-9999;TV101;2026-12-01\n"
                f"{self.student.student_number};NOPE;2026-12-01\n"
                f"{self.student.student_number};TS101;yesterday\n"
            )
        message = str(caught.exception)
        self.assertIn("Row 3: unknown student 'S0000-9999'", message)
        self.assertIn(
            "Row 4: Anna Priede has no open obligation for the course 'NOPE'", message
        )
        self.assertIn("Row 5: 'yesterday'", message)
        self.assertFalse(self.env["bvk.lms.activity"].search([]))
        with self.assertRaises(UserError) as caught:
            self._import("name;lesson\nx;y\n")
        self.assertIn("Missing column(s): student, course", str(caught.exception))
        with self.assertRaises(UserError):
            self._import("")
        wizard = self.env["bvk.lms.activity.import"].create(
            {"file": base64.b64encode(b"\x00\x01\x02binary"), "filename": "x.csv"}
        )
        with self.assertRaises(UserError):
            wizard.action_import()

    def test_no_warning_after_deadline_or_when_passed(self):
        with freeze_time("2027-01-15"):
            self.ob_exam.grade = "8"
        with freeze_time("2027-01-16"):
            self._import(
                "student;course;last access\n"
                f"{self.student.student_number};TS101;2026-10-01\n",
                date(2027, 1, 16),
            )
        # TS101 deadline 20.01 still ahead: flagged; TV101 passed: not importable
        self.assertEqual(
            self.env["bvk.lms.activity"]
            .search([("is_flagged", "=", True)])
            .obligation_id,
            self.ob_test,
        )
