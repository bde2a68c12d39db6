"""German (gmw/de): numbers, dates, units and abbreviations as a speaker says them.

espeak-ng reads "4. Stadium" as "vier Stadium", "Stadium IV" as "römisch
vier", "ca." as "ka" and spells "mg", "ggf." and "bzw." letter by letter, so
all of them become words here; the lexicon (audio_templates/lexicon/de.toml)
then fixes words it stresses wrongly. Numbers are in rules/de_numbers.py.
"""

from __future__ import annotations

import re

from .de_numbers import (
    ACCUSATIVE,
    DATIVE,
    DETERMINERS,
    DIGITS,
    MONTH_WORDS,
    MONTHS,
    ORDINAL_NOUNS,
    PER_ALTERNATIVES,
    UNIT_ALTERNATIVES,
    cardinal,
    decimal,
    gender,
    indefinite,
    ordinal,
    ordinal_ending,
    roman,
    unit,
    unit_gender,
    year,
)

_ABBREVIATIONS = {
    # Written with and without the space; "circa" and "et cetera" are
    # respelled, as espeak reads the c as k.
    "z. B.": "zum Beispiel", "z.B.": "zum Beispiel", "ca.": "zirka", "ggf.": "gegebenenfalls",
    "bzw.": "beziehungsweise", "Dr. med.": "Doktor der Medizin", "Dr.": "Doktor", "Prof.": "Professor",
    "u. a.": "unter anderem", "u.a.": "unter anderem", "d. h.": "das heißt", "d.h.": "das heißt",
    "evtl.": "eventuell", "etc.": "et zetera", "usw.": "und so weiter", "v. a.": "vor allem",
    "v.a.": "vor allem", "z. T.": "zum Teil", "z.T.": "zum Teil", "i. d. R.": "in der Regel",
    "i.d.R.": "in der Regel", "u. U.": "unter Umständen", "u.U.": "unter Umständen", "o. Ä.": "oder Ähnliches",
    "o.Ä.": "oder Ähnliches", "s. o.": "siehe oben", "s. u.": "siehe unten", "vgl.": "vergleiche",
    "inkl.": "inklusive", "max.": "maximal", "mind.": "mindestens", "Nr.": "Nummer", "Tel.": "Telefon",
    "tgl.": "täglich", "bspw.": "beispielsweise", "insb.": "insbesondere", "Abb.": "Abbildung",
    "i. v.": "intravenös", "i.v.": "intravenös", "s. c.": "subkutan", "s.c.": "subkutan",
}
# At the start of a sentence the same abbreviations are capitalised ("Z. B. die ...").
ABBREVIATIONS = dict(sorted(
    {**_ABBREVIATIONS, **{k[0].upper() + k[1:]: v[0].upper() + v[1:] for k, v in _ABBREVIATIONS.items()
                          if k[0].islower() and k != "max."}}.items(),  # "Max." is a name
    key=lambda item: -len(item[0])))  # longest first: "Dr. med." before "Dr."

# Acronyms German speakers say letter by letter.
SPELLED = {"CT", "MRT", "PET", "EKG", "OP", "DNA", "HNO", "QR", "MP"}

# Digits grouped by a dot, a (narrow) no-break space or a space: "1.000", "10 000".
GROUPS = re.compile(r"(?<![\d,.])\d{1,3}(?P<sep>[.\u202f\u00a0 ])\d{3}(?:(?P=sep)\d{3})*(?![\d]|[.,]\d)")
OTHER_SPACES = re.compile(r"[\u202f\u00a0]")
# "8:30 Uhr", "8.30 Uhr", "14 Uhr": the hour is said before "Uhr", the minutes after it.
TIME = re.compile(r"(?<![\d,.])(\d{1,2})(?:[:.](\d{2}))?\s?Uhr\b")
# "26.11.2026" and "26.11." are said with the month's name, as ordinals.
NUMERIC_DATE = re.compile(r"(?<![\d,.])(\d{1,2})\.(\d{1,2})\.(\d{4}(?!\d))?")
ISO_DATE = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
# A stage, grade, phase or type is counted with a cardinal: "Stadium IIIA" is "Stadium drei A".
COUNTED = (r"(?:\w*[Ss]tadium|Stadien|Grad|Phase|Typ|Stufe|Klasse|Kategorie|Teil|Gruppe|Level|Studienphase|"
           r"Kapitel|Band)")
COUNTED_ROMAN = re.compile(rf"\b({COUNTED})([\s-]+)([IVX]+)([A-Ca-c]?)\b")
ROMAN_ORDINAL = re.compile(rf"\b((?i:{'|'.join(sorted(DETERMINERS))}))\s+([IVX]+)\.(?=\s)")
# Other Roman numerals of two letters or more; not before a hyphen ("IV-Zugang" is intravenous).
LONE_ROMAN = re.compile(r"(?<![\w-])([IVX]{2,})([A-Ca-c]?)(?![\w-])")
NEGATIVE = re.compile(r"(?<![\w)])[−-](?=\d)")  # "-5 °C"; not the hyphen of "Typ-2"
RANGE = re.compile(r"(?<=\d)(\.?)\s?[–-]\s?(?=\d)")  # "2–3", "3.–5." -> "bis"
TIMES = re.compile(r"(?<![\w,.])(\d+(?:,\d+)?)\s?(-mal\b|mal\b|[x×](?![\w]))(\s+\w)?")
NUMBER = r"(\d+(?:[,.]\d+)?)"
UNIT = re.compile(rf"(?<![\w,.]){NUMBER}\s?({UNIT_ALTERNATIVES})(?:/({PER_ALTERNATIVES}))?(?![\w²%])")
LONE_UNIT = re.compile(r"(?<![\w/])(mg|ml|kg|cm|mm|µg|mmHg)(?![\w/])")
ORDINAL = re.compile(r"(?<![\w,.])(\d{1,4})\.(?=[ ]+(\w+))")
DECIMAL = re.compile(r"(?<![\w,.])(\d+)[,.](\d+)(?![\d])")
CARDINAL = re.compile(r"(?<![\w,.])(\d+)([a-d])?(?![\w])")
LIST_NUMBERING = re.compile(r"[.)]\s+[A-ZÄÖÜ]")
WORD = re.compile(r"[^\W\d]+")
# "am 3. und 4. Tag", "vom 3. bis 5. Mai": the second takes the first's ending.
CHAIN = re.compile(r"\s*(?:,|und|oder|bis|bzw\.|sowie)\s*$")
# "bis" and "ab" choose the ending ("ab 1. Januar") but do not make an
# ordinal on their own: "Stadium 3 bis 4. Die Behandlung" ends a sentence.
ORDINAL_AFTER = DETERMINERS - {"bis", "ab"}
FUNCTION_WORDS = DETERMINERS | DATIVE | ACCUSATIVE | {"und", "oder", "nur", "etwa", "je", "noch", "rund", "fast",
                                                       "mindestens", "höchstens", "jeweils", "insgesamt"}
POLITE = {"Sie", "Ihnen", "Ihr", "Ihre", "Ihrem", "Ihren", "Ihrer", "Ihres"}


def normalize(text: str) -> str:
    text = text.translate(DIGITS)
    text = GROUPS.sub(lambda m: re.sub(r"\D", "", m.group(0)), text)
    text = OTHER_SPACES.sub(" ", text)
    text = TIME.sub(_time, text)
    text = ISO_DATE.sub(lambda m: f"{m.group(3)}.{m.group(2)}.{m.group(1)}", text)
    text = NUMERIC_DATE.sub(_numeric_date, text)
    text = COUNTED_ROMAN.sub(_counted_roman, text)
    text = ROMAN_ORDINAL.sub(lambda m: f"{m.group(1)} {roman(m.group(2)) or m.group(2)}.", text)
    text = LONE_ROMAN.sub(_lone_roman, text)
    text = RANGE.sub(lambda m: f"{m.group(1)} bis ", text)
    text = NEGATIVE.sub("minus ", text)
    text = TIMES.sub(_times, text)
    text = UNIT.sub(_unit, text)
    text = LONE_UNIT.sub(lambda m: unit(m.group(1), "2", None), text)  # "in mg": the plural
    text = _ordinals(text)
    text = DECIMAL.sub(lambda m: decimal(f"{m.group(1)},{m.group(2)}"), text)
    text = CARDINAL.sub(_cardinal, text)
    return text.replace(" & ", " und ")


def _words_before(text: str, position: int, count: int = 2) -> list[str]:
    return WORD.findall(text[:position])[-count:]


def _time(match: re.Match) -> str:
    hour, minutes = int(match.group(1)), match.group(2)
    said = "ein Uhr" if hour == 1 else f"{cardinal(hour)} Uhr"  # "ein Uhr", not "eins Uhr"
    return f"{said} {cardinal(int(minutes))}" if minutes and int(minutes) else said


def _numeric_date(match: re.Match) -> str:
    day, month, number = int(match.group(1)), int(match.group(2)), match.group(3)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return match.group(0)
    return f"{day}. {MONTHS[month - 1]}" + (f" {number}" if number else "")


def _counted_roman(match: re.Match) -> str:
    value = roman(match.group(3))
    if value is None:
        return match.group(0)
    letter = f" {match.group(4).upper()}" if match.group(4) else ""
    return f"{match.group(1)}{match.group(2)}{cardinal(value)}{letter}"


def _lone_roman(match: re.Match) -> str:
    value = roman(match.group(1))
    if value is None:
        return match.group(0)
    return cardinal(value) + (f" {match.group(2).upper()}" if match.group(2) else "")


def _times(match: re.Match) -> str:
    """3x, 3 × and 3-mal are "dreimal"; "1,5×" before nothing (a speed) is "eins Komma fünf fach"."""
    amount, sign, following = match.group(1), match.group(2), match.group(3) or ""
    if "," in amount:
        return f"{decimal(amount)} {'mal' if following or 'mal' in sign else 'fach'}{following}"
    number = int(amount)
    stem = "ein" if number == 1 else cardinal(number)
    return f"{stem}{'mal' if following or 'mal' in sign else 'fach'}{following}"


def _unit(match: re.Match) -> str:
    amount, written, per = match.groups()
    amount = amount.replace(".", ",")
    if amount == "1":
        before = _words_before(match.string, match.start(), 1)
        said = indefinite(unit_gender(written), before[0].casefold() if before else "")
    else:
        said = decimal(amount)
    return f"{said} {unit(written, amount, per)}"


def _ordinals(text: str) -> str:
    last = {"end": -1, "ending": ""}

    def replace(match: re.Match) -> str:
        number, following = int(match.group(1)), match.group(2)
        before = [w.casefold() for w in _words_before(text, match.start())]
        chained = last["end"] >= 0 and CHAIN.match(text[last["end"]:match.start()])
        after_noun = _follows_noun(text, match.start())
        # A month, an article before, a lowercase word after ("im 4. und letzten"), or a
        # counted noun not itself after a noun ("Stadium 4. Tag 1" ends a sentence).
        is_ordinal = (following.casefold() in MONTH_WORDS or chained or (before and before[-1] in ORDINAL_AFTER)
                      or following[:1].islower() or (ORDINAL_NOUNS.search(following.casefold()) and not after_noun))
        if not is_ordinal:
            return match.group(0)
        noun = _noun_after(text, match.end())
        ending = last["ending"] if chained else ordinal_ending(before, noun)
        last.update(end=match.end(), ending=ending)
        said = ordinal(number, ending)
        return said[0].upper() + said[1:] if not text[:match.start()].strip() else said

    return ORDINAL.sub(replace, text)


def _follows_noun(text: str, position: int) -> bool:
    """Whether a noun stands just before ``position`` ("Stadium 4", "Typ 1"):
    a capitalised word that is not a pronoun, article or preposition opening the sentence."""
    before = _words_before(text, position, 1)
    return bool(before) and before[0][:1].isupper() and before[0] not in POLITE \
        and before[0].casefold() not in FUNCTION_WORDS and text[position - 1:position] == " "


def _noun_after(text: str, position: int) -> str:
    """The noun an ordinal or a one counts: the next capitalised word, past adjectives and "bis 5."."""
    for word in WORD.findall(text[position:])[:4]:
        if word[:1].isupper():
            return word
    return ""


def _cardinal(match: re.Match) -> str:
    number, letter = int(match.group(1)), match.group(2)
    start = match.start()
    if not _text_before(match).strip() and LIST_NUMBERING.match(match.string, match.end()):
        return match.group(0)  # list numbering: normalize.LIST_NUMBER removes it
    if letter:
        return f"{cardinal(number)} {letter}"
    if 1100 <= number <= 1999:
        return year(number)  # a year far more often than a count in a leaflet
    if number == 1:
        before = _words_before(match.string, start, 1)
        noun = _noun_after(match.string, match.end())
        after_noun = _follows_noun(match.string, start)
        following = WORD.match(match.string[match.end():].lstrip())
        if noun and not after_noun and following and (following.group(0) == noun or following.group(0) in
                                                      {"oder", "bis", "und"}):
            said = indefinite(gender(noun), before[0].casefold() if before else "")
            return said.capitalize() if not _text_before(match).strip() else said
    return cardinal(number)


def _text_before(match: re.Match) -> str:
    return match.string[:match.start()]
