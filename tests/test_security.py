"""Security headers on every kind of response, and no cookies."""

import pytest

from .conftest import SLUG

EXPECTED = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; "
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
                           "microphone=(), payment=(), usb=()"),
    "Cross-Origin-Opener-Policy": "same-origin",
}

PATHS = ["/", "/en/", f"/tr/topics/{SLUG}/", "/api/v1/languages", f"/api/v1/topics/{SLUG}?lang=tr",
         "/static/carevoice.css", "/static/topic.js", "/xx/", "/api/v1/topics?lang=!", "/kiosk/",
         f"/en/topics/{SLUG}/chemotherapy/transcript.txt", "/healthz"]


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_security_headers_and_no_cookie(client, path):
    response = client.get(path)
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, name
    assert "Strict-Transport-Security" not in response.headers
    assert "Set-Cookie" not in response.headers


@pytest.mark.speech
def test_audio_and_its_replay_carry_them_too(client):
    url = f"/en/topics/{SLUG}/chemotherapy/audio.mp3"
    for _ in range(3):  # cold stream, cached file, WSGI replay
        response = client.get(url)
        response.get_data()
        assert response.headers["Content-Security-Policy"] == EXPECTED["Content-Security-Policy"]


def test_hsts_is_a_switch_for_tls_deployments(make_app):
    response = make_app(HSTS=True).test_client().get("/en/")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_pages_hold_no_inline_script_or_style(client):
    from .conftest import soup

    for path in ["/en/", f"/tr/topics/{SLUG}/", "/kiosk/", f"/kiosk/tr/topics/{SLUG}/"]:
        page = soup(client.get(path))
        assert all(script.get("src") for script in page.select("script"))
        assert page.select("style, [style]") == []
        assert not [el for el in page.find_all(True) if any(a.startswith("on") for a in el.attrs)]


def test_logs_are_json_lines_without_the_visitor(app, client):
    import io
    import json
    import logging

    from service.logs import JsonFormatter

    @app.get("/boom")
    def boom():
        raise RuntimeError("kaboom")

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("service")
    logger.addHandler(handler)
    try:
        client.get("/boom?name=Ayşe", headers={"X-Forwarded-For": "203.0.113.9", "Cookie": "id=42"})
    finally:
        logger.removeHandler(handler)
    line = stream.getvalue().strip().splitlines()[-1]
    entry = json.loads(line)
    assert entry["level"] == "error" and entry["message"] == "unhandled error on GET /boom"
    assert entry["error"] == "RuntimeError" and "kaboom" in entry["traceback"]
    assert "Ayşe" not in line and "203.0.113.9" not in line and "id=42" not in line
