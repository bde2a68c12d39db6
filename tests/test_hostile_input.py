"""Whatever a visitor sends, the answer is never a 5xx and never a traceback."""

import pytest

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import SLUG

SEGMENTS = st.one_of(
    st.sampled_from(["en", "tr", "xx", "api", "v1", "topics", SLUG, "kiosk", "prompts", "glossary", "chemotherapy",
                     "audio.mp3", "audio.ogg", "audio.flac", "timings.vtt", "timings.json", "transcript.txt", "book.epub",
                     "..", ".", "%2e%2e", "%2F", "%00", "static", "carevoice.css", "help.mp3"]),
    st.text(alphabet=string.printable + "çğıöşüİ€\u202e", min_size=0, max_size=40),
)
# "?" and "#" would end the path, and the test client's URL parser drops tabs
# and line breaks (so "/\t/x" would read as a host name "x"): all of these
# arrive percent-encoded, as a browser sends them. A leading "//" would read
# as a host name too, not as a path.
ENCODED = str.maketrans({"?": "%3F", "#": "%23", "\t": "%09", "\n": "%0A", "\r": "%0D"})
PATHS = st.lists(SEGMENTS, min_size=0, max_size=7).map(
    lambda parts: "/" + "/".join(parts).translate(ENCODED).lstrip("/"))
HEADER_TEXT = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=300)


def assert_clean(response):
    body = response.get_data()
    assert response.status_code < 500, (response.status_code, body[:300])
    assert b"Traceback" not in body and b'File "' not in body


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=PATHS, query=st.dictionaries(st.sampled_from(["lang", "download", "x"]), HEADER_TEXT, max_size=2))
def test_generated_paths_and_queries(client, path, query):
    # Audio and books are not requested here (each would render); their paths are below with a warm cache.
    if path.endswith((".mp3", ".ogg", ".wav", ".vtt", ".json", ".epub")) and "/topics/" in path:
        return
    assert_clean(client.get(path, query_string=query))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(accept_language=HEADER_TEXT, accept=HEADER_TEXT)
def test_generated_negotiation_headers(client, accept_language, accept):
    for path in ("/", "/tr/", "/no/such/", "/api/v1/topics"):
        assert_clean(client.get(path, headers={"Accept-Language": accept_language, "Accept": accept}))


@pytest.mark.speech
@pytest.mark.parametrize("url", [f"/en/topics/{SLUG}/chemotherapy/audio.ogg", f"/en/topics/{SLUG}/book.epub"])
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(range_header=st.one_of(HEADER_TEXT, st.builds("bytes={}-{}".format, st.integers(-5, 10**9),
                                                      st.integers(-5, 10**9))),
       if_none_match=HEADER_TEXT)
def test_generated_range_and_etag_headers_on_cached_audio(client, url, range_header, if_none_match):
    client.get(url).get_data()  # rendered once, then from the cache
    response = client.get(url, headers={"Range": range_header, "If-None-Match": if_none_match})
    assert_clean(response)
    assert response.status_code in (200, 206, 304, 416)


def test_oversized_headers_are_refused_cleanly(client):
    response = client.get("/en/", headers={"Accept-Language": "tr," * 20000, "X-Junk": "x" * 100_000})
    assert_clean(response)
    assert response.status_code == 431


def test_the_app_keeps_its_own_request_limits(client):
    """uvicorn's worker does not apply gunicorn's limits, so the app does
    (service/serving/request_limits.py), in the visitor's terms."""
    long_address = client.get("/tr/topics/" + "a" * 5000 + "/")
    assert long_address.status_code == 414 and "Adres çok uzun" in long_address.get_data(as_text=True)
    long_query = client.get("/api/v1/topics", query_string={"x": "y" * 5000})
    assert long_query.status_code == 414 and long_query.json["status"] == 414
    many = client.get("/api/v1/topics", headers={f"X-Field-{n}": "1" for n in range(101)})
    assert many.status_code == 431 and many.mimetype == "application/problem+json"
    large = client.get("/en/", headers={"X-Field": "x" * 8191})
    assert large.status_code == 431 and "The request headers are too large" in large.get_data(as_text=True)
    # Within the limits, a request is served: 90 fields more than the client's own, one of 8,190.
    assert client.get("/api/v1/topics", headers={f"X-Field-{n}": "1" for n in range(90)}).status_code == 200
    assert client.get("/en/", headers={"X-Field": "x" * 8190}).status_code == 200


@pytest.mark.speech
def test_remembered_audio_keeps_the_limits_too(client):
    """The shortcut that replays cached audio answers only requests the app
    would serve: an oversized one gets the app's 431, not the file."""
    url = f"/en/topics/{SLUG}/chemotherapy/audio.ogg"
    client.get(url)
    assert client.get(url).status_code == 200  # remembered now
    assert client.get(url, headers={"X-Junk": "x" * 9000}).status_code == 431
    assert client.get(url, headers={"If-Match": '"not-this"'}).status_code == 412
