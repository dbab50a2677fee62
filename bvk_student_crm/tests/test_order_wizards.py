# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged

from .common_orders import BvkOrderCommon


@tagged("post_install", "-at_install")
@freeze_time("2027-02-10")
class TestOrderWizards(BvkOrderCommon):
    def _wizard(self, model, user=None, **context):
        return Form(
            self.env[model].with_user(user or self.coordinator).with_context(**context)
        )

    def _open(self, action):
        self.assertEqual(action["res_model"], "bvk.order")
        return self.env["bvk.order"].browse(action["res_id"])

    # ------------------------------------------------------------
    # Step 5: expulsion
    # ------------------------------------------------------------

    def test_owed_summary(self):
        self.obligation.sudo()._establish_debt(date(2027, 1, 16))
        summary = self.env["bvk.order"]._get_owed_summary(
            self.student | self.student_c, date(2027, 3, 1)
        )
        self.assertEqual(
            summary[self.student.id],
            {
                # 31.08.2026 overdue; 28.02.2027 due before the effective date
                "owed": 3068.0,
                "overdue": 1534.0,
                "overdue_count": 1,
                # 31.08.2027 and 29.02.2028
                "cancelled": 3068.0,
                "cancelled_count": 2,
                "debts": ["[TO101] Management"],
                "open_obligations": 2,
            },
        )
        # contract C is invoiced 14 days before each due date: the planned
        # instalment of 28.02.2027 is owed too
        self.assertEqual(summary[self.student_c.id]["owed"], 3068.0)
        self.assertEqual(summary[self.student_c.id]["cancelled_count"], 2)

    def test_expel_from_the_student(self):
        action = self.student.with_user(self.coordinator).action_expel()
        wizard = self._wizard(action["res_model"], **action["context"])
        self.assertEqual(wizard.date_effective, date(2027, 3, 1))
        self.assertEqual(wizard.reason, "application")
        self.assertIn(self.student.name, wizard.summary_html)
        wizard.date_application = date(2027, 2, 8)
        order = self._open(wizard.save().action_confirm())
        self.assertRecordValues(
            order,
            [
                {
                    "order_type": "expulsion",
                    "state": "draft",
                    "name": "/",
                    "date_effective": date(2027, 3, 1),
                }
            ],
        )
        self.assertRecordValues(
            order.line_ids,
            [
                {
                    "student_id": self.student.id,
                    "contract_id": self.contract.id,
                    "reason": "application",
                    "date_application": date(2027, 2, 8),
                    "amount_overdue": 1534.0,
                }
            ],
        )
        with self.assertRaises(AccessError):
            self.student.with_user(self.lecturer).action_expel()

    def test_expel_needs_the_application_date(self):
        wizard = self._wizard(
            "bvk.order.expel", active_model="bvk.student", active_ids=self.student.ids
        ).save()
        wizard.date_application = False
        with self.assertRefused(UserError, "date of the application"):
            wizard.action_confirm()

    def test_expel_from_the_contract_buttons(self):
        action = self.contract.with_user(self.head).action_terminate()
        wizard = self._wizard(action["res_model"], user=self.head, **action["context"])
        wizard.reason = "rules"
        order = self._open(wizard.save().action_confirm())
        self.assertEqual(order.line_ids.contract_id, self.contract)
        self.assertEqual(self.contract.state, "active")
        order.with_user(self.director).action_sign()
        self.assertEqual(self.contract.state, "terminated")
        self.assertEqual(self.contract.termination_reason, "rules")

    def test_expel_several_from_the_overdue_list(self):
        overdue = self.env["bvk.payment.installment"].search(
            [
                ("student_id", "in", (self.student | self.student_b).ids),
                ("state", "=", "overdue"),
            ]
        )
        wizard = self._wizard(
            "bvk.order.expel",
            active_model="bvk.payment.installment",
            active_ids=overdue.ids,
        )
        self.assertEqual(wizard.reason, "unpaid")
        order = self._open(wizard.save().action_confirm())
        self.assertEqual(order.line_ids.student_id, self.student | self.student_b)
        self.assertEqual(order.line_ids.mapped("reason"), ["unpaid", "unpaid"])
        # the students with tuition unpaid for more than 60 days
        students = self.env["bvk.student"].search(
            [("id", "in", (self.student | self.student_b | self.student_c).ids)]
            + self._filter_domain("unpaid_60_days")
        )
        self.assertEqual(students, self.student | self.student_b | self.student_c)

    def _filter_domain(self, name):
        from lxml import etree

        from odoo.tools.safe_eval import datetime as safe_datetime
        from odoo.tools.safe_eval import dateutil, safe_eval

        arch = self.env["bvk.student"].get_view(view_type="search")["arch"]
        node = etree.fromstring(arch).xpath(f"//filter[@name='{name}']")[0]
        return safe_eval(
            node.get("domain"),
            {
                "context_today": lambda: date(2027, 2, 10),
                "relativedelta": dateutil.relativedelta.relativedelta,
                "datetime": safe_datetime,
            },
        )

    # ------------------------------------------------------------
    # Step 6: transfer
    # ------------------------------------------------------------

    def _setup_transfer(self):
        """A: overdue tuition and an academic debt (blocked); B: paid, an
        academic debt covered by an approved agreement (eligible); C: overdue
        tuition covered by an approved agreement (eligible)."""
        self.obligation.sudo()._establish_debt(date(2027, 1, 16))
        first_b = self.contract_b.payment_schedule_id.line_ids.sorted("date_due")[0]
        self._register_payment(first_b, 1534.0, when=date(2027, 2, 1))
        debt_b = self.env["bvk.academic.obligation"].search(
            [
                ("student_id", "=", self.student_b.id),
                ("offering_id.schedule_id", "=", self.schedule.id),
            ]
        )
        debt_b.sudo()._establish_debt(date(2027, 1, 16))
        first_c = self.contract_c.payment_schedule_id.line_ids.sorted("date_due")[0]
        Agreement = self.env["bvk.agreement"]
        for student, contract, obligation, agreement_type in (
            (self.student_b, self.contract_b, debt_b, "deadline_extension"),
            (self.student_c, self.contract_c, first_c, "postpone"),
        ):
            agreement = Agreement.create(
                {
                    "agreement_type": agreement_type,
                    "student_id": student.id,
                    "contract_id": contract.id,
                    "semester_id": False,
                    "line_ids": [
                        Command.create(
                            {
                                "res_model": obligation._name,
                                "res_id": obligation.id,
                                "name": obligation.display_name,
                                "date_new": date(2027, 3, 15),
                            }
                        )
                    ],
                }
            )
            agreement.with_user(self.head).action_approve()
        return debt_b

    def test_transfer_preview_classification(self):
        self._setup_transfer()
        preview = self.env["bvk.order"]._transfer_preview(
            self.student | self.student_b | self.student_c
        )
        a, b, c = (
            preview[s.id] for s in (self.student, self.student_b, self.student_c)
        )
        self.assertFalse(a["eligible"])
        self.assertEqual(a["amount_overdue"], 1534.0)
        self.assertEqual(a["overdue_count"], 1)
        self.assertEqual(a["debt_count"], 1)
        self.assertEqual(len(a["reasons"]), 2)
        self.assertIn("overdue tuition", a["reasons"][0])
        self.assertIn("[TO101] Management", a["reasons"][1])
        self.assertEqual(a["contract_id"], self.contract.id)
        self.assertTrue(b["eligible"])
        self.assertEqual(b["debt_count"], 0)
        self.assertIn("covered by the agreement", b["reasons"][0])
        self.assertTrue(c["eligible"])
        self.assertEqual(c["amount_overdue"], 0.0)
        self.assertIn("covered by the agreement", c["reasons"][0])

    def test_transfer_preview_queries_do_not_grow(self):
        self._setup_transfer()
        Order = self.env["bvk.order"]
        # warm the caches that do not depend on the students (languages...)
        Order._transfer_preview(self.student)
        counts = []
        for students in (
            self.student | self.student_b,
            self.student | self.student_b | self.student_c,
        ):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Order._transfer_preview(students)
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])

    def test_transfer_wizard(self):
        self._setup_transfer()
        wizard = self._wizard("bvk.order.transfer")
        self.assertEqual(wizard.date_effective, date(2027, 3, 1))
        wizard.group_ids.add(self.group)
        wizard = wizard.save()
        wizard.action_load()
        self.assertEqual(wizard.eligible_count, 2)
        self.assertEqual(wizard.blocked_count, 1)
        line_a = wizard.line_ids.filtered(lambda line: line.student_id == self.student)
        self.assertRecordValues(
            line_a,
            [
                {
                    "status": "blocked",
                    "include": False,
                    "amount_overdue": 1534.0,
                    "debt_count": 1,
                }
            ],
        )
        # a blocked student included needs a note
        line_a.include = True
        with self.assertRefused(UserError, self.student.name):
            wizard.action_confirm()
        line_a.note = "Management by 15.03.2027"
        order = self._open(wizard.action_confirm())
        self.assertEqual(order.order_type, "transfer")
        self.assertEqual(len(order.line_ids), 3)
        conditional = order.line_ids.filtered("conditional")
        self.assertEqual(conditional.student_id, self.student)
        self.assertEqual(conditional.note, "Management by 15.03.2027")
        order.with_user(self.director).action_sign()
        self.assertEqual(
            (self.student | self.student_b | self.student_c).mapped("semester_number"),
            [2, 2, 2],
        )

    def test_transfer_wizard_expulsion_for_those_left_out(self):
        self._setup_transfer()
        wizard = self._wizard("bvk.order.transfer")
        wizard.group_ids.add(self.group)
        wizard.create_expulsion = True
        wizard = wizard.save()
        wizard.action_load()
        drafts = [("order_type", "=", "expulsion"), ("state", "=", "draft")]
        # the demo data's draft expulsion stays out of it
        before = self.env["bvk.order"].search(drafts)
        order = self._open(wizard.action_confirm())
        self.assertEqual(order.line_ids.student_id, self.student_b | self.student_c)
        expulsion = self.env["bvk.order"].search(drafts) - before
        self.assertEqual(expulsion.line_ids.student_id, self.student)
        self.assertEqual(expulsion.line_ids.reason, "unpaid")
        self.assertEqual(expulsion.date_effective, date(2027, 3, 1))

    # ------------------------------------------------------------
    # Step 6: exmatriculation
    # ------------------------------------------------------------

    def _complete_studies(self, student, contract):
        student.semester_number = 4
        self.env["bvk.academic.obligation"].search(
            [("student_id", "=", student.id)]
        ).write({"grade": "8"})
        for installment in contract.payment_schedule_id.line_ids:
            self._register_payment(installment, installment.amount_residual)

    def test_exmatriculation_proposals(self):
        self._complete_studies(self.student_b, self.contract_b)
        self.student_c.semester_number = 4
        Order = self.env["bvk.order"]
        self.assertEqual(
            Order._exmatriculation_proposals([("group_id", "=", self.group.id)]),
            self.student_b,
        )
        checks = Order._exmatriculation_check(self.student | self.student_c)
        self.assertIn("in semester 1 of 4", checks[self.student.id])
        self.assertTrue(checks[self.student_c.id])
        wizard = self._wizard("bvk.order.exmatriculate")
        wizard.group_ids.add(self.group)
        wizard = wizard.save()
        wizard.action_propose()
        self.assertEqual(wizard.student_ids, self.student_b)
        order = self._open(wizard.action_confirm())
        self.assertRecordValues(
            order, [{"order_type": "exmatriculation", "graduation": True}]
        )
        order.with_user(self.director).action_sign()
        self.assertEqual(self.student_b.state, "graduated")
        self.assertEqual(self.contract_b.state, "completed")
        # a student who did not complete the programme does not graduate
        wizard = self._wizard("bvk.order.exmatriculate")
        wizard.student_ids.add(self.student)
        with self.assertRefused(UserError, "in semester 1 of 4"):
            wizard.save().action_confirm()

    def test_contract_complete_button(self):
        action = self.contract.with_user(self.head).action_complete()
        wizard = self._wizard(
            action["res_model"], user=self.head, **action["context"]
        ).save()
        self.assertEqual(wizard.student_ids, self.student)
        wizard.graduation = False
        order = self._open(wizard.action_confirm())
        self.assertEqual(order.line_ids.contract_id, self.contract)
        order.with_user(self.director).action_sign()
        self.assertEqual(self.student.state, "exmatriculated")
        self.assertEqual(self.contract.state, "completed")
