"""Audio with the real engine (pyttsx3 driving espeak-ng), over HTTP."""

import io
import re
import subprocess
import threading
import wave

import pytest
import soundfile

from service.i18n import get_language
from service.speech import renderer
from service.content.library import localized, topic_library

from .conftest import SLUG

SECTIONS = ["introduction", "chemotherapy", "radiation-therapy", "palliative-surgery", "clinical-trials",
            "supportive-care", "choosing-treatment"]
MAGIC = {"mp3": (b"\xff\xfb", b"\xff\xf3", b"ID3"), "ogg": (b"OggS",), "wav": (b"RIFF",)}


def url(lang, fmt, section=None, name="audio"):
    middle = f"{section}/" if section else ""
    return f"/{lang}/topics/{SLUG}/{middle}{name}.{fmt}"


def seconds_of(data: bytes) -> float:
    info = soundfile.info(io.BytesIO(data))
    return info.frames / info.samplerate


def syllables(text: str) -> int:
    return len(re.findall(r"[aeiouyıöüâîû]+", text.lower()))


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_every_section_renders_with_a_duration_that_fits_its_words(client, app, lang):
    """espeak-ng's rate is in words of English length (about 1.75 syllables a
    word at speaking pace); Turkish words are longer, so count syllables."""
    rate = app.config["LANGUAGES"][lang]["rate"]
    for section in SECTIONS:
        transcript = client.get(url(lang, "txt", section, "transcript")).get_data(as_text=True)
        response = client.get(url(lang, "wav", section))
        assert response.status_code == 200, (section, response.get_data(as_text=True)[:200])
        expected = syllables(transcript) / 1.75 * 60 / rate
        assert 0.75 * expected < seconds_of(response.get_data()) < 1.33 * expected + 1, section


def test_turkish_is_spoken_by_the_turkish_voice(app, tmp_path):
    """Our utterance lasts as long as espeak-ng's own Turkish reading of the
    same text, and clearly not as long as its English reading."""
    with app.app_context():
        topic, audio = localized(topic_library().get(SLUG), "tr"), renderer()
        script = audio.scripts.section(topic, topic.section("choosing-treatment"), get_language("tr"))
        line = script.lines[1]
        ours = audio.utterance(script, line).seconds

    def espeak_seconds(voice):
        path = tmp_path / f"{voice}.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(script.rate), "-w", str(path), line.spoken], check=True)
        with wave.open(str(path)) as wav:
            return wav.getnframes() / wav.getframerate()

    turkish, english = espeak_seconds("tr"), espeak_seconds("en-us")
    assert script.voice == "trk/tr"
    assert abs(english - turkish) / turkish > 0.10  # the two voices are told apart by this measure
    assert abs(ours - turkish) / turkish < 0.03


@pytest.mark.parametrize("fmt, mimetype", [("mp3", "audio/mpeg"), ("ogg", "audio/ogg"), ("wav", "audio/wav")])
def test_each_format_has_its_type_and_magic(client, fmt, mimetype):
    response = client.get(url("en", fmt, "chemotherapy"))
    assert response.status_code == 200 and response.mimetype == mimetype
    assert response.get_data().startswith(MAGIC[fmt])
    if fmt == "ogg":
        assert b"OpusHead" in response.get_data()[:100]


@pytest.mark.parametrize("fmt, max_kbps", [("mp3", 32), ("ogg", 24)])
def test_bitrates_are_speech_sized(client, fmt, max_kbps):
    data = client.get(url("en", fmt, "introduction")).get_data()
    wav = client.get(url("en", "wav", "introduction")).get_data()
    kbps = len(data) * 8 / seconds_of(wav) / 1000
    assert kbps <= max_kbps * 1.05  # container framing on top of the codec's rate


def test_a_cold_mp3_streams_and_the_cache_then_holds_the_same_bytes(client):
    cold = client.get(url("en", "mp3", "clinical-trials"))
    assert cold.is_streamed and "Content-Length" not in cold.headers
    streamed = cold.get_data()
    warm = client.get(url("en", "mp3", "clinical-trials"))
    assert warm.get_data() == streamed
    assert warm.headers["ETag"] == cold.headers["ETag"]
    assert int(warm.headers["Content-Length"]) == len(streamed)


def test_a_cold_mp3_sends_its_first_half_second_before_the_rest(client):
    """The first chunk is about 0.5 s of audio (32 kb/s: 2,000 bytes, plus
    LAME's frame rounding), not the whole first sentence (3 s or so)."""
    cold = client.get(url("tr", "mp3", "chemotherapy"), buffered=False)
    chunks = list(cold.response)
    cold.close()
    assert 500 < len(chunks[0]) < 3_000 and len(chunks[1]) > 4_000, [len(c) for c in chunks[:3]]
    assert b"".join(chunks) == client.get(url("tr", "mp3", "chemotherapy")).get_data()


def test_ranges_etags_and_caching_headers(client):
    full = client.get(url("en", "ogg", "chemotherapy"))
    etag = full.headers["ETag"]
    assert "max-age" in full.headers["Cache-Control"] and "public" in full.headers["Cache-Control"]
    assert full.headers["Accept-Ranges"] == "bytes"
    part = client.get(url("en", "ogg", "chemotherapy"), headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.get_data() == full.get_data()[100:200]
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(full.get_data())}"
    tail = client.get(url("en", "ogg", "chemotherapy"), headers={"Range": "bytes=-10"})
    assert tail.status_code == 206 and tail.get_data() == full.get_data()[-10:]
    beyond = client.get(url("en", "ogg", "chemotherapy"), headers={"Range": "bytes=99999999-"})
    assert beyond.status_code == 416
    assert client.get(url("en", "ogg", "chemotherapy"), headers={"If-None-Match": etag}).status_code == 304


def test_download_name_is_readable_in_the_page_language(client):
    response = client.get(url("tr", "mp3", "chemotherapy") + "?download=1")
    response.get_data()
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''4.%20evre%20mezotelyomada%20cerrahi%20%E2%80%93%20Kemoterapi.mp3" in disposition
    again = client.get(url("tr", "mp3", "chemotherapy"))  # cached, inline, same name
    assert again.headers["Content-Disposition"].startswith("inline;") and "Kemoterapi.mp3" in again.headers[
        "Content-Disposition"]


def test_unknown_format_is_a_404_that_lists_the_formats(client):
    response = client.get(url("en", "flac"), headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json["formats"] == ["mp3", "ogg", "wav"]
    page = client.get(url("tr", "flac")).get_data(as_text=True)
    assert "mp3, ogg, wav" in page


@pytest.mark.parametrize("path", [
    f"/en/topics/{SLUG}/no-such-section/audio.mp3",
    "/en/topics/no-such-topic/audio.mp3",
    "/xx/topics/{SLUG}/audio.mp3",
])
def test_unknown_topic_section_or_language_is_a_404(client, path):
    assert client.get(path).status_code == 404


def test_timings_as_webvtt_and_json_match_the_audio(client):
    vtt = client.get(url("en", "vtt", "chemotherapy", "timings"))
    assert vtt.mimetype == "text/vtt"
    text = vtt.get_data(as_text=True)
    assert text.startswith("WEBVTT\n\ns1\n00:00:00.000 --> ")
    assert "Treatment option 1 of 5: Chemotherapy." in text
    cues = client.get(url("en", "json", "chemotherapy", "timings")).json
    assert [c["id"] for c in cues] == ["s1", "s2", "s3"]
    assert all(a["end"] <= b["start"] for a, b in zip(cues, cues[1:]))
    duration = seconds_of(client.get(url("en", "wav", "chemotherapy")).get_data())
    assert abs(cues[-1]["end"] - duration) < 0.05


def test_api_gives_audio_timings_and_transcript_links(client):
    body = client.get(f"/api/v1/topics/{SLUG}?lang=tr").json
    assert body["audio"] == {fmt: f"/tr/topics/{SLUG}/audio.{fmt}" for fmt in ("mp3", "ogg", "wav")}
    assert body["timings"] == f"/tr/topics/{SLUG}/timings.vtt"
    assert body["transcript"] == f"/tr/topics/{SLUG}/transcript.txt"
    chemo = body["sections"][1]
    assert chemo["audio"]["mp3"] == f"/tr/topics/{SLUG}/chemotherapy/audio.mp3"
    assert client.get(chemo["timings"]).status_code == 200


def test_topic_page_offers_a_native_player_per_section_and_for_the_topic(client):
    from .conftest import soup

    page = soup(client.get(f"/tr/topics/{SLUG}/"))
    players = page.select("figure.audio-player audio[controls]")
    assert len(players) == 1 + len(SECTIONS)
    first = players[0]
    assert [s["src"] for s in first.select("source")] == [url("tr", "mp3"), url("tr", "ogg")]
    assert first.select_one("track")["src"] == url("tr", "vtt", name="timings")
    assert not first.has_attr("autoplay")


class SpeechCounter:
    """Counts utterances actually synthesised (the real engine still speaks them)."""

    def __init__(self, pool):
        self.calls, self._speak, self._lock = [], pool.speak, threading.Lock()
        pool.speak = self

    def __call__(self, text, voice, rate):
        with self._lock:
            self.calls.append(text)
        return self._speak(text, voice, rate)


def test_many_simultaneous_requests_render_once_and_get_identical_bytes(app):
    with app.app_context():
        counter = SpeechCounter(renderer().pool)
    bodies, errors = [], []

    def fetch():
        try:
            bodies.append(app.test_client().get(url("en", "mp3", "palliative-surgery")).get_data())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=fetch) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(bodies) == 12
    assert len(set(bodies)) == 1 and len(bodies[0]) > 10_000
    assert len(counter.calls) == len(set(counter.calls)) == 2  # heading and one sentence, once each


def test_changing_one_translation_re_renders_only_that_section(client, tmp_path, make_app):
    import shutil

    from service.config import PROJECT_DIR

    for section in SECTIONS:
        client.get(url("tr", "mp3", section)).get_data()
    catalogs = tmp_path / "translations"
    shutil.copytree(PROJECT_DIR / "translations", catalogs)
    po = catalogs / "tr" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace("sıklıkla kullanılır.", "sıklıkla kullanılmaktadır."), encoding="utf-8")
    changed = make_app(TRANSLATIONS_DIR=str(catalogs))
    assert changed.test_cli_runner().invoke(args=["translations", "compile"]).exit_code == 0
    with changed.app_context():
        counter = SpeechCounter(renderer().pool)
    changed_client = changed.test_client()
    for section in SECTIONS:
        response = changed_client.get(url("tr", "mp3", section))
        assert response.status_code == 200 and response.get_data()  # read whole: rendered before close()
    assert counter.calls == [
        "Kemoterapi, tümörlerin küçülmesine yardımcı olmak, belirtileri hafifletmek ve kanserin "
        "yayılmasını yavaşlatmak için sıklıkla kullanılmaktadır."
    ]


@pytest.mark.parametrize("mode, header", [("x-accel-redirect", "X-Accel-Redirect"), ("x-sendfile", "X-Sendfile")])
def test_cached_audio_can_be_handed_to_the_front_server(make_app, settings, mode, header):
    client = make_app(AUDIO_SENDFILE=mode).test_client()
    client.get(url("en", "ogg", "chemotherapy")).get_data()  # render into the cache
    handed = client.get(url("en", "ogg", "chemotherapy"))
    assert handed.status_code == 200 and handed.get_data() == b""
    target = handed.headers[header]
    if mode == "x-accel-redirect":
        assert re.fullmatch(r"/cached-audio/[0-9a-f]{2}/[0-9a-f]{64}\.ogg", target)
    else:
        assert target.startswith(settings["CACHE_DIR"]) and target.endswith(".ogg")
    assert handed.headers["Content-Type"] == "audio/ogg" and handed.headers["ETag"]


def test_lines_are_spoken_in_order_and_no_more_at_once_than_a_voice_has_workers(app, monkeypatch):
    """Were every line queued at once, later lines could take the workers
    first and the first sentence, a cold request's first byte, would wait
    behind them (measured: 20 ms to 50 ms instead of 20 ms to 30 ms)."""
    import time

    with app.app_context():
        audio = renderer()
        topic = localized(topic_library().get(SLUG), "en")
        script = audio.scripts.topic(topic, get_language("en"))
        started, in_flight, most = [], [0], [0]
        guard = threading.Lock()

        def slow_utterance(_script, line):
            with guard:
                started.append(line)
                in_flight[0] += 1
                most[0] = max(most[0], in_flight[0])
            time.sleep(0.01)
            with guard:
                in_flight[0] -= 1
            return _FakeUtterance()

        monkeypatch.setattr(audio, "utterance", slow_utterance)
        spoken = [line for line, _ in audio.utterances(script)]
    assert spoken == list(script.lines) and started == list(script.lines)
    assert most[0] == audio.pool.size == 2  # the workers kept busy, and never more asked of them


class _FakeUtterance:
    pcm, sample_rate, seconds = b"\0\0" * 100, 22050, 100 / 22050
