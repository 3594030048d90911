"""Hostile or unlucky input (issue 13): never an internal error, a hang,
lost text or an injection; a Danish message, exit 1 and nothing written."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli.commands import main

from conftest import MINIMAL

BASE = MINIMAL.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _no_debug(monkeypatch):
    monkeypatch.delenv("DOCGEN_DEBUG", raising=False)


def run_cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=True)


def refused(result, *fragments: str) -> str:
    """stderr of a run docgen refused in Danish with exit 1, no traceback."""
    assert isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == 1, result.output
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "Intern fejl" not in result.stderr
    return result.stderr


# --- 1. only regular files, of a sane size ------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_fifo_is_refused_without_blocking(command, tmp_path):
    fifo = tmp_path / "agreement.toml"
    os.mkfifo(fifo)
    out = tmp_path / "output"
    # a real process with a timeout: a blocking open would hang the test run
    result = subprocess.run([sys.executable, "-m", "docgen", command, str(fifo), *(["-o", str(out)] if command == "build" else [])],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "ikke en almindelig fil" in result.stderr and str(fifo) in result.stderr
    assert not out.exists()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused(device, tmp_path):
    stderr = refused(run_cli("build", device, "-o", str(tmp_path / "output")), "ikke en almindelig fil", device)
    assert not (tmp_path / "output").exists(), stderr


def test_a_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    from docgen.source import load

    monkeypatch.setattr(load, "MAX_BYTES", len(BASE.encode()) - 1)
    path = tmp_path / "agreement.toml"
    path.write_text(BASE, encoding="utf-8")
    refused(run_cli("validate", str(path)), "for stor", str(path))


def test_an_unreadable_file_is_danish_and_exit_1(tmp_path, monkeypatch):
    from docgen.source import load

    path = tmp_path / "agreement.toml"
    path.write_text(BASE, encoding="utf-8")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # the test may run as root, for whom chmod 000 still reads
    monkeypatch.setattr(load.os, "open", denied)
    stderr = refused(run_cli("validate", str(path)), "ikke adgang", str(path))
    assert "Permission denied" not in stderr and "not readable" not in stderr


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_through_click_is_exit_1(tmp_path):
    path = tmp_path / "agreement.toml"
    path.write_text(BASE, encoding="utf-8")
    path.chmod(0)
    refused(run_cli("validate", str(path)), "ikke adgang")


# --- 4. SOURCE_DATE_EPOCH a zip cannot hold ---------------------------------


@pytest.mark.parametrize("epoch, words", [
    ("4354819200", "efter 2107"),            # 2108-01-01
    ("99999999999", "efter 2107"),           # year 5138: beyond a zip, within datetime
    ("9" * 30, "efter 2107"),                # beyond datetime
    ("i går", "helt antal sekunder"),
    ("9" * 5000, "efter 2107"),              # more digits than int() reads by default
])
def test_a_source_date_epoch_a_zip_cannot_hold_is_refused(epoch, words, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    out = tmp_path / "output"
    stderr = refused(run_cli("build", str(MINIMAL), "-o", str(out)), "SOURCE_DATE_EPOCH", words)
    assert len(stderr) < 500 and not out.exists()


def test_the_last_year_a_zip_holds_builds(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4354732800")  # 2107-12-31
    result = run_cli("build", str(MINIMAL), "-o", str(tmp_path / "output"))
    assert result.exit_code == 0, result.stderr


# --- 5. docgen diff: revisions are never options, git output is bytes ---------


@pytest.fixture
def repo(tmp_path):
    """A git repository with agreement.toml committed twice: first as
    Latin-1 (not UTF-8), then as the minimal agreement."""
    def git(*args):
        subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", *args], cwd=tmp_path, check=True,
                       capture_output=True)

    path = tmp_path / "agreement.toml"
    path.write_bytes('vision = "Børn"\n'.encode("latin-1"))
    git("init", "-q")
    git("add", "agreement.toml")
    git("commit", "-qm", "latin-1")
    path.write_text(BASE, encoding="utf-8")
    git("commit", "-qam", "utf-8")
    return tmp_path


def docgen_in(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=folder,
                          timeout=120)


def test_a_revision_that_looks_like_an_option_is_not_passed_to_git_as_one(repo):
    target = repo / "PWNED"
    result = docgen_in(repo, "diff", "--", f"--output={target}")
    assert result.returncode == 2
    assert "findes ikke i arkivet" in result.stderr and "Traceback" not in result.stderr
    assert not target.exists()


def test_a_git_version_that_is_not_utf8_is_a_danish_message(repo):
    result = docgen_in(repo, "diff", "HEAD~1")
    assert result.returncode == 2
    assert "ikke gemt som UTF-8" in result.stderr and "HEAD~1" in result.stderr
    assert "Traceback" not in result.stderr and "Intern fejl" not in result.stderr


@pytest.mark.parametrize("revision, words", [
    ("a" * 5000, "for lang"),
    ("HEAD\nx", "hverken en fil eller en git-version"),
    ("HEAD\x00", "hverken en fil eller en git-version"),
])
def test_a_long_or_odd_revision_is_a_danish_message(repo, revision, words):
    result = run_cli_in(repo, "diff", revision)
    assert result.exit_code == 2, result.output
    assert words in result.stderr and "Intern fejl" not in result.stderr
    assert "\n" not in result.stderr.split(":", 1)[1].strip()


def run_cli_in(folder: Path, *args: str):
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        return run_cli(*args)
    finally:
        os.chdir(cwd)


def test_the_same_git_version_still_compares(repo):
    result = docgen_in(repo, "diff", "HEAD")
    assert result.returncode == 0, result.stderr


# --- 6. docgen init NAME -------------------------------------------------------


@pytest.mark.parametrize("name, words", [
    ('Gellerup\nvision = "injiceret"', "én linje"),
    ("Gel\x1blerup", "kontroltegn"),
    ("Gel\u202elerup", "skriveretningen"),
    ("   ", "tomt"),
])
def test_init_refuses_a_name_that_is_not_one_clean_line(name, words, tmp_path):
    out = tmp_path / "agreement.toml"
    stderr = refused(run_cli("init", name, "-o", str(out)), words)
    assert "\x1b" not in stderr and "\u202e" not in stderr
    assert list(tmp_path.iterdir()) == []


def test_init_writes_the_name_as_an_escaped_toml_string(tmp_path):
    import tomllib

    name = 'Gellerup "&" \\Toveshøj \' # ] = }'
    out = tmp_path / "agreement.toml"
    result = run_cli("init", name, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    assert data["aftale"]["omraadenavn"] == name


# --- 7. a manifest.json or upload record docgen cannot read -------------------


@pytest.mark.parametrize("manifest", [
    pytest.param('{"dokumenter": ', id="malformed"),
    pytest.param("[" * 100_000 + "]" * 100_000, id="deeply-nested"),
    pytest.param('{"dokumenter": [1, "x", {"fil": 5}, {"fil": "a", "sha256": 3, "pdf": [1]}], "uploadliste": 7}',
                 id="wrong-shape-entries"),
    pytest.param("[]", id="not-an-object"),
    pytest.param('{"dokumenter": {"a": 1}}', id="documents-not-a-list"),
    pytest.param(b"\xff\xfe\x00garbage", id="not-utf8"),
])
def test_a_manifest_docgen_cannot_read_does_not_block_a_build(manifest, tmp_path):
    agreement = tmp_path / "agreement.toml"
    agreement.write_text(BASE, encoding="utf-8")
    out = tmp_path / "output"
    assert run_cli("build", str(agreement), "-o", str(out)).exit_code == 0
    budget = next(out.glob("*Budget*.xlsx"))
    budget.write_bytes(b"the user's own budget")  # not what docgen wrote: must be kept
    data = manifest if isinstance(manifest, bytes) else manifest.encode("utf-8")
    (out / "manifest.json").write_bytes(data)
    result = run_cli("build", str(agreement), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Intern fejl" not in result.output
    # nothing docgen cannot prove it wrote is overwritten: both are kept aside
    # (a manifest with a list of documents has docgen's shape: it is replaced)
    if b'"dokumenter": [' not in data:
        assert (out / "manifest (din udgave).json").read_bytes() == data
    kept = budget.with_name(budget.stem + " (din udgave).xlsx")
    assert kept.read_bytes() == b"the user's own budget"
    assert budget.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("record", [
    '{"dokumenter": {"strategisk": [1], "budget": "x"}}',
    "[" * 100_000 + "]" * 100_000,
    '{"dokumenter": [',
])
def test_an_upload_record_of_the_wrong_shape_is_a_danish_message(record, tmp_path):
    agreement = tmp_path / "agreement.toml"
    agreement.write_text(BASE, encoding="utf-8")
    (tmp_path / "agreement.uploadet.json").write_text(record, encoding="utf-8")
    out = tmp_path / "output"
    refused(run_cli("build", str(agreement), "-o", str(out)), "ikke en upload-registrering")
    assert not out.exists()


# --- 8. text comes out as typed ------------------------------------------------

LITERAL_VISION = "Se {_{ x }_} og {_% if %_} her."


@pytest.fixture(scope="module")
def literal_build(tmp_path_factory):
    text = (BASE
            .replace('vision = "En vision."',
                     f'vision = "{LITERAL_VISION}\\n\\n```\\nkode *ikke fed*\\n  indrykket\\n```\\n\\n~~~\\ntilde linje\\n~~~"')
            .replace('omraadenavn = "Testby"', 'omraadenavn = "Gellerup & Toveshøj {_{ y }_}"')
            .replace('tekst = "Aktiviteter"', 'tekst = "=1+2 Aktiviteter"'))
    folder = tmp_path_factory.mktemp("literal")
    path = folder / "agreement.toml"
    path.write_text(text, encoding="utf-8")
    out = folder / "output"
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_fenced_code_and_template_escapes_come_out_literally(literal_build):
    from docx_text import text as docx_text

    [strategic] = literal_build.glob("01 *.docx")
    text = docx_text(strategic).splitlines()
    assert LITERAL_VISION in text
    assert "kode *ikke fed*" in text and "  indrykket" in text and "tilde linje" in text
    assert any("Gellerup & Toveshøj {_{ y }_}" in line for line in text)


def test_an_ampersand_in_an_excel_footer_is_printed_as_typed(literal_build):
    from openpyxl import load_workbook

    [budget] = literal_build.glob("*Budget*.xlsx")
    sheet = load_workbook(budget).worksheets[0]
    # '&&' is how a header or footer prints one '&'; a lone '&' would be a code
    assert sheet.oddFooter.left.text == "Budget – Gellerup && Toveshøj {_{ y }_}"


def test_a_text_starting_with_equals_is_text_not_a_formula(literal_build):
    from openpyxl import load_workbook

    [budget] = literal_build.glob("*Budget*.xlsx")
    cells = [c for row in load_workbook(budget).worksheets[0].iter_rows() for c in row if c.value == "=1+2 Aktiviteter"]
    assert cells and all(c.data_type == "s" for c in cells)


def test_a_text_longer_than_an_excel_cell_is_refused_with_its_line(tmp_path):
    path = tmp_path / "agreement.toml"
    path.write_text(BASE.replace('tekst = "Aktiviteter"', f'tekst = "{"x" * 32_768}"'), encoding="utf-8")
    line = BASE.splitlines().index(next(l for l in BASE.splitlines() if 'tekst = "Aktiviteter"' in l)) + 1
    stderr = refused(run_cli("validate", str(path)), "32.767 tegn", f"linje {line}", "budget.udgifter[1].tekst")
    assert len(stderr) < 1000


# --- 11. custom templates that cannot work ---------------------------------------

from docgen.render.templates import BUILT_IN  # noqa: E402

TEMPLATE = "kommissorium.docx"


def _with_document_xml(change) -> bytes:
    """docgen's kommissorium template with word/document.xml changed."""
    import zipfile
    from io import BytesIO

    source = zipfile.ZipFile(BUILT_IN / TEMPLATE)
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, data)
    return out.getvalue()


def _tag(tag: str):
    """A change that puts a Jinja tag into the title's text."""
    def change(xml: str) -> str:
        at = xml.index("Kommissorium for ")
        return xml[:at] + tag.replace("<", "&lt;").replace(">", "&gt;") + xml[at:]
    return change


def _bomb() -> bytes:
    import zipfile
    from io import BytesIO

    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in zipfile.ZipFile(BUILT_IN / TEMPLATE).infolist():
            target.writestr(info.filename, zipfile.ZipFile(BUILT_IN / TEMPLATE).read(info.filename))
        target.writestr("word/media/bomb.bin", b"\0" * (300 * 1024 * 1024))
    return out.getvalue()


def _without_content_types() -> bytes:
    import zipfile
    from io import BytesIO

    out = BytesIO()
    source = zipfile.ZipFile(BUILT_IN / TEMPLATE)
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != "[Content_Types].xml":
                target.writestr(info.filename, source.read(info.filename))
    return out.getvalue()


def _beside_p_tag(xml: str) -> str:
    """An unclosed '{{ organ_navn ' typed into the paragraph that holds
    '{%p for s in stempler %}': docxtpl drops the whole paragraph."""
    tag = "{%p for s in stempler %}"
    assert xml.count(tag) == 1
    return xml.replace(tag, tag + "</w:t></w:r><w:r><w:t xml:space=\"preserve\"> {{ organ_navn ")


def _broken_before_p_tag(xml: str) -> str:
    """An unclosed '{{ organ_navn ' in its own paragraph just before the
    '{%p for s in stempler %}' paragraph: docxtpl joins the two and drops it."""
    tag = xml.index("{%p for s in stempler %}")
    start = max(xml.rfind("<w:p>", 0, tag), xml.rfind("<w:p ", 0, tag))
    return xml[:start] + '<w:p><w:r><w:t xml:space="preserve">{{ organ_navn </w:t></w:r></w:p>' + xml[start:]


def _billion_laughs(xml: str) -> str:
    """Entities of entities: a few hundred bytes that unpack to gigabytes."""
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
    head, _, rest = xml.partition("?>")
    root = rest[: rest.index(" ")].lstrip("<\n\r ")
    body = rest.replace("Kommissorium for ", "&lol9;Kommissorium for ", 1)
    return f"{head}?><!DOCTYPE {root} [{entities}]>{body}"


TEMPLATE_FAULTS = {
    "text-beside-a-p-tag": (lambda: _with_document_xml(_beside_p_tag), "har også anden tekst ('{{ organ_navn')"),
    "broken-before-a-p-tag": (lambda: _with_document_xml(_broken_before_p_tag),
                              "Jinja-syntaksfejl i linje 1: feltet '{{ organ_navn'"),
    "billion-laughs": (lambda: _with_document_xml(_billion_laughs), "billion laughs"),
    "not-a-zip": (lambda: b"This is not a Word file at all", "ikke en zip-fil"),
    "no-content-types": (_without_content_types, "[Content_Types].xml mangler"),
    "malformed-xml": (lambda: _with_document_xml(lambda xml: xml.replace("</w:body>", "</w:bdy>", 1)),
                      "kan ikke læses som Word-skabelon"),
    "zip-bomb": (_bomb, "zip-bombe"),
    "include": (lambda: _with_document_xml(_tag("{% include 'x.docx' %}")), "include"),
    "import": (lambda: _with_document_xml(_tag("{% import 'x' as y %}")), "include, import"),
    "huge-range": (lambda: _with_document_xml(_tag("{% for i in range(10**9) %}x{% endfor %}")), "kan ikke bruges"),
    "division-by-zero": (lambda: _with_document_xml(_tag("{{ 1/0 }}")), "kan ikke bruges"),
    "huge-power": (lambda: _with_document_xml(_tag("{{ 10 ** (10 ** 10) }}")), "for stort tal"),
    "string-repetition": (lambda: _with_document_xml(_tag("{{ 'x' * 10**10 }}")), "for stor"),
    "sandbox": (lambda: _with_document_xml(_tag("{{ ''.__class__.__mro__ }}")), "kan ikke bruges"),
    "huge-output": (lambda: _with_document_xml(_tag("{% for i in range(99999) %}{{ 'x' * 999 }}{% endfor %}")),
                    "50.000.000 tegn"),
}


@pytest.fixture(scope="module")
def fault_templates(tmp_path_factory):
    folders = {}
    for name, (make, _) in TEMPLATE_FAULTS.items():
        folder = tmp_path_factory.mktemp(name)
        (folder / TEMPLATE).write_bytes(make())
        folders[name] = folder
    return folders


@pytest.mark.parametrize("fault", sorted(TEMPLATE_FAULTS))
def test_a_faulty_template_fails_build_in_danish(fault, fault_templates, tmp_path):
    out = tmp_path / "output"
    # a real process: the documents render in a worker process there too
    result = subprocess.run([sys.executable, "-m", "docgen", "build", str(MINIMAL), "-o", str(out),
                             "--templates", str(fault_templates[fault])], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert TEMPLATE in result.stderr and TEMPLATE_FAULTS[fault][1] in result.stderr, result.stderr
    assert "Intern fejl" not in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("fault", sorted(TEMPLATE_FAULTS))
def test_templates_check_fails_on_every_template_build_refuses(fault, fault_templates):
    result = run_cli("templates", "check", str(fault_templates[fault]))
    stderr = refused(result, TEMPLATE)
    assert TEMPLATE_FAULTS[fault][1] in stderr, stderr


def test_a_template_that_never_finishes_is_stopped_in_build_and_in_check(tmp_path, monkeypatch):
    """A loop in a loop (each range within the sandbox's limit) would run
    for hours: build and check stop it after RENDER_SECONDS."""
    import time

    from docgen.render import docx as render_docx

    monkeypatch.setattr(render_docx, "RENDER_SECONDS", 1)
    folder = tmp_path / "skabeloner"
    folder.mkdir()
    (folder / TEMPLATE).write_bytes(_with_document_xml(_tag(
        "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}")))
    start = time.monotonic()
    refused(run_cli("templates", "check", str(folder)), TEMPLATE, "blev ikke færdig på 1 sekunder")
    out = tmp_path / "output"
    refused(run_cli("build", str(MINIMAL), "-o", str(out), "--templates", str(folder)),
            TEMPLATE, "blev ikke færdig")
    assert not out.exists()
    assert time.monotonic() - start < 30


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_like_a_template_never_hangs_check_or_build(tmp_path):
    """A named pipe called delaftale.docx: check and build say so (build
    does not quietly take docgen's own template instead), and neither waits
    for a writer that never comes."""
    folder = tmp_path / "skabeloner"
    folder.mkdir()
    os.mkfifo(folder / "delaftale.docx")
    out = tmp_path / "output"
    for args in (["templates", "check", str(folder)], ["build", str(MINIMAL), "-o", str(out), "--templates", str(folder)]):
        result = subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, timeout=60)
        assert result.returncode == 1, result.stderr
        assert "delaftale.docx" in result.stderr and "ikke en almindelig fil" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert not out.exists()


def test_a_folder_named_like_a_template_is_refused_not_passed_over(tmp_path):
    folder = tmp_path / "skabeloner"
    (folder / "delaftale.docx").mkdir(parents=True)
    refused(run_cli("templates", "check", str(folder)), "delaftale.docx", "ikke en almindelig fil")
    out = tmp_path / "output"
    refused(run_cli("build", str(MINIMAL), "-o", str(out), "--templates", str(folder)), "delaftale.docx",
            "ikke en almindelig fil")
    assert not out.exists()


@pytest.mark.parametrize("dangling", [True, False], ids=["dangling", "to-a-file"])
def test_templates_copy_never_writes_through_a_link(tmp_path, dangling):
    outside = tmp_path / "udenfor"
    outside.mkdir()
    if not dangling:
        (outside / "x.docx").write_bytes(b"mit eget")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "delaftale.docx").symlink_to(Path("..") / "udenfor" / "x.docx")
    result = run_cli("templates", "copy", str(mine))
    assert result.exit_code == 0, result.stderr
    assert "  delaftale.docx" not in result.stdout and "Beholdt" in result.stdout and "delaftale.docx" in result.stdout
    assert sorted(p.name for p in outside.iterdir()) == ([] if dangling else ["x.docx"])
    if not dangling:
        assert (outside / "x.docx").read_bytes() == b"mit eget"
    assert (mine / "delaftale.docx").is_symlink()
    assert (mine / "kommissorium.docx").is_file()


def test_docgens_own_templates_pass_every_package_check():
    """package_problem reads the parts of a user's template only; docgen's
    own are held to the same rules here."""
    from docgen.render.templates import package_problem

    for path in BUILT_IN.iterdir():
        if path.suffix in (".docx", ".xlsx"):
            assert package_problem(path.name, path.read_bytes(), parts=True) is None, path.name


# --- 12. Markdown: no text lost without a word ----------------------------------

def test_a_link_is_built_as_a_hyperlink_that_keeps_its_address(tmp_path):
    import zipfile

    from docx_text import text as docx_text

    path = tmp_path / "agreement.toml"
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace(
        'vision = "En vision."', 'vision = "Se [LBF-regulativet](https://lbf.dk/regulativ)."'), encoding="utf-8")
    assert run_cli("validate", "--strict", str(path)).exit_code == 0
    out = tmp_path / "output"
    result = run_cli("build", str(path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    strategic = next(out.glob("01 *.docx"))
    assert "Se LBF-regulativet." in docx_text(strategic).split("\n")
    with zipfile.ZipFile(strategic) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
        styles = z.read("word/styles.xml").decode("utf-8")
    rid = re.search(r'<w:hyperlink r:id="([^"]+)"[^>]*><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
                    r'<w:t xml:space="preserve">LBF-regulativet</w:t>', xml).group(1)
    assert re.search(rf'Id="{rid}"[^>]*hyperlink" Target="https://lbf.dk/regulativ" TargetMode="External"', rels)
    assert 'w:styleId="Hyperlink"' in styles


@pytest.mark.parametrize("text, words", [
    ("Kort:\n\n![kort](kort.png)", "et billede (![kort](kort.png))"),
    ("\n".join("  " * n + f"- punkt{n}" for n in range(12)) + "\n\nEfter.", "indlejret for dybt"),
    (">" * 20 + " dybt\n\nEfter.", "indlejret for dybt"),
])
def test_what_a_document_cannot_carry_is_refused_by_validate_strict_and_build(text, words, tmp_path):
    """validate --strict passed both before; now validate and build refuse,
    naming file, line and field."""
    path = tmp_path / "agreement.toml"
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace('vision = "En vision."', f'vision = """\n{text}"""'),
                    encoding="utf-8")
    for args in (["validate", "--strict", str(path)], ["build", str(path), "-o", str(tmp_path / "output")]):
        stderr = refused(run_cli(*args), words)
        assert re.search(rf"^{re.escape(str(path))}, linje \d+ \[vision\]", stderr, re.M), stderr
    assert not (tmp_path / "output").exists()


# --- 13. the operating system's errors, in Danish, wherever docgen writes ----------

@pytest.mark.parametrize("code, words", [
    (30, "drevet kan kun læses"),    # EROFS
    (13, "du har ikke adgang"),      # EACCES
    (28, "disken er fuld"),          # ENOSPC
    (36, "et filnavn er for langt"),  # ENAMETOOLONG
])
@pytest.mark.parametrize("command", ["init", "schema", "templates-copy", "uploaded", "build"])
def test_an_os_error_while_writing_is_told_in_danish(command, code, words, tmp_path, monkeypatch):
    import errno as errno_module

    assert errno_module.errorcode[code]
    if command == "uploaded":  # a build to record, made before the drive "fails"
        agreement = tmp_path / "agreement.toml"
        agreement.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
        assert run_cli("build", str(agreement), "-o", str(tmp_path / "output")).exit_code == 0
    real_open = os.open

    def failing_open(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and str(path).startswith(str(tmp_path)):  # the user's drive, not /tmp
            raise OSError(code, "English words from the system")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing_open)
    args = {
        "init": ["init", "Testby", "-o", str(tmp_path / "ny.toml")],
        "schema": ["schema", "-o", str(tmp_path / "skema.json")],
        "templates-copy": ["templates", "copy", str(tmp_path / "mine")],
        "uploaded": ["uploaded", str(tmp_path / "agreement.toml"), "-o", str(tmp_path / "output")],
        "build": ["build", str(MINIMAL), "-o", str(tmp_path / "ud")],
    }[command]
    stderr = refused(run_cli(*args), words)
    assert "English" not in stderr, stderr


def test_a_dangling_link_named_like_a_template_is_refused_by_build_and_check(tmp_path):
    folder = tmp_path / "skabeloner"
    folder.mkdir()
    (folder / "delaftale.docx").symlink_to(tmp_path / "findes-ikke.docx")
    refused(run_cli("templates", "check", str(folder)), "delaftale.docx", "en fil, der ikke findes")
    out = tmp_path / "output"
    refused(run_cli("build", str(MINIMAL), "-o", str(out), "--templates", str(folder)), "delaftale.docx",
            "en fil, der ikke findes")
    assert not out.exists()


def test_links_read_back_from_the_built_document_are_the_links_typed(tmp_path):
    """The way back (docgen import) reads w:hyperlink: its runs' text, its
    relationship's target and its tooltip give link_markdown the same
    Markdown link that was typed."""
    import html
    import zipfile

    from docgen.source.markdown import link_markdown

    typed = ['[LBF-regulativet](https://lbf.dk/regulativ)', '<https://lbf.dk>', '<post@lbf.dk>',
             '[Fondens side](https://lbf.dk/om?a=1&b=æ "Om fonden")']
    path = tmp_path / "agreement.toml"
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace(
        'vision = "En vision."', "vision = '''Se " + " og ".join(typed) + ".'''"), encoding="utf-8")
    out = tmp_path / "output"
    assert run_cli("build", str(path), "-o", str(out)).exit_code == 0
    with zipfile.ZipFile(next(out.glob("01 *.docx"))) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    targets = dict(re.findall(r'Id="([^"]+)"[^>]*Target="([^"]*)" TargetMode="External"', rels))
    back = []
    for attrs, runs in re.findall(r"<w:hyperlink ([^>]*)>(.*?)</w:hyperlink>", xml):
        rid = re.search(r'r:id="([^"]+)"', attrs).group(1)
        tooltip = re.search(r'w:tooltip="([^"]*)"', attrs)
        text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", runs))
        back.append(link_markdown(html.unescape(text), html.unescape(targets[rid]),
                                  html.unescape(tooltip.group(1)) if tooltip else ""))
    assert back == typed
