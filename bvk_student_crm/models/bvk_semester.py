# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import lv_format


class BvkSemester(models.Model):
    _name = "bvk.semester"
    _inherit = ["bvk.period.mixin"]
    _description = "Semester"
    _order = "date_start desc"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(
        compute="_compute_name",
        store=True,
        precompute=True,
        help="Year and season, for searching; shown in the user's language by "
        "the display name.",
    )
    academic_year_id = fields.Many2one(
        comodel_name="bvk.academic.year",
        required=True,
        ondelete="cascade",
        index=True,
    )
    season = fields.Selection(
        selection=[("autumn", "Autumn"), ("spring", "Spring")],
        required=True,
    )
    company_id = fields.Many2one(
        related="academic_year_id.company_id", store=True, index=True
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("season", "academic_year_id.name", "academic_year_id.date_start")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # the stored name is in the language it was computed in; show the
        # semester in the reader's language: "2026./2027. rudens semestris"
        # in Latvian (ordinal dots, the season in the genitive), "2026/2027
        # Autumn" otherwise
        if not self._is_latvian():
            self._compute_name(field="display_name")
            return
        for semester in self:
            year = semester.academic_year_id
            semester.display_name = (
                lv_format.semester_name(
                    year.date_start.year, semester.season, study_year=False
                )
                if year.date_start and semester.season
                else year.name or ""
            )

    @api.depends("season", "academic_year_id.name")
    def _compute_name(self, field="name"):
        seasons = dict(self._fields["season"]._description_selection(self.env))
        for semester in self:
            semester[field] = (
                f"{semester.academic_year_id.name} {seasons.get(semester.season, '')}"
            ).strip()

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("date_start", "date_end", "academic_year_id")
    def _check_within_year(self):
        for semester in self:
            year = semester.academic_year_id
            if semester.date_start < year.date_start or semester.date_end > (
                year.date_end
            ):
                raise ValidationError(
                    self.env._(
                        "The semester %(semester)s must lie within the academic "
                        "year %(year)s.",
                        semester=semester.display_name,
                        year=year.display_name,
                    )
                )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _is_latvian(self):
        return (self.env.lang or "").startswith("lv")

    def _get_doc_name(self, case="nominative"):
        """The semester as a sentence of a document or message names it, in
        the language of the context: ``2026./2027. studiju gada rudens
        semestris`` in the Latvian ``case`` of *semestris* (nominative,
        genitive, dative, accusative, locative: "pārcelt uz … semestri"),
        ``autumn semester 2026/2027`` in English."""
        self.ensure_one()
        year = self.academic_year_id
        if self._is_latvian() and year.date_start and self.season:
            return lv_format.semester_name(year.date_start.year, self.season, case)
        seasons = dict(self._fields["season"]._description_selection(self.env))
        return self.env._(
            "%(season)s semester %(year)s",
            season=seasons.get(self.season, "").lower(),
            year=year.name or "",
        )

    @api.model
    def _get_current(self, company=None):
        company = company or self.env.company
        return self.search(
            [("is_current", "=", True), ("company_id", "in", [company.id, False])],
            limit=1,
        )
