"""The audio, timings and transcript views (service/web/audio.py,
audio_response.py): types, streaming, ranges, caching headers, download
names, 404s and the hand-off to a front server."""

import re

import pytest

from .conftest import SLUG, media_url, seconds_of

pytestmark = pytest.mark.speech  # every test here says something with a real speech worker

MAGIC = {"mp3": (b"\xff\xfb", b"\xff\xf3", b"ID3"), "ogg": (b"OggS",), "wav": (b"RIFF",)}


@pytest.mark.parametrize("fmt, mimetype", [("mp3", "audio/mpeg"), ("ogg", "audio/ogg"), ("wav", "audio/wav")])
def test_each_format_has_its_type_and_magic(client, fmt, mimetype):
    response = client.get(media_url("en", fmt, "chemotherapy"))
    assert response.status_code == 200 and response.mimetype == mimetype
    assert response.get_data().startswith(MAGIC[fmt])
    if fmt == "ogg":
        assert b"OpusHead" in response.get_data()[:100]


def test_a_cold_mp3_streams_and_the_cache_then_holds_the_same_bytes(client):
    cold = client.get(media_url("en", "mp3", "clinical-trials"))
    assert cold.is_streamed and "Content-Length" not in cold.headers
    streamed = cold.get_data()
    warm = client.get(media_url("en", "mp3", "clinical-trials"))
    assert warm.get_data() == streamed
    assert warm.headers["ETag"] == cold.headers["ETag"]
    assert int(warm.headers["Content-Length"]) == len(streamed)


def test_ranges_etags_and_caching_headers(client):
    full = client.get(media_url("en", "ogg", "chemotherapy"))
    etag = full.headers["ETag"]
    assert "max-age" in full.headers["Cache-Control"] and "public" in full.headers["Cache-Control"]
    assert full.headers["Accept-Ranges"] == "bytes"
    part = client.get(media_url("en", "ogg", "chemotherapy"), headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.get_data() == full.get_data()[100:200]
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(full.get_data())}"
    tail = client.get(media_url("en", "ogg", "chemotherapy"), headers={"Range": "bytes=-10"})
    assert tail.status_code == 206 and tail.get_data() == full.get_data()[-10:]
    beyond = client.get(media_url("en", "ogg", "chemotherapy"), headers={"Range": "bytes=99999999-"})
    assert beyond.status_code == 416
    assert client.get(media_url("en", "ogg", "chemotherapy"), headers={"If-None-Match": etag}).status_code == 304


def test_download_name_is_readable_in_the_page_language(client):
    response = client.get(media_url("tr", "mp3", "chemotherapy") + "?download=1")
    response.get_data()
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''4.%20evre%20mezotelyomada%20cerrahi%20%E2%80%93%20Kemoterapi.mp3" in disposition
    again = client.get(media_url("tr", "mp3", "chemotherapy"))  # cached, inline, same name
    assert again.headers["Content-Disposition"].startswith("inline;") and "Kemoterapi.mp3" in again.headers[
        "Content-Disposition"]


def test_unknown_format_is_a_404_that_lists_the_formats(client):
    response = client.get(media_url("en", "flac"), headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json["formats"] == ["mp3", "ogg", "wav"]
    page = client.get(media_url("tr", "flac")).get_data(as_text=True)
    assert "mp3, ogg, wav" in page


# Each address is wrong in one part only, and the page names that part.
@pytest.mark.parametrize("path, reason", [
    (f"/en/topics/{SLUG}/no-such-section/audio.mp3", "This topic has no section at this address."),
    ("/en/topics/no-such-topic/audio.mp3", "There is no topic at this address."),
    (f"/xx/topics/{SLUG}/audio.mp3", "We do not have information in that language."),
])
def test_unknown_topic_section_or_language_is_a_404_that_names_it(client, path, reason):
    response = client.get(path)
    assert response.status_code == 404
    assert reason in response.get_data(as_text=True)


def test_timings_as_webvtt_and_json_match_the_audio(client):
    vtt = client.get(media_url("en", "vtt", "chemotherapy", "timings"))
    assert vtt.mimetype == "text/vtt"
    text = vtt.get_data(as_text=True)
    assert text.startswith("WEBVTT\n\ns1\n00:00:00.000 --> ")
    assert "Treatment option 1 of 5: Chemotherapy." in text
    cues = client.get(media_url("en", "json", "chemotherapy", "timings")).json
    assert [c["id"] for c in cues] == ["s1", "s2", "s3"]
    assert all(a["end"] <= b["start"] for a, b in zip(cues, cues[1:]))
    duration = seconds_of(client.get(media_url("en", "wav", "chemotherapy")).get_data())
    assert abs(cues[-1]["end"] - duration) < 0.05


@pytest.mark.parametrize("mode, header", [("x-accel-redirect", "X-Accel-Redirect"), ("x-sendfile", "X-Sendfile")])
def test_cached_audio_can_be_handed_to_the_front_server(make_app, settings, mode, header):
    client = make_app(AUDIO_SENDFILE=mode).test_client()
    client.get(media_url("en", "ogg", "chemotherapy")).get_data()  # render into the cache
    handed = client.get(media_url("en", "ogg", "chemotherapy"))
    assert handed.status_code == 200 and handed.get_data() == b""
    target = handed.headers[header]
    if mode == "x-accel-redirect":
        assert re.fullmatch(r"/cached-audio/[0-9a-f]{2}/[0-9a-f]{64}\.ogg", target)
    else:
        assert target.startswith(settings["CACHE_DIR"]) and target.endswith(".ogg")
    assert handed.headers["Content-Type"] == "audio/ogg" and handed.headers["ETag"]
