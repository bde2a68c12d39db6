from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from service import create_app
from service.config import PROJECT_DIR

SLUG = "stage-4-mesothelioma-surgery"
SEED = PROJECT_DIR.parent / "shared" / "seeds" / "000_69fd5c14605a2161.txt"


def pytest_configure(config):
    compiled = PROJECT_DIR / "translations" / "tr" / "LC_MESSAGES" / "messages.mo"
    if not compiled.exists():
        raise pytest.UsageError("compiled catalogs are missing: run the suite with `make test`")


@pytest.fixture
def settings(tmp_path) -> dict:
    """The test configuration; tests that need more change it before `app`."""
    return {"TESTING": True, "CACHE_DIR": str(tmp_path / "cache")}


@pytest.fixture
def app(settings):
    application = create_app(settings)
    yield application
    pool = application.extensions.get("carevoice.speech")
    if pool is not None:
        pool.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")
