"""Text the engine reads well: the language's rules, then its lexicon.

Only the engine hears the result; transcripts and captions keep the text as
written. The rules of each language are in ``rules/``; the lexicons, which
editors keep, in ``audio_templates/lexicon/LANG.toml``.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from ..content.termbase import load_termbase
from . import rules

# "1. Chemotherapy" at the start of a line is list numbering, not speech. A
# capital must follow: Turkish "4. evre" at the start of a sentence is an
# ordinal and part of the medical claim.
LIST_NUMBER = re.compile(r"^\s*\d+[.)]\s+(?=\w)")
QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "„": '"'})


@lru_cache(maxsize=32)
def load_lexicon(path: str, termbase: str | None = None) -> tuple[tuple[re.Pattern, str], ...]:
    """The respellings of a lexicon file and of the term base's terms in its
    language, longest first (so that a phrase wins over a word inside it). An
    entry is ``word = "respelling"`` or a table whose ``say`` is the
    respelling (and whose ``wrong``/``right`` record what espeak-ng said
    before and after, checked by tests/test_lexicons.py)."""
    file = Path(path)
    respell = {}
    if file.exists():
        with file.open("rb") as handle:
            respell = tomllib.load(handle).get("respell", {})
    said = {word: entry if isinstance(entry, str) else entry["say"] for word, entry in respell.items()}
    if termbase:
        said |= load_termbase(termbase).respellings(file.stem)
    entries = sorted(said.items(), key=lambda item: -len(item[0]))
    return tuple((re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE), spoken) for word, spoken in entries)


def normalize_for_speech(text: str, lang: str, lexicon_dir: str | Path, termbase: str | Path | None = None) -> str:
    text = text.translate(QUOTES)
    text = rules.before_lexicon(text, lang)
    numbered = LIST_NUMBER.match(text)
    if numbered and text[numbered.end()].isupper():  # a capital of any script: Ê, Ж, Ü
        text = text[numbered.end():]
    for written, spoken in rules.abbreviations(lang).items():
        text = re.sub(rf"(?<!\w){re.escape(written)}", spoken, text)
    for pattern, spoken in load_lexicon(str(Path(lexicon_dir) / f"{lang}.toml"), termbase and str(termbase)):
        text = pattern.sub(spoken, text)
    return rules.after_lexicon(text, lang)
