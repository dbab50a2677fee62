# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How many SMS parts a text takes (the operator bills each part)."""

# the GSM 03.38 alphabet; any other character (ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū,
# ž…) makes the whole message UCS-2
GSM = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€"
)


def sms_parts(text):
    """160/153 characters per part in the GSM alphabet, 70/67 in UCS-2."""
    text = text or ""
    single, multi = (160, 153) if set(text) <= GSM else (70, 67)
    return 1 if len(text) <= single else -(-len(text) // multi)
