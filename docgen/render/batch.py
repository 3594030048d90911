"""Render every document of the set, on two processes where that is safe.

Rendering is most of a build and each document is independent, so on a
machine with more than one core the documents are shared between this
process and one forked worker (it starts with everything already
imported; one fork costs less than two, measured in benchmarks/README.md).
Forking is safe on Linux and in a fresh process: the command line
asks for it (DOCGEN_PROCESSES=2, which `docgen` sets unless it is set
already).  A program that calls docgen as a library, and any other
platform, renders the documents one after the other.  The bytes are the
same either way.
"""
from __future__ import annotations

import datetime as dt
import os
import pickle
import signal
import sys
from pathlib import Path
from typing import Any

from ..documents.base import Document
from . import docx, package, xlsx

PROVENANCE = "docgen"  # the custom property documents/provenance.py fills

RENDERERS = {".docx": docx, ".xlsx": xlsx}  # the module; its render() is looked up when used
PROCESSES = 2  # this one and one worker


def render_one(job: tuple[Document, Path, dt.datetime, int]) -> bytes:
    """One document as reproducible .docx/.xlsx bytes."""
    document, template_dir, when, revision = job
    try:
        rendered = RENDERERS[Path(document.template).suffix].render(document, template_dir)
    except Exception as exc:
        # the error goes back from a worker pickled: one that will not
        # pickle (lxml's carry their error log) is sent as its text
        try:
            pickle.dumps(exc)
        except Exception:  # noqa: BLE001 - any failure to pickle
            raise RuntimeError(f"{type(exc).__name__}: {exc}") from None
        raise
    properties = {PROVENANCE: document.provenance} if document.provenance else None
    return package.reproducible(rendered, when, revision, properties)


def _parallel(count: int) -> bool:
    if os.environ.get("DOCGEN_PROCESSES", "").strip() != str(PROCESSES):
        return False
    return sys.platform == "linux" and (os.cpu_count() or 1) > 1 and count > PROCESSES


def render_all(jobs: list[tuple[Document, Path, dt.datetime, int]]) -> list[bytes]:
    """The rendered documents, in the order of ``jobs``."""
    if not _parallel(len(jobs)):
        return [render_one(job) for job in jobs]
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    # The worker takes the documents from the longest end (see _rank), this
    # process from the shortest, until none is left.  The worker's next
    # document is handed out the moment it finishes one (the callback runs
    # on the pool's thread; a deque's pops are atomic).
    pending = deque(sorted(range(len(jobs)), key=lambda n: _rank(jobs[n][0])))
    rendered: dict[int, Any] = {}
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                             initializer=_leave_interrupts_to_the_parent) as pool:
        futures = []

        def hand_out(done=None) -> None:
            if done is not None and (done.cancelled() or done.exception() is not None):
                pending.clear()  # the build stops: nothing more to render
            try:
                n = pending.popleft()
                future = pool.submit(render_one, jobs[n])
            except (IndexError, RuntimeError):  # none left, or the pool is closing after a failure
                return
            futures.append((n, future))
            future.add_done_callback(hand_out)

        hand_out()
        try:
            while True:
                try:
                    n = pending.pop()
                except IndexError:
                    break
                rendered[n] = render_one(jobs[n])
        except BaseException:
            pending.clear()  # the worker gets nothing more; its current document is waited for
            raise
        while len(rendered) < len(jobs):
            for n, future in list(futures):
                rendered[n] = future.result()
    return [rendered[n] for n in range(len(jobs))]


def _leave_interrupts_to_the_parent() -> None:
    """Ctrl-C reaches every process of the terminal's group.  A worker
    interrupted while it sends a document back leaves half a message in
    the pipe, and the parent waits for the rest for ever; so the worker
    ignores it, finishes the document it has, and is shut down by the
    parent, which stops the build."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# In parallel the documents that take longest go to the worker first (the
# strategic agreement with its organisation chart, then the workbooks with
# the most sheets), so that no long one is left for the end while the
# other process has nothing to do.
LONGEST = ("strategisk", "budget", "indberetningsskema")


def _rank(document: Document) -> int:
    return LONGEST.index(document.kind) if document.kind in LONGEST else len(LONGEST)
