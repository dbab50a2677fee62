# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import BvkCommon


@tagged("post_install", "-at_install")
class TestLatvianMessages(BvkCommon):
    """Users read Latvian: errors and workflow messages come translated."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("lv_LV")
        cls.env["ir.module.module"]._load_module_terms(
            ["bvk_student_crm"], ["lv_LV"], overwrite=True
        )
        cls.env_lv = cls.env(context=dict(cls.env.context, lang="lv_LV"))

    def test_personal_code_error_in_latvian(self):
        with self.assertRaises(ValidationError) as ctx:
            self.env_lv["bvk.student"].create(
                {"name": "Līga Ozola", "personal_code": "010190-12340"}
            )
        message = str(ctx.exception)
        self.assertIn("nepareizs kontrolcipars", message)
        self.assertIn("010190-12340", message)
        self.assertIn("Līga Ozola", message)

    def test_signing_refused_in_latvian(self):
        contract = self._create_contract()
        head_lv = self.head.with_context(lang="lv_LV")
        with self.assertRaises(AccessError) as ctx:
            contract.with_user(head_lv).with_context(lang="lv_LV").action_sign()
        self.assertIn("tikai direktors", str(ctx.exception))

    def test_selection_labels_in_latvian(self):
        contract = self._create_contract()
        states = dict(contract._fields["state"]._description_selection(self.env_lv))
        self.assertEqual(states["draft"], "Melnraksts")
        self.assertEqual(states["signed"], "Parakstīts")

    def test_new_student_speaks_latvian(self):
        student = self._create_student("Jānis Bērziņš", "320000-12345")
        self.assertEqual(student.lang, "lv_LV")

    def test_shared_labels_told_apart(self):
        """One English label, one Latvian word: where Latvian needs two words
        the English labels differ (latvian-review §1 row 1, §2a)."""
        env = self.env_lv

        def selection(model, field):
            return dict(env[model]._fields[field]._description_selection(env))

        def label(model, field):
            return env[model]._fields[field]._description_string(env)

        # an exam passed with 8 is "nokārtots", only a pass/fail test is
        # "ieskaitīts"
        states = selection("bvk.academic.obligation", "state")
        grades = selection("bvk.academic.obligation", "grade")
        self.assertEqual(states["passed"], "Nokārtots")
        self.assertEqual(states["failed"], "Nenokārtots")
        self.assertEqual(grades["passed"], "Ieskaitīts")
        self.assertEqual(grades["failed"], "Neieskaitīts")
        # an instalment is "kavēts", an amount is "kavētā summa"
        self.assertEqual(
            selection("bvk.payment.installment", "state")["overdue"], "Kavēts"
        )
        self.assertEqual(label("bvk.student", "payment_amount_overdue"), "Kavētā summa")
        # the payment booked for an imported line is one payment
        self.assertEqual(
            label("bvk.bank.import.line", "payment_id"), "Reģistrētais maksājums"
        )
        self.assertEqual(
            selection("bvk.payment.installment", "state")["covered"],
            "Saskaņā ar vienošanos",
        )
