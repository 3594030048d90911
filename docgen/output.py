"""Write the finished documents into the output folder, all or nothing.

Every file is first written into a temporary folder beside the target;
only when all of them exist are they moved in, each with an atomic rename.
A failed build leaves the previous output as it was.  Files of an earlier
build that the new one no longer makes ("NN navn.docx") are removed.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from .errors import DocgenError

GENERATED = re.compile(r"^\d\d .+\.(docx|xlsx|pdf)$")


def write_all(target: Path, files: Iterable[tuple[str, Callable[[], bytes]]]) -> list[Path]:
    """Write each (name, make-bytes) into ``target``; return the paths."""
    target = target.resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    except OSError as exc:
        raise DocgenError(f"kan ikke oprette mappen {target}: {exc.strerror}") from None
    try:
        names = []
        for name, make in files:
            (staging / name).write_bytes(make())
            names.append(name)
        target.mkdir(exist_ok=True)
        for old in target.iterdir():
            if GENERATED.match(old.name) and old.name not in names:
                old.unlink()
        for name in names:
            (staging / name).replace(target / name)
        return [target / name for name in names]
    except OSError as exc:
        raise DocgenError(f"kan ikke skrive i {target}: {exc.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
