"""A topic seen in one language: each text knows which language it is in.

A field whose translation is missing falls back to English and says so, so the
page can mark it ``lang="en"`` and a screen reader switches voice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..i18n import catalog_message
from .model import Topic, message_context
from .termbase import TermBase


@dataclass(frozen=True)
class LocalizedText:
    text: str
    lang: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class LocalizedSection:
    id: str
    kind: str
    heading: LocalizedText
    paragraphs: tuple[LocalizedText, ...]
    option_number: int | None  # 1-based position among the treatment options


@dataclass(frozen=True)
class LocalizedGlossaryEntry:
    id: str
    term: LocalizedText
    explanation: LocalizedText


@dataclass(frozen=True)
class LocalizedTopic:
    slug: str
    lang: str
    title: LocalizedText
    source_title: LocalizedText
    source_note: LocalizedText
    source_url: str | None
    last_reviewed: dt.date
    next_review_due: dt.date
    sections: tuple[LocalizedSection, ...]
    option_count: int
    glossary: tuple[LocalizedGlossaryEntry, ...]

    def section(self, section_id: str) -> LocalizedSection | None:
        return next((s for s in self.sections if s.id == section_id), None)


def localize_topic(topic: Topic, translations, lang: str, source_language: str,
                   terms: TermBase | None = None) -> LocalizedTopic:
    """``topic`` in ``lang``; a field without a translation stays in
    ``source_language``. Glossary terms come from the term base ``terms``."""

    def text(context_path: tuple[str, ...], english: str) -> LocalizedText:
        if lang == source_language:
            return LocalizedText(english, lang)
        translated = catalog_message(translations, f"{message_context(topic.slug, *context_path)}\x04{english}")
        return LocalizedText(translated, lang) if translated else LocalizedText(english, source_language)

    def term(english: str) -> LocalizedText:
        found = terms.term(english, lang) if terms and lang != source_language else None
        return LocalizedText(found.target, lang) if found else LocalizedText(english, source_language)

    sections = []
    option_number = 0
    for section in topic.sections:
        if section.is_treatment_option:
            option_number += 1
        sections.append(LocalizedSection(
            id=section.id,
            kind=section.kind,
            heading=text((section.id, "heading"), section.heading),
            paragraphs=tuple(
                text((section.id, f"paragraph-{n}"), p) for n, p in enumerate(section.paragraphs, start=1)
            ),
            option_number=option_number if section.is_treatment_option else None,
        ))
    return LocalizedTopic(
        slug=topic.slug,
        lang=lang,
        title=text(("title",), topic.title),
        source_title=text(("source.title",), topic.source_title),
        source_note=text(("source.note",), topic.source_note),
        source_url=topic.source_url,
        last_reviewed=topic.last_reviewed,
        next_review_due=topic.next_review_due,
        sections=tuple(sections),
        option_count=option_number,
        glossary=tuple(
            LocalizedGlossaryEntry(
                id=g.id,
                term=term(g.term),
                explanation=text(("glossary", g.id, "explanation"), g.explanation),
            )
            for g in topic.glossary
        ),
    )
