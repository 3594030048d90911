"""docgen's command line: thin click commands that call the pipeline."""
from __future__ import annotations

import gc
import os
import signal
import sys
from pathlib import Path

import click

from .console import make_safe, write_json
from .danish import DanishGroup
from ..errors import WARNING, Diagnostic, DocgenError, InputError, in_file_order

DEFAULT_FILE = "agreement.toml"
DEFAULT_OUT = "output"

CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.group(cls=DanishGroup, context_settings=CONTEXT)
@click.version_option(package_name="docgen", message="docgen %(version)s", help="Vis versionen og afslut.")
def main() -> None:
    """docgen laver alle dokumenter til Landsbyggefonden for en boligsocial
    helhedsplan ud fra én fil, agreement.toml."""


def _fail(error: Exception, status: int = 1) -> None:
    if isinstance(error, InputError):
        count = len(error.diagnostics)
        for diagnostic in in_file_order(error.diagnostics):
            click.echo(str(diagnostic), err=True)
        click.echo(f"\n{count} fejl fundet. Intet er skrevet.", err=True)
        from ..source.load import SYNTAX_ERROR

        if any(d.message.startswith(SYNTAX_ERROR) for d in error.diagnostics):
            click.echo("docgen læser ikke filen videre efter en syntaksfejl. Ret den, og kør kommandoen igen: "
                       "der kan komme flere fejl frem, når den er rettet.", err=True)
    elif isinstance(error, DocgenError):
        click.echo(f"Fejl: {error}", err=True)
    else:
        # A bug in docgen, not in the input: say so plainly, without a traceback.
        click.echo(
            f"Intern fejl i docgen ({type(error).__name__}: {error}). Intet er skrevet. "
            "Kør igen med DOCGEN_DEBUG=1 for at se detaljerne, og meld fejlen til udviklerne.",
            err=True,
        )
    sys.exit(status)


def _run(action, status: int = 1):
    """Run a stage; report any error in Danish and exit with ``status``."""
    try:
        result = action()
    except DocgenError as error:
        _stop_if_interrupted()
        _fail(error, status)
    except Exception as error:  # noqa: BLE001 - last line of defence for users
        _stop_if_interrupted()
        if os.environ.get("DOCGEN_DEBUG") == "1":
            raise
        _fail(error, status)
    _stop_if_interrupted()
    return result


_interrupted = False


def _note_interrupt(signum, frame) -> None:
    """Ctrl-C: noted, then raised as usual.  A library may catch the
    KeyboardInterrupt where it lands (pydantic-core turns one inside a
    pattern match into "does not match"); the note makes the stage end
    as interrupted all the same, never with invented errors or a build."""
    global _interrupted
    _interrupted = True
    raise KeyboardInterrupt


def _quiet_interrupts(unraisable) -> None:
    """A Ctrl-C that lands where Python cannot raise it (a weakref callback
    inside an import) is printed by Python as "Exception ignored" with a
    traceback.  It is noted (_note_interrupt), and the stage ends as
    interrupted: nothing to print."""
    if not (_interrupted and isinstance(unraisable.exc_value, KeyboardInterrupt)):
        sys.__unraisablehook__(unraisable)


def _stop_if_interrupted() -> None:
    if _interrupted:
        raise KeyboardInterrupt  # click: "Afbrudt.", exit 1


file_argument = click.argument(
    "fil", required=False, default=DEFAULT_FILE, type=click.Path(path_type=Path, dir_okay=True, readable=False), metavar="[FIL]"
)


strict_option = click.option(
    "--strict", is_flag=True, help="Behandl advarsler (fx pladsholdere og parter, der ikke bruges) som fejl.")


@main.command("path")
def path_command() -> None:
    """Gør kommandoen docgen kendt i alle nye terminalvinduer (kør den én gang efter installationen).

    Lægger en lille starter, der kører denne installation af docgen, i din
    egen mappe ~/.local/bin (på Windows %USERPROFILE%\\.local\\bin) og sætter
    mappen på din PATH. Der skal ikke aktiveres noget bagefter, og det kræver
    ikke administratorrettigheder."""
    from .launcher import install, shown

    done = _run(install)
    click.echo(f"Skrev {shown(done.launcher)}.")
    if done.restart_needed:
        click.echo("Åbn et nyt terminalvindue: derefter virker 'docgen' i alle terminalvinduer, fra enhver mappe.")
    else:
        click.echo("'docgen' virker nu i alle terminalvinduer, fra enhver mappe.")


@main.command()
@file_argument
@strict_option
@click.option("--format", "output_format", type=click.Choice(["tekst", "json"]), default="tekst",
              help="tekst (standard) eller json: fejl og advarsler som JSON til andre programmer.")
def validate(fil: Path, strict: bool, output_format: str) -> None:
    """Tjek aftalefilen (standard: ./agreement.toml) uden at skrive noget.

    Viser fordelingen af årsværk pr. rolle og indsatsområde og advarsler
    om ting, der nok er forkerte."""
    from .. import checks
    from ..pipeline import warnings
    from ..source.load import load
    from ..figures.staff import matrix_table, staff_matrix

    if output_format == "json":
        _validate_json(fil, strict)
        return
    source, agreement = _run(lambda: _load_all(load, fil))
    problems = _run(lambda: checks.run(agreement))
    if problems:
        # the figures help most when the budget does not add up yet
        _echo_budget(agreement)
        _fail(InputError([source.diagnostic(f.path, f.message) for f in problems]))
    found = _run(lambda: warnings(source, agreement, strict))
    click.echo(f"{fil}: ingen fejl fundet.\n")
    click.echo("Årsværk pr. rolle og indsatsområde (timer pr. uge for timelønnede, markeret med t):\n")
    click.echo(_table(matrix_table(staff_matrix(agreement))))
    _echo_budget(agreement)
    _echo_warnings(found)


def _load_all(load, fil: Path):
    """load, and when it fails on some values, also what the checks find elsewhere."""
    from ..pipeline import with_later_findings

    try:
        return load(fil)
    except InputError as error:
        raise with_later_findings(error) from None


def _echo_budget(agreement) -> None:
    """The budget per period: salaries as computed, other expenses,
    financing, the difference to balance and LBF's share."""
    from ..figures.budget_math import budget_table

    try:
        rows = budget_table(agreement)
    except Exception:  # noqa: BLE001 - an agreement with errors may not compute; the errors say why
        return
    click.echo("\nBudget pr. periode (lønnen regnet ud af årsværk og løn; forskellen skal være 0 i hver periode):\n")
    click.echo(_rows_table(rows))


def _echo_warnings(found) -> None:
    if found:
        click.echo("", err=True)
        for diagnostic in found:
            click.echo(str(diagnostic), err=True)
        click.echo(f"\n{_count(len(found), 'advarsel', 'advarsler')} (med --strict er de fejl).", err=True)


def _validate_json(fil: Path, strict: bool) -> None:
    import json

    from ..pipeline import check, warnings

    diagnostics = []
    try:
        source, agreement = check(fil)
        diagnostics = warnings(source, agreement, strict)
    except InputError as error:
        diagnostics = in_file_order(error.diagnostics)
    except DocgenError as error:
        diagnostics = [Diagnostic(message=str(error), file=str(fil))]
    errors = sum(d.severity != WARNING for d in diagnostics)
    write_json(json.dumps({
        "valid": errors == 0,
        "error_count": errors,
        "warning_count": len(diagnostics) - errors,
        "diagnostics": [d.as_dict() for d in diagnostics],
    }, ensure_ascii=False, indent=2) + "\n")
    sys.exit(1 if errors else 0)


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [cell.rjust(w) for cell, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
        if n == 0 or n == len(rows) - 2:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _rows_table(rows) -> str:
    """Rows of (label, cells), None for a rule; the label left, cells right."""
    filled = [r for r in rows if r is not None]
    widths = [max(len(r[0]) for r in filled)] + [
        max(len(r[1][i]) for r in filled) for i in range(len(filled[0][1]))
    ]
    rule = "  ".join("-" * w for w in widths)
    lines = []
    for r in rows:
        if r is None:
            lines.append(rule)
            continue
        label, cells = r
        lines.append("  ".join([label.ljust(widths[0])] + [c.rjust(w) for c, w in zip(cells, widths[1:])]).rstrip())
    return "\n".join(lines)


@main.command()
@click.argument("filer", nargs=-1, type=click.Path(path_type=Path, dir_okay=True, readable=False), metavar="[FIL]...")
@click.option("-o", "--output", "out_dir", default=DEFAULT_OUT, metavar="MAPPE",
              type=click.Path(path_type=Path, file_okay=False),
              help=f"Mappen dokumenterne skrives i (standard: {DEFAULT_OUT}). Med flere filer får "
                   "hver fil sin egen undermappe, opkaldt efter filen.")
@click.option("--pdf", is_flag=True, help="Lav også en PDF af hvert dokument (kræver LibreOffice).")
@click.option("--templates", "templates_dir", metavar="MAPPE", type=click.Path(path_type=Path, file_okay=False),
              help="Brug dine egne skabeloner fra MAPPE; docgens egne bruges til dem, MAPPE ikke har.")
@click.option("--erstat-anden-aftale", "replace_other", is_flag=True,
              help="Erstat dokumenter, docgen har lavet til en anden aftale (et andet områdenavn) i MAPPE. "
                   "Uden den stopper docgen i stedet for at tømme mappen for dem.")
@strict_option
def build(filer: tuple[Path, ...], out_dir: Path, pdf: bool, templates_dir: Path | None, replace_other: bool,
          strict: bool) -> None:
    """Lav alle dokumenter ud fra aftalefilen (standard: ./agreement.toml).

    Flere aftalefiler bygges i én kørsel, hver i sin egen mappe. Alle filer
    tjekkes og laves, før noget skrives: er én fil forkert, skrives intet.
    docgen rører kun de filer i mappen, den selv har skrevet."""
    from ..figures.naming import folder_names
    from ..pipeline import prepare, write

    files = list(filer) or [Path(DEFAULT_FILE)]
    if len({os.path.normcase(os.path.abspath(f)) for f in files}) != len(files):
        raise click.UsageError("den samme fil er nævnt to gange")
    # one folder per file, named after it: valid and distinct on every system
    targets = [out_dir] if len(files) == 1 else [out_dir / name for name in folder_names([f.stem for f in files])]
    prepared = [
        _run(lambda: prepare(fil, target, templates_dir, pdf=pdf, strict=strict, replace_other=replace_other)) for fil, target in zip(files, targets)
    ]
    warned = 0
    for fil, target, ready in zip(files, targets, prepared):
        result = _run(lambda: write(ready))
        _echo_warnings(result.warnings)
        warned += len(result.warnings)
        due = sum(d["skal_uploades"] for d in result.manifest["dokumenter"])
        click.echo(f"Skrev {len(result.documents)} dokumenter i {target}:")
        for path in result.documents:
            click.echo(f"  {path.name}")
        warned += len(result.kept)  # a partner's edit kept aside is easy to miss: it counts as a warning
        for name, kept in result.kept.items():
            click.echo(
                f"Advarsel: {name} var ikke docgens (rettet efter docgen skrev den, eller en fil af dine egne). "
                f"Den er gemt urørt som '{kept}'. Skal rettelsen med, så tag den tilbage i {fil.name} med: "
                f"docgen import \"{target / kept}\" --fil \"{fil}\"",
                err=True,
            )
        click.echo(f"Uploadliste: {target / 'Uploadliste.html'} ({_count(due, 'dokument', 'dokumenter')} skal uploades nu)")
    # One last line, so warnings printed above do not read as a failed build.
    if warned:
        click.echo(f"Færdig: dokumenterne er skrevet. {_count(warned, 'advarsel', 'advarsler')} står ovenfor; "
                   "de stopper ikke byggeriet, men se dem igennem.")
    else:
        click.echo("Færdig: dokumenterne er skrevet uden advarsler.")


@main.command()
@file_argument
@click.option("-o", "--output", "out_dir", default=DEFAULT_OUT, metavar="MAPPE",
              type=click.Path(path_type=Path, file_okay=False),
              help=f"Mappen med de uploadede dokumenter (standard: {DEFAULT_OUT}).")
def uploaded(fil: Path, out_dir: Path) -> None:
    """Registrér, at dokumenterne i MAPPE er uploadet til driftsstøttesystemet.

    docgen gemmer deres navne, SHA-256 og revisioner i en lille fil ved
    siden af aftalefilen (agreement.uploadet.json for agreement.toml) og
    aftalen, som den blev uploadet (agreement.uploadet.toml). Gem dem
    sammen med aftalefilen. Næste 'docgen build' sammenligner med dem og
    siger, hvad der skal uploades, og 'docgen diff' viser, hvad der er
    ændret siden. Udkast registreres ikke."""
    import datetime as dt

    from ..cycle import upload_record as uploads

    done = _run(lambda: uploads.record(fil, out_dir, dt.date.today()))
    if done.first:
        click.echo(f"Registrerede {_count(len(done.files), 'dokument', 'dokumenter')} som uploadet i {done.path}:")
        shown = done.files
    else:
        new = _count(len(done.new), "dokument nyt", "dokumenter nye")
        unchanged = _count(len(done.unchanged), "uændret", "uændrede")
        click.echo(f"Registrerede i {done.path}: {new} siden sidste upload; {unchanged}" + (":" if done.new else "."))
        shown = done.new
    for name in shown:
        click.echo(f"  {name}")
    if done.drafts:
        click.echo("Ikke registreret, fordi de er udkast, der ikke er godkendt: " + ", ".join(done.drafts))
    if done.lists_refreshed:
        click.echo(f"Uploadlisten i {out_dir} er opdateret.")
    else:
        click.echo(f"Uploadlisten i {out_dir} er ikke docgens, som den var, og er ikke rørt; "
                   "næste 'docgen build' laver den igen.")


@main.command()
@click.argument("gammel", required=False, default=None, metavar="[GAMMEL]")
@click.argument("ny", required=False, default=DEFAULT_FILE, type=click.Path(path_type=Path, readable=False), metavar="[NY]")
def diff(gammel: str | None, ny: Path) -> None:
    """Vis, hvad der er ændret fra GAMMEL til NY (standard: ./agreement.toml).

    Uden GAMMEL sammenlignes med aftalen, som den var ved sidste 'docgen
    uploaded' (agreement.uploadet.toml); git behøves ikke. GAMMEL kan også
    være en aftalefil eller en git-version af NY, fx HEAD~1. docgen viser
    ændringerne dokument for dokument, hvilke dokumenter der skal uploades
    igen, og hvem der skal godkende dem. Afslutter med 0, når der ingen
    forskel er, 1 når der er, og 2 ved fejl."""
    from ..pipeline import check
    from ..cycle.earlier_versions import old_version, uploaded_version
    from ..cycle import diff as compare

    said = []

    def run():
        if gammel is None:
            old_path, line = uploaded_version(ny)
            said.append(line)
            _, old = check(old_path)
        else:
            with old_version(gammel, ny) as old_path:
                _, old = check(old_path)
        _, new = check(ny)
        return old, new, compare.compare(old, new)

    old, new, changed = _run(run, status=2)
    for line in said:
        click.echo(line + "\n")
    click.echo(compare.report(old, new, changed), nl=False)
    sys.exit(1 if changed else 0)


@main.command("import")
@click.argument("dokumenter", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, readable=False),
                metavar="DOKUMENT...")
@click.option("--fil", "fil", default=DEFAULT_FILE, type=click.Path(path_type=Path, readable=False), metavar="FIL",
              help=f"Aftalefilen, dokumenterne er lavet fra (standard: {DEFAULT_FILE}).")
@click.option("--ja", is_flag=True, help="Skriv ændringerne i FIL uden at spørge.")
@click.option("--ny", "ny", default=None, type=click.Path(path_type=Path, dir_okay=False, readable=False),
              metavar="NY.toml",
              help="Lav en ny aftalefil NY.toml ud fra en aftale, I har i Word (strategisk samarbejdsaftale og "
                   "delaftaler, evt. beredskabsplan og kommissorium). Skriver aldrig oven i en fil, der findes.")
def import_(dokumenter: tuple[Path, ...], fil: Path, ja: bool, ny: Path | None) -> None:
    """Tag rettelser i Word- og Excel-dokumenter, docgen har lavet, tilbage i FIL.

    docgen viser hver ændring felt for felt og skriver dem i FIL (på en
    terminal spørger den først; --ja skriver uden at spørge). Resten af FIL,
    også kommentarer og tomme linjer, er uændret; den forrige udgave gemmes
    som <navn>.før-import.toml ved siden af. Sporede ændringer skal være
    godkendt eller afvist i Word først. Afslutter med 1, hvis et dokument
    afvises; så skrives intet.

    Med --ny NY.toml: læs en aftale, I har skrevet i Word i LBF's skabeloner
    (én fil med det hele eller én fil pr. dokument), og skriv den som en ny
    aftalefil. Det, Word-dokumenterne ikke har (budget, lønudgifter,
    milepæle), står som "[udfyld: …]", som 'docgen validate' viser."""
    if ny is not None:
        from ..importing.handmade.ny import import_new

        existed = os.path.lexists(ny)
        try:
            lines = _run(lambda: import_new(list(dokumenter), ny))
        except KeyboardInterrupt:
            if not existed and os.path.lexists(ny):  # written whole (files.write_new) before the Ctrl-C
                click.echo(f"Skrev {ny}. Afbrudt efter skrivningen, før rapporten blev vist; kør 'docgen validate {ny}'.")
                sys.exit(0)
            raise
        for line in lines:
            click.echo(line)
        return
    from ..importing.built.report import backup_path, describe, problems_after, write_changes
    from ..importing.built.run import Importer
    from ..source.load import load, read_raw

    def prepare():
        source, agreement = load(fil)
        raw = read_raw(fil)  # the text the changes are written into: the one read
        if raw.text != source.text:
            raise DocgenError(f"{fil} blev ændret, mens docgen læste den. Intet er skrevet; kør docgen import igen")
        importer = Importer(agreement)
        return raw, agreement, [importer.one(path) for path in dokumenter]

    raw, agreement, imports = _run(prepare)
    for line in describe(imports, agreement):
        click.echo(line)
    refused = [i for i in imports if i.error or i.tracked]
    if refused:
        click.echo(f"{_count(len(refused), 'dokument', 'dokumenter')} er afvist (se ovenfor). Intet er skrevet i {fil}.")
        sys.exit(1)
    conflicts = sum(len(i.conflicts) for i in imports)
    changes = sum(len(i.changes) for i in imports)
    if not changes:
        click.echo(f"Ingen ændringer at skrive. {fil} er uændret.")
        _conflicts_exit(conflicts, fil)
        return
    click.echo(f"{_count(changes, 'ændring', 'ændringer')} kan skrives i {fil}.")
    for line in _run(lambda: problems_after(fil, raw, imports)):
        click.echo(line)
    if not ja:
        if not _interactive():
            click.echo(f"Intet er skrevet. Kør igen med --ja for at skrive dem i {fil}.")
            _conflicts_exit(conflicts, fil)
            return
        answer = click.prompt(f"Skriv dem i {fil}? [j/N]", default="n", show_default=False)
        if answer.strip().lower() not in ("j", "ja", "y", "yes"):
            click.echo("Intet er skrevet.")
            _conflicts_exit(conflicts, fil)
            return
    now = _run(lambda: read_raw(fil))
    if now != raw:  # saved by someone else (an editor) since it was read: their save wins
        click.echo(f"{fil} er ændret, siden docgen læste den (gemt i en editor, mens docgen spurgte?). Intet er "
                   f"skrevet, så det, der blev gemt, er bevaret. Kør docgen import igen.", err=True)
        sys.exit(1)
    written = f"Skrev {_count(changes, 'ændring', 'ændringer')} i {fil}. Den forrige udgave ligger i " \
              f"{backup_path(fil)}; omdøb den til {fil.name} for at fortryde."
    try:
        _run(lambda: write_changes(fil, raw, imports))
        click.echo(written)
        _after_import(fil, agreement)
    except KeyboardInterrupt:
        # Ctrl-C once the file is written: say so, and end as a finished import
        if not _unchanged(fil, raw.stored(raw.text)):
            click.echo(written)
            click.echo("Afbrudt efter skrivningen: ændringerne er skrevet, men filen er ikke tjekket. "
                       f"Kør 'docgen validate {fil}'.")
            _conflicts_exit(conflicts, fil)
            sys.exit(0)
        raise
    _conflicts_exit(conflicts, fil)


def _conflicts_exit(conflicts: int, fil: Path) -> None:
    """A field changed both in the file and in a document: exit 1, as a refusal does."""
    if conflicts:
        click.echo(f"{_count(conflicts, 'felt', 'felter')} er ændret både i {fil} og i et dokument (KONFLIKT, se "
                   "ovenfor) og er ikke skrevet.", err=True)
        sys.exit(1)


def _unchanged(fil: Path, before: bytes) -> bool:
    try:
        return fil.read_bytes() == before
    except OSError:
        return True


def _interactive() -> bool:
    """Whether someone at a terminal can answer a question."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _after_import(fil: Path, old) -> None:
    """Validate the written file and say what follows: errors, the documents
    that change at the next build, the [[revisioner]] entry that is due."""
    import datetime as dt

    from ..cycle import diff as compare
    from ..pipeline import check

    try:
        _, new = check(fil)
    except InputError as error:
        click.echo(f"\n{fil} holder ikke længere; ret dette, før du bygger:", err=True)
        for diagnostic in in_file_order(error.diagnostics):
            click.echo(str(diagnostic), err=True)
        return
    changed = compare.compare(old, new)
    if changed:
        click.echo("\nVed næste 'docgen build' ændres: " + ", ".join(d.title for d in changed) + ".")
        entries = compare.suggested_revisions(old, new, changed, dt.date.today())
        for line in compare.suggestion_text(entries):
            click.echo(line)


@main.command()
@file_argument
@click.option("--port", type=click.IntRange(0, 65535), default=None, metavar="PORT",
              help="Porten på 127.0.0.1 (standard: 8765, eller en ledig, hvis den er optaget).")
@click.option("-o", "--output", "out_dir", default=DEFAULT_OUT, metavar="MAPPE",
              type=click.Path(path_type=Path, file_okay=False),
              help=f"Mappen, dokumenterne bygges i (standard: {DEFAULT_OUT}); siden viser, hvad der skal uploades "
                   "derfra. Der skrives intet i den.")
@click.option("--templates", "templates_dir", metavar="MAPPE", type=click.Path(path_type=Path, file_okay=False),
              help="Dine egne skabeloner (som ved build); siden følger også med, når de ændres.")
@click.option("--ingen-browser", "no_browser", is_flag=True, help="Åbn ikke browseren; skriv kun adressen.")
def serve(fil: Path, port: int | None, out_dir: Path, templates_dir: Path | None, no_browser: bool) -> None:
    """Se aftalen, tallene og dokumenterne i browseren, mens du skriver.

    Siden opdaterer sig selv, hver gang du gemmer FIL: status med hver fejl
    og dens linje, årsværk og budget, hvad der skal uploades, og
    dokumenternes sider. Serveren svarer kun på denne computer
    (127.0.0.1) og skriver intet i din mappe. Stop med Ctrl-C."""
    from ..serve.run import serve as run_server

    if not fil.is_file():
        _fail(DocgenError(f"{fil} findes ikke. Stil dig i planens mappe, eller skriv stien til aftalefilen."))
    gc.enable()  # a long-running process: the collector earns its keep here
    os.environ["DOCGEN_PROCESSES"] = "1"  # no forked renderers from a process with threads
    try:
        _run(lambda: run_server(fil, out_dir, templates_dir, port, not no_browser, click.echo))
    except KeyboardInterrupt:
        click.echo("docgen serve er stoppet.")


@main.command()
@click.option("-o", "--output", "out_file", type=click.Path(path_type=Path, dir_okay=False), metavar="FIL",
              help="Skriv skemaet i FIL i stedet for på skærmen.")
def schema(out_file: Path | None) -> None:
    """Skriv et JSON-skema for agreement.toml.

    Editorer med TOML-skemaer (fx Even Better TOML i VS Code) bruger det til
    at foreslå nøgler og vise fejl, mens du skriver. Den medfølgende
    agreement.toml peger på agreement.schema.json med linjen
    '#:schema ./agreement.schema.json' øverst."""
    from ..source.files import write_atomic
    from ..source.schema import schema_text

    text = schema_text()
    if out_file is None:
        write_json(text)
        return
    _run(lambda: write_atomic(out_file, text.encode("utf-8")))
    click.echo(f"Skrev JSON-skemaet i {out_file}")


@main.command()
@click.argument("navn", required=False, default="Nyt boligområde", metavar="[NAVN]")
@click.option("-o", "--output", "out_file", default=DEFAULT_FILE, show_default=True, metavar="FIL",
              type=click.Path(path_type=Path, dir_okay=False), help="Filen, der skrives.")
@click.option("--omraader", metavar="ID,ID", default=None,
              help="De indsatsområder, helhedsplanen vælger, adskilt af komma, fx beskaeftigelse,kriminalitet "
                   "(udelades: alle LBF's indsatsområder).")
@click.option("--periode", type=click.Choice(["aftaleaar", "kalenderaar"]), default="aftaleaar", show_default=True,
              help="Budgetperioderne: aftaleår eller kalenderår.")
@click.option("--pulje", default="2019-26", show_default=True, metavar="PULJE",
              help="Landsbyggefondens pulje, hvis indsatsområder og regler aftalen følger.")
@click.option("--fra", "first", metavar="ÅÅÅÅ-MM-DD", default=None,
              help="Aftalens første dag. Med --fra og --til laves alle budgetperioderne.")
@click.option("--til", "last", metavar="ÅÅÅÅ-MM-DD", default=None, help="Aftalens sidste dag.")
def init(navn: str, out_file: Path, omraader: str | None, periode: str, pulje: str,
         first: str | None, last: str | None) -> None:
    """Lav en ny agreement.toml for boligområdet NAVN.

    Filen har de valgte indsatsområder (alle LBF's, hvis --omraader
    udelades) med LBF's overordnede mål og indikatorer, én delaftale pr.
    indsatsområde og en pladsholder "[udfyld: ...]" for alt det, du skal
    skrive. 'docgen validate' viser, hvad der mangler. Med --fra og --til
    laves alle budgetperioderne. En fil, der findes i forvejen, overskrives
    ikke. Lav en mappe til din plan, og kør 'docgen init' i den."""
    from ..source.files import write_new
    from ..source.guard import value_problem
    from ..source.load import printable
    from ..source.schema import SCHEMA_FILE, schema_text
    from ..source.skeleton import new_agreement

    # the name goes into the file as omraadenavn (and into a comment line)
    problem = value_problem(navn, ("aftale", "omraadenavn")) or (None if navn.strip() else "navnet er tomt")
    if problem:
        _fail(DocgenError(f"navnet '{printable(navn)}' kan ikke bruges: {problem}"))
    exists = DocgenError(f"{out_file} findes allerede og overskrives ikke. Vælg et andet navn med -o")
    if os.path.lexists(out_file):
        _fail(exists)
    areas = None if omraader is None else omraader.split(",")
    dates = [_iso_date(option, value) for option, value in (("--fra", first), ("--til", last))]
    text = _run(lambda: new_agreement(navn, areas, periode, pulje, *dates))
    if not _run(lambda: write_new(out_file, text.encode("utf-8"))):
        _fail(exists)
    # the schema beside it, unless one (or anything of that name) is there already
    _run(lambda: write_new(out_file.parent / SCHEMA_FILE, schema_text().encode("utf-8")))
    click.echo(f"Skrev {out_file} for {navn}. Udfyld pladsholderne; 'docgen validate {out_file}' viser, hvad der mangler.")


def _iso_date(option: str, value: str | None):
    """The date an option gives as ÅÅÅÅ-MM-DD (None when not given)."""
    import datetime as dt

    from ..source.load import danish_date_fix, printable

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        fixed = danish_date_fix(value)
        hint = f", her {option} {fixed}" if fixed else ", fx 2025-01-01"
        _fail(DocgenError(f"{option} '{printable(value)}' er ikke en dato. Skriv datoen ÅÅÅÅ-MM-DD{hint}"))


@main.group(cls=DanishGroup)
def templates() -> None:
    """Arbejd med dine egne skabeloner (se docs/skabeloner.md)."""


@templates.command("check")
@click.argument("mappe", type=click.Path(path_type=Path, file_okay=False), metavar="MAPPE")
def templates_check(mappe: Path) -> None:
    """Tjek skabelonerne i MAPPE mod det, docgen leverer.

    Fejl: en variabel, skabelonen bruger, men som docgen ikke har. Advarsel:
    noget, docgens egen skabelon viser, men som din udelader."""
    from ..own_templates.checking import check

    errors, warnings = _run(lambda: check(mappe))
    for message in errors:
        click.echo(f"fejl: {message}", err=True)
    for message in warnings:
        click.echo(f"advarsel: {message}", err=True)
    if errors:
        click.echo(f"\n{len(errors)} fejl og {_count(len(warnings), 'advarsel', 'advarsler')} i {mappe}.", err=True)
        sys.exit(1)
    click.echo(f"{mappe}: skabelonerne kan bruges ({_count(len(warnings), 'advarsel', 'advarsler')}).")


@templates.command("copy")
@click.argument("mappe", type=click.Path(path_type=Path, file_okay=False), metavar="MAPPE")
@click.argument("navne", nargs=-1, metavar="[SKABELON]...")
def templates_copy(mappe: Path, navne: tuple[str, ...]) -> None:
    """Kopiér docgens egne skabeloner til MAPPE, så du kan rette dem.

    Uden SKABELON kopieres dem alle, ellers kun de nævnte (fx
    delaftale.docx).  En fil, der allerede ligger i MAPPE, overskrives
    ikke.  Byg derefter med 'docgen build --templates MAPPE'."""
    from ..own_templates.copying import copy_built_in

    copied, kept = _run(lambda: copy_built_in(mappe, navne))
    for name in copied:
        click.echo(f"  {name}")
    click.echo(f"Kopierede {_count(len(copied), 'skabelon', 'skabeloner')} til {mappe}.")
    if kept:
        click.echo(f"Beholdt (findes allerede i {mappe}): {', '.join(kept)}")
    click.echo(f"Ret dem i Word eller Excel, tjek dem med 'docgen templates check {mappe}', "
               f"og byg med 'docgen build --templates {mappe}'.")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def run() -> None:
    """The console entry point: run the command, then leave at once.

    docgen runs for a second: the cyclic garbage collector would only walk
    the many objects pydantic, lxml and openpyxl make, so it is off (the
    heavy libraries are imported inside the commands, after this).  Every
    file is written and closed when a command returns, so the interpreter's
    teardown (freeing every object one by one) is skipped too."""
    gc.disable()
    make_safe()
    os.environ.setdefault("DOCGEN_PROCESSES", "2")  # a fresh process may fork its renderers (render/batch.py)
    try:
        signal.signal(signal.SIGINT, _note_interrupt)
        sys.unraisablehook = _quiet_interrupts
        main(prog_name="docgen")
        code = 0
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:
        # Ctrl-C outside click's own handling (which says "Afbrudt." itself)
        code = "Afbrudt."
    except Exception:
        # Python turns a Ctrl-C in some places into another error (in a
        # class body being made while a library is imported: "Error calling
        # __set_name__"); once interrupted, that error is the interrupt
        if not _interrupted:
            raise
        code = "Afbrudt."
    # the command is done (or has said why not): a Ctrl-C now changes nothing
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not isinstance(code, int):
        if code is not None:
            print(code, file=sys.stderr)
        code = 0 if code is None else 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
