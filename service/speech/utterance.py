"""What a speech worker sends back: audio, and what the engine says of itself.

Imported by the speech worker processes too, so it needs nothing but the
standard library.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

SAMPLE_WIDTH = 2  # 16-bit mono PCM throughout the pipeline
PYTTSX3_VERSION = metadata.version("pyttsx3")  # read once: every audio request's cache key names it


@dataclass(frozen=True)
class Utterance:
    pcm: bytes
    sample_rate: int

    @property
    def seconds(self) -> float:
        return len(self.pcm) / SAMPLE_WIDTH / self.sample_rate


@dataclass(frozen=True)
class EngineSettings:
    """The voice and rate the engine itself reports it is using (not what was asked of it)."""

    voice: str | None
    rate: int | None


@dataclass(frozen=True)
class EngineInfo:
    driver: str
    version: str
    voices: tuple[tuple[str, tuple[str, ...]], ...]  # (voice id, languages)

    @property
    def voice_ids(self) -> frozenset[str]:
        return frozenset(v for v, _ in self.voices)

    @property
    def identity(self) -> str:
        """What a cached rendering depends on besides the text and voice."""
        return f"pyttsx3-{PYTTSX3_VERSION}/{self.driver}-{self.version}"
