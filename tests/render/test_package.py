"""Reproducible output: the same agreement gives the same bytes."""
from __future__ import annotations

import datetime as dt
import zipfile
from io import BytesIO

import pytest

from docgen.pipeline import build
from docgen.render.package import build_time, reproducible

from conftest import MINIMAL


def folder_bytes(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_two_builds_seconds_apart_are_byte_identical(tmp_path, monkeypatch):
    import time

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build(MINIMAL, tmp_path / "a")
    time.sleep(1.1)  # zip timestamps have a resolution of two seconds; cross one
    time.sleep(1.0)
    build(MINIMAL, tmp_path / "b")
    a, b = folder_bytes(tmp_path / "a"), folder_bytes(tmp_path / "b")
    assert len(a) == 10 and a == b  # 7 documents, the two upload lists and the manifest


def test_core_properties_and_entry_times_come_from_the_revision_date(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    paths = build(MINIMAL, tmp_path / "out").documents
    for path in paths:
        with zipfile.ZipFile(path) as z:
            assert {i.date_time for i in z.infolist()} == {(2024, 9, 1, 0, 0, 0)}  # no revisions: the start
            core = z.read("docProps/core.xml").decode()
        assert ">2024-09-01T00:00:00Z</dcterms:modified>" in core
        assert ">2024-09-01T00:00:00Z</dcterms:created>" in core
        assert "<cp:revision>1</cp:revision>" in core


def test_source_date_epoch_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    path = build(MINIMAL, tmp_path / "out").documents[0]
    with zipfile.ZipFile(path) as z:
        assert ">2023-11-14T22:13:20Z</dcterms:modified>" in z.read("docProps/core.xml").decode()


def test_build_time():
    assert build_time(dt.date(2025, 6, 1), {}) == dt.datetime(2025, 6, 1)
    assert build_time(dt.date(2025, 6, 1), {"SOURCE_DATE_EPOCH": "0"}) == dt.datetime(1980, 1, 1)
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        build_time(dt.date(2025, 6, 1), {"SOURCE_DATE_EPOCH": "i går"})


def test_reproducible_rewrites_times_and_keeps_content():
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(zipfile.ZipInfo("a.xml", (2026, 11, 27, 10, 0, 0)), "<a/>")
        z.writestr("docProps/core.xml", '<cp:coreProperties xmlns:cp="x"><dcterms:modified xsi:type="W">2026-11-27T10:00:00Z</dcterms:modified></cp:coreProperties>')
    when = dt.datetime(2025, 1, 2, 3, 4, 6)
    out = zipfile.ZipFile(BytesIO(reproducible(buffer.getvalue(), when, 3)))
    assert [i.filename for i in out.infolist()] == ["a.xml", "docProps/core.xml"]
    assert {i.date_time for i in out.infolist()} == {(2025, 1, 2, 3, 4, 6)}
    assert out.read("a.xml") == b"<a/>"
    core = out.read("docProps/core.xml").decode()
    assert ">2025-01-02T03:04:06Z<" in core and "<cp:revision>3</cp:revision>" in core
