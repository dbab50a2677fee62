# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import logging
import os

from markupsafe import escape

from odoo import api, fields, models
from odoo.tools import config

from ..lib import survey_token

_logger = logging.getLogger(__name__)

# what the invitation mails take from their template
RENDERED_FIELDS = (
    "auto_delete",
    "body_html",
    "email_from",
    "mail_server_id",
    "partner_to",
    "reply_to",
    "res_id",
    "subject",
)
MAIL_FIELDS = (
    "auto_delete",
    "body_html",
    "email_from",
    "mail_server_id",
    "reply_to",
    "subject",
)

INVITATION_STATES = [
    ("invited", "Invited"),
    ("answered", "Answered"),
    ("expired", "Expired"),
]


class BvkSurveyInvitation(models.Model):
    """One person asked once in one campaign (for course evaluations: once
    per course), with a personal link and a deadline.

    The invitation knows *whether* its person answered (to remind only the
    others and to count the response rate), never *what*: it holds no
    reference to the answer (``survey.user_input``) and no token. The link
    token is derived from the invitation with a secret kept outside the
    database (``lib/survey_token.py``); the answer is found from the token
    only, and the answered state is set by the completion hook, which knows
    the token of the person answering and forgets it, without a timestamp
    (plain SQL: the invitation's write date does not move)."""

    _name = "bvk.survey.invitation"
    _description = "Survey Invitation"
    _order = "date_deadline desc, id desc"
    _check_company_auto = True
    _rec_name = "partner_id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    campaign_id = fields.Many2one(
        comodel_name="bvk.survey.campaign",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    kind = fields.Selection(related="campaign_id.kind", store=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Person",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    student_id = fields.Many2one(
        comodel_name="bvk.student",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
    )
    offering_id = fields.Many2one(
        comodel_name="bvk.course.offering",
        string="Course",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
        help="Course evaluation: the course evaluated.",
    )
    program_id = fields.Many2one(
        comodel_name="bvk.study.program",
        string="Programme",
        readonly=True,
        index="btree_not_null",
    )
    date_invited = fields.Date(string="Invited On", readonly=True)
    date_deadline = fields.Date(string="Deadline", readonly=True, index=True)
    date_reminded = fields.Date(string="Reminded On", readonly=True)
    state = fields.Selection(
        selection=INVITATION_STATES,
        string="Status",
        required=True,
        default="invited",
        readonly=True,
        index=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        index=True,
    )

    _sql_constraints = [
        (
            "person_campaign_uniq",
            "unique nulls not distinct (campaign_id, partner_id, offering_id)",
            "A person is invited once per campaign (and course).",
        ),
    ]

    # ------------------------------------------------------------
    # PERSONAL LINK
    # ------------------------------------------------------------

    @api.model
    def _bvk_secret(self):
        """The secret of the personal links: the ``bvk_survey_secret``
        server option, or a file of the data directory made on first use.
        Never in the database: whoever reads the database cannot rebuild the
        links, hence cannot tie an answer to its invitation."""
        secret = config.get("bvk_survey_secret")
        if secret:
            return secret.encode()
        path = os.path.join(
            config["data_dir"], "bvk_survey_secret", f"{self.env.cr.dbname}.key"
        )
        return survey_token.load_secret(path)

    def _get_link_token(self):
        self.ensure_one()
        return survey_token.link_token(self._bvk_secret(), self.env.cr.dbname, self.id)

    def _get_personal_url(self):
        """The personal link of the invitation (full URL). Server code only
        (a private method, not callable over RPC): for the invitation's own
        mails and for the invitee in the portal."""
        self.ensure_one()
        base = self.get_base_url()
        return f"{base}/bvk/survey/{self.id}/{self._get_link_token()}"

    @api.model
    def _bvk_open(self, invitation_id, token):
        """The answer the personal link (``invitation_id``, ``token``) opens,
        created on first use without any person on it; ``None`` for a wrong
        link, the invitation (as superuser) for a closed one."""
        invitation = self.sudo().browse(invitation_id).exists()
        if not invitation or not survey_token.check_link_token(
            invitation._bvk_secret(), self.env.cr.dbname, invitation.id, token
        ):
            return None, None
        access_token = survey_token.answer_token(token)
        UserInput = self.env["survey.user_input"].sudo()
        answer = UserInput.search([("access_token", "=", access_token)], limit=1)
        if answer.state == "done":
            invitation._bvk_mark_answered(token)
            return invitation, answer
        if (
            invitation.state != "invited"
            or invitation.campaign_id.state != "running"
            or invitation.date_deadline < fields.Date.context_today(self)
        ):
            return invitation, None
        if not answer:
            answer = UserInput._bvk_create_anonymous(invitation, access_token)
        return invitation, answer

    def _bvk_mark_answered(self, token):
        """Completion hook: the person holding ``token`` has answered. Plain
        SQL on purpose: neither write date nor writer moves, so nothing dates
        the answer on the invitation."""
        self.ensure_one()
        if not survey_token.check_link_token(
            self._bvk_secret(), self.env.cr.dbname, self.id, token
        ):
            return False
        self.flush_recordset(["state"])
        self.env.cr.execute(
            "UPDATE bvk_survey_invitation SET state = 'answered' "
            "WHERE id = %s AND state != 'answered'",
            (self.id,),
        )
        self.invalidate_recordset(["state"])
        return bool(self.env.cr.rowcount)

    # ------------------------------------------------------------
    # DAILY JOB
    # ------------------------------------------------------------

    _bvk_batch_size = 2000

    @api.model
    def _cron_bvk_survey_invitations(self):
        """Daily: expire what passed its deadline, send the invitations due
        (one batch per call; the cron runner calls again while some remain,
        committing each batch), then the reminders and low-average alerts."""
        today = fields.Date.context_today(self)
        self._bvk_expire(today)
        done, remaining = self._bvk_invite(today, limit=self._bvk_batch_size)
        if remaining:
            self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
            return
        reminded = self._bvk_remind(today)
        self.env["bvk.survey.campaign"].sudo()._bvk_alert_low_scores()
        self.env["ir.cron"]._notify_progress(done=done + reminded, remaining=0)

    @api.model
    def _bvk_expire(self, today):
        expired = self.sudo().search(
            [("state", "=", "invited"), ("date_deadline", "<", today)]
        )
        expired.write({"state": "expired"})
        campaigns = (
            self.env["bvk.survey.campaign"]
            .sudo()
            .search([("state", "=", "running"), ("date_end", "<", today)])
        )
        for campaign in campaigns:
            if not self.sudo().search_count(
                [("campaign_id", "=", campaign.id), ("state", "=", "invited")],
                limit=1,
            ):
                campaign._bvk_write({"state": "closed"})
        return len(expired)

    @api.model
    def _bvk_invite(self, today, limit=None):
        """Invite who is due in the running campaigns, at most ``limit``
        people: returns (invited, still due)."""
        campaigns = (
            self.env["bvk.survey.campaign"]
            .sudo()
            .search(
                [
                    ("state", "=", "running"),
                    ("date_start", "<=", today),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", today),
                ],
                order="date_start, id",
            )
        )
        done = remaining = 0
        for campaign in campaigns:
            due = self._bvk_candidates(campaign, today)
            if limit is not None:
                room = max(limit - done, 0)
                remaining += max(len(due) - room, 0)
                due = due[:room]
            if due:
                invitations = self._bvk_create_invitations(campaign, due, today)
                invitations._bvk_send("bvk_student_crm.mail_template_survey_invitation")
                done += len(invitations)
        return done, remaining

    @api.model
    def _bvk_candidates(self, campaign, today):
        """Who the campaign must invite today and has not invited yet: a list
        of (partner id, student id, offering id, programme id)."""
        method = getattr(self, f"_bvk_candidates_{campaign.kind}")
        candidates = method(campaign, today)
        self.env.cr.execute(
            "SELECT partner_id, COALESCE(offering_id, 0) FROM bvk_survey_invitation "
            "WHERE campaign_id = %s",
            (campaign.id,),
        )
        invited = set(self.env.cr.fetchall())
        return [c for c in candidates if (c[0], c[2] or 0) not in invited]

    def _bvk_student_domain(self, campaign, states=("active",)):
        domain = [
            ("state", "in", states),
            ("company_id", "=", campaign.company_id.id),
            ("email", "!=", False),
        ]
        if campaign.program_ids:
            domain.append(("program_id", "in", campaign.program_ids.ids))
        return domain

    @api.model
    def _bvk_student_rows(self, domain):
        students = self.env["bvk.student"].sudo().with_context(active_test=False)
        return [
            (s.partner_id.id, s.id, False, s.program_id.id)
            for s in students.search_fetch(domain, ["partner_id", "program_id"])
        ]

    @api.model
    def _bvk_candidates_semester(self, campaign, today):
        return self._bvk_student_rows(self._bvk_student_domain(campaign))

    @api.model
    def _bvk_candidates_course(self, campaign, today):
        """The students of each course that ended (end date, else assessment
        date) from the campaign's start until today."""
        domain = [
            ("company_id", "=", campaign.company_id.id),
            ("state", "=", "confirmed"),
            "|",
            "&",
            ("date_end", "!=", False),
            "&",
            ("date_end", ">=", campaign.date_start),
            ("date_end", "<", today),
            "&",
            ("date_end", "=", False),
            "&",
            ("date_assessment", ">=", campaign.date_start),
            ("date_assessment", "<", today),
        ]
        if campaign.semester_id:
            domain.append(("semester_id", "=", campaign.semester_id.id))
        if campaign.program_ids:
            domain.append(("program_id", "in", campaign.program_ids.ids))
        Offering = self.env["bvk.course.offering"].sudo()
        offerings = Offering.search(domain)
        if not offerings:
            return []
        obligations = (
            self.env["bvk.academic.obligation"]
            .sudo()
            .search_fetch(
                [
                    ("offering_id", "in", offerings.ids),
                    ("student_id.state", "=", "active"),
                    ("student_id.email", "!=", False),
                ],
                ["offering_id", "student_id"],
            )
        )
        return [
            (
                o.student_id.partner_id.id,
                o.student_id.id,
                o.offering_id.id,
                o.offering_id.program_id.id,
            )
            for o in obligations
        ]

    @api.model
    def _bvk_candidates_graduate(self, campaign, today):
        """Graduates of the signed exmatriculation orders with graduation
        effective from the campaign's start."""
        lines = (
            self.env["bvk.order.line"]
            .sudo()
            .search(
                [
                    ("order_id.order_type", "=", "exmatriculation"),
                    ("order_id.graduation", "=", True),
                    ("state", "=", "signed"),
                    ("date_effective", ">=", campaign.date_start),
                    ("date_effective", "<=", today),
                    ("student_id.state", "=", "graduated"),
                    ("company_id", "=", campaign.company_id.id),
                ]
            )
        )
        students = lines.student_id.filtered("email")
        if campaign.program_ids:
            students = students.filtered(lambda s: s.program_id in campaign.program_ids)
        return [(s.partner_id.id, s.id, False, s.program_id.id) for s in students]

    @api.model
    def _bvk_candidates_employer(self, campaign, today):
        partners = (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    "|",
                    ("bvk_is_employer", "=", True),
                    ("bvk_is_internship_place", "=", True),
                    ("email", "!=", False),
                    ("company_id", "in", [campaign.company_id.id, False]),
                ]
            )
        )
        return [(p.id, False, False, False) for p in partners]

    @api.model
    def _bvk_create_invitations(self, campaign, rows, today):
        deadline = campaign._bvk_deadline(today)
        return self.sudo().create(
            [
                {
                    "campaign_id": campaign.id,
                    "partner_id": partner_id,
                    "student_id": student_id,
                    "offering_id": offering_id,
                    "program_id": program_id,
                    "date_invited": today,
                    "date_deadline": deadline,
                    "company_id": campaign.company_id.id,
                }
                for partner_id, student_id, offering_id, program_id in rows
            ]
        )

    def _bvk_send(self, template_xmlid):
        """Queue the mails of ``self`` (one per invitation). They are not
        logged in any chatter, and deleted once sent: the link in them is
        the only copy of the token.

        Rendering a mail template costs a QWeb compilation per record; the
        invitations of one campaign, course, deadline and language differ
        only by the person's name and link, so the template is rendered for
        two of them and the others are derived from the first, after
        checking that this gives the second exactly (otherwise, e.g. for a
        template edited to say more about the person, each one is
        rendered)."""
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if not template or not self:
            return self.env["mail.mail"]
        template = template.sudo()
        groups = self.grouped(
            lambda i: (i.partner_id.lang, i.campaign_id, i.offering_id, i.date_deadline)
        )
        vals_list = []
        for group in groups.values():
            rendered = template._generate_template(group[:2].ids, RENDERED_FIELDS)
            sample = group[0]
            if len(group) > 2 and not sample._bvk_derives(
                group[1], rendered[sample.id], rendered[group[1].id]
            ):
                rendered = template._generate_template(group.ids, RENDERED_FIELDS)
            for invitation in group:
                values = rendered.get(invitation.id) or sample._bvk_derive(
                    invitation, rendered[sample.id]
                )
                vals_list.append(invitation._bvk_mail_vals(values))
        return self.env["mail.mail"].sudo().create(vals_list)

    def _bvk_derive(self, other, values):
        """The rendered ``values`` of ``self``'s mail, for ``other``."""
        self.ensure_one()
        pairs = [
            (self._get_personal_url(), other._get_personal_url()),
            (
                str(escape(self.partner_id.name or "")),
                str(escape(other.partner_id.name or "")),
            ),
        ]
        derived = dict(values, res_id=other.id, partner_ids=other.partner_id.ids)
        for name in ("body_html", "subject"):
            text = values.get(name) or ""
            for old, new in pairs:
                if old:
                    text = text.replace(old, new)
            derived[name] = text
        return derived

    def _bvk_derives(self, other, values, other_values):
        """Whether ``other``'s mail is ``self``'s with the name and link
        replaced."""
        derived = self._bvk_derive(other, values)
        return other_values.get("partner_ids") == other.partner_id.ids and all(
            derived.get(name) == other_values.get(name)
            for name in RENDERED_FIELDS
            if name not in ("partner_to", "res_id")
        )

    def _bvk_mail_vals(self, values):
        self.ensure_one()
        vals = {
            key: value
            for key, value in values.items()
            if key in MAIL_FIELDS and (value or key != "email_from")
        }
        # no ``body``: the mail goes out with ``body_html`` and is not shown
        # in any chatter (sanitizing it again would double the cost)
        vals.update(
            {
                "model": self._name,
                "res_id": self.id,
                "recipient_ids": [
                    fields.Command.link(pid) for pid in values.get("partner_ids") or []
                ],
            }
        )
        return vals

    @api.model
    def _bvk_remind(self, today):
        """One reminder, ``reminder_days`` before the deadline, to those who
        have not answered."""
        due = self.sudo().search(
            [
                ("state", "=", "invited"),
                ("date_reminded", "=", False),
                ("campaign_id.state", "=", "running"),
                ("campaign_id.reminder_days", ">", 0),
                ("date_deadline", ">=", today),
            ]
        )
        due = due.filtered(
            lambda i: fields.Date.subtract(
                i.date_deadline, days=i.campaign_id.reminder_days
            )
            <= today
            and i.date_invited < today
        )
        if due:
            due._bvk_send("bvk_student_crm.mail_template_survey_reminder")
            due.write({"date_reminded": today})
        return len(due)

    def _bvk_answer_deadline(self):
        """The last moment the answer is accepted: the end of the deadline
        day."""
        self.ensure_one()
        return datetime.datetime.combine(self.date_deadline, datetime.time.max)

    # ------------------------------------------------------------
    # DEMO DATA
    # ------------------------------------------------------------

    @api.model
    def _bvk_demo_answers(self, campaign_id, scores_list, comments=()):
        """Demo data only: the first invitations of a campaign answer, one
        list of scale scores each (and a comment), as their people would
        through their links."""
        invitations = self.sudo().search(
            [("campaign_id", "=", campaign_id), ("state", "=", "invited")],
            order="id",
        )
        comments = list(comments)
        for invitation, scores in zip(invitations, scores_list, strict=False):
            token = invitation._get_link_token()
            _invitation, answer = self._bvk_open(invitation.id, token)
            questions = answer.survey_id.question_ids.sorted("sequence")
            scale = questions.filtered(lambda q: q.question_type == "scale")
            for question, score in zip(scale, scores, strict=False):
                answer._save_lines(question, str(score))
            text = questions.filtered(lambda q: q.question_type == "text_box")[:1]
            if comments and text:
                answer._save_lines(text, comments.pop(0))
            answer._mark_done()
            invitation._bvk_mark_answered(token)
