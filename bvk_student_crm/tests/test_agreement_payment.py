# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged

from .common_finance import BvkFinanceCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-09-05")
class TestPaymentAgreement(BvkFinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-08-20"):
            cls.contract = cls._signed_contract(timing="at_signing")
        cls.lines = cls.contract.payment_schedule_id.line_ids
        cls.first = cls.lines[0]
        cls.lender = cls.env["res.partner"].create(
            {"name": "AS Swedbank", "is_company": True}
        )
        cls.cron = cls.env.ref("bvk_student_crm.ir_cron_bvk_payment_reminders")

    def _agreement(self, **vals):
        wizard_form = Form(
            self.env["bvk.study.contract.agreement"]
            .with_user(self.coordinator)
            .with_context(
                active_id=self.contract.id, default_contract_id=self.contract.id
            )
        )
        for name, value in vals.items():
            setattr(wizard_form, name, value)
        action = wizard_form.save().action_create()
        return self.env["bvk.agreement"].browse(action["res_id"])

    def _approve_apply(self, agreement):
        with self.assertRaises(AccessError):
            agreement.with_user(self.coordinator).action_approve()
        agreement.with_user(self.head).action_approve()
        agreement.with_user(self.head).action_apply()
        self.assertEqual(agreement.state, "applied")

    def _reminders(self):
        return self.env["bvk.reminder"].search(
            [("kind", "=", "payment"), ("company_id", "=", self.company.id)]
        )

    def test_postpone(self):
        self.cron.method_direct_trigger()
        self.assertEqual(self.first.reminder_level, 1)
        agreement = self._agreement(
            agreement_type="postpone", date_new=date(2026, 10, 15)
        )
        self.assertRecordValues(
            agreement.line_ids,
            [
                {
                    "res_id": self.first.id,
                    "date_old": date(2026, 8, 31),
                    "date_new": date(2026, 10, 15),
                    "amount": 1534.0,
                }
            ],
        )
        self._approve_apply(agreement)
        self.assertRecordValues(
            self.first,
            [
                {
                    "date_due": date(2026, 10, 15),
                    "reminder_level": 0,
                    "agreement_id": agreement.id,
                    "state": "invoiced",
                }
            ],
        )
        self.assertEqual(self.first.move_id.invoice_date_due, date(2026, 10, 15))
        receivable = self.first.move_id.line_ids.filtered(
            lambda aml: aml.account_id.account_type == "asset_receivable"
        )
        self.assertEqual(receivable.date_maturity, date(2026, 10, 15))
        count = len(self._reminders())
        with freeze_time("2026-10-10"):
            self.cron.method_direct_trigger()
        self.assertEqual(len(self._reminders()), count)
        # the amendment was e-mailed with its PDF
        message = agreement.message_ids.filtered(lambda m: m.attachment_ids)
        self.assertTrue(message)
        # missed again: the levels start over from the new date
        with freeze_time("2026-10-16"):
            self.cron.method_direct_trigger()
        self.assertEqual(self.first.reminder_level, 1)

    def test_split(self):
        self._register_payment(self.first, 534.0)
        agreement = self._agreement(
            agreement_type="split", part_count=2, part_date_first=date(2026, 9, 30)
        )
        parts = agreement.line_ids.filtered(lambda line: not line.res_model)
        self.assertEqual(parts.mapped("amount"), [500.0, 500.0])
        self.assertEqual(
            parts.mapped("date_new"), [date(2026, 9, 30), date(2026, 10, 30)]
        )
        self._approve_apply(agreement)
        self.assertRecordValues(self.first, [{"state": "paid", "amount": 534.0}])
        new = self.contract.payment_schedule_id.line_ids - self.lines
        self.assertRecordValues(
            new,
            [
                {"amount": 500.0, "date_due": date(2026, 9, 30), "state": "invoiced"},
                {"amount": 500.0, "date_due": date(2026, 10, 30), "state": "invoiced"},
            ],
        )
        self.assertEqual(new.move_id.mapped("amount_total"), [500.0, 500.0])
        refund = self.first.move_ids.filtered(lambda m: m.move_type == "out_refund")
        self.assertEqual(refund.amount_total, 1000.0)
        schedule = self.contract.payment_schedule_id
        self.assertAlmostEqual(schedule.amount_scheduled, 6136.0)
        self.cron.method_direct_trigger()
        self.assertFalse(self._reminders())

    def test_split_must_add_up(self):
        agreement = self._agreement(
            agreement_type="split", part_count=2, part_date_first=date(2026, 9, 30)
        )
        agreement.line_ids.filtered(lambda line: not line.res_model)[0].amount = 1.0
        agreement.with_user(self.head).action_approve()
        with self.assertRaises(UserError):
            agreement.with_user(self.head).action_apply()

    def test_study_loan(self):
        agreement = self._agreement(
            agreement_type="loan",
            lender_id=self.lender,
            loan_reference="SK-2026-77",
            loan_date_expected=date(2026, 10, 1),
        )
        self._approve_apply(agreement)
        self.assertRecordValues(
            self.first,
            [
                {
                    "state": "covered",
                    "payer_id": self.lender.id,
                    "date_due": date(2026, 10, 1),
                }
            ],
        )
        self.assertEqual(self.first.move_id.partner_id, self.lender)
        self.assertEqual(self.first.move_id.amount_total, 1534.0)
        student_invoice = self.first.move_ids.filtered(
            lambda m: (
                m.move_type == "out_invoice" and m.partner_id == self.student.partner_id
            )
        )
        self.assertEqual(student_invoice.payment_state, "reversed")
        with freeze_time("2026-11-30"):
            self.cron.method_direct_trigger()
        self.assertFalse(self._reminders())
        # the bank pays: the instalment is paid
        self._register_payment(self.first, 1534.0, when=date(2026, 10, 1))
        self.assertEqual(self.first.state, "paid")

    def test_amendment_report(self):
        agreement = self._agreement(
            agreement_type="postpone", date_new=date(2026, 10, 15)
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "bvk_student_crm.action_report_agreement", agreement.ids
            )[0]
            .decode()
        )
        self.assertIn(agreement.name, html)
        self.assertIn(self.contract.name, html)
        self.assertIn(
            "1534", html.replace("\u00a0", "").replace(" ", "").replace(",", "")
        )

    def test_amendment_in_latvian(self):
        self.env["res.lang"]._activate_lang("lv_LV")
        self.student.lang = "lv_LV"
        agreement = self._agreement(
            agreement_type="postpone", date_new=date(2026, 10, 15)
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "bvk_student_crm.action_report_agreement", agreement.ids
            )[0]
            .decode()
        )
        self.assertIn("2026. gada 15. oktobrim", html)
        self.assertIn("tūkstotis pieci simti trīsdesmit četri", html)
