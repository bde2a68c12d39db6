"""Every pronunciation lexicon (audio_templates/lexicon/LANG.toml, and the
respellings of the terms in translations/termbase.toml), entry by entry,
against what espeak-ng says: the word as written sounds wrong, the
respelling sounds right. An entry that stops helping (a new espeak-ng, a typo)
fails here."""

import tomllib

import pytest

from service.config import PROJECT_DIR, default_settings
from service.content.termbase import load_termbase
from service.speech.phonemes import read_aloud

LEXICONS = PROJECT_DIR / "audio_templates" / "lexicon"
VOICES = {code: s["voice"] for code, s in default_settings("instance")["LANGUAGES"].items()}


def entries():
    for file in sorted(LEXICONS.glob("*.toml")):
        with file.open("rb") as handle:
            for word, entry in tomllib.load(handle).get("respell", {}).items():
                yield pytest.param(file.stem, word, entry, id=f"{file.stem}-{word}")
    for concept in load_termbase(PROJECT_DIR / "translations" / "termbase.toml"):
        said = [("en", concept.en, concept.respell)]
        said += [(lang, term.target, term.respell) for lang, term in concept.terms.items()]
        for lang, word, respell in said:
            if respell:
                entry = {"say": respell.say, "wrong": respell.wrong, "right": respell.right}
                yield pytest.param(lang, word, entry, id=f"termbase-{lang}-{word}")


def test_every_lexicon_belongs_to_a_served_language():
    assert {file.stem for file in LEXICONS.glob("*.toml")} <= set(VOICES)


@pytest.mark.speech
@pytest.mark.parametrize("lang, word, entry", list(entries()))
def test_each_respelling_fixes_what_espeak_says_wrongly(lang, word, entry):
    assert isinstance(entry, dict) and {"say", "wrong", "right"} <= set(entry), "say, and what it fixes"
    as_written = read_aloud(word, VOICES[lang]).phonemes
    respelled = read_aloud(entry["say"], VOICES[lang]).phonemes
    assert entry["wrong"] in as_written, as_written
    assert entry["right"] in respelled and entry["wrong"] not in respelled, respelled
