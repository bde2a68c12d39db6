"""What a topic's talking book holds: its documents (a title page, one a
section, the glossary, the table of contents), which element says which
stretch of which audio, and what the book says about itself.

The text is the localized topic, split into sentences as the spoken scripts
split it; the audio is the scripts the pages play (a section's, a glossary
term's), and the title page's lines are spoken as kiosk prompts are. Nothing
here renders audio: the plan is cheap, and its content address says whether
the book is cached already (web/book.py builds it, web/epub.py packs it).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from markupsafe import Markup, escape

from ..content import LocalizedText
from ..i18n import get_language
from ..speech import renderer
from ..speech.script import SpokenScript, as_sentence, content_key, split_sentences
from .reading import GlossaryLinker, disclaimer
from .translation_notice import translation_notice, translation_state

GLOSSARY = "glossary"
# A glossary term's first use, linked into the book's glossary document.
GLOSSREF = '<a class="term" epub:type="glossref" role="doc-glossref" href="glossary.xhtml#term-{id}">{text}</a>'
CODE = [Path(__file__), Path(__file__).with_name("epub.py")]  # with the templates, what makes a book's bytes


class BookError(ValueError):
    """The text and its spoken script do not line up sentence for sentence."""


@dataclass(frozen=True)
class Said:
    """An element of a document, and the lines of an audio that say it."""

    target: str  # the element's id
    audio: str  # the MP3's path in the book
    first_line: int
    end_line: int  # one past the last


@dataclass(frozen=True)
class Sentence:
    id: str
    html: Markup


@dataclass(frozen=True)
class Passage:
    """A heading or paragraph: its sentences, and its language and direction
    where they are not the book's (a translation that fell back to the source)."""

    sentences: tuple[Sentence, ...]
    lang: str | None = None
    dir: str | None = None

    @property
    def text(self) -> str:
        return " ".join(str(s.html.striptags()) for s in self.sentences)


@dataclass
class Document:
    name: str  # front, section-<id>, glossary: the file is <name>.xhtml, its overlay <name>.smil
    heading: Passage | None = None  # its title, as the table of contents shows it
    said: list[Said] = field(default_factory=list)
    xhtml: str = ""


@dataclass
class BookPlan:
    slug: str
    lang: str
    direction: str
    metadata: dict
    documents: list[Document]
    nav: str
    audio: dict[str, SpokenScript]  # path in the book: the script it is the MP3 of
    key: str = ""


def book_plan(topic, language) -> BookPlan:
    """The plan of ``topic``'s book in ``language``, made once per process
    (topics, catalogs and the engine are fixed for its life)."""
    memo: dict = current_app.extensions.setdefault("carevoice.books", {})
    if (topic.slug, language.code) not in memo:
        with force_locale(language.code):
            memo[topic.slug, language.code] = _plan(topic, language)
    return memo[topic.slug, language.code]


class _Planner:
    def __init__(self, topic, language):
        self.topic, self.language = topic, language
        self.scripts = renderer().scripts
        self.audio: dict[str, SpokenScript] = {}
        # What every document says of the book: its language, direction and title.
        self.book = {"lang": language.code, "dir": language.direction, "title": topic.title.text}

    def passage(self, doc: Document, text, script: SpokenScript, audio: str, first_line: int,
                prefix: str, link=escape) -> tuple[Passage, int]:
        """``text`` as sentences, each said by the next line of ``script``."""
        self.audio[audio] = script
        sentences = []
        for number, sentence in enumerate(split_sentences(str(text)), start=first_line):
            if number >= len(script.lines) or _words(script.lines[number].text) != _words(sentence):
                raise BookError(f"“{sentence[:60]}” is not line {number} of {script.title}")
            sentences.append(Sentence(f"{prefix}{number}", link(sentence)))
            doc.said.append(Said(f"{prefix}{number}", audio, number, number + 1))
        return Passage(tuple(sentences), *self.lang_of(text)), first_line + len(sentences)

    def heading(self, doc: Document, text, script: SpokenScript, audio: str, target: str, lines: int) -> Passage:
        """A title, heading or term, said by the first ``lines`` lines of ``script``
        (a heading is spoken as a sentence, or as "Treatment option 1 of 5: ...")."""
        self.audio[audio] = script
        doc.said.append(Said(target, audio, 0, lines))
        return Passage((Sentence(target, escape(str(text))),), *self.lang_of(text))

    def lang_of(self, text) -> tuple[str | None, str | None]:
        """The language and direction of ``text``, where they are not the book's."""
        lang = text.lang if isinstance(text, LocalizedText) else self.language.code
        if lang == self.language.code:
            return None, None
        other = get_language(lang)
        return lang, other.direction if other else None

    def front(self) -> Document:
        """The title page: the title, whether a clinician has checked this
        translation and the disclaimer, spoken as kiosk prompts are; then the
        review dates and the source, as the page shows them (unspoken there
        too: the voices' length checks know words, not dates)."""
        topic, doc = self.topic, Document("front")
        title_script = self.scripts.prompt(topic.title.text, self.language)
        doc.heading = self.heading(doc, topic.title, title_script, "audio/front-title.mp3", "title",
                                   len(title_script.lines))
        paragraphs = {}
        for name, text in (("notice", translation_notice(translation_state(topic))), ("disclaimer", disclaimer())):
            if text:
                script = self.scripts.prompt(text, self.language)
                paragraphs[name] = self.passage(doc, as_sentence(text), script, f"audio/front-{name}.mp3", 0,
                                                f"{name}-")[0]
        review = _("This information was last reviewed on %(reviewed)s. The next review is due on %(due)s.",
                   reviewed=format_date(topic.last_reviewed, "long"), due=format_date(topic.next_review_due, "long"))
        for name, text in (("review", review), ("source", topic.source_note)):
            sentences = (Sentence(f"{name}-{n}", escape(s)) for n, s in enumerate(split_sentences(str(text))))
            paragraphs[name] = Passage(tuple(sentences), *self.lang_of(text))
        doc.xhtml = render_template("book/front.xhtml", book=self.book, doc=doc, paragraphs=paragraphs,
                                    source_url=topic.source_url)
        return doc

    def section(self, section, linker: GlossaryLinker) -> Document:
        doc = Document(f"section-{section.id}")
        script = self.scripts.section(self.topic, section, self.language)
        audio = f"audio/{doc.name}.mp3"
        doc.heading = self.heading(doc, section.heading, script, audio, "heading", 1)
        paragraphs, line = [], 1
        for paragraph in section.paragraphs:
            passage, line = self.passage(doc, paragraph, script, audio, line, "s", linker.link)
            paragraphs.append(passage)
        _said_all(script, line)
        doc.xhtml = render_template("book/section.xhtml", book=self.book, doc=doc, paragraphs=paragraphs)
        return doc

    def glossary(self) -> Document:
        heading_text = _("Medical words explained")
        doc = Document(GLOSSARY)
        heading_script = self.scripts.prompt(heading_text, self.language)
        doc.heading = self.heading(doc, heading_text, heading_script, "audio/glossary.mp3", "heading",
                                   len(heading_script.lines))
        entries = []
        for entry in self.topic.glossary:
            script = self.scripts.glossary(self.topic, entry, self.language)
            audio, target = f"audio/term-{entry.id}.mp3", f"term-{entry.id}"
            term = self.heading(doc, entry.term, script, audio, target, 1)
            explanation, end = self.passage(doc, entry.explanation, script, audio, 1, f"{target}-")
            _said_all(script, end)
            entries.append((term, explanation))
        doc.xhtml = render_template("book/glossary.xhtml", book=self.book, doc=doc, entries=entries)
        return doc


def _plan(topic, language) -> BookPlan:
    planner = _Planner(topic, language)
    state, book = translation_state(topic), planner.book
    linker = GlossaryLinker(topic.glossary, anchor=GLOSSREF)
    documents = [planner.front(), *(planner.section(s, linker) for s in topic.sections)]
    if topic.glossary:
        documents.append(planner.glossary())
    nav = render_template("book/nav.xhtml", book=book, contents=_("Contents"), entries=documents[1:],
                          landmarks={"titlepage": documents[0], "bodymatter": documents[1],
                                     "glossary": documents[-1] if topic.glossary else None})
    modified = max(topic.last_reviewed, state.reviewed_on or topic.last_reviewed)
    metadata = {
        **book,
        # The same publication in every version: named by topic and language, not by content.
        "identifier": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'carevoice:{topic.slug}:{language.code}')}",
        "date": modified.isoformat(),
        "modified": f"{modified.isoformat()}T00:00:00Z",
        "modified_date": modified,
        "source": topic.source_title.text,
        "source_url": topic.source_url,
        "description": translation_notice(state),
        "translation": state.as_json(),
        "summary": _("The whole text is read aloud by a synthetic voice and highlighted sentence by sentence "
                     "as it is spoken. Headings and a table of contents lead to each section and to the "
                     "explanations of medical words. There are no pictures."),
        "narrator": f"espeak-ng ({language.voice})",
    }
    plan = BookPlan(topic.slug, language.code, language.direction, metadata, documents, nav, planner.audio)
    plan.key = content_key("talking-book", _code_digest(), [d.xhtml for d in documents], nav,
                           {k: v for k, v in metadata.items() if k != "modified_date"},
                           {path: renderer().audio_key(script, "mp3") for path, script in planner.audio.items()})
    return plan


def _said_all(script: SpokenScript, end: int) -> None:
    if end != len(script.lines):
        raise BookError(f"{script.title}: the text has {end} lines where the script says {len(script.lines)}")


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _code_digest() -> str:
    """The book templates and the code that fills and packs them: a change to
    any of them makes new books, not old bytes under a new name."""
    memo = current_app.extensions.setdefault("carevoice.book_code", {})
    if "digest" not in memo:
        loader = current_app.jinja_env.loader
        names = sorted(n for n in loader.list_templates() if n.startswith("book/"))
        memo["digest"] = content_key([loader.get_source(current_app.jinja_env, n)[0] for n in names],
                                     [p.read_text(encoding="utf-8") for p in CODE])
    return memo["digest"]
