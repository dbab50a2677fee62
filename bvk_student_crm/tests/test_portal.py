# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The student portal under /my (issue 13): its pages, downloads, accounts
and, above all, that a student sees only their own records and a payer
only what they pay. Two students (Anna, Jānis) and a payer (Inese, the
mother of the student Līga) each try the others' ids."""

from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common_finance import BvkFinanceCommon

CONTRACT_REPORT = "bvk_student_crm.report_study_contract"


class BvkPortalCommon(BvkFinanceCommon):
    """Anna and Jānis with their own contracts; Līga's contract paid by her
    mother Inese; Anna's results (a passed exam and an academic debt)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract_anna = cls._signed_contract()
        cls.contract_janis = cls._signed_contract(student=cls.student_b)
        cls.parent = cls.env["res.partner"].create(
            {"name": "Inese Kalēja", "email": "inese.kaleja@example.lv"}
        )
        cls.contract_liga = cls._signed_contract(
            student=cls.student_c, payer_id=cls.parent.id
        )
        cls.user_anna = cls._portal_user("anna", cls.student.partner_id)
        cls.user_janis = cls._portal_user("janis", cls.student_b.partner_id)
        cls.user_parent = cls._portal_user("inese", cls.parent)
        cls._setup_results()
        cls.agreement_anna = cls._approved_agreement(cls.contract_anna)
        cls.agreement_janis = cls._approved_agreement(cls.contract_janis)

    @classmethod
    def _portal_user(cls, login, partner):
        return new_test_user(
            cls.env,
            login=login,
            groups="base.group_portal",
            partner_id=partner.id,
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )

    @classmethod
    def _setup_results(cls):
        Year = cls.env["bvk.academic.year"]
        year = Year.search(
            [("date_start", "=", date(2026, 9, 1)), ("company_id", "=", cls.company.id)]
        ) or Year.create({"date_start": date(2026, 9, 1)})
        autumn = year.semester_ids.sorted("date_start")[0]
        courses = cls.env["bvk.course"].create(
            [
                {
                    "code": "PV101",
                    "name": "Management",
                    "credits": 3,
                    "assessment_type": "exam",
                },
                {
                    "code": "PV102",
                    "name": "Business Communication",
                    "credits": 2,
                    "assessment_type": "exam",
                },
            ]
        )
        schedule = cls.env["bvk.study.schedule"].create(
            {
                "group_id": cls.group.id,
                "semester_id": autumn.id,
                "offering_ids": [
                    Command.create(
                        {
                            "course_id": course.id,
                            "date_start": date(2026, 9, 1),
                            "date_assessment": date(2026, 11, 10),
                            "date_retake": date(2026, 12, 15),
                            "lecturer_id": cls.lecturer.id,
                        }
                    )
                    for course in courses
                ],
            }
        )
        schedule.action_confirm()
        obligations = cls.env["bvk.academic.obligation"].search(
            [("student_id", "=", cls.student.id)]
        )
        cls.ob_passed = obligations.filtered(lambda o: o.course_id == courses[0])
        cls.ob_debt = obligations - cls.ob_passed
        cls.ob_passed.write({"grade": "8", "state": "passed"})
        cls.ob_debt.write(
            {
                "grade": "2",
                "state": "debt",
                "debt_reason": "failed",
                "date_debt": date(2026, 11, 11),
            }
        )
        cls.ob_janis = cls.env["bvk.academic.obligation"].search(
            [("student_id", "=", cls.student_b.id)]
        )

    @classmethod
    def _approved_agreement(cls, contract):
        agreement = cls.env["bvk.agreement"].create(
            {
                "agreement_type": "postpone",
                "student_id": contract.student_id.id,
                "contract_id": contract.id,
                "reason": "Salary comes later",
            }
        )
        agreement._bvk_write(
            {
                "state": "approved",
                "approved_by_id": cls.head.id,
                "date_approved": date(2026, 9, 10),
            }
        )
        return agreement


@tagged("post_install", "-at_install")
class TestStudentPortal(HttpCase, BvkPortalCommon):
    # ------------------------------------------------------------
    # THE RULES (model methods and record rules)
    # ------------------------------------------------------------

    def test_rules_student_and_payer(self):
        Portal = self.env["bvk.portal"]
        anna, parent = self.student.partner_id, self.parent
        self.assertEqual(Portal._contracts(anna), self.contract_anna)
        self.assertEqual(
            Portal._installments(anna),
            self.contract_anna.payment_schedule_id.line_ids,
        )
        self.assertEqual(Portal._obligations(anna), self.ob_passed | self.ob_debt)
        self.assertEqual(Portal._agreements(anna), self.agreement_anna)
        # the payer: the instalments she pays, nothing of Līga's studies
        self.assertFalse(Portal._contracts(parent))
        self.assertFalse(Portal._obligations(parent))
        self.assertFalse(Portal._agreements(parent))
        self.assertFalse(Portal._order_lines(parent))
        self.assertEqual(
            Portal._installments(parent),
            self.contract_liga.payment_schedule_id.line_ids,
        )
        # Līga herself sees her schedule although her mother pays it
        self.assertEqual(
            Portal._installments(self.student_c.partner_id),
            self.contract_liga.payment_schedule_id.line_ids,
        )

    def test_record_rules_agree_with_the_rules(self):
        """A portal user's own ORM searches (and JSON-RPC) give the same
        records as the portal's rules, and nothing of the others."""
        Portal = self.env["bvk.portal"]
        for user in (self.user_anna, self.user_janis, self.user_parent):
            partner = user.partner_id
            with self.subTest(user=user.login):
                env = self.env(user=user)
                self.assertEqual(
                    env["bvk.payment.installment"].search([]).ids,
                    Portal._installments(partner).ids,
                )
                self.assertEqual(
                    sorted(env["bvk.study.contract"].search([]).ids),
                    sorted(Portal._contracts(partner).ids),
                )
                self.assertEqual(
                    sorted(env["bvk.academic.obligation"].search([]).ids),
                    sorted(Portal._obligations(partner).ids),
                )
        env = self.env(user=self.user_anna)
        with self.assertRaises(AccessError):
            env["bvk.study.contract"].browse(self.contract_janis.id).read(["name"])
        with self.assertRaises(AccessError):
            env["bvk.agreement"].search([])
        with self.assertRaises(AccessError):
            env["bvk.order.line"].search([])
        # staff's notes on the contract are not for the student
        with self.assertRaises(AccessError):
            env["bvk.study.contract"].browse(self.contract_anna.id).read(["note"])

    def test_portal_reads_four_models_only(self):
        """The portal group's access rights: read on the student, contracts,
        instalments and academic obligations (narrowed by the record rules
        above), on the student's own survey invitations and requests (their
        own record rules), nothing else of the module, and never a write."""
        readable = {
            "bvk.student",
            "bvk.study.contract",
            "bvk.payment.installment",
            "bvk.academic.obligation",
            "bvk.survey.invitation",
            "bvk.student.request.type",
            "bvk.student.request",
        }
        env = self.env(user=self.user_anna)
        for model in sorted(self.env):
            if not model.startswith("bvk.") or self.env[model]._abstract:
                continue
            with self.subTest(model=model):
                self.assertEqual(
                    env[model].has_access("read"), model in readable, model
                )
                for operation in ("write", "create", "unlink"):
                    self.assertFalse(env[model].has_access(operation), operation)

    def test_document_missing_and_foreign_alike(self):
        Portal = self.env["bvk.portal"]
        anna = self.student.partner_id
        self.assertEqual(
            Portal._document(anna, "contract", self.contract_anna.id),
            self.contract_anna,
        )
        for kind, record_id in (
            ("contract", self.contract_janis.id),
            ("contract", self.contract_liga.id),
            ("contract", 999999999),
            ("agreement", self.agreement_janis.id),
            ("order", 999999999),
            ("invoice", self.contract_anna.id),
        ):
            with self.subTest(kind=kind, record_id=record_id):
                with self.assertRaisesRegex(Exception, "does not exist"):
                    Portal._document(anna, kind, record_id)

    # ------------------------------------------------------------
    # PAGES
    # ------------------------------------------------------------

    def _get(self, url, login=None):
        if login:
            self.authenticate(login, login)
        return self.url_open(url, allow_redirects=False)

    def test_home_counters(self):
        self.authenticate("anna", "anna")
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {
                "counters": [
                    "bvk_studies_count",
                    "bvk_payments_count",
                    "bvk_results_count",
                ]
            },
        )
        self.assertEqual(
            counters,
            {"bvk_studies_count": 1, "bvk_payments_count": 4, "bvk_results_count": 2},
        )
        self.authenticate("inese", "inese")
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {"counters": ["bvk_studies_count", "bvk_results_count"]},
        )
        self.assertEqual(counters, {"bvk_studies_count": 0, "bvk_results_count": 0})
        home = self._get("/my/home")
        self.assertEqual(home.status_code, 200)
        self.assertIn("/my/payments", home.text)

    def test_my_studies(self):
        response = self._get("/my/studies", "anna")
        self.assertEqual(response.status_code, 200)
        text = response.text
        self.assertIn(self.contract_anna.name, text)
        self.assertIn(self.group.code, text)
        self.assertIn(self.coordinator.name, text)
        self.assertIn(f"/my/studies/contract/{self.contract_anna.id}/pdf", text)
        self.assertIn(f"/my/studies/agreement/{self.agreement_anna.id}/pdf", text)
        for other in (self.contract_janis.name, self.contract_liga.name):
            self.assertNotIn(other, text)
        # the payer sees no studies
        response = self._get("/my/studies", "inese")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(self.contract_liga.name, response.text)
        self.assertNotIn(self.student_c.name, response.text)

    def test_my_studies_start_of_studies(self):
        """What the start-of-studies e-mail told (step 2), to look up again."""
        self.group.write(
            {
                "first_day_date": date(2026, 9, 1),
                "first_day_time": 9.5,
                "first_day_room": "Room 101",
                "first_day_plan": "<p>Welcome and tour of the library</p>",
            }
        )
        self.program.start_instructions = "<p>Log in to the LMS with your ID</p>"
        self.env.flush_all()
        text = self._get("/my/studies", "anna").text
        self.assertIn("o_bvk_start", text)
        self.assertIn("Room 101", text)
        self.assertIn("tour of the library", text)
        self.assertIn("Log in to the LMS", text)
        # the payer sees nothing of it
        text = self._get("/my/studies", "inese").text
        self.assertNotIn("Room 101", text)

    def test_start_of_studies_files(self):
        """The start-of-studies files download through the student's own
        contract only; anything else answers 404 as a missing file."""
        plan = self.env["ir.attachment"].create(
            {"name": "pirma-diena.pdf", "raw": b"%PDF-1.4 plan"}
        )
        other = self.env["ir.attachment"].create(
            {"name": "other.pdf", "raw": b"%PDF-1.4 other"}
        )
        self.group.write(
            {
                "first_day_date": date(2026, 9, 1),
                "first_day_attachment_ids": [Command.set(plan.ids)],
            }
        )
        self.env.flush_all()
        url = f"/my/studies/{self.contract_anna.id}/start/{plan.id}"
        self.assertIn(url, self._get("/my/studies", "anna").text)
        response = self._get(url, "anna")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"%PDF-1.4 plan")
        for login, contract, attachment in (
            ("janis", self.contract_anna, plan),
            ("inese", self.contract_liga, plan),
            ("anna", self.contract_anna, other),
            ("anna", self.contract_janis, plan),
            ("anna", self.contract_anna, self.env["ir.attachment"].browse(999999999)),
        ):
            with self.subTest(login=login, contract=contract.id, file=attachment.id):
                response = self._get(
                    f"/my/studies/{contract.id}/start/{attachment.id}", login
                )
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(b"%PDF-1.4", response.content)
        self.authenticate(None, None)
        response = self.url_open(url, allow_redirects=False)
        self.assertIn(response.status_code, (301, 302, 303))

    def test_my_studies_shows_the_group_elder(self):
        self.group.elder_id = self.student_b
        self.env.flush_all()
        self.assertEqual(self.contract_anna.group_id.elder_id, self.student_b)
        text = self._get("/my/studies", "anna").text
        self.assertIn("Group elder", text)
        self.assertIn(self.student_b.name, text)

    def test_my_payments(self):
        response = self._get("/my/payments", "anna")
        self.assertEqual(response.status_code, 200)
        text = response.text
        installments = self.contract_anna.payment_schedule_id.line_ids
        overdue = installments.filtered(lambda i: i.state == "overdue")
        self.assertTrue(overdue, "the first instalment (31 August) is overdue")
        self.assertIn("table-danger", text)
        # the reference of a bank transfer and a link to the invoice
        self.assertIn("o_bvk_reference", text)
        self.assertIn(self.contract_anna.name, text)
        self.assertIn(f'href="{overdue.move_id.access_url}"', text)
        # no payment provider: no "Pay online" (Odoo's ends at "No payment
        # method available")
        self.assertNotIn("o_bvk_pay_online", text)
        self.assertFalse(overdue.move_id._has_to_be_paid())
        self.assertNotIn(self.contract_janis.name, text)
        self.assertNotIn(self.contract_liga.name, text)

    def test_my_payments_payer(self):
        response = self._get("/my/payments", "inese")
        self.assertEqual(response.status_code, 200)
        text = response.text
        self.assertIn(self.contract_liga.name, text)
        invoice = self.contract_liga.payment_schedule_id.line_ids.move_id
        self.assertTrue(invoice)
        self.assertIn(f'href="{invoice.access_url}"', text)
        self.assertNotIn(self.contract_anna.name, text)
        # Līga sees her schedule but not her mother's invoices
        self.student_c_user = self._portal_user("liga", self.student_c.partner_id)
        text = self._get("/my/payments", "liga").text
        self.assertIn(self.contract_liga.name, text)
        self.assertNotIn(f'href="{invoice.access_url}"', text)

    def test_pay_online_with_a_provider(self):
        if "payment.provider" not in self.env:
            self.skipTest("payment is not installed")
        provider = self.env["payment.provider"].create(
            {"name": "BVK test provider", "code": "none", "state": "test"}
        )
        provider.company_id = self.env.company
        self.assertTrue(
            self.env["bvk.portal"]._online_payment_enabled(self.env.company)
        )
        text = self._get("/my/payments", "anna").text
        self.assertIn("o_bvk_pay_online", text)

    def test_my_results(self):
        response = self._get("/my/results", "anna")
        self.assertEqual(response.status_code, 200)
        text = response.text
        self.assertIn("Management", text)
        self.assertIn("o_bvk_debts", text)
        self.assertIn("table-danger", text)
        # the payer sees no grades
        text = self._get("/my/results", "inese").text
        self.assertNotIn("Management", text)
        self.assertNotIn("o_bvk_obligation", text)

    def test_contract_pdf_of_the_student(self):
        """The student's own contract: it answered 403 before the portal."""
        response = self._get(
            f"/my/studies/contract/{self.contract_anna.id}/pdf", "anna"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.contract_anna.name, response.text)
        response = self._get(f"/my/studies/agreement/{self.agreement_anna.id}/pdf")
        self.assertEqual(response.status_code, 200)

    # ------------------------------------------------------------
    # SECURITY: the others' ids, logged out, wrong tokens
    # ------------------------------------------------------------

    def test_others_documents_answer_404(self):
        missing = 999999999
        cases = {
            "anna": [
                ("contract", self.contract_janis.id),
                ("contract", self.contract_liga.id),
                ("agreement", self.agreement_janis.id),
            ],
            "janis": [
                ("contract", self.contract_anna.id),
                ("agreement", self.agreement_anna.id),
            ],
            "inese": [
                ("contract", self.contract_liga.id),
                ("contract", self.contract_anna.id),
                ("agreement", self.agreement_anna.id),
            ],
        }
        for login, documents in cases.items():
            self.authenticate(login, login)
            for kind, record_id in [*documents, ("contract", missing), ("order", 1)]:
                for query in ("", "?access_token=wrong", "?download=1"):
                    url = f"/my/studies/{kind}/{record_id}/pdf{query}"
                    with self.subTest(login=login, url=url):
                        response = self.url_open(url, allow_redirects=False)
                        self.assertEqual(response.status_code, 404)
                        for contract in (
                            self.contract_anna,
                            self.contract_janis,
                            self.contract_liga,
                        ):
                            self.assertNotIn(contract.name, response.text)

    def test_logged_out(self):
        self.authenticate(None, None)
        for url in (
            "/my/studies",
            "/my/payments",
            "/my/results",
            f"/my/studies/contract/{self.contract_anna.id}/pdf",
        ):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (302, 303))
                self.assertIn("/web/login", response.headers["Location"])

    def test_others_invoices_and_odoo_routes(self):
        """Odoo's own routes: invoices, reports, attachments, chatter."""
        invoice_anna = self.contract_anna.payment_schedule_id.line_ids.move_id
        invoice_janis = self.contract_janis.payment_schedule_id.line_ids.move_id
        invoice_janis._portal_ensure_token()
        invoice_anna._portal_ensure_token()
        attachment = self.env["ir.attachment"].create(
            {
                "name": "passport.pdf",
                "raw": b"%PDF-1.4 PASSPORT-SCAN-4471",
                "res_model": "bvk.study.contract",
                "res_id": self.contract_janis.id,
            }
        )
        self.authenticate("anna", "anna")
        own = self.url_open(f"/my/invoices/{invoice_anna.id}", allow_redirects=False)
        self.assertEqual(own.status_code, 200)
        for url in (
            f"/my/invoices/{invoice_janis.id}",
            f"/my/invoices/{invoice_janis.id}?access_token=wrong",
            # the token of another invoice
            f"/my/invoices/{invoice_janis.id}?access_token={invoice_anna.access_token}",
            "/my/invoices/999999999",
        ):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (302, 303))
                self.assertTrue(response.headers["Location"].endswith("/my"))
        # the others' invoices, each trying them: the same redirect as a
        # missing invoice
        invoice_liga = self.contract_liga.payment_schedule_id.line_ids.move_id
        for login, invoice in (
            ("janis", invoice_anna),
            ("janis", invoice_liga),
            ("inese", invoice_anna),
            ("inese", invoice_janis),
            ("anna", invoice_liga),
        ):
            with self.subTest(login=login, invoice=invoice.name):
                self.authenticate(login, login)
                response = self.url_open(
                    f"/my/invoices/{invoice.id}", allow_redirects=False
                )
                self.assertIn(response.status_code, (302, 303))
                self.assertTrue(response.headers["Location"].endswith("/my"))
        self.authenticate("inese", "inese")
        response = self.url_open(
            f"/my/invoices/{invoice_liga.id}", allow_redirects=False
        )
        self.assertEqual(response.status_code, 200, "the payer's own invoice")
        # an expired (regenerated) token no longer opens the invoice
        old_token = invoice_janis.access_token
        invoice_janis.access_token = False
        invoice_janis._portal_ensure_token()
        self.authenticate(None, None)
        response = self.url_open(
            f"/my/invoices/{invoice_janis.id}?access_token={old_token}",
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303))
        self.authenticate("anna", "anna")
        for url in (
            f"/report/pdf/{CONTRACT_REPORT}/{self.contract_janis.id}",
            f"/report/html/{CONTRACT_REPORT}/{self.contract_janis.id}",
            f"/report/pdf/account.report_invoice/{invoice_janis.id}",
            f"/web/content/{attachment.id}",
            f"/web/content/ir.attachment/{attachment.id}/datas",
            f"/web/content/bvk.study.contract/{self.contract_janis.id}/note",
        ):
            with self.subTest(url=url), mute_logger("odoo.http"):
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (403, 404, 303))
                self.assertNotIn(b"PASSPORT-SCAN-4471", response.content)
                self.assertNotIn(self.contract_janis.name, response.text)
        # chatter of another student's contract: nothing
        for model, res_id in (
            ("bvk.study.contract", self.contract_janis.id),
            (
                "bvk.payment.installment",
                self.contract_janis.payment_schedule_id.line_ids[0].id,
            ),
        ):
            with self.subTest(model=model):
                try:
                    result = self.make_jsonrpc_request(
                        "/mail/thread/messages",
                        {"thread_model": model, "thread_id": res_id, "limit": 30},
                    )
                except JsonRpcException:
                    continue
                self.assertFalse(result.get("messages"))

    def test_json_rpc_gives_only_own_rows(self):
        self.authenticate("inese", "inese")
        rows = self.make_jsonrpc_request(
            "/web/dataset/call_kw/bvk.payment.installment/search_read",
            {
                "model": "bvk.payment.installment",
                "method": "search_read",
                "args": [[], ["id"]],
                "kwargs": {},
            },
        )
        self.assertEqual(
            sorted(row["id"] for row in rows),
            sorted(self.contract_liga.payment_schedule_id.line_ids.ids),
        )
        for model in ("bvk.academic.obligation", "bvk.study.contract", "bvk.student"):
            rows = self.make_jsonrpc_request(
                f"/web/dataset/call_kw/{model}/search_read",
                {
                    "model": model,
                    "method": "search_read",
                    "args": [[], ["id"]],
                    "kwargs": {},
                },
            )
            self.assertEqual(rows, [], model)

    # ------------------------------------------------------------
    # ACCOUNTS
    # ------------------------------------------------------------

    def test_grant_portal_access(self):
        student = self._create_student("Dace Grīnberga", "389999-00001", lang="en_US")
        self.assertFalse(student.has_portal_access)
        with self.assertRaises(AccessError):
            student.with_user(self.lecturer).action_grant_portal_access()
        # over JSON-RPC as the web client's button does; the invitation is
        # sent at once (and its mail.mail deleted): catch it on the way out
        sent = []
        MailServer = self.registry["ir.mail_server"]
        with patch.object(
            MailServer,
            "send_email",
            lambda server, message, *args, **kwargs: sent.append(message) or "1",
        ):
            self.authenticate("bvk_coordinator", "bvk_coordinator")
            result = self.make_jsonrpc_request(
                "/web/dataset/call_button/bvk.student/action_grant_portal_access",
                {
                    "model": "bvk.student",
                    "method": "action_grant_portal_access",
                    "args": [student.ids],
                    "kwargs": {
                        "context": {"allowed_company_ids": self.env.company.ids}
                    },
                },
            )
        self.assertEqual(result["params"]["type"], "success")
        user = student.partner_id.user_ids
        self.assertTrue(user._is_portal())
        self.assertEqual(user.lang, "en_US")
        self.assertTrue(student.has_portal_access)
        self.assertEqual(len(sent), 1, "Odoo's invitation e-mail")
        self.assertIn(student.email, sent[0]["To"])
        # again: skipped, with the reason
        result = student.with_user(self.coordinator).action_grant_portal_access()
        self.assertEqual(result["params"]["type"], "warning")

    def test_grant_portal_access_refused_below_coordinator(self):
        """Accounting, a lecturer and a portal student are refused, whatever
        context they send, and nothing is created."""
        student = self._create_student("Gints Ozols", "389999-00002", lang="lv_LV")
        self.env.invalidate_all()
        for user in (self.accountant, self.lecturer, self.user_anna):
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                with self.assertRaises(AccessError):
                    student.with_user(user).with_context(
                        bvk_grant_portal=True, active_test=False
                    ).action_grant_portal_access()
        self.assertFalse(student.partner_id.user_ids)

    def test_tour(self):
        self.start_tour("/my", "bvk_student_portal_tour", login="anna")


@tagged("post_install", "-at_install")
class TestStudentPortalQueries(HttpCase, BvkFinanceCommon):
    """The number of queries of the pages does not grow with the number of
    instalments (2 or 40)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract_few = cls._schedule_contract(
            cls.student,
            plan="custom",
            line_ids=[
                Command.create(
                    {"sequence": 1, "date_due": date(2026, 8, 31), "amount": 3068}
                ),
                Command.create(
                    {"sequence": 2, "date_due": date(2027, 8, 31), "amount": 3068}
                ),
            ],
        )
        cls.contract_many = cls._schedule_contract(
            cls.student_b,
            plan="monthly",
            installments_per_semester=10,
            invoice_timing="at_signing",
        )
        for contract, count in ((cls.contract_few, 2), (cls.contract_many, 40)):
            if len(contract.payment_schedule_id.line_ids) != count:
                raise AssertionError(contract.payment_schedule_id.line_ids)
        new_test_user(
            cls.env,
            login="few",
            groups="base.group_portal",
            partner_id=cls.student.partner_id.id,
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )
        new_test_user(
            cls.env,
            login="many",
            groups="base.group_portal",
            partner_id=cls.student_b.partner_id.id,
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )

    @classmethod
    def _schedule_contract(cls, student, **schedule_vals):
        contract = cls._create_contract(student=student)
        schedule = cls.env["bvk.payment.schedule"].create(
            {"contract_id": contract.id, **schedule_vals}
        )
        schedule.action_generate()
        contract.with_user(cls.director).action_sign()
        return contract

    def _count(self, login, url):
        self.authenticate(login, login)
        self.url_open(url)  # warm the caches
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - start

    def test_pager(self):
        self.authenticate("many", "many")
        first = self.url_open("/my/payments").text
        self.assertIn("/my/payments/page/2", first)
        self.assertNotIn("instalment 40<", first)
        second = self.url_open("/my/payments/page/2").text
        self.assertIn("instalment 40<", second)
        self.assertNotIn("instalment 1<", second)

    def test_query_count_does_not_grow(self):
        # queries of a page once the caches are warm, whatever the number of
        # instalments (the home page's count depends on the other portal
        # tiles installed: only the same for both students)
        budget = {"/my/payments": 18, "/my/studies": 19, "/my/results": 9}
        for url in ("/my/payments", "/my/studies", "/my/results", "/my/home"):
            with self.subTest(url=url):
                few = self._count("few", url)
                many = self._count("many", url)
                self.assertEqual(few, many, f"{url}: {few} vs {many} queries")
                for login in ("few", "many"):
                    self.authenticate(login, login)
                    self.url_open(url)
                    self.env.invalidate_all()
                    with self.assertQueryCount(budget.get(url, many)):
                        self.url_open(url)
