"""The review state of a translation (service/web/translation_notice.py) as a
patient meets it: a review recorded with `flask translations review` shows
"reviewed" on the page, in the API and on the kiosk; an editor's change to
one English paragraph, after `extract` and `update`, shows that paragraph in
English (marked, noted, spoken by the English voice) in every language, and
drops the review of Turkish, for that paragraph only."""

import json

from babel.messages.pofile import read_po

from service.content.library import localized
from service.i18n import get_language
from service.speech import renderer

from .conftest import LANGUAGES, SLUG, soup

TRANSLATED = [code for code in LANGUAGES if code != "en"]
ROLE = "oncology nurse and certified medical translator"
EDITED = "chemotherapy"  # the section whose first paragraph the editor changes
NEW_ENGLISH = ("Chemotherapy is often used to help shrink tumors and ease symptoms. "
               "Your care team will explain how it is given.")


def invoke(app, *args):
    result = app.test_cli_runner().invoke(args=["translations", *args])
    assert result.exit_code == 0, result.output
    return result.output


def edit_paragraph(topics):
    path = topics / f"{SLUG}.toml"
    text = path.read_text(encoding="utf-8")
    old = "Chemotherapy is often used to help shrink tumors, alleviate symptoms, and slow down the spread of cancer. " \
          "In some cases, it may be used before or after surgery to improve outcomes."
    assert old in text
    path.write_text(text.replace(old, NEW_ENGLISH), encoding="utf-8")


def topic_state(app, lang):
    client = app.test_client()
    page = soup(client.get(f"/{lang}/topics/{SLUG}/"))
    api = client.get(f"/api/v1/topics/{SLUG}?lang={lang}").get_json()
    with app.test_request_context():
        from service.web.kiosk import prompt_texts
        arrival = prompt_texts(lang).get(f"arrive-{SLUG}")
    return page, api, arrival


def test_a_recorded_review_shows_reviewed_and_an_english_edit_turns_back_that_paragraph_only(
        make_app, content_copy):
    topics, translations = content_copy
    app = make_app()
    invoke(app, "review", "tr", "--topic", SLUG, "--role", ROLE, "--date", "2026-12-01")

    app = make_app()  # a restarted server reads the records
    page, api, arrival = topic_state(app, "tr")
    notice = page.select_one(".translation-notice").get_text(" ", strip=True)
    assert ROLE in notice and "2026" in notice
    assert api["translation"]["status"] == "reviewed"
    assert (api["translation"]["reviewed_on"], api["translation"]["role"]) == ("2026-12-01", ROLE)
    assert api["translation"]["reviewed"] == api["translation"]["total"] > 0
    assert arrival.startswith(api["translation"]["notice"])  # said aloud on arriving at the topic
    assert topic_state(app, "de")[1]["translation"]["status"] == "unreviewed"  # Turkish only

    edit_paragraph(topics)
    for step in ("extract", "update", "compile"):
        invoke(app, step)
    app = make_app()
    status = json.loads(app.test_cli_runner().invoke(args=["translations", "status", "--json"]).output)

    for lang in TRANSLATED:
        with (translations / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
            edited = next(m for m in read_po(handle) if m.context == f"{SLUG}:{EDITED}:paragraph-1")
        assert edited.fuzzy and edited.id == NEW_ENGLISH and edited.string  # the old translation kept, fuzzy
        assert status["languages"][lang]["fuzzy"] == 1

        page, api, _ = topic_state(app, lang)
        shown_in_english = page.select('.topic-section p[lang="en"]')
        assert [p.get_text(" ", strip=True) for p in shown_in_english] == [NEW_ENGLISH]
        assert shown_in_english[0]["dir"] == "ltr"
        note = shown_in_english[0].find_previous_sibling("p")
        assert "passage-note" in note["class"] and not note.has_attr("lang")  # in the page's language
        assert len(page.select(".passage-note")) == 1

        section = next(s for s in api["sections"] if s["id"] == EDITED)
        assert section["paragraph_langs"][0] == "en" and section["paragraphs"][0] == NEW_ENGLISH
        assert all(lang == code for s in api["sections"] for code in s["paragraph_langs"]
                   if not (s["id"] == EDITED and s["paragraph_langs"].index(code) == 0))
        assert api["translation"]["passage_note"] == note.get_text(strip=True)

        with app.app_context():
            shown = localized(app.extensions["carevoice.topics"].get(SLUG), lang)
            script = renderer().scripts.section(shown, shown.section(EDITED), get_language(lang))
        voices = {line.text: script.voice_of(line)[0] for line in script.lines}
        english_voice = app.config["LANGUAGES"]["en"]["voice"]
        own_voice = app.config["LANGUAGES"][lang]["voice"]
        assert {text for text, voice in voices.items() if voice == english_voice} == {
            "Chemotherapy is often used to help shrink tumors and ease symptoms.",
            "Your care team will explain how it is given."}
        assert [voice for voice in voices.values() if voice != english_voice] and all(
            voice in (english_voice, own_voice) for voice in voices.values())

    # Turkish: the edited paragraph's review no longer holds; every other one does.
    turkish = status["languages"]["tr"]["topics"][SLUG]
    assert turkish["outdated"] == 1 and turkish["unreviewed"] == 0 and turkish["reviewed"] > 0
    page, api, _ = topic_state(app, "tr")
    assert api["translation"]["status"] == "unreviewed"
    assert api["translation"]["reviewed"] == api["translation"]["total"] - 1
    assert api["translation"]["reviewed_on"] == "2026-12-01"
    assert str(api["translation"]["reviewed"]) in page.select_one(".translation-notice").get_text()


def test_every_committed_translation_is_unreviewed(client):
    for lang in TRANSLATED:
        translation = client.get(f"/api/v1/topics/{SLUG}?lang={lang}").get_json()["translation"]
        assert (translation["status"], translation["reviewed"], translation["role"]) == ("unreviewed", 0, None)
