"""What the Kurmanji voice hears (service/speech/rules/ku.py, then the
lexicon): every number as the words a speaker says, since espeak-ng's ira/ku
reads every 4 as "car", drops the decimal comma and says "+" in English."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.config import PROJECT_DIR
from service.speech.normalize import normalize_for_speech
from service.speech.phonemes import read_aloud
from service.speech.rules import ku_numbers

LEXICON = PROJECT_DIR / "audio_templates" / "lexicon"
TERMBASE = PROJECT_DIR / "translations" / "termbase.toml"  # the respellings of its terms
VOICE = "ira/ku"


def spoken(text: str) -> str:
    return normalize_for_speech(text, "ku", LEXICON, TERMBASE)


@pytest.mark.parametrize(
    "written, said",
    [
        # Cardinals: every part joined by "û"; "hezar" and "sed" without "yek".
        ("7", "heft"),
        ("Beşa 12", "Beşa diwanzdeh"),
        ("24 saet", "bîst û çar saet"),
        ("400 kes", "çarsed kes"),
        ("sala 2024", "sala du hezar û bîst û çar"),
        ("101 nexweş", "sed û yek nexweş"),
        ("1984", "hezar û nehsed û heştê û çar"),
        ("0", "sifir"),
        # Digit groups: spaces, narrow spaces and dots between thousands.
        ("1.000 kes", "hezar kes"),
        ("10 000 kes", "deh hezar kes"),
        ("1\u202f250 000", "yek milyon û dused û pêncî hezar"),
        # Persian and Arabic-Indic digits, and the Arabic decimal mark.
        ("qonaxa ۴", "qonaxa çarem"),
        ("٤٠ mg", "çil mîlîgram"),
        ("۱۲٫۵ ml", "diwanzdeh xal pênc mîlîlître"),
        # Ordinals: after their noun "-em", before it "-emîn", and as written with a suffix.
        ("mezotelyomaya qonaxa 4", "mezotelyomaya qonaxa çarem"),
        ("4. qonax", "çaremîn qonax"),
        ("nêrîna 2yem", "nêrîna duyem"),
        ("sedsala 21em", "sedsala bîst û yekem"),
        ("pileya 3", "pileya sêyem"),
        ("asta 120", "asta sed û bîst"),  # a measured value, not a rank
        ("qonaxa 3A", "qonaxa sêyem A"),
        # Roman numerals: the ordinal; a lone letter only after a noun that counts.
        ("qonaxa IV", "qonaxa çarem"),
        ("Mezotelyomaya qonaxa IV.", "Mezotelyomaya qonaxa çarem."),
        ("tîpa II", "tîpa duyem"),
        ("sedsala XXI", "sedsala bîst û yekem"),
        ("hepatîta C û vîtamîna D", "hepatîta C û vîtamîna D"),
        # Decimal marks: the comma (and a dot before other than three digits) is "xal".
        ("12,5", "diwanzdeh xal pênc"),
        ("Rojê 2,5 mg bixwin.", "Rojê du xal pênc mîlîgram bixwin."),
        ("0,05 ml", "sifir xal sifir pênc mîlîlître"),
        ("2.5 ml", "du xal pênc mîlîlître"),
        ("0,125 mg", "sifir xal sed û bîst û pênc mîlîgram"),
        ("0.125 mg", "sifir xal sed û bîst û pênc mîlîgram"),  # a dose, not a thousands group
        # Percentages, said first as Kurmanji does: "ji sedî pêncî".
        ("%50", "ji sedî pêncî"),
        ("50 % ji nexweşan", "ji sedî pêncî ji nexweşan"),
        ("12,5%", "ji sedî diwanzdeh xal pênc"),
        # Units: unmarked after a number, the oblique plural after a preposition
        # for Babel's "other" category only.
        ("1 ml", "yek mîlîlître"),
        ("5 cm", "pênc santîmetre"),
        ("3 mm", "sê mîlîmetre"),
        ("70 kg", "heftê kîlogram"),
        ("ji 5 mg zêdetir nexwin", "ji pênc mîlîgraman zêdetir nexwin"),
        ("ji 1 mg zêdetir nexwin", "ji yek mîlîgram zêdetir nexwin"),
        ("15 mg/kg", "panzdeh mîlîgram ji bo her kîlogramekê"),
        # "N of M" and a numeral after a preposition: the oblique "-an".
        ("Rêya dermankirinê 4 ji 5: Lêkolînên klînîkî.",
         "Rêya dermankirinê çar ji pêncan: Lêkolînên klînîkî."),
        ("Beş 2 ji 5: Kemoterapî", "Beş du ji pêncan: Kemoterapî"),
        ("3/4", "sê ji çaran"),
        ("2-3 caran", "du heta sê caran"),
        ("<5 mg", "kêmtir ji pênc mîlîgraman"),
        # Dates, times, signs and symbols the voice would read in English.
        ("28.11.2026", "bîst û heştê Mijdara du hezar û bîst û şeşan"),
        ("saet 14:30", "saet çardeh û sî"),
        ("-5 °C", "mînus pênc pile"),
        ("Lez 1,5×", "Lez yek xal pênc car"),
        ("rojê 2x", "rojê du car"),
        ("Ji bo ku hûn dengê axaftinê zêde an kêm bikin, pêl bişkoka + (zêde) an bişkoka - (kêm) bikin.",
         "Ji bo ku hûn dengê axaftinê zêde an kêm bikin, pêl bişkoka zêde an bişkoka kêm bikin."),
        ("Bileztir / hêdîtir", "Bileztir, hêdîtir"),
        # Letters outside the voice's character set, acronyms, abbreviations.
        ("Ḧeft ḧeb", "Heft heb"),
        ("CT an MRI", "tomografî an emar"),
        ("Dr. Azad, hwd.", "Doktor Azad, her wekî din"),
        ("vîtamîna B12", "vîtamîna B diwanzdeh"),
        # List numbering is not spoken, before Kurmanji capitals too.
        ("1. Kemoterapî: alîkar e", "Kemoterapî: alîkar e"),
        ("2. Êş: kontrol tê kirin", "Êş: kontrol tê kirin"),
        # The lexicon after the rules: loanwords of the catalog, keys of the kiosk.
        ("perdeya pişikan (pleura)", "perdeya pişikan (plewra)"),
        ("wekî pleurodez an pleurektomî", "wekî plewrodez an plewrektomî"),
        ("Ji bo vegerê, pêl bişkoka Backspace bikin.", "Ji bo vegerê, pêl bişkoka bekspeys bikin."),
        ("pêl bişkoka Esc bikin", "pêl bişkoka esk bikin"),
    ],
)
def test_written_kurmanji_becomes_what_a_speaker_says(written, said):
    assert spoken(written) == said


@given(st.integers(min_value=0, max_value=10**7))
def test_no_number_is_left_in_digits(n):
    said = spoken(f"{n:,}".replace(",", ".") if n >= 1000 else str(n))
    assert not re.search(r"\d", said), said
    assert said == ku_numbers.cardinal(n)


@pytest.mark.parametrize("n, word", [(1, "yekem"), (2, "duyem"), (3, "sêyem"), (4, "çarem"), (5, "pêncem"),
                                     (10, "dehem"), (30, "sîyem"), (50, "pêncîyem"), (100, "sedem")])
def test_ordinals_take_a_buffer_y_after_a_vowel(n, word):
    assert ku_numbers.ordinal(n) == word


@pytest.mark.parametrize("numeral, value", [("IV", 4), ("IX", 9), ("XXI", 21), ("MCMLXXXIV", 1984), ("IIII", None),
                                            ("VX", None)])
def test_roman_numerals_are_read_only_when_well_formed(numeral, value):
    assert ku_numbers.roman_value(numeral) == value


@pytest.mark.speech
@pytest.mark.parametrize(
    "written, heard, never",
    [
        # "çarem" [tʃaɾɛm], where espeak would say "car" [dʒar] for the digit.
        ("Mezotelyomaya qonaxa 4 qonaxeke pêşketî ye.", "tSa*'Em", "dZ'ar"),
        ("Rêya dermankirinê 4 ji 5: Lêkolînên klînîkî.", "tS'aR ZI p'endZan", "dZ'ar"),
        ("Di sala 2024 de 400 nexweş hebûn.", "b'ist u tS'aR", "dZ'ar"),
        # The decimal comma said, not dropped.
        ("Rojê 12,5 mg bixwin.", "x'al p'endZ m,iligR'am", "danzd'E#"),
        ("Ji sedî 45 ji nexweşan.", "sEd'i tS'Il", "dZ'ar"),
        # "+" no longer read by the English voice.
        ("pêl bişkoka + (zêde) an bişkoka - (kêm) bikin.", "bISk'oka zed'E#", "(en)"),
        ("qonaxa IV", "tSa*'Em", "'Iv"),
    ],
)
def test_normalised_kurmanji_is_heard_as_words_in_its_own_voice(written, heard, never):
    reading = read_aloud(spoken(written), VOICE)
    assert heard in reading.phonemes, reading.phonemes
    assert never not in reading.phonemes, reading.phonemes
    assert reading.problems() == [], reading.problems()
