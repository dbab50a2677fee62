# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Latvian document conventions, without the ORM: dates, amounts, semesters.

* dates: ``2026. gada 1. septembrī`` (locative), genitive, dative, nominative;
  ``01.09.2026.`` in lists and tables;
* amounts: ``1 534,00 EUR`` and in words ``viens tūkstotis pieci simti
  trīsdesmit četri euro, 00 centi`` (a negative amount keeps its sign:
  ``mīnus pieci euro, 00 centi``);
* semesters: ``2026./2027. studiju gada rudens semestris`` and its cases;
* counts in the locative: ``divos`` (maksājumos).

Odoo's ``amount_to_text`` mixes English unit names into Latvian and
``num2words`` writes "tūkstotis" without "viens" and mis-declines some
hundreds ("simtu viens tūkstotis"), so only the words for 1–99 are taken
from ``num2words``; hundreds and scale words are assembled here.
"""

from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

# nominative, genitive, dative, locative
_MONTHS = {
    1: ("janvāris", "janvāra", "janvārim", "janvārī"),
    2: ("februāris", "februāra", "februārim", "februārī"),
    3: ("marts", "marta", "martam", "martā"),
    4: ("aprīlis", "aprīļa", "aprīlim", "aprīlī"),
    5: ("maijs", "maija", "maijam", "maijā"),
    6: ("jūnijs", "jūnija", "jūnijam", "jūnijā"),
    7: ("jūlijs", "jūlija", "jūlijam", "jūlijā"),
    8: ("augusts", "augusta", "augustam", "augustā"),
    9: ("septembris", "septembra", "septembrim", "septembrī"),
    10: ("oktobris", "oktobra", "oktobrim", "oktobrī"),
    11: ("novembris", "novembra", "novembrim", "novembrī"),
    12: ("decembris", "decembra", "decembrim", "decembrī"),
}
_CASES = ("nominative", "genitive", "dative", "locative")

# (singular, plural) of the scale words, all masculine
_SCALES = (
    None,
    ("tūkstotis", "tūkstoši"),
    ("miljons", "miljoni"),
    ("miljards", "miljardi"),
)


def format_date(date, case="locative"):
    """``2026. gada 1. septembrī`` and the other cases; '' for no date."""
    if not date:
        return ""
    month = _MONTHS[date.month][_CASES.index(case)]
    return f"{date.year}. gada {date.day}. {month}"


def format_date_short(date):
    """``01.09.2026.`` — the short form, with the trailing dot."""
    return date.strftime("%d.%m.%Y.") if date else ""


def _to_decimal(amount):
    return Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_amount(amount, currency="EUR"):
    """``1 534,00 EUR``: non-breaking thousands space, decimal comma."""
    value = _to_decimal(amount)
    sign = "-" if value < 0 else ""
    units, cents = divmod(abs(value) * 100, 100)
    grouped = f"{int(units):,}".replace(",", "\N{NO-BREAK SPACE}")
    text = f"{sign}{grouped},{int(cents):02d}"
    return f"{text}\N{NO-BREAK SPACE}{currency}" if currency else text


def _singular(number):
    """A count ending in 1 but not in 11 takes the singular noun."""
    return number % 10 == 1 and number % 100 != 11


def _below_thousand(number):
    hundreds, rest = divmod(number, 100)
    words = []
    if hundreds == 1:
        words.append("viens simts")
    elif hundreds:
        words.append(f"{num2words(hundreds, lang='lv')} simti")
    if rest:
        words.append(num2words(rest, lang="lv"))
    return " ".join(words)


def integer_to_words(number):
    """Latvian words for a whole number, e.g. 1534 → ``viens tūkstotis pieci
    simti trīsdesmit četri``."""
    number = int(number)
    if number < 0:
        return f"mīnus {integer_to_words(-number)}"
    if number == 0:
        return "nulle"
    if number >= 1000 ** len(_SCALES):
        raise ValueError(f"{number} is too large")
    words = []
    for scale in range(len(_SCALES) - 1, -1, -1):
        group = number // 1000**scale % 1000
        if not group:
            continue
        words.append(_below_thousand(group))
        if scale:
            singular, plural = _SCALES[scale]
            words.append(singular if _singular(group) else plural)
    return " ".join(words)


def amount_to_words(amount, currency_word="euro", cents_word=("cents", "centi")):
    """``viens tūkstotis pieci simti trīsdesmit četri euro, 00 centi``.

    The whole part is written in words, the cents in digits, as Latvian
    contracts do. ``currency_word`` is indeclinable (*euro* in legal texts,
    *eiro* in everyday ones). A negative amount keeps its sign, as the
    digits do: ``-5,00 EUR`` is ``mīnus pieci euro, 00 centi`` (``-0,50`` is
    ``mīnus nulle euro, 50 centi``).
    """
    value = _to_decimal(amount)
    sign = "mīnus " if value < 0 else ""
    units, cents = divmod(abs(value) * 100, 100)
    units, cents = int(units), int(cents)
    cent_word = cents_word[0] if _singular(cents) else cents_word[1]
    return f"{sign}{integer_to_words(units)} {currency_word}, {cents:02d} {cent_word}"


def amount_with_words(amount, currency="EUR", currency_word="euro"):
    """``1 534,00 EUR (viens tūkstotis … euro, 00 centi)``."""
    words = amount_to_words(amount, currency_word=currency_word)
    return f"{format_amount(amount, currency)} ({words})"


# the locative of the counts 2–9, e.g. "sadalīt divos maksājumos"; 10–19 and
# the round tens are indeclinable
_LOCATIVES = {
    2: "divos",
    3: "trijos",
    4: "četros",
    5: "piecos",
    6: "sešos",
    7: "septiņos",
    8: "astoņos",
    9: "deviņos",
}


def count_locative(number):
    """``divos`` for 2 (``sadalīt divos maksājumos``), ``desmit`` for 10;
    digits for the other counts (``sadalīt 21 maksājumā`` would need the
    singular noun, so keep such counts out of sentences)."""
    number = int(number)
    if number in _LOCATIVES:
        return _LOCATIVES[number]
    if 10 <= number < 20 or (number < 100 and number % 10 == 0 and number):
        return num2words(number, lang="lv")
    return str(number)


# the season stands in the genitive before "semestris": rudens (rudens),
# pavasara (pavasaris)
_SEASONS = {"autumn": "rudens", "spring": "pavasara"}
_SEMESTER = {
    "nominative": "semestris",
    "genitive": "semestra",
    "dative": "semestrim",
    "accusative": "semestri",
    "locative": "semestrī",
}


def academic_year(first_year):
    """``2026./2027.``: the years of a study year with ordinal dots."""
    first_year = int(first_year)
    return f"{first_year}./{first_year + 1}."


def semester_name(first_year, season, case="nominative", study_year=True):
    """``2026./2027. studiju gada rudens semestris`` in the ``case`` of
    *semestris* (nominative, genitive, dative, accusative, locative);
    without ``study_year``: ``2026./2027. rudens semestris`` (lists)."""
    year = academic_year(first_year)
    middle = " studiju gada" if study_year else ""
    return f"{year}{middle} {_SEASONS[season]} {_SEMESTER[case]}"
