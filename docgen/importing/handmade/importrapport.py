"""importrapport.html: one page to check an import with --ny.  Every
paragraph and table row of the documents, in order, with where it went
in the new file, in words a person recognises ("Delaftale Beskæftigelse ›
aktivitet »Lommepengejob« › formål"), and whether it was placed, guessed
or not placed.

Where a text went is read back from the file's data (the text, or each
piece of a contact or staff line, found in a field), so the page shows
what NY.toml says, not what the reader meant; a paragraph found nowhere
is shown as such (it should not happen: the tests hold it to none).
"""
from __future__ import annotations

import bisect
import datetime as dt
import html
import re
from decimal import Decimal
from pathlib import Path

from ...figures.formatting import danish_date, danish_number
from .labels import Labels, normal
from ..shared.word import Block

MARK = '<meta name="generator" content="docgen import --ny">'

FIELDS = {
    "vision": "Vision (afsnit 2)", "lokal_evaluering": "Lokal evaluering (afsnit 7)",
    "revision": "revision", "delaftale_revision": "Revision af delaftalerne", "aftale": "Aftalen",
    "omraadenavn": "områdets navn", "fra": "periode", "til": "periode", "parter": "parter",
    "boligomraade": "Kort om boligområdet (afsnit 1)", "organisation": "Organisering (afsnit 3)",
    "samspil": "Samspil med andre indsatser (afsnit 4)", "omraader": "Overordnede mål og indsatsområder (afsnit 5-6)",
    "medarbejdere": "medarbejderressourcer", "beredskabsplan": "Beredskabsplan", "kommissorium": "Kommissorium",
    "revisioner": "Ændringslog", "formaal": "formål", "maalgrupper": "målgrupper", "indhold": "indhold og praksis",
    "ansvar": "ansvars- og rollefordeling", "delmaal": "delmål", "indikatorer": "indikator",
    "kommunal_sammenhaeng": "sammenhæng med den kommunale indsats", "aktiviteter_indledning": "aktiviteter",
    "kontakt": "kontaktperson", "afdelinger": "afdelinger", "organer": "organ", "situationer": "situation",
    "handlinger": "handlinger", "kontakter": "kontaktliste", "medlemmer": "medlemmer", "opgaver": "opgaver",
    "moeder": "møder", "sekretariat": "sekretariatsbetjening", "baggrund": "baggrund", "opfoelgning": "opfølgning",
    "indledning": "indledning", "beskrivelse": "beskrivelse", "sammensaetning": "sammensætning",
    "lokal_tilstedevaerelse": "lokal tilstedeværelse", "problemkompleks": "problemkompleks",
    "problemkompleks_overskrift": "problemkompleks", "maal": "mål", "tekst": "tekst", "titel": "titel",
    "navn": "navn", "email": "e-mail", "telefon": "telefon", "baseline": "baseline", "datakilde": "datakilde",
}
# what docgen's and LBF's layout put around a value: "Mål 1", a plan's years after its name
TEMPLATE = re.compile(r"^mål \d+\s*|^\d+\.\s+|\s*\d{4}\s*-\s*\d{4}$")
PHONE = re.compile(r"\+?\d{2}(?: \d{2}){3,}")
UNITS = re.compile(r"\b(årsværk|timer pr\. uge|timer|pr\. uge|tlf\.?|kontaktperson\w*)\b", re.IGNORECASE)


def _scalar(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return danish_date(value)
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return danish_number(Decimal(value))
    return None


def _leaves(value, path: tuple = ()):
    text = _scalar(value)
    if text is not None:
        yield path, normal(text)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("id", "omraade", "organ", "pulje"):  # ids: the file's, not the documents' text
                yield from _leaves(item, path + (key,))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _leaves(item, path + (n,))


def where(data: dict, areas: dict[str, str], path: tuple) -> str:
    """A field's place in words: 'Delaftale Beskæftigelse › aktivitet »X« › formål'."""
    words: list[str] = []
    node = data
    for n, step in enumerate(path):
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and step < len(node) else {}
            if not isinstance(node, dict):
                continue
            parent = path[n - 1] if n else ""
            if parent == "delaftaler":
                words.append(f"Delaftale {areas.get(node.get('omraade', ''), node.get('omraade', ''))}")
            elif parent == "aktiviteter":
                words.append(f"aktivitet »{node.get('navn', '')}«")
            elif parent == "parter" and len(path) > n + 1 and "navn" in node:
                words.append(f"Part »{node['navn']}«")
            elif parent in ("omraader",):
                words.append(f"Indsatsområde {areas.get(node.get('id', ''), node.get('id', ''))}")
            elif parent in ("situationer", "organer") and ("titel" in node or "navn" in node):
                words.append(f"{FIELDS.get(parent, parent)} »{node.get('titel') or node.get('navn')}«")
            continue
        node = node.get(step, {}) if isinstance(node, dict) else {}
        if step in ("delaftaler",) or (step == "parter" and n == 0) or step in ("aktiviteter",):
            continue
        if step in ("situationer", "organer") and len(path) > n + 1:
            continue
        words.append(FIELDS.get(step, step))
    return " › ".join(w for w in words if w) or "filen"


_WORD = re.compile(r"[\wæøå][\wæøå'&.-]*")


class Placer:
    """Finds where a paragraph's text stands in the new file's data."""

    def __init__(self, data: dict, unplaced: list[tuple[str, str]], guessed: list[tuple[str, tuple]]) -> None:
        self.leaves = [(p, t) for p, t in _leaves(data) if t and not t.startswith("[udfyld")]
        self.unplaced = [(w, normal(t)) for w, t in unplaced]
        self.guessed = guessed
        self.exact: dict[str, tuple] = {}
        for path, text in self.leaves:
            self.exact.setdefault(text, path)
        # every leaf in one text, so a search runs once: its start offsets say whose text a hit is
        self.starts: list[int] = []
        pieces, at = [], 0
        for _, text in self.leaves:
            self.starts.append(at)
            pieces.append(text)
            at += len(text) + 1
        self.everything = "\x00".join(pieces)
        self.words: dict[tuple, set[str]] = {}
        for path, text in self.leaves:
            self.words.setdefault(path[:2], set()).update(_WORD.findall(text))
        self.all_words: set[str] = set().union(*self.words.values())
        self.last_hit = 0

    def _containing(self, key: str) -> tuple | None:
        """The leaf whose text holds ``key``.  A key with a whole word no leaf
        has is nowhere (no scan); the search starts where the last one hit, as
        the documents and the file mostly run in the same order, so a long
        document costs a scan per paragraph of what lies between, not of the
        whole file."""
        inner = _WORD.findall(key)[1:-1]  # the ends of a key may be parts of a word
        if any(word not in self.all_words for word in inner):
            return None
        at = self.everything.find(key, self.last_hit)
        if at < 0:
            at = self.everything.find(key, 0, self.last_hit + len(key))
        if at < 0:
            return None
        self.last_hit = at
        return self.leaves[bisect.bisect_right(self.starts, at) - 1][0]

    def find(self, text: str) -> list[tuple]:
        key = normal(text).lstrip("•- ")
        if not key:
            return []
        key = normal(TEMPLATE.sub("", key))
        found = self.exact.get(key) or self._containing(key)
        if found:
            return [found]
        pieces = [TEMPLATE.sub("", normal(UNITS.sub(" ", p)).strip(" .-–•"))
                  for p in re.split(r"[:/|;()\n\t]|(?<!\d),|,(?!\d)|\s+[-–]\s+|\s+og\s+", text)]
        # a phone as docgen prints it ("20 60 49 31", figures/formatting.phone) stands unspaced in the file
        pieces = [re.sub(r"(?<=\d) (?=\d)", "", p) if PHONE.fullmatch(p) else p for p in pieces if p]
        if not pieces:
            return []
        paths = []
        for piece in pieces:
            if re.fullmatch(r"\d+(?:,\d+)?\.?", piece):  # a number: only where the file has that very number
                hit = self.exact.get(piece.rstrip("."))
                if hit is not None and hit not in paths:
                    paths.append(hit)
                continue
            hit = self._containing(piece) or self._by_words(piece)
            if hit is None:
                return []
            if hit not in paths:
                paths.append(hit)
        return paths

    def _by_words(self, piece: str) -> tuple | None:
        """A piece whose words all stand in one element of the file ("Skoleleder Kristian
        Mehlsen": a party's contact's title and name; "A, B og C": three activities' names)."""
        words = [w for w in re.findall(r"[\wæøå][\wæøå'&.-]*", piece) if w not in ("og", "i", "for", "af", "&")]
        if not words:
            return None
        return next((prefix for prefix, known in self.words.items() if all(w in known for w in words)), None)

    def reported(self, text: str) -> str | None:
        key = normal(text)
        return next((w for w, t in self.unplaced if key and key in t), None)

    def guess(self, path: tuple) -> str | None:
        return next((what for what, gpath in self.guessed if gpath and path[:len(gpath)] == tuple(gpath)), None)


def rows_of(files: list[tuple[str, list[Block]]], reader, data: dict) -> list[dict]:
    """Each paragraph and table row of the documents, in order, with its place."""
    labels = getattr(reader, "labels", None) or Labels(reader.funding.labels)
    areas = {key: spec.name for key, spec in reader.funding.areas.items()}
    placer = Placer(data, reader.notes.unplaced, reader.notes.guessed)
    out: list[dict] = []
    for name, blocks in files:
        first = len(out)
        furniture = reader.furniture
        n = 0
        while n < len(blocks):
            block = blocks[n]
            if block.cell is not None:  # a table row: its cells together
                row = [block]
                while n + 1 < len(blocks) and blocks[n + 1].cell is not None and \
                        blocks[n + 1].cell[:2] == block.cell[:2]:
                    n += 1
                    row.append(blocks[n])
                n += 1
                cells: dict[int, list[str]] = {}
                for b in row:
                    cells.setdefault(b.cell[2], []).append(b.text)
                texts = [" ".join(t.strip() for t in c if t.strip()) for c in cells.values()]
                if any(texts):
                    out.append(_entry(name, "række", " | ".join(texts), [b.text for b in row if b.text.strip()],
                                      reader, labels, placer, data, areas, furniture,
                                      header=block.cell[1] == 0 and len(cells) > 1))
                continue
            n += 1
            if block.text.strip():
                kind = "overskrift" if block.level or block.style.startswith(("Heading", "Title")) else "afsnit"
                out.append(_entry(name, kind, block.text.strip(), [block.text], reader, labels, placer, data, areas,
                                  furniture))
        _continued(out[first:])
    return out


def _continued(entries: list[dict]) -> None:
    """A line of a document converted from PDF (a line a paragraph) goes where
    the long line before it went: the rest of its paragraph."""
    for before, entry in zip(entries, entries[1:]):
        if entry["status"] == "ikke fundet" and entry["slags"] == "afsnit" and before["slags"] == "afsnit" \
                and len(before["tekst"]) >= 60 and not before["tekst"].endswith(":"):
            entry.update(hvor=before["hvor"] + " (afsnittet fortsat)", status=before["status"], note=before["note"])


def _entry(name, kind, shown, texts, reader, labels, placer, data, areas, furniture, header=False) -> dict:
    places: list[str] = []
    status = "placeret"
    note = ""
    for text in texts:
        for piece in text.split("\n"):
            piece = piece.strip()
            if not piece:
                continue
            piece = re.sub(r"^[•·-]\s+", "", piece)
            found = labels.at_start(piece)
            rest = found.rest if found else piece
            area = reader.area_of(re.sub(r"^delaftale for indsatsområdet\s*", "", normal(rest)))
            if area and len(rest.split()) <= 8:
                places.append(f"indsatsområdet {reader.funding.areas[area].name} (puljens navn)")
                continue
            if DERIVED.search(normal(piece)):
                places.append("Kort om boligområdet (afsnit 1) › husstande, beboere og afdelinger")
                continue
            if not re.search(r"\w", piece):  # a dash for an empty cell
                continue
            if DOCGEN_WORDS.search(normal(piece)):
                places.append("docgens egen tekst (ikke en del af aftalefilen)")
                continue
            if piece in furniture or text in furniture:
                places.append("sidehoved eller sidetal (sprunget over)")
                continue
            if reader.fixed(_Plain(piece)) or not rest.strip():
                places.append("LBF's faste tekst eller etiket (ikke en del af aftalefilen)")
                continue
            paths = placer.find(rest)
            if paths:
                for path in paths:
                    places.append(where(data, areas, path))
                    what = placer.guess(path)
                    if what:
                        status, note = "gættet", what
                continue
            reported = placer.reported(rest)
            if reported:
                places.append(f"IKKE PLACERET, nederst i filen [{reported}]")
                if status != "gættet":
                    status = "ikke placeret"
                continue
            if header:
                places.append("tabellens overskriftsrække")
                continue
            places.append("ikke fundet i filen")
            status = "ikke fundet"
    unique = list(dict.fromkeys(places))
    if all(p.startswith(("LBF's faste", "sidehoved", "tabellens overskrift", "indsatsområdet ", "docgens egen"))
           for p in unique):
        status = "fast tekst"
    return {"dokument": name, "slags": kind, "tekst": shown, "hvor": "; ".join(unique), "status": status,
            "note": note}


DERIVED = re.compile(r"^i alt \d+ afdelinger|-afdelinger: |\d[\d.]* husstande")
# docgen's own words around a value (its kommissorium, its sums)
DOCGEN_WORDS = re.compile(r"ansvar efter den strategiske samarbejdsaftale$|^i alt\b|^\(mangler\)$")


class _Plain:
    """A text as the reader's fixed-text test takes it."""

    def __init__(self, text: str) -> None:
        self.text = text


STYLE = """body{font-family:Calibri,Carlito,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#eee}.placeret{background:#eef8ee}.gaettet{background:#fff6d6}.ikke-placeret{background:#fde2e2}
.ikke-fundet{background:#f8b4b4}.fast-tekst{color:#777}td.tekst{max-width:40em}"""


def page(entries: list[dict], target: Path) -> str:
    counts: dict[str, int] = {}
    for e in entries:
        counts[e["status"]] = counts.get(e["status"], 0) + 1
    summary = ", ".join(f"{k}: {v}" for k, v in counts.items())
    rows = []
    for n, e in enumerate(entries, 1):
        css = e["status"].replace(" ", "-").replace("æ", "ae")
        status = e["status"] + (f" ({e['note']})" if e["note"] else "")
        rows.append(f'<tr class="{css}"><td>{n}</td><td>{html.escape(e["dokument"])}</td>'
                    f'<td>{html.escape(e["slags"])}</td><td class="tekst">{html.escape(e["tekst"])}</td>'
                    f'<td class="hvor">{html.escape(e["hvor"])}</td><td class="status">{html.escape(status)}</td></tr>')
    return (f'<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8">{MARK}'
            f"<title>Importrapport for {html.escape(target.name)}</title><style>{STYLE}</style></head><body>\n"
            f"<h1>Importrapport for {html.escape(target.name)}</h1>\n"
            "<p>Hvert afsnit og hver tabelrække i dokumenterne, i rækkefølge, og hvor teksten står i den nye fil. "
            "»Gættet« og »ikke placeret« skal I se efter; tekst, der ikke er placeret, står ordret nederst i "
            f"filen under »IKKE PLACERET«.</p>\n<p id=\"optaelling\">{html.escape(summary)}</p>\n"
            "<table><thead><tr><th>Nr.</th><th>Dokument</th><th>Slags</th><th>Tekst</th><th>Hvor i filen</th>"
            "<th>Status</th></tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table></body></html>\n")


def write(files: list[tuple[str, list[Block]]], reader, data: dict, target: Path) -> Path:
    """importrapport.html beside the new file; one docgen wrote before is
    replaced, anything else is kept and the page gets a new name."""
    entries = rows_of(files, reader, data)
    path = target.parent / "importrapport.html"
    n = 2
    while path.exists() and MARK not in path.read_text(encoding="utf-8", errors="replace")[:2000]:
        path = target.parent / f"importrapport-{n}.html"
        n += 1
    path.write_text(page(entries, target), encoding="utf-8")
    return path
