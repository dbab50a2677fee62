# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .bvk_academic_obligation import DONE_STATES

# instalments that are still owed
UNPAID_INSTALLMENT_STATES = ("planned", "invoiced", "partial", "overdue")


class BvkThanks(models.Model):
    """Step 3.4: the thank-you message to a student who fulfilled a study
    contract: the contract completed, every instalment paid and every
    academic obligation passed. One per contract (a unique key in the
    database), so it is never sent twice, even by two concurrent runs; its
    existence makes the student a successful client (process stage)."""

    _name = "bvk.thanks"
    _description = "Thank-you Message"
    _order = "date desc, id desc"
    _rec_name = "contract_id"
    _check_company_auto = True

    student_id = fields.Many2one(
        comodel_name="bvk.student",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    contract_id = fields.Many2one(
        comodel_name="bvk.study.contract",
        string="Study Contract",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    message_id = fields.Many2one(comodel_name="mail.message", ondelete="set null")
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    _sql_constraints = [
        (
            "contract_uniq",
            "unique(contract_id)",
            "A study contract is thanked for once.",
        ),
    ]

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _bvk_fulfilled(self, contracts):
        """The contracts of ``contracts`` whose obligations are fulfilled:
        completed, with no instalment still owed and no academic obligation
        of the student that is not passed (or waived)."""
        contracts = contracts.sudo().filtered(lambda c: c.state == "completed")
        if not contracts:
            return contracts
        owing = {
            contract.id
            for [contract] in self.env["bvk.payment.installment"]
            .sudo()
            ._read_group(
                [
                    ("contract_id", "in", contracts.ids),
                    ("state", "in", UNPAID_INSTALLMENT_STATES),
                ],
                ["contract_id"],
            )
        }
        not_passed = {
            student.id
            for [student] in self.env["bvk.academic.obligation"]
            .sudo()
            ._read_group(
                [
                    ("student_id", "in", contracts.student_id.ids),
                    ("state", "not in", DONE_STATES),
                ],
                ["student_id"],
            )
        }
        return contracts.filtered(
            lambda c: c.id not in owing and c.student_id.id not in not_passed
        )

    @api.model
    def _bvk_send_thanks(self, contracts):
        """Thank the students of the fulfilled ``contracts`` not yet thanked
        (once per contract); return the new thank-you records."""
        fulfilled = self._bvk_fulfilled(contracts)
        if not fulfilled:
            return self.browse()
        done = set(
            self.sudo()
            .search_fetch([("contract_id", "in", fulfilled.ids)], ["contract_id"])
            .contract_id.ids
        )
        fulfilled = fulfilled.filtered(lambda c: c.id not in done)
        if not fulfilled:
            return self.browse()
        thanks = self.sudo().create(
            [
                {
                    "student_id": contract.student_id.id,
                    "contract_id": contract.id,
                    "company_id": contract.company_id.id,
                }
                for contract in fulfilled
            ]
        )
        # the unique key is checked now: a concurrent run that thanked the
        # same contract makes this transaction fail before anything is sent
        thanks.flush_recordset()
        template = self.env.ref(
            "bvk_student_crm.mail_template_contract_thanks", raise_if_not_found=False
        )
        if template:
            for record in thanks:
                contract = record.contract_id
                program = contract.program_id.with_context(lang=record.student_id.lang)
                record.message_id = record.student_id.with_context(
                    bvk_contract_name=contract.name,
                    bvk_program_name=program.name,
                ).message_post_with_source(
                    template, message_type="comment", subtype_xmlid="mail.mt_comment"
                )
        return thanks

    @api.model
    def _cron_send_thanks(self):
        """Daily: thank the students whose completed contract became
        fulfilled since (a last instalment paid, a last debt passed)."""
        thanked = self.sudo().search([]).contract_id.ids
        contracts = (
            self.env["bvk.study.contract"]
            .sudo()
            .search([("state", "=", "completed"), ("id", "not in", thanked)])
        )
        batch = 500
        total = 0
        for start in range(0, len(contracts), batch):
            total += len(self._bvk_send_thanks(contracts[start : start + batch]))
        self.env["ir.cron"]._notify_progress(done=total, remaining=0)
