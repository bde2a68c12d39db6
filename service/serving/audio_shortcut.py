"""A shortcut for the hottest request: a plain GET of audio already cached.

Kiosks and phones fetch the same few files again and again. The first time a
cached file is sent, the full Flask response is remembered (status 200, its
headers, the file's path); later plain GETs of that address replay it straight
from WSGI, without routing, localization or conditional machinery. Anything
else (a Range, If-None-Match, HEAD, a query string, a file no longer there)
goes through the app as usual, so behaviour is the app's own.

Files are also held in memory, least recently used out first, up to a budget
per web worker (AUDIO_MEMORY_CACHE_MB): under gunicorn's threaded worker,
handing the server bytes took about half the system time per request of its
sendfile path (about 100 against 200 microseconds, measured by hand from
/proc). Under gunicorn, the ASGI front (serving/asgi.py) sends held files
itself through held_reply(), without a thread; this class then answers what
the front passes on. Cache files are content-addressed and replaced only by
rename, so a held copy is the file for as long as the path names the same
inode, size and modification time; each replay checks that with one stat,
and a cleared or replaced file is noticed.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import cached_property

from werkzeug.wsgi import FileWrapper

from ..web.replay import offered_cached_file
from .held_files import HeldFiles, identity
from .request_limits import exceeded

# Headers that are per-response, not per-file.
PER_RESPONSE = {"date", "content-length"}
# Request headers that make a GET conditional or partial: the app answers
# those (304, 206, 412).
CONDITIONAL = ("range", "if-range", "if-none-match", "if-modified-since", "if-match", "if-unmodified-since")
CONDITIONAL_WSGI = tuple("HTTP_" + name.upper().replace("-", "_") for name in CONDITIONAL)


@dataclass(frozen=True)
class Remembered:
    file_path: str
    headers: list[tuple[str, str]]
    holdable: bool  # small enough to be held in memory

    @cached_property
    def raw_headers(self) -> list[tuple[bytes, bytes]]:
        """The headers as ASGI sends them (encoded once, not per request)."""
        return [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in self.headers]


class CachedAudioShortcut:
    def __init__(self, wsgi_app, limit: int = 2048, memory_budget: int = 0):
        self.wsgi_app = wsgi_app
        self.limit = limit
        self._known: dict[str, Remembered] = {}
        self.held = HeldFiles(memory_budget)
        self._lock = threading.Lock()

    def remember(self, path: str, file_path: str, headers: list[tuple[str, str]]) -> None:
        if len(self._known) >= self.limit:
            return
        held = self._hold(file_path)
        kept = [(k, v) for k, v in headers if k.lower() not in PER_RESPONSE]
        with self._lock:
            if len(self._known) < self.limit:
                self._known[path] = Remembered(file_path, kept, holdable=held is not None)

    def _hold(self, file_path: str) -> tuple[tuple, bytes] | None:
        """Reads a remembered file into memory (outside the lock) if it fits."""
        read = self.held.read_whole(file_path) if self.held.budget else None
        if read is not None:
            with self._lock:
                self.held.put(file_path, read)
        return read

    def forget(self, path: str) -> None:
        with self._lock:
            remembered = self._known.pop(path, None)
            if remembered is not None:
                self.held.drop(remembered.file_path)

    @staticmethod
    def _plain_get(environ) -> bool:
        """A GET the app would answer with the remembered 200: no query, no
        condition or range, and within the request limits (else the app's 431)."""
        return (environ.get("REQUEST_METHOD") == "GET" and not environ.get("QUERY_STRING")
                and not any(header in environ for header in CONDITIONAL_WSGI)
                and exceeded(environ) is None)

    def __call__(self, environ, start_response):
        if not self._plain_get(environ):
            return self.wsgi_app(environ, start_response)
        path = environ.get("PATH_INFO", "")
        remembered = self._known.get(path)
        if remembered is not None:
            replay = self._replay(path, remembered, environ, start_response)
            if replay is not None:
                return replay
        sent = {}

        def capture(status, headers, exc_info=None):
            sent.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, capture)
        # The view names the cache file it sent; the headers are as finally sent.
        file_path = offered_cached_file(environ)
        if file_path and sent.get("status", "").startswith("200"):
            self.remember(path, file_path, list(sent["headers"]))
        return body

    def held_reply(self, path: str) -> tuple[Remembered, bytes] | None:
        """For a plain GET of ``path``: its remembered response and the bytes
        held in memory, if they are still the file's. Never reads a file, so
        the ASGI front (serving/asgi.py) calls it on its event loop; on None
        the request takes the WSGI way, which reads and remembers."""
        remembered = self._known.get(path)
        if remembered is None or not self.held.budget:
            return None
        try:
            current = identity(os.stat(remembered.file_path))
        except OSError:
            return None
        with self._lock:
            held = self.held.get(remembered.file_path)
        if held is None or held[0] != current:
            return None
        return remembered, held[1]

    def _replay(self, path: str, remembered: Remembered, environ, start_response):
        """The remembered response, or None when its file is gone or changed
        (the app then sends it, and it is remembered again)."""
        if self.held.budget:
            try:
                current = identity(os.stat(remembered.file_path))
            except OSError:
                self.forget(path)
                return None
            with self._lock:
                held = self.held.get(remembered.file_path)
                # Pushed out by others since: read back in only into free room,
                # so files that do not all fit are sent from disk, not churned.
                room = held is None and remembered.holdable and self.held.has_room_for(current[2])
            if room:
                held = self._hold(remembered.file_path)
            if held is not None:
                if held[0] != current:  # cleared or written anew since it was read
                    self.forget(path)
                    return None
                start_response("200 OK", [*remembered.headers, ("Content-Length", str(len(held[1])))])
                return [held[1]]
        try:
            handle = open(remembered.file_path, "rb")  # noqa: SIM115 - closed by the file wrapper
        except OSError:
            self.forget(path)
            return None
        size = os.fstat(handle.fileno()).st_size
        start_response("200 OK", [*remembered.headers, ("Content-Length", str(size))])
        wrapper = environ.get("wsgi.file_wrapper", FileWrapper)
        return wrapper(handle, 65536)
