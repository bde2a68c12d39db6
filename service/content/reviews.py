"""Review records: which translations a qualified person checked against the
English, and whether that still holds.

A record names a message (msgctxt and msgid; a term of the term base by
``termbase:<concept id>`` and its English), the role of whoever reviewed it
(never a name), the date, and digests of the English and of the translation
that were reviewed. It holds while both digests still match: when either
text changes the message is "outdated" without anyone resetting anything.

The records of a language are ``reviews/LANG.json`` beside the catalogs: a
file of its own, since a PO editor rewrites a catalog's comments and flags.
Only ``flask translations review`` writes them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from ..i18n import catalog_message
from .model import Topic

REVIEWED, UNREVIEWED, OUTDATED = "reviewed", "unreviewed", "outdated"
TERMBASE_CONTEXT = "termbase"


def digest(texts: tuple[str, ...]) -> str:
    """The digest of a text (all plural forms of it, in order)."""
    return hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Reviewable:
    """One message as it stands: its English, and its translation (None when
    fuzzy or missing: nothing there may be called reviewed)."""

    context: str | None
    english: tuple[str, ...]
    translation: tuple[str, ...] | None

    @property
    def key(self) -> tuple[str | None, str]:
        return self.context, self.english[0]


@dataclass(frozen=True)
class Review:
    context: str | None
    msgid: str
    english_sha256: str
    translation_sha256: str
    role: str
    date: dt.date

    def as_json(self) -> dict:
        return {**asdict(self), "date": self.date.isoformat()}


def term_reviewable(concept, lang: str) -> Reviewable:
    term = concept.terms.get(lang)
    return Reviewable(f"{TERMBASE_CONTEXT}:{concept.id}", (concept.en,), (term.target,) if term else None)


class ReviewRecords:
    def __init__(self, reviews: list[Review] = ()):
        self._by_key = {(r.context, r.msgid): r for r in reviews}

    def __iter__(self):
        return iter(sorted(self._by_key.values(), key=lambda r: (r.context or "", r.msgid)))

    def _record_of(self, item: Reviewable) -> Review | None:
        """The record for ``item``: of its msgctxt and msgid, or of its msgctxt
        alone (the English of a topic's field changed: its msgid with it)."""
        found = self._by_key.get(item.key)
        if found is None and item.context is not None:
            found = next((r for (context, _), r in self._by_key.items() if context == item.context), None)
        return found

    def state(self, item: Reviewable) -> tuple[str, Review | None]:
        """"reviewed" (with the review that holds), "outdated" (a review of
        other texts), or "unreviewed"."""
        record = self._record_of(item)
        if record is None:
            return UNREVIEWED, None
        if (item.translation is not None and record.english_sha256 == digest(item.english)
                and record.translation_sha256 == digest(item.translation)):
            return REVIEWED, record
        return OUTDATED, None

    def record(self, item: Reviewable, role: str, date: dt.date) -> None:
        """Records a review of ``item`` as it stands, in place of any earlier one."""
        if item.translation is None:
            raise ValueError(f"{item.key}: only a translation can be reviewed")
        if item.context is not None:
            self._by_key = {k: r for k, r in self._by_key.items() if k[0] != item.context}
        self._by_key[item.key] = Review(item.context, item.english[0], digest(item.english),
                                        digest(item.translation), role, date)


def records_path(translations_dir: str | Path, lang: str) -> Path:
    return Path(translations_dir) / "reviews" / f"{lang}.json"


def load_reviews(translations_dir: str | Path, lang: str) -> ReviewRecords:
    path = records_path(translations_dir, lang)
    if not path.exists():
        return ReviewRecords()
    data = json.loads(path.read_text(encoding="utf-8"))
    return ReviewRecords([
        Review(r["context"], r["msgid"], r["english_sha256"], r["translation_sha256"], r["role"],
               dt.date.fromisoformat(r["date"]))
        for r in data["reviews"]
    ])


def save_reviews(translations_dir: str | Path, lang: str, records: ReviewRecords) -> Path:
    """Writes the records whole, then renames them into place."""
    path = records_path(translations_dir, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    document = {"language": lang, "reviews": [r.as_json() for r in records]}
    temporary.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    temporary.replace(path)
    return path


def topic_reviewables(topic: Topic, translations, terms, lang: str) -> list[Reviewable]:
    """What a reviewer checks of ``topic`` in ``lang``: every field and glossary
    explanation (their translations from the compiled catalog, where fuzzy
    ones are absent), and each glossary term's entry in the term base. The
    interface's own words are not part of a topic."""
    items = []
    for context, english, _comment in topic.messages():
        translation = catalog_message(translations, f"{context}\x04{english}")
        items.append(Reviewable(context, (english,), (translation,) if translation else None))
    for entry in topic.glossary:
        concept = terms.concept(entry.term) if terms else None
        items.append(term_reviewable(concept, lang) if concept else
                     Reviewable(f"{TERMBASE_CONTEXT}:{entry.id}", (entry.term,), None))
    return items


@dataclass(frozen=True)
class TopicReview:
    reviewed: int
    total: int
    reviewed_on: dt.date | None  # the oldest review that still holds
    roles: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.reviewed == self.total


def review_topic(items: list[Reviewable], records: ReviewRecords) -> TopicReview:
    holding = [review for item in items for state, review in [records.state(item)] if state == REVIEWED]
    roles = tuple(dict.fromkeys(r.role for r in sorted(holding, key=lambda r: r.date)))
    return TopicReview(len(holding), len(items), min((r.date for r in holding), default=None), roles)
