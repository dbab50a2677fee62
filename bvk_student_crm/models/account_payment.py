# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, models
from odoo.tools import SQL


class AccountPayment(models.Model):
    _inherit = "account.payment"

    def _generate_journal_entry(
        self, write_off_line_vals=None, force_balance=None, line_ids=None
    ):
        """The journal entries of many payments at once (the bank import sets
        ``bvk_batch_entries``): the same entries as Odoo's, created in one
        batch with their numbers, their partner already following them and,
        when no analytic distribution model exists, no search for one per
        line; the payments then point to their entries in one UPDATE
        instead of one write per payment.

        A copy of Odoo's method (account/models/account_payment.py), guarded
        by tests/test_odoo_copies.py: same entries as Odoo's on the same data,
        and a hash of the original (README, 'Where this module depends on
        Odoo internals')."""
        if (
            not self.env.context.get("bvk_batch_entries")
            or len(self) < 2
            or write_off_line_vals
            or force_balance
            or line_ids
        ):
            return super()._generate_journal_entry(
                write_off_line_vals=write_off_line_vals,
                force_balance=force_balance,
                line_ids=line_ids,
            )
        need_move = self.filtered(lambda p: not p.move_id and p.outstanding_account_id)
        if not need_move:
            return
        no_analytic_model = (
            not self.env["account.analytic.distribution.model"]
            .sudo()
            .search_count([], limit=1)
        )
        move_vals = []
        for pay in need_move:
            lines_vals = pay._prepare_move_line_default_vals()
            if no_analytic_model:
                for line_vals in lines_vals:
                    line_vals.setdefault("analytic_distribution", False)
            move_vals.append(
                {
                    "move_type": "entry",
                    "ref": pay.memo,
                    "date": pay.date,
                    "journal_id": pay.journal_id.id,
                    "company_id": pay.company_id.id,
                    "partner_id": pay.partner_id.id,
                    "currency_id": pay.currency_id.id,
                    "partner_bank_id": pay.partner_bank_id.id,
                    "line_ids": [Command.create(vals) for vals in lines_vals],
                    "origin_payment_id": pay.id,
                    # posting subscribes the partner, one record at a time
                    "message_follower_ids": [
                        Command.create(
                            {"res_model": "account.move", "partner_id": partner.id}
                        )
                        for partner in pay.partner_id
                    ],
                }
            )
        moves = self.env["account.move"].create(move_vals)
        self.env.cr.execute(
            SQL(
                """
                UPDATE account_payment pay
                   SET move_id = move.id, state = 'in_process',
                       write_uid = %s, write_date = %s
                  FROM account_move move
                 WHERE move.origin_payment_id = pay.id AND pay.id IN %s
                """,
                self.env.uid,
                self.env.cr.now(),
                tuple(need_move.ids),
            )
        )
        need_move.invalidate_recordset(["move_id", "state", "write_uid", "write_date"])
        need_move.modified(["move_id", "state"])
        moves.invalidate_recordset(["origin_payment_id"])
