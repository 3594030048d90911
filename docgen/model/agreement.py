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

from .lbf import AREAS, DEFAULT_PULJE


class _MarkdownMark:
    """Marks a Markdown field in its annotation, where guard.is_multiline
    finds it (pydantic keeps the mark in the field's metadata)."""

    def __repr__(self) -> str:
        return "MARKDOWN"


MARKDOWN = _MarkdownMark()
Markdown = Annotated[str, Field(description="Tekst i Markdown"), MARKDOWN]


class _LinesMark:
    """Marks a text that may hold line breaks but is not Markdown: a table
    cell's value, where each line written in agreement.toml is a line in
    the cell (guard.is_multiline finds it as it finds MARKDOWN)."""

    def __repr__(self) -> str:
        return "LINES"


LINES = _LinesMark()
CellText = Annotated[str, Field(description="Tekst i en tabelcelle; et linjeskift giver en ny linje i cellen"), LINES]
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9_]+$"),
    Field(description="Id: små bogstaver a-z, tal og _"),
]
Text = Annotated[str, StringConstraints(min_length=1)]
MAX_KRONER = Decimal(10) ** 12  # 1.000 mia. kr.: far above any helhedsplan, far below Decimal's limits
Kroner = Annotated[
    Decimal,
    Field(description="Beløb i hele kroner, fx 650000", le=MAX_KRONER),
]
MAX_STAFF = Decimal(10_000)  # årsværk or hours a week: far above any helhedsplan
StaffYears = Annotated[Decimal, Field(le=MAX_STAFF)]
# The ids are those of the agreement's pulje (docgen/model/puljer/<pulje>.toml);
# checks.pulje refuses an id the pulje does not have.
AreaId = Annotated[
    str,
    Field(
        description=f"Et af puljens indsatsområder; i puljen {DEFAULT_PULJE}: " + ", ".join(AREAS),
        json_schema_extra={"examples": list(AREAS)},
    ),
]


def _field(alias: str, description: str, **kw):
    return Field(alias=alias, description=description, **kw)


class Model(BaseModel):
    # defer_build: no class builds its validator when it is defined; the
    # first validation of AgreementFile builds the whole tree once (faster
    # start than ~30 validators built one by one and then combined).
    model_config = ConfigDict(
        extra="forbid", frozen=True, validate_by_name=False, validate_by_alias=True, defer_build=True
    )


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
    phone: str | None = _field(
        "telefon", "Partens eget telefonnummer (hovednummer, vagttelefon), hvis det ikke er en persons", default=None
    )
    email: str | None = _field("email", "Partens egen e-mailadresse (fællespostkasse), hvis den har en", default=None)

    @property
    def heading(self) -> str:
        return self.short_name or self.name

    @property
    def phone_number(self) -> str | None:
        """The number to call: the contact person's, else the party's own."""
        return (self.contact.phone if self.contact else None) or self.phone

    @property
    def email_address(self) -> str | None:
        return (self.contact.email if self.contact else None) or self.email


# --- the strategic agreement ---------------------------------------------


class Agreement(Model):
    area_name: Text = _field("omraadenavn", "Boligområdets navn", max_length=120)
    parties: list[Id] = _field("parter", "Aftalens parter (id'er i [[parter]]); de underskriver aftalen", min_length=1)
    pulje: str = _field(
        "pulje",
        "Landsbyggefondens pulje (finansieringsperiode), hvis indsatsområder, mål og regler aftalen følger",
        default=DEFAULT_PULJE,
    )
    start: dt.date = _field("fra", "Aftalen gælder fra (ÅÅÅÅ-MM-DD)")
    end: dt.date = _field("til", "Aftalen gælder til og med (ÅÅÅÅ-MM-DD)")
    illustrative: list[Text] = _field(
        "illustrativt",
        "Dokumenter med opdigtet eksempelindhold, der mærkes 'Illustrativt eksempel' (samme id'er som "
        "i [[revisioner]] dokumenter, fx budget)",
        default=[],
    )

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
    location: Text = _field(
        "beliggenhed",
        "Hvor helhedsplanen ligger. Fortsætter sætningen 'Helhedsplanen ligger …' og efterfølges af "
        "'og vil i alt omfatte N husstande', fx 'i den nordlige del af bydelen X'",
    )
    households: int = _field("husstande", "Antal husstande", gt=0, le=10_000_000)
    residents: int = _field("beboere", "Antal beboere (ca.)", gt=0, le=10_000_000)
    residents_note: str | None = _field(
        "beboere_note", "Tilføjelse efter beboertallet: fortsætter '… og ca. N beboere' før punktummet, fx kilde",
        default=None,
    )
    departments: list[Department] = _field(
        "afdelinger", "Afdelingerne i helhedsplanen, hver med sin boligorganisation (én eller flere)", min_length=1
    )
    description: Markdown = _field("beskrivelse", "Resten af afsnit 1 (med ###-underoverskrifter)")


class Body(Model):
    id: Id = _field("id", "Organets id (bruges af organisationsdiagrammet og kommissoriet)")
    name: Text = _field("navn", "Organets navn, som det står i listen over samarbejdsstrukturen")
    description: Markdown = _field("beskrivelse", "Organets ansvar og opgaver")
    composition: Markdown | None = _field("sammensaetning", "Organets sammensætning", default=None)
    in_structure: bool = _field(
        "i_samarbejdsstrukturen",
        "Om organet hører til den faste samarbejdsstruktur (listen i afsnit 3)",
        default=True,
    )
    above: Id | None = _field(
        "under", "Id'et på det organ, dette organ hører under (tegnes som en streg i organisationsdiagrammet)", default=None
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

    indicator: Annotated[CellText, StringConstraints(min_length=1)] | None = _field(
        "indikator", "Indikator (udelades: LBF's indikator på samme plads i puljen)", default=None
    )
    baseline_area: CellText = _field("baseline_omraade", "Baseline for boligområdet", default="")
    baseline_municipality: CellText = _field("baseline_kommune", "Baseline for kommunen (evt. andet)", default="")
    baseline_year: CellText = _field("baselineaar", "Baselineår", default="")
    source: CellText = _field("datakilde", "Datakilde", default="")


class AreaGoals(Model):
    """Sections 5 and 6 for one indsatsområde."""

    area: AreaId = _field("id", "Indsatsområdets id")
    goal: Text | None = _field("maal", "LBF's overordnede mål for indsatsområdet (udelades: puljens)", default=None)
    indicators: list[Indicator] = _field("indikatorer", "Indikatorer og baselines", min_length=1)
    problem_heading: Text = _field("problemkompleks_overskrift", "Den fremhævede indledning til problemkomplekset")
    problem: Markdown = _field("problemkompleks", "Problemkomplekset for indsatsområdet")


# --- staff ----------------------------------------------------------------


class Role(Model):
    """A role of the staffing plan with its total."""

    id: Id = _field("id", "Rollens id")
    title: Text = _field("titel", "Rollens betegnelse i dokumenterne")
    staff_years: StaffYears | None = _field("aarsvaerk", "Samlet antal årsværk for rollen", default=None)
    hours_per_week: StaffYears | None = _field(
        "timer_pr_uge", "Samlet antal timer pr. uge (for timelønnede, fx studentermedhjælp)", default=None
    )
    annual_cost: Kroner | None = _field(
        "aarsloen", "Lønudgift i kr. for ét årsværk i et helt år, inkl. pension og andre lønomkostninger", default=None
    )
    hourly_cost: Kroner | None = _field("timeloen", "Lønudgift i kr. pr. time (for timelønnede)", default=None)

    @model_validator(mode="after")
    def _one_unit(self) -> "Role":
        if (self.staff_years is None) == (self.hours_per_week is None):
            raise ValueError("angiv enten 'aarsvaerk' eller 'timer_pr_uge' for rollen (præcis én af dem)")
        if self.staff_years is not None and self.annual_cost is None:
            raise ValueError("angiv rollens 'aarsloen' (lønudgift pr. årsværk pr. år i kr.); budgettets lønlinjer regnes ud fra den")
        if self.hours_per_week is not None and self.hourly_cost is None:
            raise ValueError("angiv rollens 'timeloen' (lønudgift pr. time i kr.); budgettets lønlinjer regnes ud fra den")
        if self.staff_years is not None and self.hourly_cost is not None:
            raise ValueError("en rolle i årsværk har 'aarsloen', ikke 'timeloen'")
        if self.hours_per_week is not None and self.annual_cost is not None:
            raise ValueError("en timelønnet rolle har 'timeloen', ikke 'aarsloen'")
        return self

    @property
    def hourly(self) -> bool:
        return self.hours_per_week is not None


class Allocation(Model):
    """A role's share in one delaftale."""

    role: Id = _field("rolle", "Rollens id i [[medarbejdere]]")
    staff_years: StaffYears | None = _field("aarsvaerk", "Årsværk i dette indsatsområde", default=None)
    hours_per_week: StaffYears | None = _field("timer_pr_uge", "Timer pr. uge i dette indsatsområde", default=None)

    @model_validator(mode="after")
    def _one_unit(self) -> "Allocation":
        if (self.staff_years is None) == (self.hours_per_week is None):
            raise ValueError("angiv enten 'aarsvaerk' eller 'timer_pr_uge' (præcis én af dem)")
        return self


# --- delaftaler -----------------------------------------------------------


class SubIndicator(Model):
    indicator: Annotated[CellText, StringConstraints(min_length=1)] = _field("indikator", "Indikator")
    baseline: CellText = _field("baseline", "Baseline for boligområdet/målgruppen", default="")
    other_baseline: CellText = _field("anden_baseline", "Evt. anden baseline", default="")


class SubGoal(Model):
    goal: Text = _field("maal", "Delmålet")
    baseline_period: str = _field("baseline_periode", "Periode/år for baselines, fx 'September 2023'", default="")
    indicators: list[SubIndicator] = _field("indikatorer", "Indikatorer for delmålet", min_length=1)
    source: CellText = _field("datakilde", "Datakilde", default="")


class Responsibility(Model):
    parties: list[Id] = _field("parter", "Parternes id'er", min_length=1)
    heading: str | None = _field("overskrift", "Overskrift, hvis ikke parternes navne", default=None)
    text: Markdown = _field("tekst", "Partens opgaver og ansvar")


class Activity(Model):
    id: Id = _field("id", "Aktivitetens id (milepælsplanen henviser til det)")
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


# --- budget ---------------------------------------------------------------

PeriodKind = Literal["aftaleaar", "kalenderaar"]
ExpenseCategory = Literal["aktiviteter", "lokaler", "administration", "evaluering", "revision", "andet"]
FundingSource = Literal["lbf", "kommune", "boligorganisation", "andet"]


class BudgetPeriod(Model):
    id: Id = _field("id", "Periodens id, som beløbene henviser til, fx 'aar1'")
    start: dt.date = _field("fra", "Perioden begynder (ÅÅÅÅ-MM-DD, den 1. i en måned)")
    end: dt.date = _field("til", "Perioden slutter (ÅÅÅÅ-MM-DD, den sidste i en måned)")


class ExpenseLine(Model):
    """A budget line that is not a salary (salaries follow from the staffing plan)."""

    category: ExpenseCategory = _field(
        "kategori", "aktiviteter, lokaler, administration, evaluering, revision eller andet"
    )
    text: Text = _field("tekst", "Linjens tekst i budgettet")
    area: AreaId | None = _field("omraade", "Indsatsområdet (kun for kategorien aktiviteter)", default=None)
    amounts: dict[str, Kroner] = _field("beloeb", "Beløb i hele kroner pr. periode-id, fx { aar1 = 150000, aar2 = 150000 }")


class Funding(Model):
    source: FundingSource = _field("kilde", "lbf, kommune, boligorganisation eller andet")
    party: Id | None = _field("part", "Partens id i [[parter]] (skal angives for kommune og boligorganisation)", default=None)
    text: str | None = _field("tekst", "Tekst i budgettet (udelades: partens navn)", default=None)
    amounts: dict[str, Kroner] = _field("beloeb", "Beløb i hele kroner pr. periode-id")


class Budget(Model):
    period_kind: PeriodKind = _field(
        "periodeinddeling",
        "'aftaleaar' (perioder fra aftalens startdag et år frem) eller 'kalenderaar' (1. januar - 31. december; "
        "kun den første og den sidste periode må være et delår)",
    )
    periods: list[BudgetPeriod] = _field("perioder", "Budgetperioderne i rækkefølge; tilsammen hele aftaleperioden", min_length=1)
    expenses: list[ExpenseLine] = _field("udgifter", "Udgifter ud over løn (løn regnes ud fra bemandingsplanen)", default=[])
    funding: list[Funding] = _field("finansiering", "Finansiering pr. kilde", min_length=1)


# --- milestones, contingency plan, board ------------------------------------

MilestoneStatus = Literal["planlagt", "i_gang", "naaet", "udskudt", "aflyst"]


class Milestone(Model):
    title: Text = _field("titel", "Milepælen")
    date: dt.date | None = _field("dato", "Dato (ÅÅÅÅ-MM-DD)", default=None)
    month: Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")] | None = _field(
        "maaned", "Måned, fx \"2025-10\"", default=None
    )
    quarter: Annotated[str, StringConstraints(pattern=r"^\d{4}-K[1-4]$")] | None = _field(
        "kvartal", "Kvartal, fx \"2025-K4\"", default=None
    )
    area: AreaId | None = _field("omraade", "Indsatsområdet, milepælen hører til", default=None)
    activity: Id | None = _field("aktivitet", "Id'et på aktiviteten, milepælen hører til", default=None)
    responsible: Id = _field("ansvarlig", "Den ansvarlige parts id i [[parter]]")
    status: MilestoneStatus = _field("status", "planlagt, i_gang, naaet, udskudt eller aflyst", default="planlagt")

    @model_validator(mode="after")
    def _one_time(self) -> "Milestone":
        if sum(x is not None for x in (self.date, self.month, self.quarter)) != 1:
            raise ValueError("angiv præcis én af 'dato', 'maaned' og 'kvartal'")
        if self.area is not None and self.activity is not None:
            raise ValueError("angiv enten 'aktivitet' eller 'omraade', ikke begge: indsatsområdet følger af aktiviteten")
        return self


class Action(Model):
    text: Text = _field("handling", "Hvad der gøres")
    by: list[Id] = _field("hvem", "Parterne, der handler (id'er i [[parter]])", min_length=1)


class Situation(Model):
    title: Text = _field("titel", "Situationen, fx 'Uro i området'")
    description: Markdown = _field("beskrivelse", "Hvad situationen dækker")
    actions: list[Action] = _field("handlinger", "Handlingerne i rækkefølge", min_length=1)
    informed: list[Id] = _field("informeres", "Parterne, der skal informeres (id'er i [[parter]])", default=[])


class ContingencyPlan(Model):
    purpose: Markdown = _field("formaal", "Beredskabsplanens formål")
    situations: list[Situation] = _field("situationer", "Situationerne, planen dækker", min_length=1)
    contacts: list[Id] = _field("kontakter", "Kontaktlisten (id'er i [[parter]]; kontaktpersonen hentes derfra)", min_length=1)
    follow_up: Markdown | None = _field("opfoelgning", "Opfølgning og evaluering efter en hændelse", default=None)


class BoardMember(Model):
    party: Id = _field("part", "Partens id i [[parter]]")
    role: Text = _field("rolle", "Medlemmets rolle, fx 'Boligsocial chef' eller 'formand'")
    count: int = _field("antal", "Antal repræsentanter", default=1, gt=0)


class BoardTerms(Model):
    """Kommissorium for bestyrelsen."""

    body: Id = _field("organ", "Bestyrelsens id i [[organisation.organer]]")
    background: Markdown = _field("baggrund", "Baggrund")
    purpose: Markdown = _field("formaal", "Formål")
    members: list[BoardMember] = _field("medlemmer", "Sammensætning", min_length=1)
    tasks: list[Text] = _field("opgaver", "Bestyrelsens opgaver", min_length=1)
    meetings: Markdown = _field("moeder", "Mødefrekvens og mødeform")
    secretariat: Markdown = _field("sekretariat", "Sekretariatsbetjening")


# --- revisions ----------------------------------------------------------------


class RevisionEntry(Model):
    """One revision of some of the documents (all of them when
    ``documents`` is left out), approved or, with ``draft``, awaiting
    approval."""

    date: dt.date = _field(
        "dato", "Datoen, revisionen er godkendt (ÅÅÅÅ-MM-DD); for et udkast datoen for udkastet"
    )
    approved_by: Text = _field(
        "godkendt_af",
        "Hvem der godkendte (for et udkast: hvem der skal godkende), fx 'Landsbyggefonden' eller 'Bydelsbestyrelsen'",
    )
    summary: Text = _field("aendring", "Kort beskrivelse af ændringen")
    documents: list[Text] | None = _field(
        "dokumenter",
        "De dokumenter, revisionen ændrer: strategisk, delaftale.<område-id> (fx delaftale.beskaeftigelse), "
        "budget, beredskabsplan, milepaelsplan, kommissorium, indberetningsskema. Udelades: alle dokumenter "
        "(aftalen, som den først blev underskrevet)",
        default=None,
        min_length=1,
    )
    draft: bool = _field(
        "udkast",
        "true: revisionen afventer godkendelse; dokumenterne mærkes som udkast og skal ikke uploades endnu",
        default=False,
    )


# --- the whole document set -------------------------------------------------


class AgreementFile(Model):
    """The root of agreement.toml."""

    agreement: Agreement = _field("aftale", "Aftalens navn, parter og periode")
    parties: list[Party] = _field("parter", "Alle parter og kontaktpersoner, hver én gang", min_length=1)
    area: Area = _field("boligomraade", "1. Kort om boligområdet")
    vision: Markdown = _field("vision", "2. Vision for boligområdet")
    organisation: Organisation = _field("organisation", "3. Organisering")
    initiatives: list[Initiative] = _field("samspil", "4. Samspil med centrale tiltag og indsatser", default=[])
    areas: list[AreaGoals] = _field(
        "omraader", "5.-6. Overordnede mål og problemkompleks, ét pr. valgt indsatsområde (et eller flere af puljens)",
        min_length=1,
    )
    evaluation: Markdown = _field("lokal_evaluering", "7. Lokal evaluering")
    revision: Markdown = _field("revision", "8. Revision af samarbejdsaftalen")
    sub_agreement_revision: Markdown = _field("delaftale_revision", "Revisionsteksten i alle delaftaler")
    revisions: list[RevisionEntry] = _field(
        "revisioner",
        "Ændringsloggen, ældste først: én linje pr. revision. Hvert dokument viser sin egen seneste revision",
        default=[],
    )
    roles: list[Role] = _field("medarbejdere", "Bemandingsplanen: hver rolle og dens samlede årsværk", min_length=1)
    sub_agreements: list[SubAgreement] = _field(
        "delaftaler", "Én delaftale pr. valgt indsatsområde (én for hvert [[omraader]])", min_length=1
    )
    budget: Budget = _field("budget", "Budget: perioder, udgifter ud over løn og finansiering")
    milestones: list[Milestone] = _field("milepaele", "Milepælsplanen", min_length=1)
    contingency: ContingencyPlan = _field("beredskabsplan", "Beredskabsplanen")
    board: BoardTerms = _field("kommissorium", "Kommissorium for bestyrelsen")

    @cached_property
    def party_index(self) -> dict[str, Party]:
        return {p.id: p for p in self.parties}

    @cached_property
    def role_index(self) -> dict[str, Role]:
        return {r.id: r for r in self.roles}

    @cached_property
    def body_index(self) -> dict[str, Body]:
        return {b.id: b for b in self.organisation.bodies}

    @cached_property
    def activity_index(self) -> dict[str, Activity]:
        return {a.id: a for s in self.sub_agreements for a in s.activities}

    @cached_property
    def activity_area(self) -> dict[str, str]:
        """Each activity's id -> the area of the delaftale it is part of."""
        return {a.id: s.area for s in self.sub_agreements for a in s.activities}
