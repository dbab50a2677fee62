# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The sentences of the amendment to the study contract (vienošanās).

Latvian word order differs from the English one (the date of the contract
comes before it, "2026. gada 10. augusta studiju līgumā Nr. …"; the old due
date stands before the payment, "Pagarināt 2026. gada 31. augusta maksājuma
… samaksas termiņu"), so every sentence is one translatable text with
placeholders instead of template fragments around values
(LATVIAN_DOCUMENTS.md §2.2). Dates, amounts and place come from the
contract's ``_doc_*`` helpers in the language of the document.
"""

from markupsafe import Markup, escape

from odoo import api, models

from ..lib import lv_format


def _fill(text, **values):
    """``text`` (a translated sentence with ``%(name)s`` placeholders) as
    Markup, its values escaped unless they are Markup already."""
    return Markup(escape(text)) % values


def _bold(value):
    return Markup("<strong>%s</strong>") % (value or "")


class ReportBvkAgreement(models.AbstractModel):
    _name = "report.bvk_student_crm.report_agreement"
    _description = "Amendment to the Study Contract"

    @api.model
    def _get_report_values(self, docids, data=None):
        return {
            "doc_ids": docids,
            "doc_model": "bvk.agreement",
            "docs": self.env["bvk.agreement"].browse(docids),
            "agreement_text": self._get_text,
        }

    # ------------------------------------------------------------
    # THE DOCUMENT
    # ------------------------------------------------------------

    @api.model
    def _get_text(self, agreement):
        """The amendment's texts in the language of ``agreement``'s context:
        ``heading``, ``place_date``, ``parties`` (paragraphs), ``clauses``
        (``{"text", "parts"}``, ``parts`` the rows of a split) and
        ``signatures`` (``(role, title, name)``)."""
        env = agreement.env
        contract = agreement.contract_id.with_env(env)
        # the contract's formatting helpers; an academic agreement may have
        # no contract, and dates need none
        fmt = contract or env["bvk.study.contract"]
        payer = contract._doc_payer() if contract else env["res.partner"]
        college = agreement.company_id.with_env(env)
        city = college.bvk_contract_city or college.city or ""
        place = fmt._doc_locative(city) if fmt._doc_is_lv() else city
        date = fmt._doc_date(agreement.date_approved or agreement.date_application)
        text = {
            "heading": "",
            "place_date": f"{place}, {date}" if place else date,
            "parties": self._parties(agreement, fmt, payer),
            "clauses": [],
            "signatures": self._signatures(agreement, fmt, payer),
        }
        if contract:
            text["heading"] = env._(
                "on amendments to the study contract No. %(number)s of %(date)s",
                number=contract.name,
                date=contract._doc_date(
                    contract.date_signed or agreement.date_application, "genitive"
                ),
            )
        if contract or agreement.kind == "academic":
            clauses = getattr(self, f"_clauses_{agreement.agreement_type}", None)
            if clauses:
                text["clauses"] = clauses(agreement, fmt)
        text["clauses"] += self._final_clauses(agreement, payer)
        return text

    @api.model
    def _director_title(self, agreement, fmt, capitalize=False):
        """``direktore`` inside a Latvian sentence, ``Direktore`` above a
        signature."""
        title = agreement.company_id.with_env(agreement.env).bvk_director_title or ""
        if capitalize:
            return title[:1].upper() + title[1:]
        if fmt._doc_is_lv():
            return title[:1].lower() + title[1:]
        return title

    @api.model
    def _parties(self, agreement, fmt, payer):
        env = agreement.env
        college = agreement.company_id.with_env(env)
        student = agreement.student_id
        values = {
            "college": _bold(college.name),
            "registry": college.company_registry or college.vat or "",
            "position": self._director_title(agreement, fmt),
            "director": college.bvk_director_name or "",
        }
        if college.bvk_director_authority:
            college_text = _fill(
                env._(
                    "%(college)s, unified registration No. %(registry)s "
                    "(hereinafter – the College), represented in accordance with "
                    "%(authority)s by its %(position)s %(director)s, on the one "
                    "hand,"
                ),
                authority=college.bvk_director_authority,
                **values,
            )
        else:
            college_text = _fill(
                env._(
                    "%(college)s, unified registration No. %(registry)s "
                    "(hereinafter – the College), represented by its %(position)s "
                    "%(director)s, on the one hand,"
                ),
                **values,
            )
        if student.id_type == "document":
            student_text = _fill(
                env._(
                    "and %(student)s, identity document No. %(document)s "
                    "(hereinafter – the Student), on the other hand,"
                ),
                student=_bold(student.name),
                document=student.id_document_number or "",
            )
        else:
            student_text = _fill(
                env._(
                    "and %(student)s, personal code %(code)s (hereinafter – the "
                    "Student), on the other hand,"
                ),
                student=_bold(student.name),
                code=student.personal_code_display or "",
            )
        parties = [college_text, student_text]
        if payer:
            registry = payer.company_registry or payer.vat
            address = fmt._doc_address(payer)
            if registry:
                payer_text = _fill(
                    env._(
                        "and %(payer)s, registration No. %(registry)s, address "
                        "%(address)s (hereinafter – the Payer), on the third part,"
                    ),
                    payer=_bold(payer.name),
                    registry=registry,
                    address=address,
                )
            else:
                payer_text = _fill(
                    env._(
                        "and %(payer)s, address %(address)s (hereinafter – the "
                        "Payer), on the third part,"
                    ),
                    payer=_bold(payer.name),
                    address=address,
                )
            parties.append(payer_text)
            ending = env._(
                "each separately – a Party, all together – the Parties, on the "
                "basis of the Student's application of %(date)s, agree:"
            )
        else:
            ending = env._(
                "each separately – a Party, both together – the Parties, on the "
                "basis of the Student's application of %(date)s, agree:"
            )
        date = fmt._doc_date(agreement.date_application, "genitive")
        parties[-1] += Markup(" ") + _fill(ending, date=date)
        return parties

    @api.model
    def _signatures(self, agreement, fmt, payer):
        env = agreement.env
        signatures = [
            (
                env._("COLLEGE"),
                self._director_title(agreement, fmt, capitalize=True),
                agreement.company_id.bvk_director_name or "",
            ),
            (env._("STUDENT"), "", agreement.student_id.name),
        ]
        if payer:
            signatures.append((env._("PAYER"), "", payer.name))
        return signatures

    @api.model
    def _final_clauses(self, agreement, payer):
        env = agreement.env
        if payer:
            copies = env._(
                "The agreement is drawn up in three copies with the same legal "
                "force, one for each Party; signed with secure electronic "
                "signatures, it is one electronic document."
            )
        else:
            copies = env._(
                "The agreement is drawn up in two copies with the same legal "
                "force, one for each Party; signed with secure electronic "
                "signatures, it is one electronic document."
            )
        return [
            {
                "text": env._(
                    "This agreement enters into force on the day it is signed and "
                    "is an integral part of the Contract. The other terms of the "
                    "Contract remain unchanged."
                ),
                "parts": [],
            },
            {"text": copies, "parts": []},
        ]

    # ------------------------------------------------------------
    # PAYMENT AGREEMENTS (step 4.2.3)
    # ------------------------------------------------------------

    @api.model
    def _amount(self, contract, amount):
        """``1 534,00 EUR (viens tūkstotis … euro, 00 centi)``."""
        return Markup("%s (%s)") % (
            contract._doc_amount(amount),
            contract._doc_amount_words(amount),
        )

    @api.model
    def _covered(self, agreement):
        return agreement.line_ids.filtered("res_model")

    @api.model
    def _clauses_postpone(self, agreement, contract):
        env = agreement.env
        return [
            {
                "text": _fill(
                    env._(
                        "To extend the payment term of the payment of %(amount)s "
                        "due on %(old)s until %(new)s."
                    ),
                    amount=self._amount(contract, line.amount),
                    old=contract._doc_date(line.date_old, "genitive"),
                    new=contract._doc_date(line.date_new, "dative"),
                ),
                "parts": [],
            }
            for line in self._covered(agreement)
        ]

    @api.model
    def _clauses_split(self, agreement, contract):
        env = agreement.env
        covered = self._covered(agreement)
        parts = agreement.line_ids - covered
        count = (
            lv_format.count_locative(len(parts))
            if contract._doc_is_lv()
            else str(len(parts))
        )
        total = sum(covered.mapped("amount"))
        if len(covered) == 1:
            text = _fill(
                env._(
                    "To split the payment of %(amount)s due on %(old)s into "
                    "%(count)s payments as follows:"
                ),
                amount=self._amount(contract, total),
                old=contract._doc_date(covered.date_old, "genitive"),
                count=count,
            )
        else:
            text = _fill(
                env._(
                    "To split the payments due on %(dates)s, %(amount)s in total, "
                    "into %(count)s payments as follows:"
                ),
                dates=", ".join(
                    contract._doc_date_short(date)
                    for date in covered.mapped("date_old")
                    if date
                ),
                amount=self._amount(contract, total),
                count=count,
            )
        rows = [
            {
                "number": f"{index}.",
                "date": contract._doc_date_short(part.date_new),
                "amount": contract._doc_amount(part.amount, with_currency=False),
            }
            for index, part in enumerate(parts, start=1)
        ]
        return [{"text": text, "parts": rows}]

    @api.model
    def _clauses_loan(self, agreement, contract):
        env = agreement.env
        covered = self._covered(agreement)
        if agreement.loan_type == "consumer":
            loan = env._("the consumer credit")
        else:
            loan = env._("the state-guaranteed study loan")
        values = {
            "amount": self._amount(contract, sum(covered.mapped("amount"))),
            "loan": loan,
            "lender": agreement.lender_id.name or "",
        }
        if agreement.loan_reference:
            text = _fill(
                env._(
                    "The tuition of %(amount)s is covered from %(loan)s granted by "
                    "%(lender)s (loan agreement No. %(reference)s)."
                ),
                reference=agreement.loan_reference,
                **values,
            )
        else:
            text = _fill(
                env._(
                    "The tuition of %(amount)s is covered from %(loan)s granted by "
                    "%(lender)s."
                ),
                **values,
            )
        if agreement.loan_date_expected:
            text += Markup(" ") + _fill(
                env._("The lender pays this amount to the College by %(date)s."),
                date=contract._doc_date(agreement.loan_date_expected, "dative"),
            )
        payments = "; ".join(
            f"{contract._doc_date_short(line.date_old)} – "
            f"{contract._doc_amount(line.amount)}"
            for line in covered
        )
        return [
            {"text": text, "parts": []},
            {
                "text": _fill(
                    env._("The loan covers the following payments: %(payments)s."),
                    payments=payments,
                ),
                "parts": [],
            },
        ]

    # ------------------------------------------------------------
    # ACADEMIC AGREEMENTS (step 4.1.3)
    # ------------------------------------------------------------

    @api.model
    def _clauses_deadline_extension(self, agreement, contract):
        env = agreement.env
        clauses = []
        for line in self._covered(agreement):
            if line.date_old:
                text = _fill(
                    env._(
                        "To extend the deadline of the study course %(course)s "
                        "until %(new)s (original deadline – %(old)s)."
                    ),
                    course=line.name,
                    new=contract._doc_date(line.date_new, "dative"),
                    old=contract._doc_date(line.date_old, "nominative"),
                )
            else:
                text = _fill(
                    env._(
                        "To extend the deadline of the study course %(course)s "
                        "until %(new)s."
                    ),
                    course=line.name,
                    new=contract._doc_date(line.date_new, "dative"),
                )
            clauses.append({"text": text, "parts": []})
        return clauses + self._academic_debt_clause(agreement)

    @api.model
    def _clauses_individual_plan(self, agreement, contract):
        env = agreement.env
        semester = agreement.academic_semester_id.with_env(env)
        if semester:
            text = _fill(
                env._(
                    "To set an individual study plan for the Student and to move "
                    "the study courses below to the %(semester)s."
                ),
                semester=semester._get_doc_name("accusative"),
            )
        else:
            text = env._(
                "To set an individual study plan for the Student for the study "
                "courses below."
            )
        clauses = [{"text": text, "parts": []}]
        for line in self._covered(agreement):
            clauses.append(
                {
                    "text": _fill(
                        env._(
                            "The study course %(course)s is to be passed by %(date)s."
                        ),
                        course=line.name,
                        date=contract._doc_date(line.date_new, "dative"),
                    ),
                    "parts": [],
                }
            )
        return clauses + self._academic_debt_clause(agreement)

    @api.model
    def _academic_debt_clause(self, agreement):
        env = agreement.env
        if len(self._covered(agreement)) > 1:
            text = env._(
                "Until the new deadline the study courses above are not an academic "
                "debt of the Student; a study course not passed by its deadline "
                "becomes an academic debt."
            )
        else:
            text = env._(
                "Until the new deadline the study course above is not an academic "
                "debt of the Student; if it is not passed by that deadline, it "
                "becomes an academic debt."
            )
        return [{"text": text, "parts": []}]
