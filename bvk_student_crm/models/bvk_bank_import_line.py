# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import split_every

from .bvk_bank_matcher import BvkBankMatcher

_logger = logging.getLogger(__name__)

OPEN_STATES = ("invoiced", "partial", "overdue")
REVIEW_STATES = ("unmatched", "ambiguous")
# what a user may set on a line under review; the rest comes from the file
USER_FIELDS = {"student_id", "contract_id", "note"}


class BvkBankImportLine(models.Model):
    """One incoming payment of an imported bank file, and the review list of
    the payments that could not be matched automatically."""

    _name = "bvk.bank.import.line"
    _description = "Bank Payment Import Line"
    _order = "import_id desc, position, id"
    _check_company_auto = True
    _payment_batch_size = 200

    import_id = fields.Many2one(
        comodel_name="bvk.bank.import",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    journal_id = fields.Many2one(related="import_id.journal_id")
    unique_key = fields.Char(required=True, readonly=True)
    has_bank_ref = fields.Boolean(readonly=True)
    position = fields.Integer(
        string="No.",
        readonly=True,
        help="Position of the payment in the bank statement: 1 for the first.",
    )
    source_line = fields.Integer(
        string="Line of the File",
        readonly=True,
        help="Where the payment is written in the file itself: the row of a "
        "CSV or XLSX export, the text line of an XML statement.",
    )
    date = fields.Date(required=True, readonly=True)
    amount = fields.Monetary(required=True, readonly=True)
    currency_id = fields.Many2one(related="import_id.currency_id", store=True)
    payer_name = fields.Char(readonly=True)
    payer_iban = fields.Char(string="Payer Account", readonly=True, index=True)
    payer_code = fields.Char(readonly=True)
    details = fields.Char(string="Payment Details", readonly=True)
    bank_ref = fields.Char(string="Bank Reference", readonly=True)
    state = fields.Selection(
        selection=[
            ("pending", "To Process"),
            ("matched", "Matched"),
            ("unmatched", "Unmatched"),
            ("ambiguous", "Ambiguous"),
            ("duplicate", "Duplicate"),
            ("ignored", "Ignored"),
        ],
        string="Status",
        required=True,
        default="unmatched",
        index=True,
    )
    match_rule = fields.Selection(
        selection=[
            ("contract", "Contract number"),
            ("invoice", "Invoice number"),
            ("student_number", "Student number"),
            ("personal_code", "Personal code"),
            ("iban", "Known payer account"),
            ("name_amount", "Payer name and amount"),
            ("manual", "Assigned by hand"),
        ],
        readonly=True,
    )
    student_id = fields.Many2one(
        comodel_name="bvk.student", index="btree_not_null", check_company=True
    )
    contract_id = fields.Many2one(
        comodel_name="bvk.study.contract",
        check_company=True,
        domain="[('student_id', '=?', student_id)]",
    )
    installment_id = fields.Many2one(
        comodel_name="bvk.payment.installment",
        string="Instalment",
        readonly=True,
        help="The instalment whose invoice the payer named: paid first.",
    )
    payment_id = fields.Many2one(
        comodel_name="account.payment",
        string="Registered Payment",
        readonly=True,
        index="btree_not_null",
    )
    note = fields.Char()
    company_id = fields.Many2one(related="import_id.company_id", store=True, index=True)

    def init(self):
        # a bank transaction is imported once, across files and imports
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS bvk_bank_import_line_key_uniq
            ON bvk_bank_import_line (company_id, unique_key)
            WHERE state != 'duplicate'
            """
        )

    @api.depends("payer_name", "amount", "date")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.date} {line.payer_name or ''} {line.amount:.2f}"

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # lines come from a bank file only (bvk.bank.import._import_file)
        if not self.env.su:
            raise AccessError(
                self.env._("Payment lines come from an imported bank file only.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_review_write(vals)
        return super().write(vals)

    def _check_review_write(self, vals):
        """Users choose the student, contract and note of a line under review;
        everything else comes from the bank file and the import."""
        if set(vals) - USER_FIELDS:
            raise AccessError(
                self.env._(
                    "Only the student, contract and note of an imported payment "
                    "can be changed."
                )
            )
        waiting = self.filtered(lambda line: line.state == "pending")
        if waiting:
            raise UserError(
                self.env._(
                    "Line %(line)s is not processed yet: the import is still running.",
                    line=waiting[0].display_name,
                )
            )
        done = self.filtered(lambda line: line.state not in REVIEW_STATES)
        if done:
            raise UserError(
                self.env._(
                    "Line %(line)s is already processed.", line=done[0].display_name
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _check_reviewer(self):
        if self.env.su:
            return
        user = self.env.user
        if not (
            user.has_group("bvk_student_crm.group_bvk_coordinator")
            or user.has_group("account.group_account_invoice")
        ):
            raise AccessError(
                self.env._("Only coordinators and accountants review payments.")
            )
        self.check_access("write")

    def action_assign(self):
        """Pay the reviewed lines to the student or contract set by hand."""
        self._check_reviewer()
        for line in self:
            if line.state not in REVIEW_STATES or line.payment_id:
                raise UserError(
                    self.env._(
                        "Line %(line)s is already processed.", line=line.display_name
                    )
                )
            if not (line.student_id or line.contract_id):
                raise UserError(
                    self.env._(
                        "Choose the student or contract of line %(line)s.",
                        line=line.display_name,
                    )
                )
            if line.contract_id and line.student_id != line.contract_id.student_id:
                if line.student_id:
                    raise UserError(
                        self.env._(
                            "The contract %(contract)s of line %(line)s is not "
                            "%(student)s's.",
                            contract=line.contract_id.name,
                            line=line.display_name,
                            student=line.student_id.name,
                        )
                    )
                line.sudo().student_id = line.contract_id.student_id
            if not line.import_id.file_sha256:
                raise UserError(
                    self.env._(
                        "Line %(line)s does not come from a bank file.",
                        line=line.display_name,
                    )
                )
        lines = self.sudo()
        lines.write({"state": "matched", "match_rule": "manual", "note": False})
        lines._create_payments()
        return True

    def action_ignore(self):
        self._check_reviewer()
        self.filtered(lambda line: line.state in REVIEW_STATES).sudo().write(
            {"state": "ignored"}
        )
        return True

    def action_reset(self):
        self._check_reviewer()
        self.filtered(lambda line: line.state == "ignored").sudo().write(
            {"state": "unmatched"}
        )
        return True

    # ------------------------------------------------------------
    # MATCHING AND PAYMENT
    # ------------------------------------------------------------

    def _match(self):
        for company, lines in self.grouped("company_id").items():
            results = BvkBankMatcher(self.env, company).match(lines)
            matched = defaultdict(list)
            ambiguous = []
            for line in lines:
                rule, student, contract, installment = results.get(
                    line.id, (None, None, None, None)
                )
                if rule == "ambiguous":
                    ambiguous.append(line.id)
                elif rule:
                    matched[
                        rule,
                        student.id,
                        contract.id if contract else False,
                        installment.id if installment else False,
                    ].append(line.id)
            # the company check of each write below reads these: at once
            keys = list(matched)
            self.env["bvk.student"].browse({key[1] for key in keys}).mapped(
                "company_id"
            )
            self.env["bvk.study.contract"].browse(
                {key[2] for key in keys if key[2]}
            ).mapped("company_id")
            for (rule, student_id, contract_id, installment_id), ids in matched.items():
                self.browse(ids).write(
                    {
                        "state": "matched",
                        "match_rule": rule,
                        "student_id": student_id,
                        "contract_id": contract_id,
                        "installment_id": installment_id,
                    }
                )
            if ambiguous:
                self.browse(ambiguous).write(
                    {
                        "state": "ambiguous",
                        "note": self.env._("Several students or contracts fit."),
                    }
                )

    def _allocate(self):
        """Allocate each line to the open instalment whose invoice it names,
        then to the oldest open instalments of its contract (or student):
        ``{line: [(installment, amount)]}``; what is left stays as the payer's
        outstanding credit."""
        domain = [
            ("state", "in", OPEN_STATES),
            ("amount_residual", ">", 0),
            ("move_id", "!=", False),
            "|",
            ("contract_id", "in", self.contract_id.ids),
            "&",
            (
                "student_id",
                "in",
                self.filtered(lambda x: not x.contract_id).student_id.ids,
            ),
            (
                "contract_id.state",
                "in",
                ("signed", "active", "completed", "terminated"),
            ),
        ]
        installments = (
            self.env["bvk.payment.installment"]
            .sudo()
            .search_fetch(
                domain,
                ["contract_id", "student_id", "amount_residual", "payer_id", "move_id"],
                order="date_due, sequence, id",
            )
        )
        by_contract, by_student = defaultdict(list), defaultdict(list)
        for installment in installments:
            by_contract[installment.contract_id.id].append(installment)
            by_student[installment.student_id.id].append(installment)
        left = {
            installment.id: installment.amount_residual for installment in installments
        }
        allocation = {}
        for line in self:
            candidates = (
                by_contract[line.contract_id.id]
                if line.contract_id
                else by_student[line.student_id.id]
            )
            if line.installment_id:
                # the invoice the payer named first, then the oldest
                named = [i for i in candidates if i.id == line.installment_id.id]
                candidates = named + [i for i in candidates if i not in named]
            rest = line.amount
            parts = []
            payer = None
            for installment in candidates:
                if rest <= 0.005:
                    break
                if payer and installment.payer_id != payer:
                    continue
                open_amount = left[installment.id]
                if open_amount <= 0.005:
                    continue
                payer = installment.payer_id
                amount = min(open_amount, rest)
                left[installment.id] = round(open_amount - amount, 2)
                rest = round(rest - amount, 2)
                parts.append((installment, amount))
            allocation[line] = parts
        return allocation

    def _create_payments(self):
        """One posted inbound payment per line, reconciled with the allocated
        instalments' invoices (oldest first)."""
        # no chatter message for each payment, nor for each invoice and
        # instalment whose status the payment changes: the import (its file,
        # its lines and their payments) is the record of them, and these
        # messages would double the cost of a payment
        lines = self.with_context(tracking_disable=True).filtered(
            lambda line: line.state == "matched" and not line.payment_id
        )
        if not lines:
            return self.env["account.payment"]
        allocation = lines._allocate()
        payments = self.env["account.payment"]
        # Odoo's posting slows down per entry as a batch, and the cache, grow:
        # chunks, each one starting from an empty cache
        for ids in split_every(self._payment_batch_size, lines.ids):
            if payments:
                lines.env.flush_all()
                lines.env.invalidate_all()
            payments |= lines.browse(ids)._create_allocated_payments(allocation)
            _logger.info("Bank import: %d/%d payments", len(payments), len(lines))
        # the statuses the payments change are computed here, in this
        # context, not at the caller's next flush
        lines.env.flush_all()
        return payments

    def _create_allocated_payments(self, allocation):
        vals_list = []
        for line in self:
            parts = allocation[line]
            partner = (
                parts[0][0].payer_id
                if parts
                else (line.contract_id.payer_id or line.student_id.partner_id)
            )
            vals_list.append(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": partner.commercial_partner_id.id,
                    "amount": line.amount,
                    "date": line.date,
                    "journal_id": line.journal_id.id,
                    "currency_id": line.currency_id.id,
                    "memo": line.details or line.contract_id.name or "",
                    "payment_reference": line.bank_ref or False,
                    "company_id": line.company_id.id,
                }
            )
        Payment = (
            self.env["account.payment"]
            .sudo()
            .with_context(tracking_disable=True, skip_invoice_sync=True)
        )
        payments = Payment.create(vals_list)
        payments.with_context(bvk_batch_entries=True).action_post()
        # one reconciliation plan for the whole batch: for each payment, its
        # instalments' invoices one after the other (oldest first)
        plan = []
        # read the invoices of this chunk's instalments only
        prefetch = [i.id for line in self for i, _amount in allocation[line]]
        for line, payment in zip(self, payments, strict=True):
            line.payment_id = payment
            parts = [
                (installment.with_prefetch(prefetch), amount)
                for installment, amount in allocation[line]
            ]
            if not parts:
                continue
            pay_line = payment.move_id.line_ids.filtered(
                lambda aml: aml.account_id.account_type == "asset_receivable"
            )
            account = pay_line.account_id
            steps = []
            for installment, _amount in parts:
                inv_lines = installment.move_id.line_ids.filtered(
                    lambda aml, account=account: (
                        aml.account_id == account and not aml.reconciled
                    )
                )
                if inv_lines:
                    steps.append(pay_line | inv_lines)
            if steps:
                plan.append(steps)
        if plan:
            self.env["account.move.line"].sudo()._reconcile_plan(plan)
        return payments
