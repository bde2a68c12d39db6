"""Arabic speech rules (service/speech/rules/ar.py, ar_numbers.py, ar_vowels.py):
written -> spoken, then what espeak-ng (sem/ar) makes of it.

The spoken forms carry their vowel marks: espeak-ng reads an unvocalised word
missing from its dictionary as bare consonants (متقدمة -> "mtqdmt"). A final
"ه" is the pausal "-ah" of "ة"; a shadda comes before its vowel mark (espeak-ng
drops the vowel otherwise), and not after the article before a sun letter
(espeak-ng doubles that letter itself).
"""

import re
import subprocess
import tomllib

import pytest

from service.commands.audio import language_scripts
from service.config import PROJECT_DIR
from service.i18n import get_language
from service.speech.normalize import normalize_for_speech
from service.speech.phonemes import espeak_command, read_aloud
from service.speech.rules import ar
from service.speech.rules.ar import AS_WRITTEN, prefixed_entries
from service.speech.rules.ar_numbers import PERCENT, cardinal, ordinal
from service.speech.rules.ar_vowels import MARKS, WORD, spell_for_espeak

LEXICON_DIR = PROJECT_DIR / "audio_templates" / "lexicon"
TERMBASE = PROJECT_DIR / "translations" / "termbase.toml"  # the respellings of its terms
LEXICON = LEXICON_DIR / "ar.toml"
VOICE = "sem/ar"

# The number rules (``ar.normalize``), before the lexicon and the vowel marks.
NUMBERS = [
    # ordinals after a noun that numbers (reference: "المرحلة الرابعة", feminine)
    ("المرحلة 4", "المرحلة الرَّابِعَه"),
    ("في المرحلة 4 من ورم الظهارة المتوسطة", "في المرحلة الرَّابِعَه من ورم الظهارة المتوسطة"),
    ("الخيار 3", "الخيار الثَّالِث"),  # masculine (reference: "الخيار الثالث")
    ("للمرحلة 2", "للمرحلة الثَّانِيَه"),
    ("الجرعة 11", "الجرعة الْحَادِيَةَ عَشْرَه"),
    ("الأسبوع 12", "الأسبوع الثَّانِيَ عَشَر"),
    ("اليوم 21 من الدورة", "اليوم الْحَادِي وَالْعِشْرُون من الدورة"),  # num2words: "إحدى و عشرون"
    ("المرحلة الـ21", "المرحلة الْحَادِيَه وَالْعِشْرُون"),
    # counting: "3 of 5" is cardinal (the section template's "Treatment option 3 of 5")
    ("خيار العلاج 3 من 5:", "خيار العلاج ثَلَاثَه من خَمْسَه:"),
    ("القسم 3 من 7", "القسم ثَلَاثَه من سَبْعَه"),
    # Roman numerals: espeak-ng says "IV" in English ("eye vee")
    ("المرحلة IV", "المرحلة الرَّابِعَه"),
    ("الدرجة II", "الدرجة الثَّانِيَه"),
    # Western, Arabic-Indic and Persian digits
    ("المرحلة ٤", "المرحلة الرَّابِعَه"),
    ("المرحلة ۴", "المرحلة الرَّابِعَه"),
    # decimal marks spoken (espeak-ng drops the comma: "12,5" -> "twelve five")
    ("12,5 mg", "اِثْنَا عَشَر فَاصِلَه خَمْسَه مِلِّيغْرَام"),
    ("الجرعة ١٢٫٥ ملغ", "الجرعة اِثْنَا عَشَر فَاصِلَه خَمْسَه مِلِّيغْرَام"),
    ("0.25 ml", "صِفْر فَاصِلَه خَمْسَه وَعِشْرُون مِلِّيلِتْر"),
    ("1.05 kg", "وَاحِد فَاصِلَه صِفْر خَمْسَه كِيلُوغْرَام"),
    # units in the form Babel's plural category asks for
    ("0 mg", "صِفْر مِلِّيغْرَام"),
    ("1 mg", "مِلِّيغْرَام وَاحِد"),  # one: the noun, then "one"
    ("2 mg", "مِلِّيغْرَامَان"),  # two: the dual
    ("3 mg", "ثَلَاثَة مِلِّيغْرَامَات"),  # few: the plural
    ("10 ml", "عَشَرَة مِلِّيلِتْرَات"),
    ("11 cm", "أَحَدَ عَشَر سَنْتِيمِتْرًا"),  # many: accusative singular
    ("25 kg", "خَمْسَه وَعِشْرُون كِيلُوغْرَامًا"),
    ("100 mm", "مِئَة مِلِّيمِتْر"),  # other: genitive singular
    ("103 mg", "مِئَه وَثَلَاثَة مِلِّيغْرَامَات"),
    # percentages (espeak-ng drops "%")
    ("5%", "خَمْسَه فِي الْمِئَه"),
    ("٥٠٪", "خَمْسُون فِي الْمِئَه"),
    ("12,5%", "اِثْنَا عَشَر فَاصِلَه خَمْسَه فِي الْمِئَه"),
    ("و50%", "وَخَمْسُون فِي الْمِئَه"),
    # digit groups (espeak-ng reads "1 000" as "one, zero zero zero")
    ("1,000 mg", "أَلْف مِلِّيغْرَام"),
    ("1 000", "أَلْف"),
    ("١٬٠٠٠", "أَلْف"),
    ("2026", "أَلْفَان وَسِتَّه وَعِشْرُون"),
    ("3000", "ثَلَاثَة آلَاف"),
    ("11000", "أَحَدَ عَشَر أَلْفًا"),  # num2words: "أحد عشر ألف"
    ("2000000", "مِلْيُونَان"),  # num2words: "مليونا"
    # the counted noun's gender (ten seconds: عشر, not عشرة)
    ("الرجوع 10 ثوان", "الرجوع عَشْر ثوان"),  # the catalog's "Back 10 seconds"
    ("15 دقيقة", "خَمْسَ عَشْرَة دقيقة"),
    ("3 أيام", "ثَلَاثَة أيام"),
    ("2-3 أسابيع", "اِثْنَان إِلَى ثَلَاثَة أسابيع"),
    # Latin letters: said with their Arabic names, not in the English voice
    ("CT", "سِي تِي"),
    ("MRI", "إِم آرْ آي"),
    ("B12", "بِي اِثْنَا عَشَر"),
    ("اضغطوا على مفتاح R", "اضغطوا على مفتاح آرْ"),
    ("مفتاح Enter", "مفتاح إِنْتَر"),
    ("مفتاح الزائد (+) أو مفتاح الناقص (-)", "مفتاح الزائد أو مفتاح الناقص"),
    ("فحص PET-CT", "فحص بِي إِي تِي سِي تِي"),
    ("COVID-19", "كُوفِيد تِسْعَةَ عَشَر"),
]


def shadda_first(text: str) -> str:
    """The order of two marks on one letter is not what these tests are about
    (an editor may type either); finish puts the shadda first for espeak-ng."""
    return re.sub("([\u064b-\u0650])(\u0651)", r"\2\1", text)


@pytest.mark.parametrize("written, spoken", NUMBERS)
def test_numbers_letters_and_symbols_are_written_as_words(written, spoken):
    assert shadda_first(ar.normalize(written)) == shadda_first(spoken)


# The whole pipeline: rules, abbreviations, lexicon and the vowel marks.
SPOKEN = [
    # the reference's examples of bare consonants (mtqdmt, qa:blt, Xmst)
    ("مرحلة متقدمة", "مَرْحَلَه مُتَقَدِّمَه"),
    ("غير قابلة للشفاء", "غَيْر قَابِلَه لِلشِّفَاء"),
    ("خمسة", "خَمْسَه"),
    ("خيار العلاج 3 من 5: الجراحة التلطيفية.", "خِيْيَار الْعِلَاج ثَلَاثَه مِن خَمْسَه: الْجِرَاحَه التَلْطِيفِيْيَه."),
    # the catalog: ":" and brackets kept, case endings dropped, "-ah", the lexicon
    (("المرحلة 4 من ورم الظهارة المتوسطة (ميزوثيليوما) هي مرحلة متقدمة من هذا السرطان العدواني، والمرض فيها"
      " في الغالب غير قابل للشفاء."),
     ("الْمَرْحَلَه الرَابِعَه مِن وَرَم الظِهَارَه الْمُتَوْوَسِّطَه (مِيزُوثِيلْيُومَا) هِي مَرْحَلَه مُتَقَدِّمَه مِن هَذَا"
      " السَرَطَان الْعُدْوَانِيّ، وَٱلْمَرَض فِيهَا فِي الْغَالِب غَيْر قَابِل لِلشِّفَاء.")),
    ("لا يمكن الشفاء منه: أي لا يمكن جعل المرض يزول تماما.",
     "لَا يُمْكِن الشِفَاء مِنه: أَيْ لَا يُمْكِن جَعْل الْمَرَض يَزُول تَمَامَا."),
    # vowels the word before decides: آخَر (another) / آخِر (last); the verb after أن
    ("رأي طبيب آخر يعيد النظر في التشخيص وفي خيارات العلاج.",
     "رَأْي طَبِيب آخَر يُعِيد النَظَر فِي التَشْخِيص وَفِي خِيْيَارَات الْعِلَاج."),
    ("آخر مراجعة للصفحة", "آخِر مُرَاجَعَه لِلصَّفْحَه"),
    ("ويمكن لفرق الرعاية التلطيفية أن تقدم دعما شاملا وأن تحسن جودة حياة المريض.",
     "وَيْيُمْكِن لِفِرَق الرِعَايَه التَلْطِيفِيْيَه أَنْ تُقَدِّم دَعْمًا شَامِلَا وَأَنْ تُحَسِّن جَوْدَه حَيْيَاة الْمَرِيض."),
    ("عودة المرض.", "عَوْدَة الْمَرَض."),  # a construct before the article: "-at"
    # lexicon entries behind prefixes and the article
    ("يضم أطباء الأورام والجراحين", "يَضُمّ أَطِبَّاء الْأَوْرَام وَٱلْجَرَّاحِين"),
    ("للخصيتين", "لِلْخُصْيَتَيْن"),
    ("والبريتوني", "وَٱلْبِرِيتُونِيّ"),
    ("بورم الظهارة المتوسطة", "بِوَرَم الظِهَارَه الْمُتَوْوَسِّطَه"),
    ("وضيق التنفس", "وَضِيق التَنَفُّس"),  # shortness (diiq), a lexicon entry
    ("الفراغ الضيق", "الْفَرَاغ الضيق"),  # narrow (ad-dayyiq), another word: kept as written
    ("اضغطوا على مفتاح Backspace للرجوع.", "اِضْغَطُو عَلَى مِفْتَاح بَاكْ سْبِيس لِلرُّجُوع."),
    ("الجرعة 2.5 ملغ، إلخ.", "الْجُرْعَه اِثْنَان فَاصِلَه خَمْسَه مِلِّيغْرَام، إِلَى آخِرِه."),
    ("الرجوع 10 ثوان", "الرُجُوع عَشْر ثَوْوَان"),
]


@pytest.mark.parametrize("written, spoken", SPOKEN)
def test_sentences_are_spoken_with_their_vowels(written, spoken):
    assert normalize_for_speech(written, "ar", LEXICON_DIR, TERMBASE) == shadda_first(spoken)


def test_the_vowel_comes_after_the_shadda_and_the_spelling_is_stable():
    nfc_order = "مُتَقَدِّمَه"  # kasra, then shadda: what NFC makes of it
    assert "دّ" + "ِ" in spell_for_espeak(nfc_order)
    spelled = spell_for_espeak(nfc_order)
    assert spell_for_espeak(spelled) == spelled


def lexicon_entries():
    with LEXICON.open("rb") as handle:
        return tomllib.load(handle)["respell"]


def test_lexicon_respellings_are_spelled_as_espeak_reads_them():
    """`say` as the rules would speak it: an editor's tool that normalises the
    file to NFC (vowel before shadda) breaks it, and this says so."""
    for word, entry in lexicon_entries().items():
        assert spell_for_espeak(entry["say"]) == entry["say"], word


def test_no_lexicon_word_matches_inside_another_respelling():
    entries = lexicon_entries()
    pattern, _ = prefixed_entries(str(LEXICON))
    for word, entry in entries.items():
        for other in entries:
            assert not re.search(rf"(?<![\w{MARKS}]){re.escape(other)}(?![\w{MARKS}])", entry["say"]), (word, other)
        assert not pattern.search(entry["say"]), word


def test_lexicon_words_are_also_respelled_behind_prefixes():
    _, forms = prefixed_entries(str(LEXICON))
    assert forms["للخصيتين"] == "لِلْخُصْيَتَيْن"
    assert forms["بأطباء"] == shadda_first("بِأَطِبَّاء")
    assert forms["والأطباء"] == shadda_first("وَالْأَطِبَّاء")


def read(text: str) -> str:
    reading = read_aloud(text, VOICE)
    assert reading.switches == (), reading.phonemes  # never the English voice
    return reading.phonemes


@pytest.mark.speech
@pytest.mark.parametrize("written, said", [
    ("المرحلة 4", "?arR'a:biA,ah"),  # ar-raabi3ah, the feminine ordinal
    ("المرحلة IV", "?arR'a:biA,ah"),
    ("الخيار 3", "?aTT'a:liT"),  # ath-thaalith, masculine
    ("الجرعة 12,5 mg", "A'aSaR fa:s["),  # the decimal mark, said
    ("50%", "fi: alm'i?ah"),
    ("3 mg", "Tal'a:Tat mill'i:QRa:m,a:t"),
    ("مرحلة متقدمة", "m,utaq'ad:im,ah"),  # not "mtqdmt"
    ("مفتاح R", "?'a:R"),
])
def test_espeak_says_the_spoken_words(written, said):
    assert said in read(normalize_for_speech(written, "ar", LEXICON_DIR, TERMBASE))


PHONEME = re.compile(r"dZ|tS|gH|dH|[a-zA-Z?@][\[.]?")


def bare_consonants(phonemes: str, word: str) -> bool:
    """espeak-ng's reading of one word has consonants no Arabic word has in a
    row: three (its syllables are CV, CVV and CVC, and CVCC only at the end),
    or two at the start, unless the word is written so (a sukun on its first
    letter: سْبِيس). A doubled consonant counts once."""
    sounds: list[str] = []
    for sound in PHONEME.findall(phonemes):
        sound = sound.rstrip(".")
        if not (sounds and sounds[-1] == sound and sound[0] not in "aeiou"):
            sounds.append(sound)
    runs, run = [], 0
    for sound in sounds:
        if sound[0] in "aeiou":
            runs.append(run)
            run = 0
        else:
            run += 1
    runs.append(run)
    deliberate = len(word) > 1 and word[1] == "ْ"
    return max(runs) >= 3 or (runs[0] >= 2 and not deliberate) or len(runs) == 1


def espeak_words(words: list[str]) -> list[str]:
    """espeak-ng's phonemes for each word alone (one call: a sentence each)."""
    out = subprocess.run([espeak_command(), "-q", "-x", "-v", VOICE, "\n".join(w + "." for w in words)],
                         capture_output=True, text=True, check=True, timeout=120).stdout.splitlines()
    lines = [line.strip() for line in out if line.strip()]
    assert len(lines) == len(words), "espeak-ng did not read the words one a line"
    return lines


@pytest.mark.speech
def test_the_bare_consonant_check_finds_what_it_should():
    assert [bare_consonants(p, w) for p, w in zip(espeak_words(["متقدمة", "للشفاء", "بعدها", "سبيس"]),
                                                       ["متقدمة", "للشفاء", "بعدها", "سبيس"])] == [True] * 4
    fine = ["مُتَقَدِّمَه", "لِلشِّفَاء", "بَعْدَهَا", "سْبِيس", "الْجَنْب", "التَّخَصُّصَات"]
    assert [bare_consonants(p, w) for p, w in zip(espeak_words(fine), fine)] == [False] * len(fine)


@pytest.mark.speech
def test_every_word_the_rules_write_is_read_as_a_word():
    """Ordinals 1-100 in both genders, cardinals, units, letter names, key
    names and abbreviations, as ``finish`` hands them to espeak-ng."""
    written = [ordinal(n, feminine) for n in range(1, 101) for feminine in (False, True)]
    written += [cardinal(n, feminine) for n in [*range(100), 100, 200, 250, 1000, 2000, 3000, 11000, 10**6,
                                                 2 * 10**6, 5 * 10**6, 10**9] for feminine in (False, True)]
    written += [form for forms in ar.UNITS.values() for form in forms]
    written += [*ar.LETTER_NAMES.values(), *ar.LATIN_WORDS.values(), *ar.ABBREVIATIONS.values(), PERCENT]
    words = sorted({w for text in written for w in WORD.findall(ar.finish(text))})
    wrong = {w: p for w, p in zip(words, espeak_words(words)) if bare_consonants(p, w)}
    assert wrong == {}
    assert read_aloud(" ".join(words), VOICE).switches == ()


@pytest.mark.speech
def test_no_word_of_the_catalog_is_read_as_bare_consonants(app):
    """Every word of every Arabic line (topic, glossary, kiosk), after
    ``finish``, read by espeak-ng on its own: no bare consonants."""
    with app.app_context():
        lines = [line.spoken for script in language_scripts(get_language("ar")) for line in script.lines]
    assert len(lines) > 60
    words = sorted({w for line in lines for w in WORD.findall(line)})
    assert len(words) > 300
    unmarked = [w for w in words if not re.search(f"[{MARKS}]", w) and w not in AS_WRITTEN and len(w) > 1]
    assert unmarked == []  # mishkal vocalised them, or the lexicon did
    wrong = {w: p for w, p in zip(words, espeak_words(words)) if bare_consonants(p, w)}
    assert wrong == {}
