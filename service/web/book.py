"""The talking book of a topic: GET /<lang>/topics/<slug>/book.epub.

EPUB 3 with media overlays, for the reading tools blind and partially sighted
patients use at home. Built from the rendered audio the pages play (rendered
first where it is not cached yet, never said twice) and cached as one file
by its content address, then sent as cached audio is.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from ..i18n import get_language
from ..speech import SpeechError, renderer
from .audio_response import cacheable, content_disposition, download_name, file_response, require_voice, speech_failure
from .epub import MEDIA_TYPE, clock, pack
from .lookup import find_topic, take_language
from .talking_book import BookPlan, book_plan

bp = Blueprint("book", __name__)
bp.url_value_preprocessor(take_language)
bp.app_template_filter("clock")(clock)

EXTENSION = "epub"


@bp.get("/<lang>/topics/<slug>/book.epub")
def book(lang, slug):
    topic = find_topic(slug, lang)
    language = get_language(lang)
    require_voice(language)
    plan = book_plan(topic, language)
    filename = download_name(topic.title.text, EXTENSION)
    try:
        path, data = built(plan)
    except SpeechError as error:
        raise speech_failure(error) from None
    if path is not None:
        return file_response(path, plan.key, MEDIA_TYPE, filename, attachment=True)
    # The cache cannot be written (read-only, full): the book all the same.
    response = cacheable(Response(data, mimetype=MEDIA_TYPE))
    response.set_etag(plan.key)
    response.headers["Content-Disposition"] = content_disposition(filename, True)
    return response.make_conditional(request)


def built(plan: BookPlan):
    """(the cache file, None) or, where the cache cannot be written, (None, the bytes).

    Kept beside the audio (CACHE_DIR/audio), so that it is sent, replayed
    and handed to nginx as audio is; one request builds it while the others
    wait for the file."""
    audio = renderer()
    slot, cached = audio.claim(plan.key, EXTENSION)
    if cached is not None:
        return cached, None
    with slot:
        data = build(plan)
        try:
            return audio.cache.write("audio", plan.key, EXTENSION, data), None
        except OSError as error:
            current_app.logger.warning("talking book not cached (%s)", error)
            return None, data


def build(plan: BookPlan) -> bytes:
    """The book's bytes: each MP3 as the pages play it (rendered now if it is
    not cached), timed as timings.vtt times it. Nothing is said twice: a
    cached MP3's timings come from its cached utterances, a fresh one's from
    its render."""
    audio, files, timings = renderer(), {}, {}
    for path, script in plan.audio.items():
        rendered = audio.render(script, "mp3")
        if rendered.path is not None:
            files[path], timings[path] = rendered.path.read_bytes(), audio.timeline(script)
        else:
            files[path], timings[path] = b"".join(rendered.stream), rendered.cues
    return pack(plan, files, timings)
