"""The ``flask`` commands of editors, translators and operators:
``flask translations``, ``flask audio`` and ``flask export``."""

from __future__ import annotations

from .audio import audio_cli
from .export import export_command
from .translations import translations_cli


def init_app(app) -> None:
    for command in (translations_cli, audio_cli, export_command):
        app.cli.add_command(command)
