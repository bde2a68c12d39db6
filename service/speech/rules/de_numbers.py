"""German numbers as words: cardinals, ordinals with the case ending the
article before them asks for, units in the number's plural form, Roman
numerals. Used by rules/de.py, which decides where each applies."""

from __future__ import annotations

import re
from decimal import Decimal

from babel import Locale
from num2words import num2words

GERMAN = Locale("de")

# Persian and Arabic-Indic digits (text pasted from other catalogs) read as
# Western digits; the Arabic decimal mark is the German comma, and the
# Arabic thousands mark and the (narrow) no-break spaces only group digits.
DIGITS = str.maketrans({**{chr(0x06F0 + i): str(i) for i in range(10)},
                        **{chr(0x0660 + i): str(i) for i in range(10)},
                        "\u066b": ",", "\u066c": "\u202f", "\u00a0": " "})

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")
MONTH_WORDS = {m.casefold() for m in MONTHS} | {"jan", "feb", "mär", "mrz", "apr", "jun", "jul", "aug", "sep",
                                                 "sept", "okt", "nov", "dez", "jänner"}

# Which ending an ordinal takes after each word (weak -e / -en, or the
# strong/mixed endings, which need the noun's gender). "der" (and dieser,
# jeder) is nominative masculine (-e) unless a preposition stands before it,
# when it is dative or genitive feminine (-en): "der 4. Zyklus" but "in der 4. Woche".
WEAK_E = {"die", "das", "diese", "dieses", "jede", "jedes", "jene", "jenes", "welche", "welches", "ins", "ans",
          "aufs", "fürs", "ums", "durchs", "eine", "keine", "meine", "seine", "ihre", "unsere", "deren", "dessen"}
WEAK_EN = {"dem", "den", "des", "im", "am", "zum", "zur", "beim", "vom", "diesem", "diesen", "jedem", "jeden",
           "jenem", "jenen", "einem", "einen", "eines", "einer", "keinem", "keinen", "keines", "keiner", "seinem",
           "seinen", "seines", "seiner", "ihrem", "ihren", "ihres", "ihrer", "unserem", "unseren", "bis", "ab"}
DER_WORDS = {"der", "dieser", "jeder", "jener", "welcher"}
EIN_WORDS = {"ein", "kein", "mein", "sein", "ihr", "unser"}  # "ein 4. Stadium": -es or -er by gender
DATIVE = {"mit", "nach", "von", "vor", "bei", "seit", "aus", "zu", "in", "an", "auf", "unter", "über", "zwischen",
          "während", "wegen", "innerhalb", "außerhalb", "binnen", "gegenüber", "neben", "hinter"}
ACCUSATIVE = {"für", "durch", "gegen", "ohne", "um", "pro"}
DETERMINERS = WEAK_E | WEAK_EN | DER_WORDS | EIN_WORDS

# Nouns counted with an ordinal even when no article stands before them
# ("4. Stadium" opening a sentence is not list numbering).
ORDINAL_NOUNS = re.compile(r"(?:stadium|zyklus|tag|woche|monat|jahr|lebensjahr|quartal|linie|therapielinie|"
                           r"sitzung|gabe|dosis|mal|runde|behandlungstag|lebenswoche|schwangerschaftswoche)$")

# The gender of a noun by its last part: the nouns of medical leaflets first
# (Medikament is neuter though -ent is masculine), then the suffixes that
# decide it. Masculine is the default.
KNOWN = re.compile(r"(?P<n>stadium|jahr|mal|quartal|semester|medikament|mittel|organ|kapitel|verfahren|ergebnis|"
                   r"präparat|kind|gespräch|symptom|zentrum|prozent|gramm|mol)$|"
                   r"(?P<m>zyklus|tag|monat|grad|schritt|versuch|eingriff|befund|tumor|termin|kurs|teil|fall|"
                   r"abschnitt|patient|arzt|meter|liter|euro)$|"
                   r"(?P<f>woche|stufe|phase|linie|dosis|gabe|sitzung|runde|klasse|stelle|einheit|tablette|"
                   r"stunde|minute|sekunde|textstelle|person)$")
SUFFIXES = re.compile(r"(?P<n>um|chen|lein|ment|om|ma|tum)$|(?P<f>ung|heit|keit|schaft|ion|tät|ie|ik|e|in)$")


def gender(noun: str) -> str:
    word = noun.casefold()
    if word in MONTH_WORDS:
        return "m"
    found = KNOWN.search(word) or SUFFIXES.search(word)
    return found.lastgroup if found else "m"


# espeak-ng splits "zweitausendsechsundzwanzig" as "tausEnd-sechs"; a space
# after "tausend" gives it the parts a speaker says (only the engine hears it).
THOUSAND = re.compile(r"tausend(?=\w)")


def cardinal(number: int) -> str:
    return THOUSAND.sub("tausend ", num2words(number, lang="de"))


def year(number: int) -> str:
    # 1100-1999 are said in hundreds (neunzehnhundertneunundneunzig);
    # num2words' year form says "einshundert" below that, so only there.
    return num2words(number, lang="de", to="year") if 1100 <= number <= 1999 else cardinal(number)


def ordinal_ending(before: list[str], noun: str) -> str:
    """The adjective ending (e, en, er, es, em) of an ordinal preceded by
    the words ``before`` (nearest last, lower case) and followed by ``noun``."""
    word = before[-1] if before else ""
    earlier = before[-2] if len(before) > 1 else ""
    if word in WEAK_E:
        return "e"
    if word in WEAK_EN:
        return "en"
    if word in DER_WORDS:
        return "en" if earlier in DATIVE | ACCUSATIVE else "e"
    kind = gender(noun)
    if word in EIN_WORDS:
        return {"m": "er", "n": "es"}.get(kind, "e")
    if word in DATIVE:  # strong dative, no article: "seit 2. Zyklus" is rare; "nach erstem Zyklus"
        return "er" if kind == "f" else "em"
    return {"m": "er", "n": "es", "f": "e"}[kind]  # strong nominative: "26. November" -> "sechsundzwanzigster"


def ordinal(number: int, ending: str) -> str:
    # num2words gives the stem with -e (vierte, zwanzigste); the case ending replaces it.
    return THOUSAND.sub("tausend ", num2words(number, lang="de", to="ordinal")[:-1] + ending)


def indefinite(kind: str, before: str) -> str:
    """The number one before a noun is the article: "eine Stunde", "nach einer Woche", "für einen Tag"."""
    if before in DATIVE:
        return "einer" if kind == "f" else "einem"
    if before in ACCUSATIVE and kind == "m":
        return "einen"
    return "eine" if kind == "f" else "ein"


# Units after a number: the written form -> (singular, plural, gender).
# Most German measure nouns do not change in the plural (5 Milligramm); the
# ones that do (Stunde, Minute, Einheit, Tablette) take Babel's plural category.
UNITS = {
    "mg": ("Milligramm", "Milligramm", "n"), "g": ("Gramm", "Gramm", "n"), "kg": ("Kilogramm", "Kilogramm", "n"),
    "µg": ("Mikrogramm", "Mikrogramm", "n"), "μg": ("Mikrogramm", "Mikrogramm", "n"),
    "mcg": ("Mikrogramm", "Mikrogramm", "n"), "ng": ("Nanogramm", "Nanogramm", "n"),
    "ml": ("Milliliter", "Milliliter", "m"), "l": ("Liter", "Liter", "m"), "dl": ("Deziliter", "Deziliter", "m"),
    "mm": ("Millimeter", "Millimeter", "m"), "cm": ("Zentimeter", "Zentimeter", "m"), "m": ("Meter", "Meter", "m"),
    "m²": ("Quadratmeter", "Quadratmeter", "m"), "m2": ("Quadratmeter", "Quadratmeter", "m"),
    "cm²": ("Quadratzentimeter", "Quadratzentimeter", "m"), "mmol": ("Millimol", "Millimol", "n"),
    "mmHg": ("Millimeter Quecksilbersäule", "Millimeter Quecksilbersäule", "m"),
    "Gy": ("Gray", "Gray", "n"), "cGy": ("Zentigray", "Zentigray", "n"),
    "%": ("Prozent", "Prozent", "n"), "°C": ("Grad Celsius", "Grad Celsius", "n"), "€": ("Euro", "Euro", "m"),
    "h": ("Stunde", "Stunden", "f"), "Std.": ("Stunde", "Stunden", "f"), "min": ("Minute", "Minuten", "f"),
    "Min.": ("Minute", "Minuten", "f"), "IE": ("Internationale Einheit", "Internationale Einheiten", "f"),
    "I.E.": ("Internationale Einheit", "Internationale Einheiten", "f"),
    "Tbl.": ("Tablette", "Tabletten", "f"),
}
# The denominator of "mg/kg", "ml/h" is said as one: "Milligramm pro Kilogramm".
PER = {"kg": "Kilogramm", "m²": "Quadratmeter", "m2": "Quadratmeter", "l": "Liter", "h": "Stunde",
       "min": "Minute", "Tag": "Tag", "d": "Tag", "ml": "Milliliter", "dl": "Deziliter"}
# Longest first, so that "mmHg" wins over "mm" and "cm²" over "cm".
UNIT_ALTERNATIVES = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
PER_ALTERNATIVES = "|".join(re.escape(u) for u in sorted(PER, key=len, reverse=True))


def unit(written: str, amount: str, denominator: str | None) -> str:
    """The unit after the number ``amount`` (as written, with a decimal comma), in its plural form."""
    singular, plural, _ = UNITS[written]
    value = Decimal(amount.replace(",", "."))
    spoken = singular if GERMAN.plural_form(value) == "one" else plural
    return f"{spoken} pro {PER[denominator]}" if denominator else spoken


def unit_gender(written: str) -> str:
    return UNITS[written][2]


def decimal(amount: str) -> str:
    """12,5 -> zwölf Komma fünf; the digits after the comma one by one, as
    doses are read aloud (0,25 is "null Komma zwei fünf")."""
    whole, _, fraction = amount.replace(".", ",").partition(",")
    words = cardinal(int(whole))
    return f"{words} Komma {' '.join(cardinal(int(d)) for d in fraction)}" if fraction else words


ROMAN = re.compile(r"^(?=[IVX])(X{0,3})(IX|IV|V?I{0,3})$")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def roman(numeral: str) -> int | None:
    """The value of a Roman numeral up to XXXIX (stages, grades, phases), or None."""
    if not ROMAN.match(numeral):
        return None
    total = 0
    for letter, following in zip(numeral, [*numeral[1:], ""]):
        value = ROMAN_VALUES[letter]
        total += -value if following and ROMAN_VALUES[following] > value else value
    return total
