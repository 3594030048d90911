"""Opening a document from outside safely.

A document to import is input from outside: before any XML is parsed, the
package passes the same checks as a custom template
(render.templates.package_problem: a zip with the parts Word or Excel
writes, no zip bomb, no macros, no DOCTYPE or entity declarations), and
the file itself may be at most MAX_DOCUMENT_BYTES.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from functools import cached_property
from io import BytesIO
from pathlib import Path

from lxml import etree

from ..render.templates import package_problem
from .word import parse_xml

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
MAX_PART_BYTES = 100 * 1024 * 1024


class Refused(Exception):
    """A document docgen will not import; the message says why, in Danish."""


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
        if info.file_size > MAX_PART_BYTES:
            raise Refused(f"delen {name} er over {MAX_PART_BYTES // 2**20} MB")
        return self.zip.read(name)

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
        raise Refused(f"filen kan ikke læses ({exc.strerror or exc})") from None
    if not data:
        raise Refused("filen er tom")
    problem = package_problem(path.name if kind == path.suffix else path.stem + kind, data)
    if problem:
        raise Refused(problem)
    return Package(path, kind, data)
