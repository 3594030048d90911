"""The whole build: all or nothing, several agreements, PDF on request."""
from __future__ import annotations

import pytest

from docgen.errors import DocgenError, RenderError
from docgen.pipeline import build
from docgen.render import pdf, xlsx

from conftest import AGREEMENT, MINIMAL


def snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_failure_in_the_last_document_leaves_the_previous_output_intact(write_toml, tmp_path, monkeypatch):
    out = tmp_path / "out"
    path = write_toml(MINIMAL.read_text(encoding="utf-8"))
    build(path, out)
    before = snapshot(out)
    path.write_text(path.read_text(encoding="utf-8").replace("En vision.", "En anden vision."), encoding="utf-8")
    real = xlsx.render

    def fail_on_last(document, template_dir):
        if document.kind == "indberetningsskema":
            raise RenderError("disken er fuld")
        return real(document, template_dir)

    monkeypatch.setattr(xlsx, "render", fail_on_last)
    with pytest.raises(RenderError):
        build(path, out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agreement.toml", "out"]


def test_pdf_without_libreoffice_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    with pytest.raises(DocgenError, match="LibreOffice er ikke installeret.*libreoffice.org.*apt-get install"):
        build(MINIMAL, tmp_path / "out", pdf=True)
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(pdf.find_soffice() is None, reason="LibreOffice er ikke installeret")
def test_pdf_copies_are_written_and_listed(tmp_path):
    result = build(MINIMAL, tmp_path / "out", pdf=True)
    names = [p.name for p in result.documents]
    assert "01 Strategisk samarbejdsaftale - Testby.pdf" in names and "03 Budget - Testby.pdf" in names
    assert len(names) == 14
    for path in result.documents:
        if path.suffix == ".pdf":
            assert path.read_bytes().startswith(b"%PDF")
    # each PDF is listed beside its document, not as a document of its own
    docs = result.manifest["dokumenter"]
    assert len(docs) == 7
    assert {d["fil"] for d in docs} | {d["pdf"]["fil"] for d in docs} == set(names)
    checklist = (tmp_path / "out" / "Uploadliste.md").read_text(encoding="utf-8")
    assert ("| 01 | 01 Strategisk samarbejdsaftale - Testby.docx<br>(PDF til at læse, printe og sende til "
            "godkendelse; den uploades ikke: 01 Strategisk samarbejdsaftale - Testby.pdf) |") in checklist


def test_rendering_on_two_processes_gives_the_same_bytes(tmp_path, monkeypatch):
    from docgen.render import batch

    monkeypatch.setattr(batch, "_parallel", lambda count: True)
    together = build(MINIMAL, tmp_path / "a")
    monkeypatch.setattr(batch, "_parallel", lambda count: False)
    alone = build(MINIMAL, tmp_path / "b")
    assert [p.read_bytes() for p in together.documents] == [p.read_bytes() for p in alone.documents]


def test_warnings_come_in_file_order_like_errors():
    from docgen.checks import lint
    from docgen.pipeline import check, warnings

    source, agreement = check(AGREEMENT)
    lines = [d.line for d in warnings(source, agreement)]
    assert len(lines) == len(lint.run(agreement)) > 1
    assert lines == sorted(lines)
