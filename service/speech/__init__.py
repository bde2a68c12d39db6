"""Speech: spoken scripts, the engine adapter, encoding, the cache, and the
pipeline that ties them together (script -> utterances -> PCM -> encoded audio)."""

from __future__ import annotations

from flask import current_app

from ..content.library import localized_topics, termbase_path
from ..i18n import all_languages
from .cache import AudioCache
from .errors import SpeechError, SpeechUnavailable
from .pool import SpeechPool
from .render import AudioRenderer, RenderMetrics
from .script import ScriptWriter


def init_app(app, metrics: RenderMetrics | None = None) -> None:
    """The app's audio renderer; ``metrics`` hears of renders, cache outcomes
    and worker restarts (the web layer's Prometheus counters)."""
    config = app.config
    pool = SpeechPool(config["SPEECH_DRIVER"], config["SPEECH_WORKERS"], config["RENDER_TIMEOUT"])
    cache = AudioCache(config["CACHE_DIR"])
    cache.remove_stale_temporaries()
    scripts = ScriptWriter(app.jinja_env, config["AUDIO_TEMPLATES_DIR"], config["SECTION_PAUSE_MS"],
                           termbase_path(config))
    if metrics is not None:
        pool.on_restart = metrics.restarted
    app.extensions["carevoice.speech"] = AudioRenderer(
        pool, cache, scripts, lock_wait_seconds=6 * float(config["RENDER_TIMEOUT"]),
        voices=len(config["LANGUAGES"]), metrics=metrics,
    )


def warm(app) -> None:
    """Get ready for the first listener (gunicorn's post_worker_init calls
    this): write the spoken scripts of every topic and section in every
    language with a voice, and start those voices' speech workers.

    Writing a script compiles its templates and normalisation rules; left to
    the first request for audio, that added about 15 ms to its first byte
    (measured with cProfile), a third of the time-to-first-byte budget."""
    with app.app_context():
        languages = [lang for lang in all_languages() if lang.voice]
        scripts = renderer().scripts
        for language in languages:
            try:
                for topic in localized_topics(language.code):
                    scripts.topic_and_sections(topic, language)
            except Exception:  # noqa: BLE001 - its audio requests will say what is wrong; the rest warms
                app.logger.exception("spoken scripts of %s not written ahead", language.code)
        for language in languages:  # one voice that cannot start leaves the others warm
            try:
                renderer().pool.warm([(language.voice, language.rate)])
            except SpeechError as error:
                app.logger.warning("speech workers of %s not started: %s", language.code, error)


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


__all__ = ["SpeechError", "SpeechUnavailable", "init_app", "renderer", "voice_problem", "warm"]
