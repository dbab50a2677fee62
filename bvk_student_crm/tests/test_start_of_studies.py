# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Step 2: the start-of-studies e-mail, once per student and intake."""

import base64
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..lib import lv_format
from .common import VALID_NEW_CODES, VALID_OLD_CODES, BvkCommon


class StartCommon(BvkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.Notice = cls.env["bvk.start.notice"]
        cls.coordinator.write(
            {
                "name": "Ilze Kalniņa",
                "email": "ilze.kalnina@bvk.example",
                "phone": "+371 67000001",
                "image_1920": base64.b64encode(
                    base64.b64decode(
                        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8"
                        "z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
                    )
                ),
            }
        )
        cls.instructions = cls.env["ir.attachment"].create(
            {"name": "IS_LMS.pdf", "raw": b"%PDF-1.4 instructions"}
        )
        cls.program.write(
            {
                "start_instructions": "<p>Log in at https://is.bvk.example</p>",
                "start_attachment_ids": [(6, 0, cls.instructions.ids)],
            }
        )
        cls.group.write(cls._first_day_vals(5))
        cls.student_b = cls._create_student("Jānis Bērziņš", VALID_OLD_CODES[1])
        cls.student_c = cls._create_student("Līga Ozola", VALID_OLD_CODES[2])
        cls.no_email = cls._create_student("Mārtiņš Liepiņš", VALID_NEW_CODES[0])
        cls.no_email.email = False
        cls.unsigned = cls._create_student("Elza Sproģe", VALID_NEW_CODES[1])
        cls.students = cls.student | cls.student_b | cls.student_c
        for student in cls.students | cls.no_email:
            cls._signed(student)
        cls._create_contract(
            student=cls.unsigned, date_start=cls.today + timedelta(days=5)
        )

    @classmethod
    def _first_day_vals(cls, days):
        return {
            "first_day_date": cls.today + timedelta(days=days),
            "first_day_time": 9.5,
            "first_day_room": "Alberta iela 13, 301",
            "first_day_plan": "<ul><li>09:30 Welcome</li></ul>",
            "start_schedule_url": "https://www.bvk.example/grafiks",
        }

    @classmethod
    def _signed(cls, student, **vals):
        vals.setdefault("date_start", cls.today + timedelta(days=5))
        contract = cls._create_contract(student=student, **vals)
        contract.sudo().write(
            {"state": "signed", "date_signed": cls.today, "name": f"T/{student.id}"}
        )
        return contract

    def _mails(self, students):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "bvk.student"),
                ("res_id", "in", students.ids),
                ("subject", "like", "your studies start"),
            ]
        )


@tagged("post_install", "-at_install")
class TestStartOfStudies(StartCommon):
    def test_job_sends_once_to_signed_students_with_email(self):
        sent = self.Notice._bvk_send_all()
        self.assertEqual(sent, 3)
        notices = self.Notice.search([("group_id", "=", self.group.id)])
        self.assertEqual(notices.student_id, self.students)
        self.assertEqual(set(notices.mapped("send_count")), {1})
        self.assertEqual(set(notices.mapped("origin")), {"job"})
        mails = self._mails(self.students)
        self.assertEqual(len(mails), 3)
        mail = mails.filtered(lambda m: self.student.partner_id in m.recipient_ids)
        self.assertEqual(mail.recipient_ids, self.student.partner_id)
        self.assertIn(self.instructions, mail.attachment_ids)
        for text in (
            "Anna Priede",
            "Ilze Kalniņa",
            "ilze.kalnina@bvk.example",
            "+371 67000001",
            "https://is.bvk.example",
            "09:30 Welcome",
            "https://www.bvk.example/grafiks",
            "Alberta iela 13, 301",
            "/web/image/",
        ):
            self.assertIn(text, mail.body_html)
        # logged on the student
        self.assertIn(mail.mail_message_id, self.student.message_ids)
        # the job run again, or on a second server: nobody twice
        self.assertEqual(self.Notice._bvk_send_all(), 0)
        pairs = [(s.id, self.group.id, self.company.id) for s in self.students]
        self.assertFalse(self.Notice._bvk_create_notices(pairs))
        self.assertEqual(len(self._mails(self.students)), 3)

    def test_daily_job_from_the_cron(self):
        self.env.ref(
            "bvk_student_crm.ir_cron_bvk_start_notices"
        ).method_direct_trigger()
        self.assertEqual(
            self.Notice.search([("group_id", "=", self.group.id)]).student_id,
            self.students,
        )

    def test_batch_rendering_renders_as_odoo_does(self):
        """The template compiled once per batch gives what Odoo's own loop
        (one record at a time) gives."""
        notices = self.Notice._bvk_create_notices(
            [(s.id, self.group.id, self.company.id) for s in self.students]
        )
        template = self.env.ref("bvk_student_crm.mail_template_start_of_studies")
        batch = template._render_field("body_html", notices.ids)
        for notice in notices:
            alone = template._render_field("body_html", notice.ids)[notice.id]
            self.assertEqual(batch[notice.id], alone)
            self.assertIn(notice.student_id.name, alone)

    def test_not_before_the_day(self):
        self.group.first_day_date = self.today + timedelta(days=8)
        self.assertEqual(self.group.start_send_date, self.today + timedelta(days=1))
        self.assertEqual(self.Notice._bvk_send_all(), 0)
        self.company.bvk_start_notice_days = 10
        self.assertEqual(self.Notice._bvk_send_all(), 3)

    def test_crash_half_way_and_rerun(self):
        # the first batch is committed; the second one crashes after queuing
        # its e-mails: its transaction is rolled back, so the re-run sends
        # them, and nobody gets two
        sent, remaining = self.Notice._bvk_send_batch(limit=1)
        self.assertEqual((sent, remaining), (1, 2))
        original = type(self.env["mail.mail"]).create

        def crash(records, vals_list):
            original(records, vals_list)
            raise RuntimeError("server killed")

        with self.assertRaises(RuntimeError):
            with self.env.cr.savepoint():
                with patch.object(type(self.env["mail.mail"]), "create", crash):
                    self.Notice._bvk_send_batch(limit=1)
        self.env.invalidate_all()
        self.assertEqual(
            self.Notice.search_count([("group_id", "=", self.group.id)]), 1
        )
        self.assertEqual(self.Notice._bvk_send_all(limit=1), 2)
        mails = self._mails(self.students)
        self.assertEqual(len(mails), 3)
        self.assertEqual(
            sorted(mails.recipient_ids.ids), sorted(self.students.partner_id.ids)
        )

    def test_queries_do_not_grow_with_the_batch(self):
        counts = []
        for limit in (1, 2):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.Notice._bvk_send_batch(limit=limit)
            counts.append(self.env.cr.sql_log_count - before)
        self.assertLessEqual(counts[1], counts[0] + 2, counts)

    def test_late_signer_gets_it_at_signing(self):
        self.Notice._bvk_send_all()
        contract = self.unsigned.contract_ids
        contract.with_user(self.director).action_sign()
        notice = self.Notice.search([("student_id", "=", self.unsigned.id)])
        self.assertEqual(notice.origin, "signing")
        self.assertEqual(len(self._mails(self.unsigned)), 1)
        # signing before the day sends nothing yet
        late = self._create_student("Dace Grīnberga", False, id_type="document")
        late.write({"id_document_number": "X1", "birth_date": "2000-01-01"})
        self.group.first_day_date = self.today + timedelta(days=30)
        self._create_contract(
            student=late, date_start=self.today + timedelta(days=30)
        ).with_user(self.director).action_sign()
        self.assertFalse(self.Notice.search([("student_id", "=", late.id)]))

    def test_missing_data_reported_others_still_sent(self):
        group_b = self.env["bvk.student.group"].create(
            {
                "code": "T-BV-26-2",
                "program_id": self.program.id,
                "intake_year": self.today.year,
                "coordinator_id": self.coordinator.id,
            }
        )
        no_first_day = self._create_student("Kārlis Ābele", False, group=group_b)
        self._signed(no_first_day, date_start=self.today + timedelta(days=30))
        group_c = self.group_gf
        group_c.write(self._first_day_vals(3))
        no_instructions = self._create_student("Rūta Egle", False, group=group_c)
        self._signed(no_instructions)
        self.assertEqual(group_b.start_missing, "first_day")
        self.assertEqual(group_c.start_missing, "instructions")
        with self.assertLogs(
            "odoo.addons.bvk_student_crm.models.bvk_start_notice", "WARNING"
        ) as logs:
            self.assertEqual(self.Notice._bvk_send_all(), 3)
        log = "\n".join(logs.output)
        self.assertIn("T-BV-26-2: The group has no first study day", log)
        self.assertIn("T-GF-26-1: The programme has no IS and LMS instructions", log)
        Status = self.env["bvk.start.status"]
        reasons = {
            row.student_id: (row.state, row.reason)
            for row in Status.search(
                [("group_id", "in", (self.group | group_b | group_c).ids)]
            )
        }
        self.assertEqual(reasons[self.student], ("informed", False))
        self.assertEqual(reasons[self.no_email], ("not_informed", "no_email"))
        self.assertEqual(reasons[self.unsigned], ("not_informed", "no_contract"))
        self.assertEqual(reasons[no_first_day], ("not_informed", "first_day"))
        self.assertEqual(reasons[no_instructions], ("not_informed", "instructions"))
        # the message on the group, and no half-filled e-mail by hand
        with self.assertRaisesRegex(UserError, "no first study day"):
            no_first_day.with_user(self.coordinator).action_send_start_notice()
        self.assertEqual(
            group_b._bvk_start_problem_text(),
            "T-BV-26-2: The group has no first study day.",
        )

    def test_status_of_a_coming_group(self):
        self.group.first_day_date = self.today + timedelta(days=20)
        row = self.env["bvk.start.status"].search(
            [("student_id", "=", self.student.id)]
        )
        self.assertEqual((row.state, row.reason), ("not_informed", "scheduled"))
        self.assertEqual(row.send_date, self.today + timedelta(days=13))
        self.group.first_day_date = self.today + timedelta(days=2)
        self.env.invalidate_all()
        row = self.env["bvk.start.status"].search(
            [("student_id", "=", self.student.id)]
        )
        self.assertEqual(row.reason, "due")

    def test_resend_by_hand_is_logged(self):
        self.Notice._bvk_send_all()
        before = len(self.student.message_ids)
        self.student.with_user(self.coordinator).action_send_start_notice()
        notice = self.Notice.search([("student_id", "=", self.student.id)])
        self.assertEqual(notice.send_count, 2)
        self.assertEqual(len(self.student.message_ids), before + 1)
        self.assertEqual(len(self._mails(self.student)), 2)
        notice.with_user(self.head).action_resend()
        self.assertEqual(notice.send_count, 3)
        for user in (self.lecturer, self.accountant, self.employee):
            self.env.invalidate_all()
            with self.assertRaises(AccessError):
                self.student.with_user(user).action_send_start_notice()
            with self.assertRaises(AccessError):
                notice.with_user(user).action_resend()

    def test_first_send_by_hand_before_the_day(self):
        self.group.first_day_date = self.today + timedelta(days=30)
        self.student.with_user(self.coordinator).action_send_start_notice()
        notice = self.Notice.search([("student_id", "=", self.student.id)])
        self.assertEqual((notice.origin, notice.send_count), ("manual", 1))
        with self.assertRaisesRegex(UserError, "no e-mail address"):
            self.no_email.with_user(self.coordinator).action_send_start_notice()
        with self.assertRaisesRegex(UserError, "no signed study contract"):
            self.unsigned.with_user(self.coordinator).action_send_start_notice()

    def test_schedule_table_from_the_study_schedule(self):
        course = self.env["bvk.course"].create(
            {"code": "T-MGT", "name": "Management", "credits": 6}
        )
        semester = self.env["bvk.semester"]._get_current() or self.env[
            "bvk.semester"
        ].search([], limit=1)
        if not semester:
            self.skipTest("no semester")
        schedule = self.env["bvk.study.schedule"].create(
            {
                "group_id": self.group.id,
                "semester_id": semester.id,
                "offering_ids": [
                    (
                        0,
                        0,
                        {
                            "course_id": course.id,
                            "date_start": self.today + timedelta(days=5),
                            "date_assessment": self.today + timedelta(days=60),
                            "lecturer_id": self.lecturer.id,
                        },
                    )
                ],
            }
        )
        self.group.write(
            {"start_schedule_id": schedule.id, "start_schedule_url": False}
        )
        self.assertFalse(self.group.start_missing)
        self.Notice._bvk_send_all()
        body = self._mails(self.student).body_html
        self.assertIn("Management", body)
        self.assertIn(self.lecturer.name, body)

    def test_latvian_email(self):
        self.env["res.lang"]._activate_lang("lv_LV")
        self.env["ir.module.module"]._load_module_terms(
            ["bvk_student_crm"], ["lv_LV"], overwrite=True
        )
        self.student.lang = "lv_LV"
        self.Notice._bvk_send_all()
        mail = self.env["mail.mail"].search(
            [("model", "=", "bvk.student"), ("res_id", "=", self.student.id)]
        )
        self.assertEqual(len(mail), 1)
        first_day = lv_format.format_date(self.group.first_day_date, "locative")
        self.assertIn(f"{first_day} plkst. 9.30", mail.body_html)
        self.assertEqual(mail.subject, "BVK: Jūsu studijas sākas")
        self.assertIn("koordinēju Jūsu grupas studijas", mail.body_html)
        self.assertNotIn("Dear", mail.body_html)
