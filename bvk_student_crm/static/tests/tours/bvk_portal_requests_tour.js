/** @odoo-module **/
// The student portal's requests: send one on the form, find it in the list.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("bvk_student_portal_requests_tour", {
    url: "/my",
    steps: () => [
        {
            content: "The home page shows the My requests tile",
            trigger: ".o_portal_index_card:not(.d-none) a[href='/my/requests']",
            run: "click",
        },
        {
            content: "Open the form of a new request",
            trigger: "a.o_bvk_request_new",
            run: "click",
        },
        {
            content: "Choose the type",
            trigger: "select[name='type']",
            run: "select certificate",
        },
        {
            content: "Write the subject",
            trigger: "input[name='subject']",
            run: "edit Tour certificate",
        },
        {
            content: "Describe the request",
            trigger: "textarea[name='description']",
            run: "edit A certificate of my studies for the tax office, please.",
        },
        {
            content: "Send it",
            trigger: "button.o_bvk_request_submit",
            run: "click",
        },
        {
            content: "The request is sent and its conversation is loaded",
            trigger: ".o_bvk_request_submitted",
        },
        {
            content: "Back to the list",
            trigger: ".o_portal_submenu a[href='/my/requests']",
            run: "click",
        },
        {
            content: "The new request is in the list",
            trigger: "tr.o_bvk_request:contains('Tour certificate')",
        },
    ],
});
