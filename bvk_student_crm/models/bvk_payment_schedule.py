# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError


def split_amount(total, count, rounding):
    """Split ``total`` into ``count`` amounts in steps of ``rounding``; the
    rounding difference goes to the last amount, so they add up to the cent."""
    if count <= 0:
        return []
    total_units = round(total / rounding)
    share = total_units // count
    amounts = [share] * (count - 1) + [total_units - share * (count - 1)]
    return [round(units * rounding, 10) for units in amounts]


class BvkPaymentSchedule(models.Model):
    """The payment schedule (*maksājumu grafiks*) of a study contract: its
    instalments, each invoiced to the payer as a customer invoice."""

    _name = "bvk.payment.schedule"
    _description = "Payment Schedule"
    _inherit = ["bvk.workflow.mixin", "mail.thread"]
    _order = "id desc"
    _check_company_auto = True
    _bvk_workflow_fields = ("state",)
    _bvk_frozen_fields = ("contract_id",)

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(related="contract_id.name", store=True)
    contract_id = fields.Many2one(
        comodel_name="bvk.study.contract",
        string="Study Contract",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    student_id = fields.Many2one(
        related="contract_id.student_id", store=True, index=True
    )
    state = fields.Selection(
        selection=[("draft", "Draft"), ("confirmed", "Confirmed")],
        string="Status",
        required=True,
        default="draft",
        copy=False,
        tracking=True,
        index=True,
    )
    plan = fields.Selection(
        selection=[
            ("single", "One payment"),
            ("semester", "Per semester"),
            ("monthly", "Monthly over the semester"),
            ("custom", "Custom lines"),
        ],
        required=True,
        default="semester",
        tracking=True,
    )
    installments_per_semester = fields.Integer(
        string="Instalments per Semester",
        default=5,
        help="Monthly plan: number of monthly instalments in each semester.",
    )
    due_days_before_semester = fields.Integer(
        default=1,
        help="A semester's payment is due this many days before the semester "
        "starts (1 September / 1 March): 1 gives 31 August / end of February.",
    )
    invoice_timing = fields.Selection(
        selection=[
            ("before_due", "Days before the due date"),
            ("at_signing", "All at signing"),
        ],
        required=True,
        default="before_due",
    )
    invoice_days_before = fields.Integer(
        string="Invoice Days Before Due",
        default=14,
        help="Each instalment's invoice is posted this many days before its due date.",
    )
    line_ids = fields.One2many(
        comodel_name="bvk.payment.installment",
        inverse_name="schedule_id",
        string="Instalments",
        copy=False,
    )
    has_invoices = fields.Boolean(compute="_compute_amounts")
    amount_total = fields.Monetary(related="contract_id.amount_total")
    amount_scheduled = fields.Monetary(compute="_compute_amounts")
    amount_paid = fields.Monetary(compute="_compute_amounts")
    amount_residual = fields.Monetary(string="Amount Due", compute="_compute_amounts")
    currency_id = fields.Many2one(related="contract_id.currency_id", store=True)
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True
    )

    _sql_constraints = [
        (
            "contract_uniq",
            "unique(contract_id)",
            "A study contract has one payment schedule.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends_context("lang")
    @api.depends("contract_id.name", "contract_id.student_id.name")
    def _compute_display_name(self):
        # not the bare contract number: the breadcrumb of a schedule opened
        # from its contract read "SL-2026/0001 / SL-2026/0001"
        for schedule in self:
            schedule.display_name = self.env._(
                "Payment schedule %(contract)s",
                contract=schedule.contract_id.display_name or "",
            )

    @api.depends(
        "line_ids.amount",
        "line_ids.amount_paid",
        "line_ids.amount_residual",
        "line_ids.move_id",
    )
    def _compute_amounts(self):
        for schedule in self:
            lines = schedule.line_ids.filtered(lambda i: i.state != "cancelled")
            schedule.amount_scheduled = sum(lines.mapped("amount"))
            schedule.amount_paid = sum(schedule.line_ids.mapped("amount_paid"))
            schedule.amount_residual = sum(lines.mapped("amount_residual"))
            schedule.has_invoices = bool(schedule.line_ids.move_id)

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("installments_per_semester", "invoice_days_before")
    def _check_numbers(self):
        for schedule in self:
            if schedule.plan == "monthly" and not (
                1 <= schedule.installments_per_semester <= 12
            ):
                raise ValidationError(
                    self.env._("A semester has 1 to 12 monthly instalments.")
                )
            if schedule.invoice_days_before < 0:
                raise ValidationError(
                    self.env._("The invoice cannot be posted after the due date.")
                )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_generate(self):
        """(Re)build the instalments from the plan (draft schedules only)."""
        for schedule in self:
            schedule._check_editable()
            if schedule.plan == "custom":
                continue
            schedule.line_ids.unlink()
            schedule.write(
                {
                    "line_ids": [
                        Command.create(vals) for vals in schedule._prepare_plan_vals()
                    ]
                }
            )
        return True

    def action_confirm(self):
        """Confirm the schedule, which posts the invoices already due.

        Invoices are accounting entries: the schedule is confirmed when the
        director signs the contract, or by somebody with Odoo's invoicing
        rights, and only for a signed contract."""
        self._bvk_check_groups(
            "account.group_account_invoice",
            message=self.env._(
                "Only accounting confirms payment schedules (they post invoices); "
                "the schedule of a contract is confirmed when the director signs it."
            ),
        )
        for schedule in self:
            schedule._check_editable()
            if schedule.contract_id.state not in ("signed", "active"):
                raise UserError(
                    self.env._(
                        "The payment schedule %(schedule)s can be confirmed once its "
                        "contract is signed.",
                        schedule=schedule.name,
                    )
                )
            if not schedule.line_ids:
                schedule.action_generate()
            schedule._check_total()
        self._bvk_write({"state": "confirmed"})
        timing_signing = self.filtered(lambda s: s.invoice_timing == "at_signing")
        timing_signing.line_ids._create_invoices()
        due = (self - timing_signing).line_ids.filtered(
            lambda i: (
                i.state == "planned"
                and i.date_invoice <= fields.Date.context_today(self)
            )
        )
        due._create_invoices()
        return True

    def action_draft(self):
        self._bvk_check_groups(
            "bvk_student_crm.group_bvk_head",
            "account.group_account_invoice",
            message=self.env._(
                "Only the head of the Study Support Centre or accounting resets a "
                "payment schedule."
            ),
        )
        for schedule in self:
            if schedule.line_ids.filtered("move_id"):
                raise UserError(
                    self.env._(
                        "The schedule %(schedule)s has invoices: change it through "
                        "an agreement.",
                        schedule=schedule.name,
                    )
                )
        self._bvk_write({"state": "draft"})
        return True

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("bvk_installment_ids.schedule_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _check_editable(self):
        for schedule in self:
            if schedule.state != "draft":
                raise UserError(
                    self.env._(
                        "The schedule %(schedule)s is confirmed; reset it to draft "
                        "or change it through an agreement.",
                        schedule=schedule.name,
                    )
                )

    def _check_total(self):
        for schedule in self:
            currency = schedule.currency_id
            if currency.compare_amounts(
                schedule.amount_scheduled, schedule.amount_total
            ):
                raise ValidationError(
                    self.env._(
                        "The instalments of %(schedule)s add up to %(scheduled)s, "
                        "not to the contract total %(total)s.",
                        schedule=schedule.name,
                        scheduled=f"{schedule.amount_scheduled:.2f}",
                        total=f"{schedule.amount_total:.2f}",
                    )
                )

    def _semester_starts(self):
        """Start dates of the contract's semesters: the contract start, then
        each 1 March / 1 September at least three months later (so a start
        in late August does not get a second semester a week later)."""
        self.ensure_one()
        contract = self.contract_id
        count = max(contract.program_id.duration_semesters, 1)
        starts = [contract.date_start]
        for _index in range(count - 1):
            starts.append(self._next_semester_start(starts[-1]))
        return starts

    @api.model
    def _next_semester_start(self, previous):
        earliest = previous + relativedelta(months=3)
        for candidate in (
            earliest.replace(month=3, day=1),
            earliest.replace(month=9, day=1),
            earliest.replace(year=earliest.year + 1, month=3, day=1),
        ):
            if candidate >= earliest:
                return candidate

    def _semester_due_date(self, start):
        """Due date of a semester's payment: before 1 September / 1 March."""
        if (start.month, start.day) in ((9, 1), (3, 1)):
            return start - timedelta(days=self.due_days_before_semester)
        return start

    def _prepare_plan_dates(self):
        self.ensure_one()
        if self.plan == "single":
            return [self._semester_due_date(self.contract_id.date_start)]
        dates = []
        for start in self._semester_starts():
            due = self._semester_due_date(start)
            if self.plan == "monthly":
                dates += [
                    due + relativedelta(months=month)
                    for month in range(self.installments_per_semester)
                ]
            else:
                dates.append(due)
        return dates

    def _prepare_plan_vals(self):
        """The instalments of the plan: due dates, and the contract total
        split evenly (:func:`split_amount`). Also the provisional Annex 1 of
        a contract that has no schedule yet (on a new, unsaved schedule)."""
        self.ensure_one()
        dates = self._prepare_plan_dates()
        amounts = split_amount(
            self.amount_total, len(dates), self.currency_id.rounding or 0.01
        )
        return [
            {"sequence": index, "date_due": due, "amount": amount}
            for index, (due, amount) in enumerate(
                zip(dates, amounts, strict=True), start=1
            )
        ]

    @api.model
    def _create_for_contracts(self, contracts):
        """At signing: a confirmed schedule for each contract without one."""
        contracts = contracts.filtered(
            lambda c: (
                not c.payment_schedule_id and not c.currency_id.is_zero(c.amount_total)
            )
        )
        if not contracts:
            return self.browse()
        schedules = self.sudo().create(
            [{"contract_id": contract.id} for contract in contracts]
        )
        schedules.action_generate()
        schedules.action_confirm()
        return schedules
