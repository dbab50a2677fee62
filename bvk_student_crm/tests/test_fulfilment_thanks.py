# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command
from odoo.tests import freeze_time, tagged

from odoo.addons.mail.tests.common import MockEmail

from .common_finance import BvkFinanceCommon


@tagged("post_install", "-at_install")
class TestFulfilmentThanks(BvkFinanceCommon):
    """Step 3.4: thanks once for a fulfilled contract; the stage."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-08-20"):
            cls.contract = cls._signed_contract(plan="single", timing="at_signing")
            cls.contract_b = cls._signed_contract(
                student=cls.student_b, plan="single", timing="at_signing"
            )
        (cls.contract | cls.contract_b).with_user(cls.coordinator).action_activate()
        cls.cron = cls.env.ref("bvk_student_crm.ir_cron_bvk_contract_thanks")

    # the director's exmatriculation order completes the contract (as
    # superuser, bvk.order.line._apply_exmatriculation); the button opens
    # the order wizard

    def _pay(self, contract):
        for installment in contract.payment_schedule_id.line_ids:
            self._register_payment(installment, installment.amount)

    def _thanks(self, student):
        return self.env["bvk.thanks"].search([("student_id", "=", student.id)])

    def _thank_you_mails(self, student):
        return self.env["mail.message"].search(
            [
                ("model", "=", "bvk.student"),
                ("res_id", "=", student.id),
                ("subject", "ilike", "fulfilling your study contract"),
            ]
        )

    def test_thanks_once_when_completed_and_paid(self):
        self._pay(self.contract)
        self.assertEqual(self.student.stage, "studying")
        self.contract.sudo().action_complete()
        thanks = self._thanks(self.student)
        self.assertEqual(len(thanks), 1)
        self.assertEqual(thanks.contract_id, self.contract)
        self.assertEqual(self.student.stage, "successful")
        messages = self._thank_you_mails(self.student)
        self.assertEqual(len(messages), 1)
        self.assertEqual(thanks.message_id, messages)
        self.assertIn("Business Management", str(messages.body))
        self.assertIn(self.student.partner_id, messages.partner_ids)
        # rerun safe: the daily run and a second call send nothing again
        self.cron.method_direct_trigger()
        self.env["bvk.thanks"]._bvk_send_thanks(self.contract)
        self.assertEqual(len(self._thanks(self.student)), 1)
        self.assertEqual(len(self._thank_you_mails(self.student)), 1)

    def test_unpaid_contract_gets_no_thanks_until_paid(self):
        self.contract_b.sudo().action_complete()
        self.assertFalse(self._thanks(self.student_b))
        self.assertNotEqual(self.student_b.stage, "successful")
        self.cron.method_direct_trigger()
        self.assertFalse(self._thanks(self.student_b))
        # the last payment after completion: the daily run thanks
        self._pay(self.contract_b)
        self.cron.method_direct_trigger()
        self.assertEqual(len(self._thanks(self.student_b)), 1)
        self.assertEqual(self.student_b.stage, "successful")

    def test_academic_obligation_not_passed_blocks_thanks(self):
        self._pay(self.contract)
        course = self.env["bvk.course"].create(
            {
                "code": "T-MK",
                "name": "Marketing",
                "credits": 3,
                "assessment_type": "exam",
            }
        )
        Year = self.env["bvk.academic.year"]
        year = Year.search(
            [
                ("date_start", "=", date(2026, 9, 1)),
                ("company_id", "=", self.company.id),
            ]
        ) or Year.create({"date_start": date(2026, 9, 1)})
        schedule = self.env["bvk.study.schedule"].create(
            {
                "group_id": self.group.id,
                "semester_id": year.semester_ids.sorted("date_start")[0].id,
                "offering_ids": [
                    Command.create(
                        {
                            "course_id": course.id,
                            "date_start": date(2026, 9, 1),
                            "date_assessment": date(2027, 1, 15),
                            "lecturer_id": self.lecturer.id,
                        }
                    )
                ],
            }
        )
        schedule.action_confirm()
        obligation = self.env["bvk.academic.obligation"].search(
            [("student_id", "=", self.student.id)]
        )
        self.assertEqual(obligation.state, "pending")
        self.contract.sudo().action_complete()
        self.assertFalse(self._thanks(self.student))
        self.assertNotEqual(self.student.stage, "successful")
        # passed later: the daily run thanks
        obligation.with_user(self.head).write({"grade": "8"})
        self.assertEqual(obligation.state, "passed")
        self.cron.method_direct_trigger()
        self.assertEqual(len(self._thanks(self.student)), 1)
        self.assertEqual(self.student.stage, "successful")

    def test_thanks_in_the_students_language(self):
        self.env["res.lang"]._activate_lang("lv_LV")
        self.env["ir.module.module"]._load_module_terms(
            ["bvk_student_crm"], ["lv_LV"], overwrite=True
        )
        self.student.lang = "lv_LV"
        self._pay(self.contract)
        self.contract.sudo().action_complete()
        message = self._thanks(self.student).message_id
        self.assertIn("paldies par studiju līguma izpildi", message.subject)
        self.assertIn(
            "Paldies, ka tik labi izpildījāt studiju līgumu", str(message.body)
        )

    def test_active_contract_is_not_thanked(self):
        self._pay(self.contract_b)
        self.assertFalse(self.env["bvk.thanks"]._bvk_fulfilled(self.contract_b))
        self.cron.method_direct_trigger()
        self.assertFalse(self._thanks(self.student_b))


@tagged("post_install", "-at_install")
class TestServiceNotices(MockEmail, BvkFinanceCommon):
    """Reminders are service messages: they reach students who opted out of
    e-mails and SMS; their reply-to is the company's catchall."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-08-20"):
            cls.contract = cls._signed_contract(timing="at_signing")
        cls.env["mail.blacklist"]._add(cls.student.email)
        cls.env["phone.blacklist"]._add(["+37120000001"])
        cls.cron = cls.env.ref("bvk_student_crm.ir_cron_bvk_payment_reminders")
        alias_domain = cls.env["mail.alias.domain"].create(
            {"name": "bvk.example.lv", "catchall_alias": "catchall"}
        )
        cls.company.alias_domain_id = alias_domain

    def test_reminders_reach_opted_out_students(self):
        self.assertTrue(self.student.is_blacklisted)
        with freeze_time("2026-09-01"):
            self.cron.method_direct_trigger()
        reminder = self.env["bvk.reminder"].search(
            [("student_id", "=", self.student.id)]
        )
        self.assertEqual(len(reminder), 1)
        mails = self._reminder_mails(reminder)
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.state, "outgoing")
        sms = self.env["sms.sms"].search([("number", "=", "+37120000001")])
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "outgoing")
        # the mail queue sends it (no blacklist check for a service message)
        with self.mock_mail_gateway():
            mails.send()
        self.assertEqual(len(self._mails), 1)
        self.assertIn(self.student.email, self._mails[0]["email_to"][0])

    def test_reminder_reply_to_is_the_company_catchall(self):
        with freeze_time("2026-09-01"):
            self.cron.method_direct_trigger()
        reminder = self.env["bvk.reminder"].search(
            [("student_id", "=", self.student.id)]
        )
        message = self._reminder_mails(reminder).mail_message_id
        self.assertEqual(
            message.reply_to, f'"{self.company.name}" <catchall@bvk.example.lv>'
        )
        self.assertEqual(message.model, "bvk.study.contract")
        self.assertTrue(message.message_id)
