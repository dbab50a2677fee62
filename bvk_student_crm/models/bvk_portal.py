# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a portal user may see of the college (the student portal, issue 13).

A portal user is a *student* (their partner is a ``bvk.student``'s partner),
a *payer* (a parent or an employer: the partner an instalment is invoiced
to), or both. The rules live here, in one place, so that the controller
stays thin and the tests call them directly; the portal record rules
(``security/bvk_portal_security.xml``) repeat the same domains for the
ORM, so that a portal user's own searches agree with these methods.

Every method takes the portal user's partner and returns records *as
superuser* (rendering reads programmes, coordinators and elders the
portal user has no access rights on): nothing else may be shown.
"""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, MissingError

from .bvk_academic_obligation import OPEN_STATES as OBLIGATION_OPEN_STATES
from .bvk_payment_installment import OPEN_STATES as INSTALLMENT_OPEN_STATES
from .bvk_student_request import PORTAL_TYPES

# contracts a student sees on the portal (drafts and cancelled ones are not
# theirs yet / any more)
PORTAL_CONTRACT_STATES = ("signed", "active", "completed", "terminated")
# agreements a student sees: decided ones only
PORTAL_AGREEMENT_STATES = ("approved", "applied")


class BvkPortal(models.AbstractModel):
    _name = "bvk.portal"
    _description = "Student Portal Rules"

    # ------------------------------------------------------------
    # WHO IS WHO
    # ------------------------------------------------------------

    @api.model
    def _payer_partners(self, partner):
        """The partners whose instalments ``partner`` pays: itself and, for
        the contact of a company (an employer), the company."""
        return partner | partner.commercial_partner_id

    # ------------------------------------------------------------
    # DOMAINS (the record rules of the portal group say the same)
    # ------------------------------------------------------------

    @api.model
    def _student_domain(self, partner):
        return [("partner_id", "=", partner.id)]

    @api.model
    def _contract_domain(self, partner):
        return [
            ("student_id.partner_id", "=", partner.id),
            ("state", "in", PORTAL_CONTRACT_STATES),
        ]

    @api.model
    def _installment_domain(self, partner):
        """A student sees the instalments of their contracts, a payer the
        instalments invoiced to them."""
        return [
            ("contract_id.state", "in", PORTAL_CONTRACT_STATES),
            "|",
            ("student_id.partner_id", "=", partner.id),
            ("payer_id", "in", self._payer_partners(partner).ids),
        ]

    @api.model
    def _obligation_domain(self, partner):
        return [("student_id.partner_id", "=", partner.id)]

    @api.model
    def _agreement_domain(self, partner):
        return [
            ("student_id.partner_id", "=", partner.id),
            ("state", "in", PORTAL_AGREEMENT_STATES),
        ]

    @api.model
    def _order_line_domain(self, partner):
        return [
            ("student_id.partner_id", "=", partner.id),
            ("order_id.state", "=", "signed"),
        ]

    @api.model
    def _request_domain(self, partner):
        """A student's own requests (a payer who is not the student: none)."""
        return [("student_id.partner_id", "=", partner.id)]

    @api.model
    def _invitation_domain(self, partner):
        return [("partner_id", "=", partner.id)]

    # ------------------------------------------------------------
    # SEARCHES
    # ------------------------------------------------------------

    @api.model
    def _contracts(self, partner):
        return (
            self.env["bvk.study.contract"]
            .sudo()
            .search(self._contract_domain(partner), order="date_start desc, id desc")
        )

    @api.model
    def _installments(self, partner):
        return (
            self.env["bvk.payment.installment"]
            .sudo()
            .search(
                self._installment_domain(partner),
                order="contract_id, date_due, sequence, id",
            )
        )

    @api.model
    def _obligations(self, partner):
        return (
            self.env["bvk.academic.obligation"]
            .sudo()
            .search(self._obligation_domain(partner))
        )

    @api.model
    def _agreements(self, partner):
        return (
            self.env["bvk.agreement"]
            .sudo()
            .search(
                self._agreement_domain(partner), order="date_approved desc, id desc"
            )
        )

    @api.model
    def _order_lines(self, partner):
        return (
            self.env["bvk.order.line"]
            .sudo()
            .search(self._order_line_domain(partner), order="date_order desc, id desc")
        )

    @api.model
    def _counters(self, partner, counters):
        """The numbers of the home page's tiles (only those asked for)."""
        values = {}
        sudo = self.sudo()
        if "bvk_studies_count" in counters:
            values["bvk_studies_count"] = sudo.env["bvk.study.contract"].search_count(
                self._contract_domain(partner)
            )
        if "bvk_payments_count" in counters:
            values["bvk_payments_count"] = sudo.env[
                "bvk.payment.installment"
            ].search_count(self._installment_domain(partner))
        if "bvk_requests_count" in counters:
            values["bvk_requests_count"] = sudo.env["bvk.student.request"].search_count(
                self._request_domain(partner)
            )
        if "bvk_surveys_count" in counters:
            values["bvk_surveys_count"] = sudo.env[
                "bvk.survey.invitation"
            ].search_count(self._open_invitation_domain(partner))
        if "bvk_results_count" in counters:
            values["bvk_results_count"] = sudo.env[
                "bvk.academic.obligation"
            ].search_count(self._obligation_domain(partner))
        return values

    # ------------------------------------------------------------
    # DOCUMENTS (PDF downloads)
    # ------------------------------------------------------------

    @api.model
    def _document(self, partner, kind, record_id):
        """The record behind a portal download, as superuser, if ``partner``
        may read it. A missing and a foreign id raise the same MissingError,
        so the answer reveals nothing of other students' records."""
        domains = {
            "contract": ("bvk.study.contract", self._contract_domain),
            "agreement": ("bvk.agreement", self._agreement_domain),
            "order": ("bvk.order.line", self._order_line_domain),
        }
        if kind not in domains or not isinstance(record_id, int):
            raise MissingError(self.env._("This document does not exist."))
        model, domain = domains[kind]
        record = (
            self.env[model]
            .sudo()
            .search([("id", "=", record_id), *domain(partner)], limit=1)
        )
        if not record:
            raise MissingError(self.env._("This document does not exist."))
        return record

    @api.model
    def _start_files(self, contract):
        """The files of the start of studies of ``contract`` (the programme's
        IS and LMS instructions, the group's schedule and first-day plan),
        as superuser: shown while the contract is signed or running."""
        if contract.state not in ("signed", "active") or not contract.group_id:
            return self.env["ir.attachment"]
        return contract.group_id._bvk_start_attachments()

    @api.model
    def _start_file(self, partner, contract_id, attachment_id):
        """A start-of-studies file of the student's own contract, as
        superuser; a missing and a foreign id raise the same MissingError."""
        contract = self._document(partner, "contract", contract_id)
        attachment = self._start_files(contract).filtered(
            lambda a: a.id == attachment_id
        )
        if not attachment:
            raise MissingError(self.env._("This file does not exist."))
        return attachment

    @api.model
    def _document_report(self, kind):
        return {
            "contract": "bvk_student_crm.action_report_study_contract",
            "agreement": "bvk_student_crm.action_report_agreement",
            "order": "bvk_student_crm.action_report_bvk_order_excerpt",
        }[kind]

    # ------------------------------------------------------------
    # PAGES
    # ------------------------------------------------------------

    @api.model
    def _studies(self, partner):
        """My studies: the contracts with their group, coordinator and elder,
        amendments and the orders that concern the student."""
        contracts = self._contracts(partner)
        agreements = self._agreements(partner)
        order_lines = self._order_lines(partner)
        agreements_by_contract = agreements.grouped("contract_id")
        lines_by_contract = defaultdict(lambda: self.env["bvk.order.line"])
        for line in order_lines:
            lines_by_contract[line.contract_id] |= line
        # read what the page shows in a few batches (no query per contract)
        contracts.fetch(["name", "state", "program_id", "group_id", "student_id"])
        contracts.student_id.fetch(["semester_number", "coordinator_id"])
        contracts.group_id.fetch(
            [
                "code",
                "elder_id",
                "coordinator_id",
                "first_day_date",
                "first_day_time",
                "first_day_room",
                "first_day_url",
                "first_day_plan",
                "start_schedule_id",
                "start_schedule_url",
            ]
        )
        contracts.program_id.fetch(["name", "code", "start_instructions"])
        contracts.group_id.elder_id.fetch(["name", "email", "phone"])
        items = []
        for contract in contracts:
            student = contract.student_id
            coordinator = student.coordinator_id or contract.group_id.coordinator_id
            items.append(
                {
                    "contract": contract,
                    "student": student,
                    "coordinator": coordinator,
                    "elder": contract.group_id.elder_id,
                    "agreements": agreements_by_contract.get(
                        contract, self.env["bvk.agreement"]
                    ),
                    "order_lines": lines_by_contract.get(
                        contract, self.env["bvk.order.line"]
                    ),
                }
            )
        return {
            "items": items,
            "other_agreements": agreements.filtered(
                lambda a: a.contract_id not in contracts
            ),
            "other_order_lines": order_lines.filtered(
                lambda line: line.contract_id not in contracts
            ),
        }

    @api.model
    def _payments(self, partner, user=None):
        """Payments: the instalments (of the student's contracts, or those
        the payer pays) by contract, with the total to pay now and the
        reference of a bank transfer (the contract number, which the bank
        import recognises)."""
        installments = self._installments(partner)
        installments.fetch(
            [
                "sequence",
                "date_due",
                "amount",
                "amount_paid",
                "amount_residual",
                "state",
                "currency_id",
                "move_id",
                "agreement_id",
                "contract_id",
                "schedule_id",
                "payer_id",
            ]
        )
        installments.schedule_id.fetch(["name"])
        installments.contract_id.fetch(["name", "student_id", "program_id"])
        moves = installments.move_id
        moves.fetch(["name", "state", "payment_state", "amount_residual"])
        # the invoices the user may open in Odoo's invoice portal
        visible_moves = moves
        if user is not None:
            visible_moves = (
                self.env["account.move"]
                .with_user(user)
                .search([("id", "in", moves.ids)])
                .sudo()
            )
        pay_online = bool(moves) and self._online_payment_enabled(
            installments.company_id
        )
        today = fields.Date.context_today(self)
        groups = []
        for contract, lines in installments.grouped("contract_id").items():
            open_lines = lines.filtered(lambda i: i.state in INSTALLMENT_OPEN_STATES)
            groups.append(
                {
                    "contract": contract,
                    "installments": lines,
                    "to_pay": sum(open_lines.mapped("amount_residual")),
                    "overdue": sum(
                        open_lines.filtered(
                            lambda i: i.date_due and i.date_due < today
                        ).mapped("amount_residual")
                    ),
                    "currency": lines[:1].currency_id,
                    "reference": contract.name,
                }
            )
        return {
            "groups": groups,
            "installments": installments,
            "visible_moves": visible_moves,
            "pay_online": pay_online,
            "today": today,
        }

    @api.model
    def _results(self, partner):
        """Study results: the obligations by semester (newest first), the
        open academic debts and the agreements on deadlines."""
        obligations = self._obligations(partner)
        obligations.fetch(
            [
                "course_id",
                "semester_id",
                "credits",
                "grade",
                "state",
                "date_deadline",
                "date_retake",
                "date_result",
                "agreement_id",
            ]
        )
        obligations.course_id.fetch(["code", "name"])
        obligations.semester_id.fetch(
            ["name", "date_start", "season", "academic_year_id"]
        )
        obligations.semester_id.academic_year_id.fetch(["name", "date_start"])
        by_semester = obligations.grouped("semester_id")
        semesters = sorted(
            by_semester,
            key=lambda s: (s.date_start or fields.Date.today(), s.id),
            reverse=True,
        )
        return {
            "semesters": [
                {
                    "semester": semester,
                    "obligations": by_semester[semester].sorted(
                        lambda o: (o.date_deadline or fields.Date.today(), o.id)
                    ),
                    "credits_earned": sum(
                        by_semester[semester]
                        .filtered(lambda o: o.state == "passed")
                        .mapped("credits")
                    ),
                }
                for semester in semesters
            ],
            "debts": obligations.filtered(lambda o: o.state == "debt"),
            "open_count": len(
                obligations.filtered(lambda o: o.state in OBLIGATION_OPEN_STATES)
            ),
            "agreements": self._agreements(partner).filtered(
                lambda a: a.kind == "academic"
            ),
        }

    # ------------------------------------------------------------
    # REQUESTS
    # ------------------------------------------------------------

    @api.model
    def _portal_student(self, partner):
        """The student whose requests ``partner`` sends (the newest), as
        superuser; empty for a payer who is not a student."""
        return (
            self.env["bvk.student"]
            .sudo()
            .search(self._student_domain(partner), order="id desc", limit=1)
        )

    @api.model
    def _requests_count(self, partner):
        return (
            self.env["bvk.student.request"]
            .sudo()
            .search_count(self._request_domain(partner))
        )

    @api.model
    def _requests(self, partner, offset=0, limit=None):
        """One page of the student's requests, newest first, with what the
        list shows read in a few batches."""
        requests = (
            self.env["bvk.student.request"]
            .sudo()
            .search(self._request_domain(partner), offset=offset, limit=limit)
        )
        requests.fetch(
            ["name", "subject", "state", "type_id", "date_received", "date_deadline"]
        )
        requests.type_id.fetch(["name"])
        return requests

    @api.model
    def _request(self, partner, request_id):
        """The request ``request_id`` of ``partner``, as superuser. A missing
        and somebody else's id raise the same MissingError."""
        record = self.env["bvk.student.request"]
        if isinstance(request_id, int):
            record = record.sudo().search(
                [("id", "=", request_id), *self._request_domain(partner)], limit=1
            )
        if not record:
            raise MissingError(self.env._("This request does not exist."))
        return record

    @api.model
    def _request_attachment(self, partner, request_id, attachment_id):
        """A file attached to the student's own request (on the form, or to
        the conversation), as superuser; else MissingError."""
        record = self._request(partner, request_id)
        attachment = self.env["ir.attachment"]
        if isinstance(attachment_id, int):
            attachment = (
                self.env["ir.attachment"]
                .sudo()
                .search(
                    [
                        ("id", "=", attachment_id),
                        ("res_model", "=", record._name),
                        ("res_id", "=", record.id),
                    ],
                    limit=1,
                )
            )
        if not attachment or attachment not in record.attachment_ids:
            raise MissingError(self.env._("This file does not exist."))
        return attachment

    @api.model
    def _request_types(self):
        """The types a student may choose on the form, in the form's order."""
        types = (
            self.env["bvk.student.request.type"]
            .sudo()
            .search([("code", "in", PORTAL_TYPES)])
        )
        return types.sorted(lambda t: PORTAL_TYPES.index(t.code))

    @api.model
    def _create_request(self, partner, vals, attachments):
        """A request of the student ``partner`` from the portal form (checked
        by ``bvk.student.request._create_from_portal``)."""
        student = self._portal_student(partner)
        if not student:
            raise AccessError(self.env._("Only students can send requests."))
        return self.env["bvk.student.request"]._create_from_portal(
            student, vals, attachments
        )

    # ------------------------------------------------------------
    # SURVEYS
    # ------------------------------------------------------------

    @api.model
    def _open_invitation_domain(self, partner):
        return [
            *self._invitation_domain(partner),
            ("state", "=", "invited"),
            "|",
            ("date_deadline", "=", False),
            ("date_deadline", ">=", fields.Date.context_today(self)),
        ]

    @api.model
    def _surveys(self, partner):
        """The survey invitations of ``partner``: the open ones with their
        personal links (computed here, for the invitee only), the answered
        and expired ones without."""
        invitations = (
            self.env["bvk.survey.invitation"]
            .sudo()
            .search(self._invitation_domain(partner))
        )
        invitations.fetch(
            ["campaign_id", "offering_id", "date_deadline", "state", "partner_id"]
        )
        invitations.campaign_id.fetch(["name"])
        open_ids = set(
            invitations.filtered_domain(self._open_invitation_domain(partner)).ids
        )
        items = []
        for invitation in invitations:
            is_open = invitation.id in open_ids and invitation.partner_id == partner
            items.append(
                {
                    "invitation": invitation,
                    "open": is_open,
                    "url": invitation._get_personal_url() if is_open else False,
                }
            )
        items.sort(key=lambda item: not item["open"])
        return {"items": items, "open_count": len(open_ids)}

    # ------------------------------------------------------------
    # ONLINE PAYMENT
    # ------------------------------------------------------------

    @api.model
    def _online_payment_enabled(self, companies):
        """Whether one of ``companies`` has a payment provider enabled (or in
        test mode): without one, Odoo's "Pay now" ends at "No payment method
        available"."""
        if "payment.provider" not in self.env:
            return False
        return bool(
            self.env["payment.provider"]
            .sudo()
            .search_count(
                [
                    ("state", "in", ("enabled", "test")),
                    ("company_id", "in", companies.ids),
                ],
                limit=1,
            )
        )

    # ------------------------------------------------------------
    # ACCOUNTS
    # ------------------------------------------------------------

    @api.model
    def _check_can_grant(self):
        if self.env.su:
            return
        if not self.env.user.has_group("bvk_student_crm.group_bvk_coordinator"):
            raise AccessError(
                self.env._("Only study coordinators may give students portal access.")
            )
