# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models


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

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("bvk_batch_entries"):
            # instalment invoices, entries of imported payments: numbered
            # here, all at once, instead of "last sequence" queries and a
            # write per entry when created and posted
            todo = [
                index
                for index, vals in enumerate(vals_list)
                if not vals.get("name")
                and vals.get("journal_id")
                and (vals.get("date") or vals.get("invoice_date"))
            ]
            names = self._bvk_sequence_names([vals_list[index] for index in todo])
            # the caller's dicts are left as they were
            vals_list = list(vals_list)
            for index, name in zip(todo, names, strict=True):
                vals_list[index] = dict(vals_list[index], name=name)
        return super().create(vals_list)

    @api.model
    def _bvk_sequence_names(self, vals_list):
        """Numbers for the entries about to be created from ``vals_list``
        (dicts with journal_id, date or invoice_date, move_type, and
        origin_payment_id for payments).

        The first entry of each journal and sequence period asks the database
        for the last number as Odoo does; the next ones follow it in memory,
        in the order in which Odoo's ``_compute_name`` numbers entries posted
        together (date, reference, creation). The unique index on the entry
        name still guards against a concurrent transaction taking the same
        numbers (the whole import then fails and can be run again).

        Guarded by tests/test_odoo_copies.py (same numbers as Odoo's across a
        month and a year boundary and in a journal numbered per month, and a
        hash of the Odoo methods it mirrors).
        """
        names = [False] * len(vals_list)
        groups = defaultdict(list)
        dates = [
            fields.Date.to_date(vals.get("date") or vals["invoice_date"])
            for vals in vals_list
        ]
        for index, vals in enumerate(vals_list):
            key = (
                vals["journal_id"],
                vals.get("move_type", "entry"),
                bool(vals.get("origin_payment_id")),
            )
            groups[key].append(index)
        for (journal_id, move_type, _is_payment), indexes in groups.items():
            # the order of _compute_name: date, reference, creation
            indexes.sort(key=lambda i: (dates[i], vals_list[i].get("ref") or "", i))
            first = vals_list[indexes[0]]
            probe = self.new(
                {
                    "journal_id": journal_id,
                    "move_type": move_type,
                    "date": dates[indexes[0]],
                    "company_id": first.get("company_id")
                    or self.env["account.journal"].browse(journal_id).company_id.id,
                    "origin_payment_id": first.get("origin_payment_id"),
                }
            )
            period = reset = format_string = values = None
            for index in indexes:
                probe.date = dates[index]
                if period and probe._get_sequence_date_range(reset) == period:
                    values["seq"] += 1
                else:
                    format_string, values, reset = probe._bvk_sequence_start()
                    period = probe._get_sequence_date_range(reset)
                names[index] = format_string.format(**values)
        return names

    def _bvk_sequence_start(self):
        """The format and the next number of the sequence of this (new)
        entry: what ``sequence.mixin._set_next_sequence`` computes (a copy of
        its first half, account/models/sequence_mixin.py), without writing."""
        last_sequence = self._get_last_sequence()
        new = not last_sequence
        if new:
            last_sequence = (
                self._get_last_sequence(relaxed=True) or self._get_starting_sequence()
            )
        format_string, values = self._get_sequence_format_param(last_sequence)
        reset = self._deduce_sequence_number_reset(last_sequence)
        if new:
            date_start, date_end, year_start, year_end = self._get_sequence_date_range(
                reset
            )
            values["seq"] = 0
            values["year"] = self._truncate_year_to_length(
                year_start or date_start.year, values["year_length"]
            )
            values["year_end"] = self._truncate_year_to_length(
                year_end or date_end.year, values["year_end_length"]
            )
            values["month"] = self.date.month
        values["seq"] += 1
        return format_string, values, reset
