"""Small files docgen writes: whole or not at all, keeping what the user
set up, and with the operating system's errors told in Danish
(errors.os_reason).

- ``write_atomic``: every small file docgen replaces (agreement.toml after
  an import, the upload record, the JSON schema).  The bytes go to a
  temporary file with a unique name in the same folder, which then
  replaces the file in one step: a reader sees the old file or the new
  one, never half of one; two runs at once never share a temporary file; a
  full disk (or any error, or Ctrl-C) leaves the old file as it was and no
  temporary file behind.  A link at the name (agreement.toml kept in a
  synced folder and linked in) is followed: its target is replaced, in its
  own folder, and the link stays a link.  A named pipe, a device or the
  terminal at the name is written into, never replaced by a file.
- ``write_new``: a file that must not exist yet (docgen init, templates
  copy): created with O_EXCL, so nothing there, not even a dangling link,
  is followed or overwritten.
- ``lock``: one run at a time for a read-change-write (docgen uploaded).

The output folder's documents are written by cycle/folder.py, which moves a
whole set into place; it uses the same Danish errors.
"""
from __future__ import annotations

import datetime as dt
import os
import socket
import stat
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from ..errors import DocgenError, os_reason

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
BINARY = getattr(os, "O_BINARY", 0)


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte (os.write may write fewer than asked)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _mode_for(path: Path) -> int:
    """The permissions of the file being replaced, or what a new file gets
    (0666 less the umask): mkstemp's own 0600 would change them."""
    try:
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode):
            return stat.S_IMODE(info.st_mode)
    except OSError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _special(path: Path) -> bool:
    """Whether ``path`` is there and neither a regular file nor a folder:
    a named pipe, a device, a terminal, a socket."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_into(path: Path, data: bytes) -> None:
    """Write into a pipe, a device or the terminal, as a shell's > does."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | BINARY)
    except OSError as exc:
        raise DocgenError(f"kan ikke skrive {path}: {os_reason(exc)}") from None
    try:
        _write_all(fd, data)
    except OSError as exc:
        raise DocgenError(f"kan ikke skrive {path}: {os_reason(exc)}") from None
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step (see the module's text);
    DocgenError in Danish when it cannot be done, the old file untouched."""
    path = Path(path)
    if os.path.islink(path):
        path = Path(os.path.realpath(path))  # the link's target, wherever it is; the link stays
    if _special(path):
        _write_into(path, data)
        return
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    except OSError as exc:
        raise DocgenError(f"kan ikke skrive {path}: {os_reason(exc)}") from None
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, _mode_for(path))
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException as exc:  # an OSError, or Ctrl-C: the old file stays, the temporary one goes
        try:
            os.unlink(temp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise DocgenError(f"kan ikke skrive {path}: {os_reason(exc)}. Den tidligere udgave er urørt") from None
        raise


def write_new(path: Path, data: bytes) -> bool:
    """Create ``path`` with ``data``; False (nothing written) when anything
    is there already, a link included, dangling or not.  DocgenError in
    Danish when it cannot be written; a half-written file is removed."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | BINARY, 0o666)
    except FileExistsError:
        return False
    except OSError as exc:
        raise DocgenError(f"kan ikke skrive {path}: {os_reason(exc)}") from None
    try:
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
    except BaseException as exc:
        try:
            os.unlink(path)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise DocgenError(f"kan ikke skrive {path}: {os_reason(exc)}") from None
        raise
    return True


# A lock older than this is from a run that was stopped hard (a crash, a
# power cut): recording takes well under a second.  docgen never removes a
# lock it did not make; the message tells the user to remove an old one.
STALE_SECONDS = 10 * 60
WAIT_SECONDS = 3.0  # how long a second run waits for the first to finish


@contextmanager
def lock(path: Path, what: str):
    """Hold the lock file ``path`` (created with O_EXCL, removed afterwards,
    also after an error or Ctrl-C) while the block runs.  Another run
    holding it is waited for a moment, then told in Danish: ``what`` says
    what that run is doing ("registrerer uploads")."""
    path = Path(path)
    deadline = time.monotonic() + WAIT_SECONDS
    stamp = f"{os.getpid()} {socket.gethostname()} {dt.datetime.now().isoformat(timespec='seconds')}\n"
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | BINARY, 0o666)
            break
        except FileExistsError:
            if time.monotonic() < deadline:
                time.sleep(0.05)
                continue
            raise DocgenError(_locked_message(path, what)) from None
        except OSError as exc:
            raise DocgenError(f"kan ikke oprette låsefilen {path}: {os_reason(exc)}") from None
    try:
        try:
            os.write(fd, stamp.encode("utf-8"))  # who holds it, for a person who finds it
        except OSError as exc:
            raise DocgenError(f"kan ikke oprette låsefilen {path}: {os_reason(exc)}") from None
        finally:
            os.close(fd)
        yield
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass


def _locked_message(path: Path, what: str) -> str:
    try:
        age = time.time() - os.lstat(path).st_mtime
    except OSError:
        age = 0.0
    if age > STALE_SECONDS:
        since = dt.datetime.fromtimestamp(time.time() - age).strftime("%d.%m.%Y %H:%M")
        return (f"låsefilen {path} er fra {since}: en kørsel, der {what}, blev stoppet uden at rydde op "
                f"(fx et nedbrud). Er ingen anden kørsel i gang, så slet {path.name}, og prøv igen")
    return (f"en anden kørsel {what} lige nu (låsefilen {path.name} findes). Vent, til den er færdig, "
            "og prøv igen")
