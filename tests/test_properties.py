"""Property tests: any valid agreement builds, and what people type comes out.

Hypothesis varies tests/data/minimal.toml's parsed data: the texts (any
printable Unicode, Danish letters, Word and template markup, Markdown in
the long texts), how many parties, bodies, indsatsområder, activities,
indicators and milestones there are, how each role's staff years are split
over the delaftaler (always summing exactly), the budget's expenses, with
financing set so each period balances and Landsbyggefonden pays at most
75 %, and milestone times inside the period.  The data is written to TOML
with tomli_w and built as a user builds it.
"""
from __future__ import annotations

import copy
import datetime as dt
import os
import tomllib
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest
import tomli_w
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from docgen.figures.budget_math import BudgetFigures
from docgen.errors import InputError
from docgen.model.lbf import AREAS
from docgen.source.load import load
from docgen.model.agreement import AgreementFile
from docgen.pipeline import build

from conftest import MINIMAL
from docx_text import text as docx_text

BASE = tomllib.loads(MINIMAL.read_text(encoding="utf-8"), parse_float=Decimal)
START, END = BASE["aftale"]["fra"], BASE["aftale"]["til"]
PERIODS = [p["id"] for p in BASE["budget"]["perioder"]]

# The same examples on every run, so CI cannot fail on a new random draw;
# DOCGEN_HYPOTHESIS_RANDOM=1 explores new ones (do that when changing the code).
DERANDOMIZE = os.environ.get("DOCGEN_HYPOTHESIS_RANDOM") != "1"

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    derandomize=DERANDOMIZE,
    database=None,  # no .hypothesis folder in the project
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- texts ----------------------------------------------------------------------

# Printable: no control characters (tab and newline are added to Markdown
# below), no surrogates, no XML non-characters, no line/paragraph separators.
CHARACTERS = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufffe\uffff")
MARKUP = st.sampled_from([
    "{{ 7*7 }}", "{% if x %}", "{{", "}}", "{%", "%}", "<w:p>", "</w:t>", "]]>", "<![CDATA[", "&", "&amp;",
    "æøå", "ÆØÅ", '"', "'", "\\", '"""', "'''", "#", "[[x]]", "*", "**", "_", "`", " ", "1.", "-",
])
line_text = st.lists(st.one_of(st.text(CHARACTERS, min_size=1, max_size=8), MARKUP), min_size=1, max_size=4).map("".join)
markdown_line = st.one_of(
    line_text,
    line_text.map(lambda s: "- " + s),
    line_text.map(lambda s: "  - " + s),
    line_text.map(lambda s: "### " + s),
    line_text.map(lambda s: f"**{s}** og *{s}*"),
    line_text.map(lambda s: s + "\t" + s),
    st.just(""),
)
markdown = st.lists(markdown_line, max_size=5).map("\n".join)
ids = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)


def split(draw, total: int, parts: int) -> list[int]:
    """``total`` as ``parts`` positive whole numbers that add up to it."""
    if parts == 1:
        return [total]
    cuts = sorted(draw(st.lists(st.integers(1, total - 1), min_size=parts - 1, max_size=parts - 1, unique=True)))
    edges = [0, *cuts, total]
    return [b - a for a, b in zip(edges, edges[1:])]


def subset(draw, items: list, min_size: int = 1) -> list:
    return draw(st.lists(st.sampled_from(items), min_size=min_size, max_size=min(3, len(items)), unique=True))


# --- a whole valid agreement ------------------------------------------------------


@st.composite
def agreements(draw) -> dict:
    data = copy.deepcopy(BASE)
    text = lambda: draw(line_text)  # noqa: E731
    md = lambda: draw(markdown)  # noqa: E731

    for key in ("vision", "lokal_evaluering", "revision", "delaftale_revision"):
        data[key] = md()
    data["aftale"]["omraadenavn"] = text()

    # parties: the three of minimal.toml, renamed, and up to three more
    for party in data["parter"]:
        party["navn"] = text()
    extra = draw(st.lists(ids.filter(lambda i: i not in ("bo", "kommune", "hp")), max_size=3, unique=True))
    for party_id in extra:
        party = {"id": party_id, "navn": text()}
        if draw(st.booleans()):
            party["kortnavn"] = text()
        if draw(st.booleans()):
            party["kontakt"] = {"navn": text(), "titel": text(), "email": text(), "telefon": text()}
        data["parter"].append(party)
    parties = [p["id"] for p in data["parter"]]

    area = data["boligomraade"]
    area.update(indledning=md(), beliggenhed=text(), beskrivelse=md(),
                husstande=draw(st.integers(1, 10**6)), beboere=draw(st.integers(1, 10**6)))
    area["afdelinger"] = [
        {"organisation": draw(st.sampled_from(parties)), "navn": text(), **({"nummer": text()} if draw(st.booleans()) else {})}
        for _ in range(draw(st.integers(1, 3)))
    ]

    # bodies: a tree under the board, which the kommissorium names
    body_ids = ["bestyrelsen", *draw(st.lists(ids.filter(lambda i: i != "bestyrelsen"), max_size=3, unique=True))]
    bodies = []
    for n, body_id in enumerate(body_ids):
        body = {"id": body_id, "navn": text(), "beskrivelse": md(), "i_samarbejdsstrukturen": draw(st.booleans())}
        if draw(st.booleans()):
            body["sammensaetning"] = md()
        if n and draw(st.booleans()):
            body["under"] = draw(st.sampled_from(body_ids[:n]))
        bodies.append(body)
    data["organisation"] = {"indledning": md(), "lokal_tilstedevaerelse": md(), "organer": bodies}
    data["samspil"] = [{"titel": text(), "tekst": md()} for _ in range(draw(st.integers(0, 2)))]

    # indsatsområder, each with its goals and a delaftale
    areas = draw(st.lists(st.sampled_from(list(AREAS)), min_size=1, max_size=4, unique=True))
    data["omraader"] = [
        {"id": a, "maal": text(), "problemkompleks_overskrift": text(), "problemkompleks": md(),
         "indikatorer": [{"indikator": text(), "baseline_omraade": text(), "datakilde": text()}
                         for _ in range(draw(st.integers(1, 3)))]}
        for a in areas
    ]

    # staff: each role's total split exactly over the delaftaler it works in
    leader, student = data["medarbejdere"]
    leader.update(titel=text(), aarsloen=draw(st.integers(100_000, 900_000)))
    student.update(titel=text(), timeloen=draw(st.integers(100, 400)))
    hundredths = draw(st.integers(len(areas), 400))
    leader["aarsvaerk"] = Decimal(hundredths) / 100
    allocations = {a: [] for a in areas}
    for a, part in zip(areas, split(draw, hundredths, len(areas))):
        allocations[a].append({"rolle": "leder", "aarsvaerk": Decimal(part) / 100})
    student_areas = subset(draw, areas)
    halves = draw(st.integers(len(student_areas), 74))
    student["timer_pr_uge"] = Decimal(halves) / 2
    for a, part in zip(student_areas, split(draw, halves, len(student_areas))):
        allocations[a].append({"rolle": "student", "timer_pr_uge": Decimal(part) / 2})

    activity_ids = draw(st.lists(ids, min_size=len(areas), max_size=len(areas) + 3, unique=True))
    per_area = {a: [activity_ids[n]] for n, a in enumerate(areas)}
    for activity_id in activity_ids[len(areas):]:
        per_area[draw(st.sampled_from(areas))].append(activity_id)
    data["delaftaler"] = [
        {
            "omraade": a,
            "parter": subset(draw, parties),
            "delmaal": [{"maal": text(), "datakilde": text(), "baseline_periode": text(),
                         "indikatorer": [{"indikator": text(), "baseline": text()} for _ in range(draw(st.integers(1, 2)))]}
                        for _ in range(draw(st.integers(1, 2)))],
            "medarbejdere": allocations[a],
            "kommunal_sammenhaeng": md(),
            "aktiviteter": [
                {"id": activity_id, "navn": text(), "formaal": md(), "indhold": md(),
                 "maalgrupper": [text() for _ in range(draw(st.integers(1, 2)))],
                 "ansvar": [{"parter": subset(draw, parties), "tekst": md(),
                             **({"overskrift": text()} if draw(st.booleans()) else {})}
                            for _ in range(draw(st.integers(1, 2)))]}
                for activity_id in per_area[a]
            ],
        }
        for a in areas
    ]

    # budget: expenses as drawn, then financing that balances every period
    # with Landsbyggefonden at most 75 %
    categories = ["aktiviteter", "lokaler", "administration", "evaluering", "revision", "andet"]
    expenses = []
    for _ in range(draw(st.integers(0, 3))):
        category = draw(st.sampled_from(categories))
        line = {"kategori": category, "tekst": text(),
                "beloeb": {p: draw(st.integers(0, 300_000)) for p in subset(draw, PERIODS)}}
        if category == "aktiviteter":
            line["omraade"] = draw(st.sampled_from(areas))
        expenses.append(line)
    data["budget"]["udgifter"] = expenses
    data["budget"]["finansiering"] = [{"kilde": "lbf", "beloeb": {}}]
    figures = BudgetFigures(AgreementFile.model_validate(data))
    lbf, municipality, housing = {}, {}, {}
    for n, period in enumerate(PERIODS):
        total = int(figures.expense_total(n))
        lbf[period] = max(0, total * 3 // 4 - draw(st.integers(0, 1000)))
        municipality[period] = (total - lbf[period]) // 2
        housing[period] = total - lbf[period] - municipality[period]
    data["budget"]["finansiering"] = [
        {"kilde": "lbf", "beloeb": lbf},
        {"kilde": "kommune", "part": "kommune", "beloeb": municipality},
        {"kilde": "boligorganisation", "part": "bo", "beloeb": housing, **({"tekst": text()} if draw(st.booleans()) else {})},
    ]

    # milestones inside the period: a day, a month or a whole quarter
    milestones = []
    for _ in range(draw(st.integers(1, 4))):
        milestone = {"titel": text(), "ansvarlig": draw(st.sampled_from(parties)),
                     "status": draw(st.sampled_from(["planlagt", "i_gang", "naaet", "udskudt", "aflyst"]))}
        kind = draw(st.sampled_from(["dato", "maaned", "kvartal"]))
        if kind == "dato":
            milestone["dato"] = draw(st.dates(START, END))
        elif kind == "maaned":
            day = draw(st.dates(START, END))
            milestone["maaned"] = f"{day.year}-{day.month:02d}"
        else:  # a quarter wholly inside 1 Sept 2024 - 31 Aug 2028
            day = draw(st.dates(dt.date(2024, 10, 1), dt.date(2028, 6, 30)))
            milestone["kvartal"] = f"{day.year}-K{(day.month - 1) // 3 + 1}"
        link = draw(st.sampled_from(["aktivitet", "omraade", None]))
        if link == "aktivitet":
            milestone["aktivitet"] = draw(st.sampled_from(activity_ids))
        elif link == "omraade":
            milestone["omraade"] = draw(st.sampled_from(areas))
        milestones.append(milestone)
    data["milepaele"] = milestones

    data["beredskabsplan"] = {
        "formaal": md(),
        "kontakter": subset(draw, parties),
        "situationer": [
            {"titel": text(), "beskrivelse": md(), "informeres": subset(draw, parties, min_size=0),
             "handlinger": [{"handling": text(), "hvem": subset(draw, parties)} for _ in range(draw(st.integers(1, 2)))]}
            for _ in range(draw(st.integers(1, 2)))
        ],
    }
    data["kommissorium"] = {
        "organ": draw(st.sampled_from(body_ids)),
        "baggrund": md(), "formaal": md(), "moeder": md(), "sekretariat": md(),
        "medlemmer": [{"part": draw(st.sampled_from(parties)), "rolle": text(), "antal": draw(st.integers(1, 3))}
                      for _ in range(draw(st.integers(1, 3)))],
        "opgaver": [text() for _ in range(draw(st.integers(1, 3)))],
    }
    return data


def write(data: dict, folder: Path, multiline: bool) -> Path:
    path = folder / "agreement.toml"
    path.write_text(tomli_w.dumps(data, multiline_strings=multiline), encoding="utf-8")
    return path


def written(out: Path) -> list[Path]:
    """The documents a build wrote, in upload order."""
    return sorted(p for p in out.iterdir() if p.suffix in (".docx", ".xlsx"))


def assert_documents_open(paths: list[Path]) -> None:
    for path in paths:
        if path.suffix == ".docx":
            Document(str(path))
            with zipfile.ZipFile(path) as z:
                ElementTree.fromstring(z.read("word/document.xml"))
        elif path.suffix == ".xlsx":
            load_workbook(path)


@SETTINGS
@given(data=agreements(), multiline=st.booleans())
def test_any_valid_agreement_builds_and_its_documents_open(data, multiline, tmp_path_factory):
    folder = tmp_path_factory.mktemp("agreement")
    path = write(data, folder, multiline)
    try:
        build(path, folder / "output")
    except InputError as error:  # the generator made a file docgen rejects: say what
        pytest.fail(f"a valid agreement was rejected:\n{error}\n\n{path.read_text(encoding='utf-8')}")
    documents = written(folder / "output")
    assert len(documents) == 6 + len(data["delaftaler"])
    assert_documents_open(documents)


# --- markup comes out literally ---------------------------------------------------

# Words Markdown leaves alone (no * _ ` # > - . \ at a line start or anywhere),
# so what is typed is exactly what the paragraph says.
LITERAL_WORD = st.one_of(
    st.text(st.characters(whitelist_categories=("L", "N"), blacklist_characters="\ufffe\uffff"), min_size=1, max_size=6),
    st.sampled_from(["{{", "}}", "{{ 7*7 }}", "{%", "%}", "{% if x %}", "<w:p>", "</w:t>", "]]>", "<![CDATA[",
                     "{_{", "}_}", "{_%", "%_}", "{_{ x }_}", "&", "&amp;", "&lt;", "&P", "&&T", "æøå", "ÆØÅ", '"', "'", "$", "@", "%", "=", ":", ";", "/", "?", "(", ")", "{", "}"]),
)
literal_text = st.lists(LITERAL_WORD, min_size=1, max_size=6).map(" ".join)


@SETTINGS
@given(vision=literal_text, title=literal_text, indicator=literal_text)
def test_markup_round_trips_literally_into_the_strategic_agreement(vision, title, indicator, tmp_path_factory):
    data = copy.deepcopy(BASE)
    data["vision"] = vision
    data["samspil"] = [{"titel": title, "tekst": vision}]
    data["omraader"][0]["indikatorer"][0]["indikator"] = indicator
    folder = tmp_path_factory.mktemp("markup")
    build(write(data, folder, multiline=False), folder / "output")
    strategic = written(folder / "output")[0]
    paragraphs = docx_text(strategic).split("\n")
    assert vision in paragraphs
    assert title in paragraphs
    assert indicator in paragraphs


@SETTINGS
@given(area=literal_text, line=literal_text)
def test_text_round_trips_literally_into_the_workbooks(area, line, tmp_path_factory):
    data = copy.deepcopy(BASE)
    data["aftale"]["omraadenavn"] = area
    data["budget"]["udgifter"][0]["tekst"] = "=" + line  # never a formula
    folder = tmp_path_factory.mktemp("workbook")
    build(write(data, folder, multiline=False), folder / "output")
    [budget] = [p for p in written(folder / "output") if "Budget" in p.name]
    sheet = load_workbook(budget).worksheets[0]
    # a header or footer prints '&&' as one '&'; a lone '&' is a control code
    assert sheet.oddFooter.left.text.replace("&&", "&") == f"Budget – {area}"
    assert "&" not in sheet.oddFooter.left.text.replace("&&", "")
    texts = [c for row in sheet.iter_rows() for c in row if c.value == "=" + line]
    assert texts and all(c.data_type == "s" for c in texts)
    assert any(area in str(c.value) for row in sheet.iter_rows(max_row=2) for c in row)


# --- a misspelt key is found on its line, whatever it is called -------------------


def _aliases(model, seen=None) -> set[str]:
    """Every key the model knows, in any table."""
    from pydantic import BaseModel

    seen = set() if seen is None else seen
    keys = set()
    for field in model.model_fields.values():
        keys.add(field.alias)
        stack = [field.annotation]
        while stack:
            annotation = stack.pop()
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                if annotation not in seen:
                    seen.add(annotation)
                    keys |= _aliases(annotation, seen)
            else:
                stack.extend(getattr(annotation, "__args__", ()))
    return keys


KNOWN_KEYS = _aliases(AgreementFile)
TABLES = [(), ("aftale",), ("boligomraade",), ("parter", 1, "kontakt"), ("delaftaler", 0, "aktiviteter", 0),
          ("kommissorium",)]
MARKER = 987654321


@settings(max_examples=50, deadline=None, database=None, derandomize=DERANDOMIZE)
@given(
    key=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12).filter(lambda k: k not in KNOWN_KEYS),
    table=st.sampled_from(TABLES),
    vision=markdown,
    multiline=st.booleans(),
)
def test_an_unknown_key_is_reported_on_its_line(key, table, vision, multiline, tmp_path_factory):
    data = copy.deepcopy(BASE)
    data["vision"] = vision  # long texts before the key, which the line scanner must step over
    target = data
    for part in table:
        target = target[part]
    target[key] = MARKER
    text = tomli_w.dumps(data, multiline_strings=multiline)
    written = tomli_w.dumps({key: MARKER}).strip()  # how the key is spelt in the file
    line = text.split("\n").index(written) + 1
    path = tmp_path_factory.mktemp("key") / "agreement.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load(path)
    [diagnostic] = info.value.diagnostics
    assert "ukendt nøgle" in diagnostic.message
    assert diagnostic.line == line, text


# --- no text of a field is lost, whatever Markdown it holds -----------------------

WORD = st.from_regex(r"[a-zæøå]{2,7}", fullmatch=True)


@st.composite
def inline_piece(draw) -> str:
    w, v = draw(WORD), draw(WORD)
    return draw(st.sampled_from([
        w, f"**{w}**", f"*{w}*", f"_{w}_", f"`{w}`", f"``{w} ` {v}``", f"[{w}](https://{v}.dk/{w})",
        f'[{w}](https://{v}.dk "{w} {v}")', f"[](https://{w}.dk)", f"[{w}]({v}.pdf)", f"[{w}](mailto:{v}@{w}.dk)",
        f"![{w}]({v}.png)", f"<https://{w}.dk/{v}>", f"<{w}@{v}.dk>", f"<{w}>{v}</{w}>", f"<!-- {w} -->",
        f"[{w}][{v}]", f"\\*{w}\\*", f"&amp;{w}", f"{w}\\", f"[[{w}]]", f"{w}|{v}", f"~~{w}~~",
    ]))


line = st.lists(inline_piece(), min_size=1, max_size=4).map(" ".join)


@st.composite
def markdown_block(draw) -> str:
    text, w, v = draw(line), draw(WORD), draw(WORD)
    deep = draw(st.integers(0, 24))
    return draw(st.sampled_from([
        text, f"- {text}", f"1. {text}", f"009) {text}", f"### {text}", f"{text}\n===", "---",
        ">" * deep + " " + text,
        "\n".join("  " * n + f"- {w}{n}" for n in range(deep)) + f"\n\n{text}",
        f"- {w}\n\n  > {text}", f"```\n{text}\n```", f"```{w}\n{text}\n```", f"~~~\n{text}",
        f"| {w} | {v} |\n|---|---|\n| {text} | {v} |", f"| {w} |\n|---|\n| {text} | {v} |",
        f"[{w}]: https://{v}.dk", f"    {text}", f"\t{text}",
    ]))


markdown_text = st.lists(markdown_block(), min_size=1, max_size=4).flatmap(
    lambda blocks: st.sampled_from(["\n\n", "\n"]).map(lambda sep: sep.join(blocks)))

_WORDS = __import__("re").compile(r"[^\W_]+")


def document_words(data: bytes):
    """Every word a .docx says: its text, and its hyperlinks' addresses and tooltips."""
    import html
    import re
    from collections import Counter

    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    parts = re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml) + re.findall(r'w:tooltip="([^"]*)"', xml)
    targets = dict(re.findall(r'Id="([^"]+)"[^>]*Target="([^"]*)" TargetMode="External"', rels))
    parts += [targets[rid] for rid in re.findall(r'<w:hyperlink r:id="([^"]+)"', xml)]  # one per link
    return Counter(w for p in parts for w in _WORDS.findall(html.unescape(p)))


# A text rendered as paragraphs of its own, and one written inside an
# existing paragraph (render_inline), both in the strategic agreement.
TEXT_FIELDS = {
    "vision": lambda data, text: data.__setitem__("vision", text),
    "organisation.organer[1].sammensaetning":
        lambda data, text: data["organisation"]["organer"][0].__setitem__("sammensaetning", text),
}


def _strategic(text: str, folder: Path, field: str = "vision"):
    """The strategic agreement's .docx bytes, or the InputError check raises."""
    from docgen.documents import all_documents
    from docgen.pipeline import check
    from docgen.render.docx import render
    from docgen.render.templates import BUILT_IN

    data = copy.deepcopy(BASE)
    TEXT_FIELDS[field](data, text)
    _, agreement = check(write(data, folder, multiline=True))
    return render(all_documents(agreement)[0], BUILT_IN)


@settings(max_examples=60, deadline=None, derandomize=DERANDOMIZE, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=markdown_text)
@pytest.mark.parametrize("field", sorted(TEXT_FIELDS))
def test_no_text_of_a_field_is_missing_whatever_markdown_it_holds(field, text, tmp_path_factory):
    """Nesting, links, pictures, code, HTML, tables: every word of the text
    is in the rendered document (as text, or as a link's address or
    tooltip), or validation refused the text, naming its field and line."""
    from collections import Counter

    folder = tmp_path_factory.mktemp("markdown")
    try:
        rendered = _strategic(text, folder, field)
    except InputError as error:
        assert error.diagnostics and all(d.path == field and d.line for d in error.diagnostics), str(error)
        return
    without = _strategic("x", tmp_path_factory.mktemp("markdown"), field)
    missing = Counter(_WORDS.findall(text)) - (document_words(rendered) - document_words(without))
    assert not missing, f"missing {dict(missing)} of:\n{text}"
