"""What a control shows is part of its name (WCAG 2.5.3), in every language:
the player's "back 10 seconds" button shows ↺10 in the page's digits, so its
translated name must carry the same number."""

import pytest

from .conftest import LANGUAGES, SLUG, soup


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_back_button_names_the_number_it_shows(client, lang):
    button = soup(client.get(f"/{lang}/topics/{SLUG}/")).select_one("#player [data-action=back]")
    shown = button.get_text().removeprefix("↺")
    assert shown and shown in button["aria-label"], (shown, button["aria-label"])
