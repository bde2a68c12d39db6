"""How audio, captions, transcripts and talking books are sent: a cache file
(by the app, by Werkzeug's X-Sendfile, or handed to nginx), or a stream as it
renders; all cacheable, conditional, and named for download in the page's
language."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from flask import Response, current_app, request, send_file

from ..speech import SpeechError, SpeechUnavailable, renderer, voice_problem
from ..speech.encode import FORMATS
from .errors import AudioUnavailable
from .replay import offer_cached_file

UNSAFE_IN_FILENAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def require_voice(language) -> None:
    problem = voice_problem(language, start_engine=True)
    if problem:
        raise AudioUnavailable(problem)


def speech_failure(error: SpeechError) -> AudioUnavailable:
    if isinstance(error, SpeechUnavailable):
        return AudioUnavailable(str(error))
    return AudioUnavailable(str(error), retry_after=current_app.config["RETRY_AFTER"])


def download_name(title: str, extension: str) -> str:
    return f"{UNSAFE_IN_FILENAMES.sub(' ', title).strip()}.{extension}"


def cacheable(response: Response) -> Response:
    """Shared caches may keep it for AUDIO_MAX_AGE (the content is addressed by its text)."""
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["AUDIO_MAX_AGE"]
    return response


def audio_response(script, fmt: str) -> Response:
    try:
        rendered = renderer().render(script, fmt)
    except SpeechError as error:
        raise speech_failure(error) from None
    audio_format = FORMATS[fmt]
    attachment = request.args.get("download") == "1"
    filename = download_name(script.title, fmt)
    if rendered.path is not None:
        return file_response(rendered.path, rendered.key, audio_format.mimetype, filename, attachment)
    # A cold request: the audio flows as it is rendered, so no length and no ranges yet.
    response = Response(rendered.stream, mimetype=audio_format.mimetype, direct_passthrough=True)
    # A whole topic's MP3 is cached with its chapters at its head, which the
    # stream cannot have: the same audio, not the same bytes (RFC 9110, 8.8.1).
    response.set_etag(rendered.key, weak=bool(script.chapters))
    response.headers["Content-Disposition"] = content_disposition(filename, attachment)
    return cacheable(response)


def file_response(path, key: str, mimetype: str, filename: str, attachment: bool) -> Response:
    """A cache file, named by its content address ``key``: sent by the app
    (conditional, with ranges, offered to the serving layer's replay), or
    handed to the front server."""
    handoff = current_app.config["AUDIO_SENDFILE"]
    if handoff == "x-accel-redirect":
        return accel_redirect(path, key, mimetype, filename, attachment)
    response = send_file(
        path, mimetype=mimetype, conditional=True, etag=key,
        max_age=current_app.config["AUDIO_MAX_AGE"], download_name=filename, as_attachment=attachment,
    )
    # Cache-Control's max-age rules (RFC 9111, 5.3); an Expires date would
    # go stale in the serving layer's replays.
    response.headers.pop("Expires", None)  # (setting .expires to None writes the current date)
    if handoff != "x-sendfile":  # with it, Werkzeug has sent only an X-Sendfile header
        offer_cached_file(path)
    return response


def accel_redirect(path, key: str, mimetype: str, filename: str, attachment: bool) -> Response:
    """An empty answer that tells nginx which cached file to send (it then
    handles ranges and the transfer); our headers go with it."""
    cache_root = Path(current_app.config["CACHE_DIR"]) / "audio"
    relative = Path(path).resolve().relative_to(cache_root.resolve()).as_posix()
    response = Response(status=200, mimetype=mimetype)
    response.headers["X-Accel-Redirect"] = current_app.config["AUDIO_SENDFILE_PREFIX"].rstrip("/") + "/" + relative
    response.set_etag(key)
    response.headers["Content-Disposition"] = content_disposition(filename, attachment)
    return cacheable(response)


def content_disposition(filename: str, attachment: bool) -> str:
    """The header send_file would write (RFC 6266, with an RFC 5987 UTF-8 name)."""
    ascii_name = filename.encode("ascii", "ignore").decode() or f"audio{filename[filename.rfind('.'):]}"
    kind = "attachment" if attachment else "inline"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def text_response(body: str, mimetype: str) -> Response:
    response = cacheable(Response(body, mimetype=mimetype))
    response.add_etag()
    return response.make_conditional(request)
