"""Earlier versions of an agreement file: a file, a git revision of it, or
the copy ``docgen uploaded`` keeps of it as last uploaded (no git needed).

The revision is text from the command line: it is resolved with
``git rev-parse --verify --end-of-options REV^{commit}`` first, so git never
reads it as an option (``--output=FIL``), and only the commit id it resolves
to is passed on.  git's output is read as bytes."""
from __future__ import annotations

import re
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import DocgenError
from ..figures.formatting import danish_date
from ..source.load import printable
from . import upload_record

# Far longer than any branch, tag or HEAD~N; a longer "revision" is a slip.
MAX_REVISION = 200


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True)
    except OSError:
        raise DocgenError("git er ikke installeret, så en git-version kan ikke hentes. Angiv i stedet to filer") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", errors="replace").strip()
        raise DocgenError(printable(message) if message else f"git {args[0]} mislykkedes")
    return result.stdout


def _is_file(name: str) -> bool:
    try:
        return Path(name).is_file()
    except (OSError, ValueError):  # a name too long for the system, or with a NUL byte
        return False


def _commit(old: str, folder: Path) -> str:
    """The commit id ``old`` names; DocgenError when it names none."""
    shown = printable(old[:60]) + ("…" if len(old) > 60 else "")
    if len(old) > MAX_REVISION:
        raise DocgenError(
            f"'{shown}' findes ikke som fil og er for lang til at være en git-version "
            f"(højst {MAX_REVISION} tegn). Angiv en fil eller en git-version, fx HEAD~1"
        )
    if not old.strip() or not old.isprintable():
        raise DocgenError(f"'{shown}' er hverken en fil eller en git-version. Angiv en fil eller en git-version, fx HEAD~1")
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{old}^{{commit}}"], folder)
    except DocgenError:
        commit = b""
    commit_id = commit.decode("ascii", errors="replace").strip()
    if not re.fullmatch(r"[0-9a-f]{40,64}", commit_id):
        raise DocgenError(f"kan ikke hente git-versionen '{shown}': den findes ikke i arkivet. Angiv fx HEAD~1")
    return commit_id


@contextmanager
def old_version(old: str, current: Path) -> Iterator[Path]:
    """The path of the old version: ``old`` itself when it is a file, else
    ``current`` as it was at git revision ``old`` (in a temporary file)."""
    if _is_file(old):
        yield Path(old)
        return
    current = current.resolve()
    if not current.is_file():
        raise DocgenError(
            f"{printable(old[:60])} er hverken en fil eller en git-version af en fil, der findes ({current} findes ikke)"
        )
    folder = current.parent
    try:
        root = Path(_git(["rev-parse", "--show-toplevel"], folder).decode("utf-8", errors="surrogateescape").strip())
    except DocgenError:
        raise DocgenError(f"{printable(old[:60])} findes ikke som fil, og {folder} er ikke i et git-arkiv") from None
    relative = current.relative_to(root.resolve()).as_posix()
    commit = _commit(old, folder)
    try:
        raw = _git(["cat-file", "blob", f"{commit}:{relative}"], folder)
    except DocgenError:
        raise DocgenError(f"kan ikke hente {relative} i git-versionen '{printable(old)}': filen fandtes ikke "
                          "i den version") from None
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocgenError(
            f"{relative} i git-versionen '{printable(old)}' er ikke gemt som UTF-8, så den kan ikke sammenlignes. "
            "Gem filen som UTF-8 og sammenlign med en senere version"
        ) from None
    with tempfile.TemporaryDirectory(prefix="docgen-diff-") as work:
        path = Path(work) / f"{current.name}@{re.sub(r'[^A-Za-z0-9._~^-]', '_', old)}"
        path.write_bytes(raw)
        yield path


def uploaded_version(current: Path) -> tuple[Path, str]:
    """The copy of ``current`` kept by ``docgen uploaded``, and a Danish line
    saying what it is; DocgenError when there is none."""
    import datetime as dt

    copy = upload_record.copy_path(current)
    if not copy.is_file():
        raise DocgenError(
            f"der er ingen uploadet udgave af {current.name} at sammenligne med ({copy.name} findes ikke). "
            f"'docgen uploaded' gemmer den, når dokumenterne er uploadet. Sammenlign i stedet med en fil: "
            f"docgen diff GAMMEL.toml {current.name} (eller en git-version, fx docgen diff HEAD)"
        )
    try:
        record = upload_record.read(current) or {}
    except DocgenError:
        record = {}
    days = []
    for entry in (record.get("dokumenter") or {}).values():
        try:
            days.append(dt.date.fromisoformat(entry.get("uploadet")))
        except (TypeError, ValueError):
            continue
    when = f", senest registreret {danish_date(max(days))}" if days else ""
    return copy, (f"Sammenligner {current.name} med {copy.name}: aftalen, som den var, da dokumenterne blev "
                  f"registreret som uploadet med 'docgen uploaded'{when}.")
