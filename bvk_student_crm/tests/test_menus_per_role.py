# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every role opens every menu of the module it sees, as the web client
does, without an access error: the views of the menu's action
(``get_views``), its records with the fields of the list and kanban views
(``web_search_read``, ``web_read_group`` when the action groups by default),
a record with the fields of the form view (``web_read``) or, for a wizard, a
new record (``onchange``). Each as the role's user with a fresh cache, so
that a field the role may not read fails here and not in the browser (a
lecturer opening a student used to fail on the contract counter)."""

from datetime import date

from lxml import etree

from odoo import Command, fields
from odoo.tests import freeze_time, tagged
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import dateutil, safe_eval

from .common_finance import BvkFinanceCommon

X2MANY = ("one2many", "many2many")
RELATIONAL = ("many2one", *X2MANY)


@tagged("post_install", "-at_install")
class TestMenusPerRole(BvkFinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deputy = cls._new_user(
            login="bvk_menu_deputy",
            groups="bvk_student_crm.group_bvk_deputy_director",
        )
        cls.roles = {
            "lecturer": cls.lecturer,
            "coordinator": cls.coordinator,
            "deputy": cls.deputy,
            "head": cls.head,
            "director": cls.director,
            "accountant": cls.accountant,
            "employee": cls.employee,
        }
        # a record behind every menu: contracts (a draft one, a signed one
        # with invoices and reminders), an agreement, a study schedule with
        # grades to record
        with freeze_time("2026-08-20"):
            contract = cls._signed_contract(timing="at_signing")
        cls._create_contract(student=cls.student_b)
        installments = cls.env["bvk.payment.installment"]
        with freeze_time("2026-09-02"):
            installments._bvk_refresh_overdue()
            installments._bvk_send_reminders()
        installment = contract.payment_schedule_id.line_ids[0]
        cls.env["bvk.agreement"].create(
            {
                "agreement_type": "postpone",
                "student_id": cls.student.id,
                "contract_id": contract.id,
                "date_application": fields.Date.today(),
                "line_ids": [
                    Command.create(
                        {
                            "res_model": installment._name,
                            "res_id": installment.id,
                            "name": installment.name,
                            "date_old": installment.date_due,
                            "date_new": date(2026, 12, 15),
                        }
                    )
                ],
            }
        )
        year = cls.env["bvk.academic.year"].create({"date_start": date(2026, 9, 1)})
        course = cls.env["bvk.course"].create(
            {
                "code": "TM101",
                "name": "Management",
                "credits": 3,
                "assessment_type": "exam",
                "program_ids": [Command.set(cls.program.ids)],
                "lecturer_ids": [Command.set(cls.lecturer.ids)],
            }
        )
        schedule = cls.env["bvk.study.schedule"].create(
            {
                "group_id": cls.group.id,
                "semester_id": year.semester_ids.sorted("date_start")[0].id,
                "offering_ids": [
                    Command.create(
                        {
                            "course_id": course.id,
                            "date_start": date(2026, 9, 1),
                            "date_assessment": date(2027, 1, 15),
                            "lecturer_id": cls.lecturer.id,
                        }
                    )
                ],
            }
        )
        schedule.action_confirm()
        cls.env.flush_all()

    # ------------------------------------------------------------
    # the web client, in short
    # ------------------------------------------------------------

    def _eval_context(self, user):
        return {
            "uid": user.id,
            "user": user,
            "active_id": False,
            "active_ids": [],
            "active_model": False,
            "allowed_company_ids": user.company_ids.ids,
            "current_company_id": user.company_id.id,
            "context_today": lambda: fields.Date.context_today(user),
            "datetime": safe_datetime,
            "relativedelta": dateutil.relativedelta.relativedelta,
            "time": safe_datetime.time,
        }

    def _spec(self, model, node):
        """The fields the web client reads for the view ``node``."""
        spec = {}
        for child in node.iterchildren(tag=etree.Element):
            name = child.get("name")
            if child.tag == "field" and name in model._fields:
                field = model._fields[name]
                if field.type in X2MANY:
                    subview = next(
                        (sub for sub in child.iterchildren("list", "kanban", "form")),
                        None,
                    )
                    comodel = self.env[field.comodel_name].with_env(model.env)
                    spec[name] = {
                        "fields": self._spec(comodel, subview)
                        if subview is not None
                        else {"display_name": {}}
                    }
                elif field.type in RELATIONAL:
                    spec[name] = {"fields": {"display_name": {}}}
                else:
                    spec[name] = {}
            else:
                spec.update(self._spec(model, child))
        return spec

    def _search_defaults(self, search_arch, context, eval_context):
        """Domain and group-by of the filters the action turns on."""
        domain, groupby = [], []
        for node in search_arch.iter("filter"):
            if not context.get(f"search_default_{node.get('name')}"):
                continue
            if node.get("domain"):
                domain += safe_eval(node.get("domain"), eval_context)
            if node.get("context"):
                value = safe_eval(node.get("context"), eval_context).get("group_by")
                groupby += [value] if isinstance(value, str) else value or []
        return domain, groupby

    def _open_action(self, action, user):
        env = self.env(user=user, context=dict(self.env.context, lang="en_US"))
        env.invalidate_all()
        action = action.sudo()
        if action._name != "ir.actions.act_window":
            return
        eval_context = self._eval_context(user)
        context = safe_eval(action.context or "{}", eval_context)
        domain = safe_eval(action.domain or "[]", eval_context)
        model = env[action.res_model].with_context(**context)
        views = [(view_id or False, mode) for view_id, mode in action.views]
        views.append((action.search_view_id.id or False, "search"))
        result = model.get_views(views, {"toolbar": True})
        archs = {
            view_type: etree.fromstring(view["arch"])
            for view_type, view in result["views"].items()
        }
        filter_domain, groupby = self._search_defaults(
            archs["search"], context, eval_context
        )
        domain = domain + filter_domain
        records = model.browse()
        for view_type in ("list", "kanban"):
            if view_type not in archs:
                continue
            env.invalidate_all()
            spec = self._spec(model, archs[view_type])
            if groupby:
                model.web_read_group(domain, list(spec), groupby)
            found = model.web_search_read(domain, spec, limit=80)
            records = model.browse([row["id"] for row in found["records"]])
        if "form" in archs:
            env.invalidate_all()
            spec = self._spec(model, archs["form"])
            if records:
                records[:1].web_read(spec)
            elif action.target == "new" or "list" not in archs:
                model.onchange({}, [], spec)

    # ------------------------------------------------------------
    # the test
    # ------------------------------------------------------------

    def test_every_role_opens_every_menu_it_sees(self):
        menu_ids = (
            self.env["ir.model.data"]
            .search([("module", "=", "bvk_student_crm"), ("model", "=", "ir.ui.menu")])
            .mapped("res_id")
        )
        menus = self.env["ir.ui.menu"].browse(menu_ids).filtered("action")
        opened = {}
        for role, user in self.roles.items():
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            for menu in menus.filtered(lambda m, visible=visible: m.id in visible):
                with self.subTest(role=role, menu=menu.complete_name):
                    self._open_action(menu.action, user)
                    opened.setdefault(role, []).append(menu.name)
        # the lecturer sees the students of the groups they teach
        self.assertIn("Students", opened["lecturer"])
        self.assertNotIn("employee", opened)
        for role in ("coordinator", "head", "director", "accountant"):
            self.assertIn("Overdue Payments", opened[role])

    def test_lecturer_reads_the_students_of_their_group(self):
        Student = self.env["bvk.student"].with_user(self.lecturer)
        view = Student.get_views([(False, "form")])["views"]["form"]
        spec = self._spec(Student, etree.fromstring(view["arch"]))
        self.assertNotIn("contract_count", spec)
        self.env.invalidate_all()
        Student.browse(self.student.id).web_read(spec)
