# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared types and helpers of the bank statement parsers.

Nothing here touches the ORM.  Error messages are lazy translations
(:class:`odoo.tools.translate.LazyTranslate`): they are translated when turned
into text, in the language of the current request, else in English.  In model
code prefer ``self.env._(exc.message)`` which uses the environment's language.
"""

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from lxml import etree

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__, default_lang="en_US")

CREDIT = "credit"
DEBIT = "debit"


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


class BankFileError(ValueError):
    """A bank file that cannot be imported, with a user-facing message.

    :param message: lazy translated text (``_lt(...)``) naming the place of the
        problem (file line number, element or column)
    :param line: 1-based line number in the file (XML line of the element for
        XML formats), ``None`` when the problem concerns the whole file
    :param field: element path or column name concerned, or ``None``

    ``str(exc)`` gives the message translated in the request's language (or
    English); ``env._(exc.message)`` translates it in the environment's one.
    """

    def __init__(self, message, line=None, field=None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.field = field

    def __str__(self):
        return str(self.message)

    def __repr__(self):
        return f"BankFileError({str(self)!r}, line={self.line!r}, field={self.field!r})"


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


def _norm_text(value):
    """Collapse whitespace; ``None`` becomes ``''``."""
    return " ".join(str(value).split()) if value is not None else ""


def _norm_key_text(value):
    return _norm_text(value).casefold()


def _norm_account(value):
    return "".join(str(value or "").split()).upper()


def amount_key(amount):
    """Canonical text of an amount: ``760.00`` and ``760.0`` give ``760``."""
    return format(amount.normalize(), "f")


@dataclass(frozen=True)
class BankLine:
    """One incoming payment read from a bank file.

    :ivar date: booking date (:class:`datetime.date`)
    :ivar amount: :class:`~decimal.Decimal`, positive for money in.  Lines of
        :attr:`ParseResult.lines` are always booked credits;
        :attr:`ParseResult.reversals` may also hold debits, with a negative
        ``amount`` and ``is_credit`` false
    :ivar currency: ISO 4217 code of the amount (the account's currency)
    :ivar payer_name: counterparty name, whitespace collapsed
    :ivar payer_iban: counterparty account (IBAN, else the bank's account id),
        without spaces, upper case
    :ivar payer_id: counterparty personal or registration code, or ``''``
    :ivar details: remittance information, joined with spaces
    :ivar bank_ref: the bank's id of the entry, ``''`` when none
    :ivar account_iban: our account, without spaces
    :ivar source_line: file line (CSV), sheet row (XLSX) or XML line of the
        entry element, for messages
    :ivar tx_code: bank transaction code (camt ``Domn/Fmly/SubFmly``,
        FiDAViSta ``TypeCode``), informative

    ``ref_scope`` qualifies ``bank_ref`` where the bank's id is not unique on
    its own (camt batch: position of the ``TxDtls``; FiDAViSta: currency, sign,
    amount and type code).  ``occurrence`` numbers identical lines without a
    bank id inside one file (0 for the first), so that their hash keys differ.
    """

    date: date
    amount: Decimal
    currency: str
    payer_name: str = ""
    payer_iban: str = ""
    payer_id: str = ""
    details: str = ""
    bank_ref: str = ""
    account_iban: str = ""
    source_line: int = 0
    is_credit: bool = True
    is_reversal: bool = False
    tx_code: str = ""
    ref_scope: str = ""
    occurrence: int = 0

    @property
    def has_bank_ref(self):
        return bool(self.bank_ref)

    @property
    def hash_basis(self):
        """Normalised text hashed by :attr:`unique_key` when no bank id."""
        return "\x1f".join(
            [
                _norm_account(self.account_iban),
                self.date.isoformat(),
                amount_key(self.amount),
                self.currency.upper(),
                CREDIT if self.is_credit else DEBIT,
                _norm_key_text(self.details),
                _norm_account(self.payer_iban),
                _norm_key_text(self.payer_name),
            ]
            + ([str(self.occurrence)] if self.occurrence else [])
        )

    @property
    def unique_key(self):
        """Stable id of the line across imports, for duplicate detection.

        ``<ACCOUNT>:<bank_ref>[:<ref_scope>]`` when the bank gives an id, else
        ``sha256:<hex>`` of account, date, amount, currency, sign, details,
        payer IBAN and name (normalised).  Hash keys can collide for two real
        payments made in different files: treat such matches as *possible*
        duplicates (:attr:`has_bank_ref` is false).
        """
        if self.bank_ref:
            key = f"{_norm_account(self.account_iban)}:{self.bank_ref}"
            return f"{key}:{self.ref_scope}" if self.ref_scope else key
        digest = hashlib.sha256(self.hash_basis.encode("utf-8")).hexdigest()
        return f"sha256:{digest}"


@dataclass(frozen=True)
class StatementInfo:
    """One account/currency section of a file (camt ``Stmt``, FiDAViSta
    ``CcyStmt``; tabular files get one per account/currency seen)."""

    account_iban: str
    currency: str
    statement_id: str = ""
    source_line: int = 0


@dataclass
class ParseResult:
    """What a parser read from one file.

    :ivar lines: booked incoming payments, in file order
    :ivar reversals: booked entries flagged as reversals (camt ``RvslInd``);
        not payments: to be reviewed by a person
    :ivar statements: account/currency sections found
    :ivar skipped_debit: booked outgoing transactions ignored
    :ivar skipped_pending: entries not booked (``PDNG``, ``INFO``...) ignored
    :ivar skipped_other: rows of other record types (tabular ``row_type``)
    """

    file_format: str
    version: str = ""
    lines: list = field(default_factory=list)
    reversals: list = field(default_factory=list)
    statements: list = field(default_factory=list)
    skipped_debit: int = 0
    skipped_pending: int = 0
    skipped_other: int = 0

    @property
    def account_ibans(self):
        return sorted(
            {s.account_iban for s in self.statements if s.account_iban}
            | {ln.account_iban for ln in self.lines if ln.account_iban}
        )

    @property
    def currencies(self):
        return sorted(
            {s.currency for s in self.statements if s.currency}
            | {ln.currency for ln in self.lines}
        )


def number_occurrences(lines):
    """Give lines without bank id that hash alike increasing ``occurrence``."""
    seen = {}
    result = []
    for line in lines:
        if not line.bank_ref:
            basis = line.hash_basis
            count = seen.get(basis, 0)
            seen[basis] = count + 1
            if count:
                line = replace(line, occurrence=count)
        result.append(line)
    return result


def check_currency(result, expected):
    """Raise :class:`BankFileError` on the first line (or reversal) whose
    currency is not ``expected`` (ISO code, e.g. the journal's currency)."""
    expected = (expected or "").upper()
    for line in [*result.lines, *result.reversals]:
        if line.currency.upper() != expected:
            raise BankFileError(
                _lt(
                    "Line %(line)s: the payment is in %(currency)s but the "
                    "journal's currency is %(expected)s.",
                    line=line.source_line,
                    currency=line.currency,
                    expected=expected,
                ),
                line=line.source_line,
                field="currency",
            )


def check_account(result, expected_iban):
    """Raise :class:`BankFileError` on the first line (or reversal) booked on
    another account than ``expected_iban`` (spaces and case ignored)."""
    expected = _norm_account(expected_iban)
    for line in [*result.lines, *result.reversals]:
        if _norm_account(line.account_iban) != expected:
            raise BankFileError(
                _lt(
                    "Line %(line)s: the payment was received on account "
                    "%(account)s, not on the journal's account %(expected)s.",
                    line=line.source_line,
                    account=line.account_iban or "?",
                    expected=expected_iban,
                ),
                line=line.source_line,
                field="account_iban",
            )


# ---------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------

_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
_XML_DECIMAL_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def parse_currency(value, line, field_name):
    value = _norm_text(value).upper()
    if not value:
        raise BankFileError(
            _lt(
                "Line %(line)s: the currency is missing (%(field)s).",
                line=line,
                field=field_name,
            ),
            line=line,
            field=field_name,
        )
    if not _CURRENCY_RE.match(value):
        raise BankFileError(
            _lt(
                "Line %(line)s: “%(value)s” in %(field)s is not a currency code "
                "such as EUR.",
                line=line,
                value=value,
                field=field_name,
            ),
            line=line,
            field=field_name,
        )
    return value


def check_positive(amount, line, field_name):
    if amount <= 0:
        raise BankFileError(
            _lt(
                "Line %(line)s: the amount %(value)s in %(field)s must be greater "
                "than zero.",
                line=line,
                value=format(amount, "f"),
                field=field_name,
            ),
            line=line,
            field=field_name,
        )
    return amount


def error_not_a_number(value, line, field_name):
    return BankFileError(
        _lt(
            "Line %(line)s: the amount “%(value)s” in %(field)s is not a number.",
            line=line,
            value=value,
            field=field_name,
        ),
        line=line,
        field=field_name,
    )


def error_missing(line, field_name):
    return BankFileError(
        _lt(
            "Line %(line)s: %(field)s is missing or empty.",
            line=line,
            field=field_name,
        ),
        line=line,
        field=field_name,
    )


def error_bad_date(value, line, field_name, formats):
    return BankFileError(
        _lt(
            "Line %(line)s: “%(value)s” in %(field)s is not a valid date "
            "(expected %(formats)s).",
            line=line,
            value=value,
            field=field_name,
            formats=formats,
        ),
        line=line,
        field=field_name,
    )


def parse_xml_amount(value, line, field_name):
    """XSD decimal (``760.00``), unsigned in bank XML: must be > 0."""
    value = (value or "").strip()
    if not value:
        raise error_missing(line, field_name)
    if not _XML_DECIMAL_RE.match(value):
        raise error_not_a_number(value, line, field_name)
    try:
        amount = Decimal(value)
    except InvalidOperation as exc:
        raise error_not_a_number(value, line, field_name) from exc
    return check_positive(amount, line, field_name)


def parse_iso_date(value, line, field_name):
    """``YYYY-MM-DD``, ignoring what follows the first 10 characters (time,
    time zone, ``2013-03-22 00:00:00.0``)."""
    value = (value or "").strip()
    if not value:
        raise error_missing(line, field_name)
    if not _ISO_DATE_RE.match(value):
        raise error_bad_date(value, line, field_name, "YYYY-MM-DD")
    try:
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise error_bad_date(value, line, field_name, "YYYY-MM-DD") from exc


def format_date_formats(formats):
    readable = {"%d": "DD", "%m": "MM", "%Y": "YYYY", "%y": "YY"}
    out = []
    for fmt in formats:
        for code, label in readable.items():
            fmt = fmt.replace(code, label)
        out.append(fmt)
    return ", ".join(out)


def parse_date_text(value, line, field_name, formats):
    """Parse ``value`` with the first matching ``strptime`` format; invalid
    calendar dates such as ``30.02.2026`` fail."""
    value = _norm_text(value)
    if not value:
        raise error_missing(line, field_name)
    for fmt in formats:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise error_bad_date(value, line, field_name, format_date_formats(formats))


# ---------------------------------------------------------------------------
# XML
# ---------------------------------------------------------------------------


def parse_xml(data):
    """Parse bank XML bytes safely: no entity expansion, no network, no DTD.

    Documents with a DOCTYPE are refused; the parser never recovers from
    errors, so a truncated file fails.
    """
    if not isinstance(data, bytes):
        raise TypeError("bank files are parsed from bytes")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or None
        raise BankFileError(
            _lt(
                "Line %(line)s: the file is not well-formed XML (%(error)s).",
                line=line or "?",
                error=exc.msg,
            ),
            line=line,
        ) from exc
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise BankFileError(
            _lt(
                "Line 1: the XML file contains a DOCTYPE declaration, which bank "
                "statements never have; it was refused for safety."
            ),
            line=1,
        )
    return root


def error_unknown_root(root):
    line = line_of(root, 1)
    namespace = etree.QName(root).namespace or ""
    tag = f"{local_name(root)} ({namespace})" if namespace else local_name(root)
    return BankFileError(
        _lt(
            "Line %(line)s: the XML root element “%(tag)s” is neither a camt.053 "
            "bank statement nor a FiDAViSta file.",
            line=line,
            tag=tag,
        ),
        line=line,
    )


def local_name(element):
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def children(element, name):
    """Child elements called ``name`` whatever their namespace (lxml's
    ``{*}`` wildcard: any namespace or none, filtered in C)."""
    return list(element.iterchildren("{*}" + name))


def find(element, path):
    """First element at ``path`` (``A/B/C`` of local names), or ``None``."""
    current = element
    for name in path.split("/"):
        current = next(current.iterchildren("{*}" + name), None)
        if current is None:
            return None
    return current


def find_all(element, path):
    """All elements at ``path``, following every branch."""
    current = [element]
    for name in path.split("/"):
        current = [c for el in current for c in children(el, name)]
    return current


def text(element, path=None):
    """Whitespace-normalised text at ``path`` (or of ``element``), or ``''``."""
    if element is not None and path:
        element = find(element, path)
    if element is None:
        return ""
    return _norm_text(element.text)


def first_text(element, *paths):
    for path in paths:
        value = text(element, path)
        if value:
            return value
    return ""


def line_of(element, default=0):
    return getattr(element, "sourceline", None) or default
