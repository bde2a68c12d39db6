"""``flask translations``: the catalog workflow for editors and translators.

extract -> update -> (translate in any PO editor) -> status -> compile.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from flask import current_app
from flask.cli import AppGroup

from ..config import PROJECT_DIR
from ..content.extract import topic_messages
from .catalogs import catalog_paths, check_catalog, merge_template, read_catalog, write_catalog

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
