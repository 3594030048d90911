"""render/keep.py: a heading in a long one-column box gets a row of its
own that never splits and keeps with the row of text under it; a wholly
bold paragraph in the body keeps with the paragraph after it."""
from __future__ import annotations

from docx import Document
from docx.oxml.ns import qn

from docgen.render.keep import keep_bold_leads_with_text, keep_headings_with_text


def _box(paragraphs: list[tuple[str, str | None]]):
    doc = Document()
    cell = doc.add_table(rows=1, cols=1).cell(0, 0)
    first = True
    for text, style in paragraphs:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        run = p.add_run(text)
        if style == "bold":
            run.bold = True
        elif style:
            p._p.get_or_add_pPr().get_or_add_pStyle().set(qn("w:val"), style)
    return doc


def _rows(doc):
    table = doc.element.body.find(qn("w:tbl"))
    out = []
    for row in table.findall(qn("w:tr")):
        texts = ["".join(t.text for t in p.iter(qn("w:t"))) for p in row.iter(qn("w:p"))]
        kept = row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None and all(
            p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in row.iter(qn("w:p")))
        out.append((texts, kept))
    return out


def _never_splits(doc) -> list[bool]:
    table = doc.element.body.find(qn("w:tbl"))
    return [row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in table.findall(qn("w:tr"))]


def test_a_box_is_cut_into_a_row_per_paragraph_and_each_heading_shares_a_row_with_two_lines_of_its_text():
    doc = _box([("Indledning.", None), ("Skolefravær", "Mellemrubrik"), ("Tekst om fravær.", None),
                ("Mere om fravær.", None), ("Fed overskrift", "bold"), ("Underoverskrift", "Mellemrubrik"),
                ("Mere tekst.", None), ("Sidste tekst.", None)])
    keep_headings_with_text(doc.element.body, doc.styles.element)
    # a heading takes the paragraphs under it into its row until it has two
    # lines; a heading right under a heading joins it
    assert [texts for texts, _ in _rows(doc)] == [
        ["Indledning."], ["Skolefravær", "Tekst om fravær.", "Mere om fravær."],
        ["Fed overskrift", "Underoverskrift", "Mere tekst.", "Sidste tekst."]]
    # short rows never split: a line of them is never alone on a page
    assert _never_splits(doc) == [True] * 3
    # the box still looks as one: no border between its pieces
    cells = doc.element.body.iter(qn("w:tc"))
    first = next(cells)
    assert first.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}/{qn('w:bottom')}").get(qn("w:val")) == "nil"


def test_a_label_row_joins_the_text_under_it_in_a_box_with_a_repeated_header():
    doc = _box([("Navn", None)])
    table = doc.tables[0]
    header = table._tbl.find(qn("w:tr"))
    header.get_or_add_trPr().append(header.makeelement(qn("w:tblHeader"), {}))
    label = table.add_row()
    label.cells[0].paragraphs[0].add_run("Målgruppe(r):")
    label._tr.get_or_add_trPr().append(label._tr.makeelement(qn("w:cantSplit"), {}))
    label.cells[0].paragraphs[0].paragraph_format.keep_with_next = True
    content = table.add_row().cells[0]
    content.paragraphs[0].add_run("Børn")
    content.add_paragraph("Unge")
    content.add_paragraph("Forældre")
    keep_headings_with_text(doc.element.body, doc.styles.element)
    # the label and two one-line paragraphs under it share a row; nothing under the header keeps with the next
    assert _rows(doc) == [(["Navn"], False), (["Målgruppe(r):", "Børn", "Unge"], False), (["Forældre"], False)]
    assert not list(doc.element.body.iter(qn("w:keepNext")))


def test_a_paragraph_longer_than_its_share_of_a_page_may_split():
    long = " ".join(["ord"] * 2500)
    doc = _box([("Kort tekst.", None), (long, None), ("", None), ("Til sidst fed", "bold")])
    keep_headings_with_text(doc.element.body, doc.styles.element)
    # the empty paragraph goes with the text before it; a bold last paragraph leads nothing
    assert [texts for texts, _ in _rows(doc)] == [["Kort tekst."], [long, ""], ["Til sidst fed"]]
    assert _never_splits(doc) == [True, False, True]


def test_a_row_that_never_splits_or_has_several_cells_is_left_as_it_is():
    doc = _box([("Navn", "Mellemrubrik"), ("Kontakt", None)])
    tr = doc.element.body.find(f"{qn('w:tbl')}/{qn('w:tr')}")
    tr.get_or_add_trPr().insert(0, tr.makeelement(qn("w:cantSplit"), {}))
    keep_headings_with_text(doc.element.body)
    assert [texts for texts, _ in _rows(doc)] == [["Navn", "Kontakt"]]


def test_in_the_built_delaftaler_every_heading_in_a_box_shares_a_row_with_its_text(built):
    for path in sorted(built.glob("0[2-5] Delaftale*.docx")):
        doc = Document(str(path))
        headed = 0
        for table in doc.tables:
            for row in table.rows:
                tr = row._tr
                if len(tr.findall(qn("w:tc"))) != 1:
                    continue
                paragraphs = list(tr.iter(qn("w:p")))
                styles = [p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") for p in paragraphs]
                header = tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None  # the activity's name
                if any(s is not None and s.get(qn("w:val")) == "Mellemrubrik" for s in styles) and not header:
                    headed += 1
                    # the heading and two lines of its text in a row that never splits
                    assert tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None, path.name
                    assert len([p for p in paragraphs if "".join(p.itertext()).strip()]) >= 2, path.name
        assert headed, path.name


def test_a_wholly_bold_body_paragraph_keeps_with_the_next():
    doc = Document()
    doc.add_paragraph().add_run("Fed overskrift").bold = True
    doc.add_paragraph("Tekst under den.")
    p = doc.add_paragraph()
    p.add_run("Delvis ").bold = True
    p.add_run("fed.")
    doc.add_paragraph().add_run("Fed til sidst").bold = True
    keep_bold_leads_with_text(doc.element.body)
    kept = [p.text for p in doc.paragraphs if p.paragraph_format.keep_with_next]
    assert kept == ["Fed overskrift"]


def _goal_table(indicator_words: int):
    """A table of one goal: three rows, the first two keeping with the next."""
    from docx.shared import Mm

    doc = Document()
    table = doc.add_table(rows=3, cols=2)
    for n, row in enumerate(table.rows):
        for cell in row.cells:
            cell.width = Mm(40)
            cell.paragraphs[0].add_run(" ".join(["indikator"] * indicator_words))
            if n < 2:
                cell.paragraphs[0].paragraph_format.keep_with_next = True
    return doc


def test_a_group_of_rows_keeps_together_only_while_it_is_short():
    from docgen.render.keep import release_long_groups

    def kept(doc):
        return [_rows(doc)[n][1] or all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
                for n, row in enumerate(doc.tables[0].rows)]

    short = _goal_table(5)
    release_long_groups(short.element.body, short.styles.element)
    assert kept(short) == [True, True, False]
    long = _goal_table(150)  # each row about a fifth of a page
    release_long_groups(long.element.body, long.styles.element)
    assert kept(long) == [True, False, False]  # the first row still keeps with the second


def test_a_repeated_header_row_may_split_and_the_rows_under_it_still_never_do():
    from docgen.render.keep import header_rows_may_split

    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    for n, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(tr_pr.makeelement(qn("w:cantSplit"), {}))
        if n == 0:
            tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {}))
    header_rows_may_split(doc.element.body)
    assert _never_splits(doc) == [False, True]
