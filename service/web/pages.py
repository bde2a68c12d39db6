"""The reader's pages: language redirect, topic list, topic."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for

from ..content.library import localized_topics
from ..i18n import negotiate_language
from .lookup import find_topic, take_language
from .player import player_messages, topic_audio_links
from .reading import GlossaryLinker, disclaimer, source_note, with_sentences
from .translation_notice import original_link_text, passage_being_updated, translation_notice, translation_state

bp = Blueprint("pages", __name__)
bp.url_value_preprocessor(take_language)


@bp.get("/")
def choose_language():
    response = redirect(url_for("pages.topic_list", lang=negotiate_language()), code=302)
    response.vary.add("Accept-Language")
    return response


@bp.get("/<lang>/")
def topic_list(lang):
    return render_template("topics.html", topics=localized_topics(lang))


bp.app_template_global("disclaimer")(disclaimer)
bp.app_template_filter("with_sentences")(with_sentences)
for helper in (translation_state, translation_notice, original_link_text, passage_being_updated, source_note):
    bp.app_template_global()(helper)


@bp.get("/<lang>/topics/<slug>/")
def topic(lang, slug):
    shown = find_topic(slug, lang)
    return render_template(
        "topic.html",
        topic=shown,
        audio=topic_audio_links(shown),
        glossary_links=GlossaryLinker(shown.glossary),
        player_messages=player_messages(),
    )

