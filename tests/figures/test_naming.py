"""Every file and folder name docgen makes is valid, and distinct, on
Windows, macOS and Linux alike (figures/naming.py)."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.figures.naming import file_name, folder_names, safe_name

DEVICES = ["CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))]


def valid_everywhere(name: str) -> bool:
    base = name.partition(".")[0].rstrip(" ").upper()
    return (bool(name) and not re.search(r'[<>:"/\\|?*\x00-\x1f]', name)
            and not name.endswith((".", " ")) and base not in DEVICES)


@pytest.mark.parametrize("name, safe", [
    ("CON", "CON_"), ("con", "con_"), ("Aux.toml", "Aux_.toml"), ("nul.tar.gz", "nul_.tar.gz"),
    ("COM1", "COM1_"), ("lpt9.txt", "lpt9_.txt"), ("COM10", "COM10"),
    ("CONSOLE", "CONSOLE"), ("nord.", "nord"), ("syd ", "syd"), ("a. . ", "a"), ("a<b>c:d|e?f*g", "a-b-c-d-e-f-g"),
    ('x"y/z\\w', "x-y-z-w"), ("tab\there", "tab-here"), ("...", "_"), ("Husum-Tingbjerg", "Husum-Tingbjerg"),
])
def test_safe_name(name, safe):
    assert safe_name(name) == safe
    assert valid_everywhere(safe_name(name))


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(st.text(min_size=0, max_size=20) | st.sampled_from(DEVICES).flatmap(
    lambda d: st.tuples(st.sampled_from([d, d.lower(), d.title()]), st.sampled_from(["", ".toml", " .x", "."])).map("".join)))
def test_every_name_is_valid_everywhere(name):
    assert valid_everywhere(safe_name(name))
    assert valid_everywhere(file_name(1, name, ".docx"))


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(st.lists(st.text(alphabet="aAæÆ.  Cc oOnN", min_size=1, max_size=5), max_size=6))
def test_folder_names_differ_without_regard_to_case(names):
    folders = folder_names(names)
    assert len({f.casefold() for f in folders}) == len(folders)
    assert all(valid_everywhere(f) for f in folders)


def test_folder_names_keep_the_first_and_number_the_rest():
    assert folder_names(["Aftale", "aftale", "AFTALE"]) == ["Aftale", "aftale (2)", "AFTALE (3)"]
    assert folder_names(["CON", "nord.", "syd "]) == ["CON_", "nord", "syd"]
    # the same letters in two Unicode forms are one name on macOS
    assert folder_names(["\u00e5bn", "a\u030abn"]) == ["\u00e5bn", "a\u030abn (2)"]
