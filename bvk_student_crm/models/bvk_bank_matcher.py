# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
import unicodedata
from collections import defaultdict

from odoo.tools import SQL, float_round

from ..lib import personal_code as pcode

# SL-2026/0123, sl 2026/0123, SL-2026-0123, SL2026/0123, SL 2026 0123, and
# SL-2026/12345 once a year has more than 9 999 contracts
CONTRACT_RE = re.compile(r"\b([A-Za-z]{2})[\s\-]*(\d{4})[\s/\-]*(\d{4,6})\b")
# S2026-0001, S 2026 0001
STUDENT_RE = re.compile(r"\b[Ss][\s\-]*(\d{4})[\s/\-]*(\d{4,6})\b")
# DDMMYY-CNNNN, 32xxxx-xxxxx, with or without the hyphen
PCODE_RE = re.compile(r"(?<!\d)(\d{6})[\s\-]?(\d{5})(?!\d)")
# the invoice number Odoo's portal gives as the payment reference:
# INV/2026/00027, inv 2026 27, INV-2026-11-0027 (a journal with monthly numbers)
INVOICE_RE = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z]{2,5})[\s/\-]*(\d{4})[\s/\-]+"
    r"(?:(\d{2})[\s/\-]+)?(\d{1,6})(?!\d)"
)


def invoice_names(text):
    """The invoice numbers ``text`` may hold, as Odoo would spell them
    (numbers padded to 4, 5 and 6 digits, since the padding depends on the
    journal's sequence)."""
    names = set()
    for prefix, year, month, number in INVOICE_RE.findall(text or ""):
        stem = f"{prefix.upper()}/{year}/" + (f"{month}/" if month else "")
        for width in (len(number), 4, 5, 6):
            names.add(stem + number.zfill(width))
    return names


def name_key(name):
    """A person's name compared without case, accents, punctuation or word
    order: "PRIEDE ANNA", "Anna Priede" and "Priede, Anna" are the same."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return tuple(sorted(re.findall(r"\w+", text)))


class BvkBankMatcher:
    """Find the contract or student of import lines, in batch.

    Rules, in order: a contract number, an instalment's invoice number (the
    reference Odoo's portal shows), student number or personal code in the
    payment details (or the payer's code); a known payer IBAN (a bank account
    of the student or payer, or a line matched before); the payer's name, in
    either order, with exactly one open instalment of exactly that amount.

    :meth:`match` returns ``{line id: (rule, student, contract,
    instalment)}``; ``rule`` is ``"ambiguous"`` when several students or
    contracts fit, ``instalment`` the one whose invoice the payer named.
    """

    def __init__(self, env, company):
        self.env = env
        self.company = company

    def match(self, lines):
        results = {}
        contract_refs, invoice_refs, student_refs, codes = {}, {}, {}, {}
        for line in lines:
            text = f"{line.details or ''} {line.payer_code or ''}"
            contract_refs[line.id] = {
                f"{p.upper()}-{y}/{n}" for p, y, n in CONTRACT_RE.findall(text)
            }
            invoice_refs[line.id] = invoice_names(line.details)
            student_refs[line.id] = {f"S{y}-{n}" for y, n in STUDENT_RE.findall(text)}
            codes[line.id] = {a + b for a, b in PCODE_RE.findall(text)}
            if line.payer_code and pcode.compact(line.payer_code).isdigit():
                codes[line.id].add(pcode.compact(line.payer_code))
        Contract = self.env["bvk.study.contract"].sudo()
        Student = self.env["bvk.student"].sudo()
        all_contract_refs = set().union(*contract_refs.values()) if lines else set()
        contracts = (
            {
                c.name: c
                for c in Contract.search_fetch(
                    [
                        ("name", "in", list(all_contract_refs)),
                        ("company_id", "=", self.company.id),
                    ],
                    ["name", "student_id"],
                )
            }
            if all_contract_refs
            else {}
        )
        invoices = self._invoice_installments(set().union(*invoice_refs.values()))
        all_student_refs = set().union(*student_refs.values()) if lines else set()
        all_codes = set().union(*codes.values()) if lines else set()
        students_by_number, students_by_code = {}, {}
        if all_student_refs or all_codes:
            for student in Student.search_fetch(
                [
                    ("company_id", "=", self.company.id),
                    "|",
                    ("student_number", "in", list(all_student_refs)),
                    ("personal_code", "in", list(all_codes)),
                ],
                ["student_number", "personal_code"],
            ):
                students_by_number[student.student_number] = student
                if student.personal_code:
                    students_by_code[student.personal_code] = student
        pending = []
        for line in lines:
            found = {contracts[r] for r in contract_refs[line.id] if r in contracts}
            named = [invoices[r] for r in invoice_refs[line.id] if r in invoices]
            if len(found) > 1:
                results[line.id] = ("ambiguous", None, None, None)
                continue
            if found:
                contract = found.pop()
                # the invoice named, if it is one of this contract's
                installment = next(
                    (i for i in named if i.contract_id == contract), None
                )
                results[line.id] = (
                    "contract",
                    contract.student_id,
                    contract,
                    installment,
                )
                continue
            if named:
                if len({i.contract_id for i in named}) > 1:
                    results[line.id] = ("ambiguous", None, None, None)
                else:
                    installment = min(named, key=lambda i: (i.date_due, i.id))
                    results[line.id] = (
                        "invoice",
                        installment.student_id,
                        installment.contract_id,
                        installment,
                    )
                continue
            students = {
                students_by_number[r]
                for r in student_refs[line.id]
                if r in students_by_number
            }
            rule = "student_number"
            if not students:
                students = {
                    students_by_code[c] for c in codes[line.id] if c in students_by_code
                }
                rule = "personal_code"
            if len(students) == 1:
                results[line.id] = (rule, students.pop(), None, None)
            elif len(students) > 1:
                results[line.id] = ("ambiguous", None, None, None)
            else:
                pending.append(line)
        pending = self._match_iban(pending, results)
        self._match_name_amount(pending, results)
        return results

    def _invoice_installments(self, names):
        """``{invoice number: instalment}`` for the customer invoices of
        instalments named ``names`` (one query)."""
        if not names:
            return {}
        moves = (
            self.env["account.move"]
            .sudo()
            .search_fetch(
                [
                    ("name", "in", list(names)),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("company_id", "=", self.company.id),
                    ("bvk_installment_id", "!=", False),
                ],
                ["name", "bvk_installment_id"],
            )
        )
        return {move.name: move.bvk_installment_id for move in moves}

    def _match_iban(self, lines, results):
        ibans = {line.payer_iban for line in lines if line.payer_iban}
        if not ibans:
            return lines
        by_iban = defaultdict(set)
        banks = (
            self.env["res.partner.bank"]
            .sudo()
            .search_fetch(
                [("sanitized_acc_number", "in", list(ibans))],
                ["sanitized_acc_number", "partner_id"],
            )
        )
        partner_students = defaultdict(set)
        if banks:
            partners = banks.partner_id.commercial_partner_id | banks.partner_id
            for student in (
                self.env["bvk.student"]
                .sudo()
                .search(
                    [
                        ("partner_id", "in", partners.ids),
                        ("company_id", "=", self.company.id),
                    ]
                )
            ):
                partner_students[student.partner_id.id].add(student)
            for contract in (
                self.env["bvk.study.contract"]
                .sudo()
                .search(
                    [
                        ("payer_id", "in", partners.ids),
                        ("company_id", "=", self.company.id),
                        ("state", "in", ("signed", "active")),
                    ]
                )
            ):
                partner_students[contract.payer_id.id].add(contract.student_id)
            for bank in banks:
                by_iban[bank.sanitized_acc_number] |= partner_students[
                    bank.partner_id.id
                ]
        for previous in (
            self.env["bvk.bank.import.line"]
            .sudo()
            .search_fetch(
                [
                    ("payer_iban", "in", list(ibans)),
                    ("state", "=", "matched"),
                    ("student_id", "!=", False),
                    ("company_id", "=", self.company.id),
                ],
                ["payer_iban", "student_id"],
            )
        ):
            by_iban[previous.payer_iban].add(previous.student_id)
        rest = []
        for line in lines:
            students = by_iban.get(line.payer_iban) or set()
            if len(students) == 1:
                results[line.id] = ("iban", next(iter(students)), None, None)
            elif len(students) > 1:
                results[line.id] = ("ambiguous", None, None, None)
            else:
                rest.append(line)
        return rest

    def _match_name_amount(self, lines, results):
        """Last resort: the payer's name and exactly the open amount of an
        instalment. One query for all the lines; names compared without
        case, accents or word order (banks often send "PRIEDE ANNA")."""
        lines = [line for line in lines if name_key(line.payer_name)]
        if not lines:
            return
        # (amount, name) -> [(instalment id, contract id, student id)], the
        # oldest first (the instalments' _order): one look-up per line. Read
        # by SQL: every open instalment of these amounts is indexed, tens of
        # thousands when tuition amounts are equal (~40 µs each by the ORM)
        Installment = self.env["bvk.payment.installment"]
        Installment.flush_model(
            ["state", "company_id", "amount_residual", "currency_id", "payer_id"]
        )
        self.env["res.partner"].flush_model(["name"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT i.id, i.contract_id, i.student_id, i.amount_residual,
                       cur.decimal_places, payer.name, person.name
                  FROM bvk_payment_installment i
                  JOIN res_currency cur ON cur.id = i.currency_id
                  JOIN bvk_student s ON s.id = i.student_id
                  JOIN res_partner person ON person.id = s.partner_id
                  LEFT JOIN res_partner payer ON payer.id = i.payer_id
                 WHERE i.state IN ('invoiced', 'partial', 'overdue')
                   AND i.company_id = %s
                   AND i.amount_residual = ANY(%s)
                 ORDER BY i.date_due, i.schedule_id, i.sequence, i.id
                """,
                self.company.id,
                list({line.amount for line in lines}),
            )
        )
        index = defaultdict(list)
        for row_id, contract_id, student_id, residual, digits, payer, person in rows:
            amount = float_round(residual, precision_digits=digits)
            for name in {name_key(payer), name_key(person)} - {()}:
                index[amount, name].append((row_id, contract_id, student_id))
        Contract = self.env["bvk.study.contract"].sudo()
        Student = self.env["bvk.student"].sudo()
        for line in lines:
            candidates = index.get(
                (line.currency_id.round(line.amount), name_key(line.payer_name)), []
            )
            contracts = {contract_id for _id, contract_id, _student in candidates}
            if len(contracts) == 1:
                # one contract (maybe several equal instalments): oldest first
                _id, contract_id, student_id = candidates[0]
                results[line.id] = (
                    "name_amount",
                    Student.browse(student_id),
                    Contract.browse(contract_id),
                    None,
                )
            elif len(candidates) > 1:
                results[line.id] = ("ambiguous", None, None, None)
