"""Write a synthetic agreement N times the size of the shipped agreement.toml.

    python benchmarks/make_large.py 10 large.toml

or, from Python (with benchmarks/ on sys.path)::

    from make_large import make
    text = make(10)

The agreement is parsed with tomllib and written back as TOML text with
N times the parties, the activities of each delaftale, the budget's
expense lines and the milestones.  The result passes ``docgen validate``
and ``docgen build``:

- party ``x`` gets copies ``x_2`` … ``x_N``, each with its own name of the
  same length: the original with its last third replaced by made-up
  letters, so no two names are alike (docgen's lint warns about names that
  look like one party spelt twice, and a real agreement has distinct
  parties); every copy is referenced: copy k of an activity names copy k
  of its parties in the division of responsibilities, and every copy is
  added to the party list of the delaftaler its original is in (or of the
  first delaftale);
- activity ``a`` gets copies ``a_2`` … ``a_N`` (name suffixed " (k)");
- each expense line is split into N lines whose amounts add up, per period,
  exactly to the original amount (whole kroner), so the totals, and hence
  the financing and Landsbyggefonden's share, stay valid unchanged;
- each milestone gets copies that point at copy k of its activity and of
  its responsible party;
- the staffing plan, the allocations of staff years and the four
  indsatsområder are unchanged.

Only the standard library is used; the TOML writer below (``dumps``)
covers what tomllib can return.
"""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
import math
import re
import sys
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AGREEMENT = ROOT / "agreement.toml"

# --- a small TOML writer -----------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
INLINE_WIDTH = 100  # a table or array of tables written inline at most this wide


def _control(ch: str) -> bool:
    return ch < " " or ch == "\x7f"


def _basic_string(s: str) -> str:
    out = []
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _control(ch):
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _multiline_string(s: str) -> str:
    """A multi-line basic string.  The newline right after the opening
    quotes is dropped by TOML, so the text starts on the next line."""
    out: list[str] = []
    quotes = 0  # unescaped quotes just written
    for ch in s:
        if ch == '"':
            if quotes == 2:  # a third in a row would close the string
                out.append('\\"')
                quotes = 0
            else:
                out.append('"')
                quotes += 1
            continue
        quotes = 0
        if ch == "\\":
            out.append("\\\\")
        elif ch in ("\n", "\t"):
            out.append(ch)
        elif _control(ch):  # includes \r: a lone CR is not allowed raw
            out.append(_ESCAPES.get(ch) or f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    # A quote right before the closing """ would be read as part of it.
    n = len(out)
    while n and out[n - 1] == '"':
        out[n - 1] = '\\"'
        n -= 1
    return '"""\n' + "".join(out) + '"""'


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _basic_string(key)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)  # always has a '.' or an exponent
    if isinstance(value, Decimal):
        if value.is_nan():
            return "nan"
        if value.is_infinite():
            return "inf" if value > 0 else "-inf"
        text = format(value, "f")
        return text if "." in text else text + ".0"  # stay a float in TOML
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, str):
        return _basic_string(value)
    raise TypeError(f"kan ikke skrive {type(value).__name__} som TOML")


def _inline(value: Any) -> str:
    """Any value on one line (inline tables and arrays, basic strings)."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    return _scalar(value)


def _is_table(value: Any, top: bool) -> bool:
    """A dict written as [table] rather than inline (always at the top)."""
    return isinstance(value, dict) and (top or not _fits_inline(value))


def _fits_inline(value: Any) -> bool:
    text = _inline(value)
    return len(text) <= INLINE_WIDTH and "\\n" not in text


def _is_table_array(value: Any) -> bool:
    """A non-empty list of dicts, some too big to write inline."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, dict) for v in value)
        and any(not _fits_inline(v) for v in value)
    )


def _value(value: Any) -> str:
    """A value after 'key = ' in a table."""
    if isinstance(value, str) and "\n" in value:
        return _multiline_string(value)
    if isinstance(value, list) and value and len(_inline(value)) > INLINE_WIDTH:
        return "[\n" + "".join(f"  {_inline(v)},\n" for v in value) + "]"
    return _inline(value)


def _table(path: list[str], table: dict, out: list[str]) -> None:
    top = not path
    plain = [(k, v) for k, v in table.items() if not _is_table(v, top) and not _is_table_array(v)]
    tables = [(k, v) for k, v in table.items() if _is_table(v, top)]
    arrays = [(k, v) for k, v in table.items() if _is_table_array(v)]
    for k, v in plain:
        out.append(f"{_key(k)} = {_value(v)}")
    for k, v in tables:
        sub = path + [_key(k)]
        out.extend(["", f"[{'.'.join(sub)}]"])
        _table(sub, v, out)
    for k, items in arrays:
        sub = path + [_key(k)]
        for item in items:
            out.extend(["", f"[[{'.'.join(sub)}]]"])
            _table(sub, item, out)


def dumps(data: dict) -> str:
    """TOML text for a dict as tomllib returns it (str, int, float,
    Decimal, bool, date, datetime, time, list, dict)."""
    out: list[str] = []
    _table([], data, out)
    return "\n".join(out).lstrip("\n") + "\n"


# --- the synthetic agreement ---------------------------------------------------


def _code(seed: str, length: int) -> str:
    """A deterministic made-up word of ``length`` letters."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    out, counter = "", 0
    while len(out) < length:
        digest = hashlib.sha256(f"{seed}:{counter}".encode()).digest()
        out += "".join(letters[b % 26] for b in digest)
        counter += 1
    return out[:length]


def copy_name(name: str, k: int) -> str:
    """A copy's name: as long as the original, but unlike it and every
    other copy (difflib ratio well below 0.9): its last third is made up."""
    keep = len(name) - max(3, round(len(name) * 0.3))
    return name[:max(keep, 0)] + _code(f"{name}/{k}", len(name) - max(keep, 0))


def _split(amount: int, parts: int) -> list[int]:
    """Whole kroner in ``parts`` shares that add up to ``amount`` exactly."""
    base, rest = divmod(int(amount), parts)
    return [base + (1 if k < rest else 0) for k in range(parts)]


def scale(data: dict, factor: int) -> dict:
    """A copy of the parsed agreement with ``factor`` times the parties,
    activities, expense lines and milestones."""
    if factor < 1:
        raise ValueError("faktoren skal være mindst 1")
    data = copy.deepcopy(data)
    if factor == 1:
        return data
    copies = range(2, factor + 1)

    def suffixed(name: str, k: int) -> str:
        return f"{name}_{k}"

    # Parties.
    parties = data["parter"]
    party_ids = [p["id"] for p in parties]
    new_parties = []
    for p in parties:
        for k in copies:
            q = copy.deepcopy(p)
            q["id"] = suffixed(p["id"], k)
            q["navn"] = copy_name(p["navn"], k)
            if "kortnavn" in q:
                q["kortnavn"] = f"{p['kortnavn']} ({k})"
            new_parties.append(q)
    data["parter"] = parties + new_parties

    # Activities, and the copies of the parties in each delaftale's party list.
    subs = data["delaftaler"]
    activity_ids = [a["id"] for s in subs for a in s["aktiviteter"]]
    listed = {pid for s in subs for pid in s["parter"]}
    for n, sub in enumerate(subs):
        own = list(sub["parter"])
        if n == 0:
            own += [pid for pid in party_ids if pid not in listed]
        sub["parter"] = sub["parter"] + [suffixed(pid, k) for k in copies for pid in own]
        activities = list(sub["aktiviteter"])
        for k in copies:
            for a in activities:
                b = copy.deepcopy(a)
                b["id"] = suffixed(a["id"], k)
                b["navn"] = f"{a['navn']} ({k})"
                for resp in b["ansvar"]:
                    resp["parter"] = [suffixed(pid, k) for pid in resp["parter"]]
                sub["aktiviteter"].append(b)

    # Expense lines: each split into ``factor`` lines with the same totals.
    lines = []
    for line in data["budget"].get("udgifter", []):
        shares = {period: _split(amount, factor) for period, amount in line["beloeb"].items()}
        for k in range(factor):
            part = copy.deepcopy(line)
            part["tekst"] = f"{line['tekst']} (del {k + 1} af {factor})"
            part["beloeb"] = {period: shares[period][k] for period in line["beloeb"]}
            lines.append(part)
    data["budget"]["udgifter"] = lines

    # Milestones: copy k points at copy k of its activity and responsible party.
    milestones = data["milepaele"]
    originals = list(milestones)
    for k in copies:
        for m in originals:
            c = copy.deepcopy(m)
            c["titel"] = f"{m['titel']} ({k})"
            c["ansvarlig"] = suffixed(m["ansvarlig"], k)
            if "aktivitet" in c:
                c["aktivitet"] = suffixed(m["aktivitet"], k)
            milestones.append(c)

    # Copies must not collide with an existing id.
    for ids in ([p["id"] for p in data["parter"]], [a["id"] for s in subs for a in s["aktiviteter"]]):
        if len(ids) != len(set(ids)):
            raise ValueError("et kopieret id findes allerede; omdøb id'er, der ender på _<tal>")
    assert len(activity_ids) * factor == sum(len(s["aktiviteter"]) for s in subs)
    return data


def make(factor: int, source: Path = AGREEMENT) -> str:
    """TOML text of an agreement ``factor`` times the size of ``source``."""
    data = tomllib.loads(source.read_text(encoding="utf-8"), parse_float=Decimal)
    large = scale(data, factor)
    text = (
        f"# Syntetisk aftale: {source.name} × {factor}, lavet af benchmarks/make_large.py.\n"
        "# Kun til måling af docgens hastighed; indholdet er kopier.\n\n"
    ) + dumps(large)
    # The writer must give back exactly what it was given.
    if tomllib.loads(text, parse_float=Decimal) != large:
        raise AssertionError("TOML-teksten læses ikke tilbage som de data, der blev skrevet")
    return text


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit() or int(argv[0]) < 1:
        print("Brug: python benchmarks/make_large.py FAKTOR UDFIL   (fx 10 large.toml)", file=sys.stderr)
        return 2
    factor, out = int(argv[0]), Path(argv[1])
    text = make(factor)
    out.write_text(text, encoding="utf-8")
    print(f"Skrev {out}: {factor} × {AGREEMENT.name}, {len(text.encode('utf-8')):,} bytes.".replace(",", "."))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
