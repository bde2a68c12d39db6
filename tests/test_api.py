import pytest

from .conftest import LANGUAGES, NATIVE_NAMES, RIGHT_TO_LEFT, SLUG, soup


def test_languages_have_code_native_name_and_direction(client):
    assert client.get("/api/v1/languages").json == {"languages": [
        {"code": code, "name": NATIVE_NAMES[code], "direction": "rtl" if code in RIGHT_TO_LEFT else "ltr"}
        for code in LANGUAGES]}
    assert LANGUAGES == ["en", "tr", "ar", "fa", "ru", "de", "ku"]


@pytest.mark.parametrize("lang, title", [("en", "Surgery for Stage 4 Mesothelioma"), ("tr", "4. evre mezotelyomada cerrahi")])
def test_topics_are_listed_in_the_language(client, lang, title):
    body = client.get(f"/api/v1/topics?lang={lang}").json
    assert body["lang"] == lang
    assert [(t["slug"], t["title"]) for t in body["topics"]] == [(SLUG, title)]


def test_topic_document_carries_the_whole_article(client):
    body = client.get(f"/api/v1/topics/{SLUG}?lang=tr").json
    assert body["slug"] == SLUG and body["lang"] == "tr"
    assert body["title"] == "4. evre mezotelyomada cerrahi"
    assert body["metadata"]["last_reviewed"] == "2026-11-26"
    assert body["metadata"]["last_reviewed_text"] == "26 Kasım 2026"
    assert body["metadata"]["disclaimer"] and body["metadata"]["source"]["note"]
    ids = [s["id"] for s in body["sections"]]
    assert ids[0] == "introduction" and len(ids) == 7
    chemo = body["sections"][1]
    assert chemo["heading"] == "Kemoterapi"
    assert chemo["paragraphs"][0].startswith("Kemoterapi, tümörlerin küçülmesine")


def test_page_and_api_share_one_source_of_truth(client):
    from .conftest import soup

    body = client.get(f"/api/v1/topics/{SLUG}?lang=tr").json
    page = soup(client.get(f"/tr/topics/{SLUG}/"))
    for section in body["sections"]:
        shown = [p.get_text() for p in page.select(f"#{section['id']} > p")]
        assert shown == section["paragraphs"]


def test_without_lang_the_api_follows_accept_language(client):
    assert client.get("/api/v1/topics", headers={"Accept-Language": "tr"}).json["lang"] == "tr"


@pytest.mark.speech
def test_api_gives_audio_timings_and_transcript_links(client):
    body = client.get(f"/api/v1/topics/{SLUG}?lang=tr").json
    assert body["audio"] == {fmt: f"/tr/topics/{SLUG}/audio.{fmt}" for fmt in ("mp3", "ogg", "wav")}
    assert body["timings"] == f"/tr/topics/{SLUG}/timings.vtt"
    assert body["transcript"] == f"/tr/topics/{SLUG}/transcript.txt"
    assert body["book"] == f"/tr/topics/{SLUG}/book.epub"
    chemo = body["sections"][1]
    assert chemo["audio"]["mp3"] == f"/tr/topics/{SLUG}/chemotherapy/audio.mp3"
    assert client.get(chemo["timings"]).status_code == 200


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_topic_says_whether_a_clinician_has_checked_its_translation(client, lang):
    translation = client.get(f"/api/v1/topics/{SLUG}?lang={lang}").json["translation"]
    assert translation["original"] == f"/api/v1/topics/{SLUG}?lang=en"
    if lang == "en":
        assert translation == {**translation, "status": "source", "reviewed_on": None, "notice": None}
    else:  # nobody has recorded a review of any translation here
        assert translation["status"] == "unreviewed" and translation["reviewed_on"] is None
        page_notice = soup(client.get(f"/{lang}/topics/{SLUG}/")).select_one(".translation-notice")
        assert translation["notice"] and page_notice.get_text().startswith(translation["notice"])
        assert page_notice.select_one("a")["href"] == f"/en/topics/{SLUG}/"
