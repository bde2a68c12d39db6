"""The reader's pages: language redirect, topic list, topic."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import gettext as _

from ..i18n import get_language, negotiate_language
from ..speech import voice_problem
from .audio import audio_links
from .reading import GlossaryLinker, with_sentences
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


@bp.app_template_filter("with_sentences")
def with_sentences_filter(text, linker=None):
    return with_sentences(text, linker)


@bp.get("/<lang>/topics/<slug>/")
def topic(lang, slug):
    shown = localized(find_topic(slug), lang)
    return render_template(
        "topic.html",
        topic=shown,
        audio=topic_audio_links(shown),
        glossary_links=GlossaryLinker(shown.glossary),
        player_messages=player_messages(),
    )


def player_messages() -> dict:
    """What the player announces (politely) when its state changes."""
    return {
        "playing": _("Playing: %(label)s"),
        "paused": _("Paused"),
        "stopped": _("Stopped"),
        "ended": _("Finished: %(label)s"),
        "speed": _("Speed %(rate)s×"),
        "textSize": _("Text size %(percent)s"),
        "error": _("The audio could not be played. The text of the page is complete without it."),
    }


def topic_audio_links(topic) -> dict | None:
    """Links for the topic's players, or None where the language has no voice."""
    if voice_problem(get_language(topic.lang)):
        return None
    return {
        "topic": audio_links(topic.lang, topic.slug),
        "sections": {s.id: audio_links(topic.lang, topic.slug, s.id) for s in topic.sections},
        "glossary": {g.id: url_for("audio.glossary_audio", lang=topic.lang, slug=topic.slug, term=g.id, fmt="mp3")
                     for g in topic.glossary},
    }
