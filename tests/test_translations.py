import json
import re
import shutil

import pytest
from babel.messages.pofile import read_po

from service.config import PROJECT_DIR
from service.commands.translations import check_catalog

from .conftest import LANGUAGES, SLUG

TURKISH = PROJECT_DIR / "translations" / "tr" / "LC_MESSAGES" / "messages.po"
TEMPLATE = PROJECT_DIR / "translations" / "messages.pot"


def test_status_of_the_real_catalogs_passes_and_nothing_is_reviewed(runner):
    result = runner.invoke(args=["translations", "status", "--json"])
    assert result.exit_code == 0, result.output
    languages = json.loads(result.output)["languages"]
    messages = check_catalog(TURKISH).translated
    # Every language but the source: every message translated, none fuzzy, none missing;
    # and no clinician has reviewed any of it (only the review command could say so).
    assert set(languages) == {code for code in LANGUAGES if code != "en"}
    for entry in languages.values():
        assert (entry["translated"], entry["fuzzy"], entry["missing"], entry["valid"]) == (messages, 0, 0, True)
        assert entry["reviewed"] == entry["outdated"] == 0 and entry["unreviewed"] > messages
        assert entry["topics"][SLUG]["reviewed"] == 0 and entry["problems"] == []
    assert not (PROJECT_DIR / "translations" / "reviews").exists()


def test_status_prints_a_table_of_languages_and_a_line_per_topic(runner):
    result = runner.invoke(args=["translations", "status"])
    lines = result.output.splitlines()
    assert lines[0].split() == ["language", "translated", "fuzzy", "missing", "reviewed", "unreviewed",
                                "outdated", "valid"]
    assert f"  tr {SLUG}: 0 reviewed, 44 unreviewed, 0 outdated" in lines


def test_turkish_catalog_is_complete_with_nothing_fuzzy():
    report = check_catalog(TURKISH)
    assert report.translated > 0 and report.fuzzy == 0 and report.missing == 0 and report.valid


def test_turkish_catalog_covers_every_message_of_the_template():
    with TEMPLATE.open("rb") as handle:
        template = {(m.context, m.id) for m in read_po(handle) if m.id}
    with TURKISH.open("rb") as handle:
        turkish = {(m.context, m.id) for m in read_po(handle) if m.id and m.string and not m.fuzzy}
    assert template - turkish == set()


def test_turkish_uses_the_term_base():
    text = TURKISH.read_text(encoding="utf-8")
    for term in ("mezotelyoma", "kemoterapi", "radyoterapi", "palyatif bakım", "plörodez", "plörektomi",
                 "klinik araştırma", "destekleyici bakım", "ikinci görüş", "nefes darlığı", "yaşam kalitesi"):
        assert term in text.casefold(), term
    assert "klinik çalışma" not in text


@pytest.fixture
def broken_catalogs(tmp_path, settings):
    folder = tmp_path / "translations"
    shutil.copytree(PROJECT_DIR / "translations", folder)
    settings["TRANSLATIONS_DIR"] = str(folder)
    return folder


def _break(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_status_fails_on_a_placeholder_the_source_does_not_have(broken_catalogs, runner):
    po = broken_catalogs / "tr" / "LC_MESSAGES" / "messages.po"
    _break(po, 'msgstr "İçeriğe geç"', 'msgstr "İçeriğe geç %(name)s"')
    result = runner.invoke(args=["translations", "status"])
    assert result.exit_code == 1
    assert f"{po}:" in result.output and "%(name)s is not in the source" in result.output


def test_status_fails_on_a_dropped_placeholder(broken_catalogs, runner):
    po = broken_catalogs / "tr" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    start = text.index("%(", text.index("msgstr", text.index("%(")))
    end = text.index(")s", start) + 2
    po.write_text(text[:start] + "X" + text[end:], encoding="utf-8")
    result = runner.invoke(args=["translations", "status"])
    assert result.exit_code == 1 and "is missing" in result.output


def test_status_fails_on_a_broken_plural_header(broken_catalogs, runner):
    po = broken_catalogs / "tr" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(re.sub(r'"Plural-Forms: [^"]*"', r'"Plural-Forms: nplurals=two; plural=(n >;\\n"', text), encoding="utf-8")
    result = runner.invoke(args=["translations", "status"])
    assert result.exit_code == 1
    assert f"{po}:" in result.output and ": header: the Plural-Forms header" in result.output


@pytest.mark.parametrize("header, valid", [
    # Arabic's rule, wrapped over three lines as pybabel and PO editors write it.
    ('"Plural-Forms: nplurals=6; plural=(n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : "\n'
     '"n % 100 >= 3 && n % 100 <= 10 ? 3 : n % 100 >= 11 && n % 100 <= 99 ? 4 : "\n"5);\\n"', True),
    ('"Plural-Forms: nplurals=6; plural=(n == 0 ? 0 : "\n"n == 1 ? ;\\n"', False),
])
def test_a_plural_header_may_run_over_several_lines(broken_catalogs, runner, header, valid):
    po = broken_catalogs / "tr" / "LC_MESSAGES" / "messages.po"
    text = re.sub(r'"Plural-Forms: [^"]*"', lambda _: header, po.read_text(encoding="utf-8"))
    po.write_text(text, encoding="utf-8")
    result = runner.invoke(args=["translations", "status"])
    assert ("header:" not in result.output) is valid, result.output


def test_extract_writes_every_content_field_with_context_and_comment(broken_catalogs, runner):
    template = broken_catalogs / "messages.pot"
    template.unlink()
    result = runner.invoke(args=["translations", "extract"])
    assert result.exit_code == 0, result.output
    with template.open("rb") as handle:
        messages = {m.context: m for m in read_po(handle) if m.context}
    chemo = messages["stage-4-mesothelioma-surgery:chemotherapy:paragraph-1"]
    assert chemo.id.startswith("Chemotherapy is often used")
    assert chemo.auto_comments == ["Paragraph 1 of the section 'chemotherapy'"]
    assert any(loc[0] == "service/topics/stage-4-mesothelioma-surgery.toml" for loc in chemo.locations)


def test_committed_template_is_up_to_date(broken_catalogs, runner):
    runner.invoke(args=["translations", "extract"])
    with (broken_catalogs / "messages.pot").open("rb") as fresh, TEMPLATE.open("rb") as committed:
        assert {(m.context, m.id) for m in read_po(fresh)} == {(m.context, m.id) for m in read_po(committed)}


def test_init_update_and_compile_a_new_language(broken_catalogs, runner):
    assert runner.invoke(args=["translations", "init", "de"]).exit_code == 0
    assert (broken_catalogs / "de" / "LC_MESSAGES" / "messages.po").exists()
    assert runner.invoke(args=["translations", "update"]).exit_code == 0
    result = runner.invoke(args=["translations", "compile"])
    assert result.exit_code == 0, result.output
    assert (broken_catalogs / "de" / "LC_MESSAGES" / "messages.mo").exists()
    status = runner.invoke(args=["translations", "status"])
    de = next(line for line in status.output.splitlines() if line.startswith("de"))
    assert de.split()[1] == "0"  # nothing translated yet, and that is still valid


def _run(make_app, *args):
    return make_app().test_cli_runner().invoke(args=["translations", *args])


@pytest.mark.parametrize("role", ["", "   "])
def test_review_refuses_an_empty_role(make_app, content_copy, role):
    result = _run(make_app, "review", "tr", "--role", role)
    assert result.exit_code == 1 and "--role" in result.output
    assert not (content_copy[1] / "reviews").exists()


def test_review_refuses_fuzzy_messages_and_records_nothing(make_app, content_copy):
    po = content_copy[1] / "tr" / "LC_MESSAGES" / "messages.po"
    _break(po, f'msgctxt "{SLUG}:title"', f'#, fuzzy\nmsgctxt "{SLUG}:title"')
    result = _run(make_app, "review", "tr", "--topic", SLUG, "--role", "oncology nurse")
    assert result.exit_code == 1 and f"{SLUG}:title" in result.output and "fuzzy or untranslated" in result.output
    assert not (content_copy[1] / "reviews").exists()


def test_review_of_an_unknown_topic_or_language_is_a_clear_error(make_app, content_copy):
    assert "no topic" in _run(make_app, "review", "tr", "--topic", "no-such", "--role", "r").output
    assert "no catalog" in _run(make_app, "review", "xx", "--role", "r").output


def test_a_review_records_role_date_and_digests_and_no_name(make_app, content_copy):
    result = _run(make_app, "review", "de", "--role", "Onkologe", "--date", "2026-12-02")
    assert result.exit_code == 0, result.output
    records = json.loads((content_copy[1] / "reviews" / "de.json").read_text(encoding="utf-8"))
    title = next(r for r in records["reviews"] if r["context"] == f"{SLUG}:title")
    assert set(title) == {"context", "msgid", "english_sha256", "translation_sha256", "role", "date"}
    assert (title["msgid"], title["role"], title["date"]) == ("Surgery for Stage 4 Mesothelioma", "Onkologe",
                                                              "2026-12-02")
    assert any(r["context"] == "termbase:pleural-cavity" for r in records["reviews"])
    status = json.loads(_run(make_app, "status", "--json").output)["languages"]["de"]
    assert status["unreviewed"] == status["outdated"] == 0 and status["reviewed"] > status["translated"]


def test_update_keeps_a_rewritten_paragraphs_translation_as_fuzzy_however_much_it_changed(make_app, content_copy):
    topics, translations = content_copy
    path = topics / f"{SLUG}.toml"
    text = path.read_text(encoding="utf-8")
    old = text[text.index("Radiation therapy can be used"):text.index('"', text.index("Radiation therapy can be used"))]
    path.write_text(text.replace(old, "Nothing alike."), encoding="utf-8")
    for step in ("extract", "update"):
        assert _run(make_app, step).exit_code == 0
    with (translations / "ru" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        messages = {m.context: m for m in read_po(handle) if m.context}
    rewritten = messages[f"{SLUG}:radiation-therapy:paragraph-1"]
    assert rewritten.id == "Nothing alike." and rewritten.fuzzy and rewritten.string.startswith("Лучевая")
    assert sum(m.fuzzy for m in messages.values()) == 1


def test_status_finds_a_translation_that_does_not_use_the_approved_term(make_app, content_copy):
    po = content_copy[1] / "de" / "LC_MESSAGES" / "messages.po"
    _break(po, 'msgstr "Chemotherapie"', 'msgstr "Behandlung mit Medikamenten"')
    result = _run(make_app, "status")
    assert result.exit_code == 1
    assert "the English uses 'chemotherapy', the translation lacks 'Chemotherapie'" in result.output
    _break(po, '#. Heading of the section \'chemotherapy\'',
           '# chemotherapy: the heading names the treatment plainly\n#. Heading of the section \'chemotherapy\'')
    assert _run(make_app, "status").exit_code == 0  # a translator's note says why
