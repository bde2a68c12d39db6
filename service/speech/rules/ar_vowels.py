"""Vowel marks for Arabic, so that espeak-ng (sem/ar) says words, not consonants.

espeak-ng reads an unvocalised word missing from its dictionary as bare
consonants (متقدمة -> "mtqdmt"). ``vocalise`` gives each such word its marks:

1. (rules/ar.py: lexicon entries behind the prefixes و ف ب ل ك and the
   article, and the words of its VOCALISED, are given their marks first;)
2. words whose vowels depend on the word before (أَيْ / أَيّ, آخَر / آخِر, the
   verb تُقَدِّم after قد and أن);
3. the other words by mishkal (0.4.1), one run of words between punctuation
   at a time: it deletes ":" and brackets and joins the words around them;
4. mishkal's output made pausal (its case endings are often wrong) and spelled
   as espeak-ng reads it (``spell_for_espeak``).

A word already written with its vowel marks (the lexicon's, the numbers')
is kept as it is, and so are the words ``as_written``.
"""

from __future__ import annotations

import atexit
import os
import queue
import re
import threading
from concurrent.futures import Future
from contextlib import suppress
from functools import lru_cache

FATHA, DAMMA, KASRA, SUKUN, SHADDA = "\u064e", "\u064f", "\u0650", "\u0652", "\u0651"
VOWELS = "\u064b\u064c\u064d\u064e\u064f\u0650"  # the tanwins, fatha, damma, kasra
MARKS = VOWELS + SUKUN + SHADDA + "\u0670"
LETTERS = "\u0621-\u063a\u0641-\u064a\u0671"
WORD = re.compile(rf"[{LETTERS}][{LETTERS}{MARKS}]*")
TOKEN = re.compile(rf"[{LETTERS}][{LETTERS}{MARKS}]*|[ \u00a0]+|[^ \u00a0{LETTERS}]+")
ANY_MARK = re.compile(f"[{MARKS}]")
CONSONANTS = "\u0621-\u0626\u0628-\u063a\u0641-\u0647"  # not ا و ى ي
SUN_LETTERS = "تثدذرزسشصضطظلن"
WASLA_ALIF = "\u0671"
NOT_A_LETTER_BEFORE = rf"(?<![\w{MARKS}])"
NOT_A_LETTER_AFTER = rf"(?![\w{MARKS}])"

# --- espeak-ng's reading of vowel marks (checked with `espeak-ng -x -v sem/ar`) ---
# NFC puts the vowel before the shadda; espeak-ng then drops the vowel.
VOWEL_THEN_SHADDA = re.compile(f"([{VOWELS}])({SHADDA})")
# A consonantal و or ي (with a vowel, or doubled) where it could be a long vowel
# or a diphthong is read as one: خِيَار -> "Xi:a:R", يُوَجِّه -> "ju:adZ:ih",
# نُمُوَّهَا -> "numu:aha:". Written twice (خِيْيَار) it is read "Xi:ja:R". Not before a
# damma or kasra after one (أَخِصَّائِيُّون, -iyyīn), which then reads "i:u:u:na".
GLIDE = re.compile(f"(?<={FATHA})([وي]){SHADDA}?([{FATHA}{DAMMA}{KASRA}])"
                   f"|(?<={KASRA})(ي){SHADDA}?({FATHA})|(?<={DAMMA})(و){SHADDA}?({FATHA})")
# The alif after the و of a plural verb (اِضْغَطُوا) is silent; espeak-ng says "u:a:".
SILENT_ALIF = re.compile(f"(?<={DAMMA}و)ا$")
# The article before a sun letter: espeak-ng doubles the letter itself, and a
# shadda written there makes it three (الثَّالِث -> "?aTTTa:liT").
ARTICLE_SHADDA = re.compile(f"^ال([{SUN_LETTERS}]){SHADDA}")
# بِـ + article: espeak-ng reads "بِال" as "bi-a:l"; it says "bil-" for "بِٱلْ",
# and "bish-sh" for "بِشِّ" (the article before a sun letter, assimilated).
BI_ARTICLE_SUN = re.compile(f"(^|^[وف]{FATHA})ب{KASRA}?ال([{SUN_LETTERS}]){SHADDA}?")
# An alif of liaison after a prefix (وَاحْتِيَاجَات, لِاسْتِهْدَاف, بِالْمَرَض) is silent,
# but espeak-ng reads a bare alif there as a long "a:": alif wasla it skips.
WASLA = re.compile(f"(?<=[{KASRA}])ا[{FATHA}{KASRA}{DAMMA}]?|(?<=^[وفبلك][{FATHA}{KASRA}])ا[{KASRA}{DAMMA}]"
                   f"|(?<=^[وفبلك][{FATHA}{KASRA}])ا(?=[{LETTERS}]{SUKUN}[{LETTERS}])")


# After the article an alif of liaison is silent and the lam takes a kasra
# (الِانْتِكَاس, لِلِانْتِقَال); espeak-ng says "al?intika:s" for الْاِنْتِكَاس.
ARTICLE_WASLA = re.compile(f"^((?:[وفبك][{FATHA}{KASRA}]?)?ال|ل{KASRA}?ل){SUKUN}?ا[{KASRA}{DAMMA}]?"
                           f"(?=[{LETTERS}][{SUKUN}{SHADDA}])")


def spell_for_espeak(word: str) -> str:
    word = VOWEL_THEN_SHADDA.sub(r"\2\1", word)
    word = GLIDE.sub(lambda m: "{0}{2}{0}{1}".format(*[g for g in m.groups() if g], SUKUN), word)
    word = SILENT_ALIF.sub("", word)
    word = ARTICLE_SHADDA.sub(r"ال\1", word)
    word = ARTICLE_WASLA.sub(lambda m: m[1] + KASRA + WASLA_ALIF, word)
    word = BI_ARTICLE_SUN.sub(rf"\1ب{KASRA}\2{SHADDA}", word)
    return WASLA.sub(WASLA_ALIF, word)


# --- mishkal's output made pausal ---
FINAL_VOWELS = re.compile(f"[{VOWELS}]+$")
ALIF_FATHA = re.compile(f"ا{FATHA}")
BARE_SHADDA = re.compile(f"{SHADDA}(?=[{LETTERS}])")
BARE_HAMZA = {"أ": "أ" + FATHA, "إ": "إ" + KASRA}
# A consonant mishkal left bare before a long vowel (الرَّقيقَة): espeak-ng says a
# short "i" for "qi:"; the vowel the long one lengthens is written.
LONG_VOWEL = {"ي": KASRA, "و": DAMMA}
BEFORE_LONG_VOWEL = re.compile(f"(?<=[{MARKS}])([{CONSONANTS}])([يو])(?=[{LETTERS}])")
HAMZA_WITHOUT_VOWEL = re.compile(f"([أإ])(?=[{LETTERS}])")
# Final vowels that belong to the word, not to its case.
KEEP_FINAL = {"هو", "هي", "وهو", "وهي", "فهو", "فهي", "ثم"}


def pausal(word: str, next_word: str = "") -> str:
    """A word as said in connected pausal reading: without its case ending,
    "-ah" for "ة" (but "-at" in a construct before the article: عَوْدَة الْمَرَض)."""
    word = VOWEL_THEN_SHADDA.sub(r"\2\1", word)
    word = ALIF_FATHA.sub("ا", word)
    if skeleton(word) not in KEEP_FINAL:
        word = FINAL_VOWELS.sub("", word)
    word = BARE_SHADDA.sub(SHADDA + FATHA, word)  # أَنّهُ -> أَنَّه, not "?annhu"
    word = HAMZA_WITHOUT_VOWEL.sub(lambda m: BARE_HAMZA[m.group(1)], word)
    word = BEFORE_LONG_VOWEL.sub(lambda m: m[1] + LONG_VOWEL[m[2]] + m[2], word)
    if word.startswith("و") and word[1:2] and not ANY_MARK.match(word[1]):
        word = "و" + FATHA + word[1:]  # the conjunction, which mishkal leaves bare
    if word.endswith("ة"):
        stem = word[:-1].rstrip(FATHA)
        stem += "" if stem.endswith("ا") else FATHA  # حَيَاة: the alif is the vowel
        construct = next_word.startswith("ال") and not skeleton(word).startswith("ال")
        word = stem + ("ة" if construct else "ه")
    return word


def skeleton(word: str) -> str:
    return ANY_MARK.sub("", word).replace("\u0671", "ا")


def fully_vocalised(word: str) -> bool:
    """Written with its marks (by the lexicon or the number rules): every letter
    but the last, the article and the long vowels has one."""
    base = [(i, c) for i, c in enumerate(word) if c not in MARKS]
    for n, (i, letter) in enumerate(base[:-1]):
        marked = i + 1 < len(word) and word[i + 1] in MARKS
        before = word[i - 1] if i else ""
        if marked or letter in "اىآٱ" or (letter in "وي" and before in FATHA + DAMMA + KASRA):
            continue
        if letter == "ل" and n and base[n - 1][1] in "اٱل" and n <= 3:
            continue  # the article (ال، وال، لل)
        return False
    return True


# --- words whose vowels the word before decides ---
CONJUNCTION = {"": "", "و": "وَ", "ف": "فَ"}
# "(أي يهدف" / ": أي لا يمكن": "that is" (أَيْ); elsewhere "any" (أَيّ), as mishkal says.
THAT_IS = re.compile(rf"(^|[(:،,؛]\s*)([وف]?)أي{NOT_A_LETTER_AFTER}")
# After a noun, "another" (طبيب آخَر); after a preposition or first, "last" (آخِر مراجعة).
AKHAR = re.compile(rf"([{LETTERS}{MARKS}]+) آخر{NOT_A_LETTER_AFTER}")
PREPOSITIONS = {"في", "من", "إلى", "على", "عن", "حتى"}
# After قد, أن, لا, لن, لم a verb, not the noun: تُقَدِّم (offers), not تَقَدُّم (progress).
VERBS = {"تقدم": "تُقَدِّم", "يقدم": "يُقَدِّم", "تحسن": "تُحَسِّن", "يحسن": "يُحَسِّن"}
PARTICLE_VERB = re.compile(rf"{NOT_A_LETTER_BEFORE}([وف]?(?:قد|أن|لا|لن|لم)) ({'|'.join(VERBS)}){NOT_A_LETTER_AFTER}")
# أن before an imperfect verb is "an" (أَنْ يظهر), not "anna" (mishkal's أَنَّ).
AN_VERB = re.compile(rf"{NOT_A_LETTER_BEFORE}([وف]?)أن(?= [يتن][{MARKS}]*[{LETTERS}])")


def context(text: str) -> str:
    text = THAT_IS.sub(lambda m: f"{m.group(1)}{CONJUNCTION[m.group(2)]}أَيْ", text)
    text = PARTICLE_VERB.sub(lambda m: f"{m.group(1)} {VERBS[m.group(2)]}", text)
    text = AN_VERB.sub(lambda m: f"{CONJUNCTION[m.group(1)]}أَنْ", text)
    return AKHAR.sub(lambda m: m.group(0) if skeleton(m.group(1)).lstrip("وف") in PREPOSITIONS
                     else f"{m.group(1)} آخَر", text)


# --- mishkal ---
# mishkal reads its dictionaries through sqlite, whose objects only work in the
# thread that made them: every call goes to one thread of this process (made
# again after a fork), which also keeps the calls one at a time. At exit that
# thread lets go of them, so that they close where they were opened.
_lock = threading.Lock()
_process: dict = {"pid": None}


def _serve(jobs: queue.SimpleQueue) -> None:
    vocaliser = None
    while True:
        text, result = jobs.get()
        if text is None:
            del vocaliser  # its dictionaries close here, in their own thread
            result.set_result(None)
            return
        try:
            if vocaliser is None:
                import mishkal.tashkeel  # a second to load: only when Arabic is first spoken

                vocaliser = mishkal.tashkeel.TashkeelClass()
            result.set_result(vocaliser.tashkeel(text).split())
        except Exception as error:  # noqa: BLE001 - the caller raises it
            result.set_exception(error)


def _jobs() -> queue.SimpleQueue:
    with _lock:
        if _process["pid"] != os.getpid():
            jobs = queue.SimpleQueue()
            threading.Thread(target=_serve, args=(jobs,), name="mishkal", daemon=True).start()
            _process.update(pid=os.getpid(), jobs=jobs)
        return _process["jobs"]


def _tashkeel(text: str | None) -> list[str]:
    result: Future = Future()
    _jobs().put((text, result))
    return result.result()


@atexit.register
def _close() -> None:
    if _process["pid"] == os.getpid():
        result: Future = Future()
        _process["jobs"].put((None, result))
        with suppress(Exception):
            result.result(timeout=5)


@lru_cache(maxsize=8192)
def mishkal_words(run: str) -> tuple[str, ...]:
    """mishkal's vocalisation of a run of words, word for word; a word whose
    letters it changed (or a run it split otherwise) keeps the input's."""
    words = run.split()
    out = _tashkeel(run)
    if len(out) != len(words):
        out = [(_tashkeel(w) or [w])[0] for w in words]
    return tuple(o if skeleton(o) == skeleton(w) else w for o, w in zip(out, words))


def vocalise(text: str, as_written: frozenset[str] = frozenset()) -> str:
    text = context(text)
    tokens = TOKEN.findall(text)
    mishkal = [False] * len(tokens)
    run: list[int] = []  # indexes of the words of the current run

    def flush():
        if run:
            for i, word in zip(run, mishkal_words(" ".join(tokens[i] for i in run))):
                tokens[i], mishkal[i] = word, True
            run.clear()

    for i, token in enumerate(tokens):
        kept = token in as_written or (token[:1] in CONJUNCTION and token[1:] in as_written)
        if WORD.fullmatch(token) and not fully_vocalised(token) and not kept:
            run.append(i)
        elif not token.isspace():
            flush()
    flush()
    for i, token in enumerate(tokens):
        if mishkal[i]:
            following = tokens[i + 2] if i + 2 < len(tokens) and tokens[i + 1].isspace() else ""
            tokens[i] = pausal(token, skeleton(following))
    return "".join(spell_for_espeak(t) if WORD.fullmatch(t) else t for t in tokens)
