"""Stress agreements for the print check: variants of the shipped
agreement.toml whose long texts are longer or shorter, so page breaks fall
at other places than in the example (in the middle of a box, under a
heading, in a list).

Each variant k (seed k) takes every long text of the file and, at random, drops some of its paragraphs or
sentences or repeats some of them; lists and tables are kept whole.  A
variant docgen rejects is said and skipped.

    python tests/stress_agreements.py MAPPE [ANTAL]
        writes MAPPE/stress_01.toml ... and builds each with --pdf into
        MAPPE/stress_01/; then run tests/print_check.py on each folder.
"""
from __future__ import annotations

import random
import re
import sys
import tomllib
from pathlib import Path

import tomli_w

ROOT = Path(__file__).resolve().parent.parent
LONG = 120  # characters: a text this long is varied


def _vary_paragraph(text: str, rng: random.Random) -> str:
    """Sentences of a plain paragraph dropped or repeated."""
    if "\n" in text or "|" in text or "**" in text or text.lstrip()[:1] in ("#", "-", "*") or text[:1].isdigit():
        return text
    sentences = re.split(r"(?<=[.!?]) (?=[A-ZÆØÅ])", text)
    out = []
    for sentence in sentences:
        roll = rng.random()
        if roll < 0.2 and len(sentences) > 1:
            continue
        out.append(sentence)
        if roll > 0.75:
            out.append(sentence)
    return " ".join(out or sentences[:1])


def vary(text: str, rng: random.Random) -> str:
    paragraphs = text.split("\n\n")
    if len(paragraphs) == 1:  # a one-line field stays on one line
        return _vary_paragraph(text, rng)
    out = []
    for paragraph in paragraphs:
        roll = rng.random()
        # a heading keeps the paragraph under it (a heading over nothing is no text to print)
        if roll < 0.15 and len(paragraphs) > 1 and not (out and out[-1].startswith("#")):
            continue
        out.append(_vary_paragraph(paragraph, rng))
        if roll > 0.85 and not paragraph.startswith("#"):  # a heading twice is not a text
            out.append(_vary_paragraph(paragraph, rng))
    return "\n\n".join(out or paragraphs[:1])


def _walk(value, rng: random.Random):
    if isinstance(value, dict):
        return {key: _walk(item, rng) for key, item in value.items()}
    if isinstance(value, list):
        return [_walk(item, rng) for item in value]
    if isinstance(value, str) and len(value) >= LONG:
        return vary(value, rng)
    return value


def variant(seed: int) -> dict:
    data = tomllib.loads((ROOT / "agreement.toml").read_text(encoding="utf-8"))
    return _walk(data, random.Random(seed))


def main(folder: Path, count: int) -> None:
    import subprocess

    folder.mkdir(parents=True, exist_ok=True)
    for seed in range(1, count + 1):
        path = folder / f"stress_{seed:02}.toml"
        path.write_text(tomli_w.dumps(variant(seed), multiline_strings=True), encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "docgen", "build", str(path), "-o", str(folder / path.stem),
                               "--pdf"], capture_output=True, text=True)
        print(f"{path.name}: " + ("bygget" if done.returncode == 0 else "afvist: " + done.stderr.strip()[-300:]))


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 20)
