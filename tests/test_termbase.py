"""The term base (translations/termbase.toml, service/content/termbase.py):
one entry per concept in every language, the only copy of the terms. The
glossary takes its terms from it, no catalog uses a form it says changes the
meaning, and each language says how it keeps treating apart from curing."""

import pytest
from babel.messages.pofile import read_po

from service.config import PROJECT_DIR
from service.content.model import load_topics
from service.content.termbase import load_termbase, parse_termbase, stem_pattern

from .conftest import LANGUAGES, SLUG, soup

TERMBASE = load_termbase(PROJECT_DIR / "translations" / "termbase.toml")
TRANSLATED = [code for code in LANGUAGES if code != "en"]


def catalog(lang: str):
    with (PROJECT_DIR / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


def translations_of(lang: str) -> list[tuple[str, str]]:
    """(context or English, translation) of every message, each plural form apart."""
    found = []
    for message in catalog(lang):
        if message.id:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            found += [(message.context or str(message.id), text) for text in strings]
    return found


def test_the_term_lists_are_one_term_base_and_nothing_keeps_a_second_copy():
    assert not (PROJECT_DIR / "translations" / "terms").exists()
    assert not any(m.context and m.context.endswith(":term") for lang in TRANSLATED for m in catalog(lang))
    assert {lang for concept in TERMBASE for lang in concept.terms} == set(TRANSLATED)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_each_language_says_how_it_keeps_treating_apart_from_curing(lang):
    for english in ("incurable", "curative", "pleural cavity"):
        assert TERMBASE.term(english, lang).avoid, f"{lang}: name the forms that change the meaning of {english!r}"
    assert TERMBASE.term("incurable", lang).note and TERMBASE.term("curative", lang).note


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_translation_uses_a_form_the_term_base_avoids(lang):
    avoided = {form.casefold(): c.en for c in TERMBASE if lang in c.terms for form in c.terms[lang].avoid}
    found = [(where, form) for where, text in translations_of(lang) for form in avoided
             if form in text.casefold()]
    assert found == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_glossary_term_of_every_topic_is_in_the_term_base_in_every_language(lang):
    for topic in load_topics(PROJECT_DIR / "service" / "topics"):
        missing = [g.term for g in topic.glossary if TERMBASE.term(g.term, lang) is None]
        assert missing == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_glossary_page_shows_the_term_bases_target(client, lang):
    page = soup(client.get(f"/{lang}/topics/{SLUG}/"))
    shown = [entry.select_one("dt").get_text(" ", strip=True) for entry in page.select(".glossary-entry")]
    topic = next(iter(load_topics(PROJECT_DIR / "service" / "topics")))
    expected = [TERMBASE.term(g.term, lang).target for g in topic.glossary]
    assert len(shown) == len(expected) and all(text.startswith(target) for text, target in zip(shown, expected))
    assert not page.select(".glossary-entry dt[lang]")  # none fell back to English


def test_a_respelling_in_the_term_base_reaches_the_speech_lexicon():
    assert TERMBASE.respellings("de")["Mesotheliom"] == "Mesothelijom"
    assert TERMBASE.respellings("en")["mesothelioma"] == "mezzotheeleeoma"


def test_two_concepts_may_not_share_their_english():
    with pytest.raises(ValueError, match="share"):
        parse_termbase({"concept": [{"id": "a", "en": "Tumor"}, {"id": "b", "en": "tumor"}]})


@pytest.mark.parametrize("target, text, found", [
    ("мезотелиома", "при мезотелиоме четвёртой стадии", True),  # a case ending
    ("Stadium", "in späten Stadien", True),
    ("плевральная полость", "в плевральной полости", True),  # both words inflected
    ("Krebs", "eine Form von Lungenkrebs", False),  # not at the start of a word
    ("kemoterapi", "kemoterapiye", True),  # a suffix
    ("ağrı", "ağır", False),  # a short word is matched whole
])
def test_the_check_finds_a_term_with_its_ending_at_the_start_of_a_word(target, text, found):
    assert bool(stem_pattern(target).search(text)) is found
