"""The output folder belongs to the user: docgen writes only its own files."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from docgen.errors import DocgenError
from docgen.cycle.folder import MANIFEST, PENDING, plan, sha256, write


def manifest_for(files: dict[str, bytes]) -> bytes:
    docs = [{"fil": n, "sha256": sha256(d)} for n, d in files.items()]
    return json.dumps({"dokumenter": docs}).encode()


def put(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write files the way a build does: the documents, then their manifest."""
    return write(plan(folder, [*files.items(), (MANIFEST, manifest_for(files))]))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.is_symlink()}


def test_writes_every_file_and_nothing_else(tmp_path):
    out = tmp_path / "output"
    paths = put(out, {"01 A.docx": b"a", "02 B.docx": b"b"})
    assert [p.read_bytes() for p in paths[:2]] == [b"a", b"b"]
    assert sorted(p.name for p in out.iterdir()) == ["01 A.docx", "02 B.docx", MANIFEST]
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_the_folder_itself_is_kept_with_its_inode_mode_and_the_users_entries(tmp_path):
    out = tmp_path / "output"
    put(out, {"01 A.docx": b"a"})
    elsewhere = tmp_path / "andet"
    elsewhere.mkdir()
    (elsewhere / "x.txt").write_text("x")
    (out / "01 Aftale - UNDERSKREVET.pdf").write_bytes(b"%PDF scan")
    (out / "bilag").mkdir()
    (out / "bilag" / "foto.jpg").write_bytes(b"jpg")
    (out / "link").symlink_to(elsewhere)
    out.chmod(0o700)
    inode = out.stat().st_ino
    put(out, {"01 A.docx": b"a2"})
    assert out.stat().st_ino == inode and out.stat().st_mode & 0o777 == 0o700
    assert (out / "01 Aftale - UNDERSKREVET.pdf").read_bytes() == b"%PDF scan"
    assert (out / "bilag" / "foto.jpg").read_bytes() == b"jpg"
    assert (out / "link").is_symlink() and os.readlink(out / "link") == str(elsewhere)
    assert (out / "01 A.docx").read_bytes() == b"a2"


def test_a_file_changed_since_docgen_wrote_it_is_kept_beside_the_new_one(tmp_path):
    out = tmp_path / "output"
    put(out, {"06 Budget.xlsx": b"docgen's"})
    (out / "06 Budget.xlsx").write_bytes(b"edited in Excel")
    p = plan(out, [("06 Budget.xlsx", b"new"), (MANIFEST, manifest_for({"06 Budget.xlsx": b"new"}))])
    assert p.keep == {"06 Budget.xlsx": "06 Budget (din udgave).xlsx"}
    write(p)
    assert (out / "06 Budget (din udgave).xlsx").read_bytes() == b"edited in Excel"
    assert (out / "06 Budget.xlsx").read_bytes() == b"new"
    # the kept copy is the user's now: the next build leaves it alone
    put(out, {"06 Budget.xlsx": b"newer"})
    assert (out / "06 Budget (din udgave).xlsx").read_bytes() == b"edited in Excel"
    assert not (out / "06 Budget (din udgave 2).xlsx").exists()


def test_a_users_file_or_link_at_a_documents_name_is_never_overwritten_or_followed(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    target = tmp_path / "secret.txt"
    target.write_text("not docgen's")
    (out / "01 A.docx").symlink_to(target)
    (out / MANIFEST).write_text("my own notes, not a manifest")
    put(out, {"01 A.docx": b"a"})
    assert target.read_text() == "not docgen's"
    assert (out / "01 A (din udgave).docx").is_symlink()
    assert (out / "manifest (din udgave).json").read_text() == "my own notes, not a manifest"
    assert (out / "01 A.docx").read_bytes() == b"a"


def test_documents_no_longer_made_are_removed_only_when_unchanged(tmp_path):
    out = tmp_path / "output"
    put(out, {"01 A.docx": b"a", "06 Gammel.docx": b"old", "07 Rettet.docx": b"old"})
    (out / "07 Rettet.docx").write_bytes(b"edited")
    put(out, {"01 A.docx": b"a2"})
    assert sorted(p.name for p in out.iterdir()) == ["01 A.docx", "07 Rettet.docx", MANIFEST]


def test_a_failure_while_writing_leaves_the_previous_files_byte_identical(tmp_path, monkeypatch):
    out = tmp_path / "output"
    put(out, {"01 A.docx": b"old a", "02 B.docx": b"old b"})
    before = snapshot(out)
    real_replace = os.replace

    def fail_on_b(src, dst):
        if Path(dst).name == "02 B.docx":
            raise PermissionError(13, "Permission denied")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", fail_on_b)
    with pytest.raises(DocgenError, match="åben i Word eller Excel"):
        put(out, {"01 A.docx": b"new a", "02 B.docx": b"new b"})
    monkeypatch.undo()
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted(before)


def test_a_failure_in_a_folder_the_build_made_removes_the_folder_and_blames_no_open_file(tmp_path, monkeypatch):
    import errno

    out = tmp_path / "output"
    real_replace = os.replace

    def name_too_long(src, dst):
        if Path(dst).name == "02 B.docx":
            raise OSError(errno.ENAMETOOLONG, "File name too long")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", name_too_long)
    with pytest.raises(DocgenError, match="for langt til drevet") as raised:
        put(out, {"01 A.docx": b"a", "02 B.docx": b"b"})
    assert "Word" not in str(raised.value)
    assert not out.exists()


@pytest.mark.parametrize("existing", [True, False])
def test_ctrl_c_half_way_puts_the_folder_back_as_it_was(tmp_path, monkeypatch, existing):
    out = tmp_path / "output"
    if existing:
        put(out, {"01 A.docx": b"old a", "02 B.docx": b"old b"})
        (out / "noter.txt").write_text("mine")
    before = snapshot(out) if existing else None
    real_replace = os.replace

    def interrupted(src, dst):
        if Path(dst).name == "02 B.docx":
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        put(out, {"01 A.docx": b"new a", "02 B.docx": b"new b"})
    monkeypatch.undo()
    if existing:
        assert snapshot(out) == before
    else:
        assert not out.exists()


def test_folder_problems_name_the_real_cause(tmp_path):
    a_file = tmp_path / "fil"
    a_file.write_text("x")
    with pytest.raises(DocgenError, match="er en fil, ikke en mappe"):
        plan(a_file, [(MANIFEST, b"{}")])
    with pytest.raises(DocgenError, match="fil, ikke en mappe"):
        plan(a_file / "under", [(MANIFEST, b"{}")])
    with pytest.raises(DocgenError, match="for langt"):
        plan(tmp_path / ("x" * 300), [(MANIFEST, b"{}")])


def test_a_malformed_or_deeply_nested_manifest_owns_nothing_and_blocks_nothing(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    (out / "01 A.docx").write_bytes(b"someone's")
    (out / MANIFEST).write_text("[" * 100000)
    put(out, {"01 A.docx": b"a"})
    assert (out / "01 A (din udgave).docx").read_bytes() == b"someone's"
    assert json.loads((out / MANIFEST).read_text())["dokumenter"][0]["fil"] == "01 A.docx"


KILL_SCRIPT = """
import os, signal, sys
from pathlib import Path
from docgen.cycle import folder as output
from docgen.cycle.folder import MANIFEST, plan, write

folder, stage, after = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
calls = 0
real = getattr(output.os, 'replace') if stage == 'replace' else output._write_temp

def killing(*args):
    global calls
    calls += 1
    if calls > after:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args)

if stage == 'replace':
    output.os.replace = killing
else:
    output._write_temp = killing
files = {'01 A.docx': b'new a', '02 B.docx': b'new b', '03 C.docx': b'new c'}
import json, hashlib
manifest = json.dumps({'dokumenter': [{'fil': n, 'sha256': hashlib.sha256(d).hexdigest()} for n, d in files.items()]})
write(plan(folder, [*files.items(), (MANIFEST, manifest.encode())]))
"""


@pytest.mark.parametrize("stage, after", [("temp", 2), ("replace", 2)])
def test_a_build_killed_half_way_loses_nothing_and_the_next_cleans_up(tmp_path, stage, after):
    import subprocess
    import sys

    out = tmp_path / "output"
    old = {"01 A.docx": b"old a", "02 B.docx": b"old b", "03 C.docx": b"old c"}
    put(out, old)
    (out / "noter.txt").write_text("mine")
    killed = subprocess.run([sys.executable, "-c", KILL_SCRIPT, str(out), stage, str(after)])
    assert killed.returncode == -9
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".docgen-")]
    assert leftovers  # the kill left temporary files behind
    if stage == "temp":  # killed before anything was moved: the previous set is complete
        assert {n: (out / n).read_bytes() for n in old} == old
    put(out, {"01 A.docx": b"a", "02 B.docx": b"b", "03 C.docx": b"c"})
    assert sorted(p.name for p in out.iterdir()) == ["01 A.docx", "02 B.docx", "03 C.docx", MANIFEST, "noter.txt"]
    assert (out / "02 B.docx").read_bytes() == b"b"
    assert not list(out.glob("*din udgave*")) and not (out / PENDING).exists()


# --- another agreement's documents ----------------------------------------------------------


def _build(source: Path, out: Path, **options):
    from docgen.pipeline import build

    return build(source, out, **options)


def test_a_folder_holding_another_agreements_documents_is_never_emptied(tmp_path):
    from conftest import MINIMAL, TWO_AREAS
    from docgen.cycle.folder import OtherAgreement

    out = tmp_path / "output"
    first = tmp_path / "agreement.toml"
    first.write_bytes(MINIMAL.read_bytes())
    _build(first, out)
    before = snapshot(out)
    other = tmp_path / "vestparken.toml"
    other.write_bytes(TWO_AREAS.read_bytes())
    with pytest.raises(OtherAgreement) as info:
        _build(other, out)
    message = str(info.value)
    assert "Testby" in message and "-o" in message and "--erstat-anden-aftale" in message
    assert snapshot(out) == before
    # said explicitly, the other agreement's documents are replaced (the user's files stay)
    (out / "referat.pdf").write_bytes(b"mine")
    _build(other, out, replace_other=True)
    names = {p.name for p in out.iterdir()}
    assert "referat.pdf" in names and not any("Testby" in n for n in names)
    assert any("Vestparken" in n for n in names)


def test_the_same_plan_from_a_renamed_or_edited_file_is_not_another(tmp_path):
    from conftest import MINIMAL

    out = tmp_path / "output"
    first = tmp_path / "agreement.toml"
    first.write_bytes(MINIMAL.read_bytes())
    _build(first, out)
    renamed = tmp_path / "testby-2025.toml"
    renamed.write_text(MINIMAL.read_text(encoding="utf-8").replace('vision = "En vision."', 'vision = "Ny."'),
                       encoding="utf-8")
    _build(renamed, out)
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["aftalefil"] == "testby-2025.toml"


def test_another_agreement_whose_documents_are_gone_or_edited_blocks_nothing(tmp_path):
    from conftest import MINIMAL, TWO_AREAS

    out = tmp_path / "output"
    first = tmp_path / "agreement.toml"
    first.write_bytes(MINIMAL.read_bytes())
    _build(first, out)
    for path in out.iterdir():
        if path.suffix in (".docx", ".xlsx"):
            path.unlink()
    other = tmp_path / "vestparken.toml"
    other.write_bytes(TWO_AREAS.read_bytes())
    _build(other, out)
