"""What the documents and their files are called: the titles, and every
file and folder name docgen makes (the documents' file names and the
per-agreement folders of a build of several files).  Pure functions; the
documents use them for their titles and checks.structure for the
file-name length."""
from __future__ import annotations

import re
import unicodedata

from .versions import SUB_AGREEMENT, document_name

# Most file systems (ext4, NTFS, APFS) take file names of at most 255
# bytes (NTFS: 255 UTF-16 units, never fewer than UTF-8 bytes).
MAX_FILE_NAME_BYTES = 255

# What Windows refuses in a name: <>:"/\|?* and control characters.
_RESERVED_CHARACTERS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
# Device names Windows refuses as a name, with or without an extension and
# in any case ('con', 'Aux.toml', 'COM1.txt'); Windows 10 and later also
# take the superscript digits as COM and LPT numbers.
_DEVICES = {"CON", "PRN", "AUX", "NUL"} | {f"{port}{n}" for port in ("COM", "LPT") for n in "123456789¹²³"}


def title(doc_id: str, area_name: str) -> str:
    """'Budget - Husum-Tingbjerg', 'Delaftale - Beskæftigelse'."""
    name = document_name(doc_id)
    return name if doc_id.partition(".")[0] == SUB_AGREEMENT else f"{name} - {area_name}"


def printed_title(document_title: str) -> str:
    """The title as a page's footer prints it, with the dash the Word
    documents' footers have: 'Budget – Husum-Tingbjerg' (the file name keeps
    its '-')."""
    return document_title.replace(" - ", " – ", 1)  # the separator; the area's own name stays as typed


def file_name(number: int, document_title: str, suffix: str) -> str:
    """'01 Strategisk samarbejdsaftale - Husum-Tingbjerg.docx'"""
    return f"{number:02d} {safe_name(document_title)}{suffix}"


def safe_name(name: str) -> str:
    """``name`` as a file or folder name Windows, macOS and Linux all take
    as it is: every character Windows refuses (<>:"/\\|?* and control
    characters) becomes '-', a trailing dot or space (which Windows drops)
    is left out, and a Windows device name (CON, PRN, AUX, NUL, COM1-9,
    LPT1-9, in any case, with or without an extension) gets a '_' after
    it: 'CON' → 'CON_', 'aux.toml' → 'aux_.toml'.  Never empty."""
    name = _RESERVED_CHARACTERS.sub("-", name).rstrip(". ")
    base, dot, rest = name.partition(".")
    if base.rstrip(" ").upper() in _DEVICES:
        name = f"{base.rstrip(' ')}_{base[len(base.rstrip(' ')):]}{dot}{rest}"
    return name or "_"


def folder_names(names: list[str]) -> list[str]:
    """A folder name for each of ``names`` (the agreement files' names
    without '.toml'), safe on every system (safe_name) and distinct where
    names are compared without regard to case or Unicode form (Windows,
    macOS): 'Aftale' and 'aftale' become 'Aftale' and 'aftale (2)'."""
    taken: set[str] = set()
    out = []
    for name in names:
        base = safe_name(name)
        candidate, n = base, 1
        while _key(candidate) in taken:
            n += 1
            candidate = f"{base} ({n})"
        taken.add(_key(candidate))
        out.append(candidate)
    return out


def _key(name: str) -> str:
    """The name as a case-insensitive, normalising file system sees it."""
    return unicodedata.normalize("NFC", name).casefold()
