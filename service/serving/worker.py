"""The gunicorn worker that runs the service: uvicorn's, with a bound on a
request's head, our access line and no Server header (gunicorn.conf.py)."""

from __future__ import annotations

import logging

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn_worker import UvicornWorker

from .access_log import AccessLineWithoutVisitor

# A request's whole head (request line and header fields) past this is cut
# off by the server: httptools would otherwise hold a head of any size in
# memory before the app could refuse it. Browsers send a few KiB; within
# this, the app's finer limits (request_limits.py) answer in the visitor's terms.
LIMIT_HEAD_BYTES = 64 * 1024


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


class Worker(UvicornWorker):
    """uvicorn's gunicorn worker with a bound on request heads, our access
    line and no Server header."""

    CONFIG_KWARGS = {**UvicornWorker.CONFIG_KWARGS, "http": BoundedHttpToolsProtocol, "server_header": False}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        access = logging.getLogger("uvicorn.access")
        if not any(isinstance(f, AccessLineWithoutVisitor) for f in access.filters):
            access.addFilter(AccessLineWithoutVisitor())
