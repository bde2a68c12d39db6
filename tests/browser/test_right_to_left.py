"""Arabic and Persian in Debian's Chromium: drawn with fonts that have their
glyphs (no empty boxes), and a kiosk whose arrow keys follow the direction of
reading. (The docked player's mirror image is in test_first_screen.py.)"""

import subprocess

import pytest

from ..conftest import RIGHT_TO_LEFT, SLUG

# What the page shows in the language: the title, a heading, a paragraph, the
# glossary, a button and the player.
SAMPLES = ["h1", "#chemotherapy h2", "#introduction p", "#glossary dd", "button.listen", "#now-playing"]


def fonts_with_glyphs_for(lang: str) -> set[str]:
    """The font families fontconfig says cover ``lang``."""
    listed = subprocess.run(["fc-list", f":lang={lang}", "family"], capture_output=True, text=True, check=True)
    return {name.strip() for line in listed.stdout.splitlines() for name in line.split(",")}


@pytest.mark.parametrize("lang", RIGHT_TO_LEFT)
def test_text_is_drawn_with_fonts_that_have_its_glyphs(page, lang):
    page.goto(f"/{lang}/topics/{SLUG}/")
    covering = fonts_with_glyphs_for(lang)
    assert covering, f"no font on this machine covers {lang}: `make test` installs them"
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    for selector in SAMPLES:
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, selector
        used = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        # Every glyph of the text came from a font that has the language's letters.
        drawn_by = {font["familyName"] for font in used if font["glyphCount"]}
        assert drawn_by and drawn_by <= covering, (selector, used)


@pytest.mark.parametrize("lang", RIGHT_TO_LEFT)
def test_kiosk_arrows_follow_the_direction_of_reading(browser, live_server, lang):
    context = browser.new_context(base_url=live_server.origin, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(f"/kiosk/{lang}/topics/{SLUG}/")
        page.keyboard.press("Space")
        first = page.evaluate("document.activeElement.getAttribute('data-prompt')")
        page.keyboard.press("ArrowLeft")  # leftwards is onwards in a right-to-left script
        onwards = page.evaluate("document.activeElement.getAttribute('data-prompt')")
        assert onwards != first
        page.keyboard.press("ArrowRight")
        assert page.evaluate("document.activeElement.getAttribute('data-prompt')") == first
        page.keyboard.press("ArrowDown")  # down is onwards in every language
        assert page.evaluate("document.activeElement.getAttribute('data-prompt')") == onwards
    finally:
        context.close()
