"""python -m docgen: the command line, as the console script runs it."""
import os
import sys

try:  # from the first line: a Ctrl-C while docgen starts is "Afbrudt." and exit 1
    try:  # the C module under 'signal', loaded with the interpreter: importing it takes no time
        import _signal as _signals
    except ImportError:  # another Python than CPython
        import signal as _signals

    from . import interrupted_while_starting

    _signals.signal(_signals.SIGINT, interrupted_while_starting)
except KeyboardInterrupt:
    sys.stderr.write("Afbrudt.\n")
    sys.stderr.flush()
    os._exit(1)

from .cli import run  # noqa: E402

run()
