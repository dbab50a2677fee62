# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ReportBvkWeekly(models.AbstractModel):
    """Values of the weekly report's QWeb template: the period and company
    come from ``data`` (the cron) or from the wizard printing it."""

    _name = "report.bvk_student_crm.report_bvk_weekly"
    _description = "Weekly Report (PDF)"

    @api.model
    def _get_report_values(self, docids, data=None):
        self.env["bvk.weekly.report"]._check_report_access()
        data = data or {}
        if data.get("date_from"):
            company = self.env["res.company"].browse(data["company_id"])
            date_from = fields.Date.to_date(data["date_from"])
            date_to = fields.Date.to_date(data["date_to"])
        else:
            wizard = self.env["bvk.weekly.report.print"].browse(docids)[:1]
            company, date_from, date_to = (
                wizard.company_id,
                wizard.date_from,
                wizard.date_to,
            )
        Report = self.env["bvk.weekly.report"]
        return {
            "doc_ids": docids,
            "doc_model": "bvk.weekly.report.print",
            "docs": self.env["bvk.weekly.report.print"].browse(docids),
            "report": Report.with_company(company),
            "report_data": Report.with_company(company)._get_data(
                company, date_from, date_to
            ),
            "company": company,
            "res_company": company,
        }
