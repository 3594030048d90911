"""Which template a document uses, and checking a user's own templates.

`docgen build --templates DIR` takes a template from DIR when DIR has one
of that name and docgen's own otherwise.  `docgen templates check DIR`
compares each of DIR's templates with what docgen provides: a variable the
template uses that docgen does not provide is an error (the build would
stop on it); a variable docgen's own template shows that DIR's leaves out
is a warning (that content would be missing from the document).  A
template without such errors is then rendered with a sample agreement,
exactly as build renders it, so check refuses what build would refuse.
"""
from __future__ import annotations

import zipfile
from functools import lru_cache
from importlib.util import find_spec
from io import BytesIO
from pathlib import Path

from .errors import DocgenError, RenderError

# docgen's own templates: templates/ in the source tree, installed as the
# package docgen.builtin_templates (see pyproject.toml) and found without
# importing it.  An editable install made before that package existed does
# not know it; there the source tree's folder is used.
_SPEC = find_spec("docgen.builtin_templates")
BUILT_IN = (Path(_SPEC.submodule_search_locations[0]) if _SPEC and _SPEC.submodule_search_locations
            else Path(__file__).resolve().parent.parent / "templates")
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
        return f"filen fylder udpakket over {MAX_UNPACKED_BYTES // 2**20} MB (en \"zip-bombe\"?); en skabelon er langt mindre"
    return None


def built_in_names() -> list[str]:
    """The file names of docgen's own templates."""
    return sorted(p.name for p in BUILT_IN.iterdir() if p.suffix in SUFFIXES)


def copy_built_in(target: Path, names: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """Copy docgen's own templates (all, or those ``names``) into
    ``target``, making it if needed.  A file already in ``target`` is never
    overwritten.  Returns (copied, kept) file names."""
    known = built_in_names()
    unknown = [n for n in names if n not in known]
    if unknown:
        raise DocgenError(f"docgen har ingen skabelon, der hedder {', '.join(unknown)}. Den har: {', '.join(known)}")
    if target.exists() and not target.is_dir():
        raise DocgenError(f"{target} findes og er ikke en mappe")
    copied, kept = [], []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name in dict.fromkeys(names) or known:
            if (target / name).exists():
                kept.append(name)
                continue
            (target / name).write_bytes((BUILT_IN / name).read_bytes())
            copied.append(name)
    except OSError as exc:
        raise DocgenError(f"kan ikke skrive i {target}: {exc.strerror}") from None
    return copied, kept


def check_user_dir(user_dir: Path) -> None:
    if not user_dir.is_dir():
        raise DocgenError(f"skabelonmappen {user_dir} findes ikke")


@lru_cache(maxsize=1)
def _samples() -> dict:
    """{template name: the first document using it}, from a sample agreement."""
    from .documents import all_documents
    from .skeleton import sample_agreement

    samples: dict = {}
    for document in all_documents(sample_agreement()):
        samples.setdefault(document.template, document)
    return samples


def _docx_variables(path: Path) -> set[str]:
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError

    from .render.docx import environment

    try:
        # parsed by build's sandboxed environment: a plain one would fold
        # '10 ** 10 ** 10' while parsing and never finish
        return set(DocxTemplate(str(path)).get_undeclared_template_variables(environment()))
    except TemplateSyntaxError as exc:
        raise DocgenError(f"{path.name}: Jinja-syntaksfejl i linje {exc.lineno}: {exc.message}") from None
    except Exception as exc:  # noqa: BLE001 - a file Word cannot have made
        raise DocgenError(f"{path.name} kan ikke læses som Word-skabelon: {exc}") from None


def _xlsx_problems(path: Path, built_in: Path) -> tuple[list[str], list[str]]:
    """(errors, warnings): a missing sheet or style is an error, unless
    docgen has a stand-in for it (a template made before it existed)."""
    from openpyxl import load_workbook

    from .render.xlsx import OPTIONAL_SHEETS, STYLE_FALLBACK

    try:
        mine, theirs = load_workbook(path), load_workbook(built_in)
    except Exception as exc:  # noqa: BLE001
        return [f"{path.name} kan ikke læses som Excel-skabelon: {exc}"], []
    errors, warnings = [], []
    for name in theirs.sheetnames:
        if name in mine.sheetnames:
            continue
        if name in OPTIONAL_SHEETS:
            warnings.append(f"{path.name}: arket '{name}' mangler; docgen laver det med standardopsætning")
        else:
            errors.append(f"{path.name}: arket '{name}' mangler")
    styles = {s.name for s in mine._named_styles}
    for s in theirs._named_styles:
        if not s.name.startswith("docgen ") or s.name in styles:
            continue
        if STYLE_FALLBACK.get(s.name) in styles:
            warnings.append(f"{path.name}: typografien '{s.name}' mangler; docgen bruger '{STYLE_FALLBACK[s.name]}'")
        else:
            errors.append(f"{path.name}: typografien '{s.name}' mangler")
    return errors, warnings


def check(user_dir: Path) -> tuple[list[str], list[str]]:
    """(errors, warnings) for every template in ``user_dir``.  A template
    whose variables are all known is then rendered the way build renders
    it, with a sample agreement: whatever build would refuse, check does."""
    from .render.batch import RENDERERS

    check_user_dir(user_dir)
    errors: list[str] = []
    warnings: list[str] = []
    samples = _samples()
    for path in sorted(user_dir.iterdir()):
        if path.name.startswith((".", "~$")) or path.suffix not in SUFFIXES:
            continue
        if path.name not in samples:
            warnings.append(f"{path.name} bruges ikke: docgen kender skabelonerne {', '.join(sorted(samples))}")
            continue
        try:
            template_bytes(path)
        except RenderError as exc:
            errors.append(str(exc))
            continue
        if path.suffix == ".xlsx":
            found, xlsx_warnings = _xlsx_problems(path, BUILT_IN / path.name)
            warnings += xlsx_warnings
        else:
            found, docx_warnings = _docx_problems(path, samples[path.name].context)
            warnings += docx_warnings
        if not found:
            try:
                RENDERERS[path.suffix].render(samples[path.name], user_dir)
            except RenderError as exc:
                found = [str(exc)]
        errors += found
    return errors, warnings


def _docx_problems(path: Path, provided: dict) -> tuple[list[str], list[str]]:
    """(errors, warnings): a variable docgen does not have is an error,
    one docgen's own template shows and this one leaves out a warning."""
    try:
        used = _docx_variables(path)
    except DocgenError as exc:
        return [str(exc)], []
    available = set(provided) | RENDERER_VARIABLES
    errors = [f"{path.name} bruger '{name}', som docgen ikke har. Se docs/skabeloner.md"
              for name in sorted(used - available)]
    warnings = [f"{path.name} bruger ikke '{name}', som docgens egen skabelon viser"
                for name in sorted(_docx_variables(BUILT_IN / path.name) - used)]
    return errors, warnings
