# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Limits on imported files, checked before a file is parsed.

Pure Python, no ORM: every refusal raises :class:`FileLimitError` with a
``code`` and the figures, and the caller words (and translates) the message
(``res.company._bvk_check_import_file`` and friends).

API::

    b64_decoded_size(value) -> int       # size of base64 data, not decoded
    check_size(size, max_size) -> None   # sizes in bytes
    check_bytes(data, filename, max_size, max_uncompressed, max_ratio) -> None
    check_xlsx(data, max_uncompressed, max_ratio) -> None
    check_lines(count, max_lines) -> None

An XLSX file (recognised by the ZIP signature or the ``.xlsx`` extension) is
judged by the central directory of its ZIP archive only, nothing is
extracted: the declared uncompressed sizes are what :mod:`zipfile` (and so
openpyxl) will ever produce, since it stops reading a member at its declared
size.
"""

import io
import os
import zipfile

ZIP_MAGIC = b"PK\x03\x04"
MB = 1024 * 1024
# below this uncompressed size, a member (or the whole archive) is too small
# to exhaust anything, whatever its compression ratio: small XML parts full of
# repeated markup legitimately compress very well
RATIO_MIN_SIZE = MB

SIZE = "size"
LINES = "lines"
UNCOMPRESSED = "uncompressed"
RATIO = "ratio"
BROKEN_ZIP = "broken_zip"


class FileLimitError(ValueError):
    """A file over one of the import limits.

    :param code: :data:`SIZE` (bytes), :data:`LINES`, :data:`UNCOMPRESSED`
        (bytes, sum of an XLSX's members), :data:`RATIO` (uncompressed /
        compressed size) or :data:`BROKEN_ZIP` (no figures)
    :param value: the file's figure
    :param limit: the limit it is over
    :param member: for :data:`RATIO`, the archive member concerned (``None``
        for the archive as a whole)
    """

    def __init__(self, code, value=None, limit=None, member=None):
        self.code = code
        self.value = value
        self.limit = limit
        self.member = member
        super().__init__(code, value, limit, member)

    def __str__(self):
        text = f"{self.code}: {self.value} over the limit {self.limit}"
        if self.member:
            text += f" ({self.member})"
        return text


def b64_decoded_size(value):
    """Number of bytes that base64 ``value`` (str or bytes) decodes to,
    computed without decoding it; line breaks and spaces are not counted."""
    if not value:
        return 0
    if isinstance(value, str):
        value = value.encode("ascii", "replace")
    value = value.rstrip()
    length = len(value) - sum(value.count(c) for c in (b"\n", b"\r", b" ", b"\t"))
    padding = len(value) - len(value.rstrip(b"="))
    return max(length * 3 // 4 - min(padding, 2), 0)


def is_xlsx(data, filename=""):
    """Whether ``data`` is to be read as an XLSX (ZIP) file."""
    return data[:4] == ZIP_MAGIC or (
        os.path.splitext(filename or "")[1].lower() == ".xlsx"
    )


def check_size(size, max_size):
    """:raise FileLimitError: (``SIZE``) when ``size`` is over ``max_size``"""
    if size > max_size:
        raise FileLimitError(SIZE, size, max_size)


def check_xlsx(data, max_uncompressed, max_ratio):
    """Check the members of the ZIP archive ``data`` without extracting them.

    :raise FileLimitError: ``BROKEN_ZIP`` when it is no readable ZIP archive,
        ``UNCOMPRESSED`` when its members add up to more than
        ``max_uncompressed`` bytes, ``RATIO`` when a member or the whole
        archive (of at least :data:`RATIO_MIN_SIZE`) is compressed more than
        ``max_ratio`` times
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise FileLimitError(BROKEN_ZIP) from exc
    total = sum(member.file_size for member in members)
    if total > max_uncompressed:
        raise FileLimitError(UNCOMPRESSED, total, max_uncompressed)
    for member in members:
        _check_ratio(member.file_size, member.compress_size, max_ratio, member.filename)
    _check_ratio(
        total, sum(member.compress_size for member in members), max_ratio, None
    )


def _check_ratio(size, compressed, max_ratio, member):
    if size < RATIO_MIN_SIZE:
        return
    ratio = size / compressed if compressed else float("inf")
    if ratio > max_ratio:
        raise FileLimitError(RATIO, ratio, max_ratio, member)


def check_bytes(data, filename, max_size, max_uncompressed, max_ratio):
    """Check the size of ``data`` and, for an XLSX file, its ZIP archive
    (see :func:`check_xlsx`). Sizes are in bytes.

    :raise FileLimitError: the first limit ``data`` is over
    """
    check_size(len(data), max_size)
    if is_xlsx(data, filename):
        check_xlsx(data, max_uncompressed, max_ratio)


def check_lines(count, max_lines):
    """:raise FileLimitError: (``LINES``) when ``count`` is over ``max_lines``"""
    if count > max_lines:
        raise FileLimitError(LINES, count, max_lines)
