"""``flask translations``: the catalog workflow for editors and translators.

extract -> update -> (translate in any PO editor) -> status -> compile.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from flask import current_app
from flask.cli import AppGroup

from ..config import PROJECT_DIR
from ..content.extract import topic_messages
from ..content.library import termbase, topic_library
from ..content.reviews import OUTDATED, REVIEWED, UNREVIEWED, load_reviews, save_reviews
from .catalogs import catalog_paths, check_catalog, merge_template, read_catalog, write_catalog
from .consistency import term_findings
from .review import Scope, counts, record_review
from .tbx import export_tbx
from .xliff import export_xliff, import_xliff, read_xliff

__all__ = ["check_catalog", "translations_cli"]

translations_cli = AppGroup("translations", help="Extract, update, check and compile the message catalogs.")


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
    """Collect every message into translations/messages.pot: the code's and
    the templates', then every field of the topics in CONTENT_DIR."""
    template = _translations_dir() / "messages.pot"
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
            "-o", str(template),
            ".",
        )
    catalog = read_catalog(template)
    for path in sorted(Path(current_app.config["CONTENT_DIR"]).glob("*.toml")):
        where = path.relative_to(PROJECT_DIR) if path.is_relative_to(PROJECT_DIR) else path
        for line, context, text, comment in topic_messages(path):
            catalog.add(text, None, [(where.as_posix(), line)], auto_comments=[comment], context=context)
    write_catalog(template, catalog)


@translations_cli.command()
def update():
    """Merge the template into every language's catalog. A message whose
    English changed keeps its old translation, marked fuzzy, so the page shows
    the English until a translator confirms or redoes it."""
    template = read_catalog(_translations_dir() / "messages.pot")
    for path in catalog_paths(_translations_dir()):
        catalog = read_catalog(path)
        merge_template(catalog, template)
        write_catalog(path, catalog)


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


@translations_cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def status(as_json):
    """For each language and topic: translated, fuzzy and missing messages,
    reviewed, unreviewed and outdated ones; exit 1 if any catalog is invalid
    or uses a term of the term base otherwise than approved, unexplained."""
    terms = termbase()
    languages = {}
    for path in catalog_paths(_translations_dir()):
        report = check_catalog(path)
        entry = languages[report.language] = {
            "translated": report.translated, "fuzzy": report.fuzzy, "missing": report.missing,
            "valid": report.valid, "problems": report.problems}
        if not report.valid:
            continue
        catalog, lang = read_catalog(path), report.language
        report.problems += term_findings(path, catalog, terms, lang)
        records = load_reviews(_translations_dir(), lang)
        entry.update(counts(Scope(catalog, terms, lang).reviewables(), records))
        entry["topics"] = {topic.slug: counts(Scope(catalog, terms, lang, topic).reviewables(), records)
                           for topic in topic_library()}
    problems = [p for entry in languages.values() for p in entry["problems"]]
    if as_json:
        click.echo(json.dumps({"languages": languages}, ensure_ascii=False, indent=2))
    else:
        _print_status(languages)
        for problem in problems:
            click.echo(problem, err=True)
    if problems:
        sys.exit(1)


def _print_status(languages: dict) -> None:
    columns = ("translated", "fuzzy", "missing", REVIEWED, UNREVIEWED, OUTDATED)
    click.echo(f"{'language':<10}" + "".join(f"{name:>11}" for name in columns) + "  valid")
    for lang, entry in languages.items():
        click.echo(f"{lang:<10}" + "".join(f"{entry.get(name, '-'):>11}" for name in columns)
                   + f"  {'yes' if entry['valid'] else 'NO'}")
    for lang, entry in languages.items():
        for slug, figures in entry.get("topics", {}).items():
            click.echo(f"  {lang} {slug}: " + ", ".join(f"{n} {state}" for state, n in figures.items()))


@translations_cli.command()
@click.argument("language")
@click.option("--topic", "slug", help="Review one topic (its fields, glossary and terms); else the whole catalog.")
@click.option("--role", required=True, help="Who reviewed: a role and qualification, never a name.")
@click.option("--date", "date", type=click.DateTime(formats=["%Y-%m-%d"]), help="The day of the review (today).")
def review(language, slug, role, date):
    """Record that a qualified person reviewed LANGUAGE as it is now, against
    the English. Run it only for a review that took place."""
    path = _catalog_path(language)
    topic = None
    if slug is not None:
        topic = topic_library().get(slug)
        if topic is None:
            raise click.ClickException(f"there is no topic {slug!r}")
    report = check_catalog(path)
    if not report.valid:
        raise click.ClickException("the catalog is not valid; `flask translations status` says why")
    records = load_reviews(_translations_dir(), language)
    day = date.date() if date else dt.date.today()
    recorded = record_review(Scope(read_catalog(path), termbase(), language, topic), records, role, day)
    saved = save_reviews(_translations_dir(), language, records)
    click.echo(f"Recorded a review of {recorded} messages of {language} on {day.isoformat()} ({saved}).")


@translations_cli.command("export")
@click.argument("language", required=False)
@click.option("--format", "fmt", type=click.Choice(["xliff", "tbx"]), default="xliff", show_default=True,
              help="xliff: LANGUAGE's catalog for a CAT tool (XLIFF 1.2); tbx: the term base, every language.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="The file to write (else standard output).")
def export_catalog(language, fmt, out):
    """Write LANGUAGE's catalog as XLIFF, or the term base as TBX."""
    if fmt == "tbx":
        codes = [language] if language else [c for c in current_app.config["LANGUAGES"]
                                             if c != current_app.config["SOURCE_LANGUAGE"]]
        data = export_tbx(termbase(), codes)
    else:
        path = _catalog_path(language)
        data = export_xliff(read_catalog(path), termbase(), load_reviews(_translations_dir(), language), language)
    if out:
        Path(out).write_bytes(data)
    else:
        click.echo(data.decode("utf-8"), nl=False)


@translations_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def import_catalog(file):
    """Take the translations of an XLIFF FILE (from `export`, back from a CAT
    tool) into its language's catalog. Refuses the whole file if the English
    of a unit changed since, or a placeholder is broken; never empties a
    translation; a changed translation loses its review."""
    store = read_xliff(Path(file).read_bytes())
    language = store.gettargetlanguage()
    path = _catalog_path(language)
    catalog = read_catalog(path)
    result = import_xliff(store, catalog)
    if result.changed:
        write_catalog(path, catalog)
    click.echo(f"{language}: {len(result.changed)} translations changed, {result.unchanged} unchanged, "
               f"{result.empty} empty in the file and left as they were.")
    for uid in result.changed:
        click.echo(f"  changed: {uid}")


def _catalog_path(language: str | None) -> Path:
    if not language:
        raise click.UsageError("name the language (its catalog) to export or import")
    path = _translations_dir() / language / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        raise click.ClickException(f"there is no catalog of {language!r} ({path})")
    return path
