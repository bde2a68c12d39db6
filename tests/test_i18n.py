import pytest

from .conftest import LANGUAGES, SECTIONS, SLUG, soup


@pytest.mark.parametrize(
    "accept_language, expected",
    [
        (None, "en"),
        ("", "en"),
        ("tr", "tr"),
        ("tr-TR", "tr"),
        ("tr-TR,tr;q=0.9,en;q=0.8", "tr"),
        ("en-GB,en;q=0.9,tr;q=0.8", "en"),
        ("de-DE,de;q=0.9,tr;q=0.5", "de"),
        ("fr-FR,fr;q=0.9,tr;q=0.5", "tr"),
        ("fr, it", "en"),
        ("ar-SA", "ar"),
        ("ar-SY,ar;q=0.9,en;q=0.5", "ar"),
        ("fa-IR", "fa"),
        ("ru-RU,ru;q=0.9", "ru"),
        ("de-AT", "de"),
        ("ku", "ku"),
        ("kmr", "ku"),
        ("kmr-Latn-TR,tr;q=0.8", "ku"),
        ("ar-SY,en-US;q=0.9,en;q=0.8", "ar"),  # a regional tag outranks a later exact match
        ("en-US,en;q=0.9,tr;q=0.8", "en"),
        # Sorani is not Kurmanji: it falls through to the next preference.
        ("ckb", "en"),
        ("ckb-IQ,ar;q=0.8", "ar"),
        ("ckb,tr;q=0.5,ku;q=0.3", "tr"),
        ("en;q=0.2, tr;q=0.9", "tr"),
        ("tr;q=0, en;q=0.1", "en"),
        ("*", "en"),
        (";;;,,,q=abc", "en"),
        ("tr;q=nonsense", "en"),
        ("\x00\x01garbage", "en"),
        ("x" * 4000, "en"),
    ],
)
def test_root_redirects_to_the_best_language(client, accept_language, expected):
    headers = {} if accept_language is None else {"Accept-Language": accept_language}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/{expected}/"
    assert "Accept-Language" in response.headers["Vary"]


@pytest.mark.parametrize("lang, name", [("en", "English"), ("tr", "Türkçe")])
def test_switcher_names_each_language_in_itself_and_links_the_same_page(client, lang, name):
    page = soup(client.get(f"/en/topics/{SLUG}/"))
    link = page.select_one(f'.language-switcher a[hreflang="{lang}"]')
    assert link.get_text(strip=True) == name
    assert link["href"] == f"/{lang}/topics/{SLUG}/"
    assert link["lang"] == lang
    assert page.select_one(f'link[rel="alternate"][hreflang="{lang}"]')["href"] == f"/{lang}/topics/{SLUG}/"


def test_current_language_is_marked_in_the_switcher(client):
    page = soup(client.get("/tr/"))
    assert page.select_one(".language-switcher a[aria-current]")["hreflang"] == "tr"


def test_a_right_to_left_language_is_one_catalog_and_one_setting(make_app, arabic_catalog):
    app = make_app(TRANSLATIONS_DIR=str(arabic_catalog),
                   LANGUAGES={"en": {"voice": "gmw/en-us"}, "ar": {"voice": None}})
    page = soup(app.test_client().get(f"/ar/topics/{SLUG}/"))
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    assert page.select_one("a.skip-link").get_text() == "تخطَّ إلى المحتوى"
    title = page.select_one("h1")
    assert title.get_text() == "الجراحة في المرحلة الرابعة من ورم المتوسطة" and not title.has_attr("lang")
    # Untranslated text falls back to English, marked so a screen reader switches voice.
    heading = page.select_one("#chemotherapy h2")
    assert heading.get_text() == "Chemotherapy"
    assert heading["lang"] == "en" and heading["dir"] == "ltr"
    assert page.select_one('.language-switcher a[hreflang="ar"]').get_text() == "العربية"


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_a_complete_translation_marks_nothing_as_english_but_the_cited_title(client, lang):
    response = client.get(f"/{lang}/topics/{SLUG}/")
    assert response.status_code == 200  # the topic itself, not a redirect with nothing to mark
    page = soup(response)
    assert page.html["lang"] == lang and len(page.select("main section.topic-section")) == len(SECTIONS)
    marked = [el for el in page.select("main [lang]") if el.parent.get("class") != ["source"]]
    assert marked == []


@pytest.mark.parametrize("lang, ten, rate", [("fa", "۱۰", "۱٫۲۵"), ("ar", "10", "1.25"), ("de", "10", "1,25"),
                                             ("tr", "10", "1,25"), ("en", "10", "1.25")])
def test_labels_write_numbers_in_the_languages_own_digits(client, lang, ten, rate):
    # Persian first, so a number folded into a compiled template would show here in every language.
    client.get(f"/fa/topics/{SLUG}/")
    page = soup(client.get(f"/{lang}/topics/{SLUG}/"))
    assert page.select_one("#player [data-action=back] span").get_text() == f"↺{ten}"
    assert page.select_one('#player option[value="1.25"]').get_text() == f"{rate}×"
