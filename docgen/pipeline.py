"""The stages in order: load → model → checks → documents → render → output.

``check`` is all that ``docgen validate`` needs; it does not import the
Word or Excel libraries, so it starts fast.
"""
from __future__ import annotations

from pathlib import Path

from . import checks
from .errors import InputError
from .load import Source, load
from .model import AgreementFile

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def check(path: Path) -> tuple[Source, AgreementFile]:
    """Load and check the agreement; InputError lists every problem."""
    source, agreement = load(path)
    findings = checks.run(agreement)
    if findings:
        raise InputError([source.diagnostic(f.path, f.message) for f in findings])
    return source, agreement


def build(path: Path, out_dir: Path, template_dir: Path = TEMPLATES) -> list[Path]:
    """Check, then write every document into ``out_dir``."""
    from .documents import all_documents
    from .output import write_all
    from .render import docx, xlsx

    renderers = {".docx": docx.render, ".xlsx": xlsx.render}
    _, agreement = check(path)
    documents = all_documents(agreement)
    return write_all(out_dir, [
        (d.filename, lambda d=d: renderers[Path(d.template).suffix](d, template_dir)) for d in documents
    ])
