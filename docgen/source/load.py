"""Read agreement.toml into the model, or fail with Danish diagnostics.

Every problem is reported with the file, the line and the field path, and
all model problems are reported in one go, not the first only.
"""
from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import stat
import tomllib
import types
import typing
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated, Any, Iterator

from pydantic import BaseModel, ValidationError

from ..errors import Diagnostic, InputError, os_reason
from .guard import value_problem
from . import placeholders
from ..model.agreement import AgreementFile
from .positions import key_lines, line_of

SYNTAX_ERROR = "TOML-syntaksfejl"  # how a syntax error's message begins (the CLI says more may follow)

# tomllib's messages, in Danish.  Matched on the start of the message.
_TABLE = "skal være en tabel: [navn] på en linje for sig med nøgle = værdi under, eller {{ nøgle = værdi, ... }}"  # braces doubled: the message is a format string

_TOML_MESSAGES = {
    "Invalid value": "ugyldig værdi. Tekst skal stå i anførselstegn, fx navn = \"Husum\"; tal og datoer uden",
    "Expected '=' after a key": "der mangler '=' efter nøglen",
    "Invalid statement": "ugyldig linje. Hver linje skal være 'nøgle = værdi', en [tabel] eller en kommentar (#)",
    "Unclosed array": "en liste [ ... ] er ikke lukket med ]",
    "Unclosed inline table": "en tabel { ... } er ikke lukket med }",
    "Unterminated string": "teksten er ikke afsluttet med anførselstegn",
    "Illegal character '\\n'": "teksten er ikke afsluttet med anførselstegn på samme linje",
    "Illegal character": "ulovligt tegn i teksten (fx et kontroltegn eller et linjeskift i en enkelt-linje-tekst)",
    "Cannot overwrite a value": "nøglen er angivet to gange",
    "Cannot declare": "tabellen er angivet to gange",
    "Cannot mutate immutable namespace": "tabellen er allerede angivet som indlejret tabel",
    "Expected newline or end of document": "der står noget efter værdien på samme linje",
    "Invalid initial character for a key part": "ugyldigt tegn i starten af en nøgle",
    "Invalid date or datetime": "ugyldig dato; skriv ÅÅÅÅ-MM-DD, fx 2024-09-01",
    "Expected ']' at the end of a table declaration": "der mangler ] efter tabelnavnet",
    "Expected ']]' at the end of an array declaration": "der mangler ]] efter tabelnavnet",
    "Unescaped '\\' in a string": "en \\ i en tekst skal skrives \\\\",
    "Invalid hex value": "en \\ i en tekst skal skrives \\\\ (efter \\u skal der stå en tegnkode, fx \\u00e6)",
    "Escaped character is not a Unicode scalar value": "tegnkoden efter \\u eller \\U findes ikke",
    "Found invalid character '\\n'": "teksten er ikke afsluttet med ' på samme linje. "
    "Brug ''' ... ''' til tekst over flere linjer",
    "Found invalid character": "ulovligt tegn (fx et kontroltegn). Slet tegnet",
    "Expected \"'''\"": "teksten er ikke afsluttet med '''",
    "Expected \"'\"": "teksten er ikke afsluttet med '",
    "Duplicate inline table key": "nøglen er angivet to gange",
    "Cannot redefine namespace": "tabellen er allerede angivet",
}


@dataclass
class Source:
    """The text of one agreement file, and where its keys are."""

    name: str
    text: str

    @cached_property
    def _lines(self) -> dict:
        return key_lines(self.text)

    def line_of(self, path: tuple) -> int | None:
        return line_of(self._lines, path)

    def diagnostic(self, path: tuple, message: str, severity: str = "fejl", text_line: int | None = None) -> Diagnostic:
        """``text_line``: the problem is on that line (1-based) of the
        value, a text of several lines; the diagnostic names its line in
        the file."""
        line = self.line_of(path)
        if line is not None and text_line is not None:
            line += self._value_line_offset(line) + text_line - 1
        return Diagnostic(message=message, file=self.name, line=line, path=format_path(path), severity=severity)

    def _value_line_offset(self, line: int) -> int:
        """0 when a value starts on its key's line (a one-line string, or
        three quotes with text after them), 1 when it is a multi-line
        string whose text starts on the next line (three quotes, then a
        line break, which TOML leaves out of the text)."""
        lines = self.text.split("\n", line)
        key_line = lines[line - 1] if len(lines) >= line else ""
        for quotes in ('"""', "'''"):
            at = key_line.find(quotes)
            if at >= 0:
                return 1 if not key_line[at + 3:].strip() else 0
        return 0


def format_path(path: tuple) -> str:
    """('delaftaler', 0, 'navn') -> delaftaler[1].navn  (1-based for people)"""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + printable(str(part))
    return out


def printable(text: str) -> str:
    """The text with control characters written as escapes (\\x1b), so a
    message never sends raw control characters to the terminal."""
    if text.isprintable():
        return text
    # only the control characters are escaped: 'Ayşe\x1b' stays 'Ayşe\\x1b', not 'Ay\\u015fe\\x1b'
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


# Far above any real agreement (the shipped one is some 30 KB); a larger
# "file" is a mistake (a log, a device), not an agreement.
MAX_BYTES = 20 * 1024 * 1024


def read(path: Path) -> Source:
    """Read the file as UTF-8 text (a BOM and CRLF line ends are fine).

    Only a regular file is read, and only up to MAX_BYTES: a FIFO, a device
    such as /dev/zero or a folder would block or never end."""
    name = str(path)
    try:
        raw = _read_regular(path, name)
    except FileNotFoundError:
        raise InputError([Diagnostic("filen findes ikke. Angiv stien til aftalefilen, fx agreement.toml", name)])
    except IsADirectoryError:
        raise InputError([Diagnostic("det er en mappe, ikke en fil", name)])
    except PermissionError:
        raise InputError([Diagnostic("filen kan ikke læses: du har ikke adgang til den (tjek filens rettigheder)", name)])
    except OSError as exc:
        raise InputError([Diagnostic(f"filen kan ikke læses ({printable(os_reason(exc))})", name)])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Notepad's "Unicode": text, but UTF-16, whose NUL bytes look binary
        raise InputError([Diagnostic(
            "filen er gemt som UTF-16 (\"Unicode\"). Gem den igen med tegnsættet UTF-8 "
            "(i Notesblok: Gem som → Kodning: UTF-8)", name,
        )])
    if b"\x00" in raw:
        raise InputError([Diagnostic("filen er ikke en tekstfil (den indeholder binære data). Angiv agreement.toml", name)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Diagnostic(
            "filen er ikke gemt som UTF-8. Gem den igen med tegnsættet UTF-8 (i Notesblok: Gem som → Kodning: UTF-8)",
            name, line=line,
        )])
    return Source(name, text.replace("\r\n", "\n"))


def read_raw(path: Path) -> "RawText":
    """The file's text exactly as stored (BOM and line ends remembered), for
    writing it back with only some values changed (source/writer.py)."""
    try:
        raw = _read_regular(path, str(path))
    except OSError as exc:  # gone or changed since it was read a moment ago
        raise InputError([Diagnostic(f"filen kan ikke læses ({printable(os_reason(exc))})", str(path))]) from None
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    return RawText(text.replace("\r\n", "\n"), bom, "\r\n" in text and text.count("\r\n") == text.count("\n"), raw)


@dataclass(frozen=True)
class RawText:
    """A TOML file's text with LF line ends, and how to store it again:
    every line the change leaves alone keeps its own line end (a file with
    CRLF on some lines keeps them), the unchanged text is its bytes."""

    text: str
    bom: bool
    crlf: bool
    original: bytes | None = None

    def stored(self, text: str) -> bytes:
        if self.original is not None and text == self.text:
            return self.original
        prefix = b"\xef\xbb\xbf" if self.bom else b""
        if self.original is None or self.crlf or b"\r\n" not in self.original:
            if self.crlf:
                text = text.replace("\n", "\r\n")
            return prefix + text.encode("utf-8")
        # mixed line ends: an untouched line keeps its own, a new one takes its neighbour's
        import difflib
        import re

        old_lines = re.findall(r"[^\n]*\n|[^\n]+$", self.original.decode("utf-8-sig"))
        ends = ["\r\n" if line.endswith("\r\n") else "\n" if line.endswith("\n") else "" for line in old_lines]
        old = [line.rstrip("\r\n") for line in old_lines]
        new_lines = text.split("\n")
        last = "" if text.endswith("\n") else None
        if last is not None:
            new_lines.pop()
        out = []
        matcher = difflib.SequenceMatcher(None, old, new_lines, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            for k, j in enumerate(range(j1, j2)):
                i = i1 + k if op == "equal" or i1 + k < i2 else max(i2 - 1, i1 - 1, 0)
                out.append(new_lines[j] + ((ends[i] if ends and i < len(ends) else "\n") or "\n"))
        joined = "".join(out)
        if last is None and joined.endswith("\n"):
            joined = joined[:-2] if joined.endswith("\r\n") else joined[:-1]
        return prefix + joined.encode("utf-8")


def _read_regular(path: Path, name: str) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES; InputError else.
    Opened without blocking, so a FIFO put in place after the check does
    not hang either; the type is checked on the open file itself."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(descriptor, "rb") as file:
        info = os.fstat(file.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            raise InputError([Diagnostic(
                "er ikke en almindelig fil (fx en enhed eller en named pipe). Angiv stien til aftalefilen, "
                "fx agreement.toml", name)])
        raw = file.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise InputError([Diagnostic(
            f"filen er for stor til at være en aftalefil (over {MAX_BYTES // (1024 * 1024)} MB). "
            "Angiv stien til aftalefilen, fx agreement.toml", name)])
    return raw


def parse_toml(source: Source) -> dict[str, Any]:
    try:
        data = tomllib.loads(source.text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise InputError([_toml_diagnostic(source, exc)]) from None
    except ValueError:
        # an integer of thousands of digits: Python refuses to convert it
        long = re.search(r"\d[\d_]{4000,}", source.text)
        line = source.text.count("\n", 0, long.start()) + 1 if long else None
        raise InputError([Diagnostic("tallet har alt for mange cifre; er der tastet for mange nuller?",
                                     source.name, line=line)]) from None
    except RecursionError:
        # lists or inline tables nested thousands deep: tomllib recurses
        raise InputError([Diagnostic(_TOO_DEEP, source.name, line=_deep_line(source.text))]) from None
    try:
        problems = [
            source.diagnostic(path, problem)
            for path, value in placeholders.values(data) if (problem := value_problem(value, path))
        ]
    except placeholders.TooDeep as exc:
        diagnostic = source.diagnostic(exc.path, _TOO_DEEP)
        if diagnostic.line is None:  # a dotted header [a.b.c...] records only its whole path
            below = [line for path, line in source._lines.items() if path[: len(exc.path)] == exc.path]
            diagnostic = replace(diagnostic, line=min(below, default=None))
        raise InputError([diagnostic]) from None
    if problems:
        raise InputError(problems)
    if not data:
        raise InputError([Diagnostic("filen er tom. Kopier den medfølgende agreement.toml, og ret den til", source.name)])
    return data


_TOO_DEEP = (
    f"lister eller tabeller er indlejret for dybt (mere end {placeholders.MAX_DEPTH} niveauer i hinanden). "
    "En aftale har kun få niveauer; tjek [ ], { } og punktummer i nøgler her"
)
_BRACKET = re.compile(r"[\[\]{}\"'#\n]")


def _deep_line(text: str) -> int | None:
    """The line where brackets outside strings and comments first nest
    deeper than MAX_DEPTH (the text may be too deep for tomllib to parse)."""
    from .positions import _STRING

    depth, line, i = 0, 1, 0
    while (match := _BRACKET.search(text, i)) is not None:
        c, i = match.group(), match.end()
        if c == "\n":
            line += 1
        elif c == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
        elif c in "\"'":
            string = _STRING.match(text, match.start())
            end = string.end() if string else i
            line += text.count("\n", i, end)
            i = max(end, i)
        elif c in "[{":
            depth += 1
            if depth > placeholders.MAX_DEPTH:
                return line
        else:
            depth -= 1
    return None


def _toml_diagnostic(source: Source, exc: tomllib.TOMLDecodeError) -> Diagnostic:
    message = str(exc)
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    line, column = (int(match.group(1)), int(match.group(2))) if match else (None, None)
    bare = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
    if match is None and "end of document" in message:
        line = _unclosed_string_line(source.text, bare) or source.text.count("\n") + 1
    danish = next((da for en, da in _TOML_MESSAGES.items() if bare.startswith(en)), bare)
    lines = source.text.split("\n")
    hint = _hint(lines[line - 1]) if line and line <= len(lines) else None
    if hint is None and line and line <= len(lines):
        hint = _structure_hint(bare, lines[line - 1], lines[line] if line < len(lines) else "")
    return Diagnostic(f"{SYNTAX_ERROR}: {danish}" + (f". {hint}" if hint else ""), source.name, line=line, column=column)


# What people who write Danish documents type, and what TOML wants instead.
_HINTS = (
    (re.compile(r"=\s*-?\d+,\d"), "Brug punktum som decimaltegn, fx 0.25 (ikke 0,25)"),
    (re.compile(r"=\s*\d{1,2}[-./]\d{1,2}[-./]\d{4}"), "Skriv datoer som ÅÅÅÅ-MM-DD, fx 2028-08-31"),
    (re.compile(r"=\s*-?[\d.]+\s*(kr\.?|kroner|%|årsværk|timer)", re.IGNORECASE), "Skriv kun tallet, uden enhed"),
    (re.compile(r"[“”„]"), "Brug almindelige anførselstegn \" i stedet for Words “ ”"),
    (re.compile(r"^\s*[\w.-]*[æøåÆØÅ][\w.-]*\s*="), "Nøgler skrives uden æ, ø og å, fx maalgrupper"),
    (re.compile(r"^\s*[^\s#=\[\]\"']+\s+[^=\"]*$"), "Er linjen en note? Så sæt # foran den"),
)


# 1.250.000: a whole number with Danish thousands separators (one group reads as decimals, see THOUSANDS)
_SEPARATED = re.compile(r"=\s*(-?\d{1,3}(?:\.\d{3}){2,})(?![\d.])")
# key = "text with "quotes" inside": the second quote ends the text early
_QUOTES_IN_TEXT = re.compile(r'^\s*[\w.-]+\s*=\s*"(?!"")[^"]*"\s*[^\s#,}\]].*"')
_MONTH_NAMES = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
                "september", "oktober", "november", "december")
# '1. januar 2025', '1 jan. 2025'
_DANISH_DATE = re.compile(r"(?P<day>\d{1,2})\.?\s*(?P<month>[a-zæøå]+)\.?\s+(?P<year>\d{4})", re.IGNORECASE)


def danish_date_fix(text: str) -> str | None:
    """'1. januar 2025' → '2025-01-01' (None when it is no such date)."""
    import datetime as dt

    match = _DANISH_DATE.search(text)
    if not match:
        return None
    word = match["month"].lower()
    month = next((n for n, name in enumerate(_MONTH_NAMES, 1) if len(word) >= 3 and name.startswith(word)), None)
    try:
        return dt.date(int(match["year"]), month, int(match["day"])).isoformat() if month else None
    except ValueError:
        return None


def _hint(line: str) -> str | None:
    """A hint for a typical slip on the line, or None."""
    key, equals, value = line.partition("=")
    if equals and (fixed := danish_date_fix(value)):
        return f"Skriv datoer som ÅÅÅÅ-MM-DD uden anførselstegn: {key.strip()} = {fixed} (ikke {value.strip()})"
    if separated := _SEPARATED.search(line):
        number = separated.group(1)
        return (f"Skriv tal uden tusindtalsseparator: {number.replace('.', '')} (ikke {number}); "
                "i filen er punktum decimaltegn")
    if _QUOTES_IN_TEXT.search(line):
        return ("Står der anførselstegn inde i teksten? De afslutter teksten. Skriv dem som »…« "
                "(fx »lektier«), eller sæt hele teksten mellem ''' og ''' i stedet for \" og \"")
    return next((hint for pattern, hint in _HINTS if pattern.search(line)), None)


def _open_braces(line: str) -> int:
    """How many '{' the line opens and does not close, outside strings and comments."""
    from .positions import _STRING

    depth, i = 0, 0
    while i < len(line):
        c = line[i]
        if c == "#":
            break
        if c in "\"'":
            string = _STRING.match(line, i)
            i = string.end() if string else len(line)
            continue
        depth += {"{": 1, "}": -1}.get(c, 0)
        i += 1
    return depth


def _structure_hint(bare: str, line: str, next_line: str) -> str | None:
    """A hint for the slips Notepad invites: an inline table broken over
    two lines, a text whose closing quote is missing."""
    if _open_braces(line) > 0 and not bare.startswith("Illegal character"):
        return ("En tabel { ... } skal stå på én linje: flyt resten op på denne linje, så linjen slutter med }. "
                "Er den for lang, så skriv den som en tabel med [navn] på en linje for sig og én nøgle = værdi pr. linje")
    if not bare.startswith("Illegal character '\\n'"):
        return None
    key, equals, value = line.partition("=")
    value = value.strip()
    # the next line is a key, a table or empty: the text was meant to end on this line
    ends_here = re.match(r"\s*($|#|\[|[\w.-]+\s*=)", next_line)
    if equals and ends_here and value.startswith('"') and value.count('"') == 1 and value[1:].strip():
        return (f'Mangler der et " sidst i teksten? Skriv {key.strip()} = "{value[1:].rstrip()}". '
                'En tekst over flere linjer skrives mellem """ og """')
    return 'Brug """ ... """ til tekst over flere linjer'


def _unclosed_string_line(text: str, bare: str) -> int | None:
    """The line a string that runs to the end of the file begins on.

    tomllib reports such a string at the end of the document, which in a
    long file is far from the quote that was never closed.  Nothing after
    the opening quote closes it, so it is the last quote of its kind."""
    if bare == "Unterminated string":
        # a one-line "..." cannot span lines: it is on the last line
        delimiter = '"""' if _parses(text + '"""') else None
    else:
        delimiter = {"Expected \"'''\"": "'''", "Expected \"'\"": "'"}.get(bare)
    position = text.rfind(delimiter) if delimiter else -1
    return text.count("\n", 0, position) + 1 if position >= 0 else None


def _parses(text: str) -> bool:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    return True


def validate(source: Source, data: dict[str, Any]) -> AgreementFile:
    """The model; every placeholder left ("[udfyld: …]") and every model
    error in one InputError.  An error about a placeholder's own field is
    left out: the placeholder says it better."""
    filled = [(path, what) for path, what in placeholders.find(data)]
    diagnostics = [source.diagnostic(path, placeholders.message(what)) for path, what in filled]
    separated = list(_thousands_in_whole_numbers(data))
    diagnostics += [source.diagnostic(path, message) for path, message in separated]
    blanks = [path for path, _ in filled] + [path for path, _ in separated]
    try:
        agreement = AgreementFile.model_validate(data)
    except ValidationError as exc:
        errors = [e for e in exc.errors() if not any(tuple(e["loc"])[: len(p)] == p for p in blanks)]
        titles = _ids_by_title(data)
        diagnostics += [_model_diagnostic(source, e, titles) for e in _without_misspelt_twins(errors)]
        agreement = None
    if diagnostics:
        partial = _partial(data, blanks)
        raise InputError(diagnostics, partial=(source, *partial) if partial else None)
    return agreement


# --- a stand-in model, so one round shows everything ----------------------------

_NOTHING = object()
# Tried in order; the first the field's type takes stands in for a faulty value.
_CANDIDATES = ("x", Decimal(1), 1, dt.date(2000, 1, 1), "2000-01", "2000-K1", True, [], None)
_ROUNDS = 4


def _partial(data: dict, blanks: list[tuple]) -> tuple[AgreementFile, list[tuple]] | None:
    """The model with a stand-in for every placeholder and every faulty
    value, and the paths stood in; None where no stand-in fits (a missing
    table, a rule across a table's fields).  The later checks run on it,
    and whatever they find at a path stood in (or around it) is left out:
    the errors already shown say it better."""
    import copy

    patched = copy.deepcopy(data)
    stood = list(blanks)
    for path in blanks:
        if not _put(patched, path, _stand_in(path)):
            return None
    for _ in range(_ROUNDS):
        try:
            return AgreementFile.model_validate(patched), stood
        except ValidationError as exc:
            for error in exc.errors():
                path = tuple(error["loc"])
                value = _NOTHING if error["type"] == "extra_forbidden" else _stand_in(path)
                if value is _NOTHING and error["type"] != "extra_forbidden":
                    return None
                if not _put(patched, path, value):
                    return None
                stood.append(path)
    return None


def _put(data: Any, path: tuple, value: Any) -> bool:
    """Set (or, for _NOTHING, delete) the value at ``path``; False when the path is not there."""
    for part in path[:-1]:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return False
    if not path or not isinstance(data, (dict, list)):
        return False
    if value is _NOTHING:
        if isinstance(data, dict):
            data.pop(path[-1], None)
        return isinstance(data, dict)
    try:
        data[path[-1]] = value
    except (IndexError, TypeError):
        return False
    return True


def _stand_in(path: tuple) -> Any:
    """A value the field at ``path`` takes, or _NOTHING."""
    annotation = _annotation_at(path)
    if annotation is None:
        return _NOTHING
    adapter = _adapter(annotation)
    for candidate in _CANDIDATES:
        try:
            adapter.validate_python(candidate)
        except ValidationError:
            continue
        return candidate
    return _NOTHING


@lru_cache(maxsize=None)
def _adapter(annotation: Any):
    from pydantic import TypeAdapter

    return TypeAdapter(annotation)


def _annotation_at(path: tuple) -> Any:
    """The type (with its constraints) of the value at a TOML path, or None."""
    annotation: Any = AgreementFile
    for part in path:
        core = _core(annotation)
        if isinstance(core, type) and issubclass(core, BaseModel):
            if not isinstance(part, str):
                return None
            field = next((f for f in core.model_fields.values() if f.alias == part), None)
            if field is None:
                return None
            annotation = Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
        elif typing.get_origin(core) is list and isinstance(part, int):
            annotation = typing.get_args(core)[0]
        elif typing.get_origin(core) is dict and isinstance(part, str):
            annotation = typing.get_args(core)[1]
        else:
            return None
    return annotation


def _core(annotation: Any) -> Any:
    """``annotation`` without Annotated and without '| None'."""
    while True:
        if typing.get_origin(annotation) is Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
            annotation = args[0]
            continue
        return annotation


def load(path: Path) -> tuple[Source, AgreementFile]:
    """The whole load stage: file → text → TOML → model."""
    source = read(path)
    return source, validate(source, parse_toml(source))


# --- model errors in Danish ----------------------------------------------------


THOUSANDS = (
    "tallet {value} ser ud til at have punktum som tusindtalsseparator, men i filen betyder punktum "
    "decimaltegn. Skriv tallet uden punktum: {digits}"
)


def _thousands(value: Any) -> bool:
    """44.000 or 3.200 typed the Danish way: a number with exactly three decimals."""
    return isinstance(value, Decimal) and value.as_tuple().exponent == -3


def _thousands_in_whole_numbers(data: dict) -> Iterator[tuple[tuple, str]]:
    """A whole-number field (husstande, beboere, antal) typed the Danish way,
    '3.200': TOML reads a number with three decimals, 3,2 (and '3.000',
    silently, as 3)."""
    try:
        found = list(placeholders.values(data))
    except placeholders.TooDeep:
        return
    for path, value in found:
        if _thousands(value):
            field = _field_at(path)
            if field is not None and field.annotation in (int, int | None):
                yield path, THOUSANDS.format(value=value, digits=str(value).replace(".", ""))


def _slug(text: str) -> str:
    for danish, plain in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(danish, plain)
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")


def _ids_by_title(data: Any) -> dict[str, str]:
    """{a title, name or id as people write it, folded: the id} for every
    table with an id (roles, parties, bodies, activities)."""
    found: dict[str, str] = {}
    try:
        pairs = list(placeholders.values(data))
    except placeholders.TooDeep:
        return found
    tables: dict[tuple, dict] = {}
    for path, value in pairs:
        if path and isinstance(path[-1], str):
            tables.setdefault(path[:-1], {})[path[-1]] = value
    for table in tables.values():
        ident = table.get("id")
        if not isinstance(ident, str) or not re.fullmatch(r"[a-z0-9_]+", ident):
            continue
        for key in ("id", "titel", "navn", "kortnavn"):
            text = table.get(key)
            if isinstance(text, str) and text.strip():
                found.setdefault(text.strip().casefold(), ident)
                found.setdefault(_slug(text), ident)
    return found


def _id_suggestion(value: Any, titles: dict[str, str]) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return titles.get(value.strip().casefold()) or titles.get(_slug(value))


def _without_misspelt_twins(errors: list[dict]) -> list[dict]:
    """A misspelt key is both unknown and (under its right name) missing;
    report it once, as the unknown key with its suggestion."""
    unknown = {tuple(e["loc"]) for e in errors if e["type"] == "extra_forbidden"}

    def twin(error: dict) -> bool:
        loc = tuple(error["loc"])
        return error["type"] == "missing" and any(
            u[:-1] == loc[:-1] and difflib.get_close_matches(str(u[-1]), [str(loc[-1])], n=1) for u in unknown
        )

    return [e for e in errors if not twin(e)]


def _field_at(path: tuple) -> Any:
    """The model field a TOML path names, or None."""
    model: Any = AgreementFile
    field = None
    for part in path:
        if isinstance(part, int):
            continue
        if model is None:
            return None
        field = next((f for f in model.model_fields.values() if f.alias == part), None)
        if field is None:
            return None
        model = _inner_model(field.annotation)
    return field


def _missing_message(path: tuple) -> str:
    """What to add, written the way it goes into the file."""
    key = path[-1]
    field = _field_at(path)
    inner = _inner_model(field.annotation) if field is not None else None
    table = ".".join(str(p) for p in path if not isinstance(p, int))
    if inner is not None and "list" in str(field.annotation):
        return f"der mangler mindst én [[{table}]]. Tilføj en [[{table}]]-tabel"
    if inner is not None:
        return f"tabellen [{table}] mangler. Tilføj den med [{table}] på en linje for sig"
    if len(path) == 1:
        return f"feltet '{key}' mangler. Tilføj {key} = ... øverst i filen, før den første [tabel]"
    return f"feltet '{key}' mangler. Tilføj {key} = ... i tabellen"


def _allowed_keys(path: tuple) -> list[str]:
    """The keys the model allows in the table at ``path``."""
    model: Any = AgreementFile
    for part in path:
        if isinstance(part, int):
            continue
        field = next((f for f in model.model_fields.values() if f.alias == part), None)
        if field is None:
            return []
        model = _inner_model(field.annotation)
        if model is None:
            return []
    return [f.alias for f in model.model_fields.values()]


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _model_diagnostic(source: Source, error: dict, titles: dict[str, str] | None = None) -> Diagnostic:
    path = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx", {})
    key = path[-1] if path else ""
    if kind == "missing":
        message = _missing_message(path)
    elif kind == "extra_forbidden":
        allowed = _allowed_keys(path[:-1])
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f" Mente du '{close[0]}'?" if close else f" Tilladte nøgler: {', '.join(allowed)}." if allowed else ""
        message = f"ukendt nøgle '{printable(str(key))}'.{hint}"
    elif kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
    elif kind == "string_pattern_mismatch" and key in _PATTERN_MESSAGES:
        message = _PATTERN_MESSAGES[key]
    elif kind == "string_pattern_mismatch" and key != "id" and (ident := _id_suggestion(error.get("input"), titles or {})):
        message = (f"'{printable(str(error['input']))}' er ikke et id. Mente du '{ident}'? "
                   "Her skal stå id'et (små bogstaver a-z, tal og _), ikke titlen eller navnet")
    elif kind in ("int_from_float", "int_parsing", "int_type") and _thousands(error.get("input")):
        message = THOUSANDS.format(value=error["input"], digits=str(error["input"]).replace(".", ""))
    elif kind in ("date_type", "date_parsing", "date_from_datetime_parsing") and isinstance(error.get("input"), str) \
            and (fixed := danish_date_fix(error["input"])):
        message = f"skal være en dato uden anførselstegn, skrevet ÅÅÅÅ-MM-DD: {key} = {fixed}"
    elif kind == "literal_error":
        # pydantic lists the choices as "'a', 'b' or 'c'"
        message = _TYPE_MESSAGES[kind].format(expected=str(ctx.get("expected", "")).replace("' or '", "' eller '"))
    elif kind in ("decimal_type", "decimal_parsing") and ("beloeb" in path or key in _KRONER_KEYS):
        message = _KRONER_KEYS.get(key, _KRONER)
    else:
        message = _TYPE_MESSAGES.get(kind, "ugyldig værdi ({msg})").format(**ctx, msg=error["msg"])
    return source.diagnostic(path, message)


# A kroner field's type error suggests a whole number, not "0.25".
_KRONER = "skal være et beløb i hele kroner uden anførselstegn og punktum, fx 650000"
_KRONER_KEYS = {"aarsloen": _KRONER, "timeloen": "skal være et beløb i kroner uden anførselstegn, fx 210"}


_DATE = "skal være en dato uden anførselstegn, fx 2024-09-01"
# Text fields with a pattern of their own; every other pattern is an id's.
_PATTERN_MESSAGES = {
    "maaned": "skal være en måned skrevet ÅÅÅÅ-MM i anførselstegn, fx \"2025-10\"",
    "kvartal": "skal være et kvartal skrevet ÅÅÅÅ-KN i anførselstegn, fx \"2025-K4\"",
}
_TYPE_MESSAGES = {
    "string_type": "skal være en tekst i anførselstegn",
    "int_type": "skal være et heltal",
    "int_parsing": "skal være et heltal",
    "int_from_float": "skal være et heltal",
    "decimal_type": "skal være et tal, fx 0.25",
    "decimal_parsing": "skal være et tal, fx 0.25",
    "decimal_max_digits": "har for mange cifre",
    "finite_number": "skal være et endeligt tal",
    "bool_type": "skal være true eller false",
    "bool_parsing": "skal være true eller false",
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": "skal være en dato uden klokkeslæt, fx 2024-09-01",
    "list_type": "skal være en liste, fx [\"a\", \"b\"]",
    "model_type": _TABLE,
    "model_attributes_type": _TABLE,
    "dict_type": _TABLE,
    "too_short": "må ikke være tom",
    "string_too_short": "må ikke være tom",
    "string_pattern_mismatch": "må kun indeholde små bogstaver a-z, tal og _ (fx husum_skole)",
    "greater_than": "skal være større end {gt}",
    "less_than_equal": "må højst være {le}; er der tastet for mange nuller?",
    "string_too_long": "må højst være {max_length} tegn",
    "literal_error": "skal være en af: {expected}",
}
