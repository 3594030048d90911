"""A delaftale edited in Word (here python-docx, then re-saved by
LibreOffice as a partner's Word would) comes back into exactly the fields
that were edited; tracked changes and comments are never taken silently."""
from __future__ import annotations

import copy
import re
import shlex
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.text.paragraph import Paragraph

from conftest import AGREEMENT, MINIMAL, REQUIRED, SOFFICE, docgen
from docx_text import text as docx_text

from docgen.pipeline import build

DELAFTALE = "02 Delaftale - Uddannelse og livschancer.docx"


@pytest.fixture()
def plan(tmp_path) -> Path:
    shutil.copyfile(AGREEMENT, tmp_path / "agreement.toml")
    build(tmp_path / "agreement.toml", tmp_path / "output")
    return tmp_path


def _paragraphs(document):
    seen = set()

    def cells(table):
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs
                for inner in cell.tables:
                    yield from cells(inner)

    for p in [*document.paragraphs, *(p for t in document.tables for p in cells(t))]:
        if id(p._p) not in seen:
            seen.add(id(p._p))
            yield p


def add_paragraph(beside: Paragraph, text: str, before: bool = False) -> Paragraph:
    """A paragraph typed next to ``beside``, in its style, as a partner does in Word."""
    new = copy.deepcopy(beside._p)
    (beside._p.addprevious if before else beside._p.addnext)(new)
    added = Paragraph(new, beside._parent)
    for run in added.runs[1:]:
        run._r.getparent().remove(run._r)
    added.runs[0].text = text
    return added


def edit_purpose_and_add_target_group(source: Path, target: Path) -> None:
    document = Document(source)
    word = group = False
    for p in _paragraphs(document):
        if not word and "mindske skolefravær, styrke skole-hjem" in p.text:
            for run in p.runs:
                if "styrke skole-hjem" in run.text:
                    run.text = run.text.replace("styrke skole-hjem", "forbedre skole-hjem")
                    word = True
        if not group and p.text == "Forældre til børn på skolerne":
            add_paragraph(p, "Bedsteforældre i området")
            group = True
    assert word and group
    document.save(target)


def resave_with_libreoffice(path: Path, out: Path) -> Path:
    out.mkdir(exist_ok=True)
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{out / 'profil'}", "--headless", "--convert-to",
         path.suffix[1:], "--outdir", str(out), str(path)], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    return out / path.name


@pytest.mark.skipif(SOFFICE is None and not REQUIRED, reason="LibreOffice er ikke installeret")
def test_an_edited_delaftale_resaved_by_libreoffice_imports_into_exactly_those_fields(plan, tmp_path):
    fil = plan / "agreement.toml"
    before = fil.read_text(encoding="utf-8")
    edited = tmp_path / "redigeret.docx"
    edit_purpose_and_add_target_group(plan / "output" / DELAFTALE, edited)
    resaved = resave_with_libreoffice(edited, tmp_path / "lo")

    result = docgen("import", str(resaved), "--ja", cwd=plan)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[-styrke-] {+forbedre+}" in result.stdout
    assert "Bedsteforældre i området" in result.stdout
    after = fil.read_text(encoding="utf-8")
    assert (plan / "agreement.før-import.toml").read_text(encoding="utf-8") == before
    # every other line, comments included, is as it was
    old_lines, new_lines = before.split("\n"), after.split("\n")
    changed = [line for line in new_lines if line not in old_lines]
    removed = [line for line in old_lines if line not in new_lines]
    assert len(changed) == 2 and len(removed) == 1, (changed, removed)
    assert "forbedre skole-hjem" in changed[0] or "forbedre skole-hjem" in changed[1]
    assert '  "Bedsteforældre i området",' in changed
    assert removed[0].replace("styrke skole-hjem", "forbedre skole-hjem") in changed
    # the next build's delaftale carries the new text
    build(fil, plan / "output")
    text = docx_text(plan / "output" / DELAFTALE)
    assert "forbedre skole-hjem dialog" in text and "Bedsteforældre i området" in text


def _with_xml(source: Path, target: Path, change, extra: dict[str, str] | None = None) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "word/document.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            new.writestr(info, data)
        for name, text in (extra or {}).items():
            new.writestr(name, text)


_GROUP_RUN = re.compile(r"(<w:r>(?:(?!</w:r>).)*?Forældre til børn på skolerne</w:t></w:r>)", re.S)


def test_a_tracked_change_writes_nothing_even_with_ja_and_names_its_author(plan, tmp_path):
    fil = plan / "agreement.toml"
    before = fil.read_bytes()
    tracked = tmp_path / "sporet.docx"
    _with_xml(plan / "output" / DELAFTALE, tracked, lambda x: _GROUP_RUN.sub(
        r'\1<w:ins w:id="90" w:author="Partner" w:date="2026-12-01T10:00:00Z"><w:r><w:t> og bedsteforældre</w:t>'
        r"</w:r></w:ins>", x, count=1))
    # and an edit that would be taken were the changes accepted
    result = docgen("import", str(tracked), "--ja", cwd=plan)
    assert result.returncode == 1
    assert "Partner" in result.stdout and "sporet ændring" in result.stdout
    assert "og bedsteforældre" in result.stdout
    assert "Intet er skrevet" in result.stdout
    assert fil.read_bytes() == before


def test_a_comment_is_shown_as_a_note_to_read(plan, tmp_path):
    commented = tmp_path / "kommentar.docx"
    comments = ('<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="http://schemas.openxmlformats.org/'
                'wordprocessingml/2006/main"><w:comment w:id="1" w:author="Partner" w:date="2026-12-01T10:00:00Z">'
                "<w:p><w:r><w:t>Skal bedsteforældre med?</w:t></w:r></w:p></w:comment></w:comments>")
    _with_xml(plan / "output" / DELAFTALE, commented, lambda x: _GROUP_RUN.sub(
        r'<w:commentRangeStart w:id="1"/>\1<w:commentRangeEnd w:id="1"/>', x, count=1),
        {"word/comments.xml": comments})
    result = docgen("import", str(commented), cwd=plan)
    assert result.returncode == 0, result.stderr
    assert "Kommentar fra Partner" in result.stdout and "Skal bedsteforældre med?" in result.stdout


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 2 else "") + ";") * 10}">' for n in range(2, 10))
          + "]>")


@pytest.mark.parametrize("case", ["another agreement", "text renamed .docx", "empty", "billion laughs"])
def test_documents_that_are_not_this_agreements_are_refused_quickly_and_nothing_is_written(plan, tmp_path, case):
    fil = plan / "agreement.toml"
    before = fil.read_bytes()
    path = tmp_path / "dokument.docx"
    if case == "another agreement":
        build(MINIMAL, tmp_path / "andet")
        shutil.copyfile(tmp_path / "andet" / DELAFTALE, path)
        expected = "Testby"
    elif case == "text renamed .docx":
        path.write_text("Delaftale for Uddannelse og livschancer\n", encoding="utf-8")
        expected = "ikke et Word-dokument"
    elif case == "empty":
        path.write_bytes(b"")
        expected = "tom"
    else:
        _with_xml(plan / "output" / DELAFTALE, path,
                  lambda x: LAUGHS + x.split("?>", 1)[1].replace("Forældre til børn", "&lol9;", 1))
        expected = "DOCTYPE"
    started = time.monotonic()
    result = docgen("import", str(path), "--ja", cwd=plan)
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    assert expected in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert fil.read_bytes() == before


def test_a_document_older_than_the_file_never_overwrites_the_newer_field(plan, tmp_path):
    fil = plan / "agreement.toml"
    edited = tmp_path / "partner.docx"
    edit_purpose_and_add_target_group(plan / "output" / DELAFTALE, edited)
    text = fil.read_text(encoding="utf-8").replace("skolefravær, styrke skole-hjem", "skolefravær, udvikle skole-hjem")
    fil.write_text(text, encoding="utf-8")
    # the untouched old document: its old text is not taken
    stale = docgen("import", str(plan / "output" / DELAFTALE), "--ja", cwd=plan)
    assert stale.returncode == 0, stale.stderr
    assert "Ingen ændringer at skrive" in stale.stdout and "lavet, før agreement.toml blev ændret" in stale.stdout
    assert fil.read_text(encoding="utf-8") == text
    # the partner's edit of the same sentence: a conflict with both sides shown, not written
    conflict = docgen("import", str(edited), "--ja", cwd=plan)
    assert "KONFLIKT" in conflict.stdout and "[-udvikle-] {+forbedre+}" in conflict.stdout
    assert "udvikle skole-hjem" in fil.read_text(encoding="utf-8")
    assert "Bedsteforældre i området" in fil.read_text(encoding="utf-8")  # the other change is taken


def test_the_build_names_the_import_command_for_a_kept_copy_and_that_command_works(plan, tmp_path):
    out = plan / "output"
    edit_purpose_and_add_target_group(out / DELAFTALE, tmp_path / "redigeret.docx")
    shutil.copyfile(tmp_path / "redigeret.docx", out / DELAFTALE)
    built = docgen("build", cwd=plan)
    assert built.returncode == 0, built.stderr
    kept = out / DELAFTALE.replace(".docx", " (din udgave).docx")
    assert kept.exists()
    line = next(line for line in built.stderr.splitlines() if "docgen import" in line)
    arguments = shlex.split(line.split("docgen import ", 1)[1])
    assert (plan / arguments[0]).resolve() == kept.resolve()
    result = docgen("import", *arguments, "--ja", cwd=plan)  # the command as printed, run where build ran
    assert result.returncode == 0 and "forbedre skole-hjem" in (plan / "agreement.toml").read_text(encoding="utf-8")


def test_paragraphs_added_deleted_and_bolded_in_a_markdown_text_come_back_as_markdown(plan, tmp_path):
    """In an activity's 'indhold': a paragraph added under a heading, a
    phrase made bold, a paragraph deleted; every other paragraph keeps its
    Markdown as written, and the next build imports back unchanged."""
    from docx.text.run import Run

    fil = plan / "agreement.toml"
    document = Document(plan / "output" / DELAFTALE)
    done = []
    paragraphs = list(_paragraphs(document))
    for n, p in enumerate(paragraphs):
        if p.text == "Skolefravær" and "new" not in done:
            # after the heading's first paragraph (the heading may stand in a row of its own)
            add_paragraph(paragraphs[n + 1], "Et nyt afsnit om fravær & trivsel *med stjerne*.")
            done.append("new")
        elif p.text.startswith("Helhedsplanen samarbejder med skolerne om at etablere") and "bold" not in done:
            run = p.runs[0]
            text, phrase = run.text, "særlige praktikforløb"
            at = text.index(phrase)
            run.text = text[:at]
            bold = copy.deepcopy(run._r)
            run._r.addnext(bold)
            Run(bold, p).text, Run(bold, p).bold = phrase, True
            rest = copy.deepcopy(run._r)
            bold.addnext(rest)
            Run(rest, p).text = text[at + len(phrase):]
            done.append("bold")
        elif p.text.startswith("Helhedsplanen samarbejder endvidere med SOF Ny start") and "delete" not in done:
            p._p.getparent().remove(p._p)
            done.append("delete")
    assert done == ["new", "bold", "delete"]
    document.save(tmp_path / "indhold.docx")
    before = fil.read_text(encoding="utf-8")

    result = docgen("import", str(tmp_path / "indhold.docx"), "--ja", cwd=plan)
    assert result.returncode == 0, result.stdout + result.stderr
    after = fil.read_text(encoding="utf-8")
    old_lines, new_lines = before.split("\n"), after.split("\n")
    added = [line for line in new_lines if line not in old_lines]
    removed = [line for line in old_lines if line not in new_lines]
    assert added[0] == "Et nyt afsnit om fravær & trivsel \\\\*med stjerne\\\\*."
    assert added[1].startswith("Helhedsplanen samarbejder med skolerne om at etablere **særlige praktikforløb**, som")
    assert len(added) == 2 and len(removed) == 2
    assert removed[1].startswith("Helhedsplanen samarbejder endvidere med SOF Ny start")
    assert after.count("### ") == before.count("### ")  # every heading kept as written

    build(fil, plan / "output")
    again = docgen("import", str(plan / "output" / DELAFTALE), cwd=plan)
    assert "Ingen ændringer at skrive" in again.stdout, again.stdout


@pytest.mark.parametrize("answer, written", [("j\n", True), ("\n", False), ("nej\n", False)])
def test_on_a_terminal_import_asks_before_writing(plan, tmp_path, monkeypatch, answer, written):
    from click.testing import CliRunner

    from docgen.cli import commands, main

    edited = tmp_path / "redigeret.docx"
    edit_purpose_and_add_target_group(plan / "output" / DELAFTALE, edited)
    fil = plan / "agreement.toml"
    before = fil.read_bytes()
    monkeypatch.setattr(commands, "_interactive", lambda: True)
    result = CliRunner().invoke(main, ["import", str(edited), "--fil", str(fil)], input=answer)
    assert result.exit_code == 0, result.output
    assert "[j/N]" in result.output
    assert (fil.read_bytes() != before) == written


def test_a_link_comes_back_as_the_same_markdown_link(tmp_path):
    """A paragraph holding a link, edited in Word elsewhere in the same
    paragraph: the new text keeps the link exactly as it was written."""
    from conftest import build_minimal_variant

    purpose = 'Se [LBF-regulativet](https://lbf.dk/regulativ "Regulativet") og <https://lbf.dk> for mere.'
    path = build_minimal_variant(tmp_path, [('formaal = "At hjælpe."', f"formaal = '{purpose}'")], "Delaftale")
    fil = tmp_path / "agreement.toml"
    straight = docgen("import", str(path), "--fil", str(fil))
    assert "Ingen ændringer at skrive" in straight.stdout, straight.stdout
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(tmp_path / "rettet.docx", "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "word/document.xml":
                assert b" for mere." in data
                data = data.replace(b" for mere.", b" for meget mere.", 1)
            new.writestr(info, data)
    result = docgen("import", str(tmp_path / "rettet.docx"), "--fil", str(fil), "--ja")
    assert result.returncode == 0, result.stdout + result.stderr
    assert ('formaal = \'Se [LBF-regulativet](https://lbf.dk/regulativ "Regulativet") og <https://lbf.dk> '
            "for meget mere.'") in fil.read_text(encoding="utf-8")


@pytest.mark.parametrize("properties", [b"<Properties><unclosed>", b"not xml at all"])
def test_damaged_document_properties_are_read_as_none_not_a_crash(plan, tmp_path, properties):
    damaged = tmp_path / "egenskaber.docx"
    with zipfile.ZipFile(plan / "output" / DELAFTALE) as old, zipfile.ZipFile(damaged, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename in ("docProps/custom.xml", "docProps/core.xml"):
                data = properties
            new.writestr(info, data)
    result = docgen("import", str(damaged), cwd=plan)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Intern fejl" not in result.stderr and "Ingen ændringer at skrive" in result.stdout


def test_a_paragraph_added_first_in_a_box_joins_the_text_below_its_label(plan, tmp_path):
    """A paragraph typed above the first paragraph of an activity's
    purpose (right under the label "Formål:") belongs to the purpose."""
    document = Document(plan / "output" / DELAFTALE)
    first = next(p for p in _paragraphs(document) if p.text.startswith("Aktiviteterne skal understøtte skolernes"))
    add_paragraph(first, "Et nyt første afsnit.", before=True)
    document.save(tmp_path / "foerst.docx")
    result = docgen("import", str(tmp_path / "foerst.docx"), "--ja", cwd=plan)
    assert result.returncode == 0, result.stdout + result.stderr
    text = (plan / "agreement.toml").read_text(encoding="utf-8")
    assert 'formaal = """\nEt nyt første afsnit.\n\nAktiviteterne skal understøtte skolernes' in text


def test_bold_on_a_text_without_formatting_is_reported_not_dropped_silently(plan, tmp_path):
    document = Document(plan / "output" / DELAFTALE)
    target = next(p for p in _paragraphs(document) if p.text == "Forældre til børn på skolerne")
    for run in target.runs:
        run.bold = True
    document.save(tmp_path / "fed.docx")
    before = (plan / "agreement.toml").read_bytes()
    result = docgen("import", str(tmp_path / "fed.docx"), "--ja", cwd=plan)
    assert result.returncode == 0, result.stderr
    assert "Ikke taget" in result.stdout and "formateringen" in result.stdout
    assert (plan / "agreement.toml").read_bytes() == before
