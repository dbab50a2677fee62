# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged
from odoo.tools.misc import file_open

from .common_finance import BvkFinanceCommon, camt053


@tagged("post_install", "-at_install")
@freeze_time("2026-09-02")
class TestBankImport(BvkFinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-08-20"):
            cls.contract = cls._signed_contract(timing="at_signing")
            cls.contract_b = cls._signed_contract(
                student=cls.student_b, timing="at_signing"
            )
        cls.lines = cls.contract.payment_schedule_id.line_ids
        cls.lines_b = cls.contract_b.payment_schedule_id.line_ids

    def _last_import(self):
        return self.env["bvk.bank.import"].search([], limit=1, order="id desc")

    def test_contract_number_matched_and_reconciled(self):
        number = self.contract.name.replace("-", " ").lower()  # "sl 2026/0001"
        self._import(
            camt053(
                [
                    {
                        "amount": "1534.00",
                        "ref": "R1",
                        "details": f"Studiju maksa {number}",
                    }
                ]
            )
        )
        record = self._last_import()
        self.assertRecordValues(
            record, [{"count_lines": 1, "count_matched": 1, "count_review": 0}]
        )
        line = record.line_ids
        self.assertRecordValues(
            line,
            [
                {
                    "state": "matched",
                    "match_rule": "contract",
                    "contract_id": self.contract.id,
                }
            ],
        )
        self.assertIn(line.payment_id.state, ("in_process", "paid"))
        self.assertTrue(line.payment_id.is_reconciled)
        self.assertEqual(line.payment_id.partner_id, self.student.partner_id)
        self.assertEqual(self.lines[0].state, "paid")
        self.assertEqual(self.lines[1].state, "invoiced")

    def test_payment_entries_numbered_in_sequence(self):
        # the entries of a batch are numbered up front: consecutive, and the
        # next entry numbered the standard way follows them
        self._import(
            camt053(
                [
                    {"amount": "1.00", "ref": f"N{i}", "details": self.contract.name}
                    for i in range(3)
                ]
            )
        )
        moves = self._last_import().line_ids.payment_id.move_id.sorted("id")
        self.assertEqual(moves.mapped("state"), ["posted"] * 3)
        numbers = [int(name.rsplit("/", 1)[1]) for name in moves.mapped("name")]
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 3)))
        single = self._register_payment(self.lines[1], 5.0)
        self.assertEqual(
            single.move_id.name, moves[-1].name[:-4] + f"{numbers[-1] + 1:04d}"
        )

    def test_wizard_read_by_the_web_client(self):
        # the web client reads and calls the saved wizard with bin_size: the
        # file must still be read as content, not as its size
        wizard = self.env["bvk.bank.import.upload"].create(
            {
                "data_file": base64.b64encode(
                    camt053([{"amount": "2.00", "ref": "W1", "details": "x"}])
                ),
                "filename": "statement.xml",
                "journal_id": self.bank_journal.id,
            }
        )
        wizard.invalidate_recordset()
        wizard = wizard.with_context(bin_size=True)
        self.assertFalse(wizard.needs_mapping)
        wizard.action_import()
        self.assertEqual(self._last_import().count_lines, 1)

    def test_contract_number_beyond_9999(self):
        self.contract_b.sudo().name = "SL-2026/12345"
        self._import(
            camt053([{"amount": "10.00", "ref": "R5", "details": "SL-2026/12345"}])
        )
        self.assertRecordValues(
            self._last_import().line_ids,
            [{"match_rule": "contract", "contract_id": self.contract_b.id}],
        )

    def test_coordinator_and_accountant_import(self):
        for user, ref in ((self.coordinator, "U1"), (self.finance_accountant, "U2")):
            wizard = (
                self.env["bvk.bank.import.upload"]
                .with_user(user)
                .create(
                    {
                        "data_file": base64.b64encode(
                            camt053(
                                [
                                    {
                                        "amount": "10.00",
                                        "ref": ref,
                                        "details": self.contract.name,
                                    }
                                ]
                            )
                        ),
                        "filename": "s.xml",
                        "journal_id": self.bank_journal.id,
                    }
                )
            )
            wizard.action_import()
            self.assertEqual(self._last_import().line_ids.state, "matched")
        with self.assertRaises(AccessError):
            self.env["bvk.bank.import.upload"].with_user(self.employee).create(
                {
                    "data_file": base64.b64encode(b"x"),
                    "journal_id": self.bank_journal.id,
                }
            )

    def test_oldest_first_and_overpayment(self):
        self._import(
            camt053([{"amount": "3500.00", "ref": "R2", "details": self.contract.name}])
        )
        self.assertEqual(
            self.lines.mapped("state"), ["paid", "paid", "partial", "invoiced"]
        )
        self.assertEqual(self.lines[2].amount_residual, 1102.0)
        # 3000 more than the 2636 still due stays as the outstanding credit
        self._import(
            camt053([{"amount": "3000.00", "ref": "R3", "details": self.contract.name}])
        )
        self.assertEqual(self.lines.mapped("state"), ["paid"] * 4)
        payment = self._last_import().line_ids.payment_id
        self.assertNotEqual(payment.move_id.name, "/")
        receivable = payment.move_id.line_ids.filtered(
            lambda aml: aml.account_id.account_type == "asset_receivable"
        )
        self.assertAlmostEqual(receivable.amount_residual, -364.0)

    def test_student_number_personal_code_iban_name(self):
        self.env["res.partner.bank"].create(
            {
                "acc_number": "LV80BANK0000435195001",
                "partner_id": self.student_b.partner_id.id,
            }
        )
        data = camt053(
            [
                {
                    "amount": "100.00",
                    "ref": "N1",
                    "details": f"maksa {self.student.student_number}",
                },
                {
                    "amount": "100.00",
                    "ref": "N2",
                    "details": "maksa",
                    "code": self.student_b.personal_code,
                },
                {
                    "amount": "100.00",
                    "ref": "N3",
                    "details": "maksa",
                    "iban": "LV80BANK0000435195001",
                },
                {
                    "amount": "1534.00",
                    "ref": "N4",
                    "details": "par studijām",
                    "name": "JĀNIS BĒRZIŅŠ",
                    "iban": "LV00NONE",
                },
                {
                    "amount": "99.00",
                    "ref": "N5",
                    "details": "par studijām",
                    "name": "Nobody",
                    "iban": "LV00NONE",
                },
            ]
        )
        self._import(data)
        lines = self._last_import().line_ids.sorted("source_line")
        self.assertEqual(
            [(x.state, x.match_rule, x.student_id) for x in lines],
            [
                ("matched", "student_number", self.student),
                ("matched", "personal_code", self.student_b),
                ("matched", "iban", self.student_b),
                ("matched", "name_amount", self.student_b),
                ("unmatched", False, self.env["bvk.student"]),
            ],
        )

    def test_invoice_number_and_name_in_either_order(self):
        # the reference Odoo's portal shows for payment (the invoice number),
        # paid first even when an older instalment is open; the payer's name
        # as Latvian banks send it, surname first and without accents
        later = self.lines_b[1]
        invoice = later.move_id.name
        number = invoice.rsplit("/", 1)[1]
        data = camt053(
            [
                {
                    "amount": "1534.00",
                    "ref": "I1",
                    "details": f"Rekins {invoice.lower().replace('/', ' ')}",
                    "name": "PRIEDE ANNA",
                },
                {
                    "amount": "1534.00",
                    "ref": "I2",
                    "details": "par studijam",
                    "name": "PRIEDE ANNA",
                    "iban": "LV00NONE",
                },
                {
                    "amount": "1534.00",
                    "ref": "I3",
                    "details": f"INV/2026/{int(number)}",
                    "name": "Somebody",
                    "iban": "LV00NONE2",
                },
            ]
        )
        self._import(data)
        lines = self._last_import().line_ids.sorted("position")
        self.assertRecordValues(
            lines,
            [
                {
                    "position": 1,
                    "state": "matched",
                    "match_rule": "invoice",
                    "contract_id": self.contract_b.id,
                    "installment_id": later.id,
                },
                {
                    "position": 2,
                    "state": "matched",
                    "match_rule": "name_amount",
                    "contract_id": self.contract.id,
                    "installment_id": False,
                },
                {
                    "position": 3,
                    "state": "matched",
                    "match_rule": "invoice",
                    "contract_id": self.contract_b.id,
                    "installment_id": later.id,
                },
            ],
        )
        # the invoice named is paid, not the older open one
        self.assertEqual(later.state, "paid")
        self.assertEqual(self.lines_b[0].state, "paid")
        self.assertEqual(self.lines[0].state, "paid")

    def test_ambiguous_line_goes_to_review_then_assigned(self):
        data = camt053(
            [
                {
                    "amount": "200.00",
                    "ref": "A1",
                    "details": f"{self.contract.name} {self.contract_b.name}",
                }
            ]
        )
        self._import(data)
        line = self._last_import().line_ids
        self.assertEqual(line.state, "ambiguous")
        self.assertFalse(line.payment_id)
        line.contract_id = self.contract_b
        line.with_user(self.coordinator).action_assign()
        self.assertRecordValues(
            line,
            [
                {
                    "state": "matched",
                    "match_rule": "manual",
                    "student_id": self.student_b.id,
                }
            ],
        )
        self.assertIn(line.payment_id.state, ("in_process", "paid"))
        self.assertTrue(line.payment_id.is_reconciled)
        self.assertEqual(self.lines_b[0].amount_residual, 1334.0)
        # the payer's account is now known: the next payment matches by IBAN
        self._import(camt053([{"amount": "10.00", "ref": "A2", "details": "-"}]))
        self.assertEqual(self._last_import().line_ids.match_rule, "iban")

    def test_duplicates_across_imports_and_within_file(self):
        data = camt053(
            [
                {"amount": "100.00", "ref": "D1", "details": self.contract.name},
                {"amount": "100.00", "ref": "D1", "details": self.contract.name},
            ]
        )
        self._import(data)
        record = self._last_import()
        self.assertEqual(record.count_duplicate, 1)
        self.assertEqual(len(record.line_ids), 1)
        payments = self.env["account.payment"].search_count([])
        action = self._import(data)
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("already imported, skipped: 2", action["params"]["message"])
        self.assertIn(
            "Imported before in: statement.xml (", action["params"]["message"]
        )
        self.assertEqual(self._last_import(), record)
        self.assertEqual(self.env["account.payment"].search_count([]), payments)

    def test_bad_files_write_nothing(self):
        imports = self.env["bvk.bank.import"].search_count([])
        for name in (
            "camt053_truncated.xml",
            "camt053_zero_amount.xml",
            "camt053_negative_amount.xml",
            "camt053_bad_date.xml",
            "camt054_unknown_root.xml",
        ):
            with file_open(f"bvk_student_crm/tests/data/{name}", "rb") as f:
                data = f.read()
            with self.subTest(name=name), self.assertRaises(UserError):
                self._import(data, filename=name)
        with self.assertRaisesRegex(UserError, "USD"):
            self._import(camt053([{"amount": "1.00", "ref": "U1"}], currency="USD"))
        with self.assertRaises(UserError):
            self._import(b"not a bank file", filename="x.txt")
        self.assertEqual(self.env["bvk.bank.import"].search_count([]), imports)

    def test_fidavista(self):
        with file_open("bvk_student_crm/tests/data/fidavista_101.xml", "rb") as f:
            data = f.read()
        # the sample also holds a USD account: refused as a whole
        with self.assertRaisesRegex(UserError, "USD"):
            self._import(data, filename="fidavista_101.xml")
        data = f"""<?xml version="1.0" encoding="windows-1257"?>
<FIDAVISTA xmlns="http://www.bankasoc.lv/fidavista/fidavista0101.xsd">
<Header><Timestamp>20261009181500000</Timestamp><From>Testa Banka AS</From></Header>
<Statement><Period><StartDate>2026-09-01</StartDate><EndDate>2026-09-02</EndDate>
<PrepDate>2026-09-02</PrepDate></Period>
<AccountSet><AccNo>LV56HABA0551099887766</AccNo><CcyStmt><Ccy>EUR</Ccy>
<TrxSet><TypeCode>INP</TypeCode><BookDate>2026-09-01</BookDate>
<BankRef>RO1</BankRef><CorD>C</CorD><AccAmt>1534.00</AccAmt>
<PmtInfo>Studiju maksa {self.contract.name}</PmtInfo>
<CPartySet><AccNo>LV12PARX0012121212121</AccNo><AccHolder><Name>Anna Priede</Name>
</AccHolder></CPartySet></TrxSet></CcyStmt></AccountSet></Statement></FIDAVISTA>
""".encode("cp1257")
        self._import(data, filename="fidavista.xml")
        record = self._last_import()
        self.assertEqual(record.file_format, "fidavista")
        self.assertEqual(record.line_ids.state, "matched")
        self.assertEqual(self.lines[0].state, "paid")

    def test_csv_with_mapping(self):
        mapping = self.env["bvk.bank.mapping"].create(
            {
                "name": "Test CSV",
                "col_date": "Datums",
                "col_amount": "Summa",
                "col_payer_name": "Maksātājs",
                "col_details": "Mērķis",
                "col_bank_ref": "Ref",
                "default_account_iban": "LV56HABA0551099887766",
            }
        )
        csv_data = (
            "Datums;Summa;Maksātājs;Mērķis;Ref\r\n"
            f"01.09.2026;1534,00;Anna Priede;{self.contract.name};C1\r\n"
        ).encode()
        self._import(csv_data, filename="bank.csv", mapping=mapping)
        self.assertEqual(self.lines[0].state, "paid")
        with self.assertRaisesRegex(UserError, "30.02.2026"):
            self._import(
                "Datums;Summa;Maksātājs;Mērķis;Ref\r\n30.02.2026;1,00;X;Y;C2\r\n".encode(),
                filename="bad.csv",
                mapping=mapping,
            )
        with self.assertRaises(UserError):
            self._import(csv_data.replace(b"C1", b"C9"), filename="bank.csv")

    def test_import_query_budget_per_line(self):
        def data(prefix, count):
            return camt053(
                [
                    {
                        "amount": "1.00",
                        "ref": f"{prefix}{i}",
                        "details": self.contract.name,
                    }
                    for i in range(count)
                ]
            )

        # five more lines cost 10 more queries: two per line, both in Odoo's
        # posting (the customer rank of the payer, the balance check); the
        # budgets allow one query of variation seen from run to run
        self._import(data("W", 2))  # warm-up
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=149):
            self._import(data("Q", 5))
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=159):
            self._import(data("P", 10))
