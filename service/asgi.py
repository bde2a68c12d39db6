"""The service as gunicorn runs it: an ASGI front on the Flask app.

gunicorn.conf.py runs this under uvicorn's gunicorn worker. Every request
goes to the Flask app through a2wsgi's WSGI bridge (a pool of threads, so a
page or a render never blocks the event loop), except the hottest one: a
plain GET of audio that the app has already sent and that is held in memory
(web/audio_shortcut.py). That is answered here on the event loop, with the
headers the app sent the first time.

Why not gunicorn's threaded worker: cached audio. In one run of `make bench`
(2026-11-27) the app sent a cached MP3 at 0.45 of nginx's rate under the
threaded worker and 0.72 under this one; gunicorn's own HTTP handling, in
Python, cost about as much per request as the whole of nginx's. The price is
on pages, which cross one more thread hop: the mixed load test
(benchmarks/load.py) served about 5 to 10 % fewer requests a second.
"""

from __future__ import annotations

import json
import logging
import time

from a2wsgi import WSGIMiddleware
from uvicorn_worker import UvicornWorker

from . import create_app
from .web.request_limits import LIMIT_HEADER_FIELD_SIZE, LIMIT_HEADER_FIELDS

# What makes a GET more than plain: the app answers those (206, 304, ...).
CONDITIONAL = frozenset({b"range", b"if-none-match", b"if-modified-since", b"if-range"})


class CarevoiceASGI:
    def __init__(self, flask_app, threads: int = 4):
        self.flask_app = flask_app
        self.shortcut = flask_app.wsgi_app  # service.web.audio_shortcut.CachedAudioShortcut
        self.bridge = WSGIMiddleware(flask_app, workers=threads)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "GET" and not scope["query_string"]:
            reply = self.plain_get(scope)
            if reply is not None:
                remembered, body = reply
                await send({"type": "http.response.start", "status": 200, "headers": [
                    *remembered.raw_headers, (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.bridge(scope, receive, send)

    def plain_get(self, scope):
        """The held reply for this GET, or None when the app should answer it."""
        headers = scope["headers"]
        if len(headers) > LIMIT_HEADER_FIELDS:  # the app refuses it (web/request_limits.py)
            return None
        for name, value in headers:
            if name in CONDITIONAL or len(value) > LIMIT_HEADER_FIELD_SIZE:
                return None
        return self.shortcut.held_reply(scope["path"])


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


class Worker(UvicornWorker):
    """uvicorn's gunicorn worker with our access line and no Server header."""

    CONFIG_KWARGS = {**UvicornWorker.CONFIG_KWARGS, "server_header": False}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # With gunicorn's access log off, uvicorn need not build the lines at all.
        self.config.access_log = bool(self.cfg.accesslog)
        access = logging.getLogger("uvicorn.access")
        if not any(isinstance(f, AccessLineWithoutVisitor) for f in access.filters):
            access.addFilter(AccessLineWithoutVisitor())
