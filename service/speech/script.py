"""Spoken scripts: what an audio says, sentence by sentence.

A script is rendered from the templates in ``audio_templates/`` with the
page's translations, split into sentence-sized lines (pyttsx3 is quadratic in
the length of one utterance), and normalised for the engine.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from ..i18n import get_language
from .normalize import normalize_for_speech

log = logging.getLogger(__name__)

SECTION_BREAK = "---"
# A sentence may end at . ! ? … and the Arabic question mark, with a closing
# quote or bracket, before a space; whether it does depends on what follows.
SENTENCE_END = re.compile(r"(?<=[.!?…؟])[\"”’»)]?\s+")
OPENING_QUOTES = "\"“‘«„("
# Before these tokens a full stop is an abbreviation or an ordinal, not the
# end of a sentence: "z. B. die", "Dr. Yılmaz", German "im 4. Stadium".
NOT_AN_END = re.compile(r"(?:^|\W)(?:\w|\d{1,3}|Dr|Prof|Nr|ca|vb|vs|bzw|ggf|evtl|usw|vgl|örn|Mrs?|Ms)\.[\"”’»)]?$")
PARAGRAPH_PAUSE_MS = 350


# Marks a passage of a spoken template that is in a language of its own
# (``{{ paragraph|voiced }}``): a translation shown in English while it is
# redone is spoken by the English voice, never read out by the Turkish one.
VOICE_MARK = re.compile(r"^\u27e6([A-Za-z]{2,3}(?:[-_]\w+)?)\u27e7 ?")


@dataclass(frozen=True)
class Line:
    """One utterance: the text as written, what the engine reads, the pause
    after, and for a passage in another language than the script's, its
    language and the (voice, rate) that speaks it."""

    text: str
    spoken: str
    pause_after_ms: int
    lang: str | None = None
    voice: tuple[str, int] | None = None


@dataclass(frozen=True)
class ChapterMark:
    """Where a section starts in a whole topic's script: the MP3's chapters."""

    id: str  # the section's id, also the chapter's element id in the ID3 tag
    title: str  # the heading as written, in the script's language
    first_line: int


@dataclass(frozen=True, eq=False)  # identity: scripts are memoised, and hashing every line per request is waste
class SpokenScript:
    lang: str
    voice: str
    rate: int
    lines: tuple[Line, ...]
    title: str  # for download file names
    chapters: tuple[ChapterMark, ...] = ()

    @property
    def transcript(self) -> str:
        """The words of the audio, paragraphs separated by blank lines."""
        out, paragraph = [], []
        for line in self.lines:
            paragraph.append(line.text)
            if line.pause_after_ms:
                out.append(" ".join(paragraph))
                paragraph = []
        if paragraph:
            out.append(" ".join(paragraph))
        return "\n\n".join(out) + "\n"

    def voice_of(self, line: Line) -> tuple[str, int]:
        """The voice and rate that say ``line``: its own, or the script's."""
        return line.voice or (self.voice, self.rate)

    @cached_property
    def spoken_digest(self) -> str:
        """The digest of what is said, by which voice, and the pauses between, computed once per script."""
        return content_key([(line.spoken, line.pause_after_ms, *([line.voice] if line.voice else []))
                            for line in self.lines])

    def key(self, engine_identity: str, *extra: str) -> str:
        """Content address of the audio: spoken text, pauses, voices, rate, engine,
        and the chapters where it has them (their titles are in the MP3's bytes)."""
        chapters = [[[c.id, c.title, c.first_line] for c in self.chapters]] if self.chapters else []
        return content_key(engine_identity, self.voice, self.rate, self.spoken_digest, *chapters, *extra)

    def line_key(self, engine_identity: str, line: Line) -> str:
        """Content address of one line's speech, shared by every script that says it."""
        return content_key(engine_identity, *self.voice_of(line), line.spoken)


def chapter_marks(whole: SpokenScript, sections) -> tuple[ChapterMark, ...]:
    """Where each section's script stands inside the whole topic's script,
    which says the title and then every section's lines, in order. Templates
    that no longer do cost the MP3 its chapters, not its audio (and `flask
    audio verify` reports the file)."""
    marks, at = [], 1
    for section, script in sections:
        said = [line.text for line in whole.lines[at:at + len(script.lines)]]
        if said != [line.text for line in script.lines]:
            log.error("%s: the topic's script does not say the section '%s' where its chapter would start",
                      whole.title, section.id)
            return ()
        marks.append(ChapterMark(section.id, section.heading.text, at))
        at += len(script.lines)
    return tuple(marks)


def content_key(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


def split_sentences(paragraph: str) -> list[str]:
    """A paragraph in sentences. A new sentence starts with a capital, a digit
    or an opening quote, or, in scripts without capitals (Arabic, Persian),
    with any letter; "4. evre" stays whole, as a lowercase word follows."""
    sentences, start = [], 0
    for end in SENTENCE_END.finditer(paragraph):
        following = paragraph[end.end():end.end() + 1]
        caseless = following.isalpha() and following.lower() == following.upper()
        starts = following.isupper() or following.isdigit() or following in OPENING_QUOTES or caseless
        # In a script without capitals nothing marks an ordinal or an
        # abbreviation, and a number before a full stop ends the sentence.
        if following and starts and (caseless or not NOT_AN_END.search(paragraph[start:end.start() + 1].rstrip())):
            sentences.append(paragraph[start:end.start() + 1])
            start = end.end()
    sentences.append(paragraph[start:])
    return [s.strip() for s in sentences if s.strip()]


def parse_script_text(text: str, section_pause_ms: int) -> list[tuple[str, int, str | None]]:
    """Rendered template text -> (sentence, pause after, language) triples;
    the language is that of a paragraph marked by ``voiced``, else None."""
    sentences: list[list] = []
    paragraph: list[str] = []
    language: list[str | None] = [None]

    def close_paragraph(pause: int) -> None:
        if paragraph:
            sentences.extend([s, 0, language[0]] for s in split_sentences(" ".join(paragraph)))
            paragraph.clear()
            language[0] = None
        if sentences:
            sentences[-1][1] = max(sentences[-1][1], pause)

    for raw in text.splitlines():
        line = raw.strip()
        if line == SECTION_BREAK:
            close_paragraph(section_pause_ms)
        elif not line:
            close_paragraph(PARAGRAPH_PAUSE_MS)
        else:
            marked = VOICE_MARK.match(line)
            if marked:
                language[0] = language[0] if paragraph else marked.group(1)
                line = line[marked.end():]
            paragraph.append(line)
    close_paragraph(PARAGRAPH_PAUSE_MS)
    if sentences:
        sentences[-1][1] = 0  # no silence at the very end
    return [(s, p, lang) for s, p, lang in sentences]


def voiced(text) -> str:
    """A text marked with its language (a ``LocalizedText`` knows it), so the
    script has it said by that language's voice."""
    lang = getattr(text, "lang", None)
    return f"\u27e6{lang}\u27e7 {text}" if lang else str(text)


def as_sentence(text) -> str:
    """A heading spoken as a sentence: end it with a full stop unless it has one."""
    text = str(text).strip()
    return text if text[-1:] in ".!?:…" else f"{text}."


class ScriptWriter:
    """Renders the spoken scripts of topics and sections for one app."""

    def __init__(self, jinja_env, templates_dir: str, section_pause_ms: int, termbase: str | Path | None = None):
        from jinja2 import FileSystemLoader

        # An overlay keeps the app's i18n extension and gettext callables, so
        # {% trans %} in a spoken template uses the page's catalog.
        self.env = jinja_env.overlay(loader=FileSystemLoader(templates_dir), autoescape=False)
        self.env.filters["as_sentence"] = as_sentence
        self.env.filters["voiced"] = voiced
        self.lexicon_dir = Path(templates_dir) / "lexicon"
        self.termbase = termbase
        self.section_pause_ms = section_pause_ms
        # Scripts depend only on their (immutable) inputs and the catalogs,
        # which a process loads once; every audio request needs one.
        self._written: dict[tuple[str, ...], SpokenScript] = {}

    def written(self) -> list[tuple[str, ...]]:
        """The keys of the scripts written so far: (kind, language code, names...)."""
        return list(self._written)

    def _script(self, key: tuple[str, ...], template: str, language, title: str, **context) -> SpokenScript:
        """The script under ``key`` (its kind, language and what it speaks of, by
        name), written from ``template`` the first time it is asked for."""
        script = self._written.get(key)
        if script is None:
            script = self._written[key] = self._render(template, language, title, **context)
        return script

    def _render(self, template: str, language, title: str, **context) -> SpokenScript:
        from flask_babel import force_locale

        # The script speaks the language it is for, in a request or not.
        with force_locale(language.code):
            text = self.env.get_template(template).render(**context)
        lines = tuple(self._line(sentence, pause, lang or language.code, language)
                      for sentence, pause, lang in parse_script_text(text, self.section_pause_ms))
        return SpokenScript(language.code, language.voice, language.rate, lines, title)

    def _line(self, sentence: str, pause: int, lang: str, language) -> Line:
        spoken = normalize_for_speech(sentence, lang, self.lexicon_dir, self.termbase)
        if lang == language.code:
            return Line(sentence, spoken, pause)
        other = get_language(lang)
        if other is None or not other.voice:  # never read out by a voice of another language
            raise ValueError(f"a passage in {lang!r} has no voice to say it")
        return Line(sentence, spoken, pause, lang, (other.voice, other.rate))

    def topic(self, topic, language) -> SpokenScript:
        key = ("topic", language.code, topic.slug)
        if key not in self._written:
            whole = self._render("topic.txt", language, topic.title.text, topic=topic)
            sections = [(s, self.section(topic, s, language)) for s in topic.sections]
            self._written[key] = replace(whole, chapters=chapter_marks(whole, sections))
        return self._written[key]

    def prompt(self, text: str, language) -> SpokenScript:
        """A kiosk prompt: one label or instruction, spoken alone."""
        return self._script(("prompt", language.code, text), "kiosk_prompt.txt", language, text, text=text)

    def help(self, language, title: str) -> SpokenScript:
        return self._script(("help", language.code, title), "kiosk_help.txt", language, title)

    def glossary(self, topic, entry, language) -> SpokenScript:
        return self._script(("glossary", language.code, topic.slug, entry.id), "glossary.txt", language,
                            f"{topic.title.text} – {entry.term.text}", topic=topic, entry=entry)

    def topic_and_sections(self, topic, language) -> list[SpokenScript]:
        """The whole topic's script, then each section's: what a topic page plays."""
        return [self.topic(topic, language), *(self.section(topic, s, language) for s in topic.sections)]

    def section(self, topic, section, language) -> SpokenScript:
        return self._script(("section", language.code, topic.slug, section.id), "section.txt", language,
                            f"{topic.title.text} – {section.heading.text}", topic=topic, section=section)
