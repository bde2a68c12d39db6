"""The JSON API, version 1: the same content as the pages."""

from __future__ import annotations

from flask import Blueprint, current_app, request, url_for
from flask_babel import format_date

from ..content.library import localized_topics
from ..i18n import all_languages, is_language_tag, negotiate_language
from .errors import NotALanguageTag
from .lookup import find_topic, use_language
from .player import topic_audio_links
from .reading import disclaimer
from .translation_notice import has_fallback, passage_being_updated, translation_notice, translation_state

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def requested_language() -> str:
    """``?lang=`` when given (400 if it is no language tag, 404 if we lack it)."""
    code = request.args.get("lang")
    if code is None:
        return use_language(negotiate_language())
    if not is_language_tag(code):
        raise NotALanguageTag()
    return use_language(code)


def topic_summary(topic) -> dict:
    return {
        "slug": topic.slug,
        "lang": topic.lang,
        "title": topic.title.text,
        "url": url_for("api.topic", slug=topic.slug, lang=topic.lang, _external=False),
        "page": url_for("pages.topic", lang=topic.lang, slug=topic.slug),
    }


def topic_document(topic) -> dict:
    links = topic_audio_links(topic)
    state = translation_state(topic)
    return {
        **topic_summary(topic),
        "translation": {**state.as_json(), "notice": translation_notice(state),
                        "passage_note": passage_being_updated() if has_fallback(topic) else None,
                        "original": url_for("api.topic", slug=topic.slug, lang=current_app.config["SOURCE_LANGUAGE"])},
        "metadata": {
            "last_reviewed": topic.last_reviewed.isoformat(),
            "last_reviewed_text": format_date(topic.last_reviewed, "long"),
            "next_review_due": topic.next_review_due.isoformat(),
            "next_review_due_text": format_date(topic.next_review_due, "long"),
            "source": {
                "title": topic.source_title.text,
                "note": topic.source_note.text,
                "url": topic.source_url,
            },
            "disclaimer": disclaimer(),
        },
        **_audio_members(links["topic"] if links else None),
        "book": links["book"] if links else None,
        "sections": [
            {
                "id": s.id,
                "heading": s.heading.text,
                "heading_lang": s.heading.lang,
                "paragraphs": [p.text for p in s.paragraphs],
                "paragraph_langs": [p.lang for p in s.paragraphs],
                **_audio_members(links["sections"][s.id] if links else None),
            }
            for s in topic.sections
        ],
    }


def _audio_members(links: dict | None) -> dict:
    """``audio``, ``timings`` and ``transcript``; null where there is no voice."""
    if links is None:
        return {"audio": None, "timings": None, "timings_json": None, "transcript": None}
    return {key: links[key] for key in ("audio", "timings", "timings_json", "transcript")}


@bp.get("/languages")
def languages():
    return {
        "languages": [
            {"code": lang.code, "name": lang.native_name, "direction": lang.direction}
            for lang in all_languages()
        ]
    }


@bp.get("/topics")
def topics():
    lang = requested_language()
    return {"lang": lang, "topics": [topic_summary(t) for t in localized_topics(lang)]}


@bp.get("/topics/<slug>")
def topic(slug):
    lang = requested_language()
    return topic_document(find_topic(slug, lang))
