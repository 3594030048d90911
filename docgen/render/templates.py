"""Which template a document uses, and whether a template file is safe
to open.

`docgen build --templates DIR` takes a template from DIR when DIR has one
of that name and docgen's own otherwise.  Every template is read through
template_bytes, which checks the package (zip, size, parts) before any
library unpacks it.  Checking a user's own templates against docgen's is
docgen.own_templates's concern, above this stage.
"""
from __future__ import annotations

import zipfile
from functools import lru_cache
from importlib.util import find_spec
from io import BytesIO
from pathlib import Path

from ..errors import DocgenError, RenderError

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
    """The folder holding the template ``name``: the user's, else docgen's."""
    if user_dir is not None and (user_dir / name).is_file():
        return user_dir
    return BUILT_IN


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
    if path.is_file() and path.stat().st_size > MAX_TEMPLATE_BYTES:
        raise RenderError(f"skabelonen {path.name} er for stor ({path.stat().st_size // 2**20} MB) til at være en skabelon")
    data = path.read_bytes()
    problem = package_problem(path.name, data)
    if problem:
        raise RenderError(f"skabelonen {path.name} kan ikke bruges: {problem}")
    return data


def package_problem(name: str, data: bytes) -> str | None:
    """What makes ``data`` no Word/Excel package docgen opens, or None."""
    kind = "Word-dokument" if name.endswith(".docx") else "Excel-regneark"
    try:
        entries = zipfile.ZipFile(BytesIO(data)).infolist()
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
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        return "filen indeholder makroer (VBA); docgen åbner ikke filer med makroer. Gem den som almindelig .docx/.xlsx"
    archive = zipfile.ZipFile(BytesIO(data))
    for entry in entries:
        if entry.filename.endswith((".xml", ".rels")):
            try:
                head = archive.read(entry.filename)
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
                return f"filen er beskadiget: delen {entry.filename} kan ikke pakkes ud"
            # an XML part never needs a DTD: entities could expand a
            # billion-fold ("billion laughs") or fetch files from outside
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                return (f"delen {entry.filename} har en DOCTYPE/ENTITY-erklæring, som Word og Excel aldrig skriver "
                        "(den kunne fylde hukommelsen eller hente filer udefra); filen åbnes ikke")
    return None


def built_in_names() -> list[str]:
    """The file names of docgen's own templates."""
    return sorted(p.name for p in BUILT_IN.iterdir() if p.suffix in SUFFIXES)


def check_user_dir(user_dir: Path) -> None:
    if not user_dir.is_dir():
        raise DocgenError(f"skabelonmappen {user_dir} findes ikke")
