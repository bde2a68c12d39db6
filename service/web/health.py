"""Liveness and readiness, for load balancers and hospital IT."""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Blueprint, current_app, jsonify

from ..i18n import all_languages, has_catalog
from ..speech import SpeechError, renderer, voice_problem

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    return {"status": "ok"}


def _catalog_problem(language) -> str | None:
    if language.code == current_app.config["SOURCE_LANGUAGE"]:
        return None  # the source language needs no catalog
    if not has_catalog(language.code):
        return f"no compiled catalog for {language.code} (run `flask translations compile`)"
    return None


def _cache_problem() -> str | None:
    folder = Path(current_app.config["CACHE_DIR"])
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".ready-"):
            pass
    except OSError as error:
        return f"the cache folder {folder} is not writable: {error.strerror}"
    return None


def _speech_problem(language) -> str | None:
    """Whether the engine really speaks this language: a short utterance."""
    problem = voice_problem(language, start_engine=True)
    if problem:
        return problem
    try:
        renderer().pool.speak(language.native_name, language.voice, language.rate)
    except SpeechError as error:
        return f"the {language.code} voice did not speak: {error}"
    return None


@bp.get("/readyz")
def readyz():
    checks = {"cache": _cache_problem()}
    for language in all_languages():
        checks[f"catalog:{language.code}"] = _catalog_problem(language)
        checks[f"speech:{language.code}"] = _speech_problem(language)
    problems = {name: reason for name, reason in checks.items() if reason}
    body = {"status": "ready" if not problems else "not ready", "checks": {n: r or "ok" for n, r in checks.items()}}
    return jsonify(body), 200 if not problems else 503
