# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class BvkStudyContract(models.Model):
    _inherit = "bvk.study.contract"  # pylint: disable=consider-merging-classes-inherited

    def action_sign(self):
        """A student who signs after the group's start-of-studies e-mail went
        out gets it at signing (step 2)."""
        res = super().action_sign()
        self.student_id._bvk_send_start_notices_if_due()
        return res
