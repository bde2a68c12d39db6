"""The contract between the audio views and the serving layer's replay of
cached audio (service/serving/audio_shortcut.py).

A view that answers a plain GET with a whole cache file, under headers that
hold for every plain GET of the same address, offers the file for replay.
The serving layer then answers later plain GETs of that address itself,
without the app, for as long as the file is unchanged. The replaying object
is held in ``app.extensions[EXTENSION]``, so a server front (serving/asgi.py)
finds it without knowing how the WSGI stack is wrapped.
"""

from __future__ import annotations

from flask import request

#: Where the app keeps the replaying object (a CachedAudioShortcut).
EXTENSION = "carevoice.replay"
#: The WSGI environ key through which a view names the file it sent.
ENVIRON_KEY = "carevoice.cached_file"


def offer_cached_file(path) -> None:
    """This request's response is the cache file at ``path``, replayable as sent."""
    request.environ[ENVIRON_KEY] = str(path)


def offered_cached_file(environ) -> str | None:
    return environ.get(ENVIRON_KEY)
