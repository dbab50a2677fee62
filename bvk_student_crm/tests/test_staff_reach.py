# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Step 3: staff within reach (the group as a channel, the contact log with
meetings in the calendar, the coordinator's "My students")."""

from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import VALID_NEW_CODES, VALID_OLD_CODES, BvkCommon

CONTACT_TYPES = {
    # xml id: (category, icon, delay days)
    "mail_activity_type_contact_email": ("default", "fa-envelope", 1),
    "mail_activity_type_contact_call": ("phonecall", "fa-phone", 1),
    "mail_activity_type_contact_sms": ("default", "fa-mobile", 0),
    "mail_activity_type_contact_meeting": ("meeting", "fa-handshake-o", 5),
    "mail_activity_type_contact_consultation": ("meeting", "fa-comments", 7),
    "mail_activity_type_contact_remote_consultation": (
        "meeting",
        "fa-video-camera",
        7,
    ),
    "mail_activity_type_contact_group_discussion": ("meeting", "fa-users", 14),
}


@tagged("post_install", "-at_install")
class TestStaffReach(BvkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator2 = cls._new_user(
            login="bvk_coordinator2", groups="bvk_student_crm.group_bvk_coordinator"
        )
        cls.group_gf.coordinator_id = cls.coordinator2
        cls.student.state = "active"
        cls.elder = cls._create_student("Kristaps Kalniņš", VALID_OLD_CODES[1])
        cls.elder.state = "active"
        cls.applicant = cls._create_student("Līga Ozola", VALID_OLD_CODES[2])
        cls.graduate = cls._create_student("Jānis Bērziņš", VALID_NEW_CODES[0])
        cls.graduate.state = "graduated"
        cls.other = cls._create_student(
            "Dace Grīnberga", VALID_NEW_CODES[1], group=cls.group_gf
        )
        cls.group.elder_id = cls.elder

    # ------------------------------------------------------------
    # The group as a channel
    # ------------------------------------------------------------

    def test_message_reaches_the_members_and_the_elder_only(self):
        wizard = (
            self.env["bvk.student.group.message"]
            .with_user(self.coordinator)
            .create(
                {
                    "group_id": self.group.id,
                    "subject": "Room change",
                    "body": "<p>Tomorrow in room 204.</p>",
                }
            )
        )
        self.assertEqual(wizard.recipient_count, 3)
        wizard.action_send()
        message = self.group.message_ids.filtered(lambda m: m.subject == "Room change")
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.coordinator.partner_id)
        self.assertEqual(
            message.partner_ids,
            (self.student | self.elder | self.applicant).partner_id,
        )
        # e-mailed (the mails themselves are sent and deleted at once)
        reached = message.notification_ids.filtered(
            lambda n: n.notification_type == "email"
        ).res_partner_id
        self.assertIn(self.elder.partner_id, reached)
        self.assertIn(self.student.partner_id, reached)
        self.assertNotIn(self.graduate.partner_id, reached)
        self.assertNotIn(self.other.partner_id, reached)
        # students do not become followers: the next message reaches the
        # members of the day, and replies land on the group
        self.assertNotIn(self.student.partner_id, self.group.message_partner_ids)
        self.assertEqual(message.model, "bvk.student.group")

    def test_elder_on_leave_still_in_copy(self):
        self.elder.state = "academic_leave"
        recipients = self.group._bvk_message_recipients()
        self.assertIn(self.elder, recipients)
        self.assertNotIn(self.graduate, recipients)

    def test_who_may_message_the_group(self):
        self.group.with_user(self.lecturer)._bvk_message_group(
            "From the lecturer", "<p>Slides are online.</p>"
        )
        for user in (self.other_lecturer, self.accountant, self.employee):
            self.env.invalidate_all()
            with self.assertRaises(AccessError):
                self.group.with_user(user)._bvk_message_group("x", "<p>x</p>")
        with self.assertRaisesRegex(UserError, "Write the message"):
            self.group.with_user(self.coordinator)._bvk_message_group("x", "<p></p>")

    # ------------------------------------------------------------
    # The contact log
    # ------------------------------------------------------------

    def test_contact_activity_types(self):
        for xmlid, (category, icon, days) in CONTACT_TYPES.items():
            activity_type = self.env.ref(f"bvk_student_crm.{xmlid}")
            with self.subTest(xmlid=xmlid):
                self.assertEqual(activity_type.res_model, "bvk.student")
                self.assertEqual(activity_type.category, category)
                self.assertEqual(activity_type.icon, icon)
                self.assertEqual(activity_type.delay_count, days)
                self.assertEqual(activity_type.delay_unit, "days")

    def test_book_remote_consultation(self):
        remote = self.env.ref(
            "bvk_student_crm.mail_activity_type_contact_remote_consultation"
        )
        student = self.student.with_user(self.coordinator)
        event = student._bvk_book_meeting(remote, datetime(2026, 12, 3, 10, 0))
        self.assertIn(self.student.partner_id, event.partner_ids)
        self.assertIn(self.coordinator.partner_id, event.partner_ids)
        self.assertIn("/calendar/join_videocall/", event.videocall_location)
        self.assertEqual((event.res_model, event.res_id), ("bvk.student", student.id))
        self.assertEqual(event.activity_ids.activity_type_id, remote)
        self.assertEqual(event.activity_ids.res_id, self.student.id)
        self.env.invalidate_all()
        self.assertEqual(student.meeting_count, 1)
        self.assertEqual(student.meeting_ids, event)
        action = student.action_view_meetings()
        self.assertEqual(self.env["calendar.event"].search(action["domain"]), event)

    def test_book_through_the_wizard(self):
        action = self.student.with_user(self.coordinator).action_book_meeting()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.coordinator)
            .with_context(**action["context"])
            .create(
                {
                    "activity_type_id": self.env.ref(
                        "bvk_student_crm.mail_activity_type_contact_consultation"
                    ).id,
                    "start": datetime(2026, 12, 7, 11, 0),
                    "name": "Individual study plan",
                }
            )
        )
        result = wizard.action_book()
        event = self.env["calendar.event"].browse(result["res_id"])
        self.assertEqual(event.name, "Individual study plan")
        self.assertIn(self.student.partner_id, event.partner_ids)
        self.assertEqual(event.user_id, self.coordinator)

    def test_book_meeting_in_person(self):
        meeting = self.env.ref("bvk_student_crm.mail_activity_type_contact_meeting")
        event = self.student.with_user(self.lecturer)._bvk_book_meeting(
            meeting, datetime(2026, 12, 4, 14, 0), duration=0.5
        )
        self.assertFalse(event.videocall_location)
        self.assertEqual(event.user_id, self.lecturer)
        with self.assertRaises(AccessError):
            self.other.with_user(self.lecturer)._bvk_book_meeting(
                meeting, datetime(2026, 12, 4, 14, 0)
            )
        with self.assertRaises(AccessError):
            self.student.with_user(self.employee)._bvk_book_meeting(
                meeting, datetime(2026, 12, 4, 14, 0)
            )

    # ------------------------------------------------------------
    # My students
    # ------------------------------------------------------------

    def _my_students(self, user):
        action = self.env.ref("bvk_student_crm.bvk_student_action_my")
        domain = safe_eval(action.domain, {"uid": user.id})
        self.env.invalidate_all()
        return self.env["bvk.student"].with_user(user).search(domain)

    def test_my_students_per_coordinator(self):
        mine = self._my_students(self.coordinator)
        self.assertEqual(
            mine, self.student | self.elder | self.applicant | self.graduate
        )
        self.assertEqual(self._my_students(self.coordinator2), self.other)
        self.assertFalse(self._my_students(self.head))

    def test_my_students_filters(self):
        self.student.activity_schedule(
            "bvk_student_crm.mail_activity_type_contact_call",
            user_id=self.coordinator.id,
        )
        Student = self.env["bvk.student"].with_user(self.coordinator)
        self.env.invalidate_all()
        base = [("group_id.coordinator_id", "=", self.coordinator.id)]
        self.assertEqual(
            Student.search([*base, ("activity_ids", "!=", False)]), self.student
        )
        self.assertFalse(Student.search([*base, ("has_academic_debt", "=", True)]))
        self.assertFalse(Student.search([*base, ("has_overdue_payment", "=", True)]))
        self.assertEqual(
            Student.search([*base, ("has_overdue_payment", "=", False)]),
            self.student | self.elder | self.applicant | self.graduate,
        )
        self.assertEqual(Student.browse(self.student.id).stage, "new")
