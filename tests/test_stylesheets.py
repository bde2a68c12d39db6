"""The stylesheets mirror by themselves under dir="rtl": they use logical
properties (inline-start, inline-end), never physical left and right."""

import re

import pytest

from service.config import PACKAGE_DIR

PHYSICAL = re.compile(r"(?<![\w-])((?:margin|padding|border)-(?:left|right)|left|right|float|text-align)\s*:\s*([^;}]*)")
# Values of float and text-align that name no side.
SIDELESS = re.compile(r"^(?:none|start|end|center|justify|inherit)\b")


@pytest.mark.parametrize("sheet", sorted(p.name for p in (PACKAGE_DIR / "static").glob("*.css")))
def test_no_physical_left_or_right(sheet):
    css = (PACKAGE_DIR / "static" / sheet).read_text(encoding="utf-8")
    found = [m.group(0) for m in PHYSICAL.finditer(css)
             if not (m.group(1) in ("float", "text-align") and SIDELESS.match(m.group(2).strip()))]
    assert found == []
