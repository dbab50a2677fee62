# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a Latvian student reads, as they read it (issue 9 §1).

Every mail and SMS template of the module and every report is rendered for
Latvian students (a plain one, one with a third-party payer, a foreign one)
and must contain no English word of the module's own texts, no date in
Odoo's ``2026.09.01.`` form, no double full stop; every SMS fits in two
parts.
"""

import re
from datetime import date
from pathlib import Path

import polib
from lxml import html as lxml_html

from odoo import Command
from odoo.tests import freeze_time, tagged

from .common_finance import BvkFinanceCommon

I18N = Path(__file__).parent.parent / "i18n"
# in Latvian texts on purpose: the legal "euro" of amounts in words, words
# Latvian spells as English does ("diploma pielikums"), names and codes
ALLOWED = {
    "euro",
    "diploma",
    "camt",
    "FiDAViSta",
    "Swedbank",
    "SWIFT",
    "ECTS",
    "VIIS",
    "DVSD",
    "XLSX",
    "xlsx",
    "Excel",
    "CRDT",
    "DBIT",
    "NNNNN",
    "CNNNN",
}
# characters of the GSM 03.38 alphabet (basic set and extension table)
GSM = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€"
)
LETTERS = re.compile(r"[^\W\d_]+")


def ascii_words(text):
    """The words of four letters or more spelt in ASCII letters only (a
    Latvian word with ā, š… is never taken for an English one)."""
    return {word for word in LETTERS.findall(text) if len(word) >= 4 and word.isascii()}


def sms_parts(text):
    """How many SMS ``text`` takes: 160/153 characters per part in the GSM
    alphabet, 70/67 in UCS-2 (any Latvian letter)."""
    single, multi = (160, 153) if set(text) <= GSM else (70, 67)
    return 1 if len(text) <= single else -(-len(text) // multi)


def _words(text):
    """The words of a msgid or msgstr, without markup, placeholders and the
    sample values of ``t-out`` elements."""
    text = re.sub(r"<\w+[^>]*\bt-out=[^>]*/>", " ", text)
    text = re.sub(r"<(\w+)[^>]*\bt-out=[^>]*>.*?</\1>", " ", text, flags=re.DOTALL)
    text = re.sub(r"<[^>]*>|\{\{.*?\}\}|%\(\w+\)s|%s", " ", text)
    return ascii_words(text)


def english_words():
    """The English words of the module's own texts (the msgids of its
    template), except those its Latvian translations bring in themselves: a
    word a msgstr only copies from its msgid is not Latvian (an English
    sentence left in a translation still counts as English)."""
    english = set()
    for entry in polib.pofile(str(I18N / "bvk_student_crm.pot")):
        english |= _words(entry.msgid)
    latvian = set()
    for entry in polib.pofile(str(I18N / "lv.po")):
        if not entry.obsolete:
            latvian |= _words(entry.msgstr) - _words(entry.msgid)
    return english - latvian - ALLOWED


def visible_text(markup):
    """The text a reader sees in an HTML e-mail or report page."""
    tree = lxml_html.fromstring(f"<div>{markup}</div>")
    for node in tree.xpath("//style|//script|//head"):
        node.drop_tree()
    pages = tree.xpath("//div[contains(concat(' ', @class, ' '), ' page ')]")
    return " ".join(" ".join(page.text_content().split()) for page in pages or [tree])


@tagged("post_install", "-at_install")
class TestLatvianRendering(BvkFinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("lv_LV")
        cls.env["ir.module.module"]._load_module_terms(
            ["bvk_student_crm"], ["lv_LV"], overwrite=True
        )
        cls.english = english_words()
        cls._setup_college()
        cls._setup_contracts()
        cls._setup_academic()
        cls._setup_agreements()
        cls._setup_orders()
        cls._setup_requests()

    # ------------------------------------------------------------
    # DATA: Latvian students, contracts, obligations, agreements
    # ------------------------------------------------------------

    @classmethod
    def _setup_college(cls):
        company = cls.env.company
        company.write(
            {
                "name": 'SIA "Biznesa vadības koledža (pārbaude)"',
                "company_registry": "40003923111",
                "street": "Alberta iela 13",
                "city": "Rīga",
                "zip": "LV-1010",
                "bvk_education_registry_number": "3334802338",
                "bvk_accreditation": "akreditācijas lapa Nr. 054",
                "bvk_director_name": "Vita Zariņa",
            }
        )
        company.with_context(lang="lv_LV").write(
            {
                "bvk_director_title": "Direktore",
                "bvk_director_authority": "statūtiem",
                "bvk_contract_city": "Rīga",
            }
        )
        cls.program.with_context(lang="lv_LV").name = "Biznesa vadība"
        lv = {"lang": "lv_LV"}
        cls.student.write(lv)
        cls.student_b.write(lv)
        cls.student_c.write(lv)
        cls.foreign = cls._create_student(
            "Olena Kovalenko",
            False,
            id_type="document",
            id_document_number="FT482913",
            birth_date=date(2001, 4, 12),
            phone="+37120000004",
            lang="lv_LV",
        )
        cls.payer = cls.env["res.partner"].create(
            {
                "name": 'SIA "Liepājas Uzskaite"',
                "is_company": True,
                "company_registry": "42103099887",
                "street": "Graudu iela 41",
                "city": "Liepāja",
                "zip": "LV-3401",
                "lang": "lv_LV",
            }
        )
        cls.lender = cls.env["res.partner"].create(
            {"name": 'AS "Swedbank"', "is_company": True, "lang": "lv_LV"}
        )

    @classmethod
    def _setup_contracts(cls):
        with freeze_time("2026-08-20"):
            cls.contract = cls._signed_contract(timing="at_signing")
            cls.contract_payer = cls._signed_contract(
                student=cls.student_b, timing="at_signing", payer_id=cls.payer.id
            )
            cls.contract_foreign = cls._signed_contract(
                student=cls.foreign, timing="at_signing"
            )
        cls.contracts = cls.contract | cls.contract_payer | cls.contract_foreign
        with freeze_time("2026-09-01"):
            cls.contracts.with_user(cls.coordinator).action_activate()
        with freeze_time("2026-09-05"):
            cls.env.ref(
                "bvk_student_crm.ir_cron_bvk_payment_reminders"
            ).method_direct_trigger()

    @classmethod
    def _setup_academic(cls):
        year = cls.env["bvk.academic.year"].create({"date_start": date(2026, 9, 1)})
        cls.autumn, cls.spring = year.semester_ids.sorted("date_start")
        Course = cls.env["bvk.course"]
        # codes longer than the demo's (VAD101): the SMS must still fit
        courses = Course.create(
            [
                {
                    "code": code,
                    "name": name,
                    "credits": credits,
                    "assessment_type": kind,
                    "program_ids": [Command.set(cls.program.ids)],
                    "lecturer_ids": [Command.set(cls.lecturer.ids)],
                }
                for code, name, credits, kind in (
                    ("VADB1001", "Vadībzinības", 3, "exam"),
                    ("KOMU1002", "Lietišķā komunikācija", 2, "pass_fail"),
                    ("PROJ1003", "Studiju projekts", 4, "project"),
                )
            ]
        )
        cls.schedule = cls.env["bvk.study.schedule"].create(
            {
                "group_id": cls.group.id,
                "semester_id": cls.autumn.id,
                "offering_ids": [
                    Command.create(
                        {
                            "course_id": course.id,
                            "date_start": date(2026, 9, 1),
                            "date_end": date(2026, 12, 20),
                            "date_assessment": date(2027, 1, 15),
                            "date_retake": date(2027, 2, 15),
                            "lecturer_id": cls.lecturer.id,
                        }
                    )
                    for course in courses
                ],
            }
        )
        cls.schedule.action_confirm()
        Obligation = cls.env["bvk.academic.obligation"]
        cls.obligations = Obligation.search([("student_id", "=", cls.student.id)])
        # step 3.3: what is due within the notice days
        with freeze_time("2027-01-10"):
            Obligation._cron_send_deadline_notices()
        with freeze_time("2027-01-15"):
            # no course taken: one academic debt reminder with three courses
            cls.obligations.grade = "absent"
            # a failed exam and a failed pass/fail test: "– 3 (vāji)",
            # "– neieskaitīts"
            for obligation in Obligation.search(
                [("student_id", "=", cls.student_b.id)]
            ):
                obligation.grade = "failed" if obligation.is_pass_fail else "3"
            # step 3.4: all passed on time, thanked
            for obligation in Obligation.search(
                [("student_id", "=", cls.student_c.id)]
            ):
                obligation.grade = "passed" if obligation.is_pass_fail else "8"
        # the early warning of the engagement policy, on the same courses
        policy = cls.env["bvk.reminder.policy"].search(
            [("kind", "=", "engagement"), ("company_id", "=", cls.env.company.id)],
            limit=1,
        )
        level = policy.level_ids.filtered("sms_template_id")[:1]
        cls.env["bvk.reminder"].create(
            {
                "student_id": cls.student.id,
                "policy_id": policy.id,
                "level_id": level.id,
                "date": date(2027, 1, 5),
                "line_ids": [
                    Command.create(
                        {
                            "res_model": obligation._name,
                            "res_id": obligation.id,
                            "name": obligation._bvk_reminder_line_vals()["name"],
                            "date_due": date(2027, 1, 15),
                        }
                    )
                    for obligation in cls.obligations
                ],
            }
        )

    @classmethod
    def _setup_agreements(cls):
        Wizard = cls.env["bvk.study.contract.agreement"].with_user(cls.coordinator)
        agreements = cls.env["bvk.agreement"]
        for contract, vals in (
            (
                cls.contract,
                {"agreement_type": "postpone", "date_new": date(2026, 10, 15)},
            ),
            (
                cls.contract_payer,
                {
                    "agreement_type": "split",
                    "part_count": 2,
                    "part_date_first": date(2026, 9, 30),
                },
            ),
            (
                cls.contract_foreign,
                {
                    "agreement_type": "loan",
                    "lender_id": cls.lender.id,
                    "loan_reference": "KL-2026-123",
                    "loan_date_expected": date(2027, 2, 1),
                },
            ),
        ):
            with freeze_time("2026-09-05"):
                wizard = Wizard.with_context(active_id=contract.id).create(
                    {"contract_id": contract.id, **vals}
                )
                agreements |= agreements.browse(wizard.action_create()["res_id"])
        for kind, semester in (
            ("deadline_extension", False),
            ("individual_plan", cls.spring),
        ):
            agreements |= agreements.create(
                {
                    "agreement_type": kind,
                    "student_id": cls.student.id,
                    "contract_id": cls.contract.id,
                    "date_application": date(2027, 1, 18),
                    "semester_id": False,
                    "academic_semester_id": semester.id if semester else False,
                    "line_ids": [
                        Command.create(
                            {
                                "res_model": obligation._name,
                                "res_id": obligation.id,
                                "name": obligation.course_id.display_name,
                                "date_old": obligation.date_deadline,
                                "date_new": date(2027, 3, 20),
                            }
                        )
                        for obligation in cls.obligations[:2]
                    ],
                }
            )
        cls.agreements = agreements

    @classmethod
    def _setup_orders(cls):
        """Draft orders of the director (steps 5 and 6): an expulsion for
        unpaid tuition, an exmatriculation on completing the programme."""
        Order = cls.env["bvk.order"]
        cls.order_expulsion = Order._create_expulsion(
            cls.student_b,
            "unpaid",
            date(2027, 3, 1),
            contracts=cls.contract_payer,
        )
        cls.order_exmatriculation = Order._create_order(
            "exmatriculation",
            [{"student_id": cls.foreign.id, "contract_id": cls.contract_foreign.id}],
            date_effective=date(2027, 3, 1),
            graduation=True,
        )
        cls.orders = cls.order_expulsion | cls.order_exmatriculation

    @classmethod
    def _setup_requests(cls):
        """Requests of the student (step 3.1), one answered and one refused:
        the answer e-mail in Latvian."""
        Request = cls.env["bvk.student.request"]
        cls.requests = Request.create(
            [
                {
                    "subject": "Maksājuma atlikšana",
                    "type_id": cls.env.ref(
                        "bvk_student_crm.bvk_request_type_postpone"
                    ).id,
                    "student_id": cls.student.id,
                    "date_received": date(2026, 10, 1),
                    "answer": "<p>Maksājuma termiņš pagarināts līdz 15.12.2026.</p>",
                },
                {
                    "subject": "Studiju maksas atlaide",
                    "type_id": cls.env.ref("bvk_student_crm.bvk_request_type_other").id,
                    "student_id": cls.student.id,
                    "date_received": date(2026, 10, 1),
                    "answer": "<p>Koledžas noteikumi atlaidi neparedz.</p>",
                },
            ]
        )
        cls.requests[0].with_user(cls.coordinator).action_answer()
        cls.requests[1].with_user(cls.coordinator).action_refuse()

    # ------------------------------------------------------------
    # CHECKS
    # ------------------------------------------------------------

    def _assert_latvian(self, text, what):
        """No English word of the module, no "2026.09.01." (Odoo's date) nor
        "01/09/2026", no "..", no empty value shown as False or None."""
        found = sorted(ascii_words(text) & self.english)
        self.assertFalse(found, f"English in {what}: {found}\n{text}")
        self.assertNotRegex(text, r"\b\d{4}\.\d{2}\.\d{2}\.", f"Odoo date in {what}")
        self.assertNotRegex(text, r"\b\d{1,2}/\d{1,2}/\d{4}\b", f"US date in {what}")
        self.assertNotIn("..", text.replace("...", ""), f"double full stop in {what}")
        self.assertNotRegex(text, r"\b(False|None)\b", f"empty value in {what}")

    def _records(self, model, template_field, template):
        """The records of ``model`` the test renders ``template`` for: the
        reminders of the policies whose levels send it, else every record
        made above."""
        if model == "bvk.reminder":
            levels = self.env["bvk.reminder.level"].search(
                [(template_field, "=", template.id)]
            )
            reminders = self.env["bvk.reminder"].search(
                [("company_id", "=", self.env.company.id)]
            )
            kinds = set(levels.mapped("policy_id.kind")) or {"payment"}
            return reminders.filtered(lambda r: r.kind in kinds)
        records = {
            "bvk.study.contract": self.contracts,
            "bvk.agreement": self.agreements,
            "bvk.student": self.student | self.student_c,
            "bvk.order.line": self.orders.line_ids,
            "bvk.student.request": self.requests,
            "bvk.start.notice": self._start_notices(),
            "res.company": self.env.company,
        }.get(model)
        if records is None:
            self.fail(f"no Latvian data to render {template.name} for: add {model}")
        return records

    def _module_templates(self, model):
        return (
            self.env[model]
            .browse(
                self.env["ir.model.data"]
                .search([("module", "=", "bvk_student_crm"), ("model", "=", model)])
                .mapped("res_id")
            )
            .exists()
        )

    # ------------------------------------------------------------
    # TESTS
    # ------------------------------------------------------------

    def test_mail_templates_in_latvian(self):
        rendered = 0
        for template in self._module_templates("mail.template"):
            if template.model == "bvk.student":
                continue  # sent with a context of their own: see below
            records = self._records(template.model, "mail_template_id", template)
            self.assertTrue(records, f"nothing to render {template.name} for")
            # the weekly report goes to the director in their language, with
            # the period in the context
            kwargs = (
                {"set_lang": "lv_LV"} if not template.lang else {"compute_lang": True}
            )
            template = template.with_context(
                bvk_period="23.11.2026. – 29.11.2026.", bvk_empty=True
            )
            for field in ("subject", "body_html"):
                values = template._render_field(field, records.ids, **kwargs)
                for record in records:
                    self._assert_latvian(
                        visible_text(values[record.id]),
                        f"{template.name} ({field}) for {record.display_name}",
                    )
                    rendered += 1
        self.assertGreater(rendered, 10)

    def test_student_messages_in_latvian(self):
        """The deadline notice and the thanks, as the students got them."""
        notice = self.env.ref("bvk_student_crm.mail_template_academic_notice")
        thanks = self.env.ref("bvk_student_crm.mail_template_academic_thanks")
        for student, template in ((self.student, notice), (self.student_c, thanks)):
            subject = template._render_field("subject", student.ids, compute_lang=True)[
                student.id
            ]
            message = student.message_ids.filtered(lambda m, s=subject: m.subject == s)
            self.assertEqual(len(message), 1, f"{template.name} to {student.name}")
            self._assert_latvian(
                f"{message.subject} {visible_text(message.body)}", template.name
            )
        body = visible_text(
            self.student_c.message_ids.filtered(
                lambda m: "paldies" in (m.subject or "")
            ).body
        )
        self.assertIn("2026./2027. studiju gada rudens semestra studiju kursus", body)
        self.assertIn("laikus", body)

    def test_sms_templates_in_two_parts(self):
        for template in self._module_templates("sms.template"):
            records = self._records(template.model, "sms_template_id", template)
            self.assertTrue(records, f"nothing to render {template.name} for")
            values = template._render_field("body", records.ids, compute_lang=True)
            for record in records:
                text = values[record.id]
                self._assert_latvian(text, f"SMS {template.name}")
                self.assertLessEqual(
                    sms_parts(text), 2, f"SMS {template.name}: {len(text)} {text}"
                )

    def test_sms_longest_data(self):
        """A large debt over many instalments and three long course codes
        still fit: the SMS names two codes and "u. c."."""
        reminder = self.env["bvk.reminder"].search(
            [("kind", "=", "payment"), ("student_id", "=", self.student.id)], limit=1
        )
        big = reminder.copy(
            {
                "line_ids": [
                    Command.create(
                        {
                            "res_model": "bvk.payment.installment",
                            "res_id": installment.id,
                            "name": installment.name,
                            # other dates than the sent levels' (unique per level)
                            "date_due": date(2030, 1, index),
                            "amount": 24999.99,
                        }
                    )
                    for index, installment in enumerate(
                        self.contract.payment_schedule_id.line_ids, start=1
                    )
                ]
            }
        )
        academic = self.env["bvk.reminder"].search(
            [("kind", "=", "academic"), ("student_id", "=", self.student.id)], limit=1
        )
        self.assertEqual(
            academic.with_context(lang="lv_LV").course_codes, "VADB1001, KOMU1002 u. c."
        )
        for reminder in big | academic:
            template = reminder.level_id.sms_template_id
            text = template._render_field("body", reminder.ids, compute_lang=True)[
                reminder.id
            ]
            self.assertFalse(set(text) <= GSM, "Latvian letters: UCS-2")
            self.assertLessEqual(len(text), 134, text)

    def test_reports_in_latvian(self):
        Report = self.env["ir.actions.report"]
        for report, records in (
            ("bvk_student_crm.action_report_study_contract", self.contracts),
            ("bvk_student_crm.action_report_agreement", self.agreements),
            ("bvk_student_crm.action_report_bvk_order", self.orders),
            ("bvk_student_crm.action_report_bvk_order_excerpt", self.orders.line_ids),
        ):
            for record in records:
                html = Report._render_qweb_html(report, record.ids)[0].decode()
                self._assert_latvian(
                    visible_text(html), f"{report} for {record.display_name}"
                )
        # the weekly report, for the director (Latvian)
        html = (
            Report.with_context(lang="lv_LV")
            ._render_qweb_html(
                "bvk_student_crm.action_report_bvk_weekly",
                None,
                data={
                    "company_id": self.env.company.id,
                    "date_from": "2026-08-17",
                    "date_to": "2026-09-06",
                },
            )[0]
            .decode()
        )
        self._assert_latvian(visible_text(html), "weekly report")
        self.assertIn("Iknedēļas atskaite", visible_text(html))

    def test_amendment_parties_and_clauses(self):
        Report = self.env["ir.actions.report"]

        def text(agreement):
            return visible_text(
                Report._render_qweb_html(
                    "bvk_student_crm.action_report_agreement", agreement.ids
                )[0].decode()
            )

        postpone, split, loan, extension, plan = self.agreements
        # the heading: the date of the contract first, in the genitive
        self.assertIn(
            f"par grozījumiem 2026. gada 20. augusta studiju līgumā Nr. "
            f"{self.contract.name}",
            text(postpone),
        )
        self.assertIn(
            "Pagarināt 2026. gada 31. augusta maksājuma 1 534,00 EUR (viens "
            "tūkstotis pieci simti trīsdesmit četri euro, 00 centi) apmērā samaksas "
            "termiņu līdz 2026. gada 15. oktobrim.",
            text(postpone).replace("\N{NO-BREAK SPACE}", " "),
        )
        # the payer is the third party, and signs
        split_text = text(split)
        self.assertIn("(turpmāk – Maksātājs), no trešās puses", split_text)
        self.assertIn("visi kopā – Puses", split_text)
        self.assertIn("MAKSĀTĀJS", split_text)
        self.assertIn("divos maksājumos šādā kārtībā", split_text)
        self.assertIn("trijos eksemplāros", split_text)
        # a foreign student: the identity document, not an empty personal code
        loan_text = text(loan)
        self.assertIn("personu apliecinoša dokumenta Nr. FT482913", loan_text)
        self.assertNotIn("personas kods", loan_text)
        self.assertIn("sedz no valsts garantētā studiju kredīta", loan_text)
        self.assertIn("(kredītlīgums Nr. KL-2026-123)", loan_text)
        self.assertIn(
            "Kredītdevējs šo summu samaksā Koledžai līdz 2027. gada", loan_text
        )
        self.assertIn("Pagarināt studiju kursa [VADB1001]", text(extension))
        self.assertIn("uz 2026./2027. studiju gada pavasara semestri", text(plan))
        self.assertIn("minētie studiju kursi netiek uzskatīti", text(plan))

    def test_split_parts_named_in_the_students_language(self):
        split = self.agreements.filtered(lambda a: a.agreement_type == "split")
        self.assertEqual(
            split.line_ids.filtered(lambda line: not line.res_model).mapped("name"),
            ["1. daļa no 2", "2. daļa no 2"],
        )

    def test_invoice_lines_in_latvian(self):
        for contract in self.contracts:
            for move in contract.payment_schedule_id.line_ids.move_id:
                for name in move.invoice_line_ids.mapped("name"):
                    self._assert_latvian(name, f"invoice line of {contract.name}")

    def test_semester_names(self):
        autumn = self.autumn.with_context(lang="lv_LV")
        self.assertEqual(autumn.display_name, "2026./2027. rudens semestris")
        self.assertEqual(
            autumn._get_doc_name("genitive"), "2026./2027. studiju gada rudens semestra"
        )
        self.assertEqual(
            self.spring.with_context(lang="en_US")._get_doc_name(),
            "spring semester 2026/2027",
        )
        self.assertEqual(
            self.spring.with_context(lang="en_US").display_name, "2026/2027 Spring"
        )

    def _start_notices(self):
        """The start-of-studies e-mail of Latvian students (step 2), with the
        programme's and group's texts in Latvian."""
        self.program.with_context(
            lang="lv_LV"
        ).start_instructions = (
            "<p>Pieslēdzieties informācijas sistēmai ar savu e-pasta adresi.</p>"
        )
        self.coordinator.write(
            {"name": "Ilze Kalniņa", "email": "ilze@bvk.lv", "phone": "+371 67000001"}
        )
        self.group.write(
            {
                "first_day_date": date(2026, 9, 1),
                "first_day_time": 9.5,
                "first_day_room": "Alberta iela 13, 301. auditorija",
                "start_schedule_attachment_ids": [
                    Command.create({"name": "grafiks.pdf", "raw": b"%PDF-1.4"})
                ],
                "first_day_attachment_ids": [
                    Command.create({"name": "plāns.pdf", "raw": b"%PDF-1.4"})
                ],
            }
        )
        self.group.with_context(
            lang="lv_LV"
        ).first_day_plan = "<p>9.30 Direktores uzruna</p>"
        Notice = self.env["bvk.start.notice"].sudo()
        return Notice.search(
            [("student_id", "in", (self.student | self.foreign).ids)]
        ) or Notice._bvk_create_notices(
            [
                (student.id, self.group.id, self.env.company.id)
                for student in self.student | self.foreign
            ]
        )
