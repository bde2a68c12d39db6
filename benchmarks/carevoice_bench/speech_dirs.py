"""The /dev/shm folders of the service's speech pools, removed after a run.

The service's speech pools make a /dev/shm/carevoice-speech-* folder each and
never remove it; remove the ones this run made (their files name our workers).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

SHM = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())


def speech_temp_dirs() -> set[Path]:
    return set(SHM.glob("carevoice-speech-*"))


def remove_pool_dir(pool) -> None:
    """The folder of a speech pool made in this process (SpeechPool.close leaves it)."""
    folder = getattr(pool, "_temp_dir", None)
    if folder and Path(folder).parent == SHM and Path(folder).name.startswith("carevoice-speech-"):
        shutil.rmtree(folder, ignore_errors=True)


def remove_our_speech_dirs(before: set[Path], worker_pids: set[int]) -> int:
    removed = 0
    for folder in speech_temp_dirs() - before:
        try:
            files = list(folder.iterdir())
        except OSError:
            continue
        pids = set()
        for f in files:
            m = re.fullmatch(r"utterance-(\d+)\.wav", f.name)
            pids.add(int(m.group(1)) if m else -1)
        if files and pids <= worker_pids:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
