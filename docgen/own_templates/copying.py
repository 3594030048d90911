"""`docgen templates copy`: docgen's own templates into a folder of the
user's, never over a file already there."""
from __future__ import annotations

from pathlib import Path

from ..errors import DocgenError
from ..render.templates import BUILT_IN, built_in_names


def copy_built_in(target: Path, names: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """Copy docgen's own templates (all, or those ``names``) into
    ``target``, making it if needed.  A file already in ``target`` is never
    overwritten.  Returns (copied, kept) file names."""
    known = built_in_names()
    unknown = [n for n in names if n not in known]
    if unknown:
        raise DocgenError(f"docgen har ingen skabelon, der hedder {', '.join(unknown)}. Den har: {', '.join(known)}")
    if target.exists() and not target.is_dir():
        raise DocgenError(f"{target} findes og er ikke en mappe")
    copied, kept = [], []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name in dict.fromkeys(names) or known:
            if (target / name).exists():
                kept.append(name)
                continue
            (target / name).write_bytes((BUILT_IN / name).read_bytes())
            copied.append(name)
    except OSError as exc:
        raise DocgenError(f"kan ikke skrive i {target}: {exc.strerror}") from None
    return copied, kept
