"""How a document prints: convert .docx to PDF with LibreOffice, then read
where each line of text stands on each page with poppler's
``pdftotext -bbox-layout`` and find the pages a careful person would not
hand over:

- a blank page: no text inside the printable area (the footer and header
  stand outside it, so a page holding only the footer is blank, whatever
  the other pages end with);
- a page whose last text is a lead: a heading, a box label, or a bold
  paragraph that leads what follows (its content is on the next page); a
  picture after it is content (pdftohtml says where pictures stand);
- a page, other than a document's first and last, whose text ends above
  60 % of the printable height (half-empty pages before a page break or a
  block that would not split);
- a lone line: a paragraph that breaks across pages with only one of its
  lines on one side of the break (its first line alone at the bottom of a
  page, or its last alone at the top of the next), in body text and in
  table cells alike;
- a lead (heading, box label, bold lead-in, party label) followed on its
  page by fewer than two lines of what it leads, the rest on the next page;
- a paragraph of the .docx that is nowhere in the print (LibreOffice has
  been seen to leave the rest of a table unprinted).

Lone lines are found by matching each paragraph's text, read from the
.docx, with the printed lines in pdftotext's reading order: a paragraph's
lines are the printed lines whose text, put together, is the paragraph's
text (spaces aside, so a line broken after "Husum-" matches too).

Positions, not line counts: the printable area is the page less the
margins of the document's first section, read from the .docx.

Used by tests/test_print.py; run it by hand as
    python tests/print_check.py MAPPE [PDF-MAPPE]   (prints each document's
    pages with how full each is, and what it finds; the PDFs go to
    PDF-MAPPE, or a new temporary folder)
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

# Paragraph styles that introduce what follows: they must not end a page.
LEAD_STYLES = {"Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Feltnavn", "Mellemrubrik"}
# A page but the first and the last must be filled at least this far.
MIN_FILL = 0.60
# How far (points) text may stand outside the printable area and still be
# body text: a descender, a rounding.
SLACK = 2.0
PDFTOTEXT = shutil.which("pdftotext")
PDFTOHTML = shutil.which("pdftohtml")  # poppler-utils too: where the pictures stand
_XHTML = "{http://www.w3.org/1999/xhtml}"


def _norm(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Area:
    """The printable area of a page, in points from the page's top."""

    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Line:
    """A line of text, or a picture (text ''), where it stands on its page."""

    text: str
    top: float
    bottom: float
    left: float
    order: int = 0  # its place in pdftotext's reading order on the page (a table cell's lines together)
    right: float = 0.0  # where it ends (0: not known)


def printable_area(docx: Path) -> Area:
    """The first section's page height less its top and bottom margins."""
    section = Document(str(docx)).sections[0]
    return Area(top=section.top_margin.pt, bottom=section.page_height.pt - section.bottom_margin.pt)


def workbook_area(xlsx: Path) -> Area:
    """The printable area of a workbook's pages: A4 less the first sheet's
    top and bottom margins (the header and footer stand in them)."""
    from openpyxl import load_workbook

    ws = load_workbook(xlsx).worksheets[0]
    height = 595.3 if ws.page_setup.orientation == "landscape" else 841.9
    return Area(top=ws.page_margins.top * 72, bottom=height - ws.page_margins.bottom * 72)


def read_pages(pdf: Path) -> list[list[Line]]:
    """Every line of text and every picture on each page, with its
    position, in reading order (top to bottom, left to right)."""
    out = subprocess.run([PDFTOTEXT, "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         check=True, timeout=120).stdout
    root = ET.fromstring(out)
    pictures = _pictures(pdf)
    result = []
    for number, page in enumerate(root.iter(f"{_XHTML}page"), 1):
        lines = list(pictures.get(number, []))
        for order, line in enumerate(page.iter(f"{_XHTML}line")):
            # pdftotext joins the texts of cells side by side into one line:
            # a gap wider than WORD_GAP parts them again
            pieces: list[list] = []
            right = None
            for word in line.iter(f"{_XHTML}word"):
                left = float(word.get("xMin"))
                if right is None or left - right > WORD_GAP:
                    pieces.append([])
                pieces[-1].append(word)
                right = float(word.get("xMax"))
            for k, words in enumerate(pieces):
                text = _norm(" ".join(w.text or "" for w in words))
                if text:
                    lines.append(Line(text, min(float(w.get("yMin")) for w in words),
                                      max(float(w.get("yMax")) for w in words), float(words[0].get("xMin")),
                                      (order + 1) * 100 + k, float(words[-1].get("xMax"))))
        lines.sort(key=lambda l: (round(l.top), l.left))
        result.append(lines)
    return result


def _pictures(pdf: Path) -> dict[int, list[Line]]:
    """The pictures on each page (poppler's pdftohtml lists them; it writes
    their files, so it runs in a folder of its own)."""
    import tempfile

    found: dict[int, list[Line]] = {}
    if PDFTOHTML is None:
        return found
    with tempfile.TemporaryDirectory() as folder:
        out = subprocess.run([PDFTOHTML, "-xml", "-stdout", "-q", "-zoom", "1", str(pdf.resolve()), "billede"],
                             capture_output=True, check=True, timeout=120, cwd=folder).stdout
    for page in ET.fromstring(out).iter("page"):
        for image in page.iter("image"):
            top, height = float(image.get("top")), float(image.get("height"))
            found.setdefault(int(page.get("number")), []).append(Line("", top, top + height, float(image.get("left"))))
    return found


def body(lines: list[Line], area: Area) -> list[Line]:
    """The lines inside the printable area: not the footer, not a header."""
    return [l for l in lines if l.top >= area.top - SLACK and l.bottom <= area.bottom + SLACK]


def fill(lines: list[Line], area: Area) -> float:
    """How far down the printable area the page's body text reaches (0-1)."""
    if not lines:
        return 0.0
    return max(0.0, min(1.0, (max(l.bottom for l in lines) - area.top) / area.height))


def pages(pdf: Path, docx: Path) -> list[list[str]]:
    """Each page's body lines (text only), in reading order."""
    area = printable_area(docx)
    return [[l.text for l in body(lines, area)] for lines in read_pages(pdf)]


# --- the leads of a document ------------------------------------------------------


def _style_bold(style) -> bool:
    while style is not None:
        if style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False


def _all_bold(paragraph) -> bool:
    """Every run holding text is bold (by the run or the paragraph's style)."""
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs:
        return False
    by_style = _style_bold(paragraph.style)
    return all(r.bold if r.bold is not None else (_style_bold(r.style) if r.style is not None and r.style.font.bold
                                                   is not None else by_style) for r in runs)


def lead_texts(docx: Path) -> set[str]:
    """The text of every heading, box label and bold lead paragraph in the
    document: a paragraph in a lead style, or a wholly bold paragraph with
    more text after it in its body or cell (a table's bold sum in its last
    row leads nothing)."""
    return {text for text, lead in paragraph_sequence(docx) if lead}


def paragraph_sequence(docx: Path) -> list[tuple[str, bool]]:
    """Every paragraph with text, in document order (tables row by row),
    and whether it is a lead (see lead_texts)."""
    doc = Document(str(docx))
    found: list[tuple[str, bool]] = []

    def visit(container, in_table: bool) -> None:
        blocks = list(container.iter_inner_content())
        has_text = [bool(_norm(b.text)) if hasattr(b, "text") else True for b in blocks]
        for index, block in enumerate(blocks):
            if not hasattr(block, "runs"):  # a table
                seen = []
                for row in block.rows:
                    for cell in row.cells:  # a merged cell is listed once per column and row it spans
                        if cell._tc not in seen:
                            seen.append(cell._tc)
                            visit(cell, True)
                continue
            text = _norm(block.text)
            if not text:
                continue
            styled = block.style is not None and block.style.name in LEAD_STYLES
            followed = any(has_text[index + 1:])
            found.append((text, styled or (followed and _all_bold(block))))

    visit(doc, False)
    return found


# --- the rules ---------------------------------------------------------------------


def _is_lead_here(tail: str, before: str | None, leads: set[str], sequence: list[tuple[str, bool]] | None) -> bool:
    """Whether the text ending a page is a lead.  A text that is both a lead
    and an ordinary paragraph (an activity's name, which is also a bullet
    in the list of activities) is a lead where the line before it ends the
    paragraph before a lead occurrence."""
    if tail not in leads:
        return False
    if sequence is None or all(lead for text, lead in sequence if text == tail):
        return True
    for index, (text, lead) in enumerate(sequence):
        if text == tail and lead:
            previous = sequence[index - 1][0] if index else None
            if before is None or previous is None or previous.endswith(before):
                return True
    return False


def page_problems(name: str, pages_lines: list[list[Line]], leads: set[str], area: Area,
                  sequence: list[tuple[str, bool]] | None = None) -> list[str]:
    """What a careful reader would not hand over, page by page (Danish).
    ``sequence`` (paragraph_sequence) tells a lead from an ordinary
    paragraph of the same text."""
    found = []
    last = len(pages_lines)
    for number, lines in enumerate(pages_lines, 1):
        lines = body(lines, area)
        if not lines:
            found.append(f"{name}, side {number}: siden er tom")
            continue
        # the text after the page's last picture: a heading above a picture leads it
        pictures = [n for n, l in enumerate(lines) if not l.text]
        texts = [l.text for l in lines[pictures[-1] + 1 if pictures else 0:]]
        for k in range(1, min(4, len(texts)) + 1):
            tail = _norm(" ".join(texts[-k:]))
            before = texts[-k - 1] if len(texts) > k else None
            if _is_lead_here(tail, before, leads, sequence):
                found.append(f"{name}, side {number}: siden slutter med overskriften/feltet «{tail}»")
                break
        filled = fill(lines, area)
        if 1 < number < last and filled < MIN_FILL:
            found.append(f"{name}, side {number}: siden er kun {filled:.0%} fyldt (under {MIN_FILL:.0%})")
    return found


# --- lone lines --------------------------------------------------------------------

# How wide (points) a gap between two words of a printed line may be
# before they are taken for the texts of two cells side by side
WORD_GAP = 9.0
# How many printed lines after a paragraph's line its next line may stand in
# reading order (the other cells of a table row, a repeated header row, the
# lines of the next page above it)
WINDOW = 80
# How far (points) a paragraph's next line may stand left or right of its
# line before on the same page (a hanging indent, a centred line)
COLUMN_SLACK = 40.0
_MARKERS = ("•", "", "▪", "◦", "-", "–", "*")


def _squash(text: str) -> str:
    """The text without any space: a line broken after a hyphen, a tab or a
    no-break space matches however the printer spaced it."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text).split())


def _piece(line: str, rest: str) -> str | None:
    """The part of ``rest`` the printed line holds from its start, or None;
    a list's bullet or number printed before the text is not the text."""
    squashed = _squash(line)
    if squashed and rest.startswith(squashed):
        return squashed
    words = line.split(maxsplit=1)
    if len(words) == 2 and (words[0] in _MARKERS or words[0].rstrip(".)").isdigit()):
        squashed = _squash(words[1])
        if rest.startswith(squashed):
            return squashed
    return None


@dataclass(frozen=True)
class Placed:
    """A paragraph of the document and where its printed lines stand:
    (page number, line) in reading order."""

    text: str
    lead: bool
    lines: tuple[tuple[int, Line], ...]


def place_paragraphs(pages_lines: list[list[Line]], sequence: list[tuple[str, bool]], area: Area) -> list[Placed]:
    """Each paragraph of ``sequence`` (paragraph_sequence) with the printed
    body lines that hold it; a paragraph not found has no lines."""
    stream = [(number, line) for number, lines in enumerate(pages_lines, 1)
              for line in sorted(body(lines, area), key=lambda l: l.order) if line.text]
    used = [False] * len(stream)

    def follows(j: int, at: int) -> bool:
        """Line j can continue the paragraph after line ``at``: below it in
        the same column, or on the next page."""
        (page, line), (page_at, line_at) = stream[j], stream[at]
        if page == page_at:
            if line.top <= line_at.top:
                return False
            if line.right and line_at.right:  # in the same column: side by side they overlap
                return line.left < line_at.right and line.right > line_at.left
            return abs(line.left - line_at.left) <= COLUMN_SLACK
        return page == page_at + 1

    def match(first: int, whole: str) -> list[int] | None:
        piece = _piece(stream[first][1].text, whole)
        if piece is None:
            return None
        found, rest, at = [first], whole[len(piece):], first
        while rest:
            nxt = next((j for j in range(at + 1, min(len(stream), at + WINDOW)) if not used[j]
                        and follows(j, at) and _piece(stream[j][1].text, rest)), None)
            if nxt is None:
                return None
            rest = rest[len(_piece(stream[nxt][1].text, rest)):]
            found.append(nxt)
            at = nxt
        return found

    cursor = 0  # the first line of the last paragraph found
    placed = []
    for text, lead in sequence:
        whole = _squash(text)
        found: list[int] = []
        # nearest the last paragraph first (a table's cells may be printed
        # column by column); a match on one page before one across pages,
        # so a short line found in many cells ("2023") is not taken for
        # the start of a paragraph that is printed whole elsewhere
        nearby = range(max(0, cursor - 4 * WINDOW), min(len(stream), cursor + 4 * WINDOW))
        for first in sorted(nearby, key=lambda i: (abs(i - cursor), i < cursor)):
            if used[first]:
                continue
            candidate = match(first, whole)
            if candidate is None:
                continue
            if len({stream[i][0] for i in candidate}) == 1:
                found = candidate
                break
            found = found or candidate
        for index in found:
            used[index] = True
        if found:
            cursor = found[0]
        placed.append(Placed(text, lead, tuple(stream[i] for i in sorted(found))))
    return placed


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def lone_lines(name: str, placed: list[Placed]) -> list[str]:
    """A paragraph not printed, a paragraph broken across pages with one
    line alone on a side of a break, and a lead with fewer than two lines of what it leads under it
    on its page while the rest is on the next (Danish)."""
    found = []
    for index, paragraph in enumerate(placed):
        if not paragraph.lines:  # LibreOffice has left a table's rest unprinted (seen with two header rows)
            found.append(f"{name}: afsnittet «{_short(paragraph.text)}» findes ikke i udskriften")
            continue
        pages = [number for number, _ in paragraph.lines]
        for number in sorted(set(pages))[:-1]:
            before, after = pages.count(number), pages.count(number + 1)
            if not after:
                continue
            if before == 1:
                found.append(f"{name}, side {number}: første linje af «{_short(paragraph.text)}» står alene nederst")
            if after == 1 and paragraph.lines[-1][0] == number + 1:
                last = paragraph.lines[-1][1].text
                found.append(f"{name}, side {number + 1}: sidste linje af «{_short(paragraph.text)}» står alene "
                             f"øverst («{last}»)")
        if not paragraph.lead or not paragraph.lines:
            continue
        page = paragraph.lines[-1][0]
        under, later = 0, 0
        for follower in placed[index + 1:]:
            if follower.lead:
                break
            under += sum(1 for number, _ in follower.lines if number == page)
            later += sum(1 for number, _ in follower.lines if number > page)
        if under == 1 and later:  # none under it: the page ends on the lead, said by page_problems
            found.append(f"{name}, side {page}: «{_short(paragraph.text)}» har kun én linje under sig, "
                         "resten står på næste side")
    return found


def problems(docx: Path, pdf: Path) -> list[str]:
    sequence = paragraph_sequence(docx)
    leads = {text for text, lead in sequence if lead}
    area = printable_area(docx)
    pages_lines = read_pages(pdf)
    return (page_problems(docx.name, pages_lines, leads, area, sequence)
            + lone_lines(docx.name, place_paragraphs(pages_lines, sequence, area)))


def fills(docx: Path, pdf: Path) -> list[float]:
    area = printable_area(docx)
    return [fill(body(lines, area), area) for lines in read_pages(pdf)]


def convert(files: list[Path], out: Path, soffice: str) -> None:
    subprocess.run([soffice, f"-env:UserInstallation=file://{out / 'profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(out), *map(str, files)], capture_output=True, check=True, timeout=600)


if __name__ == "__main__":
    import tempfile

    folder = Path(sys.argv[1])
    # the PDFs go to a folder of their own, never into the output folder
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="docgen-udskrift-"))
    out.mkdir(exist_ok=True)
    docs = sorted(folder.glob("*.docx"))
    convert(docs, out, shutil.which("soffice"))
    total = 0
    for d in docs:
        pdf = out / (d.stem + ".pdf")
        filled = fills(d, pdf)
        found = problems(d, pdf)
        total += len(found)
        unplaced = sum(not p.lines for p in place_paragraphs(read_pages(pdf), paragraph_sequence(d),
                                                              printable_area(d)))
        print(f"{d.name}: {len(filled)} sider, fyldt " + " ".join(f"{f:.0%}" for f in filled)
              + (f"; {unplaced} afsnit ikke fundet i udskriften" if unplaced else ""))
        for line in found:
            print("  " + line)
    print(f"{total} problemer (PDF'erne ligger i {out})")
