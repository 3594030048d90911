"""Watching the agreement file (and a custom templates folder) for saves.

watchfiles (Rust's notify underneath: inotify, FSEvents, Windows'
ReadDirectoryChangesW) watches the file's folder, since editors often
save by writing a new file and renaming it over the old one; a change
to the file, or anywhere in the templates folder, calls ``on_change``.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Callable

DEBOUNCE_MS = 40   # an editor's save is one or a few writes within milliseconds
STEP_MS = 20
READY_MS = 100     # the watcher reports back this often even without a change: the first says it runs


def _same(a: str, b: Path) -> bool:
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(str(b))


def watch(path: Path, templates: Path | None, on_change: Callable[[], None], stop: threading.Event,
          ready: threading.Event) -> None:
    """Call ``on_change`` after each save until ``stop``; ``ready`` is set
    once the watcher runs (a save before that would go unseen)."""
    from watchfiles import watch as watch_changes

    target = path.resolve()
    folders = [str(target.parent)]
    if templates is not None and templates.is_dir():
        folders.append(str(templates.resolve()))
    templates_root = str(templates.resolve()) if templates is not None else None

    def wanted(_change, changed: str) -> bool:
        if _same(changed, target):
            return True
        return templates_root is not None and os.path.abspath(changed).startswith(templates_root + os.sep)

    for changes in watch_changes(*folders, watch_filter=wanted, debounce=DEBOUNCE_MS, step=STEP_MS,
                                 stop_event=stop, recursive=templates is not None, raise_interrupt=False,
                                 rust_timeout=READY_MS, yield_on_timeout=True):
        ready.set()
        if changes:
            on_change()
