"""Details a careful reader checks across all the built documents: phone
numbers in Danish groups, one dash in every footer, one order of the
housing organisations (the agreement file's)."""
from __future__ import annotations

import re
from pathlib import Path

from openpyxl import load_workbook

from docx import Document
from docx_text import paragraphs


def _docx_footers(path: Path) -> list[str]:
    doc = Document(str(path))
    return [p.text for section in doc.sections for p in section.footer.paragraphs if p.text.strip()]


def _workbook_texts(path: Path) -> list[str]:
    workbook = load_workbook(path)
    return [cell.value for ws in workbook for row in ws.iter_rows() for cell in row if isinstance(cell.value, str)]


def _all_texts(folder: Path) -> dict[str, str]:
    texts = {p.name: "\n".join(paragraphs(p)) for p in sorted(folder.glob("*.docx"))}
    texts.update({p.name: "\n".join(_workbook_texts(p)) for p in sorted(folder.glob("*.xlsx"))})
    return texts


def test_phone_numbers_are_printed_in_groups_of_two(built, shipped):
    phones = {c for party in shipped.parties for c in (party.phone, party.contact.phone if party.contact else None)
              if c and re.fullmatch(r"\d{8}", c)}
    assert len(phones) > 5  # the example gives many
    texts = _all_texts(built)
    printed = set()
    for name, text in texts.items():
        for number in phones:
            assert number not in text, f"{name}: {number} står ugrupperet"
            if " ".join(number[i:i + 2] for i in range(0, 8, 2)) in text:
                printed.add(number)
    # every phone of a party in a delaftale's list or the contingency plan's contact list is printed
    assert printed == phones


def test_every_footer_has_the_same_dash(built):
    footers = {p.name: _docx_footers(p) for p in built.glob("*.docx")}
    for path in built.glob("*.xlsx"):
        workbook = load_workbook(path)
        footers[path.name] = [ws.oddFooter.left.text for ws in workbook if ws.oddFooter.left.text]
    assert len(footers) == 10 and all(footers.values())
    for name, texts in footers.items():
        # the document's name and the area's, parted by the en dash ("Budget – Husum-Tingbjerg")
        assert any(" – " in text for text in texts), f"{name}: {texts!r}"
        assert not any(" - " in text for text in texts), f"{name}: {texts!r}"


def test_the_housing_organisations_are_named_in_the_files_order_everywhere(built, shipped):
    owners = {d.organisation for d in shipped.area.departments}
    order = [p.name for p in shipped.parties if p.id in owners]
    assert len(order) == 3  # fsb, AAB, SAB/KAB
    name = "|".join(re.escape(n) for n in sorted(order, key=len, reverse=True))
    # two or more of them in a row, parted by ", " or " og "
    listing = re.compile(rf"(?<![\w/])(?:{name})(?:(?:, | og )(?:{name}))+(?![\w/])")
    seen = 0
    for document, text in _all_texts(built).items():
        for match in listing.finditer(text):
            names = re.split(r", | og ", match.group(0))
            assert names == sorted(names, key=order.index), f"{document}: «{match.group(0)}»"
            seen += 1
    assert seen >= 3  # the strategic agreement, the beredskabsplan and the indberetningsskema list them
