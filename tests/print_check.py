"""How a document prints: convert .docx to PDF with LibreOffice, then read
each page's text with poppler's pdftotext and find the pages a careful
person would not hand over: a blank page, or a page whose last line is a
heading or a box label (its content is on the next page).

Used by tests/test_print.py; run it by hand as
    python tests/print_check.py MAPPE [PDF-MAPPE]   (prints what it finds;
    the PDFs go to PDF-MAPPE, or a new temporary folder)
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from docx import Document

# Paragraph styles that introduce what follows: they must not end a page.
LEAD_STYLES = {"Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Feltnavn", "Mellemrubrik"}
FOOTER = re.compile(r"Side \d+ af \d+\s*$")
PDFTOTEXT = shutil.which("pdftotext")


def _norm(text: str) -> str:
    return " ".join(text.split())


def lead_texts(docx: Path) -> set[str]:
    """The text of every heading and box label in the document."""
    doc = Document(str(docx))
    found: set[str] = set()

    def visit(paragraphs):
        for p in paragraphs:
            if p.style is not None and p.style.name in LEAD_STYLES and p.text.strip():
                found.add(_norm(p.text))

    visit(doc.paragraphs)
    stack = list(doc.tables)
    while stack:
        table = stack.pop()
        for row in table.rows:
            for cell in row.cells:
                visit(cell.paragraphs)
                stack.extend(cell.tables)
    return found


def pages(pdf: Path) -> list[list[str]]:
    """Each page's non-empty lines, in reading order, without the footer."""
    text = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True, timeout=120).stdout
    chunks = text.split("\f")
    if chunks and not chunks[-1].strip():
        chunks.pop()
    result = []
    for page in chunks:
        lines = [_norm(line) for line in page.splitlines() if line.strip()]
        while lines and (FOOTER.search(lines[-1]) or re.fullmatch(r"Side \d+( af \d+)?", lines[-1])):
            lines.pop()
        result.append(lines)
    # the footer's document name: the line that ends every page
    ends = [lines[-1] for lines in result if lines]
    if ends:
        common = max(set(ends), key=ends.count)
        if ends.count(common) == len(result):
            for lines in result:
                lines.pop()
    return result


def problems(docx: Path, pdf: Path) -> list[str]:
    leads = lead_texts(docx)
    found = []
    for number, lines in enumerate(pages(pdf), 1):
        if not lines:
            found.append(f"{docx.name}, side {number}: siden er tom")
            continue
        for k in (1, 2, 3):
            tail = _norm(" ".join(lines[-k:]))
            if tail in leads:
                found.append(f"{docx.name}, side {number}: siden slutter med overskriften/feltet «{tail}»")
                break
    return found


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
        n = len(pages(pdf))
        found = problems(d, pdf)
        total += len(found)
        print(f"{d.name}: {n} sider")
        for line in found:
            print("  " + line)
    print(f"{total} problemer (PDF'erne ligger i {out})")
