"""Word versions of the seed (the Husum-Tingbjerg agreement exported to
text), made at test time with python-docx, to test 'docgen import --ny':

- careful(): one file, typed carefully into LBF's template: headings,
  bold labels on their own line, bullets, tables;
- split(): the same, one file per document (strategic agreement and each
  delaftale), written in another order than the seed's;
- plain(): a plain conversion: every line of the seed is one plain
  paragraph (labels and values run together, tables as lines of text).
"""
from __future__ import annotations

import html
import re
from pathlib import Path

SEED = Path("/work/shared/seed/000_57a71beb9af810dc.txt")
_LOCAL_SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_57a71beb9af810dc.txt"


def seed_path() -> Path | None:
    for path in (_LOCAL_SEED, SEED):
        if path.is_file():
            return path
    return None


_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")


def _unlink(text: str) -> str:
    text = text.replace("\\[", "[").replace("\\]", "]").replace("\\(", "(").replace("\\)", ")")
    for _ in range(3):
        text = _LINK.sub(r"\1", text)
    return html.unescape(text)


def _runs(paragraph, text: str, bold: bool = False) -> None:
    """Markdown/HTML emphasis → runs."""
    text = _unlink(text)
    text = re.sub(r"</?b>", "**", text)
    for n, part in enumerate(re.split(r"\*\*", text)):
        if not part:
            continue
        for m, piece in enumerate(re.split(r"(?<![\w*])\*(?!\s)|(?<=\S)\*(?![\w*])", part)):
            if piece:
                run = paragraph.add_run(piece)
                run.bold = bold or n % 2 == 1
                run.italic = m % 2 == 1


def _cell_paragraphs(cell_text: str) -> list[tuple[str, bool]]:
    """(text, is a bullet) for a table cell of the seed."""
    out = []
    text = re.sub(r"</?ul[^>]*>", "", cell_text)
    for piece in re.split(r"</?li>|</?p>", text):
        piece = piece.strip()
        if not piece:
            continue
        if piece.startswith("•"):
            out.append((piece.lstrip("• ").strip(), True))
        else:
            out.append((piece, False))
    return out


def _careful_lines(lines: list[str]) -> list[str]:
    """What a careful typist makes of the seed's glued lines: each label
    on its own line."""
    out = []
    for line in lines:
        if "****" in line:
            parts = [p for p in line.split("****") if p.strip()]
            parts = [("**" + p.strip("*") + "**") for p in parts]
            out.extend(parts)
            continue
        if re.search(r"[^\s\[](Kontaktperson:)", _unlink(line)):
            line = _unlink(line)
            line = re.sub(r"\)(?=[A-ZÆØÅ])", ")\n", line)
            line = re.sub(r"(?<=\S)(Kontaktperson:)", r"\n\1", line)
            line = re.sub(r"(?<=\S)\*\*(?=Delmål og indikatorer)", "\n**", line)
            out.extend(line.split("\n"))
            continue
        out.append(line)
    return out


def _write_careful(lines: list[str], path: Path) -> Path:
    from docx import Document

    doc = Document()
    table = None
    for raw in _careful_lines(lines):
        line = raw.rstrip("\n")
        if "\t" in line:
            cells = line.split("\t")
            if table is None:
                table = doc.add_table(rows=0, cols=max(len(cells), 5))
            row = table.add_row()
            for c, text in enumerate(cells[: len(row.cells)]):
                cell = row.cells[c]
                cell.paragraphs[0].text = ""
                first = True
                for piece, bullet in _cell_paragraphs(text):
                    for sub in piece.split("  "):
                        if not sub.strip():
                            continue
                        p = cell.paragraphs[0] if first else cell.add_paragraph()
                        first = False
                        if bullet:
                            p.style = doc.styles["List Bullet"]
                        _runs(p, sub.strip())
            continue
        if not line.strip():
            table = None if not line.strip() and table is not None and False else table
            continue
        table = None
        stripped = line.strip()
        if stripped == "---":
            continue
        heading = re.match(r"^(#+)\s*(.*)$", stripped)
        if heading:
            level = min(len(heading.group(1)), 4)
            text = _unlink(heading.group(2)).replace("*", "")
            doc.add_heading(text.strip(), level)
            continue
        if stripped.startswith("<ul") or stripped.startswith("<p>") or "<li>" in stripped:
            for piece, bullet in _cell_paragraphs(stripped):
                p = doc.add_paragraph(style="List Bullet" if bullet else None)
                _runs(p, piece)
            continue
        if stripped.startswith("- "):
            _runs(doc.add_paragraph(style="List Bullet"), stripped[2:])
            continue
        _runs(doc.add_paragraph(), stripped)
    doc.save(str(path))
    return path


def _seed_lines(seed: Path) -> list[str]:
    return seed.read_text(encoding="utf-8").split("\n")


def careful(seed: Path, path: Path) -> Path:
    return _write_careful(_seed_lines(seed), path)


def documents(lines: list[str]) -> list[list[str]]:
    """The seed cut into its documents: the strategic agreement, then each delaftale."""
    parts: list[list[str]] = [[]]
    for line in lines:
        if "Delaftale for indsatsområdet" in line and len(line) < 90:
            parts.append([])
        parts[-1].append(line)
    return parts


def split(seed: Path, folder: Path) -> list[Path]:
    """One file per document, returned in another order than the seed's."""
    paths = []
    for n, part in enumerate(documents(_seed_lines(seed))):
        paths.append(_write_careful(part, folder / f"dokument_{n}.docx"))
    return [paths[2], paths[0], paths[4], paths[1], paths[3]]


def _plain_text(line: str) -> str:
    text = _unlink(line)
    text = re.sub(r"</li>\s*<li>", " ", text)
    text = re.sub(r"</p>\s*<p>", " ", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = text.replace("**", "")
    text = re.sub(r"^#+\s*", "", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)|(?<=\S)\*(?![\w*])", "", text)
    return text


def plain(seed: Path, path: Path) -> Path:
    from docx import Document

    doc = Document()
    for line in _seed_lines(seed):
        if not line.strip() or line.strip() == "---":
            continue
        doc.add_paragraph(_plain_text(line))
    doc.save(str(path))
    return path


def raw(seed: Path, path: Path) -> Path:
    """The seed's text opened in Word as it is: every line one paragraph,
    its Markdown and HTML marks as literal text."""
    from docx import Document

    doc = Document()
    for line in _seed_lines(seed):
        doc.add_paragraph(line)
    doc.save(str(path))
    return path
