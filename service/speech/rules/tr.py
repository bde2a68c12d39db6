"""Turkish: ordinals are written as a number and a full stop ("4. evre")."""

import re

from num2words import num2words

ABBREVIATIONS = {"vb.": "ve benzeri", "vs.": "vesaire", "Dr.": "Doktor", "Prof.": "Profesör", "örn.": "örneğin"}

# A lowercase word after "4." tells an ordinal from the end of a sentence.
ORDINAL = re.compile(r"\b(\d{1,3})\.(?=\s+[a-zçğıöşü])")


def normalize(text: str) -> str:
    return ORDINAL.sub(lambda m: num2words(int(m.group(1)), lang="tr", to="ordinal"), text)
