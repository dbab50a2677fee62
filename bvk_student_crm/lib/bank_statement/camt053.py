# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""ISO 20022 camt.053 (Bank-to-Customer Statement), versions 001.02 to 001.13.

The version is read from the root namespace
``urn:iso:std:iso:20022:tech:xsd:camt.053.001.NN``; elements are then matched
on local names, and the places that moved between versions are all tried:
``Sts`` / ``Sts/Cd`` (.07), ``Dbtr/Nm`` / ``Dbtr/Pty/Nm`` (.07),
``AmtDtls/TxAmt/Amt`` / ``TxDtls/Amt`` (.03).

Rules (see ``BANK_FORMATS.md``):

* only entries with status ``BOOK`` are read; others are counted in
  ``skipped_pending``;
* ``DBIT`` entries are counted in ``skipped_debit`` (one per ``Ntry``) without
  checking their amount;
* ``RvslInd=true`` entries go to ``reversals`` (signed amount) for review;
* an entry with several ``TxDtls`` (batch) gives one line per ``TxDtls``, with
  its own amount and remittance; their signed sum must equal the entry amount,
  and ``ref_scope`` is the 1-based position of the ``TxDtls``;
* ``bank_ref`` is ``Ntry/AcctSvcrRef`` (never the payer's ``EndToEndId``);
* the payer of a credit is ``RltdPties/Dbtr`` / ``DbtrAcct`` (``Cdtr`` is us);
  ``payer_id`` is ``Dbtr/Id/PrvtId/Othr/Id`` (personal code), else the
  organisation id;
* ``details`` joins ``RmtInf/Ustrd`` and ``RmtInf/Strd/CdtrRefInf/Ref``, else
  ``AddtlTxInf``, else ``Ntry/AddtlNtryInf``;
* the booking date is ``BookgDt/Dt`` or the date part of ``BookgDt/DtTm``;
* ``source_line`` is the XML line of the ``Ntry`` (of the ``TxDtls`` for the
  parts of a batch).
"""

import re
from decimal import Decimal

from lxml import etree

from .common import (
    BankFileError,
    BankLine,
    ParseResult,
    StatementInfo,
    _lt,
    _norm_account,
    children,
    error_missing,
    error_unknown_root,
    find,
    find_all,
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

CAMT053_NS_RE = re.compile(r"^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.(\d{2})$")
SUPPORTED_VERSIONS = range(2, 14)


def camt053_version(root):
    """``'camt.053.001.NN'`` if ``root`` is a camt.053 ``Document``, else
    ``''``; the version is not checked here."""
    if local_name(root) != "Document":
        return ""
    namespace = etree.QName(root).namespace or ""
    match = CAMT053_NS_RE.match(namespace)
    return f"camt.053.001.{match.group(1)}" if match else ""


def parse_camt053(data):
    """Parse a camt.053 file (bytes) into a :class:`ParseResult`.

    :raise BankFileError: malformed XML, another root, unsupported version,
        missing or invalid amount, currency, indicator, status or date
    """
    return parse_camt053_root(parse_xml(data))


def parse_camt053_root(root):
    version = camt053_version(root)
    if not version:
        raise error_unknown_root(root)
    number = int(version[-2:])
    if number not in SUPPORTED_VERSIONS:
        raise BankFileError(
            _lt(
                "Line %(line)s: camt.053 version %(version)s is not supported "
                "(versions 001.02 to 001.13 are).",
                line=line_of(root, 1),
                version=version,
            ),
            line=line_of(root, 1),
        )
    result = ParseResult(file_format="camt053", version=version)
    message = find(root, "BkToCstmrStmt")
    if message is None:
        raise error_missing(line_of(root, 1), "Document/BkToCstmrStmt")
    statements = children(message, "Stmt")
    if not statements:
        raise error_missing(line_of(message, 1), "BkToCstmrStmt/Stmt")
    for stmt in statements:
        _parse_statement(stmt, result)
    result.lines = number_occurrences(result.lines)
    return result


def _parse_statement(stmt, result):
    stmt_line = line_of(stmt)
    account = _norm_account(first_text(stmt, "Acct/Id/IBAN", "Acct/Id/Othr/Id"))
    if not account:
        raise error_missing(stmt_line, "Stmt/Acct/Id/IBAN")
    currency = text(stmt, "Acct/Ccy").upper()
    result.statements.append(
        StatementInfo(
            account_iban=account,
            currency=currency,
            statement_id=text(stmt, "Id"),
            source_line=stmt_line,
        )
    )
    for entry in children(stmt, "Ntry"):
        _parse_entry(entry, account, result)


def _indicator(element, path, default_line):
    node = find(element, path)
    value = text(node).upper()
    line = line_of(node, default_line)
    if not value:
        raise error_missing(line, path)
    if value not in ("CRDT", "DBIT"):
        raise BankFileError(
            _lt(
                "Line %(line)s: the credit/debit indicator “%(value)s” in "
                "%(field)s is neither CRDT nor DBIT.",
                line=line,
                value=value,
                field=path,
            ),
            line=line,
            field=path,
        )
    return value == "CRDT"


def _amount(node, path, default_line):
    if node is None:
        raise error_missing(default_line, path)
    return parse_xml_amount(node.text, line_of(node, default_line), path)


def _tx_code(entry):
    domain = find(entry, "BkTxCd/Domn")
    if domain is not None:
        codes = [
            text(domain, "Cd"),
            text(domain, "Fmly/Cd"),
            text(domain, "Fmly/SubFmlyCd"),
        ]
        return "/".join(c for c in codes if c)
    return text(entry, "BkTxCd/Prtry/Cd")


def _parse_entry(entry, account, result):
    line = line_of(entry)
    status = first_text(entry, "Sts/Cd", "Sts/Prtry", "Sts").upper()
    if not status:
        raise error_missing(line, "Ntry/Sts")
    if status != "BOOK":
        result.skipped_pending += 1
        return
    is_credit = _indicator(entry, "CdtDbtInd", line)
    is_reversal = text(entry, "RvslInd").lower() in ("true", "1")
    if not is_credit and not is_reversal:
        result.skipped_debit += 1
        return
    amount_node = find(entry, "Amt")
    amount = _amount(amount_node, "Ntry/Amt", line)
    currency = parse_currency(
        amount_node.get("Ccy"), line_of(amount_node, line), "Ntry/Amt/@Ccy"
    )
    date_node = find(entry, "BookgDt/Dt")
    if date_node is None:
        date_node = find(entry, "BookgDt/DtTm")
    if date_node is None:
        raise error_missing(line, "Ntry/BookgDt/Dt")
    booking_date = parse_iso_date(
        date_node.text, line_of(date_node, line), "Ntry/BookgDt"
    )
    shared = {
        "date": booking_date,
        "currency": currency,
        "bank_ref": text(entry, "AcctSvcrRef"),
        "account_iban": account,
        "is_reversal": is_reversal,
        "tx_code": _tx_code(entry),
    }
    entry_info = text(entry, "AddtlNtryInf")
    transactions = find_all(entry, "NtryDtls/TxDtls")
    if len(transactions) <= 1:
        tx = transactions[0] if transactions else None
        parts = [(tx, amount, is_credit, "", line)]
    else:
        parts = _split_batch(entry, transactions, amount, currency, is_credit)
    for tx, part_amount, part_credit, scope, part_line in parts:
        if not part_credit and not is_reversal:
            result.skipped_debit += 1
            continue
        bank_line = BankLine(
            amount=part_amount if part_credit else -part_amount,
            is_credit=part_credit,
            ref_scope=scope,
            source_line=part_line,
            **shared,
            **_transaction_details(tx, part_credit != is_reversal, entry_info),
        )
        (result.reversals if is_reversal else result.lines).append(bank_line)


def _split_batch(entry, transactions, entry_amount, currency, entry_credit):
    """One part per ``TxDtls``: (tx, amount, is_credit, position, line)."""
    parts = []
    total = Decimal(0)
    for position, tx in enumerate(transactions, start=1):
        tx_line = line_of(tx)
        node = find(tx, "Amt")
        path = "TxDtls/Amt"
        if node is None:
            node = find(tx, "AmtDtls/TxAmt/Amt")
            path = "TxDtls/AmtDtls/TxAmt/Amt"
        amount = _amount(node, path, tx_line)
        tx_currency = parse_currency(
            node.get("Ccy"), line_of(node, tx_line), f"{path}/@Ccy"
        )
        if tx_currency != currency:
            raise BankFileError(
                _lt(
                    "Line %(line)s: a transaction of a batch entry is in "
                    "%(currency)s but the entry is in %(entry_currency)s.",
                    line=line_of(node, tx_line),
                    currency=tx_currency,
                    entry_currency=currency,
                ),
                line=line_of(node, tx_line),
                field=path,
            )
        is_credit = entry_credit
        if find(tx, "CdtDbtInd") is not None:
            is_credit = _indicator(tx, "CdtDbtInd", tx_line)
        total += amount if is_credit else -amount
        parts.append((tx, amount, is_credit, str(position), tx_line))
    expected = entry_amount if entry_credit else -entry_amount
    if total != expected:
        line = line_of(entry)
        raise BankFileError(
            _lt(
                "Line %(line)s: the batch entry amount %(amount)s differs from the "
                "sum of its %(count)s transactions, %(total)s.",
                line=line,
                amount=format(expected, "f"),
                count=len(transactions),
                total=format(total, "f"),
            ),
            line=line,
            field="Ntry/Amt",
        )
    return parts


def _transaction_details(tx, original_credit, entry_info):
    """Counterparty and remittance of one ``TxDtls`` (may be ``None``).

    The counterparty is the debtor when the original movement was a credit
    (money in; for a reversal the parties of the original are kept).
    """
    if tx is None:
        return {"details": entry_info}
    party = "Dbtr" if original_credit else "Cdtr"
    base = f"RltdPties/{party}"
    remittance = [text(node) for node in find_all(tx, "RmtInf/Ustrd")]
    remittance += [text(node) for node in find_all(tx, "RmtInf/Strd/CdtrRefInf/Ref")]
    details = " ".join(r for r in remittance if r)
    return {
        "payer_name": first_text(tx, f"{base}/Nm", f"{base}/Pty/Nm"),
        "payer_iban": _norm_account(
            first_text(tx, f"{base}Acct/Id/IBAN", f"{base}Acct/Id/Othr/Id")
        ),
        "payer_id": first_text(
            tx,
            f"{base}/Id/PrvtId/Othr/Id",
            f"{base}/Pty/Id/PrvtId/Othr/Id",
            f"{base}/Id/OrgId/Othr/Id",
            f"{base}/Pty/Id/OrgId/Othr/Id",
        ),
        "details": details or text(tx, "AddtlTxInf") or entry_info,
    }
