"""The service as gunicorn runs it: an ASGI front on the Flask app.

gunicorn.conf.py runs this under uvicorn's gunicorn worker. Every request
goes to the Flask app through a2wsgi's WSGI bridge (a pool of threads, so a
page or a render never blocks the event loop), except the hottest one: a
plain GET of audio that the app has already sent and that is held in memory
(web/audio_shortcut.py). That is answered here on the event loop, with the
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
import json
import logging
import time

from a2wsgi import WSGIMiddleware
from gunicorn.glogging import Logger
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn_worker import UvicornWorker

from . import create_app
from .web.audio_shortcut import CONDITIONAL
from .web.request_limits import exceeded

# A request's whole head (request line and header fields) past this is cut
# off by the server: httptools would otherwise hold a head of any size in
# memory before the app could refuse it. Browsers send a few KiB; within
# this, the app's finer limits answer in the visitor's terms.
LIMIT_HEAD_BYTES = 64 * 1024

CONDITIONAL_ASGI = frozenset(name.encode() for name in CONDITIONAL)


class CarevoiceASGI:
    def __init__(self, flask_app, threads: int = 4):
        self.flask_app = flask_app
        self.shortcut = flask_app.wsgi_app  # service.web.audio_shortcut.CachedAudioShortcut
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


class AccessLineWithoutVisitor(logging.Filter):
    """uvicorn's access line names the client's address and the query string;
    ours names neither (see service/logs.py): method, path and status only."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            _client, method, full_path, _version, status = record.args
        except (TypeError, ValueError):
            return False  # not the line we know: better unlogged than leaking
        record.msg = json.dumps({
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created)),
            "method": method, "path": full_path.split("?", 1)[0], "status": status,
        })
        record.args = ()
        return True


class BoundedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with a bound on a request's head.

    A chunk is counted when all of it belongs to one unfinished head: it
    ends inside a head, and no head or message ended within it (bodies and
    finished requests are never counted). Past LIMIT_HEAD_BYTES the request
    gets 431 and the connection is closed, so at most that much, plus one
    chunk, of a head is ever held."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._in_head = False
        self._head_bytes = 0
        self._boundary = False

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head, self._head_bytes = True, 0

    def on_headers_complete(self) -> None:
        self._in_head, self._boundary = False, True
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._boundary = True
        super().on_message_complete()

    def data_received(self, data: bytes) -> None:
        self._boundary = False
        super().data_received(data)
        if self._boundary or not self._in_head or self.transport.is_closing():
            return
        self._head_bytes += len(data)
        if self._head_bytes > LIMIT_HEAD_BYTES:
            self.logger.warning("request head over %d bytes refused", LIMIT_HEAD_BYTES)
            message = b"Request header fields too large"
            content = [b"HTTP/1.1 431 Request Header Fields Too Large\r\n"]
            content += [name + b": " + value + b"\r\n" for name, value in self.server_state.default_headers]
            content += [b"content-type: text/plain; charset=utf-8\r\n",
                        b"content-length: %d\r\nconnection: close\r\n\r\n" % len(message), message]
            self.transport.write(b"".join(content))
            self.transport.close()


class GunicornAccessLine(Logger):
    """gunicorn's logger, for gunicorn's own workers (the threaded fallback in
    the README): their access line is JSON (gunicorn.conf.py), so each value
    in it is escaped as JSON; gunicorn escapes only double quotes, and a
    decoded path may hold a backslash or a line break."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # gunicorn's SafeAtoms escapes the double quotes afterwards.
        return {key: json.dumps(value)[1:-1].replace('\\"', '"') if isinstance(value, str) else value
                for key, value in atoms.items()}


class Worker(UvicornWorker):
    """uvicorn's gunicorn worker with a bound on request heads, our access
    line and no Server header."""

    CONFIG_KWARGS = {**UvicornWorker.CONFIG_KWARGS, "http": BoundedHttpToolsProtocol, "server_header": False}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        access = logging.getLogger("uvicorn.access")
        if not any(isinstance(f, AccessLineWithoutVisitor) for f in access.filters):
            access.addFilter(AccessLineWithoutVisitor())
