"""Click in Danish: help headings, usage errors and the help option.

Click writes its own words in English; docgen's users read Danish.  This
module gives the CLI a group class that speaks Danish, so cli.py stays a
list of thin commands.
"""
from __future__ import annotations

import re
import sys

import click

HELP = "Vis denne hjælp og afslut."

_HEADINGS = {"Options": "Indstillinger", "Commands": "Kommandoer", "Arguments": "Argumenter"}

# click's usage-error messages, in Danish
_ERRORS = [
    (r"No such option:? '?([^'\s]+)'?\.?(?:\s+Did you mean '?([^'?]+)'?\?)?",
     lambda m: f"ukendt indstilling {m[1]}" + (f". Mente du {m[2]}?" if m[2] else "")),
    (r"No such command '(.+?)'\.(?:\s+Did you mean '(.+)'\?)?",
     lambda m: f"ukendt kommando '{m[1]}'" + (f". Mente du '{m[2]}'?" if m[2] else ". Kommandoerne er validate og build")),
    (r"Got unexpected extra arguments? \((.+)\)", lambda m: f"for mange argumenter: {m[1]}. Angiv én aftalefil"),
    (r"Option '(.+)' requires an argument\.", lambda m: f"indstillingen {m[1]} skal have en værdi"),
    (r"Missing argument '(.+)'\.", lambda m: f"mangler argumentet {m[1]}"),
    (r"Missing command\.", lambda m: "angiv en kommando: validate eller build"),
    (r"Invalid value for (.+?): (?:Directory|File) '(.+)' is a file\.",
     lambda m: f"ugyldig værdi for {m[1]}: '{m[2]}' er en fil, ikke en mappe"),
    (r"Invalid value for (.+?): (?:Directory|File) '(.+)' is a directory\.",
     lambda m: f"ugyldig værdi for {m[1]}: '{m[2]}' er en mappe, ikke en fil"),
    (r"Invalid value for (.+?): (.+)", lambda m: f"ugyldig værdi for {m[1]}: {m[2]}"),
]


def danish_error(message: str) -> str:
    for pattern, make in _ERRORS:
        match = re.fullmatch(pattern, message.strip(), flags=re.S)
        if match:
            return make(match)
    return message


class DanishFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Brug: ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(_HEADINGS.get(heading, heading))


class DanishContext(click.Context):
    formatter_class = DanishFormatter


class _Danish:
    """What commands and the group share: Danish context, metavar and help option."""

    context_class = DanishContext

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[INDSTILLINGER]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP
        return option


class DanishCommand(_Danish, click.Command):
    pass


class DanishGroup(_Danish, click.Group):
    command_class = DanishCommand

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENTER]...")
        super().__init__(*args, **kwargs)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each command with its description's first paragraph whole (click cuts it at 45 characters)."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def main(self, *args, **kwargs):
        kwargs["standalone_mode"] = False
        try:
            result = super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as error:
            click.echo(error.format_message(), err=True)
            sys.exit(2)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "docgen"
            click.echo(f"Fejl: {danish_error(error.format_message())}", err=True)
            click.echo(f"Se '{where} --help'.", err=True)
            sys.exit(2)
        except click.Abort:
            click.echo("Afbrudt.", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)
