"""Makes docs/eksempler/Vestparken i Word.docx: the small example agreement
(tests/data/to_omraader.toml) typed by hand in Word the way many
secretariats type LBF's template: the section headings numbered with
Word's numbering button through the heading style, labels in bold, contact
lines name first.  The guide's section "Har I allerede en aftale i Word?"
imports it (tests/test_docs.py runs it).

    python docs/eksempler/lav_eksempel.py
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TARGET = HERE / "Vestparken i Word.docx"
HABIT = dict(numbering="style", name_first=True)


def make(target: Path = TARGET) -> Path:
    sys.path.insert(0, str(ROOT / "tests" / "importing"))
    import variety
    from docx import Document

    variety.VARIANTS["eksempel"] = variety.Habit(**HABIT)
    path = variety.write(ROOT / "tests" / "data" / "to_omraader.toml", target.parent, ["eksempel"])["eksempel"]
    document = Document(str(path))
    props = document.core_properties  # a person's file, not a program's
    props.author = props.last_modified_by = "Helhedsplanen Vestparken"
    props.title = "Strategisk samarbejdsaftale og delaftaler - Vestparken"
    props.created = props.modified = dt.datetime(2025, 3, 15, 9, 0)
    props.revision = 1
    document.save(str(target))
    if path != target:
        path.unlink()
    return target


if __name__ == "__main__":
    print(make())
