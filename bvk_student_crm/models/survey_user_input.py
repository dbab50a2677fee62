# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api, fields, models
from odoo.http import request


class SurveyUserInput(models.Model):
    """Answers of the college's survey campaigns are pseudo-anonymous: made
    without contact, e-mail, nickname or invite token, created and written as
    the superuser (whoever is logged in: a student answering from the portal
    leaves no trace as creator or last writer, and no message authored by
    them), carrying only what the results group by (campaign, course,
    programme, semester)."""

    _inherit = "survey.user_input"

    bvk_campaign_id = fields.Many2one(
        comodel_name="bvk.survey.campaign",
        string="Survey Campaign",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
    )
    bvk_offering_id = fields.Many2one(
        comodel_name="bvk.course.offering",
        string="Evaluated Course",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    bvk_program_id = fields.Many2one(
        comodel_name="bvk.study.program",
        string="Study Programme",
        readonly=True,
        ondelete="set null",
    )
    bvk_semester_id = fields.Many2one(
        comodel_name="bvk.semester",
        string="Semester",
        readonly=True,
        ondelete="set null",
    )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    def write(self, vals):
        anonymous = self.filtered("bvk_campaign_id")
        if not anonymous:
            return super().write(vals)
        super(SurveyUserInput, anonymous).write(self._bvk_anonymous_vals(vals))
        if self - anonymous:
            super(SurveyUserInput, self - anonymous).write(vals)
        return True

    def _write_multi(self, vals_list):
        # whoever answers (the public user, a student logged in to the
        # portal), the last writer of an anonymous answer is the superuser:
        # here, not in write(), as the stored computed fields (scores) are
        # written at the flush in the answering user's environment too
        vals_list = [
            dict(vals, write_uid=SUPERUSER_ID) if answer.bvk_campaign_id else vals
            for answer, vals in zip(self, vals_list, strict=True)
        ]
        return super()._write_multi(vals_list)

    @api.model
    def _bvk_anonymous_vals(self, vals):
        """Nothing that names a person is ever written to an anonymous answer
        (Odoo's survey pages save a "nickname" or "email" question there)."""
        return {
            key: value
            for key, value in vals.items()
            if key not in ("partner_id", "email", "nickname", "invite_token")
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _bvk_create_anonymous(self, invitation, access_token):
        """The answer of an invitation's link, without any person."""
        campaign = invitation.campaign_id
        offering = invitation.offering_id
        return (
            self.with_user(SUPERUSER_ID)
            .sudo()
            .with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
            .create(
                {
                    "survey_id": campaign.survey_id.id,
                    "access_token": access_token,
                    "deadline": invitation._bvk_answer_deadline(),
                    "bvk_campaign_id": campaign.id,
                    "bvk_offering_id": offering.id,
                    "bvk_program_id": invitation.program_id.id
                    or offering.program_id.id,
                    "bvk_semester_id": offering.semester_id.id
                    or campaign.semester_id.id,
                }
            )
        )

    def _mark_done(self):
        res = super()._mark_done()
        pending = request.session.get("bvk_survey_pending") if request else None
        if pending:
            for answer in self.filtered("bvk_campaign_id"):
                link = pending.pop(answer.access_token, None)
                if link:
                    invitation = (
                        self.env["bvk.survey.invitation"].sudo().browse(link[0])
                    )
                    invitation.exists()._bvk_mark_answered(link[1])
            request.session["bvk_survey_pending"] = pending
        return res

    def _notify_new_participation_subscribers(self):
        # Odoo posts "X just participated" authored by the logged-in user
        return super(
            SurveyUserInput, self.filtered(lambda a: not a.bvk_campaign_id)
        )._notify_new_participation_subscribers()
