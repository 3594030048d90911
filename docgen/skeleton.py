"""`docgen init`: a new agreement.toml for a new area.

It holds what LBF fixes (the four indsatsområder with their overall goals
and indicators, the revision texts, the standard documents) and, for
everything else, a placeholder "[udfyld: …]" that says what belongs there.
`docgen validate` lists every placeholder left with its line.
"""
from __future__ import annotations

import json
import re

from .lbf import AREAS, GOALS

PLACEHOLDER_PREFIX = "[udfyld"


def fill(what: str) -> str:
    """'[udfyld: antal husstande]' as a TOML string."""
    return _string(f"{PLACEHOLDER_PREFIX}: {what}]")


def _string(text: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML)."""
    return json.dumps(text, ensure_ascii=False)


def _areas() -> str:
    parts = []
    for area, (goal, indicators) in GOALS.items():
        parts.append(f"""
[[omraader]]
id = "{area}"
maal = {_string(goal)}
problemkompleks_overskrift = {fill(f"den fremhævede indledning til problemkomplekset for {AREAS[area]}")}
problemkompleks = {fill(f"problemkomplekset for {AREAS[area]}")}
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


def _sub_agreements() -> str:
    parts = []
    for area, name in AREAS.items():
        parts.append(f"""
# --- Delaftale: {name} ---

[[delaftaler]]
omraade = "{area}"
parter = ["kommune"]
medarbejdere = [{{ rolle = "projektleder", aarsvaerk = 0.25 }}]
kommunal_sammenhaeng = {fill(f"sammenhængen med den kommunale indsats for {name}")}

[[delaftaler.delmaal]]
maal = {fill("delmålet")}
baseline_periode = {fill("periode for baseline, fx 'September 2024'")}
datakilde = {fill("datakilde")}

[[delaftaler.delmaal.indikatorer]]
indikator = {fill("indikator for delmålet")}
baseline = {fill("baseline")}

[[delaftaler.aktiviteter]]
id = "aktivitet_{area}"
navn = {fill("aktivitetens navn")}
formaal = {fill("formålet med aktiviteten")}
maalgrupper = [{fill("målgruppe")}]
indhold = {fill("indhold og praksis")}

[[delaftaler.aktiviteter.ansvar]]
parter = ["helhedsplanen"]
tekst = {fill("helhedsplanens opgaver og ansvar i aktiviteten")}
""")
    return "".join(parts)


def new_agreement(area_name: str) -> str:
    """The text of a new agreement.toml for the area."""
    name = _string(area_name)
    return f"""#:schema ./agreement.schema.json
# agreement.toml for {area_name}, lavet af 'docgen init'.
#
# Udfyld alle felter med "[udfyld: ...]" (de står også i 'docgen validate').
# LBF's fire indsatsområder med overordnede mål og indikatorer og LBF's
# revisionstekster står allerede her.  Læs README.md for filens opbygning.

vision = {fill("visionen for boligområdet (afsnit 2)")}
lokal_evaluering = {fill("hvordan indsatsen evalueres lokalt (afsnit 7)")}
revision = "Revision af den strategiske samarbejdsaftale kræver godkendelse i Landsbyggefonden"
delaftale_revision = \"\"\"
Eventuelle ændringer i delaftalen godkendes af bestyrelsen, hvorefter boligorganisationen uploader den reviderede aftale i Landsbyggefondens driftsstøtteportal.

Såfremt der er tale om væsentlige ændringer, inddrages Landsbyggefonden.
\"\"\"

[aftale]
omraadenavn = {name}
parter = ["boligorganisation", "kommune"]
fra = {fill("aftalens første dag, ÅÅÅÅ-MM-DD uden anførselstegn")}
til = {fill("aftalens sidste dag, ÅÅÅÅ-MM-DD uden anførselstegn")}

[[parter]]
id = "boligorganisation"
navn = {fill("boligorganisationens navn")}

[[parter]]
id = "kommune"
navn = {fill("kommunens navn")}
kontakt = {{ navn = {fill("kontaktpersonens navn")}, telefon = {fill("telefon")}, email = {fill("e-mail")} }}

[[parter]]
id = "helhedsplanen"
navn = {_string(f"Den boligsociale helhedsplan for {area_name}")}
kortnavn = "Helhedsplanen"

[boligomraade]
indledning = {fill("indledende beskrivelse af samarbejdet og området")}
beliggenhed = {fill("hvor helhedsplanen ligger")}
husstande = {fill("antal husstande")}
beboere = {fill("antal beboere")}
afdelinger = [{{ organisation = "boligorganisation", navn = {fill("afdelingens navn")} }}]
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
{_areas()}
[[medarbejdere]]
id = "projektleder"
titel = "Projektleder"
aarsvaerk = 1
aarsloen = {fill("lønudgift pr. årsværk pr. år i kr.")}
{_sub_agreements()}
[budget]
periodeinddeling = "aftaleaar"
perioder = [
    {{ id = "aar1", fra = {fill("første dag i 1. aftaleår")}, til = {fill("sidste dag i 1. aftaleår")} }},
]
udgifter = []
finansiering = [
    {{ kilde = "lbf", beloeb = {{ aar1 = {fill("Landsbyggefondens beløb i kr.")} }} }},
    {{ kilde = "kommune", part = "kommune", beloeb = {{ aar1 = {fill("kommunens beløb i kr.")} }} }},
    {{ kilde = "boligorganisation", part = "boligorganisation", beloeb = {{ aar1 = {fill("boligorganisationens beløb i kr.")} }} }},
]

[[milepaele]]
titel = "Helhedsplanen starter"
dato = {fill("aftalens første dag, ÅÅÅÅ-MM-DD uden anførselstegn")}
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
    {{ part = "boligorganisation", rolle = {fill("medlemmets rolle")} }},
    {{ part = "kommune", rolle = {fill("medlemmets rolle")} }},
]
opgaver = [{fill("bestyrelsens opgaver")}]
moeder = {fill("hvor ofte bestyrelsen mødes")}
sekretariat = {fill("hvem der er sekretariat for bestyrelsen")}
"""


# Example values for the placeholders whose field is not text, so that a
# filled-in skeleton is a valid agreement (used to learn what a template
# gets, and in the tests).
SAMPLE_VALUES = {
    "aftalens første dag, ÅÅÅÅ-MM-DD uden anførselstegn": "2025-01-01",
    "aftalens sidste dag, ÅÅÅÅ-MM-DD uden anførselstegn": "2025-12-31",
    "første dag i 1. aftaleår": "2025-01-01",
    "sidste dag i 1. aftaleår": "2025-12-31",
    "antal husstande": "1200",
    "antal beboere": "2500",
    "lønudgift pr. årsværk pr. år i kr.": "800",
    "Landsbyggefondens beløb i kr.": "600",
    "kommunens beløb i kr.": "100",
    "boligorganisationens beløb i kr.": "100",
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

    from .model import AgreementFile

    data = tomllib.loads(filled(new_agreement("Eksempelby")), parse_float=Decimal)
    return AgreementFile.model_validate(data)
