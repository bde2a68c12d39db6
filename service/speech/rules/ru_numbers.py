"""Russian number words in the case and gender the sentence asks for: the
words, not where they go (that is ``ru.py``).

num2words knows Russian cases and genders, with a few faults fixed here: it
says "одна тысяча" where a speaker says "тысяча", it puts a feminine "одна"
before "миллион", it reads the accusative as animate ("двух" for "два") and it
reads decimals only in the nominative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel import Locale
from num2words import num2words

NOM, GEN, DAT, ACC, INS, PREP = "nominative", "genitive", "dative", "accusative", "instrumental", "prepositional"
PLURAL_FORM = Locale("ru").plural_form  # CLDR: one (1, 21), few (2-4, 22), many (0, 5-20), other (fractions)

# Persian and Arabic-Indic digits are read as Western ones, and the Arabic
# decimal separator as the comma.
DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫", "01234567890123456789,")
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
ONE_THOUSAND = re.compile(r"^одн\w+ (?=тысяч)")  # "одна тысяча пятьсот" is said "тысяча пятьсот"
ZERO = {"ноля": "нуля", "нолю": "нулю", "нолём": "нулём", "ноле": "нуле"}  # the forms a speaker uses


def roman_value(numeral: str) -> int:
    total = 0
    for letter, following in zip(numeral, [*numeral[1:], ""]):
        value = ROMAN[letter]
        total += -value if following and ROMAN[following] > value else value
    return total


def cardinal(n: int, case: str = NOM, gender: str = "m") -> str:
    """"21 таблетка" -> "двадцать одна"; the gender only reaches the last
    three digits (num2words would say "одна миллион"), and an accusative is of
    things, not people ("по две таблетки", not "по двух")."""
    high, low = divmod(n, 1000)
    words = [num2words(high * 1000, lang="ru", case=case, animate=False)] if high else []
    if low or not high:
        words.append(num2words(low, lang="ru", case=case, gender=gender, animate=False))
    text = ONE_THOUSAND.sub("", " ".join(words)) if 1000 <= n < 2000 else " ".join(words)
    return ZERO.get(text, text)


def ordinal(n: int, case: str = NOM, gender: str = "m", plural: bool = False) -> str:
    """"на 4-й стадии" -> "четвёртой"; only the last word declines."""
    return num2words(n, lang="ru", to="ordinal", case=case, gender=gender, plural=plural, animate=False)


def _fraction_word(stem: str, singular: bool, case: str) -> str:
    """Adjective endings of "целая", "десятая": "две целых", "одной целой"."""
    if singular:
        return stem + {NOM: "ая", ACC: "ую"}.get(case, "ой")
    return stem + {DAT: "ым", INS: "ыми"}.get(case, "ых")


DENOMINATORS = {1: "десят", 2: "сот", 3: "тысячн", 4: "десятитысячн"}


def decimal(whole: str, fraction: str, case: str = NOM) -> str:
    """"12,5" -> "двенадцать целых пять десятых": the decimal comma said as
    the fraction it is, as a dose is read out (never dropped: 12,5 is not 125)."""
    head = cardinal(int(whole), case, "f")
    one = PLURAL_FORM(int(whole)) == "one"
    words = f"{head} {_fraction_word('цел', one, case)}"
    fraction = fraction.rstrip("0") or "0"
    if len(fraction) not in DENOMINATORS:  # more digits than anyone says as a fraction: read them out
        return f"{words} " + " ".join(cardinal(int(d)) for d in fraction)
    numerator = int(fraction)
    one = PLURAL_FORM(numerator) == "one"
    return f"{words} {cardinal(numerator, case, 'f')} {_fraction_word(DENOMINATORS[len(fraction)], one, case)}"


@dataclass(frozen=True)
class Unit:
    """A unit's forms: singular and plural by case, and words after it."""

    gender: str
    singular: dict
    plural: dict
    tail: str = ""

    def form(self, count: int | None, case: str) -> str:
        """The unit after a number (``count`` None for a decimal: "двух целых
        пяти десятых миллиграмма" keeps the genitive singular)."""
        if count is None:
            word = self.singular[GEN]
        elif case in (NOM, ACC):
            category = PLURAL_FORM(count)
            word = {"one": self.singular[case], "few": self.singular[GEN]}.get(category, self.plural[GEN])
        else:
            word = (self.singular if PLURAL_FORM(count) == "one" else self.plural)[case]
        return f"{word} {self.tail}".strip()


def masculine(stem: str, tail: str = "") -> Unit:
    singular = {NOM: stem, GEN: stem + "а", DAT: stem + "у", ACC: stem, INS: stem + "ом", PREP: stem + "е"}
    plural = {NOM: stem + "ы", GEN: stem + "ов", DAT: stem + "ам", ACC: stem + "ы", INS: stem + "ами",
              PREP: stem + "ах"}
    return Unit("m", singular, plural, tail)


def feminine(stem: str, instrumental: str, genitive: str = "ы") -> Unit:
    singular = {NOM: stem + "а", GEN: stem + genitive, DAT: stem + "е", ACC: stem + "у", INS: stem + instrumental,
                PREP: stem + "е"}
    plural = {NOM: stem + genitive, GEN: stem, DAT: stem + "ам", ACC: stem + genitive, INS: stem + "ами",
              PREP: stem + "ах"}
    return Unit("f", singular, plural)


# What a symbol after a number is called. Latin symbols are read too: the
# Russian voice would switch to English for "mg".
UNITS = {
    "мг": masculine("миллиграмм"), "mg": masculine("миллиграмм"),
    "мкг": masculine("микрограмм"), "mcg": masculine("микрограмм"), "µg": masculine("микрограмм"),
    "г": masculine("грамм"), "g": masculine("грамм"),
    "кг": masculine("килограмм"), "kg": masculine("килограмм"),
    "мл": masculine("миллилитр"), "ml": masculine("миллилитр"),
    "л": masculine("литр"),
    "мм": masculine("миллиметр"), "mm": masculine("миллиметр"),
    "см": masculine("сантиметр"), "cm": masculine("сантиметр"),
    "мм рт. ст.": masculine("миллиметр", "ртутного столба"),
    "%": masculine("процент"),
    "°C": masculine("градус", "Цельсия"), "°С": masculine("градус", "Цельсия"),
    "ч": masculine("час"),
    "мин": feminine("минут", "ой"),
    "ЕД": feminine("единиц", "ей"),
    "тыс": feminine("тысяч", "ей", genitive="и"),
    "млн": masculine("миллион"),
    "млрд": masculine("миллиард"),
}

# Nouns that a number before them makes ordinal ("IV стадия", "рак 4 стадии",
# "XXI век"): each ending -> the gender and case the ordinal takes (the
# feminine oblique cases share one form, "-ой", for which GEN stands).
_F_IA = {"ия": NOM, "ии": GEN, "ию": ACC, "ией": GEN, "иях": GEN, "ий": GEN}
_F_A = {"а": NOM, "ы": GEN, "е": GEN, "у": ACC, "ой": GEN, "ах": GEN}
_F_SOFT = {"ь": NOM, "и": GEN, "ью": GEN, "ях": GEN, "ей": GEN}
_M = {"": NOM, "а": GEN, "у": DAT, "ом": INS, "е": PREP, "ах": PREP, "ов": GEN}
ORDINAL_NOUNS = {"стад": ("f", _F_IA), "лин": ("f", _F_IA), "фаз": ("f", _F_A), "степен": ("f", _F_SOFT),
                 "групп": ("f", _F_A), "тип": ("m", _M), "класс": ("m", _M), "век": ("m", _M), "этап": ("m", _M)}
# Of those, the ones an Arabic number without an ending still makes ordinal
# ("рак 4 стадии"); "2 линии", "3 группы" count.
BARE_ORDINAL = ("стад", "фаз", "степен")
GENITIVE_PLURAL = ("ий", "ов")  # "5 стадий", "двух типов": counted, not ranked


def ordinal_noun(word: str, bare: bool = False) -> tuple[str, str, bool] | None:
    """("f", GEN, False) for "стадии": the gender and case an ordinal before it
    takes, and whether the form is a genitive plural (which a count asks for)."""
    word = word.casefold()
    for stem, (gender, endings) in ORDINAL_NOUNS.items():
        ending = word[len(stem):]
        if word.startswith(stem) and ending in endings and (not bare or stem in BARE_ORDINAL):
            return gender, endings[ending], ending in GENITIVE_PLURAL or (stem == "степен" and ending == "ей")
    return None
