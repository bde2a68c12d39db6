import os

import pytest


@pytest.mark.speech
def test_voices_lists_the_engine_voices_and_marks_ours(runner):
    result = runner.invoke(args=["audio", "voices"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("espeak ")
    assert any(line.startswith("gmw/en-us") and line.endswith("<- en") for line in lines)
    assert any(line.startswith("trk/tr") and line.endswith("<- tr") for line in lines)


def test_render_all_fills_the_cache_and_clear_empties_it(make_app):
    # Two of the languages: every one configured is rendered, and two keep the test short.
    app = make_app(LANGUAGES={"en": {"voice": "gmw/en-us"}, "tr": {"voice": "trk/tr", "rate": 160}})
    runner = app.test_cli_runner()
    result = runner.invoke(args=["audio", "render", "--all", "--format", "mp3", "--format", "wav"])
    assert result.exit_code == 0, result.output
    audio = [f for d, _, files in os.walk(app.config["CACHE_DIR"]) for f in files if f.endswith((".mp3", ".wav"))
             and "/audio/" in os.path.join(d, f)]
    assert len(audio) == 2 * 8 * 2  # languages x (topic + 7 sections) x formats
    assert "Rendered 32 files" in result.output
    again = app.test_client().get("/tr/topics/stage-4-mesothelioma-surgery/audio.mp3")
    assert "Content-Length" in again.headers  # served from the cache
    cleared = runner.invoke(args=["audio", "clear"])
    assert cleared.exit_code == 0 and not os.path.exists(app.config["CACHE_DIR"])


def test_render_needs_all_and_renders_nothing_without_it(app, runner):
    result = runner.invoke(args=["audio", "render"])
    assert result.exit_code == 2 and "Error: Missing option '--all'." in result.output  # click's usage error
    assert not os.path.exists(os.path.join(app.config["CACHE_DIR"], "audio"))
