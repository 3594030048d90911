import pytest

from docgen.cli.danish import danish_error

from conftest import docgen


@pytest.mark.parametrize("english, danish", [
    ("No such option: --x", "ukendt indstilling --x"),
    ("No such option '--x'.", "ukendt indstilling --x"),
    ("No such option: --outpt Did you mean --output?", "ukendt indstilling --outpt. Mente du --output?"),
    ("No such command 'bild'. Did you mean 'build'?", "ukendt kommando 'bild'. Mente du 'build'?"),
    ("Got unexpected extra argument (b.toml)", "for mange argumenter: b.toml. Angiv én aftalefil"),
    ("Option '-o' requires an argument.", "indstillingen -o skal have en værdi"),
    ("Something click says that we do not know", "Something click says that we do not know"),
])
def test_click_messages_in_danish(english, danish):
    assert danish_error(english) == danish


def test_a_file_given_as_output_folder_is_named_in_danish(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from docgen.cli.commands import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "agreement.toml").write_text("")
    result = CliRunner().invoke(main, ["build", "-o", "agreement.toml"])
    assert result.exit_code == 2
    assert "'agreement.toml' er en fil, ikke en mappe" in result.output


def test_help_shows_each_commands_description_whole():
    """docgen --help lists every command with its description's first paragraph, not cut at 45 characters."""
    import re

    from docgen.cli import main

    result = docgen("--help")
    assert result.returncode == 0
    shown = " ".join(result.stdout.split())
    for name, command in main.commands.items():
        first = " ".join((command.help or "").split("\n\n")[0].split())
        assert first and f"{name} {first}" in shown, (name, first)
    assert not re.search(r"\.\.\.$", result.stdout.split("Kommandoer:")[1], flags=re.M)
