"""The messages of topic files, for the catalog template.

``flask translations extract`` adds one ``pgettext`` message per field of
every topic in the app's ``CONTENT_DIR``, with the field's key path as its
msgctxt and a comment that tells the translator what the text is. (The
topics are read from the configured folder, not found by babel.cfg, so that
an edit to any copy of the content reaches its catalogs.)
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from .model import parse_topic


def _line_of(source: str, text: str) -> int:
    # TOML parsers do not report positions; the first line of the text is
    # enough for a translator's "#:" reference.
    first_line = text.splitlines()[0][:60]
    offset = source.find(first_line)
    return source.count("\n", 0, offset) + 1 if offset >= 0 else 1


def topic_messages(path: Path):
    """``(line, msgctxt, English text, comment)`` of every field of a topic file."""
    source = path.read_text(encoding="utf-8")
    topic = parse_topic(tomllib.loads(source), str(path))
    for context, text, comment in topic.messages():
        yield _line_of(source, text), context, text, comment
