# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import new_test_user

from .common import VALID_OLD_CODES, BvkCommon


class BvkAcademicCommon(BvkCommon):
    """Academic year 2026/2027, three courses in the autumn schedule of
    BV-26-1 (exam, pass/fail test, project of another lecturer), two
    students."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deputy = new_test_user(
            cls.env,
            login="bvk_deputy",
            groups="bvk_student_crm.group_bvk_deputy_director",
        )
        cls.env.company.bvk_ssc_head_id = cls.head
        # reuse the year of the demo data when it is installed
        Year = cls.env["bvk.academic.year"]
        cls.year = Year.search(
            [("date_start", "=", date(2026, 9, 1)), ("company_id", "=", cls.company.id)]
        ) or Year.create({"date_start": date(2026, 9, 1)})
        cls.autumn, cls.spring = cls.year.semester_ids.sorted("date_start")
        cls.student.write({"phone": "+371 20000001", "lang": "en_US"})
        cls.student2 = cls._create_student(
            "Jānis Bērziņš", VALID_OLD_CODES[1], phone="+371 20000002"
        )
        Course = cls.env["bvk.course"]
        cls.course_exam = Course.create(
            {
                "code": "TV101",
                "name": "Management",
                "credits": 3,
                "assessment_type": "exam",
                "program_ids": [(6, 0, cls.program.ids)],
                "lecturer_ids": [(6, 0, cls.lecturer.ids)],
            }
        )
        cls.course_test = Course.create(
            {
                "code": "TS101",
                "name": "Business Communication",
                "credits": 2,
                "assessment_type": "pass_fail",
                "program_ids": [(6, 0, cls.program.ids)],
            }
        )
        cls.course_project = Course.create(
            {
                "code": "TP101",
                "name": "Study Project",
                "credits": 4,
                "assessment_type": "project",
            }
        )
        cls.schedule = cls.env["bvk.study.schedule"].create(
            {
                "group_id": cls.group.id,
                "semester_id": cls.autumn.id,
                "offering_ids": [
                    (
                        0,
                        0,
                        {
                            "course_id": cls.course_exam.id,
                            "date_start": date(2026, 9, 1),
                            "date_end": date(2026, 12, 20),
                            "date_assessment": date(2027, 1, 15),
                            "date_retake": date(2027, 2, 15),
                            "lecturer_id": cls.lecturer.id,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "course_id": cls.course_test.id,
                            "date_start": date(2026, 9, 1),
                            "date_assessment": date(2027, 1, 20),
                            "date_retake": date(2027, 2, 20),
                            "lecturer_id": cls.lecturer.id,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "course_id": cls.course_project.id,
                            "date_start": date(2026, 9, 1),
                            "date_assessment": date(2027, 1, 25),
                            "lecturer_id": cls.other_lecturer.id,
                        },
                    ),
                ],
            }
        )
        cls.offer_exam, cls.offer_test, cls.offer_project = (
            cls.schedule.offering_ids.sorted("date_assessment")
        )
        cls.policy = cls.env.ref("bvk_student_crm.reminder_policy_academic")

    @classmethod
    def _confirm(cls):
        cls.schedule.action_confirm()
        Obligation = cls.env["bvk.academic.obligation"]
        cls.ob_exam = Obligation.search(
            [
                ("student_id", "=", cls.student.id),
                ("offering_id", "=", cls.offer_exam.id),
            ]
        )
        cls.ob_test = Obligation.search(
            [
                ("student_id", "=", cls.student.id),
                ("offering_id", "=", cls.offer_test.id),
            ]
        )
        cls.ob_project = Obligation.search(
            [
                ("student_id", "=", cls.student.id),
                ("offering_id", "=", cls.offer_project.id),
            ]
        )

    def _reminders(self, student=None):
        return self.env["bvk.reminder"].search(
            [("student_id", "=", (student or self.student).id)], order="id"
        )

    def _student_activities(self, student=None):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "bvk.student"),
                ("res_id", "=", (student or self.student).id),
            ]
        )
