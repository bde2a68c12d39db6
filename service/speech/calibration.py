"""How long a voice takes to say a text, and whether a worker's audio is at its rate.

espeak-ng's length is inversely proportional to its rate: a sentence's
seconds times the rate, in words a minute, stayed within 2 % between 120
and 240 words a minute (measured on espeak-ng 1.51). So each voice has
constants that hold at any rate:

- ``calibration_words``: the calibration text's length at any rate,
  as seconds × rate / 60. A new worker says it; a worker whose length is off
  by more than CALIBRATION_TOLERANCE is not at its rate (pyttsx3's default
  of 200 instead of 160 gives 0.8) and is never used.
- ``letters_weight`` and ``overhead``: an utterance of n letters lasts about
  (letters_weight × n + overhead) × 60 / rate seconds; ``band`` is the
  spread of measured/expected seen over every line of the first topic.
  Every utterance must fall inside it, widened by BAND_MARGIN for text not
  yet seen. It catches empty, truncated and runaway audio; spelling makes it
  too wide in English to see a rate change on its own, which is why every
  utterance is also checked against the settings the engine reports.

The figures live in calibration.toml, beside this file, for the engine
version they were measured on. A voice missing there, or measured on
another version (lengths move between releases), gets a loose band and
takes its calibration length from its first worker whose engine reports the
right voice and rate.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

CALIBRATION_TOLERANCE = 0.06
BAND_MARGIN = 0.10
LETTER = re.compile(r"[^\W\d_]")
# For voices without measured figures: a line spoken within this band of the
# model passes; the English calibration text is read.
DEFAULT_CALIBRATION_TEXT = "This sentence is read to check the speaking rate of the voice before it is used."


@dataclass(frozen=True)
class VoiceProfile:
    calibration_text: str
    calibration_words: float | None  # None: taken from the voice's first proven worker
    letters_weight: float = 0.2
    overhead: float = 1.3
    band: tuple[float, float] = (0.4, 2.5)

    def expected_seconds(self, text: str, rate: int) -> float:
        return (self.letters_weight * len(LETTER.findall(text)) + self.overhead) * 60.0 / rate

    def in_band(self, text: str, seconds: float, rate: int) -> bool:
        ratio = seconds / self.expected_seconds(text, rate)
        low, high = self.band
        return low * (1 - BAND_MARGIN) <= ratio <= high * (1 + BAND_MARGIN)

    def calibration_problem(self, seconds: float, rate: int, reference_words: float | None) -> str | None:
        """Why a worker's calibration utterance shows it is not at ``rate``, or None."""
        words = self.calibration_words or reference_words
        if words is None:
            return None if seconds > 0 else "the calibration utterance was empty"
        expected = words * 60.0 / rate
        if abs(seconds / expected - 1) > CALIBRATION_TOLERANCE:
            return (f"the calibration text took {seconds:.2f} s where {expected:.2f} s is expected "
                    f"at {rate} words a minute")
        return None


def load_profiles(path: Path) -> dict[str, tuple[str | None, VoiceProfile]]:
    """Each voice's (engine version measured on, figures). A voice not yet
    measured may have only its ``calibration_text``, in its own language."""
    with path.open("rb") as handle:
        table = tomllib.load(handle).get("voices", {})
    profiles = {}
    for voice, entry in table.items():
        if "calibration_words" not in entry:
            profiles[voice] = (None, VoiceProfile(entry["calibration_text"], None))
            continue
        profiles[voice] = (entry["engine"], VoiceProfile(
            calibration_text=entry["calibration_text"], calibration_words=entry["calibration_words"],
            letters_weight=entry["letters_weight"], overhead=entry["overhead"], band=tuple(entry["band"])))
    return profiles


PROFILES = load_profiles(Path(__file__).with_name("calibration.toml"))


def profile_for(voice: str | None, engine: str | None) -> VoiceProfile:
    """The voice's measured figures on this engine version; else its
    calibration text (any version reads it) with loose, learned figures."""
    measured_on, profile = PROFILES.get(voice, (None, None))
    if profile is None:
        return VoiceProfile(DEFAULT_CALIBRATION_TEXT, None)
    return profile if measured_on == engine else VoiceProfile(profile.calibration_text, None)
