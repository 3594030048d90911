"""Text Word keeps outside the body's paragraphs is seen by both ways in:
rows and cells inside content controls, text boxes (each once), footnotes,
footers, embedded documents; tracked changes there stop the import as in
the body.  The documents are docgen's own, changed in their XML the way
Word writes these parts (hostile or unusual structure, not a partner's
typing)."""
from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import docgen, plan_built


DELAFTALE = "02 Delaftale - Uddannelse og livschancer.docx"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return plan_built(tmp_path_factory.mktemp("parts"))


@pytest.fixture()
def plan(built, tmp_path) -> Path:
    shutil.copyfile(built / "agreement.toml", tmp_path / "agreement.toml")
    shutil.copytree(built / "output", tmp_path / "output")
    return tmp_path


def changed(source: Path, target: Path, parts: dict) -> Path:
    """A copy of ``source`` with parts replaced: a str, or a function of the old part's text."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        names = zin.namelist()
        for name in names:
            data = zin.read(name)
            if name in parts:
                new = parts[name]
                data = (new(data.decode("utf-8")) if callable(new) else new).encode("utf-8")
            zout.writestr(name, data)
        for name, new in parts.items():
            if name not in names:
                zout.writestr(name, new)
    return target


def in_body(xml: str, extra: str) -> str:
    """``extra`` put in the body before its first paragraph."""
    return xml.replace("<w:body>", "<w:body>" + extra, 1)


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def rows_in_controls(xml: str) -> str:
    """Every table row and every cell wrapped in a content control (w:sdt), as Word's repeating sections do."""
    xml = re.sub(r"(<w:tr[ >].*?</w:tr>)", r'<w:sdt><w:sdtPr><w:tag w:val="r"/></w:sdtPr><w:sdtContent>\1'
                 r"</w:sdtContent></w:sdt>", xml, flags=re.S)
    return re.sub(r"(<w:tc>.*?</w:tc>)", r"<w:sdt><w:sdtContent>\1</w:sdtContent></w:sdt>", xml, flags=re.S)


def test_rows_and_cells_inside_content_controls_read_as_rows(plan, tmp_path):
    controlled = changed(plan / "output" / DELAFTALE, tmp_path / "styret.docx",
                         {"word/document.xml": rows_in_controls})
    assert b"<w:sdt><w:sdtPr><w:tag w:val=\"r\"/>" in zipfile.ZipFile(controlled).read("word/document.xml")
    result = docgen("import", str(controlled), cwd=plan)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ingen ændringer" in result.stdout and "fjernet" not in result.stdout, result.stdout
    # --ny finds the same as without the controls
    plain = docgen("import", str(plan / "output" / DELAFTALE), "--ny", "plain.toml", cwd=tmp_path)
    wrapped = docgen("import", str(controlled), "--ny", "styret.toml", cwd=tmp_path)
    assert plain.returncode == 0 and wrapped.returncode == 0, wrapped.stdout + wrapped.stderr
    assert "delmål: 4" in plain.stdout and "delmål: 4" in wrapped.stdout, wrapped.stdout
    strip = lambda text: text.split("\n", 3)[3].replace("styret.docx", "X").replace(DELAFTALE, "X")  # noqa: E731
    assert strip((tmp_path / "styret.toml").read_text()) == strip((tmp_path / "plain.toml").read_text())


TEXTBOX = ('<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           '<mc:Choice Requires="wps"><w:drawing><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/'
           'wordprocessingShape"><wps:txbx><w:txbxContent>{p}</w:txbxContent></wps:txbx></wps:wsp></w:drawing>'
           '</mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
           '<w:txbxContent>{p}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>'
           '</w:r></w:p>')
FOOTNOTES = (f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {W}>'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>')
ALTCHUNK_RELS = ('<Relationship Id="rIdChunk1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                 'relationships/aFChunk" Target="chunk1.html"/></Relationships>')


def test_text_boxes_footnotes_footers_and_embedded_documents_are_reported(plan, tmp_path):
    source = plan / "output" / DELAFTALE
    edited = changed(source, tmp_path / "dele.docx", {
        "word/document.xml": lambda x: in_body(
            x, TEXTBOX.format(p=paragraph("Husk tekstboksens forældremøde"))
            + '<w:altChunk xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
              'r:id="rIdChunk1"/>'),
        "word/_rels/document.xml.rels": lambda x: x.replace("</Relationships>", ALTCHUNK_RELS),
        "word/footer1.xml": lambda x: x.replace("Delaftale for indsatsområdet", "Rettet delaftale for området"),
        "word/footnotes.xml": FOOTNOTES.replace("{text}", "Kilde: fodnotens tal fra 2023"),
        "word/chunk1.html": "<html><body><p>Indlejret plan for sommerferien</p></body></html>",
    })
    result = docgen("import", str(edited), cwd=plan)
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert "Ingen ændringer i forhold" not in out
    assert out.count("Husk tekstboksens forældremøde") == 1, out  # a box and its fallback: read once
    assert "Ikke taget (i en tekstboks)" in out
    assert "Ikke taget (i en fodnote)" in out and "fodnotens tal fra 2023" in out
    assert "Ikke taget (i en sidefod)" in out and "Rettet delaftale for området" in out
    assert "Ikke taget (i et indlejret dokument)" in out and "Indlejret plan for sommerferien" in out
    # --ny: placed or in IKKE PLACERET with where it stood, never lost
    ny = docgen("import", str(edited), "--ny", "NY.toml", cwd=tmp_path)
    assert ny.returncode == 0, ny.stdout + ny.stderr
    text = (tmp_path / "NY.toml").read_text()
    assert text.count("Husk tekstboksens forældremøde") == 1
    unplaced = text[text.index("IKKE PLACERET"):]
    assert "en fodnote]" in unplaced and "fodnotens tal fra 2023" in unplaced
    assert "et indlejret dokument]" in unplaced and "Indlejret plan for sommerferien" in unplaced


def test_tracked_changes_in_a_footnote_or_footer_stop_the_import(plan, tmp_path):
    fil = plan / "agreement.toml"
    before = fil.read_bytes()
    ins = '<w:ins w:id="91" w:author="Partner" w:date="2026-12-01T10:00:00Z"><w:r><w:t>{}</w:t></w:r></w:ins>'
    edited = changed(plan / "output" / DELAFTALE, tmp_path / "sporet.docx", {
        "word/footer1.xml": lambda x: x.replace("</w:p>", ins.format(" (kladde)") + "</w:p>", 1),
        "word/footnotes.xml": FOOTNOTES.replace("<w:t>{text}</w:t>", "</w:r>" + ins.format("ny kilde") + "<w:r>"),
    })
    result = docgen("import", str(edited), "--ja", cwd=plan)
    assert result.returncode == 1, result.stdout
    assert "indsat i en sidefod af Partner" in result.stdout and "(kladde)" in result.stdout
    assert "indsat i en fodnote af Partner" in result.stdout and "ny kilde" in result.stdout
    assert fil.read_bytes() == before
    ny = docgen("import", str(edited), "--ny", "NY.toml", cwd=tmp_path)
    assert ny.returncode == 1 and "sporede ændringer" in ny.stdout + ny.stderr
    assert not (tmp_path / "NY.toml").exists()


def nested_tables(depth: int) -> str:
    inner = paragraph("bund")
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl>{paragraph('')}"
    return inner


def test_a_hundred_nested_tables_are_refused_in_danish(plan, tmp_path):
    deep = changed(plan / "output" / DELAFTALE, tmp_path / "dyb.docx",
                   {"word/document.xml": lambda x: in_body(x, nested_tables(100))})
    for args in ((), ("--ny", "NY.toml")):
        result = docgen("import", str(deep), *args, cwd=plan)
        out = result.stdout + result.stderr
        assert result.returncode == 1, out
        assert "dyb.docx" in out and "inden i hinanden" in out, out
        assert "depth" not in out.lower() and "Traceback" not in out and "XML_PARSE" not in out
    # a table a few levels deep is read, cell by cell
    fine = changed(plan / "output" / DELAFTALE, tmp_path / "fin.docx",
                   {"word/document.xml": lambda x: in_body(x, nested_tables(20))})
    result = docgen("import", str(fine), cwd=plan)
    assert result.returncode == 0 and "»bund«" in result.stdout, result.stdout


def _package(document_body: str) -> "Package":
    from io import BytesIO

    from docgen.importing.shared.package import Package

    out = BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f'<w:document {W} xmlns:r="http://schemas.openxmlformats.org/'
                                        f'officeDocument/2006/relationships"><w:body>{document_body}</w:body></w:document>')
    return Package(Path("x.docx"), ".docx", out.getvalue())


def test_the_reader_sees_run_controls_field_results_boxes_in_boxes_and_objects():
    from docgen.importing.shared.word import read_word

    inner_box = TEXTBOX.format(p=paragraph("indre boks"))
    body = (
        # a run inside a content control, and a field's result (the page number) beside fixed text
        '<w:p><w:r><w:t xml:space="preserve">Side </w:t></w:r><w:sdt><w:sdtContent><w:r><w:t>med styring</w:t>'
        '</w:r></w:sdtContent></w:sdt><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE '
        '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        # a text box holding a table and another text box
        + TEXTBOX.format(p="<w:tbl><w:tr><w:sdt><w:sdtContent><w:tc>" + paragraph("celle i boks")
                           + "</w:tc></w:sdtContent></w:sdt></w:tr></w:tbl>" + inner_box)
        # an embedded Excel sheet
        + '<w:p><w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" '
          'ProgID="Excel.Sheet.12"/></w:object></w:r></w:p>'
    )
    blocks = read_word(_package(body)).blocks
    texts = [(b.text, b.part) for b in blocks if b.text]
    assert texts[0] == ("Side med styring7", "body") and blocks[0].fixed == "Side med styring"
    assert ("celle i boks", "textbox") in texts and texts.count(("indre boks", "textbox")) == 1
    assert [b.cell is not None for b in blocks if b.text == "celle i boks"] == [True]
    assert any(part == "object" and "Excel.Sheet.12" in text for text, part in texts)


def test_edits_made_in_libreoffice_outside_the_body_are_reported(plan, tmp_path):
    """A footer corrected, a footnote added, and a footer change tracked,
    each made inside LibreOffice and saved as .docx (one LibreOffice start)."""
    from office import edit_many

    source = plan / "output" / DELAFTALE
    footer, footnote, tracked = tmp_path / "sidefod.docx", tmp_path / "fodnote.docx", tmp_path / "sporet.docx"
    edit_many([
        (source, footer, [{"op": "footer_all", "text": " (rettet af kommunen)"}]),
        (source, footnote, [{"op": "footnote", "after": "Forældre til børn på skolerne",
                             "text": "Tal fra skolernes opgørelse 2023"}]),
        (source, tracked, [{"op": "track_changes", "on": True},
                           {"op": "footer_all", "text": " (kladde)"}]),
    ])
    result = docgen("import", str(footer), str(footnote), cwd=plan)
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert "Ingen ændringer i forhold" not in out, out
    assert "Ikke taget (i en sidefod)" in out and "(rettet af kommunen)" in out, out
    assert "Ikke taget (i en fodnote)" in out and "Tal fra skolernes opgørelse 2023" in out, out
    fil = plan / "agreement.toml"
    before = fil.read_bytes()
    result = docgen("import", str(tracked), "--ja", cwd=plan)
    assert result.returncode == 1 and "i en sidefod af Partner" in result.stdout, result.stdout
    assert fil.read_bytes() == before
