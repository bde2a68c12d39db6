"""Persian (Farsi): what the engine hears for what is written
(service/speech/rules/fa.py and fa_numbers.py, then
audio_templates/lexicon/fa.toml), and what espeak-ng's ira/fa voice makes of
it."""

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from service.config import PROJECT_DIR
from service.speech.normalize import normalize_for_speech
from service.speech.phonemes import read_aloud
from service.speech.rules import fa

LEXICON = PROJECT_DIR / "audio_templates" / "lexicon"
TERMBASE = PROJECT_DIR / "translations" / "termbase.toml"  # the respellings of its terms
CATALOG = PROJECT_DIR / "translations" / "fa" / "LC_MESSAGES" / "messages.po"
ZWNJ = "\u200c"
VOICE = "ira/fa"


def spoken(text: str) -> str:
    return normalize_for_speech(text, "fa", LEXICON, TERMBASE)


@pytest.mark.parametrize(
    "written, said",
    [
        # Cardinals, in all three sets of digits; "۳ از ۵" as the reference reads it.
        ("مزوتلیومای مرحلهٔ ۴", "مِزُتِلیُمایِ مرحلهٔ چهار"),
        ("مرحلهٔ ٤", "مرحلهٔ چهار"),
        ("گزینهٔ درمانی 3 از 5: جراحی تسکینی.", "گزینهٔ درمانی سه از پنج: جراحی تسکینی."),
        ("۳ از ۵", "سه از پنج"),
        ("۱۰ ثانیه به عقب", "ده ثانیه به عقب"),
        ("۳بار در روز", "سه بار در روز"),
        ("۲۴۵ بیمار", "دویست و چهل و پنج بیمار"),
        # Digit groups, however they are separated.
        ("۱٬۰۰۰ بیمار", "هزار بیمار"),
        ("۱ ۰۰۰ بیمار", "هزار بیمار"),
        ("1,250,000", "یک میلیون و دویست و پنجاه هزار"),
        ("۰۲۱۸۸۱۲۳۴۵", "صفر دو یک هشت هشت یک دو سه چهار پنج"),
        # Ordinals: -م after the noun, -مین before it; 1 is اول, 30 is سی‌ام.
        ("مرحلهٔ ۴ام", "مرحلهٔ چهارم"),
        ("مرحلهٔ ۴-ام", "مرحلهٔ چهارم"),
        ("۴مین مرحله", "چهارمین مرحله"),
        ("۳امین جلسهٔ شیمی‌درمانی", "سومین جلسهٔ شیمی‌درمانی"),
        ("جلسهٔ ۲۱ام", "جلسهٔ بیست و یکم"),
        ("جلسهٔ ۳۰ام", f"جلسهٔ سی{ZWNJ}اُم"),
        ("۱مین جلسه", "اولین جلسه"),
        ("در سال ۱۹۹۰م", "در سال هزار و نهصد و نود میلادی"),  # a year, not the 1990th
        ("۱۲ فروردین ۱۴۰۵", "دوازدهم فروردین هزار و چهارصد و پنج"),
        ("۱۴۰۵/۰۱/۱", "یکم فروردین هزار و چهارصد و پنج"),
        ("در تاریخ 28 نوامبر 2026", "در تاریخ بیست و هشتم نوامبر دو هزار و بیست و شش"),  # Babel's long date
        # Stages, grades and phases: cardinal, with the ezafe written.
        ("مرحله ۴", "مرحلهٔ چهار"),
        (f"مرحله{ZWNJ}ی ۴", "مرحلهٔ چهار"),
        ("مرحلۀ ۴", "مرحلهٔ چهار"),
        (f"پرده{ZWNJ}ی ریه", "پردهٔ ریه"),
        ("مرحله IV", "مرحلهٔ چهار"),
        ("مزوتلیومای مرحلهٔ III", "مِزُتِلیُمایِ مرحلهٔ سه"),
        ("کارآزمایی بالینی فاز II", "کارآزماییِ بالینی فازِ دو"),
        ("قرن XXI", "قرنِ بیست و یکم"),
        ("IV", "چهار"),
        # Decimal marks said "ممیز"; percentages; units, singular after any number.
        ("۲٫۵ میلی‌گرم", "دو ممیز پنج میلیگِرَم"),
        ("2.5 mg", "دو ممیز پنج میلیگِرَم"),
        ("۲/۵ mg", "دو ممیز پنج میلیگِرَم"),
        ("۱۲,۵ میلی‌گرم", "دوازده ممیز پنج میلیگِرَم"),
        ("۰٫۰۵ ml", "صفر ممیز صفر پنج میلیلیتْر"),
        ("۵۰٪ بیماران", "پنجاه درصد بیماران"),
        ("٪۵۰ بیماران", "پنجاه درصد بیماران"),
        ("۱۲٫۵%", "دوازده ممیز پنج درصد"),
        ("۲۰–۳۰٪", "بیست تا سی درصد"),
        ("۱ mg", "یک میلیگِرَم"),
        ("۵mg", "پنج میلیگِرَم"),
        ("۷۵ mg/m2", "هفتاد و پنج میلیگِرَم بر مترِ مربع"),
        ("۳ cm و ۱۰ mm", "سه سانتی‌متر و ده میلیمِتر"),
        ("۷۰ kg", "هفتاد کیلوگرم"),
        ("۵ گرم", "پنج گِرَم"),
        ("آب گرم", "آب گرم"),  # "warm" is not a gram
        ("۲-۳ هفته", "دو تا سه هفته"),
        ("ساعت ۱۰:۳۰", "ساعت ده و سی دقیقه"),
        # Abbreviations and Latin letters, which espeak says with its English voice.
        ("ساعت ۸ ق.ظ. مصرف شود", "ساعت هشت قبل از ظهر مصرف شود"),
        ("Dr. رضایی", "دکتر رضایی"),
        ("CT اسکن و MRI", f"سی{ZWNJ}تی اسکن و اِم{ZWNJ}آر{ZWNJ}آی"),
        ("ویتامین D", "ویتامین دیی"),
        ("گروه خونی O+", "گروه خونی ئُ مثبت"),
        ("HER2+", f"اِچ{ZWNJ}ای{ZWNJ}آر دو مثبت"),
        ("هپاتیت نوع C", "هپاتیت نوع سی"),  # a letter, not a hundred
        ("۱. شیمی‌درمانی", "شیمی‌درمانی"),
        ("كنترل درد", "کنترلِ درد"),  # Arabic kaf
        # The kiosk's help, as the catalog has it.
        ("برای انتخاب یک مورد، کلید Enter را فشار دهید.", "برای انتخابِ یک مورد، کلیدِ اینتر را فشار دهید."),
        ("برای شنیدن دوبارهٔ همان مورد، کلید R را فشار دهید.",
         "برای شِنیدنِ دوبارهٔ همان مورد، کلیدِ آر را فشار دهید."),
        ("کلید به‌علاوه (+) یا کلید منها (-) را فشار دهید.", "کلیدِ به‌علاوه یا کلیدِ منها را فشار دهید."),
        # The topic, as the catalog has it: terms respelt, ezafe spoken, ZWNJ kept.
        ("مزوتلیومای مرحلهٔ ۴، مرحله‌ای پیشرفته و معمولاً بدون درمان قطعی از این سرطان تهاجمی است.",
         "مِزُتِلیُمایِ مرحلهٔ چهار، مرحله‌ای پیشرفته و معمولاً بدون درمانِ قطعی از این سرطانِ تهاجمی است."),
        ("مانند پلورودز یا پلورکتومی برای کاهش تجمع مایع در فضای پلور",
         "مانند پْلُرُدِز یا پْلُرِکْتُمی برای کاهشِ تجمعِ مایع در فضای پْلُر"),
        ("خطر عود (بازگشت بیماری) کاهش یابد.", "خطرِ عُود (بازگشتِ بیماری) کاهش یابد."),
        ("قرار گرفتن در معرض آزبست", "قرار گرفتن در معرض آزبِست"),
        ("شیمی‌درمانی و درمان‌ناپذیر", "شیمی‌درمانی و درمان‌ناپذیر"),
    ],
)
def test_what_is_written_is_said_as_a_speaker_says_it(written, said):
    assert spoken(written) == said


def test_a_unit_after_a_number_stays_singular_whatever_the_plural_category():
    # CLDR gives fa two categories, but a Persian noun after a number is singular.
    locale = Locale("fa")
    assert locale.plural_form(1) != locale.plural_form(5)
    assert spoken("۱ mg").split()[-1] == spoken("۵ mg").split()[-1] == spoken("۰٫۵ mg").split()[-1]


def catalog_strings():
    with CATALOG.open("rb") as handle:
        for message in read_po(handle):
            for text in message.string if isinstance(message.string, tuple) else [message.string]:
                if message.id and text:
                    yield text


def test_the_rules_keep_every_zero_width_non_joiner_of_the_catalog():
    texts = [t for t in catalog_strings() if ZWNJ in t]
    assert len(texts) > 20
    lost = [t for t in texts if fa.normalize(t).count(ZWNJ) < t.count(ZWNJ)]
    assert lost == []


def test_roman_numerals_are_read_by_their_value():
    assert [fa.roman_value(n) for n in ("I", "IV", "IX", "XIV", "XXI", "XXXIX")] == [1, 4, 9, 14, 21, 39]


@pytest.mark.speech
@pytest.mark.parametrize(
    "written, heard, not_heard",
    [
        ("مرحلهٔ ۴ام", "m,aRhal'e:je tS'AhAR,om", None),  # chahārom
        ("۴مین مرحله", "tS'AhAR,omin maRh'ale:", None),  # chahāromin
        ("مزوتلیومای مرحلهٔ ۴", "m,ezot,eljom'Aje m,aRhal'e:je tS'AhAR", "m,azu:t"),
        ("مرحله IV", "m,aRhal'e:je tS'AhAR", "(en)"),
        ("۲٫۵ mg", "d'o mom'ajjez p'andZ milig'eRam", "v'iRgul"),  # not "comma"
        ("2.5 mg", "mom'ajjez", "noqt'e:"),  # not "point"
        ("۵۰٪ بیماران", "pandZ'Ah daRs'ad", None),
        ("۱٬۰۰۰ بیمار", "h'ezAR bim'AR", "sefR"),
        ("کلید Enter را فشار دهید.", "kel'ide 'inteR", "(en)"),
        ("سرطان تهاجمی", "s,aRat'Ane t,ahAdZ'omi", None),  # saratān-e
        ("خطر عود", "xat'aRe ?'ovd", "'u:d"),  # 'owd, not the lute
        ("CT اسکن", "s'it'i", "(en)"),
    ],
)
def test_espeak_says_what_a_speaker_says(written, heard, not_heard):
    reading = read_aloud(spoken(written), VOICE)
    assert heard in reading.phonemes, reading.phonemes
    assert not_heard is None or not_heard not in reading.phonemes, reading.phonemes
    assert reading.problems() == []

