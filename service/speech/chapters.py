"""Chapters of a whole topic's MP3: ID3v2 CHAP frames, one a section, and a
CTOC in reading order, so podcast players, VLC and DAISY players skip by section.

The times are those of the topic's timings (timings.vtt): a chapter starts
where its section's first sentence starts and ends where the next one starts
(the last, where the audio ends). They are known only once every sentence is
rendered, so a cold MP3, streamed as it renders, goes out without them; the
tag is put at the head of the cache file before it is renamed into place.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from mutagen import MutagenError
from mutagen.id3 import CHAP, CTOC, ID3, TIT2, CTOCFlags, Encoding

from .captions import Cue
from .script import SpokenScript

# ID3v2.3, not 2.4: the version players that know chapters at all read
# (mutagen writes its text as UTF-16, so every script survives).
ID3_VERSION = 3
TOC_ID = "toc"


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    start_ms: int
    end_ms: int


def chapters(script: SpokenScript, cues: list[Cue]) -> list[Chapter]:
    """The script's chapters, timed by its cues (one a line)."""
    starts = [round(cues[mark.first_line].start * 1000) for mark in script.chapters]
    ends = starts[1:] + [round(cues[-1].end * 1000)]
    return [Chapter(mark.id, mark.title, start, end) for mark, start, end in zip(script.chapters, starts, ends)]


def chapter_tag(script: SpokenScript, cues: list[Cue]) -> bytes:
    """The ID3v2 tag to put before the MP3: its title, a CTOC and a CHAP a section."""
    timed = chapters(script, cues)
    frames = [
        TIT2(encoding=Encoding.UTF8, text=[script.title]),
        CTOC(element_id=TOC_ID, flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
             child_element_ids=[c.id for c in timed], sub_frames=[TIT2(encoding=Encoding.UTF8, text=[script.title])]),
        *(CHAP(element_id=c.id, start_time=c.start_ms, end_time=c.end_ms,
               sub_frames=[TIT2(encoding=Encoding.UTF8, text=[c.title])]) for c in timed),
    ]
    # mutagen orders frames by their size; players that ignore the CTOC
    # (ffmpeg among them) list CHAP frames in the order of the file. So each
    # frame is written by mutagen alone and they are laid out in reading
    # order, under the header mutagen wrote for all of them together.
    whole = _tag(frames)
    in_order = b"".join(_tag([frame])[10:] for frame in frames)
    if len(in_order) != len(whole) - 10:
        raise ValueError("the ID3 frames written one by one differ from the whole tag")
    return whole[:10] + in_order


def _tag(frames) -> bytes:
    tags = ID3()
    for frame in frames:
        tags.add(frame)
    out = io.BytesIO()
    tags.save(out, v2_version=ID3_VERSION, padding=lambda info: 0)  # no padding: the tag is never edited
    return out.getvalue()


def read_chapters(path) -> list[Chapter]:
    """The CHAP frames of an MP3, in the order of its CTOC (none: [])."""
    try:
        tags = ID3(path)
    except (MutagenError, OSError):  # no tag (ID3NoHeaderError), or no file: no chapters
        return []
    by_id = {frame.element_id: frame for frame in tags.getall("CHAP")}
    tocs = tags.getall("CTOC")
    order = tocs[0].child_element_ids if tocs else list(by_id)
    return [Chapter(i, str(by_id[i].sub_frames.get("TIT2", "")), by_id[i].start_time, by_id[i].end_time)
            for i in order if i in by_id]
