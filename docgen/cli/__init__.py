"""The command line: thin click commands (commands.py) and the Danish
wording of click's own messages (danish.py).  ``run`` is the entry point."""
from .commands import main, run

__all__ = ["main", "run"]
