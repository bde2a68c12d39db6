"""Persian (Farsi) numbers as the words a speaker says, for rules/fa.py.

espeak-ng 1.51 (ira/fa) reads plain digits right, but not what is around
them: the Persian decimal mark "٫" and the comma are read "ویرگول" (comma),
the point "نقطه"; "٬" and spaces between digit groups split 1000 into "یک صفر
صفر صفر"; "/" switches to the English voice ("slash"), ":" is "دونقطه";
"۲۱ام" is "بیست و یک اَم". So every number is written out here, with the
decimal mark said "ممیز" (doses depend on it).

Input may hold Western (4), Persian (۴) or Arabic-Indic (٤) digits; callers
turn them into Western ones first (``ascii_digits``) so that one set of
patterns serves all three.

Units need no plural: a Persian noun after a number stays singular ("یک
میلی‌گرم", "پنج میلی‌گرم"), so Babel's plural categories for fa (one, other)
never change the word.
"""

from __future__ import annotations

import re

from num2words import num2words

DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
ZWNJ = "\u200c"
DECIMAL_WORD = "ممیز"

# A number: digits with an optional decimal part (Persian ٫, point or comma).
NUMBER = r"\d+(?:[.,٫]\d+)?"

# Unit -> the word said after a number (always singular, see above). "گِرَم"
# is respelt here and not in the lexicon: written "گرم" is also "warm".
UNITS = {
    "mg/kg": "میلی‌گرم بر کیلوگرم", "mg/m2": "میلی‌گرم بر متر مربع", "mg/m²": "میلی‌گرم بر متر مربع",
    "mmHg": "میلی‌مترِ جیوه", "mg": "میلی‌گرم", "mcg": "میکروگرم", "µg": "میکروگرم", "μg": "میکروگرم",
    "ml": "میلی‌لیتر", "mL": "میلی‌لیتر", "cc": "سی‌سی", "cm": "سانتی‌متر", "mm": "میلی‌متر",
    "kg": "کیلوگرم", "IU": "واحد بین‌المللی", "g": "گِرَم", "l": "لیتر", "L": "لیتر",
}
_UNIT_NAMES = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
UNIT_AFTER_NUMBER = re.compile(rf"(?<=\d)\s?({_UNIT_NAMES})(?![A-Za-z0-9²])")
# Units of one letter (and IU, also an acronym) are units only after a number.
_SPELT_OUT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True) if len(u) > 1 and u != "IU")
UNIT_ALONE = re.compile(rf"(?<![A-Za-z0-9])({_SPELT_OUT})(?![A-Za-z0-9²])")
PERSIAN_GRAM = re.compile(r"(\d\s?)گرم(?!\w)")

SOLAR_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
                "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
GREGORIAN_MONTHS = ("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن",
                    "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر")
_MONTHS = "|".join(sorted(SOLAR_MONTHS + GREGORIAN_MONTHS, key=len, reverse=True))

GROUPED = re.compile(r"(?<![\d.,٫٬])\d{1,3}(?P<sep>[,٬ \u00a0\u202f\u2009])\d{3}(?:(?P=sep)\d{3})*(?!\d)")
DATE = re.compile(r"(?<![\d/-])(\d{4})([/-])(\d{1,2})\2(\d{1,2})(?![\d/-])")
TIME = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?![\d:])")
# "۴م", "۴ام", "۴-ام", "۴‌ام", "۴اُم" -> چهارم; the same with "ین" -> چهارمین
# (before the noun). No space is allowed: "۲۰۲۶ م." is a year (میلادی), and
# so is a year of four digits with a bare "م" ("۱۹۹۰م").
ORDINAL = re.compile(rf"(\d+)([-{ZWNJ}]?(?:اُ|ا|ُ)?)م(ین)?(?!\w)")
# The day of a month is an ordinal: "۱۲ فروردین" is "دوازدهم فروردین".
DAY_OF_MONTH = re.compile(rf"(?<![\d.,٫])(\d{{1,2}})(?=\s+(?:{_MONTHS})(?!\w))")
# "٪۵۰" (typed right to left) as well as "۵۰٪" and "50 %".
PERCENT = re.compile(rf"({NUMBER})\s?%|%\s?({NUMBER})")
# A slash between digits is the Persian decimal mark typed on a Latin
# keyboard when a unit or percent follows ("۲/۵ میلی‌گرم").
SLASH_DECIMAL = re.compile(rf"(\d)/(\d+)(?=\s?(?:%|{_UNIT_NAMES}|میلی|میکرو|سانتی|کیلو|گرم|لیتر|درصد))")
# "۲-۳ هفته", "۲۰–۳۰٪": a dash between numbers is said "تا".
RANGE = re.compile(r"(?<=\d)\s?[-–—]\s?(?=\d)")
CARDINAL = re.compile(NUMBER)
SLASH_BETWEEN_NUMBERS = re.compile(r"(?<=\d)\s?/\s?(?=\d)")


def ascii_digits(text: str) -> str:
    return text.translate(DIGITS)


def cardinal(n: int) -> str:
    return num2words(n, lang="fa")


def ordinal(n: int, before_noun: bool = False, date: bool = False) -> str:
    """چهارم after the noun, چهارمین before it. One alone is اول / اولین (the
    day of a month is یکم); num2words writes 30th "سیم", which is "سی‌اُم"."""
    if n == 1 and not date:
        return "اولین" if before_noun else "اول"
    word = num2words(n, lang="fa", to="ordinal")
    word = re.sub(r"(?<!\w)سیم$", f"سی{ZWNJ}اُم", word)
    return word + "ین" if before_noun else word


def say_number(written: str) -> str:
    """"2٫5" -> دو ممیز پنج; "0.05" -> صفر ممیز صفر پنج. Digit by digit: a
    whole part with a leading zero (a code, a telephone number) or past the
    trillions, and a decimal part of more than three digits."""
    whole, _, fraction = written.replace(",", ".").replace("٫", ".").partition(".")
    if (len(whole) > 1 and whole.startswith("0")) or len(whole) > 15:
        spoken = _digit_by_digit(whole)
    else:
        spoken = cardinal(int(whole))
    if len(fraction) > 3:
        spoken += f" {DECIMAL_WORD} {_digit_by_digit(fraction)}"
    elif fraction:
        rest = fraction.lstrip("0")
        zeros = [cardinal(0)] * (len(fraction) - len(rest))
        spoken += f" {DECIMAL_WORD} " + " ".join(zeros + ([cardinal(int(rest))] if rest else []))
    return spoken


def _digit_by_digit(digits: str) -> str:
    return " ".join(cardinal(int(d)) for d in digits)


def _padded(match: re.Match, words: str) -> str:
    """Words for a number, with a space where a letter touches it ("۳بار")."""
    text = match.string
    before = " " if match.start() > 0 and text[match.start() - 1].isalpha() else ""
    after = " " if match.end() < len(text) and text[match.end()].isalpha() else ""
    return f"{before}{words}{after}"


def _date(m: re.Match) -> str:
    year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return m.group(0)
    months = GREGORIAN_MONTHS if year >= 1800 else SOLAR_MONTHS  # 1405 is a solar Hijri year
    return f"{ordinal(day, date=True)} {months[month - 1]} {cardinal(year)}"


def _ordinal(m: re.Match) -> str:
    digits, joint, before_noun = m.group(1), m.group(2), bool(m.group(3))
    if len(digits) == 4 and not joint and not before_noun:
        return _padded(m, f"{cardinal(int(digits))} میلادی")
    return _padded(m, ordinal(int(digits), before_noun=before_noun))


def _time(m: re.Match) -> str:
    hours, minutes = int(m.group(1)), int(m.group(2))
    return cardinal(hours) + (f" و {cardinal(minutes)} دقیقه" if minutes else "")


def numbers_to_words(text: str) -> str:
    """Every number of ``text`` (Western digits) as words, in this order:
    groups joined, dates, times, ordinals, percentages, units, ranges, the
    rest as cardinals."""
    text = GROUPED.sub(lambda m: re.sub(r"\D", "", m.group(0)), text)
    text = DATE.sub(_date, text)
    text = TIME.sub(_time, text)
    text = ORDINAL.sub(_ordinal, text)
    text = DAY_OF_MONTH.sub(lambda m: _padded(m, ordinal(int(m.group(1)), date=True)), text)
    text = SLASH_DECIMAL.sub(r"\1٫\2", text)
    text = RANGE.sub(" تا ", text)
    text = PERCENT.sub(lambda m: _padded(m, f"{say_number(m.group(1) or m.group(2))} درصد"), text)
    text = PERSIAN_GRAM.sub(r"\1گِرَم", text)
    text = UNIT_AFTER_NUMBER.sub(lambda m: " " + UNITS[m.group(1)], text)
    text = UNIT_ALONE.sub(lambda m: UNITS[m.group(1)], text)
    text = SLASH_BETWEEN_NUMBERS.sub(" بر ", text)
    return CARDINAL.sub(lambda m: _padded(m, say_number(m.group(0))), text)

