# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common_academic import BvkAcademicCommon


@tagged("post_install", "-at_install")
class TestAcademicAccess(BvkAcademicCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._confirm()

    def test_lecturer_sees_own_offerings_only(self):
        Obligation = self.env["bvk.academic.obligation"]
        mine = Obligation.with_user(self.lecturer).search([])
        self.assertEqual(mine.offering_id, self.offer_exam | self.offer_test)
        theirs = Obligation.with_user(self.other_lecturer).search([])
        self.assertEqual(theirs.offering_id, self.offer_project)
        offerings = self.env["bvk.course.offering"].with_user(self.lecturer).search([])
        self.assertEqual(offerings, self.offer_exam | self.offer_test)
        with self.assertRaises(AccessError):
            self.ob_project.with_user(self.lecturer).read(["grade"])
        # the student names of the grade sheet are readable
        self.ob_project.with_user(self.other_lecturer).student_id.read(["name"])

    @freeze_time("2027-01-25")
    def test_lecturer_records_own_results_only(self):
        self.ob_exam.with_user(self.lecturer).write({"grade": "8", "result_note": "ok"})
        self.assertEqual(self.ob_exam.state, "passed")
        with self.assertRaises(AccessError):
            self.ob_project.with_user(self.lecturer).write({"grade": "8"})
        with self.assertRaises(AccessError):
            self.ob_test.with_user(self.lecturer).write({"date_deadline": "2027-06-01"})
        with self.assertRaises(AccessError):
            self.ob_test.with_user(self.lecturer).action_waive()
        with self.assertRaises(AccessError):
            self.env["bvk.academic.obligation"].with_user(self.lecturer).create(
                {"student_id": self.student.id, "offering_id": self.offer_exam.id}
            )
        with self.assertRaises(AccessError):
            self.schedule.with_user(self.lecturer).write({"plan_semester": 2})
        self.ob_project.with_user(self.other_lecturer).grade = "7"
        self.assertEqual(self.ob_project.state, "passed")

    def test_recording_is_tracked(self):
        # the obligations were created in this transaction: start a new one
        self.env.flush_all()
        self.env.cr.precommit.run()
        obligation = self.ob_exam.with_context(tracking_disable=False)
        obligation.with_user(self.lecturer).grade = "9"
        self.env.flush_all()
        self.env.cr.precommit.run()
        messages = self.env["mail.message"].search(
            [("model", "=", obligation._name), ("res_id", "=", obligation.id)]
        )
        tracked = messages.tracking_value_ids.field_id.mapped("name")
        self.assertIn("grade", tracked)
        self.assertIn("state", tracked)
        self.assertEqual(messages[:1].author_id, self.lecturer.partner_id)

    def test_coordinator_and_others(self):
        Obligation = self.env["bvk.academic.obligation"]
        mine = [("offering_id.schedule_id", "=", self.schedule.id)]
        self.assertEqual(len(Obligation.with_user(self.coordinator).search(mine)), 6)
        self.ob_project.with_user(self.coordinator).write({"grade": "5"})
        self.ob_test.with_user(self.coordinator).action_waive()
        self.assertEqual(self.ob_test.state, "waived")
        # accounting reads no grades
        with self.assertRaises(AccessError):
            Obligation.with_user(self.accountant).search(mine)
        with self.assertRaises(AccessError):
            self.ob_exam.with_user(self.accountant).write({"grade": "5"})
        with self.assertRaises(AccessError):
            Obligation.with_user(self.employee).search([])
        with self.assertRaises(AccessError):
            self.course_exam.with_user(self.coordinator).write({"credits": 5})
        self.course_exam.with_user(self.deputy).write({"credits": 5})
        self.schedule.with_user(self.coordinator).read(["name"])
