# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import VALID_OLD_CODES, BvkCommon


@tagged("post_install", "-at_install")
class TestAccessRights(BvkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_student = cls._create_student(
            "Kristaps Kalniņš", VALID_OLD_CODES[1], group=cls.group_gf
        )
        cls.contract = cls._create_contract()
        cls.test_students = [("group_id", "in", (cls.group | cls.group_gf).ids)]

    def test_lecturer_sees_only_students_of_own_groups(self):
        Student = self.env["bvk.student"].with_user(self.lecturer)
        self.assertEqual(Student.search([]), self.student)
        self.student.with_user(self.lecturer).read(["name", "email"])
        with self.assertRaises(AccessError):
            self.other_student.with_user(self.lecturer).read(["name"])
        self.assertFalse(Student.with_user(self.other_lecturer).search([]))

    def test_group_coordinator_sees_group_students_as_lecturer(self):
        self.group_gf.coordinator_id = self.other_lecturer
        Student = self.env["bvk.student"].with_user(self.other_lecturer)
        self.assertEqual(Student.search([]), self.other_student)

    def test_lecturer_cannot_write_or_see_contracts(self):
        with self.assertRaises(AccessError):
            self.student.with_user(self.lecturer).write({"phone": "+371 20000000"})
        with self.assertRaises(AccessError):
            self.contract.with_user(self.lecturer).read(["name"])
        with self.assertRaises(AccessError):
            self.env["bvk.student"].with_user(self.lecturer).create({"name": "X"})

    def test_coordinator_manages_students_and_draft_contracts(self):
        Student = self.env["bvk.student"].with_user(self.coordinator)
        self.assertEqual(
            Student.search(self.test_students), self.student | self.other_student
        )
        student = Student.create({"name": "Jauns Students", "group_id": self.group.id})
        student.write({"email": "jauns@example.lv"})
        contract = (
            self.env["bvk.study.contract"]
            .with_user(self.coordinator)
            .create({"student_id": student.id})
        )
        self.assertEqual(contract.state, "draft")
        with self.assertRaises(AccessError):
            student.unlink()
        with self.assertRaises(AccessError):
            contract.unlink()
        with self.assertRaises(AccessError):
            contract.action_sign()

    def test_coordinator_cannot_manage_programmes(self):
        with self.assertRaises(AccessError):
            self.program.with_user(self.coordinator).write({"name": "X"})
        with self.assertRaises(AccessError):
            self.env["bvk.academic.year"].with_user(self.coordinator).create({})

    def test_head_manages_configuration_but_cannot_sign(self):
        program = (
            self.env["bvk.study.program"]
            .with_user(self.head)
            .create({"code": "X1", "name": "Test programme"})
        )
        program.unlink()
        with self.assertRaises(AccessError):
            self.contract.with_user(self.head).action_sign()

    def test_director_signs(self):
        self.contract.with_user(self.director).action_sign()
        self.assertEqual(self.contract.state, "signed")

    def test_accountant_reads_only(self):
        contract = self.contract.with_user(self.accountant)
        self.assertEqual(contract.amount_total, 4 * 1534.0)
        Student = self.env["bvk.student"].with_user(self.accountant)
        self.assertEqual(
            Student.search(self.test_students), self.student | self.other_student
        )
        with self.assertRaises(AccessError):
            contract.write({"amount_total": 1.0})
        with self.assertRaises(AccessError):
            self.student.with_user(self.accountant).write({"phone": "1"})

    def test_plain_employee_sees_nothing(self):
        for model in (
            "bvk.student",
            "bvk.study.contract",
            "bvk.study.program",
            "bvk.student.group",
            "bvk.academic.year",
        ):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.employee).search([])

    def test_company_isolation(self):
        other_company = self.env["res.company"].create({"name": "Other College"})
        foreign = self.env["bvk.student"].create(
            {"name": "Cits Students", "company_id": other_company.id}
        )
        self.head.company_ids = [(4, other_company.id)]
        Student = self.env["bvk.student"].with_user(self.head)
        self.assertNotIn(
            foreign,
            Student.with_context(allowed_company_ids=[self.company.id]).search([]),
        )
        self.assertIn(
            foreign,
            Student.with_context(
                allowed_company_ids=[self.company.id, other_company.id]
            ).search([]),
        )
