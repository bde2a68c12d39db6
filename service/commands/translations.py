"""``flask translations``: the catalog workflow for editors and translators.

extract -> update -> (translate in any PO editor) -> status -> compile.
"""

from __future__ import annotations

import contextlib
import gettext
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po
from flask import current_app
from flask.cli import AppGroup

from ..config import PROJECT_DIR

translations_cli = AppGroup("translations", help="Extract, update, check and compile the message catalogs.")

# %(name)s placeholders, as gettext and Jinja's {% trans %} write them.
PLACEHOLDER = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[sdifr]")
PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")


def _translations_dir() -> Path:
    return Path(current_app.config["TRANSLATIONS_DIR"])


def _pybabel(*args: str) -> None:
    """Run a pybabel command; fail loudly, as a catalog left half-done is worse."""
    try:
        status = CommandLineInterface().run(["pybabel", "-q", *args])
    except SystemExit as stop:  # pybabel reports bad usage by exiting
        status = stop.code
    if status:
        raise click.ClickException(f"pybabel {args[0]} failed (exit status {status})")


@translations_cli.command()
def extract():
    """Collect every message into translations/messages.pot."""
    # Run from the project folder so the catalogs' "#:" references are relative.
    with contextlib.chdir(PROJECT_DIR):
        _pybabel(
        "extract",
            "-F", "babel.cfg",
            "-k", "_l", "-k", "lazy_gettext",
            "--add-comments=TRANSLATORS:",
            "--sort-by-file",
            "--project=carevoice",
            "--copyright-holder=carevoice",
            "--msgid-bugs-address=carevoice@localhost",
            "--ignore-dirs=.* ._ node_modules instance tests",
            "-o", str(_translations_dir() / "messages.pot"),
            ".",
        )


@translations_cli.command()
def update():
    """Merge the template into every language's catalog."""
    _pybabel("update", "-i", str(_translations_dir() / "messages.pot"), "-d", str(_translations_dir()),
             "--ignore-obsolete")


@translations_cli.command()
def compile():  # noqa: A001 - the command's name is the verb translators know
    """Compile the catalogs into .mo files (build output, never committed)."""
    _pybabel("compile", "-d", str(_translations_dir()))


@translations_cli.command("init")
@click.argument("language")
def init_language(language):
    """Start the catalog of a new LANGUAGE (then add it to LANGUAGES)."""
    _pybabel("init", "-i", str(_translations_dir() / "messages.pot"), "-d", str(_translations_dir()),
             "-l", language)
    click.echo(f"Created the catalog for {language}. Add it to LANGUAGES to serve it.")


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
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        if message.fuzzy:
            report.fuzzy += 1
        elif all(strings):
            report.translated += 1
        else:
            report.missing += 1
            continue
        sources = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        expected = set().union(*map(_placeholders, sources))
        for string in filter(None, strings):
            unknown = _placeholders(string) - expected
            absent = expected - _placeholders(string) if len(sources) == 1 else set()
            if unknown or absent:
                detail = ", ".join(
                    [f"placeholder %({n})s is not in the source" for n in sorted(unknown)]
                    + [f"placeholder %({n})s is missing" for n in sorted(absent)]
                )
                report.problems.append(f"{path}:{message.lineno}: {detail}")
        if isinstance(message.string, (list, tuple)):
            if len(message.string) != catalog.num_plurals:
                report.problems.append(
                    f"{path}:{message.lineno}: {len(message.string)} plural forms, the header says "
                    f"{catalog.num_plurals}"
                )
    return report


def catalog_paths(directory: Path) -> list[Path]:
    return sorted(directory.glob("*/LC_MESSAGES/messages.po"))


@translations_cli.command()
def status():
    """For each language: translated, fuzzy and missing messages; exit 1 if any
    catalog is invalid."""
    reports = [check_catalog(p) for p in catalog_paths(_translations_dir())]
    click.echo(f"{'language':<10}{'translated':>11}{'fuzzy':>7}{'missing':>9}  valid")
    for report in reports:
        click.echo(
            f"{report.language:<10}{report.translated:>11}{report.fuzzy:>7}{report.missing:>9}  "
            f"{'yes' if report.valid else 'NO'}"
        )
    problems = [p for r in reports for p in r.problems]
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        sys.exit(1)
