"""The talking book checked by the tools the field uses, in every language the
service speaks and in a right-to-left one: EPUBCheck (Debian's epubcheck
package) with no error and no warning, and DAISY Ace (npm @daisy/ace, run by
Debian's Chromium) with no violation. What neither checks is in
tests/test_talking_book.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ..book_support import BOOK_LANGUAGES
from .conftest import CHROMIUM, NODE_MODULES

pytestmark = pytest.mark.speech  # the books are spoken by real speech workers

EPUBCHECK = Path("/usr/share/java/epubcheck.jar")  # /usr/bin/epubcheck needs binfmt_misc
ACE = NODE_MODULES / ".bin" / "ace-puppeteer"  # `ace` is the Electron runner


def epubcheck(book: Path, report: Path) -> dict:
    java = shutil.which("java")
    if java is None or not EPUBCHECK.exists():
        pytest.fail(f"java or {EPUBCHECK} is missing: install Debian's epubcheck (make test does)")
    completed = subprocess.run([java, "-jar", str(EPUBCHECK), str(book), "--json", str(report), "--failonwarnings"],
                               capture_output=True, text=True, timeout=180)
    assert report.exists(), completed.stdout + completed.stderr
    return {"exit": completed.returncode, **json.loads(report.read_text(encoding="utf-8"))}


@pytest.mark.parametrize("name", BOOK_LANGUAGES)
def test_epubcheck_finds_no_error_and_no_warning(books, name, tmp_path):
    result = epubcheck(books[name].path, tmp_path / "epubcheck.json")
    problems = [f"{m['ID']} {m['severity']}: {m['message']} at {[l['path'] for l in m['locations']]}"
                for m in result["messages"]]
    checker = result["checker"]
    assert (checker["nError"], checker["nWarning"], checker["nFatal"]) == (0, 0, 0), "\n".join(problems)
    assert result["exit"] == 0 and result["publication"]["hasAudio"] is True
    assert result["publication"]["nSpines"] == 9  # the title page, seven sections, the glossary: all read


def ace(book: Path, out: Path) -> dict:
    if not ACE.exists():
        pytest.fail(f"{ACE} is missing: run `npm ci` in tests/browser (make test does)")
    environment = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM}
    completed = subprocess.run([str(ACE), "-E", "-s", "-f", "-o", str(out), str(book)], capture_output=True,
                               text=True, timeout=300, env=environment)
    report = out / "report.json"
    assert report.exists(), f"ace exited {completed.returncode}:\n{completed.stdout}\n{completed.stderr}"
    return {"exit": completed.returncode, **json.loads(report.read_text(encoding="utf-8"))}


@pytest.mark.parametrize("name", BOOK_LANGUAGES)
def test_ace_finds_no_violation(books, name, tmp_path):
    report = ace(books[name].path, tmp_path / "ace")
    violations = [f"{subject['earl:testSubject']['url']}: {test['earl:test']['dct:title']} "
                  f"({test['earl:test']['earl:impact']}) {test['earl:result']['dct:description']}"
                  for subject in report["assertions"] for test in subject.get("assertions", [])
                  if test["earl:result"]["earl:outcome"] == "fail"]
    assert violations == [] and report["earl:result"]["earl:outcome"] == "pass", "\n".join(violations)
    assert report["exit"] == 0
    # What Ace read: the accessibility metadata, and every document of the spine.
    metadata = report["a11y-metadata"]
    assert metadata["empty"] == [] and {"schema:accessMode", "schema:accessibilitySummary",
                                        "dcterms:conformsTo"} <= set(metadata["present"])
    checked = {subject["earl:testSubject"]["url"] for subject in report["assertions"]}
    assert {"front.xhtml", "section-chemotherapy.xhtml", "glossary.xhtml", "nav.xhtml"} <= checked
