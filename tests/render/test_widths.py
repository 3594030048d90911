"""render/widths.py: columns wide enough for their widest word."""
from __future__ import annotations

import re
import zipfile

from docgen.render.widths import fit, word_width_twips


def test_fit_keeps_widths_where_every_word_fits():
    assert fit([3000, 4000, 2000], [1000, 1000, 1000]) == [3000, 4000, 2000]


def test_fit_widens_a_narrow_column_from_the_others_room_and_keeps_the_total():
    widths = fit([1000, 5000, 3000], [2000, 1000, 1000])
    assert widths[0] >= 2000 and sum(widths) == 9000
    assert all(w >= m for w, m in zip(widths, [2000, 1000, 1000]))
    # the column with more room gives more
    assert 5000 - widths[1] > 3000 - widths[2]


def test_fit_gives_each_column_its_minimum_when_they_cannot_all_fit():
    assert fit([1000, 1000], [1500, 1200]) == [1500, 1200]


def test_a_long_word_is_wider_than_a_short_one_and_bold_is_wider():
    assert word_width_twips("Børnesundhedsprofilen", 9.5, False) > word_width_twips("Husum", 9.5, False)
    assert word_width_twips("Kriminalitet", 11, True) > word_width_twips("Kriminalitet", 11, False)
    # Calibri at 11 pt: "Børnesundhedsprofilen" is about 105 pt wide (Carlito measures 104,7)
    assert 2000 <= word_width_twips("Børnesundhedsprofilen", 11, False) <= 2500


def test_no_built_table_column_is_narrower_than_its_widest_word(built):
    """The columns the built documents end up with hold every word: the
    goal table's "Børnesundhedsprofilen", "arbejdsmarkedet", …"""
    for path in sorted(built.glob("*.docx")):
        xml = zipfile.ZipFile(path).read("word/document.xml").decode()
        for table in re.findall(r"<w:tbl>.*?</w:tbl>", xml, re.S):
            if "<w:tbl>" in table[7:]:
                continue  # a table holding a table: the inner one is checked on its own
            cols = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', table)]
            if len(cols) < 2:
                continue
            for row in re.findall(r"<w:tr>.*?</w:tr>|<w:tr .*?</w:tr>", table, re.S):
                for col, cell in enumerate(re.findall(r"<w:tc>.*?</w:tc>", row, re.S)):
                    if "gridSpan" in cell or col >= len(cols):
                        continue
                    # a line break parts words; a word breaks after its hyphen
                    words = re.split(r"\s+|(?<=\w-)(?=\w)", " ".join(
                        "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p.replace("<w:br/>", "<w:t> </w:t>")))
                        for p in re.findall(r"<w:p[ >].*?</w:p>", cell, re.S)))
                    size = 9.5 if "Tabeltekst" in cell else 8 if "Tabeloverskrift" in cell else 11
                    for word in words:
                        assert word_width_twips(word, size, False) + 216 <= cols[col], (path.name, word, cols[col])


def _minimum(runs: list[list[str]]) -> int:
    """The minimum width of a paragraph of runs, each run a list of texts
    with None for a line break."""
    from docx import Document
    from docx.oxml.ns import qn

    from docgen.render.widths import _paragraph_minimum, style_fonts

    doc = Document()
    p = doc.add_paragraph()
    for texts in runs:
        run = p.add_run()
        for text in texts:
            if text is None:
                run._r.append(run._r.makeelement(qn("w:br"), {}))
            else:
                run._r.append(run._r.makeelement(qn("w:t"), {}))
                run._r[-1].text = text
    return _paragraph_minimum(p._p, style_fonts(doc.styles.element))


def test_a_line_break_parts_words_and_a_hyphen_ends_one():
    # "2022/2023" and "Husum/Tingbjerg:" on lines of their own were measured as one word
    broken = _minimum([["Skoleår 2022/2023", None, "Husum/Tingbjerg: 8,90%"]])
    assert broken == word_width_twips("Husum/Tingbjerg:", 11, False)
    # Word and LibreOffice break "skriftsprogs-kompetencer" after its hyphen
    assert _minimum([["Før skriftsprogs-kompetencer – andel med behov for en fokuseret indsats"]]) == \
        word_width_twips("kompetencer", 11, False)


def test_the_delmaal_table_is_within_the_text_width(built):
    """02's delmål table was 4 mm into both margins."""
    from docx import Document
    from docx.oxml.ns import qn

    for path in sorted(built.glob("*.docx")):
        doc = Document(str(path))
        section = doc.sections[0]
        text = (section.page_width - section.left_margin - section.right_margin) / 635  # twips
        for table in doc.tables:
            grid = [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol"))]
            assert sum(grid) <= text + 2, (path.name, grid)
