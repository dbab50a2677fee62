# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import api, fields, models
from odoo.exceptions import UserError


class BvkWeeklyReportPrint(models.TransientModel):
    """The weekly report on demand, for any period: the PDF or the XLSX."""

    _name = "bvk.weekly.report.print"
    _description = "Print Weekly Report"

    @api.model
    def _default_dates(self):
        return self.env["bvk.weekly.report"]._last_week(fields.Date.context_today(self))

    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_dates()[0]
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: self._default_dates()[1]
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
    )
    xlsx_file = fields.Binary(string="XLSX", readonly=True, attachment=False)
    xlsx_filename = fields.Char(string="XLSX File Name")

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise UserError(self.env._("The period ends before it starts."))

    def _check_access_report(self):
        self.env["bvk.weekly.report"]._check_report_access()

    def action_print_pdf(self):
        self.ensure_one()
        self._check_access_report()
        return self.env.ref("bvk_student_crm.action_report_bvk_weekly").report_action(
            self
        )

    def action_download_xlsx(self):
        self.ensure_one()
        self._check_access_report()
        Report = self.env["bvk.weekly.report"].with_company(self.company_id)
        data = Report._get_data(self.company_id, self.date_from, self.date_to)
        self.write(
            {
                "xlsx_file": base64.b64encode(Report._render_xlsx(data)),
                "xlsx_filename": Report._get_filename(
                    self.date_from, self.date_to, "xlsx"
                ),
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/?model={self._name}&id={self.id}&field=xlsx_file"
            "&filename_field=xlsx_filename&download=true",
            "target": "self",
        }
