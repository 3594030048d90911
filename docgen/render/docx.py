"""Render a Word document with docxtpl.

Autoescape is on (a '&' or '<' in the agreement cannot corrupt the file)
and undefined variables are errors (a missing value is never a silent
blank).  Templates render in Jinja's sandbox.
"""
from __future__ import annotations

import re
import signal
import threading
import zipfile
from contextlib import contextmanager
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, Template, TemplateError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from lxml.etree import XMLSyntaxError
from markupsafe import Markup, escape

from ..documents.base import Document, Md, OrgChart
from ..errors import RenderError
from ..figures.formatting import danish_number
from .templates import template_bytes
from . import keep, markdown, orgchart, widths

ORG_CHART_WIDTH_MM = 160  # at most the text width of an A4 page


def _blank_none(value: Any) -> Any:
    """An empty optional value prints as nothing, never as 'None'; a text
    keeps '{_{' and kin (see ``_literal_braces``)."""
    if value is None:
        return ""
    if isinstance(value, str) and ("{_" in value or "_}" in value):
        return Markup(_literal_braces(str(escape(value))))
    return value


def _literal_braces(xml: str) -> str:
    """XML text in which '{_{', '}_}', '{_%' and '%_}' survive docxtpl:
    after rendering it turns them into '{{', '}}', '{%', '%}' (its escape
    for tags in a template).  A brace written as a character reference is
    the same text to Word, and not what docxtpl looks for."""
    return xml.replace("{_", "&#123;_").replace("_}", "_&#125;")


# What a template may take to render one part, and how much text it may
# make: a real document takes well under a second and a few MB; a loop in
# a loop in a custom template could otherwise run or grow without end.
RENDER_SECONDS = 30
MAX_OUTPUT = 50_000_000  # characters of XML in one part


class _TooSlow(BaseException):
    """Raised by the alarm; a BaseException, so no library's ``except
    Exception`` swallows it."""


class _BoundedTemplate(Template):
    """A Jinja template whose output stops with an error past MAX_OUTPUT."""

    def render(self, *args, **kwargs) -> str:
        ctx = self.new_context(dict(*args, **kwargs))
        try:
            return self.environment.concat(_bounded(self.root_render_func(ctx)))
        except Exception:
            self.environment.handle_exception()


def _bounded(parts):
    size = 0
    for part in parts:
        size += len(part)
        if size > MAX_OUTPUT:
            raise SecurityError(f"skabelonen laver mere end {danish_number(MAX_OUTPUT)} tegn tekst")
        yield part


@contextmanager
def _time_limit():
    """_TooSlow after RENDER_SECONDS, where an alarm can be had (the main
    thread of a process on Linux and macOS); elsewhere no limit."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, RENDER_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _Environment(SandboxedEnvironment):
    """docgen's Jinja environment.  docxtpl compiles every XML part of a
    template each time it renders; the same part (the delaftale used four
    times, the footers) is compiled once here."""

    # '**' and '*' are checked when a template runs (and so never folded
    # when it compiles): 10**10**10 or 'x' * 10**10 would take all the
    # time and memory there is.
    intercepted_binops = frozenset({"**", "*"})
    template_class = _BoundedTemplate

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined, finalize=_blank_none)
        self._compiled: dict[str, Any] = {}
        self.globals.pop("lipsum", None)  # lipsum(10**9) writes text without end

    def call_binop(self, context, operator, left, right):  # noqa: D401 - Jinja's hook
        if operator == "**" and _number(left) and _number(right) and abs(right) > 64 and abs(left) > 1:
            raise SecurityError(f"{left} ** {right} er et for stort tal")
        if operator == "*":
            size = _size(left) * _number_or(right) if _size(left) else _size(right) * _number_or(left)
            if size > MAX_REPEAT:
                raise SecurityError("en tekst eller liste gentaget så mange gange bliver for stor")
        return super().call_binop(context, operator, left, right)

    def get_template(self, *args, **kwargs):  # noqa: D401 - Jinja's hook for include, import and extends
        raise SecurityError("skabeloner må ikke bruge include, import eller extends; alt skal stå i skabelonen selv")

    select_template = get_or_select_template = get_template

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 - Jinja's signature
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            self._compiled[source] = super().from_string(source)
        return self._compiled[source]


MAX_REPEAT = 1_000_000  # characters or items a template may make with '*'


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _number_or(value: Any) -> int:
    return abs(int(value)) if isinstance(value, int) and not isinstance(value, bool) else 0


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 0


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    return _Environment()


def _undefined_name(message: str) -> str:
    """Jinja's "'x' is undefined" / "'dict object' has no attribute 'x'" -> 'x'."""
    match = re.search(r"has no attribute '([^']*)'", message) or re.match(r"'([^']*)' is undefined", message)
    return match.group(1) if match else message


class DroppedText(RenderError):
    """Text in a template that docxtpl would leave out without a word."""


# docxtpl replaces the whole paragraph (table row, cell) holding a '{%p …%}'
# ('{{p …}}', '{#p …#}'; tr, tc) tag by the tag: any other text there is
# dropped.  Its own patterns, element by element; the element's text is
# read whole, so a tag Word split over several runs is found too.
_LEVELS = {"tr": "tabelrækken", "tc": "tabelcellen", "p": "afsnittet"}
_ELEMENT = {y: re.compile(rf"<w:{y}[ >](?:(?!<w:{y}[ >]).)*?</w:{y}>", re.DOTALL) for y in _LEVELS}
_LEVEL_TAG = {y: re.compile(rf"{{%{y} [^}}%]*%}}|{{{{{y} [^}}%]*}}}}|{{#{y} [^}}#]*#}}") for y in _LEVELS}
_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")


def dropped_text(xml: str) -> str | None:
    """What docxtpl would drop beside a paragraph-, row- or cell-level tag
    in one part's XML, said in Danish, or None."""
    if "{" not in xml:
        return None
    all_text = "".join(_TEXT.findall(xml))
    for y, where in _LEVELS.items():
        if not _LEVEL_TAG[y].search(all_text):
            continue
        for element in _ELEMENT[y].finditer(xml):
            text = "".join(_TEXT.findall(element.group(0)))
            tag = _LEVEL_TAG[y].search(text)
            if tag is None:
                continue
            rest = (text[:tag.start()] + text[tag.end():]).strip()
            if rest:
                return (f"{where} med mærket '{tag.group(0)}' har også anden tekst ('{rest[:60]}'). docxtpl "
                        f"erstatter hele {where} med mærket, så teksten "
                        "ville forsvinde uden et ord. Lad mærket stå alene, og flyt teksten til sit eget afsnit")
    return unclosed_tag(xml)


_OPENING = re.compile(r"\{\{|\{%|\{#")
_CLOSING = {"{{": "}}", "{%": "%}", "{#": "#}"}


def unclosed_tag(xml: str) -> str | None:
    """A field opened and not closed in its own paragraph ('{{ organ_navn '),
    as a Jinja syntax error with its line in Word's XML, or None.  docxtpl
    would join it with the paragraphs after it, up to the next '}}', and a
    '{%p … %}' paragraph among them would take it away without a word."""
    for element in _ELEMENT["p"].finditer(xml):
        text = "".join(_TEXT.findall(element.group(0)))
        for opening in _OPENING.finditer(text):
            if text.find(_CLOSING[opening.group(0)], opening.end()) < 0:
                line = xml.count("\n", 0, element.start()) + 1
                field = text[opening.start():].strip()
                return (f"Jinja-syntaksfejl i linje {line}: feltet '{field[:40]}' lukkes ikke i sit afsnit "
                        f"(der mangler '{_CLOSING[opening.group(0)]}'). Luk feltet, eller slet det")
    return None


class _Template(DocxTemplate):
    """docxtpl's template, cleaning a part's XML for Jinja once per build:
    the clean-up is a pure function of the XML, and the delaftale template
    and the footers come round several times.  Text docxtpl would drop
    beside a '{%p …%}' tag is refused (DroppedText)."""

    _cleaned: dict[str, str] = {}

    def patch_xml(self, src_xml: str) -> str:
        cleaned = self._cleaned.get(src_xml)
        if cleaned is None:
            problem = dropped_text(src_xml)
            if problem:
                raise DroppedText(problem)
            cleaned = self._cleaned[src_xml] = super().patch_xml(src_xml)
        return cleaned


def template_class() -> type[DocxTemplate]:
    """The template class build renders with (for templates check)."""
    return _Template


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
        # '{_{ x }_}' is text, not '_' emphasis around '{ x }'
        text = value.text.replace("{_", "{\\_").replace("_}", "\\_}") if "_" in value.text else value.text
        link = template.build_url_id  # a link's external relationship, in the document's main part
        rendered = (markdown.render_inline(text, link) if value.inline
                    else markdown.render(text, table=value.table, link=link))
        rendered.xml = _literal_braces(rendered.xml)
        # a text docgen import traces carries its field's mark (source/trace.py):
        # put it around what the text became, as runs or paragraphs of their own
        mark = getattr(value.text, "source_mark", None)
        if mark is not None:
            opening, closing = (f'<w:r><w:t xml:space="preserve">{m}</w:t></w:r>' for m in (mark.open, mark.close))
            if value.inline:
                rendered.xml = opening + rendered.xml + closing
            else:
                rendered.xml = f"<w:p>{opening}</w:p>{rendered.xml}<w:p>{closing}</w:p>"
        return rendered
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
    """The finished .docx as bytes.  Whatever a template makes go wrong is
    a RenderError naming it, a plain message that crosses from a render
    process (lxml's errors carry a log that cannot)."""
    path = template_dir / document.template
    try:
        return _render(document, path)
    except RenderError:
        raise
    except (XMLSyntaxError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise RenderError(f"skabelonen {path.name} kan ikke læses som Word-skabelon: {type(exc).__name__}: {exc}") from None
    except (ArithmeticError, TypeError, MemoryError, RecursionError) as exc:
        raise RenderError(
            f"skabelonen {path.name} kan ikke bruges: den regner eller gentager noget, der ikke kan lade sig gøre "
            f"({type(exc).__name__}: {str(exc)[:200]})"
        ) from None


_LINK_STYLE_XML = (
    '<w:style xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:type="character" '
    f'w:styleId="{markdown.LINK_STYLE}"><w:name w:val="Hyperlink"/>{{based_on}}<w:uiPriority w:val="99"/>'
    '<w:unhideWhenUsed/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>'
)


def _ensure_link_style(document) -> None:
    """Word's Hyperlink character style (blue, underlined), added to a
    document with a link whose template lacks it, so a link looks like one
    in Word and LibreOffice alike."""
    body = document.element.body
    if body.find(".//" + qn("w:hyperlink")) is None:
        return
    styles = document.styles.element
    ids = {s.get(qn("w:styleId")) for s in styles.iterchildren(qn("w:style"))}
    if markdown.LINK_STYLE in ids:
        return
    based_on = '<w:basedOn w:val="DefaultParagraphFont"/>' if "DefaultParagraphFont" in ids else ""
    styles.append(parse_xml(_LINK_STYLE_XML.format(based_on=based_on)))


def _render(document: Document, path: Path) -> bytes:
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
        with _time_limit():
            template.render(context, environment(), autoescape=True)
    except _TooSlow:
        raise RenderError(
            f"skabelonen {path.name} blev ikke færdig på {RENDER_SECONDS} sekunder: den gentager noget for "
            "mange gange (fx en løkke i en løkke). Ret skabelonen"
        ) from None
    except DroppedText as exc:
        raise RenderError(f"skabelonen {path.name} kan ikke bruges: {exc}") from None
    except UndefinedError as exc:
        raise RenderError(
            f"skabelonen {path.name} bruger en værdi, docgen ikke har: '{_undefined_name(exc.message or '')}'. "
            "Se docs/skabeloner.md for de værdier, docgen har"
        ) from None
    except TemplateError as exc:
        raise RenderError(f"skabelonen {path.name} kan ikke bruges: {str(exc)[:300]}") from None
    widths.fit_tables(template.docx.element.body, template.docx.styles.element)
    keep.keep_headings_with_text(template.docx.element.body, template.docx.styles.element)
    keep.keep_bold_leads_with_text(template.docx.element.body)
    keep.keep_headings_with_two_lines(template.docx.element.body, template.docx.styles.element)
    keep.release_long_groups(template.docx.element.body, template.docx.styles.element)
    keep.shrink_trailing_paragraph(template.docx.element.body)
    keep.header_rows_may_split(template.docx.element.body)
    _ensure_link_style(template.docx)
    template.core_properties.title = document.title
    template.core_properties.comments = ""
    out = BytesIO()
    template.save(out)
    return out.getvalue()
