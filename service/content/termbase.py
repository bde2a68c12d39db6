"""The term base (``translations/termbase.toml``): every medical term of the
topics, one concept each, with its approved form in every language.

It is the only copy of the terms: the glossary takes each term from here,
the speech lexicons their respellings, ``flask translations status`` checks
the catalogs against it and ``flask translations export --format tbx``
writes it for translators' tools.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

# A word loses at most this many letters of its ending when the check looks
# for a term inflected (Russian мезотелиома -> мезотелиомы, German
# Stadium -> Stadien); shorter words must appear whole.
ENDING = 2
SHORTEST_STEM = 4


@dataclass(frozen=True)
class Respelling:
    """How a voice is made to say a word: ``say``, and what espeak-ng says
    for the word as written (``wrong``) and respelled (``right``)."""

    say: str
    wrong: str
    right: str


@dataclass(frozen=True)
class Term:
    target: str
    also: str | None = None
    avoid: tuple[str, ...] = ()
    note: str | None = None
    respell: Respelling | None = None
    forms: tuple[str, ...] = ()  # other forms the text may use (a plural, a case, the construct state)

    def found_in(self, text: str, prefixes: tuple[str, ...] = ()) -> bool:
        """Whether ``text`` uses the term: its target or one of its forms, inflected."""
        return any(stem_pattern(form, prefixes).search(text) for form in (self.target, *self.forms))


@dataclass(frozen=True)
class Concept:
    id: str
    en: str
    respell: Respelling | None = None
    terms: dict[str, Term] = field(default_factory=dict)  # by language code


class TermBase:
    def __init__(self, concepts: list[Concept], prefixes: dict[str, tuple[str, ...]] | None = None):
        self.concepts = tuple(concepts)
        # What a language writes joined to the front of a word (Arabic و, ب, ال).
        self.prefixes = prefixes or {}
        self._by_english = {c.en.casefold(): c for c in self.concepts}
        if len(self._by_english) != len(self.concepts):
            raise ValueError("two concepts of the term base share their English term")

    def __iter__(self):
        return iter(self.concepts)

    def concept(self, english: str) -> Concept | None:
        return self._by_english.get(english.casefold())

    def term(self, english: str, lang: str) -> Term | None:
        concept = self.concept(english)
        return concept.terms.get(lang) if concept else None

    def respellings(self, lang: str, source_language: str = "en") -> dict[str, str]:
        """The words of ``lang`` its voice is given respelled: each term's target
        (or, for the source language, the English term) -> what to say."""
        if lang == source_language:
            return {c.en: c.respell.say for c in self.concepts if c.respell}
        return {c.terms[lang].target: c.terms[lang].respell.say for c in self.concepts
                if lang in c.terms and c.terms[lang].respell}

    def used_in(self, english_text: str) -> list[Concept]:
        """The concepts whose English term occurs in ``english_text`` (at the
        start of a word, any ending: "tumors" uses "tumor")."""
        return [c for c in self.concepts if starts_a_word(c.en, english_text)]


def starts_a_word(term: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(term)}", text, re.IGNORECASE) is not None


@lru_cache(maxsize=4096)
def stem_pattern(target: str, prefixes: tuple[str, ...] = ()) -> re.Pattern:
    """``target`` as the consistency check looks for it: each word at the start
    of a word of the text (after one of the language's ``prefixes``), its
    ending free (up to ENDING letters of it), as the glossary linker matches a
    term with its suffixes."""
    words = []
    for word in target.split():
        cut = min(ENDING, max(0, len(word) - SHORTEST_STEM)) if word.isalpha() else 0
        start = "(?:" + "|".join(map(re.escape, sorted(prefixes, key=len, reverse=True))) + ")?" if prefixes else ""
        words.append(r"(?<!\w)" + start + re.escape(word[:len(word) - cut]) + r"\w*")
    return re.compile(r"\W+".join(words), re.IGNORECASE)


def _respelling(raw: dict | None) -> Respelling | None:
    return Respelling(raw["say"], raw["wrong"], raw["right"]) if raw else None


def parse_termbase(data: dict) -> TermBase:
    concepts = []
    for raw in data.get("concept", []):
        terms = {
            lang: Term(target=entry["target"], also=entry.get("also"), avoid=tuple(entry.get("avoid", ())),
                       note=entry.get("note"), respell=_respelling(entry.get("respell")),
                       forms=tuple(entry.get("forms", ())))
            for lang, entry in raw.items()
            if isinstance(entry, dict) and lang != "respell"
        }
        concepts.append(Concept(id=raw["id"], en=raw["en"], respell=_respelling(raw.get("respell")), terms=terms))
    prefixes = {lang: tuple(forms) for lang, forms in data.get("prefixes", {}).items()}
    return TermBase(concepts, prefixes)


def load_termbase(path: str | Path) -> TermBase:
    """The term base in ``path``; an absent file is an empty term base (a
    language without terms yet, or a test's own small catalog)."""
    return _load(str(path), _mtime(Path(path)))


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return None


@lru_cache(maxsize=8)
def _load(path: str, _mtime_ns) -> TermBase:
    if _mtime_ns is None:
        return TermBase([])
    with open(path, "rb") as handle:
        return parse_termbase(tomllib.load(handle))
