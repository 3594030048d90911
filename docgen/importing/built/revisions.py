"""A workbook's tracked changes (Excel's and LibreOffice Calc's track
changes), as `docgen import` lists them: who changed which cell.

Both write them into the package as xl/revisions/revisionHeaders.xml (one
header per save, with the author) and the revision logs it links to
(``rcc``: a cell changed, with its new value; ``rrc``: a row or column
inserted or deleted).  Measured with LibreOffice 7.4 through its API
(tests/office.py).
"""
from __future__ import annotations

from lxml import etree

from ..shared.package import Package, Refused
from ..shared.word import TrackedChange, parse_xml

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def tracked_cells(package: Package) -> list[TrackedChange]:
    """The workbook's tracked changes (xl/revisions/): who changed which cell."""
    headers = package.part("xl/revisions/revisionHeaders.xml")
    if not headers:
        return []
    try:
        root = parse_xml(headers)
        rels = package.part("xl/revisions/_rels/revisionHeaders.xml.rels")
        targets = {r.get("Id"): r.get("Target") for r in parse_xml(rels)} if rels else {}
        names = _sheet_names(package)
        out: list[TrackedChange] = []
        for header in root.iter(f"{_MAIN}header"):
            author, when = header.get("userName") or "ukendt", header.get("dateTime") or ""
            log = package.part("xl/revisions/" + (targets.get(header.get(f"{_REL}id")) or ""))
            entries = list(parse_xml(log)) if log else []
            for entry in entries:
                tag = etree.QName(entry).localname
                sheet = names.get(entry.get("sId"), "")
                if tag == "rcc":
                    new = entry.find(f"{_MAIN}nc")
                    cell = new.get("r") if new is not None else "?"
                    value = "".join(new.itertext()) if new is not None else ""
                    out.append(TrackedChange("ændret celle", author, when, f"{sheet}, celle {cell}: {value}"))
                elif tag == "rrc":
                    action = {"insertRow": "indsat række", "deleteRow": "slettet række", "insertCol": "indsat kolonne",
                              "deleteCol": "slettet kolonne"}.get(entry.get("action"), "ændret række")
                    out.append(TrackedChange(action, author, when, f"{sheet}, {entry.get('ref')}"))
                else:
                    out.append(TrackedChange("ændring", author, when, sheet))
        return out
    except etree.XMLSyntaxError as exc:
        raise Refused(f"filen er beskadiget: de sporede ændringer kan ikke læses ({str(exc)[:120]})") from None


def _sheet_names(package: Package) -> dict[str, str]:
    book = package.part("xl/workbook.xml")
    if not book:
        return {}
    return {s.get("sheetId"): s.get("name") for s in parse_xml(book).iter(f"{_MAIN}sheet")}
