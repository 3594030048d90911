"""`docgen templates check DIR`: a user's own templates against docgen's.

Each of DIR's templates is compared with what docgen provides: a variable
the template uses that docgen does not provide is an error (the build would
stop on it); a variable docgen's own template shows that DIR's leaves out
is a warning (that content would be missing from the document).  A
template without such errors is then rendered with a sample agreement,
exactly as build renders it, so check refuses what build would refuse.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import DocgenError, RenderError
from ..render.templates import BUILT_IN, RENDERER_VARIABLES, SUFFIXES, check_user_dir, template_bytes


@lru_cache(maxsize=1)
def _samples() -> dict:
    """{template name: the first document using it}, from a sample agreement."""
    from ..documents import all_documents
    from ..source.skeleton import sample_agreement

    samples: dict = {}
    for document in all_documents(sample_agreement()):
        samples.setdefault(document.template, document)
    return samples


def _docx_variables(path: Path) -> set[str]:
    from io import BytesIO

    from jinja2 import TemplateSyntaxError

    from ..render.docx import DroppedText, environment, template_class

    try:
        # read as build reads it (the package checked, text docxtpl would
        # drop refused) and parsed by build's sandboxed environment: a
        # plain one would fold '10 ** 10 ** 10' while parsing and never finish
        template = template_class()(BytesIO(template_bytes(path)))
        return set(template.get_undeclared_template_variables(environment()))
    except DroppedText as exc:
        raise DocgenError(f"skabelonen {path.name} kan ikke bruges: {exc}") from None
    except RenderError as exc:
        raise DocgenError(str(exc)) from None
    except TemplateSyntaxError as exc:
        raise DocgenError(f"{path.name}: Jinja-syntaksfejl i linje {exc.lineno}: {exc.message}") from None
    except Exception as exc:  # noqa: BLE001 - a file Word cannot have made
        raise DocgenError(f"{path.name} kan ikke læses som Word-skabelon: {exc}") from None


def _xlsx_problems(path: Path, built_in: Path) -> tuple[list[str], list[str]]:
    """(errors, warnings): a missing sheet or style is an error, unless
    docgen has a stand-in for it (a template made before it existed)."""
    from io import BytesIO

    from openpyxl import load_workbook

    from ..render.xlsx import OPTIONAL_SHEETS, STYLE_FALLBACK

    try:
        mine, theirs = load_workbook(BytesIO(template_bytes(path))), load_workbook(BytesIO(template_bytes(built_in)))
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
    from ..render.batch import RENDERERS

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
