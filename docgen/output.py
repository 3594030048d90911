"""Write the finished files into the output folder, all or nothing.

The new folder is built beside the target (every document, the manifest
and any file of the user's own that was in the old folder) and swapped in
with two renames only when all of it exists.  A failed build, for any
reason, leaves the previous output exactly as it was.  Files an earlier
build made that this one no longer makes are gone after the swap.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

from .errors import DocgenError

# What docgen writes: "NN navn.docx/.xlsx/.pdf" and the manifest.
GENERATED = re.compile(r"^(\d\d .+\.(docx|xlsx|pdf)|Uploadliste\.md|manifest\.json)$")


def read_previous(target: Path, name: str) -> str | None:
    """A file of the previous build, or None."""
    try:
        return (target / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write_all(target: Path, files: Iterable[tuple[str, bytes]]) -> list[Path]:
    """Replace ``target`` by a folder holding ``files`` (name, bytes) and
    the files in the old folder docgen did not make; return the new paths."""
    target = target.resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-ny-", dir=target.parent))
        _ordinary_permissions(staging)
    except OSError as exc:
        raise DocgenError(f"kan ikke oprette mappen {target}: {exc.strerror}") from None
    try:
        names = []
        for name, data in files:
            (staging / name).write_bytes(data)
            names.append(name)
        if target.exists():
            _keep_own_files(target, staging)
        _swap(staging, target)
        return [target / name for name in names]
    except OSError as exc:
        raise DocgenError(f"kan ikke skrive i {target}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _ordinary_permissions(folder: Path) -> None:
    """mkdtemp makes a private folder (0700); the output folder gets the
    permissions any new folder of the user's would get."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def _keep_own_files(old: Path, new: Path) -> None:
    """Copy what the user put in the old folder into the new one."""
    for item in old.iterdir():
        if GENERATED.match(item.name) or (new / item.name).exists():
            continue
        if item.is_dir():
            shutil.copytree(item, new / item.name)
        else:
            shutil.copy2(item, new / item.name)


def _swap(staging: Path, target: Path) -> None:
    if not target.exists():
        staging.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-gammel-", dir=target.parent))
    old.rmdir()
    try:
        target.rename(old)
    except OSError as exc:
        raise DocgenError(
            f"kan ikke erstatte mappen {target}: {exc.strerror or exc}. "
            "Er et af dokumenterne åbent i Word eller Excel? Luk det, og prøv igen"
        ) from None
    try:
        staging.rename(target)
    except OSError:
        old.rename(target)  # put the previous output back
        raise
    shutil.rmtree(old, ignore_errors=True)
