"""docgen init: a new agreement with LBF's fixed content and placeholders
that docgen validate lists; filled in, it builds."""
from __future__ import annotations

from docgen.model.lbf import AREAS, GOALS, goal_of
from docgen.pipeline import build, check
from docgen.source.skeleton import filled, new_agreement, sample_agreement

from conftest import DATA, diagnostics_of
from conftest import docgen

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
        assert goals.goal is None and goal_of(agreement, goals) == goal  # LBF's goal comes from the pulje
        assert [i.indicator for i in goals.indicators] == [i for i, _ in indicators]
    assert agreement.agreement.area_name == "Gellerup"


def test_lbfs_goals_are_those_of_the_shipped_agreement(shipped):
    from docgen.model.lbf import indicator_of

    for goals in shipped.areas:
        assert goal_of(shipped, goals) == GOALS[goals.area][0]
        assert [indicator_of(shipped, goals, n)[0] for n in range(len(goals.indicators))] == \
            [i for i, _ in GOALS[goals.area][1]]


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


def test_init_for_two_areas_in_calendar_years_reports_only_placeholders(tmp_path):
    result = docgen("init", "Vestparken", "--omraader", "kriminalitet,beskaeftigelse", "--periode", "kalenderaar",
                    cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "agreement.toml").read_text(encoding="utf-8")
    assert text.count("\n[[omraader]]\n") == 2 and text.count("\n[[delaftaler]]\n") == 2
    assert 'periodeinddeling = "kalenderaar"' in text
    for table in ("[[samspil]]", "[[revisioner]]"):
        assert f"\n{table}\n" in text
    validate = docgen("validate", cwd=tmp_path)
    assert validate.returncode == 1
    problems = [line for line in validate.stderr.splitlines() if line.startswith("agreement.toml, linje")]
    assert problems and all(": skal udfyldes: " in line for line in problems), validate.stderr
    assert any("parter[1].kontakt.navn" in line for line in problems)  # the housing organisation's contact


def test_filled_in_two_area_skeleton_has_those_areas_and_a_staff_split_that_adds_up(write_toml):
    text = filled(new_agreement("Vestparken", ["kriminalitet", "beskaeftigelse"], "kalenderaar"))
    _, agreement = check(write_toml(text))
    assert [g.area for g in agreement.areas] == ["beskaeftigelse", "kriminalitet"]
    assert [s.area for s in agreement.sub_agreements] == ["beskaeftigelse", "kriminalitet"]
    assert agreement.budget.period_kind == "kalenderaar"
    assert agreement.initiatives and agreement.revisions
    assert agreement.parties[0].contact is not None


def test_three_areas_split_one_staff_year_exactly(write_toml):
    text = filled(new_agreement("Trekanten", ["uddannelse", "kriminalitet", "sammenhaeng"]))
    _, agreement = check(write_toml(text))  # raises if the staff years do not add up
    shares = [s.staff[0].staff_years for s in agreement.sub_agreements]
    assert sum(shares) == 1 and len(set(shares)) == 2


def test_init_refuses_an_unknown_area_naming_the_known_ones(tmp_path):
    result = docgen("init", "X", "--omraader", "beskaeftigelse,tryghed", cwd=tmp_path)
    assert result.returncode == 1
    assert "ukendt indsatsområde 'tryghed'" in result.stderr
    assert "Indsatsområderne i puljen 2019-26 hedder: uddannelse, beskaeftigelse, kriminalitet, sammenhaeng" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "agreement.toml").exists()


def test_init_for_a_pulje_writes_it_and_refuses_an_unknown_one(tmp_path):
    result = docgen("init", "X", "--pulje", "2019-26", "--omraader", "uddannelse", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert 'pulje = "2019-26"' in (tmp_path / "agreement.toml").read_text(encoding="utf-8")
    other = docgen("init", "X", "--pulje", "2015-18", "-o", "anden.toml", cwd=tmp_path)
    assert other.returncode == 1 and "puljen '2015-18' findes ikke. Kendte puljer: 2019-26" in other.stderr
    assert not (tmp_path / "anden.toml").exists()


def test_init_for_the_test_pulje_uses_its_areas(monkeypatch, write_toml):
    from pathlib import Path

    from docgen.model import lbf

    monkeypatch.setattr(lbf, "PULJE_DIRS", lbf.PULJE_DIRS + [DATA / "puljer"])
    from docgen import checks
    from docgen.source.load import load

    text = filled(new_agreement("X", ["job"], pulje_id="2027-30"))
    _, agreement = load(write_toml(text))
    assert agreement.agreement.pulje == "2027-30" and [s.area for s in agreement.sub_agreements] == ["job"]
    # the sample amounts give LBF 75 %: too much under the test pulje's rule, the only finding
    [finding] = checks.run(agreement)
    assert "må højst finansiere 70 %" in finding.message
    assert goal_of(agreement, agreement.areas[0]) == "Flere unge og voksne kommer i job eller uddannelse"


def test_budget_periods_cover_the_agreement_in_agreement_or_calendar_years():
    import datetime as dt

    from docgen.source.skeleton import budget_periods

    d = dt.date
    assert budget_periods(d(2024, 9, 1), d(2028, 8, 31), "aftaleaar") == [
        ("aar1", d(2024, 9, 1), d(2025, 8, 31)), ("aar2", d(2025, 9, 1), d(2026, 8, 31)),
        ("aar3", d(2026, 9, 1), d(2027, 8, 31)), ("aar4", d(2027, 9, 1), d(2028, 8, 31)),
    ]
    assert budget_periods(d(2024, 9, 1), d(2026, 3, 31), "kalenderaar") == [
        ("aar2024", d(2024, 9, 1), d(2024, 12, 31)), ("aar2025", d(2025, 1, 1), d(2025, 12, 31)),
        ("aar2026", d(2026, 1, 1), d(2026, 3, 31)),
    ]


def test_init_with_fra_and_til_makes_every_period_and_validate_reports_only_placeholders(tmp_path):
    result = docgen("init", "X", "--omraader", "beskaeftigelse,uddannelse", "--periode", "kalenderaar",
                    "--fra", "2025-01-01", "--til", "2028-12-31", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "agreement.toml").read_text(encoding="utf-8")
    assert [line.split('"')[1] for line in text.splitlines() if line.startswith('    { id = "aar')] == \
        ["aar2025", "aar2026", "aar2027", "aar2028"]
    assert "fra = 2025-01-01" in text and "til = 2028-12-31" in text
    validate = docgen("validate", cwd=tmp_path)
    assert validate.returncode == 1
    problems = [line for line in validate.stderr.splitlines() if line.startswith("agreement.toml, linje")]
    assert problems and all(": skal udfyldes: " in line for line in problems), validate.stderr
    # every period has its amount to fill in, on its own line
    assert sum("budget.finansiering[1].beloeb.aar" in line for line in problems) == 4


def test_the_skeleton_starts_a_plan_in_full(write_toml):
    import datetime as dt

    text = new_agreement("Vollsmose", ["beskaeftigelse", "uddannelse"], "aftaleaar",
                         first=dt.date(2024, 9, 1), last=dt.date(2028, 8, 31))
    _, agreement = check(write_toml(filled(text)))
    organisations = [p.id for p in agreement.parties if p.id.startswith("boligorganisation")]
    assert len(organisations) == 2 and {d.organisation for d in agreement.area.departments} == set(organisations)
    assert {e.category for e in agreement.budget.expenses} == {
        "aktiviteter", "lokaler", "administration", "evaluering", "revision", "andet"}
    assert all(len(s.activities) == 2 for s in agreement.sub_agreements)
    assert len(agreement.budget.periods) == 4
    # a field that continues a sentence says what comes before it
    line = next(line for line in text.splitlines() if line.startswith("beliggenhed = "))
    assert "»Helhedsplanen ligger …«" in line


def test_init_refuses_half_a_period_or_a_date_it_cannot_read(tmp_path):
    only = docgen("init", "X", "--fra", "2025-01-01", cwd=tmp_path)
    assert only.returncode == 1 and "både --fra og --til" in only.stderr
    danish = docgen("init", "X", "--fra", "1. januar 2025", "--til", "2028-12-31", cwd=tmp_path)
    assert danish.returncode == 1 and "--fra 2025-01-01" in danish.stderr and "Traceback" not in danish.stderr
    assert not (tmp_path / "agreement.toml").exists()


# --- a plan filled in by a script, as a user fills it ------------------------------------------------

_NAMES = iter(["Mette Holm", "Karim Said", "Lone Berg", "Jonas Friis", "Aisha Khan", "Peter Lund"])
_PARTIES = {
    "den første boligorganisations navn": "Boligforeningen Vest",
    "den anden boligorganisations navn": "Andelsboligselskabet Engen",
    "kommunens navn": "Aastrup Kommune",
    "bestyrelsens navn": "Bestyrelsen",
    "følgegruppens navn": "Følgegruppen",
}
_SALARY = 612000           # a year's salary for the project leader's one staff year
_EXPENSE_PER_MONTH = 1000  # each expense line, per month of its period
_SHARES = {"Landsbyggefondens": (75, 100), "kommunens": (125, 1000), "den første": (625, 10000),
           "den anden": (625, 10000)}


def _fill_like_a_user(text: str) -> str:
    """Every placeholder filled with a plausible value: texts as sentences, numbers as numbers, the
    budget so it balances with the salary docgen computes (LBF 75 %, the municipality 12.5 %, each
    housing organisation 6.25 %)."""
    import re
    import tomllib
    from decimal import Decimal

    periods = {p["id"]: p for p in tomllib.loads(text)["budget"]["perioder"]}

    def months(period_id: str) -> int:
        p = periods[period_id]
        return (p["til"].year - p["fra"].year) * 12 + p["til"].month - p["fra"].month + 1

    lines_per_period = text.count('= "[udfyld: udgiftens beløb i kr.]"') // len(periods)
    counter = iter(range(1, 1000))

    def value(key: str, what: str) -> str:
        n = next(counter)
        if what.endswith("beløb i kr."):
            m = months(key)
            if what.startswith("udgiftens"):
                return str(_EXPENSE_PER_MONTH * m)
            total = Decimal(_SALARY * m) / 12 + _EXPENSE_PER_MONTH * m * lines_per_period
            numerator, denominator = next(s for k, s in _SHARES.items() if what.startswith(k))
            share = total * numerator / denominator
            assert share == int(share)
            return str(int(share))
        if what.startswith("lønudgift"):
            return str(_SALARY)
        if what == "antal husstande":
            return "900"
        if what == "antal beboere":
            return "2100"
        if what.startswith("datoen"):
            return "2025-03-15"
        if what == "afdelingens nummer":
            return f'"{10 + n}"'
        if "telefon" in what:
            return f'"{20304000 + n}"'
        if what == "e-mail":
            return f'"kontakt{n}@eksempel.dk"'
        if what == "kontaktpersonens navn":
            return f'"{next(_NAMES)}"'
        if what in _PARTIES:
            return f'"{_PARTIES[what]}"'
        if what.startswith("den første aktivitets navn") or what.startswith("den anden aktivitets navn"):
            return f'"Aktivitet nummer {n}"'
        return f'"Her står {what.split(", fx")[0]} ({n})."'

    return _each_placeholder(text, value)


def _each_placeholder(text: str, value) -> str:
    """Replace each placeholder, in order, by value(key on its line, what it asks for)."""
    import re

    out = []
    for line in text.split("\n"):
        key = line.split("=", 1)[0].strip()
        out.append(re.sub(r'"\[udfyld: ([^\]]*)\]"', lambda m: value(key, m.group(1)), line))
    return "\n".join(out)


def test_init_filled_by_a_script_validates_without_warnings(tmp_path):
    result = docgen("init", "Vestparken", "--omraader", "beskaeftigelse,kriminalitet", "--periode", "kalenderaar",
                    "--fra", "2025-04-01", "--til", "2029-03-31", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "agreement.toml"
    text = _fill_like_a_user(path.read_text(encoding="utf-8"))
    assert "[udfyld" not in text
    path.write_text(text, encoding="utf-8")
    result = docgen("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "ingen fejl fundet" in result.stdout and "advarsel" not in result.stderr, result.stderr


def test_the_init_file_shows_the_milestone_formats_and_points_to_the_guide():
    text = new_agreement("Vestparken")
    assert "docs/brugervejledning.md" in text and "»Filen agreement.toml«" in text
    assert 'maaned = "2025-09"' in text and 'kvartal = "2025-K3"' in text and "dato = 2025-09-01" in text
    assert "README" not in text
