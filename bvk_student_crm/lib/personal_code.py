# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Latvian personal code (*personas kods*) validation, without the ORM.

Two kinds exist:

* old codes, issued until 30 June 2017: ``DDMMYY-CNNNN`` where ``C`` is the
  century digit (0 = 1800s, 1 = 1900s, 2 = 2000s) and the last digit is a
  check digit;
* new codes, issued since 1 July 2017: 11 digits, the first one ``3``, the
  second ``2``–``9``, the rest random, no birth date and no check digit.

``python-stdnum``'s ``lv.pvn`` rejects the new codes, so both are handled here.
"""

import datetime
import re

_CODE_RE = re.compile(r"^\d{6}-?\d{5}$")
_OLD_WEIGHTS = (10, 5, 8, 4, 2, 1, 6, 3, 7, 9)

OLD = "old"
NEW = "new"


class PersonalCodeError(ValueError):
    """The code is not a valid Latvian personal code.

    ``reason`` is one of ``format``, ``date``, ``checksum``.
    """

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def compact(code):
    """Return the code without spaces and hyphen (the stored form)."""
    return re.sub(r"[\s-]", "", code or "")


def format_code(code):
    """Return the code in the printed form ``DDMMYY-NNNNN``."""
    code = compact(code)
    return f"{code[:6]}-{code[6:]}" if len(code) == 11 else code


def calc_check_digit(code):
    """Check digit of an old code (first ten digits given)."""
    total = 1 + sum(w * int(d) for w, d in zip(_OLD_WEIGHTS, code, strict=False))
    return str(total % 11 % 10)


def is_new_format(code):
    code = compact(code)
    return len(code) == 11 and code[0] == "3" and code[1] in "23456789"


def birth_date(code):
    """Birth date of an old code, or ``None`` for a new code."""
    code = compact(code)
    if is_new_format(code):
        return None
    century = code[6]
    if century not in "012":
        raise PersonalCodeError("date")
    year = 1800 + int(century) * 100 + int(code[4:6])
    try:
        return datetime.date(year, int(code[2:4]), int(code[0:2]))
    except ValueError as exc:
        raise PersonalCodeError("date") from exc


def validate(code, today=None):
    """Validate a personal code.

    Return ``(compact_code, kind, birth_date)``; raise
    :class:`PersonalCodeError` when invalid.
    """
    stripped = (code or "").strip().replace(" ", "")
    if not _CODE_RE.match(stripped):
        raise PersonalCodeError("format")
    code = compact(stripped)
    if is_new_format(code):
        return code, NEW, None
    born = birth_date(code)
    if born > (today or datetime.date.today()):
        raise PersonalCodeError("date")
    if calc_check_digit(code[:10]) != code[10]:
        raise PersonalCodeError("checksum")
    return code, OLD, born
