"""The English topic model and its loading from TOML files."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

# Slugs and section ids appear in URLs, cache keys and msgctxt: keep them tame.
IDENTIFIER = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ContentError(ValueError):
    """A topic file that does not have the shape a topic needs."""


def message_context(slug: str, *path: str) -> str:
    """The msgctxt of one field of a topic, e.g. ``slug:chemotherapy:heading``.

    Shared by the extractor and the page renderer, so the two cannot drift.
    """
    return ":".join((slug, *path))


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    paragraphs: tuple[str, ...]
    kind: str = "section"

    @property
    def is_treatment_option(self) -> bool:
        return self.kind == "treatment-option"


@dataclass(frozen=True)
class Glossary:
    term: str
    explanation: str
    id: str


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    last_reviewed: dt.date
    next_review_due: dt.date
    source_title: str
    source_note: str
    sections: tuple[Section, ...]
    source_url: str | None = None
    glossary: tuple[Glossary, ...] = field(default=())

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    @property
    def treatment_options(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.is_treatment_option)

    def messages(self):
        """Every translatable field as ``(msgctxt, english_text, comment)``."""
        yield message_context(self.slug, "title"), self.title, "Title of the topic"
        yield (message_context(self.slug, "source.title"), self.source_title,
               "Title of the source article, as cited")
        yield (message_context(self.slug, "source.note"), self.source_note,
               "Attribution of the source, shown at the foot of the topic")
        for section in self.sections:
            yield (message_context(self.slug, section.id, "heading"), section.heading,
                   f"Heading of the section '{section.id}'")
            for number, paragraph in enumerate(section.paragraphs, start=1):
                yield (message_context(self.slug, section.id, f"paragraph-{number}"), paragraph,
                       f"Paragraph {number} of the section '{section.id}'")
        # A glossary term itself is not a message: it is the term base's (termbase.toml).
        for entry in self.glossary:
            yield (message_context(self.slug, "glossary", entry.id, "explanation"), entry.explanation,
                   f"Plain-language explanation of the term '{entry.term}'")


def _require(mapping: dict, key: str, kind: type, where: str):
    value = mapping.get(key)
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        raise ContentError(f"{where}: '{key}' must be a non-empty {kind.__name__}")
    return value


def _identifier(value: str, where: str) -> str:
    if not IDENTIFIER.match(value):
        raise ContentError(f"{where}: '{value}' is not a lowercase, hyphenated identifier")
    return value


def parse_topic(data: dict, where: str) -> Topic:
    slug = _identifier(_require(data, "slug", str, where), where)
    source = _require(data, "source", dict, where)
    sections = []
    for index, raw in enumerate(_require(data, "sections", list, where), start=1):
        at = f"{where}: section {index}"
        paragraphs = _require(raw, "paragraphs", list, at)
        if not all(isinstance(p, str) and p.strip() for p in paragraphs):
            raise ContentError(f"{at}: every paragraph must be non-empty text")
        sections.append(Section(
            id=_identifier(_require(raw, "id", str, at), at),
            heading=_require(raw, "heading", str, at),
            paragraphs=tuple(paragraphs),
            kind=raw.get("kind", "section"),
        ))
    ids = [s.id for s in sections]
    if len(set(ids)) != len(ids):
        raise ContentError(f"{where}: section ids must be unique")
    glossary = tuple(
        Glossary(
            term=_require(raw, "term", str, f"{where}: glossary"),
            explanation=_require(raw, "explanation", str, f"{where}: glossary"),
            id=_identifier(_require(raw, "id", str, f"{where}: glossary"), where),
        )
        for raw in data.get("glossary", [])
    )
    return Topic(
        slug=slug,
        title=_require(data, "title", str, where),
        last_reviewed=_require(data, "last_reviewed", dt.date, where),
        next_review_due=_require(data, "next_review_due", dt.date, where),
        source_title=_require(source, "title", str, f"{where}: source"),
        source_note=_require(source, "note", str, f"{where}: source"),
        source_url=source.get("url"),
        sections=tuple(sections),
        glossary=glossary,
    )


def load_topic_file(path: Path) -> Topic:
    with path.open("rb") as handle:
        try:
            data = tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:
            raise ContentError(f"{path}: {error}") from error
    return parse_topic(data, str(path))


class TopicLibrary:
    """All topics, in a stable order, looked up by slug."""

    def __init__(self, topics: list[Topic]):
        self._topics = {t.slug: t for t in topics}
        if len(self._topics) != len(topics):
            raise ContentError("two topic files share a slug")

    def __iter__(self):
        return iter(self._topics.values())

    def __len__(self):
        return len(self._topics)

    def get(self, slug: str) -> Topic | None:
        return self._topics.get(slug)


def load_topics(directory: Path) -> TopicLibrary:
    return TopicLibrary([load_topic_file(p) for p in sorted(Path(directory).glob("*.toml"))])
