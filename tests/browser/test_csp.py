"""The Content-Security-Policy enforced, as a visitor's browser does: our own
scripts and styles work under it and nothing on the pages violates it."""

import time

import pytest

SLUG = "stage-4-mesothelioma-surgery"


@pytest.fixture
def enforcing(browser, live_server):
    context = browser.new_context(base_url=live_server.origin)  # no bypass: the policy applies
    page = context.new_page()
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    yield page, violations
    context.close()


def poll(page, expression, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.evaluate(expression):
            return
        time.sleep(0.1)
    raise AssertionError(f"never true: {expression}")


@pytest.mark.parametrize("path", ["/en/", f"/tr/topics/{SLUG}/", "/kiosk/", f"/kiosk/tr/topics/{SLUG}/"])
def test_pages_run_under_the_policy_without_violations(enforcing, path):
    page, violations = enforcing
    page.goto(path)
    page.wait_for_load_state("networkidle")
    assert violations == []


def test_the_player_works_under_the_policy(enforcing):
    page, violations = enforcing
    page.goto(f"/en/topics/{SLUG}/")
    assert page.is_visible("#player .player-controls")  # topic.js ran
    page.click(".display-settings summary")
    page.click("[data-aid=larger]")  # display settings set a style property from script
    assert page.evaluate("() => getComputedStyle(document.documentElement).getPropertyValue('--font-scale')") == "1.25"
    page.click("#chemotherapy button.listen")
    poll(page, "() => document.querySelector('#player audio').currentTime > 0.5")
    poll(page, "() => !!document.querySelector('.speaking')")  # timings fetched from our own origin
    assert violations == []
