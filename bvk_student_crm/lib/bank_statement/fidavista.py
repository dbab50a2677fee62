# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""FiDAViSta, the Latvian banks' XML statement (versions 1.01, 1.1, 1.2).

No official XSD is known: elements are matched on local names, whatever the
namespace (``fidavista0101.xsd`` with or without ``www.``, ``fidavista_1-2``,
the Citadele e-service one, or none).  The raw bytes go to lxml so that the
``windows-1257`` declaration is honoured.

Rules (see ``BANK_FORMATS.md``):

* ``Statement/AccountSet`` (``AccNo``, or ``IBAN`` in some SEB files) /
  ``CcyStmt`` (``Ccy``) / ``TrxSet``: one :class:`StatementInfo` per
  ``CcyStmt``;
* ``CorD`` ``C`` is money in; ``D`` is counted in ``skipped_debit``;
* amount ``AccAmt`` (unsigned, account currency), date ``BookDate`` (first
  10 characters), remittance ``PmtInfo``, payer ``CPartySet/AccHolder/Name``,
  ``CPartySet/AccNo`` and ``AccHolder/LegalId`` (personal or company code);
* ``BankRef`` is not unique alone (a fee may share its payment's), so
  ``ref_scope`` is ``currency:CorD:AccAmt:TypeCode``;
* ``source_line`` is the XML line of the ``TrxSet``.
"""

from lxml import etree

from .common import (
    BankFileError,
    BankLine,
    ParseResult,
    StatementInfo,
    _lt,
    _norm_account,
    amount_key,
    children,
    error_missing,
    error_unknown_root,
    find,
    first_text,
    line_of,
    local_name,
    number_occurrences,
    parse_currency,
    parse_iso_date,
    parse_xml,
    parse_xml_amount,
    text,
)


def is_fidavista(root):
    return local_name(root).upper() == "FIDAVISTA"


def parse_fidavista(data):
    """Parse a FiDAViSta file (bytes) into a :class:`ParseResult`.

    :raise BankFileError: malformed XML, another root, missing account,
        currency, sign, amount or booking date, or invalid values
    """
    return parse_fidavista_root(parse_xml(data))


def parse_fidavista_root(root):
    if not is_fidavista(root):
        raise error_unknown_root(root)
    result = ParseResult(
        file_format="fidavista", version=etree.QName(root).namespace or ""
    )
    statements = children(root, "Statement")
    if not statements:
        raise error_missing(line_of(root, 1), "FIDAVISTA/Statement")
    for statement in statements:
        period = "..".join(
            d
            for d in (
                text(statement, "Period/StartDate"),
                text(statement, "Period/EndDate"),
            )
            if d
        )
        for account_set in children(statement, "AccountSet"):
            account = _norm_account(first_text(account_set, "AccNo", "IBAN"))
            if not account:
                raise error_missing(line_of(account_set), "AccountSet/AccNo")
            for ccy_stmt in children(account_set, "CcyStmt"):
                _parse_ccy_statement(ccy_stmt, account, period, result)
    result.lines = number_occurrences(result.lines)
    return result


def _parse_ccy_statement(ccy_stmt, account, period, result):
    ccy_node = find(ccy_stmt, "Ccy")
    currency = parse_currency(
        text(ccy_node), line_of(ccy_node, line_of(ccy_stmt)), "CcyStmt/Ccy"
    )
    result.statements.append(
        StatementInfo(
            account_iban=account,
            currency=currency,
            statement_id=period,
            source_line=line_of(ccy_stmt),
        )
    )
    for trx in children(ccy_stmt, "TrxSet"):
        line = _parse_transaction(trx, account, currency)
        if line is None:
            result.skipped_debit += 1
        else:
            result.lines.append(line)


def _parse_transaction(trx, account, currency):
    """The :class:`BankLine` of a credit ``TrxSet``, ``None`` for a debit."""
    line = line_of(trx)
    sign_node = find(trx, "CorD")
    sign = text(sign_node).upper()
    if not sign:
        raise error_missing(line, "TrxSet/CorD")
    if sign not in ("C", "D"):
        sign_line = line_of(sign_node, line)
        raise BankFileError(
            _lt(
                "Line %(line)s: the credit/debit indicator “%(value)s” in "
                "%(field)s is neither C nor D.",
                line=sign_line,
                value=sign,
                field="TrxSet/CorD",
            ),
            line=sign_line,
            field="TrxSet/CorD",
        )
    if sign == "D":
        return None
    amount_node = find(trx, "AccAmt")
    if amount_node is None:
        raise error_missing(line, "TrxSet/AccAmt")
    amount = parse_xml_amount(
        amount_node.text, line_of(amount_node, line), "TrxSet/AccAmt"
    )
    date_node = find(trx, "BookDate")
    if date_node is None:
        raise error_missing(line, "TrxSet/BookDate")
    booking_date = parse_iso_date(
        date_node.text, line_of(date_node, line), "TrxSet/BookDate"
    )
    type_code = text(trx, "TypeCode")
    return BankLine(
        date=booking_date,
        amount=amount,
        currency=currency,
        payer_name=text(trx, "CPartySet/AccHolder/Name"),
        payer_iban=_norm_account(text(trx, "CPartySet/AccNo")),
        payer_id=text(trx, "CPartySet/AccHolder/LegalId"),
        details=text(trx, "PmtInfo"),
        bank_ref=text(trx, "BankRef"),
        account_iban=account,
        source_line=line,
        tx_code=type_code,
        ref_scope=f"{currency}:{sign}:{amount_key(amount)}:{type_code}",
    )
