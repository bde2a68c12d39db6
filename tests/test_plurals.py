"""Plural forms as each language has them (CLDR's categories through the
catalog's Plural-Forms): Arabic's six, Russian's three, and the languages
whose noun does not change after a number. Numbers are in the language's own
digits."""

import pytest
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from flask_babel import force_locale, ngettext

from service.config import PROJECT_DIR
from service.i18n import local_number

from .conftest import LANGUAGES, soup


def sections(n: int) -> str:
    return ngettext("%(count)s section", "%(count)s sections", n, count=local_number(n))


@pytest.mark.parametrize("lang, said", [
    ("en", {1: "1 section", 7: "7 sections"}),
    ("ar", {0: "لا أقسام", 1: "قسم واحد", 2: "قسمان", 3: "3 أقسام", 11: "11 قسما", 100: "100 قسم"}),
    ("ru", {1: "1 раздел", 3: "3 раздела", 5: "5 разделов", 12: "12 разделов", 21: "21 раздел", 22: "22 раздела"}),
    ("de", {1: "1 Abschnitt", 7: "7 Abschnitte"}),
    ("fa", {1: "۱ بخش", 7: "۷ بخش"}),
    ("tr", {1: "1 bölüm", 7: "7 bölüm"}),
    ("ku", {1: "1 beş", 7: "7 beş"}),
])
def test_each_number_takes_its_languages_form(app, lang, said):
    with app.test_request_context(), force_locale(lang):
        assert {n: sections(n) for n in said} == said


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_every_catalog_has_as_many_forms_as_its_language(lang):
    with (PROJECT_DIR / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    assert catalog.num_plurals == get_plural(lang).num_plurals
    plurals = [m for m in catalog if isinstance(m.id, tuple)]
    assert plurals and all(len(m.string) == catalog.num_plurals and all(m.string) for m in plurals)


@pytest.mark.parametrize("lang, shown", [("de", "7 Abschnitte"), ("fa", "۷ بخش"), ("ru", "7 разделов")])
def test_the_topic_list_counts_sections(client, lang, shown):
    assert soup(client.get(f"/{lang}/")).select_one(".topic-size").get_text() == shown
