# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import format_amount, format_date


class BvkReminderLine(models.Model):
    """One obligation listed in a reminder.

    A unique index on (obligation, level, due date) makes a level impossible
    to send twice for the same obligation by the daily run, even from two
    concurrent runs; a new due date (after an agreement) starts the levels
    again.
    """

    _name = "bvk.reminder.line"
    _description = "Reminder Line"
    _order = "date_due, id"

    reminder_id = fields.Many2one(
        comodel_name="bvk.reminder", required=True, ondelete="cascade", index=True
    )
    level_id = fields.Many2one(related="reminder_id.level_id", store=True)
    res_model = fields.Char(string="Obligation Model", required=True)
    res_id = fields.Many2oneReference(
        string="Obligation", model_field="res_model", required=True, index=True
    )
    name = fields.Char(string="Description", required=True)
    date_due = fields.Date(string="Due Date", required=True)
    amount = fields.Monetary()
    currency_id = fields.Many2one(related="reminder_id.currency_id", store=True)

    manual = fields.Boolean(related="reminder_id.manual", store=True)
    company_id = fields.Many2one(
        related="reminder_id.company_id", store=True, index=True
    )

    def init(self):
        # a level of the daily run is sent once per obligation and due date;
        # reminders sent by hand are not limited
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS bvk_reminder_line_obligation_level_uniq
            ON bvk_reminder_line (res_model, res_id, level_id, date_due)
            WHERE manual IS NOT TRUE
            """
        )

    @api.depends_context("lang")
    @api.depends("name", "date_due", "amount")
    def _compute_display_name(self):
        # in the reader's formats, not ISO dates and bare amounts
        for line in self:
            due = format_date(self.env, line.date_due)
            if line.amount:
                line.display_name = self.env._(
                    "%(name)s, due %(date)s: %(amount)s",
                    name=line.name,
                    date=due,
                    amount=format_amount(self.env, line.amount, line.currency_id),
                )
            else:
                line.display_name = self.env._(
                    "%(name)s, due %(date)s", name=line.name, date=due
                )
