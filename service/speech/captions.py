"""Where each sentence of an audio starts and ends: WebVTT captions for the
player and screen readers, and the same cues as JSON for read-along."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


def webvtt(cues: list[Cue]) -> str:
    def stamp(seconds: float) -> str:
        millis = round(seconds * 1000)
        hours, millis = divmod(millis, 3_600_000)
        minutes, millis = divmod(millis, 60_000)
        secs, millis = divmod(millis, 1000)
        return f"{hours:02}:{minutes:02}:{secs:02}.{millis:03}"

    blocks = ["WEBVTT"]
    for number, cue in enumerate(cues, start=1):
        text = cue.text.replace("-->", "→")
        blocks.append(f"s{number}\n{stamp(cue.start)} --> {stamp(cue.end)}\n{text}")
    return "\n\n".join(blocks) + "\n"


def cues_json(cues: list[Cue]) -> str:
    return json.dumps(
        [{"id": f"s{n}", "start": c.start, "end": c.end, "text": c.text} for n, c in enumerate(cues, start=1)],
        ensure_ascii=False,
    )
