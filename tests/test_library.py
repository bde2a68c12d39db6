"""The app's topics, and each topic in one language (service/content/library.py)."""

import dataclasses

import pytest

from service.content import LocalizedText
from service.content.library import localized, localized_topics, topic_library

from .conftest import SLUG, write_topic


def test_a_topic_is_localized_once_per_slug_and_language(app):
    with app.app_context():
        topic = topic_library().get(SLUG)
        turkish = localized(topic, "tr")
        assert localized(topic, "tr") is turkish
        # Keyed by slug, never by the object: an equal copy finds the same entry.
        assert localized(dataclasses.replace(topic), "tr") is turkish
        english = localized(topic, "en")
        assert english is not turkish and (english.lang, turkish.lang) == ("en", "tr")
        assert set(app.extensions["carevoice.localized"]) == {(SLUG, "tr"), (SLUG, "en")}


@pytest.mark.parametrize("default", ["en", "tr"])
def test_localized_reads_the_languages_catalog_with_english_as_the_source(make_app, default):
    """Turkish as the fallback of negotiation changes nothing of what the content says."""
    with make_app(DEFAULT_LANGUAGE=default).app_context():
        topic = topic_library().get(SLUG)
        assert localized(topic, "tr").title == LocalizedText("4. evre mezotelyomada cerrahi", "tr")
        assert localized(topic, "en").title == LocalizedText("Surgery for Stage 4 Mesothelioma", "en")


def test_every_topic_of_the_content_folder_is_listed_in_file_order(make_app, tmp_path):
    write_topic(tmp_path, "hand-washing", "Washing your hands")
    write_topic(tmp_path, "ankle", "Your ankle")
    with make_app(CONTENT_DIR=str(tmp_path)).app_context():
        assert [t.slug for t in topic_library()] == ["ankle", "hand-washing"]
        shown = localized_topics("tr")
        assert [(t.slug, t.lang) for t in shown] == [("ankle", "tr"), ("hand-washing", "tr")]
        # No catalog has these topics: their text stays English, and says so.
        assert shown[1].title == LocalizedText("Washing your hands", "en")
