"""Beredskabsplan: situations, actions, who acts and is informed, contacts."""
from __future__ import annotations

import re

from docx import Document

from docgen.documents import beredskabsplan
from docgen.figures.formatting import join_danish, phone
from docgen.render.markdown import paragraphs_text

from conftest import build_minimal_variant
from docx_text import paragraphs, text, xml_parts

MARKUP = "<w:p> & {{ 7*7 }} {% if x %}"


def plan_file(built):
    return next(built.glob("* Beredskabsplan - *.docx"))


def names(agreement, party_ids):
    return join_danish([agreement.party_index[p].heading for p in party_ids])


def action_tables(path):
    return [t for t in Document(str(path)).tables if t.rows[0].cells[0].text == "Nr."]


def contact_table(path):
    return next(t for t in Document(str(path)).tables if t.rows[0].cells[-1].text == "E-mail")


def build_minimal(write_toml, tmp_path, *replacements):
    return build_minimal_variant(tmp_path, replacements, "Beredskabsplan")


def test_title_and_file_name_carry_the_area(shipped):
    document = beredskabsplan.document(shipped)
    assert document.title == "Beredskabsplan - Husum-Tingbjerg"
    assert document.template == "beredskabsplan.docx"


def test_effort_name_period_and_purpose(built, shipped):
    lines = paragraphs(plan_file(built))
    assert "Den boligsociale helhedsplan for Husum-Tingbjerg 2024-2028" in lines
    assert "1. september 2024 – 31. august 2028" in lines
    for paragraph in paragraphs_text(shipped.contingency.purpose):
        assert paragraph in lines


def test_every_situation_has_a_heading_and_its_description(built, shipped):
    doc = Document(str(plan_file(built)))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    situations = shipped.contingency.situations
    assert headings == [f"{n}. {s.title}" for n, s in enumerate(situations, 1)]
    body = text(plan_file(built))
    for situation in situations:
        assert " ".join(paragraphs_text(situation.description)) in body


def test_one_action_table_per_situation_with_every_action_and_who_acts(built, shipped):
    tables = action_tables(plan_file(built))
    situations = shipped.contingency.situations
    assert len(tables) == len(situations)
    for table, situation in zip(tables, situations):
        rows = [[c.text for c in row.cells] for row in table.rows]
        assert rows[0] == ["Nr.", "Handling", "Hvem handler"]
        actions = rows[1:1 + len(situation.actions)]
        assert actions == [
            [str(n), action.text, names(shipped, action.by)]
            for n, action in enumerate(situation.actions, 1)
        ]


def test_who_is_informed_closes_each_table(built, shipped):
    for table, situation in zip(action_tables(plan_file(built)), shipped.contingency.situations):
        assert situation.informed
        assert table.rows[-1].cells[0].text == "Informeres: " + names(shipped, situation.informed)


def test_contact_list_takes_every_contact_from_the_party_registry(built, shipped):
    rows = [[c.text for c in row.cells] for row in contact_table(plan_file(built)).rows]
    assert rows[0] == ["Part", "Kontaktperson", "Telefon", "E-mail"]
    assert [r[0] for r in rows[1:]] == [shipped.party_index[p].name for p in shipped.contingency.contacts]
    with_contact = without_contact = 0
    for row, party_id in zip(rows[1:], shipped.contingency.contacts):
        party = shipped.party_index[party_id]
        contact = party.contact
        if contact is None:
            without_contact += 1
            # no person: the party's own number and e-mail, or a visible gap
            assert row[1] == "–"
            assert row[2] == (phone(party.phone) if party.phone else "(mangler)")
            assert row[3] == (party.email or "–")
        else:
            with_contact += 1
            assert contact.name in row[1]
            number = contact.phone or party.phone
            assert row[2] == (phone(number) if number else "(mangler)")  # in Danish groups: "20 60 49 31"
            assert row[3] == (contact.email or party.email or "–")
    assert with_contact and without_contact  # the shipped file exercises both
    # the police have no contact person, but their own number
    police = rows[1 + shipped.contingency.contacts.index("lokalpolitiet")]
    assert police[1:3] == ["–", "114"]


def test_follow_up_is_its_own_section(built, shipped):
    lines = paragraphs(plan_file(built))
    assert "Opfølgning" in lines
    for paragraph in paragraphs_text(shipped.contingency.follow_up):
        assert paragraph in lines


def test_no_template_tag_survives(built):
    for part, xml in xml_parts(plan_file(built)).items():
        assert not re.search(r"\{\{|\{%|\{#|%\}|\}\}", xml), part


def test_without_follow_up_or_informed_parties_those_parts_are_left_out(write_toml, tmp_path):
    path = build_minimal(write_toml, tmp_path, ('informeres = ["bo"]\n', ""))
    body = text(path)
    assert "Informeres" not in body
    assert "Opfølgning" not in body
    assert "Ring til kommunen" in body


def test_a_contact_without_phone_says_it_is_missing_and_keeps_its_subject(write_toml, tmp_path):
    path = build_minimal(
        write_toml, tmp_path,
        ('kontakt = { titel = "Chef", navn = "Anne Andersen", telefon = "12345678", email = "anne@test.dk" }',
         'kontakt = { emne = "akutte sager", navn = "Anne Andersen", email = "anne@test.dk" }'),
    )
    rows = [[c.text for c in row.cells] for row in contact_table(path).rows]
    assert rows[1] == ["Testby Kommune", "Anne Andersen (akutte sager)", "(mangler)", "anne@test.dk"]


def test_a_party_without_a_person_shows_its_own_phone_and_email(write_toml, tmp_path):
    path = build_minimal(
        write_toml, tmp_path,
        ('kontakt = { titel = "Chef", navn = "Anne Andersen", telefon = "12345678", email = "anne@test.dk" }',
         'telefon = "33 66 33 66"\nemail = "kommunen@test.dk"'),
    )
    rows = [[c.text for c in row.cells] for row in contact_table(path).rows]
    assert rows[1] == ["Testby Kommune", "–", "33 66 33 66", "kommunen@test.dk"]


def test_markup_in_the_plan_comes_out_literally(write_toml, tmp_path):
    path = build_minimal(
        write_toml, tmp_path,
        ('titel = "Uro"', f'titel = "Uro {MARKUP}"'),
        ('beskrivelse = "Uro i området."', f'beskrivelse = "Beskrivelse {MARKUP}"'),
        ('handling = "Ring til kommunen"', f'handling = "Ring {MARKUP}"'),
        ('formaal = "At handle hurtigt."', f'formaal = "Formål {MARKUP}"'),
    )
    body = text(path)
    for expected in (f"1. Uro {MARKUP}", f"Beskrivelse {MARKUP}", f"Ring {MARKUP}", f"Formål {MARKUP}"):
        assert expected in body
    assert "49" not in body
    Document(str(path))
