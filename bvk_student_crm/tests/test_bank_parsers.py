# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bank statement parsers (camt.053, FiDAViSta, CSV, XLSX): no ORM needed.

All sample files in ``tests/data`` are invented.
"""

import dataclasses
import io
import os
from datetime import date, datetime
from decimal import Decimal

import openpyxl

from odoo.tests import BaseCase, tagged
from odoo.tools.translate import LazyGettext

from odoo.addons.bvk_student_crm.lib.bank_statement import (
    BankFileError,
    BankLine,
    ColumnMapping,
    ParseResult,
    check_account,
    check_currency,
    detect_format,
    parse_bank_file,
    parse_camt053,
    parse_fidavista,
    parse_tabular,
)
from odoo.addons.bvk_student_crm.lib.bank_statement.tabular import parse_amount_text

DATA_DIR = os.path.join(os.path.dirname(__file__), "data")

EUR_ACCOUNT = "LV56HABA0551099887766"

# statement_utf8_bom.csv and the bad_*.csv samples
SIMPLE_MAPPING = ColumnMapping(
    date="Datums",
    amount="Summa",
    currency="Valūta",
    payer_name="Maksātājs",
    payer_iban="Maksātāja konts",
    details="Informācija",
    bank_ref="Arhīva kods",
    credit_debit="D/K",
    default_account_iban="LV56 HABA 0551 0998 8776 6",
)

SWEDBANK_MAPPING = ColumnMapping(
    date="Datums",
    amount="Summa",
    currency="Valūta",
    payer_name="Saņēmējs/Maksātājs",
    details="Informācija saņēmējam",
    bank_ref="Arhīva kods",
    account_iban="Klienta konts",
    credit_debit="Debets/Kredīts",
    row_type="Ieraksta tips",
    row_type_values=("20",),
)

SEB_MAPPING = ColumnMapping(
    date="datums",
    amount=" Summa ",
    currency="Valūta",
    payer_name="Maksātājs",
    payer_iban="Konts",
    details="Mērķis",
    bank_ref="Ref",
    decimal_separator=".",
    header_row=2,
    default_account_iban="LV41UNLA0050011223344",
)


def _read(name):
    with open(os.path.join(DATA_DIR, name), "rb") as file:
        return file.read()


def _values(line):
    return (
        line.source_line,
        line.date,
        line.amount,
        line.currency,
        line.payer_name,
        line.payer_iban,
        line.payer_id,
        line.details,
        line.bank_ref,
        line.account_iban,
    )


@tagged("post_install", "-at_install")
class TestBankParsers(BaseCase):
    def assertBankError(self, line, fragment, func, *args, **kwargs):
        """Assert ``func`` raises a BankFileError naming ``line`` and holding
        ``fragment``; return the exception."""
        with self.assertRaises(BankFileError) as catcher:
            func(*args, **kwargs)
        exc = catcher.exception
        message = str(exc)
        self.assertIsInstance(exc.message, LazyGettext)
        if line is not None:
            self.assertEqual(exc.line, line)
            self.assertTrue(
                message.startswith(f"Line {line}:"),
                f"no line {line} in {message!r}",
            )
        self.assertIn(fragment, message)
        return exc

    # ------------------------------------------------------------------
    # camt.053
    # ------------------------------------------------------------------

    def test_camt053_v02(self):
        result = parse_camt053(_read("camt053_v02.xml"))
        self.assertEqual(result.file_format, "camt053")
        self.assertEqual(result.version, "camt.053.001.02")
        self.assertEqual(
            [_values(line) for line in result.lines],
            [
                (
                    14,
                    date(2026, 9, 1),
                    Decimal("760.00"),
                    "EUR",
                    "Anna Priede",
                    "LV12PARX0012121212121",
                    "010190-12345",
                    "Studiju maksa SL-2026/0123",
                    "2026090100000999",
                    EUR_ACCOUNT,
                ),
                (
                    46,
                    date(2026, 9, 1),
                    Decimal("380.25"),
                    "EUR",
                    "Jānis Bērziņš",
                    "LV80BANK0000435195001",
                    "",
                    "Studiju maksa SL-2026/0124 S2026-0007",
                    "2026090100001000",
                    EUR_ACCOUNT,
                ),
                (
                    56,
                    date(2026, 9, 1),
                    Decimal("400.00"),
                    "EUR",
                    "Līga Kalniņa",
                    "LV97HABA0012345678910",
                    "",
                    "Studiju maksa SL-2026/0125",
                    "2026090100001000",
                    EUR_ACCOUNT,
                ),
                (
                    90,
                    date(2026, 9, 1),
                    Decimal("25.00"),
                    "EUR",
                    "Pēteris Ozols",
                    "",
                    "",
                    "RF18539007547034",
                    "",
                    EUR_ACCOUNT,
                ),
                (
                    109,
                    date(2026, 9, 1),
                    Decimal("150.00"),
                    "USD",
                    "Marta Liepa",
                    "LV33RIKO0002013456789",
                    "",
                    "Studiju maksa SL-2026/0126",
                    "2026090100005000",
                    EUR_ACCOUNT,
                ),
            ],
        )
        first = result.lines[0]
        self.assertTrue(first.is_credit)
        self.assertFalse(first.is_reversal)
        self.assertEqual(first.tx_code, "PMNT/RCDT/ESCT")
        self.assertEqual(first.unique_key, f"{EUR_ACCOUNT}:2026090100000999")
        self.assertEqual(result.reversals, [])
        self.assertEqual(result.skipped_debit, 1)
        self.assertEqual(result.skipped_pending, 1)
        self.assertEqual(
            [
                (s.account_iban, s.currency, s.statement_id, s.source_line)
                for s in result.statements
            ],
            [
                (EUR_ACCOUNT, "EUR", "STMT-2026-09-01-EUR", 6),
                (EUR_ACCOUNT, "USD", "STMT-2026-09-01-USD", 105),
            ],
        )
        self.assertEqual(result.account_ibans, [EUR_ACCOUNT])
        self.assertEqual(result.currencies, ["EUR", "USD"])
        # a debit is skipped before its amount is looked at
        zero_debit = _read("camt053_v02.xml").replace(
            b'<Amt Ccy="EUR">100.00</Amt>', b'<Amt Ccy="EUR">0.00</Amt>'
        )
        self.assertEqual(parse_camt053(zero_debit).skipped_debit, 1)

    def test_camt053_batch_split(self):
        result = parse_camt053(_read("camt053_v02.xml"))
        batch = [line for line in result.lines if line.bank_ref == "2026090100001000"]
        self.assertEqual([line.amount for line in batch], [Decimal("380.25"), 400])
        self.assertEqual(sum(line.amount for line in batch), Decimal("780.25"))
        self.assertEqual([line.ref_scope for line in batch], ["1", "2"])
        self.assertEqual(
            [line.unique_key for line in batch],
            [f"{EUR_ACCOUNT}:2026090100001000:1", f"{EUR_ACCOUNT}:2026090100001000:2"],
        )
        # v08: TxDtls/Amt, Dbtr/Pty, organisation id, AddtlTxInf fallback
        result = parse_camt053(_read("camt053_v08.xml"))
        batch = result.lines[:3]
        self.assertEqual(
            [(ln.source_line, ln.amount, ln.ref_scope) for ln in batch],
            [(24, Decimal("760.00"), "1"), (36, 380, "2"), (46, 150, "3")],
        )
        self.assertEqual(batch[1].payer_name, "SIA Piemērs")
        self.assertEqual(batch[1].payer_id, "40003000000")
        self.assertEqual(batch[2].payer_name, "")
        self.assertEqual(batch[2].details, "Kopmaksājums SL-2026/0127")

    def test_camt053_v08(self):
        result = parse_camt053(_read("camt053_v08.xml"))
        self.assertEqual(result.version, "camt.053.001.08")
        self.assertEqual(len(result.lines), 6)
        anna = result.lines[0]
        self.assertEqual(
            _values(anna),
            (
                24,
                date(2026, 10, 1),
                Decimal("760.00"),
                "EUR",
                "Anna Priede",
                "LV12PARX0012121212121",  # spaces removed
                "010190-12345",
                "Studiju maksa SL-2026/0123",
                "RO2026100100777",
                "LV70UNLA0050099887766",
            ),
        )
        self.assertEqual(anna.tx_code, "PMNT/RCDT/BOOK")
        usd = result.lines[-1]
        self.assertEqual(
            _values(usd),
            (
                119,
                date(2026, 10, 1),
                Decimal("1200.00"),
                "USD",
                "Pēteris Ozols",
                "0012345678",
                "",
                "Tuition fee SL-2026/0130",
                "RO2026100100999",
                "LV41UNLA0050011223344",
            ),
        )
        self.assertEqual(result.skipped_debit, 1)  # the refund
        self.assertEqual(result.skipped_pending, 2)  # PDNG and INFO
        self.assertEqual(
            result.account_ibans, ["LV41UNLA0050011223344", "LV70UNLA0050099887766"]
        )
        self.assertEqual(result.currencies, ["EUR", "USD"])

    def test_camt053_reversal_for_review(self):
        result = parse_camt053(_read("camt053_v08.xml"))
        self.assertEqual(len(result.reversals), 1)
        reversal = result.reversals[0]
        self.assertEqual(reversal.source_line, 67)
        self.assertEqual(reversal.amount, Decimal("-760.00"))
        self.assertFalse(reversal.is_credit)
        self.assertTrue(reversal.is_reversal)
        # the parties of the reversed payment are kept
        self.assertEqual(reversal.payer_name, "Anna Priede")
        self.assertEqual(reversal.payer_iban, "LV12PARX0012121212121")
        self.assertNotIn(reversal, result.lines)

    def test_camt053_other_versions(self):
        data = _read("camt053_v08.xml")
        result = parse_camt053(data.replace(b"camt.053.001.08", b"camt.053.001.12"))
        self.assertEqual(result.version, "camt.053.001.12")
        self.assertEqual(len(result.lines), 6)
        for version in (b"camt.053.001.01", b"camt.053.001.14"):
            self.assertBankError(
                3,
                "is not supported",
                parse_camt053,
                data.replace(b"camt.053.001.08", version),
            )

    def test_camt053_errors(self):
        cases = [
            ("camt053_truncated.xml", 41, "not well-formed XML"),
            ("camt054_unknown_root.xml", 3, "neither a camt.053"),
            ("camt053_missing_amount.xml", 9, "Ntry/Amt is missing"),
            ("camt053_missing_currency.xml", 10, "currency is missing"),
            ("camt053_bad_amount.xml", 10, "“760,00” in Ntry/Amt is not a number"),
            ("camt053_bad_date.xml", 13, "“2026-02-30” in Ntry/BookgDt"),
            ("camt053_zero_amount.xml", 10, "0.00 in Ntry/Amt must be greater"),
            ("camt053_negative_amount.xml", 10, "-760.00 in Ntry/Amt must be"),
            ("camt053_batch_mismatch.xml", 9, "differs from the sum of its 2"),
        ]
        for name, line, fragment in cases:
            with self.subTest(name=name):
                exc = self.assertBankError(line, fragment, parse_camt053, _read(name))
                self.assertBankError(line, fragment, parse_bank_file, _read(name), name)
                if "Amt" in fragment:
                    self.assertEqual(exc.field, "Ntry/Amt")

    def test_camt053_xxe_refused(self):
        data = _read("camt053_xxe.xml")
        exc = self.assertBankError(1, "DOCTYPE", parse_camt053, data)
        self.assertNotIn("root:", str(exc))
        self.assertBankError(1, "DOCTYPE", parse_bank_file, data, "xxe.xml")

    def test_camt053_fidavista_swapped(self):
        self.assertBankError(3, "FIDAVISTA", parse_camt053, _read("fidavista_101.xml"))
        self.assertBankError(
            3, "neither a camt.053", parse_fidavista, _read("camt053_v02.xml")
        )

    # ------------------------------------------------------------------
    # FiDAViSta
    # ------------------------------------------------------------------

    def test_fidavista(self):
        result = parse_fidavista(_read("fidavista_101.xml"))
        account = "LV70UNLA0050099887766"
        self.assertEqual(result.file_format, "fidavista")
        self.assertEqual(
            result.version, "http://www.bankasoc.lv/fidavista/fidavista0101.xsd"
        )
        self.assertEqual(
            [_values(line) for line in result.lines],
            [
                (
                    13,
                    date(2026, 10, 1),
                    Decimal("760.00"),
                    "EUR",
                    "Anna Priede",
                    "LV12PARX0012121212121",
                    "010190-12345",
                    "Studiju maksa SL-2026/0123 & S2026-0007",  # CDATA
                    "RO2026100100999",
                    account,
                ),
                (
                    39,
                    date(2026, 10, 2),  # from "2026-10-02 00:00:00.0"
                    Decimal("380.00"),
                    "EUR",
                    "Jānis Bērziņš",  # windows-1257
                    "LV80BANK0000435195001",
                    "",
                    "Līgums SL 2026 0124, Jānis Bērziņš",
                    "RO2026100200111",
                    account,
                ),
                (
                    53,
                    date(2026, 10, 2),
                    Decimal("58.35"),
                    "EUR",
                    "",
                    "",
                    "",
                    "Procenti",
                    "RO2026100200111",
                    account,
                ),
                (
                    62,
                    date(2026, 10, 5),
                    Decimal("0.35"),
                    "EUR",
                    "Līga Kalniņa",
                    "LV97HABA0012345678910",
                    "",
                    "SL-2026/0125",
                    "",
                    account,
                ),
                (
                    74,
                    date(2026, 10, 3),
                    Decimal("150.00"),
                    "USD",
                    "Marta Liepa",
                    "LV33RIKO0002013456789",
                    "250302-21234",
                    "Studiju maksa SL-2026/0126",
                    "RO2026100300222",
                    account,
                ),
            ],
        )
        self.assertEqual(result.skipped_debit, 1)  # the fee sharing a BankRef
        self.assertEqual(result.skipped_pending, 0)
        self.assertEqual(result.currencies, ["EUR", "USD"])
        self.assertEqual(
            [(s.currency, s.statement_id, s.source_line) for s in result.statements],
            [
                ("EUR", "2026-10-01..2026-10-09", 11),
                ("USD", "2026-10-01..2026-10-09", 72),
            ],
        )
        keys = [line.unique_key for line in result.lines]
        self.assertEqual(keys[0], f"{account}:RO2026100100999:EUR:C:760:INP")
        # same BankRef, different amount and type: different keys
        self.assertNotEqual(keys[1], keys[2])
        self.assertTrue(keys[3].startswith("sha256:"))
        self.assertEqual(len(set(keys)), len(keys))

    def test_fidavista_variants(self):
        data = _read("fidavista_101.xml")
        variant = data.replace(
            b' xmlns="http://www.bankasoc.lv/fidavista/fidavista0101.xsd"', b""
        ).replace(
            b"<AccNo>LV70UNLA0050099887766</AccNo>",
            b"<IBAN>LV70UNLA0050099887766</IBAN>",
        )
        result = parse_fidavista(variant)
        self.assertEqual(result.version, "")
        self.assertEqual(
            [line.unique_key for line in result.lines],
            [line.unique_key for line in parse_fidavista(data).lines],
        )
        self.assertEqual(detect_format(variant, "izraksts.xml"), "fidavista")

    def test_fidavista_errors(self):
        self.assertBankError(
            45,
            "“380,00” in TrxSet/AccAmt is not a number",
            parse_fidavista,
            _read("fidavista_bad_amount.xml"),
        )
        data = _read("fidavista_101.xml")
        self.assertBankError(
            20,
            "“X” in TrxSet/CorD is neither C nor D",
            parse_fidavista,
            data.replace(b"<CorD>C</CorD>", b"<CorD>X</CorD>", 1),
        )
        self.assertBankError(
            12,
            "currency is missing",
            parse_fidavista,
            data.replace(b"<Ccy>EUR</Ccy><OpenBal>", b"<Ccy/><OpenBal>", 1),
        )
        self.assertBankError(
            17,
            "“2026-13-01” in TrxSet/BookDate",
            parse_fidavista,
            data.replace(b"<BookDate>2026-10-01", b"<BookDate>2026-13-01", 1),
        )
        self.assertBankError(
            21,
            "0.00 in TrxSet/AccAmt must be greater than zero",
            parse_fidavista,
            data.replace(b"<AccAmt>760.00</AccAmt>", b"<AccAmt>0.00</AccAmt>", 1),
        )

    # ------------------------------------------------------------------
    # CSV
    # ------------------------------------------------------------------

    def test_csv_utf8_bom(self):
        result = parse_tabular(
            _read("statement_utf8_bom.csv"), "izraksts.csv", SIMPLE_MAPPING
        )
        self.assertEqual(result.file_format, "csv")
        self.assertEqual(
            [_values(line) for line in result.lines],
            [
                (
                    2,
                    date(2026, 9, 2),
                    Decimal("760.00"),
                    "EUR",
                    "Anna Priede",
                    "LV12PARX0012121212121",
                    "",
                    "Studiju maksa SL-2026/0123",
                    "2026090200000001",
                    EUR_ACCOUNT,
                ),
                (
                    3,
                    date(2026, 9, 2),
                    Decimal("1234.56"),  # "1 234,56"
                    "EUR",
                    'SIA "Piemērs"',
                    "LV80BANK0000435195001",
                    "",
                    "Par Jāni Bērziņu; S2026-0007",
                    "2026090200000002",
                    EUR_ACCOUNT,
                ),
                (
                    4,  # a quoted line break: the row spans lines 4-5
                    date(2026, 9, 3),
                    Decimal("1234.56"),  # "1.234,56"
                    "EUR",
                    "Līga Kalniņa",
                    "LV97HABA0012345678910",
                    "",
                    "Studiju maksa SL-2026/0125",
                    "",
                    EUR_ACCOUNT,
                ),
                (
                    8,  # line 7 is blank
                    date(2026, 9, 4),
                    Decimal("2000.10"),  # no-break space thousands
                    "USD",
                    "Pēteris Ozols",
                    "",
                    "",
                    "SL-2026/0126",
                    "2026090400000005",
                    EUR_ACCOUNT,
                ),
            ],
        )
        self.assertEqual(result.skipped_debit, 1)
        self.assertEqual(
            [(s.currency, s.source_line) for s in result.statements],
            [("EUR", 2), ("USD", 8)],
        )
        self.assertTrue(result.lines[2].unique_key.startswith("sha256:"))
        self.assertEqual(result.lines[0].unique_key, f"{EUR_ACCOUNT}:2026090200000001")

    def test_csv_cp1257_record_types(self):
        data = _read("swedbank_cp1257.csv")
        with self.assertRaises(UnicodeDecodeError):
            data.decode("utf-8")
        result = parse_bank_file(data, "swedbank.csv", SWEDBANK_MAPPING)
        self.assertEqual(
            [_values(line) for line in result.lines],
            [
                (
                    3,
                    date(2026, 9, 1),
                    Decimal("380.25"),
                    "EUR",
                    "Jānis Bērziņš",
                    "",
                    "",
                    "Studiju maksa SL-2026/0124",
                    "2026090100000010",
                    EUR_ACCOUNT,
                ),
                (
                    5,
                    date(2026, 9, 2),
                    Decimal("1000.00"),
                    "EUR",
                    "Žanete Ļaudaga",
                    "",
                    "",
                    "Studiju maksa SL-2026/0128",
                    "2026090200000012",
                    EUR_ACCOUNT,
                ),
            ],
        )
        self.assertEqual(result.skipped_debit, 1)
        self.assertEqual(result.skipped_other, 3)  # record types 10, 82, 86
        # forcing the wrong encoding names the line of the first bad byte
        mapping = dataclasses.replace(SWEDBANK_MAPPING, encoding="utf-8")
        self.assertBankError(
            1, "is not utf-8 text", parse_tabular, data, "swedbank.csv", mapping
        )

    def test_csv_signed_amounts_two_header_lines(self):
        result = parse_tabular(_read("seb_signed.csv"), "seb.csv", SEB_MAPPING)
        self.assertEqual(
            [
                (ln.source_line, ln.date, ln.amount, ln.payer_name, ln.bank_ref)
                for ln in result.lines
            ],
            [
                (3, date(2026, 9, 3), Decimal("1234.56"), "Anna Priede", "SEB-1"),
                (4, date(2026, 9, 4), Decimal("1234.56"), "Jānis Bērziņš", "SEB-2"),
            ],
        )
        self.assertEqual(result.skipped_debit, 1)  # -0.35
        self.assertEqual(result.account_ibans, ["LV41UNLA0050011223344"])

    def test_csv_columns_by_index(self):
        data = b"01.09.2026;760,00;Anna Priede\n02.09.2026;-5,00;Banka\n"
        mapping = ColumnMapping(
            date=0,
            amount=1,
            payer_name=2,
            details=(2, 0),
            header_row=0,
            default_currency="eur",
        )
        result = parse_tabular(data, "x.csv", mapping)
        self.assertEqual(
            [
                (ln.source_line, ln.amount, ln.currency, ln.details)
                for ln in result.lines
            ],
            [(1, Decimal("760.00"), "EUR", "Anna Priede 01.09.2026")],
        )
        self.assertEqual(result.skipped_debit, 1)
        self.assertBankError(
            2,
            "#2 must be greater than zero",
            parse_tabular,
            data.replace(b"-5,00", b"0"),
            "x.csv",
            mapping,
        )
        with self.assertRaises(BankFileError):
            ColumnMapping(date="Datums", amount=1, header_row=0)
        with self.assertRaises(BankFileError):
            ColumnMapping(date=0, amount=1, decimal_separator=" ")

    def test_csv_errors(self):
        cases = [
            ("bad_date.csv", 3, "“30.02.2026” in Datums is not a valid date"),
            ("bad_amount.csv", 4, "the amount “12.50” in Summa is not a number"),
            ("zero_amount.csv", 2, "the amount 0.00 in Summa must be greater"),
            ("bad_quote.csv", 3, "the CSV row cannot be read"),
            ("bad_mark.csv", 3, "“X” in D/K is neither C/K/CR/CRDT (credit)"),
        ]
        for name, line, fragment in cases:
            with self.subTest(name=name):
                self.assertBankError(
                    line, fragment, parse_bank_file, _read(name), name, SIMPLE_MAPPING
                )
        mapping = dataclasses.replace(SIMPLE_MAPPING, bank_ref="Reference")
        self.assertBankError(
            1,
            "no column “Reference”",
            parse_tabular,
            _read("bad_date.csv"),
            "bad_date.csv",
            mapping,
        )
        no_currency = dataclasses.replace(SIMPLE_MAPPING, currency=None)
        self.assertBankError(
            2,
            "currency is missing",
            parse_tabular,
            _read("bad_date.csv"),
            "bad_date.csv",
            no_currency,
        )
        self.assertBankError(
            None,
            "is a CSV or XLSX export",
            parse_bank_file,
            _read("bad_date.csv"),
            "bad_date.csv",
        )
        self.assertBankError(
            3,
            "ends before its header row",
            parse_tabular,
            b"a;b\n",
            "x.csv",
            dataclasses.replace(SIMPLE_MAPPING, header_row=3),
        )

    def test_amount_text(self):
        valid = {
            ("1 234,56", ","): "1234.56",
            ("1.234,56", ","): "1234.56",
            ("1\u00a0234\u00a0567,5", ","): "1234567.5",
            ("-380,25", ","): "-380.25",
            ("- 380,25", ","): "-380.25",
            ("\u2212380,25", ","): "-380.25",
            ("+12", ","): "12",
            ("1234.56", "."): "1234.56",
            ("1,234.56", "."): "1234.56",
            ("1 234.56", "."): "1234.56",
        }
        for (value, separator), expected in valid.items():
            with self.subTest(value=value):
                amount = parse_amount_text(value, separator, 1, "Summa")
                self.assertEqual(amount, Decimal(expected))
        for value, separator in [
            ("12.50", ","),
            ("1234.56", ","),
            ("1.23,4", ","),
            ("1 234.567,00", ","),
            ("12,50", "."),
            ("EUR 5", ","),
            ("1e3", ","),
            ("NaN", ","),
        ]:
            with self.subTest(value=value):
                self.assertBankError(
                    7, "is not a number", parse_amount_text, value, separator, 7, "S"
                )

    # ------------------------------------------------------------------
    # XLSX
    # ------------------------------------------------------------------

    def _xlsx(self, rows):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "Izraksts"
        for row in rows:
            sheet.append(row)
        stream = io.BytesIO()
        workbook.save(stream)
        return stream.getvalue()

    def test_xlsx(self):
        header = [
            "Datums",
            "Maksātājs",
            "Maksātāja konts",
            "Informācija",
            "Summa",
            "Valūta",
            "D/K",
            "Arhīva kods",
        ]
        data = self._xlsx(
            [
                header,
                [
                    datetime(2026, 9, 1, 0, 0),
                    "Anna Priede",
                    "LV12PARX0012121212121",
                    "Studiju maksa SL-2026/0123",
                    760.0,
                    "EUR",
                    "K",
                    2026090100000999,
                ],
                [
                    date(2026, 9, 2),
                    "Jānis Bērziņš",
                    None,
                    "S2026-0007",
                    0.1 + 0.2,
                    "EUR",
                    "K",
                    "A-2",
                ],
                [],
                [
                    "03.09.2026",
                    "Līga Kalniņa",
                    None,
                    "SL-2026/0125",
                    "1 234,56",
                    "EUR",
                    "K",
                    None,
                ],
                ["03.09.2026", "Banka", None, "Komisija", 0.35, "EUR", "D", "A-4"],
            ]
        )
        self.assertEqual(detect_format(data, "izraksts.xlsx"), "xlsx")
        result = parse_bank_file(data, "izraksts.xlsx", SIMPLE_MAPPING)
        self.assertEqual(result.file_format, "xlsx")
        self.assertEqual(
            [
                (ln.source_line, ln.date, ln.amount, ln.payer_name, ln.bank_ref)
                for ln in result.lines
            ],
            [
                (
                    2,
                    date(2026, 9, 1),
                    Decimal("760.00"),
                    "Anna Priede",
                    "2026090100000999",
                ),
                (3, date(2026, 9, 2), Decimal("0.30"), "Jānis Bērziņš", "A-2"),
                (5, date(2026, 9, 3), Decimal("1234.56"), "Līga Kalniņa", ""),
            ],
        )
        self.assertEqual(str(result.lines[1].amount), "0.30")
        self.assertEqual(result.skipped_debit, 1)

        bad = self._xlsx([header, ["31.04.2026", "A", None, "x", 5.0, "EUR", "K"]])
        self.assertBankError(
            2, "“31.04.2026” in Datums", parse_tabular, bad, "a.xlsx", SIMPLE_MAPPING
        )
        bad = self._xlsx([header, [46000, "A", None, "x", 5.0, "EUR", "K"]])
        self.assertBankError(
            2, "“46000” in Datums", parse_tabular, bad, "a.xlsx", SIMPLE_MAPPING
        )
        self.assertBankError(
            None,
            "has no sheet “Lapa1”",
            parse_tabular,
            data,
            "a.xlsx",
            dataclasses.replace(SIMPLE_MAPPING, sheet="Lapa1"),
        )
        self.assertBankError(
            None,
            "cannot be read as an XLSX workbook",
            parse_tabular,
            b"PK\x03\x04 not really a zip",
            "a.xlsx",
            SIMPLE_MAPPING,
        )

    # ------------------------------------------------------------------
    # Detection, keys, currency
    # ------------------------------------------------------------------

    def test_detect_format(self):
        expected = {
            "camt053_v02.xml": "camt053",
            "camt053_v08.xml": "camt053",
            "camt053_bad_date.xml": "camt053",
            "fidavista_101.xml": "fidavista",
            "statement_utf8_bom.csv": "csv",
            "swedbank_cp1257.csv": "csv",
        }
        for name, file_format in expected.items():
            with self.subTest(name=name):
                self.assertEqual(detect_format(_read(name), name), file_format)
        # XML is recognised by content, whatever the file name
        self.assertEqual(
            detect_format(b"\xef\xbb\xbf" + _read("camt053_v02.xml"), "x.txt"),
            "camt053",
        )
        self.assertBankError(None, "is empty", detect_format, b"  \n", "tukss.csv")
        self.assertBankError(
            None, "not a bank statement", detect_format, b"%PDF-1.4 ...", "x.pdf"
        )
        self.assertBankError(
            None, "not a bank statement", detect_format, b"a;b\n", "x.dat"
        )
        self.assertBankError(
            None,
            "old Excel .xls",
            parse_bank_file,
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest",
            "x.xls",
        )
        self.assertBankError(
            3, "neither a camt.053", detect_format, _read("camt054_unknown_root.xml")
        )
        self.assertBankError(
            2,
            "not well-formed XML",
            detect_format,
            b"<?xml version='1.0'?>\n<<a/>",
            "x",
        )
        # a file broken after its root element is refused by the parser
        self.assertBankError(
            5,
            "not well-formed XML",
            parse_bank_file,
            _read("camt053_v02.xml").replace(b"<BkToCstmrStmt>", b"<BkToCstmrStmt", 1),
            "x.xml",
        )

    def test_unique_key_stable_and_distinct(self):
        for name in ("camt053_v02.xml", "camt053_v08.xml", "fidavista_101.xml"):
            with self.subTest(name=name):
                first = parse_bank_file(_read(name), name)
                second = parse_bank_file(_read(name), name)
                keys = [line.unique_key for line in first.lines + first.reversals]
                self.assertEqual(
                    keys,
                    [line.unique_key for line in second.lines + second.reversals],
                )
                self.assertEqual(len(set(keys)), len(keys))
        # two identical transfers without bank id in one file
        twins = parse_camt053(_read("camt053_v08.xml")).lines[3:5]
        self.assertEqual(_values(twins[0])[1:], _values(twins[1])[1:])
        self.assertEqual([t.occurrence for t in twins], [0, 1])
        self.assertNotEqual(twins[0].unique_key, twins[1].unique_key)

    def test_unique_key_hash_fallback(self):
        line = BankLine(
            date=date(2026, 9, 1),
            amount=Decimal(760),
            currency="EUR",
            payer_name="Anna  Priede",
            payer_iban="lv12 parx 0012 1212 1212 1",
            details="Studiju maksa  SL-2026/0123 ",
            account_iban="LV56HABA0551099887766",
            source_line=3,
        )
        self.assertFalse(line.has_bank_ref)
        key = line.unique_key
        self.assertRegex(key, r"^sha256:[0-9a-f]{64}$")
        same = dataclasses.replace(
            line,
            amount=Decimal("760.00"),
            payer_name="ANNA PRIEDE",
            payer_iban="LV12PARX0012121212121",
            details="studiju maksa SL-2026/0123",
            account_iban="LV56 HABA 0551 0998 8776 6",
            source_line=99,  # where it was read does not matter
        )
        self.assertEqual(same.unique_key, key)
        for change in (
            {"amount": Decimal("760.01")},
            {"date": date(2026, 9, 2)},
            {"details": "Studiju maksa SL-2026/0124"},
            {"payer_iban": "LV80BANK0000435195001"},
            {"account_iban": "LV70UNLA0050099887766"},
            {"currency": "USD"},
            {"occurrence": 1},
        ):
            with self.subTest(change=change):
                self.assertNotEqual(dataclasses.replace(line, **change).unique_key, key)
        with_ref = dataclasses.replace(line, bank_ref="REF-1")
        self.assertEqual(with_ref.unique_key, "LV56HABA0551099887766:REF-1")
        with self.assertRaises(dataclasses.FrozenInstanceError):
            line.amount = Decimal(1)

    def test_check_currency_and_account(self):
        result = parse_camt053(_read("camt053_v02.xml"))
        exc = self.assertBankError(
            109,
            "the payment is in USD but the journal's currency is EUR",
            check_currency,
            result,
            "EUR",
        )
        self.assertEqual(exc.field, "currency")
        self.assertBankError(14, "is in EUR", check_currency, result, "usd")
        eur_only = ParseResult(
            file_format="camt053",
            lines=[line for line in result.lines if line.currency == "EUR"],
        )
        check_currency(eur_only, "eur")
        check_account(eur_only, "lv56 haba 0551 0998 8776 6")
        self.assertBankError(
            14,
            "not on the journal's account LV70UNLA0050099887766",
            check_account,
            eur_only,
            "LV70UNLA0050099887766",
        )
        v08 = parse_camt053(_read("camt053_v08.xml"))
        self.assertBankError(
            119,
            "account LV41UNLA0050011223344",
            check_account,
            v08,
            "LV70UNLA0050099887766",
        )
