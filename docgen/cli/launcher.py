"""`docgen path`: make the command ``docgen`` known in every new terminal
window, without activating the virtual environment.

A small launcher in the user's own bin folder (``~/.local/bin``, on
Windows ``%USERPROFILE%\\.local\\bin``) runs this installation's Python
with ``-P -m docgen``; userpath (pipx's helper) puts that folder on the user's
PATH: the shells' start-up files on Linux and macOS, the user's PATH in
the registry on Windows.  No administrator rights are needed."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import DocgenError
from ..source.files import write_atomic

MARK = "docgen-launcher"  # a launcher docgen wrote says so; any other file is left alone


@dataclass(frozen=True)
class Installed:
    launcher: Path
    path_changed: bool     # the folder was added to PATH now
    restart_needed: bool   # the present window does not have it yet


def bin_folder() -> Path:
    return Path.home() / ".local" / "bin"


def launcher_text(python: str, windows: bool) -> str:
    """The launcher: this installation's Python, with docgen's arguments passed on.  -P: the
    folder the user stands in is not searched first, so a folder named 'docgen' there (docgen's
    own clone, beside the plan) is never taken for the package."""
    if windows:
        return f'@echo off\r\nrem {MARK}\r\n"{python}" -P -m docgen %*\r\n'
    return f'#!/bin/sh\n# {MARK}\nexec "{python}" -P -m docgen "$@"\n'


def install(python: str | None = None) -> Installed:
    """Write the launcher (replacing only one docgen wrote) and put its folder on PATH."""
    import userpath

    windows = os.name == "nt"
    folder = bin_folder()
    launcher = folder / ("docgen.cmd" if windows else "docgen")
    # the venv's python as the user ran it: resolving the link would leave the venv
    text = launcher_text(python or sys.executable, windows)
    if launcher.is_symlink() or (launcher.exists() and MARK not in _read(launcher)):
        raise DocgenError(
            f"{launcher} findes allerede og er ikke lavet af docgen; den røres ikke. "
            "Slet eller omdøb den, og kør 'docgen path' igen")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DocgenError(f"kan ikke lave mappen {folder}: {exc.strerror}") from None
    write_atomic(launcher, text.encode("utf-8"))
    if not windows:
        launcher.chmod(0o755)
    changed = False
    if not userpath.in_new_path(str(folder)):
        if not userpath.append(str(folder), "docgen"):
            raise DocgenError(
                f"kunne ikke sætte {folder} på PATH. Tilføj mappen selv til PATH i din terminals opsætning")
        changed = True
    return Installed(launcher, changed, userpath.need_shell_restart(str(folder)))


def shown(path: Path) -> str:
    """The launcher's path as the user knows it: ~/.local/bin/docgen, %USERPROFILE%\\.local\\bin\\docgen.cmd."""
    try:
        inside = path.relative_to(Path.home())
    except ValueError:
        return str(path)
    return str(Path("%USERPROFILE%") / inside) if os.name == "nt" else f"~/{inside.as_posix()}"


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
