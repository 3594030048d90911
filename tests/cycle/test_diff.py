"""docgen diff: what changed, per document, and who approves it."""
from __future__ import annotations

import subprocess

from docgen.cycle.diff import Change, compare, report, word_diff
from docgen.source.load import load

from conftest import AGREEMENT, MINIMAL
from conftest import docgen

VISION = "Vi arbejder for, at Husum-Tingbjerg er kendt som et attraktivt, trygt og grønt boligområde."
CHANGED = "Vi arbejder for, at Husum-Tingbjerg er kendt som et attraktivt, trygt og levende boligområde."


def agreement_with(write_toml, name, old, new, source=AGREEMENT):
    text = source.read_text(encoding="utf-8")
    assert old in text
    return load(write_toml(text.replace(old, new, 1), name))[1]


def test_word_diff_marks_only_the_changed_words():
    assert word_diff("en to tre fire", "en to 3 fire") == "en to [-tre-] {+3+} fire"
    long = " ".join(f"ord{n}" for n in range(40))
    shown = word_diff(long, long.replace("ord20", "nyt"))
    assert "[-ord20-] {+nyt+}" in shown and "ord0 " not in shown and "…" in shown


def test_one_sentence_of_the_vision_changes_the_strategic_agreement_only(shipped, write_toml):
    new = agreement_with(write_toml, "ny.toml", VISION, CHANGED)
    changed = compare(shipped, new)
    assert [d.kind for d in changed] == ["strategisk"]
    [change] = changed[0].changes
    assert change.where == "vision"
    assert "[-grønt-] {+levende+} boligområde." in change.describe()
    text = report(shipped, new, changed)
    assert "Strategisk samarbejdsaftale - Husum-Tingbjerg: godkendes af Landsbyggefonden" in text
    assert "Delaftale" not in text


def test_a_staff_allocation_is_a_substantial_delaftale_change(write_toml):
    old = load(MINIMAL)[1]
    text = MINIMAL.read_text(encoding="utf-8").replace(
        'timer_pr_uge = 15 }]', 'timer_pr_uge = 10 }]').replace("timer_pr_uge = 15\ntimeloen", "timer_pr_uge = 10\ntimeloen")
    new = load(write_toml(text))[1]
    changed = {d.kind: d for d in compare(old, new)}
    assert set(changed) == {"delaftale", "budget", "indberetningsskema"}
    delaftale = changed["delaftale"]
    assert any("Studentermedhjælp: [-15-] {+10+} timer" in c.describe() for c in delaftale.changes)
    assert delaftale.approval("Bestyrelsen") == "Bestyrelsen og Landsbyggefonden (væsentlig ændring: medarbejderressourcer)"
    budget = changed["budget"]
    assert any(c.describe().endswith("156.000 kr. → 104.000 kr.") for c in budget.changes)


def test_a_renamed_activity_is_one_change_and_not_substantial(write_toml):
    old = load(MINIMAL)[1]
    new = load(write_toml(MINIMAL.read_text(encoding="utf-8").replace('navn = "Lektiecafé"', 'navn = "Lektiehjælp"')))[1]
    delaftale = next(d for d in compare(old, new) if d.kind == "delaftale")
    assert [c.describe() for c in delaftale.changes] == [
        "aktivitetsnavne › 1: [-Lektiecafé-] {+Lektiehjælp+}",
        "aktiviteter › Lektiehjælp › navn: [-Lektiecafé-] {+Lektiehjælp+}",
    ]
    assert delaftale.approval("Bestyrelsen") == "Bestyrelsen"


def test_numbers_show_old_and_new():
    assert Change("x", 1, 2).describe() == "x: 1 → 2"
    assert Change("x", None, "ny").describe() == "x: tilføjet: ny"


def test_cli_exit_codes(tmp_path):
    same = docgen("diff", str(MINIMAL), str(MINIMAL))
    assert same.returncode == 0 and "Ingen forskel" in same.stdout
    changed = tmp_path / "ny.toml"
    changed.write_text(MINIMAL.read_text(encoding="utf-8").replace("En vision.", "En ny vision."), encoding="utf-8")
    differ = docgen("diff", str(MINIMAL), str(changed))
    assert differ.returncode == 1 and "vision: En {+ny+} vision." in differ.stdout
    broken = tmp_path / "brudt.toml"
    broken.write_text("vision = ", encoding="utf-8")
    error = docgen("diff", str(MINIMAL), str(broken))
    assert error.returncode == 2 and "linje 1" in error.stderr and "Traceback" not in error.stderr
    assert docgen("diff", "findes-ikke", str(changed)).returncode == 2


def test_git_revision_against_the_working_file(tmp_path):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    path = tmp_path / "agreement.toml"
    path.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    git("init", "-q")
    git("add", "agreement.toml")
    git("-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "første")
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace("En vision.", "En bedre vision."), encoding="utf-8")
    result = docgen("diff", "HEAD", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "vision: En {+bedre+} vision." in result.stdout
    unknown = docgen("diff", "HEAD~3", cwd=tmp_path)
    assert unknown.returncode == 2 and "git-versionen 'HEAD~3'" in unknown.stderr


def test_the_suggested_revision_is_never_dated_before_the_last_one(write_toml):
    """The last revision was approved on a day after today (a board's date written in advance):
    the suggestion takes that day, so pasted as is, the change log stays in date order."""
    import datetime as dt

    from conftest import TWO_AREAS
    from docgen.cycle.diff import suggested_revisions
    from docgen.pipeline import check

    old_path = write_toml(TWO_AREAS.read_text(encoding="utf-8"), "old.toml")
    text = TWO_AREAS.read_text(encoding="utf-8").replace(
        'formaal = "At unge i risiko mødes af voksne."', 'formaal = "At unge i risiko mødes af voksne, de kender."')
    text += ('\n[[revisioner]]\ndato = 2026-12-10\ngodkendt_af = "Bestyrelsen"\naendring = "Vision"\n'
             'dokumenter = ["strategisk"]\n')
    new_path = write_toml(text, "new.toml")
    _, old = check(old_path)
    _, new = check(new_path)
    [entry] = suggested_revisions(old, new, compare(old, new), dt.date(2026, 12, 7))
    assert entry["dato"] == dt.date(2026, 12, 10)
    [entry] = suggested_revisions(old, new, compare(old, new), dt.date(2027, 1, 5))
    assert entry["dato"] == dt.date(2027, 1, 5)
