"""Audio, captions and transcripts of topics, sections and glossary terms."""

from __future__ import annotations

from flask import Blueprint
from werkzeug.exceptions import NotFound

from ..i18n import get_language
from ..speech import SpeechError, renderer
from ..speech.captions import cues_json, webvtt
from .audio_response import audio_response, require_voice, speech_failure, text_response
from .lookup import find_glossary_entry, find_section, find_topic, require_format, take_language

bp = Blueprint("audio", __name__)
bp.url_value_preprocessor(take_language)


def spoken_script(lang: str, slug: str, section_id: str | None, check_voice: bool = True):
    topic = find_topic(slug, lang)
    section = find_section(topic, section_id) if section_id is not None else None
    language = get_language(lang)
    if check_voice:
        require_voice(language)
    scripts = renderer().scripts
    return scripts.section(topic, section, language) if section else scripts.topic(topic, language)


@bp.get("/<lang>/topics/<slug>/audio.<fmt>")
@bp.get("/<lang>/topics/<slug>/<section>/audio.<fmt>")
def audio(lang, slug, fmt, section=None):
    require_format(fmt)
    return audio_response(spoken_script(lang, slug, section), fmt)


@bp.get("/<lang>/topics/<slug>/glossary/<term>/audio.<fmt>")
def glossary_audio(lang, slug, term, fmt):
    """A glossary entry spoken: the term, then its plain-language explanation."""
    require_format(fmt)
    topic = find_topic(slug, lang)
    entry = find_glossary_entry(topic, term)
    language = get_language(lang)
    require_voice(language)
    return audio_response(renderer().scripts.glossary(topic, entry, language), fmt)


@bp.get("/<lang>/topics/<slug>/timings.<fmt>")
@bp.get("/<lang>/topics/<slug>/<section>/timings.<fmt>")
def timings(lang, slug, fmt, section=None):
    if fmt not in ("vtt", "json"):
        raise NotFound()
    script = spoken_script(lang, slug, section)
    try:
        cues = renderer().timeline(script)
    except SpeechError as error:
        raise speech_failure(error) from None
    if fmt == "vtt":
        return text_response(webvtt(cues), "text/vtt")
    return text_response(cues_json(cues), "application/json")


@bp.get("/<lang>/topics/<slug>/transcript.txt")
@bp.get("/<lang>/topics/<slug>/<section>/transcript.txt")
def transcript(lang, slug, section=None):
    return text_response(spoken_script(lang, slug, section, check_voice=False).transcript, "text/plain")
