"""The enhanced player and reading aids, driven by keyboard in Chromium."""

import pytest

SLUG = "stage-4-mesothelioma-surgery"


def audio_of(page, figure):
    return page.evaluate(f"document.querySelector('#{figure}-player audio').currentTime")


def tab_to(page, selector, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement === document.querySelector({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_play_highlight_speed_and_stop_by_keyboard(page, lang):
    page.goto(f"/{lang}/topics/{SLUG}/")
    tab_to(page, "#chemotherapy-player [data-action=toggle]")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#chemotherapy-player audio').currentTime > 0.5", timeout=15000)
    heading = page.evaluate("document.querySelector('.speaking').tagName")
    assert heading == "H2"  # the first cue announces the section's heading
    page.wait_for_function("document.querySelector('.speaking') && "
                           "document.querySelector('.speaking').classList.contains('sentence')", timeout=15000)
    spoken = page.evaluate("document.querySelector('.speaking').textContent")
    assert spoken.startswith("Chemotherapy is often used" if lang == "en" else "Kemoterapi, tümörlerin")
    assert page.get_attribute("#chemotherapy-player [data-action=toggle]", "aria-pressed") == "true"

    tab_to(page, "#chemotherapy-player select")
    page.keyboard.press("ArrowDown")  # 1x -> 1.25x
    assert page.evaluate("document.querySelector('#chemotherapy-player audio').playbackRate") == 1.25
    assert page.evaluate("localStorage.getItem('carevoice.speed')") == "1.25"

    page.keyboard.press("Shift+Tab")  # back to Stop
    page.keyboard.press("Enter")
    assert audio_of(page, "chemotherapy") == 0
    assert page.evaluate("document.querySelector('#chemotherapy-player audio').paused")
    assert page.evaluate("document.querySelectorAll('.speaking').length") == 0
    page.wait_for_function("document.querySelector('.status').textContent.length > 0")


def test_speed_is_kept_between_pages(page):
    page.goto(f"/en/topics/{SLUG}/")
    page.evaluate("localStorage.setItem('carevoice.speed', '1.5')")
    page.goto(f"/tr/topics/{SLUG}/")
    assert page.evaluate("document.querySelector('#topic-player audio').playbackRate") == 1.5
    assert page.input_value("#topic-player select") == "1.5"


def test_next_section_moves_playback_and_focus(page):
    page.goto(f"/en/topics/{SLUG}/")
    page.focus("#chemotherapy-player [data-action=next]")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#radiation-therapy-player audio').currentTime > 0.3", timeout=15000)
    assert page.evaluate("document.activeElement.closest('figure').id") == "radiation-therapy-player"
    assert page.evaluate("document.querySelector('#chemotherapy-player audio').paused")


def test_activating_a_sentence_plays_from_there(page):
    page.goto(f"/en/topics/{SLUG}/")
    page.click("#clinical-trials .sentence >> nth=1")
    page.wait_for_function("document.querySelector('#clinical-trials-player audio').currentTime > 0", timeout=15000)
    start = page.evaluate("""fetch(document.querySelector('#clinical-trials-player').dataset.timings)
                             .then(r => r.json()).then(c => c[2].start)""")
    assert page.evaluate("document.querySelector('#clinical-trials-player audio').currentTime") >= start - 0.1


def test_text_size_reaches_200_percent_without_horizontal_scrolling(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/tr/topics/{SLUG}/")
    for _ in range(4):
        page.click("[data-aid=larger]")
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--font-scale')").strip() == "2"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.click("[data-aid=contrast]")
    assert page.get_attribute("[data-aid=contrast]", "aria-pressed") == "true"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"


@pytest.mark.no_javascript
def test_without_javascript_the_native_players_remain(page):
    page.goto(f"/en/topics/{SLUG}/")
    assert page.locator("figure.audio-player audio[controls]").count() == 8
    assert page.locator(".player-controls").first.is_hidden()
    assert page.locator(".reading-aids").is_hidden()


def test_print_shows_the_text_dates_and_source_in_large_type_without_players(page):
    page.goto(f"/en/topics/{SLUG}/")
    page.emulate_media(media="print")
    assert page.locator("figure.audio-player").first.is_hidden()
    assert page.locator(".reading-aids").is_hidden()
    assert page.locator(".review-dates").is_visible() and page.locator(".source").is_visible()
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    assert size >= 20  # 16pt is about 21 px


def test_forced_colours_keep_the_highlight_and_focus_visible(page):
    page.emulate_media(forced_colors="active")
    page.goto(f"/en/topics/{SLUG}/")
    page.focus("#chemotherapy-player [data-action=toggle]")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.speaking')", timeout=15000)
    colours = page.evaluate("(() => { const s = getComputedStyle(document.querySelector('.speaking'));"
                            " return [s.backgroundColor, s.color]; })()")
    assert colours[0] != colours[1]
