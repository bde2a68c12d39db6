"""``flask audio``: the engine's voices, pre-rendering, checking and emptying the cache."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from flask_babel import force_locale
from flask_babel import gettext as _

from ..content.library import localized, localized_topics, topic_library
from ..i18n import all_languages, get_language
from ..speech import SpeechError, renderer, voice_problem
from ..speech.encode import FORMATS
from ..speech.phonemes import PhonemesUnavailable, read_aloud
from ..speech.rules import spelled_rightly
from ..speech.verify import CacheVerifier
from ..web.kiosk import prompt_texts
from ..web.talking_book import book_plan

audio_cli = AppGroup("audio", help="Speech engine and audio cache.")


@audio_cli.command()
def voices():
    """List the voices the speech engine has, and which languages use them."""
    try:
        info = renderer().pool.info()
    except SpeechError as error:
        raise click.ClickException(f"the speech engine is not available: {error}") from None
    used = {lang.voice: lang.code for lang in all_languages()}
    click.echo(f"{info.driver} {info.version}: {len(info.voices)} voices")
    for voice_id, languages in sorted(info.voices):
        marker = f"  <- {used[voice_id]}" if voice_id in used else ""
        click.echo(f"{voice_id:<28} {','.join(languages):<12}{marker}")


@audio_cli.command()
@click.option("--all", "render_all", is_flag=True, required=True, help="Every topic, section, language and format.")
@click.option("--format", "formats", multiple=True, type=click.Choice(sorted(FORMATS)), help="Only these formats.")
def render(render_all, formats):
    """Pre-render audio and timings into the cache (for kiosks and exports)."""
    formats = formats or tuple(sorted(FORMATS))
    audio = renderer()
    jobs = []
    for language in all_languages():
        problem = voice_problem(language, start_engine=True)
        if problem:
            click.echo(f"{language.code}: skipped ({problem})", err=True)
            continue
        for shown in localized_topics(language.code):
            jobs += audio.scripts.topic_and_sections(shown, language)
    failures = 0
    with click.progressbar(length=len(jobs) * len(formats), label="Rendering audio") as bar:
        for script in jobs:
            for fmt in formats:
                try:
                    rendered = audio.render(script, fmt)
                    if rendered.stream is not None:
                        for _ in rendered.stream:
                            pass
                except SpeechError as error:
                    failures += 1
                    click.echo(f"\n{script.lang} {script.title} {fmt}: {error}", err=True)
                bar.update(1)
    click.echo(f"Rendered {len(jobs) * len(formats) - failures} files into {current_app.config['CACHE_DIR']}.")
    if failures:
        raise SystemExit(1)


def language_scripts(language) -> list:
    """Every script spoken in ``language``, each once: topics, sections,
    glossary terms, the talking books' title pages, kiosk prompts and the
    kiosk's help."""
    scripts = renderer().scripts
    jobs = []
    for shown in localized_topics(language.code):
        jobs += scripts.topic_and_sections(shown, language)
        jobs += [scripts.glossary(shown, g, language) for g in shown.glossary]
        jobs += book_plan(shown, language).audio.values()
    jobs += [scripts.prompt(text, language) for text in prompt_texts(language.code).values()]
    with force_locale(language.code):
        jobs.append(scripts.help(language, _("Help")))
    return list(dict.fromkeys(jobs))  # scripts are memoised: the same script is the same object


def every_script() -> list:
    """Every script the app speaks, in every voice the engine has now."""
    return [script for language in all_languages() if not voice_problem(language, start_engine=True)
            for script in language_scripts(language)]


@audio_cli.command()
@click.argument("lang")
@click.argument("slug")
@click.option("--spoken", is_flag=True, help="As normalised for the engine (numbers, abbreviations, lexicon).")
@click.option("--phonemes", is_flag=True, help="As the engine's phonemes, with what it gets wrong marked.")
def script(lang, slug, spoken, phonemes):
    """Print what is spoken for topic SLUG in LANG, for proof-reading the voice:
    the topic, then each glossary term."""
    language = get_language(lang)
    if language is None or language.voice is None:
        raise click.ClickException(f"{lang!r} is not a language this service speaks")
    topic = topic_library().get(slug)
    if topic is None:
        raise click.ClickException(f"there is no topic {slug!r}")
    shown = localized(topic, lang)
    scripts = renderer().scripts
    problems = 0
    for spoken_script in [scripts.topic(shown, language), *(scripts.glossary(shown, g, language) for g in shown.glossary)]:
        for line in spoken_script.lines:
            if not phonemes:
                click.echo(line.spoken if spoken else line.text)
                continue
            try:
                reading = read_aloud(line.spoken, spoken_script.voice_of(line)[0])
            except PhonemesUnavailable as error:
                raise click.ClickException(str(error)) from None
            found = reading.problems(spelled_rightly(lang))
            problems += len(found)
            click.echo(f"{line.text}\n  {reading.phonemes}" + "".join(f"\n  !! {p}" for p in found))
        click.echo("")
    if problems:
        raise click.ClickException(f"{problems} words the engine gets wrong (marked !!)")


@audio_cli.command()
@click.option("--repair", is_flag=True, help="Remove what is wrong, so that it renders again.")
def verify(repair):
    """Check every cached utterance and file against its text, voice and rate."""
    verifier = CacheVerifier(renderer())
    findings = []
    try:
        jobs = every_script()
        with click.progressbar(jobs, label="Checking the audio cache") as bar:
            for script in bar:
                findings += verifier.check_script(script)
    except SpeechError as error:
        raise click.ClickException(f"the speech engine is not available: {error}") from None
    for finding in findings:
        click.echo(f"{finding.path}: {finding.problem}", err=True)
        if repair:
            finding.path.unlink(missing_ok=True)
    if repair and findings:  # a talking book holds copies of the audio: it is built again from the repaired files
        for book in verifier.books():
            book.unlink(missing_ok=True)
    for problem in verifier.unsayable:
        click.echo(f"not checked, no worker says it right now: {problem}", err=True)
    unused = len(verifier.unchecked())
    click.echo(f"Checked {len(verifier.checked)} cached entries: {len(findings)} wrong"
               + (", removed" if repair and findings else "")
               + (f"; {unused} used by no current script, not checked." if unused else "."))
    if findings:  # found wrong, whether or not it was removed: a script running this notices
        raise SystemExit(1)


@audio_cli.command()
def clear():
    """Empty the audio cache."""
    removed = renderer().cache.clear()
    click.echo(f"Removed {removed} files from {current_app.config['CACHE_DIR']}.")
