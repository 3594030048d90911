"""The stages in order: load → model → checks → documents → render → output.

``check`` is all that ``docgen validate`` needs; it does not import the
Word or Excel libraries, so it starts fast.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from . import checks
from .errors import ERROR, WARNING, Diagnostic, DocgenError, InputError, in_file_order
from .load import Source, load
from .model import AgreementFile


def check(path: Path) -> tuple[Source, AgreementFile]:
    """Load and check the agreement; InputError lists every problem."""
    source, agreement = load(path)
    findings = checks.run(agreement)
    if findings:
        raise InputError([source.diagnostic(f.path, f.message) for f in findings])
    return source, agreement


def warnings(source: Source, agreement: AgreementFile, strict: bool = False) -> list[Diagnostic]:
    """The consistency lint's findings as warnings, in file order; with
    ``strict`` they are errors and raised as InputError."""
    from . import lint

    found = in_file_order([source.diagnostic(f.path, f.message, WARNING) for f in lint.run(agreement)])
    if strict and found:
        raise InputError([replace(d, severity=ERROR) for d in found])
    return found


@dataclass(frozen=True)
class BuildResult:
    documents: list[Path]     # the documents (and PDFs), in upload order
    manifest: dict            # what manifest.json holds
    warnings: list[Diagnostic] = field(default_factory=list)


def build(
    path: Path, out_dir: Path, user_templates: Path | None = None, pdf: bool = False, strict: bool = False
) -> BuildResult:
    """Check, render every document, and write them with the manifest into
    ``out_dir`` in one swap.  A template in ``user_templates`` replaces
    docgen's own of the same name."""
    from . import manifest
    from .documents import all_documents
    from .output import read_previous, write_all
    from .render import package
    from .render.batch import render_all
    from .templates import check_user_dir, folder_for

    if user_templates is not None:
        check_user_dir(user_templates)
    source, agreement = check(path)
    found = warnings(source, agreement, strict)
    try:
        when = package.build_time(agreement.revision_date)
    except ValueError as exc:
        raise DocgenError(str(exc)) from None

    documents = all_documents(agreement)
    rendered = render_all([
        (d, folder_for(d.template, user_templates), when, agreement.revision_number) for d in documents
    ])
    entries = [manifest.Entry(d.number, d.filename, d.kind, data) for d, data in zip(documents, rendered)]
    if pdf:
        from .render.pdf import convert

        pdfs = convert({e.filename: e.data for e in entries})
        entries += [
            manifest.Entry(e.number, Path(e.filename).stem + ".pdf", e.kind, pdfs[Path(e.filename).stem + ".pdf"])
            for e in list(entries)
        ]
        entries.sort(key=lambda e: (e.number, e.filename.endswith(".pdf")))

    previous = manifest.previous_hashes(read_previous(out_dir, manifest.JSON))
    data = manifest.manifest(agreement, entries, previous)
    files = [(e.filename, e.data) for e in entries]
    files += [
        (manifest.MARKDOWN, manifest.to_markdown(data).encode("utf-8")),
        (manifest.JSON, manifest.to_json(data).encode("utf-8")),
    ]
    paths = write_all(out_dir, files)
    return BuildResult(paths[: len(entries)], data, found)
