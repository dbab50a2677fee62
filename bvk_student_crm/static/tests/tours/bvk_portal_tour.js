/** @odoo-module **/
// The student portal's main path: home, payments, an invoice.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("bvk_student_portal_tour", {
    url: "/my",
    steps: () => [
        {
            content: "The home page shows the Payments tile once its counter is loaded",
            trigger: ".o_portal_index_card:not(.d-none) a[href='/my/payments']",
            run: "click",
        },
        {
            content: "The total to pay now and the reference of a bank transfer",
            trigger: ".o_bvk_to_pay .o_bvk_reference",
        },
        {
            content: "The overdue instalment is highlighted",
            trigger: "tr.o_bvk_installment.table-danger",
        },
        {
            content: "Open the invoice of the overdue instalment",
            trigger: "tr.o_bvk_installment.table-danger a.o_bvk_invoice_link",
            run: "click",
        },
        {
            content: "Odoo's invoice page",
            trigger: ".o_portal_invoice_sidebar",
        },
        {
            content: "No 'Pay now' without a payment provider",
            trigger: ".o_portal_invoice_sidebar:not(:has(a[data-bs-target='#pay_with']))",
        },
        {
            content: "The invoice's chatter is loaded",
            trigger: "#chatterRoot:shadow .o-mail-Chatter",
        },
    ],
});
