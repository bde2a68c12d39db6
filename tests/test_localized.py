"""A topic seen in one language (service/content/localized.py): each text
knows the language it is in."""

import datetime as dt
import gettext
import io

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from service.content import LocalizedText, localize_topic, message_context
from service.content.model import parse_topic
from service.content.termbase import TermBase, parse_termbase

TOPIC = parse_topic({
    "slug": "hand-washing", "title": "Washing your hands",
    "last_reviewed": dt.date(2026, 1, 1), "next_review_due": dt.date(2027, 1, 1),
    "source": {"title": "Hygiene", "note": "Adapted"},
    "sections": [
        {"id": "why", "heading": "Why", "paragraphs": ["Germs spread.", "Hands carry them."]},
        {"id": "soap", "heading": "Soap", "kind": "treatment-option", "paragraphs": ["Use soap."]},
        {"id": "radio", "heading": "Radio", "kind": "treatment-option", "paragraphs": ["Sing along."]},
        {"id": "after", "heading": "Afterwards", "paragraphs": ["Dry them."]},
    ],
    "glossary": [{"id": "germ", "term": "germ", "explanation": "A tiny living thing."}],
}, "test.toml")


def translations(lang: str, messages: dict[tuple[str, ...], str], without_context: dict[str, str] | None = None):
    """A compiled catalog of ``lang``: topic fields by their context path, and plain messages."""
    catalog = Catalog(locale=lang)
    english = {context: text for context, text, _ in TOPIC.messages()}
    for path, translated in messages.items():
        context = message_context(TOPIC.slug, *path)
        catalog.add(english[context], translated, context=context)
    for message, translated in (without_context or {}).items():
        catalog.add(message, translated)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def every_text(topic):
    yield from (topic.title, topic.source_title, topic.source_note)
    for section in topic.sections:
        yield section.heading
        yield from section.paragraphs
    for entry in topic.glossary:
        yield from (entry.term, entry.explanation)


def test_the_source_language_needs_no_catalog_and_every_text_is_in_it():
    topic = localize_topic(TOPIC, None, "en", source_language="en")
    assert topic.lang == "en" and {text.lang for text in every_text(topic)} == {"en"}
    assert topic.title == LocalizedText("Washing your hands", "en")


def test_an_untranslated_field_keeps_the_source_text_and_says_it_is_in_the_source_language():
    topic = localize_topic(TOPIC, translations("tr", {("title",): "Ellerinizi yıkamak"}), "tr", source_language="en")
    assert topic.lang == "tr"
    assert topic.title == LocalizedText("Ellerinizi yıkamak", "tr")
    assert topic.section("soap").heading == LocalizedText("Soap", "en")  # marked lang="en" on the page
    assert topic.glossary[0].explanation == LocalizedText("A tiny living thing.", "en")


def test_a_translation_equal_to_its_source_still_counts_as_translated():
    topic = localize_topic(TOPIC, translations("de", {("radio", "heading"): "Radio"}), "de", source_language="en")
    assert topic.section("radio").heading == LocalizedText("Radio", "de")  # German, though spelt as in English
    assert topic.section("soap").heading.lang == "en"


@pytest.mark.parametrize("path, field", [
    (("why", "paragraph-2"), lambda t: t.section("why").paragraphs[1]),
    (("glossary", "germ", "explanation"), lambda t: t.glossary[0].explanation),
    (("source.note",), lambda t: t.source_note),
], ids=["paragraph", "glossary-explanation", "source-note"])
def test_each_field_is_translated_by_its_own_context(path, field):
    topic = localize_topic(TOPIC, translations("tr", {path: "çeviri"}), "tr", source_language="en")
    assert field(topic) == LocalizedText("çeviri", "tr")
    assert sum(text.lang == "tr" for text in every_text(topic)) == 1  # no other field took it


def test_a_translation_without_the_topics_context_is_not_used():
    """The page chrome may translate the same English word differently."""
    topic = localize_topic(TOPIC, translations("tr", {}, without_context={"Soap": "Sabun"}), "tr", source_language="en")
    assert topic.section("soap").heading == LocalizedText("Soap", "en")


def test_treatment_options_are_numbered_in_order_and_counted():
    topic = localize_topic(TOPIC, None, "en", source_language="en")
    assert [s.option_number for s in topic.sections] == [None, 1, 2, None]
    assert topic.option_count == 2


def test_a_section_is_found_by_its_id():
    topic = localize_topic(TOPIC, None, "en", source_language="en")
    assert topic.section("after").heading.text == "Afterwards" and topic.section("no-such-section") is None


TERMS = parse_termbase({"concept": [{"id": "germ", "en": "germ", "tr": {"target": "mikrop"}}]})


def test_a_glossary_term_is_the_term_bases_and_no_catalog_message():
    assert not any(context.endswith(":term") for context, _, _ in TOPIC.messages())
    topic = localize_topic(TOPIC, translations("tr", {}), "tr", source_language="en", terms=TERMS)
    assert topic.glossary[0].term == LocalizedText("mikrop", "tr")


@pytest.mark.parametrize("terms", [None, TermBase([]), TERMS], ids=["no-term-base", "empty", "other-language"])
def test_a_term_the_term_base_lacks_in_the_language_stays_in_english(terms):
    topic = localize_topic(TOPIC, translations("de", {}), "de", source_language="en", terms=terms)
    assert topic.glossary[0].term == LocalizedText("germ", "en")
