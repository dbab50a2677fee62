# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .bvk_order import ALLOWED_STUDENT_STATES

EXPULSION_REASONS = [
    ("application", "Own application"),
    ("unpaid", "Unpaid tuition"),
    ("academic", "Academic debts"),
    ("rules", "Breach of the rules"),
    ("transfer_out", "Transfer to another institution"),
    ("other", "Other"),
]
RUNNING_CONTRACT_STATES = ("signed", "active")
# open instalments; past their due date they are overdue, whether or not
# the daily job has already moved their state
OPEN_INSTALLMENT_STATES = ("invoiced", "partial", "overdue")
# academic obligations that end with the studies (not yet passed or waived)
OPEN_ACADEMIC_STATES = ("pending", "failed", "missed", "debt", "covered")


class BvkOrderLine(models.Model):
    """A student named by an order: the contract, the reason and, once the
    order is signed, what it did (and the excerpt sent to the student)."""

    _name = "bvk.order.line"
    _description = "Order Line"
    _inherit = ["bvk.workflow.mixin"]
    _order = "order_id, sequence, id"
    _check_company_auto = True
    _rec_name = "student_id"
    # figures of the signed order and the excerpt's sending: set by signing
    _bvk_workflow_fields = (
        "amount_overdue",
        "academic_debt_count",
        "semester_from",
        "semester_to",
        "excerpt_sent",
    )
    _bvk_excerpt_batch_size = 50

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    order_id = fields.Many2one(
        comodel_name="bvk.order",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    sequence = fields.Integer(default=10)
    order_type = fields.Selection(related="order_id.order_type", store=True)
    state = fields.Selection(related="order_id.state", store=True, string="Status")
    date_effective = fields.Date(related="order_id.date_effective", store=True)
    date_order = fields.Date(related="order_id.date_order", store=True)
    student_id = fields.Many2one(
        comodel_name="bvk.student",
        required=True,
        index=True,
        check_company=True,
    )
    student_number = fields.Char(related="student_id.student_number")
    contract_id = fields.Many2one(
        comodel_name="bvk.study.contract",
        string="Study Contract",
        index="btree_not_null",
        check_company=True,
        compute="_compute_contract_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('student_id', '=', student_id), "
        "('state', 'in', ('signed', 'active'))]",
    )
    # as they were when the order was drafted: the order's text does not
    # change when the student later moves to another group
    program_id = fields.Many2one(
        comodel_name="bvk.study.program",
        string="Programme",
        compute="_compute_program_group",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
    )
    group_id = fields.Many2one(
        comodel_name="bvk.student.group",
        compute="_compute_program_group",
        store=True,
        readonly=False,
        precompute=True,
    )
    reason = fields.Selection(
        selection=EXPULSION_REASONS,
        help="Why the student is expelled (expulsion orders).",
    )
    date_application = fields.Date(
        string="Application Date",
        help="The date of the student's application, the basis of the order.",
    )
    conditional = fields.Boolean(
        help="Transferred although obligations are still open: the note says "
        "what the student must settle.",
    )
    note = fields.Char()
    semester_from = fields.Integer(
        compute="_compute_semesters", store=True, precompute=True
    )
    semester_to = fields.Integer(
        string="To Semester", compute="_compute_semesters", store=True, precompute=True
    )
    currency_id = fields.Many2one(related="order_id.currency_id")
    amount_overdue = fields.Monetary(
        string="Overdue Tuition",
        compute="_compute_debts",
        store=True,
        precompute=True,
        help="Tuition overdue when the order was drafted, and again when it "
        "was signed; it stays owed.",
    )
    academic_debt_count = fields.Integer(
        string="Academic Debts", compute="_compute_debts", store=True, precompute=True
    )
    excerpt_sent = fields.Boolean(readonly=True, copy=False)
    # the e-mail with the excerpt, in the language it is rendered in
    excerpt_decision = fields.Char(
        string="Decision (e-mail)", compute="_compute_excerpt_texts"
    )
    excerpt_order_date = fields.Char(
        string="Order Date (e-mail)", compute="_compute_excerpt_texts"
    )
    college_name = fields.Char(string="College", compute="_compute_excerpt_texts")
    attachment_id = fields.Many2one(related="order_id.attachment_id")
    company_id = fields.Many2one(
        related="order_id.company_id", store=True, index=True, precompute=True
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("student_id")
    def _compute_contract_id(self):
        running = self.env["bvk.study.contract"].search(
            [
                ("student_id", "in", self.student_id.ids),
                ("state", "in", RUNNING_CONTRACT_STATES),
            ],
            order="date_start desc, id desc",
        )
        by_student = {}
        for contract in running:
            by_student.setdefault(contract.student_id, contract)
        for line in self:
            if line.contract_id.student_id != line.student_id:
                line.contract_id = by_student.get(line.student_id, False)

    @api.depends("student_id", "contract_id")
    def _compute_program_group(self):
        for line in self:
            line.program_id = line.contract_id.program_id or line.student_id.program_id
            line.group_id = line.contract_id.group_id or line.student_id.group_id

    @api.depends("student_id")
    def _compute_semesters(self):
        for line in self:
            line.semester_from = line.student_id.semester_number
            line.semester_to = line.student_id.semester_number + 1

    @api.depends("student_id")
    def _compute_debts(self):
        overdue, debts = self._get_debts(self.student_id)
        for line in self:
            line.amount_overdue = overdue.get(line.student_id.id, 0.0)
            line.academic_debt_count = debts.get(line.student_id.id, 0)

    @api.depends_context("lang")
    @api.depends("order_id.date_order", "order_id.date_effective", "student_id")
    def _compute_excerpt_texts(self):
        for line in self:
            company = line.company_id or self.env.company
            line.college_name = (
                company["bvk_short_name"]
                if "bvk_short_name" in company._fields and company["bvk_short_name"]
                else company.name
            )
            if not line.order_id:
                line.excerpt_decision = line.excerpt_order_date = False
                continue
            line.excerpt_decision = line._excerpt_decision()
            line.excerpt_order_date = line.order_id._doc_date(
                line.order_id.date_order or fields.Date.context_today(line), "genitive"
            )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("student_id", "contract_id", "order_id")
    def _check_line_constraint(self):
        self._check_line()

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_order_draft()
        return lines

    def write(self, vals):
        self._check_order_draft()
        res = super().write(vals)
        if "order_id" in vals:
            self._check_order_draft()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        self._check_order_draft()

    def _check_order_draft(self):
        """The students of a signed order do not change (the module's own
        code, as superuser, records what signing did)."""
        if self.env.su:
            return
        signed = self.order_id.filtered(lambda o: o.state != "draft")
        if signed:
            raise UserError(
                self.env._(
                    "The order %(order)s is no longer a draft: its students cannot "
                    "change.",
                    order=signed[0].display_name,
                )
            )

    # ------------------------------------------------------------
    # CHECKS
    # ------------------------------------------------------------

    def _check_line(self):
        """The student may be on the order (lines of drafts only: a signed
        order is history)."""
        lines = self.sudo().filtered(lambda line: line.order_id.state == "draft")
        if not lines:
            return
        states = dict(
            self.env["bvk.student"]._fields["state"]._description_selection(self.env)
        )
        others = self.sudo().search(
            [
                ("student_id", "in", lines.student_id.ids),
                ("state", "=", "draft"),
                ("id", "not in", lines.ids),
            ]
        )
        # the open lines of each student and type of order, in one pass
        open_lines = defaultdict(list)
        for other in others | lines:
            open_lines[other.student_id.id, other.order_type].append(other)
        for line in lines:
            order = line.order_id
            student = line.student_id
            if line.contract_id and line.contract_id.student_id != student:
                raise ValidationError(
                    self.env._(
                        "The contract %(contract)s is not a contract of %(student)s.",
                        contract=line.contract_id.display_name,
                        student=student.name,
                    )
                )
            allowed = ALLOWED_STUDENT_STATES[order.order_type]
            if student.state not in allowed:
                if order.order_type == "expulsion" and student.state == "expelled":
                    message = self.env._(
                        "%(student)s is already expelled.", student=student.name
                    )
                elif order.order_type == "transfer":
                    message = self.env._(
                        "%(student)s cannot be transferred to the next semester: "
                        "the student is not active (%(state)s).",
                        student=student.name,
                        state=states[student.state],
                    )
                else:
                    message = self.env._(
                        "%(student)s cannot be on this order: the student is "
                        "%(state)s.",
                        student=student.name,
                        state=states[student.state],
                    )
                raise ValidationError(message)
            contract = line.contract_id
            if contract and order.date_effective < contract.date_start:
                raise ValidationError(
                    self.env._(
                        "The effective date %(date)s of the order is before the "
                        "start %(start)s of the contract %(contract)s of "
                        "%(student)s.",
                        date=order._doc_date_short(order.date_effective),
                        start=order._doc_date_short(contract.date_start),
                        contract=contract.display_name,
                        student=student.name,
                    )
                )
            same = [
                other
                for other in open_lines[student.id, line.order_type]
                if other != line
            ]
            if any(other.order_id == order for other in same):
                raise ValidationError(
                    self.env._(
                        "%(student)s is on the order twice.", student=student.name
                    )
                )
            if same:
                raise ValidationError(
                    self.env._(
                        "%(student)s is already on the open order %(order)s of the "
                        "same type.",
                        student=student.name,
                        order=same[0].order_id.display_name,
                    )
                )

    # ------------------------------------------------------------
    # EFFECTS OF SIGNING (called as superuser by bvk.order.action_sign)
    # ------------------------------------------------------------

    @api.model
    def _get_debts(self, students):
        """``({student_id: overdue tuition}, {student_id: academic debts})``
        in two queries, whatever the number of students."""
        if not students:
            return {}, {}
        Installment = self.env["bvk.payment.installment"].sudo()
        overdue = {
            student.id: amount
            for student, amount in Installment._read_group(
                [
                    ("student_id", "in", students.ids),
                    ("state", "in", OPEN_INSTALLMENT_STATES),
                    ("date_due", "<", fields.Date.context_today(self)),
                ],
                ["student_id"],
                ["amount_residual:sum"],
            )
        }
        debts = {
            student.id: count
            for student, count in self.env["bvk.academic.obligation"]
            .sudo()
            ._read_group(
                [("student_id", "in", students.ids), ("state", "=", "debt")],
                ["student_id"],
                ["__count"],
            )
        }
        return overdue, debts

    def _refresh_debts(self):
        """The figures as they are when the order is signed."""
        overdue, debts = self._get_debts(self.student_id)
        for (amount, count, semester), lines in (
            self.sudo()
            .grouped(
                lambda line: (
                    overdue.get(line.student_id.id, 0.0),
                    debts.get(line.student_id.id, 0),
                    line.student_id.semester_number,
                )
            )
            .items()
        ):
            lines.write(
                {
                    "amount_overdue": amount,
                    "academic_debt_count": count,
                    "semester_from": semester,
                    "semester_to": semester + 1,
                }
            )

    def _get_running_contracts(self):
        contracts = self.contract_id
        missing = self.filtered(lambda line: not line.contract_id).student_id
        if missing:
            contracts |= self.env["bvk.study.contract"].search(
                [
                    ("student_id", "in", missing.ids),
                    ("state", "in", RUNNING_CONTRACT_STATES),
                ]
            )
        return contracts.filtered(lambda c: c.state in RUNNING_CONTRACT_STATES)

    def _apply_expulsion(self):
        """Contract terminated on the effective date, student expelled, what
        falls due from then cancelled; what was overdue stays owed (and is
        reminded)."""
        order = self.order_id
        contracts = self._get_running_contracts()
        self._close_obligations(contracts)
        for contract in contracts:
            # as superuser: the real transition, not the order wizard
            contract.action_terminate()
        contracts._bvk_write({"date_terminated": order.date_effective})
        for line in self.filtered("contract_id"):
            line.contract_id._bvk_write({"termination_line_id": line.id})
        self.student_id.write({"state": "expelled"})

    def _apply_exmatriculation(self):
        """Contract completed, student graduated or exmatriculated."""
        order = self.order_id
        contracts = self._get_running_contracts()
        self._close_obligations(contracts)
        contracts.filtered(lambda c: c.state == "active").action_complete()
        contracts.filtered(lambda c: c.state == "signed")._bvk_write(
            {"state": "completed"}
        )
        for line in self.filtered("contract_id"):
            line.contract_id._bvk_write({"termination_line_id": line.id})
        self.student_id.write(
            {"state": "graduated" if order.graduation else "exmatriculated"}
        )

    def _apply_transfer(self):
        """The students move to the next semester (the group to the next
        study year when they reach it); the obligations of the semester that
        starts are created from its confirmed study schedule."""
        order = self.order_id
        students = self.student_id.with_context(tracking_disable=True)
        for semester, lines in self.grouped("semester_to").items():
            lines.student_id.with_context(tracking_disable=True).write(
                {"semester_number": semester}
            )
        for group, lines in self.grouped(lambda line: line.student_id.group_id).items():
            if not group:
                continue
            year = max((semester + 1) // 2 for semester in lines.mapped("semester_to"))
            if group.course_year < year:
                group.course_year = year
        schedules = self.env["bvk.study.schedule"].search(
            [
                ("group_id", "in", students.group_id.ids),
                ("state", "=", "confirmed"),
                ("semester_id.date_start", "<=", order.date_effective),
                ("semester_id.date_end", ">=", order.date_effective),
            ]
        )
        schedules.offering_ids._generate_obligations(students)
        notes = {}
        for line in self:
            notes[line.student_id.id] = self.env._(
                "Transferred to semester %(semester)s from %(date)s by the order "
                "%(order)s.",
                semester=line.semester_to,
                date=order._doc_date_short(order.date_effective),
                order=order.name,
            )
        students._message_log_batch(notes)

    def _close_obligations(self, contracts):
        """Studies end on the effective date: the instalments falling due
        from then are cancelled (a draft invoice removed, a posted one
        credited by a credit note), the overdue ones stay owed; academic
        obligations not yet passed are cancelled (no more reminders)."""
        order = self.order_id
        date = order.date_effective
        reason = self.env._(
            "Studies end on %(date)s (order %(order)s)",
            date=order._doc_date_short(date),
            order=order.name,
        )
        installments = self.env["bvk.payment.installment"].search(
            [
                ("contract_id", "in", contracts.ids),
                ("date_due", ">=", date),
                ("state", "not in", ("paid", "cancelled")),
            ]
        )
        for installment in installments.filtered(lambda i: i.move_id.state == "draft"):
            move = installment.move_id
            installment.move_id = False
            if move.posted_before:
                move.button_cancel()
            else:
                move.unlink()
        posted = installments.filtered(lambda i: i.move_id.state == "posted")
        posted._credit_residual(reason)
        installments.filtered(lambda i: i.currency_id.is_zero(i.amount_paid)).write(
            {"cancelled": True}
        )
        obligations = self.env["bvk.academic.obligation"].search(
            [
                ("student_id", "in", self.student_id.ids),
                ("state", "in", OPEN_ACADEMIC_STATES),
            ]
        )
        obligations.with_context(tracking_disable=True).write({"state": "cancelled"})
        return installments, obligations

    # ------------------------------------------------------------
    # EXCERPT (an extract of the order for one student)
    # ------------------------------------------------------------

    def _send_excerpt(self):
        """E-mail each student the excerpt of the order that concerns them
        (their own line only), in their language, with its PDF; the message
        stays on the student's chatter."""
        template = self.env.ref(
            "bvk_student_crm.mail_template_bvk_order_excerpt",
            raise_if_not_found=False,
        )
        for line in self.sudo():
            if template:
                values = template._generate_template(
                    line.ids,
                    (
                        "subject",
                        "body_html",
                        "email_from",
                        "partner_to",
                        "report_template_ids",
                    ),
                )[line.id]
                line.student_id.message_post(
                    subject=values.get("subject"),
                    body=values.get("body_html"),
                    email_from=values.get("email_from") or None,
                    partner_ids=values.get("partner_ids", []),
                    attachments=[
                        (name, base64.b64decode(data))
                        for name, data in values.get("attachments", [])
                    ],
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
            line.excerpt_sent = True

    def _excerpt_decision(self):
        """What the order decided about the student, one sentence in the
        language of the context (the e-mail's body)."""
        self.ensure_one()
        order = self.order_id.with_context(lang=self.env.lang)
        date = order._doc_date(order.date_effective, "accusative")
        program = self.program_id.with_context(lang=self.env.lang).name or ""
        if order.order_type == "expulsion":
            return self.env._(
                'you are expelled from the study programme "%(program)s" as of '
                "%(date)s.",
                program=program,
                date=date,
            )
        if order.order_type == "transfer":
            return self.env._(
                "you are transferred to semester %(semester)s as of %(date)s.",
                semester=self.semester_to,
                date=date,
            )
        if order.graduation:
            return self.env._(
                "you are exmatriculated as of %(date)s, having completed the study "
                'programme "%(program)s" and been awarded the diploma.',
                program=program,
                date=date,
            )
        return self.env._(
            'you are exmatriculated from the study programme "%(program)s" as of '
            "%(date)s.",
            program=program,
            date=date,
        )

    def _doc_reason(self):
        """The reason column of the list (and the excerpt)."""
        self.ensure_one()
        order = self.order_id
        parts = []
        if order.order_type == "expulsion" and self.reason:
            labels = {
                "application": self.env._("at own request"),
                "unpaid": self.env._("for not paying the tuition"),
                "academic": self.env._("for not settling the academic debts in time"),
                "rules": self.env._("for breaching the internal rules"),
                "transfer_out": self.env._(
                    "in connection with the transfer to another institution"
                ),
                "other": "",
            }
            parts.append(labels[self.reason])
            if self.reason == "unpaid" and self.amount_overdue:
                parts.append(
                    self.env._(
                        "debt %(amount)s",
                        amount=order._doc_amount(self.amount_overdue),
                    )
                )
        if self.date_application:
            parts.append(
                self.env._(
                    "application of %(date)s",
                    date=order._doc_date_short(self.date_application),
                )
            )
        if self.conditional:
            parts.append(self.env._("conditionally"))
        if self.note:
            parts.append(self.note)
        return "; ".join(part for part in parts if part)
