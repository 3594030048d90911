"""Tests for benchmarks/make_large.py: the TOML writer round-trips through
tomllib, and the synthetic agreement passes docgen's checks.

    python -m pytest benchmarks
"""
from __future__ import annotations

import datetime as dt
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_large  # noqa: E402
from make_large import dumps, make, scale  # noqa: E402

TRICKY_STRINGS = [
    "",
    "plain",
    'with "quotes" and \\ backslash',
    "tab\there",
    "æøå ÆØÅ – “curly” ½ 🙂",
    "control \x00 \x01 \x1f \x7f \b \f",
    "cr \r lf",
    "multi\nline",
    "\nstarts with a newline",
    "ends with a quote\"",
    'ends with two quotes""',
    'three """ in a row and """"" five',
    'line\n""" closing-like\n"',
    "line ending in backslash \\\nnext",
    "windows\r\nline ends\r\n",
    "#not a comment",
    "'single' '''triple''' single",
    "\u2028 line separator \ufeff bom",
]


def roundtrip(data: dict, **kw) -> dict:
    return tomllib.loads(dumps(data), **kw)


@pytest.mark.parametrize("s", TRICKY_STRINGS)
def test_strings_round_trip_in_every_position(s):
    data = {
        "top": s,
        "list": [s, s],
        "inline": {"k": s},
        "table": {"k": s, "long": "x" * 200, "nested": {"deep": s}},
        "aot": [{"k": s, "pad": "y" * 200}, {"k": s}],
        s or "empty": 1,  # as a key too
    }
    assert roundtrip(data) == data


def test_scalars_round_trip():
    data = {
        "ints": [0, -1, 2**63 - 1, -(2**63)],
        "floats": [0.0, -0.5, 1e-300, 1.7976931348623157e308, 0.1 + 0.2, float("inf"), float("-inf")],
        "bools": [True, False],
        "date": dt.date(2024, 9, 1),
        "datetime": dt.datetime(2024, 9, 1, 12, 30, 5, 123456),
        "aware": dt.datetime(2024, 9, 1, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        "time": dt.time(7, 45, 0),
        "empty_list": [],
        "empty_table": {},
        "mixed": [1, "a", [2, [3]], {"x": 1}],
        "quoted keys": {"a.b": 1, "c d": 2, "": 3, "æ": 4},
    }
    assert roundtrip(data) == data
    nan = roundtrip({"x": float("nan")})["x"]
    assert nan != nan


def test_decimals_stay_decimal_floats():
    data = {"a": Decimal("7.25"), "b": Decimal("0.25"), "c": Decimal("3.0"), "d": Decimal("1E+2"), "e": [Decimal("-0.1")]}
    assert roundtrip(data, parse_float=Decimal) == data
    assert roundtrip(data, parse_float=Decimal)["d"] == Decimal(100)
    assert isinstance(roundtrip(data)["d"], float)  # not turned into an int


def test_deep_tables_and_arrays_of_tables():
    data = {
        "root": "value",
        "a": {"b": {"c": {"d": 1, "text": "line\n" * 3}}},
        "items": [
            {"id": "x", "body": "long\ntext", "sub": [{"q": 1, "text": "z" * 150}, {"q": 2}], "t": {"k": "v" * 150}},
            {"id": "y", "sub": [], "t": {}},
        ],
    }
    assert roundtrip(data) == data


def test_agreement_round_trips():
    data = tomllib.loads(make_large.AGREEMENT.read_text(encoding="utf-8"), parse_float=Decimal)
    assert roundtrip(data, parse_float=Decimal) == data


def test_scale_counts_and_budget_totals():
    data = tomllib.loads(make_large.AGREEMENT.read_text(encoding="utf-8"), parse_float=Decimal)
    large = scale(data, 10)
    assert len(large["parter"]) == 10 * len(data["parter"])
    assert len({p["id"] for p in large["parter"]}) == len(large["parter"])
    for sub, big in zip(data["delaftaler"], large["delaftaler"]):
        assert len(big["aktiviteter"]) == 10 * len(sub["aktiviteter"])
        assert big["medarbejdere"] == sub["medarbejdere"]
    assert len(large["budget"]["udgifter"]) == 10 * len(data["budget"]["udgifter"])
    for period in (p["id"] for p in data["budget"]["perioder"]):
        def total(d):
            return sum(line["beloeb"].get(period, 0) for line in d["budget"]["udgifter"])
        assert total(large) == total(data)
    assert large["budget"]["finansiering"] == data["budget"]["finansiering"]
    assert len(large["milepaele"]) == 10 * len(data["milepaele"])
    assert len(large["omraader"]) == 4
    # Every party is referenced somewhere outside [[parter]].
    referenced = set()

    def walk(x):
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
        elif isinstance(x, str):
            referenced.add(x)

    walk({k: v for k, v in large.items() if k != "parter"})
    assert {p["id"] for p in large["parter"]} <= referenced


def test_party_names_are_distinct_and_not_alike():
    """docgen's lint warns about names at least 0.9 alike (difflib); the
    copies must not add such warnings, and keep the original lengths."""
    import difflib
    import itertools

    data = tomllib.loads(make_large.AGREEMENT.read_text(encoding="utf-8"), parse_float=Decimal)
    large = scale(data, 10)
    names = [p["navn"].lower() for p in large["parter"]]
    original = {p["navn"].lower() for p in data["parter"]}
    assert len(set(names)) == len(names)
    assert sum(map(len, names)) == 10 * sum(len(p["navn"]) for p in data["parter"])
    for a, b in itertools.combinations(names, 2):
        if a in original and b in original:
            continue  # the shipped agreement's own names are its own business
        m = difflib.SequenceMatcher(a=a, b=b)
        if m.real_quick_ratio() >= 0.9 and m.quick_ratio() >= 0.9:
            assert m.ratio() < 0.9, (a, b)


def test_factor_one_is_the_agreement():
    data = tomllib.loads(make(1), parse_float=Decimal)
    assert data == tomllib.loads(make_large.AGREEMENT.read_text(encoding="utf-8"), parse_float=Decimal)


@pytest.mark.parametrize("factor", [2, 10])
def test_synthetic_agreement_passes_docgen_checks(tmp_path, factor):
    pipeline = pytest.importorskip("docgen.pipeline")
    path = tmp_path / f"large{factor}.toml"
    path.write_text(make(factor), encoding="utf-8")
    _, agreement = pipeline.check(path)  # raises InputError on any finding
    _, original = pipeline.check(make_large.AGREEMENT)
    count = sum(len(s.activities) for s in original.sub_agreements)
    assert sum(len(s.activities) for s in agreement.sub_agreements) == factor * count
    assert len(agreement.parties) == factor * len(original.parties)
