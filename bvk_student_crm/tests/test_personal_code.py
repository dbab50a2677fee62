# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import BaseCase, tagged
from odoo.tools import mute_logger

from ..lib import personal_code as pcode
from .common import VALID_NEW_CODES, VALID_OLD_CODES, BvkCommon


@tagged("post_install", "-at_install")
class TestPersonalCodeLib(BaseCase):
    """The pure validator, without the ORM."""

    def test_valid_old_codes(self):
        self.assertEqual(
            pcode.validate("010190-12349"), ("01019012349", pcode.OLD, date(1990, 1, 1))
        )
        self.assertEqual(pcode.validate("150620 12341")[2], date(1920, 6, 15))
        self.assertEqual(pcode.validate("150605-21230")[2], date(2005, 6, 15))
        for code in VALID_OLD_CODES:
            self.assertEqual(pcode.validate(code)[1], pcode.OLD)

    def test_valid_new_codes(self):
        for code in [*VALID_NEW_CODES, "32345678901", "381234-56789"]:
            compact, kind, born = pcode.validate(code)
            self.assertEqual(kind, pcode.NEW)
            self.assertIsNone(born)
            self.assertEqual(len(compact), 11)

    def test_invalid_checksum(self):
        with self.assertRaises(pcode.PersonalCodeError) as ctx:
            pcode.validate("010190-12340")
        self.assertEqual(ctx.exception.reason, "checksum")

    def test_impossible_birth_date(self):
        # 29 February 1900 did not exist; month 13; day 00; century digit 5
        for code in ["290200-11110", "011390-12345", "000190-12345", "010190-52345"]:
            with self.assertRaises(pcode.PersonalCodeError) as ctx:
                pcode.validate(code)
            self.assertEqual(ctx.exception.reason, "date", code)

    def test_future_birth_date(self):
        with self.assertRaises(pcode.PersonalCodeError) as ctx:
            pcode.validate("010130-22345", today=date(2026, 11, 29))
        self.assertEqual(ctx.exception.reason, "date")

    def test_wrong_length_and_characters(self):
        for code in ["", "010190-1234", "010190-123456", "0101901234A", "31-12345678"]:
            with self.assertRaises(pcode.PersonalCodeError) as ctx:
                pcode.validate(code)
            self.assertEqual(ctx.exception.reason, "format", code)

    def test_new_code_second_digit(self):
        # 30… and 31… are dates (30th, 31st), not new codes
        self.assertFalse(pcode.is_new_format("31128500007"))
        self.assertTrue(pcode.is_new_format("32000012345"))

    def test_format(self):
        self.assertEqual(pcode.format_code("01019012349"), "010190-12349")
        self.assertEqual(pcode.compact(" 010190-12349 "), "01019012349")


@tagged("post_install", "-at_install")
class TestStudentIdentification(BvkCommon):
    def test_code_stored_compact_with_birth_date(self):
        self.assertEqual(self.student.personal_code, "01019012349")
        self.assertEqual(self.student.personal_code_display, "010190-12349")
        self.assertEqual(self.student.birth_date, date(1990, 1, 1))
        self.assertTrue(self.student.is_identified)

    def test_new_code_student(self):
        student = self._create_student("Jānis Bērziņš", "320000-12345")
        self.assertFalse(student.birth_date)
        self.assertTrue(student.is_identified)

    def test_invalid_codes_rejected(self):
        for code in ["010190-12340", "011390-12345", "0101901234"]:
            with self.assertRaises(ValidationError), self.cr.savepoint():
                self._create_student("Kļūdains Kods", code)

    def test_error_says_what_and_who(self):
        with self.assertRaises(ValidationError) as ctx:
            self._create_student("Līga Ozola", "010190-12340")
        self.assertIn("010190-12340", str(ctx.exception))
        self.assertIn("Līga Ozola", str(ctx.exception))
        self.assertIn("check digit", str(ctx.exception))

    @mute_logger("odoo.sql_db")
    def test_duplicate_code_rejected(self):
        with self.assertRaises(IntegrityError):
            self._create_student("Anna Dublikāte", "010190 12349")
            self.env.flush_all()

    def test_duplicate_code_other_company_allowed(self):
        other = self.env["res.company"].create({"name": "Other College"})
        student = self.env["bvk.student"].create(
            {
                "name": "Anna Priede",
                "personal_code": VALID_OLD_CODES[0],
                "company_id": other.id,
            }
        )
        self.assertEqual(student.personal_code, self.student.personal_code)

    def test_foreign_student_document(self):
        student = self._create_student(
            "Olena Kovalenko",
            False,
            id_type="document",
            id_document_number="FX123456",
            birth_date=date(2001, 5, 4),
        )
        self.assertTrue(student.is_identified)
        student.birth_date = False
        self.assertFalse(student.is_identified)

    def test_student_number_sequence(self):
        other = self._create_student("Kristaps Kalniņš", VALID_OLD_CODES[1])
        self.assertTrue(self.student.student_number.startswith("S"))
        self.assertNotEqual(self.student.student_number, other.student_number)
