# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class BvkStudyProgram(models.Model):
    """The tuition product invoiced for a programme (payment schedules)."""

    _inherit = "bvk.study.program"

    tuition_product_id = fields.Many2one(
        comodel_name="product.product",
        check_company=True,
        help="Invoiced for the instalments of the programme's contracts; "
        "created on the first invoice when empty.",
    )

    def _get_tuition_product(self):
        self.ensure_one()
        if not self.tuition_product_id:
            self.tuition_product_id = self.env["product.product"].create(
                {
                    "name": self.env._(
                        "Tuition: %(programme)s", programme=self.display_name
                    ),
                    "type": "service",
                    "default_code": f"TUITION-{self.code}",
                    "taxes_id": [(5, 0, 0)],
                    "sale_ok": True,
                    "purchase_ok": False,
                    "company_id": self.company_id.id,
                }
            )
        return self.tuition_product_id
