"""The command line: thin click commands (commands.py) and the Danish
wording of click's own messages (danish.py).  ``run`` is the entry point
(the console script ``docgen`` and ``python -m docgen``).

``run`` is defined here, before anything heavy is imported, so that a
Ctrl-C while docgen starts (importing click, pydantic, lxml … takes some
50 ms) already ends in "Afbrudt." and exit status 1, never a traceback
from the imports."""
try:  # the C module under 'signal', loaded with the interpreter: importing it takes no time
    import _signal as _signals
except ImportError:  # another Python than CPython
    import signal as _signals

from .. import interrupted_while_starting


def run() -> None:
    """The console entry point (see commands.run)."""
    try:
        _signals.signal(_signals.SIGINT, interrupted_while_starting)
        from .commands import run as run_command
    except KeyboardInterrupt:  # the moment before the handler was in place
        interrupted_while_starting(None, None)
    run_command()


def __getattr__(name: str):
    """``docgen.cli.main``, the click group, imported when asked for."""
    if name == "main":
        from .commands import main

        return main
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["main", "run"]
