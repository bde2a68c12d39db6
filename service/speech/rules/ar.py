"""Arabic (espeak-ng's sem/ar): numbers, Latin letters and vowel marks.

``normalize`` writes numbers, units, Roman numerals and the Latin words of
the text (key names, acronyms) as vocalised Arabic words (rules/ar_numbers.py);
``finish`` gives every other word its vowel marks: the lexicon's entries behind
prefixes and the words of VOCALISED here, the rest with mishkal
(rules/ar_vowels.py), since espeak-ng reads an unvocalised word that its
dictionary lacks as bare consonants (متقدمة -> "mtqdmt"). What these rules
write carries its marks, so the vocaliser keeps it.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from .ar_numbers import (
    PERCENT,
    cardinal,
    construct,
    definite,
    number_words,
    ordinal,
    roman,
    with_unit,
)
from .ar_vowels import NOT_A_LETTER_AFTER, NOT_A_LETTER_BEFORE, vocalise

ABBREVIATIONS = {
    "أ.د.": "الْأُسْتَاذ الدُّكْتُور",  # before "د.", which it contains
    "د.": "الدُّكْتُور",
    "إلخ": "إِلَى آخِرِه",
    "ص.ب.": "صُنْدُوق بَرِيد",
    "ق.م.": "قَبْلَ الْمِيلَاد",
}

# Western, Arabic-Indic (٤) and Persian (۴) digits are all read; the Arabic
# decimal and thousands separators and percent sign become their Western forms.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٪", "01234567890123456789%")
ARABIC_DECIMAL = re.compile(r"(?<=\d)٫(?=\d)")
ARABIC_GROUPS = re.compile(r"(?<=\d)٬(?=\d{3})")
TATWEEL = re.compile("\u0640")
# و، ف، ب، ل، ك written joined to a number (و50%): vocalised, and kept apart
# from the digits by an invisible separator until the number is words.
PREFIX_VOWELS = {"و": "وَ", "ف": "فَ", "ب": "بِ", "ل": "لِ", "ك": "كَ"}
PREFIXED_NUMBER = re.compile(r"(?<!\w)([وفبلك])(?=\d)")
SEPARATOR = "\u2063"
# "مفتاح الزائد (+)": the symbol in brackets repeats the word before it, and
# espeak-ng would say it in English ("plus").
BRACKETED_SYMBOL = re.compile(r"\s*\(\s*[-+−×*/=]\s*\)")

# Keys of the kiosk's keyboard and other Latin words, as Arabic speakers say them.
LATIN_WORDS = {
    "enter": "إِنْتَر", "tab": "تَاب", "backspace": "بَاكْ سْبِيس", "esc": "إِسْكِيب", "escape": "إِسْكِيب",
    "shift": "شِيفْت", "space": "سْبِيس", "mp3": "إِمْ بِي ثْرِي", "wi-fi": "وَاي فَاي", "covid": "كُوفِيد",
}
LATIN_WORD = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(LATIN_WORDS, key=len, reverse=True)))
                        + r")(?![\w-])", re.IGNORECASE)
# An acronym (CT, MRI, the key "R") is said letter by letter, with the Arabic
# names of the Latin letters; otherwise espeak-ng switches to its English voice.
LETTER_NAMES = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", [
    "إِيه", "بِي", "سِي", "دِي", "إِي", "إِف", "جِي", "إِتْش", "آي", "جِيه", "كِيه", "إِل", "إِم", "إِن", "أُو",
    "بِي", "كِيُو", "آرْ", "إِس", "تِي", "يُو", "فِي", "دَبِلْيُو", "إِكْس", "وَاي", "زِد"]))
ACRONYM = re.compile(r"(?<![\w-])([A-Z]{1,6})(\d{0,3})(?![\w-])")
# PET-CT, COVID-19: the hyphen joins what is said as two words.
LATIN_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z0-9])|(?<=\d)-(?=[A-Za-z])")

# Nouns that number what they name (المرحلة 4 = the fourth stage), with
# their gender, which the ordinal takes. Article and prefixes are matched.
SEQUENCE_NOUNS = {
    "مرحلة": True, "درجة": True, "خطوة": True, "جرعة": True, "دورة": True, "جلسة": True, "صفحة": True,
    "فقرة": True, "مرة": True, "حلقة": True,
    "خيار": False, "قسم": False, "جزء": False, "فصل": False, "أسبوع": False, "يوم": False, "شهر": False,
    "نوع": False, "خط": False, "سطر": False, "بند": False, "طابق": False, "صف": False,
}
DEFINITE = r"(?:[وف]?[بك]?ال|[وف]?لل)"
NUMERAL = r"(\d+)(?![\d.,٫]\d)"
# "المرحلة 4" -> الرابعة; but "القسم 3 من 7" counts (three of seven).
SEQUENCE_DIGITS = re.compile(rf"(?<!\w)({DEFINITE}({'|'.join(SEQUENCE_NOUNS)}))\s+{NUMERAL}(?!\s*من\s*\d)")
SEQUENCE_ROMAN = re.compile(rf"(?<!\w)((?:{DEFINITE})?({'|'.join(SEQUENCE_NOUNS)}))\s+([IVX]+)(?![\w-])")
# "المرحلة الـ4", "الـ21": a written ordinal; the word before gives the gender.
WRITTEN_ORDINAL = re.compile(r"(?<!\w)((\w+)\s+)?الـ?\s?(\d+)(?![\d.,٫]\d)")

RANGE = re.compile(r"(?<=\d)\s*[-–—]\s*(?=\d)")
# 1,000 / 1 000 / 1٬000 -> 1000 (a comma before exactly three digits groups them).
GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:(?:,|[ \u00a0\u202f])\d{3})+(?![\d]|[.,٫]\d)")
UNITS = {
    "mg": ("مِلِّيغْرَام", "مِلِّيغْرَامَان", "مِلِّيغْرَامَات", "مِلِّيغْرَامًا"),
    "mcg": ("مِيكْرُوغْرَام", "مِيكْرُوغْرَامَان", "مِيكْرُوغْرَامَات", "مِيكْرُوغْرَامًا"),
    "g": ("غْرَام", "غْرَامَان", "غْرَامَات", "غْرَامًا"),
    "kg": ("كِيلُوغْرَام", "كِيلُوغْرَامَان", "كِيلُوغْرَامَات", "كِيلُوغْرَامًا"),
    "ml": ("مِلِّيلِتْر", "مِلِّيلِتْرَان", "مِلِّيلِتْرَات", "مِلِّيلِتْرًا"),
    "l": ("لِتْر", "لِتْرَان", "لِتْرَات", "لِتْرًا"),
    "cm": ("سَنْتِيمِتْر", "سَنْتِيمِتْرَان", "سَنْتِيمِتْرَات", "سَنْتِيمِتْرًا"),
    "mm": ("مِلِّيمِتْر", "مِلِّيمِتْرَان", "مِلِّيمِتْرَات", "مِلِّيمِتْرًا"),
}
UNIT_NAMES = {"mg": "mg", "ملغ": "mg", "ملغم": "mg", "مغ": "mg", "mcg": "mcg", "µg": "mcg", "μg": "mcg",
              "ميكروغرام": "mcg", "g": "g", "غ": "g", "غم": "g", "جم": "g", "kg": "kg", "كغ": "kg",
              "كغم": "kg", "كجم": "kg", "ml": "ml", "مل": "ml", "l": "l", "cm": "cm", "سم": "cm",
              "mm": "mm", "مم": "mm", "ملم": "mm"}
NUMBER = r"(\d+)(?:[.,٫](\d+))?"
QUANTITY = re.compile(rf"(?<![\w.,]){NUMBER}\s?(%|(?:{'|'.join(sorted(UNIT_NAMES, key=len, reverse=True))})(?!\w))",
                      re.IGNORECASE)
PLAIN_NUMBER = re.compile(rf"(?<![\w.,]){NUMBER}(?!\w)(\s+([^\W\d_]+))?")
# Words after a number that are not what it counts ("3 من 5").
NOT_COUNTED = {"من", "في", "إلى", "على", "عن", "مع", "أو", "و", "ثم", "حتى", "هي", "هو", "إلا"}
# Nouns counted with the feminine forms (ثلاث ثوان, عشر دقائق, خمس عشرة جرعة).
FEMININE_COUNTED = re.compile(r"ثوان|ثواني|ثانية|دقائق|دقيقة|ساعات|ساعة|مرات|مرة|جرعات|جرعة|سنوات|سنة|سنين"
                              r"|مراحل|مرحلة|جلسات|جلسة|دورات|دورة|حبات|حبة|كبسولات|كبسولة|قطرات|قطرة|ملاعق"
                              r"|ملعقة|ليال|ليلة|خطوات|خطوة|أسر|أسرة")


def _is_feminine(word: str) -> bool:
    return bool(FEMININE_COUNTED.fullmatch(word)) or word.endswith("ة")


def _sequence(match: re.Match) -> str:
    noun, stem, digits = match.groups()
    return f"{noun} {ordinal(int(digits), SEQUENCE_NOUNS[stem])}"


def _sequence_roman(match: re.Match) -> str:
    noun, stem, numeral = match.groups()
    value = roman(numeral)
    if value is None:
        return match.group(0)
    if noun == stem:  # "مرحلة IV", without the article: the cardinal
        return f"{noun} {cardinal(value)}"
    return f"{noun} {ordinal(value, SEQUENCE_NOUNS[stem])}"


def _written_ordinal(match: re.Match) -> str:
    before, word, digits = match.groups()
    feminine = bool(word) and word.endswith("ة")
    return f"{before or ''}{ordinal(int(digits), feminine)}"


def _quantity(match: re.Match) -> str:
    digits, fraction, unit = match.groups()
    if unit == "%":
        return f"{number_words(digits, fraction)} {PERCENT}"
    return with_unit(digits, fraction, UNITS[UNIT_NAMES.get(unit, UNIT_NAMES.get(unit.lower()))])


def _plain_number(match: re.Match) -> str:
    digits, fraction, after, word = match.groups()
    feminine = bool(word) and _is_feminine(word)
    spoken = number_words(digits, fraction, feminine)
    if word and fraction is None and word not in NOT_COUNTED:
        spoken = construct(spoken)  # ثَلَاثَةُ أيام: "-at" before the noun counted
    return spoken + (after or "")


def _acronym(match: re.Match) -> str:
    letters, digits = match.groups()
    said = " ".join(LETTER_NAMES[c] for c in letters)
    return f"{said} {cardinal(int(digits))}" if digits else said


def normalize(text: str) -> str:
    text = text.translate(DIGITS)
    text = ARABIC_DECIMAL.sub(".", ARABIC_GROUPS.sub("", text))
    text = WRITTEN_ORDINAL.sub(_written_ordinal, text)
    text = TATWEEL.sub("", text)
    text = PREFIXED_NUMBER.sub(lambda m: PREFIX_VOWELS[m.group(1)] + SEPARATOR, text)
    text = BRACKETED_SYMBOL.sub("", text)
    text = LATIN_HYPHEN.sub(" ", LATIN_WORD.sub(lambda m: LATIN_WORDS[m.group(0).lower()], text))
    text = LATIN_WORD.sub(lambda m: LATIN_WORDS[m.group(0).lower()], text)
    text = SEQUENCE_ROMAN.sub(_sequence_roman, text)
    text = ACRONYM.sub(_acronym, text)
    text = GROUPED.sub(lambda m: re.sub(r"\D", "", m.group(0)), text)
    text = RANGE.sub(" إِلَى ", text)
    text = QUANTITY.sub(_quantity, text)
    text = SEQUENCE_DIGITS.sub(_sequence, text)
    return PLAIN_NUMBER.sub(_plain_number, text).replace(SEPARATOR, "")


# Words espeak-ng reads right as written, which mishkal vocalises wrongly (so
# they cannot be lexicon entries: the lexicon's test wants espeak-ng wrong on
# the written word). Kept from mishkal, with or without marks.
VOCALISED = {
    "يكون": "يَكُون",  # mishkal: yakwunna
    "مدى": "مَدَى",  # mishkal: muda
    "هل": "هَلْ",  # mishkal: hallun
    "خفض": "خَفْض", "رفع": "رَفْع",  # the nouns; mishkal: khaffada, rafa'a (verbs)
    "دعم": "دَعْم",  # mishkal: du'um
    "قراءة": "قِرَاءَه",  # mishkal: qurra'ah (readers)
    "إيثاق": "إِيثَاق", "إيقاف": "إِيقَاف",  # mishkal does not know them
    "التاموري": "التَّامُورِيّ",  # mishkal does not know it
    "مؤقت": "مُؤَقَّت", "كما": "كَمَا", "فعال": "فَعَّال",  # mishkal: mu?qt, kamman, fa'al
    "الجراحين": "الْجَرَّاحِين",  # mishkal (in some sentences): al-jarrahayn, two surgeons
    "الخاص": "الْخَاصّ",  # "your own" (care team), in the disclaimer the book speaks; mishkal leaves it bare
    "الضيق": "الضيق",  # the narrow (ad-dayyiq); marked, espeak-ng says "ad-da-i:-iq"
}
AS_WRITTEN = frozenset(word for word, say in VOCALISED.items() if word == say)
PREFIXES = {"و": "وَ", "ف": "فَ", "ب": "بِ", "ل": "لِ", "ك": "كَ", "وب": "وَبِ", "ول": "وَلِ", "وك": "وَكَ",
            "فب": "فَبِ", "فل": "فَلِ"}


def lexicon_file() -> Path:
    try:
        from flask import current_app

        return Path(current_app.config["AUDIO_TEMPLATES_DIR"]) / "lexicon" / "ar.toml"
    except (RuntimeError, KeyError):  # outside an app: the project's own lexicon
        from ...config import PROJECT_DIR

        return PROJECT_DIR / "audio_templates" / "lexicon" / "ar.toml"


@lru_cache(maxsize=4)
def prefixed_entries(path: str) -> tuple[re.Pattern | None, dict[str, str]]:
    """Each lexicon entry behind the prefixes and the article (بورم, للشفاء,
    والأطباء): written form -> respelling. An entry of its own wins."""
    file = Path(path)
    respell = tomllib.loads(file.read_text(encoding="utf-8")).get("respell", {}) if file.exists() else {}
    lexicon = {word: entry if isinstance(entry, str) else entry["say"] for word, entry in respell.items()}
    entries = lexicon | {word: say for word, say in VOCALISED.items() if word != say}
    forms = dict(entries)  # normalize only knows the lexicon's
    for word, say in entries.items():
        stems = [(word, say)]
        if not word.startswith("ال") and "ال" + word not in entries and "ال" + word not in AS_WRITTEN:
            stems.append(("ال" + word, definite(say)))  # ضيق, but not الضيق (another word)
        for stem, spoken in stems:
            forms.setdefault(stem, spoken)
            for prefix, vocalised in PREFIXES.items():
                if prefix.endswith("ل") and stem.startswith("ال"):
                    forms.setdefault(prefix + stem[1:], vocalised + spoken[1:])  # لِ + الشفاء = لِلشِّفَاء
                else:
                    forms.setdefault(prefix + stem, vocalised + spoken)
    for word in respell:
        forms.pop(word, None)  # normalize matched these already
    if not forms:
        return None, {}
    alternatives = "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
    return re.compile(f"{NOT_A_LETTER_BEFORE}(?:{alternatives}){NOT_A_LETTER_AFTER}"), forms


def respell_prefixed(text: str) -> str:
    pattern, forms = prefixed_entries(str(lexicon_file()))
    return pattern.sub(lambda m: forms[m.group(0)], text) if pattern else text


def finish(text: str) -> str:
    return vocalise(respell_prefixed(text), AS_WRITTEN)
