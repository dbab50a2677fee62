# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from .bvk_obligation_mixin import BvkObligationMixin

INSTALLMENT_STATES = [
    ("planned", "Planned"),
    ("invoiced", "Invoiced"),
    ("partial", "Partially Paid"),
    ("paid", "Paid"),
    ("overdue", "Overdue"),
    ("covered", "Covered by Agreement"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("invoiced", "partial", "overdue")
LOCKED_FIELDS = {"date_due", "amount", "payer_id", "schedule_id"}


class BvkPaymentInstallment(models.Model):
    """One instalment of a payment schedule, invoiced as a customer invoice.

    Paid amount, residual and state come from the invoice's reconciliation,
    so whatever accounting does (payment, reconciliation, credit note) shows
    here. As an obligation it is reminded and covered by agreements through
    the shared mixin.
    """

    _name = "bvk.payment.installment"
    _description = "Payment Instalment"
    _inherit = ["bvk.obligation.mixin", "mail.thread"]
    _order = "date_due, schedule_id, sequence, id"
    _check_company_auto = True
    _bvk_reminder_kind = "payment"
    _bvk_due_date_field = "date_due"
    # set by invoicing and agreements, never by hand
    _bvk_workflow_fields = (
        *BvkObligationMixin._bvk_workflow_fields,
        "move_id",
        "cancelled",
        "amount_credited",
    )

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    # in the reader's language: a stored label kept the language of whoever
    # created the schedule, in Latvian e-mails, PDFs and invoices as well
    name = fields.Char(compute="_compute_name", search="_search_name")
    schedule_id = fields.Many2one(
        comodel_name="bvk.payment.schedule",
        string="Payment Schedule",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=1)
    contract_id = fields.Many2one(
        related="schedule_id.contract_id", store=True, index=True
    )
    student_id = fields.Many2one(
        related="schedule_id.contract_id.student_id", store=True, index=True
    )
    group_id = fields.Many2one(
        related="schedule_id.contract_id.group_id", store=True, string="Group"
    )
    program_id = fields.Many2one(
        related="schedule_id.contract_id.program_id", store=True, string="Programme"
    )
    coordinator_id = fields.Many2one(related="student_id.coordinator_id")
    date_due = fields.Date(string="Due Date", required=True, index=True, tracking=True)
    date_invoice = fields.Date(
        string="Invoice Date",
        compute="_compute_date_invoice",
        store=True,
        index=True,
        help="When the invoice is posted.",
    )
    amount = fields.Monetary(required=True, tracking=True)
    currency_id = fields.Many2one(related="schedule_id.currency_id", store=True)
    payer_id = fields.Many2one(
        comodel_name="res.partner",
        compute="_compute_payer_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    move_id = fields.Many2one(
        comodel_name="account.move",
        string="Invoice",
        copy=False,
        readonly=True,
        index="btree_not_null",
        tracking=True,
    )
    move_ids = fields.One2many(
        comodel_name="account.move",
        inverse_name="bvk_installment_id",
        string="Invoices and Credit Notes",
    )
    amount_residual = fields.Monetary(
        string="Amount Due",
        compute="_compute_payment",
        store=True,
    )
    amount_paid = fields.Monetary(compute="_compute_payment", store=True)
    state = fields.Selection(
        selection=INSTALLMENT_STATES,
        string="Status",
        compute="_compute_payment",
        store=True,
        index=True,
        tracking=True,
    )
    amount_credited = fields.Monetary(
        copy=False,
        readonly=True,
        help="Credited on the invoice by an agreement (split, loan).",
    )
    cancelled = fields.Boolean(copy=False, readonly=True)
    reminder_level = fields.Integer(aggregator="max")
    days_overdue = fields.Integer(compute="_compute_days_overdue")
    company_id = fields.Many2one(
        related="schedule_id.company_id", store=True, index=True
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends_context("lang")
    @api.depends("schedule_id.name", "sequence")
    def _compute_name(self):
        for installment in self:
            installment.name = installment._get_label()

    def _search_name(self, operator, value):
        # the label is the contract number and the instalment's number
        return [("schedule_id.name", operator, value)]

    def _get_label(self):
        """``SL-2026/0001, instalment 2`` in the language of the context."""
        number = self.schedule_id.name
        if not number or number == "/":
            number = self.contract_id.display_name or ""
        return self.env._(
            "%(contract)s, instalment %(number)s",
            contract=number,
            number=self.sequence,
        )

    @api.depends("date_due", "schedule_id.invoice_days_before")
    def _compute_date_invoice(self):
        for installment in self:
            if installment.date_due:
                installment.date_invoice = installment.date_due - timedelta(
                    days=installment.schedule_id.invoice_days_before
                )

    @api.depends("schedule_id.contract_id.payer_id")
    def _compute_payer_id(self):
        for installment in self:
            if not installment.payer_id:
                installment.payer_id = installment.schedule_id.contract_id.payer_id

    @api.depends(
        "amount",
        "amount_credited",
        "cancelled",
        "date_due",
        "agreement_id.agreement_type",
        "agreement_id.state",
        "move_id.state",
        "move_id.amount_residual",
        "move_id.payment_state",
    )
    def _compute_payment(self):
        today = fields.Date.context_today(self)
        for installment in self:
            move = installment.move_id
            posted = move.state == "posted"
            residual = move.amount_residual if posted else installment.amount
            if move.state == "cancel" or move.payment_state == "reversed":
                residual = 0.0
            installment.amount_residual = residual
            installment.amount_paid = (
                move.amount_total - move.amount_residual - installment.amount_credited
                if posted
                else 0.0
            )
            if move.payment_state == "reversed":
                installment.amount_paid = 0.0
            covered = (
                installment.agreement_id.agreement_type == "loan"
                and installment.agreement_id.state == "applied"
            )
            currency = installment.currency_id
            if (
                installment.cancelled
                or move.state == "cancel"
                or move.payment_state == "reversed"
            ):
                state = "cancelled"
            elif posted and currency.is_zero(residual):
                state = "paid"
            elif covered:
                state = "covered"
            elif not posted:
                state = "planned"
            elif installment.date_due and installment.date_due < today:
                state = "overdue"
            elif currency.compare_amounts(residual, installment.amount) < 0:
                state = "partial"
            else:
                state = "invoiced"
            installment.state = state

    def _compute_days_overdue(self):
        today = fields.Date.context_today(self)
        for installment in self:
            installment.days_overdue = (
                max((today - installment.date_due).days, 0)
                if installment.state in OPEN_STATES and installment.date_due
                else 0
            )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        installments = super().create(vals_list)
        if not self.env.su and installments.schedule_id.filtered(
            lambda s: s.state != "draft"
        ):
            raise UserError(
                self.env._(
                    "The payment schedule is confirmed; reset it to draft to "
                    "change its instalments."
                )
            )
        return installments

    def write(self, vals):
        # the agreements change invoiced instalments as superuser, after
        # their approval; nobody else does
        if LOCKED_FIELDS & set(vals) and not self.env.su:
            if self.filtered("move_id"):
                raise UserError(
                    self.env._(
                        "An invoiced instalment can only be changed through an "
                        "agreement."
                    )
                )
            if self.schedule_id.filtered(lambda s: s.state != "draft"):
                raise UserError(
                    self.env._(
                        "The payment schedule is confirmed; reset it to draft to "
                        "change its instalments."
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced(self):
        if self.filtered("move_id"):
            raise UserError(self.env._("An invoiced instalment cannot be deleted."))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_invoice(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }

    def action_send_reminder(self):
        """Remind by hand (form button, list action): first a preview of the
        e-mail and SMS and how many students get them; the preview's button
        sends (:meth:`_bvk_send_manual_reminders`)."""
        installments = self._bvk_check_manual_reminder()
        # refuse now what the preview could not send
        installments._bvk_manual_reminder_plan(fields.Date.context_today(self))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send Reminder"),
            "res_model": "bvk.reminder.preview",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_installment_ids": [Command.set(installments.ids)],
            },
        }

    # ------------------------------------------------------------
    # OBLIGATION HOOKS
    # ------------------------------------------------------------

    @api.model
    def _bvk_open_domain(self):
        return [("state", "in", OPEN_STATES), ("amount_residual", ">", 0)]

    def _bvk_reminder_line_vals(self):
        return {"name": self._get_label(), "amount": self.amount_residual}

    def _bvk_reminder_document(self):
        return self.contract_id

    # ------------------------------------------------------------
    # REMINDERS BY HAND
    # ------------------------------------------------------------

    def _bvk_check_manual_reminder(self):
        """The open instalments of ``self``, which the user may remind."""
        self._bvk_check_groups(
            "bvk_student_crm.group_bvk_coordinator",
            message=self.env._("Only the Study Support Centre sends reminders."),
        )
        self.check_access("read")
        open_installments = self.filtered(lambda i: i.state in OPEN_STATES)
        if not open_installments:
            raise UserError(self.env._("None of the instalments is open."))
        return open_installments

    def _bvk_manual_reminder_plan(self, today):
        """What reminding ``self`` by hand sends today, per company:
        ``[(policy, installments, {(student, level): installments})]``.

        Before its due date an instalment gets the policy's notice (level 0),
        dated today, which leaves the daily run's first reminder to come;
        after it, the level it has reached (at least the first)."""
        plans = []
        for company, installments in self.sudo().grouped("company_id").items():
            policy = (
                self.env["bvk.reminder.policy"]
                .sudo()
                ._get_policy(self._bvk_reminder_kind, company)
            )
            if not policy:
                raise UserError(
                    self.env._(
                        "There is no payment reminder policy for %(company)s.",
                        company=company.name,
                    )
                )
            groups = installments._bvk_reminder_groups(policy, today, manual=True)
            missing = installments - installments.browse().union(*groups.values())
            if missing:
                raise UserError(
                    self.env._(
                        "%(installments)s is not due yet, and the payment reminder "
                        "policy has no notice to send before the due date (level 0).",
                        installments=", ".join(missing.mapped("name")),
                    )
                )
            plans.append((policy, installments, groups))
        return plans

    def _bvk_send_manual_reminders(self):
        """Send the reminders by hand of the open instalments in ``self``."""
        installments = self._bvk_check_manual_reminder()
        today = fields.Date.context_today(self)
        reminders = self.env["bvk.reminder"]
        for (
            policy,
            company_installments,
            _groups,
        ) in installments._bvk_manual_reminder_plan(today):
            reminders |= company_installments._bvk_remind(policy, today, manual=True)
        return reminders

    def _bvk_manual_reminder_preview(self):
        """What :meth:`_bvk_send_manual_reminders` would send, without
        sending nor storing anything: how many reminders (one per student and
        level), how many of them are notices, and the first one as its
        student gets it (:meth:`bvk.reminder._bvk_render_preview`)."""
        installments = self._bvk_check_manual_reminder()
        today = fields.Date.context_today(self)
        plans = installments._bvk_manual_reminder_plan(today)
        keys = [key for _policy, _records, groups in plans for key in groups]
        policy, company_installments, groups = plans[0]
        first = next(iter(groups))
        vals = company_installments._bvk_prepare_reminder_vals(
            {first: groups[first]}, policy, today, manual=True
        )[0]
        reminder = self.env["bvk.reminder"].sudo().new(vals)
        return {
            "reminder_count": len(keys),
            "student_count": len({student for student, _level in keys}),
            "notice_count": len([1 for _student, level in keys if not level.sequence]),
            "student_id": first[0].id,
            "level_id": first[1].id,
            **reminder._bvk_render_preview(),
        }

    # ------------------------------------------------------------
    # INVOICING
    # ------------------------------------------------------------

    def _prepare_invoice_vals(self, journal):
        self.ensure_one()
        # the invoice line is read by the payer: in the payer's language
        lang = self.payer_id.lang
        if lang and lang != self.env.lang:
            self = self.with_context(lang=lang)
        contract = self.contract_id
        product = contract.program_id.sudo()._get_tuition_product()
        return {
            "move_type": "out_invoice",
            "partner_id": self.payer_id.id,
            "journal_id": journal.id,
            "currency_id": self.currency_id.id,
            "invoice_date": min(fields.Date.context_today(self), self.date_due),
            "invoice_date_due": self.date_due,
            "payment_reference": contract.name,
            "invoice_origin": contract.name,
            "bvk_installment_id": self.id,
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": product.id,
                        "name": self.env._(
                            "Tuition: %(programme)s, %(instalment)s",
                            programme=contract.program_id.display_name,
                            instalment=self.name,
                        ),
                        "quantity": 1,
                        "price_unit": self.amount,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }

    def _create_invoices(self):
        """Create and post the invoices of planned instalments, in batch."""
        to_invoice = self.filtered(lambda i: i.state == "planned" and not i.move_id)
        if not to_invoice:
            return self.env["account.move"]
        moves = self.env["account.move"]
        for company, installments in to_invoice.grouped("company_id").items():
            journal = (
                self.env["account.journal"]
                .sudo()
                .search(
                    [
                        ("type", "=", "sale"),
                        ("company_id", "=", company.id),
                    ],
                    limit=1,
                )
            )
            if not journal:
                raise UserError(
                    self.env._(
                        "The company %(company)s has no sales journal to invoice the "
                        "tuition.",
                        company=company.name,
                    )
                )
            installments = installments.with_company(company)
            new_moves = (
                self.env["account.move"]
                .sudo()
                .with_company(company)
                .with_context(bvk_batch_entries=True)
                .create([i._prepare_invoice_vals(journal) for i in installments])
                .with_context(bvk_batch_entries=False)
            )
            new_moves.action_post()
            for installment, move in zip(installments, new_moves, strict=True):
                installment.sudo().move_id = move
            moves |= new_moves
        return moves

    def _receivable_lines(self):
        return self.move_id.line_ids.filtered(
            lambda line: (
                line.account_id.account_type == "asset_receivable"
                and not line.reconciled
            )
        )

    # ------------------------------------------------------------
    # AGREEMENTS
    # ------------------------------------------------------------

    def _bvk_apply_agreement(self, agreement, lines):
        """Postpone, split or cover by a loan, as ``agreement`` says."""
        installments = self.sudo()
        by_id = {line.res_id: line for line in lines}
        if agreement.agreement_type == "postpone":
            for installment in installments:
                line = by_id[installment.id]
                if line.date_new:
                    installment._set_due_date(line.date_new)
            installments.write({"agreement_id": agreement.id})
            installments._bvk_reset_reminders()
        elif agreement.agreement_type == "split":
            parts = agreement.line_ids.filtered(lambda line: not line.res_model)
            installments._split_into(agreement, parts)
        elif agreement.agreement_type == "loan":
            installments._cover_by_loan(agreement)
        else:
            raise UserError(
                self.env._(
                    "The agreement %(agreement)s is not about payments.",
                    agreement=agreement.name,
                )
            )

    def _set_due_date(self, date_due):
        self.ensure_one()
        self.date_due = date_due
        move = self.move_id
        if move:
            if move.state == "draft":
                move.invoice_date_due = date_due
            else:
                self._receivable_lines().write({"date_maturity": date_due})
                move.invoice_date_due = date_due

    def _credit_residual(self, reason):
        """A credit note for the unpaid rest of the invoice, reconciled with it."""
        refunds = self.env["account.move"]
        for installment in self.filtered(lambda i: i.move_id.state == "posted"):
            move = installment.move_id
            residual = move.amount_residual
            if installment.currency_id.is_zero(residual):
                continue
            refund = (
                self.env["account.move"]
                .sudo()
                .with_company(installment.company_id)
                .create(
                    {
                        "move_type": "out_refund",
                        "partner_id": move.partner_id.id,
                        "journal_id": move.journal_id.id,
                        "currency_id": move.currency_id.id,
                        "invoice_date": fields.Date.context_today(self),
                        "reversed_entry_id": move.id,
                        "ref": reason,
                        "payment_reference": move.payment_reference,
                        "bvk_installment_id": installment.id,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "product_id": move.invoice_line_ids[
                                        :1
                                    ].product_id.id,
                                    "name": reason,
                                    "quantity": 1,
                                    "price_unit": residual,
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                )
            )
            refund.action_post()
            installment.amount_credited += residual
            # posting a credit note of an invoice reconciles it with the invoice
            to_reconcile = refund.line_ids.filtered(
                lambda line: (
                    line.account_id.account_type == "asset_receivable"
                    and not line.reconciled
                )
            )
            if to_reconcile:
                (to_reconcile | installment._receivable_lines()).reconcile()
            refunds |= refund
        return refunds

    def _split_into(self, agreement, parts):
        """Replace the instalments by the agreement's new parts."""
        currency = self[:1].currency_id
        residual = sum(self.mapped("amount_residual"))
        if currency.compare_amounts(sum(parts.mapped("amount")), residual):
            raise UserError(
                self.env._(
                    "The parts of %(agreement)s add up to %(parts)s, not to the "
                    "%(residual)s still due.",
                    agreement=agreement.name,
                    parts=f"{sum(parts.mapped('amount')):.2f}",
                    residual=f"{residual:.2f}",
                )
            )
        if any(not part.date_new or part.amount <= 0 for part in parts):
            raise UserError(
                self.env._("Every new part needs a date and a positive amount.")
            )
        reason = self.env._("Split by the agreement %(name)s", name=agreement.name)
        paid = self.filtered(lambda i: not currency.is_zero(i.amount_paid))
        # what was paid stays as a paid instalment; the rest is replaced
        for installment in paid:
            installment.amount = installment.amount_paid
        self._credit_residual(reason)
        (self - paid).write({"cancelled": True})
        self.write({"agreement_id": agreement.id})
        schedule = self[:1].schedule_id
        start = max(schedule.line_ids.mapped("sequence") or [0])
        new = self.create(
            [
                {
                    "schedule_id": schedule.id,
                    "sequence": start + index,
                    "date_due": part.date_new,
                    "amount": part.amount,
                    "payer_id": self[:1].payer_id.id,
                    "agreement_id": agreement.id,
                }
                for index, part in enumerate(parts, start=1)
            ]
        )
        new._create_invoices()
        return new

    def _cover_by_loan(self, agreement):
        """The lender pays: the student's invoices are credited and the lender
        is invoiced for the covered amount, due on the expected disbursement."""
        lender = agreement.lender_id
        if not lender:
            raise UserError(
                self.env._(
                    "The agreement %(name)s names no lender.", name=agreement.name
                )
            )
        reason = self.env._(
            "Covered by the loan of the agreement %(name)s", name=agreement.name
        )
        paid_before = {i.id: i.amount_paid for i in self}
        self._credit_residual(reason)
        for installment in self:
            paid = paid_before[installment.id]
            residual = installment.amount - paid
            if installment.currency_id.is_zero(residual):
                continue
            vals = {
                "payer_id": lender.id,
                "agreement_id": agreement.id,
                "move_id": False,
                "amount_credited": 0.0,
                "amount": residual,
            }
            if agreement.loan_date_expected:
                vals["date_due"] = agreement.loan_date_expected
            if not installment.currency_id.is_zero(paid):
                # the part the student paid stays as its own paid instalment
                installment.copy(
                    {
                        "amount": paid,
                        "move_id": installment.move_id.id,
                        "amount_credited": installment.amount_credited,
                        "sequence": installment.sequence,
                    }
                )
            installment.write(vals)
        self._create_invoices()

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------

    @api.model
    def _cron_bvk_post_invoices(self):
        """Post the invoices of the instalments whose invoice date has come."""
        today = fields.Date.context_today(self)
        domain = [
            ("state", "=", "planned"),
            ("move_id", "=", False),
            ("date_invoice", "<=", today),
            ("schedule_id.state", "=", "confirmed"),
            ("cancelled", "=", False),
        ]
        batch = self.search(domain, limit=500, order="id")
        batch._create_invoices()
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=self.search_count(domain) if batch else 0
        )

    @api.model
    def _bvk_setup_reminder_templates(self):
        """Give the payment reminder levels the payment templates where they
        have none (the policy data is noupdate; run on install and update)."""
        mail = self.env.ref(
            "bvk_student_crm.mail_template_payment_reminder", raise_if_not_found=False
        )
        sms = self.env.ref(
            "bvk_student_crm.sms_template_payment_reminder", raise_if_not_found=False
        )
        # not the notice (level 0): it has its own, before-the-due-date texts
        levels = (
            self.env["bvk.reminder.level"]
            .sudo()
            .search(
                [
                    ("policy_id.kind", "=", self._bvk_reminder_kind),
                    ("sequence", ">", 0),
                ]
            )
        )
        if mail:
            levels.filtered(lambda lv: not lv.mail_template_id).mail_template_id = mail
        if sms:
            levels.filtered(lambda lv: not lv.sms_template_id).sms_template_id = sms

    @api.model
    def _bvk_refresh_overdue(self, today=None):
        """Recompute the state of instalments that became overdue today."""
        today = today or fields.Date.context_today(self)
        late = self.search(
            [("state", "in", ("invoiced", "partial")), ("date_due", "<", today)]
        )
        if late:
            self.env.add_to_compute(self._fields["state"], late)
            late.flush_recordset(["state"])
        return late

    @api.model
    def _cron_bvk_send_reminders(self):
        self._bvk_refresh_overdue()
        return super()._cron_bvk_send_reminders()
