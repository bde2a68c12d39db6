"""The topic page on a phone (390 × 844, JavaScript on): the text starts on
the first screen, one player, few controls, no sideways scrolling, and the
docked player mirrors right to left."""

import pytest

from ..conftest import LANGUAGES, SLUG
from .axe import format_violations, run_axe

PHONE = {"width": 390, "height": 844}
FIRST_SCREEN = 700  # px: where the first paragraph must start
MEASURE = """() => {
  const shown = (e) => e.checkVisibility({visibilityProperty: true});
  return {
    firstParagraph: document.querySelector('.topic-section > p').getBoundingClientRect().top,
    audio: [...document.querySelectorAll('audio')].filter(shown).length,
    audioElements: document.querySelectorAll('audio').length,
    controls: [...document.querySelectorAll('button, select, input, textarea')].filter(shown).length,
    sections: document.querySelectorAll('section.topic-section').length,
    terms: document.querySelectorAll('.glossary-entry').length,
    sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""


def phone_page(browser, server):
    context = browser.new_context(base_url=server.origin, viewport=PHONE, bypass_csp=True)
    context.route("**/*", lambda route: route.continue_() if server.is_own(route.request.url)
                  else route.abort("blockedbyclient"))
    return context, context.new_page()


@pytest.fixture(params=LANGUAGES)
def topic_on_a_phone(request, browser, live_server):
    """The topic page in each language."""
    lang = request.param
    context, page = phone_page(browser, live_server)
    response = page.goto(f"/{lang}/topics/{SLUG}/")
    assert response.status == 200 and page.evaluate("document.documentElement.lang") == lang
    yield page
    context.close()


def test_the_first_paragraph_starts_on_the_first_screen(topic_on_a_phone):
    figures = topic_on_a_phone.evaluate(MEASURE)
    assert figures["firstParagraph"] < FIRST_SCREEN, figures


def test_one_player_and_one_control_per_section_and_term_plus_ten(topic_on_a_phone):
    figures = topic_on_a_phone.evaluate(MEASURE)
    assert figures["audio"] <= 1 and figures["audioElements"] == 1, figures
    assert figures["sections"] == 7 and figures["terms"] == 13  # the first topic: at most 30 controls
    assert figures["controls"] <= figures["sections"] + figures["terms"] + 10, figures


def test_no_sideways_scrolling_at_200_percent_text(topic_on_a_phone):
    page = topic_on_a_phone
    page.evaluate("localStorage.setItem('carevoice.textScale', '2')")
    page.reload()
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--font-scale')").strip() == "2"
    assert page.evaluate(MEASURE)["sideways"] <= 0
    for menu in ("#player .player-more", ".display-settings"):  # and with each menu open
        page.click(f"{menu} summary")
        assert page.evaluate(MEASURE)["sideways"] <= 0, menu
        page.click(f"{menu} summary")


def test_the_player_stays_docked_without_moving_the_text(topic_on_a_phone):
    page = topic_on_a_phone
    player = page.evaluate("(() => { const r = document.querySelector('#player').getBoundingClientRect();"
                           " return [r.top, r.bottom, innerHeight, getComputedStyle(document.querySelector('#player')).position]; })()")
    assert player[3] == "fixed" and player[1] == player[2] and player[0] > FIRST_SCREEN - 200, player
    before = page.evaluate(MEASURE)["firstParagraph"]
    page.evaluate("window.scrollTo(0, 2000)")
    assert page.evaluate("document.querySelector('#player').getBoundingClientRect().bottom") == player[2]
    page.evaluate("window.scrollTo(0, 0)")
    assert page.evaluate(MEASURE)["firstParagraph"] == before


def test_the_docked_player_mirrors_right_to_left(topic_on_a_phone):
    page = topic_on_a_phone
    rtl = page.evaluate("document.documentElement.dir") == "rtl"
    edges = page.evaluate("""(() => {
      const first = document.querySelector('#player .player-controls button').getBoundingClientRect();
      const last = [...document.querySelectorAll('#player .player-controls > *')].pop().getBoundingClientRect();
      return {first: first.left + first.width / 2, last: last.left + last.width / 2, middle: innerWidth / 2};
    })()""")
    if rtl:
        assert edges["first"] > edges["middle"] > edges["last"], edges  # play is on the right
    else:
        assert edges["first"] < edges["middle"] < edges["last"], edges


def test_no_wcag_violations_with_a_section_playing_and_the_menus_open(topic_on_a_phone):
    """axe on what the default state hides: pressed Listen buttons, the
    player's name while playing, and both menus, in every language."""
    page = topic_on_a_phone
    page.click("#chemotherapy button.listen")
    page.wait_for_function("document.querySelector('#player audio').currentTime > 0.2", timeout=15000)
    page.click("#player .player-more summary")
    page.click(".display-settings summary")
    violations = run_axe(page)
    assert not violations, format_violations(violations)
