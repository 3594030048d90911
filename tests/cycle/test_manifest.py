"""The upload manifest and list: every document, its requirement, SHA-256,
own revision and whether it must be uploaded now, against the upload record."""
from __future__ import annotations

import datetime as dt
import hashlib
import json

from docgen.model.lbf import DOCUMENT_KINDS
from docgen.pipeline import build
from docgen.cycle.upload_record import record, record_path

from conftest import MINIMAL


def test_manifest_lists_every_document_with_its_sha256(built):
    data = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    files = sorted(p.name for p in built.iterdir() if p.suffix in (".docx", ".xlsx"))
    assert sorted(d["fil"] for d in data["dokumenter"]) == files and len(files) == 10
    for d in data["dokumenter"]:
        assert d["sha256"] == hashlib.sha256((built / d["fil"]).read_bytes()).hexdigest()
        assert d["krav"] in [k["krav"] for k in DOCUMENT_KINDS.values()]
    checklist = (built / "Uploadliste.md").read_bytes()
    assert data["uploadliste"]["sha256"] == hashlib.sha256(checklist).hexdigest()
    text = checklist.decode("utf-8")
    for d in data["dokumenter"]:
        assert d["fil"] in text and d["sha256"] in text
    assert "En delaftale for hvert af de valgte indsatsområder" in text
    assert "skal være underskrevet af alle parter, før den uploades" in text


def test_due_is_against_the_last_upload_not_the_last_build(write_toml, tmp_path):
    out = tmp_path / "out"
    path = write_toml(MINIMAL.read_text(encoding="utf-8"))
    first = build(path, out).manifest
    assert all(d["skal_uploades"] for d in first["dokumenter"])
    again = build(path, out).manifest  # a second build uploads nothing
    assert all(d["skal_uploades"] for d in again["dokumenter"])
    record(path, out, dt.date(2024, 10, 1))
    assert record_path(path).exists()
    after = build(path, out).manifest
    assert not any(d["skal_uploades"] for d in after["dokumenter"])
    assert "Intet: alle godkendte dokumenter er uploadet" in (out / "Uploadliste.md").read_text(encoding="utf-8")
    assert "uploadet 1. oktober 2024" in (out / "Uploadliste.md").read_text(encoding="utf-8")


def test_a_change_without_a_revision_is_due_with_a_warning(write_toml, tmp_path):
    out = tmp_path / "out"
    path = write_toml(MINIMAL.read_text(encoding="utf-8"))
    build(path, out)
    record(path, out, dt.date(2024, 10, 1))
    path.write_text(path.read_text(encoding="utf-8").replace('vision = "En vision."', 'vision = "En ny vision."'),
                    encoding="utf-8")
    result = build(path, out)
    due = {d["id"] for d in result.manifest["dokumenter"] if d["skal_uploades"]}
    assert due == {"strategisk"}
    [warning] = [w for w in result.warnings if "ingen ny [[revisioner]] nævner den" in w.message]
    assert "01 Strategisk samarbejdsaftale - Testby.docx er ændret, siden den blev uploadet" in warning.message


def test_a_renamed_document_replaces_docgens_old_file(write_toml, tmp_path):
    out = tmp_path / "out"
    path = write_toml(MINIMAL.read_text(encoding="utf-8"))
    build(path, out)
    record(path, out, dt.date(2024, 10, 1))
    renamed = MINIMAL.read_text(encoding="utf-8").replace('omraadenavn = "Testby"', 'omraadenavn = "Nyby"')
    path.write_text(renamed, encoding="utf-8")
    data = build(path, out).manifest
    assert not (out / "01 Strategisk samarbejdsaftale - Testby.docx").exists()  # docgen's own, unchanged: removed
    assert (out / "01 Strategisk samarbejdsaftale - Nyby.docx").exists()
    assert all(d["skal_uploades"] for d in data["dokumenter"])


def test_the_header_names_the_file_that_was_built(write_toml, tmp_path):
    path = write_toml(MINIMAL.read_text(encoding="utf-8"), "gellerup.toml")
    build(path, tmp_path / "out")
    assert "ud fra gellerup.toml" in (tmp_path / "out" / "Uploadliste.md").read_text(encoding="utf-8")


def test_the_html_upload_list_is_one_page_of_its_own_naming_what_to_upload_and_why(built):
    import hashlib
    import re

    data = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    page = (built / "Uploadliste.html").read_bytes()
    assert data["uploadliste_html"] == {"fil": "Uploadliste.html", "sha256": hashlib.sha256(page).hexdigest()}
    html = page.decode("utf-8")
    # self-contained: no script at all, nothing fetched from elsewhere
    assert "<script" not in html.lower() and "<link" not in html.lower() and "@import" not in html
    assert not re.search(r'\bsrc\s*=', html) and "url(" not in html
    assert '<meta charset="utf-8">' in html and "@media print" in html and "@page" in html
    due = [d for d in data["dokumenter"] if d["skal_uploades"]]
    assert len(due) == 10 and "Skal uploades nu (10)" in html
    rows = re.findall(r'<tr class="skal-uploades">(.*?)</tr>', html)
    assert len(rows) == 10
    for d, row in zip(due, rows):
        assert f">{d['fil']}</a>" in row and d["grund"] in row
    # manifest.json keeps what programs read
    assert all({"fil", "skal_uploades"} <= set(d) for d in data["dokumenter"])


def test_a_din_udgave_copy_is_in_both_upload_lists_with_how_to_bring_it_back(tmp_path):
    from docgen.pipeline import build

    source = tmp_path / "agreement.toml"
    source.write_bytes(MINIMAL.read_bytes())
    out = tmp_path / "out"
    build(source, out)
    budget = next(out.glob("03 Budget*.xlsx"))
    budget.write_bytes(budget.read_bytes() + b"a partner's edit")
    build(source, out)
    copy = "03 Budget - Testby (din udgave).xlsx"
    assert (out / copy).exists()
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert data["din_udgave"] == [{"dokument": "03 Budget - Testby.xlsx", "fil": copy}]
    html = (out / "Uploadliste.html").read_text(encoding="utf-8")
    assert "Din udgave (1)" in html and f"docgen import &quot;{copy}&quot;" in html
    markdown = (out / "Uploadliste.md").read_text(encoding="utf-8")
    assert "## Din udgave (1)" in markdown and f'`docgen import "{copy}"`' in markdown
    # still there at the next build, until the user moves it away
    build(source, out)
    assert "Din udgave (1)" in (out / "Uploadliste.html").read_text(encoding="utf-8")
    (out / copy).unlink()
    build(source, out)
    assert "Din udgave" not in (out / "Uploadliste.html").read_text(encoding="utf-8")


def test_with_pdfs_the_list_says_which_file_to_upload_and_what_the_pdf_is_for(tmp_path):
    import json as _json

    from docgen.cycle import manifest as lists
    from docgen.pipeline import build

    path = tmp_path / "agreement.toml"
    path.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    data = build(path, tmp_path / "output").manifest
    data = _json.loads(_json.dumps(data))
    for d in data["dokumenter"]:  # as a build with --pdf records them
        d["pdf"] = {"fil": d["fil"].rsplit(".", 1)[0] + ".pdf", "sha256": "0" * 64, "bytes": 1}
    markdown, page = lists.to_markdown(data), lists.to_html(data)
    assert "Upload for hvert dokument filen i kolonnen Fil (Word- eller Excel-filen)" in markdown
    assert "En PDF ved siden af er til at læse og printe; den uploades ikke." in markdown
    first = data["dokumenter"][0]
    assert f"{first['fil']}<br>(PDF til at læse, printe og sende til godkendelse; den uploades ikke: " \
           f"{first['pdf']['fil']})" in markdown
    assert "filen i kolonnen Fil (Word- eller Excel-filen)" in page and "den uploades ikke" in page
    assert "Upload filerne" not in markdown + page
