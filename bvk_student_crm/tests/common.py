# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import TransactionCase, new_test_user

# Valid old-format personal codes (check digit computed) and new-format ones.
VALID_OLD_CODES = ["010190-12349", "311285-00007", "150620-12341"]
VALID_NEW_CODES = ["320000-12345", "389999-00001"]


class BvkCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, no_reset_password=True)
        )
        cls.company = cls.env.company
        cls.eur = cls.env.ref("base.EUR")
        cls.eur.active = True
        cls.director = new_test_user(
            cls.env,
            login="bvk_director",
            groups="bvk_student_crm.group_bvk_director",
            name="Vita Zariņa",
        )
        cls.head = new_test_user(
            cls.env, login="bvk_head", groups="bvk_student_crm.group_bvk_head"
        )
        cls.coordinator = new_test_user(
            cls.env,
            login="bvk_coordinator",
            groups="bvk_student_crm.group_bvk_coordinator",
        )
        cls.lecturer = new_test_user(
            cls.env, login="bvk_lecturer", groups="bvk_student_crm.group_bvk_lecturer"
        )
        cls.other_lecturer = new_test_user(
            cls.env,
            login="bvk_lecturer2",
            groups="bvk_student_crm.group_bvk_lecturer",
        )
        cls.accountant = new_test_user(
            cls.env, login="bvk_accountant", groups="account.group_account_invoice"
        )
        cls.employee = new_test_user(
            cls.env, login="bvk_employee", groups="base.group_user"
        )
        cls.program = cls.env["bvk.study.program"].create(
            {
                "code": "T-BV",
                "name": "Business Management",
                "duration_semesters": 4,
                "credits": 120,
                "credit_unit": "ects",
                "tuition_per_semester": 1534.0,
                "currency_id": cls.eur.id,
                "director_id": cls.head.id,
            }
        )
        cls.program_gf = cls.env["bvk.study.program"].create(
            {
                "code": "T-GF",
                "name": "Accounting and Finance",
                "duration_semesters": 5,
                "tuition_per_semester": 1290.0,
                "currency_id": cls.eur.id,
            }
        )
        cls.group = cls.env["bvk.student.group"].create(
            {
                "code": "T-BV-26-1",
                "program_id": cls.program.id,
                "intake_year": 2026,
                "coordinator_id": cls.coordinator.id,
                "lecturer_ids": [(6, 0, cls.lecturer.ids)],
            }
        )
        cls.group_gf = cls.env["bvk.student.group"].create(
            {"code": "T-GF-26-1", "program_id": cls.program_gf.id, "intake_year": 2026}
        )
        cls.student = cls._create_student("Anna Priede", VALID_OLD_CODES[0])

    @classmethod
    def _create_student(cls, name, code, group=None, **vals):
        group = group or cls.group
        return cls.env["bvk.student"].create(
            {
                "name": name,
                "personal_code": code,
                "email": f"{name.split()[0].lower()}@example.lv",
                "street": "Brīvības iela 1",
                "city": "Rīga",
                "zip": "LV-1010",
                "group_id": group.id,
                **vals,
            }
        )

    @classmethod
    def _create_contract(cls, student=None, **vals):
        student = student or cls.student
        return cls.env["bvk.study.contract"].create(
            {"student_id": student.id, "date_start": date(2026, 9, 1), **vals}
        )
