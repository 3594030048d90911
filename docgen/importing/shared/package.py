"""Opening a document from outside safely.

A document to import is input from outside: before any XML is parsed, the
package passes the same checks as a custom template
(render.templates.package_problem: a zip with the parts Word or Excel
writes, no zip bomb, no macros, no DOCTYPE or entity declarations), and
the file itself may be at most MAX_DOCUMENT_BYTES.
"""
from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from functools import cached_property
from io import BytesIO
from pathlib import Path

from lxml import etree

from ...errors import os_reason
from ...render.templates import TooLarge, package_problem, read_bounded

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
MAX_PART_BYTES = 100 * 1024 * 1024
# libxml's own bound on how deep elements nest (without XML_PARSE_HUGE):
# a table in a table in a table … beyond it is refused, in Danish
MAX_DEPTH = 256
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


class Refused(Exception):
    """A document docgen will not import; the message says why, in Danish."""


def parse_xml(data: bytes) -> etree._Element:
    """lxml's tree of a part: entities never resolved, no network, libxml's
    bounds on size and depth kept."""
    return etree.fromstring(data, _PARSER)


def xml_problem(name: str, exc: Exception) -> str:
    """A part that does not parse, told in Danish (never libxml's English)."""
    text = str(exc)
    if "depth" in text.lower():
        return (f"delen {name} har tabeller, tekstbokse eller felter inden i hinanden i over {MAX_DEPTH} lag; "
                "så dybt bygger Word og docgen aldrig et dokument. Fjern de indlejrede tabeller, eller gem "
                "dokumentet igen i Word")
    line = getattr(exc, "lineno", None)
    where = f", linje {line}" if line else ""
    return f"filen er beskadiget: delen {name}{where} er ikke gyldig XML. Gem dokumentet igen i Word"


@dataclass
class Package:
    path: Path
    kind: str  # ".docx" or ".xlsx"
    data: bytes  # the file as checked: read once, never again from disk

    @cached_property
    def zip(self) -> zipfile.ZipFile:
        return zipfile.ZipFile(BytesIO(self.data))

    def part(self, name: str) -> bytes | None:
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            return None
        try:
            return read_bounded(self.zip, info, MAX_PART_BYTES)
        except TooLarge:
            raise Refused(f"delen {name} fylder udpakket over {MAX_PART_BYTES // 2**20} MB (en \"zip-bombe\"?); "
                          "et dokument fra Word eller docgen er langt mindre") from None
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError, NotImplementedError, zlib.error):
            raise Refused(f"delen {name} kan ikke pakkes ud; filen er beskadiget") from None

    def xml(self, name: str) -> etree._Element | None:
        """A part's XML tree, or None when the package has no such part;
        Refused in Danish when it does not parse."""
        data = self.part(name)
        if data is None:
            return None
        try:
            return parse_xml(data)
        except etree.XMLSyntaxError as exc:
            raise Refused(xml_problem(name, exc)) from None

    def custom_property(self, name: str) -> str | None:
        """A custom document property's text (docProps/custom.xml), or None."""
        custom = self.part("docProps/custom.xml")
        if not custom:
            return None
        try:
            properties = parse_xml(custom)
        except etree.XMLSyntaxError:
            return None  # unreadable properties: as if there were none
        for prop in properties:
            if prop.get("name") == name:
                return "".join(prop.itertext())
        return None

    def title(self) -> str:
        core = self.part("docProps/core.xml")
        if not core:
            return ""
        try:
            element = parse_xml(core).find("{http://purl.org/dc/elements/1.1/}title")
        except etree.XMLSyntaxError:
            return ""
        return (element.text or "").strip() if element is not None else ""


def open_package(path: Path) -> Package:
    kind = path.suffix.lower()
    if kind not in (".docx", ".xlsx"):
        hint = " (gem den som .docx eller .xlsx i Word eller Excel)" if kind in (".doc", ".xls", ".docm", ".xlsm", ".odt", ".ods") else ""
        raise Refused(f"docgen kan kun læse Word-dokumenter (.docx) og Excel-regneark (.xlsx){hint}")
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise Refused("det er ikke en almindelig fil")
        if size > MAX_DOCUMENT_BYTES:
            raise Refused(f"filen fylder over {MAX_DOCUMENT_BYTES // 2**20} MB; et dokument fra docgen er langt mindre")
        data = path.read_bytes()
    except FileNotFoundError:
        raise Refused("filen findes ikke") from None
    except IsADirectoryError:
        raise Refused("det er en mappe, ikke en fil") from None
    except PermissionError:
        raise Refused("docgen har ikke lov til at læse filen") from None
    except OSError as exc:
        raise Refused(f"filen kan ikke læses: {os_reason(exc)}") from None
    if not data:
        raise Refused("filen er tom")
    problem = package_problem(path.name if kind == path.suffix else path.stem + kind, data)
    if problem:
        raise Refused(problem)
    return Package(path, kind, data)
