"""Which template a document uses, and whether a template file is safe
to open.

`docgen build --templates DIR` takes a template from DIR when DIR has one
of that name and docgen's own otherwise.  Every template is read through
template_bytes, which checks the package (zip, size, parts) before any
library unpacks it.  Checking a user's own templates against docgen's is
docgen.own_templates's concern, above this stage.
"""
from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from functools import lru_cache
from importlib.util import find_spec
from io import BytesIO
from pathlib import Path

from ..errors import DocgenError, RenderError, os_reason

# docgen's own templates: templates/ in the source tree, installed as the
# package docgen.builtin_templates (see pyproject.toml) and found without
# importing it.  An editable install made before that package existed does
# not know it; there the source tree's folder is used.
_SPEC = find_spec("docgen.builtin_templates")
BUILT_IN = (Path(_SPEC.submodule_search_locations[0]) if _SPEC and _SPEC.submodule_search_locations
            else Path(__file__).resolve().parents[2] / "templates")
SUFFIXES = (".docx", ".xlsx")  # what a template file is
# Filled in by the renderer, not by a document module.
RENDERER_VARIABLES = {"versionstekst", "stempler"}


def folder_for(name: str, user_dir: Path | None) -> Path:
    """The folder holding the template ``name``: the user's, else docgen's.
    Something at that name in the user's folder that is not a file (a
    named pipe, a folder, a dangling link) is refused, never passed over in
    silence for docgen's own."""
    if user_dir is None or not os.path.lexists(user_dir / name):
        return BUILT_IN
    try:
        info = os.stat(user_dir / name)
    except FileNotFoundError:  # a link to nothing
        raise RenderError(_dangling(name, user_dir)) from None
    except OSError as exc:
        raise RenderError(f"skabelonen {name} i {user_dir} kan ikke læses: {os_reason(exc)}") from None
    if not stat.S_ISREG(info.st_mode):
        raise RenderError(_not_a_file(name, user_dir))
    return user_dir


def _dangling(name: str, folder: Path) -> str:
    return (f"skabelonen {name} i {folder} er en genvej (et link) til en fil, der ikke findes. Læg skabelonen "
            f"selv i mappen, eller fjern {name}, så bruger docgen sin egen")


def _not_a_file(name: str, folder: Path) -> str:
    return (f"skabelonen {name} i {folder} er ikke en almindelig fil (fx en named pipe eller en mappe), så "
            f"docgen kan ikke bruge den. Læg en Word- eller Excel-skabelon der, eller fjern {name}, så bruger "
            "docgen sin egen")


# A template is a zip file; before a library unpacks one, its declared
# sizes are checked (zipfile never unpacks more than an entry declares).
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 5_000
_MAIN_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}


@lru_cache(maxsize=None)
def template_bytes(path: Path) -> bytes:
    """A template file's bytes, read once per process (the delaftale
    template is used four times in a build); RenderError when it is not
    a Word or Excel file docgen can safely open."""
    data = _read_regular(path)
    # docgen's own templates are made by its scripts and checked by its
    # tests: their parts are not read through once more on every build
    problem = package_problem(path.name, data, parts=path.parent != BUILT_IN)
    if problem:
        raise RenderError(f"skabelonen {path.name} kan ikke bruges: {problem}")
    return data


def _read_regular(path: Path) -> bytes:
    """The bytes of the template file; RenderError when it is not a regular
    file (opened without blocking, so a named pipe never hangs docgen; the
    type is checked on the open file) or too large to be a template."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        if os.path.lexists(path):
            raise RenderError(_dangling(path.name, path.parent)) from None
        raise
    except IsADirectoryError:
        raise RenderError(_not_a_file(path.name, path.parent)) from None
    except OSError as exc:
        raise RenderError(f"skabelonen {path.name} kan ikke læses: {os_reason(exc)}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RenderError(_not_a_file(path.name, path.parent))
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise RenderError(f"skabelonen {path.name} er for stor ({info.st_size // 2**20} MB) til at være en skabelon")
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as exc:
        raise RenderError(f"skabelonen {path.name} kan ikke læses: {os_reason(exc)}") from None
    finally:
        os.close(fd)


# A document type declaration is where XML's entities are declared: the
# "billion laughs" (entities of entities, a few hundred bytes that unpack
# to gigabytes) and references to files outside.  Word and Excel never
# write one.
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY")

# Word and Excel store their parts deflated or stored; any other method
# (bzip2, lzma) is refused: Python unpacks those without a bound.
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_CHUNK = 64 * 1024


class TooLarge(Exception):
    """A part inflates beyond what may be read."""


def read_bounded(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, limit: int, keep: bool = True) -> bytes:
    """A part's bytes, inflated a chunk at a time: the bound is the bytes
    actually inflated, never the size the zip header claims (zipfile's
    own read() inflates up to 1 GB in one step before it cuts to the
    declared size).  TooLarge beyond ``limit``; zipfile's errors for a
    stream that does not match its header."""
    if entry.compress_type not in _METHODS:
        raise NotImplementedError(entry.compress_type)
    if entry.file_size > limit:
        raise TooLarge(entry.filename)
    out = bytearray()
    size = 0
    with archive.open(entry) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise TooLarge(entry.filename)
            if keep:
                out += chunk
    return bytes(out)


def package_problem(name: str, data: bytes, parts: bool = True) -> str | None:
    """What makes ``data`` no Word/Excel package docgen opens, or None:
    every check of a template's package is here.  ``parts``: also read each
    XML part for a document type declaration."""
    kind = "Word-dokument" if name.endswith(".docx") else "Excel-regneark"
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return f"filen er ikke et {kind} (den er ikke en zip-fil, som .docx- og .xlsx-filer er)"
    names = {e.filename for e in entries}
    if "[Content_Types].xml" not in names:
        return f"filen er ikke et {kind}: [Content_Types].xml mangler"
    main = _MAIN_PART.get(Path(name).suffix)
    if main and main not in names:
        return f"filen er ikke et {kind}: {main} mangler"
    if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
        return f"filen fylder udpakket over {MAX_UNPACKED_BYTES // 2**20} MB (en \"zip-bombe\"?); en rigtig Word- eller Excel-fil af den slags er langt mindre"
    if any(e.compress_type not in _METHODS for e in entries):
        return f"filen er pakket på en måde, Word og Excel aldrig bruger; filen er ikke et {kind}, docgen kan åbne"
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        return "filen indeholder makroer (VBA); docgen åbner ikke filer med makroer. Gem den som almindelig .docx/.xlsx"
    # every part is unpacked once here, a chunk at a time, so a stream that
    # inflates beyond its header (or does not match its checksum) is refused
    # before a library (openpyxl reads pictures with zipfile's read()) opens it
    for entry in entries if parts else ():
        xml = entry.filename.endswith((".xml", ".rels"))
        try:
            part = read_bounded(archive, entry, MAX_UNPACKED_BYTES, keep=xml)
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError, NotImplementedError,
                TooLarge, zlib.error):
            return f"delen {entry.filename} kan ikke pakkes ud; filen er ikke et {kind}, docgen kan åbne"
        if xml and _DTD.search(part):
            return (f"delen {entry.filename} erklærer egne XML-entiteter (<!DOCTYPE>/<!ENTITY>), som Word og "
                    "Excel aldrig skriver; de kan få en lille fil til at fylde gigabytes (\"billion laughs\"). "
                    "Gem filen igen i Word eller Excel")
    return None


def built_in_names() -> list[str]:
    """The file names of docgen's own templates."""
    return sorted(p.name for p in BUILT_IN.iterdir() if p.suffix in SUFFIXES)


def check_user_dir(user_dir: Path) -> None:
    if not user_dir.is_dir():
        raise DocgenError(f"skabelonmappen {user_dir} findes ikke")
