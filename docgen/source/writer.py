"""Writing changed values into agreement.toml and nothing else.

Each changed value is spliced into the file's own text at the place the
value is written (positions.value_spans), so every comment, blank line,
key order and string style stays as it was.  A text keeps its quoting: a
\"\"\"multi-line\"\"\" text stays one, a "basic" text stays basic unless the new
text has a line break (then it becomes multi-line), a 'literal' text stays
literal while it can.  tomlkit would re-serialise whole tables (it drops
the space before '}' of an inline table holding a date, and turns a
multi-line text into a one-line one when given a plain str), so it is not
used here.

Before the new text is returned it is parsed again and compared with what
the edits should give; a difference is an error, never a written file.
"""
from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from .positions import Path, value_spans


@dataclass(frozen=True)
class Edit:
    """``set`` a value, ``insert`` a list element after ``path`` (the
    element before it; index -1 for first), or ``delete`` the element at ``path``."""

    op: Literal["set", "insert", "delete"]
    path: Path
    value: Any = None


class WriteError(Exception):
    """The edits could not be written faithfully (a docgen fault)."""


def _escape_basic(text: str, multiline: bool) -> str:
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"' and not multiline:
            out.append('\\"')
        elif ch == "\n" and multiline:
            out.append("\n")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    escaped = "".join(out)
    if multiline:
        # no three quotes in a row inside, none right before the closing ones
        escaped = escaped.replace('"""', '""\\"')
        if escaped.endswith('"'):
            escaped = escaped[:-1] + '\\"'
    return escaped


def string_literal(value: str, original: str | None) -> str:
    """``value`` as a TOML string in the style of ``original`` (the old literal)."""
    original = original or '"'
    if original.startswith('"""') or (original.startswith(("'", '"')) and "\n" in value
                                       and not original.startswith("'''")):
        lead = "\n" if original.startswith('"""\n') or not original.startswith('"""') else ""
        return '"""' + lead + _escape_basic(value, True) + '"""'
    if original.startswith("'''"):
        if "'''" not in value and not value.endswith("'") and all(ord(c) >= 0x20 or c in "\n\t" for c in value):
            lead = "\n" if original.startswith("'''\n") else ""
            return "'''" + lead + value + "'''"
        return '"""\n' + _escape_basic(value, True) + '"""'
    if original.startswith("'") and "'" not in value and "\n" not in value \
            and all(ord(c) >= 0x20 or c == "\t" for c in value):
        return "'" + value + "'"
    return '"' + _escape_basic(value, False) + '"'


def number_literal(value: Decimal | int) -> str:
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return str(int(value))
        return format(value.normalize(), "f")
    return str(value)


def literal(value: Any, original: str | None) -> str:
    if isinstance(value, str):
        return string_literal(value, original)
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return number_literal(value)
    raise WriteError(f"kan ikke skrive en værdi af typen {type(value).__name__}")


def _get(data: Any, path: Path) -> Any:
    for key in path:
        data = data[key]
    return data


def _expected(data: dict, edits: list[Edit]) -> dict:
    data = copy.deepcopy(data)
    for edit in sorted(edits, key=_order, reverse=True):
        parent, key = _get(data, edit.path[:-1]), edit.path[-1]
        if edit.op == "set":
            value = edit.value
            if isinstance(value, Decimal):
                value = int(value) if value == value.to_integral_value() and isinstance(parent[key], int) else value
            parent[key] = value
        elif edit.op == "insert":
            parent.insert(key + 1, edit.value)
        else:
            del parent[key]
    return data


def _order(edit: Edit) -> tuple:
    return tuple((0, k) if isinstance(k, int) else (1, str(k)) for k in edit.path)


def _normal(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    if isinstance(value, float):
        return Decimal(str(value))
    return value


def _is_table_element(edit: Edit, spans: dict) -> bool:
    """An element of an array of tables ([[budget.udgifter]],
    [[delaftaler.delmaal.indikatorer]]) inserted or deleted whole."""
    if edit.op == "insert":
        return isinstance(edit.value, dict)
    if edit.op == "delete":
        return edit.path not in spans and any(p[:len(edit.path)] == edit.path for p in spans)
    return False


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_inline(v)}" for k, v in value.items()) + " }"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return literal(value, None)


def _table_name(path: Path) -> str:
    """('delaftaler', 0, 'delmaal', 1, 'indikatorer', 2) -> delaftaler.delmaal.indikatorer"""
    return ".".join(k for k in path if isinstance(k, str))


def _element_lines(text: str, spans: dict, path: Path) -> tuple[int, int]:
    """Where an array-of-tables element's text starts (its [[header]]
    line) and ends (after the line of its last value, sub-tables included)."""
    inside = [span for p, span in spans.items() if p[:len(path)] == path and len(p) > len(path)]
    if not inside:
        raise WriteError(f"elementet {path} står ikke i filen")
    first, last = min(s for s, _ in inside), max(e for _, e in inside)
    header = text.rfind("\n[[", 0, first) + 1
    if not text.startswith(f"[[{_table_name(path)}]]", header):
        raise WriteError(f"elementet {path} står ikke i filen som [[tabel]]")
    end = text.find("\n", last)
    return header, len(text) if end < 0 else end + 1


def _table_edit(text: str, spans: dict, edit: Edit) -> tuple[int, int, str]:
    """A table inserted after ``edit.path`` (index -1: first) or deleted."""
    if edit.op == "delete":
        start, end = _element_lines(text, spans, edit.path)
        if text[:start].endswith("\n\n"):  # the blank line that separated it
            start -= 1
        return start, end, ""
    body = f"[[{_table_name(edit.path)}]]\n" + "".join(f"{k} = {_inline(v)}\n" for k, v in edit.value.items())
    if edit.path[-1] < 0:
        start, _ = _element_lines(text, spans, edit.path[:-1] + (0,))
        return start, start, body + "\n"
    _, end = _element_lines(text, spans, edit.path)
    return end, end, "\n" + body


def apply(text: str, edits: list[Edit]) -> str:
    """``text`` with ``edits`` made, and nothing else changed."""
    if not edits:
        return text
    spans = value_spans(text)
    replacements: list[tuple[int, int, str]] = []
    for edit in edits:
        if _is_table_element(edit, spans):
            replacements.append(_table_edit(text, spans, edit))
            continue
        if edit.op == "set":
            if edit.path not in spans:
                raise WriteError(f"feltet {edit.path} står ikke i filen")
            start, end = spans[edit.path]
            replacements.append((start, end, literal(edit.value, text[start:end])))
        elif edit.op == "insert":
            index = edit.path[-1]
            after = edit.path[:-1] + (index,)
            first = edit.path[:-1] + (0,)
            model = spans.get(after) or spans.get(first)
            if model is None:
                raise WriteError(f"listen {edit.path[:-1]} står ikke i filen")
            new = literal(edit.value, text[model[0]:model[1]])
            if index < 0:
                start = spans[first][0]
                replacements.append((start, start, new + ", "))
            else:
                end = spans[after][1]
                following = edit.path[:-1] + (index + 1,)
                gap = text[end:spans[following][0]] if following in spans else ", "
                separator = gap[: len(gap) - len(gap.lstrip(", \t\r\n"))] if "\n" in gap else ", "
                if "\n" in separator and "," not in separator:
                    separator = "," + separator
                replacements.append((end, end, separator + new))
        else:
            path, index = edit.path, edit.path[-1]
            start, end = spans[path]
            following = path[:-1] + (index + 1,)
            previous = path[:-1] + (index - 1,)
            if index > 0 and previous in spans:
                replacements.append((spans[previous][1], end, ""))
            elif following in spans:
                replacements.append((start, spans[following][0], ""))
            else:
                replacements.append((start, end, ""))
    out = text
    for start, end, new in sorted(replacements, key=lambda r: (r[0], r[1]), reverse=True):
        out = out[:start] + new + out[end:]
    try:
        got = tomllib.loads(out, parse_float=Decimal)
        want = _expected(tomllib.loads(text, parse_float=Decimal), edits)
    except (tomllib.TOMLDecodeError, KeyError, IndexError, TypeError) as exc:
        raise WriteError(f"ændringerne kunne ikke skrives rent ind i filen ({exc})") from None
    if _normal(got) != _normal(want):
        raise WriteError("ændringerne kunne ikke skrives rent ind i filen (filen ville få andre værdier)")
    return out
