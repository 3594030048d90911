"""The documentation tells the truth: README is short and carries the two
set-up commands, a picture and the way into the guide; every picture the
docs link is one docs/make_pictures.py makes; every Linux/macOS command in
the guide runs as shown, in order, in a new plan folder; and the guide's
example errors are what docgen says about the shipped file."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.pipeline import check

from conftest import AGREEMENT, ROOT, TWO_AREAS, diagnostics_of

README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDE_PATH = ROOT / "docs" / "brugervejledning.md"
GUIDE = GUIDE_PATH.read_text(encoding="utf-8")
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
INSTALL = "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/docgen build"
TEST = 'python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/python -m pytest'


def guide_line(path: str) -> int:
    """The line the guide's reference part (about the shipped agreement) gives for ``path``."""
    reference = GUIDE.split("## Opslag", 1)[1]
    match = re.search(rf"agreement\.toml, linje (\d+) \[{re.escape(path)}\]", reference)
    assert match, path
    return int(match.group(1))


# --- README ------------------------------------------------------------------------


def test_readme_is_short_with_the_two_commands_a_picture_and_the_guide():
    prose = re.sub(r"```.*?```", "", README, flags=re.S)
    assert len(prose.split()) < 1200
    assert INSTALL in README and TEST in README
    assert re.search(r"!\[[^\]]*\]\((docs/billeder/[^)]+\.png)\)", README)
    assert "(docs/brugervejledning.md" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert TEST in ci  # CI runs exactly README's test command


def _prose(text: str) -> str:
    """``text`` without code blocks and code spans, where a link is only an example."""
    text = re.sub(r"(?ms)^(```|````).*?^\1", "", text)
    return re.sub(r"(`+).+?\1", "", text)


def _anchor(heading: str) -> str:
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def test_every_link_between_the_docs_finds_its_file_and_heading():
    for doc in DOCS:
        text = _prose(doc.read_text(encoding="utf-8"))
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            path, _, anchor = target.partition("#")
            file = (doc.parent / path).resolve() if path else doc
            assert file.exists(), f"{doc.name}: {target}"
            if anchor and file.suffix == ".md":
                headings = {_anchor(h) for h in re.findall(r"(?m)^#+ (.*)$", file.read_text(encoding="utf-8"))}
                assert anchor in headings, f"{doc.name}: {target}"


# --- pictures ------------------------------------------------------------------------


def _linked_pictures() -> set[Path]:
    found = set()
    for doc in DOCS:
        for target in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", _prose(doc.read_text(encoding="utf-8"))):
            found.add((doc.parent / target).resolve())
    return found


def test_every_linked_picture_is_in_the_repository_and_small():
    pictures = _linked_pictures()
    assert len(pictures) >= 9  # a page of each of the 7 kinds, the staff years, the upload list
    for picture in pictures:
        assert picture.exists(), picture
        assert picture.stat().st_size < 400_000, picture


needs_tools = pytest.mark.skipif(
    (shutil.which("soffice") is None or shutil.which("pdftoppm") is None or shutil.which("chromium") is None)
    and os.environ.get("DOCGEN_REQUIRE_LIBREOFFICE") != "1",
    reason="LibreOffice, pdftoppm eller Chromium er ikke installeret")


@needs_tools
def test_the_picture_script_makes_every_picture_the_docs_link(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "docs" / "make_pictures.py"), "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    made = {p.name for p in tmp_path.glob("*.png")}
    linked = {p.name for p in _linked_pictures() if p.parent == (ROOT / "docs" / "billeder").resolve()}
    assert linked <= made, linked - made
    for name in made:
        assert (tmp_path / name).stat().st_size > 2_000  # a real picture, not an empty file


# --- the guide's commands, typed as shown -----------------------------------------------------
#
# The guide is followed as a reader follows it: docgen's folder (a copy of this repository) in a
# home folder, README's install typed there, then every command block in the guide's order, each
# line in a new login shell whose PATH does not name docgen's virtual environment (a new terminal
# window), and each output compared with the block the guide shows under it.  Where the reader
# edits agreement.toml, the guide says exactly what to type, and the test types that.  The one
# thing the test does that a reader does not is the partner's: the municipality's edit in Word.

BARE_PATH = "/usr/local/bin:/usr/bin:/bin"
GUIDE_DAY = dt.date(2026, 12, 7)  # the day the guide's run was made: today's date in an output is shown as it
_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december")


def _danish(day: dt.date) -> str:
    return f"{day.day}. {_MONTHS[day.month - 1]} {day.year}"


def _steps(text: str):
    """(actions, sh block, the plain block showing its output or None) in the guide's order; the
    actions are the <!-- prøve: … --> comments since the previous sh block, with the ```toml blocks
    that follow each (what the reader types)."""
    found = []
    actions: list[tuple[str, list[str]]] = []
    waiting = False  # the block after an sh block (a Windows block aside) is its output, when it is a plain one
    for match in re.finditer(r"<!-- prøve: ([^>]*?) -->|^(```+)(\w*)\n(.*?)^\2[ \t]*$", text, flags=re.M | re.S):
        language = match.group(3)
        if match.group(1):
            actions.append((match.group(1).strip(), []))
            waiting = False
        elif language == "sh":
            found.append([actions, match.group(4), None])
            actions, waiting = [], True
        elif language == "bat":
            continue
        elif language == "toml" and actions:
            actions[-1][1].append(match.group(4).strip())
        elif language == "" and waiting:
            found[-1][2] = match.group(4)
            waiting = False
        else:
            waiting = False
    return found


def _shows(expected: str, actual: str) -> bool:
    """The output is what the guide shows: line for line, where a line '...' stands for any
    number of lines and a line ending in ' ...' for any ending of that line."""
    want = expected.rstrip("\n").split("\n")
    got = actual.rstrip("\n").split("\n")

    def match(i: int, j: int) -> bool:
        if i == len(want):
            return j == len(got)
        if want[i] == "...":
            return any(match(i + 1, k) for k in range(j, len(got) + 1))
        if j == len(got):
            return False
        line = want[i]
        same = got[j].startswith(line[:-3]) if line.endswith(" ...") else got[j].rstrip() == line.rstrip()
        return same and match(i + 1, j + 1)

    return match(0, 0)


def _as_on_the_guides_day(output: str) -> str:
    today = dt.date.today()
    return output.replace(today.isoformat(), GUIDE_DAY.isoformat()).replace(_danish(today), _danish(GUIDE_DAY))


def _partner_edits_in_word(plan: Path) -> None:
    """The municipality's edit of the delaftale, returned as the guide's §7 tells."""
    from importing.test_word import _paragraphs, add_paragraph  # noqa: PLC0415 - the tests' own Word helpers

    from docx import Document

    document = Document(plan / "output" / "02 Delaftale - Beskæftigelse.docx")
    for p in list(_paragraphs(document)):
        if p.text == "At flere unge får et fritidsjob.":
            p.runs[0].text = "At flere unge får et fritidsjob eller en læreplads."
            for run in p.runs[1:]:
                run.text = ""
        elif p.text == "Unge 13-17 år":
            add_paragraph(p, "Forældre til unge 13-17 år")
    document.save(plan / "Delaftale Beskæftigelse - rettet af kommunen.docx")


def _agreement_in_word(plan: Path) -> None:
    """A plan's own agreement in Word (the section 'Har I allerede en aftale i Word?'): the seed
    (beside the repository), else the strategic agreement docgen builds from the example."""
    from importing.seed_word import careful, seed_path  # noqa: PLC0415 - the tests' own Word versions of the seed

    target = plan / "Samarbejdsaftale Husum-Tingbjerg 2024-2028.docx"
    if seed_path() is not None:
        careful(seed_path(), target)
    else:
        from docgen.pipeline import build

        built = plan.parent / "eksempel"
        built.mkdir()
        shutil.copyfile(AGREEMENT, built / "agreement.toml")
        build(built / "agreement.toml", built / "output")
        shutil.copyfile(built / "output" / "01 Strategisk samarbejdsaftale - Husum-Tingbjerg.docx", target)


def _typed(action: str, typed: list[str], plan: Path, last_output: str) -> None:
    """What the reader does between two blocks, exactly as the guide says it."""
    fil = plan / "agreement.toml"
    text = fil.read_text(encoding="utf-8") if fil.exists() else ""
    if action == "ret":
        # the guide shows the line as it is and as it becomes
        old, new = typed
        assert text.count(old) == 1, old
        fil.write_text(text.replace(old, new), encoding="utf-8")
    elif action == "indsæt-forslag":
        # the suggested [[revisioner]] from the output above, copied as it stands, pasted at the end
        block = re.search(r"^\[\[revisioner\]\]\n.*?^udkast = true$", last_output, flags=re.S | re.M)
        assert block, last_output
        fil.write_text(text.rstrip("\n") + "\n\n" + block.group(0) + "\n", encoding="utf-8")
    elif action == "godkendt":
        # delete the line 'udkast = true', and write the approval date in the line 'dato = …'
        [approved] = typed
        assert text.count("\nudkast = true\n") == 1
        text = text.replace("\nudkast = true\n", "\n")
        last = text.rindex("[[revisioner]]")
        head, tail = text[:last], text[last:]
        fil.write_text(head + re.sub(r"^dato = \S+$", approved, tail, count=1, flags=re.M), encoding="utf-8")
    elif action == "partner":
        _partner_edits_in_word(plan)
    elif action == "eksempel-i-word":  # the example agreement typed in Word that ships with the guide
        shutil.copyfile(ROOT / "docs" / "eksempler" / "Vestparken i Word.docx", plan / "Vestparken i Word.docx")
    elif action == "aftale-i-word":
        _agreement_in_word(plan)
    elif not action.startswith(("status", "nyt-vindue", "installation")):
        raise AssertionError(f"ukendt prøve-handling: {action}")


def _copy_of_docgen(target: Path) -> None:
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(
        ".venv", ".git", "output", "__pycache__", "*.egg-info", ".pytest_cache", "build", "*.pyc"))


@pytest.mark.skipif(os.name == "nt" or shutil.which("bash") is None, reason="the guide's Linux/macOS commands")
def test_every_command_in_the_guide_prints_what_the_guide_shows(tmp_path):
    steps = _steps(GUIDE)
    assert len(steps) >= 10
    home = tmp_path / "home"
    docgen_folder = home / "docgen"
    _copy_of_docgen(docgen_folder)
    env = {"HOME": str(home), "PATH": BARE_PATH, "LANG": "C.UTF-8", "TERM": "dumb",
           **{k: v for k, v in os.environ.items() if k.startswith("PIP_")}}  # the machine's package index
    assert os.path.dirname(sys.executable) not in BARE_PATH.split(":")
    where = docgen_folder  # README: stand in docgen's folder
    output = ""
    ran = 0
    for actions, block, shown in steps:
        if ran == 0:
            # the guide begins with README's install command (which CI runs), less the example build
            assert "installation" in [a for a, _ in actions]
            assert INSTALL.replace(" && .venv/bin/docgen build", "") in block
        for action, typed in actions:
            if action == "nyt-vindue":
                where = home  # a new terminal window starts in the home folder
            else:
                _typed(action, typed, where, output)
        expected = next((int(a.split()[1]) for a, _ in actions if a.startswith("status")), 0)
        output = ""
        for line in block.strip().splitlines():
            if line.startswith("#") or not line.strip():
                continue
            if line.startswith("cd "):
                where = where / line.split(" ", 1)[1]
                assert where.is_dir(), line
                continue
            result = subprocess.run(["bash", "-lc", line], cwd=where, env=env, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True, stdin=subprocess.DEVNULL, timeout=600)
            assert "Traceback" not in result.stdout, line
            status = 0 if line.startswith(("mkdir ", "cp ")) else expected
            assert result.returncode == status, f"{line}\n{result.stdout}"
            output += result.stdout
            ran += 1
        if shown is not None:
            assert _shows(shown, _as_on_the_guides_day(output)), f"{block}\n--- vejledningen viser:\n{shown}" \
                f"\n--- docgen skrev:\n{output}"
    assert ran >= 14
    plan = home / "Vestparken"
    assert not str(plan.resolve()).startswith(str(docgen_folder.resolve()))  # the plan is outside the clone
    # where the guide leaves the plan: the partner's two changes are in the file
    text = (plan / "agreement.toml").read_text(encoding="utf-8")
    assert "fritidsjob eller en læreplads" in text and "Forældre til unge 13-17 år" in text


def test_the_output_comparison_can_fail():
    assert _shows("a\n...\nd", "a\nb\nc\nd") and _shows("a ...\nb", "a og mere\nb")
    assert not _shows("a\nd", "a\nb\nd") and not _shows("a\n...\nd", "a\nb") and not _shows("x ...", "y")


# --- the example errors in the guide are docgen's -----------------------------------------


def test_staff_year_example(write_toml):
    text = AGREEMENT.read_text(encoding="utf-8").replace(
        '{ rolle = "projektleder", aarsvaerk = 0.25 }', '{ rolle = "projektleder", aarsvaerk = 0.5 }', 1)
    [d] = diagnostics_of(check, write_toml(text))
    assert d.line == guide_line(d.path) and d.path == "medarbejdere[1].aarsvaerk"


def test_lbf_share_example(write_toml):
    text = AGREEMENT.read_text(encoding="utf-8")
    text = text.replace("aar1 = 8094000, aar2 = 8176500, aar3 = 8086500, aar4 = 8019000",
                        "aar1 = 8633600, aar2 = 8721600, aar3 = 8625600, aar4 = 8553600")
    text = text.replace("aar1 = 1349000, aar2 = 1362750, aar3 = 1347750, aar4 = 1336500",
                        "aar1 = 809400, aar2 = 817650, aar3 = 808650, aar4 = 801900")
    [d] = diagnostics_of(check, write_toml(text))
    assert d.line == guide_line(d.path) and d.path == "budget.finansiering[1].beloeb"
    assert "80,0 %" in d.message and "80,0 %" in GUIDE


def test_warning_count_on_the_shipped_agreement(shipped):
    from docgen.checks import lint

    match = re.search(r"finder docgen (\d+) advarsler", GUIDE)
    assert match and int(match.group(1)) == len(lint.run(shipped))
    # README says the example's warnings are expected, and how many there are
    match = re.search(r'"(\d+) advarsler"', README)
    assert match and int(match.group(1)) == len(lint.run(shipped)) and "Advarslerne er ventede" in README
    parties = {f.message.split(" har ansvar i")[0] for f in lint.responsible_but_not_a_party(shipped)}
    assert "elleve parter" in GUIDE and len(parties) == 11


def test_the_guides_vestparken_errors_are_what_docgen_says(write_toml):
    """Each of the ten common errors, made in Vestparken's file, gives the message the guide shows."""
    cases = [
        ('formaal = "At flere unge får et fritidsjob."', 'formaal = "At flere unge får et "rigtigt" fritidsjob."'),
        ("fra = 2025-04-01", "fra = 1. april 2025"),
        ('{ rolle = "leder", aarsvaerk = 0.5 },', '{ rolle = "leder", aarsvaerk = 0,5 },'),
        ("husstande = 900", "husstande = 1.900"),
        ("aarsloen = 620000", "aarsloen = 620.000"),
        ('{ rolle = "leder", aarsvaerk = 0.5 },', '{ rolle = "Projektleder", aarsvaerk = 0.5 },'),
        ('{ rolle = "leder", aarsvaerk = 0.5 },', '{ rolle = "leder", aarsvaerk = 0.75 },'),
        ('tekst = "Husleje", beloeb = { a2025 = 45000', 'tekst = "Husleje", beloeb = { a2025 = 55000'),
        ("husstande = 900", "husstand = 900"),
        ('navn = "Aastrup Kommune"', 'navn = "Aastrup Kommune'),
        ('navn = "Mette Holm", telefon', 'navn = "Mette Holm",\n    telefon'),
    ]
    source = TWO_AREAS.read_text(encoding="utf-8")
    for old, new in cases:
        assert old in source, old
        path = write_toml(source.replace(old, new, 1))
        shown = [str(d).replace(str(path), "agreement.toml") for d in diagnostics_of(check, path)]
        assert any(line in GUIDE for line in shown), (new, shown)


def test_the_guides_word_example_is_what_its_script_makes(tmp_path):
    """docs/eksempler/Vestparken i Word.docx has one source: lav_eksempel.py."""
    from docx import Document

    sys.path.insert(0, str(ROOT / "docs" / "eksempler"))
    import lav_eksempel  # noqa: PLC0415 - the example's own script

    def text(path: Path) -> list[str]:
        body = Document(str(path)).element.body
        return ["".join(t.text or "" for t in p.iter() if t.tag.endswith("}t")) for p in body.iter()
                if p.tag.endswith("}p")]

    made = lav_eksempel.make(tmp_path / "Vestparken i Word.docx")
    assert text(made) == text(lav_eksempel.TARGET)
    assert lav_eksempel.TARGET.stat().st_size < 100_000  # small
