# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError, UserError


class BvkWorkflowMixin(models.AbstractModel):
    """Server-side guard of a record's workflow.

    A button hidden in a view is not a permission: anybody with write access
    can call ``write`` over RPC with any value. This mixin makes three kinds of
    fields safe whatever the client sends (context keys included):

    - ``_bvk_workflow_fields``: written only by the module's own code (the
      ``action_*`` methods after their group and state checks, imports,
      crons), which writes them as superuser through :meth:`_bvk_write`;
      ``create`` accepts them only with their default (or an empty) value.
    - ``_bvk_frozen_fields``: the terms of a record, editable while its state
      is in ``_bvk_editable_states`` and frozen afterwards; what may change
      later changes through another document (an agreement, an order).
    - ``_bvk_sequence_code``: the number given at creation (``name`` = "/").

    Code that really must write a guarded field does it in a superuser
    environment (``env.su``), which no RPC caller can obtain.
    """

    _name = "bvk.workflow.mixin"
    _description = "Workflow Guard"

    _bvk_workflow_fields = ()
    _bvk_frozen_fields = ()
    _bvk_editable_states = ("draft",)
    _bvk_sequence_code = None

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._bvk_check_create_vals(vals)
        if self._bvk_sequence_code:
            for vals in vals_list:
                if vals.get("name", "/") == "/":
                    vals["name"] = self.env["ir.sequence"].next_by_code(
                        self._bvk_sequence_code
                    )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._bvk_check_write_vals(vals)
        return super().write(vals)

    # ------------------------------------------------------------
    # GUARDS
    # ------------------------------------------------------------

    def _bvk_field_labels(self, names):
        return ", ".join(
            sorted(self._fields[name]._description_string(self.env) for name in names)
        )

    @api.model
    def _bvk_check_create_vals(self, vals):
        forged = []
        for name in set(self._bvk_workflow_fields) & set(vals):
            value = vals[name]
            field = self._fields[name]
            default = field.default(self) if field.default else False
            if value and value != default and not (name == "name" and value == "/"):
                forged.append(name)
        if forged:
            raise AccessError(
                self.env._(
                    "%(fields)s of a new %(model)s are set by its workflow, not by "
                    "hand.",
                    fields=self._bvk_field_labels(forged),
                    model=self._description,
                )
            )

    def _bvk_check_write_vals(self, vals):
        forged = set(self._bvk_workflow_fields) & set(vals)
        if forged and self:
            raise AccessError(
                self.env._(
                    "%(fields)s of %(record)s change only through its workflow "
                    "buttons, not by editing.",
                    fields=self._bvk_field_labels(forged),
                    record=self[:1].display_name,
                )
            )
        frozen = set(self._bvk_frozen_fields) & set(vals)
        if not frozen:
            return
        for record in self:
            if record.state in self._bvk_editable_states:
                continue
            changed = [
                name for name in frozen if record._bvk_value_changes(name, vals[name])
            ]
            if changed:
                labels = dict(self._fields["state"]._description_selection(self.env))
                raise UserError(
                    self.env._(
                        "%(record)s is %(state)s: %(fields)s can no longer be changed.",
                        record=record.display_name,
                        state=labels[record.state],
                        fields=self._bvk_field_labels(changed),
                    )
                )

    def _bvk_value_changes(self, name, value):
        """Whether writing ``value`` to field ``name`` changes ``self``."""
        self.ensure_one()
        field = self._fields[name]
        if field.type in ("one2many", "many2many"):
            return True
        new = field.convert_to_cache(value, self, validate=False)
        old = field.convert_to_cache(
            field.convert_to_write(self[name], self), self, validate=False
        )
        return new != old

    # ------------------------------------------------------------
    # HELPERS FOR THE ACTIONS
    # ------------------------------------------------------------

    def _bvk_write(self, vals):
        """Write workflow fields from an action, after its own checks: the
        caller must still be allowed to write the records (ACL and rules)."""
        if not self.env.su:
            self.check_access("write")
        return self.sudo().write(vals)

    def _bvk_check_groups(self, *xmlids, message):
        """Refuse unless the user has one of the groups ``xmlids``."""
        if self.env.su:
            return
        user = self.env.user
        if not any(user.has_group(xmlid) for xmlid in xmlids):
            raise AccessError(message)

    def _bvk_check_state(self, allowed, action=None):
        """Refuse unless every record is in one of the ``allowed`` states."""
        allowed = (allowed,) if isinstance(allowed, str) else tuple(allowed)
        labels = dict(self._fields["state"]._description_selection(self.env))
        for record in self:
            if record.state in allowed:
                continue
            if action:
                message = self.env._(
                    "You cannot %(action)s %(record)s: it is %(state)s.",
                    action=action,
                    record=record.display_name,
                    state=labels[record.state],
                )
            else:
                message = self.env._(
                    "%(record)s is %(state)s.",
                    record=record.display_name,
                    state=labels[record.state],
                )
            raise UserError(message)
