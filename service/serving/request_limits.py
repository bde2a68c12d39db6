"""Limits on the size of a request, kept by the app whatever server runs it.

gunicorn's own limits (request line, header count and size) apply only to
its built-in workers; under uvicorn's worker (serving/worker.py) requests far
larger reach the app. A browser never comes near these; bigger is hostile,
and gets a clear 414 or 431 in the visitor's terms (web/errors.py). The
server side keeps one coarse bound of its own, on a request's whole head
(serving/worker.py, LIMIT_HEAD_BYTES), so no head is held in memory whole.
"""

from __future__ import annotations

from flask import request
from werkzeug.exceptions import HTTPException, RequestHeaderFieldsTooLarge, RequestURITooLarge

# gunicorn's defaults, which this service used before.
LIMIT_ADDRESS = 4094       # path and query, as sent (percent-encoded), in bytes
LIMIT_HEADER_FIELDS = 100
LIMIT_HEADER_FIELD_SIZE = 8190


def raw_headers(environ) -> list[tuple[str, str]]:
    """The header fields as sent: from the ASGI scope where there is one
    (WSGI joins repeated fields into one), else from the WSGI environ."""
    scope = environ.get("asgi.scope")
    if scope is not None:
        return [(name.decode("latin-1"), value.decode("latin-1")) for name, value in scope["headers"]]
    return [(key, value) for key, value in environ.items()
            if key.startswith("HTTP_") or key in ("CONTENT_TYPE", "CONTENT_LENGTH")]


def address_length(environ) -> int:
    scope = environ.get("asgi.scope")
    if scope is not None:
        return len(scope.get("raw_path") or scope["path"].encode()) + len(scope["query_string"])
    # Servers that keep the request target as sent name it RAW_URI or
    # REQUEST_URI (with or without its query); others give only the decoded path.
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI") or environ.get("PATH_INFO", "")
    return len(raw.split("?", 1)[0]) + len(environ.get("QUERY_STRING", ""))


def exceeded(environ) -> type[HTTPException] | None:
    """The error this request's size calls for, or None."""
    if address_length(environ) > LIMIT_ADDRESS:
        return RequestURITooLarge
    fields = raw_headers(environ)
    if len(fields) > LIMIT_HEADER_FIELDS or any(len(value) > LIMIT_HEADER_FIELD_SIZE for _, value in fields):
        return RequestHeaderFieldsTooLarge
    return None


def check_request_size() -> None:
    error = exceeded(request.environ)
    if error is not None:
        raise error()


def init_app(app) -> None:
    # First of all before_request hooks: nothing else reads an oversized request.
    app.before_request_funcs.setdefault(None, []).insert(0, check_request_size)
