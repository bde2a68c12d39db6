"""How speech fails; each error carries a reason fit for a 503."""

from __future__ import annotations


class SpeechError(Exception):
    """Base of the engine's failures."""


class SpeechUnavailable(SpeechError):
    """The engine cannot start here (driver or library missing, or no worker proved its settings)."""


class RenderTimeout(SpeechError):
    """An utterance took longer than the render timeout; the worker was replaced."""


class WorkerCrashed(SpeechError):
    """The worker died during an utterance; it was replaced."""


class BadUtterance(SpeechError):
    """The engine returned audio that is empty, or not the text at the voice's rate."""


class WorkersBusy(SpeechError):
    """No speech worker of the voice became free in time."""
