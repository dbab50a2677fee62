# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The student portal's requests and surveys (issue 13): the pages, the
request form (valid and invalid), the conversation, and that Anna, Jānis
and the payer Inese each get a 404 for the others' ids."""

import base64
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common_finance import BvkFinanceCommon
from .test_portal import BvkPortalCommon

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


class BvkPortalRequestsCommon(BvkPortalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Request = cls.env["bvk.student.request"]
        cls.request_anna = Request._create_from_portal(
            cls.student,
            {
                "type": "certificate",
                "subject": "Certificate for the tax office",
                "description": "Please issue a certificate of my studies.",
            },
            [("statement.pdf", PDF)],
        )
        cls.request_janis = Request._create_from_portal(
            cls.student_b,
            {
                "type": "postpone",
                "subject": "Janis postpones",
                "description": "Please postpone my January payment.",
            },
        )
        cls.request_liga = Request._create_from_portal(
            cls.student_c,
            {
                "type": "academic_leave",
                "subject": "Liga takes a leave",
                "description": "A leave for the spring semester.",
            },
        )
        cls.file_anna = cls.request_anna.attachment_ids
        cls.file_janis = (
            cls.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": "janis.pdf",
                    "datas": base64.b64encode(PDF),
                    "res_model": "bvk.student.request",
                    "res_id": cls.request_janis.id,
                }
            )
        )
        cls.request_janis.attachment_ids = [Command.link(cls.file_janis.id)]
        # survey invitations: Anna open, answered and expired; Jānis open
        campaign = (
            cls.env["bvk.survey.campaign"]
            .sudo()
            .create(
                {
                    "name": "Semester survey",
                    "kind": "employer",
                    "date_start": fields.Date.today(),
                }
            )
        )
        cls.campaign_b = campaign.copy({"name": "Graduate survey"})
        cls.campaign_c = campaign.copy({"name": "Old survey"})
        today = fields.Date.today()
        Invitation = cls.env["bvk.survey.invitation"].sudo()

        def invite(camp, student, deadline, state="invited"):
            return Invitation.create(
                {
                    "campaign_id": camp.id,
                    "partner_id": student.partner_id.id,
                    "student_id": student.id,
                    "date_invited": today,
                    "date_deadline": deadline,
                    "state": state,
                    "company_id": camp.company_id.id,
                }
            )

        cls.inv_open = invite(campaign, cls.student, today + timedelta(days=10))
        cls.inv_answered = invite(
            cls.campaign_b, cls.student, today + timedelta(days=10), "answered"
        )
        cls.inv_expired = invite(
            cls.campaign_c, cls.student, today - timedelta(days=1), "expired"
        )
        cls.inv_janis = invite(campaign, cls.student_b, today + timedelta(days=10))


@tagged("post_install", "-at_install")
class TestStudentPortalRequests(HttpCase, BvkPortalRequestsCommon):
    def _get(self, url, login=None):
        if login:
            self.authenticate(login, login)
        return self.url_open(url, allow_redirects=False)

    # ------------------------------------------------------------
    # RULES
    # ------------------------------------------------------------

    def test_rules(self):
        Portal = self.env["bvk.portal"]
        anna, parent = self.student.partner_id, self.parent
        self.assertEqual(Portal._requests(anna), self.request_anna)
        self.assertFalse(Portal._requests(parent))
        self.assertFalse(Portal._portal_student(parent))
        self.assertEqual(Portal._request(anna, self.request_anna.id), self.request_anna)
        for request_id in (self.request_janis.id, self.request_liga.id, 999999999):
            with self.assertRaisesRegex(Exception, "does not exist"):
                Portal._request(anna, request_id)
        counters = Portal._counters(anna, ["bvk_requests_count", "bvk_surveys_count"])
        self.assertEqual(counters, {"bvk_requests_count": 1, "bvk_surveys_count": 1})
        self.assertEqual(
            Portal._counters(parent, ["bvk_requests_count", "bvk_surveys_count"]),
            {"bvk_requests_count": 0, "bvk_surveys_count": 0},
        )
        # the portal user's own ORM reads agree
        for user in (self.user_anna, self.user_janis, self.user_parent):
            with self.subTest(user=user.login):
                self.assertEqual(
                    self.env["bvk.student.request"].with_user(user).search([]),
                    Portal._requests(user.partner_id),
                )

    def test_confirmation_mail_in_the_students_language(self):
        self._latvian()
        self.student.partner_id.lang = "lv_LV"
        request = self.env["bvk.student.request"]._create_from_portal(
            self.student,
            {"type": "other", "subject": "Jautājums", "description": "Sveiki"},
        )
        message = request.message_ids.filtered(
            lambda m: m.partner_ids == self.student.partner_id
        )
        self.assertEqual(len(message), 1, request.message_ids.mapped("subject"))
        self.assertIn(request.name, message.subject)
        self.assertIn("saņēmām", message.subject)
        self.assertIn("Labdien", str(message.body))
        self.assertNotEqual(message.author_id, self.student.partner_id)
        self.student.partner_id.lang = "en_US"
        request = self.env["bvk.student.request"]._create_from_portal(
            self.student,
            {"type": "other", "subject": "A question", "description": "Hello"},
        )
        message = request.message_ids.filtered(
            lambda m: m.partner_ids == self.student.partner_id
        )
        self.assertIn("we received your request", message.subject)
        self.assertIn("Dear", str(message.body))

    def _latvian(self):
        self.env["res.lang"]._activate_lang("lv_LV")
        self.env["ir.module.module"]._load_module_terms(
            ["bvk_student_crm"], ["lv_LV"], overwrite=True
        )

    def test_file_types(self):
        allowed = self.env["bvk.student.request"]._portal_file_allowed
        self.assertTrue(allowed("a.pdf", PDF))
        self.assertTrue(allowed("a.PNG", PNG))
        self.assertFalse(allowed("a.exe", b"MZ\x90\x00" * 10))
        self.assertFalse(allowed("a.pdf", b"MZ\x90\x00" * 10), "content decides")
        self.assertFalse(allowed("a.html", b"<html><script></script></html>"))
        self.assertFalse(allowed("noextension", PDF))

    # ------------------------------------------------------------
    # PAGES
    # ------------------------------------------------------------

    def test_home_counters(self):
        self.authenticate("anna", "anna")
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {"counters": ["bvk_requests_count", "bvk_surveys_count"]},
        )
        self.assertEqual(counters["bvk_requests_count"], 1)
        self.assertEqual(counters["bvk_surveys_count"], 1)
        home = self.url_open("/my").text
        self.assertIn('href="/my/requests"', home)
        self.assertIn('href="/my/surveys"', home)

    def test_my_requests(self):
        response = self._get("/my/requests", "anna")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.request_anna.name, response.text)
        self.assertIn("Certificate for the tax office", response.text)
        self.assertIn('href="/my/requests/new"', response.text)
        for other in (self.request_janis, self.request_liga):
            self.assertNotIn(other.name, response.text)
            self.assertNotIn(other.subject, response.text)

    def test_my_requests_payer(self):
        response = self._get("/my/requests", "inese")
        self.assertEqual(response.status_code, 200)
        self.assertIn("You have sent no requests", response.text)
        self.assertNotIn(self.request_liga.name, response.text)
        self.assertNotIn('href="/my/requests/new"', response.text)
        self.assertEqual(self._get("/my/requests/new").status_code, 404)

    def test_my_request(self):
        self.request_anna.sudo().write(
            {"answer": "<p>Your certificate is ready.</p>", "state": "answered"}
        )
        response = self._get(f"/my/requests/{self.request_anna.id}", "anna")
        self.assertEqual(response.status_code, 200)
        text = response.text
        self.assertIn("Please issue a certificate of my studies.", text)
        self.assertIn("Your certificate is ready.", text)
        self.assertIn("o_portal_chatter", text)
        self.assertIn('data-res_model="bvk.student.request"', text)
        self.assertNotIn(self.request_anna.sudo().access_token or "no token", text)
        file_url = f"/my/requests/{self.request_anna.id}/file/{self.file_anna.id}"
        self.assertIn(file_url, text)
        download = self._get(file_url)
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download.content, PDF)

    def test_my_surveys(self):
        response = self._get("/my/surveys", "anna")
        self.assertEqual(response.status_code, 200)
        text = response.text
        self.assertIn(self.inv_open._get_personal_url(), text)
        for closed in (self.inv_answered, self.inv_expired, self.inv_janis):
            self.assertNotIn(closed._get_personal_url(), text)
        self.assertIn("Graduate survey", text)
        self.assertIn("o_bvk_survey_closed", text)
        self.assertEqual(text.count("o_bvk_survey_link"), 1)
        # the payer and Jānis: none of Anna's links
        for login in ("inese", "janis"):
            text = self._get("/my/surveys", login).text
            self.assertNotIn(self.inv_open._get_personal_url(), text)
        self.assertIn(self.inv_janis._get_personal_url(), text)

    # ------------------------------------------------------------
    # THE FORM
    # ------------------------------------------------------------

    def _post_form(self, data, files=None):
        self.url_open("/my/requests/new")  # the session's CSRF token
        data = {"csrf_token": self._csrf(), **data}
        return self.url_open(
            "/my/requests/new",
            data=data,
            files=files or [("attachments", ("", b"", "application/octet-stream"))],
            allow_redirects=False,
        )

    def _csrf(self):
        page = self.url_open("/my/requests/new").text
        marker = 'name="csrf_token" value="'
        start = page.index(marker) + len(marker)
        return page[start : page.index('"', start)]

    def test_form_page(self):
        response = self._get("/my/requests/new", "anna")
        self.assertEqual(response.status_code, 200)
        for code in (
            "postpone",
            "split",
            "loan",
            "academic_leave",
            "deadline_extension",
            "termination",
            "certificate",
            "other",
        ):
            self.assertIn(f'value="{code}"', response.text)
        self.assertIn('enctype="multipart/form-data"', response.text)

    def test_form_valid(self):
        self.authenticate("anna", "anna")
        before = self.env["bvk.student.request"].search([])
        response = self._post_form(
            {
                "type": "split",
                "subject": "Split my payment",
                "description": "Into three parts, please.",
            },
            files=[
                ("attachments", ("bank.pdf", PDF, "application/pdf")),
                ("attachments", ("photo.png", PNG, "image/png")),
            ],
        )
        self.assertIn(response.status_code, (302, 303))
        new = self.env["bvk.student.request"].search([]) - before
        self.assertEqual(len(new), 1)
        self.assertRecordValues(
            new,
            [
                {
                    "student_id": self.student.id,
                    "request_type": "split",
                    "channel": "portal",
                    "subject": "Split my payment",
                }
            ],
        )
        self.assertEqual(
            sorted(new.attachment_ids.mapped("name")), ["bank.pdf", "photo.png"]
        )
        self.assertTrue(
            response.headers["Location"].endswith(f"/my/requests/{new.id}?submitted=1")
        )
        page = self.url_open(response.headers["Location"]).text
        self.assertIn("o_bvk_request_submitted", page)
        listing = self.url_open("/my/requests").text
        self.assertIn(new.name, listing)

    def test_form_invalid(self):
        self.authenticate("anna", "anna")
        big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1)
        cases = [
            (
                {"type": "", "subject": "x", "description": "y"},
                None,
                "Choose the type of your request.",
            ),
            (
                {"type": "loan", "subject": "x", "description": "  "},
                None,
                "Describe your request: the description is empty.",
            ),
            (
                {"type": "hacked", "subject": "x", "description": "y"},
                None,
                "Choose the type of your request.",
            ),
            (
                {"type": "loan", "subject": "x", "description": "y"},
                [("attachments", ("big.pdf", big, "application/pdf"))],
                "is larger than 10 MB",
            ),
            (
                {"type": "loan", "subject": "x", "description": "y"},
                [("attachments", ("virus.exe", b"MZ\x90\x00" * 8, "application/x"))],
                "is not of an accepted type",
            ),
            (
                {"type": "loan", "subject": "x", "description": "y"},
                [("attachments", ("fake.pdf", b"<script>alert(1)</script>", "x/y"))],
                "is not of an accepted type",
            ),
        ]
        before = self.env["bvk.student.request"].search_count([])
        for data, files, message in cases:
            with self.subTest(message=message, data=data):
                response = self._post_form(
                    {**data, "description": data["description"] or ""}, files
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_bvk_request_error", response.text)
                self.assertIn(message, response.text)
                # what the student typed is kept
                if data["description"].strip():
                    self.assertIn(data["description"], response.text)
        self.assertEqual(self.env["bvk.student.request"].search_count([]), before)

    def test_form_error_in_latvian(self):
        self._latvian()
        self.user_anna.lang = "lv_LV"
        self.authenticate("anna", "anna")
        response = self._post_form({"type": "loan", "subject": "x", "description": ""})
        self.assertIn("o_bvk_request_error", response.text)
        self.assertNotIn("the description is empty", response.text)
        self.assertIn("Jauns iesniegums", response.text)
        self.assertIn("Nosūtīt iesniegumu", response.text)
        self.assertIn("Temats", response.text)
        response = self._post_form(
            {"type": "loan", "subject": "x", "description": "y"},
            [("attachments", ("virus.exe", b"MZ\x90\x00" * 8, "application/x"))],
        )
        self.assertIn("veids netiek pieņemts", response.text)

    def test_form_without_csrf_is_refused(self):
        self.authenticate("anna", "anna")
        before = self.env["bvk.student.request"].search_count([])
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/my/requests/new",
                data={"type": "loan", "subject": "x", "description": "y"},
                allow_redirects=False,
            )
        self.assertNotIn(response.status_code, (302, 303))
        self.assertEqual(self.env["bvk.student.request"].search_count([]), before)

    # ------------------------------------------------------------
    # OTHERS' IDS, LOGGED OUT, ODOO'S ROUTES
    # ------------------------------------------------------------

    def test_others_ids_answer_404(self):
        missing = 999999999
        cases = {
            "anna": (self.request_janis, self.request_liga),
            "janis": (self.request_anna, self.request_liga),
            "inese": (self.request_liga, self.request_anna),
        }
        for login, others in cases.items():
            self.authenticate(login, login)
            for request_id in [*(other.id for other in others), missing]:
                for url in (
                    f"/my/requests/{request_id}",
                    f"/my/requests/{request_id}?access_token=x",
                    f"/my/requests/{request_id}/file/{self.file_anna.id}",
                    f"/my/requests/{request_id}/file/{self.file_janis.id}",
                ):
                    with self.subTest(login=login, url=url):
                        response = self.url_open(url, allow_redirects=False)
                        self.assertEqual(response.status_code, 404)
                        for other in others:
                            self.assertNotIn(other.name, response.text)
        # Anna's own request with Jānis's file
        self.authenticate("anna", "anna")
        url = f"/my/requests/{self.request_anna.id}/file/{self.file_janis.id}"
        self.assertEqual(self._get(url).status_code, 404)

    def test_logged_out(self):
        self.authenticate(None, None)
        for url in (
            "/my/requests",
            "/my/requests/new",
            f"/my/requests/{self.request_anna.id}",
            f"/my/requests/{self.request_anna.id}/file/{self.file_anna.id}",
            "/my/surveys",
        ):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (302, 303))
                self.assertIn("/web/login", response.headers["Location"])

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_rule")
    def test_chatter_only_for_the_student(self):
        """Anna posts to her request's conversation with a file; Jānis,
        the payer and a visitor with the access token read and post
        nothing, and cannot download the file."""
        request = self.request_anna
        self.authenticate("anna", "anna")
        upload = self.url_open(
            "/mail/attachment/upload",
            data={
                "csrf_token": self._csrf(),
                "thread_id": request.id,
                "thread_model": request._name,
                "is_pending": "true",
            },
            files={"ufile": ("answer.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(upload.status_code, 200)
        attachment_data = upload.json()["data"]["ir.attachment"][0]
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": request._name,
                "thread_id": request.id,
                "post_data": {
                    "body": "Here is my bank statement.",
                    "attachment_ids": [attachment_data["id"]],
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
                "attachment_tokens": [attachment_data["access_token"]],
            },
        )
        message = request.message_ids.filtered(
            lambda m: "bank statement" in str(m.body)
        )
        self.assertEqual(message.author_id, self.student.partner_id)
        self.assertEqual(message.attachment_ids.name, "answer.pdf")
        fetched = self.make_jsonrpc_request(
            "/mail/chatter_fetch",
            {"thread_model": request._name, "thread_id": request.id},
        )
        self.assertIn(message.id, [m["id"] for m in fetched["data"]["mail.message"]])
        token = request.sudo()._portal_ensure_token()
        attachment = message.attachment_ids
        for login in ("janis", "inese", None):
            with self.subTest(login=login):
                self.authenticate(login, login)
                for params in ({}, {"token": token}):
                    # refused, or nothing of the conversation
                    try:
                        fetched = self.make_jsonrpc_request(
                            "/mail/chatter_fetch",
                            {
                                "thread_model": request._name,
                                "thread_id": request.id,
                                **params,
                            },
                        )
                    except JsonRpcException:
                        fetched = {"data": {"mail.message": []}}
                    self.assertFalse(fetched["data"]["mail.message"], params)
                    with self.assertRaises(JsonRpcException):
                        self.make_jsonrpc_request(
                            "/mail/message/post",
                            {
                                "thread_model": request._name,
                                "thread_id": request.id,
                                "post_data": {"body": "intruder"},
                                **params,
                            },
                        )
                content = self.url_open(f"/web/content/{attachment.id}")
                self.assertNotEqual(content.content, PDF)
        self.assertFalse(
            request.message_ids.filtered(lambda m: "intruder" in str(m.body))
        )

    def test_tour(self):
        self.start_tour("/my", "bvk_student_portal_requests_tour", login="anna")
        self.assertTrue(
            self.env["bvk.student.request"].search(
                [("subject", "=", "Tour certificate")]
            )
        )


@tagged("post_install", "-at_install")
class TestStudentPortalRequestsQueries(HttpCase, BvkFinanceCommon):
    """The queries of /my/requests do not grow with the number of requests
    (2 or 20)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Request = cls.env["bvk.student.request"]
        for student, count in ((cls.student, 2), (cls.student_b, 20)):
            for index in range(count):
                Request._create_from_portal(
                    student,
                    {
                        "type": ("certificate", "loan", "other")[index % 3],
                        "subject": f"Request {index}",
                        "description": "Text",
                    },
                )
        # open survey invitations: 2 and 20
        today = fields.Date.today()
        campaign = (
            cls.env["bvk.survey.campaign"]
            .sudo()
            .create({"name": "Survey 0", "kind": "employer", "date_start": today})
        )
        campaigns = campaign
        for index in range(1, 20):
            campaigns |= campaign.copy({"name": f"Survey {index}"})
        cls.env["bvk.survey.invitation"].sudo().create(
            [
                {
                    "campaign_id": camp.id,
                    "partner_id": student.partner_id.id,
                    "student_id": student.id,
                    "date_invited": today,
                    "date_deadline": today + timedelta(days=7),
                    "company_id": camp.company_id.id,
                }
                for student, count in ((cls.student, 2), (cls.student_b, 20))
                for camp in campaigns[:count]
            ]
        )
        for login, student in (("few", cls.student), ("many", cls.student_b)):
            new_test_user(
                cls.env,
                login=login,
                groups="base.group_portal",
                partner_id=student.partner_id.id,
                company_id=cls.env.company.id,
                company_ids=[Command.set(cls.env.company.ids)],
            )

    def _count(self, login, url):
        self.authenticate(login, login)
        self.url_open(url)  # warm the caches
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - start

    def test_query_count_does_not_grow(self):
        budget = {"/my/requests": 12, "/my/surveys": 10}
        for url in ("/my/requests", "/my/surveys"):
            with self.subTest(url=url):
                few = self._count("few", url)
                many = self._count("many", url)
                self.assertEqual(few, many, f"{url}: {few} vs {many} queries")
                for login in ("few", "many"):
                    self.authenticate(login, login)
                    self.url_open(url)
                    self.env.invalidate_all()
                    with self.assertQueryCount(budget[url]):
                        self.url_open(url)
