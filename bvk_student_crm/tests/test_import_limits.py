# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import time
import zipfile
from unittest.mock import patch

import openpyxl

from odoo.exceptions import UserError, ValidationError
from odoo.tests import BaseCase, tagged

from odoo.addons.bvk_student_crm.lib import academic_tables, file_limits
from odoo.addons.bvk_student_crm.lib.file_limits import FileLimitError

from .common_academic import BvkAcademicCommon

MB = file_limits.MB
BOMB_MEMBER = "xl/sharedStrings.xml"


def zip_bomb(size_mb=120, members=None):
    """An XLSX-like ZIP archive with ``size_mb`` MB of zero bytes in
    ``xl/sharedStrings.xml``, built in memory chunk by chunk; ``members``
    (name: bytes) are added as they are."""
    buffer = io.BytesIO()
    chunk = b"\0" * MB
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in (members or {}).items():
            archive.writestr(name, content)
        if size_mb:
            with archive.open(BOMB_MEMBER, "w") as member:
                for _i in range(size_mb):
                    member.write(chunk)
    return buffer.getvalue()


def real_xlsx(rows=50):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["course", "assessment date"])
    for i in range(rows):
        sheet.append([f"C{i}", "2027-01-15"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def no_extraction():
    """Patch that fails the test if a ZIP member is opened (read, extracted)."""
    return patch.object(
        zipfile.ZipFile,
        "open",
        side_effect=AssertionError("a ZIP member was extracted"),
    )


@tagged("post_install", "-at_install")
class TestFileLimits(BaseCase):
    """``lib/file_limits.py`` on its own."""

    LIMITS = {"max_size": 20 * MB, "max_uncompressed": 100 * MB, "max_ratio": 100}

    def assertLimitError(self, code, func, *args, **kwargs):
        with self.assertRaises(FileLimitError) as caught:
            func(*args, **kwargs)
        self.assertEqual(caught.exception.code, code)
        return caught.exception

    def test_b64_decoded_size(self):
        for length in range(12):
            data = bytes(range(length))
            for encoded, size in (
                (base64.b64encode(data), length),
                (base64.b64encode(data).decode(), length),
                (base64.b64encode(data).rstrip(b"="), length),  # no padding
                (base64.encodebytes(data * 40), length * 40),  # line breaks
            ):
                with self.subTest(encoded=encoded):
                    self.assertEqual(file_limits.b64_decoded_size(encoded), size)
        self.assertEqual(file_limits.b64_decoded_size(False), 0)
        self.assertEqual(file_limits.b64_decoded_size(b""), 0)

    def test_size_and_lines(self):
        file_limits.check_size(MB, MB)
        error = self.assertLimitError(
            file_limits.SIZE, file_limits.check_size, MB + 1, MB
        )
        self.assertEqual((error.value, error.limit), (MB + 1, MB))
        file_limits.check_lines(3, 3)
        error = self.assertLimitError(file_limits.LINES, file_limits.check_lines, 4, 3)
        self.assertEqual((error.value, error.limit), (4, 3))
        error = self.assertLimitError(
            file_limits.SIZE,
            file_limits.check_bytes,
            b"x" * (MB + 1),
            "a.csv",
            max_size=MB,
            max_uncompressed=MB,
            max_ratio=1,
        )
        self.assertEqual(error.value, MB + 1)

    def test_real_xlsx_and_text_files_pass(self):
        file_limits.check_bytes(real_xlsx(2000), "plan.xlsx", **self.LIMITS)
        # a text file is not judged as a ZIP archive
        file_limits.check_bytes(b"a;b\n" * 1000, "plan.csv", **self.LIMITS)
        # a small member compressed a lot is no threat
        small = zip_bomb(0, {"xl/styles.xml": b" " * (MB // 2)})
        file_limits.check_bytes(small, "small.xlsx", **self.LIMITS)

    def test_zip_bomb_refused_without_extraction(self):
        bomb = zip_bomb(120)
        self.assertLess(len(bomb), MB)
        start = time.monotonic()
        with no_extraction():
            error = self.assertLimitError(
                file_limits.UNCOMPRESSED,
                file_limits.check_bytes,
                bomb,
                "bomb.xlsx",
                **self.LIMITS,
            )
            self.assertEqual((error.value, error.limit), (120 * MB, 100 * MB))
            # allowed to unpack that much, it is still compressed too much
            error = self.assertLimitError(
                file_limits.RATIO,
                file_limits.check_xlsx,
                bomb,
                max_uncompressed=200 * MB,
                max_ratio=100,
            )
            # recognised by its content whatever its name
            self.assertLimitError(
                file_limits.UNCOMPRESSED,
                file_limits.check_bytes,
                bomb,
                "bomb.bin",
                **self.LIMITS,
            )
        self.assertLess(time.monotonic() - start, 1)
        self.assertEqual(error.member, BOMB_MEMBER)
        self.assertGreater(error.value, 100)
        self.assertEqual(error.limit, 100)

    def test_many_small_members_judged_together(self):
        members = {f"xl/worksheets/sheet{i}.xml": b"\0" * (MB - 1) for i in range(30)}
        bomb = zip_bomb(0, members)
        with no_extraction():
            error = self.assertLimitError(
                file_limits.RATIO, file_limits.check_xlsx, bomb, 100 * MB, 100
            )
        self.assertIsNone(error.member)

    def test_broken_zip(self):
        for data, name in (
            (file_limits.ZIP_MAGIC + b"\0" * 100, "broken.xlsx"),
            (file_limits.ZIP_MAGIC + b"\0" * 100, "broken.csv"),
            (b"course;date\nTV101;2027-01-15\n", "renamed.xlsx"),
            (zip_bomb(1)[:-30], "truncated.xlsx"),
        ):
            with self.subTest(name=name):
                self.assertLimitError(
                    file_limits.BROKEN_ZIP,
                    file_limits.check_bytes,
                    data,
                    name,
                    **self.LIMITS,
                )

    def test_read_table_counts_rows_past_the_limit(self):
        data = b"course;assessment date\n" + b"TV101;2027-01-15\n\n" * 5
        self.assertEqual(len(academic_tables.read_table(data, ("course",))), 5)
        rows = academic_tables.read_table(data, ("course",), max_rows=5)
        self.assertEqual(len(rows), 5)
        error = self.assertLimitError(
            file_limits.LINES,
            academic_tables.read_table,
            data,
            ("course",),
            max_rows=2,
        )
        self.assertEqual((error.value, error.limit), (5, 2))


@tagged("post_install", "-at_install")
class TestImportLimits(BvkAcademicCommon):
    """The company's limits applied by the bank, study schedule and LMS
    imports."""

    _bvk_own_company = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        if not company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )
        cls.bank_journal = cls.env["account.journal"].create(
            {"name": "BVK Limits Bank", "code": "BVKL", "type": "bank"}
        )
        cls.course_extra = cls.env["bvk.course"].create(
            {"code": "TX101", "name": "Economics", "credits": 2}
        )
        cls._confirm()
        cls.schedule_gf = cls.env["bvk.study.schedule"].create(
            {"group_id": cls.group_gf.id, "semester_id": cls.autumn.id}
        )

    def _bank_wizard(self, data, filename):
        return self.env["bvk.bank.import.upload"].create(
            {
                "data_file": base64.b64encode(data),
                "filename": filename,
                "journal_id": self.bank_journal.id,
            }
        )

    def _schedule_wizard(self, data, filename="schedule.csv"):
        return self.env["bvk.study.schedule.import"].create(
            {
                "schedule_id": self.schedule_gf.id,
                "file": base64.b64encode(data),
                "filename": filename,
            }
        )

    def _lms_wizard(self, data, filename="lms.csv"):
        return self.env["bvk.lms.activity.import"].create(
            {"file": base64.b64encode(data), "filename": filename}
        )

    def _bank_imports(self):
        return self.env["bvk.bank.import"].search_count([])

    # ------------------------------------------------------------
    # Settings
    # ------------------------------------------------------------

    def test_company_defaults_and_positive_limits(self):
        self.assertRecordValues(
            self.env.company,
            [
                {
                    "bvk_import_max_size_mb": 20,
                    "bvk_import_max_lines": 100000,
                    "bvk_import_max_xlsx_size_mb": 100,
                    "bvk_import_max_xlsx_ratio": 100,
                }
            ],
        )
        for name in (
            "bvk_import_max_size_mb",
            "bvk_import_max_lines",
            "bvk_import_max_xlsx_size_mb",
            "bvk_import_max_xlsx_ratio",
        ):
            for value in (0, -5):
                with (
                    self.subTest(name=name, value=value),
                    self.assertRaises(ValidationError),
                ):
                    self.env.company.write({name: value})

    # ------------------------------------------------------------
    # Bank import
    # ------------------------------------------------------------

    def test_bank_file_over_the_size_limit(self):
        self.env.company.bvk_import_max_size_mb = 1
        row = b"2026-09-01;12.00;LV12PARX0012121212121;Studiju maksa SL-2026/0001\n"
        data = (b"date;amount;iban;details\n" + row * (2 * MB // len(row)))[
            : int(1.5 * MB)
        ]
        wizard = self._bank_wizard(data, "statement.csv")
        # the wizard does not even look at a file over the limit
        self.assertFalse(wizard.needs_mapping)
        count = self._bank_imports()
        with (
            patch.object(base64, "b64decode", wraps=base64.b64decode) as decode,
            self.assertRaises(UserError) as caught,
        ):
            wizard.action_import()
        decode.assert_not_called()
        self.assertEqual(
            str(caught.exception),
            "The file statement.csv is 1.5 MB; files of up to 1 MB can be imported "
            "(Settings › Companies › College › File imports).",
        )
        self.assertEqual(self._bank_imports(), count)
        # within the limit, the same file is read (and needs a column mapping)
        self.env.company.bvk_import_max_size_mb = 2
        wizard.invalidate_recordset(["needs_mapping"])
        self.assertTrue(wizard.needs_mapping)

    def test_bank_xlsx_zip_bomb(self):
        bomb = zip_bomb(120)
        wizard = self._bank_wizard(bomb, "statement.xlsx")
        count = self._bank_imports()
        start = time.monotonic()
        with no_extraction(), self.assertRaises(UserError) as caught:
            wizard.action_import()
        self.assertLess(time.monotonic() - start, 2)
        self.assertIn(
            "The file statement.xlsx unpacks to 120.0 MB; XLSX files of up to "
            "100 MB unpacked can be imported",
            str(caught.exception),
        )
        self.env.company.bvk_import_max_xlsx_size_mb = 200
        with no_extraction(), self.assertRaises(UserError) as caught:
            wizard.action_import()
        self.assertRegex(
            str(caught.exception),
            r"^The file statement\.xlsx is compressed [\d,]+ times; XLSX files "
            r"compressed up to 100 times can be imported \(Settings › Companies › "
            r"College › File imports\)\.$",
        )
        self.assertEqual(self._bank_imports(), count)

    def test_bank_broken_xlsx(self):
        wizard = self._bank_wizard(b"date;amount\n2026-09-01;1\n", "statement.xlsx")
        with self.assertRaises(UserError) as caught:
            wizard.action_import()
        self.assertIn("not a valid XLSX file", str(caught.exception))

    # ------------------------------------------------------------
    # Study schedule and LMS imports
    # ------------------------------------------------------------

    def _schedule_csv(self):
        return (
            b"course;assessment date\n"
            b"TV101;15.01.2027\n"
            b"TS101;20.01.2027\n"
            b"TP101;25.01.2027\n"
            b"TX101;27.01.2027\n"
        )

    def test_schedule_too_many_lines(self):
        self.env.company.bvk_import_max_lines = 3
        wizard = self._schedule_wizard(self._schedule_csv())
        with self.assertRaises(UserError) as caught:
            wizard.action_import()
        self.assertEqual(
            str(caught.exception),
            "The file schedule.csv has 4 lines; files of up to 3 lines can be "
            "imported (Settings › Companies › College › File imports).",
        )
        self.assertFalse(wizard.schedule_id.offering_ids)
        # the same rows within the limit are imported
        self.env.company.bvk_import_max_lines = 4
        wizard.action_import()
        self.assertEqual(len(wizard.schedule_id.offering_ids), 4)

    def test_schedule_size_and_zip_bomb(self):
        self.env.company.bvk_import_max_size_mb = 1
        wizard = self._schedule_wizard(b"course;assessment date\n" + b"x" * MB)
        with self.assertRaises(UserError) as caught:
            wizard.action_import()
        self.assertIn("files of up to 1 MB can be imported", str(caught.exception))
        wizard = self._schedule_wizard(zip_bomb(120), "grafiks.xlsx")
        with no_extraction(), self.assertRaises(UserError) as caught:
            wizard.action_import()
        self.assertIn("grafiks.xlsx unpacks to 120.0 MB", str(caught.exception))
        self.assertFalse(self.schedule_gf.offering_ids)

    def test_lms_too_many_lines(self):
        self.env.company.bvk_import_max_lines = 3
        number = self.student.student_number
        wizard = self._lms_wizard(
            (
                "student;course;last access\n"
                f"{number};TV101;2026-12-01\n"
                f"{number};TS101;2026-12-01\n"
                f"{number};TP101;2026-12-01\n"
                f"{self.student2.student_number};TV101;2026-12-01\n"
            ).encode()
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_import()
        self.assertEqual(
            str(caught.exception),
            "The file lms.csv has 4 lines; files of up to 3 lines can be imported "
            "(Settings › Companies › College › File imports).",
        )
        self.assertFalse(self.env["bvk.lms.activity"].search([]))
        self.assertFalse(self._reminders())

    def test_lms_size_and_zip_bomb(self):
        self.env.company.bvk_import_max_size_mb = 1
        wizard = self._lms_wizard(b"student;course\n" + b"x" * MB)
        with self.assertRaises(UserError) as caught:
            wizard.action_import()
        self.assertIn("lms.csv is 1.1 MB", str(caught.exception))
        wizard = self._lms_wizard(zip_bomb(120), "lms.xlsx")
        with no_extraction(), self.assertRaises(UserError) as caught:
            wizard.action_import()
        self.assertIn("lms.xlsx unpacks to 120.0 MB", str(caught.exception))
        self.assertFalse(self.env["bvk.lms.activity"].search([]))
