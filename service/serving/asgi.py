"""The service as gunicorn runs it: an ASGI front on the Flask app.

gunicorn.conf.py runs this under uvicorn's gunicorn worker. Every request
goes to the Flask app through a2wsgi's WSGI bridge (a pool of threads, so a
page or a render never blocks the event loop), except the hottest one: a
plain GET of audio that the app has already sent and that is held in memory
(serving/audio_shortcut.py). That is answered here on the event loop, with the
headers the app sent the first time.

Why not gunicorn's threaded worker: cached audio. In eight runs of metric 4
of `make bench` on 2026-11-27 the app sent a cached MP3 at 0.65 to 0.81 of
nginx's rate under this worker, and at 0.44 to 0.60 under the threaded one
measured beside it (the target is 0.5): gunicorn's own HTTP handling, in
Python, cost about as much per request as the whole of nginx's. The price is
on pages, which cross one more thread hop: in two side-by-side pairs of the
mixed load test (benchmarks/load.py) this worker served 8 and 10 % fewer
requests a second.
"""

from __future__ import annotations

import asyncio

from a2wsgi import WSGIMiddleware

from .. import create_app
from ..web.replay import EXTENSION as REPLAY
from .audio_shortcut import CONDITIONAL
from .request_limits import exceeded

CONDITIONAL_ASGI = frozenset(name.encode() for name in CONDITIONAL)


class CarevoiceASGI:
    def __init__(self, flask_app, threads: int = 4):
        self.flask_app = flask_app
        self.shortcut = flask_app.extensions[REPLAY]  # the replay of cached audio (web/replay.py)
        # A listener who leaves a cold stream early does not stop its thread:
        # uvicorn drops what is sent after a disconnect, and the render runs
        # on to fill the cache, as it did under the threaded worker.
        self.bridge = WSGIMiddleware(flask_app, workers=threads)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            await self.lifespan(receive, send)
            return
        if scope["type"] == "http" and scope["method"] == "GET" and not scope["query_string"]:
            reply = self.plain_get(scope)
            if reply is not None:
                remembered, body = reply
                await send({"type": "http.response.start", "status": 200, "headers": [
                    *remembered.raw_headers, (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.bridge(scope, receive, send)

    async def lifespan(self, receive, send):
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                # uvicorn ends its process by raising again the signal that
                # stopped it, so atexit handlers never run: the speech workers
                # and their /dev/shm folder are let go here, off the loop.
                await asyncio.get_running_loop().run_in_executor(None, self.close)
                await send({"type": "lifespan.shutdown.complete"})
                return

    def close(self) -> None:
        speech = self.flask_app.extensions.get("carevoice.speech")
        if speech is not None:
            speech.close()

    def plain_get(self, scope):
        """The held reply for this GET, or None when the app should answer it:
        a conditional or partial GET, or one past the app's request limits."""
        if any(name in CONDITIONAL_ASGI for name, _ in scope["headers"]):
            return None
        if exceeded({"asgi.scope": scope}) is not None:  # the app answers 414 or 431
            return None
        path = scope["path"]
        # The shortcut knows paths as WSGI has them: UTF-8 bytes read as Latin-1.
        return self.shortcut.held_reply(path if path.isascii() else path.encode().decode("latin-1"))


def create_asgi_app(threads: int = 4, test_config: dict | None = None) -> CarevoiceASGI:
    return CarevoiceASGI(create_app(test_config), threads=threads)
