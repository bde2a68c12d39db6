"""Babel extractor for topic files (registered in ``babel.cfg``).

Yields one ``pgettext`` message per field, with the field's key path as its
msgctxt and a comment that tells the translator what the text is.
"""

from __future__ import annotations

import tomllib

from .model import parse_topic


def _line_of(source: str, text: str) -> int:
    # TOML parsers do not report positions; the first line of the text is
    # enough for a translator's "#:" reference.
    first_line = text.splitlines()[0][:60]
    offset = source.find(first_line)
    return source.count("\n", 0, offset) + 1 if offset >= 0 else 1


def extract_topic(fileobj, keywords, comment_tags, options):
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    topic = parse_topic(tomllib.loads(source), getattr(fileobj, "name", "topic"))
    for context, text, comment in topic.messages():
        yield _line_of(source, text), "pgettext", (context, text), [comment]
