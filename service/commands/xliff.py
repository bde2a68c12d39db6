"""XLIFF 1.2 for translation agencies and their CAT tools, written and read
by translate-toolkit (its gettext-flavoured XLIFF: plural messages are
groups of units, as po2xliff writes them).

A unit's id is the message's msgctxt (its msgid where it has none); its
notes carry the translator comments, the term base's terms that occur in
its English, and who reviewed it; its target's ``state`` is the review
state: final (a review holds), translated, needs-review-translation (fuzzy,
or its review no longer holds), new (untranslated).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import click
from babel.messages.catalog import Catalog, Message
from lxml import etree
from translate.misc.multistring import multistring
from translate.storage import poxliff

from ..content.reviews import OUTDATED, REVIEWED, Reviewable, ReviewRecords
from ..content.termbase import TermBase
from .catalogs import is_translated, placeholder_problem, sources_of, strings_of

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
STATES = {"final": 121, "translated": 100, "needs-review-translation": 80, "new": 1}


class Xliff12Unit(poxliff.PoXliffUnit):
    namespace = NAMESPACE


class Xliff12(poxliff.PoXliffFile):
    """translate-toolkit's PO-flavoured XLIFF, declared as version 1.2."""

    UnitClass = Xliff12Unit
    namespace = NAMESPACE
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version="1.2" xmlns="{NAMESPACE}">
<file original="messages.po" source-language="en" datatype="po">
<body>
</body>
</file>
</xliff>"""


def unit_id(message: Message) -> str:
    return message.context or sources_of(message)[0]


def _state(message: Message, records: ReviewRecords) -> str:
    if not any(strings_of(message)):
        return "new"
    review = records.state(Reviewable(message.context, sources_of(message),
                                      strings_of(message) if is_translated(message) else None))
    if message.fuzzy or review[0] == OUTDATED:
        return "needs-review-translation"
    return "final" if review[0] == REVIEWED else "translated"


def _term_notes(message: Message, terms: TermBase, lang: str) -> list[str]:
    notes = []
    for concept in terms.used_in(" ".join(sources_of(message))):
        term = concept.terms.get(lang)
        if term:
            extra = [f"also: {term.also}"] * bool(term.also) + [f"never: {', '.join(term.avoid)}"] * bool(term.avoid)
            notes.append(f"{concept.en} = {term.target}" + "".join(f"; {e}" for e in extra))
    return notes


def export_xliff(catalog: Catalog, terms: TermBase, records: ReviewRecords, lang: str) -> bytes:
    store = Xliff12(sourcelanguage="en", targetlanguage=lang)
    for message in catalog:
        if not message.id:
            continue
        plural = isinstance(message.id, (list, tuple))
        unit = store.addsourceunit(multistring(list(sources_of(message))) if plural else message.id, "messages.po")
        unit.setid(unit_id(message))
        if any(strings_of(message)):
            unit.target = multistring(list(strings_of(message))) if plural else message.string
        state = _state(message, records)
        for part in getattr(unit, "units", None) or [unit]:
            part.set_state_n(STATES[state])
            part.markapproved(state == "final")
        if message.context:
            unit.addnote(f"msgctxt: {message.context}", origin="developer")
        for comment in message.auto_comments:
            unit.addnote(comment, origin="developer")
        if message.user_comments:  # one note: the PO file wraps a long comment over several lines
            unit.addnote("\n".join(message.user_comments), origin="translator")
        for note in _term_notes(message, terms, lang):
            unit.addnote(f"term: {note}", origin="termbase")
        review = records.state(Reviewable(message.context, sources_of(message), strings_of(message)))[1]
        if state == "final" and review:
            unit.addnote(f"reviewed on {review.date.isoformat()} by: {review.role}", origin="review")
    return _as_version_1_2(bytes(store))


def _as_version_1_2(data: bytes) -> bytes:
    """translate-toolkit writes the units of a plural message in XLIFF 1.1's
    namespace whatever the file's: moved into 1.2's with the rest."""
    old = "{urn:oasis:names:tc:xliff:document:1.1}"
    root = etree.fromstring(data)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith(old):
            element.tag = f"{{{NAMESPACE}}}" + element.tag[len(old):]
    etree.cleanup_namespaces(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@dataclass
class ImportResult:
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    empty: int = 0


def _is_fuzzy_in_file(unit) -> bool:
    parts = getattr(unit, "units", None) or [unit]
    states = {part.xmlelement.find(part.namespaced("target")).get("state") for part in parts
              if part.xmlelement.find(part.namespaced("target")) is not None}
    return any(state and (state.startswith("needs-") or state == "new") for state in states)


def read_xliff(data: bytes):
    try:
        return Xliff12.parsestring(data)
    except Exception as error:  # lxml and translate-toolkit raise several kinds for a broken file
        raise click.ClickException(f"not an XLIFF file translate-toolkit can read: {error}") from None


def import_xliff(store, catalog: Catalog) -> ImportResult:
    """Takes the translations of ``store`` into ``catalog``, or refuses the whole
    file (changing nothing) if any unit's English is not the catalog's now or
    any translation breaks a placeholder. An empty target leaves the
    translation there alone; a unit the CAT tool still marks as needing
    review comes in fuzzy."""
    messages = {unit_id(m): m for m in catalog if m.id}
    stale, broken, updates = [], [], []
    for unit in store.unit_iter():
        uid = unit.getid().split("\x04")[-1]
        message = messages.get(uid)
        sources = tuple(str(s) for s in getattr(unit.source, "strings", [unit.source]))
        if message is None or sources[:len(sources_of(message))] != sources_of(message)[:len(sources)]:
            stale.append(uid)
            continue
        targets = tuple(str(s) for s in getattr(unit.target, "strings", [unit.target or ""]))
        if isinstance(message.id, (list, tuple)):
            targets = targets[:catalog.num_plurals]
        updates.append((uid, message, targets, _is_fuzzy_in_file(unit)))
        problem = placeholder_problem(sources_of(message), targets)
        if problem:
            broken.append(f"{uid}: {problem}")
    if stale:
        raise click.ClickException("the English of these units is no longer the catalog's (export again):\n  "
                                   + "\n  ".join(stale))
    if broken:
        raise click.ClickException("these translations break placeholders:\n  " + "\n  ".join(broken))
    result = ImportResult()
    for uid, message, targets, fuzzy in updates:
        if not all(targets) or len(targets) != len(strings_of(message)):
            result.empty += 1
            continue
        if targets == strings_of(message) and (fuzzy or not message.fuzzy):
            result.unchanged += 1
            continue
        message.string = list(targets) if isinstance(message.id, (list, tuple)) else targets[0]
        (message.flags.add if fuzzy else message.flags.discard)("fuzzy")
        result.changed.append(uid)
    return result
