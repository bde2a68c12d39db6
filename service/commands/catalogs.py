"""The catalogs as files: reading and writing PO files, merging the
template into them, and checking what would break at run time."""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

# %(name)s placeholders, as gettext and Jinja's {% trans %} write them.
PLACEHOLDER = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[sdifr]")
PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")
WIDTH = 76  # pybabel's, so a catalog written here differs only where it changed


def read_catalog(path: Path) -> Catalog:
    with Path(path).open("rb") as handle:
        return read_po(handle, abort_invalid=True)


def write_catalog(path: Path, catalog: Catalog) -> None:
    """Writes ``catalog`` whole to a temporary file, then renames it into
    place: a failure half-way never leaves a catalog half-written."""
    path = Path(path)
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("wb") as handle:
        # Without "#| msgid": Babel wraps a long previous msgid into lines PO editors misread.
        write_po(handle, catalog, width=WIDTH, sort_by_file=path.suffix == ".pot")
    temporary.replace(path)


def strings_of(message: Message) -> tuple[str, ...]:
    """The translation of a message, one string per plural form."""
    return tuple(message.string) if isinstance(message.string, (list, tuple)) else (message.string,)


def sources_of(message: Message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, (list, tuple)) else (message.id,)


def is_translated(message: Message) -> bool:
    return not message.fuzzy and all(strings_of(message))


def merge_template(catalog: Catalog, template: Catalog) -> None:
    """``pybabel update`` done in place, with one rule of ours: a topic's
    message is known by its msgctxt, so when its English changes the old
    translation stays beside the new English, marked fuzzy, however much the
    English changed. Babel alone
    keeps it only while the texts are alike, and drops it otherwise."""
    before = {m.context: (m.id, m.string, m.fuzzy) for m in catalog if m.id and m.context}
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
    for message in catalog:
        if not message.id or message.context not in before:
            continue
        old_id, old_string, old_fuzzy = before[message.context]
        if old_id == message.id:
            message.string = old_string
            (message.flags.add if old_fuzzy else message.flags.discard)("fuzzy")
        elif any(strings_of(Message(old_id, old_string))):
            message.string = old_string
            message.flags.add("fuzzy")
    catalog.obsolete.clear()  # as --ignore-obsolete: what no template has is gone


@dataclass
class CatalogReport:
    language: str
    path: Path
    translated: int = 0
    fuzzy: int = 0
    missing: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems


def _plural_problem(header: str | None) -> str | None:
    if header is None:
        return None
    match = PLURAL_FORMS.match(header)
    if not match:
        return f"the Plural-Forms header '{header}' is not 'nplurals=N; plural=EXPRESSION;'"
    try:
        gettext.c2py(match.group(2))
    except (ValueError, SyntaxError):
        return f"the plural expression '{match.group(2)}' is not valid"
    return None


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def placeholder_problem(sources: tuple[str, ...], strings: tuple[str, ...]) -> str | None:
    """What a translation does wrong with the source's %(name)s placeholders."""
    expected = set().union(*map(_placeholders, sources))
    details = []
    for string in filter(None, strings):
        unknown = _placeholders(string) - expected
        absent = expected - _placeholders(string) if len(sources) == 1 else set()
        details += [f"placeholder %({n})s is not in the source" for n in sorted(unknown)]
        details += [f"placeholder %({n})s is missing" for n in sorted(absent)]
    return ", ".join(details) or None


def _header_line(path: Path, name: str) -> tuple[int, str | None]:
    """The line number and value of a header, read from the text itself: Babel
    cannot even load a catalog whose plural header is malformed. A header may
    run over several quoted lines (PO editors wrap Arabic's long plural rule);
    it ends with an escaped newline."""
    start, pieces = 0, []
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        line = line.strip()
        if not pieces and line.startswith(f'"{name}:'):
            start, pieces = number, [line[len(name) + 2:-1]]
        elif pieces and line.startswith('"'):
            pieces.append(line[1:-1])
        elif pieces:
            break
        if pieces and pieces[-1].endswith("\\n"):
            break
    if not pieces:
        return 0, None
    return start, "".join(pieces).removesuffix("\\n").strip()


def check_catalog(path: Path) -> CatalogReport:
    """Count a catalog's messages and list what would break at run time."""
    language = path.parent.parent.name
    report = CatalogReport(language, path)
    plural_line, plural_header = _header_line(path, "Plural-Forms")
    plural_problem = _plural_problem(plural_header)
    if plural_problem:
        report.problems.append(f"{path}:{plural_line}: header: {plural_problem}")
        return report
    with path.open("rb") as handle:
        try:
            catalog = read_po(handle, locale=None, abort_invalid=True)
        except Exception as error:  # read_po raises several kinds for a broken file
            report.problems.append(f"{path}: cannot be read: {error}")
            return report
    for message in catalog:
        if not message.id:
            continue
        strings = strings_of(message)
        if message.fuzzy:
            report.fuzzy += 1
        elif all(strings):
            report.translated += 1
        else:
            report.missing += 1
            continue
        problem = placeholder_problem(sources_of(message), strings)
        if problem:
            report.problems.append(f"{path}:{message.lineno}: {problem}")
        if isinstance(message.string, (list, tuple)):
            if len(message.string) != catalog.num_plurals:
                report.problems.append(
                    f"{path}:{message.lineno}: {len(message.string)} plural forms, the header says "
                    f"{catalog.num_plurals}"
                )
    return report


def catalog_paths(directory: Path) -> list[Path]:
    return sorted(directory.glob("*/LC_MESSAGES/messages.po"))


