"""importrapport.html beside NY.toml: every paragraph and table row of the
documents, in order, with where it went; text escaped; opens in Chromium."""
from __future__ import annotations

import html
import re

import pytest
from docx import Document

import variety
from conftest import TWO_AREAS

from docgen.importing.handmade.ny import import_new


def documents_in_order(path) -> list[str]:
    """The document's paragraphs and table rows as the page shows them."""
    body = Document(str(path)).element.body
    out = []
    for child in body:
        if child.tag.endswith("}p"):
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            if text.strip():
                out.append(text.strip())
        elif child.tag.endswith("}tbl"):
            for tr in child.iter():
                if tr.tag.endswith("}tr"):
                    cells = [" ".join("".join(t.text or "" for t in p.iter() if t.tag.endswith("}t")).strip()
                                      for p in tc.iter() if p.tag.endswith("}p")).strip()
                             for tc in tr if tc.tag.endswith("}tc")]
                    if any(cells):
                        out.append(" | ".join(cells))
    return out


def rows(page: str) -> list[list[str]]:
    return [[html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr class=[^>]*>(.*?)</tr>", page, re.S)]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rapport")
    document = variety.write(TWO_AREAS, folder, ["plain"])["plain"]
    doc = Document(str(document))  # a paragraph a browser must not read as markup
    doc.add_paragraph("Bemærk: <script>alert('x')</script> & mere tekst, som ingen etiket har.")
    doc.save(str(document))
    report = import_new([document], folder / "NY.toml")
    return document, folder, report


def test_the_page_shows_every_paragraph_in_order_with_its_place(imported):
    document, folder, report = imported
    page = (folder / "importrapport.html").read_text(encoding="utf-8")
    assert any("importrapport.html" in line for line in report)
    shown = rows(page)
    assert [r[3] for r in shown] == documents_in_order(document)
    assert all(r[5].split(" (")[0] in ("placeret", "gættet", "ikke placeret", "fast tekst") for r in shown), \
        [r for r in shown if r[5] == "ikke fundet"]
    places = {r[3]: r[4] for r in shown}
    assert places["At flere unge får et fritidsjob."] == \
        "Delaftale Beskæftigelse › aktivitet »Fritidsjobindsats« › formål"
    assert places["Medarbejderne går aftenture to gange om ugen."] == \
        "Delaftale Kriminalitetsforebyggelse › aktivitet »Gadeplansarbejde« › indhold og praksis"
    assert places["Et trygt boligområde, hvor flere har et arbejde."] == "Vision (afsnit 2)"
    assert shown[-1][3].startswith("Bemærk: <script>")  # shown as typed
    # escaped: the text is there as text, never as markup
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_a_page_docgen_did_not_write_is_never_replaced(imported, tmp_path):
    document, _, _ = imported
    own = tmp_path / "importrapport.html"
    own.write_text("<html>mine noter</html>", encoding="utf-8")
    import_new([document], tmp_path / "NY.toml")
    assert own.read_text(encoding="utf-8") == "<html>mine noter</html>"
    assert "Importrapport" in (tmp_path / "importrapport-2.html").read_text(encoding="utf-8")


def test_the_page_opens_in_chromium_and_shows_each_paragraphs_place(imported):
    from test_browser import CHROMIUM, REQUIRED, dump_dom

    if CHROMIUM is None and not REQUIRED:
        pytest.skip("Chromium er ikke installeret (apt-get install chromium)")
    document, folder, _ = imported
    dom = dump_dom(folder / "importrapport.html")
    shown = rows(dom)
    assert [r[3] for r in shown] == documents_in_order(document)
    assert "Delaftale Beskæftigelse › aktivitet »Fritidsjobindsats« › formål" in dom
    assert "<script>alert" not in dom  # the paragraph's text stayed text
