# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

OBLIGATION_KINDS = [
    ("payment", "Payments"),
    ("academic", "Academic obligations"),
    ("engagement", "Study engagement"),
]


class BvkReminderPolicy(models.Model):
    """When and how students are reminded of an unfulfilled obligation.

    One policy per kind of obligation (payments, academic obligations); the
    same levels, channels, history and idempotency serve every kind.
    """

    _name = "bvk.reminder.policy"
    _description = "Reminder Policy"
    _order = "kind, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(
        selection=OBLIGATION_KINDS, string="Obligation", required=True, index=True
    )
    grace_days = fields.Integer(
        default=0,
        help="Days after the due date or deadline before the obligation counts "
        "as overdue (0–3).",
    )
    level_ids = fields.One2many(
        comodel_name="bvk.reminder.level",
        inverse_name="policy_id",
        string="Levels",
        copy=True,
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    _sql_constraints = [
        (
            "grace_days_range",
            "CHECK(grace_days BETWEEN 0 AND 3)",
            "The grace period is 0 to 3 days.",
        ),
    ]

    @api.constrains("kind", "company_id", "active")
    def _check_one_per_kind(self):
        for policy in self.filtered("active"):
            if self.search_count(
                [
                    ("id", "!=", policy.id),
                    ("kind", "=", policy.kind),
                    ("company_id", "=", policy.company_id.id),
                ]
            ):
                raise ValidationError(
                    self.env._(
                        "There is already an active reminder policy for %(kind)s.",
                        kind=dict(
                            self._fields["kind"]._description_selection(self.env)
                        )[policy.kind],
                    )
                )

    @api.model
    def _get_policy(self, kind, company=None):
        company = company or self.env.company
        return self.search(
            [("kind", "=", kind), ("company_id", "=", company.id)], limit=1
        )

    def _get_reminder_levels(self):
        """The levels of the daily run (1, 2, ...), without the notice."""
        self.ensure_one()
        return self.level_ids.filtered(lambda level: level.sequence > 0).sorted(
            "sequence"
        )

    def _get_notice_level(self):
        """Level 0: the notice sent by hand before the due date."""
        self.ensure_one()
        return self.level_ids.filtered(lambda level: level.sequence == 0)[:1]

    def _get_target_level(self, days_overdue):
        """The highest level whose threshold ``days_overdue`` has reached."""
        self.ensure_one()
        reached = self._get_reminder_levels().filtered(
            lambda level: days_overdue - self.grace_days >= level.days_overdue
        )
        return reached[-1:]

    def _get_manual_level(self, days_overdue):
        """The level of a reminder sent by hand: the notice (level 0) while
        the obligation is not overdue (``days_overdue`` <= 0), otherwise the
        level reached, at least the first one. Empty when the policy has no
        notice level for an obligation not yet overdue."""
        self.ensure_one()
        if days_overdue <= 0:
            return self._get_notice_level()
        return self._get_target_level(days_overdue) or self._get_reminder_levels()[:1]
