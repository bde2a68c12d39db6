"""carevoice: patient-education topics in several languages, read aloud."""

from __future__ import annotations

from pathlib import Path

from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)

    from .config import default_settings

    app.config.from_mapping(default_settings(app.instance_path))
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("CAREVOICE")
    else:
        app.config.from_mapping(test_config)
    from . import logs

    logs.init_app(app)
    # Werkzeug's own X-Sendfile support (Apache, lighttpd); nginx is handled in web/audio.py.
    app.config["USE_X_SENDFILE"] = app.config["AUDIO_SENDFILE"] == "x-sendfile"
    # Readable JSON in the order we wrote it: Turkish letters, not \u escapes.
    app.json.ensure_ascii = False
    app.json.sort_keys = False

    from . import content, i18n

    i18n.init_app(app)
    app.extensions["carevoice.topics"] = content.load_topics(Path(app.config["CONTENT_DIR"]))

    from . import speech

    speech.init_app(app)

    from . import metrics
    from .web import api, audio, errors, health, kiosk, openapi, pages, request_limits, security

    errors.init_app(app)
    request_limits.init_app(app)
    security.init_app(app)
    metrics.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(audio.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(openapi.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(kiosk.bp)

    from .web.audio_shortcut import CachedAudioShortcut

    budget_mb = app.config["AUDIO_MEMORY_CACHE_MB"]
    if isinstance(budget_mb, bool) or not isinstance(budget_mb, (int, float)) or budget_mb < 0:
        raise ValueError(f"AUDIO_MEMORY_CACHE_MB must be a number of megabytes, 0 or more, not {budget_mb!r}")
    app.wsgi_app = CachedAudioShortcut(app.wsgi_app, memory_budget=int(budget_mb * 2**20))

    from . import audio_cli, export, translations_cli

    translations_cli.init_app(app)
    audio_cli.init_app(app)
    export.init_app(app)
    return app
