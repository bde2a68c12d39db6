"""What a speech worker sends back: audio, and what the engine says of itself.

Imported by the speech worker processes too, so it needs nothing but the
standard library.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

SAMPLE_WIDTH = 2  # 16-bit mono PCM throughout the pipeline


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
        return f"pyttsx3-{metadata.version('pyttsx3')}/{self.driver}-{self.version}"
