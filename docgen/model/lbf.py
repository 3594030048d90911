"""Facts fixed by Landsbyggefonden, per funding period (pulje).

These do not belong in agreement.toml: every helhedsplan of a pulje shares
them.  Each pulje's indsatsområder (ids, names, short names), overall goals
and indicators and rules (LBF's maximum share) are data, one file per pulje
in docgen/model/puljer/ (``2019-26.toml``); adding a funding period is adding a
file.  An agreement names its pulje in [aftale] pulje (default "2019-26").
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")

DEFAULT_PULJE = "2019-26"
# Folders holding one <pulje>.toml each; the tests add one of their own.
PULJE_DIRS: list[Path] = [Path(__file__).resolve().parent / "puljer"]


class UnknownPulje(LookupError):
    """No data file for the pulje."""


@dataclass(frozen=True)
class AreaSpec:
    """One indsatsområde of a pulje."""

    id: str
    name: str
    short_name: str
    goal: str                                # LBF's overall goal
    indicators: tuple[tuple[str, str], ...]  # (indicator, usual data source)
    other_names: tuple[str, ...] = ()        # other names agreements have used for it


@dataclass(frozen=True)
class Pulje:
    id: str
    areas: dict[str, AreaSpec]  # in LBF's order
    max_lbf_share: Decimal
    # LBF's fixed labels in the pulje's templates (key -> spellings, the
    # template's first) and the openings of LBF's fixed template text;
    # 'docgen import --ny' reads a hand-made agreement by them.
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fixed_text: tuple[str, ...] = ()

    @property
    def names(self) -> dict[str, str]:
        return {a: spec.name for a, spec in self.areas.items()}


def known_puljer() -> list[str]:
    """The ids of every pulje with a data file, sorted."""
    return sorted({f.stem for d in PULJE_DIRS if d.is_dir() for f in d.glob("*.toml")})


def pulje(pulje_id: str = DEFAULT_PULJE) -> Pulje:
    """The pulje's facts (read once); UnknownPulje names the known ones."""
    return _find(pulje_id, tuple(PULJE_DIRS))


@lru_cache(maxsize=None)
def _find(pulje_id: str, folders: tuple[Path, ...]) -> Pulje:
    for folder in folders:
        path = folder / f"{pulje_id}.toml"
        if path.is_file():
            return _read(path)
    raise UnknownPulje(
        f"puljen '{pulje_id}' findes ikke. Kendte puljer: {', '.join(known_puljer())}"
    )


@lru_cache(maxsize=None)
def _read(path: Path) -> Pulje:
    data = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    areas = {
        a["id"]: AreaSpec(
            a["id"], a["navn"], a.get("kortnavn", a["navn"]), a["maal"],
            tuple((i["indikator"], i.get("datakilde", "")) for i in a["indikatorer"]),
            tuple(a.get("andre_navne", ())),
        )
        for a in data["omraader"]
    }
    labels = {key: tuple(spellings) for key, spellings in data.get("etiketter", {}).items()}
    result = Pulje(data["navn"], areas, Decimal(data["lbf_hoejst_andel"]), labels, tuple(data.get("fast_tekst", ())))
    for n, spec in enumerate(areas.values()):  # every pulje read so far, for AREAS lookups
        AREAS.setdefault_other(spec.id, spec.name)
        AREA_SHORT.setdefault_other(spec.id, spec.short_name)
        _ORDER.setdefault(spec.id, n)
    return result


class _Names(dict):
    """The default pulje's areas (id -> name), in LBF's order, for iteration;
    a lookup also finds the areas of any other pulje read, so code that
    only turns an id into its name works for every pulje."""

    def __init__(self) -> None:
        super().__init__()
        self._other: dict[str, str] = {}

    def setdefault_other(self, key: str, value: str) -> None:
        self._other.setdefault(key, value)

    def __missing__(self, key: str) -> str:
        return self._other[key]


AREAS = _Names()
AREA_SHORT = _Names()
_ORDER: dict[str, int] = {}  # each area's place in its pulje
_default = pulje(DEFAULT_PULJE)
AREAS.update(_default.names)
AREA_SHORT.update({a: spec.short_name for a, spec in _default.areas.items()})

# LBF's overall goal and indicators for each indsatsområde of the default
# pulje, with the usual data source.
GOALS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    a: (spec.goal, list(spec.indicators)) for a, spec in _default.areas.items()
}

# Landsbyggefonden pays at most this share of the budget (the default
# pulje's rule; checks use the agreement's pulje).
LBF_MAX_SHARE = _default.max_lbf_share


def pulje_of(agreement) -> Pulje:
    """The pulje the agreement names (checked by checks.pulje)."""
    return pulje(agreement.agreement.pulje)


def goal_of(agreement, goals) -> str:
    """An [[omraader]] entry's overall goal: its own 'maal', else the pulje's."""
    return goals.goal or pulje_of(agreement).areas[goals.area].goal


def indicator_of(agreement, goals, n: int) -> tuple[str, str]:
    """The n-th indicator of an [[omraader]] entry and its data source: its
    own text, else the pulje's indicator in the same place (and its usual
    source when the entry gives none).  checks.pulje makes sure it exists."""
    indicator = goals.indicators[n]
    if indicator.indicator is not None:
        return indicator.indicator, indicator.source
    text, source = pulje_of(agreement).areas[goals.area].indicators[n]
    return text, indicator.source or source


# The documents of the upload set, by kind: the Danish name, what the
# document is, the requirement of the strategic agreement's section
# "Aftaledokumenter" it answers (LBF's own words), and who approves a change
# (its revision rules; "{bestyrelse}" is the local board; empty: nobody on
# its own).
DOCUMENT_KINDS: dict[str, dict[str, str]] = {
    "strategisk": {
        "navn": "Strategisk samarbejdsaftale",
        "hvad": "Aftalen mellem kommune og boligorganisationer: parter, vision, organisering, mål og indikatorer",
        "krav": "Det er et krav, at der udarbejdes en strategisk samarbejdsaftale for at opnå Landsbyggefondens "
                "støtte til boligsocial indsats.",
        "godkendes_af": "Landsbyggefonden",
    },
    "delaftale": {
        "navn": "Delaftale",
        "hvad": "Aftalen om aktiviteterne i ét indsatsområde: parter, delmål, aktiviteter og medarbejderressourcer",
        "krav": "En delaftale for hvert af de valgte indsatsområder",
        "godkendes_af": "{bestyrelse}",  # and LBF too when the change is substantial (diff.SUBSTANTIAL)
    },
    "budget": {
        "navn": "Budget",
        "hvad": "Udgifter pr. periode og kategori og finansiering pr. kilde",
        "krav": "Et budget",
        "godkendes_af": "Landsbyggefonden",
    },
    "beredskabsplan": {
        "navn": "Beredskabsplan",
        "hvad": "Hvordan parterne handler i akutte situationer, og hvem der kontaktes",
        "krav": "En beredskabsplan",
        "godkendes_af": "{bestyrelse}",
    },
    "milepaelsplan": {
        "navn": "Milepælsplan",
        "hvad": "Milepælene for hele perioden med tidspunkt, ansvarlig og status",
        "krav": "En milepælsplan",
        "godkendes_af": "{bestyrelse}",
    },
    "kommissorium": {
        "navn": "Kommissorium for bestyrelsen",
        "hvad": "Bestyrelsens baggrund, formål, sammensætning, opgaver, møder og sekretariat",
        "krav": "Der skal tillige uploades et kommissorium for bestyrelsen (ingen skabelon).",
        "godkendes_af": "{bestyrelse}",
    },
    "indberetningsskema": {
        "navn": "Indberetningsskema",
        "hvad": "Nøgletal, årsværk og budget pr. indsatsområde",
        "krav": "Endvidere skal der udfyldes og uploades et indberetningsskema på sagen i driftsstøttesystemet.",
        "godkendes_af": "",  # derived from the budget and the delaftaler; nobody approves it on its own
    },
}

# 37 hours a week is one full-time-equivalent year (årsværk).
HOURS_PER_STAFF_YEAR = Decimal(37)


def in_lbf_order(items: Iterable[T], area_of: Callable[[T], str]) -> list[T]:
    """The items sorted by their indsatsområde in LBF's order (within the
    pulje the area belongs to)."""
    return sorted(items, key=lambda item: _ORDER[area_of(item)])

