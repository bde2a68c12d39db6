"""The speech pool's own life: places freed on failure, and a close() that leaves nothing running."""

import os
import signal
import threading
import time

import pytest

from service.speech import renderer

from .speech_support import english_worker_pid

pytestmark = pytest.mark.speech  # every test here says something with a real speech worker


@pytest.fixture
def settings(settings):
    return settings | {"SPEECH_WORKERS": 1, "RENDER_TIMEOUT": 1.5}


def test_a_worker_that_fails_to_start_in_any_way_frees_its_place(app, monkeypatch):
    from service.speech import pool as pool_module

    with app.app_context():
        pool = renderer().pool
    real, failures = pool_module.SpeechWorker, []

    def failing_once(*args, **kwargs):
        if not failures:
            failures.append("EMFILE")
            raise OSError(24, "Too many open files")
        return real(*args, **kwargs)

    monkeypatch.setattr(pool_module, "SpeechWorker", failing_once)
    rate = app.config["LANGUAGES"]["en"]["rate"]
    with pytest.raises(OSError):
        pool.speak("First.", "gmw/en-us", rate)
    outcome = {}
    second = threading.Thread(target=lambda: outcome.update(u=pool.speak("Second.", "gmw/en-us", rate)), daemon=True)
    second.start()
    second.join(timeout=30)  # with SPEECH_WORKERS 1, a place still counted would wait for ever
    assert not second.is_alive() and outcome["u"].pcm


def test_closing_the_pool_ends_an_utterance_in_flight_at_once_and_leaves_no_worker(app, caplog):
    from service.speech.errors import SpeechError, SpeechUnavailable

    stuck = english_worker_pid(app)
    with app.app_context():
        pool = renderer().pool
    os.kill(stuck, signal.SIGSTOP)  # held mid-utterance
    outcome = {}

    def speak():
        try:
            pool.speak("A sentence that is never finished.", "gmw/en-us", app.config["LANGUAGES"]["en"]["rate"])
        except SpeechError as error:
            outcome["error"] = error

    speaker = threading.Thread(target=speak)
    speaker.start()
    deadline = time.monotonic() + 1.0
    while not pool._busy and time.monotonic() < deadline:  # until it waits on the stopped worker
        time.sleep(0.01)
    assert pool._busy
    pool.close()
    speaker.join(timeout=5)
    assert not speaker.is_alive()
    # Ended by close(), not by the render timeout: that would say "longer than 1.5 s".
    assert isinstance(outcome["error"], SpeechUnavailable) and "shutting down" in str(outcome["error"])
    assert pool.restarts == 0 and "replaced" not in caplog.text
    assert not os.path.exists(f"/proc/{stuck}")  # killed and reaped
    with pytest.raises(SpeechUnavailable, match="shutting down"):
        pool.speak("Too late.", "gmw/en-us", app.config["LANGUAGES"]["en"]["rate"])


def test_a_speech_worker_whose_web_worker_has_gone_exits_quietly(tmp_path):
    """A web worker that shuts down while its speech workers start (a quick
    restart) leaves them nobody to say "ready" to: they end, without a traceback."""
    import multiprocessing

    from service.speech.worker_process import worker_main

    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=worker_main, args=(theirs, None, "gmw/en-us", 175, str(tmp_path)))
    process.start()
    theirs.close()
    ours.close()  # gone before the engine is ready
    process.join(60)
    assert process.exitcode == 0


def test_closing_the_pool_ends_workers_still_starting_before_their_folder_goes(settings):
    """warm() runs in its own thread: a shutdown may come while a worker is
    still starting its engine. close() ends it too, so nothing writes into
    the removed folder (seen as a pyttsx3 traceback on `make serve`'s stop)."""
    import multiprocessing

    from service.speech.errors import SpeechError
    from service.speech.pool import SpeechPool

    def speech_children():
        return {p for p in multiprocessing.active_children() if p.name == "carevoice-speech"}

    before = speech_children()
    pool = SpeechPool(None, 2, 5)

    def warm():
        try:
            pool.warm([("gmw/en-us", 170)])
        except SpeechError:
            pass  # closed while starting: expected

    warming = threading.Thread(target=warm)
    warming.start()
    deadline = time.monotonic() + 5
    while not (spawned := speech_children() - before) and time.monotonic() < deadline:
        time.sleep(0.005)
    assert spawned, "no worker started"
    pool.close()
    assert not any(process.is_alive() for process in spawned)
    assert not os.path.exists(pool._temp_dir)
    warming.join(timeout=30)
    assert not warming.is_alive()


def test_a_worker_killed_and_reaped_by_someone_else_is_known_dead(tmp_path):
    """Something else in the process may wait on every child (an asyncio child
    watcher does): then multiprocessing's is_alive() cannot tell a worker is
    gone and answers True. The pool must still not hand it out."""
    import multiprocessing

    from service.speech.worker import SpeechWorker

    worker = SpeechWorker(multiprocessing.get_context("spawn"), None, "gmw/en-us", 170, str(tmp_path), 30.0)
    try:
        assert worker.alive()
        os.kill(worker.pid, signal.SIGKILL)
        os.waitpid(worker.pid, 0)  # reaped behind multiprocessing's back
        assert worker.process.is_alive()  # what fooled the pool
        assert not worker.alive()
    finally:
        worker.connection.close()
