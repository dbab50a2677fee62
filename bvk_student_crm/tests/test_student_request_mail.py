# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MailCommon

from .common import BvkCommon

# an e-mail with a text part and an attached application (as the tests of
# Odoo's mail gateway write them: test_mail/data/test_mail_data.py)
MAIL_REQUEST = """Return-Path: {return_path}
To: {to}
cc: {cc}
From: {email_from}
Subject: {subject}
MIME-Version: 1.0
Content-Type: multipart/mixed;
    boundary="----=_Part_4200734_24778174.1344608186754"
Date: Fri, 13 Nov 2026 10:16:26 +0000
Message-ID: {msg_id}
{extra}
------=_Part_4200734_24778174.1344608186754
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Lūdzu atlikt novembra maksājumu līdz decembrim.

--
Anna
------=_Part_4200734_24778174.1344608186754
Content-Type: application/pdf; name="iesniegums.pdf"
Content-Disposition: attachment; filename="iesniegums.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJcOkw7zDtsOfCjIgMCBvYmoK
------=_Part_4200734_24778174.1344608186754--
"""


@tagged("post_install", "-at_install")
class TestStudentRequestMail(BvkCommon, MailCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias = cls.env.ref("bvk_student_crm.mail_alias_student_request")
        cls.alias.alias_domain_id = cls.mail_alias_domain
        cls.alias_email = f"{cls.alias.alias_name}@{cls.alias_domain}"
        cls.env.company.bvk_ssc_head_id = cls.head

    def _process(self, email_from, subject, extra="", msg_id=False):
        return self.format_and_process(
            MAIL_REQUEST,
            email_from,
            self.alias_email,
            subject=subject,
            extra=extra,
            msg_id=msg_id,
            target_model="bvk.student.request",
            target_field="subject",
        )

    def test_known_sender(self):
        with self.mock_mail_gateway():
            request = self._process(
                '"Anna Priede" <ANNA@example.lv>',
                "Novembra maksājums",
                msg_id="<req-anna-1@example.lv>",
            )
        self.assertEqual(len(request), 1)
        self.assertRecordValues(
            request,
            [
                {
                    "student_id": self.student.id,
                    "student_unknown": False,
                    "channel": "email",
                    "state": "new",
                    "user_id": self.coordinator.id,
                }
            ],
        )
        self.assertRegex(request.name, r"^IES-\d{4}/\d{4}$")
        self.assertIn("atlikt novembra maksājumu", request.description)
        self.assertEqual(request.attachment_ids.mapped("name"), ["iesniegums.pdf"])
        self.assertIn(self.student.partner_id, request.message_partner_ids)
        # the e-mail is on the request's chatter, from the student
        message = request.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(message.author_id, self.student.partner_id)

        # the student's reply goes to the same request
        with self.mock_mail_gateway():
            self.format_and_process(
                MAIL_REQUEST,
                '"Anna Priede" <anna@example.lv>',
                self.alias_email,
                subject="Re: Novembra maksājums",
                extra="In-Reply-To: <req-anna-1@example.lv>\n",
                msg_id="<req-anna-2@example.lv>",
                target_model="bvk.student.request",
                target_field="subject",
            )
        self.assertEqual(
            self.env["bvk.student.request"].search_count(
                [("student_id", "=", self.student.id)]
            ),
            1,
        )
        self.assertEqual(
            len(request.message_ids.filtered(lambda m: m.message_type == "email")), 2
        )

    def test_unknown_sender(self):
        with self.mock_mail_gateway():
            request = self._process(
                "Nezināms <nobody@example.com>", "Jautājums par uzņemšanu"
            )
        self.assertEqual(len(request), 1)
        self.assertRecordValues(
            request,
            [
                {
                    "student_id": False,
                    "student_unknown": True,
                    "user_id": self.head.id,
                }
            ],
        )
        self.assertIn("nobody@example.com", request.email_from)
        # the chatter suggests answering the sender
        suggested = request._message_get_suggested_recipients()
        self.assertIn("nobody@example.com", str([s.get("email") for s in suggested]))
        # a coordinator sees it to assign it
        self.env.invalidate_all()
        self.assertEqual(
            self.env["bvk.student.request"]
            .with_user(self.coordinator)
            .search(
                [("student_unknown", "=", True), ("email_from", "ilike", "nobody@")]
            ),
            request,
        )

    def test_answer_reply_threads(self):
        """The answer e-mailed to the student and the student's reply to it
        stay on the request."""
        with self.mock_mail_gateway():
            request = self._process(
                '"Anna Priede" <anna@example.lv>', "Izziņa", msg_id="<req-3@x.lv>"
            )
            request.answer = "<p>Izziņa ir gatava.</p>"
            request.with_user(self.coordinator).action_answer()
        answer_mail = self.env["mail.mail"].search(
            [
                ("model", "=", request._name),
                ("res_id", "=", request.id),
                ("recipient_ids", "in", self.student.partner_id.ids),
            ]
        )
        self.assertEqual(len(answer_mail), 1)
        self.assertIn(request.name, answer_mail.subject)
        with self.mock_mail_gateway():
            self.format_and_process(
                MAIL_REQUEST,
                '"Anna Priede" <anna@example.lv>',
                answer_mail.reply_to,
                subject="Re: answer",
                extra=f"In-Reply-To: {answer_mail.message_id}\n",
                target_model="bvk.student.request",
                target_field="subject",
            )
        self.assertEqual(
            self.env["bvk.student.request"].search_count(
                [("student_id", "=", self.student.id)]
            ),
            1,
        )
        self.assertEqual(request.message_ids[:1].author_id, self.student.partner_id)
