"""The term check of ``flask translations status``: where an English message
uses a term of the term base, its translation uses that term's approved
form, inflected as the sentence needs (the target's words at the start of
words, their endings free), or a translator says why not.

The note is a translator comment (``#`` in the PO file, which PO editors and
``flask translations update`` keep) that starts with the English term and a
colon: ``# pleural cavity: "в полости между листками плевры" explains it``.
"""

from __future__ import annotations

import re

from babel.messages.catalog import Catalog, Message

from ..content.termbase import Concept, TermBase, starts_a_word
from .catalogs import is_translated, sources_of, strings_of


def explained(message: Message, concept: Concept) -> bool:
    """Whether a translator comment of ``message`` says why it does not use the term."""
    prefix = f"{concept.en.casefold()}:"
    return any(comment.strip().casefold().startswith(prefix) for comment in message.user_comments)


def term_problems(catalog: Catalog, terms: TermBase, lang: str) -> list[tuple[Message, Concept]]:
    """Each translated message and term whose approved form it lacks, unexplained.

    Longer terms come first; where one is used rightly, the shorter terms
    inside it are not looked for there ("palliative surgery" is
    "паллиативная хирургия", whatever "surgery" alone is)."""
    prefixes = terms.prefixes.get(lang, ())
    concepts = sorted(terms, key=lambda c: -len(c.en))
    found = []
    for message in catalog:
        if not message.id or not is_translated(message):
            continue
        english, translation = " ".join(sources_of(message)), " ".join(strings_of(message))
        for concept in concepts:
            term = concept.terms.get(lang)
            if term is None or not starts_a_word(concept.en, english):
                continue
            if term.found_in(translation, prefixes) or explained(message, concept):
                english = re.sub(rf"(?<!\w){re.escape(concept.en)}", "…", english, flags=re.IGNORECASE)
            else:
                found.append((message, concept))
    return found


def term_findings(path, catalog: Catalog, terms: TermBase, lang: str) -> list[str]:
    return [
        f"{path}:{message.lineno}: the English uses '{concept.en}', the translation lacks "
        f"'{concept.terms[lang].target}' (use it, or say why in a comment '# {concept.en}: ...')"
        for message, concept in term_problems(catalog, terms, lang)
    ]
