"""`docgen import DOKUMENT... --ny NY.toml`: a plan's own Word documents
become its agreement.toml.  Reads every document first (nothing is
written if one is refused), writes NY.toml (never over an existing file)
and says what it recognised, what it guessed (with the line in NY.toml)
and what it could not place.
"""
from __future__ import annotations

import os
from pathlib import Path

from ...errors import DocgenError
from ...model.lbf import DEFAULT_PULJE, pulje
from ...source.files import write_new
from .reader import NotAnAgreement, read
from .newfile import assemble, dumps
from ..shared.package import Refused, open_package
from ..shared.word import part_name, read_word

NAMES = {"strategisk": "strategisk samarbejdsaftale", "delaftale": "delaftale", "beredskabsplan": "beredskabsplan",
         "kommissorium": "kommissorium"}


def import_new(paths: list[Path], target: Path) -> list[str]:
    """Write ``target`` from the documents; the report's lines."""
    if os.path.lexists(target):
        raise DocgenError(f"{target} findes allerede; docgen skriver ikke oven i den. Vælg et andet navn til --ny")
    files = []
    tracked: list[str] = []
    comments: list[str] = []
    beside: list[tuple[str, str]] = []
    for path in paths:
        try:
            package = open_package(path)
            if package.kind != ".docx":
                raise Refused("--ny læser aftalens Word-dokumenter (.docx); budget og andre regneark udfyldes "
                              "bagefter i NY.toml")
            document = read_word(package, numbered=True)  # numbering and heading levels resolved
        except Refused as exc:
            raise DocgenError(f"{path.name}: {exc}") from None
        if document.tracked:
            authors = ", ".join(sorted({t.author for t in document.tracked}))
            tracked.append(f"{path.name} har {len(document.tracked)} sporede ændringer (af {authors})")
        for c in document.comments:
            when = f", {c.date[:10]}" if c.date else ""
            comments.append(f"{path.name}: kommentar fra {c.author}{when}: »{c.text[:300]}«")
        # a text box stands where it is anchored and is read there; the rest
        # beside the body (notes, headers, footers, embedded documents) is
        # reported with where it stood: nothing vanishes
        files.append([b for b in document.blocks if b.part in ("body", "textbox")])
        for b in document.blocks:
            entry = (f"{path.name}, {part_name(b.part)}", b.text.strip())
            if b.part not in ("body", "textbox") and entry[1] and entry not in beside:
                beside.append(entry)
    if tracked:  # never taken silently: the user decides in Word first
        raise DocgenError("; ".join(tracked) + ", som ikke er godkendt eller afvist. Åbn dokumentet i Word, vælg "
                          "Gennemse › Acceptér eller Afvis for hver ændring, gem, og kør docgen import igen. "
                          "Intet er skrevet")
    funding = pulje(DEFAULT_PULJE)
    try:
        reader = read(files, funding)
    except NotAnAgreement as exc:
        names = ", ".join(p.name for p in paths)
        raise DocgenError(f"{names}: {exc}. Intet er skrevet") from None
    reader.notes.unplaced += beside
    data = assemble(reader)
    header = (f"#:schema ./agreement.schema.json\n# agreement.toml for {data['aftale'].get('omraadenavn', '')}, "
              f"lavet af 'docgen import --ny' ud fra {', '.join(p.name for p in paths)}.\n"
              "# Udfyld alle felter med \"[udfyld: ...]\" (de står også i 'docgen validate'): Word-dokumenterne\n"
              "# har ikke budget, lønudgifter og milepæle.  Læs rapporten fra importen: hvad docgen gættede, står\n"
              "# dér med linjenummer; tekst, den ikke kunne placere, står nederst i filen.\n")
    text = dumps(data, header, reader.notes.unplaced)
    # whole or not at all (a full disk or Ctrl-C leaves no half file), never over anything
    if not write_new(target, text.encode("utf-8")):
        raise DocgenError(f"{target} findes allerede; docgen skriver ikke oven i den")
    lines = report(reader, target, text)
    import tomllib
    from decimal import Decimal

    from . import importrapport

    try:
        page = importrapport.write(list(zip((p.name for p in paths), files)), reader,
                                   tomllib.loads(text, parse_float=Decimal), target)
        lines[1:1] = [f"Importrapport: {page} viser hvert afsnit i dokumenterne, og hvor det står i {target.name}."]
    except OSError as exc:
        lines[1:1] = [f"importrapport.html kunne ikke skrives ({exc.strerror or exc})."]
    if comments:
        at = len(lines) - 3
        lines[at:at] = ["", "Kommentarer i dokumenterne (til læsning; de kommer ikke med i filen):"] + [
            f"  - {c}" for c in comments]
    return lines


def _line_of(source, path: tuple) -> int | None:
    try:
        return source.line_of(path)
    except Exception:  # noqa: BLE001 - a line number is a help, not a must
        return None


def report(reader, target: Path, text: str) -> list[str]:
    notes = reader.notes
    out = [f"Skrev {target}.", "", "Genkendt:"]
    kinds = notes.documents
    documents = ", ".join(f"{kinds.count(k)} {NAMES[k]}{'r' if kinds.count(k) > 1 and k == 'delaftale' else ''}"
                          for k in NAMES if k in kinds)
    out.append(f"  dokumenter: {documents}")
    for key, count in notes.recognised.items():
        out.append(f"  {key}: {count}")
    if notes.variants:
        out += ["", "Skrevet som ét faktum (dokumenterne havde flere skrivemåder):"]
        out += [f"  - {v}" for v in notes.variants]
    if notes.conflicts:
        out += ["", "Uens i dokumenterne (skrevet som de stod; ret selv):"]
        out += [f"  - {c}" for c in notes.conflicts]
    if notes.guessed:
        from ...source.load import Source

        source = Source("x", text)  # read once: its positions serve every line number
        out += ["", "Gættet (se efter i filen):"]
        for what, path in notes.guessed:
            line = _line_of(source, path) if path else None
            out.append(f"  - {what}" + (f" ({target.name}, linje {line})" if line else ""))
    if notes.unplaced:
        out += ["", f"Ikke placeret: {len(notes.unplaced)} afsnit står ordret nederst i {target.name} "
                    "under »IKKE PLACERET«."]
    out += ["", "Word-dokumenterne har ikke budget, lønudgifter og milepæle: milepælsplanen har kun "
                "helhedsplanens start; tilføj jeres milepæle.",
            f"Kør nu 'docgen validate {target}': den viser hvert felt, der skal udfyldes."]
    return out

