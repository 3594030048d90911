"""The console's encoding: docgen's output never crashes on it.

A Windows pipe is cp1252, a bare POSIX locale is ASCII; docgen's messages
are Danish and quote names such as "Ayşe Yılmaz" and print "→".  Every
character the stream cannot carry is replaced readably: the letter without
its accent ("ş" → "s", "ı" → "i"), a Danish letter spelt out ("æ" → "ae",
"ø" → "oe", "å" → "aa"), an arrow or a dash by its ASCII look-alike ("→"
→ "->", "–" → "-"), anything else by "?".  JSON (``--format json``,
``docgen schema``) is written as UTF-8 bytes whatever the stream's encoding,
so a program reading it gets every character.
"""
from __future__ import annotations

import codecs
import io
import sys
import unicodedata

ERRORS = "docgen-readable"
ASCII = "docgen-ascii"

# Characters with no decomposition to a base letter, or whose base letter
# would read wrongly; checked in this order before the decomposition.
SPELT = {
    "æ": "ae", "Æ": "Ae", "ø": "oe", "Ø": "Oe", "å": "aa", "Å": "Aa",
    "ı": "i", "İ": "I", "ß": "ss", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ł": "l", "Ł": "L",
    "→": "->", "←": "<-", "›": ">", "‹": "<", "»": '"', "«": '"', "“": '"', "”": '"', "„": '"',
    "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...", "•": "*", "×": "x", "≤": "<=", "≥": ">=",
    "\u00a0": " ", "\u202f": " ",
}


def readable(char: str, encoding: str) -> str:
    """What stands for ``char`` on a stream of ``encoding`` that cannot carry it."""
    candidates = [SPELT.get(char, "")]
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    candidates.append(base)
    for candidate in candidates:
        if not candidate or candidate == char:
            continue
        try:
            candidate.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            # a spelt form may hold a character the stream lacks too ("»" → '"' always fits)
            continue
        return candidate
    return "?"


def _replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    encoding = "ascii" if error.encoding in (ASCII, "docgen_ascii") else error.encoding
    text = error.object[error.start:error.end]
    return "".join(readable(c, encoding) for c in text), error.end


def _ascii_codec(name: str):
    """ASCII under a name of docgen's own: click rewraps a stream it sees as
    ASCII in UTF-8, which would write bytes the console cannot show."""
    if name.replace("_", "-") != ASCII:
        return None
    plain = codecs.lookup("ascii")
    return codecs.CodecInfo(plain.encode, plain.decode, name=ASCII,
                            incrementalencoder=plain.incrementalencoder,
                            incrementaldecoder=plain.incrementaldecoder,
                            streamwriter=plain.streamwriter, streamreader=plain.streamreader)


_registered = False


def _register() -> None:
    global _registered
    if not _registered:
        codecs.register_error(ERRORS, _replace)
        codecs.register(_ascii_codec)
        _registered = True


def make_safe() -> None:
    """Make stdout and stderr replace what they cannot carry (see above)."""
    _register()
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if not isinstance(stream, io.TextIOWrapper):
            continue
        try:
            stream.flush()
            is_ascii = codecs.lookup(stream.encoding).name == "ascii"
            stream.reconfigure(encoding=ASCII if is_ascii else stream.encoding, errors=ERRORS)
        except (LookupError, ValueError, OSError, io.UnsupportedOperation):
            continue


def write_json(text: str) -> None:
    """Write JSON text to stdout as UTF-8, whatever the stream's encoding."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()
