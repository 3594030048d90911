"""docgen import --ny: the seed (a real agreement, hand-made in Word) and
the documents docgen builds for a two-area agreement become an
agreement.toml; measured as the issue measures it."""
from __future__ import annotations

import re
import shutil
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

import seed_word
from conftest import AGREEMENT, TWO_AREAS, docgen

from docgen.importing.handmade.staffing import role_key

TOOLS = Path("/work/shared/tools")
for candidate in (Path(__file__).resolve().parents[3] / "shared" / "tools", TOOLS):
    if (candidate / "toml_seed_coverage.py").is_file():
        TOOLS = candidate
        break
SEED = seed_word.seed_path()
needs_seed = pytest.mark.skipif(SEED is None or not (TOOLS / "toml_seed_coverage.py").is_file(),
                                reason="the seed and ../shared/tools are not beside the repository")


def coverage(seed: Path | None, imported: Path, reference: Path) -> tuple[float, int, int]:
    """(percent of the reference's sentences, e-mails found, e-mails in all), as the issue's tool counts."""
    sys.path.insert(0, str(TOOLS))
    import toml_seed_coverage as tool

    raw = ("\n".join(tool.strings(tomllib.loads(reference.read_text(encoding="utf-8")))) if seed is None
           else seed.read_text(encoding="utf-8"))
    sentences = tool.seed_sentences(raw)
    ref, imp = tool.text_of(reference), tool.text_of(imported)
    in_ref = [s for s in sentences if s in ref]
    both = [s for s in in_ref if s in imp]
    mails = {m.lower() for m in tool.EMAIL.findall(raw)}
    return 100 * len(both) / len(in_ref), sum(1 for m in mails if m in imp), len(mails)


def imported(folder: Path, documents: list[Path]) -> tuple[Path, str]:
    target = folder / "NY.toml"
    result = docgen("import", *map(str, documents), "--ny", str(target))
    assert result.returncode == 0, result.stderr
    return target, result.stdout


def only_placeholders(path: Path) -> list[str]:
    result = docgen("validate", str(path))
    errors = [line for line in result.stderr.splitlines() if re.match(r".*, linje \d+", line)]
    assert errors, result.stderr
    return [e for e in errors if "skal udfyldes" not in e]


def staff_per_area(path: Path) -> dict[str, dict[str, Decimal]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    titles = {r["id"]: role_key(r["titel"]) for r in data["medarbejdere"]}
    return {s["omraade"]: {titles[a["rolle"]]: a.get("aarsvaerk", a.get("timer_pr_uge")) for a in s["medarbejdere"]}
            for s in data["delaftaler"]}


def activities(path: Path) -> dict[str, int]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {s["omraade"]: len(s["aktiviteter"]) for s in data["delaftaler"]}


@pytest.fixture(scope="module")
def seed_documents(tmp_path_factory) -> dict[str, list[Path]]:
    if SEED is None:
        pytest.skip("the seed is not beside the repository")
    folder = tmp_path_factory.mktemp("seed")
    (folder / "split").mkdir()
    return {
        "careful": [seed_word.careful(SEED, folder / "aftale.docx")],
        "split": seed_word.split(SEED, folder / "split"),
        "plain": [seed_word.plain(SEED, folder / "ren_tekst.docx")],
        "raw": [seed_word.raw(SEED, folder / "tekstfil.docx")],
    }


@needs_seed
@pytest.mark.parametrize("kind", ["careful", "split"])
def test_the_seed_typed_into_lbfs_template_becomes_the_agreement(kind, seed_documents, tmp_path):
    target, report = imported(tmp_path, seed_documents[kind])
    percent, mails, all_mails = coverage(SEED, target, AGREEMENT)
    assert percent >= 95, f"{percent:.1f} %"
    assert (mails, all_mails) == (27, 27)
    # the four delaftaler with the seed's activities, each role's årsværk per area as the seed states them
    assert activities(target) == activities(AGREEMENT)
    assert staff_per_area(target) == staff_per_area(AGREEMENT)
    assert only_placeholders(target) == []
    assert "Lise Koch" in report  # a contact spelt two ways is one, the variant named
    activity = next(a for s in tomllib.loads(target.read_text(encoding="utf-8"))["delaftaler"]
                    for a in s["aktiviteter"] if a["navn"] == "Lokal deltagelse")
    assert activity["formaal"].startswith("Beboerne oplever at større kendskab")
    assert activity["maalgrupper"] == ["Alle beboere i afdelingerne"]
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    sof = [p for p in data["parter"] if p["navn"].startswith("SOF BBU - Socialforvaltningen")]
    assert len(sof) == 1  # the same party in two delaftaler is one [[parter]] entry


@needs_seed
def test_a_plain_conversion_of_the_seed_still_reaches_ninety_percent(seed_documents, tmp_path):
    target, _ = imported(tmp_path, seed_documents["plain"])
    percent, mails, _ = coverage(SEED, target, AGREEMENT)
    assert percent >= 90, f"{percent:.1f} %"
    assert mails == 27
    assert staff_per_area(target) == staff_per_area(AGREEMENT)
    assert only_placeholders(target) == []


@needs_seed
def test_the_seeds_text_with_its_markup_as_literal_text_is_read_too(seed_documents, tmp_path):
    """A text export opened in Word: '## 1. Kort om boligområdet', '**Formål:**', '<li>' as characters."""
    target, _ = imported(tmp_path, seed_documents["raw"])
    percent, mails, _ = coverage(SEED, target, AGREEMENT)
    assert percent >= 90, f"{percent:.1f} %"
    assert mails == 27
    assert activities(target) == activities(AGREEMENT)
    assert only_placeholders(target) == []


@pytest.fixture(scope="module")
def two_area_documents(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("to")
    shutil.copyfile(TWO_AREAS, folder / "agreement.toml")
    result = docgen("build", str(folder / "agreement.toml"), "-o", str(folder / "output"))
    assert result.returncode == 0, result.stderr
    return sorted((folder / "output").glob("*.docx"), reverse=True)  # in another order than built


def test_docgens_own_documents_give_the_same_agreement(two_area_documents, tmp_path):
    assert len(two_area_documents) == 5  # strategic, two delaftaler, beredskabsplan, kommissorium
    target, report = imported(tmp_path, two_area_documents)
    assert activities(target) == activities(TWO_AREAS)
    assert staff_per_area(target) == staff_per_area(TWO_AREAS)
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    original = tomllib.loads(TWO_AREAS.read_text(encoding="utf-8"))
    for key in ("navn", "formaal", "maalgrupper", "indhold"):
        assert [a[key] for s in data["delaftaler"] for a in s["aktiviteter"]] == \
               [a[key] for s in original["delaftaler"] for a in s["aktiviteter"]]
    assert data["beredskabsplan"]["situationer"][0]["titel"] == "Uro i området"
    assert data["kommissorium"]["opgaver"] == original["kommissorium"]["opgaver"]
    if (TOOLS / "toml_seed_coverage.py").is_file():
        percent, mails, all_mails = coverage(None, target, TWO_AREAS)
        assert percent >= 93, f"{percent:.1f} %"
        assert mails == all_mails
    # placeholders only for what Word does not hold: salaries and the budget
    result = docgen("validate", str(target))
    errors = [line for line in result.stderr.splitlines() if ", linje " in line]
    assert errors and all("skal udfyldes" in e for e in errors)
    assert {re.search(r"\[(\w+)", e).group(1) for e in errors} == {"medarbejdere", "budget"}


def test_the_shipped_agreements_own_documents_give_it_back(tmp_path_factory, tmp_path):
    folder = tmp_path_factory.mktemp("eksempel")
    result = docgen("build", str(AGREEMENT), "-o", str(folder))
    assert result.returncode == 0, result.stderr
    target, _ = imported(tmp_path, sorted(folder.glob("*.docx")))
    assert activities(target) == activities(AGREEMENT)
    assert staff_per_area(target) == staff_per_area(AGREEMENT)
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    original = tomllib.loads(AGREEMENT.read_text(encoding="utf-8"))
    assert len(data["kommissorium"]["medlemmer"]) == len(original["kommissorium"]["medlemmer"])
    assert len(data["beredskabsplan"]["situationer"]) == len(original["beredskabsplan"]["situationer"])
    if (TOOLS / "toml_seed_coverage.py").is_file():
        percent, mails, all_mails = coverage(None, target, AGREEMENT)
        assert percent >= 95, f"{percent:.1f} %"  # the rest lives in the workbooks (budget, milestones)
        assert mails == all_mails
    assert only_placeholders(target) == []


def test_an_existing_file_is_never_overwritten(two_area_documents, tmp_path):
    target = tmp_path / "NY.toml"
    target.write_text("# mine\n", encoding="utf-8")
    result = docgen("import", str(two_area_documents[0]), "--ny", str(target))
    assert result.returncode == 1
    assert "findes allerede" in result.stderr
    assert target.read_text(encoding="utf-8") == "# mine\n"


def test_a_word_file_that_is_not_an_agreement_is_refused_in_danish(tmp_path):
    from docx import Document

    document = Document()
    document.add_heading("Referat af generalforsamlingen", 1)
    document.add_paragraph("Formanden bød velkommen. Regnskabet blev godkendt.")
    path = tmp_path / "referat.docx"
    document.save(str(path))
    result = docgen("import", str(path), "--ny", str(tmp_path / "NY.toml"))
    assert result.returncode == 1
    assert "ligner ikke en boligsocial aftale" in result.stderr
    assert "Delaftale for indsatsområdet" in result.stderr  # what was looked for
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "NY.toml").exists()


def _hand_made_plans(folder: Path) -> list[Path]:
    """A beredskabsplan and a kommissorium as a plan types them, by their headings (no LBF template)."""
    from docx import Document

    plan = Document()
    plan.add_heading("Beredskabsplan for Vestparken", 0)
    plan.add_heading("Formål", 1)
    plan.add_paragraph("Planen sikrer, at parterne handler hurtigt og samlet, når der sker noget alvorligt.")
    plan.add_heading("Situationer", 1)
    plan.add_heading("Brand i en opgang", 2)
    plan.add_paragraph("En brand, hvor beboere ikke kan blive i deres bolig.")
    plan.add_paragraph("Boligforeningen Vest: Genhuser de berørte beboere", style="List Bullet")
    plan.add_paragraph("Helhedsplanen: Åbner et lokale med information", style="List Bullet")
    plan.add_paragraph("Informeres: Aastrup Kommune")
    plan.add_heading("Kontaktpersoner", 1)
    plan.add_paragraph("Aastrup Kommune: Karim Said, 55667788, ks@aastrup.dk")
    plan.save(str(folder / "beredskab.docx"))

    terms = Document()
    terms.add_heading("Kommissorium for Bestyrelsen", 0)
    terms.add_heading("Baggrund", 1)
    terms.add_paragraph("Bestyrelsen blev nedsat, da helhedsplanen begyndte i 2025.")
    terms.add_heading("Formål", 1)
    terms.add_paragraph("Bestyrelsen styrer helhedsplanen.")
    terms.add_heading("Sammensætning", 1)
    terms.add_paragraph("Boligforeningen Vest: boligsocial chef", style="List Bullet")
    terms.add_paragraph("Aastrup Kommune: jobcenterchef", style="List Bullet")
    terms.add_heading("Opgaver", 1)
    terms.add_paragraph("Godkende budgettet", style="List Bullet")
    terms.add_paragraph("Følge op på målene", style="List Bullet")
    terms.add_heading("Møder", 1)
    terms.add_paragraph("Bestyrelsen mødes fire gange om året.")
    terms.add_heading("Sekretariat", 1)
    terms.add_paragraph("Helhedsplanens leder er sekretær.")
    terms.save(str(folder / "kommissorium.docx"))
    return [folder / "beredskab.docx", folder / "kommissorium.docx"]


def test_a_hand_made_beredskabsplan_and_kommissorium_are_read_by_their_headings(two_area_documents, tmp_path):
    agreement_documents = [p for p in two_area_documents if "Beredskab" not in p.name and "Kommissorium" not in p.name]
    target, _ = imported(tmp_path, agreement_documents + _hand_made_plans(tmp_path))
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    parties = {p["id"]: p["navn"] for p in data["parter"]}
    plan = data["beredskabsplan"]
    assert plan["formaal"].startswith("Planen sikrer")
    [situation] = plan["situationer"]
    assert situation["titel"] == "Brand i en opgang"
    assert [(a["handling"], [parties[p] for p in a["hvem"]]) for a in situation["handlinger"]] == [
        ("Genhuser de berørte beboere", ["Boligforeningen Vest"]),
        ("Åbner et lokale med information", ["Den boligsociale helhedsplan for Vestparken"]),
    ]
    assert [parties[p] for p in situation["informeres"]] == ["Aastrup Kommune"]
    assert [parties[p] for p in plan["kontakter"]] == ["Aastrup Kommune"]
    board = data["kommissorium"]
    assert board["opgaver"] == ["Godkende budgettet", "Følge op på målene"]
    assert [(parties[m["part"]], m["rolle"]) for m in board["medlemmer"]] == [
        ("Boligforeningen Vest", "boligsocial chef"), ("Aastrup Kommune", "jobcenterchef")]
    assert board["moeder"] == "Bestyrelsen mødes fire gange om året."
    assert board["sekretariat"] == "Helhedsplanens leder er sekretær."
    assert only_placeholders(target) == []


def test_text_that_cannot_be_placed_is_kept_verbatim_and_reported(tmp_path):
    from docx import Document

    document = Document()
    document.add_paragraph("Udkast til bestyrelsesmødet, må ikke deles")
    document.add_heading("Delaftale for indsatsområdet Beskæftigelse", 1)
    document.add_paragraph("Delaftalens parter:")
    document.add_paragraph("Aastrup Kommune")
    document.add_paragraph("Kontaktperson: Teamleder Karim Said: 55667788 / ks@aastrup.dk")
    document.add_paragraph("Medarbejderressourcer for indsatsområdet:")
    document.add_paragraph("Projektleder: 0,5 årsværk", style="List Bullet")
    document.add_paragraph("En frivillig koordinator efter behov", style="List Bullet")
    document.add_paragraph("Aktivitetsnavn: Jobcafé")
    document.add_paragraph("Formål: Flere ledige kommer i job.")
    document.add_paragraph("Målgruppe(r):")
    document.add_paragraph("Ledige beboere", style="List Bullet")
    document.add_paragraph("Indhold og praksis:")
    document.add_paragraph("En ugentlig café med jobvejledning.")
    document.add_paragraph("Ansvars- og rollefordeling:")
    document.add_paragraph("Aastrup Kommune")
    document.add_paragraph("Stiller en jobkonsulent til rådighed", style="List Bullet")
    path = tmp_path / "delaftale.docx"
    document.save(str(path))
    target, report = imported(tmp_path, [path])
    text = target.read_text(encoding="utf-8")
    block = text[text.index("# IKKE PLACERET"):]
    assert "#   Udkast til bestyrelsesmødet, må ikke deles" in block
    assert "#   En frivillig koordinator efter behov" in block
    assert "Ikke placeret: 2 afsnit" in report
    data = tomllib.loads(text)
    [sub] = data["delaftaler"]
    assert sub["aktiviteter"][0]["navn"] == "Jobcafé"
    assert sub["aktiviteter"][0]["formaal"] == "Flere ledige kommer i job."
    assert sub["medarbejdere"] == [{"rolle": "projektleder", "aarsvaerk": 0.5}]
    assert only_placeholders(target) == []


def _delaftale(path: Path, tracked: bool = False, comment: bool = False) -> Path:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    document.add_heading("Delaftale for indsatsområdet Beskæftigelse", 1)
    document.add_paragraph("Aktivitetsnavn: Jobcafé")
    purpose = document.add_paragraph("Formål: Flere ledige kommer i job.")
    if tracked:
        inserted = OxmlElement("w:ins")
        for key, value in (("w:id", "1"), ("w:author", "Anne Hansen"), ("w:date", "2025-01-02T10:00:00Z")):
            inserted.set(qn(key), value)
        run, text = OxmlElement("w:r"), OxmlElement("w:t")
        text.text = " Og flere unge."
        run.append(text)
        inserted.append(run)
        purpose._p.append(inserted)
    if comment:
        document.add_comment(purpose.runs[0], text="Er det rigtigt?", author="Bo Jensen")
    document.save(str(path))
    return path


def test_tracked_changes_are_never_taken_silently(tmp_path):
    result = docgen("import", str(_delaftale(tmp_path / "d.docx", tracked=True)), "--ny", str(tmp_path / "NY.toml"))
    assert result.returncode == 1
    assert "sporede ændringer (af Anne Hansen)" in result.stderr
    assert not (tmp_path / "NY.toml").exists()


def test_comments_are_listed_in_the_report(tmp_path):
    _, report = imported(tmp_path, [_delaftale(tmp_path / "d.docx", comment=True)])
    assert "kommentar fra Bo Jensen" in report and "»Er det rigtigt?«" in report
