"""Whether a clinician has checked the translation a patient is reading, said
the same way on the page, the kiosk (aloud too) and in the API.

A translation is "unreviewed" until a person who reviewed it records that with
``flask translations review``; nothing in the code or the catalogs marks it
reviewed on its own. A topic is "reviewed" when every one of its messages
(fields, glossary explanations, and its glossary terms in the term base) has
a review that still holds (service/content/reviews.py); the interface's own
words do not count for a topic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import ngettext

from ..content.library import topic_library, topic_review
from ..i18n import local_number


@dataclass(frozen=True)
class TranslationState:
    status: str  # "source" (the text as written), "unreviewed" or "reviewed"
    reviewed_on: dt.date | None = None  # the oldest review that still holds
    role: str | None = None  # who reviewed: a role, never a name
    reviewed: int = 0  # messages of the topic whose review holds
    total: int = 0

    def as_json(self) -> dict:
        return {
            "status": self.status,
            "reviewed_on": self.reviewed_on.isoformat() if self.reviewed_on else None,
            "role": self.role,
            "reviewed": self.reviewed,
            "total": self.total,
        }


def translation_state(topic) -> TranslationState:
    """The state of ``topic`` (a localized topic) in its language: the date is
    that of the oldest review that still holds, the role each reviewer's."""
    if topic.lang == current_app.config["SOURCE_LANGUAGE"]:
        return TranslationState("source")
    review = topic_review(topic_library().get(topic.slug), topic.lang)
    return TranslationState("reviewed" if review.complete else "unreviewed", review.reviewed_on,
                            "; ".join(review.roles) or None, review.reviewed, review.total)


def translation_notice(state: TranslationState) -> str | None:
    """The sentence a reader of a translation is told; None for the source."""
    if state.status == "source":
        return None
    if state.status == "reviewed":
        return _("This translation was checked by a clinician (%(role)s) on %(date)s.",
                 role=state.role, date=format_date(state.reviewed_on, "long"))
    if state.reviewed:
        return ngettext("%(reviewed)s of %(count)s passage of this translation has been checked by a clinician.",
                        "%(reviewed)s of %(count)s passages of this translation have been checked by a clinician.",
                        state.total, reviewed=local_number(state.reviewed), count=local_number(state.total))
    return _("This translation has not yet been checked by a clinician.")


def original_link_text() -> str:
    return _("Read the original text")


def passage_being_updated() -> str:
    """Said beside a passage shown in the source language while its translation is redone."""
    return _("The translation of this passage is being updated. It is shown in the original language until then.")


def has_fallback(topic) -> bool:
    """Whether a passage of ``topic`` is shown in another language than the topic's."""
    return any(p.lang != topic.lang for s in topic.sections for p in (s.heading, *s.paragraphs))
