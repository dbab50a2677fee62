# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api, models


class SurveyUserInputLine(models.Model):
    """The lines of a pseudo-anonymous answer are created and written as the
    superuser: their creator and last writer are never the person
    answering."""

    _inherit = "survey.user_input.line"

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.uid == SUPERUSER_ID:
            return super().create(vals_list)
        answer_ids = {vals.get("user_input_id") for vals in vals_list}
        answers = self.env["survey.user_input"].sudo().browse(answer_ids - {None})
        if not answers.filtered("bvk_campaign_id"):
            return super().create(vals_list)
        self.check_access("create")
        return (
            super(SurveyUserInputLine, self.with_user(SUPERUSER_ID).sudo())
            .create(vals_list)
            .with_env(self.env)
        )

    def _write_multi(self, vals_list):
        vals_list = [
            dict(vals, write_uid=SUPERUSER_ID)
            if line.user_input_id.bvk_campaign_id
            else vals
            for line, vals in zip(self, vals_list, strict=True)
        ]
        return super()._write_multi(vals_list)
