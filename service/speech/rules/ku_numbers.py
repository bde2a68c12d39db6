"""Kurmanji number words, written out because num2words has no Kurmanji and
espeak-ng's own number table reads every 4 as "car" (in 24, 400, 2024 too).

Compounds join every part with "û" (bîst û çar, hezar û nehsed û heştê û
çar); suffixes take a buffer "y" after a vowel (duyem, sêyan).
"""

from __future__ import annotations

import re

ONES = ["sifir", "yek", "du", "sê", "çar", "pênc", "şeş", "heft", "heşt", "neh",
        "deh", "yazdeh", "diwanzdeh", "sêzdeh", "çardeh", "panzdeh", "şanzdeh", "hivdeh", "hejdeh", "nozdeh"]
TENS = {2: "bîst", 3: "sî", 4: "çil", 5: "pêncî", 6: "şêst", 7: "heftê", 8: "heştê", 9: "nod"}
# Above a thousand: the word, and its size; "hezar" alone is 1000, as "sed" is 100.
SCALES = [(10**9, "milyar"), (10**6, "milyon"), (1000, "hezar")]
VOWELS = "aeêiîouû"

ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def cardinal(n: int) -> str:
    if n < 0:
        return f"mînus {cardinal(-n)}"
    if n < 20:
        return ONES[n]
    for size, word in SCALES:
        if n >= size:
            count, rest = divmod(n, size)
            # 1000 is "hezar", not "yek hezar"; a million is "yek milyon".
            head = word if (count == 1 and size == 1000) else f"{cardinal(count)} {word}"
            return head if rest == 0 else f"{head} û {cardinal(rest)}"
    if n >= 100:
        count, rest = divmod(n, 100)
        # Hundreds are one word: sed, dused, sêsed ... nehsed.
        head = "sed" if count == 1 else f"{ONES[count]}sed"
        return head if rest == 0 else f"{head} û {cardinal(rest)}"
    tens, rest = divmod(n, 10)
    return TENS[tens] if rest == 0 else f"{TENS[tens]} û {ONES[rest]}"


def attach(words: str, suffix: str) -> str:
    """``words`` with a suffix on its last word: a buffer y after a vowel
    (du + em -> duyem, sê + an -> sêyan), none after a consonant (çarem)."""
    suffix = suffix.removeprefix("y")
    return f"{words}y{suffix}" if words[-1] in VOWELS else f"{words}{suffix}"


def ordinal(n: int, before_noun: bool = False) -> str:
    """Yekem, duyem, çarem ... bîst û yekem; "-emîn" when it stands before
    its noun (çaremîn qonax), "-em" after it (qonaxa çarem)."""
    return attach(cardinal(n), "emîn" if before_noun else "em")


def oblique(n: int) -> str:
    """A numeral standing alone after a preposition takes the oblique plural:
    "yek ji pêncan", "ji dehan zêdetir"; one stays as it is."""
    return cardinal(n) if n == 1 else attach(cardinal(n), "an")


def decimal(whole: str, fraction: str) -> str:
    """12,5 -> "diwanzdeh xal pênc"; 0,05 -> "sifir xal sifir pênc". The
    fraction is read as a number after its leading zeros, as doses are said;
    a long one digit by digit, which is easier to follow."""
    head = f"{cardinal(int(whole or '0'))} xal"
    zeros = len(fraction) - len(fraction.lstrip("0"))
    rest = fraction[zeros:]
    said = ["sifir"] * zeros
    if rest and len(rest) <= 3:
        said.append(cardinal(int(rest)))
    elif rest:
        said += [ONES[int(digit)] for digit in rest]
    return f"{head} {' '.join(said)}"


def roman_value(numeral: str) -> int | None:
    """The value of a well-formed Roman numeral, or None ("IIII", "VX", "")."""
    if not numeral or not ROMAN.fullmatch(numeral):
        return None
    total = 0
    for letter, following in zip(numeral, [*numeral[1:], None]):
        value = ROMAN_VALUES[letter]
        total += -value if following and ROMAN_VALUES[following] > value else value
    return total
