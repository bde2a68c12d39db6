"""What a URL names: its language, topic, section, glossary term and format.

Each lookup makes the request's language known or answers a 404 in the
visitor's terms (web/errors.py); the content itself comes from content/.
"""

from __future__ import annotations

from flask import g

from ..content import LocalizedGlossaryEntry, LocalizedSection, LocalizedTopic
from ..content.library import localized, topic_library
from ..i18n import get_language
from ..speech.encode import FORMATS
from .errors import UnknownFormat, UnknownLanguage, UnknownSection, UnknownTopic


def use_language(code: str) -> str:
    """Make ``code`` the request's language, or answer 404."""
    if not get_language(code):
        raise UnknownLanguage()
    g.lang = code
    return code


def take_language(endpoint, values) -> None:
    """A blueprint's url_value_preprocessor: a ``<lang>`` in the URL is the page's language."""
    if values and "lang" in values:
        use_language(values["lang"])


def find_topic(slug: str, lang: str) -> LocalizedTopic:
    topic = topic_library().get(slug)
    if topic is None:
        raise UnknownTopic()
    return localized(topic, lang)


def find_section(topic: LocalizedTopic, section_id: str) -> LocalizedSection:
    section = topic.section(section_id)
    if section is None:
        raise UnknownSection()
    return section


def find_glossary_entry(topic: LocalizedTopic, term_id: str) -> LocalizedGlossaryEntry:
    entry = next((e for e in topic.glossary if e.id == term_id), None)
    if entry is None:
        raise UnknownSection()
    return entry


def require_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise UnknownFormat()
    return fmt
