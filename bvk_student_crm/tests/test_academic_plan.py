# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import VALID_NEW_CODES, VALID_OLD_CODES
from .common_academic import BvkAcademicCommon


@tagged("post_install", "-at_install")
class TestAcademicPlan(BvkAcademicCommon):
    def test_course_credits(self):
        self.assertEqual(self.course_exam.credits_ects, 3)
        self.course_test.program_ids = self.program_gf  # old KP programme
        self.program_gf.credit_unit = "kp"
        self.assertEqual(self.course_test.credits_ects, 3)
        self.assertEqual(self.course_exam.display_name, "[TV101] Management")

    def test_confirm_creates_obligations(self):
        self.assertFalse(self.schedule.offering_ids.obligation_ids)
        self.schedule.action_confirm()
        obligations = self.schedule.offering_ids.obligation_ids
        self.assertEqual(len(obligations), 6)
        self.assertEqual(set(obligations.mapped("state")), {"pending"})
        exam = obligations.filtered(lambda o: o.offering_id == self.offer_exam)
        self.assertEqual(exam.mapped("date_deadline"), [date(2027, 1, 15)] * 2)
        self.assertEqual(exam.mapped("date_retake"), [date(2027, 2, 15)] * 2)
        self.assertEqual(exam.lecturer_id, self.lecturer)
        self.assertEqual(self.schedule.obligation_count, 6)
        self.assertEqual(self.schedule.credits, 9)
        # the project lecturer now sees the group's students
        self.assertIn(self.other_lecturer, self.group.lecturer_ids)
        with self.assertRaises(UserError):
            self.schedule.action_confirm()

    def test_confirm_requires_lecturers_and_courses(self):
        self.offer_project.lecturer_id = False
        with self.assertRaises(UserError):
            self.schedule.action_confirm()
        empty = self.env["bvk.study.schedule"].create(
            {"group_id": self.group_gf.id, "semester_id": self.autumn.id}
        )
        with self.assertRaises(UserError):
            empty.action_confirm()

    @freeze_time("2026-10-01")
    def test_late_joiner_and_late_course(self):
        self.schedule.action_confirm()
        late = self._create_student(
            "Līga Ozola", VALID_NEW_CODES[0], birth_date=date(2000, 1, 1)
        )
        self.assertEqual(len(late.academic_obligation_ids), 3)
        mover = self._create_student(
            "Kārlis Liepa", VALID_OLD_CODES[2], group=self.group_gf
        )
        self.assertFalse(mover.academic_obligation_ids)
        mover.write({"group_id": self.group.id, "program_id": self.program.id})
        self.assertEqual(len(mover.academic_obligation_ids), 3)
        mover.group_id = self.group  # no duplicates
        self.assertEqual(len(mover.academic_obligation_ids), 3)
        extra = self.env["bvk.course"].create({"code": "X1", "name": "Extra"})
        self.env["bvk.course.offering"].create(
            {
                "schedule_id": self.schedule.id,
                "course_id": extra.id,
                "date_assessment": date(2027, 1, 30),
                "lecturer_id": self.lecturer.id,
            }
        )
        self.assertEqual(len(late.academic_obligation_ids), 4)

    def test_schedule_change_moves_pending_deadlines(self):
        self.schedule.action_confirm()
        self.offer_exam.date_assessment = date(2027, 1, 18)
        self.assertEqual(
            set(self.offer_exam.obligation_ids.mapped("date_deadline")),
            {date(2027, 1, 18)},
        )

    def test_standing_on_student_form(self):
        self.schedule.action_confirm()
        with freeze_time("2026-12-01"):
            self.offer_exam.obligation_ids.filtered(
                lambda o: o.student_id == self.student
            ).grade = "9"
            self.student.invalidate_recordset()
            self.assertEqual(self.student.academic_credits_planned, 9)
            self.assertEqual(self.student.academic_credits_earned, 3)

    # ------------------------------------------------------------
    # Import of the schedule
    # ------------------------------------------------------------

    def _import(self, content, filename="schedule.csv"):
        schedule = self.env["bvk.study.schedule"].create(
            {"group_id": self.group_gf.id, "semester_id": self.autumn.id}
        )
        wizard = self.env["bvk.study.schedule.import"].create(
            {
                "schedule_id": schedule.id,
                "file": base64.b64encode(content),
                "filename": filename,
            }
        )
        wizard.action_import()
        return schedule

    def test_import_csv(self):
        content = (
            b"course;start date;end date;assessment date;retake deadline;lecturer\n"
            b"TV101;01.09.2026;20.12.2026;15.01.2027;15.02.2027;bvk_lecturer\n"
            b"TS101;2026-09-01;;2027-01-20;;\n"
        )
        schedule = self._import(content)
        self.assertEqual(len(schedule.offering_ids), 2)
        exam = schedule.offering_ids.filtered(lambda o: o.course_id == self.course_exam)
        self.assertRecordValues(
            exam,
            [
                {
                    "date_assessment": date(2027, 1, 15),
                    "date_retake": date(2027, 2, 15),
                    "lecturer_id": self.lecturer.id,
                }
            ],
        )

    def test_import_xlsx_with_latvian_headers(self):
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Kursa kods", "Pārbaudījums", "Atkārtota kārtošana", "Docētājs"])
        sheet.append(["TV101", date(2027, 1, 15), date(2027, 2, 15), "bvk_lecturer"])
        buffer = io.BytesIO()
        book.save(buffer)
        schedule = self._import(buffer.getvalue(), "grafiks.xlsx")
        self.assertEqual(schedule.offering_ids.date_retake, date(2027, 2, 15))

    def test_import_bad_rows_named(self):
        content = (
            b"course,assessment date,retake deadline,lecturer\n"
            b"TV101,15.01.2027,,\n"
            b"NOPE,15.01.2027,,\n"
            b"TS101,32.01.2027,,\n"
            b"TP101,15.01.2027,01.01.2027,\n"
            b"TV101,15.01.2027,,\n"
            b"TP101,15.01.2027,,nobody\n"
        )
        with self.assertRaises(UserError) as caught:
            self._import(content)
        message = str(caught.exception)
        self.assertIn("Row 3: unknown course code 'NOPE'", message)
        self.assertIn("Row 4: '32.01.2027'", message)
        self.assertIn("Row 5: the retake deadline is before", message)
        self.assertIn("Row 6: the course TV101 is already on row 2", message)
        self.assertIn("Row 7: unknown lecturer 'nobody'", message)
        self.assertNotIn("Row 2", message.replace("on row 2", ""))

    def test_import_missing_column_and_empty_file(self):
        with self.assertRaises(UserError) as caught:
            self._import(b"code;date\nTV101;2027-01-15\n")
        self.assertIn("Missing column", str(caught.exception))
        with self.assertRaises(UserError):
            self._import(b"")

    def test_grade_options_follow_the_course(self):
        self.schedule.action_confirm()
        exam = self.offer_exam.obligation_ids[:1]
        test = self.offer_test.obligation_ids[:1]
        self.assertEqual(test.grade_options, "passed failed absent")
        self.assertTrue(exam.grade_options.startswith("10 9 8"))
        self.assertNotIn("passed", exam.grade_options)
