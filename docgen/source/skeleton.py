"""`docgen init`: a new agreement.toml for a new area.

It holds what LBF fixes (the chosen indsatsområder, all of them unless
told, with their overall goals and indicators, the revision texts, the
standard documents) and, for everything else, a placeholder "[udfyld: …]"
that says what belongs there.  `docgen validate` lists every placeholder
left with its line, and nothing else: the staff split adds up whatever
areas are chosen.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from decimal import ROUND_DOWN, Decimal

from ..errors import DocgenError
from ..model.lbf import DEFAULT_PULJE, Pulje, UnknownPulje, pulje

PLACEHOLDER_PREFIX = "[udfyld"
# The placeholder for an hourly role's cost ('docgen import --ny' writes
# hourly roles; init's skeleton has none).
HOURLY_COST = "lønudgift pr. time i kr."

# The housing organisations the skeleton starts with (a plan deletes or adds).
HOUSING = ("boligorganisation_1", "boligorganisation_2")
HOUSING_ORDINAL = {"boligorganisation_1": "første", "boligorganisation_2": "anden"}
# Example expense lines, one per category besides salaries and activity funds
# (those come one per chosen area): category, what the line could be.
EXPENSE_EXAMPLES = (
    ("lokaler", "fx husleje og drift af helhedsplanens lokaler"),
    ("administration", "fx boligorganisationens administration af helhedsplanen"),
    ("evaluering", "fx ekstern evaluering"),
    ("revision", "fx revisorens erklæring på regnskabet"),
    ("andet", "fx kurser og kompetenceudvikling"),
)


def fill(what: str) -> str:
    """'[udfyld: antal husstande]' as a TOML string."""
    return _string(f"{PLACEHOLDER_PREFIX}: {what}]")


def _string(text: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML)."""
    return json.dumps(text, ensure_ascii=False)


def chosen_areas(ids: list[str] | None, funding: Pulje) -> list[str]:
    """The area ids in LBF's order (all of the pulje's for None); an
    unknown id is a DocgenError naming the known ones."""
    known = funding.areas
    if ids is None:
        return list(known)
    wanted = [i.strip() for i in ids if i.strip()]
    unknown = [i for i in wanted if i not in known]
    if unknown or not wanted:
        what = ("ukendt indsatsområde " + ", ".join(f"'{i}'" for i in unknown)) if unknown else "ingen indsatsområder valgt"
        raise DocgenError(f"{what}. Indsatsområderne i puljen {funding.id} hedder: {', '.join(known)} "
                          f"(fx --omraader {','.join(list(known)[:2])})")
    return [a for a in known if a in wanted]


def split(total: Decimal, n: int) -> list[Decimal]:
    """``total`` in n shares of two decimals that add up to it exactly; the
    first share takes the remainder (1 in 3: 0,34 + 0,33 + 0,33)."""
    share = (total / n).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return [total - share * (n - 1)] + [share] * (n - 1)


def budget_periods(first: dt.date, last: dt.date, period_kind: str) -> list[tuple[str, dt.date, dt.date]]:
    """(id, from, to) for every budget period from ``first`` to ``last``:
    agreement years from the start day (``aftaleaar``), or calendar years
    with a part year first and last where the agreement is (``kalenderaar``)."""
    periods = []
    start = first
    while start <= last:
        if period_kind == "kalenderaar":
            end = min(dt.date(start.year, 12, 31), last)
            ident = f"aar{start.year}"
        else:
            end = min(_add_years(start, 1) - dt.timedelta(days=1), last)
            ident = f"aar{len(periods) + 1}"
        periods.append((ident, start, end))
        start = end + dt.timedelta(days=1)
    return periods


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


PERIOD_HINT = {
    "aftaleaar": ("1. aftaleår", "Et aftaleår går fra aftalens startdag et år frem; tilføj en periode pr. aftaleår"),
    "kalenderaar": ("1. budgetperiode (kalenderår)", "Hver periode ligger i ét kalenderår (1. januar - 31. december); "
                    "den første og den sidste må være et delår. Tilføj en periode pr. kalenderår"),
}


def _areas(areas: list[str], funding: Pulje) -> str:
    parts = []
    for area in areas:
        spec = funding.areas[area]
        goal, indicators, name = spec.goal, spec.indicators, spec.name
        parts.append(f"""
[[omraader]]
id = "{area}"
# LBF's mål (fra puljen {funding.id}, skrives ikke her): {goal}
problemkompleks_overskrift = {fill(f"den fremhævede indledning til problemkomplekset for {name}")}
problemkompleks = {fill(f"problemkomplekset for {name}")}
""")
        for indicator, source in indicators:
            parts.append(f"""
[[omraader.indikatorer]]
indikator = {_string(indicator)}
baseline_omraade = {fill("baseline for boligområdet")}
baseline_kommune = {fill("baseline for kommunen")}
baselineaar = {fill("baselineår")}
datakilde = {_string(source)}
""")
    return "".join(parts)


def _sub_agreements(areas: list[str], funding: Pulje) -> str:
    parts = []
    for area, share in zip(areas, split(Decimal(1), len(areas))):
        name = funding.areas[area].name
        parts.append(f"""
# --- Delaftale: {name} ---

[[delaftaler]]
omraade = "{area}"
parter = ["kommune"]
medarbejdere = [{{ rolle = "projektleder", aarsvaerk = {share} }}]
kommunal_sammenhaeng = {fill(f"sammenhængen med den kommunale indsats for {name}")}

[[delaftaler.delmaal]]
maal = {fill("delmålet")}
baseline_periode = {fill("periode eller år for baseline, fx '2024'")}
datakilde = {fill("datakilde")}

[[delaftaler.delmaal.indikatorer]]
indikator = {fill("indikator for delmålet")}
baseline = {fill("baseline")}

""")
        for n, ordinal in ((1, "første"), (2, "anden")):
            parts.append(f"""
[[delaftaler.aktiviteter]]
id = "{area}_aktivitet_{n}"
navn = {fill(f"den {ordinal} aktivitets navn")}
formaal = {fill("formålet med aktiviteten")}
maalgrupper = [{fill("målgruppe")}, {fill("en anden målgruppe, eller slet den")}]
indhold = {fill("indhold og praksis")}

[[delaftaler.aktiviteter.ansvar]]
parter = ["helhedsplanen"]
tekst = {fill("helhedsplanens opgaver og ansvar i aktiviteten")}

[[delaftaler.aktiviteter.ansvar]]
parter = ["kommune"]
tekst = {fill("kommunens opgaver og ansvar i aktiviteten")}
""")
    return "".join(parts)


def _amounts(periods: list[tuple[str, str, str]], what: str) -> str:
    """A [….beloeb] table's lines: a placeholder amount per period."""
    return "".join(f"{ident} = {fill(what)}\n" for ident, _, _ in periods)


def _budget(areas: list[str], funding: Pulje, period_kind: str, first: dt.date | None, last: dt.date | None) -> str:
    first_period, period_note = PERIOD_HINT[period_kind]
    if first is not None and last is not None:
        periods = [(i, a.isoformat(), b.isoformat()) for i, a, b in budget_periods(first, last, period_kind)]
        note = "Perioderne dækker hele aftaleperioden"
    else:
        periods = [("aar1", fill(f"første dag i {first_period}"), fill(f"sidste dag i {first_period}"))]
        note = period_note
    rows = "".join(f'    {{ id = "{i}", fra = {a}, til = {b} }},\n' for i, a, b in periods)
    text = f"""[budget]
periodeinddeling = "{period_kind}"
# {note}.
perioder = [
{rows}]

# Udgifter ud over løn (lønnen regnes ud af [[medarbejdere]]): én [[budget.udgifter]] pr. post med
# et beløb pr. periode. Kategorierne er aktiviteter (med omraade), lokaler, administration,
# evaluering, revision og andet. Slet en post, der ikke bruges, og tilføj flere efter behov.
"""
    lines = [("aktiviteter", f'omraade = "{area}"\n', f"fx aktivitetsmidler til {funding.areas[area].name}")
             for area in areas]
    lines += [(category, "", example) for category, example in EXPENSE_EXAMPLES]
    for category, area_line, example in lines:
        text += f"""
[[budget.udgifter]]
kategori = "{category}"
{area_line}tekst = {fill(f"linjens tekst, {example}")}
[budget.udgifter.beloeb]
{_amounts(periods, "udgiftens beløb i kr.")}"""
    text += """
# Finansieringen pr. kilde; i hver periode skal den være lig med udgifterne (løn og udgifter).
"""
    sources = [("lbf", "", "Landsbyggefondens beløb i kr."), ("kommune", 'part = "kommune"\n', "kommunens beløb i kr.")]
    sources += [("boligorganisation", f'part = "{org}"\n', f"den {HOUSING_ORDINAL[org]} boligorganisations beløb i kr.")
                for org in HOUSING]
    for source, party_line, what in sources:
        text += f"""
[[budget.finansiering]]
kilde = "{source}"
{party_line}[budget.finansiering.beloeb]
{_amounts(periods, what)}"""
    return text


def new_agreement(
    area_name: str, areas: list[str] | None = None, period_kind: str = "aftaleaar", pulje_id: str = DEFAULT_PULJE,
    first: dt.date | None = None, last: dt.date | None = None,
) -> str:
    """The text of a new agreement.toml for the area, with a delaftale for
    each of ``areas`` (ids; all of LBF's when None) and budget periods of
    ``period_kind``: every period from ``first`` to ``last`` when given,
    else one period to fill in."""
    name = _string(area_name)
    try:
        funding = pulje(pulje_id)
    except UnknownPulje as exc:
        raise DocgenError(str(exc)) from None
    areas = chosen_areas(areas, funding)
    if (first is None) != (last is None):
        raise DocgenError("angiv både --fra og --til (aftalens første og sidste dag), eller ingen af dem")
    if first is not None and last is not None and last <= first:
        raise DocgenError(f"--til ({last.isoformat()}) skal ligge efter --fra ({first.isoformat()})")
    start_date = first.isoformat() if first else fill("aftalens første dag, ÅÅÅÅ-MM-DD uden anførselstegn")
    end_date = last.isoformat() if last else fill("aftalens sidste dag, ÅÅÅÅ-MM-DD uden anførselstegn")
    return f"""#:schema ./agreement.schema.json
# agreement.toml for {area_name}, lavet af 'docgen init'.
#
# Udfyld alle felter med "[udfyld: ...]" (de står også i 'docgen validate').
# De valgte indsatsområder ({", ".join(funding.areas[a].name for a in areas)}) med LBF's
# overordnede mål og indikatorer og LBF's revisionstekster står allerede her.
# Brugervejledningen forklarer filen, del for del: docs/brugervejledning.md i docgens mappe,
# afsnittet »Filen agreement.toml« (og »Fejl og rettelser«, når docgen melder en fejl).

vision = {fill("visionen for boligområdet (afsnit 2)")}
lokal_evaluering = {fill("hvordan indsatsen evalueres lokalt (afsnit 7)")}
revision = "Revision af den strategiske samarbejdsaftale kræver godkendelse i Landsbyggefonden"
delaftale_revision = \"\"\"
Eventuelle ændringer i delaftalen godkendes af bestyrelsen, hvorefter boligorganisationen uploader den reviderede aftale i Landsbyggefondens driftsstøtteportal.

Såfremt der er tale om væsentlige ændringer, inddrages Landsbyggefonden.
\"\"\"

[aftale]
omraadenavn = {name}
pulje = "{funding.id}"
parter = [{", ".join(f'"{org}"' for org in HOUSING)}, "kommune"]
fra = {start_date}
til = {end_date}

# Boligorganisationerne: én [[parter]] for hver. Har planen kun én, så slet 'boligorganisation_2'
# her og overalt, hvor den nævnes (aftalens parter, afdelingerne, finansieringen, kommissoriet);
# har den flere, så tilføj en [[parter]] for hver på samme måde.
[[parter]]
id = "boligorganisation_1"
navn = {fill("den første boligorganisations navn")}
kontakt = {{ titel = {fill("kontaktpersonens stilling")}, navn = {fill("kontaktpersonens navn")}, telefon = {fill("telefon")}, email = {fill("e-mail")} }}

[[parter]]
id = "boligorganisation_2"
navn = {fill("den anden boligorganisations navn")}
kontakt = {{ titel = {fill("kontaktpersonens stilling")}, navn = {fill("kontaktpersonens navn")}, telefon = {fill("telefon")}, email = {fill("e-mail")} }}

[[parter]]
id = "kommune"
navn = {fill("kommunens navn")}
kontakt = {{ titel = {fill("kontaktpersonens stilling")}, navn = {fill("kontaktpersonens navn")}, telefon = {fill("telefon")}, email = {fill("e-mail")} }}

# Helhedsplanen selv; telefonnummeret står på beredskabsplanens kontaktliste.
[[parter]]
id = "helhedsplanen"
navn = {_string(f"Den boligsociale helhedsplan for {area_name}")}
kortnavn = "Helhedsplanen"
telefon = {fill("helhedsplanens telefonnummer")}

[boligomraade]
indledning = {fill("indledende beskrivelse af samarbejdet og området")}
# beliggenhed fortsætter sætningen »Helhedsplanen ligger …« og efterfølges af »og vil i alt omfatte
# N husstande«: skriv fx »i den østlige del af byen«, ikke en hel sætning.
beliggenhed = {fill("fortsætter »Helhedsplanen ligger …«, fx i den østlige del af byen")}
husstande = {fill("antal husstande")}
beboere = {fill("antal beboere")}
# beboere_note = ", jf. kommunens statistik"  # fortsætter »… og ca. N beboere« (valgfri)
afdelinger = [
    {{ organisation = "boligorganisation_1", nummer = {fill("afdelingens nummer")}, navn = {fill("afdelingens navn")} }},
    {{ organisation = "boligorganisation_2", nummer = {fill("afdelingens nummer")}, navn = {fill("afdelingens navn")} }},
]
beskrivelse = {fill("resten af afsnit 1")}

[organisation]
indledning = {fill("tekst før listen over samarbejdsstrukturen")}
lokal_tilstedevaerelse = {fill("placering og arbejdsmetode for lokal tilstedeværelse")}

[[organisation.organer]]
id = "bestyrelse"
navn = {fill("bestyrelsens navn")}
beskrivelse = {fill("bestyrelsens ansvar og opgaver")}

[[organisation.organer]]
id = "foelgegruppe"
under = "bestyrelse"
navn = {fill("følgegruppens navn")}
beskrivelse = {fill("følgegruppens ansvar og opgaver")}

# Afsnit 4: ét [[samspil]] pr. centralt tiltag i området (slet det, hvis der ingen er).
[[samspil]]
titel = {fill("tiltagets navn")}
tekst = {fill("hvordan helhedsplanen spiller sammen med tiltaget")}
{_areas(areas, funding)}
[[medarbejdere]]
id = "projektleder"
titel = "Projektleder"
aarsvaerk = 1
aarsloen = {fill("lønudgift pr. årsværk pr. år i kr.")}
{_sub_agreements(areas, funding)}
{_budget(areas, funding, period_kind, first, last)}
# Milepælene: én [[milepaele]] pr. milepæl, med aktivitet = "id" eller omraade = "id", hvis den hører til en.
# Tidspunktet skrives på én af tre måder:
#   dato = 2025-09-01      en dag: ÅÅÅÅ-MM-DD uden anførselstegn
#   maaned = "2025-09"     en måned: ÅÅÅÅ-MM i anførselstegn
#   kvartal = "2025-K3"    et kvartal: ÅÅÅÅ-K1 til ÅÅÅÅ-K4 i anførselstegn
[[milepaele]]
titel = "Helhedsplanen starter"
dato = {start_date}
ansvarlig = "helhedsplanen"

[beredskabsplan]
formaal = {fill("beredskabsplanens formål")}
kontakter = ["helhedsplanen", "kommune"]

[[beredskabsplan.situationer]]
titel = {fill("situationen, fx uro i området")}
beskrivelse = {fill("hvad situationen dækker")}
handlinger = [{{ handling = {fill("hvad der gøres")}, hvem = ["helhedsplanen"] }}]
informeres = ["kommune"]

[kommissorium]
organ = "bestyrelse"
baggrund = {fill("baggrunden for bestyrelsen")}
formaal = {fill("bestyrelsens formål")}
medlemmer = [
    {{ part = "boligorganisation_1", rolle = {fill("medlemmets rolle")} }},
    {{ part = "boligorganisation_2", rolle = {fill("medlemmets rolle")} }},
    {{ part = "kommune", rolle = {fill("medlemmets rolle")} }},
]
opgaver = [{fill("bestyrelsens opgaver")}]
moeder = {fill("hvor ofte bestyrelsen mødes")}
sekretariat = {fill("hvem der er sekretariat for bestyrelsen")}

# Ændringsloggen: én [[revisioner]] pr. godkendt ændring, ældste først.
[[revisioner]]
dato = {fill("datoen, aftalen blev underskrevet, ÅÅÅÅ-MM-DD uden anførselstegn")}
godkendt_af = "Landsbyggefonden"
aendring = "Aftalen underskrevet"
"""


# Example values for the placeholders whose field is not text, so that a
# filled-in skeleton is a valid agreement (used to learn what a template
# gets, and in the tests).
SAMPLE_VALUES = {
    "aftalens første dag, ÅÅÅÅ-MM-DD uden anførselstegn": "2025-01-01",
    "aftalens sidste dag, ÅÅÅÅ-MM-DD uden anførselstegn": "2025-12-31",
    "første dag i 1. aftaleår": "2025-01-01",
    "sidste dag i 1. aftaleår": "2025-12-31",
    "første dag i 1. budgetperiode (kalenderår)": "2025-01-01",
    "sidste dag i 1. budgetperiode (kalenderår)": "2025-12-31",
    "datoen, aftalen blev underskrevet, ÅÅÅÅ-MM-DD uden anførselstegn": "2024-12-01",
    "antal husstande": "1200",
    "antal beboere": "2500",
    "lønudgift pr. årsværk pr. år i kr.": "800",
    HOURLY_COST: "200",
    "afdelingens nummer": '"1"',
    "udgiftens beløb i kr.": "0",
    "Landsbyggefondens beløb i kr.": "600",
    "kommunens beløb i kr.": "100",
    "den første boligorganisations beløb i kr.": "50",
    "den anden boligorganisations beløb i kr.": "50",
}


def filled(text: str) -> str:
    """The skeleton with every placeholder replaced by an example value."""
    def replace(match: re.Match) -> str:
        what = match.group(1)
        return SAMPLE_VALUES.get(what, _string(f"Eksempel: {what}"))
    return re.sub(r'"\[udfyld: ([^\]]*)\]"', replace, text)


def sample_agreement():
    """A small valid agreement built from the skeleton."""
    import tomllib
    from decimal import Decimal

    from ..model.agreement import AgreementFile

    data = tomllib.loads(filled(new_agreement("Eksempelby")), parse_float=Decimal)
    return AgreementFile.model_validate(data)
