"""Arabic numbers as a speaker says them, for rules/ar.py.

Every word here is written with its vowel marks (and a final "ه" where the
pausal "-ah" is meant), so that the vocaliser leaves it alone and espeak-ng
does not read bare consonants. num2words is not used: its Arabic cardinals
are unvocalised and wrong for 200, 2000 and 11000 ("مئتا", "ألفا", "أحد عشر
ألف"), its ordinals wrong beyond 20 and masculine only, and it drops the
decimal part's leading zeros.

Arabic counts by Babel's plural categories: 1 and 2 follow the noun (or are
the noun's dual), 3-10 take the noun's plural, 11-99 its accusative singular
and 100, 1000... its genitive singular: exactly CLDR's one, two, few, many and
other, so ``plural_form`` chooses the form of units and of thousands.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel import Locale

PLURAL = Locale("ar").plural_form
SUN_LETTERS = "تثدذرزسشصضطظلن"

# Counting forms, masculine counted noun (the number takes "ة" from 3 to 10).
ONES = ["صِفْر", "وَاحِد", "اِثْنَان", "ثَلَاثَه", "أَرْبَعَه", "خَمْسَه", "سِتَّه", "سَبْعَه", "ثَمَانِيَه",
        "تِسْعَه", "عَشَرَه"]
# With a feminine counted noun (ثوان، مرات، جرعات): no "ة" from 3 to 10.
ONES_F = ["صِفْر", "وَاحِدَه", "اِثْنَتَان", "ثَلَاث", "أَرْبَع", "خَمْس", "سِتّ", "سَبْع", "ثَمَانِي", "تِسْع",
          "عَشْر"]
TENS = ["", "عَشَرَه", "عِشْرُون", "ثَلَاثُون", "أَرْبَعُون", "خَمْسُون", "سِتُّون", "سَبْعُون", "ثَمَانُون",
        "تِسْعُون"]
# 11-19: the unit keeps its 3-10 form (ثلاثة عشر / ثلاث عشرة), "ten" agrees with the noun.
TEENS = ["أَحَدَ عَشَر", "اِثْنَا عَشَر", *(ONES[u][:-1] + "ةَ عَشَر" for u in range(3, 10))]
TEENS_F = ["إِحْدَى عَشْرَه", "اِثْنَتَا عَشْرَه", *(ONES_F[u] + "َ عَشْرَه" for u in range(3, 10))]
HUNDREDS = ["", "مِئَه", "مِئَتَان", "ثَلَاثُمِئَه", "أَرْبَعُمِئَه", "خَمْسُمِئَه", "سِتُّمِئَه", "سَبْعُمِئَه",
            "ثَمَانِمِئَه", "تِسْعُمِئَه"]
# (singular, dual, plural after 3-10, accusative after 11-99), largest first.
SCALES = [(10**9, ("مِلْيَار", "مِلْيَارَان", "مِلْيَارَات", "مِلْيَارًا")),
          (10**6, ("مِلْيُون", "مِلْيُونَان", "مَلَايِين", "مِلْيُونًا")),
          (10**3, ("أَلْف", "أَلْفَان", "آلَاف", "أَلْفًا"))]

# Ordinals, indefinite and pausal; the article is added by ``ordinal``.
ORDINALS_M = ["", "أَوَّل", "ثَانِي", "ثَالِث", "رَابِع", "خَامِس", "سَادِس", "سَابِع", "ثَامِن", "تَاسِع", "عَاشِر"]
ORDINALS_F = ["", "أُولَى", "ثَانِيَه", "ثَالِثَه", "رَابِعَه", "خَامِسَه", "سَادِسَه", "سَابِعَه", "ثَامِنَه",
              "تَاسِعَه", "عَاشِرَه"]
# In 11-19 and 21-99 "first" is حادي/حادية, never أول/أولى.
UNIT_M = ["", "حَادِي", *ORDINALS_M[2:10]]
UNIT_F = ["", "حَادِيَه", *ORDINALS_F[2:10]]

DECIMAL_WORD = "فَاصِلَه"  # the spoken decimal mark: a dose depends on it
PERCENT = "فِي الْمِئَه"


def construct(phrase: str) -> str:
    """Before the counted noun a final "ه" is the "-at" of the construct state."""
    return phrase[:-1] + "ة" if phrase.endswith("َه") else phrase


def _below_thousand(n: int, feminine: bool) -> str:
    hundreds, rest = divmod(n, 100)
    words = [HUNDREDS[hundreds]] if hundreds else []
    if rest:
        ones = ONES_F if feminine else ONES
        if rest <= 10:
            part = ones[rest]
        elif rest < 20:
            part = TEENS_F[rest - 11] if feminine else TEENS[rest - 11]
        else:
            tens, unit = divmod(rest, 10)
            first = ("إِحْدَى" if feminine else ones[1]) if unit == 1 else ones[unit]
            part = f"{first} وَ{TENS[tens]}" if unit else TENS[tens]
        words.append(part)
    return " وَ".join(words)


def cardinal(n: int, feminine: bool = False) -> str:
    """``n`` as counted; ``feminine`` when the noun counted is (ثوان, مرات)."""
    if n < 11 or n >= 10**12:
        return (ONES_F if feminine else ONES)[n] if n < 11 else " ".join(ONES[int(d)] for d in str(n))
    groups = []
    for scale, (one, two, few, many) in SCALES:
        count, n = divmod(n, scale)
        if count:
            form = PLURAL(count)
            if form == "one":
                groups.append(one)
            elif form == "two":
                groups.append(two)
            else:
                counted = {"few": few, "many": many}.get(form, one)
                number = _below_thousand(count, False)
                groups.append(f"{number if form == 'many' else construct(number)} {counted}")
    if n:
        groups.append(_below_thousand(n, feminine))
    return " وَ".join(groups)


def definite(word: str) -> str:
    """The article before ``word``: "ال" and, before a sun letter, a shadda
    (``spell_for_espeak`` drops it again where espeak-ng assimilates by itself)."""
    if word[0] in SUN_LETTERS:
        return "ال" + word[0] + "ّ" + word[1:]
    return "الْ" + word


def ordinal(n: int, feminine: bool) -> str:
    """1-99 and 100 as definite ordinals agreeing with their noun (المرحلة
    الرابعة، الخيار الثالث); beyond, the cardinal."""
    if n < 1 or n > 100:
        return cardinal(n)
    if n <= 10:
        return definite((ORDINALS_F if feminine else ORDINALS_M)[n])
    if n < 20:
        unit = (UNIT_F if feminine else UNIT_M)[n - 10]
        # حادية عشرة / حادي عشر: a built form, the first word keeps its fatha.
        unit = unit[:-1] + "ةَ" if feminine else unit + "َ"
        return definite(unit) + (" عَشْرَه" if feminine else " عَشَر")
    if n == 100:
        return definite("مِئَه")
    tens, unit = divmod(n, 10)
    if not unit:
        return definite(TENS[tens])
    return f"{definite((UNIT_F if feminine else UNIT_M)[unit])} وَ{definite(TENS[tens])}"


def number_words(digits: str, fraction: str | None = None, feminine: bool = False) -> str:
    """Digits (ASCII, without separators) and an optional decimal part."""
    spoken = cardinal(int(digits), feminine and fraction is None)
    if fraction is not None:
        zeros = len(fraction) - len(fraction.lstrip("0"))
        tail = [ONES[0]] * zeros + ([cardinal(int(fraction))] if fraction.strip("0") else [])
        spoken = " ".join([spoken, DECIMAL_WORD, *tail])
    return spoken


def with_unit(digits: str, fraction: str | None, forms: tuple[str, str, str, str]) -> str:
    """A quantity and its unit in the form the number asks for."""
    one, two, few, many = forms
    value = Decimal(f"{digits}.{fraction}") if fraction else int(digits)
    form = PLURAL(value)
    if form == "one" and fraction is None:
        return f"{one} {ONES[1]}"  # مِلِّيغْرَام وَاحِد
    if form == "two" and fraction is None:
        return two
    number = number_words(digits, fraction)
    if form == "many":  # 11-99: an accusative of specification, not a construct
        return f"{number} {many}"
    if fraction is not None:  # 2.5: "two point five" and the singular
        return f"{number} {one}"
    return f"{construct(number)} {few if form == 'few' else one}"


ROMAN = re.compile(r"^(X{0,3})(IX|IV|V?I{0,3})$")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def roman(numeral: str) -> int | None:
    """The value of an upper-case Roman numeral from I to XXXIX, or None."""
    if not numeral or not ROMAN.match(numeral):
        return None
    total = 0
    for here, after in zip(numeral, numeral[1:] + " "):
        value = ROMAN_VALUES[here]
        total += -value if ROMAN_VALUES.get(after, 0) > value else value
    return total
