"""Limits on the size of a request, kept by the app whatever server runs it.

gunicorn's own limits (request line, header count and size) apply only to
its built-in workers; under uvicorn's worker (service/asgi.py) requests far
larger reach the app. A browser never comes near these; bigger is hostile,
and gets a clear 414 or 431 in the visitor's terms (web/errors.py).
"""

from __future__ import annotations

from flask import request
from werkzeug.exceptions import RequestHeaderFieldsTooLarge, RequestURITooLarge

# gunicorn's defaults, which this service used before.
LIMIT_ADDRESS = 4094       # path and query, in characters
LIMIT_HEADER_FIELDS = 100
LIMIT_HEADER_FIELD_SIZE = 8190


def header_fields(environ) -> list[str]:
    return [value for key, value in environ.items()
            if key.startswith("HTTP_") or key in ("CONTENT_TYPE", "CONTENT_LENGTH")]


def check_request_size() -> None:
    environ = request.environ
    if len(environ.get("PATH_INFO", "")) + len(environ.get("QUERY_STRING", "")) > LIMIT_ADDRESS:
        raise RequestURITooLarge()
    fields = header_fields(environ)
    if len(fields) > LIMIT_HEADER_FIELDS or any(len(value) > LIMIT_HEADER_FIELD_SIZE for value in fields):
        raise RequestHeaderFieldsTooLarge()


def init_app(app) -> None:
    # First of all before_request hooks: nothing else reads an oversized request.
    app.before_request_funcs.setdefault(None, []).insert(0, check_request_size)
