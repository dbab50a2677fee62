# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Read the small tables methodologists and the LMS export (CSV or XLSX) into
rows of text keyed by normalised header, with the file row number, and parse
their dates. Pure Python, no ORM: errors are :class:`TableError` with the row
number so the caller can report them."""

import csv
import io
import zipfile
from datetime import date, datetime

from . import file_limits

ZIP_MAGIC = b"PK\x03\x04"
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%Y.", "%d/%m/%Y", "%d.%m.%y")


class TableError(ValueError):
    """A problem in the file; ``line`` is the 1-based row number or None."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line


def normalise_header(value):
    return " ".join(str(value or "").strip().lower().replace("_", " ").split())


def _decode(data):
    for encoding in ("utf-8-sig", "cp1257"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError("The file is neither UTF-8 nor Windows-1257 text.")


def _csv_rows(data):
    text = _decode(data)
    if "\x00" in text:
        raise TableError("The file is not a text (CSV) file.")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if text.count(";") > text.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        yield from enumerate(reader, 1)
    except csv.Error as error:
        raise TableError(
            f"The CSV file cannot be read: {error}", reader.line_num
        ) from error


def _xlsx_rows(data):
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True
        )
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise TableError(f"The XLSX file cannot be read: {error}") from error
    sheet = workbook.worksheets[0]
    for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
        yield number, list(row)
    workbook.close()


def read_table(data, required, aliases=None, max_rows=None):
    """Rows of ``data`` (CSV or XLSX bytes) as ``(line, {column: value})``.

    ``required`` are the canonical column names that must be present;
    ``aliases`` maps other header texts (e.g. Latvian) to canonical names.
    Empty rows are skipped.

    :raise file_limits.FileLimitError: (``LINES``) when there are more than
        ``max_rows`` rows (not counting the header); rows past the limit are
        only counted, not kept
    """
    if not data:
        raise TableError("The file is empty.")
    aliases = {normalise_header(k): v for k, v in (aliases or {}).items()}
    rows = _xlsx_rows(data) if data[:4] == ZIP_MAGIC else _csv_rows(data)
    header = None
    result = []
    count = 0
    for number, row in rows:
        values = ["" if v is None else v for v in row]
        if not any(str(v).strip() for v in values):
            continue
        if header is None:
            header = []
            for cell in values:
                name = normalise_header(cell)
                header.append(aliases.get(name, name))
            missing = [c for c in required if c not in header]
            if missing:
                raise TableError(
                    "Missing column(s): {}. Found: {}.".format(
                        ", ".join(missing), ", ".join(h for h in header if h)
                    ),
                    number,
                )
            continue
        count += 1
        if max_rows is not None and count > max_rows:
            continue
        record = {}
        for column, value in zip(header, values, strict=False):
            if column:
                record[column] = value.strip() if isinstance(value, str) else value
        result.append((number, record))
    if header is None:
        raise TableError("The file is empty.")
    if max_rows is not None:
        file_limits.check_lines(count, max_rows)
    return result


def parse_date(value, line, column):
    """A date from a date cell or text in one of :data:`DATE_FORMATS`."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise TableError(
        f"'{text}' in the column '{column}' is not a date (use YYYY-MM-DD or "
        "DD.MM.YYYY).",
        line,
    )


def text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
