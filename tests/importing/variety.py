"""A variety corpus for 'docgen import --ny': a plan's agreement typed by
hand in the habits real secretariats have, made from the project's own
agreements (never from the seed's text).

The content comes from docgen's own documents of an agreement (they carry
every field in LBF's layout); this script re-types them, paragraph by
paragraph, into a fresh Word document the way a person would in Word:
labels as bold lines, Word's numbering on the headings (applied directly
or through the heading style), upper-case labels and Shift+Enter, the
activities, parties, staff and delmål as tables, labels reworded, name-
first contact lines, and a PDF-like conversion (a line a paragraph, a
running page header).  ROUND_TRIPS lists the variants saved once through
LibreOffice (.doc, .odt, HTML) and back to .docx.

    python tests/importing/variety.py AGREEMENT.toml FOLDER [VARIANT ...]

writes FOLDER/<variant>.docx (and the round trips when soffice is there).
"""
from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, run as a script too
from docx_text import paragraphs  # noqa: E402 - the tests' one reader of built documents

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Habit:
    numbering: str = ""  # "": numbers typed; "direct": Word's numbering on each heading; "style": via Heading 1's style
    upper: bool = False  # labels in upper case
    colon_outside: bool = False  # "**Formål**:"
    soft_breaks: bool = False  # label, value and list items in one paragraph, Shift+Enter between
    tables: bool = False  # activities, parties, staff, delmål in tables
    reworded: bool = False  # labels as people reword them, "Aktivitet 1: <navn>"
    name_first: bool = False  # "Navn, Titel, telefon, e-mail"
    departments: str = "docgen"  # "docgen", "list", "table"
    contacts_in_plan_only: bool = False  # the delaftaler name parties without contact lines
    pdf: bool = False  # a line a paragraph, a running page header


VARIANTS = {
    "plain": Habit(),
    "numbered_direct": Habit(numbering="direct"),
    "numbered_style": Habit(numbering="style"),
    "upper_breaks": Habit(numbering="style", upper=True, soft_breaks=True, colon_outside=True),
    "tables": Habit(tables=True, departments="table"),
    "reworded": Habit(reworded=True, name_first=True, departments="list"),
    "combined": Habit(numbering="direct", tables=True, reworded=True, name_first=True, contacts_in_plan_only=True),
    "pdf": Habit(pdf=True),
}
# variant -> what LibreOffice saves it as, on its way back to .docx
ROUND_TRIPS = {"numbered_style": ("doc", "odt", "html")}

REWORDED = {
    "Aktivitetsnavn:": None,  # "Aktivitet 1: <navn>", see below
    "Formål:": "Formålet med aktiviteten",
    "Målgruppe(r):": "Målgrupper",
    "Indhold og praksis:": "Aktivitetens indhold",
    "Ansvars- og rollefordeling:": "Ansvarlig for aktiviteten",
    "Delaftalens parter:": "Delaftalens parter og kontaktpersoner",
    "Samarbejdsaftalen gælder fra - til:": "Aftaleperiode:",
    "Delaftalen gælder fra - til:": "Aftaleperiode:",
    "Medarbejderressourcer for indsatsområdet:": "Medarbejderressourcer",
    "Sammenhæng med den kommunale indsats i boligområdet:": "Sammenhæng med kommunens indsats:",
}


# --- docgen's own documents, read as a person sees them ----------------------------


@dataclass
class Para:
    style: str
    text: str
    bold: bool = False


@dataclass
class Table:
    rows: list[list[list[Para]]]


def build(agreement: Path, folder: Path) -> list[Path]:
    """docgen's own Word documents of the agreement."""
    from docgen.pipeline import build as docgen_build

    documents = docgen_build(agreement, folder).documents
    return sorted(p for p in documents if p.suffix == ".docx")


def items(path: Path) -> list[Para | Table]:
    """A document's paragraphs and tables in order, with style and whether it is bold."""
    body = Document(str(path)).element.body

    def para(p) -> Para:
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        runs = [r for r in p.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]
        text = "".join((t.text or "") if t.tag == qn("w:t") else "\n" for t in p.iter(qn("w:t"), qn("w:br")))
        bold = bool(runs) and all(r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None for r in runs)
        return Para(style.get(qn("w:val")) if style is not None else "", text, bold)

    out: list[Para | Table] = []

    def walk(element) -> None:
        for child in element:
            if child.tag == qn("w:p"):
                out.append(para(child))
            elif child.tag == qn("w:tbl"):
                rows = []
                for tr in child.iter(qn("w:tr")):
                    rows.append([[para(p) for p in tc.iter(qn("w:p"))] for tc in tr.iter(qn("w:tc"))])
                if all(len(row) == 1 for row in rows):  # LBF's frame around a field: its paragraphs
                    out.extend(p for row in rows for p in row[0])
                else:
                    out.append(Table(rows))
            elif child.tag in (qn("w:sdt"), qn("w:sdtContent")):
                walk(child)

    walk(body)
    return out


# --- typing it again ------------------------------------------------------------------

_NUMBERED = re.compile(r"^(\d+)\.\s+")


class Typist:
    """Types paragraphs into a new Word document in one habit."""

    def __init__(self, habit: Habit) -> None:
        self.habit = habit
        self.doc = Document()
        self.num_id = self._heading_numbering() if habit.numbering else None
        self.lines = 0
        self.page = 1
        self.title = ""

    # numbering: one decimal list for Heading 1 / Heading 2
    def _heading_numbering(self) -> int:
        numbering = self.doc.part.numbering_part.element
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), "90")
        for level in range(2):
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), str(level))
            for tag, val in (("w:start", "1"), ("w:numFmt", "decimal"),
                             ("w:lvlText", "%1." if level == 0 else "%1.%2."), ("w:lvlJc", "left")):
                e = OxmlElement(tag)
                e.set(qn("w:val"), val)
                lvl.append(e)
            if self.habit.numbering == "style":
                e = OxmlElement("w:pStyle")
                e.set(qn("w:val"), f"Heading{level + 1}")
                lvl.insert(3, e)
            abstract.append(lvl)
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), "90")
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), "90")
        num.append(ref)
        numbering.append(num)
        if self.habit.numbering == "style":
            style = self.doc.styles["Heading 1"].element
            ppr = style.get_or_add_pPr()
            ppr.insert(0, _num_pr(90, 0))
        return 90

    def _page_header(self) -> None:
        if self.habit.pdf:
            self.lines += 1
            if self.lines % 25 == 0:
                self.page += 1
                self.doc.add_paragraph(f"{self.title}    Side {self.page}")

    def paragraph(self, text: str, style: str | None = None, bold: bool = False, number: str = ""):
        if self.habit.pdf and len(text) > 90 and "\t" not in text:  # a line a paragraph (a table row: one line)
            words, line = text.split(), ""
            for word in words:
                if len(line) + len(word) > 85:
                    self.paragraph(line.strip(), None, bold)
                    line = ""
                line += word + " "
            return self.paragraph(line.strip(), None, bold)
        if self.habit.pdf:
            style = None
        p = self.doc.add_paragraph(style=style)
        if number:
            p._p.get_or_add_pPr().insert(0, _num_pr(self.num_id if number != "0" else 0, 0))
        parts = text.split("\n")
        for n, part in enumerate(parts):
            run = p.add_run(part)
            run.bold = bold or None
            if n < len(parts) - 1:
                run.add_break(WD_BREAK.LINE)
        self._page_header()
        return p

    def label(self, text: str, value: str = "") -> None:
        """A template label, bold, in the habit's case and wording; a value after it."""
        if self.habit.upper:
            text = text.upper()
        if self.habit.soft_breaks and value:
            p = self.doc.add_paragraph()
            self._label_runs(p, text)
            p.runs[-1].add_break(WD_BREAK.LINE)
            p.add_run(value)
            return
        p = self.doc.add_paragraph() if not self.habit.pdf else self.doc.add_paragraph()
        self._label_runs(p, text)
        self._page_header()
        if value:
            self.paragraph(value)

    def _label_runs(self, p, text: str) -> None:
        if self.habit.colon_outside and text.endswith(":"):
            p.add_run(text[:-1]).bold = True
            p.add_run(":")
        else:
            p.add_run(text).bold = True

    def heading(self, text: str, level: int) -> None:
        number = _NUMBERED.match(text)
        if self.habit.pdf:
            self.paragraph(text, bold=True)
            return
        style = f"Heading {min(level, 3)}"
        if self.habit.numbering and level == 1:
            if number:
                self.paragraph(text[number.end():], style, number="1" if self.habit.numbering == "direct" else "")
            elif self.habit.numbering == "style":
                self.paragraph(text, style, number="0")  # numbering switched off on this heading
            else:
                self.paragraph(text, style)
            return
        self.paragraph(text, style)

    def bullets(self, texts: list[str]) -> None:
        if self.habit.soft_breaks and len(texts) > 1:
            self.paragraph("\n".join(texts))
        elif self.habit.pdf:
            for t in texts:
                self.paragraph(f"• {t}")
        else:
            for t in texts:
                self.paragraph(t, "List Bullet")

    def table(self, rows: list[list[str]], header: bool = True) -> None:
        if self.habit.pdf:
            for row in rows:
                self.paragraph("\t".join(c.replace("\n", " ").replace(BULLET, "") for c in row))
            return
        width = max(len(r) for r in rows)
        table = self.doc.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for n, row in enumerate(rows):
            cells = table.add_row().cells
            for c, text in enumerate(row):
                for k, part in enumerate(text.split("\n")):
                    paragraph = cells[c].paragraphs[0] if k == 0 else cells[c].add_paragraph()
                    if part.startswith(BULLET):
                        paragraph.style = self.doc.styles["List Bullet"]
                    paragraph.add_run(part.lstrip(BULLET)).bold = (n == 0 and header) or None

    def save(self, path: Path) -> None:
        self.doc.save(str(path))


def _num_pr(num_id: int, level: int):
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl)
    num_pr.append(num)
    return num_pr


# --- one document's sections, in the habit -------------------------------------------


def _cells(table: Table) -> list[list[str]]:
    return [["\n".join(p.text for p in cell if p.text.strip()) for cell in row] for row in table.rows]


def retype(typist: Typist, stream: list[Para | Table]) -> None:
    habit = typist.habit
    n = 0
    activity_no = 0
    state = ""
    while n < len(stream):
        item = stream[n]
        n += 1
        if isinstance(item, Table):
            rows = _cells(item)
            if state == "delmaal" and habit.tables:
                # the delmål table with its own Baselineår column
                head = ["Delmål", "Indikator", "Baselineår", "Baseline", "Datakilde"]
                out = [head]
                for row in rows[1:]:
                    if len(row) < 5:
                        continue
                    year = re.match(r"^(\d{4})(.*)$", row[2], re.S)
                    out.append([row[0], row[1], year.group(1) if year else "", (year.group(2) if year else row[2]),
                                row[4]])
                typist.table(out)
            else:
                typist.table(rows)
            continue
        text, style = item.text, item.style
        if not text.strip():
            continue
        if style == "Title":
            typist.title = text
            if habit.pdf:
                typist.paragraph(text, bold=True)
            else:
                typist.paragraph(text, "Title")
            continue
        if style.startswith("Heading"):
            level = int(style[-1]) if style[-1].isdigit() else 1
            state = "delmaal" if text.startswith("Delmål og indikatorer") else (
                "aktiviteter" if text.startswith("Aktiviteter, som") else state)
            typist.heading(text, level)
            continue
        if style == "Feltnavn":
            label = text
            # the value: the paragraphs up to the next label or heading
            value: list[Para] = []
            while n < len(stream) and isinstance(stream[n], Para) and stream[n].style not in (
                    "Feltnavn", "Title") and not stream[n].style.startswith("Heading"):
                value.append(stream[n])
                n += 1
            value = [v for v in value if v.text.strip()]
            state = _field(typist, label, value, state, activity_no)
            if label.startswith("Aktivitetsnavn"):
                activity_no += 1
            continue
        if style == "ListBullet":
            bullets = [text]
            while n < len(stream) and isinstance(stream[n], Para) and stream[n].style == "ListBullet":
                bullets.append(stream[n].text)
                n += 1
            if habit.departments != "docgen" and "-afdelinger:" in text:
                _departments(typist, bullets)
                continue
            typist.bullets(bullets)
            continue
        if style == "Mellemrubrik":
            typist.paragraph(text, bold=True)
            continue
        typist.paragraph(text)


def _departments(typist: Typist, lines: list[str]) -> None:
    rows = [["Boligorganisation", "Afdeling"]]
    for line in lines:
        organisation, _, listed = line.partition("-afdelinger:")
        for item in listed.split(","):
            rows.append([organisation.strip(), item.strip()])
    if typist.habit.departments == "table":
        typist.table(rows)
    else:
        typist.bullets([f"{r[1]} ({r[0]})" for r in rows[1:]])


def _relabel(typist: Typist, label: str, activity: str = "") -> str:
    if not typist.habit.reworded:
        return label
    if label.startswith("Revision af delaftalen"):
        return "Revision af delaftalen:"
    return REWORDED.get(label) or label


def _field(typist: Typist, label: str, value: list[Para], state: str, activity_no: int) -> str:
    habit = typist.habit
    texts = [v.text for v in value]
    if label.startswith("Aktivitetsnavn"):
        state = "aktivitet"
        name = texts[0] if texts else ""
        if habit.tables:
            typist._activity = [["Aktivitetsnavn", name]]
            typist._pending = True
            return state
        if habit.reworded:
            typist.heading(f"Aktivitet {activity_no + 1}: {name}", 3)
        else:
            typist.label(label, name)
        return state
    if state == "aktivitet" and habit.tables and getattr(typist, "_pending", False):
        # a two-column "label | text" table per activity
        typist._activity.append([_relabel(typist, label).rstrip(":"), "\n".join(
            t for t in _with_subjects(value))])
        if label.startswith("Ansvars"):
            typist.table(typist._activity, header=False)
            typist._pending = False
        return state
    if label.startswith("Delaftalens parter"):
        _parties(typist, _relabel(typist, label), value)
        return state
    if label.startswith("Medarbejderressourcer") and habit.tables:
        typist.label(_relabel(typist, label))
        rows = [["Rolle", "Omfang"]]
        for t in texts:
            role, _, amount = t.partition(":")
            rows.append([role.strip(), amount.strip()])
        typist.table(rows)
        return state
    shown = _relabel(typist, label)
    bullets = [v.text for v in value if v.style == "ListBullet"]
    if value and len(bullets) == len(value) and not (label.startswith("Ansvars")):
        typist.label(shown)
        typist.bullets(bullets)
        return state
    if label.startswith("Ansvars"):
        typist.label(shown)
        for v in value:
            if v.style == "Mellemrubrik":
                typist.paragraph(v.text, bold=True)
            elif v.style == "ListBullet":
                typist.paragraph(v.text, "List Bullet" if not habit.pdf else None)
            else:
                typist.paragraph(v.text)
        return state
    if len(value) == 1 and value[0].style != "ListBullet":
        typist.label(shown, value[0].text)
        return state
    typist.label(shown)
    for v in value:
        if v.style == "ListBullet":
            typist.bullets([v.text])
        else:
            typist.paragraph(v.text, bold=v.style == "Mellemrubrik")
    return state


def _with_subjects(value: list[Para]) -> list[str]:
    return [(BULLET if v.style == "ListBullet" else "") + v.text for v in value]


BULLET = "\x00"  # a cell paragraph typed as a bullet


_CONTACT = re.compile(r"^Kontaktperson(?P<emne>[^:]*):\s*(?P<navn>.+?)\s*\((?P<titel>[^)]*)\)\s*:\s*"
                      r"(?P<telefon>[^/]*?)\s*/\s*(?P<email>\S+)$")


def _parties(typist: Typist, label: str, value: list[Para]) -> None:
    habit = typist.habit
    parties: list[tuple[str, dict | None]] = []
    for v in value:
        found = _CONTACT.match(v.text)
        if found and parties:
            parties[-1] = (parties[-1][0], found.groupdict())
        elif not found:
            parties.append((v.text, None))
    if habit.tables:
        typist.label(label)
        rows = [["Part", "Kontaktperson", "Titel", "Telefon", "E-mail"]]
        for name, c in parties:
            if c and not habit.contacts_in_plan_only:
                rows.append([name, c["navn"], c["titel"], c["telefon"], c["email"]])
            else:
                rows.append([name, "", "", "", ""])
        typist.table(rows)
        return
    typist.label(label)
    for name, c in parties:
        line = None
        if c and not habit.contacts_in_plan_only:
            if habit.name_first:
                line = f"{c['navn']}, {c['titel']}, {c['telefon']}, {c['email']}"
            else:
                line = f"Kontaktperson: {c['titel']} {c['navn']}: tlf. {c['telefon']} / {c['email']}"
        if habit.soft_breaks and line:
            typist.paragraph(f"{name}\n{line}", bold=False)
        else:
            typist.paragraph(name, bold=True)
            if line:
                typist.paragraph(line)


# --- the corpus ------------------------------------------------------------------------


def write(agreement: Path, folder: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Each variant as one .docx in folder (every document of the plan in it)."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        streams = [items(p) for p in build(agreement, Path(tmp) / "out")]
    # the strategic agreement, the delaftaler, the beredskabsplan, the kommissorium
    out: dict[str, Path] = {}
    for name in names or list(VARIANTS):
        habit = VARIANTS[name]
        typist = Typist(habit)
        for stream in streams:
            retype(typist, copy.deepcopy(stream))
        path = folder / f"{name}.docx"
        typist.save(path)
        out[name] = path
    return out


def round_trips(sources: dict[str, Path], folder: Path) -> dict[str, Path]:
    """Each (variant, format) of ROUND_TRIPS saved once by LibreOffice in that
    format and back to .docx: one soffice start per format and one back."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    out: dict[str, Path] = {}
    if soffice is None:
        return out
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        profile = f"-env:UserInstallation=file://{tmpdir / 'profile'}"
        middles = []
        for via in sorted({v for vias in ROUND_TRIPS.values() for v in vias}):
            names = [n for n, vias in ROUND_TRIPS.items() if via in vias and n in sources]
            if not names:
                continue
            target = tmpdir / via
            target.mkdir()
            for name in names:  # the file's name says its way back
                shutil.copy(sources[name], target / f"{name}_{via}.docx")
            filt = {"html": "html:HTML (StarWriter)"}.get(via, via)
            subprocess.run([soffice, profile, "--headless", "--convert-to", filt, "--outdir", str(target / "out"),
                            *map(str, sorted(target.glob("*.docx")))], capture_output=True, timeout=300, check=True)
            middles += sorted((target / "out").iterdir())
        if middles:
            subprocess.run([soffice, profile, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                            str(tmpdir / "back"), *map(str, middles)], capture_output=True, timeout=300, check=True)
            for path in sorted((tmpdir / "back").glob("*.docx")):
                out[path.stem] = Path(shutil.copy(path, folder / path.name))
    return out


def corpus(agreement: Path, folder: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Every variant, and its LibreOffice round trips (when soffice is there)."""
    out = write(agreement, folder, names)
    out.update(round_trips(out, folder))
    return out


# --- measuring, as ../shared/tools/placement.py measures ------------------------------------------

MIN_WORDS = 6
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def normalise(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"[\u2018\u2019\u201a\u201b\u2032`´]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e\u201f\u2033«»]", '"', text)
    text = text.replace("•", " ").replace("…", "...")
    return re.sub(r"\s+", " ", text).strip().lower()


def sentences(raw: str) -> list[str]:
    """Sentences of six words or more of a Markdown text."""
    text = re.sub(r"\\([\[\]()_*#])", r"\1", raw)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\*\*|__", "\n", text)
    text = re.sub(r"(?<!\w)\*|\*(?!\w)", " ", text)
    text = re.sub(r"^\s*#+\s*", "", text, flags=re.M)
    text = re.sub(r"^\s*[-•]\s+", "", text, flags=re.M).replace("\t", "\n")
    out: list[str] = []
    for line in text.split("\n"):
        for part in re.split(r"(?<=[.!?:])\s+(?=[A-ZÆØÅ0-9\"(])", line):
            part = normalise(part).rstrip(" .:;,")
            if len(part.split()) >= MIN_WORDS and part not in out:
                out.append(part)
    return out


def _plain(value: str) -> str:
    value = re.sub(r"\*\*|__|(?<!\w)\*|\*(?!\w)", "", value)
    value = re.sub(r"^\s*(?:[-*]|#+)\s+", "", value, flags=re.M)
    value = re.sub(r"^\s*\|?\s*-{3,}.*$", "", value, flags=re.M)
    return normalise(value.replace("|", " ").replace("\\\n", " "))


def _leaves(value, path: str = ""):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item, path)


def document_text(path: Path) -> str:
    """The body's paragraphs and table cells, as the shared tools read a document."""
    return "\n".join(paragraphs(path, headers=False))


@dataclass
class Placement:
    right: list[str]
    wrong: list[str]
    reported: list[str]
    lost: list[str]
    emails: int
    all_emails: int

    @property
    def percent(self) -> float:
        n = len(self.right) + len(self.wrong) + len(self.reported) + len(self.lost)
        return 100 * len(self.right) / (n or 1)

    def __str__(self) -> str:
        n = len(self.right) + len(self.wrong) + len(self.reported) + len(self.lost)
        return (f"right field {len(self.right)}/{n} ({self.percent:.1f}%), wrong field {len(self.wrong)}, "
                f"reported {len(self.reported)}, lost {len(self.lost)}; e-mails {self.emails}/{self.all_emails}")


def placement(reference: Path, imported: Path, documents: list[Path]) -> Placement:
    """Where the imported file put each of the reference's sentences that the documents carry."""
    import tomllib

    ref = [(p, _plain(t)) for p, t in _leaves(tomllib.loads(reference.read_text(encoding="utf-8")))]
    text = imported.read_text(encoding="utf-8")
    imp = [(p, _plain(t)) for p, t in _leaves(tomllib.loads(text))]
    raw = "\n".join(t for _, t in ref)  # as the tool cuts them: a field's text at a time
    carried = normalise("\n".join(document_text(d) for d in documents))
    wanted = [s for s in sentences(raw) if s in carried]
    emails = sorted({m.lower() for m in EMAIL.findall(raw) if m.lower() in carried})
    report = ""
    if "IKKE PLACERET" in text:
        block = text.split("IKKE PLACERET", 1)[1]
        report = normalise(" ".join(ln.lstrip("# ").strip() for ln in block.splitlines() if ln.startswith("#")))
    result = Placement([], [], [], [], 0, len(emails))
    for s in wanted:
        home = {p for p, t in ref if s in t}
        where = {p for p, t in imp if s in t}
        if where & home:
            result.right.append(s)
        elif where:
            result.wrong.append(f"{s[:70]} [{', '.join(sorted(home))} → {', '.join(sorted(where))}]")
        elif s in report:
            result.reported.append(s)
        else:
            result.lost.append(s)
    everything = " ".join(t for _, t in imp)
    result.emails = sum(1 for e in emails if e in everything)
    return result


if __name__ == "__main__":
    args = sys.argv[1:]
    for name, path in corpus(Path(args[0]), Path(args[1]), args[2:] or None).items():
        print(name, path)
