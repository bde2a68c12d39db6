"""XLIFF for agencies (service/commands/xliff.py): export, a CAT tool's
changes, import."""

import json

import pytest
from babel.messages.pofile import read_po
from lxml import etree
from translate.storage import poxliff

from .conftest import SLUG, soup

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
PARAGRAPH = f"{SLUG}:radiation-therapy:paragraph-1"
HEADING = f"{SLUG}:supportive-care:heading"


def run(app, *args):
    return app.test_cli_runner().invoke(args=["translations", *args])


def export(app, tmp_path, lang="tr"):
    out = tmp_path / f"{lang}.xlf"
    result = run(app, "export", lang, "--format", "xliff", "--out", str(out))
    assert result.exit_code == 0, result.output
    return out, etree.parse(str(out))


def unit(tree, uid):
    return tree.find(f".//x:trans-unit[@id='{uid}']", NS)


def set_target(tree, uid, text, state="translated"):
    target = unit(tree, uid).find("x:target", NS)
    target.text = text
    target.set("state", state)


def catalog(translations, lang="tr"):
    with (translations / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return {m.context or m.id: m for m in read_po(handle) if m.id}


def test_export_is_xliff_1_2_with_context_comments_terms_and_review_state(make_app, content_copy, tmp_path):
    out, tree = export(make_app(), tmp_path)
    assert tree.getroot().get("version") == "1.2" and tree.getroot().tag == f"{{{NS['x']}}}xliff"
    paragraph = unit(tree, PARAGRAPH)
    notes = {(n.get("from"), n.text) for n in paragraph.findall("x:note", NS)}
    assert ("developer", f"msgctxt: {PARAGRAPH}") in notes
    assert ("developer", "Paragraph 1 of the section 'radiation-therapy'") in notes
    assert ("termbase", "term: radiation therapy = radyoterapi; also: ışın tedavisi") in notes
    assert paragraph.find("x:target", NS).get("state") == "translated"
    # A CAT tool reads it: translate-toolkit's own reader finds every unit and plural group.
    store = poxliff.PoXliffFile.parsestring(out.read_bytes())
    assert len(store.units) == len(catalog(content_copy[1])) and any(u.hasplural() for u in store.units)


def test_a_reviewed_message_exports_final_with_its_reviewer(make_app, content_copy, tmp_path):
    app = make_app()
    assert run(app, "review", "tr", "--topic", SLUG, "--role", "oncology nurse").exit_code == 0
    _, tree = export(app, tmp_path)
    paragraph = unit(tree, PARAGRAPH)
    assert paragraph.find("x:target", NS).get("state") == "final" and paragraph.get("approved") == "yes"
    assert any("by: oncology nurse" in n.text for n in paragraph.findall("x:note", NS))
    assert unit(tree, "Skip to content").find("x:target", NS).get("state") == "translated"  # not a topic's


def test_a_translators_round_trip_changes_two_units_and_nothing_else(make_app, content_copy, tmp_path):
    _, translations = content_copy
    app = make_app()
    assert run(app, "review", "tr", "--topic", SLUG, "--role", "oncology nurse").exit_code == 0
    before = catalog(translations)
    out, tree = export(app, tmp_path)
    set_target(tree, PARAGRAPH, "Radyoterapi ağrı gibi belirtileri hafifletebilir.")
    set_target(tree, HEADING, "Destekleyici bakım ve yaşam kalitesi")
    set_target(tree, f"{SLUG}:title", "")  # an empty target: the translation there stays
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")

    result = run(app, "import", str(out))
    assert result.exit_code == 0, result.output
    assert "2 translations changed" in result.output
    after = catalog(translations)
    assert after[PARAGRAPH].string == "Radyoterapi ağrı gibi belirtileri hafifletebilir."
    assert after[HEADING].string == "Destekleyici bakım ve yaşam kalitesi" and not after[HEADING].fuzzy
    changed = {key for key in after if after[key].string != before[key].string}
    assert changed == {PARAGRAPH, HEADING} and after[f"{SLUG}:title"].string == before[f"{SLUG}:title"].string

    assert run(app, "compile").exit_code == 0
    app = make_app()
    page = soup(app.test_client().get(f"/tr/topics/{SLUG}/"))
    assert page.select_one("#supportive-care-heading").get_text(strip=True) == "Destekleyici bakım ve yaşam kalitesi"
    assert "Radyoterapi ağrı gibi belirtileri hafifletebilir." in page.select_one("#radiation-therapy").get_text()
    status = json.loads(run(app, "status", "--json").output)["languages"]["tr"]["topics"][SLUG]
    assert status["outdated"] == 2  # the two changed translations lost their review, by their digests


def test_a_unit_a_cat_tool_leaves_for_review_comes_in_fuzzy(make_app, content_copy, tmp_path):
    app = make_app()
    out, tree = export(app, tmp_path)
    set_target(tree, PARAGRAPH, "Taslak çeviri.", state="needs-review-translation")
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    assert run(app, "import", str(out)).exit_code == 0
    message = catalog(content_copy[1])[PARAGRAPH]
    assert message.string == "Taslak çeviri." and message.fuzzy


def test_import_refuses_a_file_whose_english_changed_and_names_the_units(make_app, content_copy, tmp_path):
    app = make_app()
    out, tree = export(app, tmp_path)
    unit(tree, PARAGRAPH).find("x:source", NS).text = "Radiation therapy is something else now."
    set_target(tree, HEADING, "Değişti")
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    po = content_copy[1] / "tr" / "LC_MESSAGES" / "messages.po"
    before = po.read_bytes()
    result = run(app, "import", str(out))
    assert result.exit_code == 1 and PARAGRAPH in result.output and "no longer" in result.output
    assert po.read_bytes() == before  # nothing taken, not even the good unit


@pytest.mark.parametrize("target, says", [
    ("Bölüm %(numara)s", "placeholder %(numara)s is not in the source"),
    ("Bölüm", "placeholder %(name)s is missing"),
])
def test_import_refuses_a_broken_placeholder(make_app, content_copy, tmp_path, target, says):
    app = make_app()
    out, tree = export(app, tmp_path)
    set_target(tree, "Listen: %(name)s", target)
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    result = run(app, "import", str(out))
    assert result.exit_code == 1 and says in result.output


def test_import_of_a_file_that_is_not_xliff_is_a_clear_error(make_app, content_copy, tmp_path):
    broken = tmp_path / "broken.xlf"
    broken.write_text("<xliff><file", encoding="utf-8")
    result = run(make_app(), "import", str(broken))
    assert result.exit_code == 1 and "not an XLIFF file" in result.output


def test_export_of_a_language_without_a_catalog_is_a_clear_error(make_app, content_copy):
    result = run(make_app(), "export", "xx")
    assert result.exit_code == 1 and "no catalog" in result.output
