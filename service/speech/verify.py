"""Checking the audio cache: is every cached utterance and file the text it
claims to be, at its voice's rate?

Cache entries are named by a hash of what they say, so they are checked
from the other side: for every script the app can speak, the entries it
would use are looked up, decoded, and compared with that text said afresh
by a proven worker (espeak-ng gives the same length for the same text, voice
and rate, to the sample). A cache written before the workers proved their
settings is checked the same way. Entries no script uses are counted, not
judged: nothing says what they should be.
"""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

import soundfile

from .chapters import read_chapters
from .encode import FORMATS
from .errors import BadUtterance
from .script import SpokenScript

# espeak-ng says a sentence again within about 0.5 % of its length (measured:
# 30 ms in 6.7 s), and the encoders pad whole files (LAME about 50 ms); a
# worker off its rate is 20 % out (200 words a minute for 160).
RELATIVE_TOLERANCE = 0.03
UTTERANCE_TOLERANCE_SECONDS = 0.05
FILE_TOLERANCE_SECONDS = 0.2
BOOK_SUFFIX = ".epub"


@dataclass(frozen=True)
class Finding:
    path: Path
    problem: str


def decoded_seconds(path: Path) -> float:
    if path.suffix == ".wav":
        with wave.open(str(path), "rb") as audio:
            return audio.getnframes() / audio.getframerate()
    with soundfile.SoundFile(path) as audio:
        return audio.frames / audio.samplerate


class CacheVerifier:
    def __init__(self, renderer):
        self.renderer = renderer
        self.checked: set[Path] = set()
        self.unsayable: list[str] = []  # texts no worker says right now: their entries are not judged
        self._expected: dict[tuple[str, str, int], float] = {}  # (spoken text, voice, rate): seconds

    def expected_seconds(self, spoken: str, voice: tuple[str, int]) -> float | None:
        """How long the text takes when said now; None if no worker says it right."""
        key = (spoken, *voice)
        if key not in self._expected:
            try:
                self._expected[key] = self.renderer.pool.speak(spoken, *voice).seconds
            except BadUtterance as error:
                self.unsayable.append(f"“{spoken[:60]}”: {error}")
                self._expected[key] = None
        return self._expected[key]

    def check_script(self, script: SpokenScript) -> list[Finding]:
        """The problems of every cached entry this script uses."""
        findings, cache = [], self.renderer.cache
        identity = self.renderer.pool.info().identity
        total, starts = 0.0, []
        for line in script.lines:
            expected = self.expected_seconds(line.spoken, script.voice_of(line))
            if expected is None:
                return []  # nothing of this script can be judged against a length we do not know
            starts.append(total)
            total += expected + line.pause_after_ms / 1000
            path = cache.get("utterances", script.line_key(identity, line), "wav")
            if path is not None and path not in self.checked:
                self.checked.add(path)
                findings += self._compare(path, expected, UTTERANCE_TOLERANCE_SECONDS, f"“{line.text[:60]}”")
        for fmt in FORMATS:
            path = cache.get("audio", self.renderer.audio_key(script, fmt), fmt)
            if path is not None and path not in self.checked:
                self.checked.add(path)
                findings += self._compare(path, total, FILE_TOLERANCE_SECONDS, f"{script.title} ({fmt})")
                if fmt == "mp3" and script.chapters:
                    findings += self._compare_chapters(path, script, starts)
        return findings

    @staticmethod
    def _compare_chapters(path: Path, script: SpokenScript, starts: list[float]) -> list[Finding]:
        """A whole topic's MP3 carries a chapter a section, titled and timed as its script says."""
        found = read_chapters(path)
        if [(c.id, c.title) for c in found] != [(m.id, m.title) for m in script.chapters]:
            return [Finding(path, f"{script.title} (mp3): its chapters are not its sections "
                                  f"({', '.join(c.title for c in found) or 'none'})")]
        for chapter, mark in zip(found, script.chapters):
            expected = starts[mark.first_line]
            if abs(chapter.start_ms / 1000 - expected) > max(FILE_TOLERANCE_SECONDS, RELATIVE_TOLERANCE * expected):
                return [Finding(path, f"{script.title} (mp3): the chapter “{mark.title}” starts at "
                                      f"{chapter.start_ms / 1000:.2f} s where its section starts at {expected:.2f} s")]
        return []

    def _compare(self, path: Path, expected: float, tolerance: float, what: str) -> list[Finding]:
        try:
            seconds = decoded_seconds(path)
        except (OSError, RuntimeError, wave.Error, EOFError) as error:
            return [Finding(path, f"{what}: cannot be decoded ({error})")]
        if abs(seconds - expected) > max(tolerance, RELATIVE_TOLERANCE * expected):
            return [Finding(path, f"{what}: {seconds:.2f} s where the text at its voice's rate takes "
                                  f"{expected:.2f} s")]
        return []

    def unchecked(self) -> list[Path]:
        """Cached entries that no script of the app uses (older content, other settings)."""
        root = self.renderer.cache.root
        entries = [p for kind in ("utterances", "audio") for p in (root / kind).rglob("*.*") if p.is_file()]
        return [p for p in entries if p not in self.checked and p.suffix != BOOK_SUFFIX]

    def books(self) -> list[Path]:
        """The cached talking books (web/book.py): copies of the audio checked
        here, never judged alone; wrong audio, once removed, takes them along."""
        return sorted(p for p in (self.renderer.cache.root / "audio").rglob(f"*{BOOK_SUFFIX}") if p.is_file())
