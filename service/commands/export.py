"""``flask export DIR``: the whole service as static files, for kiosks that
must work offline and for any static web server or CDN.

The bundle is made by walking the app itself: every page links what it needs
(stylesheets, scripts, audio, captions, timings, kiosk prompts), so what a
visitor can reach is exactly what is written, and rendering goes through the
same pipeline as live requests.
"""

from __future__ import annotations

import shutil
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import click
from flask import current_app, render_template
from flask.cli import with_appcontext

from ..content.library import topic_library
from ..i18n import all_languages
from ..speech.encode import FORMATS
from ..web.kiosk import all_prompt_ids
from ..web.player import audio_links, glossary_audio_link

BUNDLE_MARKER = ".carevoice-bundle"
# Attributes whose values are addresses the pages (or their scripts) load.
ADDRESS_ATTRIBUTES = {"href", "src", "data-timings", "data-mp3", "data-transcript", "data-prompt", "data-help-prompt",
                      "data-arrival-prompt", "data-home"}


class _Addresses(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found.extend(value for name, value in attrs if name in ADDRESS_ATTRIBUTES and value)


def _local_path(address: str) -> str | None:
    """The site path of an address on this site, without query or fragment."""
    address = urldefrag(address)[0]
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    return parts.path


def _file_for(root: Path, path: str) -> Path:
    relative = path.lstrip("/")
    target = root / relative
    if path.endswith("/"):
        target = target / "index.html"
    if root.resolve() not in target.resolve().parents:
        raise click.ClickException(f"refusing to write outside the bundle: {path}")
    return target


def _seed_paths() -> list[str]:
    """Pages and every audio unit in every format, including the ones no page
    links (Ogg and WAV are offered to downloaders and other clients)."""
    paths = ["/kiosk/"]
    for language in all_languages():
        lang = language.code
        paths += [f"/{lang}/", f"/kiosk/{lang}/"]
        paths += [f"/kiosk/{lang}/prompts/{prompt}.mp3" for prompt in all_prompt_ids(lang)]
        for topic in topic_library():
            paths += [f"/{lang}/topics/{topic.slug}/", f"/kiosk/{lang}/topics/{topic.slug}/"]
            units = [audio_links(lang, topic.slug)] + [audio_links(lang, topic.slug, s.id) for s in topic.sections]
            for links in units:
                paths += list(links["audio"].values())
                paths += [links["timings"], links["timings_json"], links["transcript"]]
            for entry in topic.glossary:
                paths += [glossary_audio_link(lang, topic.slug, entry.id, fmt) for fmt in FORMATS]
    return paths


def write_bundle(directory: Path) -> int:
    client = current_app.test_client()
    with current_app.test_request_context():  # url_for needs a request to build paths
        seeds = _seed_paths()
    if directory.exists() and any(directory.iterdir()):
        # Replace an earlier bundle, never a folder of something else.
        if not (directory / BUNDLE_MARKER).exists():
            raise click.ClickException(f"{directory} is not empty and holds no earlier bundle; choose another folder")
        shutil.rmtree(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / BUNDLE_MARKER).write_text("A static export of carevoice (flask export).\n", encoding="utf-8")
    queue, seen, written = deque(seeds), set(), 0
    while queue:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200:
            raise click.ClickException(f"{path} answered {response.status_code}; the bundle would be incomplete")
        body = response.get_data()
        target = _file_for(directory, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        written += 1
        if response.mimetype == "text/html":
            parser = _Addresses()
            parser.feed(body.decode("utf-8"))
            queue.extend(p for p in map(_local_path, parser.found) if p and p not in seen)
    (directory / "index.html").write_text(index_page(), encoding="utf-8")
    return written + 1


def index_page() -> str:
    """The bundle's root. A static server cannot read Accept-Language: the
    page offers every language and moves on to the default one."""
    return render_template("export_index.html", default=current_app.config["DEFAULT_LANGUAGE"])


@click.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def export_command(directory: Path):
    """Write every topic in every language, with all audio, as static files."""
    count = write_bundle(directory)
    click.echo(f"Wrote {count} files to {directory}.")
