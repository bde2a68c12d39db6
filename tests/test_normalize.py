"""What the engine hears (service/speech/normalize.py): per-language rules,
then the lexicon."""

import pytest

from service.config import PROJECT_DIR
from service.speech.normalize import normalize_for_speech

LEXICON = PROJECT_DIR / "audio_templates" / "lexicon"  # the repository's, wherever pytest is run from
TERMBASE = PROJECT_DIR / "translations" / "termbase.toml"  # the respellings of its terms


@pytest.mark.parametrize(
    "lang, written, spoken",
    [
        ("tr", "4. evre mezotelyoma", "dördüncü evre mezotelyoma"),
        ("tr", "Bu 2026. Sonra", "Bu 2026. Sonra"),
        ("tr", "Dr. Yılmaz vb. uzmanlar", "Doktor Yılmaz ve benzeri uzmanlar"),
        ("en", "1. Chemotherapy: it helps", "Chemotherapy: it helps"),
        ("en", "e.g. pain", "for example pain"),
        ("tr", "4. evre hastaları destek alır.", "dördüncü evre hastaları destek alır."),
        ("tr", "1. Kemoterapi: yardımcı olur", "Kemoterapi: yardımcı olur"),
        ("en", "the patient’s life", "the patient's life"),
        ("ku", "2. Êş: tê kêmkirin", "Êş: tê kêmkirin"),
        ("ru", "1. Химиотерапия", "Химиотерапия"),
    ],
)
def test_normalisation_per_language(lang, written, spoken):
    assert normalize_for_speech(written, lang, LEXICON, TERMBASE) == spoken
