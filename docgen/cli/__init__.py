"""The command line: thin click commands (commands.py) and the Danish
wording of click's own messages (danish.py).  ``run`` is the entry point
(the console script ``docgen`` and ``python -m docgen``).

``run`` is defined here, before anything heavy is imported, so that a
Ctrl-C while docgen starts (importing click, pydantic, lxml … takes some
50 ms) already ends in "Afbrudt." and exit status 1, never a traceback
from the imports."""
from __future__ import annotations

import os
import signal
import sys


def _interrupted_while_starting(signum, frame) -> None:
    """Ctrl-C before a command runs: nothing has been read or written yet,
    so docgen leaves at once."""
    try:
        sys.stderr.write("Afbrudt.\n")
        sys.stderr.flush()
    finally:
        os._exit(1)


def run() -> None:
    """The console entry point (see commands.run)."""
    signal.signal(signal.SIGINT, _interrupted_while_starting)
    from .commands import run as run_command

    run_command()


def __getattr__(name: str):
    """``docgen.cli.main``, the click group, imported when asked for."""
    if name == "main":
        from .commands import main

        return main
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["main", "run"]
