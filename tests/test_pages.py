import pytest

from .conftest import SECTIONS, SLUG, media_url, soup

PAGES = ["/{lang}/", f"/{{lang}}/topics/{SLUG}/"]


@pytest.mark.parametrize("lang", ["en", "tr"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_semantic_in_both_languages(client, lang, path):
    response = client.get(path.format(lang=lang))
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = soup(response)
    assert page.html["lang"] == lang and page.html["dir"] == "ltr"
    first_focusable = page.select_one("a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])")
    assert "skip-link" in first_focusable["class"] and first_focusable["href"] == "#main"
    assert page.select_one("main#main") is not None
    assert page.select_one("header") and page.select_one("footer") and page.select_one("nav[aria-label]")
    assert len(page.select("h1")) == 1


@pytest.mark.parametrize(
    "lang, skip, title, heading, date",
    [
        ("en", "Skip to content", "Surgery for Stage 4 Mesothelioma", "Radiation therapy", "November 26, 2026"),
        ("tr", "İçeriğe geç", "4. evre mezotelyomada cerrahi", "Radyoterapi (ışın tedavisi)", "26 Kasım 2026"),
    ],
)
def test_topic_page_shows_the_article_in_the_language(client, lang, skip, title, heading, date):
    page = soup(client.get(f"/{lang}/topics/{SLUG}/"))
    assert page.select_one(".skip-link").get_text() == skip
    assert page.select_one("h1").get_text() == title
    sections = page.select("main section.topic-section")
    assert len(sections) == 7 and all(len(s.select("h2")) == 1 for s in sections)
    assert page.select_one("#radiation-therapy h2").get_text() == heading
    assert date in page.select_one(".review-dates").get_text()
    assert page.select_one(".disclaimer").get_text(strip=True)
    assert page.select_one(".source").get_text(strip=True)


@pytest.mark.parametrize("lang, text", [("en", "Take it home as a talking book"),
                                        ("tr", "Sesli kitap olarak evinize götürün")])
def test_the_topic_page_offers_its_talking_book(client, lang, text):
    link = soup(client.get(f"/{lang}/topics/{SLUG}/")).select_one(".take-home a")
    assert (link["href"], link["type"], link.get_text()) == (f"/{lang}/topics/{SLUG}/book.epub",
                                                             "application/epub+zip", text)


def test_without_a_voice_the_page_offers_no_talking_book(make_app):
    app = make_app(LANGUAGES={"en": {"voice": "gmw/en-us"}, "tr": {"voice": None}})
    assert soup(app.test_client().get(f"/tr/topics/{SLUG}/")).select(".take-home") == []


def test_topic_list_links_each_topic(client):
    page = soup(client.get("/tr/"))
    link = page.select_one(".topic-list a")
    assert link["href"] == f"/tr/topics/{SLUG}/" and link.get_text() == "4. evre mezotelyomada cerrahi"


def test_turkish_page_has_no_english_left(client):
    text = soup(client.get(f"/tr/topics/{SLUG}/")).select_one("body").get_text(" ")
    for english in ("Skip to content", "Page last reviewed", "general information", "Chemotherapy", "Language"):
        assert english not in text


def test_pages_load_nothing_from_other_hosts(client):
    page = soup(client.get(f"/en/topics/{SLUG}/"))
    for element in page.select("[src], link[href], script"):
        address = element.get("src") or element.get("href") or ""
        assert address.startswith("/") or address == "", address


def test_stylesheet_is_served_by_the_app(client):
    response = client.get("/static/carevoice.css")
    assert response.status_code == 200 and response.mimetype == "text/css"
    assert "@import" not in response.get_data(as_text=True)


def test_topic_page_offers_a_native_player_per_section_and_for_the_topic(client):
    """For the page without JavaScript; topic.js hides them for its one player."""
    page = soup(client.get(f"/tr/topics/{SLUG}/"))
    players = page.select(".native-audio audio[controls]")
    assert len(players) == 1 + len(SECTIONS)
    assert [p.find_parent("section")["id"] for p in players[1:]] == SECTIONS
    first = players[0]
    assert [s["src"] for s in first.select("source")] == [media_url("tr", "mp3"), media_url("tr", "ogg")]
    assert first.select_one("track")["src"] == media_url("tr", "vtt", name="timings")
    assert not first.has_attr("autoplay")


def test_topic_page_has_one_player_and_a_listen_button_per_section_and_term(client):
    page = soup(client.get(f"/tr/topics/{SLUG}/"))
    player = page.select("#player")
    assert len(player) == 1 and len(player[0].select("audio")) == 1 and not player[0].select("audio[controls]")
    assert player[0]["data-mp3"] == media_url("tr", "mp3")
    assert player[0].select_one(".now-playing").get_text() == "Konunun tamamı: 4. evre mezotelyomada cerrahi"
    for section in page.select("section.topic-section"):
        listen = section.select(".section-head button.listen")
        assert len(listen) == 1 and listen[0]["data-mp3"] == media_url("tr", "mp3", section=section["id"])
        assert listen[0]["aria-label"] == "Dinle: " + section.select_one("h2").get_text()
    assert page.select_one("#palliative-surgery button.listen")["data-title"] == "Bölüm 4 / 7: Palyatif cerrahi"
    terms = page.select(".glossary-entry")
    assert len(terms) == len(page.select(".glossary-entry dt button.listen")) == 13
    # Without JavaScript the terms' audio is a link; the script shows buttons instead.
    assert len(page.select(".glossary-entry a.term-audio[href$='audio.mp3']")) == 13
    assert page.select_one("#term-chemotherapy button.listen")["aria-label"] == "Dinle: kemoterapi (sözcük)"


def test_every_control_names_what_it_acts_on_without_leading_spaces(client):
    page = soup(client.get(f"/tr/topics/{SLUG}/"))
    names = [b.get("aria-label") or b.get_text() for b in page.select("button, select")]
    assert names and all(name == name.strip() and name for name in names)
    listen = [n for n in names if n.startswith("Dinle")]
    assert len(listen) == len({n.casefold() for n in listen}) == 1 + 7 + 13  # the topic, each section and term
