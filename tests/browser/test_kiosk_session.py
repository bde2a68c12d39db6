"""A kiosk visit, by keyboard only, in Chromium: language, topic, listening,
the idle warning, and the reset for the next patient."""

import threading

import pytest
from werkzeug.serving import make_server

from service import create_app

from ..conftest import LANGUAGES, SLUG
from .axe import format_violations, run_axe

IDLE, WARNING = 4, 3


@pytest.fixture(scope="module")
def kiosk_server(tmp_path_factory):
    app = create_app({"TESTING": True, "CACHE_DIR": str(tmp_path_factory.mktemp("kiosk-cache")),
                      "KIOSK_IDLE_SECONDS": IDLE, "KIOSK_WARNING_SECONDS": WARNING})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    app.extensions["carevoice.speech"].close()


@pytest.fixture
def kiosk(browser, kiosk_server):
    context = browser.new_context(base_url=kiosk_server, bypass_csp=True)  # for the test tooling
    yield context.new_page()
    context.close()


def voice(page):
    return page.evaluate("(() => { const v = document.querySelector('audio.kiosk-voice');"
                         " return {src: new URL(v.currentSrc || v.src || location.href).pathname, paused: v.paused}; })()")


def wait_voice(page, path):
    page.wait_for_function(
        "p => { const v = document.querySelector('audio.kiosk-voice');"
        " return v && v.src.endsWith(p) && v.currentTime > 0; }", arg=path, timeout=15000)


def test_a_blind_patient_uses_the_kiosk_by_keys_and_it_resets(kiosk):
    page = kiosk
    page.goto("/kiosk/")
    assert page.is_visible("[data-start]")
    page.keyboard.press("Space")  # the first key starts speech, and does nothing else
    assert page.is_hidden("[data-start]")
    wait_voice(page, "/kiosk/en/prompts/language.mp3")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == "Türkçe"
    wait_voice(page, "/kiosk/tr/prompts/language.mp3")  # spoken by the Turkish voice
    page.keyboard.press("h")
    wait_voice(page, "/kiosk/en/prompts/help.mp3")
    page.keyboard.press("Escape")
    assert voice(page)["paused"]

    page.focus("a[hreflang=tr]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kiosk/tr/")
    wait_voice(page, f"/kiosk/tr/prompts/topic-{SLUG}.mp3")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/kiosk/tr/topics/{SLUG}/")
    wait_voice(page, f"/kiosk/tr/prompts/play-{SLUG}.mp3")
    page.keyboard.press("Enter")  # play the whole topic
    page.wait_for_function("document.querySelector('#player audio').currentTime > 0.5", timeout=20000)
    assert voice(page)["paused"]  # the topic interrupts the prompt
    page.keyboard.press("+")
    assert page.evaluate("sessionStorage.getItem('carevoice.kioskVolume')") == "1"
    page.keyboard.press("-")
    assert page.evaluate("sessionStorage.getItem('carevoice.kioskVolume')") == "0.8"
    page.keyboard.press("Escape")  # stop: silence
    assert page.evaluate("document.querySelector('#player audio').paused")
    for _ in range(5):  # past the player's speed, repeat, previous and next: the first section, one stop
        page.keyboard.press("ArrowDown")
    wait_voice(page, f"/kiosk/tr/prompts/play-{SLUG}-introduction.mp3")
    page.keyboard.press("Enter")  # chosen, it plays in the one player
    page.wait_for_function("(() => { const a = document.querySelector('#player audio');"
                           " return a.src.endsWith('/introduction/audio.mp3') && a.currentTime > 0.5; })()", timeout=20000)
    assert page.evaluate("document.querySelectorAll('audio').length") == 2  # the player, and the kiosk's voice
    page.keyboard.press("ArrowDown")  # the next section is the next stop
    wait_voice(page, f"/kiosk/tr/prompts/play-{SLUG}-chemotherapy.mp3")
    assert page.evaluate("document.querySelector('#player audio').paused")  # the prompt silenced the section

    page.wait_for_selector(".kiosk-idle:not([hidden])", timeout=(IDLE + 5) * 1000)
    wait_voice(page, "/kiosk/tr/prompts/idle.mp3")
    page.keyboard.press("Space")  # one key continues
    assert page.is_hidden(".kiosk-idle")
    assert page.url.endswith(f"/kiosk/tr/topics/{SLUG}/")

    page.wait_for_selector(".kiosk-idle:not([hidden])", timeout=(IDLE + 5) * 1000)
    page.wait_for_url("**/kiosk/", timeout=(WARNING + 5) * 1000)
    assert page.is_visible("[data-start]")
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0


def test_a_kiosk_visit_in_arabic_reads_right_to_left_and_says_the_translation_is_unreviewed(kiosk):
    page = kiosk
    page.goto("/kiosk/")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # English, Türkçe, العربية
    assert page.evaluate("document.activeElement.textContent") == "العربية"
    wait_voice(page, "/kiosk/ar/prompts/language.mp3")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kiosk/ar/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    wait_voice(page, f"/kiosk/ar/prompts/topic-{SLUG}.mp3")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/kiosk/ar/topics/{SLUG}/")
    # On arrival: the review notice and the first stop, in one prompt.
    wait_voice(page, f"/kiosk/ar/prompts/arrive-{SLUG}.mp3")
    assert page.is_visible(".translation-notice")
    page.keyboard.press("Enter")  # the first stop plays the whole topic
    page.wait_for_function("document.querySelector('#player audio').currentTime > 0.5", timeout=20000)
    for _ in range(5):  # leftwards, past the player's controls: the first section
        page.keyboard.press("ArrowLeft")
    wait_voice(page, f"/kiosk/ar/prompts/play-{SLUG}-introduction.mp3")
    page.keyboard.press("Enter")
    page.wait_for_function("(() => { const a = document.querySelector('#player audio');"
                           " return a.src.endsWith('/ar/topics/" + SLUG + "/introduction/audio.mp3')"
                           " && a.currentTime > 0.3; })()", timeout=20000)


def test_the_kiosk_player_has_a_speed_stop_and_returns_from_the_first_section_to_the_whole_topic(kiosk):
    page = kiosk
    page.goto(f"/kiosk/tr/topics/{SLUG}/")
    page.keyboard.press("Space")
    speed = page.locator("#player [data-action=cycle-speed]")
    assert speed.get_attribute("aria-label") == "Hız: 1×"
    speed.focus()
    wait_voice(page, "/kiosk/tr/prompts/speed.mp3")  # the stop speaks its name
    page.keyboard.press("Enter")  # one step faster, shown, named and kept
    assert speed.get_attribute("aria-label") == "Hız: 1,25×" and speed.inner_text() == "1,25×"
    page.locator(f"[data-prompt$='play-{SLUG}-introduction.mp3']").focus()
    page.keyboard.press("Enter")  # the first section plays, at that speed
    page.wait_for_function("(() => { const a = document.querySelector('#player audio');"
                           " return a.src.endsWith('/introduction/audio.mp3') && a.currentTime > 0.3; })()",
                           timeout=20000)
    assert page.evaluate("document.querySelector('#player audio').playbackRate") == 1.25
    page.locator("#player [data-action=previous]").focus()
    page.keyboard.press("Enter")  # before the first section: the whole topic again
    page.wait_for_function(f"document.querySelector('#player audio').src.endsWith('/tr/topics/{SLUG}/audio.mp3')",
                           timeout=10000)
    assert page.inner_text("#now-playing").startswith("Konunun tamamı")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["/kiosk/", "/kiosk/{lang}/", f"/kiosk/{{lang}}/topics/{SLUG}/"])
def test_kiosk_screens_have_no_wcag_violations(kiosk, lang, path):
    kiosk.set_extra_http_headers({"Accept-Language": lang})
    kiosk.goto(path.format(lang=lang))
    kiosk.keyboard.press("Space")
    violations = run_axe(kiosk)
    assert not violations, format_violations(violations)


def test_the_exported_topic_page_plays_from_a_static_server(browser, exported_site):
    base, _ = exported_site
    context = browser.new_context(base_url=base, bypass_csp=True)  # for the test tooling
    page = context.new_page()
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(f"/tr/topics/{SLUG}/")
    page.click("#player [data-action=toggle]")
    page.wait_for_function("document.querySelector('#player audio').currentTime > 0.5", timeout=15000)
    page.wait_for_function("document.querySelector('.speaking')", timeout=15000)  # timings came too
    assert failed == []
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_kiosk_topic_has_one_stop_per_section_and_ten_more_in_24px_text(kiosk, lang):
    page = kiosk
    page.set_viewport_size({"width": 1080, "height": 1920})
    page.goto(f"/kiosk/{lang}/topics/{SLUG}/")
    page.keyboard.press("Space")
    stops, sections = [], page.locator("section.topic-section").count()
    for _ in range(60):  # the stops the arrows visit, once round
        key = page.evaluate("(() => { const e = document.activeElement; return e.getAttribute('data-prompt'); })()")
        if key in stops:
            break
        stops.append(key)
        page.keyboard.press("ArrowDown")
    assert sections == 7 and len(stops) <= sections + 10, stops
    for section in page.evaluate("[...document.querySelectorAll('section.topic-section')].map((s) => s.id)"):
        assert sum(stop.endswith(f"-{section}.mp3") for stop in stops) == 1, section
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.topic-section > p')).fontSize)")
    assert size >= 24
