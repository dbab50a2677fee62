# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .bvk_study_contract import RUNNING_STATES
from .bvk_study_contract import BvkStudyContract as BvkStudyContractBase


class BvkStudyContract(models.Model):
    """A contract ends through a signed order: the *Terminate* and
    *Complete* buttons open the order wizards, whose order, once the director
    signs it, makes the real transition (as superuser, which no client can
    be) with all its effects."""

    _inherit = "bvk.study.contract"
    _bvk_workflow_fields = (
        *BvkStudyContractBase._bvk_workflow_fields,
        "termination_line_id",
    )

    order_line_ids = fields.One2many(
        comodel_name="bvk.order.line",
        inverse_name="contract_id",
        string="Orders",
    )
    order_count = fields.Integer(compute="_compute_order_count")
    termination_line_id = fields.Many2one(
        comodel_name="bvk.order.line",
        string="Ended by",
        readonly=True,
        copy=False,
        help="The line of the signed order that ended the contract.",
    )
    termination_order_id = fields.Many2one(
        related="termination_line_id.order_id", string="Ending Order"
    )
    termination_reason = fields.Selection(
        related="termination_line_id.reason", string="Termination Reason"
    )

    def _compute_order_count(self):
        counts = dict(
            self.env["bvk.order.line"]._read_group(
                [("contract_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["contract_id"],
                ["order_id:count_distinct"],
            )
        )
        for contract in self:
            contract.order_count = counts.get(contract, 0)

    def action_terminate(self):
        if self.env.su:
            return super().action_terminate()
        self._check_head()
        self._bvk_check_state(RUNNING_STATES, self.env._("terminate"))
        return self._bvk_open_order_wizard(
            "bvk.order.expel", self.env._("Expel Students")
        )

    def action_complete(self):
        if self.env.su:
            return super().action_complete()
        self._check_head()
        self._bvk_check_state("active", self.env._("complete"))
        return self._bvk_open_order_wizard(
            "bvk.order.exmatriculate", self.env._("Exmatriculate Students")
        )

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bvk_student_crm.bvk_order_action"
        )
        action["domain"] = [("line_ids.contract_id", "=", self.id)]
        action["context"] = {}
        return action

    def _bvk_open_order_wizard(self, model, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_student_ids": [fields.Command.set(self.student_id.ids)],
                "default_contract_ids": [fields.Command.set(self.ids)],
            },
        }
