"""The upload manifest: every document, its requirement, SHA-256 and change status."""
from __future__ import annotations

import hashlib
import json

from docgen.lbf import DOCUMENT_KINDS
from docgen.pipeline import build

from conftest import MINIMAL


def test_manifest_lists_every_document_with_its_sha256(built):
    data = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    files = sorted(p.name for p in built.iterdir() if p.suffix in (".docx", ".xlsx"))
    assert sorted(d["fil"] for d in data["dokumenter"]) == files and len(files) == 10
    for d in data["dokumenter"]:
        assert d["sha256"] == hashlib.sha256((built / d["fil"]).read_bytes()).hexdigest()
        assert d["krav"] in [k["krav"] for k in DOCUMENT_KINDS.values()]
    checklist = (built / "Uploadliste.md").read_text(encoding="utf-8")
    for d in data["dokumenter"]:
        assert d["fil"] in checklist and d["sha256"] in checklist
    assert "En delaftale for hvert af de valgte indsatsområder" in checklist


def test_status_says_what_changed_since_the_previous_build(write_toml, tmp_path):
    out = tmp_path / "out"
    path = write_toml(MINIMAL.read_text(encoding="utf-8"))
    first = build(path, out).manifest
    assert {d["status"] for d in first["dokumenter"]} == {"ny"}
    again = build(path, out).manifest
    assert {d["status"] for d in again["dokumenter"]} == {"uændret"}
    path.write_text(path.read_text(encoding="utf-8").replace('vision = "En vision."', 'vision = "En ny vision."'), encoding="utf-8")
    changed = build(path, out).manifest
    status = {d["fil"]: d["status"] for d in changed["dokumenter"]}
    assert status["01 Strategisk samarbejdsaftale - Testby.docx"] == "ændret"
    assert status["02 Delaftale - Uddannelse og livschancer.docx"] == "uændret"
    assert "1 af 7 filer er nye eller ændrede" in (out / "Uploadliste.md").read_text(encoding="utf-8")


def test_removed_documents_are_named(write_toml, tmp_path):
    out = tmp_path / "out"
    build(write_toml(MINIMAL.read_text(encoding="utf-8")), out)
    renamed = MINIMAL.read_text(encoding="utf-8").replace('omraadenavn = "Testby"', 'omraadenavn = "Nyby"')
    data = build(write_toml(renamed, "b.toml"), out).manifest
    assert "01 Strategisk samarbejdsaftale - Testby.docx" in data["fjernet"]
    assert not (out / "01 Strategisk samarbejdsaftale - Testby.docx").exists()


def test_the_checklist_names_the_revision_as_the_footers_do(built):
    from docx_text import text

    checklist = (built / "Uploadliste.md").read_text(encoding="utf-8")
    footer_revision = "Revision 1, 15. august 2024"  # the shipped agreement's one [[revisioner]] entry
    assert f"{footer_revision}. Lavet af docgen" in checklist
    assert footer_revision in text(next(built.glob("01 *.docx")))
