"""Serving: what stands between the network and the Flask app.

Request size limits, the replay of cached audio, and the ASGI front with its
gunicorn worker and access lines. Serving knows the app; the app's own
modules never import serving (web/replay.py is their side of the contract).
"""

from __future__ import annotations

from ..web.replay import EXTENSION as REPLAY
from . import request_limits
from .audio_shortcut import CachedAudioShortcut


def init_app(app) -> None:
    """Size limits first of all hooks; cached audio replayed around the app."""
    request_limits.init_app(app)
    budget_mb = app.config["AUDIO_MEMORY_CACHE_MB"]
    if isinstance(budget_mb, bool) or not isinstance(budget_mb, (int, float)) or budget_mb < 0:
        raise ValueError(f"AUDIO_MEMORY_CACHE_MB must be a number of megabytes, 0 or more, not {budget_mb!r}")
    shortcut = CachedAudioShortcut(app.wsgi_app, memory_budget=int(budget_mb * 2**20))
    app.extensions[REPLAY] = shortcut
    app.wsgi_app = shortcut
