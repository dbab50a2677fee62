# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import BaseCase, tagged

from ..lib import lv_format

NBSP = "\N{NO-BREAK SPACE}"


@tagged("post_install", "-at_install")
class TestLatvianFormats(BaseCase):
    def test_integer_words(self):
        cases = {
            0: "nulle",
            1: "viens",
            11: "vienpadsmit",
            21: "divdesmit viens",
            100: "viens simts",
            101: "viens simts viens",
            111: "viens simts vienpadsmit",
            200: "divi simti",
            1000: "viens tūkstotis",
            1100: "viens tūkstotis viens simts",
            1534: "viens tūkstotis pieci simti trīsdesmit četri",
            2000: "divi tūkstoši",
            11000: "vienpadsmit tūkstoši",
            21000: "divdesmit viens tūkstotis",
            101000: "viens simts viens tūkstotis",
            1000000: "viens miljons",
            2000001: "divi miljoni viens",
        }
        for number, words in cases.items():
            self.assertEqual(lv_format.integer_to_words(number), words, number)

    def test_amount_words_with_cents(self):
        self.assertEqual(
            lv_format.amount_with_words(1534),
            f"1{NBSP}534,00{NBSP}EUR (viens tūkstotis pieci simti trīsdesmit četri "
            "euro, 00 centi)",
        )
        self.assertEqual(
            lv_format.amount_to_words(3068),
            "trīs tūkstoši sešdesmit astoņi euro, 00 centi",
        )
        self.assertEqual(lv_format.amount_to_words(1.01), "viens euro, 01 cents")
        self.assertEqual(
            lv_format.amount_to_words(21.21), "divdesmit viens euro, 21 cents"
        )
        self.assertEqual(
            lv_format.amount_to_words(100.11), "viens simts euro, 11 centi"
        )
        self.assertEqual(
            lv_format.amount_to_words(767.5),
            "septiņi simti sešdesmit septiņi euro, 50 centi",
        )
        # an integer amount is euros, never cents (older num2words read it as cents)
        self.assertEqual(
            lv_format.amount_to_words(1000), "viens tūkstotis euro, 00 centi"
        )
        self.assertEqual(
            lv_format.amount_to_words(1000000, currency_word="eiro"),
            "viens miljons eiro, 00 centi",
        )

    def test_amount_digits(self):
        self.assertEqual(lv_format.format_amount(1534), f"1{NBSP}534,00{NBSP}EUR")
        self.assertEqual(
            lv_format.format_amount(1000000.5, ""), f"1{NBSP}000{NBSP}000,50"
        )
        self.assertEqual(lv_format.format_amount(0.005), f"0,01{NBSP}EUR")

    def test_dates(self):
        day = date(2026, 9, 1)
        self.assertEqual(lv_format.format_date(day), "2026. gada 1. septembrī")
        self.assertEqual(
            lv_format.format_date(day, "genitive"), "2026. gada 1. septembra"
        )
        self.assertEqual(
            lv_format.format_date(date(2026, 10, 15), "dative"),
            "2026. gada 15. oktobrim",
        )
        self.assertEqual(
            lv_format.format_date(date(2027, 4, 3), "genitive"), "2027. gada 3. aprīļa"
        )
        self.assertEqual(lv_format.format_date(date(2027, 3, 1)), "2027. gada 1. martā")
        self.assertEqual(lv_format.format_date_short(day), "01.09.2026.")
        self.assertEqual(lv_format.format_date(False), "")

    def test_negative_amounts_keep_their_sign(self):
        # the words say what the digits say: "-5,00 EUR" is not "pieci euro"
        self.assertEqual(lv_format.amount_to_words(-5), "mīnus pieci euro, 00 centi")
        self.assertEqual(
            lv_format.amount_to_words(-1534.5),
            "mīnus viens tūkstotis pieci simti trīsdesmit četri euro, 50 centi",
        )
        self.assertEqual(lv_format.amount_to_words(-0.5), "mīnus nulle euro, 50 centi")
        self.assertEqual(
            lv_format.amount_with_words(-5),
            f"-5,00{NBSP}EUR (mīnus pieci euro, 00 centi)",
        )
        # rounding to the cent first: -0,004 is zero, without a sign
        self.assertEqual(lv_format.amount_to_words(-0.004), "nulle euro, 00 centi")
        self.assertEqual(lv_format.integer_to_words(-21), "mīnus divdesmit viens")

    def test_count_locative(self):
        self.assertEqual(lv_format.count_locative(2), "divos")
        self.assertEqual(lv_format.count_locative(3), "trijos")
        self.assertEqual(lv_format.count_locative(9), "deviņos")
        self.assertEqual(lv_format.count_locative(10), "desmit")
        self.assertEqual(lv_format.count_locative(12), "divpadsmit")
        self.assertEqual(lv_format.count_locative(20), "divdesmit")
        self.assertEqual(lv_format.count_locative(21), "21")

    def test_semester_names(self):
        self.assertEqual(lv_format.academic_year(2026), "2026./2027.")
        self.assertEqual(
            lv_format.semester_name(2026, "autumn"),
            "2026./2027. studiju gada rudens semestris",
        )
        self.assertEqual(
            lv_format.semester_name(2026, "spring", "accusative"),
            "2026./2027. studiju gada pavasara semestri",
        )
        self.assertEqual(
            lv_format.semester_name(2026, "autumn", "genitive"),
            "2026./2027. studiju gada rudens semestra",
        )
        self.assertEqual(
            lv_format.semester_name(2026, "spring", study_year=False),
            "2026./2027. pavasara semestris",
        )
