# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class BvkAcademicYear(models.Model):
    _name = "bvk.academic.year"
    _inherit = ["bvk.period.mixin"]
    _description = "Academic Year"
    _order = "date_start desc"

    # ------------------------------------------------------------
    # DEFAULT METHODS
    # ------------------------------------------------------------

    def _default_date_start(self):
        today = fields.Date.context_today(self)
        year = today.year if today.month >= 9 else today.year - 1
        return date(year, 9, 1)

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    date_start = fields.Date(default=_default_date_start)
    date_end = fields.Date(
        compute="_compute_date_end",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    semester_ids = fields.One2many(
        comodel_name="bvk.semester",
        inverse_name="academic_year_id",
        string="Semesters",
    )
    company_id = fields.Many2one(
        comodel_name="res.company", default=lambda self: self.env.company, index=True
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("date_start")
    def _compute_name(self):
        for year in self.filtered("date_start"):
            year.name = f"{year.date_start.year}/{year.date_start.year + 1}"

    @api.depends("date_start")
    def _compute_date_end(self):
        for year in self.filtered("date_start"):
            year.date_end = year.date_start + relativedelta(years=1, days=-1)

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        years = super().create(vals_list)
        years.filtered(lambda y: not y.semester_ids)._create_semesters()
        return years

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _create_semesters(self):
        """Autumn semester from 1 September, spring semester from 1 March."""
        vals_list = []
        for year in self:
            spring_start = date(year.date_start.year + 1, 3, 1)
            vals_list += [
                {
                    "academic_year_id": year.id,
                    "season": "autumn",
                    "date_start": year.date_start,
                    "date_end": spring_start - relativedelta(days=1),
                },
                {
                    "academic_year_id": year.id,
                    "season": "spring",
                    "date_start": spring_start,
                    "date_end": year.date_end,
                },
            ]
        return self.env["bvk.semester"].create(vals_list)
