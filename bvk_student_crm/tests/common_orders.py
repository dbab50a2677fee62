# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from datetime import date

from odoo import Command
from odoo.tests import freeze_time

from .common_finance import BvkFinanceCommon


class BvkOrderCommon(BvkFinanceCommon):
    """Three students of the group T-BV-26-1 with contracts signed on 20
    August 2026 (studies from 1 September 2026, an invoice per semester
    posted at signing: due 31.08.2026, 28.02.2027, 31.08.2027, 29.02.2028),
    the academic year 2026/2027 with a confirmed autumn schedule (one exam)
    and a confirmed spring schedule (one exam). Tests run on 10 February
    2027: the first instalment of each student is overdue."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.bvk_director_name = "Vita Zariņa"
        cls.company.bvk_director_title = "Direktore"
        cls.company.company_registry = "40003923111"
        cls.company.partner_id.write(
            {"street": "Alberta iela 13", "city": "Rīga", "zip": "LV-1010"}
        )
        with freeze_time("2026-08-20"):
            cls.contract = cls._signed_contract(timing="at_signing")
            cls.contract_b = cls._signed_contract(
                student=cls.student_b, timing="at_signing"
            )
            cls.contract_c = cls._signed_contract(
                student=cls.student_c, timing="before_due"
            )
        for contract in cls.contract | cls.contract_b | cls.contract_c:
            contract.with_user(cls.coordinator).action_activate()
        Year = cls.env["bvk.academic.year"]
        cls.year = Year.search(
            [("date_start", "=", date(2026, 9, 1)), ("company_id", "=", cls.company.id)]
        ) or Year.create({"date_start": date(2026, 9, 1)})
        cls.autumn, cls.spring = cls.year.semester_ids.sorted("date_start")
        cls.course = cls.env["bvk.course"].create(
            {"code": "TO101", "name": "Management", "credits": 3}
        )
        cls.course_2 = cls.env["bvk.course"].create(
            {"code": "TO102", "name": "Accounting", "credits": 3}
        )
        cls.schedule = cls._schedule(cls.autumn, cls.course, date(2027, 1, 15))
        cls.schedule_spring = cls._schedule(
            cls.spring, cls.course_2, date(2027, 6, 15), plan_semester=2
        )
        # the daily job has marked the first instalments overdue
        cls.env["bvk.payment.installment"]._bvk_refresh_overdue()
        Obligation = cls.env["bvk.academic.obligation"]
        cls.obligation = Obligation.search(
            [
                ("student_id", "=", cls.student.id),
                ("offering_id.schedule_id", "=", cls.schedule.id),
            ]
        )
        cls.obligation_spring = Obligation.search(
            [
                ("student_id", "=", cls.student.id),
                ("offering_id.schedule_id", "=", cls.schedule_spring.id),
            ]
        )

    @contextmanager
    def assertRefused(self, exception, text):
        """``assertRaises`` (which rolls back to a savepoint) and the message."""
        with self.assertRaises(exception) as context:
            yield
        self.assertIn(text, str(context.exception))

    @classmethod
    def _schedule(cls, semester, course, assessment, plan_semester=1):
        schedule = cls.env["bvk.study.schedule"].create(
            {
                "group_id": cls.group.id,
                "semester_id": semester.id,
                "plan_semester": plan_semester,
                "offering_ids": [
                    Command.create(
                        {
                            "course_id": course.id,
                            "date_start": semester.date_start,
                            "date_assessment": assessment,
                            "lecturer_id": cls.lecturer.id,
                        }
                    )
                ],
            }
        )
        schedule.action_confirm()
        return schedule

    @classmethod
    def _order(cls, order_type="expulsion", students=None, user=None, **vals):
        students = students or cls.student
        lines = [
            {"student_id": student.id, **vals.pop("line_vals", {})}
            for student in students
        ]
        if order_type == "expulsion":
            for line in lines:
                line.setdefault("reason", "unpaid")
        return (
            cls.env["bvk.order"]
            .with_user(user or cls.coordinator)
            ._create_order(
                order_type,
                lines,
                **{"date_effective": date(2027, 3, 1), **vals},
            )
            .sudo(False)
            .with_user(cls.env.user)
        )
