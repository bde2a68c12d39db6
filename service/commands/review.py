"""What a reviewer signs off, and how much of it still holds, read from the
PO catalogs (what is there now) and the review records beside them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import click
from babel.messages.catalog import Catalog

from ..content.model import Topic
from ..content.reviews import OUTDATED, REVIEWED, UNREVIEWED, Reviewable, ReviewRecords, term_reviewable
from ..content.termbase import TermBase
from .catalogs import is_translated, sources_of, strings_of


@dataclass(frozen=True)
class Scope:
    """The messages of one review: a topic's, or a whole language's."""

    catalog: Catalog
    terms: TermBase
    lang: str
    topic: Topic | None = None

    def reviewables(self) -> list[Reviewable]:
        prefix = f"{self.topic.slug}:" if self.topic else None
        items = [
            Reviewable(m.context, sources_of(m), strings_of(m) if is_translated(m) else None)
            for m in self.catalog
            if m.id and (prefix is None or (m.context or "").startswith(prefix))
        ]
        if self.topic:
            concepts = [self.terms.concept(g.term) for g in self.topic.glossary]
        else:
            concepts = [c for c in self.terms if self.lang in c.terms]
        return items + [term_reviewable(c, self.lang) for c in concepts if c is not None]


def counts(items: list[Reviewable], records: ReviewRecords) -> dict[str, int]:
    found = Counter(records.state(item)[0] for item in items)
    return {state: found[state] for state in (REVIEWED, UNREVIEWED, OUTDATED)}


def record_review(scope: Scope, records: ReviewRecords, role: str, date: dt.date) -> int:
    """Records a review of everything in ``scope`` as it stands; refuses (and
    records nothing) while any of it is fuzzy or untranslated."""
    if not role.strip():
        raise click.ClickException("--role must say who reviewed (a role, such as 'oncology nurse'; no names)")
    items = scope.reviewables()
    if not items:
        raise click.ClickException("there is nothing to review here")
    unfinished = [item for item in items if item.translation is None]
    if unfinished:
        names = "\n  ".join(item.context or item.english[0] for item in unfinished[:20])
        more = f"\n  and {len(unfinished) - 20} more" if len(unfinished) > 20 else ""
        raise click.ClickException(
            f"{len(unfinished)} messages are fuzzy or untranslated; translate them first:\n  {names}{more}")
    for item in items:
        records.record(item, role.strip(), date)
    return len(items)
