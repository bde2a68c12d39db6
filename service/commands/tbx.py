"""The term base as TBX (ISO 30042), for translators' tools, written by
translate-toolkit: one termEntry per concept, a langSet per language, the
approved target marked preferred, the gloss (``also``) admitted and the forms
that change the meaning deprecated (TBX-Basic's administrativeStatus)."""

from __future__ import annotations

from lxml import etree
from translate.storage import tbx

from ..content.termbase import TermBase

STATUS = "administrativeStatus"


def _mark_terms(unit, lang: str, statuses: list[str], note: str | None) -> None:
    language = unit.get_target_dom(lang)
    for tig, status in zip(language.findall(unit.namespaced("tig")), statuses):
        etree.SubElement(tig, unit.namespaced("termNote"), type=STATUS).text = status
    if note:
        etree.SubElement(language, unit.namespaced("note")).text = note


def export_tbx(terms: TermBase, languages: list[str]) -> bytes:
    store = tbx.tbxfile(sourcelanguage="en")
    for concept in terms:
        unit = store.addsourceunit(concept.en)
        unit.setid(concept.id)
        for lang in languages:
            term = concept.terms.get(lang)
            if term is None:
                continue
            texts = [term.target, *([term.also] if term.also else []), *term.avoid]
            unit.set_target_terms(texts, lang=lang)
            statuses = (["preferredTerm-admn-sts"] + ["admittedTerm-admn-sts"] * bool(term.also)
                        + ["deprecatedTerm-admn-sts"] * len(term.avoid))
            _mark_terms(unit, lang, statuses, term.note)
    return bytes(store)
