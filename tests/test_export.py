"""The offline bundle: every page, all audio, timings and prompts, served by nginx."""

import urllib.error
import urllib.request
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from service.commands.export import _Addresses, index_page

from .conftest import LANGUAGES, NATIVE_NAMES, SLUG


def addresses_in(html: str) -> list[str]:
    """Every address a page names, found without the export's own list of
    attributes: href and src whatever their form, any other attribute whose
    value is a path on this site (data-timings, data-prompt, ...), and the
    target of a refresh."""
    found = []
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        for name, value in element.attrs.items():
            if isinstance(value, str) and (name in ("href", "src") or value.startswith("/")):
                found.append(value)
        if element.name == "meta" and element.get("http-equiv") == "refresh":
            found.append(element["content"].split("url=", 1)[1])
    return found


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:  # an answer all the same: the caller's assertion names the address
        return error.code, error.headers.get_content_type(), error.read()


@pytest.mark.slow  # exports the whole site (about a minute), served by nginx
def test_every_address_in_the_bundle_resolves(exported_site):
    base, site = exported_site
    queue, seen, pages = ["/", "/kiosk/"], set(), set()
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        status, kind, body = fetch(base + path)
        assert status == 200, path
        if kind == "text/html":
            pages.add(path)
            for address in addresses_in(body.decode()):
                target = urlsplit(urljoin(base + path, urldefrag(address)[0]))
                assert target.netloc == urlsplit(base).netloc, f"{path} links off the site: {address}"
                queue.append(target.path)
    assert len(pages) >= 10  # root, and per language: topic list, topic, kiosk screens
    assert any(p.endswith("/prompts/help.mp3") for p in seen)
    # Every page written is one a visitor reaches, so the crawl above read them all.
    assert set(site.rglob("*.html")) == {site / page.lstrip("/") / "index.html" for page in pages}


@pytest.mark.parametrize("path, kind", [
    (f"/tr/topics/{SLUG}/audio.mp3", "audio/mpeg"),
    (f"/tr/topics/{SLUG}/audio.ogg", "audio/ogg"),
    (f"/tr/topics/{SLUG}/audio.wav", "audio/wav"),
    (f"/en/topics/{SLUG}/chemotherapy/timings.vtt", "text/vtt"),
    (f"/en/topics/{SLUG}/chemotherapy/timings.json", "application/json"),
    (f"/tr/topics/{SLUG}/transcript.txt", "text/plain"),
    (f"/tr/topics/{SLUG}/glossary/pleurodesis/audio.mp3", "audio/mpeg"),
    ("/kiosk/tr/prompts/language.mp3", "audio/mpeg"),
    (f"/tr/topics/{SLUG}/book.epub", "application/epub+zip"),
])
@pytest.mark.slow  # the exported site, served by nginx
def test_audio_timings_and_prompts_are_in_the_bundle(exported_site, path, kind):
    base, _ = exported_site
    status, served, body = fetch(base + path)
    assert status == 200 and served == kind and len(body) > 100


@pytest.mark.slow  # the exported site, served by nginx
def test_root_of_the_bundle_offers_every_language(exported_site):
    base, _ = exported_site
    _, _, body = fetch(base + "/")
    assert b'href="/en/"' in body and b'href="/tr/"' in body and b"refresh" in body
    assert b'<html lang="en">' in body  # the default language (index_page: any default is tested below)


@pytest.mark.parametrize("path", ["/en/", f"/tr/topics/{SLUG}/", "/kiosk/", "/kiosk/tr/", f"/kiosk/tr/topics/{SLUG}/"])
def test_the_export_follows_every_address_a_page_names(client, path):
    """What the crawl above checks on the whole bundle, page by page and
    without exporting: the export's parser misses no address."""
    html = client.get(path).get_data(as_text=True)
    parser = _Addresses()
    parser.feed(html)
    named = set(addresses_in(html))
    assert any(address.startswith("/static/") for address in named)  # its stylesheet at least
    assert named - set(parser.found) == set()


@pytest.mark.parametrize("default", ["en", "tr"])
def test_the_bundles_root_is_in_the_default_language_and_offers_every_language(make_app, default):
    with make_app(DEFAULT_LANGUAGE=default).app_context():
        page = BeautifulSoup(index_page(), "html.parser")
    assert page.html["lang"] == default
    assert page.select_one('meta[http-equiv="refresh"]')["content"] == f"0; url=/{default}/"
    assert [(a["href"], a["lang"], a.get_text()) for a in page.select("li a")] == [
        (f"/{code}/", code, NATIVE_NAMES[code]) for code in LANGUAGES]


def test_export_will_not_overwrite_a_folder_of_something_else(runner, tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    result = runner.invoke(args=["export", str(precious)])
    assert result.exit_code != 0 and "holds no earlier bundle" in result.output
    assert (precious / "notes.txt").read_text() == "keep me"
