"""The one player of the topic page, its Listen buttons and the display
settings, driven by keyboard in Chromium."""

import pytest

SLUG = "stage-4-mesothelioma-surgery"
PLAYER_AUDIO = "document.querySelector('#player audio')"


def tab_to(page, selector, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement === document.querySelector({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def wait_playing(page, address_end, after=0.3):
    """The one player plays the audio whose address ends with ``address_end``."""
    page.wait_for_function(
        f"([end, after]) => {PLAYER_AUDIO}.src.endsWith(end) && {PLAYER_AUDIO}.currentTime > after"
        f" && !{PLAYER_AUDIO}.paused", arg=[address_end, after], timeout=15000)


def now_playing(page):
    return page.text_content("#player .now-playing")


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_play_highlight_speed_and_stop_by_keyboard(page, lang):
    page.goto(f"/{lang}/topics/{SLUG}/")
    tab_to(page, "#chemotherapy button.listen")
    page.keyboard.press("Enter")
    wait_playing(page, "/chemotherapy/audio.mp3", after=0.5)
    heading = page.evaluate("document.querySelector('.speaking').tagName")
    assert heading == "H2"  # the first cue announces the section's heading
    page.wait_for_function("document.querySelector('.speaking') && "
                           "document.querySelector('.speaking').classList.contains('sentence')", timeout=15000)
    spoken = page.evaluate("document.querySelector('.speaking').textContent")
    assert spoken.startswith("Chemotherapy is often used" if lang == "en" else "Kemoterapi, tümörlerin")
    assert page.get_attribute("#chemotherapy button.listen", "aria-pressed") == "true"
    # A button whose name changes is not also a toggle: "Pause: ...", not "Play: ..., pressed".
    assert page.get_attribute("#player [data-action=toggle]", "aria-pressed") is None
    assert now_playing(page) == ("Section 2 of 7: Chemotherapy" if lang == "en" else "Bölüm 2 / 7: Kemoterapi")
    toggle_name = page.get_attribute("#player [data-action=toggle]", "aria-label")
    assert toggle_name == ("Pause: Section 2 of 7: Chemotherapy" if lang == "en" else "Duraklat: Bölüm 2 / 7: Kemoterapi")

    tab_to(page, "#player select")
    page.keyboard.press("ArrowDown")  # 1x -> 1.25x
    assert page.evaluate(f"{PLAYER_AUDIO}.playbackRate") == 1.25
    assert page.evaluate("localStorage.getItem('carevoice.speed')") == "1.25"

    page.keyboard.press("Shift+Tab")  # to Next section: the player's keys work on its buttons
    page.keyboard.press("Escape")  # stop
    assert page.evaluate(f"{PLAYER_AUDIO}.currentTime") == 0
    assert page.evaluate(f"{PLAYER_AUDIO}.paused")
    assert page.evaluate("document.querySelectorAll('.speaking').length") == 0
    page.wait_for_function("document.querySelector('.status').textContent.length > 0")


def test_speed_is_kept_between_pages(page):
    page.goto(f"/en/topics/{SLUG}/")
    page.evaluate("localStorage.setItem('carevoice.speed', '1.5')")
    page.goto(f"/tr/topics/{SLUG}/")
    assert page.evaluate(f"{PLAYER_AUDIO}.playbackRate") == 1.5
    assert page.input_value("#player select") == "1.5"


def test_next_section_moves_playback_in_the_one_player(page):
    page.goto(f"/en/topics/{SLUG}/")
    page.click("#chemotherapy button.listen")
    wait_playing(page, "/chemotherapy/audio.mp3")
    page.focus("#player [data-action=next]")
    page.keyboard.press("Enter")
    wait_playing(page, "/radiation-therapy/audio.mp3")
    assert now_playing(page) == "Section 3 of 7: Radiation therapy"
    assert page.evaluate("document.activeElement.getAttribute('data-action')") == "next"  # focus stays
    assert page.get_attribute("#chemotherapy button.listen", "aria-pressed") == "false"
    assert page.get_attribute("#radiation-therapy button.listen", "aria-pressed") == "true"


def test_activating_a_sentence_plays_from_there(page):
    page.goto(f"/en/topics/{SLUG}/")
    page.click("#clinical-trials .sentence >> nth=1")
    wait_playing(page, "/clinical-trials/audio.mp3", after=0)
    start = page.evaluate("""fetch(document.querySelector('#clinical-trials button.listen').dataset.timings)
                             .then(r => r.json()).then(c => c[2].start)""")
    assert page.evaluate(f"{PLAYER_AUDIO}.currentTime") >= start - 0.1


def test_a_keyboard_only_walk_plays_a_section_a_term_and_the_whole_topic(page):
    """Tab and Enter only, from the top of the page, all through the one player."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/tr/topics/{SLUG}/")
    tab_to(page, "#palliative-surgery button.listen")
    page.keyboard.press("Enter")
    wait_playing(page, "/palliative-surgery/audio.mp3")
    assert now_playing(page) == "Bölüm 4 / 7: Palyatif cerrahi"
    tab_to(page, "#term-pleurodesis button.listen")
    page.keyboard.press("Enter")
    wait_playing(page, "/glossary/pleurodesis/audio.mp3")
    assert now_playing(page) == "Sözcük: plörodez"
    assert page.evaluate("document.querySelectorAll('audio').length") == 1  # it replaced the no-JS players
    tab_to(page, "#player [data-action=toggle]")  # pause from the player
    page.keyboard.press("Enter")
    assert page.evaluate(f"{PLAYER_AUDIO}.paused")
    page.keyboard.press("Shift+Tab")  # back round the page to its top, where the whole topic is
    for _ in range(80):
        if page.evaluate("document.activeElement.matches('.topic-head button.listen')"):
            break
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    wait_playing(page, f"/{SLUG}/audio.mp3")
    assert now_playing(page) == "Konunun tamamı: 4. evre mezotelyomada cerrahi"
    focused = page.evaluate("(() => { const r = document.activeElement.getBoundingClientRect();"
                            " return r.bottom <= document.querySelector('#player').getBoundingClientRect().top; })()")
    assert focused, "the focused control is hidden behind the docked player"


def test_display_settings_reach_200_percent_and_stay_across_pages(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/tr/topics/{SLUG}/")
    page.click(".display-settings summary")
    for _ in range(4):
        page.click("[data-aid=larger]")
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--font-scale')").strip() == "2"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.click("[data-aid=contrast]")
    assert page.get_attribute("[data-aid=contrast]", "aria-pressed") == "true"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    page.goto("/en/")  # another page keeps them
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--font-scale')").strip() == "2"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"


@pytest.mark.no_javascript
def test_without_javascript_the_native_players_remain(page):
    page.goto(f"/en/topics/{SLUG}/")
    natives = page.locator(".native-audio audio[controls]")
    assert natives.count() == 8 and all(natives.nth(i).is_visible() for i in range(8))
    assert page.locator("section.topic-section .native-audio").count() == 7  # one under each heading
    assert page.locator("a.term-audio:visible").count() == 13  # the glossary's audio, as links
    assert page.locator("#player").is_hidden()
    assert page.locator("button.listen:visible").count() == 0
    assert page.locator(".display-settings").is_hidden()


def test_print_shows_the_text_dates_and_source_in_large_type_without_players(page):
    page.goto(f"/en/topics/{SLUG}/")
    page.emulate_media(media="print")
    assert page.locator("#player").is_hidden()
    assert page.locator("button.listen:visible").count() == 0
    assert page.locator(".display-settings").is_hidden()
    assert page.locator(".review-dates").is_visible() and page.locator(".source").is_visible()
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    assert size >= 20  # 16pt is about 21 px


def test_forced_colours_keep_the_highlight_and_focus_visible(page):
    page.emulate_media(forced_colors="active")
    page.goto(f"/en/topics/{SLUG}/")
    page.focus("#chemotherapy button.listen")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.speaking')", timeout=15000)
    colours = page.evaluate("(() => { const s = getComputedStyle(document.querySelector('.speaking'));"
                            " return [s.backgroundColor, s.color]; })()")
    assert colours[0] != colours[1]
