"""English (the source language)."""

ABBREVIATIONS = {"e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "Dr.": "Doctor", "vs.": "versus"}
