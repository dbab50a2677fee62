# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import freeze_time, tagged

from .common import VALID_OLD_CODES
from .common_finance import BvkFinanceCommon


@tagged("post_install", "-at_install")
class TestPaymentReminders(BvkFinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.env["bvk.reminder.policy"]._get_policy("payment", cls.company)
        with freeze_time("2026-08-20"):
            cls.contract = cls._signed_contract(timing="at_signing")
            cls.contract_gf = cls._signed_contract(
                timing="at_signing", program_id=cls.program_gf.id
            )
            cls.contract_b = cls._signed_contract(
                student=cls.student_b, timing="at_signing"
            )
        cls.first = cls.contract.payment_schedule_id.line_ids[0]
        cls.first_gf = cls.contract_gf.payment_schedule_id.line_ids[0]
        cls.first_b = cls.contract_b.payment_schedule_id.line_ids[0]
        cls.cron = cls.env.ref("bvk_student_crm.ir_cron_bvk_payment_reminders")

    def _run(self, when):
        with freeze_time(when):
            self.cron.method_direct_trigger()

    def _reminders(self, student=None):
        domain = [("kind", "=", "payment"), ("company_id", "=", self.company.id)]
        if student:
            domain.append(("student_id", "=", student.id))
        return self.env["bvk.reminder"].search(domain, order="id")

    def test_templates_are_set_on_the_levels(self):
        # the late reminders; the notice (level 0) has its own templates
        for level in self.policy._get_reminder_levels():
            self.assertEqual(
                level.mail_template_id,
                self.env.ref("bvk_student_crm.mail_template_payment_reminder"),
            )
            self.assertTrue(level.sms_template_id)

    def test_nothing_before_the_due_date_passes(self):
        self._run("2026-08-31")
        self.assertFalse(self._reminders())

    def test_levels_one_per_student_and_idempotent(self):
        self._run("2026-09-01")
        reminders = self._reminders()
        self.assertEqual(len(reminders), 2)
        mine = self._reminders(self.student)
        self.assertEqual(mine.level, 1)
        self.assertEqual(
            set(mine.line_ids.mapped("res_id")), {self.first.id, self.first_gf.id}
        )
        self.assertEqual(mine.amount_total, 1534.0 + 1290.0)
        self.assertIn("SMS", mine.channel_summary)
        self.assertEqual(self.first.state, "overdue")
        self.assertEqual(self.first.reminder_level, 1)
        # queued e-mail and SMS, a note on the contract's chatter
        mails = self._reminder_mails(reminders)
        self.assertEqual(len(mails), 2)
        self.assertIn("reminder of a late payment", mails[0].subject)
        self.assertIn("Dear", mails[0].body_html)
        # each e-mail goes out as the note logged on the contract (one message,
        # not two), to the student
        self.assertEqual(
            mails.mail_message_id.mapped("model"), ["bvk.study.contract"] * 2
        )
        self.assertIn("First payment reminder", str(mails[0].mail_message_id.body))
        self.assertEqual(mails.recipient_ids, reminders.partner_id)
        self.assertEqual(
            self.env["sms.sms"].search_count([("number", "=", "+37120000001")]), 1
        )
        self.assertTrue(
            self.env["mail.message"].search_count(
                [
                    ("model", "=", "bvk.study.contract"),
                    ("res_id", "in", (self.contract | self.contract_gf).ids),
                    ("body", "ilike", "First payment reminder"),
                ]
            )
        )
        # twice the same day, or the next days: nothing new
        self._run("2026-09-01")
        self._run("2026-09-05")
        self.assertEqual(self._reminders(), reminders)
        # the second student pays: no more levels for them
        self._register_payment(self.first_b, 1534.0)
        self._run("2026-09-14")
        second = self._reminders() - reminders
        self.assertEqual(second.student_id, self.student)
        self.assertEqual(second.level, 2)
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "bvk.student"), ("res_id", "=", self.student.id)]
        )
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("bvk_student_crm.mail_activity_type_call_student"),
        )
        self.assertEqual(activity.user_id, self.coordinator)
        self._run("2026-09-30")
        third = self._reminders() - reminders - second
        self.assertEqual(third.level, 3)
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "bvk.student"), ("res_id", "=", self.student.id)]
        )
        self.assertIn(self.head, activities.user_id)
        self._run("2026-10-30")
        self.assertEqual(len(self._reminders()), 4)

    def test_late_start_sends_the_level_reached(self):
        # first run only 20 days late: level 2 directly, level 1 never
        self._run("2026-09-20")
        self.assertEqual(self._reminders(self.student).level, 2)
        self._run("2026-09-21")
        self.assertEqual(len(self._reminders(self.student)), 1)

    def test_crash_halfway_then_rerun(self):
        extra = self._create_student("Pēteris Kalns", VALID_OLD_CODES[2])
        with freeze_time("2026-08-20"):
            self._signed_contract(student=extra, timing="at_signing")
        installments = self.env["bvk.payment.installment"]
        with freeze_time("2026-09-01"):
            installments._bvk_refresh_overdue()
            # one batch was committed before the crash
            done, remaining = installments._bvk_remind_batch(
                self.policy, date(2026, 9, 1), limit=1
            )
            # the student's two overdue instalments go together
            self.assertEqual((done, remaining), (2, 2))
        self._run("2026-09-01")
        self._run("2026-09-01")
        reminders = self._reminders()
        self.assertEqual(len(reminders), 3)
        self.assertEqual(
            len(reminders.line_ids), len(set(reminders.line_ids.mapped("res_id")))
        )

    def test_manual_reminder(self):
        self._run("2026-09-01")
        with freeze_time("2026-09-03"):
            action = self.first.with_user(self.coordinator).action_send_reminder()
            self.assertEqual(action["res_model"], "bvk.reminder.preview")
            preview = (
                self.env["bvk.reminder.preview"]
                .with_user(self.coordinator)
                .with_context(**action["context"])
                .create({})
            )
            action = preview.action_send()
        self.assertEqual(action["tag"], "display_notification")
        manual = self._reminders(self.student).filtered("manual")
        self.assertEqual(len(manual), 1)
        self.assertEqual(manual.line_ids.res_id, self.first.id)

    def test_cron_batch_query_count_is_constant(self):
        students = self.env["bvk.student"]
        for index in range(8):
            students |= self._create_student(
                f"Students{index} Test",
                False,
                id_type="document",
                id_document_number=f"X{index}",
                birth_date=date(1990, 1, 1),
            )
        with freeze_time("2026-08-20"):
            for student in students:
                self._signed_contract(student=student, timing="at_signing")
        installments = self.env["bvk.payment.installment"].with_context(
            mail_notify_force_send=False
        )
        with freeze_time("2026-09-01"):
            installments._bvk_refresh_overdue()
            (
                self.contract | self.contract_gf | self.contract_b
            ).payment_schedule_id.line_ids.write({"reminder_level": 3})
            self.env.flush_all()
            self.env.invalidate_all()
            # a batch of 4 students costs the same number of queries as the next
            # one (one of them reads the schedule names, to describe each
            # instalment in the student's language)
            with self.assertQueryCount(__system__=41):
                installments._bvk_remind_batch(self.policy, date(2026, 9, 1), limit=4)
            self.env.invalidate_all()
            with self.assertQueryCount(__system__=33):
                installments._bvk_remind_batch(self.policy, date(2026, 9, 1), limit=4)

    def test_reminder_texts_in_latvian(self):
        self.env["res.lang"]._activate_lang("lv_LV")
        self._run("2026-09-01")
        reminder = self._reminders(self.student_b).with_context(lang="lv_LV")
        self.assertEqual(
            reminder.amount_due_text, "1\N{NO-BREAK SPACE}534,00\N{NO-BREAK SPACE}eiro"
        )
        self.assertIn("31.08.2026.", reminder.mail_lines_html)
        english = reminder.with_context(lang="en_US")
        self.assertIn("08/31/2026", english.mail_lines_html)
        # the note on the contract lists the lines in the reader's formats too
        note = self.env["mail.message"].search(
            [
                ("model", "=", "bvk.study.contract"),
                ("res_id", "=", self.contract_b.id),
                ("body", "ilike", "First payment reminder"),
            ]
        )
        self.assertEqual(len(note), 1)
        self.assertNotIn("2026-08-31", str(note.body))
        self.assertIn("1,534.00", str(note.body))
