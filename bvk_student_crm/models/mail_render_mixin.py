# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from functools import reduce

from lxml import html
from markupsafe import Markup, escape

from odoo import api, models
from odoo.tools import format_amount, format_date, html_normalize

from ..lib import lv_format

# the pattern of mail.render.mixin._render_template_qweb_regex
T_OUT_RE = re.compile(
    r"""<(\w+)[\s|\n]+t-out=[\s|\n]*(\'|\")((\w|\.)+)(\2)[\s|\n]*((\/>)|(>[\s|\n]*([^<>]*?))[\s|\n]*<\/\1>)""",
    flags=re.DOTALL,
)


class MailRenderMixin(models.AbstractModel):
    _inherit = "mail.render.mixin"

    @api.model
    def _render_eval_context(self):
        """Dates and amounts in messages as the reader's language writes them
        (the rendering language is the recipient's). In Latvian
        (LATVIAN_DOCUMENTS.md §3): ``bvk_date(date, case)`` gives "2026. gada
        1. septembrī" for sentences (case: locative, genitive, dative,
        nominative), ``bvk_date_short(date)`` "01.09.2026." for lists,
        ``bvk_amount(amount, currency)`` "1 534,00 eiro"; in other languages
        Odoo's long date, date and amount."""
        render_context = super()._render_eval_context()
        env = self.env
        latvian = (env.lang or "").startswith("lv")

        def bvk_date(date, case="locative"):
            if not date:
                return ""
            if latvian:
                return lv_format.format_date(date, case)
            return format_date(env, date, date_format="long")

        def bvk_date_short(date):
            if not date:
                return ""
            if latvian:
                return lv_format.format_date_short(date)
            return format_date(env, date)

        def bvk_amount(amount, currency):
            if latvian:
                name = "eiro" if currency.name == "EUR" else currency.name
                return lv_format.format_amount(amount, name)
            return format_amount(env, amount, currency)

        render_context.update(
            bvk_date=bvk_date, bvk_date_short=bvk_date_short, bvk_amount=bvk_amount
        )
        return render_context

    @api.model
    def _render_template_qweb_regex(self, template_src, model, res_ids):
        """Reminders are rendered by the thousand: the standard loop parses
        and normalizes the template again for every record; here it is done
        once and each expression is checked once. Same output."""
        if model not in ("bvk.reminder", "bvk.student") or len(res_ids) < 2:
            return super()._render_template_qweb_regex(template_src, model, res_ids)
        template_src = html_normalize(f"<div>{template_src}</div>")
        QWeb = self.env["ir.qweb"]
        for match in T_OUT_RE.finditer(template_src):
            if not QWeb._is_expression_allowed(match.group(3), model):
                raise SyntaxError(
                    f"Invalid expression for the regex mode {match.group(3)!r}"
                )
        result = {}
        for record in self.env[model].browse(res_ids):

            def replace(match, record=record):
                tag, expr, default = match.group(1), match.group(3), match.group(9)
                try:
                    value = (
                        reduce(
                            lambda rec, field: rec[field], expr.split(".")[1:], record
                        )
                        or default
                    )
                except KeyError:
                    value = default
                value = escape(value or "")
                return value if tag.lower() == "t" else f"<{tag}>{value}</{tag}>"

            result[record.id] = Markup(T_OUT_RE.sub(replace, template_src))
        return result

    # models whose e-mails are rendered by the hundred with a QWeb template
    # (t-if, t-att): the template is compiled once per batch, not per record
    _bvk_batch_qweb_models = ("bvk.start.notice",)

    @api.model
    def _render_template_qweb(
        self, template_src, model, res_ids, add_context=None, options=None
    ):
        """The standard loop compiles the template again for every record
        (2/3 of the time of the start-of-studies job); here it is compiled
        once. Only for trusted renderings (superuser, admin or template
        editor): the others keep the standard checks. Same output."""
        restricted = (
            not self._unrestricted_rendering
            and not self.env.is_admin()
            and not self.env.user.has_group("mail.group_mail_template_editor")
        )
        if (
            model not in self._bvk_batch_qweb_models
            or len(res_ids) < 2
            or restricted
            or not template_src
            or not self._has_unsafe_expression_template_qweb(template_src, model)
        ):
            return super()._render_template_qweb(
                template_src, model, res_ids, add_context=add_context, options=options
            )
        variables = self._render_eval_context()
        if add_context:
            variables.update(**add_context)
        QWeb = self.env["ir.qweb"].with_context(**(options or {}))
        template = html.fragment_fromstring(template_src, create_parent="div")
        functions, def_name = QWeb._prepare_environment(dict(variables))._compile(
            template
        )
        render = functions[def_name]
        results = {}
        for record in self.env[model].browse(res_ids):
            values = dict(variables, object=record)
            qweb = QWeb._prepare_environment(values)
            # without the <div> added to wrap several nodes into one
            results[record.id] = Markup("".join(render(qweb, values)))[5:-6]
        return results
