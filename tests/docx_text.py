"""Reading generated .docx files back, for the tests."""
from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document


def paragraphs(path: Path, headers: bool = True) -> list[str]:
    """Every paragraph's text: body, tables (nested), and (``headers``)
    headers and footers."""
    doc = Document(str(path))
    out: list[str] = []

    def walk(container) -> None:
        for p in container.paragraphs:
            out.append(p.text)
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    walk(cell)

    walk(doc)
    for section in doc.sections if headers else ():
        walk(section.footer)
        walk(section.header)
    return out


def text(path: Path) -> str:
    return "\n".join(paragraphs(path))


def xml_parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}
