"""Kurdish (Kurmanji, Latin script), for espeak-ng's ira/ku voice.

The voice is minimal (46 rules): its number table says every 4 as "car", it
drops the decimal comma ("12,5" -> "twelve five"), reads "IV" as a word, and
switches to English for symbols ("+", "/", "=", "&"). So every number, symbol
and acronym becomes Kurmanji words here; the number words are in ku_numbers.
"""

from __future__ import annotations

import re

from babel import Locale

from .ku_numbers import attach, cardinal, decimal, oblique, ordinal, roman_value

ABBREVIATIONS = {"Dr.": "Doktor", "Prof.": "Profesor", "hwd.": "her wekî din", "Hwd.": "Her wekî din",
                 "mn.": "mînak", "Mn.": "Mînak", "bnr.": "binêre", "Bnr.": "Binêre", "hj.": "hejmar"}

KURMANJI = Locale("ku")

# Persian and Arabic-Indic digits, the Arabic decimal and group marks, and the
# Kurmanji letters outside ISO-8859-9, which espeak's Kurdish voice reads as
# "tipa" and the character's code ("ḧ" -> "tipa yek E du heft").
CHARACTERS = str.maketrans({**{chr(0x06F0 + d): str(d) for d in range(10)},
                            **{chr(0x0660 + d): str(d) for d in range(10)},
                            "٫": ",", "٬": "", "٪": "%", "−": "-", "ḧ": "h", "Ḧ": "H", "ẍ": "x", "Ẍ": "X"})

# "1. Kemoterapî" at the start of a line is list numbering; normalize.py drops
# it only before the capitals it knows, and Kurmanji has Ê, Î and Û too.
LIST_NUMBER = re.compile(r"^\s*\d+[.)]\s+(?=[^\W\d_])")
# A key named by its symbol with its name in brackets, as the kiosk help does:
# "bişkoka + (zêde)". The name is what a speaker says.
KEY_WITH_NAME = re.compile(r"(?<!\S)[+\-]\s*\(([^()]+)\)")
DATE = re.compile(r"(?<![\w.,/-])(?:(\d{1,2})([./])(\d{1,2})\2(\d{4})|(\d{4})-(\d{2})-(\d{2}))(?![\w/-]|[.,]\d)")
MONTHS = ["Çile", "Sibat", "Adar", "Nîsan", "Gulan", "Hezîran",
          "Tîrmeh", "Tebax", "Îlon", "Cotmeh", "Mijdar", "Kanûn"]
# "saet 14:30" is a time; other digit pairs around a colon are left to the number pass.
CLOCK = re.compile(r"(?i)\b(saet|seet|demjimêr)(\s+)([01]?\d|2[0-3]):([0-5]\d)(?!\d)")
RANGE = re.compile(r"(?<=\d)\s?[-–]\s?(?=\d)")  # 2-3 caran: du heta sê caran
FRACTION = re.compile(r"(?<![\w.,/])(\d+)/(\d+)(?![\w/])")
MINUS = re.compile(r"(?<![\w.,])-(?=\d)")
LETTERS_THEN_DIGITS = re.compile(r"(?<=[^\W\d_])(?=\d)")  # B12, MP3: the digits are a number of their own
ACRONYMS = {"CT": "tomografî", "MRI": "emar", "MR": "emar", "EKG": "e ka ge", "ECG": "e ka ge"}
ACRONYM = re.compile(rf"(?<!\w)({'|'.join(ACRONYMS)})(?!\w)")
# Symbols the voice reads in English or not at all.
SYMBOLS = {"+": " zêde ", "±": " zêde an kêm ", "×": " car ", "=": " wekhev ", "&": " û ", "~": " nêzîkî ",
           "≈": " nêzîkî ", "≥": " herî kêm ", "≤": " herî zêde ", "<": " kêmtir ji ",
           ">": " zêdetir ji ", "@": " et ", "#": " hejmar ", "½": " nîv ", "*": " "}
SYMBOL = re.compile("|".join(re.escape(s) for s in SYMBOLS))
# "/" and "%" belong to a unit or a fraction when a number is next to them.
LEFT_SYMBOLS = {"/": ", ", "%": " ji sedî ", "‰": " ji hezarî "}
LEFT_SYMBOL = re.compile("|".join(re.escape(s) for s in LEFT_SYMBOLS))

ROMAN = re.compile(r"(?<![\w-])([IVXLCDM]+)(\.(?=\s+[a-zçêîşû]))?(?![\w-])")
# After these nouns a number is an ordinal: "qonaxa 4" and "qonaxa IV" are
# both "qonaxa çarem" (stage, grade, century). A level or a type counts in
# Roman numerals only: "asta 120" is a measured value, "tîpa 2" is "tîpa du".
ORDINAL_NOUN = re.compile(r"(?i)(?:^|\W)(?:qonax|pile|derece|sedsal)(?:a|ya|ê|yê)?\s+$")
ROMAN_NOUN = re.compile(r"(?i)(?:^|\W)(?:qonax|pile|ast|derece|sedsal|tîp)(?:a|ya|ê|yê)?\s+$")

UNITS = {"mg/kg": "mîlîgram ji bo her kîlogramekê", "mg": "mîlîgram", "µg": "mîkrogram", "μg": "mîkrogram",
         "mcg": "mîkrogram", "kg": "kîlogram", "g": "gram", "ml": "mîlîlître", "l": "lître", "cm": "santîmetre",
         "mm": "mîlîmetre", "m": "metre", "min": "deqe", "x": "car", "°C": "pile", "°": "pile",
         "%": "ji sedî", "‰": "ji hezarî"}
NUMBER = re.compile(
    r"(?<!\w)(?P<percent>%\s?)?"
    r"(?P<number>\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?!\d)|\d+(?:[.,]\d+)*)"
    r"(?P<suffix>['-]?(?:emîn|em|yemîn|yem|an|yan|ên|yên|ê|yê|î|yî|a|ya)(?!\w))?"
    rf"(?P<unit>\s?(?:{'|'.join(re.escape(u) for u in UNITS)})(?!\w))?"
    r"(?P<dot>\.(?=\s+[a-zçêîşû]))?")
# A numeral governed by a preposition, standing for its noun ("yek ji pêncan",
# "ji dehan zêdetir"), or a unit after one ("ji pênc mîlîgraman"), is oblique.
PREPOSITION = re.compile(r"(?i)(?:^|\W)(?:ji|bi|di|li|bo|heta|ta|ber|bê|bêyî)\s+$")
STANDS_ALONE = re.compile(r"\s*(?:$|[^\w\s]|(?:de|da|re|ra|ve|va|zêdetir|kêmtir|bêtir|pêve)(?!\w))")
LEFT_DIGITS = re.compile(r"\d+")
GROUP_SPACE = re.compile(r"[ \u00a0\u202f\u2009]")
MARK = re.compile(r"[.,]")
GROUPED = re.compile(r"[1-9]\d{0,2}(?:[.,]\d{3})+")
SPACES = re.compile(r"[ \u00a0]{2,}")


def normalize(text: str) -> str:
    text = LIST_NUMBER.sub(_list_number, text.translate(CHARACTERS), count=1)
    text = KEY_WITH_NAME.sub(r"\1", text)
    text = DATE.sub(_date, text)
    text = CLOCK.sub(lambda m: f"{m[1]}{m[2]}{_clock(int(m[3]), int(m[4]))}", text)
    text = RANGE.sub(" heta ", text)
    text = FRACTION.sub(_fraction, text)
    text = MINUS.sub("mînus ", text)
    text = LETTERS_THEN_DIGITS.sub(" ", text)
    text = ACRONYM.sub(lambda m: ACRONYMS[m[1]], text)
    text = SYMBOL.sub(lambda m: SYMBOLS[m[0]], text)  # "<5": "kêmtir ji", then the oblique "pêncan"
    text = NUMBER.sub(_number, text)
    text = LEFT_SYMBOL.sub(lambda m: LEFT_SYMBOLS[m[0]], text)
    text = ROMAN.sub(_roman, text)
    text = LEFT_DIGITS.sub(lambda m: cardinal(int(m[0])), text)  # never leave a digit to the voice
    return SPACES.sub(" ", text).replace(" ,", ",").strip()


def _list_number(match: re.Match) -> str:
    following = match.string[match.end():match.end() + 1]
    return "" if following.isupper() else match[0]


def _date(m: re.Match) -> str:
    day, month, year = (m[1], m[3], m[4]) if m[1] else (m[7], m[6], m[5])
    if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
        return m[0]
    # "28ê Mijdara 2026an", as a date is said and written in Kurmanji.
    day, month, year = attach(cardinal(int(day)), "ê"), attach(MONTHS[int(month) - 1], "a"), int(year)
    return f"{day} {month} {attach(cardinal(year), 'an')}"


def _clock(hours: int, minutes: int) -> str:
    return cardinal(hours) if minutes == 0 else f"{cardinal(hours)} û {cardinal(minutes)}"


def _fraction(m: re.Match) -> str:
    numerator, denominator = int(m[1]), int(m[2])
    if (numerator, denominator) == (1, 2):
        return "nîv"
    return f"{cardinal(numerator)} ji {oblique(denominator)}" if denominator else m[0]


def _number(m: re.Match) -> str:
    whole, fraction = _parse(m["number"])
    before, after = m.string[:m.start()], m.string[m.end():]
    unit = (m["unit"] or "").strip()
    percent = m["percent"] is not None or unit in ("%", "‰")
    if m["suffix"]:
        suffix = m["suffix"].lstrip("'-")
        if fraction is None and suffix.removeprefix("y").startswith("em"):
            words = ordinal(whole, before_noun=suffix.endswith("emîn"))
        else:
            words = attach(_amount(whole, fraction), suffix)
    elif m["dot"] and fraction is None and not unit and not percent:
        return ordinal(whole, before_noun=True)  # "4. qonax": the dot marks an ordinal
    elif fraction is None and not unit and not percent and ORDINAL_NOUN.search(before):
        words = ordinal(whole)
    elif (fraction is None and not unit and not percent and PREPOSITION.search(before)
          and STANDS_ALONE.match(after)):
        words = oblique(whole)
    else:
        words = _amount(whole, fraction)
    if percent:
        words = f"{'ji hezarî' if unit == '‰' else 'ji sedî'} {words}"  # "ji sedî pêncî", said first
    elif unit:
        words = f"{words} {_unit(unit, whole, fraction, oblique_case=bool(PREPOSITION.search(before)))}"
    if after[:1].isalpha() and not (m["suffix"] or unit):
        words += " "  # "3A", "2x": the letters are a word of their own
    return words + (m["dot"] or "")


def _parse(number: str) -> tuple[int, str | None]:
    """The whole part and the decimal digits. Groups of three are marked by
    spaces or by dots (1.000); the comma is the decimal mark (12,5), and so is
    a dot before other than three digits (2.5) or after a zero (0.125 mg, a
    dose). Both marks: the last is decimal."""
    number = GROUP_SPACE.sub("", number)
    marks = [c for c in number if c in ".,"]
    if not marks:
        return int(number), None
    last = max(number.rfind("."), number.rfind(","))
    head, tail = number[:last], number[last + 1:]
    grouped = len(set(marks)) == 1 and GROUPED.fullmatch(number) and (len(marks) > 1 or marks[0] == ".")
    if grouped:
        return int(MARK.sub("", number)), None
    return int(MARK.sub("", head)), tail


def _amount(whole: int, fraction: str | None) -> str:
    return cardinal(whole) if fraction is None else decimal(str(whole), fraction)


def _unit(unit: str, whole: int, fraction: str | None, oblique_case: bool) -> str:
    """The unit after its number. Kurmanji leaves it unmarked (du mîlîgram),
    except after a preposition, where Babel's "other" category (all but one)
    takes the oblique plural: "ji pênc mîlîgraman"."""
    word = UNITS[unit]
    amount = whole if fraction is None else float(f"{whole}.{fraction}")
    if oblique_case and " " not in word and KURMANJI.plural_form(amount) != "one":
        return attach(word, "an")
    return word


def _roman(m: re.Match) -> str:
    value = roman_value(m[1])
    before = m.string[:m.start()]
    # Lone letters (vîtamîna C, hepatîta B) are Roman only after a noun that counts.
    counted = ROMAN_NOUN.search(before) or (len(m[1]) > 1 and set(m[1]) <= set("IVX"))
    if value is None or not counted:
        return m[0]
    return ordinal(value, before_noun=bool(m[2]))
