"""Russian: numbers in the case, gender and number the sentence asks for.

A Russian number agrees with its noun and the preposition before it: "4-я
стадия" is "четвёртая стадия", "на 4-й стадии" "на четвёртой стадии", "3 из 5"
"три из пяти", and the unit after it takes the form the number asks for (1
миллиграмм, 2 миллиграмма, 5 миллиграммов). espeak-ng says "четыре-я", spells
the "й" of "4-й", reads "1 000" digit by digit and switches to English for
"IV" and "mg": every number is written out here. The words themselves are
made in ``ru_numbers``.
"""

from __future__ import annotations

import re

from .ru_numbers import (
    ACC,
    DAT,
    DIGITS,
    GEN,
    INS,
    NOM,
    PLURAL_FORM,
    PREP,
    UNITS,
    cardinal,
    decimal,
    ordinal,
    ordinal_noun,
    roman_value,
)

ABBREVIATIONS = {
    "т. е.": "то есть", "т.е.": "то есть", "и т. д.": "и так далее", "и т.д.": "и так далее",
    "и т. п.": "и тому подобное", "и т.п.": "и тому подобное", "в т. ч.": "в том числе", "в т.ч.": "в том числе",
    "т. к.": "так как", "т.к.": "так как", "напр.": "например", "и др.": "и другие", "см.": "смотрите",
    "ок.": "около", "прим.": "примечание", "д-р": "доктор", "проф.": "профессор", "Проф.": "Профессор",
    "в/в": "внутривенно", "в/м": "внутримышечно", "п/к": "подкожно",
}
# Said by their letters, rightly: "ка-тэ", "эм-эр-тэ".
SPELLED = ("КТ", "МРТ", "ЖКТ", "ДНК", "РНК", "ЛФК", "ЧСС", "ЦНС", "ОАК")

# Prepositions that decide the case of the number after them.
CASE_AFTER = {
    **dict.fromkeys(("из", "от", "до", "без", "для", "около", "ок", "после", "кроме", "у", "среди", "вместо",
                     "против", "более", "менее", "свыше", "св", "больше", "меньше", "старше", "младше", "выше",
                     "ниже", "течение", "протяжении", "порядка", "вокруг"), GEN),
    **dict.fromkeys(("к", "ко", "согласно", "благодаря"), DAT),
    **dict.fromkeys(("между", "над", "перед"), INS),
    **dict.fromkeys(("при", "о", "об", "обо"), PREP),
    **dict.fromkeys(("через", "про", "спустя"), ACC),
}
# Before "4 стадии" these count stages ("выделяют 4 стадии"): the number is a cardinal.
COUNTING = {"выделяют", "различают", "всего", "есть", "имеет", "имеют", "существует", "существуют", "бывает",
            "бывают", "делят", "делится", "подразделяют", "насчитывают", "включает", "включают"}
FEMININE_SOFT = {"боль", "степень", "часть", "сыпь", "кровь", "ночь", "мазь", "смесь", "помощь", "ткань", "печень",
                 "цель", "роль", "связь", "жизнь", "болезнь", "дверь", "сеть", "нить"}
MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
          "ноября", "декабря")

# Digit groups: "1 000", "12 500" (also no-break and thin spaces, and the
# Arabic thousands separator).
GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f\u2009\u066c]\d{3})+(?![\d])")
NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(0?[1-9]|1[0-2])\.(\d{4})(?![\d])")
NUMERO = re.compile(r"№\s*")
DATE = re.compile(rf"(?<![\w.,])(\d{{1,2}})(?=\s+(?:{'|'.join(MONTHS)})(?!\w))")
YEAR = re.compile(r"(?<![\w.,])(\d{3,4})(?:-(?:й|го|м|му))?\s+(год(?:а|у|ом|е)?(?!\w)|г\.)")
# "5-летняя", "3-месячный": the number is the first half of one word.
COMPOUND = re.compile(r"(?<![\w.,])(\d{1,3})-(?=[а-яё]{4,})")
ROMAN = r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})"
VALUE = rf"(?:\d+(?:[.,]\d+)?|{ROMAN})"
UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
# A dose per body weight, surface or time: "мг/кг", "мг/м²" (chemotherapy), "мл/ч".
PER = {"кг": "на килограмм", "м²": "на квадратный метр", "м2": "на квадратный метр", "мл": "на миллилитр",
       "л": "на литр", "сут": "в сутки", "сутки": "в сутки", "день": "в день", "ч": "в час", "мин": "в минуту"}
NUMBER = re.compile(rf"""
    (?<![\w.,/-])(?P<a>{VALUE})                           # a number, not a piece of a code or of a word
    (?:\s?[–—-]\s?(?P<b>{VALUE}))?                        # a range: "2–3", "III–IV"
    (?:-(?P<suffix>[а-яё]{{1,3}}))?                       # an ending: "4-я", "2-х"
    (?:\s?(?P<unit>{UNIT})(?:/(?P<per>{"|".join(PER)}))?(?![\w])(?P<dot>\.)?  # a unit: "5 мг", "5мг", "10%"
       |(?![\w]))
    """, re.VERBOSE)
LIST_NUMBER = re.compile(r"\s*\d+[.)]\s+[A-ZА-ЯЁ]")  # "1. Химиотерапия" is numbering, which the pipeline drops
WORD_BEFORE = re.compile(r"(?:(\w+)\.?\s+)?(\w+)\.?\s*$")
# The noun after a number, past the numbers joined to it: "I и II стадии".
WORD_AFTER = re.compile(rf"(?:\s*(?:,|и|или)\s+{VALUE}(?:-[а-яё]{{1,3}})?(?!\w))*\s*([^\W\d_]+)")
SENTENCE_ENDS = re.compile(r"\s*(?:$|[A-ZА-ЯЁ\"«(])")


def _before(text: str, start: int) -> tuple[str, str]:
    """The two words before ``start``, lower case (prepositions, "всего")."""
    found = WORD_BEFORE.search(text[max(0, start - 60):start])
    return ((found.group(1) or "").casefold(), found.group(2).casefold()) if found else ("", "")


def _after(text: str, end: int) -> str:
    found = WORD_AFTER.match(text, end)
    return found.group(1).casefold() if found else ""


def _case(prev: str, noun: str, one: bool, unit: bool) -> str:
    """The case a preposition gives a number; the noun after it settles the
    prepositions of two cases ("в 5 случаях", "в 2 раза")."""
    if prev in CASE_AFTER:
        return CASE_AFTER[prev]
    if prev in ("в", "во", "на", "с", "со", "за", "под", "по"):
        if noun.endswith(("ами", "ями")):
            return INS
        if noun.endswith(("ах", "ях")):
            return PREP
    if prev in ("в", "во"):
        return PREP if unit or (one and noun.endswith(("е", "и", "у"))) else ACC
    if prev == "на":
        return PREP if one and noun.endswith(("е", "и")) else ACC
    if prev in ("с", "со", "за", "под"):
        if noun.endswith(("ом", "ем", "ём", "ой", "ей", "ью")):
            return INS
        return GEN if prev in ("с", "со") else ACC
    if prev == "по":
        return DAT if one else ACC  # "по одной таблетке", "по две таблетки"
    return NOM


def _gender(noun: str, case: str, one: bool) -> str:
    """The gender of the noun after a number, from its ending (only "один"
    and "два" show it)."""
    if noun in FEMININE_SOFT or noun.endswith("ость"):
        return "f"
    endings = {NOM: ("а", "я"), ACC: ("у", "ю", "а", "я"), GEN: ("ы", "и"), DAT: ("е",),
               INS: ("ой", "ей", "ью"), PREP: ("и",)}
    if not one:
        endings[NOM] = endings[ACC] = ("ы", "и")  # "две таблетки", "два дня"
    if noun.endswith(endings[case]):
        return "f"
    return "n" if one and case in (NOM, ACC) and noun.endswith(("о", "е")) else "m"


def _value(text: str) -> int | tuple[str, str]:
    if text[0] in "IVX":
        return roman_value(text)
    whole, _, fraction = text.replace(".", ",").partition(",")
    return (whole, fraction) if fraction else int(whole)


def _suffixed(n: int, suffix: str, prev: str, noun: str) -> str:
    """"4-я", "на 4-й", "2-х": the ending says ordinal or cardinal and most of
    the case; the noun settles the rest."""
    oblique = _case(prev, noun, PLURAL_FORM(n) == "one", False)
    if suffix in ("х", "ух", "ех") and n % 10 in (2, 3, 4) and not 12 <= n % 100 <= 14:
        return cardinal(n, GEN)  # "2-х" is "двух" (its prepositional is the same)
    if suffix == "ти" or (suffix == "ми" and cardinal(n, GEN).endswith("ми")):
        return cardinal(n, oblique if oblique != NOM else GEN)  # "5-ти", "7-ми"
    if suffix == "мя":
        return cardinal(n, INS)
    if suffix in ("я", "ая", "ья"):
        return ordinal(n, NOM, "f")
    if suffix in ("ю", "ую", "ью"):
        return ordinal(n, ACC, "f")
    if suffix in ("го", "ого", "его"):
        return ordinal(n, GEN)
    if suffix in ("му", "ому", "ему"):
        return ordinal(n, DAT)
    if suffix in ("х", "ых", "их"):
        return ordinal(n, GEN, plural=True)
    if suffix in ("ми", "ыми", "ими"):
        return ordinal(n, INS, plural=True)
    if suffix in ("е", "ое", "ее", "ье"):  # "4-е место", "90-е годы"
        plural = noun.endswith(("ы", "и"))
        return ordinal(n, NOM, "n", plural=plural)
    if suffix in ("м", "ом", "ем", "ым", "им"):
        if noun.endswith(("ам", "ям")):
            return ordinal(n, DAT, plural=True)
        instrumental = oblique == INS or prev in ("с", "со", "за", "под") or noun.endswith(("ом", "ем", "ём"))
        return ordinal(n, INS if instrumental else PREP)
    known = ordinal_noun(noun)
    if (known and known[0] == "f") or (not known and noun.endswith(("и", "ы", "е", "ой", "ей", "ью"))):
        return ordinal(n, GEN, "f")  # "на 4-й стадии", "4-й недели": the feminine oblique cases
    return ordinal(n, NOM)  # "4-й день"


def _ordinal_before(n: int, noun: str, roman: bool, before: tuple[str, str]) -> str | None:
    """"IV стадия", "рак 4 стадии", "XXI век", "диабет 2 типа": a number
    before one of these nouns is its ordinal, unless they are being counted
    ("выделяют 4 стадии", "5 стадий")."""
    diabetes = noun == "типа" and before[1].startswith("диабет")
    known = ordinal_noun(noun, bare=not (roman or diabetes))
    if known is None or (not roman and (known[2] or COUNTING & set(before))):
        return None
    gender, case, _ = known
    return ordinal(n, case, gender)


def _say(match: re.Match) -> str:
    text, start = match.string, match.start()
    if not text[:start].strip() and LIST_NUMBER.match(text, start):
        return match.group(0)
    before = _before(text, start)
    prev, noun = before[1], _after(text, match.end())
    if match.group("a") in ("I", "V", "X") and not match.group("b") and not (ordinal_noun(noun) or ordinal_noun(prev)):
        return match.group(0)  # a letter, not a numeral: "клавишу X"
    unit = UNITS.get(match.group("unit") or "")
    values = [_value(v) for v in (match.group("a"), match.group("b")) if v]
    last = values[-1]
    count = last if isinstance(last, int) else None
    one = count is not None and PLURAL_FORM(count) == "one"
    case = _case(prev, noun, one, unit is not None)
    gender = unit.gender if unit else _gender(noun, case, one)  # a range agrees with its last number
    words = []
    for value in values:
        if not isinstance(value, int):
            words.append(decimal(*value, case))
        elif match.group("suffix"):
            words.append(_suffixed(value, match.group("suffix"), prev, noun))
        elif unit is None and (said := _ordinal_before(value, noun, match.group("a")[0] in "IVX", before)):
            words.append(said)
        else:
            words.append(cardinal(value, case, gender))
    spoken = "-".join(words)
    if unit:
        spoken += " " + unit.form(count, case)
        if match.group("per"):
            spoken += " " + PER[match.group("per")]
        if match.group("dot") and SENTENCE_ENDS.match(text, match.end()):
            spoken += "."  # the abbreviation's full stop also ended the sentence
    return spoken


def _date(match: re.Match) -> str:
    """"28 ноября" -> "двадцать восьмого ноября" (the day is a neuter ordinal)."""
    prev = _before(match.string, match.start())[1]
    case = {"к": DAT, "на": ACC, "по": ACC}.get(prev, GEN)
    return ordinal(int(match.group(1)), case, "n")


def _year(match: re.Match) -> str:
    """"в 2024 году" -> "в две тысячи двадцать четвёртом году"; "2026 г."
    after a date is "две тысячи двадцать шестого года"."""
    prev = _before(match.string, match.start())[1]
    word = match.group(2)
    if word == "г.":
        word = "году" if prev in ("в", "во") else "года"
        word += "." if SENTENCE_ENDS.match(match.string, match.end()) else ""
    case = {"год": NOM, "года": GEN, "годом": INS, "годе": PREP}.get(word.rstrip("."))
    if case is None:  # "году": "в 2024 году" or "к 2030 году"
        case = DAT if prev in ("к", "ко", "по") else PREP
    return f"{ordinal(int(match.group(1)), case)} {word}"


def _compound(match: re.Match) -> str:
    """"5-летняя" -> "пятилетняя": the first half of a compound is genitive."""
    n = int(match.group(1))
    if n == 1:
        return "одно"
    if n == 100:
        return "сто"
    if n <= 20 or (n < 100 and n % 10 == 0):
        return cardinal(n, GEN)
    return cardinal(n) + " "


def normalize(text: str) -> str:
    text = text.translate(DIGITS)
    text = NUMERO.sub("номер ", text)
    text = GROUPED.sub(lambda m: re.sub(r"\D", "", m.group(0)), text)
    text = NUMERIC_DATE.sub(lambda m: f"{int(m.group(1))} {MONTHS[int(m.group(2)) - 1]} {m.group(3)} года", text)
    text = DATE.sub(_date, text)
    text = YEAR.sub(_year, text)
    text = COMPOUND.sub(_compound, text)
    return NUMBER.sub(_say, text)


# espeak-ng 1.51 has the preposition "к" in its dictionary as the letter's
# name ("ка"); with an invisible combining grapheme joiner after it, the word
# is not found and is read by the rules: [k].
PREPOSITION_K = re.compile(r"(?:(?<![\w\u034f])к|(?:^|(?<=[.!?…]\s))К)(?=\s+\w)")
# "стоит подумать" is сто́ит (is worth), which espeak-ng reads as стои́т (stands).
WORTH = re.compile(r"(?<!\w)([сС])тоит(?=\s+(?:не\s+)?[а-яё]+(?:ть|ться|чь|ти)(?!\w))")


def finish(text: str) -> str:
    text = PREPOSITION_K.sub(lambda m: m.group(0) + "\u034f", text)
    return WORTH.sub(lambda m: m.group(1) + "тойт", text)
