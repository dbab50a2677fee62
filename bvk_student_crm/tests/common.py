# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

# Valid old-format personal codes (check digit computed) and new-format ones.
VALID_OLD_CODES = ["010190-12349", "311285-00007", "150620-12341"]
VALID_NEW_CODES = ["320000-12345", "389999-00001"]


class BvkCommon(TransactionCase):
    # Work in a company of the tests' own (in EUR, with the default reminder
    # policies): the main company of a demo database keeps the currency of
    # its demo journal items.
    _bvk_own_company = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, no_reset_password=True)
        )
        cls.eur = cls.env.ref("base.EUR")
        cls.eur.active = True
        if cls._bvk_own_company:
            cls._setup_own_company()
        cls.company = cls.env.company
        cls.director = cls._new_user(
            login="bvk_director",
            groups="bvk_student_crm.group_bvk_director",
            name="Vita Zariņa",
        )
        cls.head = cls._new_user(
            login="bvk_head", groups="bvk_student_crm.group_bvk_head"
        )
        cls.coordinator = cls._new_user(
            login="bvk_coordinator",
            groups="bvk_student_crm.group_bvk_coordinator",
        )
        cls.lecturer = cls._new_user(
            login="bvk_lecturer", groups="bvk_student_crm.group_bvk_lecturer"
        )
        cls.other_lecturer = cls._new_user(
            login="bvk_lecturer2",
            groups="bvk_student_crm.group_bvk_lecturer",
        )
        cls.accountant = cls._new_user(
            login="bvk_accountant", groups="account.group_account_invoice"
        )
        cls.employee = cls._new_user(login="bvk_employee", groups="base.group_user")
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
    def _setup_own_company(cls):
        company = cls.env["res.company"].create(
            {
                "name": "BVK Test College",
                "currency_id": cls.eur.id,
                "country_id": cls.env.ref("base.lv").id,
            }
        )
        cls.env.user.company_ids = [Command.link(company.id)]
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=[company.id])
        )
        policies = cls.env["bvk.reminder.policy"].search(
            [("company_id", "=", cls.env.ref("base.main_company").id)]
        )
        for policy in policies:
            policy.copy({"company_id": company.id, "name": policy.name})

    @classmethod
    def _new_user(cls, login, groups, **vals):
        company = cls.env.company
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            **vals,
        )

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

    def _reminder_mails(self, reminders):
        """The e-mails of ``reminders``: sent as the notes logged on their
        documents (the reminder's own chatter when it has no document)."""
        mails = self.env["mail.mail"]
        for reminder in reminders:
            document = (
                (reminder.res_model, reminder.res_id)
                if reminder.res_model and reminder.res_id
                else (reminder._name, reminder.id)
            )
            mails |= self.env["mail.mail"].search(
                [
                    ("mail_message_id.model", "=", document[0]),
                    ("mail_message_id.res_id", "=", document[1]),
                    ("recipient_ids", "in", reminder.partner_id.ids),
                ]
            )
        return mails
