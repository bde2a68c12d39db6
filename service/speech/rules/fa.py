"""Persian (Farsi), voice ira/fa: what espeak-ng 1.51 must be given to say a
Persian leaflet as a speaker would.

Numbers are in rules/fa_numbers.py. Here: the spelling espeak reads best,
the ezafe before a stage number or a key's name, and Latin letters, which
switch espeak to its English voice ("IV" -> "eye vee", "CT", "Enter").
Respellings of words (and the ezafe of the catalog's phrases) are in
audio_templates/lexicon/fa.toml.

The zero-width non-joiner (U+200C) is kept everywhere: without it espeak
splits شیمی‌درمانی and درمان‌ناپذیر into the wrong syllables. Python's \\w
does not match it (nor the short vowels ـِ ـُ), so no pattern here deletes
what \\W matches; tests/test_rules_fa.py checks the catalog keeps every one.
"""

from __future__ import annotations

import re

from .fa_numbers import ZWNJ, ascii_digits, numbers_to_words, ordinal

# With and without the last full stop, which may also end the sentence.
ABBREVIATIONS = {
    "ق.ظ.": "قبل از ظهر", "ق.ظ": "قبل از ظهر", "ب.ظ.": "بعد از ظهر", "ب.ظ": "بعد از ظهر",
    "ه.ش.": "هجری شمسی", "ه.ش": "هجری شمسی", "ه.ق.": "هجری قمری", "ه.ق": "هجری قمری",
    "ر.ک.": "رجوع کنید به", "ن.ک.": "نگاه کنید به", "ص.": "صفحهٔ", "ج.": "جلد", "م.": "میلادی",
    "Dr.": "دکتر", "Prof.": "پروفسور",
}

# Arabic yeh and kaf (typed on Arabic keyboards) are the Persian letters to
# the reader; the lexicon is written with the Persian ones. The tatweel only
# stretches a word on the page. "٪" becomes "%", which fa_numbers says.
LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ـ": None, "٪": "%"})
# The ezafe after a silent h is written "هٔ", "ۀ" or "ه‌ی"; espeak reads the
# last as a word of its own ("marhale: ye:"), and the lexicon's keys have "هٔ".
HEH_YEH_ABOVE = re.compile("ۀ")
EZAFE_AS_YEH = re.compile(rf"ه{ZWNJ}ی(?=\s)")
# "۱. شیمی‌درمانی" at the start of a line is list numbering: Persian writes
# no ordinal as a number and a full stop.
LIST_NUMBER = re.compile(r"^\s*\d+[.)]\s+")

# Stages, types and phases run from I to XXXIX at most; "نوع C" is a letter.
_ROMAN = r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})"
# A stage, grade, type or phase is said with a cardinal, as "مرحلهٔ ۴" is
# ("marhale-ye chahār"), and with the ezafe, which is not spoken when it is
# not written ("مرحله ۴" is "marhale chahār").
STAGE_WORDS = {"مرحله": "مرحلهٔ", "درجه": "درجهٔ", "فاز": "فازِ", "نوع": "نوعِ", "تیپ": "تیپِ",
               "گرید": "گریدِ", "سطح": "سطحِ", "کلاس": "کلاسِ"}
STAGE = re.compile(rf"(?<!\w)({'|'.join(STAGE_WORDS)})[\u0654\u0650]?\s+(\d+|{_ROMAN})(?![\w])")
# A century is an ordinal: "قرن ۲۱" / "قرن XXI" is "qarn-e bist-o-yekom".
CENTURY = re.compile(rf"(?<!\w)قرن\u0650?\s+(\d+|{_ROMAN})(?![\w])")
# Two or more of I, V, X alone are a Roman numeral; one alone is a letter
# ("اشعهٔ X", "ویتامین D").
ROMAN = re.compile(r"(?<![A-Za-z])(?=[IVX]{2,}(?![A-Za-z]))X{0,3}(?:IX|IV|V?I{0,3})(?![A-Za-z])")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
# The ezafe of "کلیدِ اینتر" ("the Enter key"), before a key's name.
KEY_EZAFE = re.compile(r"(?<!\w)کلید(?=\s+(?:[A-Za-z]|به‌علاوه|منها))")
# "کلید به‌علاوه (+)": the sign repeats the key's name; espeak says "plus".
SIGN_LABEL = re.compile(r"\s*\(\s*[+\-−]\s*\)")
POSITIVE = re.compile(r"(?<=[A-Za-z0-9])\+(?!\s?\d)")  # "O+", "HER2+"
PLUS = re.compile(r"\s?\+\s?")
# Capitals alone or in short runs are said by the names of their letters,
# joined by a ZWNJ into one word ("CT" -> سی‌تی), as Iranian clinicians say them.
ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z]{1,5}(?![A-Za-z])")
# Respelt where espeak misreads the usual spelling: دی is the month "dey",
# وی "vey", پی "pey", and a lone اُ is spelled as "alef".
LETTER_NAMES = {
    "A": "اِی", "B": "بی", "C": "سی", "D": "دیی", "E": "ای", "F": "اِف", "G": "جی", "H": "اِچ",
    "I": "آی", "J": "جِی", "K": "کِی", "L": "اِل", "M": "اِم", "N": "اِن", "O": "ئُ", "P": "پیی",
    "Q": "کیو", "R": "آر", "S": "اِس", "T": "تی", "U": "یو", "V": "ویی", "W": "دبلیو", "X": "ایکس",
    "Y": "وای", "Z": "زِد",
}
ACRONYMS_AS_WORDS = {"PET": "پِت", "COVID": "کووید", "AIDS": "ایدز"}
SPACES = re.compile(r"[ \u00a0]{2,}")


def roman_value(numeral: str) -> int:
    values = [ROMAN_VALUES[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _value(number: str) -> int:
    return int(number) if number.isdigit() else roman_value(number)


def _stage(m: re.Match) -> str:
    return f"{STAGE_WORDS[m.group(1)]} {_value(m.group(2))}"


def _spell(m: re.Match) -> str:
    word = m.group(0)
    return ACRONYMS_AS_WORDS.get(word) or ZWNJ.join(LETTER_NAMES[c] for c in word)


def normalize(text: str) -> str:
    text = ascii_digits(text.translate(LETTERS))
    text = HEH_YEH_ABOVE.sub("هٔ", text)
    text = EZAFE_AS_YEH.sub("هٔ", text)
    text = LIST_NUMBER.sub("", text)
    text = STAGE.sub(_stage, text)
    text = CENTURY.sub(lambda m: f"قرنِ {ordinal(_value(m.group(1)))}", text)
    text = SIGN_LABEL.sub("", text)
    text = POSITIVE.sub(" مثبت", text)
    text = numbers_to_words(text)
    text = KEY_EZAFE.sub("کلیدِ", text)
    text = PLUS.sub(" به‌علاوه ", text)
    text = ROMAN.sub(lambda m: numbers_to_words(str(roman_value(m.group(0)))), text)
    text = ACRONYM.sub(_spell, text)
    return SPACES.sub(" ", text)
