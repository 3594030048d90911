"""The pure readers behind 'docgen import --ny': labels, contact lines, staff lines."""
from __future__ import annotations

from decimal import Decimal

from docgen.importing.handmade import contacts, staffing
from docgen.importing.handmade.labels import Labels
from docgen.model.lbf import pulje

LABELS = Labels(pulje().labels)


def test_a_label_is_found_with_its_value_glued_and_with_a_spelling_slip():
    assert LABELS.at_start("Områdets navn: Husum-Tingbjerg").rest == "Husum-Tingbjerg"
    assert LABELS.at_start("Aktivitsnavn:").key == "aktivitetsnavn"
    assert LABELS.at_start("Målgruppe(r):").key == "maalgrupper"
    assert LABELS.at_start("5. Overordnede mål og indikatorer for den boligsociale indsats").key == "afsnit_5"
    assert LABELS.at_start("Delaftale for indsatsområdet Beskæftigelse").rest == "Beskæftigelse"
    # text that only begins like a label is not one
    assert LABELS.at_start("Formålet med indsatsen er at styrke unges tilknytning") is None
    assert LABELS.at_start("En beredskabsplan") is None


def test_labels_glued_to_the_text_before_them_are_cut_apart():
    assert LABELS.unglue("Aktivitetsnavn:Lokal deltagelseFormål:") == ["Aktivitetsnavn:Lokal deltagelse", "Formål:"]
    assert LABELS.unglue("SSP KøbenhavnKontaktperson: Riad Tolba") == ["SSP København", "Kontaktperson: Riad Tolba"]
    assert LABELS.unglue("med følgende formål: at styrke") == ["med følgende formål: at styrke"]


def test_contact_lines_written_many_ways():
    assert contacts.parse("Kontaktperson: Skoleleder Kristian Mehlsen: 24223570 / t29m@kk.dk").fields == {
        "titel": "Skoleleder", "navn": "Kristian Mehlsen", "telefon": "24223570", "email": "t29m@kk.dk"}
    assert contacts.parse("Kontaktperson: Lise Kok: tlf. 26 12 29 67/ dz06@kk.dk").fields["telefon"] == "26122967"
    assert contacts.parse("Kontaktperson fritidsjob: Afdelingschef Jesper Lang Jensen Qn01@kk.dk").fields == {
        "emne": "fritidsjob", "titel": "Afdelingschef", "navn": "Jesper Lang Jensen", "email": "Qn01@kk.dk"}
    glued = contacts.parse("Kontaktperson: Riad Tolba: 20604931 / du0n@kk.dkEnergicenter Voldparken")
    assert glued.fields["email"] == "du0n@kk.dk" and glued.trailing == "Energicenter Voldparken"
    assert contacts.parse("Kontaktperson: Mette Holm (Boligsocial chef): 11223344 / mh@bovest.dk").fields[
        "titel"] == "Boligsocial chef"


def test_staff_lines_become_roles_whose_total_is_the_sum():
    lines = {"a": [staffing.parse("Projektleder: 0,25 årsværk"), staffing.parse("Boligsociale medarbejdere: 3 årsværk"),
                   staffing.parse("Studentermedhjælp 1: 15 timer")],
             "b": [staffing.parse("Projektleder 0,5 årsværk"), staffing.parse("Boligsocial medarbejder: 0,5 årsværk")]}
    roles, allocation = staffing.roles(lines)
    totals = {r.id: (r.total, r.hourly) for r in roles}
    assert totals == {"projektleder": (Decimal("0.75"), False), "boligsociale_medarbejdere": (Decimal("3.5"), False),
                      "studentermedhjaelp_1": (Decimal(15), True)}
    assert allocation["b"] == [("projektleder", Decimal("0.5"), False), ("boligsociale_medarbejdere", Decimal("0.5"), False)]
    assert staffing.parse("Medarbejderne mødes hver uge") is None


def test_a_responsibility_heading_naming_several_known_parties_keeps_them_all():
    """"Politikreds Nord og SSP København": two parties the delaftale names,
    both kept (one was dropped without a note); a name that merely holds
    'og' is one party, and a heading whose parts are not all known parties
    is not split on a guess."""
    from docgen.importing.handmade.notes import Notes
    from docgen.importing.handmade.parties import Parties

    parties = Parties(Notes())
    police = parties.add("Politikreds Nord")
    ssp = parties.add("SSP København")
    bbe = parties.add("SOF Bolig og beskæftigelsesenheden (BBE)")
    assert parties.find_all("Politikreds Nord og SSP København") == [police, ssp]
    assert parties.find_all("SSP København, Politikreds Nord") == [ssp, police]
    assert parties.find_all("SOF Bolig og beskæftigelsesenheden (BBE)") == [bbe]
    assert parties.find_all("Politikreds Nord og Ungdomsskolen") != [police, ssp]


def test_joint_headings_as_secretariats_write_them():
    from docgen.importing.handmade.notes import Notes
    from docgen.importing.handmade.parties import Parties

    parties = Parties(Notes())
    police = parties.add("Københavns Politi, Station Bellahøj")
    ssp = parties.add("SSP København")
    schools = [parties.add(f"{n} Skole") for n in ("Husum", "Korsager", "Tingbjerg")]
    assert parties.find_all("Københavns Politi, Station Bellahøj og SSP København") == [police, ssp]
    assert parties.find_all("Skoler (Husum, Korsager og Tingbjerg)") == schools
    assert parties.find_all("Husum, Korsager og Tingbjerg skoler") == schools
