"""The whole agreement as one pydantic model, and nothing else.

Python names are English; the TOML keys (aliases) are the Danish words a
user of agreement.toml reads.  Every model forbids unknown keys, so a
misspelt key is an error rather than a silently ignored line.

Long texts (type ``Markdown``) are Markdown: paragraphs, ``-`` bullets,
``**fed**``, ``*kursiv*`` and ``###`` sub-headings.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .lbf import AREAS

Markdown = Annotated[str, Field(description="Tekst i Markdown")]
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9_]+$"),
    Field(description="Id: små bogstaver a-z, tal og _"),
]
Text = Annotated[str, StringConstraints(min_length=1)]
AreaId = Annotated[
    Literal[tuple(AREAS)],  # the ids are stated once, in lbf.AREAS
    Field(description="Et af LBF's fire indsatsområder: " + ", ".join(AREAS)),
]


def _field(alias: str, description: str, **kw):
    return Field(alias=alias, description=description, **kw)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_by_name=False, validate_by_alias=True)


# --- parties ---------------------------------------------------------------


class Contact(Model):
    subject: str | None = _field("emne", "Hvad kontaktpersonen er kontakt for, fx 'fritidsjob'", default=None)
    title: str | None = _field("titel", "Stillingsbetegnelse, fx 'Skoleleder'", default=None)
    name: Text = _field("navn", "Kontaktpersonens navn")
    phone: str | None = _field("telefon", "Telefonnummer", default=None)
    email: str | None = _field("email", "E-mailadresse", default=None)


class Party(Model):
    id: Id = _field("id", "Partens id, som resten af filen henviser til")
    name: Text = _field("navn", "Partens fulde navn, som det står i delaftalens partsliste")
    short_name: str | None = _field(
        "kortnavn", "Kort navn brugt som overskrift i ansvars- og rollefordelingen", default=None
    )
    contact: Contact | None = _field("kontakt", "Kontaktperson", default=None)

    @property
    def heading(self) -> str:
        return self.short_name or self.name


# --- the strategic agreement ---------------------------------------------


class Agreement(Model):
    area_name: Text = _field("omraadenavn", "Boligområdets navn")
    parties: list[Id] = _field("parter", "Aftalens parter (id'er i [[parter]]); de underskriver aftalen", min_length=1)
    start: dt.date = _field("fra", "Aftalen gælder fra (ÅÅÅÅ-MM-DD)")
    end: dt.date = _field("til", "Aftalen gælder til og med (ÅÅÅÅ-MM-DD)")

    @model_validator(mode="after")
    def _period(self) -> "Agreement":
        if self.end <= self.start:
            raise ValueError("'til' skal ligge efter 'fra'")
        return self


class Department(Model):
    organisation: Id = _field("organisation", "Boligorganisationens id i [[parter]]")
    number: str | None = _field("nummer", "Afdelingsnummer, hvis det bruges", default=None)
    name: Text = _field("navn", "Afdelingens navn")


class Area(Model):
    """Section 1: the housing area."""

    introduction: Markdown = _field("indledning", "Indledende beskrivelse af samarbejdet og området")
    location: Text = _field("beliggenhed", "Hvor helhedsplanen ligger, fx 'i den nordlige del af bydelen X'")
    households: int = _field("husstande", "Antal husstande", gt=0)
    residents: int = _field("beboere", "Antal beboere (ca.)", gt=0)
    residents_note: str | None = _field("beboere_note", "Tilføjelse efter beboertallet, fx kilde", default=None)
    departments: list[Department] = _field("afdelinger", "Afdelingerne i helhedsplanen", min_length=1)
    description: Markdown = _field("beskrivelse", "Resten af afsnit 1 (med ###-underoverskrifter)")


class Body(Model):
    name: Text = _field("navn", "Organets navn, som det står i listen over samarbejdsstrukturen")
    description: Markdown = _field("beskrivelse", "Organets ansvar og opgaver")
    composition: Markdown | None = _field("sammensaetning", "Organets sammensætning", default=None)
    in_structure: bool = _field(
        "i_samarbejdsstrukturen",
        "Om organet hører til den faste samarbejdsstruktur (listen i afsnit 3)",
        default=True,
    )


class Organisation(Model):
    """Section 3."""

    introduction: Markdown = _field("indledning", "Tekst før listen over samarbejdsstrukturen")
    bodies: list[Body] = _field("organer", "Organerne i organiseringen", min_length=1)
    local_presence: Markdown = _field("lokal_tilstedevaerelse", "Placering og arbejdsmetode for lokal tilstedeværelse")


class Initiative(Model):
    """Section 4: one central initiative in the area."""

    title: Text = _field("titel", "Overskrift")
    text: Markdown = _field("tekst", "Beskrivelse")


class Indicator(Model):
    """A row of section 5's table of overall goals."""

    indicator: Text = _field("indikator", "Indikator")
    baseline_area: str = _field("baseline_omraade", "Baseline for boligområdet", default="")
    baseline_municipality: str = _field("baseline_kommune", "Baseline for kommunen (evt. andet)", default="")
    baseline_year: str = _field("baselineaar", "Baselineår", default="")
    source: str = _field("datakilde", "Datakilde", default="")


class AreaGoals(Model):
    """Sections 5 and 6 for one indsatsområde."""

    area: AreaId = _field("id", "Indsatsområdets id")
    goal: Text = _field("maal", "LBF's overordnede mål for indsatsområdet")
    indicators: list[Indicator] = _field("indikatorer", "Indikatorer og baselines", min_length=1)
    problem_heading: Text = _field("problemkompleks_overskrift", "Den fremhævede indledning til problemkomplekset")
    problem: Markdown = _field("problemkompleks", "Problemkomplekset for indsatsområdet")


# --- staff ----------------------------------------------------------------


class Role(Model):
    """A role of the staffing plan with its total."""

    id: Id = _field("id", "Rollens id")
    title: Text = _field("titel", "Rollens betegnelse i dokumenterne")
    staff_years: Decimal | None = _field("aarsvaerk", "Samlet antal årsværk for rollen", default=None)
    hours_per_week: Decimal | None = _field(
        "timer_pr_uge", "Samlet antal timer pr. uge (for timelønnede, fx studentermedhjælp)", default=None
    )

    @model_validator(mode="after")
    def _one_unit(self) -> "Role":
        if (self.staff_years is None) == (self.hours_per_week is None):
            raise ValueError("angiv enten 'aarsvaerk' eller 'timer_pr_uge' for rollen (præcis én af dem)")
        return self

    @property
    def hourly(self) -> bool:
        return self.hours_per_week is not None


class Allocation(Model):
    """A role's share in one delaftale."""

    role: Id = _field("rolle", "Rollens id i [[medarbejdere]]")
    staff_years: Decimal | None = _field("aarsvaerk", "Årsværk i dette indsatsområde", default=None)
    hours_per_week: Decimal | None = _field("timer_pr_uge", "Timer pr. uge i dette indsatsområde", default=None)

    @model_validator(mode="after")
    def _one_unit(self) -> "Allocation":
        if (self.staff_years is None) == (self.hours_per_week is None):
            raise ValueError("angiv enten 'aarsvaerk' eller 'timer_pr_uge' (præcis én af dem)")
        return self


# --- delaftaler -----------------------------------------------------------


class SubIndicator(Model):
    indicator: Text = _field("indikator", "Indikator")
    baseline: str = _field("baseline", "Baseline for boligområdet/målgruppen", default="")
    other_baseline: str = _field("anden_baseline", "Evt. anden baseline", default="")


class SubGoal(Model):
    goal: Text = _field("maal", "Delmålet")
    baseline_period: str = _field("baseline_periode", "Periode/år for baselines, fx 'September 2023'", default="")
    indicators: list[SubIndicator] = _field("indikatorer", "Indikatorer for delmålet", min_length=1)
    source: str = _field("datakilde", "Datakilde", default="")


class Responsibility(Model):
    parties: list[Id] = _field("parter", "Parternes id'er", min_length=1)
    heading: str | None = _field("overskrift", "Overskrift, hvis ikke parternes navne", default=None)
    text: Markdown = _field("tekst", "Partens opgaver og ansvar")


class Activity(Model):
    name: Text = _field("navn", "Aktivitetsnavn")
    purpose: Markdown = _field("formaal", "Formål")
    target_groups: list[Text] = _field("maalgrupper", "Målgruppe(r)", min_length=1)
    content: Markdown = _field("indhold", "Indhold og praksis (med ###-underoverskrifter)")
    responsibilities: list[Responsibility] = _field("ansvar", "Ansvars- og rollefordeling", min_length=1)
    remark: Markdown | None = _field("bemaerkning", "Tekst efter ansvars- og rollefordelingen", default=None)


class SubAgreement(Model):
    area: AreaId = _field("omraade", "Indsatsområdets id")
    parties: list[Id] = _field("parter", "Delaftalens parter (id'er i [[parter]])", min_length=1)
    sub_goals: list[SubGoal] = _field("delmaal", "Delmål og indikatorer", min_length=1)
    activities_introduction: Markdown | None = _field(
        "aktiviteter_indledning", "Tekst før listen over aktiviteter", default=None
    )
    staff: list[Allocation] = _field("medarbejdere", "Medarbejderressourcer for indsatsområdet", min_length=1)
    municipal_link: Markdown = _field("kommunal_sammenhaeng", "Sammenhæng med den kommunale indsats i boligområdet")
    revision: Markdown | None = _field(
        "revision", "Revision af delaftalen (udelades: teksten fra 'delaftale_revision')", default=None
    )
    activities: list[Activity] = _field("aktiviteter", "Aktiviteterne", min_length=1)


# --- the whole document set -------------------------------------------------


class AgreementFile(Model):
    """The root of agreement.toml."""

    agreement: Agreement = _field("aftale", "Aftalens navn, parter og periode")
    parties: list[Party] = _field("parter", "Alle parter og kontaktpersoner, hver én gang", min_length=1)
    area: Area = _field("boligomraade", "1. Kort om boligområdet")
    vision: Markdown = _field("vision", "2. Vision for boligområdet")
    organisation: Organisation = _field("organisation", "3. Organisering")
    initiatives: list[Initiative] = _field("samspil", "4. Samspil med centrale tiltag og indsatser", default=[])
    areas: list[AreaGoals] = _field("omraader", "5.-6. Overordnede mål og problemkompleks pr. indsatsområde", min_length=1)
    evaluation: Markdown = _field("lokal_evaluering", "7. Lokal evaluering")
    revision: Markdown = _field("revision", "8. Revision af samarbejdsaftalen")
    sub_agreement_revision: Markdown = _field("delaftale_revision", "Revisionsteksten i alle delaftaler")
    roles: list[Role] = _field("medarbejdere", "Bemandingsplanen: hver rolle og dens samlede årsværk", min_length=1)
    sub_agreements: list[SubAgreement] = _field("delaftaler", "Én delaftale pr. indsatsområde", min_length=1)

    @cached_property
    def party_index(self) -> dict[str, Party]:
        return {p.id: p for p in self.parties}

    @cached_property
    def role_index(self) -> dict[str, Role]:
        return {r.id: r for r in self.roles}
