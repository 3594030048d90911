from decimal import Decimal

from docgen.source.load import load
from docgen.model.agreement import Allocation, Role
from docgen.figures.staff import amount, describe, in_staff_years, matrix_table, staff_matrix

from conftest import MINIMAL


def role(**kw):
    cost = {"timeloen": 200} if "timer_pr_uge" in kw else {"aarsloen": 600000}
    return Role.model_validate({"id": "r", "titel": "Rolle", **cost, **kw})


def test_hours_convert_at_37_per_staff_year():
    assert in_staff_years(role(timer_pr_uge=Decimal(37))) == 1
    assert in_staff_years(role(timer_pr_uge=Decimal("18.5"))) == Decimal("0.5")
    assert in_staff_years(role(aarsvaerk=Decimal("0.25"))) == Decimal("0.25")


def test_amount_keeps_the_unit_given():
    assert amount(role(timer_pr_uge=Decimal(15))) == 15
    assert amount(Allocation.model_validate({"rolle": "r", "aarsvaerk": Decimal("0.25")})) == Decimal("0.25")


def test_documents_show_hours_where_hours_were_given():
    assert describe(Allocation.model_validate({"rolle": "r", "timer_pr_uge": Decimal(15)})) == "15 timer pr. uge"
    assert describe(Allocation.model_validate({"rolle": "r", "aarsvaerk": Decimal(3)})) == "3 årsværk"


def test_shipped_matrix_adds_up(shipped):
    matrix = staff_matrix(shipped)
    assert matrix.areas == ["uddannelse", "beskaeftigelse", "kriminalitet", "sammenhaeng"]
    by_id = {r.id: r for r in matrix.roles}
    assert matrix.row_total(by_id["projektleder"]) == 1
    assert matrix.row_total(by_id["boligsocial_medarbejder"]) == Decimal("7.25")
    assert matrix.row_total(by_id["student_1"]) == 15  # hours, not årsværk
    # Uddannelse: 0,25 + 0,25 + 3 årsværk + 15 timer
    assert matrix.column_staff_years("uddannelse") == Decimal("3.5") + Decimal(15) / Decimal(37)


def test_matrix_table_has_row_and_column_totals(shipped):
    rows = matrix_table(staff_matrix(shipped))
    assert rows[0][0] == "Rolle" and rows[0][-2:] == ["I alt", "Bemandingsplan"]
    projektleder = next(r for r in rows if r[0] == "Projektleder")
    assert projektleder[1:5] == ["0,25"] * 4 and projektleder[5] == "1,00"
    student = next(r for r in rows if r[0] == "Studentermedhjælp 1")
    assert student[1] == "15,00 t"
    total = rows[-1]
    assert total[0] == "I alt (årsværk)"
    assert total[1] == "3,91"          # 3,5 + 15/37
    assert total[-1] == total[-2]      # allocated = planned


def test_minimal_matrix():
    _, agreement = load(MINIMAL)
    rows = matrix_table(staff_matrix(agreement))
    assert rows[-1][1:] == ["1,41", "1,41", "1,41"]
