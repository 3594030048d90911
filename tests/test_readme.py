"""The README's example errors are what docgen says about the shipped file."""
from __future__ import annotations

import re

from docgen.pipeline import check

from conftest import AGREEMENT, ROOT, diagnostics_of

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_line(path: str) -> int:
    match = re.search(rf"agreement\.toml, linje (\d+) \[{re.escape(path)}\]", README)
    assert match, path
    return int(match.group(1))


def test_staff_year_example(write_toml):
    text = AGREEMENT.read_text(encoding="utf-8").replace(
        '{ rolle = "projektleder", aarsvaerk = 0.25 }', '{ rolle = "projektleder", aarsvaerk = 0.5 }', 1)
    [d] = diagnostics_of(check, write_toml(text))
    assert d.line == readme_line(d.path) and d.path == "medarbejdere[1].aarsvaerk"


def test_lbf_share_example(write_toml):
    text = AGREEMENT.read_text(encoding="utf-8")
    text = text.replace("aar1 = 8094000, aar2 = 8176500, aar3 = 8086500, aar4 = 8019000",
                        "aar1 = 8633600, aar2 = 8721600, aar3 = 8625600, aar4 = 8553600")
    text = text.replace("aar1 = 1349000, aar2 = 1362750, aar3 = 1347750, aar4 = 1336500",
                        "aar1 = 809400, aar2 = 817650, aar3 = 808650, aar4 = 801900")
    [d] = diagnostics_of(check, write_toml(text))
    assert d.line == readme_line(d.path) and d.path == "budget.finansiering[1].beloeb"
    assert "80,0 %" in d.message and "80,0 %" in README


def test_warning_count_on_the_shipped_agreement(shipped):
    from docgen.checks import lint

    match = re.search(r"finder docgen (\d+) advarsler", README)
    assert match and int(match.group(1)) == len(lint.run(shipped))
    parties = {f.message.split(" har ansvar i")[0] for f in lint.responsible_but_not_a_party(shipped)}
    assert "elleve parter" in README and len(parties) == 11
