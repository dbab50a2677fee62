# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.survey.controllers.main import Survey


class BvkSurvey(Survey):
    @http.route(
        "/bvk/survey/<int:invitation_id>/<string:token>",
        type="http",
        auth="public",
        sitemap=False,
    )
    def bvk_survey_open(self, invitation_id, token, **kwargs):
        """The personal link of an invitation: opens (or creates) the
        invitation's anonymous answer and remembers, in the browser's session
        only, which invitation to mark answered when it is completed."""
        Invitation = request.env["bvk.survey.invitation"].sudo()
        invitation, answer = Invitation._bvk_open(invitation_id, token)
        if invitation is None:
            raise NotFound()
        survey = invitation.campaign_id.survey_id
        if not answer:
            return request.render("survey.survey_closed_expired", {"survey": survey})
        if answer.state != "done":
            pending = dict(request.session.get("bvk_survey_pending") or {})
            pending[answer.access_token] = [invitation.id, token]
            request.session["bvk_survey_pending"] = pending
        return request.redirect(
            f"/survey/start/{survey.access_token}?answer_token={answer.access_token}"
        )

    def _check_validity(
        self, survey_token, answer_token, ensure_token=True, check_partner=True
    ):
        # an anonymous answer has no contact: whoever holds its token may
        # answer, logged in (a student in the portal) or not
        if answer_token and check_partner:
            answer = (
                request.env["survey.user_input"]
                .sudo()
                .search([("access_token", "=", answer_token)], limit=1)
            )
            if answer.bvk_campaign_id:
                check_partner = False
        return super()._check_validity(
            survey_token,
            answer_token,
            ensure_token=ensure_token,
            check_partner=check_partner,
        )
