"""Build docgen's Word templates: python templates/build_templates.py

The .docx files in this folder are the project's reconstruction of
Landsbyggefonden's templates for the strategic agreement and the delaftale:
LBF's headings and fixed guidance text, with docxtpl tags where the
agreement's own content goes.  They are ordinary Word files: a user may
open and edit them in Word (keep each {{ tag }} in one piece).  This script
is how they were made; rerun it after changing it and commit the result.

Layout only: no arithmetic, no domain logic.  Every tag is written as one
run, so docxtpl sees it whole.
"""
from __future__ import annotations

import datetime as dt
import re
from io import BytesIO
from pathlib import Path

from docx import Document

from docgen.model.lbf import DOCUMENT_KINDS
from docgen.render.markdown import STYLE_IDS, TABLE_HEADER_FILL
from docgen.render.package import reproducible
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
TARGET = HERE  # where write() puts the templates; main(target) changes it
ACCENT = RGBColor(0x1F, 0x38, 0x64)
LABEL_FILL = "DCE6F2"
HEADER_FILL = TABLE_HEADER_FILL
FIXED_DATE = dt.datetime(2024, 1, 1)


# --- document set-up ------------------------------------------------------------


def new_document(title: str):
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(22)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.footer_distance = Mm(10)
    set_styles(doc)
    props = doc.core_properties
    props.title = title
    props.author = "docgen"
    props.last_modified_by = "docgen"
    props.language = "da-DK"
    props.created = props.modified = FIXED_DATE
    props.revision = 1
    # body starts empty: python-docx's default document has one empty paragraph
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    return doc


def set_styles(doc) -> None:
    styles = doc.styles
    # Danish proofing language and Calibri for the whole document
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "da-DK")
    lang.set(qn("w:eastAsia"), "da-DK")

    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1

    for name, size, before, italic in (
        ("Title", 24, 0, False), ("Heading 1", 16, 18, False), ("Heading 2", 13.5, 14, False),
        ("Heading 3", 12, 10, False), ("Heading 4", 11, 8, True),
    ):
        style = styles[name]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = italic
        style.font.color.rgb = ACCENT
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
        # python-docx's default heading fonts are theme fonts; make Calibri stick
        rfonts = style.element.rPr.find(qn("w:rFonts"))
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if rfonts is not None and rfonts.get(qn(attr)) is not None:
                del rfonts.attrib[qn(attr)]
    title = styles["Title"]
    title.paragraph_format.space_after = Pt(18)
    # Title has a bottom border in the default template; keep it, it looks like LBF's

    sub = styles.add_style("Mellemrubrik", WD_STYLE_TYPE.PARAGRAPH)
    sub.base_style = normal
    sub.font.bold = True
    sub.paragraph_format.space_before = Pt(8)
    sub.paragraph_format.space_after = Pt(3)
    # no keep-with-next: it is used in table cells, where LibreOffice would
    # then keep whole tables together and leave half-empty pages

    label = styles.add_style("Feltnavn", WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = normal
    label.font.bold = True
    label.font.color.rgb = ACCENT
    label.paragraph_format.space_before = Pt(2)
    label.paragraph_format.space_after = Pt(2)

    small = styles.add_style("Tabeltekst", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    small.font.size = Pt(9.5)
    small.paragraph_format.space_after = Pt(2)
    small.paragraph_format.line_spacing = 1.0

    head = styles.add_style("Tabeloverskrift", WD_STYLE_TYPE.PARAGRAPH)
    head.base_style = small
    head.font.bold = True
    head.font.size = Pt(8)
    head.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)

    stamp = styles.add_style("Stempel", WD_STYLE_TYPE.PARAGRAPH)
    stamp.base_style = normal
    stamp.font.bold = True
    stamp.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    stamp.paragraph_format.space_after = Pt(6)
    stamp.paragraph_format.keep_with_next = True

    footer = styles["Footer"]
    footer.paragraph_format.tab_stops.clear_all()
    footer.font.size = Pt(8.5)
    footer.font.color.rgb = RGBColor(0x59, 0x59, 0x59)

    for name in ("List Bullet", "List Bullet 2"):
        styles[name].paragraph_format.space_after = Pt(3)


def footer(doc) -> None:
    """'{{ dokumentnavn }}   Side X af Y' at the foot of every page, the
    revision text on the line below."""
    section = doc.sections[0]
    p = section.footer.paragraphs[0]
    p.style = doc.styles["Footer"]
    width = section.page_width - section.left_margin - section.right_margin
    p.paragraph_format.tab_stops.clear_all()
    p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    p.add_run("{{ dokumentnavn }}")
    p.add_run("\tSide ")
    field(p, "PAGE")
    p.add_run(" af ")
    field(p, "NUMPAGES")
    # the revision (and draft) text on a line of its own, so a long one
    # never pushes "Side X af Y" onto a line of its own or runs into it
    for text in ("{%p if versionstekst %}", "{{ versionstekst }}", "{%p endif %}"):
        section.footer.add_paragraph(text, style=doc.styles["Footer"])


def stamps(doc) -> None:
    """The draft and illustrative marks at the top of the first page, one
    bordered paragraph each (none for an approved document)."""
    tag(doc, "{%p for s in stempler %}")
    p = tag(doc, "{{ s }}", "Stempel")
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "12"), ("space", "4"), ("color", "C00000")):
            edge.set(qn(f"w:{key}"), value)
        borders.append(edge)
    p._p.get_or_add_pPr().append(borders)
    tag(doc, "{%p endfor %}")


def field(paragraph, instruction: str) -> None:
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


# --- building blocks ------------------------------------------------------------------


def para(container, text: str = "", style: str | None = None, bold: bool = False, italic: bool = False):
    p = container.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
    return p


def tag(container, text: str, style: str | None = None):
    """A paragraph holding one docxtpl tag, as one run."""
    return para(container, text, style)


def shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    tr_pr.append(el)


def cell_paragraph(cell):
    """The cell's first (empty) paragraph, to write into."""
    return cell.paragraphs[0]


def table(doc, cols: int, widths_mm: list[float]):
    t = doc.add_table(rows=0, cols=cols)
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for col, width in zip(t.columns, widths_mm):
        col.width = Mm(width)
    return t


def add_row(t, widths_mm: list[float]):
    row = t.add_row()
    for cell, width in zip(row.cells, widths_mm):
        cell.width = Mm(width)
    if len(widths_mm) > 1:
        # a row of a data table is short: it never splits across pages
        # (a one-column box's content row may run over several pages)
        no_split(row)
    return row


def field_box(doc, label: str, fill_content) -> None:
    """LBF's form layout: a shaded label row above a content row."""
    widths = [166]
    t = table(doc, 1, widths)
    label_row = add_row(t, widths)
    repeat_header(label_row)  # repeats if the content runs onto the next page
    keep_row_with_next(label_row)
    label_cell = label_row.cells[0]
    shade(label_cell, LABEL_FILL)
    p = cell_paragraph(label_cell)
    p.style = doc.styles["Feltnavn"]
    p.add_run(label)
    content = add_row(t, widths).cells[0]
    fill_content(content)
    para(doc)  # air between boxes


def loop_rows(t, widths, start: str, end: str, fill_row) -> None:
    """A docxtpl row loop: a row with the {%tr for %} tag, the repeated row,
    a row with {%tr endfor %}."""
    cell_paragraph(add_row(t, widths).cells[0]).add_run(start)
    fill_row(add_row(t, widths))
    cell_paragraph(add_row(t, widths).cells[0]).add_run(end)


def group_rows(t, widths, fill_row) -> None:
    """Inside a row loop: the loop's rows stay on one page when they fit.
    Every row but the loop's last keeps with the row after it, so a
    template has the row twice: with keep-with-next, and (the last) without."""
    cell_paragraph(add_row(t, widths).cells[0]).add_run("{%tr if not loop.last %}")
    kept = add_row(t, widths)
    fill_row(kept)
    keep_row_with_next(kept)
    cell_paragraph(add_row(t, widths).cells[0]).add_run("{%tr else %}")
    fill_row(add_row(t, widths))
    cell_paragraph(add_row(t, widths).cells[0]).add_run("{%tr endif %}")


def header_row(doc, t, widths, labels) -> None:
    row = add_row(t, widths)
    repeat_header(row)
    for cell, label in zip(row.cells, labels):
        shade(cell, HEADER_FILL)
        p = cell_paragraph(cell)
        p.style = doc.styles["Tabeloverskrift"]
        p.add_run(label)


def no_split(row) -> None:
    """The row is never split across two pages."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, OxmlElement("w:cantSplit"))  # the schema puts it before tblHeader


def keep_row_with_next(row) -> None:
    """A short row (a label, a name) never splits and stays on the page of
    the row after it: Word and LibreOffice both read keep-with-next on
    every paragraph of a row as 'keep this row with the next'."""
    no_split(row)
    for cell in row.cells:
        for p in cell.paragraphs:
            p.paragraph_format.keep_with_next = True


def new_page(paragraph) -> None:
    """The paragraph (a heading) starts a new page: 'page break before',
    never a hard page break, so no blank page appears when the text before
    happens to fill its page."""
    paragraph.paragraph_format.page_break_before = True


def slim(doc) -> None:
    """Leave out what python-docx's default document carries but a docgen
    document never uses, so each file is smaller and quicker to render:
    the styles no paragraph, table or Markdown text refers to (Word still
    offers its built-in styles), Word 2010's stylesWithEffects.xml copy of
    them, and the thumbnail of an empty page."""
    package = doc.part.package
    used = set(STYLE_IDS)
    for part in package.iter_parts():
        if part.partname.endswith(".xml") and part.partname != "/word/styles.xml":
            xml = part.blob.decode("utf-8")
            used.update(re.findall(r'<w:(?:pStyle|rStyle|tblStyle|numStyleLink|styleLink) w:val="([^"]+)"', xml))
    styles = {s.get(qn("w:styleId")): s for s in doc.styles.element.iterchildren(qn("w:style"))}
    keep: set[str] = set()
    todo = [sid for sid, s in styles.items() if sid in used or s.get(qn("w:default")) == "1"]
    while todo:  # a kept style keeps the styles it is based on, continues with and links to
        sid = todo.pop()
        if sid in keep:
            continue
        keep.add(sid)
        for ref in ("w:basedOn", "w:next", "w:link"):
            found = styles[sid].find(qn(ref))
            if found is not None and found.get(qn("w:val")) in styles:
                todo.append(found.get(qn("w:val")))
    for sid, style in styles.items():
        if sid not in keep:
            doc.styles.element.remove(style)
    for owner in (doc.part, package):
        for rId, rel in list(owner.rels.items()):
            if rel.reltype.endswith(("/stylesWithEffects", "/thumbnail")):
                del owner.rels[rId]


def write(doc, name: str) -> None:
    slim(doc)
    buffer = BytesIO()
    doc.save(buffer)
    # fixed zip times and core properties: the same script makes the same bytes
    (TARGET / name).write_bytes(reproducible(buffer.getvalue(), FIXED_DATE, 1))
    print(f"skrev {TARGET / name}")


def _lines_with_tags(cell, lines: list[tuple[str, str | None]]) -> None:
    """Fill a cell with paragraphs (text, style); the first reuses the
    cell's empty paragraph."""
    first = True
    for text, style in lines:
        p = cell_paragraph(cell) if first else cell.add_paragraph()
        first = False
        if style:
            p.style = cell.part.document.styles[style]
        p.add_run(text)


# --- the strategic agreement -------------------------------------------------------------

LBF_AFTALEDOKUMENTER = [
    "Som grundlag for aftaledokumenterne henvises til gældende regulativ om tilskud til boligsocial indsats i udsatte almene boligafdelinger og fondens vejledning herom.",
    "Det er et krav, at der udarbejdes en **strategisk samarbejdsaftale** for at opnå Landsbyggefondens støtte til boligsocial indsats. Aftalen forpligter kommune og boligorganisationer i forhold til samarbejde, herunder opfølgning på de fastsatte mål.",
    "Ændringer i den strategiske samarbejdsaftale skal godkendes af Landsbyggefonden.",
    "Konkrete aftaler om specifikke aktiviteter mellem den boligsociale indsats og de lokale kommunale institutioner, foreninger eller andre aktører skal fastlægges i særskilte **delaftaler** for hvert indsatsområde, der hører under den strategiske samarbejdsaftale.",
    "Bestyrelsen for den boligsociale indsats skal i den forbindelse sikre, at delaftalerne til hver en tid understøtter den strategiske samarbejdsaftale samt afspejler de aktiviteter og samarbejder, der gennemføres i boligområdet. Ajourførte delaftaler skal til hver en tid kunne rekvireres af Landsbyggefonden.",
    "Følgende dokumenter skal vedlægges denne strategiske samarbejdsaftale og uploades på sagen i driftsstøttesystemet (http://driftsstoette.lbf.dk). Dokumenterne udarbejdes i de givne skabeloner på sagen.",
]
# The list in "Aftaledokumenter", in LBF's words (the upload manifest quotes them too)
LBF_DOKUMENTLISTE = [DOCUMENT_KINDS[kind]["krav"] for kind in ("delaftale", "budget", "beredskabsplan", "milepaelsplan")]
LBF_AFTALEDOKUMENTER_SLUT = [
    "Der skal tillige uploades et kommissorium for bestyrelsen (ingen skabelon).",
    "Endvidere skal der udfyldes og uploades et indberetningsskema på sagen i driftsstøttesystemet. Dokumentet udarbejdes i den givne skabelon på sagen.",
]
LBF_ORGANISERING = [
    "Parterne bag den strategiske samarbejdsaftale skal etablere en projektorganisation med en ansvarlig **bestyrelse** for gennemførelsen af den boligsociale indsats således, at en **éntydig og kompetent ledelse** kan sikre koordinering og styring af den lokale indsats og prioritere på tværs af alle niveauer og organisationer - herunder boligorganisationer, boligafdelinger og kommune.",
    "Under bestyrelsen bør der etableres en eller flere (tematiske/geografiske) styre-/følgegrupper.",
    "Beskrivelsen af organiseringen skal suppleres med et organisationsdiagram. Endvidere skal der udarbejdes et kommissorium for bestyrelsen, der også beskriver, hvordan sekretariatsbetjening af bestyrelsen vil foregå. Kommissoriet uploades som bilag på sagen i driftsstøttesystemet.",
]
LBF_MAAL = [
    "Landsbyggefonden har med afsæt i lovgivningen fastsat indsatsområder, mål og indikatorer som retningsgivende for de boligsociale indsatser, der får støtte inden for rammerne af 2019-26-midlerne og på grundlag af regulativet af 11. december 2019.",
    "Der er formuleret faste overordnede mål, som den boligsociale indsats skal arbejde hen imod, samt opsat faste indikatorer i tilknytning hertil. Disse fremgår nedenfor. Der er i sammenhæng hermed fastlagt de indsatsområder, som den boligsociale indsats skal holde sig inden for (jævnfør afsnit 6 nedenfor).",
    "Formålet med de faste overordnede mål og indikatorer er at sætte retning på den boligsociale indsats og følge udviklingen i det område, som modtager en bevilling. Udviklingen i området holdes op mod udviklingen i beliggenhedskommunen. På dette niveau er der opmærksomhed på den langsigtede udvikling, der også er afhængig af øvrige tiltag og den kernerdrift, som den boligsociale indsats understøtter.",
    "Bestyrelsen har ansvar for løbende at følge op på de faste overordnede mål for den boligsociale indsats. Til dette formål stiller Landsbyggefonden data for boligområdet til rådighed.",
    "Som en del af den årlige revision i forbindelse med regnskabsaflæggelsen skal boligorganisationen over for revisionen dokumentere, at denne opfølgning sker.",
]
LBF_INDSATSOMRAADER = [
    "I dette afsnit skal **problemkomplekset** for hvert af de indsatsområder, der indgår i den boligsociale indsats, beskrives. Problemkomplekset skal forstås som de centrale **kerneudfordringer**, den boligsociale indsats skal adressere inden for det enkelte indsatsområde. Beskrivelsen skal være konkret og dataunderbygget.",
    "Bemærk, at den specifikke beskrivelse af indsatsområderne med delmål, aktiviteter og den indbyrdes ansvars- og rollefordeling mellem de parter, der er involveret i indsatsen, fastlægges i særskilte delaftaler – én delaftale pr. indsatsområde. Indholdet i delaftalerne skal pege hen imod de fastsatte mål i nærværende strategiske samarbejdsaftale.",
]


def rich_para(container, text: str, style: str | None = None):
    """A paragraph of LBF's fixed text where **x** is bold and *x* italic."""
    p = container.add_paragraph(style=style)
    for chunk in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if chunk.startswith("**"):
            p.add_run(chunk[2:-2]).bold = True
        elif chunk.startswith("*"):
            p.add_run(chunk[1:-1]).italic = True
        elif chunk:
            p.add_run(chunk)
    return p


def strategic() -> None:
    doc = new_document("Strategisk samarbejdsaftale om boligsocial indsats")
    footer(doc)
    stamps(doc)
    para(doc, "Strategisk samarbejdsaftale om boligsocial indsats", "Title")

    widths = [64, 102]  # the longest label fits on one line
    t = table(doc, 2, widths)
    for label, value in (
        ("Områdets navn:", "{{ omraadenavn }}"),
        ("Aftalens parter:", "{{ parter_tekst }}"),
        ("Samarbejdsaftalen gælder fra - til:", "{{ periode }}"),
    ):
        row = add_row(t, widths)
        shade(row.cells[0], LABEL_FILL)
        p = cell_paragraph(row.cells[0])
        p.style = doc.styles["Feltnavn"]
        p.add_run(label)
        cell_paragraph(row.cells[1]).add_run(value)
    para(doc)
    para(doc, "Underskrifter:", "Feltnavn")
    widths = [50, 40, 76]
    t = table(doc, 3, widths)
    header_row(doc, t, widths, ["Part", "Dato", "Navn og underskrift"])

    def signature_row(row):
        row.height = Mm(16)
        p = cell_paragraph(row.cells[0])
        p.add_run("{{ part }}").italic = True
    loop_rows(t, widths, "{%tr for part in underskrifter %}", "{%tr endfor %}", signature_row)

    new_page(para(doc, "Aftaledokumenter", "Heading 1"))
    for text in LBF_AFTALEDOKUMENTER:
        rich_para(doc, text)
    for text in LBF_DOKUMENTLISTE:
        para(doc, text, "List Bullet")
    for text in LBF_AFTALEDOKUMENTER_SLUT:
        para(doc, text)

    # 1
    para(doc, "1. Kort om boligområdet", "Heading 1")
    tag(doc, "{{p omraade.indledning }}")
    tag(doc, "Helhedsplanen ligger {{ omraade.beliggenhed }} og vil i alt omfatte {{ omraade.husstande }} husstande og ca. {{ omraade.beboere }} beboere{{ omraade.beboere_note }}.")
    para(doc, "Helhedsplanen vil omfatte følgende afdelinger:")
    tag(doc, "{%p for gruppe in omraade.afdelingsgrupper %}")
    p = doc.add_paragraph(style="List Bullet")
    p.add_run("{{ gruppe.overskrift }}: ").bold = True
    p.add_run("{{ gruppe.afdelinger }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "I alt {{ omraade.antal_afdelinger }} {{ 'afdeling' if omraade.antal_afdelinger == 1 else 'afdelinger' }}")
    tag(doc, "{{p omraade.beskrivelse }}")

    # 2
    para(doc, "2. Vision for boligområdet", "Heading 1")
    tag(doc, "{{p vision }}")

    # 3
    para(doc, "3. Organisering", "Heading 1")
    for text in LBF_ORGANISERING:
        rich_para(doc, text)
    tag(doc, "{{p organisation.indledning }}")
    tag(doc, "{%p for navn in organisation.struktur %}")
    tag(doc, "{{ navn }}", "List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for organ in organisation.organer %}")
    tag(doc, "{{p organ.beskrivelse }}")
    tag(doc, "{%p if organ.sammensaetning %}")
    p = doc.add_paragraph()
    p.add_run("Sammensætning: ")
    p.add_run("{{r organ.sammensaetning }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    para(doc, "Organisationsdiagram", "Heading 3")
    chart = tag(doc, "{{ organisation.diagram }}")
    chart.alignment = WD_ALIGN_PARAGRAPH.CENTER
    chart.paragraph_format.keep_with_next = False
    para(doc, "Placering og arbejdsmetode for lokal tilstedeværelse", "Heading 3")
    tag(doc, "{{p organisation.lokal_tilstedevaerelse }}")

    # 4
    para(doc, "4. Samspil med centrale tiltag og indsatser i boligområdet", "Heading 1")
    tag(doc, "{%p for tiltag in samspil %}")
    tag(doc, "{{ tiltag.titel }}", "Heading 3")
    tag(doc, "{{p tiltag.tekst }}")
    tag(doc, "{%p endfor %}")

    # 5
    para(doc, "5. Overordnede mål og indikatorer for den boligsociale indsats", "Heading 1")
    for text in LBF_MAAL:
        para(doc, text)
    widths = [26, 39, 24, 24, 22, 31]
    t = table(doc, 6, widths)
    header_row(doc, t, widths, ["Mål", "Indikator", "Baseline boligområde", "Baseline kommune (evt. andet)", "Baselineår", "Datakilde"])
    cell_paragraph(add_row(t, widths).cells[0]).add_run("{%tr for omraade in maal %}")

    def goal_row(row):
        texts = ["{% vm %}{{ omraade.maal }}", "{{ ind.indikator }}", "{{ ind.baseline_omraade }}",
                 "{{ ind.baseline_kommune }}", "{{ ind.baselineaar }}", "{{ ind.datakilde }}"]
        for cell, text in zip(row.cells, texts):
            p = cell_paragraph(cell)
            p.style = doc.styles["Tabeltekst"]
            p.add_run(text)
    # a goal's rows (one per indicator) stay on one page when they fit
    cell_paragraph(add_row(t, widths).cells[0]).add_run("{%tr for ind in omraade.indikatorer %}")
    group_rows(t, widths, goal_row)
    cell_paragraph(add_row(t, widths).cells[0]).add_run("{%tr endfor %}")
    cell_paragraph(add_row(t, widths).cells[0]).add_run("{%tr endfor %}")
    para(doc)

    # 6
    para(doc, "6. Indsatsområder", "Heading 1")
    p = doc.add_paragraph()
    p.add_run("De fastlagte indsatsområder, som den boligsociale indsats skal holde sig inden for, er ")
    p.add_run("{{ alle_indsatsomraader }}").italic = True
    p.add_run(".")
    for text in LBF_INDSATSOMRAADER:
        rich_para(doc, text)
    tag(doc, "{%p for omraade in indsatsomraader %}")
    tag(doc, "{{ omraade.navn }}", "Heading 2")
    para(doc, "Problemkompleks for indsatsområdet", "Heading 3")
    p = doc.add_paragraph()
    p.add_run("{{ omraade.problem_overskrift }}").bold = True
    p.paragraph_format.keep_with_next = True  # the goal sentence leads the text under it
    tag(doc, "{{p omraade.problem }}")
    p = doc.add_paragraph()
    p.add_run("Indsatser: ").bold = True
    p.add_run("{{ omraade.indsatser }}")
    tag(doc, "{%p endfor %}")

    # 7, 8
    para(doc, "7. Lokal evaluering", "Heading 1")
    tag(doc, "{{p lokal_evaluering }}")
    para(doc, "8. Revision af samarbejdsaftalen", "Heading 1")
    tag(doc, "{{p revision }}")
    tag(doc, "{%p if revisioner %}")
    para(doc, "Ændringslog", "Heading 3")
    widths = [18, 30, 48, 70]
    t = table(doc, 4, widths)
    header_row(doc, t, widths, ["Revision", "Dato", "Godkendt af", "Ændring"])
    loop_rows(t, widths, "{%tr for r in revisioner %}", "{%tr endfor %}", lambda row: [
        cell_paragraph(cell).add_run(text) for cell, text in zip(
            row.cells, ["{{ r.nr }}", "{{ r.dato }}", "{{ r.godkendt_af }}", "{{ r.aendring }}"])
    ])
    tag(doc, "{%p endif %}")
    write(doc, "strategisk_samarbejdsaftale.docx")


# --- the delaftale -------------------------------------------------------------------------

LBF_DELAFTALE_INTRO = [
    "Bestyrelsen for den boligsociale indsats har ansvar for, at denne delaftale til hver en tid understøtter de overordnede mål i den strategiske samarbejdsaftale. Delaftalerne er således bilag til den strategiske aftale og skal altid ses i sammenhæng hermed.",
    "Bestyrelsen har ligeledes ansvar for, at delaftalen til hver en tid afspejler de aktiviteter og samarbejder, der gennemføres i boligområdet.",
    "Beskrivelsen af områdets problemkompleks inden for dette indsatsområde fremgår af den strategiske aftale.",
]
LBF_DELMAAL = [
    "Der skal opsættes delmål for nærværende indsatsområde samt indikatorer, der sikrer, at der løbende kan følges op på disse.",
    "*Delmål* skal forstås som 'skridt på vejen' til at opnå de overordnede mål jf. den strategiske aftale og beskriver de konkrete succeser, der ønskes opnået med de aktiviteter, der iværksættes inden for dette indsatsområde.",
    "*Indikatorer* er variable, der bruges til at vise, om delmålene opnås. Som inspiration stiller Landsbyggefonden en liste over relevante indikatorer til rådighed. Der kan suppleres med indikatorer, som de lokale parter vurderer vigtige for den lokale indsats.",
    "Delmål og de dertil knyttede indikatorer kan enten relatere sig til det samlede antal aktiviteter eller til enkelte aktiviteter, der iværksættes inden for dette indsatsområde.",
    "Formålet med delmål og indikatorer på dette niveau er årligt at følge udviklingen hos de konkrete målgrupper/områder, som de boligsociale aktiviteter arbejder med inden for indsatsområdet. Jo tættere på målgruppen det er muligt at komme med tilgængelige data, jo bedre grundlag er der for at vurdere aktiviteternes virkning samt foretage lokal justering, når dette evt. er nødvendigt.",
    "Delaftalens parter og bestyrelsen har ansvar for løbende at følge op på delmålene.",
]


def delaftale() -> None:
    doc = new_document("Delaftale")
    footer(doc)
    stamps(doc)
    p = doc.add_paragraph(style="Title")
    p.add_run("Delaftale for indsatsområdet ")
    p.add_run("{{ omraade_navn }}").italic = True
    for text in LBF_DELAFTALE_INTRO:
        para(doc, text)

    field_box(doc, "Navn på den boligsociale indsats, som delaftalen vedrører:",
              lambda c: cell_paragraph(c).add_run("{{ indsats_navn }}"))
    field_box(doc, "Delaftalen gælder fra - til:", lambda c: cell_paragraph(c).add_run("{{ periode }}"))

    # one row per party (name and contact), which never splits
    widths = [166]
    t = table(doc, 1, widths)
    label = add_row(t, widths)
    repeat_header(label)
    keep_row_with_next(label)
    shade(label.cells[0], LABEL_FILL)
    p = cell_paragraph(label.cells[0])
    p.style = doc.styles["Feltnavn"]
    p.add_run("Delaftalens parter:")

    def party_row(row):
        no_split(row)
        _lines_with_tags(row.cells[0], [
            ("{{ part.navn }}", "Mellemrubrik"),
            ("{%p if part.kontakt %}", None),
            ("{{ part.kontakt }}", None),
            ("{%p endif %}", None),
        ])
    loop_rows(t, widths, "{%tr for part in parter %}", "{%tr endfor %}", party_row)
    para(doc)

    para(doc, "Delmål og indikatorer for indsatsområdet", "Heading 2")
    for text in LBF_DELMAAL:
        rich_para(doc, text)
    widths = [38, 42, 30, 28, 28]
    t = table(doc, 5, widths)
    header_row(doc, t, widths, ["Delmål", "Indikator", "Baseline boligområde/ målgruppe", "Evt. anden baseline", "Datakilde"])

    # one row per indicator; the goal ("Mål 1" and its text) and the data
    # source are merged over the goal's rows, which stay on one page when
    # they fit.  A line break in a value is a line break in its cell.
    def sub_goal_row(row):
        c = row.cells
        _lines_with_tags(c[0], [("{% vm %}Mål {{ d.nr }}", "Mellemrubrik"),
                                ("{% if loop.first %}{{ d.maal }}{% endif %}", "Tabeltekst")])
        _lines_with_tags(c[1], [("{{ i.indikator }}", "Tabeltekst")])
        _lines_with_tags(c[2], [("{{ i.baseline }}", "Tabeltekst")])
        _lines_with_tags(c[3], [("{{ i.anden_baseline }}", "Tabeltekst")])
        _lines_with_tags(c[4], [("{% vm %}{{ d.datakilde }}", "Tabeltekst")])
    cell_paragraph(add_row(t, widths).cells[0]).add_run("{%tr for d in delmaal %}")
    cell_paragraph(add_row(t, widths).cells[0]).add_run("{%tr for i in d.indikatorer %}")
    group_rows(t, widths, sub_goal_row)
    cell_paragraph(add_row(t, widths).cells[0]).add_run("{%tr endfor %}")
    cell_paragraph(add_row(t, widths).cells[0]).add_run("{%tr endfor %}")
    para(doc)

    def activities(cell):
        _lines_with_tags(cell, [
            ("{%p if aktiviteter_indledning %}", None),
            ("{{p aktiviteter_indledning }}", None),
            ("{%p endif %}", None),
            ("{%p for navn in aktivitetsnavne %}", None),
            ("{{ navn }}", "List Bullet"),
            ("{%p endfor %}", None),
        ])
    field_box(doc, "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet og understøtte opnåelsen af de overordnede mål jf. den strategiske samarbejdsaftale:", activities)

    def staff(cell):
        _lines_with_tags(cell, [
            ("{%p for linje in medarbejderressourcer %}", None),
            ("{{ linje }}", "List Bullet"),
            ("{%p endfor %}", None),
        ])
    field_box(doc, "Medarbejderressourcer for indsatsområdet:", staff)
    field_box(doc, "Sammenhæng med den kommunale indsats i boligområdet:",
              lambda c: cell_paragraph(c).add_run("{{p kommunal_sammenhaeng }}"))
    field_box(doc, "Revision af delaftalen (Eventuelle reviderede aftaler skal ikke fremsendes til Landsbyggefonden, men fonden skal om nødvendigt til enhver tid kunne rekvirere ajourførte delaftaler):",
              lambda c: cell_paragraph(c).add_run("{{p revision }}"))

    # no page break before: the heading follows the boxes above on their page
    para(doc, "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet", "Heading 2")
    tag(doc, "{%p for akt in aktiviteter %}")
    widths = [166]
    t = table(doc, 1, widths)

    def label_row(label):
        row = add_row(t, widths)
        keep_row_with_next(row)
        cell = row.cells[0]
        shade(cell, LABEL_FILL)
        p = cell_paragraph(cell)
        p.style = doc.styles["Feltnavn"]
        p.add_run(label)

    def content_row(lines, keep: bool = False):
        row = add_row(t, widths)
        _lines_with_tags(row.cells[0], lines)
        if keep:
            keep_row_with_next(row)

    # the label and the activity's name are the box's header row: a box
    # continued on the next page says there whose it is.  One row, not two:
    # LibreOffice 7.4 leaves the rest of a table unprinted when two header
    # rows keep with a chain of short rows (measured on a stress agreement)
    header = add_row(t, widths)
    keep_row_with_next(header)
    repeat_header(header)
    shade(header.cells[0], LABEL_FILL)
    _lines_with_tags(header.cells[0], [("Aktivitetsnavn:", "Feltnavn"), ("{{ akt.navn }}", "Mellemrubrik")])
    for p in header.cells[0].paragraphs:
        p.paragraph_format.keep_with_next = True
    label_row("Formål:")
    content_row([("{{p akt.formaal }}", None)])
    label_row("Målgruppe(r):")
    content_row([("{%p for gruppe in akt.maalgrupper %}", None), ("{{ gruppe }}", "List Bullet"), ("{%p endfor %}", None)])
    label_row("Indhold og praksis:")
    content_row([("{{p akt.indhold }}", None)])
    label_row("Ansvars- og rollefordeling:")
    # one row per party; a long one splits across pages (docgen gives the
    # party's name a row of its own that keeps with its text: render/keep.py)
    content_row([("{%tr for ansvar in akt.ansvar %}", None)])
    content_row([("{{ ansvar.overskrift }}", "Mellemrubrik"), ("{{p ansvar.tekst }}", None)])
    content_row([("{%tr endfor %}", None)])
    content_row([("{%tr if akt.bemaerkning %}", None)])
    content_row([("{{p akt.bemaerkning }}", None)])
    content_row([("{%tr endif %}", None)])
    para(doc)
    tag(doc, "{%p endfor %}")
    write(doc, "delaftale.docx")


# --- the contingency plan -------------------------------------------------------------------


def beredskabsplan() -> None:
    doc = new_document("Beredskabsplan")
    footer(doc)
    stamps(doc)
    para(doc, "Beredskabsplan", "Title")
    field_box(doc, "Navn på den boligsociale indsats, som beredskabsplanen vedrører:",
              lambda c: cell_paragraph(c).add_run("{{ indsats_navn }}"))
    field_box(doc, "Beredskabsplanen gælder fra - til:", lambda c: cell_paragraph(c).add_run("{{ periode }}"))

    para(doc, "Formål", "Heading 1")
    tag(doc, "{{p formaal }}")

    para(doc, "Situationer og handlinger", "Heading 1")
    para(doc, "For hver situation står, hvad den dækker, hvem der handler i hvilken rækkefølge, og hvem der skal informeres.")
    tag(doc, "{%p for s in situationer %}")
    tag(doc, "{{ s.nr }}. {{ s.titel }}", "Heading 2")
    # Heading, description (inline, so its paragraph can keep with the
    # table) and the table's first row stay together; a longer table breaks
    # between rows and repeats its header.
    tag(doc, "{{r s.beskrivelse }}").paragraph_format.keep_with_next = True
    widths = [12, 102, 52]
    t = table(doc, 3, widths)
    header_row(doc, t, widths, ["Nr.", "Handling", "Hvem handler"])

    def action_row(row):
        for cell, text in zip(row.cells, ("{{ h.nr }}", "{{ h.handling }}", "{{ h.hvem }}")):
            p = cell_paragraph(cell)
            p.style = doc.styles["Tabeltekst"]
            p.add_run(text)
    loop_rows(t, widths, "{%tr for h in s.handlinger %}", "{%tr endfor %}", action_row)
    for cell in t.rows[0].cells:
        cell_paragraph(cell).paragraph_format.keep_with_next = True
    # "Informeres: ..." is the table's last row, so it never strays onto a
    # page of its own
    cell_paragraph(add_row(t, widths).cells[0]).add_run("{%tr if s.informeres %}")
    informed = add_row(t, widths)
    cell = informed.cells[0].merge(informed.cells[2])
    shade(cell, LABEL_FILL)
    p = cell_paragraph(cell)
    p.style = doc.styles["Tabeltekst"]
    p.add_run("Informeres: ").bold = True
    p.add_run("{{ s.informeres }}")
    cell_paragraph(add_row(t, widths).cells[0]).add_run("{%tr endif %}")
    tag(doc, "{%p endfor %}")

    para(doc, "Kontaktliste", "Heading 1")
    lead = para(doc, "Ved akut fare for liv, helbred eller ejendom ringes altid 112. Politiet kan kontaktes på 114, når det ikke haster.")
    lead.paragraph_format.keep_with_next = True
    widths = [46, 42, 24, 54]
    t = table(doc, 4, widths)
    header_row(doc, t, widths, ["Part", "Kontaktperson", "Telefon", "E-mail"])

    def contact_row(row):
        for cell, text in zip(row.cells, ("{{ k.part }}", "{{ k.kontaktperson }}", "{{ k.telefon }}", "{{ k.email }}")):
            p = cell_paragraph(cell)
            p.style = doc.styles["Tabeltekst"]
            p.add_run(text)
    loop_rows(t, widths, "{%tr for k in kontakter %}", "{%tr endfor %}", contact_row)
    para(doc)  # the document never ends in a table

    tag(doc, "{%p if opfoelgning %}")
    para(doc, "Opfølgning", "Heading 1")
    tag(doc, "{{p opfoelgning }}")
    tag(doc, "{%p endif %}")
    write(doc, "beredskabsplan.docx")


# --- the board's terms of reference (no LBF template) --------------------------------------


def kommissorium() -> None:
    doc = new_document("Kommissorium for bestyrelsen")
    footer(doc)
    stamps(doc)
    p = doc.add_paragraph(style="Title")
    p.add_run("Kommissorium for ")
    p.add_run("{{ organ_navn }}")
    tag(doc, "{{ indsats_navn }}").runs[0].bold = True
    tag(doc, "{{ periode }}")

    para(doc, "1. Baggrund", "Heading 1")
    tag(doc, "{{p baggrund }}")
    para(doc, "Bestyrelsens ansvar efter den strategiske samarbejdsaftale", "Heading 3")
    tag(doc, "{{p organ_beskrivelse }}")
    for condition, label, value in (("over", "Bestyrelsen hører under: ", "{{ over }}"),
                                    ("under", "Under bestyrelsen: ", "{{ under }}")):
        tag(doc, f"{{%p if {condition} %}}")
        p = doc.add_paragraph()
        p.add_run(label).bold = True
        p.add_run(value)
        tag(doc, "{%p endif %}")

    para(doc, "2. Formål", "Heading 1")
    tag(doc, "{{p formaal }}")

    para(doc, "3. Sammensætning", "Heading 1")
    para(doc, "Bestyrelsen består af:").paragraph_format.keep_with_next = True
    widths = [50, 100, 16]
    t = table(doc, 3, widths)
    header_row(doc, t, widths, ["Part", "Rolle", "Antal"])

    # one group of rows per party, its name in one merged cell
    cell_paragraph(add_row(t, widths).cells[0]).add_run("{%tr for gruppe in medlemmer %}")

    def member_row(row):
        for cell, text in zip(row.cells, ("{% vm %}{{ gruppe.part }}", "{{ m.rolle }}", "{{ m.antal }}")):
            p = cell_paragraph(cell)
            p.style = doc.styles["Tabeltekst"]
            p.add_run(text)
        row.cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    loop_rows(t, widths, "{%tr for m in gruppe.roller %}", "{%tr endfor %}", member_row)
    cell_paragraph(add_row(t, widths).cells[0]).add_run("{%tr endfor %}")
    total = add_row(t, widths)
    for cell, text in zip(total.cells, ("I alt", "", "{{ antal_i_alt }}")):
        p = cell_paragraph(cell)
        p.style = doc.styles["Tabeltekst"]
        if text:
            p.add_run(text).bold = True
    total.cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    tag(doc, "{%p if sammensaetning %}")
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(6)
    p.add_run("Sammensætning ifølge den strategiske samarbejdsaftale (afsnit 3): ").bold = True
    p.add_run("{{r sammensaetning }}")
    tag(doc, "{%p endif %}")

    para(doc, "4. Opgaver", "Heading 1")
    para(doc, "Bestyrelsen har disse opgaver:")
    tag(doc, "{%p for opgave in opgaver %}")
    tag(doc, "{{ opgave }}", "List Bullet")
    tag(doc, "{%p endfor %}")

    para(doc, "5. Møder", "Heading 1")
    tag(doc, "{{p moeder }}")
    para(doc, "6. Sekretariatsbetjening", "Heading 1")
    tag(doc, "{{p sekretariat }}")
    write(doc, "kommissorium.docx")


def main(target: Path = HERE) -> None:
    global TARGET
    TARGET = target
    strategic()
    delaftale()
    beredskabsplan()
    kommissorium()


if __name__ == "__main__":
    main()
