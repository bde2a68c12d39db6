"""The reader's pages: language redirect, topic list, topic."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for

from ..i18n import negotiate_language
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
    return render_template("topic.html", topic=localized(find_topic(slug), lang))
