"""What is spoken (service/speech/script.py): scripts from the audio
templates, sentences, pauses and transcripts."""

import pytest

from service.content.library import localized, topic_library
from service.i18n import get_language
from service.speech import renderer
from service.content import LocalizedText
from service.speech.script import parse_script_text, split_sentences, voiced

from .conftest import SLUG


@pytest.fixture
def scripts(app):
    with app.app_context():
        yield lambda lang, section=None: _script(lang, section)


def _script(lang, section_id):
    topic = localized(topic_library().get(SLUG), lang)
    writer, language = renderer().scripts, get_language(lang)
    if section_id:
        return writer.section(topic, topic.section(section_id), language)
    return writer.topic(topic, language)


def test_section_heading_is_announced_with_its_position(scripts):
    english = scripts("en", "radiation-therapy")
    assert english.lines[0].text == "Treatment option 2 of 5: Radiation therapy."
    turkish = scripts("tr", "radiation-therapy")
    assert turkish.lines[0].text == "5 tedavi seçeneğinden 2. seçenek: Radyoterapi (ışın tedavisi)."
    assert turkish.lines[0].spoken.startswith("5 tedavi seçeneğinden ikinci seçenek")


def test_topic_script_has_title_every_section_and_pauses_between_sections(scripts, app):
    script = scripts("en")
    texts = [line.text for line in script.lines]
    assert texts[0] == "Surgery for Stage 4 Mesothelioma."
    assert "About stage 4 mesothelioma." in texts and "Deciding on treatment." in texts
    pause = app.config["SECTION_PAUSE_MS"]
    heading_before = {texts[i + 1]: script.lines[i].pause_after_ms for i in range(len(texts) - 1)}
    assert heading_before["Treatment option 1 of 5: Chemotherapy."] == pause
    assert heading_before["Treatment option 5 of 5: Supportive care."] == pause
    assert script.lines[-1].pause_after_ms == 0


def test_every_sentence_of_the_page_is_spoken(scripts):
    topic = localized(topic_library().get(SLUG), "tr")
    spoken = " ".join(line.text for line in scripts("tr").lines)
    for section in topic.sections:
        for paragraph in section.paragraphs:
            assert paragraph.text in spoken


def test_transcript_is_the_script_as_written(scripts):
    script = scripts("en", "chemotherapy")
    assert script.transcript == (
        "Treatment option 1 of 5: Chemotherapy.\n\n"
        "Chemotherapy is often used to help shrink tumors, alleviate symptoms, and slow down the spread of "
        "cancer. In some cases, it may be used before or after surgery to improve outcomes.\n"
    )


@pytest.mark.parametrize(
    "paragraph, sentences",
    [
        ("4. evre mezotelyoma ileri bir evredir. Kanser yayılmıştır.",
         ["4. evre mezotelyoma ileri bir evredir.", "Kanser yayılmıştır."]),
        ("Bu evrede cerrahi önerilmez. 4. evre hastaları destek alır.",
         ["Bu evrede cerrahi önerilmez.", "4. evre hastaları destek alır."]),
        ("It may help. “Quoted” starts here! Does it? Yes.",
         ["It may help.", "“Quoted” starts here!", "Does it?", "Yes."]),
        ("Symptoms such as pain (and fatigue). Then more.", ["Symptoms such as pain (and fatigue).", "Then more."]),
        # Scripts without capitals: any letter starts a sentence.
        ("مرحلهٔ ۴ پیشرفته است. سرطان پخش شده است؟ بله.", ["مرحلهٔ ۴ پیشرفته است.", "سرطان پخش شده است؟", "بله."]),
        ("المرحلة 4 متقدمة. وقد ينتشر السرطان.", ["المرحلة 4 متقدمة.", "وقد ينتشر السرطان."]),
        ("الورم في المرحلة 4. وقد ينتشر.", ["الورم في المرحلة 4.", "وقد ينتشر."]),
        ("Стадия 4 — поздняя. Рак распространился.", ["Стадия 4 — поздняя.", "Рак распространился."]),
        # An abbreviation or an ordinal before a capital is not an end.
        ("Im 4. Stadium hilft z. B. die Chemotherapie. Dr. Weber erklärt es.",
         ["Im 4. Stadium hilft z. B. die Chemotherapie.", "Dr. Weber erklärt es."]),
    ],
)
def test_sentences_split_where_a_reader_pauses(paragraph, sentences):
    assert split_sentences(paragraph) == sentences


def test_section_break_and_paragraph_pause_markers():
    lines = parse_script_text("Title.\n---\nOne. Two.\n\nThree.\n---\n", section_pause_ms=700)
    assert lines == [("Title.", 700, None), ("One.", 0, None), ("Two.", 350, None), ("Three.", 0, None)]


def test_a_paragraph_marked_with_its_language_carries_it_to_each_of_its_sentences():
    text = f"Başlık.\n---\n{voiced(LocalizedText('One. Two.', 'en'))}\n\nÜç.\n"
    assert parse_script_text(text, section_pause_ms=700) == [
        ("Başlık.", 700, None), ("One.", 0, "en"), ("Two.", 350, "en"), ("Üç.", 0, None)]
