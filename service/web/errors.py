"""Every error answers in the visitor's terms: an HTML page in their language
with links to what does exist, or problem details (RFC 9457) for the API."""

from __future__ import annotations

import json
import logging

from flask import g, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError, NotFound, ServiceUnavailable

from ..content.library import localized_topics
from ..i18n import current_language_code
from ..speech.encode import FORMATS

log = logging.getLogger(__name__)


class PatientFacing:
    """Mixin for an HTTPException whose ``description`` is written for patients
    (a lazy gettext string), unlike Werkzeug's developer-facing defaults."""

    #: Extra members of the problem-details body (for example the valid choices).
    problem_extra: dict = {}


class UnknownLanguage(PatientFacing, NotFound):
    description = _l("We do not have information in that language. Please choose one of the languages below.")


class NotALanguageTag(PatientFacing, BadRequest):
    description = _l("The lang parameter must be a language tag such as “en” or “tr”.")


class UnknownTopic(PatientFacing, NotFound):
    description = _l("There is no topic at this address. The topics we have are listed below.")


class UnknownSection(PatientFacing, NotFound):
    description = _l("This topic has no section at this address.")


class UnknownFormat(PatientFacing, NotFound):
    def __init__(self):
        super().__init__()
        names = ", ".join(sorted(FORMATS))
        self.description = _l("Audio is available in these formats: %(formats)s.", formats=names)
        self.problem_extra = {"formats": sorted(FORMATS)}


class AudioUnavailable(PatientFacing, ServiceUnavailable):
    description = _l("The audio cannot be played right now. The text of the page is complete without it.")

    def __init__(self, reason: str, retry_after: int | None = None):
        super().__init__(retry_after=retry_after)
        # For the people who run the service; the page shows the sentence above.
        self.problem_extra = {"reason": reason}


def wants_json() -> bool:
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json", "application/problem+json"])
    return best in ("application/json", "application/problem+json")


def error_title(code: int) -> str:
    titles = {
        400: _("The request was not understood"),
        404: _("Page not found"),
        405: _("This address does not accept that kind of request"),
        413: _("The request is too large"),
        414: _("The address is too long"),
        416: _("That part of the file does not exist"),
        431: _("The request headers are too large"),
        503: _("This service is not available right now"),
    }
    return titles.get(code, _("Something went wrong"))


def error_detail(error: HTTPException) -> str:
    if isinstance(error, PatientFacing):
        return str(error.description)
    if error.code == 404:
        return _("There is nothing at this address. The links below lead to what we have.")
    if error.code < 500:
        return _("Please check the address and try again.")
    return _("Please try again later, or ask a member of staff for help.")


def problem_response(error: HTTPException):
    body = {
        "type": "about:blank",
        "title": error_title(error.code),
        "status": error.code,
        "detail": error_detail(error),
        **getattr(error, "problem_extra", {}),
    }
    response = error.get_response()
    response.set_data(json.dumps(body, ensure_ascii=False))
    response.mimetype = "application/problem+json"
    return response


def html_response(error: HTTPException):
    g.lang = current_language_code()
    response = error.get_response()
    response.set_data(
        render_template(
            "error.html",
            code=error.code,
            title=error_title(error.code),
            detail=error_detail(error),
            topics=localized_topics(g.lang),
        )
    )
    response.mimetype = "text/html"
    return response


def handle_http_error(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    return problem_response(error) if wants_json() else html_response(error)


def handle_unexpected_error(error: Exception):
    # Logged with its traceback for the operators; the visitor sees a plain page.
    log.exception("unhandled error on %s %s", request.method, request.path)
    return handle_http_error(InternalServerError())


def init_app(app) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected_error)
