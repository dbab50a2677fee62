# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import fields, models
from odoo.exceptions import UserError

from ..lib import academic_tables as tables
from ..lib import file_limits

LMS_COLUMNS = ("student", "course")
LMS_ALIASES = {
    "student number": "student",
    "e-mail": "student",
    "email": "student",
    "studējošais": "student",
    "course code": "course",
    "kurss": "course",
    "last access": "last access",
    "last login": "last access",
    "pēdējā piekļuve": "last access",
    "submitted": "last submission",
    "submitted work": "last submission",
    "last submission": "last submission",
    "iesniegts": "last submission",
}


class BvkLmsActivityImport(models.TransientModel):
    """Import the LMS activity report (CSV or XLSX): student (number, e-mail
    or personal code), course code, last access and last submitted work.
    Students inactive for the configured number of days before a deadline
    get an early warning at once."""

    _name = "bvk.lms.activity.import"
    _description = "Import LMS Activity"

    file = fields.Binary(required=True)
    filename = fields.Char()
    date_report = fields.Date(
        string="Report Date", required=True, default=fields.Date.context_today
    )
    flagged_count = fields.Integer(readonly=True)
    imported_count = fields.Integer(readonly=True)

    def action_import(self):
        self.ensure_one()
        rows, errors = self._parse(self._read_file())
        if errors:
            raise UserError(
                self.env._("The file was not imported:") + "\n" + "\n".join(errors[:30])
            )
        Activity = self.env["bvk.lms.activity"]
        obligations = self.env["bvk.academic.obligation"].browse(
            [r["obligation_id"] for r in rows]
        )
        existing = {
            a.obligation_id.id: a
            for a in Activity.search([("obligation_id", "in", obligations.ids)])
        }
        to_create, touched = [], Activity
        for vals in rows:
            vals["date_import"] = self.date_report
            activity = existing.get(vals["obligation_id"])
            if activity:
                activity.write(vals)
                touched |= activity
            else:
                to_create.append({**vals, "company_id": self.env.company.id})
        touched |= Activity.create(to_create)
        flagged = touched._evaluate_flags(self.date_report)
        flagged._bvk_warn_now(self.date_report)
        self.write({"imported_count": len(touched), "flagged_count": len(flagged)})
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if not flagged else "warning",
                "message": self.env._(
                    "%(count)s activity rows imported; %(flagged)s students flagged "
                    "as inactive and warned.",
                    count=len(touched),
                    flagged=len(flagged),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _read_file(self):
        """The uploaded file's content, refused (UserError) when it is over the
        size limits of the company."""
        company = self.env.company
        b64_value = self.with_context(bin_size=False).file or b""
        company._bvk_check_import_size_b64(b64_value, self.filename)
        data = base64.b64decode(b64_value)
        company._bvk_check_import_file(data, self.filename)
        return data

    def _parse(self, data):
        company = self.env.company
        try:
            rows = tables.read_table(
                data, LMS_COLUMNS, LMS_ALIASES, max_rows=company.bvk_import_max_lines
            )
        except tables.TableError as error:
            return [], [self._row_error(error.line, error.message)]
        except file_limits.FileLimitError as error:
            # the rows past the limit were only counted: refuse the file
            company._bvk_check_import_lines(error.value, self.filename)
            raise
        company._bvk_check_import_lines(len(rows), self.filename)
        keys = {tables.text(r.get("student")) for _l, r in rows}
        Student = self.env["bvk.student"]
        students = Student.search(
            [
                "|",
                "|",
                ("student_number", "in", list(keys)),
                ("email", "in", list(keys)),
                ("personal_code", "in", [k.replace("-", "") for k in keys]),
            ]
        )
        by_key = {}
        for student in students:
            for key in (student.student_number, student.email, student.personal_code):
                if key:
                    by_key[key.lower()] = student
        obligations = self.env["bvk.academic.obligation"].search(
            [
                ("student_id", "in", students.ids),
                ("state", "in", ("pending", "covered")),
            ],
            order="date_deadline desc",
        )
        by_student_course = {}
        for obligation in obligations:
            by_student_course.setdefault(
                (obligation.student_id.id, obligation.course_id.code.lower()),
                obligation,
            )
        result, errors = [], []
        for line, row in rows:
            try:
                key = tables.text(row.get("student"))
                student = by_key.get(key.lower()) or by_key.get(
                    key.replace("-", "").lower()
                )
                if not student:
                    raise tables.TableError(
                        self.env._("unknown student '%(student)s'", student=key), line
                    )
                code = tables.text(row.get("course"))
                obligation = by_student_course.get((student.id, code.lower()))
                if not obligation:
                    raise tables.TableError(
                        self.env._(
                            "%(student)s has no open obligation for the course "
                            "'%(code)s'",
                            student=student.name,
                            code=code,
                        ),
                        line,
                    )
                result.append(
                    {
                        "obligation_id": obligation.id,
                        "date_last_access": tables.parse_date(
                            row.get("last access"), line, "last access"
                        ),
                        "date_last_submission": tables.parse_date(
                            row.get("last submission"), line, "last submission"
                        ),
                    }
                )
            except tables.TableError as error:
                errors.append(self._row_error(error.line, error.message))
        if not rows:
            errors.append(self.env._("The file has no rows."))
        return result, errors

    def _row_error(self, line, message):
        if line:
            return self.env._("Row %(row)s: %(message)s", row=line, message=message)
        return message
