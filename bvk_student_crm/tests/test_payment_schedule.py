# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from ..models.bvk_payment_schedule import split_amount
from .common_finance import BvkFinanceCommon


@tagged("post_install", "-at_install")
class TestPaymentSchedule(BvkFinanceCommon):
    def test_split_amount_rounding(self):
        self.assertEqual(split_amount(1000, 3, 0.01), [333.33, 333.33, 333.34])
        self.assertEqual(split_amount(6136, 4, 0.01), [1534.0] * 4)
        self.assertEqual(split_amount(0.05, 2, 0.01), [0.02, 0.03])
        self.assertEqual(split_amount(100, 0, 0.01), [])

    def _schedule(self, plan, **vals):
        contract = self._create_contract(**vals)
        schedule = self.env["bvk.payment.schedule"].create(
            {"contract_id": contract.id, "plan": plan}
        )
        schedule.action_generate()
        return schedule

    def test_semester_plan(self):
        schedule = self._schedule("semester")
        self.assertEqual(
            schedule.line_ids.mapped("date_due"),
            [
                date(2026, 8, 31),
                date(2027, 2, 28),
                date(2027, 8, 31),
                date(2028, 2, 29),
            ],
        )
        self.assertEqual(schedule.line_ids.mapped("amount"), [1534.0] * 4)
        self.assertEqual(schedule.amount_scheduled, 6136.0)

    def test_monthly_plan_adds_up_to_the_cent(self):
        contract = self._create_contract(amount_total=1000.0)
        schedule = self.env["bvk.payment.schedule"].create(
            {
                "contract_id": contract.id,
                "plan": "monthly",
                "installments_per_semester": 3,
            }
        )
        schedule.action_generate()
        self.assertEqual(len(schedule.line_ids), 12)
        self.assertAlmostEqual(sum(schedule.line_ids.mapped("amount")), 1000.0, 2)
        self.assertEqual(schedule.line_ids[-1].amount, 83.37)
        self.assertEqual(
            schedule.line_ids[:3].mapped("date_due"),
            [date(2026, 8, 31), date(2026, 9, 30), date(2026, 10, 31)],
        )

    def test_single_plan(self):
        schedule = self._schedule("single")
        self.assertRecordValues(
            schedule.line_ids, [{"date_due": date(2026, 8, 31), "amount": 6136.0}]
        )

    def test_custom_lines_must_match_total(self):
        schedule = self._schedule("single")
        schedule.plan = "custom"
        schedule.line_ids.amount = 6000.0
        # signing confirms the schedule prepared in draft
        contract = schedule.contract_id.with_user(self.director)
        with self.assertRaises(ValidationError):
            contract.action_sign()
        schedule.line_ids.amount = 3000.0
        schedule.line_ids.copy({"amount": 3136.0, "date_due": date(2027, 2, 1)})
        contract.action_sign()
        self.assertEqual(schedule.state, "confirmed")

    @freeze_time("2026-08-20")
    def test_confirm_posts_the_invoices_due(self):
        contract = self._signed_contract()
        schedule = contract.payment_schedule_id
        first, *others = schedule.line_ids
        self.assertEqual(schedule.state, "confirmed")
        self.assertEqual(first.state, "invoiced")
        move = first.move_id
        self.assertRecordValues(
            move,
            [
                {
                    "state": "posted",
                    "move_type": "out_invoice",
                    "partner_id": self.student.partner_id.id,
                    "payment_reference": contract.name,
                    "amount_total": 1534.0,
                    "invoice_date_due": date(2026, 8, 31),
                    "bvk_installment_id": first.id,
                }
            ],
        )
        self.assertTrue(all(i.state == "planned" and not i.move_id for i in others))
        self.assertEqual(
            move.invoice_line_ids.product_id, self.program.tuition_product_id
        )
        # the daily run posts the next one 14 days before its due date
        with freeze_time("2027-02-14"):
            self.env.ref(
                "bvk_student_crm.ir_cron_bvk_payment_post_invoices"
            ).method_direct_trigger()
        self.assertEqual(others[0].state, "invoiced")
        self.assertFalse(others[1].move_id)

    @freeze_time("2026-08-01")
    def test_all_invoices_at_signing(self):
        contract = self._signed_contract(timing="at_signing")
        lines = contract.payment_schedule_id.line_ids
        self.assertEqual(lines.mapped("state"), ["invoiced"] * 4)
        self.assertEqual(len(lines.move_id), 4)
        # numbered in one go, in sequence
        numbers = lines.move_id.sorted("id").mapped("sequence_number")
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 4)))
        self.assertEqual(len(set(lines.move_id.mapped("name"))), 4)

    @freeze_time("2026-08-01")
    def test_sign_creates_the_default_schedule(self):
        contract = self._create_contract()
        contract.with_user(self.director).action_sign()
        self.assertEqual(contract.payment_schedule_id.plan, "semester")
        self.assertEqual(contract.installment_count, 4)

    @freeze_time("2026-08-20")
    def test_invoiced_instalment_is_locked(self):
        first = self._signed_contract().payment_schedule_id.line_ids[0]
        for user in (self.head, self.accountant):
            with self.assertRaises(UserError):
                first.with_user(user).amount = 1.0
            with self.assertRaises(UserError):
                first.schedule_id.with_user(user).action_draft()
        with self.assertRaises(UserError):
            first.with_user(self.head).unlink()

    @freeze_time("2026-08-20")
    def test_payment_partial_full_overpayment(self):
        contract = self._signed_contract()
        first = contract.payment_schedule_id.line_ids[0]
        self._register_payment(first, 500.0)
        self.assertRecordValues(
            first,
            [{"state": "partial", "amount_paid": 500.0, "amount_residual": 1034.0}],
        )
        self._register_payment(first, 1034.0)
        self.assertRecordValues(
            first, [{"state": "paid", "amount_paid": 1534.0, "amount_residual": 0.0}]
        )
        self.assertEqual(contract.payment_schedule_id.amount_paid, 1534.0)

    @freeze_time("2026-09-10")
    def test_overdue_and_credit_note(self):
        contract = self._signed_contract()
        first = contract.payment_schedule_id.line_ids[0]
        self.assertEqual(first.state, "overdue")
        self.assertEqual(first.days_overdue, 10)
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=first.move_id.ids)
            .create({"journal_id": first.move_id.journal_id.id, "reason": "test"})
        )
        reversal.refund_moves()
        refund = self.env["account.move"].search(
            [("reversed_entry_id", "=", first.move_id.id)]
        )
        if refund.state == "draft":
            refund.action_post()
        receivable = (refund.line_ids | first.move_id.line_ids).filtered(
            lambda line: (
                line.account_id.account_type == "asset_receivable"
                and not line.reconciled
            )
        )
        if receivable:
            receivable.reconcile()
        self.assertEqual(first.state, "cancelled")
        self.assertEqual(first.amount_residual, 0.0)

    def test_student_form_shows_payments(self):
        with freeze_time("2026-09-10"):
            self._signed_contract()
            self.student.invalidate_recordset()
            self.assertEqual(self.student.payment_amount_overdue, 1534.0)
            self.assertEqual(len(self.student.installment_ids), 4)

    @freeze_time("2026-08-20")
    def test_coordinator_cannot_post_journal_entries(self):
        contract = self._signed_contract()
        # the coordinator sees the schedule and its instalments...
        schedule = contract.payment_schedule_id.with_user(self.coordinator)
        self.assertEqual(len(schedule.line_ids), 4)
        # ...but creates no journal entry outside this flow
        with self.assertRaises(AccessError):
            self.env["account.move"].with_user(self.coordinator).create(
                {"move_type": "entry"}
            )
        with self.assertRaises(AccessError):
            schedule.line_ids[0].move_id.with_user(self.coordinator).button_draft()

    def test_contract_form_button_creates_schedule(self):
        contract = self._create_contract()
        action = contract.action_view_payment_schedule()
        schedule = self.env["bvk.payment.schedule"].browse(action["res_id"])
        self.assertEqual(len(schedule.line_ids), 4)
        with Form(schedule) as form:
            form.plan = "single"
        schedule.action_generate()
        self.assertEqual(len(schedule.line_ids), 1)

    @freeze_time("2026-08-20")
    def test_student_never_sees_other_students_data(self):
        self._signed_contract()
        contract_b = self._signed_contract(student=self.student_b)
        portal = self.env["res.users"].create(
            {
                "name": self.student_b.name,
                "login": "student_b_portal",
                "partner_id": self.student_b.partner_id.id,
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        # the student portal: a student reads the instalments of their own
        # contracts only (portal record rule)
        installments = self.env["bvk.payment.installment"].with_user(portal).search([])
        self.assertEqual(installments, contract_b.payment_schedule_id.line_ids)
        # on the portal, invoices are those of the student's own partner only
        moves = self.env["account.move"].with_user(portal).search([])
        self.assertEqual(moves, contract_b.payment_schedule_id.line_ids.move_id)
