# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""CSV and XLSX bank exports, read through an explicit :class:`ColumnMapping`.

Nothing is guessed: the delimiter, decimal separator, date formats, header
row and columns come from the mapping.  What is handled:

* CSV: ``"`` quoting with ``""`` escapes, delimiters and line breaks inside
  quotes, CRLF; encoding ``utf-8-sig`` tried strictly, then ``cp1257``
  (unless the mapping names one); a NUL byte or an unclosed quote is an error;
* XLSX (first sheet, or ``mapping.sheet``) via openpyxl, ``read_only`` and
  ``data_only``: dates as date cells or text, amounts as numbers (rounded to
  cents) or text; ids stored as numbers lose their leading zeros;
* amounts ``1234,56``, ``1 234,56``, ``1.234,56`` (decimal comma) or
  ``1234.56``, ``1,234.56`` (decimal full stop); thousands groups must have
  three digits, so ``12.50`` read with a decimal comma is an error;
* sign from the credit/debit column when mapped (its amount must then be
  positive), else from a minus sign; debit rows are counted in
  ``skipped_debit``, rows whose ``row_type`` is not in ``row_type_values`` in
  ``skipped_other`` (Swedbank's record types 10/82/86 around the 20 rows);
* ``source_line`` is the file line (CSV: where the row starts; the header is
  line 1 by default) or the sheet row.

Columns are header texts (compared without case and surrounding spaces) or
0-based indexes.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from .common import (
    BankFileError,
    BankLine,
    ParseResult,
    StatementInfo,
    _lt,
    _norm_account,
    _norm_text,
    check_positive,
    error_bad_date,
    error_missing,
    error_not_a_number,
    format_date_formats,
    number_occurrences,
    parse_currency,
    parse_date_text,
)

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CENT = Decimal("0.01")

# values of the mapping attributes that name a column
_COLUMN_FIELDS = (
    "date",
    "amount",
    "currency",
    "payer_name",
    "payer_iban",
    "payer_id",
    "details",
    "bank_ref",
    "account_iban",
    "credit_debit",
    "row_type",
)


@dataclass(frozen=True)
class ColumnMapping:
    """How to read one bank's CSV/XLSX export.

    A column is a header text (``str``) or a 0-based index (``int``);
    ``details`` may list several columns, joined with a space.  Unmapped
    optional columns give ``''``; ``currency`` and ``account_iban`` then fall
    back to ``default_currency`` and ``default_account_iban``.
    ``header_row`` is the 1-based line of the header (rows above it are
    ignored, e.g. SEB's title line); 0 means no header, columns by index.
    ``encoding`` ``''`` means UTF-8 (BOM or not), else Windows-1257.
    """

    date: str | int
    amount: str | int
    currency: str | int | None = None
    payer_name: str | int | None = None
    payer_iban: str | int | None = None
    payer_id: str | int | None = None
    details: str | int | tuple | None = None
    bank_ref: str | int | None = None
    account_iban: str | int | None = None
    credit_debit: str | int | None = None
    credit_values: tuple = ("C", "K", "CR", "CRDT")
    debit_values: tuple = ("D", "DR", "DBIT")
    row_type: str | int | None = None
    row_type_values: tuple = ()
    default_currency: str = ""
    default_account_iban: str = ""
    date_formats: tuple = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y")
    decimal_separator: str = ","
    delimiter: str = ";"
    quotechar: str = '"'
    encoding: str = ""
    header_row: int = 1
    sheet: str = ""

    def __post_init__(self):
        if self.decimal_separator not in (",", "."):
            raise BankFileError(
                _lt(
                    "The decimal separator of the column mapping must be a comma "
                    "or a full stop, not “%(value)s”.",
                    value=self.decimal_separator,
                ),
                field="decimal_separator",
            )
        if len(self.delimiter) != 1 or self.delimiter == self.quotechar:
            raise BankFileError(
                _lt(
                    "The column delimiter of the column mapping must be one "
                    "character other than the quote, not “%(value)s”.",
                    value=self.delimiter,
                ),
                field="delimiter",
            )
        if self.header_row < 0:
            raise BankFileError(
                _lt("The header row of the column mapping cannot be negative."),
                field="header_row",
            )
        for name in _COLUMN_FIELDS:
            for column in self._columns(name):
                if isinstance(column, int) and column < 0:
                    raise BankFileError(
                        _lt(
                            "The column mapping gives a negative column number for "
                            "%(field)s.",
                            field=_FIELD_LABELS[name],
                        ),
                        field=name,
                    )
                if isinstance(column, str) and not self.header_row:
                    raise BankFileError(
                        _lt(
                            "Columns can only be named when the file has a header "
                            "row; give the column number for %(field)s.",
                            field=_FIELD_LABELS[name],
                        ),
                        field=name,
                    )

    def _columns(self, name):
        value = getattr(self, name)
        if value is None:
            return ()
        return tuple(value) if isinstance(value, tuple | list) else (value,)


_FIELD_LABELS = {
    "date": _lt("the booking date"),
    "amount": _lt("the amount"),
    "currency": _lt("the currency"),
    "payer_name": _lt("the payer's name"),
    "payer_iban": _lt("the payer's account"),
    "payer_id": _lt("the payer's personal or registration code"),
    "details": _lt("the payment details"),
    "bank_ref": _lt("the bank reference"),
    "account_iban": _lt("the account"),
    "credit_debit": _lt("the credit/debit mark"),
    "row_type": _lt("the record type"),
}


# ---------------------------------------------------------------------------
# Reading rows
# ---------------------------------------------------------------------------


def _decode(data, filename, encoding):
    encodings = [encoding] if encoding else ["utf-8-sig", "cp1257"]
    error = None
    for name in encodings:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError) as exc:
            error = exc
            continue
        return text.removeprefix("\ufeff")
    line = data[: error.start].count(b"\n") + 1 if hasattr(error, "start") else 1
    raise BankFileError(
        _lt(
            "Line %(line)s: the file “%(filename)s” is not %(encoding)s text.",
            line=line,
            filename=filename,
            encoding=encoding or "UTF-8 / Windows-1257",
        ),
        line=line,
    )


def _csv_rows(data, filename, mapping):
    """Yield (line number where the row starts, list of str)."""
    text = _decode(data, filename, mapping.encoding)
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=mapping.delimiter,
        quotechar=mapping.quotechar,
        doublequote=True,
        strict=True,
    )
    previous = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = previous + 1
            raise BankFileError(
                _lt(
                    "Line %(line)s: the CSV row cannot be read (%(error)s).",
                    line=line,
                    error=str(exc),
                ),
                line=line,
            ) from exc
        start, previous = previous + 1, reader.line_num
        yield start, row


def _xlsx_rows(data, filename, mapping):
    """Yield (sheet row number, list of cell values)."""
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True
        )
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        ValueError,
        TypeError,
        OSError,
        SyntaxError,
    ) as exc:
        raise BankFileError(
            _lt(
                "The file “%(filename)s” cannot be read as an XLSX workbook "
                "(%(error)s).",
                filename=filename,
                error=str(exc) or type(exc).__name__,
            )
        ) from exc
    try:
        if mapping.sheet:
            if mapping.sheet not in workbook.sheetnames:
                raise BankFileError(
                    _lt(
                        "The workbook “%(filename)s” has no sheet “%(sheet)s”.",
                        filename=filename,
                        sheet=mapping.sheet,
                    ),
                    field="sheet",
                )
            sheet = workbook[mapping.sheet]
        else:
            sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
    finally:
        workbook.close()


# ---------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------

_SPACES_RE = re.compile(r"[\u00a0\u202f\u2009\u2007]")


def _amount_re(decimal_separator):
    thousands = "." if decimal_separator == "," else ","
    group = f"[ {re.escape(thousands)}]"
    return re.compile(
        rf"^[+-]?(?:\d{{1,3}}(?P<sep>{group})\d{{3}}(?:(?P=sep)\d{{3}})*|\d+)"
        rf"(?:{re.escape(decimal_separator)}\d+)?$"
    )


def parse_amount_text(value, decimal_separator, line, field_name):
    """Signed :class:`Decimal` from text such as ``-1 234,56``."""
    raw = _norm_text(value)
    if not raw:
        raise error_missing(line, field_name)
    cleaned = _SPACES_RE.sub(" ", raw).replace("\u2212", "-")
    cleaned = re.sub(r"^([+-]) +", r"\1", cleaned)
    if not _amount_re(decimal_separator).match(cleaned):
        raise error_not_a_number(raw, line, field_name)
    thousands = "." if decimal_separator == "," else ","
    cleaned = cleaned.replace(" ", "").replace(thousands, "")
    cleaned = cleaned.replace(decimal_separator, ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:
        raise error_not_a_number(raw, line, field_name) from exc


def _amount_value(value, mapping, line, field_name):
    if isinstance(value, bool):
        raise error_not_a_number(str(value), line, field_name)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    if isinstance(value, date | datetime):
        raise error_not_a_number(value.isoformat(), line, field_name)
    return parse_amount_text(value, mapping.decimal_separator, line, field_name)


def _date_value(value, mapping, line, field_name):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value is not None and not isinstance(value, str):
        raise error_bad_date(
            str(value), line, field_name, format_date_formats(mapping.date_formats)
        )
    return parse_date_text(value, line, field_name, mapping.date_formats)


def _text_value(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, date | datetime):
        value = value.isoformat()
    return _norm_text(value)


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------


def _resolve_columns(mapping, header, header_line):
    """Map each mapping attribute to a tuple of column indexes."""
    names = {}
    for index, title in enumerate(header or ()):
        names.setdefault(_text_value(title).casefold(), index)
    resolved = {}
    for attribute in _COLUMN_FIELDS:
        indexes = []
        for column in mapping._columns(attribute):
            if isinstance(column, int):
                indexes.append(column)
                continue
            key = _norm_text(column).casefold()
            if key not in names:
                raise BankFileError(
                    _lt(
                        "Line %(line)s: there is no column “%(column)s” "
                        "(%(field)s) in the header row.",
                        line=header_line,
                        column=column,
                        field=_FIELD_LABELS[attribute],
                    ),
                    line=header_line,
                    field=str(column),
                )
            indexes.append(names[key])
        resolved[attribute] = tuple(indexes)
    return resolved


def _column_label(column, header):
    if header is not None and column < len(header) and _text_value(header[column]):
        return _text_value(header[column])
    return f"#{column + 1}"


class _Row:
    """Cell access by mapping attribute, with readable field names."""

    def __init__(self, values, columns, header, line):
        self.values = values
        self.columns = columns
        self.header = header
        self.line = line

    def raw(self, attribute):
        indexes = self.columns[attribute]
        if not indexes:
            return None
        index = indexes[0]
        return self.values[index] if index < len(self.values) else None

    def text(self, attribute):
        parts = [
            _text_value(self.values[i]) if i < len(self.values) else ""
            for i in self.columns[attribute]
        ]
        return " ".join(p for p in parts if p)

    def label(self, attribute):
        indexes = self.columns[attribute]
        return _column_label(indexes[0], self.header) if indexes else attribute


def parse_tabular(data, filename, mapping):
    """Parse a CSV or XLSX export (bytes) with ``mapping``.

    XLSX is recognised by its ZIP signature, anything else is read as CSV.

    :raise BankFileError: undecodable text, broken CSV quoting, unreadable
        workbook, missing header or column, invalid date, amount, sign or
        currency, zero amount
    """
    if not isinstance(data, bytes):
        raise TypeError("bank files are parsed from bytes")
    if data.startswith(OLE_MAGIC):
        raise error_old_xls(filename)
    if data.startswith(ZIP_MAGIC):
        result, rows = ParseResult(file_format="xlsx"), _xlsx_rows
    elif filename.lower().endswith(".xlsx"):
        raise BankFileError(
            _lt(
                "The file “%(filename)s” is not a valid XLSX workbook.",
                filename=filename,
            )
        )
    else:
        result, rows = ParseResult(file_format="csv"), _csv_rows
    header = None
    columns = None
    if not mapping.header_row:
        columns = _resolve_columns(mapping, None, 0)
    statements = {}
    for line, values in rows(data, filename, mapping):
        if line < mapping.header_row:
            continue
        if line == mapping.header_row:
            header = values
            columns = _resolve_columns(mapping, header, line)
            continue
        if all(_text_value(v) == "" for v in values):
            continue
        row = _Row(values, columns, header, line)
        bank_line = _parse_row(row, mapping, result)
        if bank_line is None:
            continue
        result.lines.append(bank_line)
        key = (bank_line.account_iban, bank_line.currency)
        if key not in statements:
            statements[key] = StatementInfo(
                account_iban=key[0], currency=key[1], source_line=line
            )
    if columns is None:
        line = mapping.header_row
        raise BankFileError(
            _lt(
                "Line %(line)s: the file “%(filename)s” ends before its header row.",
                line=line,
                filename=filename,
            ),
            line=line,
        )
    result.statements = list(statements.values())
    result.lines = number_occurrences(result.lines)
    return result


def _parse_row(row, mapping, result):
    """The :class:`BankLine` of a credit row, or ``None`` (counted)."""
    line = row.line
    if row.columns["row_type"]:
        wanted = {_norm_text(v).casefold() for v in mapping.row_type_values}
        if row.text("row_type").casefold() not in wanted:
            result.skipped_other += 1
            return None
    if row.columns["credit_debit"]:
        is_credit = _credit_mark(row, mapping)
        if not is_credit:
            result.skipped_debit += 1
            return None
        amount = _amount_value(row.raw("amount"), mapping, line, row.label("amount"))
        check_positive(amount, line, row.label("amount"))
    else:
        amount = _amount_value(row.raw("amount"), mapping, line, row.label("amount"))
        if amount < 0:
            result.skipped_debit += 1
            return None
        check_positive(amount, line, row.label("amount"))
    booking_date = _date_value(row.raw("date"), mapping, line, row.label("date"))
    if row.columns["currency"]:
        currency = row.text("currency") or mapping.default_currency
        currency_field = row.label("currency")
    else:
        currency, currency_field = mapping.default_currency, "currency"
    currency = parse_currency(currency, line, currency_field)
    account = row.text("account_iban") or mapping.default_account_iban
    return BankLine(
        date=booking_date,
        amount=amount,
        currency=currency,
        payer_name=row.text("payer_name"),
        payer_iban=_norm_account(row.text("payer_iban")),
        payer_id=row.text("payer_id"),
        details=row.text("details"),
        bank_ref=row.text("bank_ref"),
        account_iban=_norm_account(account),
        source_line=line,
    )


def _credit_mark(row, mapping):
    value = row.text("credit_debit")
    if value.casefold() in {v.casefold() for v in mapping.credit_values}:
        return True
    if value.casefold() in {v.casefold() for v in mapping.debit_values}:
        return False
    field_name = row.label("credit_debit")
    raise BankFileError(
        _lt(
            "Line %(line)s: the credit/debit mark “%(value)s” in %(field)s is "
            "neither %(credit)s (credit) nor %(debit)s (debit).",
            line=row.line,
            value=value,
            field=field_name,
            credit="/".join(mapping.credit_values),
            debit="/".join(mapping.debit_values),
        ),
        line=row.line,
        field=field_name,
    )


def error_old_xls(filename):
    return BankFileError(
        _lt(
            "The file “%(filename)s” is an old Excel .xls workbook; save it as "
            ".xlsx or CSV and import it again.",
            filename=filename,
        )
    )
