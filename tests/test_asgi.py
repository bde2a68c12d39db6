"""The ASGI front (service/serving/asgi.py): held audio from the event loop, all else
from the Flask app, byte for byte and header for header as the app sends it."""

import asyncio
import logging
import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from service.serving.access_log import AccessLineWithoutVisitor
from service.serving.asgi import create_asgi_app

from .conftest import SLUG

pytestmark = pytest.mark.speech  # every test here says something with a real speech worker

URL = f"/en/topics/{SLUG}/chemotherapy/audio.ogg"


@pytest.fixture
def front(settings):
    application = create_asgi_app(threads=2, test_config=settings)
    yield application
    application.flask_app.extensions["carevoice.speech"].close()


def call(front, path, headers=(), method="GET", query=b""):
    """One request through the ASGI app, as uvicorn makes it: (status, headers, body)."""
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query, "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), *((k.lower().encode(), v.encode()) for k, v in headers)],
        "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000),
    }
    # A loop of its own in a thread of its own: the browser tests leave one running in this thread.
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, front(scope, receive, send)).result()
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body


@pytest.fixture
def bridge_calls(front, monkeypatch):
    """The paths that reached the Flask app (through a2wsgi's bridge)."""
    paths = []
    bridge = front.bridge

    async def counting(scope, receive, send):
        paths.append(scope["path"])
        await bridge(scope, receive, send)

    monkeypatch.setattr(front, "bridge", counting)
    return paths


def test_held_audio_is_sent_from_the_event_loop_as_the_app_sent_it(front, bridge_calls):
    app_sent = call(front, URL)  # rendered, then sent from the cache file: remembered and held
    assert bridge_calls == [URL]
    held = call(front, URL)
    assert bridge_calls == [URL], "the held reply must not reach the app"
    assert held[0] == app_sent[0] == 200
    assert held[2] == app_sent[2] and len(held[2]) > 1000
    assert {k: v for k, v in held[1].items() if k != "date"} == \
        {k: v for k, v in app_sent[1].items() if k != "date"}


def test_a_streamed_render_is_held_once_sent_from_the_cache(front, bridge_calls):
    url = URL.replace("audio.ogg", "audio.mp3")
    cold = call(front, url)  # MP3 streams as it renders: nothing to remember yet
    assert "content-length" not in cold[1]
    call(front, url)
    held = call(front, url)
    assert bridge_calls == [url, url] and held[2] == cold[2]


@pytest.mark.parametrize("headers, query, status", [
    ((("Range", "bytes=0-9"),), b"", 206),
    ((("If-None-Match", '"x"'),), b"", 200),
    ((("If-Match", '"x"'),), b"", 412),
    ((("If-Modified-Since", "Fri, 27 Nov 2026 00:00:00 GMT"),), b"", 200),
    ((), b"download=1", 200),
    ((("X-Junk", "x" * 9000),), b"", 431),
    (tuple(("X-Field", "1") for _ in range(101)), b"", 431),
])
def test_anything_but_a_plain_get_is_the_apps_to_answer(front, bridge_calls, headers, query, status):
    call(front, URL)
    sent_status, sent_headers, body = call(front, URL, headers=headers, query=query)
    assert bridge_calls == [URL] * 2
    assert sent_status == status, body[:200]
    if query:
        assert sent_headers["content-disposition"].startswith("attachment")


def test_a_held_file_under_a_non_ascii_address_is_found(front, tmp_path):
    """WSGI names paths as UTF-8 bytes read as Latin-1; ASGI as text."""
    from service.serving.audio_shortcut import Remembered

    held = tmp_path / "held.mp3"
    held.write_bytes(b"ID3" + bytes(997))
    wsgi_path = "/tr/konular/öğrenme/audio.mp3".encode().decode("latin-1")
    front.shortcut._known[wsgi_path] = Remembered(str(held), [("Content-Type", "audio/mpeg")], holdable=True)
    front.shortcut.held.hold(str(held))
    status, headers, body = call(front, "/tr/konular/öğrenme/audio.mp3")
    assert status == 200 and body == held.read_bytes() and headers["content-length"] == "1000"


def test_a_file_rewritten_behind_the_held_copy_is_not_sent(front, bridge_calls):
    call(front, URL)
    remembered = front.shortcut._known[URL]
    with open(remembered.file_path, "r+b") as cached:  # same size, new bytes, new mtime
        data = cached.read()
        cached.seek(0)
        cached.write(bytes(255 - b for b in data[:64]))
    stat = os.stat(remembered.file_path)
    os.utime(remembered.file_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    status, _, body = call(front, URL)
    assert bridge_calls == [URL, URL], "a changed file goes back to the app"
    assert status == 200 and body[:64] == bytes(255 - b for b in data[:64])


def test_pages_and_errors_come_from_the_app(front):
    status, headers, body = call(front, f"/tr/topics/{SLUG}/")
    assert status == 200 and "4. evre mezotelyomada cerrahi" in body.decode()
    status, headers, _ = call(front, URL, method="HEAD")
    assert status == 200 and headers["content-type"] == "audio/ogg"
    status, headers, body = call(front, "/en/topics/nothing-here/", headers=(("Accept", "application/json"),))
    assert status == 404 and headers["content-type"] == "application/problem+json"


def access_record(args):
    return logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d', args, None)


def test_the_access_line_names_neither_visitor_nor_query():
    record = access_record(("203.0.113.9:51234", "GET", "/tr/topics/x/?name=Ay%C5%9Fe", "1.1", 200))
    assert AccessLineWithoutVisitor().filter(record)
    line = record.getMessage()
    assert '"path": "/tr/topics/x/"' in line and '"status": 200' in line
    assert "203.0.113.9" not in line and "name=" not in line


def test_an_access_line_of_an_unknown_shape_is_dropped():
    assert not AccessLineWithoutVisitor().filter(access_record(("203.0.113.9:51234", "GET")))


# --- the bound on request heads (BoundedHttpToolsProtocol) ---------------------------

class RecordingTransport(asyncio.Transport):
    def __init__(self):
        super().__init__()
        self.sent, self.closed = b"", False

    def write(self, data):
        self.sent += data

    def close(self):
        self.closed = True

    def is_closing(self):
        return self.closed

    def get_extra_info(self, name, default=None):
        return {"peername": ("127.0.0.1", 50000), "sockname": ("127.0.0.1", 8000)}.get(name, default)

    def pause_reading(self):
        pass

    def resume_reading(self):
        pass


def through_protocol(chunks):
    """What uvicorn's protocol, with our bound, answers to these chunks of one connection."""
    from uvicorn.config import Config
    from uvicorn.server import ServerState

    from service.serving.worker import BoundedHttpToolsProtocol

    async def ok(scope, receive, send):
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
        await send({"type": "http.response.body", "body": b"ok"})

    async def run():
        config = Config(app=ok, http=BoundedHttpToolsProtocol, lifespan="off", log_level="warning")
        protocol = BoundedHttpToolsProtocol(config, ServerState(), {})
        transport = RecordingTransport()
        protocol.connection_made(transport)
        for chunk in chunks:
            if transport.closed:
                break
            protocol.data_received(chunk)
            while protocol.tasks:  # each request answered before the next chunk
                await asyncio.gather(*protocol.tasks)
        return transport

    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, run()).result()


def head(size: int, close: bool = False) -> bytes:
    """A GET whose head is about ``size`` bytes, in fields a browser could send."""
    fields = b"".join(b"X-Field-%d: %s\r\n" % (n, b"v" * 1000) for n in range(size // 1020))
    return b"GET /x HTTP/1.1\r\nHost: a\r\n" + fields + (b"Connection: close\r\n" if close else b"") + b"\r\n"


def test_a_head_past_64_kib_is_refused_and_the_connection_closed():
    request = head(100_000)
    answer = through_protocol([request[:40_000], request[40_000:80_000], request[80_000:]])
    assert answer.sent.startswith(b"HTTP/1.1 431 ") and answer.closed


def test_bodies_and_finished_requests_do_not_count_as_head():
    post = b"POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n" + b"a" * 100_000
    answer = through_protocol([post])  # head and a large body in one chunk
    assert answer.sent.count(b"HTTP/1.1 200 ") == 1 and not answer.closed
    pipelined = b"GET /x HTTP/1.1\r\nHost: a\r\n\r\n" * 3000  # 84 KB of small requests in one chunk
    answer = through_protocol([pipelined])
    assert b" 431 " not in answer.sent and not answer.closed


def test_each_request_on_a_kept_connection_has_its_own_count():
    # Three 50 KB heads, each arriving in two chunks: 30 KB counted, then the rest completes it.
    chunks = [part for request in (head(50_000), head(50_000), head(50_000))
              for part in (request[:30_000], request[30_000:])]
    answer = through_protocol(chunks)
    assert answer.sent.count(b"HTTP/1.1 200 ") == 3 and b" 431 " not in answer.sent
    # Finished requests in the chunk that begins a head are not that head's bytes.
    small = b"GET /x HTTP/1.1\r\nHost: a\r\n\r\n" * 2000  # 56 KB
    last = head(20_000, close=True)
    answer = through_protocol([small + last[:5_000], last[5_000:12_000], last[12_000:]])
    assert answer.sent.count(b"HTTP/1.1 200 ") == 2001 and b" 431 " not in answer.sent


def test_gunicorns_own_access_line_is_valid_json_whatever_the_path(monkeypatch, tmp_path):
    """The threaded fallback's line (gunicorn.conf.py) stays one JSON object a line."""
    import datetime
    import json
    import runpy
    from types import SimpleNamespace

    from gunicorn.config import Config
    from gunicorn.glogging import SafeAtoms

    from service.serving.access_log import GunicornAccessLine
    from service.config import PROJECT_DIR

    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))  # reading the file would set it
    line_format = runpy.run_path(str(PROJECT_DIR / "gunicorn.conf.py"))["access_log_format"]
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/x", "PATH_INFO": '/a"b\\c\n{"forged": 1}',
               "QUERY_STRING": "name=Ay%C5%9Fe", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "203.0.113.9"}
    atoms = GunicornAccessLine(Config()).atoms(
        SimpleNamespace(status="200 OK", response_length=2, headers=(), sent=2), SimpleNamespace(headers=()),
        environ, datetime.timedelta(milliseconds=3))
    line = line_format % SafeAtoms(atoms)
    assert "\n" not in line and json.loads(line)["path"] == environ["PATH_INFO"]
    assert "203.0.113.9" not in line and "Ay" not in line
