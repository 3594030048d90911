"""Write the finished files into the output folder, which belongs to the user.

docgen owns a file in the folder only if it can prove it wrote it: the
previous manifest lists the name, and the file (a regular file, not a
link) still has the SHA-256 recorded there, or it already holds exactly
the bytes about to be written.  Everything else (files of any name,
subfolders, links, special files) is never deleted, followed, copied or
changed, and the folder itself is never replaced: same inode, mode and
owner.  An entry of the user's that stands where a new document must go
(a document edited by hand in Word, a file of their own with that name)
is kept beside it, renamed '<navn> (din udgave)', never overwritten.

Writing goes in steps, so a failed or killed build loses nothing:

1. every new file is written to a temporary file in the folder
   (``.docgen-*.tmp``); then the new manifest, complete, as PENDING;
2. each temporary file is moved into place (atomic per file), documents
   the previous build made and this one does not are removed (owned
   ones only), and PENDING is moved to manifest.json last.

An error in step 1 removes the temporary files and leaves the folder as it
was; an error in step 2 puts back what was already moved.  A build killed
in step 1 leaves the previous set complete; one killed in step 2 leaves
PENDING, whose checksums the next build also accepts as docgen's.  The
next build removes what an interrupted one left behind.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DocgenError

MANIFEST = "manifest.json"
PENDING = ".docgen-manifest-ny.json"  # the next manifest, while documents are moved into place
TEMP_PREFIX, TEMP_SUFFIX = ".docgen-", ".tmp"
KEPT = "din udgave"  # '06 Budget (din udgave).xlsx'
MAX_MANIFEST_BYTES = 16 * 1024 * 1024  # far above any real manifest


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- what the folder holds -------------------------------------------------------------------


def _regular_bytes(path: Path, limit: int | None = None) -> bytes | None:
    """The bytes of ``path`` when it is a regular file (a link is never
    followed), else None."""
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or (limit is not None and info.st_size > limit):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def read_manifest(folder: Path, name: str = MANIFEST) -> dict | None:
    """A docgen manifest in ``folder``, or None when there is none or it is
    not one docgen can read (then docgen owns nothing there)."""
    data = _regular_bytes(folder / name, MAX_MANIFEST_BYTES)
    if data is None:
        return None
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    return parsed if isinstance(parsed, dict) and isinstance(parsed.get("dokumenter"), list) else None


def recorded_files(manifest: dict | None) -> dict[str, str]:
    """{file name: sha256} of every file a manifest says docgen wrote: its
    documents, their PDFs and the upload list (also the older format,
    where PDFs were documents of their own)."""
    found: dict[str, str] = {}
    if not manifest:
        return found
    items = list(manifest.get("dokumenter") or [])
    items += [d.get("pdf") for d in items if isinstance(d, dict)]
    items.append(manifest.get("uploadliste"))
    items.append(manifest.get("uploadliste_html"))
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("fil"), str) and isinstance(item.get("sha256"), str):
            found[item["fil"]] = item["sha256"]
    return found


def kept_copies(folder: Path, names: list[str], new: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(document, copy) for every '(din udgave)' copy of a document in the
    folder: those already there and those a build is about to keep
    (``new``, the plan's ``keep``), in the documents' order."""
    import re

    try:
        present = set(os.listdir(folder)) if folder.is_dir() else set()
    except OSError:
        present = set()
    found = []
    for name in names:
        stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
        pattern = re.compile(re.escape(stem) + r" \(" + re.escape(KEPT) + r"(?: \d+)?\)" + re.escape(dot + suffix))
        copies = {n for n in present if pattern.fullmatch(n) and _is_regular(folder / n)}
        if new and name in new:
            copies.add(new[name])
        found += [(name, copy) for copy in sorted(copies)]
    return found


def _is_leftover(name: str) -> bool:
    """A temporary file of a build that was killed.  (PENDING is not: it is
    replaced, never removed, so its checksums are there until a build ends.)"""
    return name != PENDING and name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


# --- the plan --------------------------------------------------------------------------------


@dataclass
class Plan:
    """What a build will do in the folder; nothing is written making it."""

    folder: Path
    files: list[tuple[str, bytes]]                         # (name, bytes), the manifest last
    previous: dict[str, bytes] = field(default_factory=dict)  # owned files that will be replaced: their bytes
    keep: dict[str, str] = field(default_factory=dict)     # user's entry at a name docgen writes -> its new name
    remove: list[str] = field(default_factory=list)        # owned documents no longer made
    leftovers: list[str] = field(default_factory=list)     # temporary files of an interrupted build
    create: bool = False                                   # the folder does not exist yet


def _kept_name(name: str, taken: set[str]) -> str:
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    n = 1
    while True:
        label = KEPT if n == 1 else f"{KEPT} {n}"
        candidate = f"{stem} ({label}){dot}{suffix}"
        if candidate not in taken:
            return candidate
        n += 1


class OtherAgreement(DocgenError):
    """The folder holds documents docgen wrote for another agreement."""


REPLACE_OPTION = "--erstat-anden-aftale"


def plan(
    folder: Path, files: list[tuple[str, bytes]], area_name: str | None = None, replace_other: bool = False,
    source_name: str = "agreement.toml",
) -> Plan:
    """Decide, without writing, what writing ``files`` into ``folder`` does.

    A folder holding documents docgen wrote for another agreement (by its
    manifest: another area name and another file name) is refused unless
    ``replace_other``: a build of another plan must never empty it."""
    _check_folder(folder)
    result = Plan(folder, files)
    if not os.path.lexists(folder):
        result.create = True
        return result
    try:
        present = set(os.listdir(folder))
    except OSError as exc:
        raise DocgenError(f"kan ikke læse mappen {folder}: {_reason(exc)}") from None
    previous_manifest, pending_manifest = read_manifest(folder), read_manifest(folder, PENDING)
    owned = recorded_files(previous_manifest)
    # an interrupted build's manifest: the documents it had moved into place are docgen's too
    owned_pending = recorded_files(pending_manifest)
    if area_name is not None and not replace_other:
        for other in (previous_manifest, pending_manifest):
            _refuse_other(folder, other, area_name, source_name)
    result.leftovers = sorted(n for n in present if _is_leftover(n) and _is_regular(folder / n))
    new_names = {name for name, _ in files}
    taken = present | new_names
    for name, data in files:
        if name not in present:
            continue
        old = _regular_bytes(folder / name)
        if name == MANIFEST:
            mine = read_manifest(folder) is not None  # a manifest does not list itself
        else:
            mine = old is not None and sha256(old) in {owned.get(name), owned_pending.get(name), sha256(data)}
        if mine:
            result.previous[name] = old
        else:
            kept = _kept_name(name, taken)
            taken.add(kept)
            result.keep[name] = kept
    for name in sorted(set(owned) | set(owned_pending)):
        if name in new_names or name not in present or name == MANIFEST:
            continue
        old = _regular_bytes(folder / name)
        if old is not None and sha256(old) in {owned.get(name), owned_pending.get(name)}:
            result.previous[name] = old
            result.remove.append(name)
    return result


def _refuse_other(folder: Path, manifest: dict | None, area_name: str, source_name: str) -> None:
    """OtherAgreement when ``manifest`` is another agreement's (another area
    name, built from a file of another name) and some of its documents are
    still in the folder, untouched.  A file renamed with the same area name,
    or the same file with a new area name, is the same plan."""
    other = manifest.get("aftale") if manifest else None
    if not isinstance(other, str) or other == area_name:
        return
    if manifest.get("aftalefil") == source_name:
        return  # the same file with a new area name: the same plan, renamed
    documents = {
        d["fil"]: d.get("sha256") for d in manifest["dokumenter"]
        if isinstance(d, dict) and isinstance(d.get("fil"), str)
    }
    present = []
    for name, digest in documents.items():
        data = _regular_bytes(folder / name) if "/" not in name and "\\" not in name else None
        if data is not None and sha256(data) == digest:
            present.append(name)
    if not present:
        return
    shown = other.replace("\n", " ")[:120]
    source = manifest.get("aftalefil")
    made_from = f" (lavet ud fra {source})" if isinstance(source, str) and source else ""
    count = f"{len(present)} dokument" if len(present) == 1 else f"{len(present)} dokumenter"
    raise OtherAgreement(
        f"mappen {folder} indeholder {count} til en anden aftale, {shown}{made_from}, og docgen tømmer ikke "
        f"mappen for dem. To veje videre: byg {area_name} i en anden mappe med -o, fx "
        f"'docgen build {source_name} -o \"{area_name}\"', eller erstat dokumenterne til {shown} "
        f"med {REPLACE_OPTION} (filer, docgen ikke har skrevet, bliver, hvor de er). Intet er skrevet"
    )


# --- writing ---------------------------------------------------------------------------------


def write(p: Plan) -> list[Path]:
    """Carry out the plan; return the paths of the files written."""
    folder = p.folder
    if p.create:
        try:
            folder.mkdir(parents=True)
        except FileExistsError:
            pass
        except OSError as exc:
            raise DocgenError(f"kan ikke oprette mappen {folder}: {_reason(exc)}") from None
    temps: dict[str, Path] = {}
    try:
        for leftover in p.leftovers:
            _unlink(folder / leftover)
        *documents, (manifest_name, manifest_bytes) = p.files
        for name, data in documents:
            temps[name] = _write_temp(folder, data)
        pending = _write_temp(folder, manifest_bytes)
        os.replace(pending, folder / PENDING)
        temps[manifest_name] = folder / PENDING
    except BaseException as exc:  # an OSError, or Ctrl-C: nothing of this build stays
        for path in temps.values():
            _unlink(path)
        _remove_if_created(p)
        if not isinstance(exc, OSError):
            raise
        raise DocgenError(f"kan ikke skrive i mappen {folder}: {_reason(exc)}. Intet er ændret") from None
    _move_into_place(p, temps)
    return [folder / name for name, _ in p.files]


def _move_into_place(p: Plan, temps: dict[str, Path]) -> None:
    folder = p.folder
    done: list[tuple[str, str]] = []  # ('kept', name) / ('moved', name) / ('removed', name), to undo
    current = ""
    try:
        for name, _ in p.files:
            current = name
            if name in p.keep:
                os.rename(folder / name, folder / p.keep[name])
                done.append(("kept", name))
            if name != MANIFEST:
                os.replace(temps[name], folder / name)
                done.append(("moved", name))
        for name in p.remove:
            current = name
            os.unlink(folder / name)
            done.append(("removed", name))
        current = MANIFEST
        os.replace(temps[MANIFEST], folder / MANIFEST)
    except BaseException as exc:  # an OSError, or Ctrl-C half-way: the folder goes back to as it was
        _undo(p, done, temps)
        _remove_if_created(p)
        if not isinstance(exc, OSError):
            raise
        # a file open in Word or Excel is locked (Windows: access denied)
        hint = " Er filen åben i Word eller Excel? Luk den, og prøv igen." if exc.errno in IN_USE else ""
        raise DocgenError(
            f"kan ikke skrive {current} i mappen {folder}: {_reason(exc)}.{hint} Mappen er, som den var"
        ) from None


def _undo(p: Plan, done: list[tuple[str, str]], temps: dict[str, Path]) -> None:
    """Put back what a failed step 2 had already changed (best effort)."""
    folder = p.folder
    for action, name in reversed(done):
        try:
            if action in ("moved", "removed"):
                if name in p.previous:
                    os.replace(_write_temp(folder, p.previous[name]), folder / name)
                elif action == "moved":
                    os.unlink(folder / name)
            if action == "kept":
                os.rename(folder / p.keep[name], folder / name)
        except OSError:
            pass
    for path in temps.values():
        _unlink(path)


def _write_temp(folder: Path, data: bytes) -> Path:
    path = folder / f"{TEMP_PREFIX}{secrets.token_hex(6)}{TEMP_SUFFIX}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError:
        _unlink(path)
        raise
    return path


def _unlink(path: Path) -> None:
    try:
        if not path.is_symlink() and path.is_file():
            path.unlink()
    except OSError:
        pass


def _remove_if_created(p: Plan) -> None:
    if p.create:
        try:
            p.folder.rmdir()
        except OSError:
            pass


# --- the folder and its problems, in Danish --------------------------------------------------


def _check_folder(folder: Path) -> None:
    """A clear message when the output folder cannot be one."""
    if len(folder.name.encode("utf-8")) > 255:
        raise DocgenError(f"mappenavnet {folder.name[:40]}… er for langt (højst 255 tegn). Vælg et kortere navn med -o")
    for part in [folder, *folder.parents]:
        if os.path.lexists(part) and not part.is_dir():
            if part == folder:
                raise DocgenError(f"{folder} er en fil, ikke en mappe. Vælg en anden mappe med -o, eller flyt filen")
            raise DocgenError(f"{folder} kan ikke oprettes: {part} er en fil, ikke en mappe")
    existing = next((q for q in [folder, *folder.parents] if q.exists()), None)
    if existing is not None and not os.access(existing, os.W_OK | os.X_OK):
        where = f"mappen {folder}" if existing == folder else f"mappen {existing} (hvor {folder.name} skal oprettes)"
        raise DocgenError(
            f"kan ikke skrive i {where}: du har ikke skriveadgang. "
            "Vælg en anden mappe med -o, eller giv dig selv skriveadgang"
        )


REASONS = {
    errno.EACCES: "du har ikke adgang",
    errno.EPERM: "du har ikke adgang",
    errno.EROFS: "drevet kan kun læses",
    errno.ENOSPC: "disken er fuld",
    errno.EDQUOT: "din diskkvote er brugt op",
    errno.ENAMETOOLONG: "et filnavn er for langt til drevet",
    errno.ENOTDIR: "en del af stien er en fil, ikke en mappe",
    errno.EISDIR: "der ligger en mappe med samme navn",
    errno.EBUSY: "filen er i brug",
    errno.ENOENT: "mappen findes ikke (længere)",
}


IN_USE = {errno.EACCES, errno.EPERM, errno.EBUSY}


def _reason(exc: OSError) -> str:
    return REASONS.get(exc.errno, exc.strerror or str(exc))
