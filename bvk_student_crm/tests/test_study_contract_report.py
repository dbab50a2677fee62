# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import date

from lxml import html as lxml_html

from odoo.tests import HttpCase, tagged

REPORT = "bvk_student_crm.action_report_study_contract"
NBSP = "\N{NO-BREAK SPACE}"


@tagged("post_install", "-at_install")
class TestStudyContractReport(HttpCase):
    """The study contract report (HTML and one PDF).

    An HttpCase (a TransactionCase whose HTTP server shares the test cursor)
    because wkhtmltopdf fetches the report assets over HTTP: in a plain
    TransactionCase that request waits for the registry lock held by the
    running tests and the PDF test hangs.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("lv_LV")
        cls.env["res.lang"]._activate_lang("en_US")
        cls.eur = cls.env.ref("base.EUR")
        cls.eur.active = True
        latvia = cls.env.ref("base.lv")
        cls.company = cls.env["res.company"].create(
            {
                "name": 'SIA "Biznesa vadības koledža (tests)"',
                "company_registry": "40003923111",
                "street": "Alberta iela 13",
                "city": "Rīga",
                "zip": "LV-1010",
                "country_id": latvia.id,
                "currency_id": cls.eur.id,
                "bvk_education_registry_number": "3334802338",
                "bvk_accreditation": "akreditācijas lapa Nr. 054",
                "bvk_director_name": "Vita Zariņa",
            }
        )
        cls.company.with_context(lang="lv_LV").write(
            {
                "bvk_director_title": "direktore",
                "bvk_director_authority": "statūtiem",
                "bvk_contract_city": "Rīga",
            }
        )
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                tracking_disable=True,
                allowed_company_ids=[cls.company.id],
            )
        )
        cls.program = cls.env["bvk.study.program"].create(
            {
                "code": "41345",
                "name": "Uzņēmējdarbības vadība",
                "qualification": "Mazā uzņēmuma vadītājs",
                "duration_semesters": 4,
                "credits": 120,
                "tuition_per_semester": 383.5,
            }
        )
        cls.student = cls.env["bvk.student"].create(
            {
                "name": "Anna Priede",
                "personal_code": "010190-12349",
                "lang": "lv_LV",
                "email": "anna.priede@example.lv",
                "street": "Brīvības iela 100-5",
                "city": "Rīga",
                "zip": "LV-1001",
                "country_id": latvia.id,
                "program_id": cls.program.id,
            }
        )
        cls.contract = cls._create_contract(cls.student, amount_total=1534.0)

    @classmethod
    def _create_contract(cls, student, **vals):
        return cls.env["bvk.study.contract"].create(
            {
                "student_id": student.id,
                "program_id": cls.program.id,
                "date_start": date(2026, 9, 1),
                "date_signed": date(2026, 9, 1),
                **vals,
            }
        )

    def _render_html(self, contract):
        """The report's HTML, with non-breaking spaces as plain ones."""
        report = self.env["ir.actions.report"]
        content, _report_type = report._render_qweb_html(REPORT, contract.ids)
        return content.decode().replace(NBSP, " ")

    def _render_text(self, contract):
        """The text the reader sees, whitespace collapsed."""
        page = lxml_html.fromstring(self._render_html(contract))
        return " ".join(page.text_content().split())

    # ------------------------------------------------------------
    # the Latvian contract
    # ------------------------------------------------------------

    def test_latvian_contract_content(self):
        html = self._render_html(self.contract)
        self.assertIn(
            "viens tūkstotis pieci simti trīsdesmit četri <em>euro</em>", html
        )
        text = self._render_text(self.contract)
        self.assertIn(self.contract.name, text)
        self.assertIn("010190-12349", text)
        self.assertIn("1 534,00 EUR", text)
        self.assertIn(
            "(viens tūkstotis pieci simti trīsdesmit četri euro, 00 centi)", text
        )
        self.assertIn('SIA "Biznesa vadības koledža (tests)"', text)
        self.assertIn("Rīgā, 2026. gada 1. septembrī", text)
        self.assertIn("2026. gada 1. septembra", text)  # the annex reference
        self.assertIn("statūtiem", text)
        self.assertIn("direktore Vita Zariņa", text)
        self.assertIn("Direktore Vita Zariņa", text)  # above the signature line

    def test_latvian_rendering_has_no_english(self):
        """With the module's lv.po loaded, nothing English is left."""
        self.env["ir.module.module"]._load_module_terms(
            ["bvk_student_crm"], ["lv_LV"], overwrite=True
        )
        text = self._render_text(self.contract)
        for latvian in (
            "STUDIJU LĪGUMS Nr.",
            "(turpmāk – Koledža), kuras vārdā saskaņā ar statūtiem rīkojas",
            "katrs atsevišķi – Puse, abi kopā – Puses",
            "Studiju maksa par visu studiju laiku ir 1 534,00 EUR",
            "1. pielikums 2026. gada 1. septembra studiju līgumam Nr.",
            "STUDIJU MAKSAS SAMAKSAS GRAFIKS",
        ):
            self.assertIn(latvian, text)
        english = re.findall(
            r"\b(the|of|and|hereinafter|Contract|Student|College|Tuition|Parties|"
            r"Annex|STUDY|TUITION|payment|Total|Address|address|Account|personal|"
            r"code|registration|semesters|studies|hand|its|No)\b",
            text,
        )
        self.assertFalse(english, "English words in the Latvian contract")

    def test_annex_total_equals_contract_total(self):
        page = lxml_html.fromstring(self._render_html(self.contract))
        schedule = page.xpath("//table[contains(@class, 'o_bvk_schedule')]")
        self.assertEqual(len(schedule), 1)
        total = schedule[0].xpath(".//td[contains(@class, 'o_bvk_schedule_total')]")
        self.assertEqual(total[0].text_content().strip(), "1 534,00")
        rows = schedule[0].xpath("./tbody/tr")
        self.assertEqual(len(rows), self.program.duration_semesters)
        amounts = [
            float(row.xpath("./td")[2].text_content().strip().replace(",", "."))
            for row in rows
        ]
        self.assertEqual(self.eur.compare_amounts(sum(amounts), 1534.0), 0)

    def test_payer_is_a_third_party(self):
        employer = self.env["res.partner"].create(
            {
                "name": 'SIA "Darba Devējs"',
                "is_company": True,
                "company_registry": "40103000001",
                "city": "Rīga",
            }
        )
        contract = self._create_contract(
            self._other_student("Jānis Bērziņš", "150620-12341"),
            payer_id=employer.id,
        )
        text = self._render_text(contract)
        self.assertIn('SIA "Darba Devējs"', text)
        self.assertIn("40103000001", text)
        self.assertNotIn("Darba Devējs", self._render_text(self.contract))

    def test_foreign_student_identity_document(self):
        student = self.env["bvk.student"].create(
            {
                "name": "John Smith",
                "id_type": "document",
                "id_document_number": "C01X00T47",
                "birth_date": date(2001, 5, 17),
                "lang": "lv_LV",
                "program_id": self.program.id,
            }
        )
        text = self._render_text(self._create_contract(student))
        self.assertIn("C01X00T47", text)
        self.assertIn("17.05.2001.", text)

    # ------------------------------------------------------------
    # other languages: Odoo's formatting
    # ------------------------------------------------------------

    def test_english_student_gets_english_formats(self):
        student = self._other_student("Mary Jones", "311285-00007", lang="en_US")
        contract = self._create_contract(student, amount_total=1534.0)
        text = self._render_text(contract)
        self.assertIn("STUDY CONTRACT No.", text)
        self.assertIn("September 1, 2026", text)
        words = contract.with_context(lang="en_US").currency_id.amount_to_text(1534.0)
        self.assertIn(words, text)
        self.assertNotIn("2026. gada", text)
        self.assertNotIn("tūkstotis", text)

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def test_payment_terms_sum_to_the_cent(self):
        """A draft's annex is the schedule generated at signing: due before
        each semester (31 August, end of February), split evenly."""
        self.program.duration_semesters = 3
        contract = self._create_contract(
            self._other_student("Līga Kalniņa", "150620-12341"),
            amount_total=1000.0,
        )
        terms = contract._get_payment_terms()
        self.assertEqual([t["sequence"] for t in terms], [1, 2, 3])
        self.assertEqual([t["amount"] for t in terms], [333.33, 333.33, 333.34])
        self.assertEqual(
            [t["date"] for t in terms],
            [date(2026, 8, 31), date(2027, 2, 28), date(2027, 8, 31)],
        )
        for total, semesters in ((1000.01, 4), (0.05, 7), (1534.0, 4), (999.99, 5)):
            contract.amount_total = total
            self.program.duration_semesters = semesters
            amounts = [t["amount"] for t in contract._get_payment_terms()]
            self.assertEqual(len(amounts), semesters)
            self.assertTrue(all(amount >= 0 for amount in amounts))
            self.assertEqual(self.eur.compare_amounts(sum(amounts), total), 0)

    def test_payment_terms_due_dates(self):
        contract = self.contract
        contract.date_start = date(2026, 8, 25)
        dates = [t["date"] for t in contract._get_payment_terms()]
        self.assertEqual(
            dates,
            [
                date(2026, 8, 25),
                date(2027, 2, 28),
                date(2027, 8, 31),
                date(2028, 2, 29),
            ],
        )
        contract.date_start = date(2027, 3, 7)  # winter intake
        self.assertEqual(contract._get_payment_terms()[1]["date"], date(2027, 8, 31))

    def test_locative_of_the_place(self):
        contract = self.contract.with_context(lang="lv_LV")
        expected = {
            "Rīga": "Rīgā",
            "Olaine": "Olainē",
            "Ventspils": "Ventspilī",
            "Talsi": "Talsos",
            "Tukums": "Tukumā",
            "Saldus": "Saldū",
            "Cēsis": "Cēsīs",
        }
        for city, locative in expected.items():
            self.assertEqual(contract._doc_locative(city), locative)

    # ------------------------------------------------------------
    # the PDF
    # ------------------------------------------------------------

    def test_single_record_pdf(self):
        report = self.env["ir.actions.report"]
        if report.get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not available")
        # one record per PDF: the Debian build of wkhtmltopdf (unpatched qt)
        # renders only the first of several documents
        pdf, report_type = report.with_context(
            force_report_rendering=True
        )._render_qweb_pdf(REPORT, self.contract.ids)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    @classmethod
    def _other_student(cls, name, code, lang="lv_LV"):
        return cls.env["bvk.student"].create(
            {
                "name": name,
                "personal_code": code,
                "lang": lang,
                "program_id": cls.program.id,
            }
        )
