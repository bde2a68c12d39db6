"""Kiosk pages, prompts, QR code and the offline export (server side; the
browser session is in tests/browser)."""

import re

import pytest

from .conftest import LANGUAGES, NATIVE_NAMES, SLUG, soup

# Every screen speaks five controls of its own: help, louder, quieter, and the idle warning and its button.
SCREEN_PROMPTS = 5
KIOSK_PAGES = [
    # (address, links, spoken controls)
    ("/kiosk/", len(LANGUAGES), len(LANGUAGES) + SCREEN_PROMPTS),  # a link per language
    ("/kiosk/{lang}/", 2, 2 + SCREEN_PROMPTS),  # start again; the one topic
    # Home and the topic list; one player of five controls (play, speed, repeat, previous, next)
    # and one stop per section, which plays it.
    (f"/kiosk/{{lang}}/topics/{SLUG}/", 2, 2 + 5 + 7 + SCREEN_PROMPTS),
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path, links, prompts", KIOSK_PAGES)
def test_kiosk_links_never_leave_the_kiosk(client, lang, path, links, prompts):
    page = soup(client.get(path.format(lang=lang)))
    found, spoken = page.select("a[href]"), page.select("[data-prompt]")
    assert (len(found), len(spoken)) == (links, prompts)  # so the checks below see every link and control
    for link in found:
        assert link["href"].startswith(("/kiosk/", "#")), link
    for item in spoken:
        assert re.fullmatch(rf"/kiosk/({'|'.join(LANGUAGES)})/prompts/[a-z0-9-]+\.mp3", item["data-prompt"])


def test_language_screen_offers_each_language_in_its_own_words(client):
    page = soup(client.get("/kiosk/"))
    choices = page.select(".kiosk-languages a")
    assert [(a.get_text(), a["lang"], a["href"]) for a in choices] == [
        (NATIVE_NAMES[code], code, f"/kiosk/{code}/") for code in LANGUAGES]
    assert choices[1]["data-prompt"] == "/kiosk/tr/prompts/language.mp3"
    assert page.select_one('h1 span[lang="tr"]').get_text() == "Dilinizi seçin"


@pytest.mark.speech
@pytest.mark.parametrize("lang, prompt, words", [
    ("tr", "language", "Türkçe. Bu dili seçmek için Enter tuşuna basın."),
    ("en", "language", "English. Press Enter to choose this language."),
    ("tr", f"play-{SLUG}-chemotherapy", "Dinle: Kemoterapi."),
    ("tr", "idle", "Hâlâ burada mısınız?"),
])
def test_every_prompt_is_spoken_in_its_language(app, client, lang, prompt, words):
    from service.i18n import get_language
    from service.speech import renderer
    from service.web.kiosk import prompt_texts

    response = client.get(f"/kiosk/{lang}/prompts/{prompt}.mp3")
    assert response.status_code == 200 and response.mimetype == "audio/mpeg"
    with app.test_request_context():
        script = renderer().scripts.prompt(prompt_texts(lang)[prompt], get_language(lang))
    assert script.transcript.startswith(words) and script.voice == app.config["LANGUAGES"][lang]["voice"]


@pytest.mark.speech
def test_help_prompt_explains_every_key(app, client):
    from service.i18n import get_language
    from service.speech import renderer

    assert client.get("/kiosk/tr/prompts/help.mp3").status_code == 200
    with app.test_request_context():
        transcript = renderer().scripts.help(get_language("tr"), "Yardım").transcript
    for key in ("ok tuşlarını", "Enter", "Geri Silme", "Esc", "R tuşuna", "artı ya da eksi", "H tuşuna"):
        assert key in transcript


@pytest.mark.parametrize("path", ["/kiosk/tr/prompts/anything-you-like.mp3", "/kiosk/tr/prompts/..%2f..%2fetc.mp3",
                                  "/kiosk/xx/prompts/help.mp3", "/kiosk/tr/prompts/help.flac"])
def test_only_known_prompts_are_spoken(client, path):
    assert client.get(path).status_code == 404


def test_idle_times_come_from_configuration(make_app):
    app = make_app(KIOSK_IDLE_SECONDS=45, KIOSK_WARNING_SECONDS=25)
    html = soup(app.test_client().get("/kiosk/tr/")).html
    assert html["data-idle-seconds"] == "45" and html["data-warning-seconds"] == "25"
    assert soup(app.test_client().get("/kiosk/tr/")).select_one(".kiosk-idle[role=alertdialog][hidden]")


def test_qr_code_needs_a_public_address(client, make_app):
    assert soup(client.get(f"/kiosk/tr/topics/{SLUG}/")).select(".take-home") == []
    app = make_app(PUBLIC_URL="https://patients.example.org/")
    page = soup(app.test_client().get(f"/kiosk/tr/topics/{SLUG}/"))
    address = f"https://patients.example.org/tr/topics/{SLUG}/"
    assert page.select_one(".take-home .address").get_text() == address
    svg = page.select_one(".take-home .qr svg")
    assert svg is not None and svg.select_one("path")["d"]
    assert page.select_one(".take-home .qr")["aria-label"] == f"{address} için QR kodu"
    # The talking book has a code of its own (a kiosk page links nowhere outside the kiosk).
    addresses = [p.get_text() for p in page.select(".take-home .address")]
    assert addresses == [address, f"https://patients.example.org/tr/topics/{SLUG}/book.epub"]
    assert len(page.select(".take-home .qr svg")) == 2 and page.select(".take-home a") == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_kiosk_topic_has_one_player_and_one_stop_per_section(client, lang):
    page = soup(client.get(f"/kiosk/{lang}/topics/{SLUG}/"))
    assert len(page.select("#player")) == 1 and len(page.select("audio")) == 1
    sections = page.select("section.topic-section")
    for section in sections:
        stops = section.select("[data-prompt]")
        assert len(stops) == 1 and stops[0]["data-prompt"].endswith(f"/play-{SLUG}-{section['id']}.mp3")
        assert stops[0]["data-mp3"].endswith(f"/{section['id']}/audio.mp3")
    # EZ Access: at most one stop per section and ten more.
    assert len(page.select("[data-prompt]")) - len(page.select(".kiosk-idle [data-prompt], .kiosk-idle")) <= len(sections) + 10


def test_the_take_home_address_reads_left_to_right_on_a_right_to_left_screen(make_app):
    page = soup(make_app(PUBLIC_URL="https://hospital.example").test_client().get(f"/kiosk/ar/topics/{SLUG}/"))
    address = page.select_one(".take-home .address")
    assert address["dir"] == "ltr" and address.get_text().startswith("https://hospital.example/ar/")
