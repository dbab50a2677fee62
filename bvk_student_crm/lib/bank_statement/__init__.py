# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bank statement parsers for the payment import, without the ORM.

Formats (see ``/work/shared/docs/BANK_FORMATS.md``): ISO 20022 camt.053
(001.02 to 001.13), FiDAViSta (Latvian banks' XML) and CSV/XLSX exports read
through a :class:`ColumnMapping`.

API::

    detect_format(data: bytes, filename: str) -> str  # camt053|fidavista|csv|xlsx
    parse_bank_file(data, filename, mapping=None) -> ParseResult
    parse_camt053(data: bytes) -> ParseResult
    parse_fidavista(data: bytes) -> ParseResult
    parse_tabular(data: bytes, filename: str, mapping: ColumnMapping) -> ParseResult
    check_currency(result, expected: str) -> None   # raises BankFileError
    check_account(result, expected_iban: str) -> None

:class:`ParseResult` holds ``lines`` (booked incoming payments as frozen
:class:`BankLine`), ``reversals`` (camt ``RvslInd`` entries, for review),
``statements`` (:class:`StatementInfo`: account and currency of each section),
the counts ``skipped_debit``, ``skipped_pending``, ``skipped_other`` and the
properties ``account_ibans`` and ``currencies``.

:attr:`BankLine.unique_key` is ``<ACCOUNT>:<bank ref>[:<scope>]`` when the bank
gives an id, else ``sha256:<hex>`` of the normalised line (a *possible*
duplicate when it matches; see :attr:`BankLine.has_bank_ref`).

Every problem raises :class:`BankFileError` with a lazily translated message
that names the line (``str(exc)``; in model code ``self.env._(exc.message)``)
and the attributes ``line`` and ``field``, e.g.::

    try:
        result = parse_bank_file(data, filename, mapping)
        check_currency(result, journal.currency_id.name or company_currency)
    except BankFileError as exc:
        raise UserError(self.env._(exc.message)) from exc

Amounts are :class:`~decimal.Decimal`; XML is parsed with entity expansion,
network access and DTDs disabled, and documents with a DOCTYPE are refused.
"""

from .camt053 import parse_camt053
from .common import (
    BankFileError,
    BankLine,
    ParseResult,
    StatementInfo,
    check_account,
    check_currency,
)
from .detect import detect_format, parse_bank_file
from .fidavista import parse_fidavista
from .tabular import ColumnMapping, parse_tabular

__all__ = [
    "BankFileError",
    "BankLine",
    "ColumnMapping",
    "ParseResult",
    "StatementInfo",
    "check_account",
    "check_currency",
    "detect_format",
    "parse_bank_file",
    "parse_camt053",
    "parse_fidavista",
    "parse_tabular",
]
