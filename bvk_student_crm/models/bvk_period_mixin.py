# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BvkPeriodMixin(models.AbstractModel):
    """A period with start and end dates (academic year, semester): whether it
    is the current one, and no overlap with its siblings."""

    _name = "bvk.period.mixin"
    _description = "Period of Study"

    date_start = fields.Date(string="Start Date", required=True)
    date_end = fields.Date(string="End Date", required=True)
    is_current = fields.Boolean(
        string="Current", compute="_compute_is_current", search="_search_is_current"
    )

    _sql_constraints = [
        (
            "dates_check",
            "CHECK(date_start < date_end)",
            "A period must end after it starts.",
        ),
    ]

    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for period in self:
            period.is_current = bool(
                period.date_start
                and period.date_end
                and period.date_start <= today <= period.date_end
            )

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError()
        today = fields.Date.context_today(self)
        domain = [("date_start", "<=", today), ("date_end", ">=", today)]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.constrains("date_start", "date_end", "company_id")
    def _check_overlap(self):
        for period in self:
            overlapping = self.search(
                [
                    ("id", "!=", period.id),
                    ("company_id", "=", period.company_id.id),
                    ("date_start", "<=", period.date_end),
                    ("date_end", ">=", period.date_start),
                ],
                limit=1,
            )
            if overlapping:
                raise ValidationError(
                    self.env._(
                        "%(period)s overlaps %(other)s.",
                        period=period.display_name,
                        other=overlapping.display_name,
                    )
                )
