"""Run axe-core (from tests/browser/node_modules) on a Playwright page.

axe needs a working JavaScript engine: its run is asynchronous, and in a
context made with `java_script_enabled=False` Chromium runs no timers and no
promise callbacks, not even for Playwright's own evaluate (axe.run would never
settle). So for a page without JavaScript, `run_axe` checks a faithful copy: the
DOM exactly as that page built it without scripts, served at the same address
to a second, JavaScript-enabled page whose Content-Security-Policy forbids every
script of the page's own (`script-src 'none'`); axe itself comes in through the
DevTools protocol, which the policy doesn't govern. Layout and styles come from
the same stylesheets at the same viewport, so contrast, target size and
reflow checks see what a visitor without JavaScript sees.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return results.violations;
}"""

# The page's DOM as it is now, as a document. A <noscript> in the body is shown
# by a browser without scripts but not by one with them, so it becomes an
# unknown (inline, generic) element, as a script-less browser renders it.
SNAPSHOT = """() => {
  const copy = document.documentElement.cloneNode(true);
  for (const old of copy.querySelectorAll('body noscript')) {
    const stand_in = document.createElement('x-noscript');
    for (const a of old.attributes) stand_in.setAttribute(a.name, a.value);
    stand_in.append(...old.childNodes);
    old.replaceWith(stand_in);
  }
  const doctype = document.doctype ? new XMLSerializer().serializeToString(document.doctype) + '\\n' : '';
  return doctype + copy.outerHTML;
}"""


@lru_cache(maxsize=1)
def axe_source() -> str:
    if not AXE_JS.exists():
        raise FileNotFoundError(f"{AXE_JS} is missing: run `npm ci` in tests/browser (make test does)")
    return AXE_JS.read_text(encoding="utf-8")


def scripts_run(page) -> bool:
    """Whether the page's context runs page scripts (a probe tag, removed again)."""
    probe = page.add_script_tag(content="document.currentScript.setAttribute('data-ran', '')")
    try:
        return probe.evaluate("e => e.hasAttribute('data-ran')")
    finally:
        probe.evaluate("e => e.remove()")


def run_axe(page, tags: list[str] = WCAG_TAGS) -> list[dict]:
    """The violations of `tags` that axe finds in the page as it is now."""
    if scripts_run(page):
        return _run_in(page, tags, inject_tag=True)
    return _run_on_copy(page, tags)


def _run_in(page, tags, inject_tag: bool) -> list[dict]:
    if page.evaluate("() => typeof window.axe") != "object":
        if inject_tag:
            page.add_script_tag(content=axe_source())
        else:
            page.evaluate(axe_source() + "\n;undefined")
    if page.evaluate("() => typeof window.axe") != "object":
        raise RuntimeError("axe-core did not load into the page")
    return page.evaluate(RUN, tags)


def _run_on_copy(page, tags) -> list[dict]:
    url = page.url
    origin = page.evaluate("() => location.origin")
    html = page.evaluate(SNAPSHOT)
    viewport = page.viewport_size
    context = page.context.browser.new_context(java_script_enabled=True, viewport=viewport)
    try:
        served = []

        def route(route):
            request = route.request
            if request.resource_type == "document":
                if request.url == url.split("#")[0] and not served:
                    served.append(url)
                    route.fulfill(
                        status=200,
                        content_type="text/html; charset=utf-8",
                        headers={"Content-Security-Policy": "script-src 'none'"},
                        body=html,
                    )
                else:
                    route.abort("blockedbyclient")
            elif request.url.startswith(origin + "/") and request.resource_type != "script":
                route.continue_()  # stylesheets, images, fonts: from the app, as the page had them
            else:
                route.abort("blockedbyclient")

        context.route("**/*", route)
        copy = context.new_page()
        copy.goto(url, wait_until="load")
        if not served:
            raise RuntimeError(f"the copy of {url} was not served")
        return _run_in(copy, tags, inject_tag=False)
    finally:
        context.close()


def format_violations(violations: list[dict]) -> str:
    """One readable block per rule: id, impact, help and each failing node."""
    if not violations:
        return "no axe violations"
    blocks = []
    for violation in violations:
        lines = [
            f"[{violation['id']}] ({violation.get('impact')}) {violation['help']}",
            f"  {violation.get('helpUrl', '')}",
        ]
        for node in violation["nodes"]:
            lines.append(f"  - target: {' '.join(_selector(t) for t in node['target'])}")
            lines.append(f"    html: {node.get('html', '')[:200]}")
            for summary_line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"    {summary_line}")
        blocks.append("\n".join(lines))
    return f"{len(violations)} axe violation(s):\n" + "\n".join(blocks)


def _selector(target) -> str:
    # A target is a CSS selector, or a list of them for shadow DOM / iframes.
    return " >>> ".join(target) if isinstance(target, list) else str(target)
