# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may do what: the tables below are the documentation of the module's
access rights (the README's "Roles" section points here), and the tests
check them against the running server as each role, with a fresh cache.

- ``ACCESS``: per model, what each role may do with records (c)reate,
  (r)ead, (w)rite, (d)elete, as granted by the ACLs. Record rules narrow it
  further (lecturers: their groups; everybody: their companies) and the
  workflow narrows writes (see ``FORGED``).
- ``ACTIONS``: per button, the roles allowed to run it. Everybody else gets
  an AccessError from the server, whatever the view shows.
- ``FORGED``: fields that only the workflow writes. Nobody, not even the
  director, writes them by hand.
"""

from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import VALID_NEW_CODES
from .common_academic import BvkAcademicCommon
from .common_finance import BvkFinanceCommon, camt053

ROLES = (
    "lecturer",
    "coordinator",
    "deputy",
    "head",
    "director",
    "accountant",
    "employee",
)
SSC = {"coordinator", "deputy", "head", "director"}
HEADS = {"head", "director"}

# fmt: off
ACCESS = {
    # model                              lect coor dep. head dir. acct empl
    "bvk.study.program":                "r    r    r    crwd crwd r    -",
    "bvk.academic.year":                "r    r    r    crwd crwd r    -",
    "bvk.semester":                     "r    r    r    crwd crwd r    -",
    "bvk.student.group":                "r    crw  crw  crwd crwd r    -",
    "bvk.student":                      "r    crw  crw  crwd crwd r    -",
    "bvk.study.contract":               "-    crw  crw  crwd crwd r    -",
    "bvk.reminder.policy":              "-    r    r    crwd crwd r    -",
    "bvk.reminder.level":               "-    r    r    crwd crwd r    -",
    "bvk.reminder":                     "-    r    r    r    r    r    -",
    "bvk.reminder.line":                "-    r    r    r    r    r    -",
    "bvk.agreement":                    "-    crwd crwd crwd crwd r    -",
    "bvk.agreement.line":               "-    crwd crwd crwd crwd r    -",
    "bvk.payment.schedule":             "-    crw  crw  crwd crwd rw   -",
    "bvk.payment.installment":          "-    crw  crw  crwd crwd rw   -",
    "bvk.bank.mapping":                 "-    r    r    crwd crwd crwd -",
    "bvk.bank.import":                  "-    rw   rw   rw   rw   rwd  -",
    "bvk.bank.import.line":             "-    rw   rw   rw   rw   rw   -",
    "bvk.bank.import.upload":           "-    crwd crwd crwd crwd crwd -",
    "bvk.study.contract.agreement":     "-    crwd crwd crwd crwd -    -",
    "bvk.course":                       "r    r    crwd crwd crwd r    -",
    "bvk.study.schedule":               "r    crw  crwd crwd crwd r    -",
    "bvk.course.offering":              "r    crwd crwd crwd crwd r    -",
    "bvk.academic.obligation":          "rw   crw  crw  crwd crwd -    -",
    "bvk.lms.activity":                 "r    crwd crwd crwd crwd -    -",
    "bvk.study.schedule.import":        "-    crwd crwd crwd crwd -    -",
    "bvk.lms.activity.import":          "-    crwd crwd crwd crwd -    -",
    "bvk.academic.agreement.create":    "-    crwd crwd crwd crwd -    -",
    "bvk.reminder.preview":             "-    crwd crwd crwd crwd -    -",
    "bvk.order":                        "-    crw  crw  crwd crwd r    -",
    "bvk.order.line":                   "-    crw  crw  crwd crwd r    -",
    "bvk.order.expel":                  "-    crwd crwd crwd crwd -    -",
    "bvk.order.transfer":               "-    crwd crwd crwd crwd -    -",
    "bvk.order.transfer.line":          "-    crwd crwd crwd crwd -    -",
    "bvk.order.exmatriculate":          "-    crwd crwd crwd crwd -    -",
    "bvk.weekly.report.print":          "-    -    -    crwd crwd -    -",
    "bvk.student.request":              "r    crw  crw  crwd crwd crw  -",
    "bvk.student.request.type":         "r    r    r    crwd crwd r    -",
    "bvk.announcement":                 "-    crw  crw  crwd crwd -    -",
    "bvk.thanks":                       "-    r    r    r    r    -    -",
    "bvk.survey.campaign":              "r    crw  crwd crwd crwd -    -",
    "bvk.survey.invitation":            "-    r    r    r    r    -    -",
    "bvk.survey.result":                "r    r    r    r    r    -    -",
    "bvk.survey.response":              "r    r    r    r    r    -    -",
    "bvk.start.notice":                 "-    r    r    r    r    -    -",
    "bvk.start.status":                 "-    r    r    r    r    -    -",
    "bvk.student.group.message":        "crwd crwd crwd crwd crwd -    -",
    "bvk.student.meeting.book":         "crwd crwd crwd crwd crwd -    -",
}
# fmt: on

# (fixture, method): roles that may run it
ACTIONS = {
    ("contract_draft", "action_sign"): {"director"},
    ("contract_draft", "action_cancel"): HEADS,
    ("contract_signed", "action_activate"): SSC,
    ("contract_signed", "action_terminate"): HEADS,
    ("contract_active", "action_complete"): HEADS,
    ("contract_cancelled", "action_draft"): SSC,
    ("agreement_draft", "action_approve"): HEADS,
    ("agreement_draft", "action_refuse"): HEADS,
    ("agreement_refused", "action_draft"): HEADS,
    ("agreement_approved", "action_apply"): SSC,
    ("schedule_draft", "action_confirm"): {"accountant"},
    ("schedule_confirmed", "action_draft"): HEADS | {"accountant"},
    ("installment_open", "action_send_reminder"): SSC,
    ("import_line_unmatched", "action_assign"): SSC | {"accountant"},
    ("import_line_unmatched", "action_ignore"): SSC | {"accountant"},
    ("import_line_ignored", "action_reset"): SSC | {"accountant"},
    ("order_draft", "action_sign"): {"director"},
    ("order_draft", "action_cancel"): SSC,
    # requests: the deputy sees only the requests of the groups they coordinate
    ("request_new", "action_start"): {"coordinator", "head", "director", "accountant"},
    ("request_new", "action_answer"): {"coordinator", "head", "director", "accountant"},
    ("request_new", "action_refuse"): {"coordinator", "head", "director", "accountant"},
    ("request_new", "action_create_agreement"): {"coordinator", "head", "director"},
    ("request_answered", "action_reopen"): HEADS,
    ("announcement_draft", "action_send"): SSC,
    ("announcement_draft", "action_cancel"): SSC,
    ("survey_campaign_draft", "action_start"): {"deputy", "head", "director"},
    ("survey_campaign_running", "action_close"): {"deputy", "head", "director"},
}
ACADEMIC_ACTIONS = {
    ("study_schedule_draft", "action_confirm"): SSC,
    ("study_schedule_confirmed", "action_draft"): HEADS,
    ("obligation", "action_waive"): SSC,
    ("obligation", "action_reset_pending"): HEADS,
    ("student", "action_create_academic_agreement"): SSC,
}

# (fixture, field): a value somebody might forge
FORGED = {
    ("contract_draft", "state"): "signed",
    ("contract_draft", "signed_by_id"): "director",
    ("contract_draft", "date_signed"): "2026-01-15",
    ("contract_draft", "name"): "SL-FAKE/0001",
    ("contract_signed", "date_terminated"): "2026-10-01",
    ("agreement_draft", "state"): "approved",
    ("agreement_draft", "approved_by_id"): "head",
    ("agreement_draft", "date_approved"): "2026-11-01",
    ("agreement_approved", "date_applied"): "2026-11-01",
    ("schedule_draft", "state"): "confirmed",
    ("installment_open", "cancelled"): True,
    ("installment_open", "move_id"): False,
    ("installment_open", "amount_credited"): 5.0,
    ("installment_open", "reminder_level"): 9,
    ("installment_open", "last_reminder_date"): "2030-01-01",
    ("installment_open", "agreement_id"): "agreement_approved",
    ("import_line_unmatched", "state"): "matched",
    ("import_line_unmatched", "amount"): 1.0,
    ("import_line_unmatched", "unique_key"): "forged",
    ("import_line_unmatched", "payment_id"): "payment",
    ("import", "count_matched"): 99,
    ("import", "journal_id"): "bank_journal",
    ("order_draft", "state"): "signed",
    ("order_draft", "name"): "1-9/2026/0001",
    ("order_draft", "signed_by_id"): "director",
    ("order_draft", "date_signed"): "2026-11-01",
    ("request_new", "state"): "answered",
    ("request_new", "name"): "IES-FAKE/0001",
    ("request_new", "answered_by_id"): "head",
    ("request_new", "date_escalated"): "2026-11-01",
    ("request_new", "date_deadline"): "2030-01-01",
    ("request_answered", "date_answered"): "2026-11-01",
    ("request_answered", "response_working_days"): 0,
    ("announcement_draft", "state"): "sent",
    ("announcement_draft", "sent_by_id"): "director",
    ("announcement_draft", "last_student_id"): 99,
    ("survey_campaign_draft", "state"): "running",
    ("survey_campaign_draft", "survey_id"): "survey",
    ("survey_campaign_running", "alert_offering_ids"): [(5, 0, 0)],
    ("survey_invitation", "state"): "answered",
    ("survey_invitation", "date_deadline"): "2030-01-01",
}


class _Rollback(Exception):
    pass


class AccessMatrixMixin:
    @classmethod
    def _setup_roles(cls):
        cls.deputy_user = cls._new_user(
            login="bvk_matrix_deputy",
            groups="bvk_student_crm.group_bvk_deputy_director",
        )
        cls.roles = {
            "lecturer": cls.lecturer,
            "coordinator": cls.coordinator,
            "deputy": cls.deputy_user,
            "head": cls.head,
            "director": cls.director,
            "accountant": cls.accountant,
            "employee": cls.employee,
        }

    def _run_as(self, record, method, user, *args):
        """Run ``method`` as ``user`` and undo it: "denied" (AccessError),
        "refused" (a UserError of the workflow), or "ok"."""
        self.env.invalidate_all()
        try:
            with self.env.cr.savepoint():
                getattr(record.with_user(user), method)(*args)
                raise _Rollback()
        except _Rollback:
            return "ok"
        except AccessError:
            return "denied"
        except UserError:
            return "refused"
        finally:
            self.env.invalidate_all()

    def _check_actions(self, actions):
        for (fixture, method), allowed in actions.items():
            record = self.fixtures[fixture]
            for role, user in self.roles.items():
                with self.subTest(action=f"{fixture}.{method}", role=role):
                    outcome = self._run_as(record, method, user)
                    if role in allowed:
                        self.assertNotEqual(outcome, "denied")
                    else:
                        self.assertEqual(outcome, "denied")


@tagged("post_install", "-at_install")
class TestAccessMatrix(AccessMatrixMixin, BvkFinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_roles()
        Contract = cls.env["bvk.study.contract"]
        student_d = cls._create_student("Dace Grīnberga", VALID_NEW_CODES[1])
        student_e = cls._create_student(
            "Ella Foreign", False, id_type="document", id_document_number="X1"
        )
        student_e.birth_date = date(2000, 1, 1)
        with freeze_time("2026-08-20"):
            signed = cls._signed_contract(timing="at_signing")
        active = cls._signed_contract(student=cls.student_b)
        active.with_user(cls.coordinator).action_activate()
        future = cls._create_contract(
            student=cls.student_c, date_start=date(2027, 9, 1)
        )
        future.with_user(cls.director).action_sign()
        schedule_draft = future.payment_schedule_id
        schedule_draft.action_draft()
        cancelled = cls._create_contract(student=student_d)
        cancelled.with_user(cls.head).action_cancel()
        installment = signed.payment_schedule_id.line_ids[0]
        Agreement = cls.env["bvk.agreement"]

        def agreement(**vals):
            return Agreement.create(
                {
                    "agreement_type": "postpone",
                    "student_id": cls.student.id,
                    "contract_id": signed.id,
                    "date_application": fields.Date.today(),
                    "semester_id": False,
                    "line_ids": [
                        Command.create(
                            {
                                "res_model": installment._name,
                                "res_id": installment.id,
                                "name": installment.name,
                                "date_old": installment.date_due,
                                "date_new": date(2027, 1, 15),
                            }
                        )
                    ],
                    **vals,
                }
            )

        agreement_approved = agreement()
        agreement_approved.with_user(cls.head).action_approve()
        agreement_refused = agreement()
        agreement_refused.with_user(cls.head).action_refuse()
        cls._import(
            cls,
            camt053(
                [
                    {"amount": "10.00", "ref": "M1", "details": "nothing known"},
                    {"amount": "20.00", "ref": "M2", "details": "nothing known"},
                    {"amount": "1534.00", "ref": "M3", "details": signed.name},
                ]
            ),
        )
        lines = (
            cls.env["bvk.bank.import"]
            .search([], limit=1, order="id desc")
            .line_ids.sorted("source_line")
        )
        lines[1].action_ignore()
        cls.fixtures = {
            "contract_draft": cls._create_contract(student=student_e),
            "contract_signed": signed,
            "contract_active": active,
            "contract_cancelled": cancelled,
            "agreement_draft": agreement(),
            "agreement_approved": agreement_approved,
            "agreement_refused": agreement_refused,
            "schedule_draft": schedule_draft,
            "schedule_confirmed": active.payment_schedule_id,
            "installment_open": installment,
            "import": lines.import_id,
            "import_line_unmatched": lines[0],
            "import_line_ignored": lines[1],
            "payment": lines[2].payment_id,
            "bank_journal": cls.bank_journal,
            "director": cls.director,
            "head": cls.head,
            "order_draft": cls.env["bvk.order"].create(
                {
                    "order_type": "expulsion",
                    "date_effective": date(2027, 3, 1),
                    "line_ids": [
                        Command.create({"student_id": student_d.id, "reason": "other"})
                    ],
                }
            ),
            "request_new": cls.env["bvk.student.request"].create(
                {
                    "subject": "Postpone",
                    "type_id": cls.env.ref(
                        "bvk_student_crm.bvk_request_type_postpone"
                    ).id,
                    "student_id": cls.student.id,
                    "answer": "<p>Yes.</p>",
                }
            ),
            "request_answered": cls.env["bvk.student.request"].create(
                {
                    "subject": "Certificate",
                    "type_id": cls.env.ref(
                        "bvk_student_crm.bvk_request_type_certificate"
                    ).id,
                    "student_id": cls.student.id,
                    "answer": "<p>Ready.</p>",
                }
            ),
            "announcement_draft": cls.env["bvk.announcement"].create(
                {
                    "name": "Matrix",
                    "group_ids": [Command.set(cls.group.ids)],
                    "student_state": False,
                    "subject": "Hello {{ object.name }}",
                    "body_html": "<p>Hello</p>",
                }
            ),
        }
        cls.fixtures["request_answered"].action_answer()
        # step 3.5: survey campaigns and an invitation
        Campaign = cls.env["bvk.survey.campaign"]
        cls.fixtures["survey_campaign_draft"] = Campaign.create(
            {"name": "Matrix draft", "kind": "employer"}
        )
        survey_running = Campaign.create({"name": "Matrix running", "kind": "employer"})
        survey_running.action_start()
        employer = cls.env["res.partner"].create(
            {"name": "SIA Matrica", "email": "hr@matrica.lv", "bvk_is_employer": True}
        )
        cls.env["bvk.survey.invitation"]._bvk_create_invitations(
            survey_running, [(employer.id, False, False, False)], fields.Date.today()
        )
        cls.fixtures["survey_campaign_running"] = survey_running
        cls.fixtures["survey_invitation"] = survey_running.invitation_ids
        cls.fixtures["survey"] = survey_running.survey_id
        cls.contract_model = Contract

    def test_model_access(self):
        for model, perms in ACCESS.items():
            for role, granted in zip(ROLES, perms.split(), strict=True):
                user = self.roles[role]
                Model = self.env[model].with_user(user)
                for letter, operation in (
                    ("c", "create"),
                    ("r", "read"),
                    ("w", "write"),
                    ("d", "unlink"),
                ):
                    with self.subTest(model=model, role=role, operation=operation):
                        self.env.invalidate_all()
                        self.assertEqual(Model.has_access(operation), letter in granted)

    def test_every_model_is_in_the_table(self):
        models = self.env["ir.model"].search([("model", "=like", "bvk.%")])
        self.assertEqual(
            {m for m in models.mapped("model") if not self.env[m]._abstract},
            set(ACCESS),
        )

    def test_actions(self):
        self.assertEqual(self.fixtures["schedule_draft"].state, "draft")
        self.assertEqual(self.fixtures["contract_active"].state, "active")
        self.assertEqual(self.fixtures["import_line_unmatched"].state, "unmatched")
        self._check_actions(ACTIONS)

    def test_workflow_fields_are_never_written_by_hand(self):
        for (fixture, name), value in FORGED.items():
            record = self.fixtures[fixture]
            if isinstance(value, str) and value in self.fixtures:
                value = self.fixtures[value].id
            for role, user in self.roles.items():
                with self.subTest(field=f"{record._name}.{name}", role=role):
                    self.assertEqual(
                        self._run_as(record, "write", user, {name: value}),
                        "denied",
                    )

    def test_workflow_fields_not_set_at_creation(self):
        for vals in (
            {"state": "signed"},
            {"signed_by_id": self.director.id},
            {"date_signed": "2026-01-01"},
            {"name": "SL-FAKE/0001"},
        ):
            with self.subTest(vals=vals):
                outcome = self._run_as(
                    self.contract_model,
                    "create",
                    self.head,
                    {"student_id": self.student.id, **vals},
                )
                self.assertEqual(outcome, "denied")
        # the defaults the web client sends with a new record are fine
        self.assertEqual(
            self._run_as(
                self.contract_model,
                "create",
                self.coordinator,
                {"student_id": self.student_b.id, "state": "draft", "name": "/"},
            ),
            "ok",
        )


@tagged("post_install", "-at_install")
class TestAcademicAccessMatrix(AccessMatrixMixin, BvkAcademicCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_roles()
        cls._confirm()
        draft = cls.env["bvk.study.schedule"].create(
            {
                "group_id": cls.group.id,
                "semester_id": cls.spring.id,
                "offering_ids": [
                    Command.create(
                        {
                            "course_id": cls.course_exam.id,
                            "date_start": date(2027, 3, 1),
                            "date_assessment": date(2027, 6, 15),
                            "lecturer_id": cls.lecturer.id,
                        }
                    )
                ],
            }
        )
        cls.fixtures = {
            "study_schedule_draft": draft,
            "study_schedule_confirmed": cls.schedule,
            "obligation": cls.ob_exam,
            "student": cls.student,
        }

    def test_actions(self):
        self._check_actions(ACADEMIC_ACTIONS)

    def test_obligation_workflow_fields(self):
        for name, value in (
            ("state", "passed"),
            ("debt_reason", "failed"),
            ("date_debt", "2026-10-01"),
            ("attempts", 5),
            ("reminder_level", 3),
            ("thanks_sent", True),
        ):
            for role in ("lecturer", "coordinator", "head", "director"):
                with self.subTest(field=name, role=role):
                    self.assertEqual(
                        self._run_as(
                            self.ob_exam, "write", self.roles[role], {name: value}
                        ),
                        "denied",
                    )


# step 2 and 3: the start-of-studies e-mail and the group's messages
START_ACTIONS = {
    ("start_notice", "action_resend"): SSC,
    ("student", "action_send_start_notice"): SSC,
    ("group", "action_message_group"): SSC | {"lecturer"},
}
START_FORGED = {
    ("start_notice", "send_count"): 9,
    ("start_notice", "date_sent"): "2026-01-01 10:00:00",
    ("start_notice", "origin"): "manual",
    ("start_notice", "student_id"): "student_other",
}


@tagged("post_install", "-at_install")
class TestStartAccessMatrix(AccessMatrixMixin, BvkFinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_roles()
        cls.program.start_instructions = "<p>is.bvk.example</p>"
        cls.group.write(
            {
                "first_day_date": fields.Date.today(),
                "first_day_room": "301",
                "first_day_plan": "<p>Welcome</p>",
                "start_schedule_url": "https://www.bvk.example/grafiks",
            }
        )
        cls._signed_contract(date_start=fields.Date.today())
        cls.env["bvk.start.notice"]._bvk_send_all()
        cls.fixtures = {
            "start_notice": cls.env["bvk.start.notice"].search(
                [("student_id", "=", cls.student.id)]
            ),
            "student": cls.student,
            "student_other": cls.student_b,
            "group": cls.group,
        }

    def test_actions(self):
        self.assertTrue(self.fixtures["start_notice"])
        self._check_actions(START_ACTIONS)

    def test_workflow_fields_are_never_written_by_hand(self):
        for (fixture, name), value in START_FORGED.items():
            record = self.fixtures[fixture]
            if isinstance(value, str) and value in self.fixtures:
                value = self.fixtures[value].id
            for role, user in self.roles.items():
                with self.subTest(field=f"{record._name}.{name}", role=role):
                    self.assertEqual(
                        self._run_as(record, "write", user, {name: value}),
                        "denied",
                    )
