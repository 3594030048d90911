"""The upload manifest: every file of the folder, what it is, which
requirement of the strategic agreement it answers, its SHA-256 and whether
it changed since the previous build.  Written twice: Uploadliste.md for a
person, manifest.json for a program.  Pure functions; nothing here reads
the clock, so the manifest is as reproducible as the documents.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from .formatting import revision_text
from .lbf import DOCUMENT_KINDS
from .model import AgreementFile

MARKDOWN = "Uploadliste.md"
JSON = "manifest.json"

NEW, CHANGED, UNCHANGED = "ny", "ændret", "uændret"


@dataclass(frozen=True)
class Entry:
    number: int
    filename: str
    kind: str
    data: bytes


def previous_hashes(text: str | None) -> dict[str, str] | None:
    """{file name: sha256} of an earlier manifest.json; None when there is
    none or it cannot be read (then nothing counts as unchanged)."""
    if not text:
        return None
    try:
        return {d["fil"]: d["sha256"] for d in json.loads(text)["dokumenter"]}
    except (ValueError, KeyError, TypeError):
        return None


def manifest(agreement: AgreementFile, entries: list[Entry], previous: dict[str, str] | None) -> dict:
    documents = []
    for entry in entries:
        kind = DOCUMENT_KINDS[entry.kind]
        digest = hashlib.sha256(entry.data).hexdigest()
        if previous is None or entry.filename not in previous:
            status = NEW
        else:
            status = UNCHANGED if previous[entry.filename] == digest else CHANGED
        documents.append({
            "nr": entry.number,
            "fil": entry.filename,
            "dokument": kind["navn"] + (" (PDF)" if entry.filename.endswith(".pdf") else ""),
            "hvad": kind["hvad"],
            "krav": kind["krav"],
            "sha256": digest,
            "bytes": len(entry.data),
            "status": status,
        })
    names = {e.filename for e in entries}
    return {
        "aftale": agreement.agreement.area_name,
        "revision": agreement.revision_number,
        "revisionsdato": agreement.revision_date.isoformat(),
        "dokumenter": documents,
        "fjernet": sorted(set(previous or {}) - names),
    }


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(data: dict) -> str:
    revision = (
        revision_text(data["revision"], dt.date.fromisoformat(data["revisionsdato"]))
        if data["revision"] else "Ingen godkendte revisioner endnu"
    )
    changed = [d for d in data["dokumenter"] if d["status"] != UNCHANGED]
    lines = [
        f"# Uploadliste – {data['aftale']}",
        "",
        f"{revision}. Lavet af docgen ud fra agreement.toml.",
        "",
        "Upload filerne herunder på sagen i driftsstøttesystemet (driftsstoette.lbf.dk). "
        "Sæt et kryds, når en fil er uploadet. Kolonnen \"Siden sidst\" sammenligner med den "
        "forrige kørsel af docgen build i denne mappe.",
        "",
        "| Uploadet | Nr. | Fil | Dokument | Krav i den strategiske samarbejdsaftale | Siden sidst |",
        "|---|---|---|---|---|---|",
    ]
    for d in data["dokumenter"]:
        lines.append(
            f"| ☐ | {d['nr']:02d} | {_cell(d['fil'])} | {_cell(d['dokument'])}: {_cell(d['hvad'])} "
            f"| {_cell(d['krav'])} | {d['status']} |"
        )
    lines += ["", f"{len(changed)} af {len(data['dokumenter'])} filer er nye eller ændrede."]
    if data["fjernet"]:
        lines += ["", "Fjernet siden sidst (skal ikke uploades): " + ", ".join(data["fjernet"]) + "."]
    lines += ["", "## Kontrolsummer (SHA-256)", ""]
    lines += [f"- `{d['sha256']}`  {d['fil']}" for d in data["dokumenter"]]
    return "\n".join(lines) + "\n"
