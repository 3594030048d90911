"""The one writer of small files (source/files.py): whole or not at all,
a unique temporary name, a link followed to its target and kept, a pipe written into, Danish errors."""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from docgen.errors import DocgenError
from docgen.source import files


def test_write_atomic_replaces_the_file_and_leaves_nothing_else(tmp_path):
    path = tmp_path / "a.json"
    path.write_text("gammel", encoding="utf-8")
    files.write_atomic(path, b"ny")
    assert path.read_bytes() == b"ny"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_write_atomic_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    path = tmp_path / "a.json"
    path.write_text("gammel", encoding="utf-8")
    path.chmod(0o640)
    files.write_atomic(path, b"ny")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "a.json"
    path.write_text("gammel", encoding="utf-8")

    def full(fd, data):
        os.write(fd, bytes(data[:1]))  # half written, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "_write_all", full)
    with pytest.raises(DocgenError) as info:
        files.write_atomic(path, b"ny tekst")
    assert "disken er fuld" in str(info.value) and "No space" not in str(info.value)
    assert path.read_text(encoding="utf-8") == "gammel"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_an_interrupt_while_writing_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "a.json"
    path.write_text("gammel", encoding="utf-8")

    def interrupted(fd, data):
        raise KeyboardInterrupt

    monkeypatch.setattr(files, "_write_all", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomic(path, b"ny")
    assert path.read_text(encoding="utf-8") == "gammel"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_write_atomic_writes_a_links_target_and_keeps_the_link(tmp_path):
    synced = tmp_path / "synkroniseret"
    synced.mkdir()
    outside = synced / "a.json"
    outside.write_text("gammel", encoding="utf-8")
    outside.chmod(0o640)
    folder = tmp_path / "mappe"
    folder.mkdir()
    (folder / "a.json").symlink_to(Path("..") / "synkroniseret" / "a.json")
    files.write_atomic(folder / "a.json", b"ny")
    assert (folder / "a.json").is_symlink() and os.readlink(folder / "a.json") == str(Path("..") / "synkroniseret" / "a.json")
    assert outside.read_bytes() == b"ny" and (outside.stat().st_mode & 0o777) == 0o640
    # the temporary file was made beside the target, and nothing is left of it
    assert sorted(p.name for p in synced.iterdir()) == ["a.json"] and sorted(p.name for p in folder.iterdir()) == ["a.json"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_write_atomic_writes_into_a_named_pipe_and_keeps_it(tmp_path):
    import stat
    import threading

    fifo = tmp_path / "rør"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    files.write_atomic(fifo, b"skemaet")
    reader.join(10)
    assert got == [b"skemaet"] and stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no terminals here")
def test_write_atomic_writes_into_a_terminal_and_keeps_it():
    # a terminal of its own (never /dev/full or the like: were the device
    # replaced by a file, as root, the machine would lose it)
    master, slave = os.openpty()
    try:
        name = Path(os.ttyname(slave))
        files.write_atomic(name, b"skemaet")
        assert os.read(master, 100).replace(b"\r", b"") == b"skemaet"
        assert stat.S_ISCHR(os.lstat(name).st_mode)
    finally:
        os.close(master)
        os.close(slave)


def test_write_new_never_follows_a_dangling_link(tmp_path):
    (tmp_path / "a.docx").symlink_to(tmp_path / "udenfor" / "x.docx")
    (tmp_path / "udenfor").mkdir()
    assert files.write_new(tmp_path / "a.docx", b"x") is False
    assert list((tmp_path / "udenfor").iterdir()) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_is_told_in_danish(tmp_path):
    folder = tmp_path / "skrivebeskyttet"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(DocgenError) as info:
            files.write_atomic(folder / "a.json", b"x")
        assert "du har ikke adgang" in str(info.value) and "Permission" not in str(info.value)
        with pytest.raises(DocgenError) as info:
            files.write_new(folder / "b.json", b"x")
        assert "du har ikke adgang" in str(info.value)
    finally:
        folder.chmod(0o700)


def test_a_second_holder_of_the_lock_is_told_in_danish(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "WAIT_SECONDS", 0.1)
    path = tmp_path / ".a.lock"
    with files.lock(path, "registrerer uploads"):
        assert path.exists()
        with pytest.raises(DocgenError) as info:
            with files.lock(path, "registrerer uploads"):
                pass
        assert "en anden kørsel registrerer uploads lige nu" in str(info.value)
    assert not path.exists()


def test_an_old_lock_is_named_and_never_removed_by_docgen(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "WAIT_SECONDS", 0.1)
    path = tmp_path / ".a.lock"
    path.write_text("123 maskine\n", encoding="utf-8")
    old = path.stat().st_mtime - files.STALE_SECONDS - 60
    os.utime(path, (old, old))
    with pytest.raises(DocgenError) as info:
        with files.lock(path, "registrerer uploads"):
            pass
    assert "blev stoppet uden at rydde op" in str(info.value) and "slet .a.lock" in str(info.value)
    assert path.exists()


def test_the_lock_goes_after_an_error(tmp_path):
    path = tmp_path / ".a.lock"
    with pytest.raises(ValueError):
        with files.lock(path, "registrerer uploads"):
            raise ValueError
    assert not path.exists()
