"""The output folder is written all or nothing."""
from __future__ import annotations

import pytest

from docgen.errors import RenderError
from docgen.output import write_all


def test_writes_every_file_and_leaves_no_staging_folder(tmp_path):
    out = tmp_path / "output"
    paths = write_all(out, [("01 A.docx", lambda: b"a"), ("02 B.docx", lambda: b"b")])
    assert [p.read_bytes() for p in paths] == [b"a", b"b"]
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_failure_in_the_last_document_leaves_previous_output_intact(tmp_path):
    out = tmp_path / "output"
    write_all(out, [("01 A.docx", lambda: b"old a"), ("02 B.docx", lambda: b"old b")])

    def broken() -> bytes:
        raise RenderError("skabelonen er i stykker")

    with pytest.raises(RenderError):
        write_all(out, [("01 A.docx", lambda: b"new a"), ("02 B.docx", broken)])
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {"01 A.docx": b"old a", "02 B.docx": b"old b"}
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_documents_no_longer_made_are_removed_but_other_files_stay(tmp_path):
    out = tmp_path / "output"
    write_all(out, [("01 A.docx", lambda: b"a"), ("06 Gammel.docx", lambda: b"old")])
    (out / ".gitkeep").write_bytes(b"")
    (out / "noter.txt").write_text("mine noter")
    write_all(out, [("01 A.docx", lambda: b"a2")])
    assert sorted(p.name for p in out.iterdir()) == [".gitkeep", "01 A.docx", "noter.txt"]
