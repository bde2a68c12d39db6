"""Every line spoken in every language, as espeak-ng reads it: it never
switches to another language's voice and never spells a word letter by letter
(acronyms said by their letters, such as Russian "КТ", are named by the
language's rules). Covers the topic, its sections, the glossary, the kiosk's
prompts and its help: what `flask audio script LANG SLUG --phonemes` shows."""

import pytest

from service.commands.audio import language_scripts
from service.config import default_settings
from service.i18n import get_language
from service.speech.phonemes import read_aloud
from service.speech.rules import spelled_rightly

LANGUAGES = [code for code, s in default_settings("instance")["LANGUAGES"].items() if s.get("voice")]


@pytest.mark.speech  # espeak-ng itself, not a worker
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_spoken_line_stays_in_its_voice_and_is_read_as_words(app, lang):
    with app.app_context():
        language = get_language(lang)
        lines = {line.spoken: line.text for script in language_scripts(language) for line in script.lines}
    assert len(lines) > 60  # the topic, the glossary and the kiosk, not an empty catalog
    allowed = spelled_rightly(lang)
    problems = {}
    for spoken, written in lines.items():
        found = read_aloud(spoken, language.voice).problems(allowed)
        if found:
            problems[written] = (spoken, found)
    assert problems == {}
