"""What `docgen import` tells the user, and writing the changes.

The changes are shown the way `docgen diff` shows them (old → new, the
changed words marked [-gammel-] {+ny+}); then they are written into the
agreement file by source/writer.py, the previous file kept beside it as
``<navn>.før-import.toml`` (one step back: rename it over the file).
"""
from __future__ import annotations

from pathlib import Path

from ...cycle.diff import word_diff
from ...errors import DocgenError, InputError, in_file_order
from ...model.agreement import AgreementFile
from ...source.files import write_atomic
from ...source.load import RawText, format_path
from ...source.writer import WriteError, apply
from .run import DocumentImport, edits, source_label


def _short(text: str, limit: int = 300) -> str:
    text = str(text)
    return text if len(text) <= limit else text[:limit] + " …"


def _number(value: object) -> str:
    """A number as the documents show it: 0,75 and 1.234.567."""
    from decimal import Decimal

    from ...figures.formatting import danish_number

    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return danish_number(Decimal(value))
    return str(value)


def describe(imports: list[DocumentImport], agreement: AgreementFile) -> list[str]:
    lines: list[str] = []
    for item in imports:
        name = item.document.title if item.document else item.path.name
        lines.append(f"== {item.path.name}" + (f" ({name})" if item.document and name not in item.path.name else "") + " ==")
        if item.error:
            lines.append(f"  Afvist: {item.error}.")
            lines.append("")
            continue
        if item.tracked:
            authors = sorted({t.author for t in item.tracked})
            count = "1 sporet ændring" if len(item.tracked) == 1 else f"{len(item.tracked)} sporede ændringer"
            lines.append(f"  Dokumentet har {count} (af {', '.join(authors)}), som ikke er "
                         "godkendt eller afvist. docgen tager ingen af dem og skriver intet fra dokumentet.")
            for t in item.tracked[:50]:
                when = f", {t.date[:10]}" if t.date else ""
                what = f": »{_short(t.text, 120)}«" if t.text else ""
                lines.append(f"    - {t.kind} af {t.author}{when}{what}")
            if item.path.suffix.lower() == ".xlsx":
                lines.append("  Åbn regnearket i Excel (Gennemse › Spor ændringer › Acceptér eller afvis ændringer) "
                             "eller LibreOffice Calc (Rediger › Spor ændringer › Håndtér), gem, og kør docgen import igen.")
            else:
                lines.append("  Åbn dokumentet i Word, vælg Gennemse › Acceptér eller Afvis for hver ændring, gem, "
                             "og kør docgen import igen.")
        for c in item.comments:
            when = f", {c.date[:10]}" if c.date else ""
            lines.append(f"  Kommentar fra {c.author}{when} (til læsning; docgen tager den ikke): »{_short(c.text, 300)}«")
        if item.tracked:
            lines.append("")
            continue
        if not item.changes and not item.refused and not item.conflicts:
            lines.append("  Ingen ændringer i forhold til agreement.toml.")
        for change in item.changes:
            where = source_label(agreement, change.source)
            if change.where:  # a workbook's cell or row, then the field
                field = format_path(change.source.path[:-1]) if change.op == "insert" else where
                lines.append(f"  {change.where} ({field})")
                continue
            if change.op == "insert" and isinstance(change.new, dict):
                shown = " | ".join(str(v) for v in change.new.values())
                if change.source.path[-1] < 0:
                    lines.append(f"  {format_path(change.source.path[:-1])}: ny række tilføjet først: {_short(shown)}")
                else:
                    lines.append(f"  {where}: ny række tilføjet efter den: {_short(shown)}")
            elif change.op == "insert":
                lines.append(f"  {where}: tilføjet efter: {_short(change.new)}")
            elif change.op == "delete":
                lines.append(f"  {where}: fjernet: {_short(change.old)}")
            elif isinstance(change.new, str):
                lines.append(f"  {where}: {_short(word_diff(str(change.old), change.new), 600)}")
            else:
                lines.append(f"  {where}: {_number(change.old)} → {_number(change.new)}")
        if item.stale:
            names = ", ".join(source_label(agreement, c.source) for c in item.stale)
            lines.append(f"  Dokumentet er lavet, før agreement.toml blev ændret i {names}; det viser den gamle "
                         "tekst, og agreement.toml beholder den nye.")
        if item.gained:
            names = ", ".join(dict.fromkeys(source_label(agreement, s) for s in item.gained))
            lines.append(f"  agreement.toml har fået {names}, efter dokumentet blev lavet; dokumentet viser det "
                         "ikke, og agreement.toml beholder det.")
        if item.lost:
            shown = ", ".join(f"»{_short(t, 60)}«" for t in dict.fromkeys(item.lost))
            lines.append(f"  Dokumentet viser tekst, som er slettet i agreement.toml, efter dokumentet blev lavet "
                         f"({shown}); den kommer ikke tilbage.")
        for refusal in item.conflicts:
            lines.append(f"  {refusal.why}: {refusal.where}; agreement.toml → dokumentet: "
                         f"{_short(word_diff(refusal.old, refusal.new), 600)}")
        for refusal in item.refused:
            change = f"»{_short(refusal.old, 120)}« → »{_short(refusal.new, 120)}«" if refusal.old else f"»{_short(refusal.new, 120)}«"
            lines.append(f"  Ikke taget ({refusal.where}): {change}: {refusal.why}.")
        lines.append("")
    return lines


def problems_after(fil: Path, raw: RawText, imports: list[DocumentImport]) -> list[str]:
    """What validation would say of ``fil`` with the changes written (the
    file itself untouched): a role's staff years no longer summing, a
    period out of balance.  No lines when the result holds."""
    from ...checks import run as run_checks
    from ...source.load import Source, parse_toml, validate

    changes = [c for item in imports for c in item.changes]
    try:
        source = Source(str(fil), apply(raw.text, edits(changes)))
        diagnostics = [source.diagnostic(f.path, f.message, text_line=f.text_line)
                       for f in run_checks(validate(source, parse_toml(source)))]
    except WriteError as exc:
        return [f"Ændringerne kan ikke skrives i {fil.name}: {exc}."]
    except InputError as error:
        diagnostics = error.diagnostics
    if not diagnostics:
        return []
    return ["", f"Med ændringerne holder {fil} ikke længere; 'docgen validate' ville sige:",
            *(f"  {d}" for d in in_file_order(diagnostics))]


def backup_path(fil: Path) -> Path:
    return fil.with_name(f"{fil.stem}.før-import{fil.suffix}")


def write_changes(fil: Path, raw: RawText, imports: list[DocumentImport]) -> Path:
    """Write every change into ``fil`` (nothing else changes); the previous
    file is kept as ``backup_path(fil)``.  Returns that path."""
    changes = [c for item in imports for c in item.changes]
    try:
        new_text = apply(raw.text, edits(changes))
    except WriteError as exc:
        raise DocgenError(f"ændringerne kunne ikke skrives i {fil.name}: {exc}. Intet er skrevet") from None
    backup = backup_path(fil)
    # each write replaces its file in one step or leaves it untouched (source/files.py)
    write_atomic(backup, raw.stored(raw.text))
    write_atomic(fil, raw.stored(new_text))
    return backup
