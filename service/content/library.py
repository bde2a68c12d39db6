"""The topics of this app, and each topic as it reads in one language.

Every page, audio request, command and benchmark reaches content through
here: the web layer adds only what HTTP needs (404s) on top.
"""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from ..i18n import translations_for
from .localized import LocalizedTopic, localize_topic
from .model import Topic, TopicLibrary
from .reviews import ReviewRecords, TopicReview, load_reviews, review_topic, topic_reviewables
from .termbase import TermBase, load_termbase


def topic_library() -> TopicLibrary:
    return current_app.extensions["carevoice.topics"]


def localized(topic: Topic, lang: str) -> LocalizedTopic:
    """``topic`` in ``lang``, built once per process.

    Topics and catalogs are fixed for the life of a process, and every page
    and audio request needs the localized topic. Keyed by slug and language
    code, never by the topic object."""
    memo: dict[tuple[str, str], LocalizedTopic] = current_app.extensions.setdefault("carevoice.localized", {})
    key = (topic.slug, lang)
    if key not in memo:
        source = current_app.config["SOURCE_LANGUAGE"]
        memo[key] = localize_topic(topic, translations_for(lang), lang, source_language=source, terms=termbase())
    return memo[key]


def localized_topics(lang: str) -> list[LocalizedTopic]:
    return [localized(t, lang) for t in topic_library()]


def termbase_path(config) -> Path:
    """``TERMBASE``, or ``termbase.toml`` beside the catalogs."""
    return Path(config.get("TERMBASE") or Path(config["TRANSLATIONS_DIR"]) / "termbase.toml")


def termbase() -> TermBase:
    return load_termbase(termbase_path(current_app.config))


def review_records(lang: str) -> ReviewRecords:
    """The review records of ``lang`` (TRANSLATIONS_DIR/reviews/LANG.json),
    read once per process like the catalogs they describe."""
    memo = current_app.extensions.setdefault("carevoice.reviews", {})
    if lang not in memo:
        memo[lang] = load_reviews(current_app.config["TRANSLATIONS_DIR"], lang)
    return memo[lang]


def topic_review(topic: Topic, lang: str) -> TopicReview:
    """How much of ``topic`` in ``lang`` has a review that still holds."""
    memo = current_app.extensions.setdefault("carevoice.topic_reviews", {})
    key = (topic.slug, lang)
    if key not in memo:
        items = topic_reviewables(topic, translations_for(lang), termbase(), lang)
        memo[key] = review_topic(items, review_records(lang))
    return memo[key]
