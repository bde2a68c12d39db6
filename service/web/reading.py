"""How topic text is marked up for reading along and for the glossary."""

from __future__ import annotations

import re

from flask import current_app
from flask_babel import gettext as _
from markupsafe import Markup, escape

from ..content.library import topic_library
from ..speech.script import split_sentences


class GlossaryLinker:
    """Links the first use of each glossary term on a page to its explanation.

    A term matches at the start of a word and takes the rest of the word with
    it, so Turkish suffixes stay inside the link ("mezotelyomada").
    """

    #: The link on the page; the talking book links into its glossary document.
    ANCHOR = '<a class="term" href="#term-{id}">{text}</a>'

    def __init__(self, entries, anchor: str = ANCHOR):
        self._terms = sorted(((e.term.text, e.id) for e in entries), key=lambda t: -len(t[0]))
        self._used: set[str] = set()
        self._anchor = anchor

    def link(self, text: str) -> Markup:
        out = escape(text)
        for term, term_id in self._terms:
            if term_id in self._used:
                continue
            pattern = re.compile(rf"(?<!\w)({re.escape(str(escape(term)))}\w*)", re.IGNORECASE)
            match = pattern.search(out)
            if match:
                self._used.add(term_id)
                # group(1) is text of the already escaped sentence; ids are [a-z0-9-].
                anchor = Markup(self._anchor.format(id=term_id, text=match.group(1)))
                out = out[:match.start()] + anchor + out[match.end():]
        return Markup(out)


def with_sentences(text, linker: GlossaryLinker | None = None) -> Markup:
    """A paragraph as sentence spans, split as the spoken script splits it, so
    the player can highlight the sentence being spoken."""
    pieces = []
    for sentence in split_sentences(str(text)):
        inner = linker.link(sentence) if linker else escape(sentence)
        pieces.append(Markup('<span class="sentence">') + inner + Markup("</span>"))
    return Markup(" ").join(pieces)


def source_note(topic) -> Markup:
    """The note on where the text comes from, with the cited title isolated
    (<bdi>): left in the original's language inside an Arabic or Persian
    sentence, a Latin title would otherwise reorder the line around it."""
    original = topic_library().get(topic.slug)
    note = escape(topic.source_note.text)
    for title, lang in ((original.source_title, current_app.config["SOURCE_LANGUAGE"]), (topic.source_title.text, None)):
        found = escape(title)
        if title and found in note:
            marked = Markup(f' lang="{lang}" dir="ltr"') if lang and lang != topic.lang else Markup("")
            return note.replace(found, Markup("<bdi") + marked + Markup(">") + found + Markup("</bdi>"), 1)
    return note


def disclaimer() -> str:
    """The one sentence every topic carries, on pages, kiosk and API alike."""
    return _("This is general information. Your own care team will decide with you which treatment is right for you.")
