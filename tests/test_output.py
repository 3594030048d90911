"""The output folder is written all or nothing."""
from __future__ import annotations

from pathlib import Path

import pytest

from docgen.errors import DocgenError, RenderError
from docgen.output import write_all


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_writes_every_file_and_leaves_no_staging_folder(tmp_path):
    out = tmp_path / "output"
    paths = write_all(out, [("01 A.docx", b"a"), ("02 B.docx", b"b")])
    assert [p.read_bytes() for p in paths] == [b"a", b"b"]
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_failure_in_the_last_file_leaves_previous_output_intact(tmp_path):
    out = tmp_path / "output"
    write_all(out, [("01 A.docx", b"old a"), ("02 B.docx", b"old b")])

    def files():
        yield "01 A.docx", b"new a"
        raise RenderError("skabelonen er i stykker")

    with pytest.raises(RenderError):
        write_all(out, files())
    assert snapshot(out) == {"01 A.docx": b"old a", "02 B.docx": b"old b"}
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_a_folder_that_cannot_be_replaced_is_left_as_it_was(tmp_path, monkeypatch):
    out = tmp_path / "output"
    write_all(out, [("01 A.docx", b"old")])
    real_rename = Path.rename

    def locked(self, target):
        if self == out.resolve():
            raise PermissionError(13, "Permission denied")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", locked)
    with pytest.raises(DocgenError, match="åbent i Word eller Excel"):
        write_all(out, [("01 A.docx", b"new")])
    assert snapshot(out) == {"01 A.docx": b"old"}
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_documents_no_longer_made_are_removed_but_other_files_stay(tmp_path):
    out = tmp_path / "output"
    write_all(out, [("01 A.docx", b"a"), ("06 Gammel.docx", b"old"), ("06 Gammel.pdf", b"old")])
    (out / ".gitkeep").write_bytes(b"")
    (out / "noter.txt").write_text("mine noter")
    (out / "bilag").mkdir()
    (out / "bilag" / "foto.jpg").write_bytes(b"jpg")
    write_all(out, [("01 A.docx", b"a2")])
    assert sorted(p.name for p in out.iterdir()) == [".gitkeep", "01 A.docx", "bilag", "noter.txt"]
    assert (out / "noter.txt").read_text() == "mine noter"
    assert (out / "bilag" / "foto.jpg").read_bytes() == b"jpg"


def test_the_output_folder_gets_ordinary_permissions(tmp_path):
    import os

    out = tmp_path / "output"
    write_all(out, [("01 A.docx", b"a")])
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o777 & ~umask
