# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The student portal under /my: My studies, Payments, Study results.

Thin: what a student or a payer may see is decided by ``bvk.portal``
(models/bvk_portal.py). A page or a download of somebody else's record
answers 404, exactly as a record that does not exist. Requests and surveys
plug in the same way: a counter in ``_prepare_home_portal_values``, a tile
in the ``portal_my_home_bvk`` template, one route and its template.
"""

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal, pager

BVK_COUNTERS = ("bvk_studies_count", "bvk_payments_count", "bvk_results_count")


class BvkStudentPortal(CustomerPortal):
    _bvk_installments_per_page = 20

    # ------------------------------------------------------------
    # HOME
    # ------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        wanted = [counter for counter in counters if counter in BVK_COUNTERS]
        if wanted:
            values.update(
                request.env["bvk.portal"]._counters(request.env.user.partner_id, wanted)
            )
        return values

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        # a student's contact is their study coordinator, not a salesman
        student = (
            request.env["bvk.student"]
            .sudo()
            .search(
                request.env["bvk.portal"]._student_domain(request.env.user.partner_id),
                limit=1,
            )
        )
        if student.coordinator_id:
            values["sales_user"] = student.coordinator_id
        return values

    def _bvk_render(self, template, page_name, values):
        layout = self._prepare_portal_layout_values()
        layout.update(values, page_name=page_name)
        return request.render(template, layout)

    # ------------------------------------------------------------
    # PAGES
    # ------------------------------------------------------------

    @http.route("/my/studies", type="http", auth="user", website=True)
    def portal_bvk_studies(self, **kw):
        partner = request.env.user.partner_id
        return self._bvk_render(
            "bvk_student_crm.portal_my_studies",
            "bvk_studies",
            request.env["bvk.portal"]._studies(partner),
        )

    @http.route(
        ["/my/payments", "/my/payments/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_bvk_payments(self, page=1, **kw):
        partner = request.env.user.partner_id
        values = request.env["bvk.portal"]._payments(partner, user=request.env.user)
        installments = values["installments"]
        step = self._bvk_installments_per_page
        portal_pager = pager(
            url="/my/payments",
            total=len(installments),
            page=page,
            step=step,
        )
        shown = installments[portal_pager["offset"] : portal_pager["offset"] + step]
        values.update(pager=portal_pager, shown=shown)
        return self._bvk_render(
            "bvk_student_crm.portal_my_payments", "bvk_payments", values
        )

    @http.route("/my/results", type="http", auth="user", website=True)
    def portal_bvk_results(self, **kw):
        partner = request.env.user.partner_id
        return self._bvk_render(
            "bvk_student_crm.portal_my_results",
            "bvk_results",
            request.env["bvk.portal"]._results(partner),
        )

    # ------------------------------------------------------------
    # DOCUMENTS
    # ------------------------------------------------------------

    @http.route(
        "/my/studies/<string:kind>/<int:record_id>/pdf",
        type="http",
        auth="user",
        website=True,
    )
    def portal_bvk_document(self, kind, record_id, download=False, **kw):
        """The signed contract, an amendment or the student's excerpt of an
        order, as PDF: only the student's own, else 404."""
        Portal = request.env["bvk.portal"]
        try:
            record = Portal._document(request.env.user.partner_id, kind, record_id)
        except (AccessError, MissingError):
            return request.not_found()
        return self._show_report(
            model=record,
            report_type="pdf",
            report_ref=Portal._document_report(kind),
            download=download in (True, "1", "true", "True"),
        )
