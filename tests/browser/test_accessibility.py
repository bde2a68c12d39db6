"""The reader's pages in a real browser: WCAG 2.2 AA by axe-core, valid HTML by
the Nu HTML Checker, nothing fetched from other hosts, and a keyboard walk.

Every page type is checked in every language, and the axe checks run both with
and without JavaScript (the pages must work for a visitor who has none).
"""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from ..conftest import LANGUAGES, SLUG
from .axe import format_violations, run_axe
from .vnu import check_files, format_errors

# page type -> (path, the status the page answers with)
PAGE_TYPES = {
    "topic-list": ("/{lang}/", 200),
    "topic": (f"/{{lang}}/topics/{SLUG}/", 200),
    "not-found": ("/{lang}/topics/no-such-topic/", 404),
}
MAX_TABS = 200
# Kiosk screens (their axe checks and keyboard visit are in test_kiosk_session.py).
KIOSK_PAGE_TYPES = {
    "kiosk-languages": ("/kiosk/", 200),
    "kiosk-topics": ("/kiosk/{lang}/", 200),
    "kiosk-topic": (f"/kiosk/{{lang}}/topics/{SLUG}/", 200),
}


def page_path(page_type: str, lang: str) -> str:
    return PAGE_TYPES[page_type][0].format(lang=lang)


def open_page(page, page_type: str, lang: str, wait_until: str = "load"):
    path = page_path(page_type, lang)
    response = page.goto(path, wait_until=wait_until)
    assert response is not None, path
    assert response.status == PAGE_TYPES[page_type][1], f"{path} answered {response.status}"
    return response


@pytest.mark.parametrize("java_script_enabled", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_axe_finds_no_wcag_violations(page, page_type, lang, java_script_enabled):
    open_page(page, page_type, lang)
    assert page.evaluate("() => document.documentElement.lang") == lang
    violations = run_axe(page)
    assert not violations, f"{page_path(page_type, lang)}\n{format_violations(violations)}"


# Checked with the pages, to prove the checker runs and its errors reach us.
INVALID_CONTROL = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"></head>
<body><p>An unclosed paragraph <div>with a block inside</div></p></body></html>
"""


def test_every_page_is_valid_html(live_server, tmp_path):
    control = (tmp_path / "control-invalid.html").resolve()
    control.write_text(INVALID_CONTROL, encoding="utf-8")
    names = {}
    every_type = {**PAGE_TYPES, **KIOSK_PAGE_TYPES}
    for page_type, (template, expected) in every_type.items():
        for lang in LANGUAGES:
            path = template.format(lang=lang)
            try:
                with urllib.request.urlopen(live_server.url(path), timeout=10) as response:
                    status, body = response.status, response.read()
            except urllib.error.HTTPError as error:
                status, body = error.code, error.read()
            assert status == expected, f"{path} answered {status}"
            file = (tmp_path / f"{lang}-{page_type}.html").resolve()
            file.write_bytes(body)
            names[file] = path
    errors = check_files([*names, control])
    assert set(errors) == {*names, control}, f"vnu reported on unexpected files: {sorted(map(str, errors))}"
    assert errors.pop(control), "vnu found nothing wrong in a page made invalid on purpose"
    found = {file: messages for file, messages in errors.items() if messages}
    assert not found, format_errors(found, names)


def test_every_page_is_valid_html_as_its_script_leaves_it(page, tmp_path):
    """The Nu checker on every page type in every language after its script
    has run (the one player in place of the native ones, the kiosk's voice)."""
    names = {}
    every_type = {**PAGE_TYPES, **KIOSK_PAGE_TYPES}
    for page_type, (template, expected) in every_type.items():
        for lang in LANGUAGES:
            path = template.format(lang=lang)
            response = page.goto(path)
            assert response.status == expected, f"{path} answered {response.status}"
            file = (tmp_path / f"{lang}-{page_type}-js.html").resolve()
            file.write_text("<!DOCTYPE html>\n" + page.evaluate("document.documentElement.outerHTML"), encoding="utf-8")
            names[file] = f"{path} (after its script)"
    errors = check_files(list(names))
    assert set(errors) == set(names)
    found = {file: messages for file, messages in errors.items() if messages}
    assert not found, format_errors(found, names)


@pytest.mark.parametrize("java_script_enabled", [True, False], ids=["js", "no-js"])
def test_axe_check_reports_violations_it_is_shown(page, java_script_enabled):
    """The checker itself works, with and without JavaScript: it sees an image
    with no text alternative added to the page."""
    open_page(page, "topic-list", "en")
    page.evaluate("""() => {
      const img = document.createElement('img');
      img.src = '/static/carevoice.css';
      img.width = 10; img.height = 10;
      document.querySelector('main').prepend(img);
    }""")
    violations = run_axe(page)
    assert "image-alt" in [v["id"] for v in violations], format_violations(violations)


def test_request_log_sees_requests_to_other_hosts(page, requests_made, live_server):
    """The log catches a request off the app's host (blocked, so it goes nowhere)."""
    open_page(page, "topic-list", "en")
    assert requests_made.foreign() == []
    elsewhere = "http://127.0.0.1:9/pixel.png"  # another port is another host here
    with page.expect_event("requestfailed"):
        page.evaluate("(src) => { const img = new Image(); img.src = src; document.body.append(img); }", elsewhere)
    assert requests_made.foreign() == [elsewhere]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_page_requests_nothing_from_other_hosts(page, requests_made, live_server, page_type, lang):
    open_page(page, page_type, lang, wait_until="networkidle")
    assert requests_made.urls, "the request log recorded nothing"
    assert requests_made.urls[0] == live_server.url(page_path(page_type, lang))
    assert not requests_made.foreign(), (
        f"{page_path(page_type, lang)} asked for addresses off {live_server.netloc}: {requests_made.foreign()}"
    )


# Elements with the `hidden` attribute that are rendered all the same (an
# author style such as `display: flex` overrides the attribute's display: none).
SHOWN_THOUGH_HIDDEN = """() => [...document.querySelectorAll('[hidden]:not([hidden="until-found"])')]
  .filter((e) => e.checkVisibility())
  .map((e) => `<${e.tagName.toLowerCase()}${e.className ? ' class="' + e.className + '"' : ''} hidden>`
    + ` shown as display: ${getComputedStyle(e).display}`)"""


@pytest.mark.parametrize("java_script_enabled", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_hidden_content_stays_hidden(page, page_type, lang, java_script_enabled):
    """What the markup hides (controls that only work once the script has run)
    is neither shown nor reachable by keyboard or screen reader."""
    open_page(page, page_type, lang)
    shown = page.evaluate(SHOWN_THOUGH_HIDDEN)
    assert not shown, f"{page_path(page_type, lang)}: hidden elements are rendered:\n" + "\n".join(shown)


# --- keyboard --------------------------------------------------------------

TABBABLE_SELECTOR = (
    "a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, "
    "audio[controls], video[controls], iframe, [tabindex], [contenteditable]"
)

# Gives each element a stable number (in a WeakMap, so the DOM is untouched)
# and names it for messages.
IDENTIFY = """
  window.__focusIds = window.__focusIds || new WeakMap();
  window.__focusNext = window.__focusNext || 1;
  const identify = (e) => {
    if (!window.__focusIds.has(e)) window.__focusIds.set(e, window.__focusNext++);
    const attr = (name) => e.getAttribute(name) ? `[${name}="${e.getAttribute(name)}"]` : '';
    return {
      key: window.__focusIds.get(e),
      name: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + attr('class') + attr('href')
        + attr('aria-label') + attr('data-action') + attr('data-aid'),
    };
  };
"""

# The focused element with its focus styles; null while focus is on no element
# (between the end of the page and its start).
DESCRIBE_FOCUS = "() => {" + IDENTIFY + """
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const style = getComputedStyle(e);
  return Object.assign(identify(e), {
    outlineStyle: style.outlineStyle,
    boxShadow: style.boxShadow,
    visible: e.checkVisibility({opacityProperty: true, visibilityProperty: true}),
  });
}"""

# What should be in the Tab order, in document order: links, form controls,
# native media players and anything with tabindex >= 0, less what is hidden,
# disabled or inert.
TABBABLES = "(selector) => {" + IDENTIFY + """
  const main = document.getElementById('main');
  return [...document.querySelectorAll(selector)]
    .filter((e) => e.tabIndex >= 0 && !e.disabled && !e.closest('[inert]')
      && e.checkVisibility({visibilityProperty: true}))
    .map((e) => Object.assign(identify(e), {
      tabIndex: e.tabIndex,
      afterMain: !!(main.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING),
      languageLink: !!e.closest('.language-switcher'),
      audioLink: !!e.closest('.audio-links'),
    }));
}"""

# Run on a user-agent shadow root: its focused element's focus styles.
INNER_FOCUS = """function () {
  const a = this.activeElement;
  if (!a) return null;
  const style = getComputedStyle(a);
  return {name: a.tagName.toLowerCase() + '[pseudo="' + (a.getAttribute('pseudo') || '') + '"]'
                + (a.getAttribute('aria-label') ? '[aria-label="' + a.getAttribute('aria-label') + '"]' : ''),
          outlineStyle: style.outlineStyle, boxShadow: style.boxShadow};
}"""


def add_inner_focus(cdp, stop: dict) -> dict:
    """A native control (<audio controls>) takes several Tab stops, on buttons
    inside its closed user-agent shadow tree, where the page's scripts can't
    look: read the focused inner button's styles over the DevTools protocol.
    The stop's focus styles become that button's; the host's stay when the
    host itself has focus."""
    focused = cdp.send("Runtime.evaluate", {"expression": "document.activeElement"})["result"]
    node = cdp.send("DOM.describeNode", {"objectId": focused["objectId"], "depth": 1, "pierce": True})["node"]
    for root in node.get("shadowRoots", []):
        if root.get("shadowRootType") != "user-agent":
            continue
        handle = cdp.send("DOM.resolveNode", {"backendNodeId": root["backendNodeId"]})["object"]
        inner = cdp.send(
            "Runtime.callFunctionOn",
            {"objectId": handle["objectId"], "functionDeclaration": INNER_FOCUS, "returnByValue": True},
        )["result"].get("value")
        if inner:
            return dict(stop, name=f"{stop['name']} >>> {inner['name']}",
                        outlineStyle=inner["outlineStyle"], boxShadow=inner["boxShadow"])
    return stop


def has_focus_style(stop: dict) -> bool:
    return stop["outlineStyle"] != "none" or stop["boxShadow"] != "none"


def describe_stops(stops: list[dict]) -> str:
    return "\n".join(f"  {s['name']}" for s in stops)


@pytest.mark.parametrize("java_script_enabled", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_keyboard_reaches_everything_in_order_with_visible_focus(page, lang, java_script_enabled):
    open_page(page, "topic", lang)
    cdp = page.context.new_cdp_session(page)
    tabbables = page.evaluate(TABBABLES, TABBABLE_SELECTOR)
    positive = [t["name"] for t in tabbables if t["tabIndex"] > 0]
    assert not positive, f"a positive tabindex changes the reading order: {positive}"
    assert page.locator("#player").count() == 1, "no audio player on the topic page"
    assert [t for t in tabbables if t["languageLink"]], "no language switcher links to reach"
    # Without JavaScript each unit has a native player with two links; with it the
    # one player replaces them (its links are in its closed menu).
    players = page.locator(".native-audio").count()
    assert players == (0 if java_script_enabled else 8)
    audio_links = [t for t in tabbables if t["audioLink"]]
    assert len(audio_links) == 2 * players, (
        f"{players} players but {len(audio_links)} visible audio links:\n{describe_stops(audio_links)}"
    )

    # 1. The first Tab lands on the skip link, which shows on screen with its focus style.
    page.keyboard.press("Tab")
    first = page.evaluate(DESCRIBE_FOCUS)
    assert first is not None and "skip-link" in first["name"], f"first Tab focused {first}"
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#main"
    assert first["visible"] and has_focus_style(first), f"the focused skip link shows no focus: {first}"
    box = page.evaluate("() => { const r = document.activeElement.getBoundingClientRect();"
                        " return [r.left, r.top, r.right, r.bottom, innerWidth, innerHeight]; }")
    assert 0 <= box[0] < box[2] <= box[4] and 0 <= box[1] < box[3] <= box[5], f"skip link off screen: {box}"

    # 2. Enter follows it: focus moves to <main id="main">.
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'", timeout=2000)

    # 3. Tab on until focus comes round to where it first went, at most MAX_TABS
    # times. A native player takes several Tabs in a row (its inner buttons);
    # coming back to an element after others, before going round, is a loop.
    cycle: list[dict] = []
    no_focus_style: list[dict] = []
    in_a_row = 0
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        stop = page.evaluate(DESCRIBE_FOCUS)
        if stop is None:
            continue  # focus left the page between its end and its start
        if cycle and stop["key"] == cycle[-1]["key"]:
            in_a_row += 1
            assert in_a_row < 8, f"focus is stuck in {stop['name']}"
        elif cycle and stop["key"] == cycle[0]["key"]:
            break  # went round the whole page once
        elif any(s["key"] == stop["key"] for s in cycle):
            pytest.fail(f"focus came back to {stop['name']} before going round the page (a focus loop):\n"
                        f"{describe_stops(cycle)}\n  -> {stop['name']}")
        else:
            in_a_row = 0
        stop = add_inner_focus(cdp, stop)
        cycle.append(stop)
        assert stop["visible"], f"Tab focused an element that can't be seen: {stop['name']}"
        if not has_focus_style(stop):
            no_focus_style.append(stop)
    else:
        pytest.fail(f"{MAX_TABS} Tabs did not go round the page once; focus went to:\n{describe_stops(cycle)}")

    # Everything tabbable was reached, in document order: from <main> to the
    # end, then from the top (skip link, language switcher) back to <main>.
    expected = [t for t in tabbables if t["afterMain"]] + [t for t in tabbables if not t["afterMain"]]
    reached = {s["key"] for s in cycle}
    missing = [t for t in expected if t["key"] not in reached]
    assert not missing, f"never reached by Tab:\n{describe_stops(missing)}"
    last = [t for t in tabbables if t["afterMain"]][-1]
    assert last["key"] in reached, f"focus never reached the last focusable element, {last['name']}"
    wanted = {t["key"] for t in expected}
    order = []
    for s in cycle:
        if s["key"] in wanted and (not order or order[-1] != s["key"]):
            order.append(s["key"])
    assert order == [t["key"] for t in expected], (
        f"Tab order differs from document order; expected:\n{describe_stops(expected)}\n"
        f"focus went to:\n{describe_stops(cycle)}"
    )
    assert no_focus_style == [], "focused with no visible focus indicator (outline-style and box-shadow none):\n" + "\n".join(
        f"  {s['name']}: outline-style {s['outlineStyle']}, box-shadow {s['boxShadow']}" for s in no_focus_style
    )
