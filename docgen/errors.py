"""Diagnostics and the exceptions that carry them to the CLI."""
from __future__ import annotations

import errno
from dataclasses import dataclass, field


ERROR, WARNING = "fejl", "advarsel"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the input, told in Danish."""

    message: str
    file: str
    line: int | None = None
    column: int | None = None
    path: str = ""
    severity: str = "fejl"

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", linje {self.line}"
            if self.column is not None:
                where += f", kolonne {self.column}"
        field_part = f" [{self.path}]" if self.path else ""
        label = "advarsel: " if self.severity == WARNING else ""
        return f"{where}{field_part}: {label}{self.message}"

    def as_dict(self) -> dict:
        """For --format json."""
        return {"severity": "warning" if self.severity == WARNING else "error", "message": self.message, "file": self.file,
                "line": self.line, "column": self.column, "path": self.path}


def in_file_order(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """By file, then line (those without a line first); found order within a line."""
    return sorted(diagnostics, key=lambda d: (d.file, d.line is not None, d.line or 0))


class DocgenError(Exception):
    """Any error docgen reports to the user without a traceback."""


@dataclass
class InputError(DocgenError):
    """The agreement file is unreadable, malformed or inconsistent."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    # When the file parsed but the model did not validate: (agreement with a
    # stand-in for each faulty value, the TOML paths stood in), so the later
    # checks can still report what they find elsewhere (source/load.py).
    partial: object = field(default=None, repr=False, compare=False)

    def __str__(self) -> str:
        return "\n".join(str(d) for d in self.diagnostics)


class RenderError(DocgenError):
    """A template could not be rendered."""


# An operating system's error in Danish: what the user reads when a file
# cannot be written (or read).  One table for every place docgen writes.
OS_REASONS = {
    errno.EACCES: "du har ikke adgang",
    errno.EPERM: "du har ikke adgang",
    errno.EROFS: "drevet kan kun læses",
    errno.ENOSPC: "disken er fuld",
    errno.EDQUOT: "din diskkvote er brugt op",
    errno.ENAMETOOLONG: "et filnavn er for langt til drevet",
    errno.ENOTDIR: "en del af stien er en fil, ikke en mappe",
    errno.EISDIR: "der ligger en mappe med samme navn",
    errno.EBUSY: "filen er i brug",
    errno.ENOENT: "mappen findes ikke (længere)",
    errno.EEXIST: "der ligger allerede en fil med det navn",
    errno.ELOOP: "stien er et symbolsk link",
    errno.EIO: "drevet svarer ikke (en fejl i drevet eller netværket)",
    errno.EMFILE: "der er åbnet for mange filer",
    errno.EFBIG: "filen er for stor til drevet",
}


def os_reason(exc: OSError) -> str:
    """Why an operation on a file failed, in Danish (the system's own words,
    often English, only for an error the table does not know)."""
    return OS_REASONS.get(exc.errno, exc.strerror or str(exc))
