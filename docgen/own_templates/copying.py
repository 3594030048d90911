"""`docgen templates copy`: docgen's own templates into a folder of the
user's, never over anything already there and never outside the folder."""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import DocgenError, os_reason
from ..render.templates import BUILT_IN, built_in_names
from ..source.files import write_new


def copy_built_in(target: Path, names: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """Copy docgen's own templates (all, or those ``names``) into
    ``target``, making it if needed.  Whatever already stands at a
    template's name in ``target`` (a file, a folder, a link, dangling or
    not) is kept and never followed: each file is created new (O_EXCL,
    O_NOFOLLOW).  Returns (copied, kept) file names."""
    known = built_in_names()
    unknown = [n for n in names if n not in known]
    if unknown:
        raise DocgenError(f"docgen har ingen skabelon, der hedder {', '.join(unknown)}. Den har: {', '.join(known)}")
    if os.path.lexists(target) and not target.is_dir():
        raise DocgenError(f"{target} findes og er ikke en mappe")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DocgenError(f"kan ikke oprette mappen {target}: {os_reason(exc)}") from None
    copied, kept = [], []
    for name in dict.fromkeys(names) or known:
        # a name is one of docgen's own (checked above): never a path out of the folder
        if write_new(target / name, (BUILT_IN / name).read_bytes()):
            copied.append(name)
        else:
            kept.append(name)
    return copied, kept
