import datetime as dt

import pytest

from service.content import load_topics, message_context
from service.content.model import ContentError, parse_topic
from service.config import PACKAGE_DIR

from .conftest import SEED, SLUG, write_topic


@pytest.fixture(scope="module")
def topic():
    return load_topics(PACKAGE_DIR / "topics").get(SLUG)


def test_every_paragraph_is_the_seed_text_word_for_word(topic):
    seed = SEED.read_text(encoding="utf-8")
    paragraphs = [p for s in topic.sections for p in s.paragraphs]
    assert paragraphs and all(p in seed for p in paragraphs)


def test_no_sentence_of_the_seed_is_dropped(topic):
    body = " ".join(p for s in topic.sections for p in s.paragraphs)
    seed_lines = SEED.read_text(encoding="utf-8").splitlines()[4:]  # after the skip link and the title, twice
    for line in filter(None, (l.strip() for l in seed_lines)):
        text = line.split(": ", 1)[1] if line[:2].rstrip(".").isdigit() else line
        assert text in body, line


def test_structure_is_introduction_five_options_and_closing_advice(topic):
    assert [s.id for s in topic.sections] == [
        "introduction", "chemotherapy", "radiation-therapy", "palliative-surgery",
        "clinical-trials", "supportive-care", "choosing-treatment",
    ]
    assert [s.heading for s in topic.treatment_options] == [
        "Chemotherapy", "Radiation therapy", "Palliative surgery", "Clinical trials", "Supportive care",
    ]
    assert topic.last_reviewed < topic.next_review_due


def test_message_contexts_name_topic_section_and_field(topic):
    contexts = [context for context, _, _ in topic.messages()]
    assert message_context(SLUG, "chemotherapy", "heading") in contexts
    assert f"{SLUG}:introduction:paragraph-2" in contexts
    assert len(contexts) == len(set(contexts))


@pytest.mark.parametrize(
    "change, complaint",
    [
        ({"slug": "Bad Slug"}, "lowercase"),
        ({"sections": [{"id": "a", "heading": "A", "paragraphs": [""]}]}, "non-empty"),
        ({"sections": [{"id": "a", "heading": "A", "paragraphs": ["x"]}] * 2}, "unique"),
        ({"title": ""}, "'title'"),
    ],
)
def test_a_malformed_topic_file_is_refused_with_the_reason(change, complaint):
    data = {
        "slug": "ok", "title": "T", "last_reviewed": dt.date(2026, 1, 1), "next_review_due": dt.date(2027, 1, 1),
        "source": {"title": "S", "note": "N"},
        "sections": [{"id": "a", "heading": "A", "paragraphs": ["x"]}],
    } | change
    with pytest.raises(ContentError, match=complaint):
        parse_topic(data, "test.toml")


def test_adding_a_topic_is_adding_a_file(tmp_path, make_app):
    write_topic(tmp_path, "hand-washing", "Washing your hands")
    client = make_app(CONTENT_DIR=str(tmp_path)).test_client()
    page = client.get("/en/topics/hand-washing/")
    assert page.status_code == 200 and "Use soap." in page.get_data(as_text=True)
