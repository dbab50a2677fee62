# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import VALID_NEW_CODES
from .common_finance import BvkFinanceCommon


class BvkRequestCommon(BvkFinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Request = cls.env["bvk.student.request"]
        cls.types = {
            t.code: t
            for t in cls.env["bvk.student.request.type"].search(
                [("active", "in", (True, False))]
            )
        }
        company = cls.env.company
        cls.calendar = company.resource_calendar_id
        cls.calendar.tz = "Europe/Riga"
        # a public holiday of the company (no calendar: all its calendars)
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Latvijas Republikas proklamēšanas diena",
                "company_id": company.id,
                "calendar_id": False,
                "date_from": datetime(2026, 11, 17, 22, 0),
                "date_to": datetime(2026, 11, 18, 21, 59),
            }
        )
        cls.types["postpone"].user_id = cls.accountant
        cls.student_gf = cls._create_student(
            "Zane Pētersone", VALID_NEW_CODES[1], group=cls.group_gf
        )

    @classmethod
    def _request(cls, student=None, code="other", **vals):
        student = cls.student if student is None else student
        return cls.Request.create(
            {
                "subject": "Request",
                "type_id": cls.types[code].id,
                "student_id": student.id,
                "description": "<p>Please.</p>",
                **vals,
            }
        )


@tagged("post_install", "-at_install")
class TestStudentRequest(BvkRequestCommon):
    # ------------------------------------------------------------
    # numbering, responsible person, deadline
    # ------------------------------------------------------------

    @freeze_time("2026-11-13")
    def test_number_given_at_creation(self):
        request = self._request()
        self.assertRegex(request.name, r"^IES-2026/\d{4}$")
        self.assertEqual(request.state, "new")
        self.assertEqual(self.student.pending_request_count, 1)

    def test_responsible_by_type(self):
        self.assertEqual(self._request(code="other").user_id, self.coordinator)
        self.assertEqual(self._request(code="postpone").user_id, self.accountant)
        self.assertEqual(self._request(code="complaint").user_id, self.head)
        # the group of the Zane has no coordinator: the SSC head answers
        self.assertEqual(
            self._request(student=self.student_gf, code="other").user_id, self.head
        )

    def test_deadline_over_weekend_and_public_holiday(self):
        self.types["other"].deadline_days = 5
        # Friday 6 Nov 2026: Mon 9 .. Fri 13
        request = self._request(date_received=date(2026, 11, 6))
        self.assertEqual(request.date_deadline, date(2026, 11, 13))
        # Friday 13 Nov: Mon 16, Tue 17, (Wed 18 holiday), Thu 19, Fri 20, Mon 23
        request = self._request(date_received=date(2026, 11, 13))
        self.assertEqual(request.date_deadline, date(2026, 11, 23))
        # Thursday 12 Nov, 2 days: Fri 13, Mon 16
        self.types["certificate"].deadline_days = 2
        request = self._request(code="certificate", date_received=date(2026, 11, 12))
        self.assertEqual(request.date_deadline, date(2026, 11, 16))
        # a new setting of the type applies to the requests received after it
        self.types["certificate"].deadline_days = 3
        self.assertEqual(request.date_deadline, date(2026, 11, 16))
        request = self._request(code="certificate", date_received=date(2026, 11, 12))
        self.assertEqual(request.date_deadline, date(2026, 11, 17))

    def test_overdue(self):
        request = self._request(date_received=date(2026, 11, 2))
        with freeze_time(request.date_deadline):
            self.assertFalse(request.with_context(tz="UTC").is_overdue)
        with freeze_time("2026-12-20"):
            request.invalidate_recordset(["is_overdue"])
            self.assertTrue(request.is_overdue)
            self.assertIn(request, self.Request.search([("is_overdue", "=", True)]))

    # ------------------------------------------------------------
    # escalation
    # ------------------------------------------------------------

    def test_escalation_once(self):
        overdue = self._request(date_received=date(2026, 11, 2))
        on_time = self._request(date_received=date(2026, 12, 18))
        answered = self._request(date_received=date(2026, 11, 2), answer="<p>OK</p>")
        answered.with_user(self.coordinator).action_answer()
        cron = self.env.ref("bvk_student_crm.ir_cron_bvk_student_request_escalate")
        activity_type = self.env.ref(
            "bvk_student_crm.mail_activity_student_request_overdue"
        )
        with freeze_time("2026-12-21"):
            cron.method_direct_trigger()
            cron.method_direct_trigger()
            self.Request._cron_escalate_overdue()
        self.assertEqual(overdue.date_escalated, date(2026, 12, 21))
        activities = overdue.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.head)
        notes = overdue.message_ids.filtered(lambda m: "escalated to" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertFalse(on_time.date_escalated)
        self.assertFalse(on_time.activity_ids)
        self.assertFalse(answered.date_escalated)

    # ------------------------------------------------------------
    # workflow and answer
    # ------------------------------------------------------------

    def test_answer_flow(self):
        request = self._request(date_received=date(2026, 11, 13))
        coordinator_request = request.with_user(self.coordinator)
        coordinator_request.action_start()
        self.assertEqual(request.state, "in_progress")
        with self.assertRaisesRegex(UserError, "write the answer"):
            coordinator_request.action_answer()
        coordinator_request.answer = "<p>Yes.</p>"
        with freeze_time("2026-11-20"):
            coordinator_request.action_answer()
        self.assertRecordValues(
            request,
            [
                {
                    "state": "answered",
                    "date_answered": date(2026, 11, 20),
                    "answered_by_id": self.coordinator.id,
                    "response_days": 7,
                    # Mon 16, Tue 17, Thu 19, Fri 20 (Wed 18 a holiday)
                    "response_working_days": 4,
                }
            ],
        )
        self.assertEqual(self.student.pending_request_count, 0)
        # what was answered stays
        with self.assertRaises(UserError):
            coordinator_request.answer = "<p>No.</p>"
        with self.assertRaises(UserError):
            coordinator_request.action_refuse()
        with self.assertRaises(AccessError):
            coordinator_request.action_reopen()
        request.with_user(self.head).action_reopen()
        self.assertEqual(request.state, "in_progress")

    def test_answer_email_in_student_language(self):
        self.env["res.lang"]._activate_lang("lv_LV")
        self.env["ir.module.module"]._load_module_terms(
            ["bvk_student_crm"], ["lv_LV"], overwrite=True
        )
        self.student_b.lang = "lv_LV"
        latvian = self._request(student=self.student_b, answer="<p>Jā.</p>")
        english = self._request(answer="<p>Yes.</p>")
        (latvian | english).with_user(self.coordinator).action_answer()
        lv_message = latvian.message_ids.filtered(
            lambda m: m.message_type == "comment" and latvian.name in (m.subject or "")
        )
        en_message = english.message_ids.filtered(
            lambda m: m.message_type == "comment" and english.name in (m.subject or "")
        )
        self.assertEqual(len(lv_message), 1)
        self.assertEqual(len(en_message), 1)
        self.assertIn("atbilde uz jūsu iesniegumu", lv_message.subject)
        self.assertIn("izskatījuši jūsu 2026. gada", lv_message.body)
        self.assertIn("Jā.", lv_message.body)
        self.assertIn("answer to your request", en_message.subject)
        self.assertIn("we have considered your request", en_message.body)
        self.assertIn(self.student_b.partner_id, lv_message.partner_ids)

    def test_analysis_per_type_and_month(self):
        """The pivot: counts and average response time per type and month."""
        requests = self.Request
        for received, answered in (
            (date(2026, 11, 2), date(2026, 11, 4)),  # 2 working days
            (date(2026, 11, 9), date(2026, 11, 13)),  # 4 working days
        ):
            request = self._request(code="certificate", date_received=received)
            request.answer = "<p>Ready.</p>"
            with freeze_time(answered):
                request.with_user(self.coordinator).action_answer()
            requests |= request
        requests |= self._request(code="certificate", date_received=date(2026, 12, 1))
        groups = self.Request._read_group(
            [("id", "in", requests.ids)],
            ["type_id", "date_received:month"],
            ["__count", "response_working_days:avg", "response_days:avg"],
        )
        self.assertEqual(
            [(count, working, days) for _type, _month, count, working, days in groups],
            # the open request counts, without a response time
            [(2, 3.0, 3.0), (1, False, False)],
        )

    def test_refuse_and_unknown_student(self):
        request = self.Request.create(
            {
                "subject": "Question",
                "type_id": self.types["other"].id,
                "email_from": "someone@example.com",
            }
        )
        self.assertTrue(request.student_unknown)
        self.assertEqual(request.user_id, self.head)
        with self.assertRaisesRegex(UserError, "student is unknown"):
            request.with_user(self.coordinator).action_start()
        request.with_user(self.coordinator).student_id = self.student
        self.assertFalse(request.student_unknown)
        request.with_user(self.coordinator).action_start()
        request.answer = "<p>No.</p>"
        request.with_user(self.coordinator).action_refuse()
        self.assertEqual(request.state, "refused")

    def test_forged_state_refused(self):
        request = self._request()
        for user in (self.coordinator, self.head, self.director, self.accountant):
            for vals in (
                {"state": "answered"},
                {"date_escalated": "2026-01-01"},
                {"answered_by_id": user.id},
                {"name": "IES-FAKE/0001"},
                {"response_working_days": 1},
            ):
                with self.subTest(user=user.login, vals=vals):
                    self.env.invalidate_all()
                    with self.assertRaises(AccessError):
                        request.with_user(user).write(vals)
            with self.subTest(user=user.login, create=True):
                with self.assertRaises(AccessError):
                    self.Request.with_user(user).create(
                        {
                            "subject": "x",
                            "type_id": self.types["postpone"].id,
                            "student_id": self.student.id,
                            "state": "answered",
                        }
                    )
        # a lecturer runs no action and an employee sees no request
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            request.with_user(self.lecturer).action_start()
        with self.assertRaises(AccessError):
            request.with_user(self.employee).read(["state"])
        # no context key lifts a check
        with self.assertRaises(AccessError):
            request.with_user(self.lecturer).with_context(
                tracking_disable=True, mail_notrack=True, install_mode=True
            ).action_start()

    # ------------------------------------------------------------
    # access per role
    # ------------------------------------------------------------

    def test_access_per_role(self):
        mine = self._request(code="other")  # group of the coordinator and lecturer
        other = self._request(student=self.student_gf, code="complaint")
        payment = self._request(student=self.student_gf, code="postpone")
        unknown = self.Request.create(
            {"subject": "?", "type_id": self.types["other"].id, "email_from": "x@y.lv"}
        )
        all_requests = mine | other | payment | unknown

        def visible(user):
            self.env.invalidate_all()
            return self.Request.with_user(user).search([("id", "in", all_requests.ids)])

        self.assertEqual(visible(self.lecturer), mine)
        self.assertFalse(visible(self.other_lecturer))
        self.assertEqual(visible(self.coordinator), mine | unknown)
        self.assertEqual(visible(self.head), all_requests)
        self.assertEqual(visible(self.accountant), payment)
        academic = self._request(student=self.student_gf, code="individual_plan")
        all_requests |= academic
        deputy = self._new_user(
            login="bvk_req_deputy", groups="bvk_student_crm.group_bvk_deputy_director"
        )
        self.assertEqual(visible(deputy), unknown | academic)
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            other.with_user(self.lecturer).read(["subject"])
        with self.assertRaises(AccessError):
            other.with_user(self.coordinator).write({"subject": "x"})
        # the student's own requests on the portal, never another's
        portal = self._portal_user(self.student)
        portal_b = self._portal_user(self.student_gf)
        self.assertEqual(visible(portal), mine)
        self.assertEqual(visible(portal_b), other | payment | academic)
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            other.with_user(portal).read(["subject"])
        with self.assertRaises(AccessError):
            mine.with_user(portal).write({"subject": "x"})
        with self.assertRaises(AccessError):
            mine.with_user(portal).action_answer()
        # the smart button counts what the user sees
        self.env.invalidate_all()
        self.assertEqual(
            self.student_gf.with_user(self.coordinator).pending_request_count, 0
        )
        self.assertEqual(self.student_gf.with_user(self.head).pending_request_count, 3)

    def _portal_user(self, student):
        return self.env["res.users"].create(
            {
                "name": student.name,
                "login": f"portal_{student.id}",
                "partner_id": student.partner_id.id,
                "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )

    # ------------------------------------------------------------
    # portal form
    # ------------------------------------------------------------

    def test_create_from_portal(self):
        portal = self._portal_user(self.student)
        Request = self.Request.with_user(portal)
        request = Request._create_from_portal(
            self.student,
            {"type": "certificate", "subject": "Izziņa", "description": "Lūdzu\n<b>"},
            [("iesniegums.pdf", b"%PDF-1.4 test")],
        )
        self.assertRecordValues(
            request.sudo(),
            [
                {
                    "channel": "portal",
                    "student_id": self.student.id,
                    "request_type": "certificate",
                    "state": "new",
                }
            ],
        )
        self.assertIn("&lt;b&gt;", request.sudo().description)
        self.assertEqual(request.sudo().attachment_ids.name, "iesniegums.pdf")
        self.env.invalidate_all()
        self.assertEqual(Request.search([]), request)
        for vals, files, message in (
            ({"type": "nonsense", "description": "x"}, [], "type of your request"),
            ({"type": "other", "description": "  "}, [], "description is empty"),
            ({"type": "other", "description": "x" * 10001}, [], "too long"),
            ({"type": "other", "description": "x"}, [("a.pdf", b"")], "is empty"),
            (
                {"type": "other", "description": "x"},
                [("a.pdf", b"x")] * 6,
                "at most 5 files",
            ),
        ):
            with self.subTest(message=message):
                with self.assertRaisesRegex(ValidationError, message):
                    Request._create_from_portal(self.student, vals, files)
        with self.assertRaises(AccessError):
            Request._create_from_portal(
                self.student_gf, {"type": "other", "description": "x"}
            )


@tagged("post_install", "-at_install")
class TestStudentRequestAgreement(BvkRequestCommon):
    def test_payment_request_agreement_answers(self):
        with freeze_time("2026-08-20"):
            contract = self._signed_contract(timing="at_signing")
        request = self._request(code="postpone")
        self.assertEqual(request.contract_id, contract)
        action = request.with_user(self.coordinator).action_create_agreement()
        self.assertEqual(action["res_model"], "bvk.study.contract.agreement")
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.coordinator)
            .with_context(**action["context"])
            .create({"date_new": date(2027, 1, 15)})
        )
        self.assertEqual(wizard.agreement_type, "postpone")
        result = wizard.action_create()
        agreement = self.env["bvk.agreement"].browse(result["res_id"])
        self.assertEqual(agreement.request_id, request)
        self.assertEqual(request.agreement_ids, agreement)
        agreement.with_user(self.head).action_approve()
        self.assertEqual(request.state, "answered")
        self.assertEqual(request.answered_by_id, self.head)
        self.assertIn(agreement.name, request.answer)

    def test_academic_request_opens_academic_wizard(self):
        request = self._request(code="deadline_extension")
        action = request.with_user(self.coordinator).action_create_agreement()
        self.assertEqual(action["res_model"], "bvk.academic.agreement.create")
        self.assertEqual(action["context"]["default_request_id"], request.id)
        self.assertEqual(
            action["context"]["default_agreement_type"], "deadline_extension"
        )
        with self.assertRaisesRegex(UserError, "not answered by an agreement"):
            self._request(code="complaint").with_user(
                self.coordinator
            ).action_create_agreement()
        with self.assertRaisesRegex(UserError, "no signed study contract"):
            self._request(code="split").with_user(
                self.coordinator
            ).action_create_agreement()
