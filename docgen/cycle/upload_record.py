"""The upload record: which documents were uploaded to driftsstøttesystemet,
with their SHA-256 and revision.  It lives next to the agreement file
(``agreement.toml`` → ``agreement.uploadet.json``), so the user keeps it
with the agreement, in git if they use it; ``docgen uploaded`` writes it and
each build compares the new documents with it.

Beside the record ``docgen uploaded`` keeps a copy of the agreement file as
it was when the documents were uploaded (``agreement.uploadet.toml``), so
``docgen diff`` with no argument can show what changed since, without git.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import NamedTuple

from ..errors import DocgenError, InputError
from ..source.files import lock, write_atomic
from ..source.load import read as read_source
from . import manifest as lists
from .folder import MANIFEST, _regular_bytes, read_manifest, sha256

SUFFIX = ".uploadet.json"
COPY_SUFFIX = ".uploadet.toml"
MAX_BYTES = 4 * 1024 * 1024


def record_path(agreement_file: Path) -> Path:
    """'agreement.toml' → 'agreement.uploadet.json', beside it."""
    return agreement_file.with_name(agreement_file.stem + SUFFIX)


def copy_path(agreement_file: Path) -> Path:
    """'agreement.toml' → 'agreement.uploadet.toml': the agreement as last uploaded."""
    return agreement_file.with_name(agreement_file.stem + COPY_SUFFIX)


def text_digest(text: str) -> str:
    """The checksum of an agreement's text as docgen reads it (no BOM, LF line ends)."""
    return sha256(text.encode("utf-8"))


def read(agreement_file: Path) -> dict | None:
    """The record, or None when nothing has been recorded yet."""
    path = record_path(agreement_file)
    if not os.path.lexists(path):
        return None
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            raise ValueError
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("dokumenter"), dict):
            raise ValueError
        if not all(isinstance(entry, dict) for entry in data["dokumenter"].values()):
            raise ValueError
    except (OSError, ValueError, RecursionError):
        raise DocgenError(
            f"{path} er ikke en upload-registrering, docgen kan læse. Hent den forrige udgave (fx fra git), "
            f"eller slet den; så regnes alle dokumenter for ikke uploadet"
        ) from None
    return data


def lock_path(agreement_file: Path) -> Path:
    """'agreement.toml' → '.agreement.uploadet.json.lock', beside it: held
    while a run records (source/files.lock)."""
    path = record_path(agreement_file)
    return path.with_name(f".{path.name}.lock")


class Recorded(NamedTuple):
    path: Path              # the record
    files: list[str]        # every document recorded, in upload order
    drafts: list[str]       # drafts, not recorded
    new: list[str]          # recorded anew: not uploaded before, or changed since
    unchanged: list[str]    # as they were at the last upload
    first: bool             # nothing was recorded before
    lists_refreshed: bool   # the upload lists in the folder now say what is uploaded


def record(agreement_file: Path, folder: Path, today: dt.date) -> Recorded:
    """Record the folder's current documents as uploaded, and refresh the
    folder's upload lists at once.  One run records at a time: the record
    is read, changed and written under a lock file, so two runs at once
    never lose each other's recording."""
    with lock(lock_path(agreement_file), "registrerer uploads"):
        done = _record(agreement_file, folder, today)
        return done._replace(lists_refreshed=_refresh_lists(folder, done.path))


def _refresh_lists(folder: Path, path: Path) -> bool:
    """Rewrite Uploadliste.md, Uploadliste.html and manifest.json against the
    new record, where they are still as docgen wrote them; False (nothing
    written) where one is not."""
    data = read_manifest(folder)
    record_data = json.loads(path.read_text(encoding="utf-8"))
    if data is None:
        return False
    for name, key in ((lists.MARKDOWN, "uploadliste"), (lists.HTML, "uploadliste_html")):
        wrote = data.get(key)
        present = _regular_bytes(folder / name)
        if not isinstance(wrote, dict) or present is None or sha256(present) != wrote.get("sha256"):
            return False
    data = lists.against_record(data, record_data, path.name)
    checklist = lists.to_markdown(data).encode("utf-8")
    page = lists.to_html(data).encode("utf-8")
    data = lists.with_checklist(data, checklist, page)
    write_atomic(folder / lists.MARKDOWN, checklist)
    write_atomic(folder / lists.HTML, page)
    write_atomic(folder / MANIFEST, lists.to_json(data).encode("utf-8"))
    return True


def _record(agreement_file: Path, folder: Path, today: dt.date) -> Recorded:
    manifest = read_manifest(folder)
    if manifest is None:
        raise DocgenError(f"{folder} har ingen {MANIFEST} fra docgen. Kør 'docgen build' først")
    if manifest.get("format") != 2:
        raise DocgenError(f"{folder / MANIFEST} er fra en ældre docgen. Kør 'docgen build' igen først")
    if manifest.get("aftalefil") != agreement_file.name:
        raise DocgenError(
            f"dokumenterne i {folder} er lavet ud fra {manifest.get('aftalefil')}, ikke {agreement_file.name}. "
            f"Angiv den rigtige fil, eller byg igen"
        )
    try:
        raw = agreement_file.read_bytes()
        built_from = text_digest(read_source(agreement_file).text)
    except (OSError, InputError):
        raise DocgenError(f"kan ikke læse {agreement_file}. Intet er registreret") from None
    if manifest.get("aftalefil_sha256") not in (None, built_from):
        raise DocgenError(
            f"{agreement_file.name} er ændret, siden dokumenterne i {folder} blev lavet, så docgen kan ikke "
            f"gemme aftalen, som den blev uploadet. Sæt filen tilbage, som den var, da du byggede, eller kør "
            f"'docgen build' igen, upload de dokumenter, der skal uploades, og registrér derefter. "
            f"Intet er registreret"
        )
    earlier = read(agreement_file)
    previous = earlier or {"dokumenter": {}}
    documents = dict(previous["dokumenter"])
    recorded, drafts, new, unchanged = [], [], [], []
    for d in manifest["dokumenter"]:
        if d.get("udkast"):
            drafts.append(d["fil"])
            continue
        path = folder / d["fil"]
        try:
            data = path.read_bytes() if path.is_file() and not path.is_symlink() else None
        except OSError:
            data = None
        if data is None or sha256(data) != d["sha256"]:
            raise DocgenError(
                f"{d['fil']} i {folder} mangler eller er ændret, siden docgen lavede den. Kør 'docgen build' igen, "
                "upload de filer, den laver, og registrér derefter. Intet er registreret"
            )
        before = documents.get(d["id"])
        (unchanged if isinstance(before, dict) and before.get("sha256") == d["sha256"] else new).append(d["fil"])
        documents[d["id"]] = {
            "fil": d["fil"],
            "sha256": d["sha256"],
            "revision": d["revision"],
            "revisionsdato": d["revisionsdato"],
            "uploadet": today.isoformat(),
        }
        recorded.append(d["fil"])
    path = record_path(agreement_file)
    copy = copy_path(agreement_file)
    text = json.dumps(
        {"aftalefil": agreement_file.name, "aftale_som_uploadet": copy.name, "dokumenter": documents},
        ensure_ascii=False, indent=2,
    ) + "\n"
    # the copy first: a record never names a copy that is not there
    write_atomic(copy, raw)
    write_atomic(path, text.encode("utf-8"))
    return Recorded(path, recorded, drafts, new, unchanged, earlier is None, False)
