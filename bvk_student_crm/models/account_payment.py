# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    def _generate_journal_entry(
        self, write_off_line_vals=None, force_balance=None, line_ids=None
    ):
        """With ``bvk_name_in_batch`` in the context (the payment import),
        number the new entries in one go before they are posted."""
        without_move = self.filtered(lambda p: not p.move_id)
        res = super()._generate_journal_entry(
            write_off_line_vals=write_off_line_vals,
            force_balance=force_balance,
            line_ids=line_ids,
        )
        if self.env.context.get("bvk_name_in_batch"):
            without_move.move_id._bvk_name_in_batch()
        return res
