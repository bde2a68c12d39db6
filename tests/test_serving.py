"""The gunicorn configuration that `make serve` uses, run for real on loopback."""

import contextlib
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from carevoice_bench.servers import serving
from service.config import PROJECT_DIR
from service.speech import renderer, warm

from .conftest import LANGUAGES, SLUG


@pytest.mark.speech
def test_warm_starts_every_voice_before_the_first_listener(app):
    warm(app)
    with app.app_context():
        pids = renderer().pool.worker_pids()
        written = {(key[0], key[1]) for key in renderer().scripts.written()}
    assert len(pids) == 2 * len(LANGUAGES)  # two workers for each language's voice
    # Every script is written ahead too: the topic and its seven sections, in every language.
    assert written == {(kind, code) for kind in ("topic", "section") for code in LANGUAGES}
    with app.app_context():
        assert len(renderer().scripts.written()) == len(LANGUAGES) * (1 + 7)


@pytest.mark.speech
def test_a_script_that_cannot_be_written_ahead_does_not_stop_the_warm_up(app, monkeypatch, caplog):
    with app.app_context():
        scripts = renderer().scripts
    written = scripts.section

    def broken_in_turkish(topic, section, language):
        if language.code == "tr":
            raise ValueError("a broken template")
        return written(topic, section, language)

    monkeypatch.setattr(scripts, "section", broken_in_turkish)
    warm(app)
    with app.app_context():
        assert len(renderer().pool.worker_pids()) == 2 * len(LANGUAGES)  # every voice started all the same
    # Every language's scripts but Turkish: its topic's chapters are its sections.
    assert {key[1] for key in scripts.written()} == set(LANGUAGES) - {"tr"}
    assert any("spoken scripts of tr not written ahead" in r.getMessage() for r in caplog.records)


def gunicorn(tmp_path, **environment):
    """gunicorn with the repository's gunicorn.conf.py on a free loopback port,
    until /healthz answers; yields the base address and the process."""
    return serving(tmp_path, **environment)


def speech_folders() -> set[str]:
    return {entry.name for entry in Path("/dev/shm").glob("carevoice-speech-*")}


def unheld(names: set[str]) -> set[str]:
    """Of these speech folders, those no live process holds (their pool's lock
    on the owner file is gone): left behind. Folders another process on the
    machine holds now (another test run) are not this server's leftovers."""
    import fcntl

    left = set()
    for name in names:
        try:
            owner = os.open(f"/dev/shm/{name}/.owner", os.O_RDWR)
        except FileNotFoundError:
            left.add(name)  # a folder without its owner file is nobody's
            continue
        try:
            fcntl.flock(owner, fcntl.LOCK_EX | fcntl.LOCK_NB)
            left.add(name)
        except BlockingIOError:
            pass
        finally:
            os.close(owner)
    return left


@pytest.mark.slow  # boots gunicorn
def test_make_serve_configuration_serves_pages_audio_and_metrics(tmp_path):
    folders_before = speech_folders()
    with gunicorn(tmp_path, GUNICORN_ACCESS_LOG="1") as (base, server):
        with urllib.request.urlopen(base + "/readyz", timeout=30) as ready:
            assert ready.status == 200
        with urllib.request.urlopen(f"{base}/tr/topics/{SLUG}/?from=kiosk-3", timeout=10) as page:
            assert "4. evre mezotelyomada cerrahi" in page.read().decode()
            assert "server" not in page.headers  # no server name and version for the asking
        audio_url = f"{base}/tr/topics/{SLUG}/chemotherapy/audio.mp3"
        bodies = []
        for _ in range(3):  # rendered and streamed; sent from the cache; held in memory
            with urllib.request.urlopen(audio_url, timeout=30) as audio:
                assert audio.headers["Content-Type"] == "audio/mpeg"
                bodies.append(audio.read())
        assert len(set(bodies)) == 1 and len(bodies[0]) > 10_000
        with urllib.request.urlopen(base + "/metrics", timeout=10) as metrics:
            text = metrics.read().decode()
        assert 'carevoice_http_requests_total{endpoint="audio.audio",method="GET",status="200"}' in text
        server.send_signal(signal.SIGTERM)
        output = server.communicate(timeout=30)[0].decode()
    assert "Traceback" not in output and "Worker failed to boot" not in output, output
    # Stopped, the workers leave no speech folders behind (uvicorn's worker
    # skips atexit; the ASGI front lets them go at lifespan shutdown).
    assert unheld(speech_folders() - folders_before) == set()
    # The access log names the page and no visitor: no address, no query string.
    assert f'"path": "/tr/topics/{SLUG}/", "status": 200' in output, output
    assert "127.0.0.1:" not in output.replace(base, "") and "kiosk-3" not in output, output


@pytest.mark.slow  # boots gunicorn
def test_each_instance_keeps_its_own_control_socket(tmp_path):
    """Two instances (two ports) of one user: `gunicornc` on each one's socket
    reaches that instance, not the one started last."""
    import json

    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    with gunicorn(tmp_path / "a", XDG_RUNTIME_DIR=str(runtime)) as (base_a, server_a), \
            gunicorn(tmp_path / "b", XDG_RUNTIME_DIR=str(runtime)) as (base_b, server_b):
        for base, server in ((base_a, server_a), (base_b, server_b)):
            port = base.rsplit(":", 1)[1]
            answer = subprocess.run(
                [str(Path(sys.executable).parent / "gunicornc"), "-s", str(runtime / f"carevoice-{port}.ctl"),
                 "-c", "show workers", "-j"], capture_output=True, text=True, timeout=30, check=True).stdout
            workers = {worker["pid"] for worker in json.loads(answer)["workers"]}
            children = set(map(int, Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()))
            assert workers and workers <= children, (port, workers, children)


@pytest.mark.slow  # boots gunicorn
def test_fifty_simultaneous_requests_across_workers_render_once(tmp_path):
    """Cold-cache stampede against gunicorn (two worker processes): every
    request gets the same bytes and the audio is rendered once."""
    from concurrent.futures import ThreadPoolExecutor

    with gunicorn(tmp_path, WEB_CONCURRENCY="2", GUNICORN_THREADS="32") as (base, _):
        with urllib.request.urlopen(base + "/readyz", timeout=30):
            pass
        url = f"{base}/en/topics/{SLUG}/supportive-care/audio.mp3"

        def fetch(_):
            with urllib.request.urlopen(url, timeout=60) as response:
                return response.status, response.read()

        with ThreadPoolExecutor(max_workers=50) as pool:
            results = list(pool.map(fetch, range(50)))
        with urllib.request.urlopen(base + "/metrics", timeout=10) as metrics:
            text = metrics.read().decode()
    assert {status for status, _ in results} == {200}
    bodies = {body for _, body in results}
    assert len(bodies) == 1 and len(next(iter(bodies))) > 10_000
    renders = [line for line in text.splitlines() if line.startswith('carevoice_audio_renders_total{format="mp3"}')]
    assert renders == ['carevoice_audio_renders_total{format="mp3"} 1.0']


@pytest.mark.slow  # boots gunicorn
def test_a_huge_request_head_is_cut_off_before_it_is_held(tmp_path):
    """uvicorn's httptools would hold a head of any size; service.serving.worker bounds
    it (64 KiB), and the app answers finer limits in the visitor's terms."""
    import socket

    def answer(raw: bytes) -> bytes:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
            with contextlib.suppress(OSError):  # refused while still sending: the answer is already there
                conn.sendall(raw)
            received = b""
            while chunk := conn.recv(65536):  # the server closes the connection
                received += chunk
        return received

    with gunicorn(tmp_path) as (base, _):
        port = int(base.rsplit(":", 1)[1])
        head = b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        cut = answer(head + b"X-Junk: " + b"x" * 5_000_000 + b"\r\n\r\n")
        # The server's own short answer, not the app's page: the head never reached the app.
        assert cut.startswith(b"HTTP/1.1 431 ") and cut.endswith(b"\r\n\r\nRequest header fields too large"), cut[:300]
        by_app = answer(head + b"X-Junk: " + b"x" * 20_000 + b"\r\n\r\n")
        assert by_app.startswith(b"HTTP/1.1 431 ") and b"<!DOCTYPE html>" in by_app
        long_address = answer(b"GET /en/" + b"a" * 20_000 + b" HTTP/1.1\r\n" + head.split(b"\r\n", 1)[1] + b"\r\n")
        assert long_address.startswith(b"HTTP/1.1 414 ")
        with urllib.request.urlopen(base + "/healthz", timeout=10) as still:
            assert still.status == 200


def test_the_access_line_of_gunicorns_own_workers_names_no_visitor(monkeypatch, tmp_path):
    """The threaded fallback (README) writes gunicorn's own access line."""
    import runpy

    # Reading the file sets PROMETHEUS_MULTIPROC_DIR unless set: not for the rest of the suite.
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    settings = runpy.run_path(str(PROJECT_DIR / "gunicorn.conf.py"))
    for visitor in ("%(h)s", "%(r)s", "%(q)s", "%(a)s", "%(f)s", "%(u)s", "%({"):
        assert visitor not in settings["access_log_format"], visitor
