"""Packing a talking book: media overlays from the audio's timings, the
package document, and the EPUB container, the same bytes for the same content.

Container rules reading tools and EPUBCheck enforce: ``mimetype`` first,
stored, with no extra field; every entry dated by the content's date, never
by the clock, so two builds of the same content are the same file.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from flask import render_template

from ..speech.captions import Cue
from .talking_book import BookPlan

MEDIA_TYPE = "application/epub+zip"
ROOT = "EPUB"  # the folder of the package document and everything it lists


@dataclass(frozen=True)
class Clip:
    target: str  # the element's id in the document
    audio: str
    begin_ms: int
    end_ms: int


@dataclass(frozen=True)
class Overlay:
    document: str
    clips: tuple[Clip, ...]

    @property
    def id(self) -> str:
        return f"mo-{self.document}"

    @property
    def duration_ms(self) -> int:
        """media:duration: exactly the sum of its clips."""
        return sum(clip.end_ms - clip.begin_ms for clip in self.clips)


def clock(milliseconds: int) -> str:
    """A SMIL clock value, h:mm:ss.fff."""
    seconds, millis = divmod(milliseconds, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{seconds:02}.{millis:03}"


def overlays(plan: BookPlan, timings: dict[str, list[Cue]]) -> list[Overlay]:
    """Each document's clips: an element is said from its first line's start
    to its last line's end, as the audio's timings (timings.vtt) have them."""
    result = []
    for doc in plan.documents:
        clips = []
        for said in doc.said:
            cues = timings[said.audio]
            first, last = cues[said.first_line], cues[said.end_line - 1]
            clips.append(Clip(said.target, said.audio, round(first.start * 1000), round(last.end * 1000)))
        result.append(Overlay(doc.name, tuple(clips)))
    return result


def pack(plan: BookPlan, audio: dict[str, bytes], timings: dict[str, list[Cue]]) -> bytes:
    """The EPUB file of ``plan``, with ``audio`` (path in the book: MP3 bytes)
    timed by ``timings`` (path: cues)."""
    spoken = overlays(plan, timings)
    package = render_template("book/package.xml", meta=plan.metadata, overlays=spoken, audio_files=list(audio),
                              total_ms=sum(o.duration_ms for o in spoken))
    files = [
        ("mimetype", MEDIA_TYPE.encode("ascii")),
        ("META-INF/container.xml", render_template("book/container.xml").encode()),
        (f"{ROOT}/package.opf", package.encode()),
        (f"{ROOT}/nav.xhtml", plan.nav.encode()),
        (f"{ROOT}/book.css", render_template("book/book.css").encode()),
    ]
    for doc, overlay in zip(plan.documents, spoken):
        files.append((f"{ROOT}/{doc.name}.xhtml", doc.xhtml.encode()))
        files.append((f"{ROOT}/{doc.name}.smil", render_template("book/overlay.xml", overlay=overlay).encode()))
    files += [(f"{ROOT}/{path}", data) for path, data in audio.items()]
    return zipped(files, plan.metadata["modified_date"])


def zipped(files: list[tuple[str, bytes]], dated: dt.date) -> bytes:
    """A ZIP of ``files`` in order, every entry dated ``dated`` at midnight
    and owned by no one: nothing of the machine or the moment gets in."""
    out = io.BytesIO()
    when = (max(dated.year, 1980), dated.month, dated.day, 0, 0, 0)  # ZIP dates start in 1980
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files:
            entry = zipfile.ZipInfo(name, date_time=when)
            entry.create_system = 3  # Unix, wherever it is built, so the mode below reads the same
            entry.external_attr = 0o100644 << 16
            # The mimetype is read as bytes at a fixed offset; MP3 does not shrink.
            stored = name == "mimetype" or name.endswith(".mp3")
            entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(entry, data, compresslevel=None if stored else 9)
    return out.getvalue()
