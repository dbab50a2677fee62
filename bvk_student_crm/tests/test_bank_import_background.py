# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged
from odoo.tools import html2plaintext, mute_logger

from ..models import bvk_bank_import as import_module
from .common_finance import OUR_IBAN, BvkFinanceCommon, camt053


class _WorkerKilled(BaseException):
    """What a killed worker does to the code running in it: nothing more
    runs, and its transaction is rolled back (no ``except Exception``
    handler sees it)."""


@tagged("post_install", "-at_install")
@freeze_time("2026-09-02")
class TestBankImportBackground(BvkFinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-08-20"):
            cls.contract = cls._signed_contract(timing="at_signing")
            cls.contract_b = cls._signed_contract(
                student=cls.student_b, timing="at_signing"
            )
        cls.company.bvk_import_background_lines = 3
        cls.Import = cls.env["bvk.bank.import"]
        cls.Line = cls.env["bvk.bank.import.line"]
        cls.cron = cls.env.ref("bvk_student_crm.ir_cron_bvk_bank_import")

    def setUp(self):
        super().setUp()
        # two lines per call of the job
        patcher = patch.object(type(self.Import), "_bvk_job_chunk_size", 2)
        patcher.start()
        self.addCleanup(patcher.stop)

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _file(self, prefix, count, amount="10.00", details=None):
        return camt053(
            [
                {
                    "amount": amount,
                    "ref": f"{prefix}{i}",
                    "details": details or self.contract.name,
                }
                for i in range(count)
            ]
        )

    def _upload(self, data, user=None):
        """Import ``data`` as ``user`` (the accountant by default) through
        the model method the wizard calls."""
        Import = self.Import.with_user(user or self.finance_accountant)
        return Import._import_file(data, "big.xml", self.bank_journal)

    def _run_job(self):
        """One call of the job as the scheduler makes it: with a progress
        record in the context; returns the progress reported."""
        cron, progress = self.cron._add_progress()
        cron.ir_actions_server_id.run()
        return progress

    def _run_job_until_done(self, limit=20):
        for _i in range(limit):
            progress = self._run_job()
            if not progress.remaining:
                return
        self.fail("the job did not finish")

    def _payments_of(self, record):
        return self.env["account.payment"].search(
            [("id", "in", record.line_ids.payment_id.ids)]
        )

    # ------------------------------------------------------------
    # at once or in the background
    # ------------------------------------------------------------

    def test_small_file_at_once_and_reopened_as_the_main_record(self):
        action = self._import(self._file("S", 3))
        record = self.Import.search([], limit=1)
        self.assertRecordValues(
            record,
            [
                {
                    "state": "done",
                    "count_lines": 3,
                    "count_new": 3,
                    "count_done": 3,
                    "count_matched": 3,
                    "count_review": 0,
                }
            ],
        )
        self.assertEqual(len(self._payments_of(record)), 3)
        # reloading the page shows the import: its own action and path, no
        # active record taken from the upload dialog
        self.assertEqual(action["type"], "ir.actions.act_window")
        self.assertEqual(
            (action["res_model"], action["res_id"], action["target"]),
            ("bvk.bank.import", record.id, "main"),
        )
        self.assertEqual(action["views"], [(False, "form")])
        self.assertEqual(action["path"], "bvk-payment-imports")
        self.assertFalse(action["context"]["active_id"])
        # the summary as a sentence, posted on the import
        summary = (
            "Lines in the file: 3; already imported, skipped: 0; matched and "
            "paid: 3; to review: 0; amount imported: 30.00\N{NO-BREAK SPACE}EUR."
        )
        self.assertEqual(record._bvk_summary_text(), summary)
        self.assertEqual(
            html2plaintext(record.message_ids[0].body).replace("\xa0", " "),
            summary.replace("\xa0", " "),
        )

    def test_big_file_in_the_background_with_progress(self):
        data = camt053(
            [
                {"amount": "10.00", "ref": f"B{i}", "details": self.contract.name}
                for i in range(4)
            ]
            + [
                {
                    "amount": "7.00",
                    "ref": "B-unknown",
                    "details": "?",
                    "iban": "LV97HABA0000000000001",
                }
            ]
        )
        triggers = self.env["ir.cron.trigger"].search_count(
            [("cron_id", "=", self.cron.id)]
        )
        record, summary = self._upload(data)
        self.assertTrue(summary["background"])
        self.assertRecordValues(
            record,
            [
                {
                    "state": "queued",
                    "count_lines": 5,
                    "count_new": 5,
                    "count_done": 0,
                    "count_matched": 0,
                }
            ],
        )
        self.assertEqual(set(record.line_ids.mapped("state")), {"pending"})
        self.assertFalse(record.line_ids.payment_id)
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)]),
            triggers + 1,
        )
        self.assertIn(
            "to import: 5; amount to import: 47.00\N{NO-BREAK SPACE}EUR. They are "
            "matched and paid in the background",
            self.Import._format_summary(summary, self.eur),
        )
        # pending lines are not for review
        with self.assertRaises(UserError):
            record.line_ids[0].with_user(self.coordinator).write({"note": "x"})
        # a chunk of two lines per call, committed by the scheduler
        progress = self._run_job()
        self.assertEqual((progress.done, progress.remaining), (2, 3))
        self.assertRecordValues(
            record, [{"state": "processing", "count_done": 2, "count_matched": 2}]
        )
        self.assertEqual(len(self._payments_of(record)), 2)
        progress = self._run_job()
        self.assertEqual((progress.done, progress.remaining), (2, 1))
        self.assertFalse(record.activity_ids)
        progress = self._run_job()
        self.assertEqual((progress.done, progress.remaining), (1, 0))
        self.assertRecordValues(
            record,
            [
                {
                    "state": "done",
                    "count_done": 5,
                    "count_matched": 4,
                    "count_review": 1,
                    "amount_matched": 40.0,
                }
            ],
        )
        self.assertTrue(record.date_done)
        self.assertEqual(len(self._payments_of(record)), 4)
        # the importing user is told: an activity (and a notification)
        activity = record.activity_ids
        self.assertEqual(activity.user_id, self.finance_accountant)
        self.assertEqual(activity.summary, "Bank import finished: big.xml")
        self.assertIn("matched and paid: 4", activity.note)
        # nothing left: the job reports nothing to do
        progress = self._run_job()
        self.assertEqual((progress.done, progress.remaining), (0, 0))

    def test_wizard_tells_and_opens_a_background_import(self):
        action = self._import(self._file("W", 4))
        record = self.Import.search([], limit=1)
        self.assertEqual(record.state, "queued")
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("in the background", action["params"]["message"])
        self.assertEqual(
            (action["params"]["next"]["res_id"], action["params"]["next"]["target"]),
            (record.id, "main"),
        )
        # the same sentence on the import, for later
        self.assertIn("to import: 4;", html2plaintext(record.message_ids[0].body))

    def test_duplicates_do_not_count_toward_the_threshold(self):
        self._import(self._file("T", 3))
        record, summary = self._upload(self._file("T", 5))
        self.assertFalse(summary["background"])
        self.assertRecordValues(
            record,
            [{"state": "done", "count_duplicate": 3, "count_new": 2}],
        )
        self.assertIn(
            "Imported before in: statement.xml (",
            self.Import._format_summary(summary, self.eur),
        )
        # a re-import of the big file costs nothing and creates nothing
        record, summary = self._upload(self._file("T", 5))
        self.assertFalse(record)
        self.assertEqual(summary["duplicate"], 5)

    def test_chunks_shrink_when_calls_get_slow(self):
        record, _summary = self._upload(self._file("P", 4))
        Import = type(self.Import)
        with (
            patch.object(Import, "_bvk_job_chunk_size", 200),
            patch.dict(import_module._JOB_PACE),
        ):
            self.assertEqual(record._bvk_job_limit(), 200)
            key = (self.env.cr.dbname, record.id)
            # 20 ms a line: 200 lines fit the 8 s of a call
            import_module._JOB_PACE[key] = 0.02
            self.assertEqual(record._bvk_job_limit(), 200)
            # 80 ms a line (a busy server): 100 lines
            import_module._JOB_PACE[key] = 0.08
            self.assertEqual(record._bvk_job_limit(), 100)
            # never fewer than 50
            import_module._JOB_PACE[key] = 2.0
            self.assertEqual(record._bvk_job_limit(), 50)

    # ------------------------------------------------------------
    # crash and resume
    # ------------------------------------------------------------

    def test_killed_job_resumes_without_duplicates(self):
        record, _summary = self._upload(self._file("K", 6, amount="100.00"))
        self._run_job()  # chunk 1 committed
        first = self._payments_of(record)
        self.assertEqual(len(first), 2)
        Line = type(self.Line)
        create_payments = Line._create_payments

        def killed_after_paying(lines):
            create_payments(lines)
            raise _WorkerKilled()

        # chunk 2: payments posted and reconciled, then the worker is killed
        # before the scheduler commits: the database goes back to the end of
        # chunk 1
        with (
            patch.object(Line, "_create_payments", killed_after_paying),
            self.assertRaises(_WorkerKilled),
            self.env.cr.savepoint(),
        ):
            self._run_job()
        self.env.invalidate_all()
        self.assertEqual(self._payments_of(record), first)
        self.assertEqual(record.count_done, 2)
        self.assertEqual(record.state, "processing")
        # the next run goes on from chunk 2
        self._run_job_until_done()
        self.assertEqual(record.state, "done")
        lines = record.line_ids
        self.assertEqual(lines.mapped("state"), ["matched"] * 6)
        payments = self.env["account.payment"].search(
            [("memo", "=", self.contract.name), ("amount", "=", 100.0)]
        )
        self.assertEqual(len(payments), 6)
        self.assertEqual(lines.payment_id, payments)
        self.assertTrue(first <= payments)
        self.assertTrue(all(payments.mapped("is_reconciled")))
        # 600 paid, oldest first: nothing paid twice
        schedule = self.contract.payment_schedule_id.line_ids
        self.assertEqual(schedule[0].amount_residual, 934.0)

    def test_failed_import_reported_then_resumed(self):
        record, _summary = self._upload(self._file("F", 4))
        Line = type(self.Line)

        def journal_closed(lines, allocation):
            raise UserError(self.env._("The journal is closed for maintenance."))

        with (
            patch.object(Line, "_create_allocated_payments", journal_closed),
            mute_logger("odoo.addons.bvk_student_crm.models.bvk_bank_import"),
        ):
            self._run_job()
        self.assertRecordValues(
            record,
            [
                {
                    "state": "failed",
                    "count_done": 0,
                    "error": "The journal is closed for maintenance.",
                }
            ],
        )
        self.assertEqual(set(record.line_ids.mapped("state")), {"pending"})
        activity = record.activity_ids
        self.assertEqual(activity.summary, "Bank import stopped: big.xml")
        self.assertIn("closed for maintenance", activity.note)
        # a failed import is not taken again by the job
        progress = self._run_job()
        self.assertEqual((progress.done, progress.remaining), (0, 0))
        # resumed by a reviewer (not by just any employee)
        with self.assertRaises(UserError):
            record.with_user(self.employee).action_resume()
        record.with_user(self.coordinator).action_resume()
        self.assertRecordValues(record, [{"state": "queued", "error": False}])
        self._run_job_until_done()
        self.assertRecordValues(record, [{"state": "done", "count_matched": 4}])
        self.assertEqual(len(self._payments_of(record)), 4)

    def test_one_bad_line_goes_to_review(self):
        record, _summary = self._upload(self._file("L", 4))
        Line = type(self.Line)
        original = Line._create_allocated_payments
        bad = record.line_ids.sorted("position")[1]

        def refuse_one(lines, allocation):
            if bad in lines:
                raise UserError(self.env._("The payer's account is blocked."))
            return original(lines, allocation)

        with patch.object(Line, "_create_allocated_payments", refuse_one):
            self._run_job_until_done()
        self.assertEqual(record.state, "done")
        self.assertRecordValues(
            bad,
            [
                {
                    "state": "unmatched",
                    "payment_id": False,
                    "contract_id": self.contract.id,
                    "note": "The payment could not be booked: The payer's account is "
                    "blocked.",
                }
            ],
        )
        self.assertEqual(len(self._payments_of(record)), 3)
        # the reviewer pays it once the cause is gone
        bad.with_user(self.coordinator).action_assign()
        self.assertTrue(bad.payment_id)

    def test_a_single_line_that_fails_goes_to_review(self):
        # nothing tells a bad line from a bad journal when it is the only
        # one: the line goes to review, the import goes on
        Line = type(self.Line)

        def refuse(lines, allocation):
            raise UserError(self.env._("The payer's account is blocked."))

        with patch.object(Line, "_create_allocated_payments", refuse):
            record, _summary = self._upload(self._file("O", 1))
        self.assertEqual(record.state, "done")
        self.assertRecordValues(
            record.line_ids,
            [{"state": "unmatched", "contract_id": self.contract.id}],
        )
        self.assertIn("blocked", record.line_ids.note)

    # ------------------------------------------------------------
    # the same file imported twice at the same moment
    # ------------------------------------------------------------

    def test_same_file_at_the_same_moment(self):
        data = self._file("C", 2)
        first, _summary = self._upload(data)
        self.assertEqual(first.state, "done")
        payments = self.env["account.payment"].search_count([])
        # a second user's transaction looked for duplicates before the first
        # one committed: it saw none; the unique index refuses its lines
        with patch.object(type(self.Import), "_bvk_known_keys", lambda *a: {}):
            action = self._import(data)
            second, summary = self._upload(
                camt053(
                    [
                        {
                            "amount": "10.00",
                            "ref": f"C{i}",
                            "details": "?",
                            "iban": "LV97HABA0000000000001",
                        }
                        for i in range(3)
                    ]
                ),
                user=self.coordinator,
            )
        # nothing was imported twice, and the second user is told why
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn(
            "Payments saved at the same moment by another import, skipped here so "
            "that each is booked once: 2 (big.xml (",
            action["params"]["message"],
        )
        self.assertEqual(self.Import.search_count([("id", ">", first.id)]), 1)
        self.assertEqual(second.line_ids.mapped("unique_key"), [f"{OUR_IBAN}:C2"])
        self.assertEqual(summary["concurrent"], 2)
        self.assertEqual(second.count_duplicate, 2)
        self.assertEqual(self.env["account.payment"].search_count([]), payments)

    # ------------------------------------------------------------
    # rights
    # ------------------------------------------------------------

    def test_job_fields_written_by_the_job_only(self):
        record, _summary = self._upload(self._file("R", 4))
        for user in (self.coordinator, self.finance_accountant):
            for vals in ({"state": "done"}, {"error": "x"}, {"date_done": False}):
                with self.subTest(vals=vals), self.assertRaises(AccessError):
                    record.with_user(user).write(vals)
        self.assertEqual(record.state, "queued")
        with self.assertRaises(UserError):
            record.with_user(self.coordinator).action_resume()

    def test_summary_in_the_readers_number_format(self):
        self.env["res.lang"]._activate_lang("lv_LV")
        text = self.Import.with_context(lang="lv_LV")._format_summary(
            {"lines": 10000, "matched": 1, "duplicate": 0, "review": 0, "amount": 1534},
            self.eur,
        )
        # counts after their labels (no plural to agree with), the amount in
        # the Latvian format
        self.assertIn(": 10\N{NO-BREAK SPACE}000;", text)
        self.assertIn(": 1\N{NO-BREAK SPACE}534,00\N{NO-BREAK SPACE}EUR.", text)
