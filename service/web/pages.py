"""The reader's pages: language redirect, topic list, topic."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for

from ..i18n import get_language, negotiate_language
from ..speech import voice_problem
from .audio import audio_links
from .topics import find_topic, localized, localized_topics, use_language

bp = Blueprint("pages", __name__)


@bp.url_value_preprocessor
def take_language(endpoint, values):
    if values and "lang" in values:
        use_language(values["lang"])


@bp.get("/")
def choose_language():
    response = redirect(url_for("pages.topic_list", lang=negotiate_language()), code=302)
    response.vary.add("Accept-Language")
    return response


@bp.get("/<lang>/")
def topic_list(lang):
    return render_template("topics.html", topics=localized_topics(lang))


@bp.get("/<lang>/topics/<slug>/")
def topic(lang, slug):
    shown = localized(find_topic(slug), lang)
    return render_template("topic.html", topic=shown, audio=topic_audio_links(shown))


def topic_audio_links(topic) -> dict | None:
    """Links for the topic's players, or None where the language has no voice."""
    if voice_problem(get_language(topic.lang)):
        return None
    return {
        "topic": audio_links(topic.lang, topic.slug),
        "sections": {s.id: audio_links(topic.lang, topic.slug, s.id) for s in topic.sections},
    }
