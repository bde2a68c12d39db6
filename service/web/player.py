"""What the audio player of a page needs: the addresses of each audio unit
and the announcements it makes. Shared by the pages, the kiosk, the API and
the static export, so they offer the same audio."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from ..i18n import get_language
from ..speech import voice_problem
from ..speech.encode import FORMATS


def audio_links(lang: str, slug: str, section: str | None = None) -> dict:
    """The audio object of the JSON API and of the page's player."""
    where = {"lang": lang, "slug": slug, **({"section": section} if section else {})}
    return {
        "audio": {fmt: url_for("audio.audio", fmt=fmt, **where) for fmt in FORMATS},
        "timings": url_for("audio.timings", fmt="vtt", **where),
        "timings_json": url_for("audio.timings", fmt="json", **where),
        "transcript": url_for("audio.transcript", **where),
    }


def glossary_audio_link(lang: str, slug: str, term: str, fmt: str = "mp3") -> str:
    return url_for("audio.glossary_audio", lang=lang, slug=slug, term=term, fmt=fmt)


def topic_audio_links(topic) -> dict | None:
    """Links for the topic's players, or None where the language has no voice."""
    if voice_problem(get_language(topic.lang)):
        return None
    return {
        "topic": audio_links(topic.lang, topic.slug),
        "sections": {s.id: audio_links(topic.lang, topic.slug, s.id) for s in topic.sections},
        "glossary": {g.id: glossary_audio_link(topic.lang, topic.slug, g.id) for g in topic.glossary},
        # The talking book is made of this audio: offered where it is.
        "book": url_for("book.book", lang=topic.lang, slug=topic.slug),
    }


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
