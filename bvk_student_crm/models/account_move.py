# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    bvk_installment_id = fields.Many2one(
        comodel_name="bvk.payment.installment",
        string="Tuition Instalment",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    bvk_installment_ids = fields.One2many(
        comodel_name="bvk.payment.installment",
        inverse_name="move_id",
        string="Instalments",
    )

    def _bvk_name_in_batch(self):
        """Number draft entries of one batch (instalment invoices, imported
        payments) at once, before posting them.

        Posting numbers each entry with its own "last sequence" queries on
        the journal, which grow with the journal; here the first entry of
        each journal is numbered the standard way and the next ones of the
        same sequence period follow it in memory, so posting keeps the names.
        Entries of another period keep "/" and are numbered on posting.
        """
        # only names change: no balance check nor line sync per entry
        drafts = self.with_context(
            check_move_validity=False, skip_invoice_sync=True
        ).filtered(lambda m: m.state == "draft" and m.name in (False, "/"))
        for moves in drafts.grouped("journal_id").values():
            moves = moves.sorted(lambda m: (m.date, m.id))
            if len(moves) < 2:
                continue
            first = moves[0]
            first._set_next_sequence()
            format_string, values = first._get_sequence_format_param(first.name)
            reset = first._deduce_sequence_number_reset(first.name)
            period = first._get_sequence_date_range(reset)
            for move in moves[1:]:
                if move._get_sequence_date_range(reset) != period:
                    continue
                values["seq"] += 1
                move.name = format_string.format(**values)
