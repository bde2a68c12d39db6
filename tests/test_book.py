"""GET /<lang>/topics/<slug>/book.epub (service/web/book.py): sent as cached
audio is (type, download name, caching headers, ETag and 304, ranges, the
serving layer's replay), and a clear 4xx for what does not exist."""

import pytest

from service.speech import renderer

from .conftest import SLUG
from .speech_support import cache_files
from .test_render import SpeechCounter

BOOK = f"/tr/topics/{SLUG}/book.epub"


@pytest.mark.speech
def test_the_book_is_an_epub_named_for_its_topic_and_cached_like_audio(books):
    book = books["tr"]
    response = book.get("book.epub")
    assert response.status_code == 200 and response.mimetype == "application/epub+zip"
    assert response.get_data() == book.data  # the second request: the cache file
    assert response.headers["Content-Disposition"] == 'attachment; filename="4. evre mezotelyomada cerrahi.epub"'
    cache_control = response.headers["Cache-Control"]
    assert "public" in cache_control and "max-age=86400" in cache_control and "Expires" not in response.headers
    assert response.headers["Accept-Ranges"] == "bytes"


@pytest.mark.speech
def test_conditional_and_partial_requests(books):
    book = books["en"]
    etag = book.get("book.epub").headers["ETag"]
    for condition in (etag, f"W/{etag}"):
        revalidated = book.client.get(f"/en/topics/{SLUG}/book.epub", headers={"If-None-Match": condition})
        assert revalidated.status_code == 304 and revalidated.get_data() == b""
    part = book.client.get(f"/en/topics/{SLUG}/book.epub", headers={"Range": "bytes=0-57"})
    assert part.status_code == 206 and part.get_data() == book.data[:58]


@pytest.mark.speech
def test_a_cached_book_is_one_file_beside_the_audio_and_replayed_as_audio_is(make_app):
    app = make_app()
    client = app.test_client()
    first = client.get(BOOK).get_data()
    (cached,) = cache_files(app, ".epub")
    assert cached.rsplit("/", 3)[-3] == "audio"  # so nginx's internal location sends it too
    assert app.wsgi_app._known[BOOK].file_path == cached  # remembered by the serving layer
    assert client.get(BOOK).get_data() == first  # and replayed


@pytest.mark.speech
def test_a_cache_that_cannot_be_written_still_gives_the_book_saying_each_line_once(make_app, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    app = make_app(CACHE_DIR=str(blocked))
    with app.app_context():
        counter = SpeechCounter(renderer().pool)
    client = app.test_client()
    response = client.get(BOOK)
    assert response.status_code == 200 and response.get_data()[:4] == b"PK\x03\x04"
    assert len(counter.calls) == len(set(counter.calls))  # the timings are the render's, not a second reading
    assert client.get(BOOK, headers={"If-None-Match": response.headers["ETag"]}).status_code == 304


# Each address or method is wrong in one part only, and the answer names it.
@pytest.mark.parametrize("method, path, status, reason", [
    ("GET", "/en/topics/no-such-topic/book.epub", 404, "There is no topic at this address."),
    ("GET", f"/xx/topics/{SLUG}/book.epub", 404, "We do not have information in that language."),
    ("GET", f"/en/topics/{SLUG}/book.pdf", 404, "There is nothing at this address."),
    ("GET", f"/en/topics/{SLUG}/book.epub/", 404, "There is nothing at this address."),
    ("POST", f"/en/topics/{SLUG}/book.epub", 405, "Please check the address and try again."),
])
@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_bad_addresses_are_a_clear_4xx_as_a_page_or_as_json(client, method, path, status, reason, accept):
    response = client.open(path, method=method, headers={"Accept": accept})
    assert response.status_code == status
    if accept == "application/json":
        assert response.mimetype == "application/problem+json" and response.json["detail"].startswith(reason)
    else:
        assert response.mimetype == "text/html" and reason in response.get_data(as_text=True)


def test_a_language_without_a_voice_has_no_book_and_says_why(make_app):
    app = make_app(LANGUAGES={"en": {"voice": "gmw/en-us"}, "tr": {"voice": None}})
    response = app.test_client().get(BOOK, headers={"Accept": "application/json"})
    assert response.status_code == 503 and response.json["reason"] == "no voice is configured for tr"
