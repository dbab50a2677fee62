# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common_orders import BvkOrderCommon


@tagged("post_install", "-at_install")
@freeze_time("2027-02-10")
class TestOrders(BvkOrderCommon):
    # ------------------------------------------------------------
    # Numbering and signing
    # ------------------------------------------------------------

    def test_number_given_at_signing_per_type_and_year(self):
        first = self._order()
        cancelled = self._order(students=self.student_b)
        transfer = self._order("transfer", students=self.student_c)
        self.assertEqual((first | cancelled | transfer).mapped("name"), ["/"] * 3)
        cancelled.with_user(self.coordinator).action_cancel()
        self.assertEqual(cancelled.name, "/")
        second = self._order(students=self.student_b)
        second.with_user(self.director).action_sign()
        first.with_user(self.director).action_sign()
        transfer.with_user(self.director).action_sign()
        # the cancelled draft used up no number: no gap in the signed ones
        self.assertEqual(second.name, "1-9/2027/0001")
        self.assertEqual(first.name, "1-9/2027/0002")
        self.assertEqual(transfer.name, "1-10/2027/0001")
        self.assertRecordValues(
            first,
            [
                {
                    "state": "signed",
                    "signed_by_id": self.director.id,
                    "date_signed": date(2027, 2, 10),
                    "date_order": date(2027, 2, 10),
                }
            ],
        )
        with freeze_time("2028-01-05"):
            next_year = self._order(
                students=self.student_c, date_effective=date(2028, 2, 1)
            )
            next_year.with_user(self.director).action_sign()
        self.assertEqual(next_year.name, "1-9/2028/0001")

    def test_only_the_director_signs(self):
        order = self._order()
        for user in (self.coordinator, self.head, self.lecturer, self.accountant):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                order.with_user(user).action_sign()
        with self.assertRefused(AccessError, "Only the director signs orders"):
            order.with_user(self.head).action_sign()
        self.assertRecordValues(order, [{"state": "draft", "name": "/"}])
        order.with_user(self.director).action_sign()
        self.assertEqual(order.state, "signed")

    def test_signed_order_is_frozen(self):
        order = self._order()
        order.with_user(self.director).action_sign()
        with self.assertRaises(UserError):
            order.with_user(self.head).write({"date_effective": date(2027, 4, 1)})
        with self.assertRaises(UserError):
            order.line_ids.with_user(self.head).write({"note": "changed"})
        with self.assertRaises(UserError):
            order.with_user(self.head).unlink()
        with self.assertRaises(AccessError):
            order.with_user(self.head).write({"state": "draft"})
        with self.assertRaises(AccessError):
            order.with_user(self.director).write({"name": "1-9/2027/9999"})
        with self.assertRaises(UserError):
            order.with_user(self.director).action_sign()
        with self.assertRaises(UserError):
            order.with_user(self.head).action_cancel()
        # internal notes may still be written
        order.with_user(self.head).note = "<p>Checked</p>"

    def test_workflow_fields_not_forged_at_creation(self):
        for vals in (
            {"state": "signed"},
            {"name": "1-9/2027/0001"},
            {"signed_by_id": self.director.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                self.env["bvk.order"].with_user(self.head).create(
                    {
                        "order_type": "expulsion",
                        "date_effective": date(2027, 3, 1),
                        **vals,
                    }
                )

    # ------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------

    def test_effective_date_before_contract_start(self):
        with self.assertRefused(ValidationError, "before the start"):
            self._order(date_effective=date(2026, 8, 1))
        order = self._order()
        with self.assertRefused(ValidationError, "before the start"):
            order.with_user(self.coordinator).date_effective = date(2026, 8, 1)

    def test_student_on_two_open_orders_of_the_same_type(self):
        first = self._order()
        with self.assertRefused(ValidationError, "already on the open order"):
            self._order()
        with self.assertRefused(ValidationError, "on the order twice"):
            self._order(students=[self.student_b, self.student_b])
        # another type is another question
        self._order("transfer")
        # once the first one is cancelled, a new one may be drafted
        first.with_user(self.coordinator).action_cancel()
        self._order()

    def test_transfer_of_a_student_who_is_not_active(self):
        self.student_b.state = "academic_leave"
        with self.assertRefused(ValidationError, "not active"):
            self._order("transfer", students=self.student_b)
        # a student who left after the draft blocks its signing
        order = self._order("transfer", students=self.student_c)
        self.student_c.state = "academic_leave"
        with self.assertRefused(ValidationError, "not active"):
            order.with_user(self.director).action_sign()
        self.assertEqual(order.state, "draft")

    def test_expelling_an_expelled_student(self):
        self._order().with_user(self.director).action_sign()
        self.assertEqual(self.student.state, "expelled")
        with self.assertRefused(ValidationError, "already expelled"):
            self._order()

    def test_order_without_students(self):
        order = self.env["bvk.order"].create(
            {"order_type": "expulsion", "date_effective": date(2027, 3, 1)}
        )
        with self.assertRefused(UserError, "names no student"):
            order.with_user(self.director).action_sign()

    def test_signing_is_all_or_nothing(self):
        order = self._order(students=self.student | self.student_b)
        self.student_b.state = "expelled"
        with self.assertRaises(ValidationError):
            order.with_user(self.director).action_sign()
        self.assertRecordValues(order, [{"state": "draft", "name": "/"}])
        self.assertEqual(self.student.state, "active")
        self.assertEqual(self.contract.state, "active")
        # the number was not used up
        self.student_b.state = "active"
        order.with_user(self.director).action_sign()
        self.assertEqual(order.name, "1-9/2027/0001")

    # ------------------------------------------------------------
    # Effects: expulsion
    # ------------------------------------------------------------

    def test_expulsion_effects(self):
        installments = self.contract.payment_schedule_id.line_ids.sorted("date_due")
        overdue, before, after, later = installments
        self.assertEqual(
            installments.mapped("state"),
            ["overdue", "invoiced", "invoiced", "invoiced"],
        )
        # part of a future instalment was paid in advance
        self._register_payment(after, 500.0, when=date(2027, 2, 1))
        self.obligation.sudo()._establish_debt(date(2027, 1, 16))
        order = self._order(line_vals={"reason": "unpaid"})
        order.with_user(self.director).action_sign()
        self.assertRecordValues(
            self.contract,
            [
                {
                    "state": "terminated",
                    "date_terminated": date(2027, 3, 1),
                    "termination_order_id": order.id,
                    "termination_reason": "unpaid",
                }
            ],
        )
        self.assertEqual(self.student.state, "expelled")
        self.assertEqual(self.student.stage, "left")
        # overdue on the effective date and due before it: still owed
        self.assertEqual(overdue.state, "overdue")
        self.assertEqual(before.state, "invoiced")
        self.assertEqual(before.move_id.amount_residual, 1534.0)
        # due from the effective date: credited by credit notes
        self.assertEqual(later.state, "cancelled")
        refund = later.move_ids.filtered(lambda m: m.move_type == "out_refund")
        self.assertEqual(refund.state, "posted")
        self.assertEqual(refund.amount_total, 1534.0)
        self.assertIn(order.name, refund.ref)
        self.assertEqual(later.move_id.payment_state, "reversed")
        # what was paid stays paid; the rest is credited
        self.assertRecordValues(
            after, [{"state": "paid", "amount_paid": 500.0, "amount_residual": 0.0}]
        )
        self.assertEqual(
            after.move_ids.filtered(lambda m: m.move_type == "out_refund").amount_total,
            1034.0,
        )
        self.assertEqual(order.line_ids.amount_overdue, 1534.0)
        # academic obligations not passed are closed, the debt included
        self.assertEqual(
            (self.obligation | self.obligation_spring).mapped("state"),
            ["cancelled", "cancelled"],
        )
        self.assertFalse(self.student.has_academic_debt)
        # the other students are untouched
        self.assertEqual(self.student_b.state, "active")
        self.assertEqual(self.contract_b.state, "active")

    def test_expulsion_removes_planned_and_draft_invoices(self):
        # contract C is invoiced 14 days before each due date: the instalments
        # of 28.02.2027 (invoice date 14.02) and later are planned
        installments = self.contract_c.payment_schedule_id.line_ids.sorted("date_due")
        self.assertEqual(installments[1].state, "planned")
        installments[1].sudo()._create_invoices()
        installments[1].move_id.button_draft()
        order = self._order(students=self.student_c, date_effective=date(2027, 2, 15))
        order.with_user(self.director).action_sign()
        self.assertEqual(installments[0].state, "overdue")
        self.assertEqual(installments[1:].mapped("state"), ["cancelled"] * 3)
        self.assertFalse(installments[1:].move_id)
        # the daily job invoices nothing more for this contract
        with freeze_time("2027-08-20"):
            self.env["bvk.payment.installment"]._cron_bvk_post_invoices()
        self.assertFalse(installments[1:].move_id)

    def test_reminders_after_expulsion(self):
        installments = self.contract.payment_schedule_id.line_ids.sorted("date_due")
        self.obligation.sudo()._establish_debt(date(2027, 1, 16))
        order = self._order()
        order.with_user(self.director).action_sign()
        Reminder = self.env["bvk.reminder"]
        with freeze_time("2027-10-15"):
            self.env["bvk.payment.installment"]._bvk_send_reminders()
            self.env["bvk.academic.obligation"]._bvk_send_reminders()
        payment = Reminder.search(
            [("student_id", "=", self.student.id), ("kind", "=", "payment")]
        )
        reminded = self.env["bvk.payment.installment"].browse(
            payment.line_ids.mapped("res_id")
        )
        # the overdue debt is still reminded, the cancelled instalments never
        self.assertIn(installments[0], reminded)
        self.assertFalse(reminded & installments[2:])
        academic = Reminder.search(
            [
                ("student_id", "=", self.student.id),
                ("kind", "=", "academic"),
                ("date", ">", date(2027, 2, 10)),
            ]
        )
        self.assertFalse(academic)

    def test_expelled_student_keeps_portal_access(self):
        portal = self.env["res.users"].create(
            {
                "name": self.student.name,
                "login": "anna.portal",
                "partner_id": self.student.partner_id.id,
                "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        self._order().with_user(self.director).action_sign()
        self.assertTrue(portal.active)
        self.assertTrue(self.student.partner_id.active)
        self.assertTrue(self.student.active)

    # ------------------------------------------------------------
    # Effects: transfer and exmatriculation
    # ------------------------------------------------------------

    def test_transfer_effects(self):
        # the spring obligations of student A are missing (e.g. the schedule
        # was confirmed before the student joined): the transfer creates them
        self.obligation_spring.sudo().unlink()
        order = self._order(
            "transfer",
            students=self.student | self.student_b,
            date_effective=date(2027, 3, 1),
        )
        self.assertEqual(order.line_ids.mapped("semester_to"), [2, 2])
        order.with_user(self.director).action_sign()
        self.assertEqual(
            (self.student | self.student_b).mapped("semester_number"), [2, 2]
        )
        self.assertEqual(self.student_c.semester_number, 1)
        self.assertEqual(
            (self.student | self.student_b).mapped("state"), ["active"] * 2
        )
        self.assertEqual(self.contract.state, "active")
        spring = self.env["bvk.academic.obligation"].search(
            [
                ("student_id", "=", self.student.id),
                ("semester_id", "=", self.spring.id),
            ]
        )
        self.assertEqual(spring.course_id, self.course_2)
        self.assertEqual(spring.state, "pending")
        # the study year changes with the third semester (1 September)
        self.assertEqual(self.group.course_year, 1)
        with freeze_time("2027-08-20"):
            autumn = self._order(
                "transfer",
                students=self.student | self.student_b,
                date_effective=date(2027, 9, 1),
            )
            autumn.with_user(self.director).action_sign()
        self.assertEqual(self.student.semester_number, 3)
        self.assertEqual(self.group.course_year, 2)
        self.assertEqual(self.student.course_year, 2)

    def test_exmatriculation_with_graduation(self):
        self.student.semester_number = 4
        order = self._order("exmatriculation", graduation=True)
        order.with_user(self.director).action_sign()
        self.assertEqual(self.contract.state, "completed")
        self.assertEqual(self.student.state, "graduated")
        self.assertEqual(self.contract.termination_order_id, order)

    def test_exmatriculation_without_graduation(self):
        order = self._order("exmatriculation", students=self.student_b)
        order.with_user(self.director).action_sign()
        self.assertEqual(self.contract_b.state, "completed")
        self.assertEqual(self.student_b.state, "exmatriculated")
        future = self.contract_b.payment_schedule_id.line_ids.filtered(
            lambda i: i.date_due >= date(2027, 3, 1)
        )
        self.assertEqual(future.mapped("state"), ["cancelled"] * 2)

    # ------------------------------------------------------------
    # The contract ends only through an order
    # ------------------------------------------------------------

    def test_contract_buttons_open_the_order_wizards(self):
        action = self.contract.with_user(self.head).action_terminate()
        self.assertEqual(action["res_model"], "bvk.order.expel")
        self.assertEqual(self.contract.state, "active")
        action = self.contract.with_user(self.head).action_complete()
        self.assertEqual(action["res_model"], "bvk.order.exmatriculate")
        self.assertEqual(self.contract.state, "active")
        with self.assertRaises(AccessError):
            self.contract.with_user(self.coordinator).action_terminate()
        # a context key sent by a client changes nothing
        self.contract.with_user(self.head).with_context(
            bvk_order_signing=True, active_test=False
        ).action_terminate()
        self.assertEqual(self.contract.state, "active")

    # ------------------------------------------------------------
    # PDF and e-mail excerpts
    # ------------------------------------------------------------

    def test_signed_pdf_stored_and_linked(self):
        order = self._order(students=self.student | self.student_b)
        order.with_user(self.director).action_sign()
        self.assertTrue(order.attachment_id)
        self.assertEqual(order.attachment_id.res_model, "bvk.order")
        self.assertEqual(order.attachment_id.res_id, order.id)
        self.assertEqual(order.attachment_id.name, "Rīkojums 1-9-2027-0001.pdf")
        self.assertEqual(self.student.order_count, 1)
        self.assertEqual(self.contract.order_count, 1)
        self.assertEqual(self.student.order_line_ids.attachment_id, order.attachment_id)
        action = self.student.action_view_orders()
        self.assertEqual(self.env["bvk.order"].search(action["domain"]), order)
        note = order.message_ids.filtered(lambda m: m.attachment_ids)
        self.assertEqual(note.attachment_ids, order.attachment_id)

    def test_order_document(self):
        order = self._order(students=self.student | self.student_b)
        html = self._render(order)
        self.assertIn("o_bvk_order_draft", html)
        self.assertIn("____", html)
        order.with_user(self.director).action_sign()
        html = self._render(order)
        self.assertNotIn("o_bvk_order_draft", html)
        # in the language of the document
        order_doc = order.with_context(lang=order._get_report_lang())
        for text in (
            order_doc._doc_heading(),
            order_doc._doc_company_details(),
            order_doc._doc_date(date(2027, 2, 10)),
            "1-9/2027/0001",
            self.student.name,
            self.student_b.name,
            self.student.student_number,
            "T-BV-26-1",
            "Vita Zariņa",
            "40003923111",
        ):
            self.assertIn(text, html)
        self.assertNotIn(self.student.personal_code, html)

    def test_order_document_in_latvian(self):
        self.env["res.lang"]._activate_lang("lv_LV")
        order = self._order(line_vals={"reason": "application"})
        order.line_ids.with_user(self.coordinator).date_application = date(2027, 2, 3)
        order.with_user(self.director).action_sign()
        html = self._render(order)
        # the Latvian conventions whatever the translations say
        self.assertIn("2027. gada 10. februārī", html)
        self.assertIn("2027. gada 1. martu", html)
        self.assertIn("2027. gada 3. februāra", html)
        self.assertIn("Rīgā", html)

    def test_excerpt_holds_only_the_students_own_data(self):
        order = self._order(students=self.student | self.student_b)
        order.with_user(self.director).action_sign()
        line_a, line_b = order.line_ids.sorted(lambda line: line.student_id.name)
        self.assertEqual(line_a.student_id, self.student)
        self.assertTrue(all(order.line_ids.mapped("excerpt_sent")))
        for line, other in ((line_a, self.student_b), (line_b, self.student)):
            message = line.student_id.message_ids.filtered(
                lambda m: m.message_type == "comment"
                and order.name in (m.subject or "")
            )
            self.assertEqual(len(message), 1)
            self.assertIn(line.student_id.partner_id, message.partner_ids)
            self.assertNotIn(other.partner_id, message.partner_ids)
            body = str(message.body)
            self.assertIn(line.student_id.name, body)
            self.assertIn("expelled", body)
            attachment = message.attachment_ids
            self.assertEqual(len(attachment), 1)
            content = attachment.raw.decode()
            self.assertIn(line.student_id.name, content)
            self.assertIn(line.student_number, content)
            self.assertIn("o_bvk_order_excerpt_title", content)
            for text in (
                other.name,
                other.student_number,
                other.email,
                other.personal_code,
            ):
                self.assertNotIn(text, body)
                self.assertNotIn(text, content)

    def test_large_order_sends_excerpts_from_the_cron(self):
        students = self.student | self.student_b | self.student_c
        for index in range(9):
            students |= self._create_student(
                f"Students Nr{index}", False, id_type="document"
            )
        order = self._order(students=students)
        order.with_user(self.director).action_sign()
        self.assertFalse(any(order.line_ids.mapped("excerpt_sent")))
        self.env["bvk.order"]._cron_send_excerpts()
        self.assertTrue(all(order.line_ids.mapped("excerpt_sent")))
        self.assertTrue(
            self.student_c.message_ids.filtered(
                lambda m: m.attachment_ids and order.name in (m.subject or "")
            )
        )

    def _render(self, order):
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "bvk_student_crm.action_report_bvk_order", order.ids
        )
        return html.decode()
