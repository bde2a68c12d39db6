"""The offline bundle: every page, all audio, timings and prompts, served by nginx."""

import urllib.request
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from .conftest import SLUG


class Links(HTMLParser):
    ATTRIBUTES = {"href", "src", "data-timings", "data-prompt", "data-help-prompt", "data-home"}

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found += [v for k, v in attrs if k in self.ATTRIBUTES and v]


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers.get_content_type(), response.read()


def test_every_address_in_the_bundle_resolves(exported_site):
    base, _ = exported_site
    queue, seen, pages = ["/", "/kiosk/"], set(), 0
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        status, kind, body = fetch(base + path)
        assert status == 200, path
        if kind == "text/html":
            pages += 1
            parser = Links()
            parser.feed(body.decode())
            for address in parser.found:
                target = urlsplit(urljoin(base + path, urldefrag(address)[0]))
                assert target.netloc == urlsplit(base).netloc, f"{path} links off the site: {address}"
                queue.append(target.path)
    assert pages >= 10  # root, and per language: topic list, topic, kiosk screens
    assert any(p.endswith("/prompts/help.mp3") for p in seen)


@pytest.mark.parametrize("path, kind", [
    (f"/tr/topics/{SLUG}/audio.mp3", "audio/mpeg"),
    (f"/tr/topics/{SLUG}/audio.ogg", "audio/ogg"),
    (f"/tr/topics/{SLUG}/audio.wav", "audio/wav"),
    (f"/en/topics/{SLUG}/chemotherapy/timings.vtt", "text/vtt"),
    (f"/en/topics/{SLUG}/chemotherapy/timings.json", "application/json"),
    (f"/tr/topics/{SLUG}/transcript.txt", "text/plain"),
    (f"/tr/topics/{SLUG}/glossary/pleurodesis/audio.mp3", "audio/mpeg"),
    ("/kiosk/tr/prompts/language.mp3", "audio/mpeg"),
])
def test_audio_timings_and_prompts_are_in_the_bundle(exported_site, path, kind):
    base, _ = exported_site
    status, served, body = fetch(base + path)
    assert status == 200 and served == kind and len(body) > 100


def test_root_of_the_bundle_offers_every_language(exported_site):
    base, _ = exported_site
    _, _, body = fetch(base + "/")
    assert b'href="/en/"' in body and b'href="/tr/"' in body and b"refresh" in body


def test_export_will_not_overwrite_a_folder_of_something_else(runner, tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    result = runner.invoke(args=["export", str(precious)])
    assert result.exit_code != 0 and "holds no earlier bundle" in result.output
    assert (precious / "notes.txt").read_text() == "keep me"
