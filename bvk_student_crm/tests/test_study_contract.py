# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import VALID_OLD_CODES, BvkCommon


@tagged("post_install", "-at_install")
class TestStudyContract(BvkCommon):
    def test_defaults_from_student_and_programme(self):
        contract = self._create_contract()
        self.assertRecordValues(
            contract,
            [
                {
                    "state": "draft",
                    "program_id": self.program.id,
                    "group_id": self.group.id,
                    "payer_id": self.student.partner_id.id,
                    "amount_total": 4 * 1534.0,
                    "currency_id": self.eur.id,
                    "date_end": date(2028, 8, 31),
                }
            ],
        )
        # numbered at signing, not at creation
        self.assertEqual(contract.name, "/")

    def test_numbers_follow_sequence(self):
        first = self._create_contract()
        second = self._create_contract(
            student=self._create_student("Jānis Bērziņš", VALID_OLD_CODES[1])
        )
        second.with_user(self.director).action_sign()
        first.with_user(self.director).action_sign()
        self.assertRegex(first.name, r"^SL-\d{4}/\d{4}$")
        self.assertLess(second.name, first.name)

    def test_full_workflow(self):
        contract = self._create_contract()
        contract.with_user(self.director).action_sign()
        self.assertRecordValues(
            contract,
            [{"state": "signed", "signed_by_id": self.director.id}],
        )
        self.assertTrue(contract.date_signed)
        self.assertEqual(self.student.stage, "contract")
        self.assertEqual(self.student.state, "applicant")
        contract.with_user(self.coordinator).action_activate()
        self.assertEqual(contract.state, "active")
        self.assertEqual(self.student.state, "active")
        self.assertEqual(self.student.stage, "studying")
        # a contract ends through an order: the button opens its wizard and
        # the order's signing (as superuser) completes the contract
        action = contract.with_user(self.head).action_complete()
        self.assertEqual(action["res_model"], "bvk.order.exmatriculate")
        self.assertEqual(contract.state, "active")
        contract.sudo().action_complete()
        self.assertEqual(contract.state, "completed")

    def test_sign_sends_contract_to_student(self):
        contract = self._create_contract()
        contract.with_user(self.director).action_sign()
        message = contract.message_ids.filtered(
            lambda m: m.message_type == "comment" and m.attachment_ids
        )
        self.assertEqual(len(message), 1)
        self.assertIn(self.student.partner_id, message.partner_ids)
        self.assertIn(contract.name, message.subject)
        self.assertIn(contract.name.replace("/", "-"), message.attachment_ids.name)

    def test_only_director_signs(self):
        contract = self._create_contract()
        for user in (self.head, self.coordinator):
            with self.assertRaises(AccessError):
                contract.with_user(user).action_sign()
        self.assertEqual(contract.state, "draft")

    def test_sign_requires_identification_email_tuition(self):
        student = self.env["bvk.student"].create(
            {
                "name": "Olena Kovalenko",
                "id_type": "document",
                "group_id": self.group.id,
            }
        )
        contract = self._create_contract(student=student, amount_total=0.0)
        with self.assertRaises(UserError) as ctx:
            contract.with_user(self.director).action_sign()
        message = str(ctx.exception)
        self.assertIn("identity document", message)
        self.assertIn("e-mail", message)
        self.assertIn("tuition", message)
        self.assertEqual(contract.state, "draft")
        student.write(
            {
                "id_document_number": "FX123456",
                "birth_date": date(2001, 5, 4),
                "email": "olena@example.ua",
            }
        )
        contract.amount_total = 3068.0
        contract.with_user(self.director).action_sign()
        self.assertEqual(contract.state, "signed")

    def test_sign_requires_valid_personal_code(self):
        student = self.env["bvk.student"].create(
            {"name": "Bez Koda", "email": "bez@example.lv", "group_id": self.group.id}
        )
        contract = self._create_contract(student=student)
        with self.assertRaisesRegex(UserError, "no personal code"):
            contract.with_user(self.director).action_sign()

    def test_one_running_contract_per_student_and_programme(self):
        contract = self._create_contract()
        contract.with_user(self.director).action_sign()
        second = self._create_contract()
        with self.assertRaises(ValidationError):
            second.with_user(self.director).action_sign()
        # another programme is fine
        other = self._create_contract(program_id=self.program_gf.id)
        other.with_user(self.director).action_sign()
        self.assertEqual(other.state, "signed")
        # once the first one ends (an expulsion order's signing), a new one
        # may run
        contract.sudo().action_terminate()
        second.with_user(self.director).action_sign()
        self.assertEqual(second.state, "signed")

    def test_no_way_back_from_signed_to_draft(self):
        contract = self._create_contract()
        contract.with_user(self.director).action_sign()
        with self.assertRaises(UserError):
            contract.action_draft()
        contract.with_user(self.head).action_cancel()
        with self.assertRaisesRegex(UserError, "signed cannot go back"):
            contract.action_draft()

    def test_cancelled_draft_can_be_reset(self):
        contract = self._create_contract()
        contract.action_cancel()
        contract.action_draft()
        self.assertEqual(contract.state, "draft")

    def test_invalid_transitions(self):
        contract = self._create_contract()
        with self.assertRaises(UserError):
            contract.action_activate()
        with self.assertRaises(UserError):
            contract.action_complete()
        with self.assertRaises(UserError):
            contract.action_terminate()

    def test_delete_only_draft(self):
        contract = self._create_contract()
        contract.with_user(self.director).action_sign()
        with self.assertRaises(UserError):
            contract.unlink()
        draft = self._create_contract(program_id=self.program_gf.id)
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_end_before_start_rejected(self):
        with self.assertRaises(ValidationError):
            self._create_contract(date_end=date(2026, 1, 1))

    def test_other_payer(self):
        employer = self.env["res.partner"].create({"name": "SIA Darba Devējs"})
        contract = self._create_contract(payer_id=employer.id)
        self.assertEqual(contract.payer_id, employer)

    def test_terminate_records_date(self):
        contract = self._create_contract()
        contract.with_user(self.director).action_sign()
        contract.action_activate()
        action = contract.with_user(self.head).action_terminate()
        self.assertEqual(action["res_model"], "bvk.order.expel")
        contract.sudo().action_terminate()
        self.assertEqual(contract.state, "terminated")
        self.assertTrue(contract.date_terminated)

    def test_state_changes_tracked(self):
        contract = (
            self.env["bvk.study.contract"]
            .with_context(tracking_disable=False)
            .create({"student_id": self.student.id})
        )
        # signing happens in a later transaction than the creation
        self.env.flush_all()
        self.env.cr.precommit.run()
        contract.with_user(self.director).action_sign()
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", contract._name),
                ("mail_message_id.res_id", "=", contract.id),
                ("field_id.name", "=", "state"),
            ]
        )
        self.assertEqual(tracked.new_value_char, "Signed")


@tagged("post_install", "-at_install")
class TestStudentAndGroup(BvkCommon):
    def test_group_sets_programme_and_coordinator(self):
        self.assertEqual(self.student.program_id, self.program)
        self.assertEqual(self.student.coordinator_id, self.coordinator)
        self.assertEqual(self.group.student_count, 1)

    def test_group_of_other_programme_rejected(self):
        with self.assertRaises(ValidationError):
            self.student.group_id = self.group_gf

    def test_elder_must_belong_to_group(self):
        self.group.elder_id = self.student
        outsider = self._create_student(
            "Kristaps Kalniņš", VALID_OLD_CODES[1], group=self.group_gf
        )
        with self.assertRaises(ValidationError):
            self.group.elder_id = outsider

    def test_stage_follows_records(self):
        self.assertEqual(self.student.stage, "new")
        self.student.state = "academic_leave"
        self.assertEqual(self.student.stage, "leave")
        self.student.state = "exmatriculated"
        self.assertEqual(self.student.stage, "left")
        self.student.state = "graduated"
        self.assertEqual(self.student.stage, "completed")

    def test_contract_count(self):
        self._create_contract()
        self.assertEqual(self.student.contract_count, 1)
        action = self.student.action_view_contracts()
        self.assertEqual(action["domain"], [("student_id", "=", self.student.id)])


@tagged("post_install", "-at_install")
class TestAcademicCalendar(BvkCommon):
    def test_year_creates_two_semesters(self):
        year = self.env["bvk.academic.year"].create({"date_start": date(2030, 9, 1)})
        self.assertEqual(year.name, "2030/2031")
        self.assertEqual(year.date_end, date(2031, 8, 31))
        autumn, spring = year.semester_ids.sorted("date_start")
        self.assertRecordValues(
            autumn | spring,
            [
                {
                    "season": "autumn",
                    "date_start": date(2030, 9, 1),
                    "date_end": date(2031, 2, 28),
                },
                {
                    "season": "spring",
                    "date_start": date(2031, 3, 1),
                    "date_end": date(2031, 8, 31),
                },
            ],
        )

    def test_overlapping_years_rejected(self):
        self.env["bvk.academic.year"].create({"date_start": date(2030, 9, 1)})
        with self.assertRaises(ValidationError):
            self.env["bvk.academic.year"].create({"date_start": date(2031, 1, 1)})

    def test_semester_outside_year_rejected(self):
        year = self.env["bvk.academic.year"].create({"date_start": date(2030, 9, 1)})
        with self.assertRaises(ValidationError):
            year.semester_ids[0].date_end = date(2032, 1, 1)

    @freeze_time("2031-03-15")
    def test_current_semester(self):
        year = self.env["bvk.academic.year"].create({"date_start": date(2030, 9, 1)})
        spring = year.semester_ids.filtered(lambda s: s.season == "spring")
        self.assertTrue(year.is_current)
        self.assertTrue(spring.is_current)
        domain = [("academic_year_id", "=", year.id)]
        Semester = self.env["bvk.semester"]
        self.assertEqual(Semester.search([*domain, ("is_current", "=", True)]), spring)
        self.assertEqual(
            Semester.search([*domain, ("is_current", "=", False)]),
            year.semester_ids - spring,
        )
        self.assertEqual(Semester._get_current(), spring)
