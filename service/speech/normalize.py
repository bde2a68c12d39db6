"""Text the engine reads well: per-language rules, then the lexicon.

Only the engine hears the result; transcripts and captions keep the text as
written.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from num2words import num2words

# "1. Chemotherapy" at the start of a line is list numbering, not speech. A
# capital must follow: Turkish "4. evre" at the start of a sentence is an
# ordinal and part of the medical claim.
LIST_NUMBER = re.compile(r"^\s*\d+[.)]\s+(?=[A-ZÇĞİÖŞÜ])")
QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})

ABBREVIATIONS = {
    "en": {"e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "Dr.": "Doctor", "vs.": "versus"},
    "tr": {"vb.": "ve benzeri", "vs.": "vesaire", "Dr.": "Doktor", "Prof.": "Profesör", "örn.": "örneğin"},
}

# Turkish writes ordinals as a number and a full stop ("4. evre"); a lowercase
# word after it tells an ordinal from the end of a sentence.
TURKISH_ORDINAL = re.compile(r"\b(\d{1,3})\.(?=\s+[a-zçğıöşü])")


def _turkish(text: str) -> str:
    return TURKISH_ORDINAL.sub(lambda m: num2words(int(m.group(1)), lang="tr", to="ordinal"), text)


LANGUAGE_RULES = {"tr": [_turkish]}


@lru_cache(maxsize=32)
def load_lexicon(path: str) -> tuple[tuple[re.Pattern, str], ...]:
    file = Path(path)
    if not file.exists():
        return ()
    with file.open("rb") as handle:
        respell = tomllib.load(handle).get("respell", {})
    return tuple((re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE), spoken) for word, spoken in respell.items())


def normalize_for_speech(text: str, lang: str, lexicon_dir: str | Path) -> str:
    text = text.translate(QUOTES)
    for rule in LANGUAGE_RULES.get(lang, []):
        text = rule(text)
    text = LIST_NUMBER.sub("", text)
    for written, spoken in ABBREVIATIONS.get(lang, {}).items():
        text = re.sub(rf"(?<!\w){re.escape(written)}", spoken, text)
    for pattern, spoken in load_lexicon(str(Path(lexicon_dir) / f"{lang}.toml")):
        text = pattern.sub(spoken, text)
    return text
