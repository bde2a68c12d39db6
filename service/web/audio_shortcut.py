"""A shortcut for the hottest request: a plain GET of audio already cached.

Kiosks and phones fetch the same few files again and again. The first time a
cached file is sent, the full Flask response is remembered (status 200, its
headers, the file's path); later plain GETs of that address replay it straight
from WSGI, without routing, localization or conditional machinery. Anything
else (a Range, If-None-Match, HEAD, a query string, a file no longer there)
goes through the app as usual, so behaviour is the app's own.
"""

from __future__ import annotations

import os
import threading

from werkzeug.wsgi import FileWrapper

# Headers that are per-response, not per-file.
PER_RESPONSE = {"date", "content-length"}


class CachedAudioShortcut:
    def __init__(self, wsgi_app, limit: int = 2048):
        self.wsgi_app = wsgi_app
        self.limit = limit
        self._known: dict[str, tuple[str, list[tuple[str, str]]]] = {}
        self._lock = threading.Lock()

    def remember(self, path: str, file_path: str, headers: list[tuple[str, str]]) -> None:
        with self._lock:
            if len(self._known) < self.limit:
                kept = [(k, v) for k, v in headers if k.lower() not in PER_RESPONSE]
                self._known[path] = (file_path, kept)

    @staticmethod
    def _plain_get(environ) -> bool:
        return (environ.get("REQUEST_METHOD") == "GET" and not environ.get("QUERY_STRING")
                and "HTTP_RANGE" not in environ and "HTTP_IF_NONE_MATCH" not in environ
                and "HTTP_IF_MODIFIED_SINCE" not in environ and "HTTP_IF_RANGE" not in environ)

    def __call__(self, environ, start_response):
        if not self._plain_get(environ):
            return self.wsgi_app(environ, start_response)
        path = environ.get("PATH_INFO", "")
        known = self._known.get(path)
        if known is not None:
            file_path, headers = known
            try:
                handle = open(file_path, "rb")  # noqa: SIM115 - closed by the file wrapper
            except OSError:  # gone from the cache: the app renders it again
                with self._lock:
                    self._known.pop(path, None)
            else:
                size = os.fstat(handle.fileno()).st_size
                start_response("200 OK", [*headers, ("Content-Length", str(size))])
                wrapper = environ.get("wsgi.file_wrapper", FileWrapper)
                return wrapper(handle, 65536)
        sent = {}

        def capture(status, headers, exc_info=None):
            sent.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, capture)
        # The view names the cache file it sent; the headers are as finally sent.
        file_path = environ.get("carevoice.cached_file")
        if file_path and sent.get("status", "").startswith("200"):
            self.remember(path, file_path, list(sent["headers"]))
        return body
