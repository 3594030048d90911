"""Render a Word document with docxtpl.

Autoescape is on (a '&' or '<' in the agreement cannot corrupt the file)
and undefined variables are errors (a missing value is never a silent
blank).  Templates render in Jinja's sandbox.
"""
from __future__ import annotations

import re
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from ..documents.base import Document, Md, OrgChart
from ..errors import RenderError
from ..templates import template_bytes
from . import markdown, orgchart, widths

ORG_CHART_WIDTH_MM = 160  # at most the text width of an A4 page


def _blank_none(value: Any) -> Any:
    """An empty optional value prints as nothing, never as 'None'."""
    return "" if value is None else value


class _Environment(SandboxedEnvironment):
    """docgen's Jinja environment.  docxtpl compiles every XML part of a
    template each time it renders; the same part (the delaftale used four
    times, the footers) is compiled once here."""

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined, finalize=_blank_none)
        self._compiled: dict[str, Any] = {}

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 - Jinja's signature
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            self._compiled[source] = super().from_string(source)
        return self._compiled[source]


@lru_cache(maxsize=1)
def _environment() -> SandboxedEnvironment:
    return _Environment()


def _undefined_name(message: str) -> str:
    """Jinja's "'x' is undefined" / "'dict object' has no attribute 'x'" -> 'x'."""
    match = re.search(r"has no attribute '([^']*)'", message) or re.match(r"'([^']*)' is undefined", message)
    return match.group(1) if match else message


class _Template(DocxTemplate):
    """docxtpl's template, cleaning a part's XML for Jinja once per build:
    the clean-up is a pure function of the XML, and the delaftale template
    and the footers come round several times."""

    _cleaned: dict[str, str] = {}

    def patch_xml(self, src_xml: str) -> str:
        cleaned = self._cleaned.get(src_xml)
        if cleaned is None:
            cleaned = self._cleaned[src_xml] = super().patch_xml(src_xml)
        return cleaned


class _DescribedImage(InlineImage):
    """docxtpl's inline picture with alternative text (Word's 'Alternativ
    tekst'), which screen readers read and which shows where a picture
    cannot."""

    def __init__(self, tpl, image_descriptor, width, description: str) -> None:
        super().__init__(tpl, image_descriptor, width=width)
        self.description = description

    def _insert_image(self) -> str:
        inline = self.tpl.current_rendering_part.new_pic_inline(self.image_descriptor, self.width, self.height)
        inline.docPr.set("descr", self.description)
        return ('</w:t></w:r><w:r><w:drawing>%s</w:drawing></w:r><w:r><w:t xml:space="preserve">' % inline.xml)


def prepare(value: Any, template: DocxTemplate) -> Any:
    """The context with every Md replaced by rendered Word runs/paragraphs
    and every OrgChart by its picture."""
    if isinstance(value, Md):
        if value.inline:
            return markdown.render_inline(value.text)
        return markdown.render(value.text, table=value.table)
    if isinstance(value, OrgChart):
        picture = orgchart.draw(list(value.boxes), list(value.links))
        width = min(ORG_CHART_WIDTH_MM, orgchart.natural_width_mm(picture))
        return _DescribedImage(template, BytesIO(picture), width=Mm(width), description=value.description())
    if isinstance(value, dict):
        return {k: prepare(v, template) for k, v in value.items()}
    if isinstance(value, list):
        return [prepare(v, template) for v in value]
    return value


def render(document: Document, template_dir: Path) -> bytes:
    """The finished .docx as bytes."""
    path = template_dir / document.template
    try:
        template = _Template(BytesIO(template_bytes(path)))
    except FileNotFoundError:
        raise RenderError(f"skabelonen {path} findes ikke") from None
    try:
        context = {
            **prepare(document.context, template),
            "versionstekst": document.version,
            "stempler": document.stamps,
        }
        template.render(context, _environment(), autoescape=True)
    except UndefinedError as exc:
        raise RenderError(
            f"skabelonen {path.name} bruger en værdi, docgen ikke har: '{_undefined_name(exc.message or '')}'. "
            "Se docs/skabeloner.md for de værdier, docgen har"
        ) from None
    except TemplateError as exc:
        raise RenderError(f"skabelonen {path.name} kan ikke bruges: {exc}") from None
    widths.fit_tables(template.docx.element.body, template.docx.styles.element)
    template.core_properties.title = document.title
    template.core_properties.comments = ""
    out = BytesIO()
    template.save(out)
    return out.getvalue()
