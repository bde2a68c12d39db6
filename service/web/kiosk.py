"""The waiting-room kiosk: language first, self-voicing, resets itself.

Every label the kiosk speaks is a prompt with an id; the server knows the text
of each id, so nothing a visitor sends is ever synthesised (no free-text
speech), and the prompts can be pre-rendered and exported for offline use.
"""

from __future__ import annotations

import segno
from flask import Blueprint, abort, current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from ..content.library import localized_topics
from ..i18n import all_languages, get_language
from ..speech import renderer
from .audio_response import audio_response, require_voice
from .lookup import find_topic, require_format, take_language
from .player import player_messages, topic_audio_links
from .translation_notice import translation_notice, translation_state

bp = Blueprint("kiosk", __name__, url_prefix="/kiosk")
bp.url_value_preprocessor(take_language)


def prompt_texts(lang: str) -> dict[str, str]:
    """Every prompt of the kiosk in ``lang``, by id (the id is in the URL).

    Built once per language and process, like the localized topics it reads:
    every prompt request needs it.
    """
    memo = current_app.extensions.setdefault("carevoice.kiosk_prompts", {})
    if lang not in memo:
        memo[lang] = _build_prompt_texts(lang)
    return memo[lang]


def _build_prompt_texts(lang: str) -> dict[str, str]:
    language = get_language(lang)
    with force_locale(lang):
        texts = {
            "language": _("%(language)s. Press Enter to choose this language.", language=language.native_name),
            "pause": _("Pause"),
            "speed": _("Speed"),
            "repeat": _("Repeat sentence"),
            "previous": _("Previous section"),
            "next": _("Next section"),
            "home": _("Start again"),
            "help-button": _("Help. Press Enter to hear how to use this screen."),
            "to-topics": _("Back to the topics"),
            "idle": _("Are you still there? Press any key to continue. Otherwise this screen will start again "
                      "for the next person."),
            "louder": _("Louder"),
            "quieter": _("Quieter"),
        }
        for topic in localized_topics(lang):
            texts[f"topic-{topic.slug}"] = topic.title.text
            texts[f"play-{topic.slug}"] = _("Play the whole topic: %(name)s", name=topic.title.text)
            # A translation's review state is said on arrival, before the first
            # stop, so it costs the screen no stop of its own.
            notice = translation_notice(translation_state(topic))
            if notice:
                texts[f"arrive-{topic.slug}"] = f"{notice} {texts[f'play-{topic.slug}']}"
            for section in topic.sections:
                texts[f"play-{topic.slug}-{section.id}"] = _("Listen: %(name)s", name=section.heading.text)
    return texts


def prompt_url(lang: str, prompt_id: str) -> str:
    return url_for("kiosk.prompt", lang=lang, prompt_id=prompt_id, fmt="mp3")


def qr_code(path: str) -> tuple[str, str] | None:
    """The public address of a path on this site and its QR code (inline SVG), if configured."""
    public = current_app.config.get("PUBLIC_URL")
    if not public:
        return None
    address = public.rstrip("/") + path
    svg = segno.make(address, error="m").svg_inline(scale=5, border=2, dark="#000", light="#fff",
                                                    title=address, omitsize=False)
    return address, svg


def start_text_in(lang: str) -> str:
    with force_locale(lang):
        return _("Press any key or touch the screen to start. Press H for help.")


def choose_language_in(lang: str) -> str:
    with force_locale(lang):
        return _("Choose your language")


@bp.context_processor
def kiosk_settings():
    config = current_app.config
    return {
        "idle_seconds": int(config["KIOSK_IDLE_SECONDS"]),
        "warning_seconds": max(1, int(config["KIOSK_WARNING_SECONDS"])),
        "kiosk_prompt": prompt_url,
        "start_text_in": start_text_in,
        "choose_language_in": choose_language_in,
    }


@bp.get("/")
def choose_language():
    return render_template("kiosk/languages.html", first_prompts={
        lang.code: prompt_url(lang.code, "language") for lang in all_languages()})


@bp.get("/<lang>/")
def topics(lang):
    return render_template("kiosk/topics.html", topics=localized_topics(lang))


@bp.get("/<lang>/topics/<slug>/")
def topic(lang, slug):
    shown = find_topic(slug, lang)
    audio = topic_audio_links(shown)
    return render_template(
        "kiosk/topic.html", topic=shown, audio=audio, qr=qr_code(url_for("pages.topic", lang=lang, slug=slug)),
        # A patient may take the page home, or (where it has audio) the talking book.
        book_qr=qr_code(audio["book"]) if audio else None, player_messages=player_messages(),
    )


@bp.get("/<lang>/prompts/<prompt_id>.<fmt>")
def prompt(lang, prompt_id, fmt):
    require_format(fmt)
    language = get_language(lang)
    scripts = renderer().scripts
    if prompt_id == "help":
        with force_locale(lang):
            script = scripts.help(language, _("Help"))
    else:
        text = prompt_texts(lang).get(prompt_id)
        if text is None:
            abort(404)
        script = scripts.prompt(text, language)
    require_voice(language)
    return audio_response(script, fmt)


def all_prompt_ids(lang: str) -> list[str]:
    return ["help", *prompt_texts(lang)]

