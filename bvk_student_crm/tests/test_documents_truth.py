# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Documents and messages that tell the truth: the contract's Annex 1 is the
payment schedule the invoices follow, a draft contract has neither a number
nor a date yet, instalments are named in the reader's language, and a
reminder sent by hand before the due date is a notice, shown before it is
sent."""

from datetime import date

from lxml import html as lxml_html

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common_finance import BvkFinanceCommon

REPORT = "bvk_student_crm.action_report_study_contract"


@tagged("post_install", "-at_install")
class TestDocumentsTruth(BvkFinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("lv_LV")
        cls.env["res.lang"]._activate_lang("en_US")
        cls.policy = cls.env["bvk.reminder.policy"]._get_policy("payment", cls.company)

    def _terms(self, contract):
        return [(t["date"], t["amount"]) for t in contract._get_payment_terms()]

    def _render_text(self, contract):
        content, _type = self.env["ir.actions.report"]._render_qweb_html(
            REPORT, contract.ids
        )
        page = lxml_html.fromstring(content.decode())
        return " ".join(page.text_content().replace("\N{NO-BREAK SPACE}", " ").split())

    def _reminders(self, student=None):
        return self.env["bvk.reminder"].search(
            [("student_id", "=", (student or self.student).id)], order="id"
        )

    # ------------------------------------------------------------
    # Annex 1 = the payment schedule
    # ------------------------------------------------------------

    def test_annex_of_a_draft_is_the_schedule_made_at_signing(self):
        with freeze_time("2026-08-20"):
            contract = self._create_contract()
            printed = self._terms(contract)
            self.assertEqual(
                [day for day, _amount in printed],
                [date(2026, 8, 31), date(2027, 2, 28), date(2027, 8, 31)]
                + [date(2028, 2, 29)],
            )
            contract.with_user(self.director).action_sign()
        installments = contract.payment_schedule_id.line_ids
        self.assertEqual(
            printed, [(i.date_due, i.amount) for i in installments.sorted("date_due")]
        )
        self.assertEqual(
            installments.move_id.mapped("invoice_date_due"), [date(2026, 8, 31)]
        )
        self.assertEqual(self._terms(contract), printed)

    def test_annex_follows_the_real_schedule(self):
        with freeze_time("2026-08-20"):
            contract = self._signed_contract(plan="monthly")
        installments = contract.payment_schedule_id.line_ids
        self.assertEqual(len(contract._get_payment_terms()), len(installments))
        # an agreement postponed an instalment: the annex shows the new date
        installments[1].sudo()._set_due_date(date(2026, 10, 15))
        self.assertIn(
            (date(2026, 10, 15), installments[1].amount), self._terms(contract)
        )
        # cancelled instalments (replaced by an agreement) are not printed
        installments[-1].sudo().cancelled = True
        self.assertEqual(len(contract._get_payment_terms()), len(installments) - 1)

    def test_one_even_split(self):
        contract = self._create_contract(amount_total=1000.0)
        self.program.duration_semesters = 3
        self.assertEqual(
            [amount for _day, amount in self._terms(contract)],
            [333.33, 333.33, 333.34],
        )

    # ------------------------------------------------------------
    # a draft: no number, no date
    # ------------------------------------------------------------

    def test_draft_has_no_number_until_signed(self):
        contract = self._create_contract()
        other = self._create_contract(student=self.student_b)
        self.assertEqual((contract.name, other.name), ("/", "/"))
        self.assertEqual(
            contract.with_context(lang="en_US").display_name,
            "Draft contract (Anna Priede)",
        )
        with freeze_time("2026-08-20"):
            contract.with_user(self.director).action_sign()
            self.assertRegex(contract.name, r"^SL-2026/\d{4}$")
            self.assertEqual(contract.display_name, contract.name)
            self.assertEqual(other.name, "/")
            # a draft left behind used up no number: the next one signed
            # gets the next number
            other.with_user(self.director).action_sign()
        first = int(contract.name.rsplit("/", 1)[1])
        self.assertEqual(other.name, f"SL-2026/{first + 1:04d}")
        # the instalments carry the number
        self.assertIn(contract.name, contract.payment_schedule_id.line_ids[0].name)

    def test_draft_prints_blanks_for_number_and_date(self):
        self.student.lang = "lv_LV"
        with freeze_time("2026-08-20"):
            contract = self._create_contract()
            text = self._render_text(contract)
            self.assertIn("Rīgā, 2026. gada __. ________", text)
            self.assertIn("Nr. ____", text)
            self.assertNotIn("20. augustā", text)
            contract.with_user(self.director).action_sign()
            text = self._render_text(contract)
        self.assertIn("Rīgā, 2026. gada 20. augustā", text)
        self.assertIn(contract.name, text)
        self.assertIn("31.08.2026.", text)  # the first due date of the schedule

    # ------------------------------------------------------------
    # instalments named for the reader
    # ------------------------------------------------------------

    def test_instalment_name_in_the_readers_language(self):
        self.student.lang = "lv_LV"
        with freeze_time("2026-08-20"):
            contract = self._signed_contract(timing="at_signing")
        installment = contract.payment_schedule_id.line_ids[0]
        self.assertEqual(
            installment.with_context(lang="en_US").name,
            f"{contract.name}, instalment 1",
        )
        self.assertEqual(
            installment.with_context(lang="lv_LV").name,
            f"{contract.name}, 1. maksājums",
        )
        self.assertEqual(
            self.env["bvk.payment.installment"].search(
                [("name", "ilike", contract.name)]
            ),
            contract.payment_schedule_id.line_ids,
        )
        # the invoice line is written in the payer's language
        line = installment.move_id.invoice_line_ids
        self.assertIn("1. maksājums", line.name)
        self.assertNotIn("instalment", line.name)

    # ------------------------------------------------------------
    # a reminder by hand before the due date is a notice
    # ------------------------------------------------------------

    def test_manual_reminder_before_the_due_date_is_a_notice(self):
        with freeze_time("2026-08-20"):
            contract = self._signed_contract(timing="at_signing")
        first = contract.payment_schedule_id.line_ids[0]
        with freeze_time("2026-08-25"):
            self.assertEqual(first.state, "invoiced")
            first.with_user(self.coordinator)._bvk_send_manual_reminders()
        notice = self._reminders()
        self.assertRecordValues(
            notice,
            [{"date": date(2026, 8, 25), "level": 0, "manual": True}],
        )
        self.assertEqual(notice.level_id.name, "Payment notice")
        self.assertEqual(first.reminder_level, 0)
        self.assertFalse(first.last_reminder_date)
        mail = self._reminder_mails(notice)
        self.assertIn("due on 08/31/2026", mail.mail_message_id.subject)
        self.assertNotIn("late", mail.mail_message_id.subject)
        # the daily run still sends the first late reminder once overdue
        cron = self.env.ref("bvk_student_crm.ir_cron_bvk_payment_reminders")
        with freeze_time("2026-09-01"):
            cron.method_direct_trigger()
        late = self._reminders() - notice
        self.assertRecordValues(late, [{"date": date(2026, 9, 1), "level": 1}])
        self.assertEqual(first.reminder_level, 1)

    def test_manual_reminder_after_the_due_date_is_dated_today(self):
        with freeze_time("2026-08-20"):
            contract = self._signed_contract(timing="at_signing")
        first = contract.payment_schedule_id.line_ids[0]
        with freeze_time("2026-09-03"):
            self.env["bvk.payment.installment"]._bvk_refresh_overdue()
            first.with_user(self.coordinator)._bvk_send_manual_reminders()
        reminder = self._reminders()
        self.assertRecordValues(
            reminder, [{"date": date(2026, 9, 3), "level": 1, "manual": True}]
        )
        self.assertEqual(first.reminder_level, 1)
        self.assertEqual(first.last_reminder_date, date(2026, 9, 3))

    def test_no_notice_level_no_reminder_before_the_due_date(self):
        with freeze_time("2026-08-20"):
            contract = self._signed_contract(timing="at_signing")
        self.policy._get_notice_level().unlink()
        with freeze_time("2026-08-25"), self.assertRaises(UserError):
            contract.payment_schedule_id.line_ids[0].with_user(
                self.coordinator
            ).action_send_reminder()
        self.assertFalse(self._reminders())

    def test_preview_shows_what_will_be_sent_and_sends_nothing(self):
        with freeze_time("2026-08-20"):
            contract = self._signed_contract(timing="at_signing")
            contract_b = self._signed_contract(
                student=self.student_b, timing="at_signing"
            )
        installments = (contract | contract_b).payment_schedule_id.line_ids.filtered(
            "move_id"
        )
        mails_before = self.env["mail.mail"].search_count([])
        reminders_before = self.env["bvk.reminder"].search([])
        with freeze_time("2026-08-25"):
            action = installments.with_user(self.coordinator).action_send_reminder()
            wizard = (
                self.env[action["res_model"]]
                .with_user(self.coordinator)
                .with_context(**action["context"])
                .create({})
            )
            self.assertRecordValues(
                wizard,
                [
                    {
                        "reminder_count": 2,
                        "student_count": 2,
                        "notice_count": 2,
                        "student_id": self.student.id,
                        "email_to": self.student.email,
                    }
                ],
            )
            self.assertIn("Dear Anna Priede", wizard.body_html)
            self.assertIn(f"{contract.name}, instalment 1", wizard.body_html)
            self.assertIn("08/31/2026", wizard.sms_body)
            self.assertIn("e-mail", wizard.channels)
            self.assertEqual(self.env["bvk.reminder"].search([]), reminders_before)
            self.assertEqual(self.env["mail.mail"].search_count([]), mails_before)
            wizard.action_send()
        sent = self.env["bvk.reminder"].search([]) - reminders_before
        self.assertEqual(sent.student_id, self.student | self.student_b)
        self.assertEqual(sent.mapped("level"), [0, 0])

    # ------------------------------------------------------------
    # the demo's history: every level on its day
    # ------------------------------------------------------------

    def test_replayed_reminders_send_every_level(self):
        with freeze_time("2026-08-20"):
            self._signed_contract(timing="at_signing")
        with freeze_time("2026-11-29"):
            Installment = self.env["bvk.payment.installment"]
            Installment._bvk_refresh_overdue()
            Installment._bvk_replay_reminders(date(2026, 1, 1))
        self.assertEqual(
            [(r.level, r.date) for r in self._reminders()],
            [
                (1, date(2026, 9, 1)),
                (2, date(2026, 9, 14)),
                (3, date(2026, 9, 30)),
            ],
        )
