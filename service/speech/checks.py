"""Whether a worker's settings and audio are what was asked for.

Every utterance is checked twice: against the voice and rate the engine
reports having used (exact), and against the voice's band of lengths for
its text at that rate (speech/calibration.py).
"""

from __future__ import annotations

from .calibration import profile_for
from .utterance import EngineSettings, Utterance


def kind_of(reason: str) -> str:
    """The first words of a reason ("off-rate", "unproven"), to count it by."""
    return reason.split(":")[0].split(" (")[0]


def settings_problem(settings: EngineSettings, voice: str | None, rate: int | None) -> str | None:
    """Why the settings an engine reports are not the ones asked for, or None."""
    if voice is not None and (settings.voice or "").lower() != voice.lower():
        return f"off-voice: the engine reports the voice '{settings.voice}', not '{voice}'"
    if rate is not None and settings.rate != rate:
        return f"off-rate: the engine reports {settings.rate} words a minute, not {rate}"
    return None


def utterance_problem(text: str, utterance: Utterance, settings: EngineSettings, voice: str, rate: int,
                      engine: str | None) -> str | None:
    """Why an utterance is not ``text`` said at ``voice`` and ``rate``, or None."""
    if not utterance.pcm:
        return "empty: the engine produced no audio"
    problem = settings_problem(settings, voice, rate)
    if problem:
        return problem
    if not profile_for(voice, engine).in_band(text, utterance.seconds, rate):
        return (f"out of band: {utterance.seconds:.2f} s of audio for this text is outside what {voice} "
                f"says at {rate} words a minute")
    return None


def proof_problem(settings: EngineSettings, calibration_seconds: float | None, voice: str, rate: int,
                  reference_words: float | None, engine: str | None) -> str | None:
    """Why a new worker is not at ``voice`` and ``rate``, or None: what its
    engine reports, and how long its calibration text took."""
    return settings_problem(settings, voice, rate) or profile_for(voice, engine).calibration_problem(
        calibration_seconds or 0.0, rate, reference_words)


def blames_the_worker(problem: str) -> bool:
    """Whether a refused utterance shows its worker is wrong (settings, or no
    audio at all), rather than only a length outside the band."""
    return kind_of(problem) in ("empty", "off-voice", "off-rate")
