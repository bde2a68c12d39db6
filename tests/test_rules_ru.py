"""Russian speech rules (service/speech/rules/ru.py): what a written line
becomes before the engine reads it, and what espeak-ng zle/ru then says.

The table runs the whole pipeline (quotes, rules, list numbers, abbreviations,
``finish``) without a lexicon, so that it shows the rules alone; the speech
tests add the lexicon and read the result with espeak-ng."""

from pathlib import Path

import pytest

from service.config import PROJECT_DIR
from service.speech.normalize import normalize_for_speech
from service.speech.phonemes import read_aloud
from service.speech.rules import ru, spelled_rightly

K = "к\u034f"  # the preposition, marked so that espeak-ng says [k], not the letter's name "ка"
LEXICONS = PROJECT_DIR / "audio_templates" / "lexicon"
TERMBASE = PROJECT_DIR / "translations" / "termbase.toml"  # the respellings of its terms

CASES = [
    # ordinals: gender and case from the ending and the noun (the reference's examples)
    ("Мезотелиома 4-я стадия.", "Мезотелиома четвёртая стадия."),
    ("При мезотелиоме 4-й стадии.", "При мезотелиоме четвёртой стадии."),
    ("4-й день", "четвёртый день"),
    ("на 4-й день", "на четвёртый день"),
    ("в 4-м цикле", "в четвёртом цикле"),
    ("в 2-х случаях", "в двух случаях"),
    ("5-летняя выживаемость", "пятилетняя выживаемость"),
    ("в 2024 году", "в две тысячи двадцать четвёртом году"),
    # an ordinal without an ending before "стадия", unless stages are counted
    ("рак 4 стадии", "рак четвёртой стадии"),
    ("выделяют 4 стадии", "выделяют четыре стадии"),
    # cardinals in the case of the preposition, the gender of the noun
    ("Вариант лечения 3 из 5.", "Вариант лечения три из пяти."),
    ("по 1 таблетке 2 раза в день", "по одной таблетке два раза в день"),
    ("по 2 таблетки 3 раза в день", "по две таблетки три раза в день"),
    ("1–2 таблетки", "одна-две таблетки"),
    ("в течение 5 дней", "в течение пяти дней"),
    ("с 18 лет", "с восемнадцати лет"),
    ("через 1 неделю", "через одну неделю"),
    # digit groups
    ("1 000 пациентов", "тысяча пациентов"),
    ("12 500 мг", "двенадцать тысяч пятьсот миллиграммов"),
    # decimal marks, said (a dose depends on them)
    ("Доза 12,5 мг.", "Доза двенадцать целых пять десятых миллиграмма."),
    ("до 2,5 мг", "до двух целых пяти десятых миллиграмма"),
    ("0,5 мл", "ноль целых пять десятых миллилитра"),
    ("38,5 °C", "тридцать восемь целых пять десятых градуса Цельсия"),
    # units agree with the number: one, few, many, and in the case
    ("Примите 1 мг.", "Примите один миллиграмм."),
    ("Примите 2 мг.", "Примите два миллиграмма."),
    ("Примите 5 мг.", "Примите пять миллиграммов."),
    ("21 мг", "двадцать один миллиграмм"),
    ("в 100 мл воды", "в ста миллилитрах воды"),
    ("опухоль 3 см", "опухоль три сантиметра"),
    ("масса тела 70 кг", "масса тела семьдесят килограммов"),
    ("узел 4 мм", "узел четыре миллиметра"),
    ("75 мг/м²", "семьдесят пять миллиграммов на квадратный метр"),
    ("12.5 mg", "двенадцать целых пять десятых миллиграмма"),
    # percentages
    ("5%", "пять процентов"),
    ("снижение на 5 %", "снижение на пять процентов"),
    ("до 1%", "до одного процента"),
    # Roman numerals: an ordinal before the noun, a cardinal after it
    ("Стадия IV.", "Стадия четыре."),
    ("IV стадия", "четвёртая стадия"),
    ("При IV стадии.", "При четвёртой стадии."),
    ("на III–IV стадиях", "на третьей-четвёртой стадиях"),
    ("на I и II стадиях", "на первой и второй стадиях"),
    ("в XXI веке", "в двадцать первом веке"),
    ("нажмите клавишу X", "нажмите клавишу X"),  # a letter alone is a letter
    # Persian and Arabic-Indic digits
    ("۴-я стадия", "четвёртая стадия"),
    ("٣ из ٥", "три из пяти"),
    ("۱۲٫۵ мг", "двенадцать целых пять десятых миллиграмма"),
    # lines of the catalog, with the numbers the service puts in them
    ("Вариант лечения номер 1, всего их 5: Химиотерапия.", "Вариант лечения номер один, всего их пять: Химиотерапия."),
    ("Раздел 1 из 7: Химиотерапия.", "Раздел один из семи: Химиотерапия."),
    ("В этом переводе 21 фрагмент текста; медицинский специалист проверил 3 из них.",
     "В этом переводе двадцать один фрагмент текста; медицинский специалист проверил три из них."),
    ("Этот перевод 28 ноября 2026 г. проверил медицинский специалист (онколог).",
     ("Этот перевод двадцать восьмого ноября две тысячи двадцать шестого года проверил медицинский специалист"
      " (онколог).")),
    ("Назад на 10 секунд", "Назад на десять секунд"),
    ("Размер текста 120%", "Размер текста сто двадцать процентов"),
    ("Назад к темам.", f"Назад {K} темам."),
    ("Пациентам стоит подумать о втором мнении.", "Пациентам стойт подумать о втором мнении."),
    # abbreviations of leaflets
    ("т. е. опухоль, и т. д.", "то есть опухоль, и так далее"),
    ("в/в капельно", "внутривенно капельно"),
    ("№ 5", "номер пять"),
    # list numbering is left for the pipeline to drop
    ("1. Химиотерапия", "Химиотерапия"),
]


@pytest.mark.parametrize("written, spoken", CASES, ids=[written for written, _ in CASES])
def test_russian_is_spoken_as_a_speaker_says_it(written, spoken, tmp_path):
    assert normalize_for_speech(written, "ru", tmp_path) == spoken


def test_the_rules_leave_no_digits_or_latin_units_behind(tmp_path):
    for written, _ in CASES:
        said = normalize_for_speech(written, "ru", tmp_path)
        assert not any(c.isdigit() for c in said), said
        assert "mg" not in said and "IV" not in said, said


def test_acronyms_said_by_their_letters_are_named():
    assert {"кт", "мрт"} <= spelled_rightly("ru")


def test_no_rules_module_is_over_300_lines():
    for module in Path(ru.__file__).parent.glob("ru*.py"):
        assert len(module.read_text(encoding="utf-8").splitlines()) <= 300, module.name


def engine_reads(written: str):
    return read_aloud(normalize_for_speech(written, "ru", LEXICONS, TERMBASE), "zle/ru")


@pytest.mark.speech
@pytest.mark.parametrize("written, heard, not_heard", [
    # четвёртой стадии, and the stress of мезотелиёма (not мезоте́лиома)
    ("При мезотелиоме 4-й стадии.", ["tS;itv;'8rtVj st'Ad;iI", "l;i'8m"], ["tS;It'yR;I", "t;'el;iVm"]),
    ("Пациенты с мезотелиомой IV стадии.", ["tS;itv;'8rtVj st'Ad;iI"], ["(en)"]),
    ("Рак стадии IV.", ["st'Ad;iI tS;it'yr;i"], ["(en)"]),
    ("Вариант лечения 3 из 5.", ["'Is p;at;'I"], ["p;'jat;"]),  # из пяти, not из пять
    ("Примите 12,5 мг.", ["ts'Elyx p;'At; d;is;'Atyx", "g@-r'AVmm"], ["(en)"]),
    ("Объём — 1 000 мл.", ["t'ys;VtS;V"], ["n'ojl"]),  # тысяча, not "один ноль ноль ноль"
    ("Нажмите клавишу Enter.", ["'EntE2r"], ["(en)"]),
    ("Назад к темам.", ["k t;'emVm"], ["k'A"]),
    ("Пациентам стоит подумать.", ["st'ojt"], ["stV'it"]),
])
def test_espeak_says_what_a_speaker_says(written, heard, not_heard):
    reading = engine_reads(written)
    for piece in heard:
        assert piece in reading.phonemes, reading.phonemes
    for piece in not_heard:
        assert piece not in reading.phonemes, reading.phonemes
    assert reading.problems(spelled_rightly("ru")) == [], reading


@pytest.mark.speech
def test_acronyms_are_read_by_their_letters_and_allowed():
    reading = engine_reads("КТ и МРТ показали опухоль.")
    assert reading.spelled  # espeak-ng does spell them: the list is what lets them pass
    assert reading.problems(spelled_rightly("ru")) == []
