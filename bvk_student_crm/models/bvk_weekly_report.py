# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import logging
from datetime import datetime, time, timedelta

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import AccessError

_logger = logging.getLogger(__name__)

# the columns' kinds: how the PDF formats them and the XLSX writes them
TEXT, DATE, AMOUNT, INTEGER = "text", "date", "amount", "integer"
LAST_SENT_PARAM = "bvk_student_crm.weekly_report_last_%s"


class BvkWeeklyReport(models.AbstractModel):
    """The weekly report (*iknedēļas atskaite*) for the director and the head
    of the Study Support Centre: what changed in a week (expulsions and
    terminations, new and signed contracts, transfers, exmatriculations,
    approved agreements) and the totals at its end. Rendered as a PDF (QWeb)
    and an XLSX workbook; every Monday the cron e-mails both for the week
    before, the wizard gives them for any period.

    The figures come from a constant number of queries, as superuser within
    the company: the report is for the college's management, whose access
    to the wizard is checked there.
    """

    _name = "bvk.weekly.report"
    _description = "Weekly Report"

    # ------------------------------------------------------------
    # DATA
    # ------------------------------------------------------------

    @api.model
    def _check_report_access(self):
        if self.env.su or self.env.user.has_group("bvk_student_crm.group_bvk_head"):
            return
        raise AccessError(
            self.env._(
                "Only the director and the head of the Study Support Centre read "
                "the weekly report."
            )
        )

    @api.model
    def _get_data(self, company, date_from, date_to):
        """The report of ``company`` from ``date_from`` to ``date_to``
        (inclusive), in the language of the context: ``{"sections": [{"key",
        "title", "columns": [(label, kind)], "rows": [[value]]}], "totals":
        [(label, value, kind)], "empty": no change in the period}``."""
        env = self.sudo().with_company(company).env
        sections = [
            self._section_expulsions(env, company, date_from, date_to),
            self._section_contracts(env, company, date_from, date_to),
            self._section_order_lines(env, company, date_from, date_to, "transfer"),
            self._section_order_lines(
                env, company, date_from, date_to, "exmatriculation"
            ),
            self._section_agreements(env, company, date_from, date_to),
        ]
        return {
            "company": company,
            "date_from": date_from,
            "date_to": date_to,
            "sections": sections,
            "totals": self._totals(env, company, date_from, date_to),
            "empty": not any(section["rows"] for section in sections),
        }

    @api.model
    def _signed_lines(self, env, company, date_from, date_to, order_type):
        return env["bvk.order.line"].search(
            [
                ("company_id", "=", company.id),
                ("order_type", "=", order_type),
                ("state", "=", "signed"),
                ("date_order", ">=", date_from),
                ("date_order", "<=", date_to),
            ],
            order="date_order, order_id, sequence, id",
        )

    @api.model
    def _section_expulsions(self, env, company, date_from, date_to):
        _ = self.env._
        lines = self._signed_lines(env, company, date_from, date_to, "expulsion")
        reasons = dict(lines._fields["reason"]._description_selection(self.env))
        rows = [
            [
                line.student_id.name,
                line.student_id.student_number,
                line.program_id.with_env(self.env).display_name or "",
                line.group_id.code or "",
                reasons.get(line.reason, ""),
                line.date_effective,
                line.order_id.name,
            ]
            for line in lines
        ]
        # contracts ended without an order (before orders existed)
        contracts = env["bvk.study.contract"].search(
            [
                ("company_id", "=", company.id),
                ("state", "=", "terminated"),
                ("termination_line_id", "=", False),
                ("date_terminated", ">=", date_from),
                ("date_terminated", "<=", date_to),
            ],
            order="date_terminated, id",
        )
        rows += [
            [
                contract.student_id.name,
                contract.student_id.student_number,
                contract.program_id.with_env(self.env).display_name or "",
                contract.group_id.code or "",
                _("Contract %(contract)s terminated", contract=contract.name),
                contract.date_terminated,
                "",
            ]
            for contract in contracts
        ]
        return {
            "key": "expulsions",
            "title": _("Expulsions and terminations"),
            "sheet": _("Expulsions"),
            "columns": [
                (_("Student"), TEXT),
                (_("Student No."), TEXT),
                (_("Programme"), TEXT),
                (_("Group"), TEXT),
                (_("Reason"), TEXT),
                (_("Effective Date"), DATE),
                (_("Order No."), TEXT),
            ],
            "rows": rows,
        }

    @api.model
    def _section_contracts(self, env, company, date_from, date_to):
        _ = self.env._
        start = datetime.combine(date_from, time.min)
        end = datetime.combine(date_to + timedelta(days=1), time.min)
        contracts = env["bvk.study.contract"].search(
            [
                ("company_id", "=", company.id),
                "|",
                "&",
                ("create_date", ">=", start),
                ("create_date", "<", end),
                "&",
                ("date_signed", ">=", date_from),
                ("date_signed", "<=", date_to),
            ],
            order="id",
        )
        rows = []
        for contract in contracts:
            created = fields.Date.to_date(contract.create_date)
            signed = bool(
                contract.date_signed and date_from <= contract.date_signed <= date_to
            )
            new = date_from <= created <= date_to
            event = (
                _("New and signed")
                if signed and new
                else _("Signed")
                if signed
                else _("New")
            )
            rows.append(
                [
                    contract.display_name,
                    contract.student_id.name,
                    contract.program_id.with_env(self.env).display_name or "",
                    contract.group_id.code or "",
                    event,
                    contract.date_signed if signed else created,
                    contract.amount_total,
                ]
            )
        return {
            "key": "contracts",
            "title": _("New and signed contracts"),
            "sheet": _("Contracts"),
            "columns": [
                (_("Contract"), TEXT),
                (_("Student"), TEXT),
                (_("Programme"), TEXT),
                (_("Group"), TEXT),
                (_("Event"), TEXT),
                (_("Date"), DATE),
                (_("Tuition"), AMOUNT),
            ],
            "rows": rows,
        }

    @api.model
    def _section_order_lines(self, env, company, date_from, date_to, order_type):
        _ = self.env._
        lines = self._signed_lines(env, company, date_from, date_to, order_type)
        if order_type == "transfer":
            rows = [
                [
                    line.student_id.name,
                    line.student_id.student_number,
                    line.program_id.with_env(self.env).display_name or "",
                    line.group_id.code or "",
                    line.semester_from,
                    line.semester_to,
                    line.note or (_("Yes") if line.conditional else ""),
                    line.date_effective,
                    line.order_id.name,
                ]
                for line in lines
            ]
            return {
                "key": "transfers",
                "title": _("Transfers to the next semester"),
                "sheet": _("Transfers"),
                "columns": [
                    (_("Student"), TEXT),
                    (_("Student No."), TEXT),
                    (_("Programme"), TEXT),
                    (_("Group"), TEXT),
                    (_("From Semester"), INTEGER),
                    (_("To Semester"), INTEGER),
                    (_("Conditionally"), TEXT),
                    (_("Effective Date"), DATE),
                    (_("Order No."), TEXT),
                ],
                "rows": rows,
            }
        rows = [
            [
                line.student_id.name,
                line.student_id.student_number,
                line.program_id.with_env(self.env).display_name or "",
                line.group_id.code or "",
                _("Yes") if line.order_id.graduation else _("No"),
                line.date_effective,
                line.order_id.name,
            ]
            for line in lines
        ]
        return {
            "key": "exmatriculations",
            "title": _("Exmatriculations"),
            "sheet": _("Exmatriculations"),
            "columns": [
                (_("Student"), TEXT),
                (_("Student No."), TEXT),
                (_("Programme"), TEXT),
                (_("Group"), TEXT),
                (_("Graduated"), TEXT),
                (_("Effective Date"), DATE),
                (_("Order No."), TEXT),
            ],
            "rows": rows,
        }

    @api.model
    def _section_agreements(self, env, company, date_from, date_to):
        _ = self.env._
        agreements = env["bvk.agreement"].search(
            [
                ("company_id", "=", company.id),
                ("date_approved", ">=", date_from),
                ("date_approved", "<=", date_to),
            ],
            order="date_approved, id",
        )
        types = dict(
            agreements._fields["agreement_type"]._description_selection(self.env)
        )
        rows = [
            [
                agreement.name,
                agreement.student_id.name,
                types.get(agreement.agreement_type, ""),
                agreement.date_approved,
                agreement.approved_by_id.name or "",
            ]
            for agreement in agreements
        ]
        return {
            "key": "agreements",
            "title": _("Agreements approved"),
            "sheet": _("Agreements"),
            "columns": [
                (_("Agreement"), TEXT),
                (_("Student"), TEXT),
                (_("Type"), TEXT),
                (_("Approved On"), DATE),
                (_("Approved By"), TEXT),
            ],
            "rows": rows,
        }

    @api.model
    def _totals(self, env, company, date_from, date_to):
        """The figures at the end of the period: ``[(label, value, kind)]``."""
        _ = self.env._
        totals = []
        active = env["bvk.student"]._read_group(
            [("company_id", "=", company.id), ("state", "=", "active")],
            ["program_id"],
            ["__count"],
        )
        for program, count in sorted(
            active, key=lambda item: item[0].code or item[0].name or ""
        ):
            totals.append(
                (
                    _(
                        "Active students: %(programme)s",
                        programme=program.with_env(self.env).display_name
                        or _("no programme"),
                    ),
                    count,
                    INTEGER,
                )
            )
        totals.append(
            (_("Active students in total"), sum(c for _p, c in active), INTEGER)
        )
        [[debtors]] = env["bvk.academic.obligation"]._read_group(
            [
                ("company_id", "=", company.id),
                ("state", "=", "debt"),
                ("date_debt", "<=", date_to),
            ],
            [],
            ["student_id:count_distinct"],
        )
        totals.append((_("Students with academic debts"), debtors, INTEGER))
        [[overdue, owing]] = env["bvk.payment.installment"]._read_group(
            [
                ("company_id", "=", company.id),
                ("state", "in", ("invoiced", "partial", "overdue")),
                ("date_due", "<=", date_to),
            ],
            [],
            ["amount_residual:sum", "student_id:count_distinct"],
        )
        totals.append((_("Overdue tuition"), overdue or 0.0, AMOUNT))
        totals.append((_("Students owing tuition"), owing, INTEGER))
        # tuition invoices paid in the period: payments (not credit notes)
        # reconciled with them, by payment date
        [[received, payments]] = env["account.partial.reconcile"]._read_group(
            [
                ("company_id", "=", company.id),
                ("debit_move_id.move_id.bvk_installment_id", "!=", False),
                ("debit_move_id.move_id.move_type", "=", "out_invoice"),
                ("credit_move_id.move_id.move_type", "=", "entry"),
                ("credit_move_id.date", ">=", date_from),
                ("credit_move_id.date", "<=", date_to),
            ],
            [],
            ["amount:sum", "credit_move_id:count_distinct"],
        )
        totals.append((_("Payments received in the period"), received or 0.0, AMOUNT))
        totals.append((_("Number of payments received"), payments, INTEGER))
        return totals

    # ------------------------------------------------------------
    # FORMATS
    # ------------------------------------------------------------

    @api.model
    def _format_value(self, value, kind, company):
        """A cell of the PDF in the reader's language."""
        order = self.env["bvk.order"].with_company(company)
        if value is None or value is False or value == "":
            return ""
        if kind == DATE:
            return order._doc_date_short(value)
        if kind == AMOUNT:
            return order._doc_amount(value)
        return str(value)

    @api.model
    def _period_label(self, date_from, date_to):
        order = self.env["bvk.order"]
        return f"{order._doc_date_short(date_from)} – {order._doc_date_short(date_to)}"

    @api.model
    def _render_xlsx(self, data):
        """The workbook: a sheet per section with real dates and numbers, a
        frozen header row and an autofilter; the totals on the last sheet."""
        _ = self.env._
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        header = workbook.add_format(
            {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
        )
        formats = {
            DATE: workbook.add_format({"num_format": "dd.mm.yyyy"}),
            AMOUNT: workbook.add_format({"num_format": "#,##0.00"}),
            INTEGER: workbook.add_format({"num_format": "0"}),
            TEXT: None,
        }
        italic = workbook.add_format({"italic": True})
        used = set()
        for section in data["sections"]:
            sheet = workbook.add_worksheet(self._sheet_name(section["sheet"], used))
            columns = section["columns"]
            for col, (label, kind) in enumerate(columns):
                sheet.write(0, col, label, header)
                sheet.set_column(col, col, 14 if kind != TEXT else 24)
            sheet.freeze_panes(1, 0)
            for row_index, row in enumerate(section["rows"], start=1):
                for col, (value, (_label, kind)) in enumerate(
                    zip(row, columns, strict=True)
                ):
                    self._write_cell(sheet, row_index, col, value, kind, formats)
            sheet.autofilter(0, 0, max(len(section["rows"]), 1), len(columns) - 1)
            if not section["rows"]:
                sheet.write(1, 0, _("None in this period."), italic)
        sheet = workbook.add_worksheet(self._sheet_name(_("Totals"), used))
        columns = [(_("Indicator"), TEXT), (_("Value"), AMOUNT)]
        for col, (label, _kind) in enumerate(columns):
            sheet.write(0, col, label, header)
        sheet.set_column(0, 0, 48)
        sheet.set_column(1, 1, 16)
        sheet.freeze_panes(1, 0)
        rows = [
            (_("Period from"), data["date_from"], DATE),
            (_("Period to"), data["date_to"], DATE),
            *data["totals"],
        ]
        for row_index, (label, value, kind) in enumerate(rows, start=1):
            sheet.write(row_index, 0, label)
            self._write_cell(sheet, row_index, 1, value, kind, formats)
        sheet.autofilter(0, 0, len(rows), 1)
        workbook.close()
        return output.getvalue()

    @api.model
    def _write_cell(self, sheet, row, col, value, kind, formats):
        if value in (False, None):
            sheet.write_blank(row, col, None)
        elif kind == DATE:
            sheet.write_datetime(
                row, col, datetime.combine(value, time.min), formats[DATE]
            )
        elif kind in (AMOUNT, INTEGER):
            sheet.write_number(row, col, value, formats[kind])
        else:
            sheet.write_string(row, col, str(value))

    @api.model
    def _sheet_name(self, name, used):
        """At most 31 characters, none of []:*?/\\, unique in the workbook."""
        for char in "[]:*?/\\":
            name = name.replace(char, " ")
        name = name[:31]
        base, index = name, 2
        while name in used:
            suffix = f" {index}"
            name = base[: 31 - len(suffix)] + suffix
            index += 1
        used.add(name)
        return name

    @api.model
    def _get_filename(self, date_from, date_to, extension):
        return self.env._(
            "Weekly report %(start)s - %(end)s.%(ext)s",
            start=date_from.strftime("%Y-%m-%d"),
            end=date_to.strftime("%Y-%m-%d"),
            ext=extension,
        )

    @api.model
    def _render_pdf(self, company, date_from, date_to):
        report = self.env.ref("bvk_student_crm.action_report_bvk_weekly")
        content, report_format = (
            self.env["ir.actions.report"]
            .with_company(company)
            ._render_qweb_pdf(
                report,
                res_ids=None,
                data={
                    "company_id": company.id,
                    "date_from": fields.Date.to_string(date_from),
                    "date_to": fields.Date.to_string(date_to),
                },
            )
        )
        return content, report_format

    # ------------------------------------------------------------
    # SENDING
    # ------------------------------------------------------------

    @api.model
    def _get_recipients(self, company):
        """The directors of the company and the head of the SSC."""
        directors = (
            self.env.ref("bvk_student_crm.group_bvk_director")
            .sudo()
            .users.filtered(
                lambda u: not u.share
                and u.active
                and u != self.env.ref("base.user_root")
                and company in u.company_ids
            )
        )
        users = company.bvk_ssc_head_id | directors
        return users.partner_id.filtered("email")

    @api.model
    def _send(self, company, date_from, date_to):
        """E-mail the report of the period, PDF and XLSX in one message."""
        recipients = self._get_recipients(company)
        if not recipients:
            _logger.info("Weekly report of %s: nobody to send it to", company.name)
            return self.env["mail.mail"]
        lang = recipients[:1].lang or self.env.lang
        report = self.with_context(lang=lang).with_company(company)
        data = report._get_data(company, date_from, date_to)
        pdf, report_format = report._render_pdf(company, date_from, date_to)
        xlsx = report._render_xlsx(data)
        template = self.env.ref("bvk_student_crm.mail_template_bvk_weekly_report")
        period = report._period_label(date_from, date_to)
        values = template.with_context(
            lang=lang, bvk_period=period, bvk_empty=data["empty"]
        )._generate_template(company.ids, ("subject", "body_html", "email_from"))[
            company.id
        ]
        Attachment = self.env["ir.attachment"].sudo()
        attachments = Attachment.create(
            [
                {
                    "name": report._get_filename(
                        date_from,
                        date_to,
                        "pdf" if report_format == "pdf" else "html",
                    ),
                    "raw": pdf,
                    "mimetype": "application/pdf"
                    if report_format == "pdf"
                    else "text/html",
                },
                {
                    "name": report._get_filename(date_from, date_to, "xlsx"),
                    "raw": xlsx,
                    "mimetype": "application/vnd.openxmlformats-officedocument"
                    ".spreadsheetml.sheet",
                },
            ]
        )
        mail = (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": values["subject"],
                    "body_html": values["body_html"],
                    "email_from": values.get("email_from")
                    or company.email_formatted
                    or self.env.user.email_formatted,
                    "recipient_ids": [fields.Command.set(recipients.ids)],
                    "attachment_ids": [fields.Command.set(attachments.ids)],
                    "auto_delete": False,
                }
            )
        )
        attachments.write(
            {"res_model": "mail.message", "res_id": mail.mail_message_id.id}
        )
        return mail

    @api.model
    def _last_week(self, today):
        """Monday and Sunday of the week before ``today``."""
        date_to = today - timedelta(days=today.weekday() + 1)
        return date_to - timedelta(days=6), date_to

    @api.model
    def _cron_send_weekly_report(self):
        """Every Monday: the report of the week before, once per company and
        week (a rerun after a crash sends nothing twice)."""
        date_from, date_to = self._last_week(fields.Date.context_today(self))
        Param = self.env["ir.config_parameter"].sudo()
        for company in self.env["res.company"].sudo().search([]):
            key = LAST_SENT_PARAM % company.id
            if Param.get_param(key) == fields.Date.to_string(date_to):
                continue
            self._send(company, date_from, date_to)
            Param.set_param(key, fields.Date.to_string(date_to))
