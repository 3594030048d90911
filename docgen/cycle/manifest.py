"""The upload manifest: every document of the folder, what it is, which
requirement of the strategic agreement it answers, its SHA-256, its own
revision and whether it must be uploaded now, against the upload record
(``docgen uploaded``), not against the last build.  Written twice:
Uploadliste.md for a person, manifest.json for a program.  Pure
functions; nothing here reads the clock, so the manifest is as
reproducible as the documents.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..figures.formatting import danish_date, revision_text
from ..figures.versions import Version
from ..model.lbf import DOCUMENT_KINDS
from .folder import sha256

MARKDOWN = "Uploadliste.md"
JSON = "manifest.json"
FORMAT = 2  # manifest.json's format: 2 has per-document revisions and skal_uploades


@dataclass(frozen=True)
class Entry:
    number: int
    doc_id: str
    filename: str
    kind: str
    data: bytes
    state: Version
    pdf: tuple[str, bytes] | None = None  # (file name, bytes) with --pdf


@dataclass(frozen=True)
class Due:
    """Whether a document must be uploaded now, and why (in Danish)."""

    upload: bool
    reason: str
    unrevised: bool = False  # changed since its upload while no new revision names it


def due(entry: Entry, uploaded: dict | None) -> Due:
    """Compare one document with what the upload record says was uploaded."""
    state = entry.state
    if state.draft:
        return Due(False, f"udkast til godkendelse i {state.approver}; uploades, når det er godkendt")
    digest = sha256(entry.data)
    if not uploaded:
        return Due(True, "ikke uploadet før")
    if uploaded.get("sha256") == digest:
        day = uploaded.get("uploadet")
        return Due(False, f"uploadet {danish_date(dt.date.fromisoformat(day))}" if _is_date(day) else "uploadet")
    if state.entry is not None and state.number > _int(uploaded.get("revision")):
        return Due(True, f"ny revision {state.number}, godkendt af {state.approver} {danish_date(state.date)}")
    return Due(True, "ændret siden den blev uploadet, men ingen ny revision nævner den", unrevised=True)


def _is_date(value) -> bool:
    try:
        dt.date.fromisoformat(value)
        return True
    except (TypeError, ValueError):
        return False


def _int(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def manifest(
    area_name: str, source: str, entries: list[Entry], record: dict | None, record_name: str,
    source_digest: str | None = None,
) -> dict:
    """What manifest.json holds, without the upload list's checksum (see
    ``with_checklist``).  ``source_digest`` is the checksum of the agreement's
    text, so ``docgen uploaded`` can tell that the file is the one built."""
    uploaded = (record or {}).get("dokumenter") or {}
    documents = []
    for entry in entries:
        kind = DOCUMENT_KINDS[entry.kind]
        state = entry.state
        verdict = due(entry, uploaded.get(entry.doc_id) if isinstance(uploaded, dict) else None)
        documents.append({
            "nr": entry.number,
            "id": entry.doc_id,
            "fil": entry.filename,
            "dokument": kind["navn"],
            "hvad": kind["hvad"],
            "krav": kind["krav"],
            "sha256": sha256(entry.data),
            "bytes": len(entry.data),
            "revision": state.number,
            "revisionsdato": state.date.isoformat() if state.entry else None,
            "godkendt_af": state.approver if state.entry and not state.draft else None,
            "udkast": state.draft,
            "illustrativt": state.illustrative,
            "pdf": {"fil": entry.pdf[0], "sha256": sha256(entry.pdf[1]), "bytes": len(entry.pdf[1])}
            if entry.pdf else None,
            "skal_uploades": verdict.upload,
            "grund": verdict.reason,
            "aendret_uden_revision": verdict.unrevised,
        })
    ids = {e.doc_id for e in entries}
    gone = sorted(
        str(v.get("fil", k)) for k, v in (uploaded.items() if isinstance(uploaded, dict) else [])
        if k not in ids and isinstance(v, dict)
    )
    return {
        "format": FORMAT,
        "aftale": area_name,
        "aftalefil": source,
        "aftalefil_sha256": source_digest,
        "uploadregistrering": record_name if record else None,
        "dokumenter": documents,
        "ikke_laengere_i_saettet": gone,
    }


def with_checklist(data: dict, checklist: bytes) -> dict:
    """The manifest with the upload list's name and checksum, so the next
    build knows that docgen wrote it."""
    return {**data, "uploadliste": {"fil": MARKDOWN, "sha256": sha256(checklist)}}


def to_json(data: dict) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _revision(d: dict) -> str:
    if d["udkast"]:
        return f"udkast (revision {d['revision']})"
    if d["revisionsdato"]:
        return revision_text(d["revision"], dt.date.fromisoformat(d["revisionsdato"]))
    return "som underskrevet"


def _files(d: dict) -> str:
    name = _cell(d["fil"])
    return f"{name}<br>{_cell(d['pdf']['fil'])}" if d.get("pdf") else name


def to_markdown(data: dict) -> str:
    """Uploadliste.md: what to upload now and why; drafts; what is uploaded already."""
    docs = data["dokumenter"]
    now = [d for d in docs if d["skal_uploades"]]
    drafts = [d for d in docs if d["udkast"]]
    done = [d for d in docs if not d["skal_uploades"] and not d["udkast"]]
    record = data["uploadregistrering"]
    lines = [
        f"# Uploadliste – {_cell(data['aftale'])}",
        "",
        f"Lavet af docgen ud fra {_cell(data['aftalefil'])}. "
        + (f"Sammenlignet med det, der er registreret som uploadet i {_cell(record)}."
           if record else "Intet er registreret som uploadet endnu, så alle godkendte dokumenter skal uploades."),
        "",
        f"## Skal uploades nu ({len(now)})",
        "",
    ]
    if now:
        lines += [
            "Upload filerne på sagen i driftsstøttesystemet (driftsstoette.lbf.dk)."
            + (" Den strategiske samarbejdsaftale skal være underskrevet af alle parter, før den uploades: "
               "upload den underskrevne udgave." if any(d["id"] == "strategisk" for d in now) else ""),
            "",
            "| Nr. | Fil | Dokument | Revision | Hvorfor | Krav i den strategiske samarbejdsaftale |",
            "|---|---|---|---|---|---|",
        ]
        for d in now:
            why = d["grund"] + ("; NB: illustrativt eksempel, erstat indholdet før upload" if d["illustrativt"] else "")
            lines.append(
                f"| {d['nr']:02d} | {_files(d)} | {_cell(d['dokument'])}: {_cell(d['hvad'])} | {_revision(d)} "
                f"| {_cell(why)} | {_cell(d['krav'])} |"
            )
        lines += ["", "Når filerne er uploadet, så kør `docgen uploaded`, så næste uploadliste ved, hvad der er uploadet."]
    else:
        lines.append("Intet: alle godkendte dokumenter er uploadet, som de er.")
    if drafts:
        lines += ["", f"## Udkast, der ikke skal uploades endnu ({len(drafts)})", "",
                  "| Nr. | Fil | Afventer |", "|---|---|---|"]
        lines += [f"| {d['nr']:02d} | {_files(d)} | {_cell(d['grund'])} |" for d in drafts]
    if done:
        lines += ["", f"## Allerede uploadet ({len(done)})", "", "| Nr. | Fil | Revision | Status |", "|---|---|---|---|"]
        lines += [f"| {d['nr']:02d} | {_files(d)} | {_revision(d)} | {_cell(d['grund'])} |" for d in done]
    if data["ikke_laengere_i_saettet"]:
        lines += ["", "Uploadet før, men ikke længere en del af sættet (fjern dem på sagen, hvis de skal væk): "
                  + ", ".join(_cell(n) for n in data["ikke_laengere_i_saettet"]) + "."]
    lines += ["", "## Kontrolsummer (SHA-256)", ""]
    for d in docs:
        lines.append(f"- `{d['sha256']}`  {_cell(d['fil'])}")
        if d.get("pdf"):
            lines.append(f"- `{d['pdf']['sha256']}`  {_cell(d['pdf']['fil'])}")
    return "\n".join(lines) + "\n"
