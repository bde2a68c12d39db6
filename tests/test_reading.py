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
    ("tr", "tedavisi mümkün olmayan", "incurable"), ("tr", "multidisipliner tıbbi ekiple", "multidisciplinary-team"),
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
    audio = entries[0].select_one("audio")["src"]
    response = client.get(audio)
    assert response.status_code == 200 and response.mimetype == "audio/mpeg"
    transcript = b"".join(response.response) if response.is_streamed else response.get_data()
    assert len(transcript) > 5_000


def test_glossary_audio_of_an_unknown_term_is_a_404(client):
    assert client.get(f"/en/topics/{SLUG}/glossary/no-such-term/audio.mp3").status_code == 404


def test_enhanced_controls_are_in_the_page_language_and_hidden_without_javascript(client):
    page = soup(client.get(f"/tr/topics/{SLUG}/"))
    controls = page.select_one("#chemotherapy-player .player-controls")
    assert controls.has_attr("hidden")
    labels = [b.get_text(" ", strip=True) for b in controls.select("button")]
    assert labels == ["▶ Oynat", "10 saniye geri", "Cümleyi tekrarla", "Önceki bölüm", "Sonraki bölüm", "Durdur"]
    assert [o.get_text() for o in controls.select("option")] == ["0,75×", "1×", "1,25×", "1,5×", "1,75×", "2×"]
    assert page.select_one(".status[aria-live=polite]")
    assert page.select_one("details.shortcuts summary").get_text() == "Oynatıcılar için klavye kısayolları"


def test_transcript_link_sits_beside_every_player(client):
    page = soup(client.get(f"/en/topics/{SLUG}/"))
    figures = page.select("figure.audio-player")
    assert len(figures) == 1 + len(SECTIONS)  # the whole topic's player, and one per section
    for figure in figures:
        transcript = figure.select_one('a[href$="transcript.txt"]')
        assert client.get(transcript["href"]).mimetype == "text/plain"


def test_page_weight_stays_under_60_kb(client):
    html = client.get(f"/en/topics/{SLUG}/").get_data()
    css = client.get("/static/carevoice.css").get_data()
    js = client.get("/static/topic.js").get_data()
    assert len(html) + len(css) + len(js) < 60 * 1024, (len(html), len(css), len(js))
