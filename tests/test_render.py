"""The render pipeline (service/speech/render.py) with the real engine: how
long speech lasts, which voice speaks, streaming, rendering once, and the
utterance cache."""

import re
import subprocess
import threading
import wave

import pytest

from service.content.library import localized, topic_library
from service.i18n import get_language
from service.speech import renderer

from .conftest import SECTIONS, SLUG, media_url, seconds_of

pytestmark = pytest.mark.speech  # every test here says something with a real speech worker


def syllables(text: str) -> int:
    return len(re.findall(r"[aeiouyıöüâîû]+", text.lower()))


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_every_section_renders_with_a_duration_that_fits_its_words(client, app, lang):
    """espeak-ng's rate is in words of English length (about 1.75 syllables a
    word at speaking pace); Turkish words are longer, so count syllables."""
    rate = app.config["LANGUAGES"][lang]["rate"]
    for section in SECTIONS:
        transcript = client.get(media_url(lang, "txt", section, "transcript")).get_data(as_text=True)
        response = client.get(media_url(lang, "wav", section))
        assert response.status_code == 200, (section, response.get_data(as_text=True)[:200])
        expected = syllables(transcript) / 1.75 * 60 / rate
        assert 0.75 * expected < seconds_of(response.get_data()) < 1.33 * expected + 1, section


def espeak_seconds(text: str, voice: str, rate: int, folder) -> float:
    """How long espeak-ng itself takes to say ``text`` with ``voice``."""
    path = folder / f"{voice}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(path), text], check=True)
    with wave.open(str(path)) as wav:
        return wav.getnframes() / wav.getframerate()


def test_turkish_is_spoken_by_the_turkish_voice(app, tmp_path):
    """Our utterance lasts as long as espeak-ng's own Turkish reading of the
    same text, and clearly not as long as its English reading."""
    with app.app_context():
        topic, audio = localized(topic_library().get(SLUG), "tr"), renderer()
        script = audio.scripts.section(topic, topic.section("choosing-treatment"), get_language("tr"))
        line = script.lines[1]
        ours = audio.utterance(script, line).seconds

    turkish, english = (espeak_seconds(line.spoken, voice, script.rate, tmp_path) for voice in ("tr", "en-us"))
    assert script.voice == "trk/tr"
    assert abs(english - turkish) / turkish > 0.10  # the two voices are told apart by this measure
    assert abs(ours - turkish) / turkish < 0.03


def test_a_passage_shown_in_english_is_spoken_by_the_english_voice(make_app, content_copy, tmp_path):
    """A fuzzy translation is not shown: the Turkish section says that
    paragraph in English, with the English voice, never read by the Turkish one."""
    po = content_copy[1] / "tr" / "LC_MESSAGES" / "messages.po"
    context = f'msgctxt "{SLUG}:chemotherapy:paragraph-1"'
    po.write_text(po.read_text(encoding="utf-8").replace(context, f"#, fuzzy\n{context}"), encoding="utf-8")
    app = make_app()
    assert app.test_cli_runner().invoke(args=["translations", "compile"]).exit_code == 0
    app = make_app()
    with app.app_context():
        topic, audio = localized(topic_library().get(SLUG), "tr"), renderer()
        script = audio.scripts.section(topic, topic.section("chemotherapy"), get_language("tr"))
        line = next(line for line in script.lines if line.lang == "en")
        ours = audio.utterance(script, line).seconds
        wav = app.test_client().get(media_url("tr", "wav", "chemotherapy"))
    english, turkish = (espeak_seconds(line.spoken, voice, rate, tmp_path)
                        for voice, rate in (("en-us", line.voice[1]), ("tr", script.rate)))
    assert line.voice == ("gmw/en-us", app.config["LANGUAGES"]["en"]["rate"]) and line.text.startswith("Chemotherapy")
    assert abs(english - turkish) / english > 0.10
    assert abs(ours - english) / english < 0.03
    assert wav.status_code == 200 and seconds_of(wav.get_data()) > ours  # the whole section, both voices


def test_a_cold_mp3_sends_its_first_half_second_before_the_rest(client):
    """The first chunk is about 0.5 s of audio (32 kb/s: 2,000 bytes, plus
    LAME's frame rounding), not the whole first sentence (3 s or so)."""
    cold = client.get(media_url("tr", "mp3", "chemotherapy"), buffered=False)
    chunks = list(cold.response)
    cold.close()
    assert 500 < len(chunks[0]) < 3_000 and len(chunks[1]) > 4_000, [len(c) for c in chunks[:3]]
    assert b"".join(chunks) == client.get(media_url("tr", "mp3", "chemotherapy")).get_data()


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
            bodies.append(app.test_client().get(media_url("en", "mp3", "palliative-surgery")).get_data())
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
        client.get(media_url("tr", "mp3", section)).get_data()
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
        response = changed_client.get(media_url("tr", "mp3", section))
        assert response.status_code == 200 and response.get_data()  # read whole: rendered before close()
    assert counter.calls == [
        "Kemoterapi, tümörlerin küçülmesine yardımcı olmak, belirtileri hafifletmek ve kanserin "
        "yayılmasını yavaşlatmak için sıklıkla kullanılmaktadır."
    ]


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
