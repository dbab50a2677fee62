# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import VALID_NEW_CODES, VALID_OLD_CODES, BvkCommon

BODY = (
    '<div><p>Dear <t t-out="object.name">student</t> of '
    '<t t-out="object.group_id.code">group</t>,</p>'
    "<p>the summer school offers a course in digital marketing.</p></div>"
)


@tagged("post_install", "-at_install")
class TestAnnouncement(BvkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("lv_LV")
        cls.student.write({"mobile": "+37120000001", "lang": "en_US"})
        # in Latvian, with e-mail and mobile
        cls.latvian = cls._create_student(
            "Jānis Bērziņš",
            VALID_OLD_CODES[1],
            email="janis@example.lv",
            mobile="+37120000002",
            lang="lv_LV",
        )
        # opted out of e-mails (mail.blacklist), has a mobile
        cls.blacklisted = cls._create_student(
            "Līga Ozola",
            VALID_NEW_CODES[0],
            email="liga@example.lv",
            mobile="20000003",
            country_id=cls.env.ref("base.lv").id,
            lang="en_US",
        )
        cls.env["mail.blacklist"]._add(cls.blacklisted.email)
        # no e-mail, opted out of SMS (phone.blacklist)
        cls.no_email = cls._create_student(
            "Dace Grīnberga",
            VALID_NEW_CODES[1],
            email=False,
            mobile="+37120000004",
            lang="en_US",
        )
        cls.env["phone.blacklist"]._add(["+37120000004"])
        # no mobile, e-mail only
        cls.no_mobile = cls._create_student(
            "Ella Foreign", False, id_type="document", lang="en_US"
        )
        # another group, not a recipient
        cls.other = cls._create_student(
            "Pēteris Kalns",
            VALID_OLD_CODES[2],
            group=cls.group_gf,
            email="peteris@example.lv",
            lang="en_US",
        )
        (cls.group.student_ids | cls.other).write({"state": "active"})
        cls.announcement = cls._new_announcement()

    @classmethod
    def _new_announcement(cls, **vals):
        announcement = cls.env["bvk.announcement"].create(
            {
                "name": "Summer school",
                "kind": "offer",
                "group_ids": [Command.set(cls.group.ids)],
                "subject": "Summer school for {{ object.name }}",
                "body_html": BODY,
                "send_sms": True,
                "sms_body": "BVK: {{ object.name }}, summer school, see e-mail.",
                **vals,
            }
        )
        lv = announcement.with_context(lang="lv_LV")
        lv.subject = "Vasaras skola: {{ object.name }}"
        lv.sms_body = "BVK: {{ object.name }}, vasaras skola, skatiet e-pastu."
        return announcement

    def _log_lines(self, students, announcement=None):
        announcement = announcement or self.announcement
        return self.env["mail.message"].search(
            [
                ("model", "=", "bvk.student"),
                ("res_id", "in", students.ids),
                ("body", "ilike", announcement.name),
            ]
        )

    # ------------------------------------------------------------

    def test_counts_and_exclusions_before_sending(self):
        self.assertRecordValues(
            self.announcement,
            [
                {
                    "count_matched": 5,
                    # the student without an e-mail opted out of SMS
                    "count_recipients": 4,
                    "count_excluded": 1,
                    "count_email": 3,
                    "count_email_blacklisted": 1,
                    "count_email_missing": 1,
                    "count_sms": 3,
                    "count_sms_optout": 1,
                    "count_sms_missing": 1,
                }
            ],
        )
        self.assertIn("1 blacklisted", self.announcement.summary)
        # e-mail only: the blacklisted and the student without an e-mail get
        # nothing and are excluded
        self.announcement.send_sms = False
        self.assertEqual(self.announcement.count_recipients, 3)
        self.assertEqual(self.announcement.count_excluded, 2)

    def test_filters(self):
        announcement = self.announcement
        announcement.group_ids = False
        announcement.program_ids = self.program | self.program_gf
        self.assertEqual(announcement.count_matched, 6)
        announcement.program_ids = self.program_gf
        self.assertEqual(announcement.count_matched, 1)
        announcement.program_ids = self.program
        announcement.course_year = 1
        self.assertEqual(announcement.count_matched, 5)
        announcement.course_year = 2
        self.assertEqual(announcement.count_matched, 0)
        announcement.course_year = 0
        self.latvian.sudo().state = "academic_leave"
        announcement.student_state = "academic_leave"
        self.assertEqual(announcement.count_matched, 1)
        announcement.student_state = False
        saved = self.env["ir.filters"].create(
            {
                "name": "Latvians",
                "model_id": "bvk.student",
                "domain": "[('lang', '=', 'lv_LV')]",
            }
        )
        announcement.filter_id = saved
        self.assertEqual(announcement.count_matched, 1)
        announcement.filter_id = False
        announcement.program_ids = False
        announcement.domain = repr([("id", "in", self.other.ids)])
        self.assertEqual(announcement.count_matched, 1)

    def test_bad_filter_is_a_clear_error(self):
        self.announcement.domain = "[('no_such_field', '=', 1)]"
        with self.assertRaisesRegex(UserError, "filter of the announcement"):
            self.announcement._bvk_recipient_stats()
        self.announcement.domain = "__import__('os')"
        with self.assertRaisesRegex(UserError, "Summer school"):
            self.announcement.with_user(self.head).action_send()

    def test_send_respects_opt_outs_and_logs_one_line(self):
        self.announcement.with_user(self.head).action_send()
        self.assertEqual(self.announcement.state, "sent")
        recipients = self.group.student_ids
        mails = self.env["mail.mail"].search(
            [("mail_message_id", "in", self._log_lines(recipients).ids)]
        )
        # queued for Odoo's mail queue, not sent here
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})
        self.assertEqual(
            mails.recipient_ids,
            (self.student | self.latvian | self.no_mobile).partner_id,
        )
        sms = self.env["sms.sms"].search(
            [("partner_id", "in", recipients.partner_id.ids)]
        )
        self.assertEqual(
            sms.partner_id, (self.student | self.latvian | self.blacklisted).partner_id
        )
        self.assertEqual(set(sms.mapped("state")), {"outgoing"})
        self.assertIn("+37120000003", sms.mapped("number"))
        # one short line per student on the chatter; the whole e-mail is
        # only in the queued mail
        for student in recipients - self.no_email:
            lines = self._log_lines(student)
            self.assertEqual(len(lines), 1, student.name)
            self.assertNotIn("digital marketing", str(lines.body))
        self.assertIn("e-mail and SMS", str(self._log_lines(self.student).body))
        self.assertFalse(self._log_lines(self.other | self.no_email))
        self.assertIn("digital marketing", mails[0].body_html)
        # the counts are kept
        self.assertRecordValues(
            self.announcement,
            [{"count_recipients": 4, "count_email": 3, "count_sms": 3}],
        )
        self.assertEqual(self.announcement.sent_by_id, self.head)

    def test_each_student_in_their_language(self):
        self.announcement.action_send()
        mail_lv = self.env["mail.mail"].search(
            [("mail_message_id", "in", self._log_lines(self.latvian).ids)]
        )
        mail_en = self.env["mail.mail"].search(
            [("mail_message_id", "in", self._log_lines(self.student).ids)]
        )
        self.assertEqual(mail_lv.subject, "Vasaras skola: Jānis Bērziņš")
        self.assertEqual(mail_en.subject, "Summer school for Anna Priede")
        # the body has no Latvian version: the student gets the one written
        self.assertIn("Jānis Bērziņš", mail_lv.body_html)
        self.assertIn("T-BV-26-1", mail_lv.body_html)
        sms_lv = self.env["sms.sms"].search(
            [("partner_id", "=", self.latvian.partner_id.id)]
        )
        self.assertEqual(
            sms_lv.body, "BVK: Jānis Bērziņš, vasaras skola, skatiet e-pastu."
        )

    def test_obligation_notice_reaches_opted_out_students(self):
        notice = self._new_announcement(kind="obligation", name="Deadline")
        self.assertEqual(notice.count_email, 4)
        self.assertEqual(notice.count_sms, 4)
        notice.action_send()
        self.assertTrue(
            self.env["mail.mail"].search(
                [
                    (
                        "mail_message_id",
                        "in",
                        self._log_lines(self.blacklisted, notice).ids,
                    ),
                    ("recipient_ids", "in", self.blacklisted.partner_id.ids),
                ]
            )
        )
        self.assertTrue(self.env["sms.sms"].search([("number", "=", "+37120000004")]))

    def test_batches_in_the_background(self):
        cron = self.env.ref("bvk_student_crm.ir_cron_bvk_announcement_send")
        students = self.group.student_ids
        with patch.object(type(self.announcement), "_bvk_batch_size", 2):
            self.announcement.action_send()
            self.assertEqual(self.announcement.state, "sending")
            self.assertEqual(len(self._log_lines(students)), 2)
            # the second batch: one excluded (no e-mail, SMS opt-out)
            cron.method_direct_trigger()
            self.assertEqual(len(self._log_lines(students)), 3)
            self.assertEqual(self.announcement.state, "sending")
            cron.method_direct_trigger()
        self.assertEqual(self.announcement.state, "sent")
        self.assertEqual(len(self._log_lines(students)), 4)
        self.assertRecordValues(
            self.announcement,
            [{"count_matched": 5, "count_recipients": 4, "count_excluded": 1}],
        )
        # a rerun prepares nothing twice
        cron.method_direct_trigger()
        self.announcement._bvk_prepare_batch()
        self.assertEqual(len(self._log_lines(students)), 4)

    def test_who_may_send(self):
        # the SSC head, the deputy director and the director to anyone; a
        # coordinator to the students of their groups; nobody else
        for user in (self.lecturer, self.accountant, self.employee):
            self.env.invalidate_all()
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.announcement.with_user(user).action_send()
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["bvk.announcement"].with_user(user).create({"name": "X"})
        self.env.invalidate_all()
        mine = self._new_announcement()
        other_group = self._new_announcement(group_ids=[Command.set(self.group_gf.ids)])
        everybody = self._new_announcement(group_ids=False)
        for announcement in (other_group, everybody):
            with self.assertRaises(AccessError):
                announcement.with_user(self.coordinator).with_context(
                    bypass=True
                ).action_send()
        self.env.invalidate_all()
        mine.with_user(self.coordinator).action_send()
        self.assertEqual(mine.state, "sent")
        self.env.invalidate_all()
        everybody.with_user(self.head).action_send()
        self.assertEqual(everybody.state, "sent")

    def test_workflow_fields_are_not_written_by_hand(self):
        for vals in (
            {"state": "sent"},
            {"stats": {"recipients": 1}},
            {"last_student_id": 99999},
            {"sent_by_id": self.head.id},
        ):
            self.env.invalidate_all()
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                self.announcement.with_user(self.head).write(vals)
        self.announcement.action_send()
        self.env.invalidate_all()
        with self.assertRaises(UserError):
            self.announcement.with_user(self.head).subject = "Changed"
        with self.assertRaises(UserError):
            self.announcement.with_user(self.head).unlink()

    def test_nobody_to_send_to(self):
        empty = self._new_announcement(group_ids=False, course_year=9)
        with self.assertRaisesRegex(UserError, "would reach nobody"):
            empty.action_send()
        no_channel = self._new_announcement(send_sms=False, send_email=False)
        with self.assertRaisesRegex(UserError, "neither by e-mail nor"):
            no_channel.action_send()

    def test_template_in_every_language(self):
        template = self.env["mail.template"].create(
            {
                "name": "Offer",
                "model_id": self.env["ir.model"]._get_id("bvk.student"),
                "subject": "Offer for {{ object.name }}",
                "body_html": "<p>An offer</p>",
            }
        )
        template.with_context(lang="lv_LV").write(
            {
                "subject": "Piedāvājums: {{ object.name }}",
                "body_html": "<p>Piedāvājums</p>",
            }
        )
        announcement = self.env["bvk.announcement"].create(
            {"name": "Offer", "template_id": template.id, "group_ids": self.group.ids}
        )
        self.assertEqual(announcement.subject, "Offer for {{ object.name }}")
        self.assertEqual(
            announcement.with_context(lang="lv_LV").subject,
            "Piedāvājums: {{ object.name }}",
        )

    def test_wizard_from_the_students_list(self):
        students = self.student | self.other
        action = (
            self.env["bvk.announcement"]
            .with_user(self.head)
            .action_new_for_students(students.ids)
        )
        announcement = self.env["bvk.announcement"].browse(action["res_id"])
        self.assertEqual(announcement.count_matched, 2)
        with self.assertRaises(AccessError):
            self.env["bvk.announcement"].with_user(
                self.lecturer
            ).action_new_for_students(students.ids)

    def test_sms_longer_than_two_parts_refused(self):
        """Bad input: a long SMS is refused before anything is queued."""
        announcement = self.env["bvk.announcement"].create(
            {
                "name": "Garā īsziņa",
                "send_email": False,
                "send_sms": True,
                "sms_body": "Ļoti garš paziņojums. " * 7,
            }
        )
        sms_before = self.env["sms.sms"].search_count([])
        with self.assertRaisesRegex(UserError, "two SMS parts"):
            announcement.action_send()
        self.assertEqual(announcement.state, "draft")
        self.assertEqual(self.env["sms.sms"].search_count([]), sms_before)

    def test_new_for_students_refused_below_coordinator(self):
        """The list action drafts an announcement for the SSC only."""
        Announcement = self.env["bvk.announcement"]
        before = Announcement.search_count([])
        students = self.env["bvk.student"].search([], limit=2)
        for user in (self.accountant, self.lecturer):
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                with self.assertRaises(AccessError):
                    Announcement.with_user(user).with_context(
                        bvk_announcement_sender=True
                    ).action_new_for_students(students.ids)
        self.assertEqual(Announcement.search_count([]), before)


@tagged("post_install", "-at_install")
class TestAnnouncementLatvian(BvkCommon):
    """The announcement's messages and the new stage read Latvian."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("lv_LV")
        cls.env["ir.module.module"]._load_module_terms(
            ["bvk_student_crm"], ["lv_LV"], overwrite=True
        )
        cls.env_lv = cls.env(context=dict(cls.env.context, lang="lv_LV"))

    def test_latvian(self):
        stages = dict(
            self.env_lv["bvk.student"]
            ._fields["stage"]
            ._description_selection(self.env_lv)
        )
        self.assertEqual(stages["successful"], "Sekmīgs klients")
        announcement = self.env_lv["bvk.announcement"].create(
            {
                "name": "Tests",
                "group_ids": self.group.ids,
                "student_state": False,
                "subject": "S",
            }
        )
        self.assertIn("Atbilst studējošie: 1", announcement.summary)
        with self.assertRaisesRegex(AccessError, "tikai Studiju atbalsta centrs"):
            announcement.with_user(self.lecturer).with_context(
                lang="lv_LV"
            ).action_send()
