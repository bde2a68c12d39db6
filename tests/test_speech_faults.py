"""The fault table of the speech issue, each with the real engine."""

import os
import signal
import threading
import time

import pytest

from service.speech import renderer

from .conftest import SLUG, soup


def section_url(section="supportive-care", fmt="mp3", lang="en"):
    return f"/{lang}/topics/{SLUG}/{section}/audio.{fmt}"


def cache_files(app):
    root = app.config["CACHE_DIR"]
    return [os.path.join(d, f) for d, _, files in os.walk(root) for f in files]


def english_worker_pid(app):
    with app.app_context():
        pool = renderer().pool
        pool.warm([("gmw/en-us", app.config["LANGUAGES"]["en"]["rate"])])
        (pid,) = pool.worker_pids("gmw/en-us")
        return pid


@pytest.fixture
def settings(settings):
    return settings | {"SPEECH_WORKERS": 1, "RENDER_TIMEOUT": 1.5, "RETRY_AFTER": 7}


def test_a_hanging_render_answers_503_with_retry_after_and_the_worker_is_replaced(app, client):
    stuck = english_worker_pid(app)
    os.kill(stuck, signal.SIGSTOP)  # the engine stops answering, as a hang would
    response = client.get(section_url(), headers={"Accept": "application/json"})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "7"
    assert "longer than 1.5 s" in response.json["reason"]
    with app.app_context():
        assert renderer().pool.restarts == 1
    retry = client.get(section_url())
    assert retry.status_code == 200 and len(retry.get_data()) > 10_000
    with app.app_context():
        assert stuck not in renderer().pool.worker_pids()


def test_a_worker_killed_mid_utterance_is_replaced_and_the_request_still_gets_all_its_audio(app, client):
    reference = client.get(section_url("clinical-trials")).get_data()  # the same section, rendered untouched
    for path in cache_files(app):
        os.unlink(path)
    victim = english_worker_pid(app)
    os.kill(victim, signal.SIGSTOP)
    outcome = {}
    request = threading.Thread(target=lambda: outcome.update(response=client.get(section_url("clinical-trials"))))
    request.start()
    with app.app_context():
        pool = renderer().pool
    deadline = time.monotonic() + 5
    while not pool._busy and time.monotonic() < deadline:  # until it waits on the stopped worker
        time.sleep(0.01)
    os.kill(victim, signal.SIGKILL)
    request.join(timeout=30)
    response = outcome["response"]
    assert response.status_code == 200
    body = response.get_data()
    assert abs(len(body) - len(reference)) < 0.02 * len(reference)  # the whole section, at its rate
    (cached,) = [f for f in cache_files(app) if f.endswith(".mp3")]
    with open(cached, "rb") as handle:
        assert handle.read() == body
    assert pool.restarts == 1 and pool.refused["worker crashed"] == 1


def test_workers_killed_while_idle_fail_no_request(app, client):
    with app.app_context():
        pool = renderer().pool
        pool.warm([(lang["voice"], lang["rate"]) for lang in app.config["LANGUAGES"].values()])
        victims = pool.worker_pids()
    assert len(victims) == 2
    for pid in victims:
        os.kill(pid, signal.SIGKILL)
    assert client.get(section_url("chemotherapy", fmt="ogg")).status_code == 200
    assert client.get(section_url("chemotherapy", lang="tr")).status_code == 200
    assert client.get("/readyz").status_code == 200
    assert pool.refused["worker died while idle"] == 2
    assert not set(victims) & set(pool.worker_pids())


def test_an_engine_that_cannot_start_leaves_pages_working_and_audio_503(settings):
    from service import create_app

    app = create_app(settings | {"SPEECH_DRIVER": "no_such_driver"})
    client = app.test_client()
    try:
        audio = client.get(section_url(), headers={"Accept": "application/json"})
        assert audio.status_code == 503
        assert "cannot start" in audio.json["reason"] and "no_such_driver" in audio.json["reason"]
        assert "Retry-After" not in audio.headers
        page = client.get(f"/en/topics/{SLUG}/")
        assert page.status_code == 200
        assert soup(page).select("audio") == []  # controls are not offered once the engine is known missing
        ready = client.get("/readyz")
        assert ready.status_code == 503 and "no_such_driver" in ready.json["checks"]["speech:en"]
        assert client.get(f"/api/v1/topics/{SLUG}?lang=en").json["audio"] is None
    finally:
        app.extensions["carevoice.speech"].close()


def test_a_language_without_a_voice_has_pages_but_no_audio(settings):
    from service import create_app

    app = create_app(settings | {"LANGUAGES": {"en": {"voice": "gmw/en-us"}, "tr": {"voice": "xx/no-such-voice"}}})
    client = app.test_client()
    try:
        with app.app_context():
            info = renderer().pool.info()
        assert client.get("/readyz").json["checks"]["speech:tr"] == (
            f"the voice 'xx/no-such-voice' is not installed in {info.driver} {info.version}")
        assert info.driver == "espeak" and info.version.startswith("1.")
        page = client.get(f"/tr/topics/{SLUG}/")
        assert page.status_code == 200 and soup(page).select("audio") == []
        assert soup(client.get(f"/en/topics/{SLUG}/")).select("audio")
        assert client.get(section_url(lang="tr")).status_code == 503
        assert client.get(f"/tr/topics/{SLUG}/transcript.txt").status_code == 200
    finally:
        app.extensions["carevoice.speech"].close()


def test_readyz_is_ready_with_the_real_engine_and_catalogs(client):
    body = client.get("/readyz")
    assert body.status_code == 200, body.json
    assert body.json["checks"] == {"cache": "ok", "catalog:en": "ok", "speech:en": "ok",
                                   "catalog:tr": "ok", "speech:tr": "ok"}
    assert client.get("/healthz").json == {"status": "ok"}


def test_metrics_count_requests_renders_cache_and_restarts(app, client):
    from prometheus_client.parser import text_string_to_metric_families

    def samples():
        text = client.get("/metrics").get_data(as_text=True)
        return {(s.name, tuple(sorted(s.labels.items()))): s.value
                for family in text_string_to_metric_families(text) for s in family.samples}

    before = samples()
    stuck = english_worker_pid(app)
    os.kill(stuck, signal.SIGSTOP)
    assert client.get(section_url("clinical-trials")).status_code == 503  # a hang: the one 503 left
    fresh = client.get(section_url("clinical-trials"))  # rendered by its replacement
    assert fresh.status_code == 200 and fresh.get_data()
    client.get(section_url("clinical-trials")).get_data()  # from the cache
    after = samples()

    def grew(name, **labels):
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0) - before.get(key, 0)

    assert grew("carevoice_speech_worker_restarts_total") == 1
    assert grew("carevoice_audio_renders_total", format="mp3") == 1
    assert grew("carevoice_audio_cache_total", outcome="hit") >= 1
    assert grew("carevoice_http_requests_total", method="GET", endpoint="audio.audio", status="503") == 1
    assert grew("carevoice_utterances_synthesised_total") >= 2


@pytest.mark.parametrize("fmt", ["mp3", "ogg"])
def test_an_unwritable_cache_still_serves_pages_and_audio_and_readyz_says_why(settings, tmp_path, fmt):
    from service import create_app

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")  # writing under it fails, even as root
    app = create_app(settings | {"CACHE_DIR": str(blocker / "cache")})
    client = app.test_client()
    try:
        assert client.get(f"/tr/topics/{SLUG}/").status_code == 200
        audio = client.get(section_url("chemotherapy", fmt=fmt))
        assert audio.status_code == 200 and len(audio.get_data()) > 5_000
        ready = client.get("/readyz")
        assert ready.status_code == 503 and "not writable" in ready.json["checks"]["cache"]
    finally:
        app.extensions["carevoice.speech"].close()


def test_a_cache_that_fills_up_mid_write_leaves_no_partial_file(app, client, monkeypatch):
    from service.speech.cache import PendingFile

    real_write, written = PendingFile.write, []

    def write_until_full(self, data):
        if written:
            raise OSError(28, "No space left on device")
        written.append(len(data))
        return real_write(self, data)

    monkeypatch.setattr(PendingFile, "write", write_until_full)
    response = client.get(section_url("introduction"))
    body = response.get_data()
    assert response.status_code == 200 and len(body) > 50_000  # the whole audio still reached the listener
    assert not [f for f in cache_files(app) if f.endswith((".mp3", ".part"))]


def test_utterance_folders_of_killed_web_processes_are_removed_by_the_next_pool(tmp_path):
    import subprocess
    import sys

    from service.speech.scratch import TEMP_PREFIX, make_temp_dir, remove_orphaned_temp_dirs

    # A web process makes its folder, then is killed outright (no atexit, no close()).
    program = ("import sys, time; from service.speech.scratch import make_temp_dir; "
               "print(make_temp_dir(sys.argv[1])[0], flush=True); time.sleep(60)")
    owner = subprocess.Popen([sys.executable, "-c", program, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        orphan = owner.stdout.readline().strip()
        assert remove_orphaned_temp_dirs(str(tmp_path)) == []  # alive: its lock is held
    finally:
        owner.kill()
        owner.wait()
        owner.stdout.close()
    live, held = make_temp_dir(str(tmp_path))  # this process's own, in use
    unowned = tmp_path / f"{TEMP_PREFIX}no-owner-file"
    being_made = tmp_path / f".{TEMP_PREFIX}new"  # made, not yet locked and renamed
    for folder in (unowned, being_made):
        folder.mkdir()
    (being_made / ".owner").write_bytes(b"")
    try:
        assert remove_orphaned_temp_dirs(str(tmp_path)) == [orphan]
        assert not os.path.exists(orphan) and os.path.isdir(live)
        assert unowned.is_dir() and being_made.is_dir()
    finally:
        os.close(held)


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
