"""What espeak-ng makes of a line, for editors proof-reading the voice and for
the pronunciation tests.

pyttsx3 gives no access to phonemes, so this asks the espeak-ng command that
the same library (libespeak-ng) ships with; on a machine without it there is
nothing to show. Two faults are found in its trace (``-X``):

- a switch to another language's voice: espeak-ng reads a word it takes for
  foreign (Latin letters in Arabic text, "CT" in Russian) with another voice,
  marked ``(en)`` in its phonemes;
- a word spelled letter by letter: espeak-ng looks up each letter ("Found:
  'k'") instead of translating the word.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

SWITCH = re.compile(r"\((\w{2,3}(?:-\w+)?)\)")
FOUND_LETTER = re.compile(r"^Found: '(\w)' ")
WORD = re.compile(r"\w+")
TRANSLATED = re.compile(r"^Translate '(.+)'")
UNPRONOUNCEABLE = re.compile(r"^Unpronouncable\? '(.+)'")


class PhonemesUnavailable(RuntimeError):
    """No espeak-ng command on this machine."""


@dataclass(frozen=True)
class Reading:
    text: str
    phonemes: str
    switches: tuple[str, ...]  # the other voices espeak-ng switched to
    spelled: tuple[str, ...]  # words said letter by letter

    def problems(self, allowed_spelling: frozenset[str] = frozenset()) -> list[str]:
        found = [f"switches to the {code} voice" for code in self.switches]
        found += [f"spells {word!r}" for word in self.spelled if word not in allowed_spelling]
        return found


def espeak_command() -> str:
    command = shutil.which("espeak-ng")
    if command is None:
        raise PhonemesUnavailable("espeak-ng is not installed")
    return command


def read_aloud(text: str, voice: str) -> Reading:
    """How espeak-ng's ``voice`` reads ``text`` (one line, as the engine gets it)."""
    phonemes = " ".join(_espeak("-x", voice, text).split())
    trace = _espeak("-X", voice, text).splitlines()
    own = voice.rsplit("/", 1)[-1]
    switches = tuple(dict.fromkeys(code for code in SWITCH.findall(phonemes) if code != own))
    return Reading(text, phonemes, switches, _spelled_words(text, trace))


def _espeak(flag: str, voice: str, text: str) -> str:
    return subprocess.run([espeak_command(), "-q", flag, "-v", voice, text],
                          capture_output=True, text=True, check=True, timeout=30).stdout


def _spelled_words(text: str, trace: list[str]) -> tuple[str, ...]:
    """Words of ``text`` (two letters or more) that espeak-ng said letter by
    letter: either it looked their letters up one by one ("Found: 'k'", runs
    that may also hold the one-letter words around them), or it judged the
    word unpronounceable and never translated it by its rules."""
    tokens = [w.casefold() for w in WORD.findall(text) if not w.isdigit()]
    spelled: list[str] = []
    for run in _letter_runs(trace):
        spelled += [t for t in _words_making(run, tokens) if len(t) > 1]
    translated = {m.group(1).casefold() for line in trace if (m := TRANSLATED.match(line))}
    for line in trace:
        doubt = UNPRONOUNCEABLE.match(line)
        if doubt and doubt.group(1).casefold() not in translated and len(doubt.group(1)) > 1:
            spelled.append(doubt.group(1).casefold())
    return tuple(dict.fromkeys(spelled))


def _letter_runs(trace: list[str]) -> list[str]:
    runs, run = [], []
    for line in [*trace, "end"]:
        if not line.strip() or line[0].isspace():
            continue  # the trace's own lines, between the lookups
        letter = FOUND_LETTER.match(line)
        if letter:
            run.append(letter.group(1).casefold())
        elif run:
            runs.append("".join(run))
            run = []
    return runs


def _words_making(run: str, tokens: list[str]) -> list[str]:
    """The consecutive words of the text whose letters, joined, begin ``run``
    (the longest such series; espeak-ng may look a letter up twice)."""
    best: list[str] = []
    for start in range(len(tokens)):
        joined, words = "", []
        for token in tokens[start:]:
            if not run.startswith(joined + token):
                break
            joined, words = joined + token, [*words, token]
        if len("".join(words)) > len("".join(best)):
            best = words
    return best
