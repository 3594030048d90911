"""docgen init: a new agreement with LBF's fixed content and placeholders
that docgen validate lists; filled in, it builds."""
from __future__ import annotations

from docgen.lbf import AREAS, GOALS
from docgen.pipeline import build, check
from docgen.skeleton import filled, new_agreement, sample_agreement

from conftest import diagnostics_of
from test_cli import docgen

def test_validate_lists_every_placeholder_with_its_line(write_toml):
    text = new_agreement("Gellerup")
    path = write_toml(text)
    diagnostics = diagnostics_of(check, path)
    count = sum(line.count('"[udfyld:') for line in text.splitlines() if not line.startswith("#"))
    assert count > 50 and len(diagnostics) == count
    lines = text.splitlines()
    for d in diagnostics:
        assert d.message.startswith("skal udfyldes: ")
        assert "[udfyld:" in lines[d.line - 1], (d.line, d.path)
    assert any(d.path == "boligomraade.husstande" and d.message == "skal udfyldes: antal husstande" for d in diagnostics)


def test_it_holds_lbfs_goals_and_indicators(write_toml):
    text = filled(new_agreement("Gellerup"))
    _, agreement = check(write_toml(text))
    assert [g.area for g in agreement.areas] == list(AREAS)
    for goals in agreement.areas:
        goal, indicators = GOALS[goals.area]
        assert goals.goal == goal and [i.indicator for i in goals.indicators] == [i for i, _ in indicators]
    assert agreement.agreement.area_name == "Gellerup"


def test_lbfs_goals_are_those_of_the_shipped_agreement(shipped):
    for goals in shipped.areas:
        assert goals.goal == GOALS[goals.area][0]


def test_filled_in_it_builds(write_toml, tmp_path):
    result = build(write_toml(filled(new_agreement("Gellerup"))), tmp_path / "out")
    assert len(result.documents) == 10


def test_cli_init_writes_the_file_and_schema_and_never_overwrites(tmp_path):
    result = docgen("init", "Gellerup", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "agreement.toml").read_text(encoding="utf-8").startswith("#:schema ./agreement.schema.json")
    assert (tmp_path / "agreement.schema.json").exists()
    again = docgen("init", "Andet", cwd=tmp_path)
    assert again.returncode == 1 and "overskrives ikke" in again.stderr
    validate = docgen("validate", cwd=tmp_path)
    assert validate.returncode == 1 and "skal udfyldes: antal husstande" in validate.stderr


def test_the_sample_agreement_is_valid():
    from docgen import checks

    assert checks.run(sample_agreement()) == []
