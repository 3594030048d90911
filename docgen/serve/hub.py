"""The latest status, numbers and previews, and the pages waiting for them.

A save updates the status and numbers at once (snapshot.py) and asks the
background worker for new previews; the worker always takes the newest
request (an older one still waiting is dropped) and keeps showing the old
pages until the new are made.  Every change raises ``version``; the page's
server-sent events stream waits on it.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path

from . import previews
from .snapshot import snapshot


class Hub:
    def __init__(self, path: Path, out_dir: Path, templates: Path | None = None):
        self.path = path
        self.out_dir = out_dir
        self.templates = templates
        self.version = 0
        self.changed = threading.Condition()
        self.state: dict = {}
        self.last_good: dict | None = None      # numbers of the last version that loaded
        self.previews: dict[str, previews.DocumentPreview] = {}
        self.manifest: dict | None = None
        self.preview_note: str | None = None
        self.preview_error: str | None = None
        self.preview_busy = False
        self.preview_of = 0                     # the version the previews were made from
        self._wanted = 0
        self.seen: bytes | None = None          # the file's bytes the last update read
        self._stop = False
        self._work = threading.Condition()
        self._reading = threading.Lock()

    # --- status and numbers (fast) ---------------------------------------

    def read(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except OSError:
            return None

    def update(self) -> None:
        with self._reading:  # the watcher's and the start-up's reads never cross
            self._update()

    def _update(self) -> None:
        self.seen = self.read()
        started = time.monotonic()
        state = snapshot(self.path)
        state["ms"] = round((time.monotonic() - started) * 1000)
        if state["gyldig"]:
            self.last_good = {"aarsvaerk": state["aarsvaerk"], "budget": state["budget"]}
            state["fra_sidste_gyldige"] = False
        elif self.last_good is not None:
            state.update(self.last_good)
            state["fra_sidste_gyldige"] = True
        with self.changed:
            self.version += 1
            state["version"] = self.version
            self.state = state
            self.changed.notify_all()
        if state["klar"]:
            self._request(self.version)

    # --- previews (slow, in the background) -------------------------------

    def _request(self, version: int) -> None:
        with self._work:
            self._wanted = version
            self._work.notify()

    def worker(self) -> None:
        while True:
            with self._work:
                while not self._stop and self._wanted <= self.preview_of:
                    self._work.wait()
                if self._stop:
                    return
                wanted = self._wanted
            self._set(preview_busy=True)
            try:
                made, manifest, note = previews.refresh(self.path, self.out_dir, self.templates, self.previews)
                self._set(previews=made, manifest=manifest, preview_note=note, preview_error=None,
                          preview_busy=False, preview_of=wanted)
            except Exception as exc:  # noqa: BLE001 - shown on the page; the old pages stay
                self._set(preview_error=str(exc) or type(exc).__name__, preview_busy=False, preview_of=wanted)

    def _set(self, **values) -> None:
        with self.changed:
            for key, value in values.items():
                setattr(self, key, value)
            self.version += 1
            self.changed.notify_all()

    def stop(self) -> None:
        with self._work:
            self._stop = True
            self._work.notify()
        with self.changed:
            self.changed.notify_all()

    @property
    def stopped(self) -> bool:
        return self._stop

    # --- what the page reads ---------------------------------------------

    def public(self) -> dict:
        with self.changed:
            state = dict(self.state)
            state["version"] = self.version
            documents = [
                {"fil": p.name, "sider": len(p.pages), "udgave": f"{p.made}-{p.digest[:12]}", "tekst": p.outline}
                for p in self.previews.values()
            ]
            state["dokumenter"] = documents
            state["dokumenter_note"] = self.preview_note
            state["dokumenter_fejl"] = self.preview_error
            state["dokumenter_arbejder"] = self.preview_busy
            state["dokumenter_fra_version"] = self.preview_of
            state["uploads"] = _uploads(self.manifest)
            return state

    def page(self, name: str, number: int) -> bytes | None:
        with self.changed:
            preview = self.previews.get(name)
            if preview is None or not 1 <= number <= len(preview.pages):
                return None
            return preview.pages[number - 1]

    def wait(self, seen: int, timeout: float) -> int:
        with self.changed:
            if self.version == seen and not self._stop:
                self.changed.wait(timeout)
            return self.version


def _uploads(manifest: dict | None) -> dict | None:
    if manifest is None:
        return None
    docs = manifest["dokumenter"]
    return {
        "nu": [{"fil": d["fil"], "grund": d["grund"]} for d in docs if d["skal_uploades"]],
        "udkast": [{"fil": d["fil"], "grund": d["grund"]} for d in docs if d["udkast"]],
        "uaendret": [{"fil": d["fil"], "grund": d["grund"]} for d in docs if not d["skal_uploades"] and not d["udkast"]],
    }
