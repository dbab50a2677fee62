# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Recognise a bank file and hand it to the right parser.

XML files are recognised by their root element (camt.053 namespace or
``FIDAVISTA``), XLSX by the ZIP signature, CSV only by a ``.csv`` or ``.txt``
file name; anything else is refused rather than guessed.
"""

import io
import os

from lxml import etree

from .camt053 import camt053_version, parse_camt053
from .common import BankFileError, _lt, error_unknown_root
from .fidavista import is_fidavista, parse_fidavista
from .tabular import OLE_MAGIC, ZIP_MAGIC, error_old_xls, parse_tabular

CSV_EXTENSIONS = (".csv", ".txt")


def _root_element(data):
    """The root element, read without parsing the rest of the file."""
    events = etree.iterparse(
        io.BytesIO(data),
        events=("start",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    try:
        for _event, element in events:
            return element
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
    raise BankFileError(_lt("Line 1: the XML file has no root element."), line=1)


def detect_format(data, filename=""):
    """Return ``'camt053'``, ``'fidavista'``, ``'csv'`` or ``'xlsx'``.

    :raise BankFileError: empty file, old ``.xls``, malformed XML, XML of
        another kind, or a file that is none of the above
    """
    if not isinstance(data, bytes):
        raise TypeError("bank files are parsed from bytes")
    if not data.strip():
        raise BankFileError(_lt("The file “%(filename)s” is empty.", filename=filename))
    if data.startswith(ZIP_MAGIC):
        return "xlsx"
    if data.startswith(OLE_MAGIC):
        raise error_old_xls(filename)
    if data.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<"):
        root = _root_element(data)
        if camt053_version(root):
            return "camt053"
        if is_fidavista(root):
            return "fidavista"
        raise error_unknown_root(root)
    extension = os.path.splitext(filename or "")[1].lower()
    if extension in CSV_EXTENSIONS and b"\x00" not in data:
        return "csv"
    raise BankFileError(
        _lt(
            "The file “%(filename)s” is not a bank statement that can be imported: "
            "use camt.053 or FiDAViSta XML, or a CSV or XLSX export.",
            filename=filename,
        )
    )


def parse_bank_file(data, filename, mapping=None):
    """Detect the format of ``data`` and parse it.

    ``mapping`` (:class:`ColumnMapping`) is required for CSV and XLSX files.

    :raise BankFileError: see :func:`detect_format` and the parsers
    """
    file_format = detect_format(data, filename)
    if file_format == "camt053":
        return parse_camt053(data)
    if file_format == "fidavista":
        return parse_fidavista(data)
    if mapping is None:
        raise BankFileError(
            _lt(
                "The file “%(filename)s” is a CSV or XLSX export: choose the "
                "column mapping of its bank to import it.",
                filename=filename,
            )
        )
    return parse_tabular(data, filename, mapping)
