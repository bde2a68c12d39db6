"""carevoice: patient-education topics in several languages, read aloud.

Data flows one way, and the packages show it:

    content <- speech <- web <- serving

``create_app`` below reads as the table of contents. Its imports sit inside
the factory so that importing one module of the package (a spawned speech
worker, the catalog extractor) does not load the whole app; none of them
hides a cycle.
"""

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
    # Werkzeug's own X-Sendfile support (Apache, lighttpd); nginx is handled in web/audio_response.py.
    app.config["USE_X_SENDFILE"] = app.config["AUDIO_SENDFILE"] == "x-sendfile"
    # Readable JSON in the order we wrote it: Turkish letters, not \u escapes.
    app.json.ensure_ascii = False
    app.json.sort_keys = False

    from . import content, i18n, logs, speech

    logs.init_app(app)
    i18n.init_app(app)
    app.extensions["carevoice.topics"] = content.load_topics(Path(app.config["CONTENT_DIR"]))

    from .web import api, audio, book, errors, health, kiosk, metrics, openapi, pages, security

    speech.init_app(app, metrics=metrics.PrometheusRenderMetrics())
    errors.init_app(app)
    security.init_app(app)
    metrics.init_app(app)
    for blueprint in (pages.bp, audio.bp, book.bp, api.bp, openapi.bp, health.bp, kiosk.bp):
        app.register_blueprint(blueprint)

    from . import commands, serving

    serving.init_app(app)
    commands.init_app(app)
    return app
