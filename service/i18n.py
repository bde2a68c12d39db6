"""Languages: which ones we serve, which one a visitor wants, and catalogs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from flask import current_app, g, has_request_context, request
from babel.numbers import format_decimal
from jinja2 import pass_context
from flask_babel import Babel, force_locale, get_locale, get_translations
from werkzeug.datastructures import LanguageAccept

# A BCP 47-shaped tag (language, then optional subtags); anything else is not
# a language tag at all and earns a 400 rather than a 404.
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,4}$")


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    direction: str  # "ltr" or "rtl"
    voice: str | None
    rate: int


def _language(code: str, settings: dict) -> Language:
    try:
        locale = Locale.parse(code)
        name, direction = locale.get_display_name(locale), locale.text_direction
    except (ValueError, UnknownLocaleError):
        name, direction = code, "ltr"
    return Language(
        code=code,
        # Babel lower-cases some names ("español"); a language menu capitalises.
        native_name=settings.get("name") or name[:1].upper() + name[1:],
        direction=settings.get("direction") or direction,
        voice=settings.get("voice"),
        rate=int(settings.get("rate", 170)),
    )


def init_app(app) -> None:
    languages = {code: _language(code, s or {}) for code, s in app.config["LANGUAGES"].items()}
    for setting in ("SOURCE_LANGUAGE", "DEFAULT_LANGUAGE"):
        if app.config[setting] not in languages:
            raise ValueError(f"{setting} must be one of LANGUAGES")
    app.extensions["carevoice.languages"] = languages
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = app.config["TRANSLATIONS_DIR"]
    app.config["BABEL_DEFAULT_LOCALE"] = app.config["DEFAULT_LANGUAGE"]
    Babel(app, locale_selector=current_language_code)
    app.jinja_env.globals.update(languages=all_languages, current_language=current_language)
    # As a context filter, so that Jinja does not fold `10|local_number` into
    # the compiled template in whichever language rendered it first.
    app.jinja_env.filters["local_number"] = pass_context(lambda _context, value: local_number(value))


# The digits of the numbering systems CLDR makes a served language's default.
# Babel knows a locale's default system and its symbols (Persian ٫), but not
# the digits themselves.
DIGITS = {"arab": "٠١٢٣٤٥٦٧٨٩", "arabext": "۰۱۲۳۴۵۶۷۸۹"}


def local_number(value) -> str:
    """A number as the page's language writes it by default: Persian ۱۰ and
    ۱٫۲۵; Arabic, as CLDR has it, 10. Babel's own filters write Latin digits."""
    locale = get_locale()
    text = format_decimal(value, locale=locale, numbering_system="default")
    digits = DIGITS.get(locale.default_numbering_system)
    return text.translate(str.maketrans("0123456789", digits)) if digits else text


def all_languages() -> list[Language]:
    return list(current_app.extensions["carevoice.languages"].values())


def get_language(code: str) -> Language | None:
    return current_app.extensions["carevoice.languages"].get(code)


def is_language_tag(value: str) -> bool:
    return bool(LANGUAGE_TAG.match(value))


def negotiate_language() -> str:
    """The best language we serve for this request's ``Accept-Language``.

    Werkzeug parses the header (q-values honoured; it ignores what it cannot
    parse, so a malformed header counts as absent) and falls back from a
    regional tag (``tr-TR``) to its primary language.
    """
    default = current_app.config["DEFAULT_LANGUAGE"]
    if not has_request_context():
        return default
    codes = list(current_app.extensions["carevoice.languages"])
    try:
        accepted = _as_served(request.accept_languages, codes, current_app.config["LANGUAGE_ALIASES"])
        return accepted.best_match(codes, default=default) or default
    except ValueError:
        return default


def _as_served(accepted: LanguageAccept, codes: list[str], aliases: dict[str, str]) -> LanguageAccept:
    """``accepted`` in the codes we serve, keeping the order and the q-values.

    A regional tag we do not serve by itself stands for its language
    (``ar-SY`` -> ``ar``), so that it outranks a later, lower preference
    (Werkzeug would first take any exact match: ``ar-SY, en;q=0.5`` gave
    English); and a language known by another code is renamed (``kmr`` ->
    ``ku``)."""
    served = {code.lower() for code in codes}
    tags = []
    for tag, quality in accepted:
        tag = tag.replace("_", "-").lower()
        primary, _, rest = tag.partition("-")
        primary = aliases.get(primary, primary)
        tag = f"{primary}-{rest}" if rest else primary
        tags.append((tag if tag in served else primary, quality))
    return LanguageAccept(tags)


def current_language_code() -> str:
    """The language of the page being rendered: the URL's, else the visitor's."""
    code = getattr(g, "lang", None)
    if code and get_language(code):
        return code
    return negotiate_language()


def current_language() -> Language:
    return get_language(current_language_code())


def translations_for(code: str):
    """The catalog of ``code``, usable outside a request (audio pre-render)."""
    with force_locale(code):
        return get_translations()


def catalog_message(translations, key: str) -> str | None:
    """The translation stored under ``key`` (``msgctxt\\x04msgid`` for a
    message with a context) in a catalog or its fallbacks, or None.

    gettext answers a missing message with the message itself, which cannot
    be told apart from a translation that equals its source; and it has no
    public way to ask whether a key is there, so this is the one place that
    reads its ``_catalog``."""
    while translations is not None:
        catalog = getattr(translations, "_catalog", None)
        if catalog and key in catalog:
            return catalog[key]
        translations = getattr(translations, "_fallback", None)
    return None


def has_catalog(code: str) -> bool:
    """Whether a compiled catalog of ``code`` was found (its header is the
    empty message, present in every compiled catalog)."""
    return catalog_message(translations_for(code), "") is not None
