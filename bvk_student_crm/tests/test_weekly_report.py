# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import date, datetime

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import VALID_NEW_CODES
from .common_orders import BvkOrderCommon

WEEK = (date(2027, 3, 1), date(2027, 3, 7))
EMPTY_WEEK = (date(2030, 1, 7), date(2030, 1, 13))


@tagged("post_install", "-at_install")
@freeze_time("2027-03-03")
class TestWeeklyReport(BvkOrderCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # in the week of 1-7 March 2027: an expulsion, a transfer, an
        # exmatriculation, a contract signed and an agreement approved
        cls.expulsion = cls._order(students=cls.student, date_effective=WEEK[0])
        cls.transfer = cls._order("transfer", students=cls.student_b)
        cls.exmatriculation = cls._order("exmatriculation", students=cls.student_c)
        for order in cls.expulsion | cls.transfer | cls.exmatriculation:
            order.with_user(cls.director).action_sign()
        cls.student_d = cls._create_student("Dace Grīnberga", VALID_NEW_CODES[1])
        cls.contract_d = cls._create_contract(
            student=cls.student_d, date_start=date(2027, 3, 1)
        )
        cls.contract_d.with_user(cls.director).action_sign()
        installment = cls.contract_b.payment_schedule_id.line_ids.sorted("date_due")[0]
        cls.agreement = cls.env["bvk.agreement"].create(
            {
                "agreement_type": "postpone",
                "student_id": cls.student_b.id,
                "contract_id": cls.contract_b.id,
                "semester_id": False,
                "line_ids": [
                    Command.create(
                        {
                            "res_model": installment._name,
                            "res_id": installment.id,
                            "name": installment.name,
                            "date_new": date(2027, 4, 15),
                        }
                    )
                ],
            }
        )
        cls.agreement.with_user(cls.head).action_approve()
        # a payment received in the week
        cls._register_payment(cls, installment, 500.0, when=date(2027, 3, 2))
        cls.Report = cls.env["bvk.weekly.report"]

    def _sections(self, data):
        return {section["key"]: section for section in data["sections"]}

    def test_data_of_a_fixed_week(self):
        data = self.Report._get_data(self.company, *WEEK)
        self.assertFalse(data["empty"])
        sections = self._sections(data)
        [expelled] = sections["expulsions"]["rows"]
        self.assertEqual(
            expelled,
            [
                self.student.name,
                self.student.student_number,
                self.program.display_name,
                "T-BV-26-1",
                "Unpaid tuition",
                date(2027, 3, 1),
                self.expulsion.name,
            ],
        )
        [transferred] = sections["transfers"]["rows"]
        self.assertEqual(transferred[0], self.student_b.name)
        self.assertEqual(transferred[4:6], [1, 2])
        self.assertEqual(transferred[-1], self.transfer.name)
        [exmatriculated] = sections["exmatriculations"]["rows"]
        self.assertEqual(exmatriculated[0], self.student_c.name)
        self.assertEqual(exmatriculated[-1], self.exmatriculation.name)
        [contract] = sections["contracts"]["rows"]
        self.assertEqual(contract[0], self.contract_d.name)
        self.assertEqual(contract[5], date(2027, 3, 3))
        self.assertEqual(contract[6], self.contract_d.amount_total)
        [agreement] = sections["agreements"]["rows"]
        self.assertEqual(agreement[0], self.agreement.name)
        totals = {label: value for label, value, _kind in data["totals"]}
        self.assertEqual(totals[f"Active students: {self.program.display_name}"], 1)
        self.assertEqual(totals["Payments received in the period"], 500.0)
        self.assertEqual(totals["Number of payments received"], 1)
        # A (expelled) still owes 31.08.2026 and 28.02.2027, B 28.02.2027 and
        # the rest of 31.08.2026, C (exmatriculated) 31.08.2026, D (signed on
        # 3 March, studies from 1 March) 28.02.2027
        self.assertEqual(totals["Students owing tuition"], 4)
        self.assertEqual(totals["Overdue tuition"], 1534.0 * 5 + 1034.0)
        # the week before: none of it
        before = self.Report._get_data(
            self.company, date(2027, 2, 22), date(2027, 2, 28)
        )
        self.assertTrue(before["empty"])

    def test_xlsx_read_back(self):
        data = self.Report._get_data(self.company, *WEEK)
        book = openpyxl.load_workbook(io.BytesIO(self.Report._render_xlsx(data)))
        self.assertEqual(
            book.sheetnames,
            [
                "Expulsions",
                "Contracts",
                "Transfers",
                "Exmatriculations",
                "Agreements",
                "Totals",
            ],
        )
        sheet = book["Expulsions"]
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, "A1:G2")
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(header[0], "Student")
        self.assertEqual(header[5], "Effective Date")
        row = [cell.value for cell in sheet[2]]
        self.assertEqual(row[0], self.student.name)
        # real dates and numbers, not text
        self.assertEqual(row[5], datetime(2027, 3, 1))
        self.assertEqual(sheet.cell(2, 6).number_format, "dd.mm.yyyy")
        contracts = book["Contracts"]
        self.assertIsInstance(contracts.cell(2, 7).value, (int, float))
        self.assertEqual(contracts.cell(2, 7).value, self.contract_d.amount_total)
        transfers = book["Transfers"]
        self.assertEqual(transfers.cell(2, 5).value, 1)
        self.assertEqual(transfers.cell(2, 6).value, 2)
        totals = book["Totals"]
        self.assertEqual(totals.freeze_panes, "A2")
        self.assertEqual(totals.cell(2, 2).value, datetime(2027, 3, 1))
        values = {
            totals.cell(row, 1).value: totals.cell(row, 2).value
            for row in range(2, totals.max_row + 1)
        }
        self.assertEqual(values["Payments received in the period"], 500.0)

    def test_pdf_through_its_html(self):
        wizard = (
            self.env["bvk.weekly.report.print"]
            .with_user(self.head)
            .create({"date_from": WEEK[0], "date_to": WEEK[1]})
        )
        action = wizard.action_print_pdf()
        self.assertEqual(action["report_name"], "bvk_student_crm.report_bvk_weekly")
        html, _format = (
            self.env["ir.actions.report"]
            .with_user(self.head)
            ._render_qweb_html("bvk_student_crm.action_report_bvk_weekly", wizard.ids)
        )
        html = html.decode()
        for text in (
            self.student.name,
            self.student_b.name,
            self.student_c.name,
            self.expulsion.name,
            self.transfer.name,
            self.exmatriculation.name,
            self.contract_d.name,
            self.agreement.name,
            'data-section="expulsions"',
            'data-section="totals"',
        ):
            self.assertIn(text, html)
        self.assertNotIn("o_bvk_weekly_empty", html)

    def test_empty_week(self):
        data = self.Report._get_data(self.company, *EMPTY_WEEK)
        self.assertTrue(data["empty"])
        self.assertFalse(any(section["rows"] for section in data["sections"]))
        wizard = (
            self.env["bvk.weekly.report.print"]
            .with_user(self.head)
            .create({"date_from": EMPTY_WEEK[0], "date_to": EMPTY_WEEK[1]})
        )
        html, _format = (
            self.env["ir.actions.report"]
            .with_user(self.head)
            ._render_qweb_html("bvk_student_crm.action_report_bvk_weekly", wizard.ids)
        )
        self.assertIn("o_bvk_weekly_empty", html.decode())
        book = openpyxl.load_workbook(io.BytesIO(self.Report._render_xlsx(data)))
        sheet = book["Expulsions"]
        self.assertEqual(sheet.max_row, 2)
        self.assertEqual(sheet.cell(2, 1).value, "None in this period.")
        # the wizard downloads the workbook
        action = wizard.action_download_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertTrue(wizard.xlsx_file)
        self.assertTrue(wizard.xlsx_filename.endswith(".xlsx"))

    def test_cron_sends_the_week_before_once(self):
        cron = self.env.ref("bvk_student_crm.ir_cron_bvk_weekly_report")
        Mail = self.env["mail.mail"]
        with freeze_time("2027-03-08 05:00:00"):
            before = Mail.search([])
            cron.method_direct_trigger()
            mail = Mail.search([]) - before
            mail = mail.filtered(lambda m: self.company.name in (m.subject or ""))
            self.assertEqual(len(mail), 1)
            self.assertEqual(
                mail.recipient_ids,
                (self.director | self.head).partner_id,
            )
            self.assertEqual(len(mail.attachment_ids), 2)
            self.assertTrue(any(a.name.endswith(".xlsx") for a in mail.attachment_ids))
            xlsx = mail.attachment_ids.filtered(lambda a: a.name.endswith(".xlsx"))
            book = openpyxl.load_workbook(io.BytesIO(xlsx.raw))
            self.assertEqual(book["Totals"].cell(2, 2).value, datetime(2027, 3, 1))
            self.assertEqual(book["Totals"].cell(3, 2).value, datetime(2027, 3, 7))
            # a rerun (after a crash) sends nothing twice
            cron.method_direct_trigger()
            again = (Mail.search([]) - before).filtered(
                lambda m: self.company.name in (m.subject or "")
            )
            self.assertEqual(again, mail)

    def test_empty_week_is_sent_too(self):
        with freeze_time("2030-01-14 05:00:00"):
            mails = self.Report._send(self.company, *EMPTY_WEEK)
        self.assertEqual(len(mails), 1)
        self.assertIn("Nothing changed", mails.body_html)

    def test_access(self):
        for user in (self.coordinator, self.lecturer, self.accountant):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["bvk.weekly.report.print"].with_user(user).create(
                    {"date_from": WEEK[0], "date_to": WEEK[1]}
                )
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["report.bvk_student_crm.report_bvk_weekly"].with_user(
                    user
                )._get_report_values(
                    [],
                    {
                        "company_id": self.company.id,
                        "date_from": "2027-03-01",
                        "date_to": "2027-03-07",
                    },
                )
        for user in (self.head, self.director):
            self.env["bvk.weekly.report.print"].with_user(user).create(
                {"date_from": WEEK[0], "date_to": WEEK[1]}
            ).action_download_xlsx()
