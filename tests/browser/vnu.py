"""Run the Nu HTML Checker (vnu.jar from tests/browser/node_modules) once on
several HTML files and collect its errors per file."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

VNU_JAR = Path(__file__).resolve().parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check_files(files: list[Path], timeout: float = 120) -> dict[Path, list[dict]]:
    """{file: [error message, ...]} for every file, [] where vnu found none.

    One JVM for all files: `java -jar vnu.jar --errors-only --format json FILES`.
    vnu writes its JSON report to stderr and exits 1 when it found errors.
    """
    java = shutil.which("java")
    if java is None:
        raise FileNotFoundError("java is not on PATH: install a JRE (make test does)")
    if not VNU_JAR.exists():
        raise FileNotFoundError(f"{VNU_JAR} is missing: run `npm ci` in tests/browser (make test does)")
    files = [Path(f).resolve() for f in files]
    completed = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    try:
        report = json.loads(completed.stderr or completed.stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(
            f"vnu exited {completed.returncode} without a JSON report:\n{completed.stdout}\n{completed.stderr}"
        ) from error
    errors: dict[Path, list[dict]] = {f: [] for f in files}
    for message in report.get("messages", []):
        if message.get("type") == "info":
            continue  # warnings; --errors-only should have dropped them already
        target = _file_of(message.get("url", ""))
        errors.setdefault(target, []).append(message)
    return errors


def _file_of(url: str) -> Path:
    # vnu names a file as file:/tmp/x/y.html
    return Path(unquote(urlsplit(url).path)).resolve()


def format_errors(errors: dict[Path, list[dict]], names: dict[Path, str] | None = None) -> str:
    """Readable vnu errors: page, line:column, message, and the markup extract."""
    lines = []
    for path, messages in errors.items():
        for message in messages:
            where = f"{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}"
            name = (names or {}).get(path, str(path))
            lines.append(f"{name} {where} [{message.get('type')}] {message.get('message')}")
            extract = (message.get("extract") or "").replace("\n", "\\n")
            if extract:
                lines.append(f"    {extract}")
    return "\n".join(lines) if lines else "no vnu errors"
