"""Why the engine, or one voice, cannot start now: a failed start is
believed for a while, so a broken install or a voice that never proves its
settings costs one attempt, not one per request."""

from __future__ import annotations

import threading
import time

ENGINE = None  # the key of an outage of the whole engine; a voice's key is (voice, rate)


class Outages:
    RETRY_SECONDS = 30.0

    def __init__(self):
        self._lock = threading.Lock()
        self._since: dict[tuple | None, tuple[float, str]] = {}

    def mark(self, key: tuple | None, reason: str) -> None:
        with self._lock:
            self._since[key] = (time.monotonic(), reason)

    def clear(self, key: tuple | None) -> None:
        with self._lock:
            self._since.pop(key, None)

    def reason(self, voice_key: tuple | None = None) -> str | None:
        """Why the engine (or, given ``voice_key``, that voice too) is out now, or None."""
        with self._lock:
            for key in {ENGINE, voice_key}:
                since, reason = self._since.get(key, (None, None))
                if since is not None and time.monotonic() - since < self.RETRY_SECONDS:
                    return reason
        return None
