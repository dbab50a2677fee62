# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

REQUEST_TYPES = [
    ("postpone", "Payment postponement"),
    ("split", "Payment split"),
    ("loan", "Study loan"),
    ("academic_leave", "Academic leave"),
    ("deadline_extension", "Deadline extension"),
    ("individual_plan", "Individual study plan"),
    ("termination", "Termination of studies"),
    ("certificate", "Certificate or statement"),
    ("complaint", "Complaint"),
    ("other", "Other"),
]
# request types answered by an agreement (step 4.1.3 / 4.2.3): the request
# type is the agreement type
PAYMENT_REQUEST_TYPES = ("postpone", "split", "loan")
ACADEMIC_REQUEST_TYPES = ("deadline_extension", "individual_plan")


class BvkStudentRequestType(models.Model):
    """The settings of one type of student request (iesniegums): who answers
    it and within how many working days."""

    _name = "bvk.student.request.type"
    _description = "Student Request Type"
    _order = "sequence, id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(selection=REQUEST_TYPES, string="Type", required=True)
    sequence = fields.Integer(default=10)
    responsible_role = fields.Selection(
        selection=[
            ("coordinator", "Student's coordinator"),
            ("accountant", "Accountant"),
            ("head", "Study Support Centre head"),
        ],
        string="Answered By",
        required=True,
        default="coordinator",
        help="Who answers requests of this type by default: the coordinator of "
        "the student's group, the accountant or the head of the Study Support "
        "Centre. A person set below takes precedence.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible Person",
        domain="[('share', '=', False)]",
        help="Answers every request of this type (the accountant of payment "
        "requests, for instance).",
    )
    deadline_days = fields.Integer(
        string="Response Deadline (working days)",
        required=True,
        default=10,
        help="Working days of the company's working calendar (public holidays "
        "excluded) from the day the request is received.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "There is one setting per request type.")
    ]

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("deadline_days")
    def _check_deadline_days(self):
        for request_type in self:
            if not 0 < request_type.deadline_days <= 365:
                raise ValidationError(
                    self.env._(
                        "The response deadline of %(type)s must be between 1 and "
                        "365 working days.",
                        type=request_type.name,
                    )
                )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _get_responsible(self, student, company):
        """The user answering a request of this type from ``student``."""
        self.ensure_one()
        if self.user_id:
            return self.user_id
        head = company.bvk_ssc_head_id
        if self.responsible_role == "coordinator":
            return student.sudo().coordinator_id or head
        if self.responsible_role == "accountant":
            accountant = (
                self.env["res.users"]
                .sudo()
                .search(
                    [
                        ("share", "=", False),
                        ("company_ids", "in", company.ids),
                        (
                            "groups_id",
                            "in",
                            self.env.ref("account.group_account_invoice").ids,
                        ),
                        (
                            "groups_id",
                            "not in",
                            self.env.ref("bvk_student_crm.group_bvk_lecturer").ids,
                        ),
                        ("id", "!=", self.env.ref("base.user_root").id),
                    ],
                    order="id",
                    limit=1,
                )
            )
            return accountant or head
        return head
