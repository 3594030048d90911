"""The documents as they will print, and the upload list, made in memory.

A save that checks clean is rendered the way `docgen build` renders it
(pipeline.prepare: nothing is written); a document whose bytes did not
change keeps its pages; the changed ones go through LibreOffice to PDF and
through pdftoppm to PNG pages, in a temporary folder outside the user's
folder.  Without LibreOffice (or pdftoppm) the page says so and shows each
document's text outline instead.
"""
from __future__ import annotations

import hashlib
import itertools
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DocgenError

DPI = 50
OUTLINE_LIMIT = 60
_made = itertools.count(1)  # each set of pages made gets its own number: the page sees which are new


@dataclass
class DocumentPreview:
    name: str                     # the document's file name
    digest: str                   # sha256 of the rendered bytes the pages show
    made: int = field(default_factory=lambda: next(_made))
    pages: list[bytes] = field(default_factory=list)   # PNG per page
    outline: list[str] = field(default_factory=list)   # headings and first lines, without LibreOffice


def pages_tool() -> str | None:
    """Why pictures cannot be made here, or None when they can."""
    from ..render.pdf import find_soffice

    if find_soffice() is None:
        return "LibreOffice er ikke installeret, så siderne vises ikke som billeder; her er dokumenternes tekst."
    if shutil.which("pdftoppm") is None:
        return "pdftoppm (poppler-utils) er ikke installeret, så siderne vises ikke som billeder; her er dokumenternes tekst."
    return None


def outline(name: str, data: bytes) -> list[str]:
    """The first lines of a document's text, for a machine without LibreOffice."""
    from io import BytesIO

    lines: list[str] = []
    if name.endswith(".docx"):
        from docx import Document

        for paragraph in Document(BytesIO(data)).paragraphs:
            if paragraph.text.strip():
                lines.append(paragraph.text.strip())
            if len(lines) >= OUTLINE_LIMIT:
                break
    elif name.endswith(".xlsx"):
        from openpyxl import load_workbook

        book = load_workbook(BytesIO(data), read_only=True)
        for sheet in book.worksheets:
            lines.append(f"Ark: {sheet.title}")
            for row in sheet.iter_rows(values_only=True):
                cells = [str(c) for c in row if c not in (None, "")]
                if cells:
                    lines.append(" · ".join(cells))
                if len(lines) >= OUTLINE_LIMIT:
                    break
    return lines


def to_pages(documents: dict[str, bytes]) -> dict[str, list[bytes]]:
    """{file name: rendered bytes} -> {file name: PNG pages}, through one
    LibreOffice run."""
    from ..render.pdf import convert

    pdfs = convert(documents)
    pages: dict[str, list[bytes]] = {}
    with tempfile.TemporaryDirectory(prefix="docgen-serve-") as work:
        for name in documents:
            pdf_name = Path(name).stem + ".pdf"
            pdf = Path(work) / "side.pdf"
            pdf.write_bytes(pdfs[pdf_name])
            for old in Path(work).glob("side-*.png"):
                old.unlink()
            subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(Path(work) / "side")],
                           check=True, capture_output=True, timeout=300)
            pngs = sorted(Path(work).glob("side-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
            pages[name] = [p.read_bytes() for p in pngs]
    return pages


def render(path: Path, out_dir: Path, templates: Path | None) -> tuple[list[tuple[str, bytes]], dict]:
    """The documents a build would write now, and the manifest (what must be
    uploaded, and why); nothing written."""
    from ..pipeline import prepare

    prepared = prepare(path, out_dir, templates)
    wanted = set(prepared.documents)
    return [(n, d) for n, d in prepared.plan.files if n in wanted], prepared.manifest


def refresh(path: Path, out_dir: Path, templates: Path | None,
            known: dict[str, DocumentPreview]) -> tuple[dict[str, DocumentPreview], dict, str | None]:
    """New previews for the documents whose bytes changed since ``known``;
    the others kept.  Returns (previews, manifest, note)."""
    files, manifest = render(path, out_dir, templates)
    note = pages_tool()
    changed: dict[str, bytes] = {}
    result: dict[str, DocumentPreview] = {}
    for name, data in files:
        digest = hashlib.sha256(data).hexdigest()
        old = known.get(name)
        if old is not None and old.digest == digest:
            result[name] = old
            continue
        changed[name] = data
        result[name] = DocumentPreview(name, digest)
    if changed:
        if note is None:
            try:
                for name, pages in to_pages(changed).items():
                    result[name].pages = pages
            except (DocgenError, OSError, subprocess.SubprocessError) as exc:
                note = f"Siderne kunne ikke laves som billeder ({exc}); her er dokumenternes tekst."
        if note is not None:
            for name, data in changed.items():
                result[name].outline = outline(name, data)
    return result, manifest, note
