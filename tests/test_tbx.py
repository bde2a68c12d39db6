"""The term base as TBX (service/commands/tbx.py), read back by
translate-toolkit as a translator's tool would."""

from translate.storage import tbx

from service.config import PROJECT_DIR
from service.content.termbase import load_termbase

TERMBASE = load_termbase(PROJECT_DIR / "translations" / "termbase.toml")


def test_the_term_base_exports_as_tbx_with_every_language_and_the_status_of_each_form(runner, tmp_path):
    out = tmp_path / "terms.tbx"
    result = runner.invoke(args=["translations", "export", "--format", "tbx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    store = tbx.tbxfile.parsestring(out.read_bytes())
    entries = {unit.getid(): unit for unit in store.unit_iter()}
    assert len(entries) == len(TERMBASE.concepts)
    cavity = entries["pleural-cavity"]
    assert cavity.source == "pleural cavity"
    turkish = {term.text: term.administrative_status for term in cavity._get_terms(cavity.get_target_dom("tr"))}
    assert turkish == {"plevral boşluk": "preferredTerm-admn-sts",
                       "akciğer zarları arasındaki boşluk": "admittedTerm-admn-sts",
                       "göğüs boşluğu": "deprecatedTerm-admn-sts"}
    for lang in ("ar", "fa", "ru", "de", "ku"):
        preferred = [t.text for t in cavity._get_terms(cavity.get_target_dom(lang))
                     if t.administrative_status == "preferredTerm-admn-sts"]
        assert preferred == [TERMBASE.term("pleural cavity", lang).target]


def test_one_language_alone(runner):
    result = runner.invoke(args=["translations", "export", "de", "--format", "tbx"])
    assert result.exit_code == 0 and 'xml:lang="de"' in result.output and 'xml:lang="tr"' not in result.output
