"""Everything the benchmarks take from inside the service, in one place:
when the service's modules move, only the imports here change.

The imports are made when called, not at import time: run.py is re-imported
in every speech worker that the service spawns, which needs none of this.
"""

from __future__ import annotations

from pathlib import Path

# The seed topic the benchmarks render and request, its sections and languages.
SLUG = "stage-4-mesothelioma-surgery"
SECTIONS = ("introduction", "chemotherapy", "radiation-therapy", "palliative-surgery",
            "clinical-trials", "supportive-care", "choosing-treatment")
LANGS = ("en", "tr")


def create_app(cache_dir: Path):
    """A test-configured app with its cache in `cache_dir`."""
    import service

    return service.create_app({"TESTING": True, "CACHE_DIR": str(cache_dir)})


def renderer():
    """The app's audio renderer (needs an app context)."""
    from service.speech import renderer

    return renderer()


def topic_script(lang: str = "en"):
    """The topic's spoken script, as `flask audio render` builds it (needs an app context)."""
    from service.content.library import localized, topic_library
    from service.i18n import get_language
    from service.speech import renderer

    return renderer().scripts.topic(localized(topic_library().get(SLUG), lang), get_language(lang))


def repeated_script(script, times: int):
    """`script` with its lines said `times` times over."""
    from service.speech.script import SpokenScript

    return SpokenScript(script.lang, script.voice, script.rate, script.lines * times, script.title)


def spoken_text(script) -> str:
    return " ".join(line.spoken for line in script.lines)
