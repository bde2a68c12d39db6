"""What the talking book tests share: the languages books are checked in, the
books themselves (built once a session, cold, by GET book.epub), and a reader
of an EPUB that knows nothing of how the app wrote it."""

from __future__ import annotations

import io
import re
import time
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import urldefrag

from babel import Locale
from mutagen.mp3 import MP3

from service import create_app
from service.config import default_settings

from .conftest import ARABIC, SLUG, write_arabic_catalog

# Every language the service speaks (as configured: new ones join by
# themselves), and, while none of them is written right to left, one that is,
# from the test catalog.
RTL = "ar-test"
SPOKEN = [code for code, s in default_settings("")["LANGUAGES"].items() if s.get("voice")]


def lang_of(name: str) -> str:
    """The language code of a name in BOOK_LANGUAGES."""
    return "ar" if name == RTL else name


def direction_of(name: str) -> str:
    """ltr or rtl, as Babel's locale data has it (the app's own source, asked independently)."""
    return Locale.parse(lang_of(name)).text_direction


BOOK_LANGUAGES = SPOKEN + ([] if any(direction_of(code) == "rtl" for code in SPOKEN) else [RTL])

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "smil": "http://www.w3.org/ns/SMIL",
    "epub": "http://www.idpf.org/2007/ops",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CLOCK = re.compile(r"^(\d+):(\d{2}):(\d{2})\.(\d{3})$")


def settings_for(name: str, root: Path) -> dict:
    """The settings of an app that speaks ``name`` (of BOOK_LANGUAGES), with its cache under ``root``."""
    settings = {"CACHE_DIR": str(root / "cache")}
    if name == RTL:
        settings |= {"TRANSLATIONS_DIR": str(write_arabic_catalog(root)), "LANGUAGES": ARABIC}
    return settings


def clock_ms(value: str) -> int:
    """A SMIL clock value h:mm:ss.fff, in milliseconds."""
    hours, minutes, seconds, millis = map(int, CLOCK.fullmatch(value).groups())
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis


@dataclass(frozen=True)
class Clip:
    document: str  # the XHTML file, in the book's folder
    target: str
    audio: str
    begin_ms: int
    end_ms: int


class Epub:
    """An EPUB file read as a reading system would: container, package, documents, overlays."""

    def __init__(self, data: bytes):
        self.data = data
        self.zip = zipfile.ZipFile(io.BytesIO(data))

    def xml(self, name: str) -> ET.Element:
        return ET.fromstring(self.zip.read(name))

    @cached_property
    def package_path(self) -> str:
        rootfile = self.xml("META-INF/container.xml").find(".//{*}rootfile")
        return rootfile.get("full-path")

    @property
    def folder(self) -> str:
        return self.package_path.rsplit("/", 1)[0]

    @cached_property
    def package(self) -> ET.Element:
        return self.xml(self.package_path)

    def meta(self, prop: str, refines: str | None = None) -> list[str]:
        return [m.text for m in self.package.iterfind("opf:metadata/opf:meta", NS)
                if m.get("property") == prop and m.get("refines") == refines]

    def dc(self, name: str) -> list[str]:
        return [e.text for e in self.package.iterfind(f"opf:metadata/dc:{name}", NS)]

    @cached_property
    def manifest(self) -> dict[str, dict]:
        return {item.get("id"): dict(item.attrib) for item in self.package.iterfind("opf:manifest/opf:item", NS)}

    @property
    def spine(self) -> list[dict]:
        return [self.manifest[ref.get("idref")] for ref in self.package.iterfind("opf:spine/opf:itemref", NS)]

    def read(self, href: str) -> bytes:
        return self.zip.read(f"{self.folder}/{href}")

    def document(self, href: str) -> ET.Element:
        return ET.fromstring(self.read(href))

    def ids(self, href: str) -> set[str]:
        return {e.get("id") for e in self.document(href).iter() if e.get("id")}

    def overlays(self) -> list[tuple[dict, dict]]:
        """(content document item, its media overlay item), in the order of the manifest."""
        return [(item, self.manifest[item["media-overlay"]]) for item in self.manifest.values()
                if item.get("media-overlay")]

    def clips(self, smil_href: str) -> list[Clip]:
        clips = []
        for par in ET.fromstring(self.read(smil_href)).iterfind(".//smil:par", NS):
            text, audio = par.find("smil:text", NS), par.find("smil:audio", NS)
            document, target = urldefrag(text.get("src"))
            clips.append(Clip(document, target, audio.get("src"), clock_ms(audio.get("clipBegin")),
                              clock_ms(audio.get("clipEnd"))))
        return clips

    def mp3_seconds(self, href: str) -> float:
        """The MP3's length as mutagen measures it from its frames."""
        return MP3(io.BytesIO(self.read(href))).info.length


@dataclass
class BuiltBook:
    name: str
    lang: str
    client: object
    data: bytes
    path: Path
    seconds: float  # the cold build, audio and all

    @property
    def epub(self) -> Epub:
        return Epub(self.data)

    def get(self, path: str):
        """A GET of this book's app: /{lang}/topics/{SLUG}/{path}."""
        return self.client.get(f"/{self.lang}/topics/{SLUG}/{path}")


class BookShelf:
    """The books of BOOK_LANGUAGES, each built the first time it is asked for:
    the served languages by one app, the right-to-left test language by another."""

    def __init__(self, root: Path):
        self.root = root
        self.apps: dict[str, object] = {}
        self.built: dict[str, BuiltBook] = {}

    def app(self, name: str):
        kind = "rtl" if name == RTL else "served"
        if kind not in self.apps:
            self.apps[kind] = create_app({"TESTING": True, **settings_for(name, self.root / kind)})
        return self.apps[kind]

    def __getitem__(self, name: str) -> BuiltBook:
        if name not in self.built:
            lang, client = lang_of(name), self.app(name).test_client()
            started = time.perf_counter()
            response = client.get(f"/{lang}/topics/{SLUG}/book.epub")
            data = response.get_data()
            seconds = time.perf_counter() - started
            assert response.status_code == 200, response.get_data(as_text=True)[:500]
            path = self.root / f"book-{name}.epub"
            path.write_bytes(data)
            self.built[name] = BuiltBook(name, lang, client, data, path, seconds)
        return self.built[name]

    def forget_books(self) -> int:
        """Removes the cached books (not their audio) from the apps' caches; how many."""
        cached = list(self.root.glob("*/cache/audio/*/*.epub"))
        for path in cached:
            path.unlink()
        return len(cached)

    def close(self) -> None:
        for app in self.apps.values():
            app.extensions["carevoice.speech"].close()
