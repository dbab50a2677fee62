# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One regression test per finding of the security review
(shared/reviews/security-review.md), each reproducing the attack as the
review did it and checking that the server refuses it."""

import base64
import hashlib
from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, freeze_time, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .common import VALID_NEW_CODES
from .common_finance import BvkFinanceCommon, camt053


@tagged("post_install", "-at_install")
class TestSecurityFindings(BvkFinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-08-20"):
            cls.contract = cls._signed_contract(timing="at_signing")
        cls.installment = cls.contract.payment_schedule_id.line_ids[0]
        cls.contract_b = cls._signed_contract(student=cls.student_b)
        cls.installment_b = cls.contract_b.payment_schedule_id.line_ids[0]

    def _agreement(self, user, installment=None, **vals):
        installment = installment or self.installment
        return (
            self.env["bvk.agreement"]
            .with_user(user)
            .create(
                {
                    "agreement_type": "postpone",
                    "student_id": self.student.id,
                    "contract_id": self.contract.id,
                    "semester_id": False,
                    "line_ids": [
                        Command.create(
                            {
                                "res_model": installment._name,
                                "res_id": installment.id,
                                "name": "SECTEST",
                                "date_new": date(2027, 2, 1),
                            }
                        )
                    ],
                    **vals,
                }
            )
        )

    # 1. Signing bypass -----------------------------------------------------

    def test_1_contract_signature_cannot_be_forged(self):
        draft = self._create_contract(student=self.student_c)
        for user in (self.coordinator, self.head):
            self.env.invalidate_all()
            with self.assertRaises(AccessError):
                draft.with_user(user).write(
                    {
                        "state": "signed",
                        "signed_by_id": self.director.id,
                        "date_signed": "2026-01-15",
                    }
                )
        self.assertEqual(draft.state, "draft")
        self.assertFalse(draft.signed_by_id)

    def test_1_signed_contract_terms_are_frozen(self):
        contract = self.contract.with_user(self.head)
        for vals in (
            {"amount_total": 1.0},
            {"payer_id": self.env.company.partner_id.id},
            {"date_start": "2020-01-01"},
            {"student_id": self.student_b.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                contract.write(vals)
        with self.assertRaises(AccessError):
            contract.write({"name": "SL-FAKE/0001", "date_signed": "2020-01-01"})
        # what may change, changes
        contract.write({"note": "<p>Atbalsta centra piezīme</p>"})

    def test_1_head_transitions_need_the_head(self):
        for method in ("action_terminate", "action_cancel"):
            with self.subTest(method=method), self.assertRaises(AccessError):
                getattr(self.contract.with_user(self.coordinator), method)()
        self.assertEqual(self.contract.state, "signed")

    # 2. Forged approvals ---------------------------------------------------

    def test_2_agreement_approval_cannot_be_forged(self):
        agreement = self._agreement(self.coordinator)
        with self.assertRaises(AccessError):
            agreement.write(
                {
                    "state": "approved",
                    "approved_by_id": self.head.id,
                    "date_approved": "2026-11-01",
                }
            )
        with self.assertRaises(AccessError):
            agreement.action_approve()
        with self.assertRaises(AccessError):
            agreement.action_refuse()
        self.assertEqual(agreement.state, "draft")

    def test_2_applying_checks_the_approver_again(self):
        agreement = self._agreement(self.coordinator)
        # whatever slipped into the database (an import, a bug): the
        # approver recorded must be allowed to approve
        agreement.sudo().write(
            {"state": "approved", "approved_by_id": self.coordinator.id}
        )
        with self.assertRaises(AccessError):
            agreement.with_user(self.coordinator).action_apply()
        self.assertEqual(self.installment.date_due, date(2026, 8, 31))

    def test_2_approved_agreement_cannot_change(self):
        agreement = self._agreement(self.coordinator)
        agreement.with_user(self.head).action_approve()
        agreement = agreement.with_user(self.coordinator)
        with self.assertRaises(UserError):
            agreement.write(
                {
                    "line_ids": [
                        Command.create(
                            {
                                "res_model": self.installment._name,
                                "res_id": self.installment.id,
                                "name": "added after approval",
                            }
                        )
                    ]
                }
            )
        with self.assertRaises(UserError):
            agreement.line_ids.write({"date_new": "2030-01-01"})
        with self.assertRaises(UserError):
            agreement.line_ids.unlink()
        with self.assertRaises(UserError):
            agreement.write({"agreement_type": "loan"})

    def test_2_lines_cover_the_agreements_own_student_only(self):
        with self.assertRaises(ValidationError):
            self._agreement(self.coordinator, installment=self.installment_b)
        agreement = self._agreement(self.coordinator)
        with self.assertRaises(ValidationError):
            agreement.line_ids.write({"res_id": self.installment_b.id})
        with self.assertRaises(ValidationError):
            agreement.line_ids.write({"res_model": "res.partner"})

    # 3. Accounting entries without accounting rights ----------------------

    def test_3_no_invoices_for_unsigned_contracts(self):
        contract = self._create_contract(student=self.student_c)
        schedule = (
            self.env["bvk.payment.schedule"]
            .with_user(self.coordinator)
            .create({"contract_id": contract.id, "invoice_timing": "at_signing"})
        )
        schedule.action_generate()
        with self.assertRaises(AccessError):
            schedule.action_confirm()
        # accounting neither, while the contract is not signed
        with self.assertRaises(UserError):
            schedule.with_user(self.finance_accountant).action_confirm()
        self.assertFalse(schedule.line_ids.move_id)

    def test_3_no_made_up_bank_payments(self):
        Import = self.env["bvk.bank.import"].with_user(self.coordinator)
        with self.assertRaises(AccessError):
            Import.create(
                {
                    "name": "forged.xml",
                    "journal_id": self.bank_journal.id,
                    "currency_id": self.eur.id,
                }
            )
        real = self.env["bvk.bank.import"].create(
            {
                "name": "real.xml",
                "journal_id": self.bank_journal.id,
                "currency_id": self.eur.id,
            }
        )
        for user in (self.coordinator, self.finance_accountant, self.head):
            with self.assertRaises(AccessError):
                self.env["bvk.bank.import.line"].with_user(user).create(
                    {
                        "import_id": real.id,
                        "unique_key": f"{self.bank_journal.bank_acc_number}:REAL1",
                        "date": "2026-11-20",
                        "amount": 6136.0,
                        "student_id": self.student.id,
                    }
                )

    def test_3_reviewed_lines_only_get_a_student(self):
        self._import(camt053([{"amount": "50.00", "ref": "R1", "details": "?"}]))
        line = self.env["bvk.bank.import.line"].search([("unique_key", "like", "R1")])
        self.assertEqual(line.state, "unmatched")
        reviewer = line.with_user(self.coordinator)
        for vals in (
            {"amount": 5000.0},
            {"state": "matched"},
            {"unique_key": "other"},
            {"payment_id": False},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                reviewer.write(vals)
        reviewer.write({"student_id": self.student.id, "note": "paid by her mother"})
        reviewer.action_assign()
        self.assertEqual(line.state, "matched")
        self.assertTrue(line.payment_id)
        # a processed line is not reopened to be paid twice
        with self.assertRaises(UserError):
            reviewer.write({"student_id": self.student_b.id})
        with self.assertRaises(UserError):
            reviewer.action_assign()

    def test_3_the_bank_file_is_kept(self):
        data = camt053([{"amount": "50.00", "ref": "K1", "details": "?"}])
        self._import(data, filename="statement-k1.xml")
        record = self.env["bvk.bank.import"].search([], limit=1, order="id desc")
        self.assertEqual(record.file_sha256, hashlib.sha256(data).hexdigest())
        self.assertEqual(record.file_id.raw, data)
        self.assertEqual(
            (record.file_id.res_model, record.file_id.res_id),
            ("bvk.bank.import", record.id),
        )
        with self.assertRaises(AccessError):
            record.with_user(self.finance_accountant).write({"file_sha256": "0" * 64})

    # 4. Client-side locks --------------------------------------------------

    def test_4_no_context_key_lifts_the_instalment_lock(self):
        for user in (self.coordinator, self.finance_accountant):
            installment = self.installment.with_user(user).with_context(
                bvk_agreement=True
            )
            with self.assertRaises(UserError):
                installment.write({"amount": 1.0, "date_due": "2030-01-01"})
        self.assertEqual(self.installment.amount, 1534.0)

    def test_4_read_only_fields_are_read_only_on_the_server(self):
        for vals in (
            {"cancelled": True},
            {"amount_credited": 5.0},
            {"reminder_level": 9},
            {"move_id": False},
        ):
            for user in (self.coordinator, self.finance_accountant):
                with self.subTest(vals=vals, user=user.login):
                    with self.assertRaises(AccessError):
                        self.installment.with_user(user).write(vals)
        self.assertFalse(self.installment.cancelled)
        self.assertNotEqual(self.installment.state, "cancelled")

    # 5. Personal data ------------------------------------------------------

    def test_5_personal_data_by_role(self):
        student = self.student
        student.with_user(self.coordinator).write(
            {"id_type": "document", "id_document_number": "PA1234567"}
        )
        for user, fnames in (
            (
                self.lecturer,
                ("personal_code", "personal_code_display", "birth_date"),
            ),
            (self.finance_accountant, ("birth_date", "id_document_number")),
        ):
            for fname in fnames:
                with self.subTest(user=user.login, field=fname):
                    self.env.invalidate_all()
                    with self.assertRaises(AccessError):
                        student.with_user(user).read([fname])
        self.env.invalidate_all()
        # accounting reads the codes payers write in payment details
        self.assertTrue(
            student.with_user(self.finance_accountant).read(["personal_code"])
        )
        # the lecturer still opens the student of their group
        self.env.invalidate_all()
        student.with_user(self.lecturer).read(["name", "email", "group_id"])

    def test_5_lecturer_search_by_code_finds_nobody(self):
        code = self.student.personal_code
        Student = self.env["bvk.student"].with_user(self.lecturer)
        self.env.invalidate_all()
        self.assertFalse(Student.name_search(code))
        self.assertEqual(
            Student.name_search(self.student.name[:4])[0][0], self.student.id
        )

    def test_5_tracking_history_hides_the_codes(self):
        """The history of a personal code (its tracking values) is shown only
        to those who may read the field (Odoo filters tracking values by the
        field's groups)."""
        message = self.student.message_post(body="SECTEST")
        fields_model = self.env["ir.model.fields"]
        tracked = self.env["mail.tracking.value"].sudo()
        for fname in ("personal_code", "id_document_number", "birth_date"):
            tracked |= tracked.create(
                {
                    "field_id": fields_model._get("bvk.student", fname).id,
                    "old_value_char": "010190-12349",
                    "new_value_char": "320000-12345",
                    "mail_message_id": message.id,
                }
            )
        self.assertFalse(tracked._filter_has_field_access(self.env(user=self.lecturer)))
        self.assertEqual(
            len(tracked._filter_has_field_access(self.env(user=self.coordinator))), 3
        )
        self.assertEqual(
            tracked._filter_has_field_access(
                self.env(user=self.finance_accountant)
            ).field_id.mapped("name"),
            ["personal_code"],
        )
        # nor are they in the notification e-mails followers receive
        self.assertFalse(tracked._filter_free_field_access())

    # 6. Multi-company ------------------------------------------------------

    def test_6_no_import_into_another_companys_journal(self):
        other = self.env["res.company"].create(
            {"name": "SECTEST College B", "currency_id": self.eur.id}
        )
        journal = self.env["account.journal"].create(
            {
                "name": "B bank",
                "code": "BBNK",
                "type": "bank",
                "company_id": other.id,
            }
        )
        data = camt053([{"amount": "10.00", "ref": "B1", "details": "?"}])
        for user in (self.coordinator, self.finance_accountant):
            self.env.invalidate_all()
            with self.assertRaises(UserError):
                self.env["bvk.bank.import"].with_user(user)._import_file(
                    data, "b.xml", journal
                )
        self.assertFalse(
            self.env["bvk.bank.import"].search([("company_id", "=", other.id)])
        )

    def test_6_lines_of_other_companies_are_hidden(self):
        agreement = self._agreement(self.coordinator)
        other = self.env["res.company"].create({"name": "SECTEST College B"})
        user_b = new_test_user(
            self.env,
            login="bvk_coord_b",
            groups="bvk_student_crm.group_bvk_coordinator",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        self.env.invalidate_all()
        for records in (
            agreement.line_ids,
            self.env["bvk.reminder.level"].search(
                [("company_id", "=", self.env.company.id)]
            ),
        ):
            with self.subTest(model=records._name), self.assertRaises(AccessError):
                records.with_user(user_b).read(["name"])
        reminder_lines = self.env["bvk.reminder.line"].search(
            [("company_id", "=", self.env.company.id)]
        )
        self.assertFalse(
            reminder_lines.with_user(user_b).search([("id", "in", reminder_lines.ids)])
        )

    # 8. Head-only buttons and partner rights -------------------------------

    def test_8_agreement_reset_needs_the_head(self):
        agreement = self._agreement(self.coordinator)
        agreement.with_user(self.head).action_refuse()
        with self.assertRaises(AccessError):
            agreement.with_user(self.coordinator).action_draft()
        agreement.with_user(self.head).action_draft()
        self.assertEqual(agreement.state, "draft")

    def test_8_coordinators_edit_students_not_any_contact(self):
        coordinator = self.coordinator
        self.assertFalse(coordinator.has_group("base.group_partner_manager"))
        with self.assertRaises(AccessError):
            self.env["res.partner.bank"].with_user(coordinator).create(
                {
                    "partner_id": self.student.partner_id.id,
                    "acc_number": "LV80BANK0000435195001",
                }
            )
        with self.assertRaises(AccessError):
            self.env.company.partner_id.with_user(coordinator).write({"name": "X"})
        with self.assertRaises(AccessError):
            self.student.with_user(coordinator).write(
                {"bank_ids": [Command.create({"acc_number": "LV80BANK0000435195001"})]}
            )
        # the student's own contact data stays theirs to edit
        self.student.with_user(coordinator).write(
            {"email": "anna.priede@example.lv", "phone": "+37120000099"}
        )
        self.assertEqual(self.student.partner_id.email, "anna.priede@example.lv")
        student = (
            self.env["bvk.student"]
            .with_user(coordinator)
            .create({"name": "Jauna Studente", "email": "jauna@example.lv"})
        )
        self.assertEqual(student.partner_id.name, "Jauna Studente")
        with self.assertRaises(AccessError):
            self.env["bvk.student"].with_user(coordinator).create(
                {"name": "Hijack", "partner_id": self.env.company.partner_id.id}
            )


@tagged("post_install", "-at_install")
class TestWorkflowOverJsonRpc(HttpCase, BvkFinanceCommon):
    """The same calls the web client makes, as a logged-in coordinator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-08-20"):
            cls.contract = cls._signed_contract(timing="at_signing")
        cls.draft = cls._create_contract(student=cls.student_b)
        cls.installment = cls.contract.payment_schedule_id.line_ids[0]

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": {
                    "context": {"allowed_company_ids": self.env.company.ids},
                    **(kwargs or {}),
                },
            },
        )

    def test_forged_writes_are_refused(self):
        self.authenticate("bvk_coordinator", "bvk_coordinator")
        forged = [
            (
                "bvk.study.contract",
                "write",
                [
                    self.draft.ids,
                    {"state": "signed", "signed_by_id": self.director.id},
                ],
                {},
            ),
            ("bvk.study.contract", "action_terminate", [self.contract.ids], {}),
            (
                "bvk.payment.installment",
                "write",
                [self.installment.ids, {"amount": 1.0}],
                {"context": {"bvk_agreement": True}},
            ),
            (
                "bvk.payment.installment",
                "write",
                [self.installment.ids, {"cancelled": True}],
                {},
            ),
        ]
        for model, method, args, kwargs in forged:
            with self.subTest(model=model, method=method, args=args):
                with self.assertRaises(JsonRpcException):
                    self._call(model, method, args, kwargs)
        self.assertEqual(self.draft.state, "draft")
        self.assertEqual(self.contract.state, "signed")
        self.assertEqual(self.installment.amount, 1534.0)
        self.assertFalse(self.installment.cancelled)

    def test_web_client_creates_a_draft_contract(self):
        """The form sends its defaults (state, number placeholder) on save."""
        self.authenticate("bvk_coordinator", "bvk_coordinator")
        student = self.env["bvk.student"].create(
            {
                "name": "Rihards Dzenis",
                "personal_code": VALID_NEW_CODES[1],
                "group_id": self.group.id,
            }
        )
        contract_id = self._call(
            "bvk.study.contract",
            "create",
            [
                {
                    "student_id": student.id,
                    "state": "draft",
                    "name": "/",
                    "date_start": fields.Date.to_string(date(2027, 9, 1)),
                }
            ],
        )
        contract = self.env["bvk.study.contract"].browse(contract_id)
        self.assertEqual(contract.state, "draft")
        # numbered when the director signs, not when a form is saved
        self.assertEqual(contract.name, "/")

    def test_uploaded_file_is_the_only_source_of_payments(self):
        self.authenticate("bvk_coordinator", "bvk_coordinator")
        data = camt053(
            [{"amount": "1534.00", "ref": "J1", "details": self.contract.name}]
        )
        wizard_id = self._call(
            "bvk.bank.import.upload",
            "create",
            [
                {
                    "data_file": base64.b64encode(data).decode(),
                    "filename": "statement.xml",
                    "journal_id": self.bank_journal.id,
                }
            ],
        )
        self._call("bvk.bank.import.upload", "action_import", [[wizard_id]])
        record = self.env["bvk.bank.import"].search([], limit=1, order="id desc")
        self.assertEqual(record.count_matched, 1)
        self.assertEqual(record.file_sha256, hashlib.sha256(data).hexdigest())
        with self.assertRaises(JsonRpcException):
            self._call(
                "bvk.bank.import.line",
                "create",
                [
                    {
                        "import_id": record.id,
                        "unique_key": "forged",
                        "date": "2026-11-20",
                        "amount": 99.0,
                    }
                ],
            )
