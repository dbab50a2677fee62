# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Personal survey links of pseudo-anonymous campaigns (no ORM here).

Two values come from one secret that is kept outside the database (a file
in Odoo's data directory, or the ``bvk_survey_secret`` option of the server
configuration):

- the *link token* ``T = HMAC(secret, "invite:<db>:<invitation id>")``, the
  part of the personal link that proves the invitation; it is never stored;
- the *answer token* ``A = H("answer:" + T)``, the ``access_token`` of the
  ``survey.user_input`` the link opens.

Whoever reads the database (or the back office) sees invitations and
answers but cannot go from one to the other: that needs ``T``, which needs
the secret. The person who got the e-mail has ``T`` and finds their own
answer again from any device.
"""

import base64
import hashlib
import hmac
import os
import uuid

SECRET_BYTES = 32


def load_secret(path):
    """The secret in ``path``, created (readable by the server only) on
    first use. Two workers creating it at the same moment agree: the second
    one reads what the first wrote."""
    directory = os.path.dirname(path)
    os.makedirs(directory, mode=0o700, exist_ok=True)
    if not os.path.exists(path):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            fd = None  # made by another worker in the meantime
        if fd is not None:
            with os.fdopen(fd, "wb") as handle:
                handle.write(base64.b64encode(os.urandom(SECRET_BYTES)))
    with open(path, "rb") as handle:
        secret = handle.read().strip()
    if len(secret) < 32:
        raise ValueError(f"The survey secret in {path} is too short.")
    return secret


def link_token(secret, dbname, invitation_id):
    """The token of the personal link of one invitation."""
    if isinstance(secret, str):
        secret = secret.encode()
    digest = hmac.new(
        secret, f"invite:{dbname}:{invitation_id}".encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def answer_token(token):
    """The access token of the answer opened by the link token ``token``
    (UUID-shaped, like the tokens Odoo's survey module makes)."""
    digest = hashlib.sha256(f"answer:{token}".encode()).digest()
    return str(uuid.UUID(bytes=digest[:16]))


def check_link_token(secret, dbname, invitation_id, token):
    """Whether ``token`` is the link token of the invitation."""
    expected = link_token(secret, dbname, invitation_id)
    return hmac.compare_digest(expected, token or "")
