"""The term lists (translations/terms/LANG.toml) and the catalogs agree: the
glossary gives each term in the form the list approves, no catalog uses a form
the list says changes the meaning, and every list says how it keeps treating
apart from curing."""

import tomllib

import pytest
from babel.messages.pofile import read_po

from service.config import PROJECT_DIR

from .conftest import LANGUAGES

TERMS = PROJECT_DIR / "translations" / "terms"
TRANSLATED = [code for code in LANGUAGES if code != "en"]


def term_list(lang: str) -> dict:
    with (TERMS / f"{lang}.toml").open("rb") as handle:
        return tomllib.load(handle)


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


def test_every_translated_language_has_a_term_list_and_no_list_is_stray():
    assert {file.stem for file in TERMS.glob("*.toml")} == set(TRANSLATED)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_list_says_how_it_keeps_treating_apart_from_curing(lang):
    terms = {term["en"]: term for term in term_list(lang)["term"]}
    assert term_list(lang)["language"] == lang
    for english in ("incurable", "curative", "pleural cavity"):
        assert terms[english]["avoid"], f"{lang}: name the forms that change the meaning of {english!r}"
    assert terms["incurable"]["note"] and terms["curative"]["note"]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_translation_uses_a_form_the_list_avoids(lang):
    avoided = {form.casefold(): term["en"] for term in term_list(lang)["term"] for form in term.get("avoid", [])}
    found = [(where, form) for where, text in translations_of(lang) for form in avoided
             if form in text.casefold()]
    assert found == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_glossary_gives_each_term_in_its_approved_form(lang):
    approved = {term["en"]: term["target"] for term in term_list(lang)["term"]}
    glossary = {message.id: message.string for message in catalog(lang)
                if message.context and message.context.endswith(":term")}
    assert glossary and all(english in approved for english in glossary), set(glossary) - set(approved)
    assert {english: text for english, text in glossary.items() if text != approved[english]} == {}
