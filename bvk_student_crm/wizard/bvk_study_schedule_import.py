# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import fields, models
from odoo.exceptions import UserError

from ..lib import academic_tables as tables
from ..lib import file_limits

SCHEDULE_COLUMNS = ("course", "assessment date")
SCHEDULE_ALIASES = {
    "course code": "course",
    "kurss": "course",
    "kursa kods": "course",
    "start": "start date",
    "sākums": "start date",
    "end": "end date",
    "beigas": "end date",
    "assessment": "assessment date",
    "deadline": "assessment date",
    "pārbaudījums": "assessment date",
    "termiņš": "assessment date",
    "retake": "retake deadline",
    "retake date": "retake deadline",
    "atkārtota kārtošana": "retake deadline",
    "docētājs": "lecturer",
    "pasniedzējs": "lecturer",
}


class BvkStudyScheduleImport(models.TransientModel):
    """Import the courses of a semester study schedule from the
    methodologists' table (CSV or XLSX): course code, start and end dates,
    assessment date or deadline, retake deadline, lecturer (login or e-mail).
    The whole file is checked first; errors name the row."""

    _name = "bvk.study.schedule.import"
    _description = "Import Semester Study Schedule"

    schedule_id = fields.Many2one(
        comodel_name="bvk.study.schedule", required=True, ondelete="cascade"
    )
    file = fields.Binary(required=True)
    filename = fields.Char()

    def action_import(self):
        self.ensure_one()
        if self.schedule_id.state != "draft":
            raise UserError(self.env._("Only a draft study schedule can be imported."))
        vals_list, errors = self._parse(self._read_file())
        if errors:
            raise UserError(
                self.env._("The file was not imported:") + "\n" + "\n".join(errors[:30])
            )
        existing = self.schedule_id.offering_ids.grouped("course_id")
        for vals in vals_list:
            course = self.env["bvk.course"].browse(vals["course_id"])
            if course in existing:
                existing[course].write(vals)
            else:
                self.env["bvk.course.offering"].create(
                    {**vals, "schedule_id": self.schedule_id.id}
                )
        return {"type": "ir.actions.act_window_close"}

    def _read_file(self):
        """The uploaded file's content, refused (UserError) when it is over the
        size limits of the company."""
        company = self._get_company()
        b64_value = self.with_context(bin_size=False).file or b""
        company._bvk_check_import_size_b64(b64_value, self.filename)
        data = base64.b64decode(b64_value)
        company._bvk_check_import_file(data, self.filename)
        return data

    def _get_company(self):
        return self.schedule_id.company_id or self.env.company

    def _parse(self, data):
        """Offering values and error messages (one per bad row)."""
        errors = []
        company = self._get_company()
        try:
            rows = tables.read_table(
                data,
                SCHEDULE_COLUMNS,
                SCHEDULE_ALIASES,
                max_rows=company.bvk_import_max_lines,
            )
        except tables.TableError as error:
            return [], [self._row_error(error.line, error.message)]
        except file_limits.FileLimitError as error:
            # the rows past the limit were only counted: refuse the file
            company._bvk_check_import_lines(error.value, self.filename)
            raise
        company._bvk_check_import_lines(len(rows), self.filename)
        courses = {
            c.code.lower(): c
            for c in self.env["bvk.course"].search([("company_id", "=", company.id)])
        }
        users = self.env["res.users"].search([("share", "=", False)])
        by_login = {u.login.lower(): u for u in users}
        by_login.update({u.email.lower(): u for u in users if u.email})
        vals_list, seen = [], {}
        for line, row in rows:
            try:
                code = tables.text(row.get("course"))
                course = courses.get(code.lower())
                if not course:
                    raise tables.TableError(
                        self.env._("unknown course code '%(code)s'", code=code), line
                    )
                if course.id in seen:
                    raise tables.TableError(
                        self.env._(
                            "the course %(code)s is already on row %(row)s",
                            code=code,
                            row=seen[course.id],
                        ),
                        line,
                    )
                vals = {"course_id": course.id}
                for column, field in (
                    ("start date", "date_start"),
                    ("end date", "date_end"),
                    ("assessment date", "date_assessment"),
                    ("retake deadline", "date_retake"),
                ):
                    vals[field] = tables.parse_date(row.get(column), line, column)
                if not vals["date_assessment"]:
                    raise tables.TableError(
                        self.env._("the assessment date is missing"), line
                    )
                if (
                    vals["date_retake"]
                    and vals["date_retake"] < vals["date_assessment"]
                ):
                    raise tables.TableError(
                        self.env._("the retake deadline is before the assessment date"),
                        line,
                    )
                lecturer = tables.text(row.get("lecturer"))
                if lecturer:
                    user = by_login.get(lecturer.lower())
                    if not user:
                        raise tables.TableError(
                            self.env._("unknown lecturer '%(who)s'", who=lecturer), line
                        )
                    vals["lecturer_id"] = user.id
                elif course.lecturer_ids:
                    vals["lecturer_id"] = course.lecturer_ids[0].id
                seen[course.id] = line
                vals_list.append(vals)
            except tables.TableError as error:
                errors.append(self._row_error(error.line, error.message))
        if not rows:
            errors.append(self.env._("The file has no rows."))
        return vals_list, errors

    def _row_error(self, line, message):
        if line:
            return self.env._("Row %(row)s: %(message)s", row=line, message=message)
        return message
