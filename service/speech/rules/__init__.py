"""Per-language rules that turn written text into the words a speaker says.

One module per language, named by its code. Each may define:

- ``ABBREVIATIONS``: written form -> spoken words ("z. B." -> "zum Beispiel");
- ``normalize(text)``: numbers, ordinals, decimal marks, percentages, units
  and Roman numerals, in the grammatical form the sentence asks for; runs
  before the lexicon;
- ``finish(text)``: what must see the text after the lexicon (Arabic's
  vocalisation);
- ``SPELLED``: words that are rightly said letter by letter (acronyms such as
  Russian "КТ"), which the pronunciation check lets pass.

A language without a module is spoken as written (after the lexicon).
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from types import ModuleType


@lru_cache(maxsize=None)
def rules_for(lang: str) -> ModuleType | None:
    if not lang.isidentifier():
        return None
    try:
        return importlib.import_module(f"{__name__}.{lang}")
    except ModuleNotFoundError as missing:
        if missing.name != f"{__name__}.{lang}":
            raise  # the module exists and lacks a library: say so, do not go quiet
        return None


def abbreviations(lang: str) -> dict[str, str]:
    return getattr(rules_for(lang), "ABBREVIATIONS", {})


def spelled_rightly(lang: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in getattr(rules_for(lang), "SPELLED", ()))


def before_lexicon(text: str, lang: str) -> str:
    rule = getattr(rules_for(lang), "normalize", None)
    return rule(text) if rule else text


def after_lexicon(text: str, lang: str) -> str:
    rule = getattr(rules_for(lang), "finish", None)
    return rule(text) if rule else text
