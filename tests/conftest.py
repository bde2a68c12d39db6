from __future__ import annotations

import getpass
import io
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import soundfile
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from bs4 import BeautifulSoup

from service import create_app
from service.config import PROJECT_DIR, default_settings

# The tests start servers the way the benchmarks do, with benchmarks/carevoice_bench (not installed).
sys.path.insert(0, str(PROJECT_DIR / "benchmarks"))

from carevoice_bench.processes import free_port  # noqa: E402

SLUG = "stage-4-mesothelioma-surgery"
# The source article the topic is checked against, kept with the tests so a plain clone can run them.
SEED = Path(__file__).resolve().parent / "data" / "source-article-stage-4-mesothelioma.txt"
# The languages served, in the switcher's order, by the names they call themselves.
LANGUAGES = list(default_settings("instance")["LANGUAGES"])
NATIVE_NAMES = {"en": "English", "tr": "Türkçe", "ar": "العربية", "fa": "فارسی", "ru": "Русский", "de": "Deutsch",
                "ku": "Kurdî (Kurmancî)"}
RIGHT_TO_LEFT = ["ar", "fa"]
SECTIONS = ["introduction", "chemotherapy", "radiation-therapy", "palliative-surgery", "clinical-trials",
            "supportive-care", "choosing-treatment"]


def media_url(lang, fmt, section=None, name="audio"):
    """The address of a topic's (or a section's) audio, timings or transcript."""
    middle = f"{section}/" if section else ""
    return f"/{lang}/topics/{SLUG}/{middle}{name}.{fmt}"


def seconds_of(data: bytes) -> float:
    info = soundfile.info(io.BytesIO(data))
    return info.frames / info.samplerate


def write_topic(folder: Path, slug: str, title: str) -> None:
    """A topic file of one section, for tests that set CONTENT_DIR."""
    (folder / f"{slug}.toml").write_text(
        f'slug = "{slug}"\ntitle = "{title}"\nlast_reviewed = 2026-01-01\n'
        'next_review_due = 2027-01-01\n[source]\ntitle = "S"\nnote = "N"\n'
        '[[sections]]\nid = "how"\nheading = "How"\nparagraphs = ["Use soap."]\n',
        encoding="utf-8",
    )


def pytest_configure(config):
    compiled = PROJECT_DIR / "translations" / "tr" / "LC_MESSAGES" / "messages.mo"
    if not compiled.exists():
        raise pytest.UsageError("compiled catalogs are missing: run the suite with `make test`")


@pytest.fixture
def settings(tmp_path) -> dict:
    """The test configuration; tests that need more change it before `app`."""
    return {"TESTING": True, "CACHE_DIR": str(tmp_path / "cache")}


@pytest.fixture
def make_app(settings):
    """A factory of apps: ``make_app(**overrides)`` is ``create_app(settings | overrides)``;
    every app it made has its speech workers closed when the test ends."""
    made = []

    def factory(**overrides):
        application = create_app(settings | overrides)
        made.append(application)
        return application

    yield factory
    for application in made:
        application.extensions["carevoice.speech"].close()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


# The languages of an app with the right-to-left test catalog below, spoken
# by espeak-ng's Arabic voice.
ARABIC = {"en": {"voice": "gmw/en-us"}, "ar": {"voice": "sem/ar"}}


def write_arabic_catalog(root: Path) -> Path:
    """A small right-to-left catalog under ``root``: two messages translated,
    the rest not. Used with ``LANGUAGES=ARABIC``; returns its TRANSLATIONS_DIR."""
    catalog = Catalog(locale="ar")
    catalog.add("Skip to content", "تخطَّ إلى المحتوى")
    catalog.add("Surgery for Stage 4 Mesothelioma", "الجراحة في المرحلة الرابعة من ورم المتوسطة",
                context=f"{SLUG}:title")
    folder = root / "translations" / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)
    return root / "translations"


@pytest.fixture
def arabic_catalog(tmp_path):
    return write_arabic_catalog(tmp_path)


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


NGINX_CONFIG = """
daemon off;
user {user};
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    types {{ text/vtt vtt; audio/ogg ogg; audio/wav wav; application/epub+zip epub; }}
    access_log off;
    sendfile on;
    server {{
        listen 127.0.0.1:{port};
        root {site};
    }}
}}
"""


@pytest.fixture(scope="session")
def exported_site(tmp_path_factory):
    """The static export, served by nginx from a temporary folder."""
    root = tmp_path_factory.mktemp("export")
    app = create_app({"TESTING": True, "CACHE_DIR": str(root / "cache")})
    result = app.test_cli_runner().invoke(args=["export", str(root / "site")])
    app.extensions["carevoice.speech"].close()
    assert result.exit_code == 0, result.output
    port = free_port()
    config = root / "nginx.conf"
    # Workers read the files as the user running the tests (pytest's folders are private).
    config.write_text(NGINX_CONFIG.format(root=root, port=port, site=root / "site", user=getpass.getuser()),
                      encoding="utf-8")
    nginx = subprocess.Popen([shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(config), "-p", str(root)],
                             stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.05)
    yield base, root / "site"
    nginx.terminate()
    nginx.wait(timeout=10)


@pytest.fixture(scope="session")
def books(tmp_path_factory):
    """The first topic's talking book in each of book_support.BOOK_LANGUAGES,
    built cold by GET book.epub the first time a test asks: ``books[lang]``."""
    from .book_support import BookShelf

    shelf = BookShelf(tmp_path_factory.mktemp("books"))
    yield shelf
    shelf.close()

@pytest.fixture
def content_copy(tmp_path, settings):
    """Copies of the topics and of the catalogs (with the term base, and no
    review records: none is committed) that the app is pointed at, for tests
    that edit content, review or import; returns (topics, translations)."""
    topics, translations = tmp_path / "topics", tmp_path / "translations"
    shutil.copytree(PROJECT_DIR / "service" / "topics", topics)
    shutil.copytree(PROJECT_DIR / "translations", translations)
    settings.update(CONTENT_DIR=str(topics), TRANSLATIONS_DIR=str(translations))
    return topics, translations
