"""Audio, captions and transcripts of topics and sections."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from flask import Blueprint, Response, current_app, request, send_file, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import NotFound, ServiceUnavailable

from ..i18n import get_language
from ..speech import SpeechError, renderer, voice_problem
from ..speech.encode import FORMATS
from ..speech.engine import SpeechUnavailable
from ..speech.render import cues_json, webvtt
from .errors import PatientFacing
from .topics import UnknownSection, find_topic, localized, use_language

bp = Blueprint("audio", __name__)

UNSAFE_IN_FILENAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class UnknownFormat(PatientFacing, NotFound):
    def __init__(self):
        super().__init__()
        names = ", ".join(sorted(FORMATS))
        self.description = _l("Audio is available in these formats: %(formats)s.", formats=names)
        self.problem_extra = {"formats": sorted(FORMATS)}


class AudioUnavailable(PatientFacing, ServiceUnavailable):
    description = _l("The audio cannot be played right now. The text of the page is complete without it.")

    def __init__(self, reason: str, retry_after: int | None = None):
        super().__init__(retry_after=retry_after)
        # For the people who run the service; the page shows the sentence above.
        self.problem_extra = {"reason": reason}


@bp.url_value_preprocessor
def take_language(endpoint, values):
    use_language(values["lang"])


def spoken_script(lang: str, slug: str, section_id: str | None, check_voice: bool = True):
    topic = localized(find_topic(slug), lang)
    section = None
    if section_id is not None:
        section = topic.section(section_id)
        if section is None:
            raise UnknownSection()
    language = get_language(lang)
    if check_voice:
        require_voice(language)
    scripts = renderer().scripts
    return scripts.section(topic, section, language) if section else scripts.topic(topic, language)


def speech_failure(error: SpeechError) -> AudioUnavailable:
    if isinstance(error, SpeechUnavailable):
        return AudioUnavailable(str(error))
    return AudioUnavailable(str(error), retry_after=current_app.config["RETRY_AFTER"])


def download_name(script, extension: str) -> str:
    return f"{UNSAFE_IN_FILENAMES.sub(' ', script.title).strip()}.{extension}"


@bp.get("/<lang>/topics/<slug>/audio.<fmt>")
@bp.get("/<lang>/topics/<slug>/<section>/audio.<fmt>")
def audio(lang, slug, fmt, section=None):
    if fmt not in FORMATS:
        raise UnknownFormat()
    return audio_response(spoken_script(lang, slug, section), fmt)


@bp.get("/<lang>/topics/<slug>/glossary/<term>/audio.<fmt>")
def glossary_audio(lang, slug, term, fmt):
    """A glossary entry spoken: the term, then its plain-language explanation."""
    if fmt not in FORMATS:
        raise UnknownFormat()
    topic = localized(find_topic(slug), lang)
    entry = next((g for g in topic.glossary if g.id == term), None)
    if entry is None:
        raise UnknownSection()
    require_voice(get_language(lang))
    return audio_response(renderer().scripts.glossary(topic, entry, get_language(lang)), fmt)


def require_voice(language) -> None:
    problem = voice_problem(language, start_engine=True)
    if problem:
        raise AudioUnavailable(problem)


def audio_response(script, fmt: str) -> Response:
    try:
        rendered = renderer().render(script, fmt)
    except SpeechError as error:
        raise speech_failure(error) from None
    audio_format = FORMATS[fmt]
    max_age = current_app.config["AUDIO_MAX_AGE"]
    attachment = request.args.get("download") == "1"
    if rendered.path is not None:
        handoff = current_app.config["AUDIO_SENDFILE"]
        if handoff == "x-accel-redirect":
            return accel_redirect(rendered, audio_format, download_name(script, fmt), attachment, max_age)
        response = send_file(
            rendered.path, mimetype=audio_format.mimetype, conditional=True, etag=rendered.key,
            max_age=max_age, download_name=download_name(script, fmt), as_attachment=attachment,
        )
        # Cache-Control's max-age rules (RFC 9111, 5.3); an Expires date would
        # go stale in the WSGI shortcut's replays.
        response.headers.pop("Expires", None)  # (setting .expires to None writes the current date)
        if handoff != "x-sendfile":  # with it, Werkzeug has sent only an X-Sendfile header
            # Lets the WSGI shortcut replay this response for later plain GETs.
            request.environ["carevoice.cached_file"] = str(rendered.path)
        return response
    # A cold request: the audio flows as it is rendered, so no length and no ranges yet.
    response = Response(rendered.stream, mimetype=audio_format.mimetype, direct_passthrough=True)
    response.set_etag(rendered.key)
    response.cache_control.public = True
    response.cache_control.max_age = max_age
    response.headers["Content-Disposition"] = content_disposition(download_name(script, fmt), attachment)
    return response


def accel_redirect(rendered, audio_format, filename: str, attachment: bool, max_age: int) -> Response:
    """An empty answer that tells nginx which cached file to send (it then
    handles ranges and the transfer); our headers go with it."""
    cache_root = Path(current_app.config["CACHE_DIR"]) / "audio"
    relative = Path(rendered.path).resolve().relative_to(cache_root.resolve()).as_posix()
    response = Response(status=200, mimetype=audio_format.mimetype)
    response.headers["X-Accel-Redirect"] = current_app.config["AUDIO_SENDFILE_PREFIX"].rstrip("/") + "/" + relative
    response.set_etag(rendered.key)
    response.cache_control.public = True
    response.cache_control.max_age = max_age
    response.headers["Content-Disposition"] = content_disposition(filename, attachment)
    return response


def content_disposition(filename: str, attachment: bool) -> str:
    """The header send_file would write (RFC 6266, with an RFC 5987 UTF-8 name)."""
    ascii_name = filename.encode("ascii", "ignore").decode() or f"audio{filename[filename.rfind('.'):]}"
    kind = "attachment" if attachment else "inline"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _text_response(body: str, mimetype: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["AUDIO_MAX_AGE"]
    response.add_etag()
    return response.make_conditional(request)


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
        return _text_response(webvtt(cues), "text/vtt")
    return _text_response(cues_json(cues), "application/json")


@bp.get("/<lang>/topics/<slug>/transcript.txt")
@bp.get("/<lang>/topics/<slug>/<section>/transcript.txt")
def transcript(lang, slug, section=None):
    return _text_response(spoken_script(lang, slug, section, check_voice=False).transcript, "text/plain")


def audio_links(lang: str, slug: str, section: str | None = None) -> dict:
    """The audio object of the JSON API and of the page's player."""
    where = {"lang": lang, "slug": slug, **({"section": section} if section else {})}
    return {
        "audio": {fmt: url_for("audio.audio", fmt=fmt, **where) for fmt in FORMATS},
        "timings": url_for("audio.timings", fmt="vtt", **where),
        "timings_json": url_for("audio.timings", fmt="json", **where),
        "transcript": url_for("audio.transcript", **where),
    }
