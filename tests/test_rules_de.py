"""German speech rules (service/speech/rules/de.py): what espeak-ng (gmw/de)
is given for numbers, ordinals, dates, units, Roman numerals and
abbreviations, and how it then reads the catalog's sentences."""

from decimal import Decimal

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from service.config import PROJECT_DIR
from service.speech.normalize import normalize_for_speech
from service.speech.phonemes import read_aloud
from service.speech.rules import de, de_numbers

LEXICON = PROJECT_DIR / "audio_templates" / "lexicon"
TERMBASE = PROJECT_DIR / "translations" / "termbase.toml"  # the respellings of its terms
CATALOG = PROJECT_DIR / "translations" / "de" / "LC_MESSAGES" / "messages.po"
VOICE = "gmw/de"

# Written -> spoken by the rules and the abbreviations alone (no lexicon).
RULES = [
    # Ordinals take the ending the article before them asks for.
    ("im 4. Stadium", "im vierten Stadium"),
    ("das 4. Stadium", "das vierte Stadium"),
    ("ein 4. Stadium", "ein viertes Stadium"),
    ("des 4. Stadiums", "des vierten Stadiums"),
    ("ein 2. Zyklus", "ein zweiter Zyklus"),
    ("der 2. Zyklus beginnt", "der zweite Zyklus beginnt"),
    ("in der 2. Woche", "in der zweiten Woche"),
    ("nach dem 1. Zyklus", "nach dem ersten Zyklus"),
    ("zum 1. Mal", "zum ersten Mal"),
    ("am 3. und 4. Tag der Behandlung", "am dritten und vierten Tag der Behandlung"),
    ("der IV. Zyklus", "der vierte Zyklus"),
    # A counted noun opening a sentence is an ordinal, not list numbering.
    ("4. Stadium bedeutet, dass", "Viertes Stadium bedeutet, dass"),
    ("1. Chemotherapie: sie hilft", "Chemotherapie: sie hilft"),
    # After a noun the number is a cardinal, and "4." may end a sentence.
    ("Beim Mesotheliom ist Stadium 4 ein fortgeschrittenes Stadium.",
     "Beim Mesotheliom ist Stadium vier ein fortgeschrittenes Stadium."),
    ("Das Mesotheliom im Stadium 4. Die Behandlung hilft.",
     "Das Mesotheliom im Stadium vier. Die Behandlung hilft."),
    ("Stadium 3 bis 4. Die Behandlung", "Stadium drei bis vier. Die Behandlung"),
    ("Behandlungsmöglichkeit 3 von 5: Palliative Operationen.",
     "Behandlungsmöglichkeit drei von fünf: Palliative Operationen."),
    ("Behandlungsmöglichkeit 1 von 5: Chemotherapie.", "Behandlungsmöglichkeit eins von fünf: Chemotherapie."),
    # Dates: the day is an ordinal, the month is named, the year is a number.
    ("Am 26. November 2026 beginnt die Behandlung.",
     "Am sechsundzwanzigsten November zweitausend sechsundzwanzig beginnt die Behandlung."),
    ("26. November 2026", "Sechsundzwanzigster November zweitausend sechsundzwanzig"),
    ("Diese Übersetzung wurde am 26.11.2026 geprüft.",
     "Diese Übersetzung wurde am sechsundzwanzigsten November zweitausend sechsundzwanzig geprüft."),
    ("vom 3. bis 5. Mai", "vom dritten bis fünften Mai"),
    ("seit 1998", "seit neunzehnhundertachtundneunzig"),
    ("um 8:30 Uhr", "um acht Uhr dreißig"),
    ("um 1 Uhr", "um ein Uhr"),
    # Decimal marks, percentages and units in the number's plural form.
    ("12,5", "zwölf Komma fünf"),
    ("12,5 mg", "zwölf Komma fünf Milligramm"),
    ("0,25 mg", "null Komma zwei fünf Milligramm"),
    ("1 mg", "ein Milligramm"),
    ("2,5 ml", "zwei Komma fünf Milliliter"),
    ("3 cm und 4 mm", "drei Zentimeter und vier Millimeter"),
    ("70 kg", "siebzig Kilogramm"),
    ("75 mg/m²", "fünfundsiebzig Milligramm pro Quadratmeter"),
    ("10 mg/kg", "zehn Milligramm pro Kilogramm"),
    ("nach 1 h", "nach einer Stunde"),
    ("1,5 h", "eins Komma fünf Stunden"),
    ("24 h", "vierundzwanzig Stunden"),
    ("5 %", "fünf Prozent"),
    ("12,5%", "zwölf Komma fünf Prozent"),
    ("60 Gy", "sechzig Gray"),
    ("38,5 °C", "achtunddreißig Komma fünf Grad Celsius"),
    ("Dosis in mg", "Dosis in Milligramm"),
    # Digit groups.
    ("1.000 mg", "eintausend Milligramm"),
    ("2.500 mg", "zweitausend fünfhundert Milligramm"),
    ("10 000 Patienten", "zehntausend Patienten"),
    ("1\u202f000\u202f000", "eine Million"),
    # Roman numerals: a stage, grade or phase is counted with a cardinal.
    ("Stadium IV", "Stadium vier"),
    ("Stadium IIIA", "Stadium drei A"),
    ("eine Studie der Phase III", "eine Studie der Phase drei"),
    ("Typ-II-Diabetes", "Typ-zwei-Diabetes"),
    # One before a noun is the article, in the case the sentence asks for.
    ("Nehmen Sie 1 Tablette 3x täglich.", "Nehmen Sie eine Tablette dreimal täglich."),
    ("1 oder 2 Tabletten", "Ein oder zwei Tabletten"),
    ("nach 1 Woche", "nach einer Woche"),
    ("für 1 Tag", "für einen Tag"),
    ("2–3 Tabletten", "zwei bis drei Tabletten"),
    ("1 Abschnitt", "Ein Abschnitt"),
    ("Von 1 Textstelle dieser Übersetzung hat eine medizinische Fachperson 1 geprüft.",
     "Von einer Textstelle dieser Übersetzung hat eine medizinische Fachperson eins geprüft."),
    ("Typ 1 Diabetes", "Typ eins Diabetes"),
    # Persian and Arabic-Indic digits.
    ("im ۴. Stadium", "im vierten Stadium"),
    ("٤. Stadium", "Viertes Stadium"),
    ("Stadium ۴", "Stadium vier"),
    ("12٫5 mg", "zwölf Komma fünf Milligramm"),
    ("۱۲,۵ mg", "zwölf Komma fünf Milligramm"),
    # Abbreviations.
    ("ca. 5 mg", "zirka fünf Milligramm"),
    ("z. B. eine Pleurodese", "zum Beispiel eine Pleurodese"),
    ("Z. B. hilft", "Zum Beispiel hilft"),
    ("ggf. bzw. Dr. Müller", "gegebenenfalls beziehungsweise Doktor Müller"),
    ("u. a. Ärzte, d. h. evtl. Schmerzen etc.", "unter anderem Ärzte, das heißt eventuell Schmerzen et zetera"),
    ("z.B. 2-3 mal täglich", "zum Beispiel zwei bis dreimal täglich"),
    ("Dr. med. Weber", "Doktor der Medizin Weber"),
]


@pytest.mark.parametrize("written, spoken", RULES, ids=[w for w, _ in RULES])
def test_rules_say_what_a_german_speaker_says(tmp_path, written, spoken):
    assert normalize_for_speech(written, "de", tmp_path) == spoken


# The catalog's own sentences, with the lexicon: numbers as words, and the
# respellings that keep espeak-ng in the German voice and on the right syllable.
CATALOG_SENTENCES = [
    ("Operation bei Mesotheliom im Stadium 4.", "Operation bei Mesothelijom im Stadium vier."),
    ("Behandlungsmöglichkeit 4 von 5: Klinische Studien.",
     "Behandlungsmöglichkeit vier von fünf: Klinische Studien."),
    ("Es ist wichtig, ein fachübergreifendes medizinisches Team zu Rate zu ziehen.",
     "Es ist wichtig, ein fachübergreifendes medizinisches Tiem zu Rate zu ziehen."),
    ("Teams der Palliativversorgung können umfassend unterstützen.",
     "Tiems der Palliativ-Versorgung können um-fassend unterstützen."),
    ("zum Beispiel eine Pleurodese oder eine Pleurektomie.", "zum Beispiel eine Pleuro-Dehse oder eine Pleurektomie."),
    ("Sie sollen die Flüssigkeitsansammlung im Pleuraspalt verringern.",
     "Sie sollen die Flüssigkeits-Ansammlung im Pleura-Spalt verringern."),
    ("die Lebensqualität der Patientin oder des Patienten", "die Lebens-Qualität der Patient-in oder des Patienten"),
    ("Das Mesotheliom ist eine seltene Form von Krebs, die vor allem das Brustfell (Pleura) betrifft.",
     "Das Mesothelijom ist eine seltene Form von Krepps, die vor allem das Brustfäll (Pleura) betrifft."),
    ("Drücken Sie die Rücktaste (Backspace), um zurückzugehen.",
     "Drücken Sie die Rücktaste (Bäckspejs), um zurückzugehen."),
    ("Das Mesotheliom im 4. Stadium", "Das Mesothelijom im vierten Stadium"),
]


@pytest.mark.parametrize("written, spoken", CATALOG_SENTENCES, ids=[w[:40] for w, _ in CATALOG_SENTENCES])
def test_catalog_sentences_with_the_lexicon(written, spoken):
    assert normalize_for_speech(written, "de", LEXICON, TERMBASE) == spoken


def test_every_number_of_the_catalog_becomes_words():
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle, locale="de")
    texts = [s for m in catalog if m.id and m.context for s in ([m.string] if isinstance(m.string, str) else m.string)]
    written = [t for t in texts if any(c.isdigit() for c in t)]
    assert written, "the topic names its stage with a digit"
    for text in written:
        spoken = normalize_for_speech(text, "de", LEXICON, TERMBASE)
        assert not any(c.isdigit() for c in spoken), spoken


@pytest.mark.parametrize("amount, singular, plural", [("1", "Stunde", "Stunden"), ("2", "Tablette", "Tabletten"),
                                                      ("1,5", "Stunde", "Stunden"), ("1", "Minute", "Minuten")])
def test_units_follow_the_plural_category_of_the_number(amount, singular, plural):
    category = Locale("de").plural_form(Decimal(amount.replace(",", ".")))
    written = {"Stunde": "h", "Tablette": "Tbl.", "Minute": "min"}[singular]
    assert de_numbers.unit(written, amount, None) == (singular if category == "one" else plural)


@pytest.mark.parametrize("before, noun, ending", [
    (["im"], "Stadium", "en"), (["das"], "Stadium", "e"), (["ein"], "Stadium", "es"), (["ein"], "Zyklus", "er"),
    (["des"], "Stadiums", "en"), (["in", "der"], "Woche", "en"), (["der"], "Zyklus", "e"), (["eine"], "Woche", "e"),
    ([], "November", "er"), (["am"], "November", "en"),
])
def test_ordinal_endings(before, noun, ending):
    assert de_numbers.ordinal_ending(before, noun) == ending


def test_abbreviations_are_tried_longest_first():
    keys = list(de.ABBREVIATIONS)
    assert keys.index("Dr. med.") < keys.index("Dr.")
    assert keys == sorted(keys, key=len, reverse=True)


# What espeak-ng makes of the normalised text: the words a speaker says, in
# the German voice ("f'i:rt@n" is "vierten"; "f'i:r St'Adi" would be "vier Stadium").
SPOKEN = [
    ("Das Mesotheliom im 4. Stadium ist nicht heilbar.", ["f'i:rt@n", "li:j'o:m"]),
    ("Am 26. November 2026 wurde die Übersetzung geprüft.", ["tsv,antsICst@n no:v'E2mb3", "tsv'aItaUz@nt z'Eks"]),
    ("Nehmen Sie 12,5 mg ein.", ["k'OmA: f'ynf", "m,IlIgr'am"]),
    ("Ein Team der Palliativversorgung hilft der Patientin.", ["t'i:m", "patsj'Ent"]),
    ("Stadium IV, ca. 5 %", ["f'i:r", "ts'IrkA:", "pro:ts'Ent"]),
]


@pytest.mark.speech
@pytest.mark.parametrize("written, heard", SPOKEN, ids=[w[:40] for w, _ in SPOKEN])
def test_espeak_says_the_normalised_words(written, heard):
    reading = read_aloud(normalize_for_speech(written, "de", LEXICON, TERMBASE), VOICE)
    assert reading.problems(frozenset(w.casefold() for w in de.SPELLED)) == [], reading.phonemes
    for piece in heard:
        assert piece in reading.phonemes, reading.phonemes


@pytest.mark.speech
def test_espeak_would_have_said_the_ordinal_as_a_cardinal():
    """The reason for the ordinal rule: as written, "4." is read "vier"."""
    assert "f'i:rt@n" not in read_aloud("im 4. Stadium", VOICE).phonemes
    assert "f'i:rt@n" in read_aloud(normalize_for_speech("im 4. Stadium", "de", LEXICON, TERMBASE), VOICE).phonemes
