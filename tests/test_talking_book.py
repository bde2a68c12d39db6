"""What a talking book holds (service/web/talking_book.py, packed by
web/epub.py): its overlays against its documents and its MP3s, its
navigation, glossary, languages and metadata, checked in every language the
service speaks and in a right-to-left one. What EPUBCheck and Ace say of it
is in tests/browser/test_book_conformance.py."""

import pytest

from service.content.library import localized, topic_library
from service.i18n import get_language
from service.speech import renderer
from service.web.talking_book import BookError, book_plan

from .book_support import BOOK_LANGUAGES, NS, RTL, XML_LANG, clock_ms, direction_of
from .conftest import SLUG, soup
from .test_render import SpeechCounter

pytestmark = pytest.mark.speech  # every book here is spoken by real speech workers

ACCESSIBILITY = {
    "schema:accessMode": ["textual", "auditory"],
    "schema:accessModeSufficient": ["textual", "auditory"],
    "schema:accessibilityFeature": ["synchronizedAudioText", "readingOrder", "structuralNavigation",
                                    "tableOfContents"],
    "schema:accessibilityHazard": ["none"],
    "dcterms:conformsTo": ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"],
}


def topic_document(book):
    return book.client.get(f"/api/v1/topics/{SLUG}?lang={book.lang}").json


@pytest.mark.parametrize("name", BOOK_LANGUAGES)
def test_every_clip_ends_inside_its_mp3_and_names_an_element_of_its_document(books, name):
    epub = books[name].epub
    overlays = epub.overlays()
    assert len(overlays) == 9  # the title page, seven sections, the glossary
    for document, overlay in overlays:
        ids, clips = epub.ids(document["href"]), epub.clips(overlay["href"])
        assert clips, document["href"]
        for clip in clips:
            assert clip.document == document["href"] and clip.target in ids, clip
            assert 0 <= clip.begin_ms < clip.end_ms <= epub.mp3_seconds(clip.audio) * 1000, clip


@pytest.mark.parametrize("name", BOOK_LANGUAGES)
def test_media_durations_are_exactly_the_sum_of_the_clips(books, name):
    epub = books[name].epub
    total = 0
    for _, overlay in epub.overlays():
        length = sum(clip.end_ms - clip.begin_ms for clip in epub.clips(overlay["href"]))
        (stated,) = epub.meta("media:duration", refines=f"#{overlay['id']}")
        assert clock_ms(stated) == length, overlay["href"]
        total += length
    (stated,) = epub.meta("media:duration")
    assert clock_ms(stated) == total
    assert epub.meta("media:active-class") == ["-epub-media-overlay-active"]
    assert b".-epub-media-overlay-active {" in epub.read("book.css")


@pytest.mark.parametrize("name", BOOK_LANGUAGES)
def test_a_sections_audio_and_clips_are_what_the_web_player_plays_and_highlights(books, name):
    """The same MP3 bytes as /<section>/audio.mp3, and a clip a cue of its timings.json."""
    book = books[name]
    epub = book.epub
    for section in topic_document(book)["sections"]:
        clips = epub.clips(f"section-{section['id']}.smil")
        audio = book.get(f"{section['id']}/audio.mp3").get_data()
        assert epub.read(f"audio/section-{section['id']}.mp3") == audio
        cues = book.get(f"{section['id']}/timings.json").json
        assert [(c.begin_ms, c.end_ms) for c in clips] == [(round(c["start"] * 1000), round(c["end"] * 1000))
                                                          for c in cues]
        text = [c.target for c in clips]
        assert text == ["heading", *(f"s{n}" for n in range(1, len(cues)))]


@pytest.mark.parametrize("name", BOOK_LANGUAGES)
def test_every_sentence_heading_and_title_is_an_element_the_overlay_speaks(books, name):
    epub = books[name].epub
    for document, overlay in epub.overlays():
        spoken = {clip.target for clip in epub.clips(overlay["href"])}
        page = epub.document(document["href"])
        heading = page.find(".//x:h1", NS)
        assert heading.get("id") in spoken, document["href"]
        for paragraph in page.iterfind(".//x:p", NS):
            if "review" in paragraph.get("class", "") or "source" in paragraph.get("class", ""):
                continue  # dates and source, unspoken on the page too
            sentences = paragraph.iterfind(".//x:span[@id]", NS)
            assert {s.get("id") for s in sentences} <= spoken and paragraph.find(".//x:span", NS) is not None


@pytest.mark.parametrize("name", BOOK_LANGUAGES)
def test_navigation_has_one_entry_per_section_and_the_glossary_in_reading_order(books, name):
    book = books[name]
    epub, topic = book.epub, topic_document(book)
    (nav,) = [item for item in epub.manifest.values() if item.get("properties") == "nav"]
    toc = epub.document(nav["href"]).find(".//x:nav[@id='toc']", NS)
    assert toc.get(f"{{{NS['epub']}}}type") == "toc"
    entries = [(a.get("href"), "".join(a.itertext())) for a in toc.iterfind(".//x:li/x:a", NS)]
    sections = [(f"section-{s['id']}.xhtml", s["heading"]) for s in topic["sections"]]
    assert entries[:-1] == sections and entries[-1][0] == "glossary.xhtml"
    assert [item["href"] for item in epub.spine] == ["front.xhtml", *(href for href, _ in entries)]


@pytest.mark.parametrize("name", BOOK_LANGUAGES)
def test_glossary_terms_are_linked_from_their_first_use_and_spoken(books, name):
    epub = books[name].epub
    glossary_ids = epub.ids("glossary.xhtml")
    links = [a.get("href") for item in epub.spine if item["href"].startswith("section-")
             for a in epub.document(item["href"]).iterfind(".//x:a", NS)]
    assert links and len(links) == len(set(links))  # each term once: at its first use
    for link in links:
        document, target = link.split("#")
        assert document == "glossary.xhtml" and target in glossary_ids
    spoken = {clip.target for clip in epub.clips("glossary.smil")}
    terms = [dt.get("id") for dt in epub.document("glossary.xhtml").iterfind(".//x:dt", NS)]
    assert len(terms) == 13 and set(terms) <= spoken
    assert all(clip.audio.startswith("audio/term-") for clip in epub.clips("glossary.smil")[1:])


@pytest.mark.parametrize("name", BOOK_LANGUAGES)
def test_every_document_says_its_language_and_direction(books, name):
    book = books[name]
    epub = book.epub
    direction = direction_of(name)
    assert epub.package.get(XML_LANG) == book.lang and epub.package.get("dir") == direction
    assert epub.dc("language") == [book.lang]
    spine = epub.package.find("opf:spine", NS)
    assert spine.get("page-progression-direction") == ("rtl" if direction == "rtl" else None)
    for item in epub.manifest.values():
        if item["media-type"] == "application/xhtml+xml":
            html = epub.document(item["href"])
            assert (html.get("lang"), html.get(XML_LANG), html.get("dir")) == (book.lang, book.lang, direction)


@pytest.mark.parametrize("name", BOOK_LANGUAGES)
def test_a_passage_left_in_the_source_language_says_so_as_on_the_page(books, name):
    """A translation that fell back to the source text (the right-to-left test
    catalog has most of it) is marked with that language and direction, in
    the book exactly where the page marks it."""
    book = books[name]
    epub, page = book.epub, soup(book.get(""))
    marked = []
    for section in page.select("section.topic-section"):
        on_page = [(e.get("lang"), e.get("dir")) for e in section.select("h2, :scope > p")]
        in_book = [(e.get("lang"), e.get("dir")) for e in epub.document(f"section-{section['id']}.xhtml").iter()
                   if e.tag in (f"{{{NS['x']}}}h1", f"{{{NS['x']}}}p")]
        assert in_book == on_page, section["id"]
        marked += [lang for lang, _ in in_book if lang]
    if name == RTL:
        assert marked  # the test catalog falls back, so there is something to compare


@pytest.mark.parametrize("name", BOOK_LANGUAGES)
def test_accessibility_metadata_and_the_translations_review_state(books, name):
    book = books[name]
    epub, topic = book.epub, topic_document(book)
    for prop, values in ACCESSIBILITY.items():
        assert epub.meta(prop) == values, prop
    (summary,) = epub.meta("schema:accessibilitySummary")
    assert len(summary) > 80
    assert epub.meta("carevoice:translation-status") == [topic["translation"]["status"]]
    notice = topic["translation"]["notice"]
    assert epub.dc("description") == ([notice] if notice else [])
    front = "".join(epub.document("front.xhtml").itertext())
    assert (notice or topic["metadata"]["disclaimer"]) in front
    assert epub.meta("dcterms:modified") == [f"{topic['metadata']['last_reviewed']}T00:00:00Z"]


def test_the_summary_is_in_the_books_language(books):
    english, turkish = (books[lang].epub.meta("schema:accessibilitySummary") for lang in ("en", "tr"))
    assert english != turkish and "sesle" in turkish[0]


def plan_of(app, lang):
    with app.test_request_context(f"/{lang}/topics/{SLUG}/book.epub"):
        return book_plan(localized(topic_library().get(SLUG), lang), get_language(lang))


def test_a_cold_book_says_every_line_once(make_app):
    """No second synthesis: the timings of each MP3 come from the utterances
    its render cached, not from saying them again."""
    app = make_app()
    with app.app_context():
        counter = SpeechCounter(renderer().pool)
    assert app.test_client().get(f"/tr/topics/{SLUG}/book.epub").status_code == 200
    lines = {line.spoken for script in plan_of(app, "tr").audio.values() for line in script.lines}
    assert sorted(counter.calls) == sorted(lines)


def test_text_that_its_script_does_not_say_is_refused(make_app, monkeypatch):
    """Were text and speech ever split differently, the book would highlight
    the wrong sentences: it is refused instead (the tests above would fail)."""
    import service.web.talking_book as talking_book

    monkeypatch.setattr(talking_book, "split_sentences", lambda text: [str(text)])
    with pytest.raises(BookError, match="is not line"):
        plan_of(make_app(), "en")

