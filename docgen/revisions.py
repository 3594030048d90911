"""Earlier versions of an agreement file: a file, or a git revision of it."""
from __future__ import annotations

import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import DocgenError


def _git(args: list[str], cwd: Path) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8")
    except OSError:
        raise DocgenError("git er ikke installeret, så en git-version kan ikke hentes. Angiv i stedet to filer") from None
    if result.returncode != 0:
        raise DocgenError(result.stderr.strip() or f"git {' '.join(args)} mislykkedes")
    return result.stdout


@contextmanager
def old_version(old: str, current: Path) -> Iterator[Path]:
    """The path of the old version: ``old`` itself when it is a file, else
    ``current`` as it was at git revision ``old`` (in a temporary file)."""
    if Path(old).is_file():
        yield Path(old)
        return
    current = current.resolve()
    if not current.is_file():
        raise DocgenError(f"{old} er hverken en fil eller en git-version af en fil, der findes ({current} findes ikke)")
    folder = current.parent
    try:
        root = Path(_git(["rev-parse", "--show-toplevel"], folder).strip())
    except DocgenError:
        raise DocgenError(f"{old} findes ikke som fil, og {folder} er ikke i et git-arkiv") from None
    relative = current.relative_to(root.resolve()).as_posix()
    try:
        text = _git(["show", f"{old}:{relative}"], folder)
    except DocgenError as exc:
        raise DocgenError(f"kan ikke hente {relative} i git-versionen '{old}': {exc}") from None
    with tempfile.TemporaryDirectory(prefix="docgen-diff-") as work:
        path = Path(work) / f"{current.name}@{old.replace('/', '_')}"
        path.write_text(text, encoding="utf-8")
        yield path
