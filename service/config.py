"""Defaults for every setting; ``create_app`` layers instance config and the
``CAREVOICE_*`` environment on top of these."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def default_settings(instance_path: str) -> dict:
    return {
        # Languages served, in the order the switcher lists them. Adding a
        # language is adding its catalog and one entry here; the voice is the
        # engine's voice id and the rate is in words per minute.
        "LANGUAGES": {
            "en": {"voice": "gmw/en-us", "rate": 170},
            "tr": {"voice": "trk/tr", "rate": 160},
            "ar": {"voice": "sem/ar", "rate": 150},
            "fa": {"voice": "ira/fa", "rate": 150},
            "ru": {"voice": "zle/ru", "rate": 160},
            "de": {"voice": "gmw/de", "rate": 160},
            # Kurmanji; Babel writes its qualifier in lower case.
            "ku": {"voice": "ira/ku", "rate": 150, "name": "Kurdî (Kurmancî)"},
        },
        # Tags that name a language we serve under another code: Kurmanji is
        # also tagged kmr (ISO 639-3). Sorani (ckb) is another language and
        # is deliberately not here.
        "LANGUAGE_ALIASES": {"kmr": "ku"},
        # The language the topic files and the messages in the code are written
        # in (it needs no catalog), and the fallback of language negotiation.
        "SOURCE_LANGUAGE": "en",
        "DEFAULT_LANGUAGE": "en",
        "CONTENT_DIR": str(PACKAGE_DIR / "topics"),
        "TRANSLATIONS_DIR": str(PROJECT_DIR / "translations"),
        # The term base; None is termbase.toml in TRANSLATIONS_DIR. Review
        # records are in TRANSLATIONS_DIR/reviews/.
        "TERMBASE": None,
        "AUDIO_TEMPLATES_DIR": str(PROJECT_DIR / "audio_templates"),
        "CACHE_DIR": str(Path(instance_path) / "audio-cache"),
        # pyttsx3 driver name; None picks the platform's own (espeak on Linux).
        "SPEECH_DRIVER": None,
        "SPEECH_WORKERS": 2,
        "RENDER_TIMEOUT": 10.0,
        "RETRY_AFTER": 5,
        "SECTION_PAUSE_MS": 700,
        "SENTENCE_PAUSE_MS": 0,
        "AUDIO_MAX_AGE": 86400,
        # Behind nginx, let it send cached files: "x-accel-redirect" (nginx, with
        # an internal location at AUDIO_SENDFILE_PREFIX aliased to CACHE_DIR/audio/)
        # or "x-sendfile" (Apache, lighttpd). None: the app sends them itself.
        "AUDIO_SENDFILE": None,
        "AUDIO_SENDFILE_PREFIX": "/cached-audio/",
        # Cached audio each web worker also holds in memory (least recently
        # used out first) to send without sendfile; 0 turns it off. The MP3 of
        # the first topic, whole and by section in both languages, is about 3 MB.
        "AUDIO_MEMORY_CACHE_MB": 32,
        "PUBLIC_URL": None,
        "KIOSK_IDLE_SECONDS": 120,
        # How long the "are you still there?" warning waits for a key (WCAG 2.2.1 asks for 20 s at least).
        "KIOSK_WARNING_SECONDS": 30,
        "LOG_LEVEL": "INFO",
        # Strict-Transport-Security: switch on only where the site is served over TLS.
        "HSTS": False,
    }
