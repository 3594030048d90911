"""Line numbers for TOML keys.

Python's tomllib keeps no positions, so this module scans the text once
more and records, for every key and array element, the line it starts on.
A field path such as ``("delaftaler", 1, "aktiviteter", 0, "navn")`` then
maps to its line; a path that is not in the file (a missing key) maps to
the line of the nearest enclosing table.

It is only run when there is an error to report, and it assumes the text
already parsed with tomllib, so it can be lenient.
"""
from __future__ import annotations

import re
import tomllib

Path = tuple[str | int, ...]

# A string of three of TOML's four kinds, ending where tomllib ends it: at
# the first closing delimiter that is not escaped (a closing ''' may be
# followed by up to two quotes that belong to the string).  An unclosed
# one-line string stops at the end of its line.  The fourth kind, the
# triple-quoted basic string (most of agreement.toml's text), is found with
# str.find in _Scanner._multiline_basic_end.
_STRING = re.compile(
    r"'''.*?'''(?:'{0,2})"
    r'|"(?:\\.|[^"\\\n])*"?'
    r"|'[^'\n]*'?",
    re.DOTALL,
)

_BARE = re.compile(r"[A-Za-z0-9_-]*")
# Space and comments, on one line or across lines; a bare value (number,
# date, boolean) up to what ends it; the rest of a line
_SPACE = re.compile(r"(?:[ \t\r]+|#[^\n]*)*")
_SPACE_NEWLINES = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_BARE_VALUE = re.compile(r"[^,\]}\n#]*")
_REST_OF_LINE = re.compile(r"[^\n#]*")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.line = 1
        self.lines: dict[Path, int] = {}
        self.spans: dict[Path, tuple[int, int]] = {}  # where each value's text starts and ends
        self.array_counts: dict[Path, int] = {}

    # -- low level ---------------------------------------------------------
    def peek(self, n: int = 1) -> str:
        return self.text[self.i:self.i + n]

    def advance(self, n: int = 1) -> None:
        self.line += self.text.count("\n", self.i, self.i + n)
        self.i += n

    def skip_space(self, newlines: bool) -> None:
        end = (_SPACE_NEWLINES if newlines else _SPACE).match(self.text, self.i).end()
        if newlines:
            self.line += self.text.count("\n", self.i, end)
        self.i = end

    def record(self, path: Path) -> None:
        self.lines.setdefault(path, self.line)

    # -- keys ----------------------------------------------------------------
    def key_part(self) -> str:
        c = self.peek()
        if c == "'":
            end = self.text.index(c, self.i + 1)
            part = self.text[self.i + 1:end]
            self.advance(end + 1 - self.i)
            return part
        if c == '"':
            # a basic string key may hold escapes (\" \\ \u00e6): decode them
            # as tomllib does, so the path matches the parsed key
            end = self.i + 1
            while end < len(self.text) and self.text[end] not in '"\n':
                end += 2 if self.text[end] == "\\" else 1
            raw = self.text[self.i:end + 1]
            self.advance(end + 1 - self.i)
            try:
                return tomllib.loads(f"k = {raw}")["k"]
            except tomllib.TOMLDecodeError:
                return raw[1:-1]
        start = self.i
        self.i = _BARE.match(self.text, start).end()
        return self.text[start:self.i]

    def dotted_key(self) -> list[str]:
        parts = [self.key_part()]
        self.skip_space(newlines=False)
        while self.peek() == ".":
            self.advance()
            self.skip_space(newlines=False)
            parts.append(self.key_part())
            self.skip_space(newlines=False)
        return parts

    # -- values --------------------------------------------------------------
    def string(self) -> None:
        if self.text.startswith('"""', self.i):
            self.advance(self._multiline_basic_end() - self.i)
            return
        match = _STRING.match(self.text, self.i)
        self.advance(match.end() - self.i if match and match.end() > self.i else 1)

    def _multiline_basic_end(self) -> int:
        """Where a triple-quoted basic string ends: after the first closing
        triple quote not escaped by a backslash, and up to two more quotes
        that belong to the string (as tomllib reads it)."""
        text, at = self.text, self.i + 3
        while True:
            end = text.find('"""', at)
            if end < 0:
                return len(text)
            backslash = end
            while backslash > at and text[backslash - 1] == "\\":
                backslash -= 1
            if (end - backslash) % 2 == 0:  # not escaped
                end += 3
                for _ in range(2):
                    if text.startswith('"', end):
                        end += 1
                return end
            at = end + 1

    def value(self, path: Path) -> None:
        start = self.i
        self._value(path)
        end = min(self.i, len(self.text))
        while end > start and self.text[end - 1] in " \t\r":
            end -= 1
        self.spans.setdefault(path, (start, end))

    def _value(self, path: Path) -> None:
        c = self.peek()
        if c in "\"'":
            self.string()
        elif c == "[":
            self.advance()
            index = 0
            while True:
                self.skip_space(newlines=True)
                if self.peek() in ("]", ""):
                    self.advance()
                    return
                start = self.i
                self.record(path + (index,))
                self.value(path + (index,))
                index += 1
                self.skip_space(newlines=True)
                if self.peek() == ",":
                    self.advance()
                elif self.i == start:
                    self.advance()
        elif c == "{":
            self.advance()
            while True:
                self.skip_space(newlines=True)
                if self.peek() in ("}", ""):
                    self.advance()
                    return
                start = self.i
                self.key_value(path)
                self.skip_space(newlines=True)
                if self.peek() == ",":
                    self.advance()
                elif self.i == start:  # not a key: step over it rather than loop
                    self.advance()
        else:
            self.i = _BARE_VALUE.match(self.text, self.i).end()

    def key_value(self, table: Path) -> None:
        keys = self.dotted_key()
        for n in range(1, len(keys) + 1):
            self.record(table + tuple(keys[:n]))
        self.skip_space(newlines=False)
        if self.peek() == "=":
            self.advance()
        self.skip_space(newlines=False)
        self.value(table + tuple(keys))

    # -- tables --------------------------------------------------------------
    def resolve(self, keys: list[str]) -> Path:
        """The path of a header's keys, with the current index of every
        array of tables along the way."""
        path: Path = ()
        for key in keys:
            path = path + (key,)
            if path in self.array_counts:
                path = path + (self.array_counts[path] - 1,)
        return path

    def header(self) -> Path:
        is_array = self.peek(2) == "[["
        self.advance(2 if is_array else 1)
        self.skip_space(newlines=False)
        keys = self.dotted_key()
        self.advance(2 if is_array else 1)
        if is_array:
            parent = self.resolve(keys[:-1]) + (keys[-1],)
            index = self.array_counts.get(parent, 0)
            self.array_counts[parent] = index + 1
            self.record(parent)
            path = parent + (index,)
        else:
            path = self.resolve(keys)
        self.record(path)
        return path

    def scan(self) -> dict[Path, int]:
        table: Path = ()
        while True:
            self.skip_space(newlines=True)
            if self.i >= len(self.text):
                return self.lines
            start = self.i
            if self.peek() == "[":
                table = self.header()
            else:
                self.key_value(table)
            if self.i == start:  # a stray character: step over it
                self.advance()
            # anything left on the line (a stray token) is skipped
            self.i = _REST_OF_LINE.match(self.text, self.i).end()


def key_lines(text: str) -> dict[Path, int]:
    """Every key path in ``text`` with the line it starts on (1-based)."""
    return _Scanner(text).scan()


def value_spans(text: str) -> dict[Path, tuple[int, int]]:
    """Every value in ``text`` (scalars, arrays and their elements, inline
    tables) with the offsets of its text: ``text[start:end]`` is the value
    as written, quotes and brackets included."""
    scanner = _Scanner(text)
    scanner.scan()
    return scanner.spans


def line_of(lines: dict[Path, int], path: Path) -> int | None:
    """The line of ``path``, or of its nearest recorded ancestor."""
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None
