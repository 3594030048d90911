"""Word's numbering resolved as Word shows it (importing/shared/numbering.py):
directly on a paragraph or through its style (and the style it is based
on), switched off with numId 0, bullets, heading levels from the outline
level or the heading style's name."""
from __future__ import annotations

from lxml import etree

from docgen.importing.shared.numbering import Numbering

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W}"'

STYLES = f"""<w:styles {NS}>
  <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/>
    <w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Overskrift3"><w:name w:val="Overskrift 3"/></w:style>
  <w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/>
    <w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
</w:styles>"""

NUMBERING = f"""<w:numbering {NS}>
  <w:abstractNum w:abstractNumId="10">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="20">
    <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="30">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="30"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
</w:numbering>"""


def paragraph(ppr: str) -> etree._Element:
    return etree.fromstring(f"<w:p {NS}><w:pPr>{ppr}</w:pPr><w:r><w:t>x</w:t></w:r></w:p>")


def resolved(*pprs: str):
    numbering = Numbering.read(etree.fromstring(STYLES), etree.fromstring(NUMBERING))
    return [numbering.resolve(paragraph(p)) for p in pprs]


def test_headings_numbered_through_their_style_are_headings_with_word_s_numbers():
    h1 = '<w:pStyle w:val="Heading1"/>'
    h2 = '<w:pStyle w:val="Heading2"/>'
    out = resolved(h1, h2, h2, h1, h2)
    assert [(r.level, r.number, r.bullet) for r in out] == [
        (1, "1.", None), (2, "1.1.", None), (2, "1.2.", None), (1, "2.", None), (2, "2.1.", None)]


def test_numbering_on_the_paragraph_itself_and_switched_off():
    direct = '<w:pStyle w:val="Normal"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/>'
    off = '<w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr>'
    out = resolved(direct, off, direct)
    assert [(r.level, r.number) for r in out] == [(1, "1."), (1, ""), (1, "2.")]


def test_bullets_and_numbered_list_items_are_list_items_not_headings():
    bullet = '<w:pStyle w:val="ListBullet"/>'
    letters = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>'
    out = resolved(bullet, letters, letters)
    assert [(r.level, r.number, r.bullet) for r in out] == [(None, "", 0), (None, "c)", 0), (None, "d)", 0)]


def test_a_heading_style_without_outline_level_is_known_by_its_name():
    out = resolved('<w:pStyle w:val="Overskrift3"/>', '<w:pStyle w:val="Normal"/>')
    assert [r.level for r in out] == [3, None]
