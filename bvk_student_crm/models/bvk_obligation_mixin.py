# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.osv import expression


class BvkObligationMixin(models.AbstractModel):
    """An obligation of a student that can be overdue, reminded and covered by
    an agreement: a payment instalment or an academic obligation.

    A model using the mixin sets ``_bvk_reminder_kind`` and
    ``_bvk_due_date_field``, has ``student_id`` and ``company_id`` and
    implements :meth:`_bvk_open_domain` and :meth:`_bvk_reminder_line_vals`.
    The daily run (:meth:`_cron_bvk_send_reminders`) then finds the
    obligations whose next reminder level is due, in batches with a constant
    number of queries, and sends one reminder per student and level.
    """

    _name = "bvk.obligation.mixin"
    _inherit = "bvk.workflow.mixin"
    _description = "Student Obligation (reminders and agreements)"
    # written by the reminder run and the agreements only
    _bvk_workflow_fields = ("reminder_level", "last_reminder_date", "agreement_id")

    _bvk_reminder_kind = None
    _bvk_due_date_field = "date_due"
    _bvk_reminder_batch_size = 2000

    reminder_level = fields.Integer(
        default=0,
        copy=False,
        readonly=True,
        index=True,
        aggregator="max",
        help="The last reminder level sent for the current due date.",
    )
    last_reminder_date = fields.Date(copy=False, readonly=True)
    agreement_id = fields.Many2one(
        comodel_name="bvk.agreement",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The agreement that covers this obligation; covered obligations "
        "get no reminders.",
    )

    # ------------------------------------------------------------
    # HOOKS
    # ------------------------------------------------------------

    @api.model
    def _bvk_open_domain(self):
        """Domain of the obligations that are unfulfilled and not covered."""
        raise NotImplementedError()

    def _bvk_reminder_line_vals(self):
        """Values of the reminder line describing this obligation."""
        raise NotImplementedError()

    def _bvk_reminder_document(self):
        """The record on whose chatter reminders are logged."""
        return self.student_id

    # ------------------------------------------------------------
    # REMINDERS
    # ------------------------------------------------------------

    @api.model
    def _bvk_reminder_domain(self, policy, today):
        """Obligations of ``policy``'s company whose next level is due today."""
        due_field = self._bvk_due_date_field
        per_level = [
            [
                (
                    due_field,
                    "<=",
                    today - timedelta(days=policy.grace_days + level.days_overdue),
                ),
                ("reminder_level", "<", level.sequence),
            ]
            for level in policy._get_reminder_levels()
        ]
        if not per_level:
            return expression.FALSE_DOMAIN
        return expression.AND(
            [
                self._bvk_open_domain(),
                [("company_id", "=", policy.company_id.id)],
                expression.OR(per_level),
            ]
        )

    @api.model
    def _bvk_remind_batch(self, policy, today, limit=None):
        """Remind one batch; return ``(done, remaining)``."""
        domain = self._bvk_reminder_domain(policy, today)
        batch = self.search(domain, limit=limit, order="id")
        if not batch:
            return 0, 0
        if limit:
            # whole students: one reminder per student and level, even when
            # their obligations fall on both sides of a batch limit
            batch |= self.search(
                expression.AND([domain, [("student_id", "in", batch.student_id.ids)]])
            )
        batch._bvk_remind(policy, today)
        remaining = self.search_count(domain) if limit else 0
        return len(batch), remaining

    def _bvk_reminder_groups(self, policy, today, manual=False):
        """Which level of ``policy`` each obligation in ``self`` gets today:
        ``{(student, level): obligations}``, one reminder per key.

        The daily run sends the level reached, when it is above the level the
        obligation already got. A reminder sent by hand is the notice (level
        0) before the due date and the level reached after it, at least the
        first (:meth:`bvk.reminder.policy._get_manual_level`)."""
        due_field = self._bvk_due_date_field
        groups = defaultdict(lambda: self.browse())
        for obligation in self:
            days = (today - obligation[due_field]).days
            if manual:
                level = policy._get_manual_level(days)
            else:
                level = policy._get_target_level(days)
                if level and level.sequence <= obligation.reminder_level:
                    continue
            if level:
                groups[obligation.student_id, level] |= obligation
        return groups

    def _bvk_prepare_reminder_vals(self, groups, policy, today, manual=False):
        """Values of the reminders of ``groups`` (see
        :meth:`_bvk_reminder_groups`), dated ``today``, with their lines."""
        due_field = self._bvk_due_date_field
        # the lines are stored and read in the student's e-mail: describe
        # them in the student's language (one pass per language, not per
        # student, so that a batch costs a constant number of queries)
        reminded = self.browse().union(*groups.values())
        line_vals = {}
        for lang, obligations in reminded.grouped(
            lambda o: o.student_id.lang or self.env.lang
        ).items():
            if lang != self.env.lang:
                obligations = obligations.with_context(lang=lang)
            for obligation in obligations:
                line_vals[obligation.id] = obligation._bvk_reminder_line_vals()
        vals_list = []
        for (student, level), obligations in groups.items():
            document = obligations[0]._bvk_reminder_document()
            currency = (
                obligations[:1].currency_id
                if "currency_id" in obligations._fields
                else student.company_id.currency_id
            ) or student.company_id.currency_id
            vals_list.append(
                {
                    "student_id": student.id,
                    "policy_id": policy.id,
                    "level_id": level.id,
                    "date": today,
                    "manual": manual,
                    "company_id": student.company_id.id,
                    "currency_id": currency.id,
                    "res_model": document._name,
                    "res_id": document.id,
                    "line_ids": [
                        Command.create(
                            {
                                "res_model": self._name,
                                "res_id": obligation.id,
                                "date_due": obligation[due_field],
                                # given, so that the amount is not rounded
                                # with a currency computed line by line
                                "currency_id": currency.id,
                                **line_vals[obligation.id],
                            }
                        )
                        for obligation in obligations
                    ],
                }
            )
        return vals_list

    def _bvk_remind(self, policy, today, manual=False):
        """Send the due level of ``policy`` for the obligations in ``self``:
        one reminder per student and level, then raise their levels (a
        notice, level 0, raises none: the daily run's first level still
        follows once the obligation is overdue)."""
        groups = self._bvk_reminder_groups(policy, today, manual=manual)
        if not groups:
            return self.env["bvk.reminder"]
        vals_list = self._bvk_prepare_reminder_vals(
            groups, policy, today, manual=manual
        )
        # the reminder is itself the history: no "created" note nor tracking
        reminders = (
            self.env["bvk.reminder"]
            .sudo()
            .with_context(
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                tracking_disable=True,
            )
            .create(vals_list)
        )
        by_level = defaultdict(lambda: self.browse())
        for (_student, level), obligations in groups.items():
            by_level[level] |= obligations
        for level, obligations in by_level.items():
            if not level.sequence:
                continue
            # by hand, a level already reached may be sent again: it keeps
            # the level, and only the date of the last reminder changes
            raised = obligations.filtered(
                lambda o, level=level: o.reminder_level < level.sequence
            )
            # levels are not tracked: skip reading the tracked fields first
            for records, vals in (
                (raised, {"reminder_level": level.sequence}),
                (obligations - raised, {}),
            ):
                if records:
                    records.sudo().with_context(tracking_disable=True).write(
                        {**vals, "last_reminder_date": today}
                    )
        reminders._send()
        return reminders

    @api.model
    def _bvk_send_reminders(self, today=None, batch_size=None, policies=None):
        """Remind every obligation whose next level is due (all batches)."""
        today = today or fields.Date.context_today(self)
        total = 0
        for policy in policies or self._bvk_policies():
            while True:
                done, remaining = self._bvk_remind_batch(
                    policy, today, limit=batch_size or self._bvk_reminder_batch_size
                )
                total += done
                if not remaining:
                    break
        return total

    @api.model
    def _bvk_replay_reminders(self, date_from, date_to=None):
        """Run the daily reminders as they would have run on each day from
        ``date_from`` to ``date_to`` (today) when a level fell due, so that
        every level is sent on its own day rather than only the highest one
        today (the demo data shows the history of its overdue obligations
        this way)."""
        date_to = date_to or fields.Date.context_today(self)
        due_field = self._bvk_due_date_field
        total = 0
        for policy in self._bvk_policies():
            obligations = self.search(
                expression.AND(
                    [
                        self._bvk_open_domain(),
                        [("company_id", "=", policy.company_id.id)],
                    ]
                )
            )
            days = {
                due + timedelta(days=policy.grace_days + level.days_overdue)
                for due in set(obligations.mapped(due_field))
                for level in policy._get_reminder_levels()
            }
            # the notes are written in the college's language (its company's)
            lang = policy.company_id.partner_id.lang
            replay = self.with_context(lang=lang) if lang else self
            for day in sorted(d for d in days if date_from <= d <= date_to):
                total += replay._bvk_send_reminders(today=day, policies=policy)
        return total

    @api.model
    def _bvk_policies(self):
        return (
            self.env["bvk.reminder.policy"]
            .sudo()
            .search([("kind", "=", self._bvk_reminder_kind)])
        )

    @api.model
    def _cron_bvk_send_reminders(self):
        """Daily run: one batch per call; the cron runner commits after each
        call and calls again while ``remaining`` is reported."""
        today = fields.Date.context_today(self)
        done_total = remaining_total = 0
        for policy in self._bvk_policies():
            done, remaining = self._bvk_remind_batch(
                policy, today, limit=self._bvk_reminder_batch_size
            )
            done_total += done
            remaining_total += remaining
        self.env["ir.cron"]._notify_progress(done=done_total, remaining=remaining_total)

    def _bvk_reset_reminders(self):
        """A new due date (agreement) starts the reminder levels again."""
        self.sudo().write({"reminder_level": 0, "last_reminder_date": False})
