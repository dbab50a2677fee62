# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import formatLang

from ..lib import file_limits


class ResCompany(models.Model):
    _inherit = "res.company"

    bvk_education_registry_number = fields.Char(
        string="Education Institution Register No.",
        help="Number in the register of educational institutions "
        "(izglītības iestāžu reģistrs), printed on study contracts.",
    )
    bvk_accreditation = fields.Char(
        string="Accreditation",
        help="Accreditation sheet number and date as printed on contracts, "
        "e.g. “akreditācijas lapa Nr. 054”.",
    )
    bvk_director_name = fields.Char(
        string="Director's Name",
        help="Name of the director or authorised person signing contracts.",
    )
    bvk_director_title = fields.Char(
        string="Director's Position", translate=True, default="Director"
    )
    bvk_director_authority = fields.Char(
        string="Acting Under",
        translate=True,
        help="The authority under which the director signs, in the Latvian form "
        "that follows “saskaņā ar” in contracts, e.g. “statūtiem”.",
    )
    bvk_ssc_head_id = fields.Many2one(
        comodel_name="res.users",
        string="Study Support Centre Head",
        help="Notified by the last reminder levels and approves agreements.",
    )
    bvk_contract_city = fields.Char(
        string="Place of Signing", translate=True, default="Rīga"
    )
    bvk_short_name = fields.Char(
        string="Short Name",
        required=True,
        default="BVK",
        help="How e-mail subjects, SMS and e-mail signatures name the college, "
        "e.g. “BVK”; the legal name is for contracts. Keep it short: an SMS "
        "with Latvian letters holds 67 characters per part.",
    )

    # ------------------------------------------------------------
    # Academic obligations (steps 3.3, 3.4, 4.1)
    # ------------------------------------------------------------

    bvk_academic_notice_days = fields.Integer(
        string="Deadline Notice (days before)",
        default=7,
        help="Students are told this many days before each deadline what is "
        "due (step 3.3). 0 switches the notice off.",
    )
    bvk_academic_thanks = fields.Boolean(
        string="Thank Students for a Semester Passed on Time",
        default=True,
        help="Step 3.4: a short thank-you message, once per semester.",
    )
    bvk_lms_inactivity_days = fields.Integer(
        string="LMS Inactivity (days)",
        default=14,
        help="A student with no activity in a course of the learning "
        "management system for this many days before its deadline gets an "
        "early warning.",
    )

    # ------------------------------------------------------------
    # File imports (bank statements, study schedules, LMS activity)
    # ------------------------------------------------------------

    bvk_import_max_size_mb = fields.Integer(
        string="Maximum File Size (MB)",
        default=20,
        help="Bank statements, study schedules and LMS reports larger than "
        "this are refused before they are read.",
    )
    bvk_import_max_lines = fields.Integer(
        string="Maximum Number of Lines",
        default=100000,
        help="Imported files with more lines (payments or table rows) than "
        "this are refused before anything is saved.",
    )
    bvk_import_max_xlsx_size_mb = fields.Integer(
        string="Maximum Unpacked XLSX Size (MB)",
        default=100,
        help="An XLSX file is a ZIP archive: one whose content adds up to more "
        "than this once unpacked is refused without unpacking it.",
    )
    bvk_import_max_xlsx_ratio = fields.Integer(
        string="Maximum XLSX Compression Ratio",
        default=100,
        help="An XLSX file whose content (or one of its parts, from 1 MB "
        "unpacked) is compressed more than this many times is refused, "
        "as a “zip bomb” would be.",
    )
    bvk_import_background_lines = fields.Integer(
        string="Background Import Above (lines)",
        default=300,
        help="A bank file with more new payments than this is matched and paid "
        "by a background job, which shows its progress on the import; smaller "
        "files are processed at once.",
    )

    @api.constrains(
        "bvk_import_max_size_mb",
        "bvk_import_max_lines",
        "bvk_import_max_xlsx_size_mb",
        "bvk_import_max_xlsx_ratio",
    )
    def _check_bvk_import_limits(self):
        names = (
            "bvk_import_max_size_mb",
            "bvk_import_max_lines",
            "bvk_import_max_xlsx_size_mb",
            "bvk_import_max_xlsx_ratio",
        )
        for company in self:
            for name in names:
                if company[name] <= 0:
                    raise ValidationError(
                        self.env._(
                            "The limit “%(limit)s” of file imports must be positive.",
                            limit=self._fields[name]._description_string(self.env),
                        )
                    )

    # ------------------------------------------------------------
    # Checks of imported files
    # ------------------------------------------------------------

    def _bvk_check_import_size_b64(self, b64_value, filename):
        """Refuse base64 data (a Binary field's value) that decodes to more
        than the maximum file size, without decoding it.

        :raise UserError: naming the file, its size and the limit
        """
        self.ensure_one()
        try:
            file_limits.check_size(
                file_limits.b64_decoded_size(b64_value),
                self.bvk_import_max_size_mb * file_limits.MB,
            )
        except file_limits.FileLimitError as exc:
            raise self._bvk_import_limit_error(exc, filename) from exc

    def _bvk_check_import_file(self, data, filename):
        """Refuse a decoded file over the maximum size, or an XLSX file whose
        ZIP archive unpacks to too much or is compressed too much (or is
        damaged); nothing is extracted.

        :raise UserError: naming the file, the figure and the limit
        """
        self.ensure_one()
        try:
            file_limits.check_bytes(
                data,
                filename or "",
                max_size=self.bvk_import_max_size_mb * file_limits.MB,
                max_uncompressed=self.bvk_import_max_xlsx_size_mb * file_limits.MB,
                max_ratio=self.bvk_import_max_xlsx_ratio,
            )
        except file_limits.FileLimitError as exc:
            raise self._bvk_import_limit_error(exc, filename) from exc

    def _bvk_check_import_lines(self, count, filename):
        """Refuse a parsed file of more than the maximum number of lines.

        :raise UserError: naming the file, its line count and the limit
        """
        self.ensure_one()
        try:
            file_limits.check_lines(count, self.bvk_import_max_lines)
        except file_limits.FileLimitError as exc:
            raise self._bvk_import_limit_error(exc, filename) from exc

    def _bvk_import_limit_error(self, exc, filename):
        """The translated :class:`UserError` for a
        :class:`~..lib.file_limits.FileLimitError`."""
        filename = filename or self.env._("(unnamed)")
        if exc.code == file_limits.SIZE:
            message = self.env._(
                "The file %(filename)s is %(size)s MB; files of up to %(limit)s MB "
                "can be imported (Settings › Companies › College › File imports).",
                filename=filename,
                size=self._bvk_format_mb(exc.value),
                limit=self.bvk_import_max_size_mb,
            )
        elif exc.code == file_limits.LINES:
            message = self.env._(
                "The file %(filename)s has %(count)s lines; files of up to "
                "%(limit)s lines can be imported "
                "(Settings › Companies › College › File imports).",
                filename=filename,
                count=formatLang(self.env, exc.value, digits=0),
                limit=formatLang(self.env, self.bvk_import_max_lines, digits=0),
            )
        elif exc.code == file_limits.UNCOMPRESSED:
            message = self.env._(
                "The file %(filename)s unpacks to %(size)s MB; XLSX files of up to "
                "%(limit)s MB unpacked can be imported "
                "(Settings › Companies › College › File imports).",
                filename=filename,
                size=self._bvk_format_mb(exc.value),
                limit=self.bvk_import_max_xlsx_size_mb,
            )
        elif exc.code == file_limits.RATIO:
            message = self.env._(
                "The file %(filename)s is compressed %(ratio)s times; XLSX files "
                "compressed up to %(limit)s times can be imported "
                "(Settings › Companies › College › File imports).",
                filename=filename,
                ratio=formatLang(self.env, math.floor(exc.value), digits=0)
                if math.isfinite(exc.value)
                else "∞",
                limit=self.bvk_import_max_xlsx_ratio,
            )
        else:
            message = self.env._(
                "The file %(filename)s cannot be imported: it is not a valid XLSX "
                "file (its ZIP archive is damaged).",
                filename=filename,
            )
        return UserError(message)

    def _bvk_format_mb(self, size):
        """``size`` bytes in MB with one decimal, rounded up so that a file
        over a limit never shows as equal to it."""
        return formatLang(
            self.env, math.ceil(size * 10 / file_limits.MB) / 10, digits=1
        )

    # ------------------------------------------------------------
    # Feedback surveys (step 3.5)
    # ------------------------------------------------------------

    bvk_survey_min_answers = fields.Integer(
        string="Survey: Minimum Answers Shown",
        default=5,
        help="Results of a course, programme or campaign are shown only once "
        "at least this many people have answered, so that no answer can be "
        "traced back to a person.",
    )
    bvk_survey_low_score = fields.Float(
        string="Survey: Low Average",
        default=3.0,
        help="An average score (scale 1–5) below this creates an activity for "
        "the programme director, once per course or programme.",
    )
    bvk_survey_response_days = fields.Integer(
        string="Survey: Days to Answer", default=14
    )
    bvk_survey_reminder_days = fields.Integer(
        string="Survey: Reminder (days before deadline)",
        default=3,
        help="Those who have not answered get one reminder this many days "
        "before the deadline (0: no reminder).",
    )

    @api.constrains(
        "bvk_survey_min_answers", "bvk_survey_response_days", "bvk_survey_reminder_days"
    )
    def _check_bvk_survey_settings(self):
        for company in self:
            if company.bvk_survey_min_answers < 1 or (
                company.bvk_survey_response_days < 1
                or company.bvk_survey_reminder_days < 0
            ):
                raise ValidationError(
                    self.env._(
                        "The survey settings need at least one answer shown, at "
                        "least one day to answer and no negative reminder days."
                    )
                )

    # ------------------------------------------------------------
    # Start of studies (step 2)
    # ------------------------------------------------------------

    bvk_start_notice_days = fields.Integer(
        string="Start-of-Studies E-mail (days before)",
        default=7,
        help="The start-of-studies e-mail goes to the students of a group this "
        "many days before its first study day (step 2).",
    )

    @api.constrains("bvk_start_notice_days")
    def _check_bvk_start_notice_days(self):
        for company in self:
            if company.bvk_start_notice_days < 0:
                raise ValidationError(
                    self.env._(
                        "The start-of-studies e-mail cannot be sent after the "
                        "first study day: give 0 or more days."
                    )
                )
