"""Server-side half of listening and reading: sentence markup, glossary, player markup."""

import pytest

from .conftest import SECTIONS, SLUG, soup


@pytest.mark.speech
@pytest.mark.parametrize("lang", ["en", "tr"])
def test_page_sentences_are_the_spoken_sentences(client, lang):
    page = soup(client.get(f"/{lang}/topics/{SLUG}/"))
    sections = page.select("section.topic-section")
    assert [section["id"] for section in sections] == SECTIONS  # every section is compared, none skipped
    for section in sections:
        cues = client.get(f"/{lang}/topics/{SLUG}/{section['id']}/timings.json").json
        spoken = [c["text"] for c in cues[1:]]  # the first cue announces the heading
        shown = [s.get_text() for s in section.select("p .sentence")]
        assert shown and shown == spoken
        assert section.select_one("h2").get_text().rstrip(".") in cues[0]["text"]


@pytest.mark.parametrize("lang, term, target", [
    ("en", "pleurodesis", "pleurodesis"), ("tr", "plörodez", "pleurodesis"),
    ("tr", "mezotelyoma", "mesothelioma"), ("en", "clinical trials", "clinical-trial"),
    ("tr", "iyileştirilemeyen", "incurable"), ("tr", "multidisipliner tıbbi ekiple", "multidisciplinary-team"),
])
def test_first_use_of_a_term_links_to_its_explanation(client, lang, term, target):
    page = soup(client.get(f"/{lang}/topics/{SLUG}/"))
    links = page.select(f'main p a.term[href="#term-{target}"]')
    assert len(links) == 1 and links[0].get_text().lower().startswith(term.split()[0])
    entry = page.select_one(f"#term-{target}")
    assert entry.select_one("dt").get_text() and entry.select_one("dd").get_text(strip=True)


@pytest.mark.speech
def test_glossary_is_translated_and_each_entry_has_its_own_audio(client):
    page = soup(client.get(f"/tr/topics/{SLUG}/"))
    glossary = page.select_one("#glossary")
    assert glossary.select_one("h2").get_text() == "Tıbbi sözcüklerin açıklamaları"
    entries = glossary.select(".glossary-entry")
    assert len(entries) == 13 and not glossary.select("[lang]")
    audio = entries[0].select_one("a.term-audio")["href"]  # without JavaScript, a link
    assert entries[0].select_one("button.listen")["data-mp3"] == audio  # with it, the one player plays it
    response = client.get(audio)
    assert response.status_code == 200 and response.mimetype == "audio/mpeg"
    transcript = b"".join(response.response) if response.is_streamed else response.get_data()
    assert len(transcript) > 5_000


def test_glossary_audio_of_an_unknown_term_is_a_404(client):
    assert client.get(f"/en/topics/{SLUG}/glossary/no-such-term/audio.mp3").status_code == 404


def test_the_player_is_in_the_page_language(client):
    page = soup(client.get(f"/tr/topics/{SLUG}/"))
    controls = page.select_one("#player .player-controls")
    labels = [b["aria-label"] for b in controls.select("button")]
    assert labels == ["Oynat: Konunun tamamı: 4. evre mezotelyomada cerrahi", "10 saniye geri", "Cümleyi tekrarla",
                      "Önceki bölüm", "Sonraki bölüm"]
    assert controls.select_one("select")["aria-label"] == "Hız"
    assert [o.get_text() for o in controls.select("option")] == ["0,75×", "1×", "1,25×", "1,5×", "1,75×", "2×"]
    assert page.select_one(".status[aria-live=polite]")
    assert page.select_one("#player details.player-more summary").get_text() == "Ses menüsü"  # a name that stands alone, not "More"
    assert page.select_one(".display-settings summary").get_text() == "AaGörünüm ayarları"


def test_transcript_link_sits_beside_every_player(client):
    page = soup(client.get(f"/en/topics/{SLUG}/"))
    natives = page.select(".native-audio")
    assert len(natives) == 1 + len(SECTIONS)  # without JavaScript: the whole topic, and one per section
    units = natives + page.select("#player, .section-head button.listen")  # with it: the one player's menu
    assert len(units) == 2 * (1 + len(SECTIONS))
    for unit in units:
        link = unit.select_one('a[href$="transcript.txt"]') if unit.name == "div" else None
        transcript = link["href"] if link else unit["data-transcript"]
        assert client.get(transcript).mimetype == "text/plain"
    assert page.select_one('#player .player-more a[href$="transcript.txt"]')


def test_page_weight_stays_under_60_kb(client):
    html = client.get(f"/en/topics/{SLUG}/").get_data()
    css = client.get("/static/carevoice.css").get_data()
    js = client.get("/static/topic.js").get_data()
    assert len(html) + len(css) + len(js) < 60 * 1024, (len(html), len(css), len(js))


@pytest.mark.parametrize("lang, marked", [("ar", {"lang": "en", "dir": "ltr"}), ("fa", {"lang": "en", "dir": "ltr"}),
                                          ("en", {})])
def test_the_cited_title_is_isolated_from_the_line_around_it(client, lang, marked):
    title = soup(client.get(f"/{lang}/topics/{SLUG}/")).select_one("p.source bdi")
    assert title.get_text() == "Surgery for Stage 4 Mesothelioma"
    assert {key: title.get(key) for key in ("lang", "dir") if title.get(key)} == marked
