# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The student portal under /my: My studies, Payments, Study results.

Thin: what a student or a payer may see is decided by ``bvk.portal``
(models/bvk_portal.py). A page or a download of somebody else's record
answers 404, exactly as a record that does not exist. A section plugs in
with a counter in ``_prepare_home_portal_values``, a tile in the
``portal_my_home_bvk`` template, its routes and templates (My requests and
Surveys were added so).
"""

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal, pager

from ..models.bvk_student_request import PORTAL_MAX_FILE_MB, PORTAL_MAX_FILES

BVK_COUNTERS = (
    "bvk_studies_count",
    "bvk_payments_count",
    "bvk_results_count",
    "bvk_requests_count",
    "bvk_surveys_count",
)
# the fields of the request form kept when it is shown again with an error
REQUEST_FORM_FIELDS = ("type", "subject", "description")


class BvkStudentPortal(CustomerPortal):
    _bvk_installments_per_page = 20
    _bvk_requests_per_page = 20

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

    @http.route(
        "/my/studies/<int:contract_id>/start/<int:attachment_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_bvk_start_file(self, contract_id, attachment_id, **kw):
        """A file of the start of studies of the student's own contract,
        else 404."""
        try:
            attachment = request.env["bvk.portal"]._start_file(
                request.env.user.partner_id, contract_id, attachment_id
            )
        except MissingError:
            return request.not_found()
        return (
            request.env["ir.binary"]
            ._get_stream_from(attachment)
            .get_response(as_attachment=True)
        )

    # ------------------------------------------------------------
    # REQUESTS
    # ------------------------------------------------------------

    @http.route(
        ["/my/requests", "/my/requests/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_bvk_requests(self, page=1, **kw):
        Portal = request.env["bvk.portal"]
        partner = request.env.user.partner_id
        step = self._bvk_requests_per_page
        portal_pager = pager(
            url="/my/requests",
            total=Portal._requests_count(partner),
            page=page,
            step=step,
        )
        values = {
            "requests": Portal._requests(
                partner, offset=portal_pager["offset"], limit=step
            ),
            "pager": portal_pager,
            "is_student": bool(Portal._portal_student(partner)),
        }
        return self._bvk_render(
            "bvk_student_crm.portal_my_requests", "bvk_requests", values
        )

    @http.route(
        "/my/requests/new",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_bvk_request_new(self, **post):
        Portal = request.env["bvk.portal"]
        partner = request.env.user.partner_id
        if not Portal._portal_student(partner):
            return request.not_found()
        error = False
        if request.httprequest.method == "POST":
            files = [
                (upload.filename, upload.read(PORTAL_MAX_FILE_MB * 1024 * 1024 + 1))
                for upload in request.httprequest.files.getlist("attachments")
                if upload.filename
            ]
            vals = {name: post.get(name) or "" for name in REQUEST_FORM_FIELDS}
            try:
                with request.env.cr.savepoint():
                    record = Portal._create_request(partner, vals, files)
            except (ValidationError, UserError, AccessError) as exc:
                error = exc.args[0] if exc.args else str(exc)
            else:
                return request.redirect(f"/my/requests/{record.id}?submitted=1")
        values = {
            "request_types": Portal._request_types(),
            "form": {name: post.get(name) or "" for name in REQUEST_FORM_FIELDS},
            "error": error,
            "max_files": PORTAL_MAX_FILES,
            "max_file_mb": PORTAL_MAX_FILE_MB,
        }
        return self._bvk_render(
            "bvk_student_crm.portal_my_request_new", "bvk_request_new", values
        )

    @http.route(
        "/my/requests/<int:request_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_bvk_request(self, request_id, submitted=None, **kw):
        """A request, its answer and its conversation: only the student's
        own (else 404; no access token opens it)."""
        try:
            record = request.env["bvk.portal"]._request(
                request.env.user.partner_id, request_id
            )
        except MissingError:
            return request.not_found()
        return self._bvk_render(
            "bvk_student_crm.portal_my_request",
            "bvk_request",
            {"record": record, "submitted": bool(submitted)},
        )

    @http.route(
        "/my/requests/<int:request_id>/file/<int:attachment_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_bvk_request_file(self, request_id, attachment_id, **kw):
        """A file of the student's own request, else 404."""
        try:
            attachment = request.env["bvk.portal"]._request_attachment(
                request.env.user.partner_id, request_id, attachment_id
            )
        except MissingError:
            return request.not_found()
        return (
            request.env["ir.binary"]
            ._get_stream_from(attachment)
            .get_response(as_attachment=True)
        )

    # ------------------------------------------------------------
    # SURVEYS
    # ------------------------------------------------------------

    @http.route("/my/surveys", type="http", auth="user", website=True)
    def portal_bvk_surveys(self, **kw):
        """The survey invitations: the personal link of an open one is
        computed (as superuser) for its own invitee only."""
        return self._bvk_render(
            "bvk_student_crm.portal_my_surveys",
            "bvk_surveys",
            request.env["bvk.portal"]._surveys(request.env.user.partner_id),
        )
