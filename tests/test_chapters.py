"""Chapters of the whole topic's MP3 (service/speech/chapters.py): ID3v2
CHAP frames in reading order under a CTOC, timed as timings.vtt, written to
the cache file once its render is complete; read back by mutagen and by
ffprobe, which know nothing of how they were written."""

import io
import json
import re
import shutil
import subprocess

import pytest
from mutagen.id3 import ID3, CTOCFlags

from service.speech.captions import Cue
from service.speech.chapters import chapter_tag, chapters
from service.speech.script import ChapterMark, Line, SpokenScript

from .book_support import BOOK_LANGUAGES, lang_of, settings_for
from .conftest import SLUG

# Titles whose frames mutagen alone would write shortest first, not in reading order.
MARKS = (ChapterMark("intro", "Bölüm bir, en uzun başlık", 1), ChapterMark("middle", "Orta", 3),
         ChapterMark("end", "العلاج", 4))
SCRIPT = SpokenScript("tr", "trk/tr", 160, tuple(Line(f"Cümle {n}.", f"Cümle {n}.", 350) for n in range(6)),
                      "Konu", MARKS)
CUES = [Cue(round(n * 2.5, 3), round(n * 2.5 + 2.0, 3), f"Cümle {n}.") for n in range(6)]


def test_chapters_start_at_their_sections_first_line_and_end_where_the_next_starts():
    assert [(c.id, c.start_ms, c.end_ms) for c in chapters(SCRIPT, CUES)] == [
        ("intro", 2500, 7500), ("middle", 7500, 10000), ("end", 10000, 14500)]


def test_the_tag_holds_a_ctoc_and_a_chap_per_section_in_reading_order(tmp_path):
    mp3 = tmp_path / "topic.mp3"
    mp3.write_bytes(chapter_tag(SCRIPT, CUES) + b"\xff\xf3" + bytes(400))
    tags = ID3(mp3)
    assert tags.version[:2] == (2, 3) and str(tags["TIT2"]) == "Konu"
    (toc,) = tags.getall("CTOC")
    assert toc.child_element_ids == ["intro", "middle", "end"]
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    titles = {c.element_id: str(c.sub_frames["TIT2"]) for c in tags.getall("CHAP")}
    assert titles == {"intro": "Bölüm bir, en uzun başlık", "middle": "Orta", "end": "العلاج"}
    # Players that ignore the CTOC read the frames in the order of the file.
    raw = mp3.read_bytes()
    assert raw.index(b"intro\x00") < raw.index(b"middle\x00") < raw.index(b"end\x00")


@pytest.mark.speech
@pytest.mark.parametrize("name", BOOK_LANGUAGES)
def test_a_cold_topic_mp3_streams_without_chapters_and_is_cached_with_them(make_app, tmp_path, name):
    client = make_app(**settings_for(name, tmp_path)).test_client()
    address = f"/{lang_of(name)}/topics/{SLUG}/audio.mp3"
    cold = client.get(address)
    assert cold.is_streamed and cold.headers["ETag"].startswith('W/"')  # the same audio, not the same bytes
    streamed = cold.get_data()
    assert not streamed.startswith(b"ID3")
    warm = client.get(address)
    data = warm.get_data()
    assert data.startswith(b"ID3") and data.endswith(streamed)
    assert len(data) - len(streamed) == ID3(io.BytesIO(data)).size  # the tag, and the stream after it
    assert warm.headers["ETag"] == cold.headers["ETag"][2:]  # strong, once the bytes are the file's
    assert client.get(address, headers={"If-None-Match": cold.headers["ETag"]}).status_code == 304
    assert client.get(address).get_data() == data  # replayed from memory by the serving layer: the same file


def vtt_cues(text: str) -> list[tuple[int, str]]:
    """(start in milliseconds, text) of each cue of a WebVTT file."""
    found = re.findall(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) --> [^\n]*\n(.*)$", text, re.MULTILINE)
    return [(((int(h) * 60 + int(m)) * 60 + int(s)) * 1000 + int(ms), line) for h, m, s, ms, line in found]


@pytest.mark.slow  # ffprobe
@pytest.mark.speech
@pytest.mark.parametrize("name", BOOK_LANGUAGES)
def test_ffprobe_lists_a_chapter_per_section_in_order_titled_and_timed_as_timings_vtt(make_app, name, tmp_path):
    client, lang = make_app(**settings_for(name, tmp_path)).test_client(), lang_of(name)

    def get(path):
        return client.get(f"/{lang}/topics/{SLUG}/{path}")

    get("audio.mp3").get_data()  # rendered (cold, streamed), and cached with its chapters
    mp3 = tmp_path / "topic.mp3"
    mp3.write_bytes(get("audio.mp3").get_data())
    ffprobe = shutil.which("ffprobe")
    assert ffprobe, "ffprobe is missing: install Debian's ffmpeg (make test does)"
    probed = json.loads(subprocess.run([ffprobe, "-v", "error", "-show_chapters", "-of", "json", str(mp3)],
                                       capture_output=True, text=True, check=True, timeout=60).stdout)["chapters"]
    topic = client.get(f"/api/v1/topics/{SLUG}?lang={lang}").json
    assert [c["tags"]["title"] for c in probed] == [s["heading"] for s in topic["sections"]]
    # Each chapter starts at its section's first cue in the topic's timings.vtt (its heading, as
    # the section's own timings say it), and ends where the next one starts.
    cues = vtt_cues(get("timings.vtt").get_data(as_text=True))
    at, starts = 0, []
    for section in topic["sections"]:
        heading = get(f"{section['id']}/timings.json").json[0]["text"]
        at = next(i for i in range(at, len(cues)) if cues[i][1] == heading)
        starts.append(cues[at][0])
    assert [int(c["start"]) for c in probed] == starts
    assert [int(c["end"]) for c in probed[:-1]] == starts[1:] and probed[0]["time_base"] == "1/1000"
