# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError


class BvkStudent(models.Model):
    _inherit = "bvk.student"  # pylint: disable=consider-merging-classes-inherited

    has_portal_access = fields.Boolean(
        compute="_compute_has_portal_access",
        groups="bvk_student_crm.group_bvk_coordinator",
        help="The student has a portal user (the student portal under /my).",
    )

    def _compute_has_portal_access(self):
        portal = self.env.ref("base.group_portal")
        users = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("groups_id", "in", portal.ids),
                ]
            )
        )
        partners = users.partner_id
        for student in self:
            student.has_portal_access = student.partner_id in partners

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_grant_portal_access(self):
        """Give the students a portal user and send Odoo's invitation e-mail
        (in the student's language), from the student form or as a mass
        action on the list. Students without an e-mail, or who already have
        a user, are skipped and named in the message."""
        self.env["bvk.portal"]._check_can_grant()
        granted, skipped = self.env["bvk.student"], []
        for student in self:
            partner = student.partner_id
            if not partner.email:
                skipped.append(
                    self.env._("%(name)s: no e-mail address", name=student.name)
                )
                continue
            if partner.sudo().user_ids:
                skipped.append(
                    self.env._("%(name)s: already has a user", name=student.name)
                )
                continue
            wizard = (
                self.env["portal.wizard"]
                .sudo()
                .create({"partner_ids": [fields.Command.set(partner.ids)]})
            )
            try:
                wizard.user_ids.action_grant_access()
            except UserError as error:
                skipped.append(f"{student.name}: {error.args[0]}")
                continue
            granted |= student
        message = self.env._(
            "Portal access given to %(count)s student(s).", count=len(granted)
        )
        if skipped:
            message += " " + self.env._("Skipped: %(list)s.", list="; ".join(skipped))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning" if skipped else "success",
                "message": message,
                "sticky": bool(skipped),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }


class BvkStudyContract(models.Model):
    _inherit = "bvk.study.contract"  # pylint: disable=consider-merging-classes-inherited

    # staff's notes: not for the student, who may read their own contract
    note = fields.Html(groups="base.group_user")


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    def _has_to_be_paid(self):
        # Odoo's "Pay now" ends at "No payment method available" when no
        # provider is enabled: show it only when one is
        return super()._has_to_be_paid() and self.env[
            "bvk.portal"
        ]._online_payment_enabled(self.company_id)
