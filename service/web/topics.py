"""Looking up topics and languages named in a URL, for every blueprint."""

from __future__ import annotations

from flask import current_app, g
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import BadRequest, NotFound

from ..content import LocalizedTopic, Topic, localize_topic
from ..i18n import get_language, translations_for
from .errors import PatientFacing


class UnknownLanguage(PatientFacing, NotFound):
    description = _l("We do not have information in that language. Please choose one of the languages below.")


class NotALanguageTag(PatientFacing, BadRequest):
    description = _l("The lang parameter must be a language tag such as “en” or “tr”.")


class UnknownTopic(PatientFacing, NotFound):
    description = _l("There is no topic at this address. The topics we have are listed below.")


class UnknownSection(PatientFacing, NotFound):
    description = _l("This topic has no section at this address.")


def topic_library():
    return current_app.extensions["carevoice.topics"]


def use_language(code: str) -> str:
    """Make ``code`` the request's language, or answer 404."""
    if not get_language(code):
        raise UnknownLanguage()
    g.lang = code
    return code


def find_topic(slug: str) -> Topic:
    topic = topic_library().get(slug)
    if topic is None:
        raise UnknownTopic()
    return topic


def localized(topic: Topic, lang: str) -> LocalizedTopic:
    # Topics and catalogs are fixed for the life of a process, and every page
    # and audio request needs the localized topic: build it once.
    memo = current_app.extensions.setdefault("carevoice.localized", {})
    key = (topic.slug, lang)
    if key not in memo:
        memo[key] = localize_topic(topic, translations_for(lang), lang)
    return memo[key]


def localized_topics(lang: str) -> list[LocalizedTopic]:
    return [localized(t, lang) for t in topic_library()]
