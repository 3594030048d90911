"""Make a rendered .docx/.xlsx reproducible: the same agreement gives the
same bytes, a second later, on another day or on another machine.

python-docx and openpyxl stamp the zip entries and docProps/core.xml with
the time of saving; here every entry gets the same fixed time and the same
attributes, and the core properties' created/modified/revision come from
the agreement (its latest revision) or from SOURCE_DATE_EPOCH when set.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from xml.sax.saxutils import escape
from io import BytesIO

from ..source.guard import LAST_YEAR
from ..source.load import printable

ZIP_EPOCH = dt.datetime(1980, 1, 1)  # the earliest time a zip entry can carry
# zlib level 1: about three times faster than the default 6, files a little larger.
COMPRESS_LEVEL = 1


def build_time(revision_date: dt.date, environ: dict[str, str] = os.environ) -> dt.datetime:
    """SOURCE_DATE_EPOCH (seconds since 1970, UTC) when set, else midnight
    of the agreement's revision date."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            # a run of digits int() would refuse to read is far beyond 2107 too
            seconds = 10**20 if re.fullmatch(r"\+?\d{21,}", epoch) else int(epoch)
        except ValueError:
            raise ValueError(
                f"SOURCE_DATE_EPOCH skal være et helt antal sekunder siden 1970, ikke '{printable(epoch[:40])}'"
            ) from None
        try:
            when = dt.datetime.fromtimestamp(seconds, dt.timezone.utc).replace(tzinfo=None)
        except (OverflowError, OSError, ValueError):  # beyond what datetime holds either way
            when = dt.datetime.max if seconds > 0 else ZIP_EPOCH
        if when.year > LAST_YEAR:
            raise ValueError(
                f"SOURCE_DATE_EPOCH ligger efter {LAST_YEAR}, men Word- og Excel-filer kan kun rumme årstal "
                f"til og med {LAST_YEAR}. Angiv et tidspunkt før {LAST_YEAR + 1}, eller fjern SOURCE_DATE_EPOCH"
            )
    else:
        when = dt.datetime.combine(revision_date, dt.time())
    return max(when, ZIP_EPOCH)


def _core(xml: str, when: dt.datetime, revision: int) -> str:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    for element in ("dcterms:created", "dcterms:modified"):
        xml = re.sub(rf"(<{element}\b[^>]*>)[^<]*(</{element}>)", rf"\g<1>{stamp}\g<2>", xml)
    if "<cp:revision>" in xml:
        xml = re.sub(r"<cp:revision>[^<]*</cp:revision>", f"<cp:revision>{revision}</cp:revision>", xml)
    else:
        xml = xml.replace("</cp:coreProperties>", f"<cp:revision>{revision}</cp:revision></cp:coreProperties>")
    return xml


CUSTOM = "docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"


def _custom_xml(properties: dict[str, str]) -> bytes:
    items = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{n}" name="{escape(name)}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for n, (name, value) in enumerate(sorted(properties.items()), start=2)
    )
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{items}</Properties>'
            ).encode("utf-8")


def reproducible(package: bytes, when: dt.datetime, revision: int, properties: dict[str, str] | None = None) -> bytes:
    """The package re-zipped with fixed entry times and attributes and
    fixed core properties; entries keep their order.  ``properties``
    become the package's custom document properties (Word: Filer ›
    Egenskaber › Brugerdefineret), which Word and LibreOffice keep."""
    source = zipfile.ZipFile(BytesIO(package))
    names = source.namelist()
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        def put(name: str, data: bytes) -> None:
            entry = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            target.writestr(entry, data, compresslevel=COMPRESS_LEVEL)

        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _core(data.decode("utf-8"), when, max(revision, 1)).encode("utf-8")
            elif properties and info.filename == "[Content_Types].xml" and CUSTOM not in names:
                data = data.replace(b"</Types>", f'<Override PartName="/{CUSTOM}" ContentType="{_CUSTOM_TYPE}"/></Types>'
                                    .encode("utf-8"))
            elif properties and info.filename == "_rels/.rels" and CUSTOM not in names:
                data = data.replace(b"</Relationships>", f'<Relationship Id="rIdDocgenCustom" Type="{_CUSTOM_REL}" '
                                    f'Target="{CUSTOM}"/></Relationships>'.encode("utf-8"))
            elif properties and info.filename == CUSTOM:
                data = _custom_xml(properties)
            put(info.filename, data)
        if properties and CUSTOM not in names:
            put(CUSTOM, _custom_xml(properties))
    return out.getvalue()
