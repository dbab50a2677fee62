# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import date

from .common import VALID_NEW_CODES, VALID_OLD_CODES, BvkCommon

OUR_IBAN = "LV56HABA0551099887766"


def camt053(entries, currency="EUR", account=OUR_IBAN):
    """A camt.053.001.02 statement; ``entries`` are dicts with ``amount``,
    ``ref`` (AcctSvcrRef), ``details``, ``name``, ``iban``, ``date``,
    ``ccy``, ``code`` (payer's personal code)."""
    ntry = []
    for entry in entries:
        ccy = entry.get("ccy", currency)
        code = entry.get("code")
        code_xml = (
            f"<Id><PrvtId><Othr><Id>{code}</Id></Othr></PrvtId></Id>" if code else ""
        )
        ntry.append(
            f"""<Ntry><Amt Ccy="{ccy}">{entry["amount"]}</Amt>
<CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>{entry.get("date", "2026-09-01")}</Dt></BookgDt>
<AcctSvcrRef>{entry["ref"]}</AcctSvcrRef><NtryDtls><TxDtls>
<AmtDtls><TxAmt><Amt Ccy="{ccy}">{entry["amount"]}</Amt></TxAmt></AmtDtls>
<RltdPties><Dbtr><Nm>{entry.get("name", "")}</Nm>{code_xml}</Dbtr>
<DbtrAcct><Id><IBAN>{entry.get("iban", "LV12PARX0012121212121")}</IBAN></Id></DbtrAcct>
</RltdPties><RmtInf><Ustrd>{entry.get("details", "")}</Ustrd></RmtInf>
</TxDtls></NtryDtls></Ntry>"""
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>T</MsgId><CreDtTm>2026-09-02T06:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id><CreDtTm>2026-09-02T06:00:00</CreDtTm>
<Acct><Id><IBAN>{account}</IBAN></Id><Ccy>{currency}</Ccy></Acct>
{"".join(ntry)}</Stmt></BkToCstmrStmt></Document>""".encode()


class BvkFinanceCommon(BvkCommon):
    """BvkCommon with accounting: a chart of accounts, a bank journal on our
    IBAN, and helpers for signed contracts with payment schedules."""

    _bvk_own_company = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        if not company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )
        company.currency_id = cls.eur
        cls.bank_journal = cls.env["account.journal"].create(
            {
                "name": "BVK Swedbank",
                "code": "BVKB",
                "type": "bank",
                "bank_acc_number": OUR_IBAN,
                "currency_id": False,
            }
        )
        company.bvk_ssc_head_id = cls.head
        cls.finance_accountant = cls._new_user(
            login="bvk_fin_accountant",
            groups="account.group_account_invoice,base.group_user",
        )
        cls.student.write({"phone": "+37120000001", "lang": "en_US"})
        cls.student_b = cls._create_student(
            "Jānis Bērziņš", VALID_OLD_CODES[1], phone="+37120000002", lang="en_US"
        )
        cls.student_c = cls._create_student(
            "Līga Ozola", VALID_NEW_CODES[0], phone="+37120000003", lang="en_US"
        )

    @classmethod
    def _signed_contract(
        cls, student=None, plan="semester", timing="before_due", **vals
    ):
        contract = cls._create_contract(student=student, **vals)
        schedule = cls.env["bvk.payment.schedule"].create(
            {"contract_id": contract.id, "plan": plan, "invoice_timing": timing}
        )
        schedule.action_generate()
        contract.with_user(cls.director).action_sign()
        return contract

    def _import(self, data, filename="statement.xml", mapping=None, journal=None):
        wizard = self.env["bvk.bank.import.upload"].create(
            {
                "data_file": base64.b64encode(data),
                "filename": filename,
                "journal_id": (journal or self.bank_journal).id,
                "mapping_id": mapping.id if mapping else False,
            }
        )
        return wizard.action_import()

    def _register_payment(self, installment, amount, when=None):
        move = installment.move_id
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=move.ids)
            .create(
                {
                    "amount": amount,
                    "journal_id": self.bank_journal.id,
                    "payment_date": when or date(2026, 9, 1),
                }
            )
            ._create_payments()
        )
