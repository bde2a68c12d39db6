"""Speech: spoken scripts, the engine adapter, encoding, the cache, and the
pipeline that ties them together (script -> utterances -> PCM -> encoded audio)."""

from __future__ import annotations

from flask import current_app

from .. import metrics
from .cache import AudioCache
from .engine import SpeechError, SpeechPool, SpeechUnavailable
from .render import AudioRenderer
from .script import ScriptWriter


def init_app(app) -> None:
    config = app.config
    pool = SpeechPool(config["SPEECH_DRIVER"], config["SPEECH_WORKERS"], config["RENDER_TIMEOUT"])
    cache = AudioCache(config["CACHE_DIR"])
    cache.remove_stale_temporaries()
    scripts = ScriptWriter(app.jinja_env, config["AUDIO_TEMPLATES_DIR"], config["SECTION_PAUSE_MS"])
    pool.on_restart = metrics.RESTARTS.inc
    app.extensions["carevoice.speech"] = AudioRenderer(
        pool, cache, scripts, lock_wait_seconds=6 * float(config["RENDER_TIMEOUT"]),
        voices=len(config["LANGUAGES"]), metrics=metrics.RenderMetrics(),
    )


def warm(app) -> None:
    """Start the speech workers of every language with a voice (gunicorn's
    post_worker_init calls this), so the first listener does not wait."""
    from ..i18n import all_languages

    with app.app_context():
        voices = [(lang.voice, lang.rate) for lang in all_languages() if lang.voice]
        try:
            renderer().pool.warm(voices)
        except SpeechError as error:
            app.logger.warning("speech workers not started: %s", error)


def renderer() -> AudioRenderer:
    return current_app.extensions["carevoice.speech"]


def voice_problem(language, start_engine: bool = False) -> str | None:
    """Why ``language`` cannot be spoken, or None.

    Pages call this without starting the engine (they offer audio unless it is
    known not to work); audio requests and /readyz start it to be sure.
    """
    if not language.voice:
        return f"no voice is configured for {language.code}"
    pool = renderer().pool
    try:
        info = pool.info() if start_engine else pool.known_info()
    except SpeechUnavailable as error:
        return str(error)
    if info is not None and language.voice not in info.voice_ids:
        return f"the voice '{language.voice}' is not installed in {info.driver} {info.version}"
    return None


__all__ = ["SpeechError", "init_app", "renderer", "voice_problem", "warm"]
