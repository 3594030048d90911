"""The stages in order: load → model → checks → documents → render → output.

``check`` is all that ``docgen validate`` needs; it does not import the
Word or Excel libraries, so it starts fast.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import checks
from .errors import ERROR, WARNING, Diagnostic, DocgenError, InputError, in_file_order
from .source.load import Source, load
from .model.agreement import AgreementFile


def check(path: Path) -> tuple[Source, AgreementFile]:
    """Load and check the agreement; InputError lists every problem."""
    try:
        source, agreement = load(path)
    except InputError as error:
        raise with_later_findings(error) from None
    findings = checks.run(agreement)
    if findings:
        raise InputError([source.diagnostic(f.path, f.message, text_line=f.text_line) for f in findings])
    return source, agreement


def with_later_findings(error: InputError) -> InputError:
    """The load stage's errors and, where the file loaded but for some
    values, what the checks find elsewhere (unknown ids, amounts), so one
    round shows everything.  Sums wait until the values are fixed."""
    if error.partial is None:
        return error
    source, agreement, stood = error.partial
    later = [
        source.diagnostic(f.path, f.message, text_line=f.text_line)
        for f in checks.run(agreement, sums=False) if not _near(f.path, stood)
    ]
    return InputError(error.diagnostics + later)


def _near(path: tuple, stood: list[tuple]) -> bool:
    """The finding is about a value stood in: at it, inside it, or about the table holding it."""
    path = tuple(path)
    return any(path[: len(s)] == s or s[: len(path)] == path for s in stood)


def warnings(source: Source, agreement: AgreementFile, strict: bool = False) -> list[Diagnostic]:
    """The consistency lint's findings as warnings, in file order; with
    ``strict`` they are errors and raised as InputError."""
    from .checks import lint

    found = in_file_order([source.diagnostic(f.path, f.message, WARNING) for f in lint.run(agreement)])
    if strict and found:
        raise InputError([replace(d, severity=ERROR) for d in found])
    return found


@dataclass(frozen=True)
class BuildResult:
    documents: list[Path]     # the documents (and PDFs), in upload order
    manifest: dict            # what manifest.json holds
    warnings: list[Diagnostic] = field(default_factory=list)
    kept: dict[str, str] = field(default_factory=dict)  # user's file at a document's name -> where it is kept


@dataclass
class Prepared:
    """A checked and rendered build that has not written anything yet."""

    plan: Any                 # output.Plan
    manifest: dict
    documents: list[str]      # file names of the documents and PDFs, in upload order
    warnings: list[Diagnostic]


def prepare(
    path: Path, out_dir: Path, user_templates: Path | None = None, pdf: bool = False, strict: bool = False,
    replace_other: bool = False,
) -> Prepared:
    """Check the agreement, render every document and plan the writing;
    nothing is written.  A template in ``user_templates`` replaces
    docgen's own of the same name.  A folder holding another agreement's
    documents is refused unless ``replace_other``."""
    from .cycle import manifest, folder as output, upload_record as uploads
    from .documents import all_documents
    from .documents.provenance import provenance
    from .render import package
    from .render.batch import render_all
    from .render.templates import check_user_dir, folder_for

    if user_templates is not None:
        check_user_dir(user_templates)
    source, agreement = check(path)
    found = warnings(source, agreement, strict)
    record = uploads.read(path)

    documents = all_documents(agreement)
    made_from = provenance(agreement, documents)
    documents = [replace(d, provenance=made_from[d.doc_id]) for d in documents]
    try:
        jobs = [
            (d, folder_for(d.template, user_templates), package.build_time(d.state.date), d.state.number)
            for d in documents
        ]
    except ValueError as exc:
        raise DocgenError(str(exc)) from None
    rendered = render_all(jobs)
    pdfs = {}
    if pdf:
        from .render.pdf import convert

        pdfs = convert({d.filename: data for d, data in zip(documents, rendered)})
    entries = []
    for d, data in zip(documents, rendered):
        pdf_name = Path(d.filename).stem + ".pdf"
        entries.append(manifest.Entry(
            d.number, d.doc_id, d.filename, d.kind, data, d.state,
            (pdf_name, pdfs[pdf_name]) if pdf_name in pdfs else None,
        ))
    data = manifest.manifest(
        agreement.agreement.area_name, path.name, entries, record, uploads.record_path(path).name,
        uploads.text_digest(source.text),
    )
    unrevised = [
        source.diagnostic(("revisioner",), f"{d['fil']} er ændret, siden den blev uploadet, men ingen ny "
                          f"[[revisioner]] nævner den ('{d['id']}'). Tilføj en revision, der nævner den, "
                          "før du uploader den", WARNING)
        for d in data["dokumenter"] if d["aendret_uden_revision"]
    ]
    if strict and unrevised:
        raise InputError([replace(d, severity=ERROR) for d in unrevised])
    files = []
    for e in entries:
        files.append((e.filename, e.data))
        if e.pdf:
            files.append(e.pdf)
    names = [name for name, _ in files]
    area = agreement.agreement.area_name
    # which documents a partner's edit stands at: the upload lists name the copies kept
    documents_only = output.plan(out_dir, files, area, replace_other, path.name)
    data = manifest.with_kept(data, output.kept_copies(out_dir, names, documents_only.keep))
    checklist = manifest.to_markdown(data).encode("utf-8")
    page = manifest.to_html(data).encode("utf-8")
    data = manifest.with_checklist(data, checklist, page)
    files += [(manifest.MARKDOWN, checklist), (manifest.HTML, page), (manifest.JSON, manifest.to_json(data).encode("utf-8"))]
    return Prepared(output.plan(out_dir, files, area, replace_other, path.name), data, names, found + unrevised)


def write(prepared: Prepared) -> BuildResult:
    """Write a prepared build into its folder."""
    from .cycle import folder as output

    paths = output.write(prepared.plan)
    return BuildResult(paths[: len(prepared.documents)], prepared.manifest, prepared.warnings, dict(prepared.plan.keep))


def build(
    path: Path, out_dir: Path, user_templates: Path | None = None, pdf: bool = False, strict: bool = False,
    replace_other: bool = False,
) -> BuildResult:
    """Check, render every document, and write them with the manifest into
    ``out_dir``, touching nothing there docgen did not write."""
    return write(prepare(path, out_dir, user_templates, pdf, strict, replace_other))
