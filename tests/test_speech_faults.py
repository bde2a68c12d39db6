"""The fault table of the speech issue, each with the real engine."""

import os
import signal
import threading
import time

import pytest

from service.speech import renderer

from .conftest import LANGUAGES, SLUG, soup
from .speech_support import cache_files, english_worker_pid

pytestmark = pytest.mark.speech  # every test here says something with a real speech worker


def section_url(section="supportive-care", fmt="mp3", lang="en"):
    return f"/{lang}/topics/{SLUG}/{section}/audio.{fmt}"


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


def test_workers_killed_while_idle_fail_no_request(make_app):
    app = make_app(LANGUAGES={"en": {"voice": "gmw/en-us", "rate": 170}, "tr": {"voice": "trk/tr", "rate": 160}})
    client = app.test_client()
    with app.app_context():
        pool = renderer().pool
        pool.warm([(lang["voice"], lang["rate"]) for lang in app.config["LANGUAGES"].values()])
        victims = pool.worker_pids()
    assert len(victims) == 2
    for pid in victims:
        os.kill(pid, signal.SIGKILL)
    for pid in victims:  # dead (a zombie until the pool reaps it), as a worker killed long ago would be
        deadline = time.monotonic() + 5
        while open(f"/proc/{pid}/stat").read().split(") ")[1][0] != "Z" and time.monotonic() < deadline:
            time.sleep(0.01)
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
    assert body.json["checks"] == {"cache": "ok", **{f"{check}:{code}": "ok" for code in LANGUAGES
                                                      for check in ("catalog", "speech")}}
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
