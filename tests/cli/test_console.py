"""docgen never crashes on the console's encoding.  A Windows pipe is
cp1252 and a bare POSIX locale ASCII; every command is run under both, with
a party named "Ayşe Yılmaz" that a warning quotes and a diff that prints
"→".  Text is replaced readably ("ş" → "s", "→" → "->"); JSON is UTF-8."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import MINIMAL

from docgen.cli.console import readable

NAME = "Ayşe Yılmaz"


def run(encoding: str, *args: str, cwd) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, cwd=cwd, env=env)


def _agreement(text: str = "") -> str:
    base = MINIMAL.read_text(encoding="utf-8")
    # a party nobody refers to: the warning quotes its name
    return base.replace('[[parter]]\nid = "hp"', f'[[parter]]\nid = "ayse"\nnavn = "{NAME}"\n\n[[parter]]\nid = "hp"', 1) + text


def _check_text(encoding: str, result: subprocess.CompletedProcess, codes=(0,)) -> tuple[str, str]:
    assert result.returncode in codes, result.stderr.decode(encoding, errors="replace")
    out, err = result.stdout.decode(encoding), result.stderr.decode(encoding)  # strict: only what it can carry
    assert "Traceback" not in err and "UnicodeEncodeError" not in err, err
    return out, err


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_every_command_survives_the_consoles_encoding(tmp_path, encoding):
    (tmp_path / "agreement.toml").write_text(_agreement(), encoding="utf-8")

    out, err = _check_text(encoding, run(encoding, "validate", cwd=tmp_path))
    warned = readable("ş", encoding) if encoding == "ascii" else "s"
    assert f"Ay{warned}e Yilmaz" in err  # readable, not 'Ay\\u015fe' or '?'

    result = run(encoding, "validate", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    data = json.loads(result.stdout.decode("utf-8"))
    assert any(NAME in d["message"] for d in data["diagnostics"])

    out, err = _check_text(encoding, run(encoding, "build", cwd=tmp_path))
    assert "Færdig" in out or "Faerdig" in out
    _check_text(encoding, run(encoding, "uploaded", cwd=tmp_path))

    # a change the diff prints with an arrow (a number) and a word diff quoting the name
    text = (tmp_path / "agreement.toml").read_text(encoding="utf-8")
    text = (text.replace("beloeb = { aar1 = 44000", "beloeb = { aar1 = 54000", 1)
            .replace('part = "kommune", beloeb = { aar1 = 100000', 'part = "kommune", beloeb = { aar1 = 110000', 1)
            .replace('formaal = "At hjælpe."', f'formaal = "At hjælpe {NAME}."'))
    (tmp_path / "agreement.toml").write_text(text, encoding="utf-8")
    out, _ = _check_text(encoding, run(encoding, "diff", cwd=tmp_path), codes=(1,))
    assert "44.000 -> 54.000" in out and "Ayse Yilmaz" in out
    out, _ = _check_text(encoding, run(encoding, "diff", "agreement.uploadet.toml", "agreement.toml", cwd=tmp_path), codes=(1,))
    assert "->" in out

    _check_text(encoding, run(encoding, "build", cwd=tmp_path))
    _check_text(encoding, run(encoding, "init", f"{NAME} – Vollsmose", "-o", "ny.toml", cwd=tmp_path))
    _check_text(encoding, run(encoding, "validate", "ny.toml", cwd=tmp_path), codes=(1,))
    schema = run(encoding, "schema", cwd=tmp_path)
    assert schema.returncode == 0 and b"Traceback" not in schema.stderr
    assert "æ" in json.dumps(json.loads(schema.stdout.decode("utf-8")), ensure_ascii=False)  # UTF-8, not replaced
    _check_text(encoding, run(encoding, "templates", "copy", "skabeloner", cwd=tmp_path))
    _check_text(encoding, run(encoding, "templates", "check", "skabeloner", cwd=tmp_path))
    _check_text(encoding, run(encoding, "--help", cwd=tmp_path))
    _check_text(encoding, run(encoding, "build", "--help", cwd=tmp_path))
    _check_text(encoding, run(encoding, "bygg", cwd=tmp_path), codes=(2,))
    # an error that quotes the name, on stderr
    broken = _agreement().replace('rolle = "leder"', f'rolle = "{NAME}"')
    (tmp_path / "fejl.toml").write_text(broken, encoding="utf-8")
    _, err = _check_text(encoding, run(encoding, "validate", "fejl.toml", cwd=tmp_path), codes=(1,))
    assert "Ayse Yilmaz" in err


def test_readable_replacements():
    assert "".join(readable(c, "cp1252") for c in "şı→") == "si->"
    assert "".join(readable(c, "ascii") for c in "æøåÆØÅ»«–…") == 'aeoeaaAeOeAa""-...'
    assert readable("漢", "ascii") == "?"
