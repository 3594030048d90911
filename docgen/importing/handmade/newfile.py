"""The new agreement.toml from what the documents hold (handmade.py), and
for the rest (budget, salaries, milestones, …) the placeholders of the
skeleton 'docgen init' writes (source/skeleton.py: one source of
placeholders), so 'docgen validate' lists exactly what is left.  Text
that could not be placed is kept verbatim in a comment block at the end.
"""
from __future__ import annotations

import datetime as dt
import json
import tomllib
from decimal import Decimal

from ...source.skeleton import HOURLY_COST, HOUSING, PLACEHOLDER_PREFIX, new_agreement
from ...source.writer import number_literal, string_literal
from .reader import Reader

ORDER = ("vision", "lokal_evaluering", "revision", "delaftale_revision", "aftale", "parter", "boligomraade",
         "organisation", "samspil", "omraader", "medarbejdere", "delaftaler", "budget", "milepaele",
         "beredskabsplan", "kommissorium", "revisioner")


PARTY_KEYS = ("part", "ansvarlig", "kontakter", "informeres", "hvem", "organisation", "parter")


def placeholder(what: str) -> str:
    return f"{PLACEHOLDER_PREFIX}: {what}]"


def _remap(ids: dict[str, str | None]):
    """A function putting the documents' parties in place of the skeleton's
    ("kommune", "boligorganisation_1" …); what refers to a party the
    documents do not have (a second housing organisation) is left out."""
    def fix(value, key: str = ""):
        if isinstance(value, dict):
            if any(isinstance(value.get(k), str) and value[k] in ids and ids[value[k]] is None for k in PARTY_KEYS):
                return None
            return {k: fix(v, k) for k, v in value.items()}
        if isinstance(value, list):
            fixed = [fix(v, key) for v in value]
            return [v for v in fixed if v is not None]
        if key in PARTY_KEYS and isinstance(value, str) and value in ids:
            return ids[value]
        return value
    return fix


def assemble(reader: Reader) -> dict:
    """The whole file's data: the documents' facts over the skeleton's placeholders."""
    data = reader.data
    agreement = data.get("aftale", {})
    areas = [s["omraade"] for s in reader.sub_agreements] or list(data.get("_omraader", {})) or None
    start, end = agreement.get("fra"), agreement.get("til")
    dated = isinstance(start, dt.date) and isinstance(end, dt.date)
    skeleton = tomllib.loads(new_agreement(agreement.get("omraadenavn", "Boligområdet"), areas,
                                           pulje_id=reader.funding.id, first=start if dated else None,
                                           last=end if dated else None), parse_float=Decimal)
    if dated:
        reader.notes.guess("budgettet er delt i aftaleår fra aftalens første dag; følger jeres budget kalenderår, "
                           "så skriv periodeinddeling = \"kalenderaar\" og perioderne om", ("budget", "periodeinddeling"))
    parties = reader.parties.entries
    municipality = next((p["id"] for p in parties if "kommune" in p["navn"].lower()), None)
    housing = [pid for pid in agreement.get("parter", []) if pid != municipality]
    fix = _remap({"kommune": municipality or "helhedsplanen",
                  HOUSING[0]: housing[0] if housing else "helhedsplanen",
                  HOUSING[1]: housing[1] if len(housing) > 1 else None})

    out: dict = {}
    for key in ("vision", "lokal_evaluering", "revision", "delaftale_revision"):
        out[key] = data.get(key, skeleton[key])
    aftale = dict(skeleton["aftale"])
    aftale.update({k: v for k, v in agreement.items()})
    if not agreement.get("parter"):
        aftale["parter"] = [*housing, *([municipality] if municipality else [])] or ["helhedsplanen"]
    out["aftale"] = aftale
    out["parter"] = parties
    area = dict(skeleton["boligomraade"])
    area.update(data.get("boligomraade", {}))
    if not data.get("boligomraade", {}).get("afdelinger"):
        area["afdelinger"] = fix(skeleton["boligomraade"]["afdelinger"])
    out["boligomraade"] = area
    organisation = dict(skeleton["organisation"])
    organisation.update(data.get("organisation", {}))
    out["organisation"] = organisation
    out["samspil"] = data.get("samspil", [])
    goals = data.get("_omraader", {})
    skeleton_goals = {g["id"]: g for g in skeleton["omraader"]}
    out["omraader"] = []
    for area_id in skeleton_goals:
        entry = dict(skeleton_goals[area_id])
        found = goals.get(area_id, {})
        entry.update({k: v for k, v in found.items() if v})
        out["omraader"].append(entry)
    roles = []
    for role in getattr(reader, "roles", []):
        item = {"id": role.id, "titel": role.title}
        if role.hourly:
            item["timer_pr_uge"] = role.total
            item["timeloen"] = placeholder(HOURLY_COST)
        else:
            item["aarsvaerk"] = role.total
            item["aarsloen"] = skeleton["medarbejdere"][0]["aarsloen"]
        roles.append(item)
    skeleton_subs = {s["omraade"]: s for s in skeleton["delaftaler"]}
    subs = []
    for sub in reader.sub_agreements:
        base = skeleton_subs.get(sub["omraade"], {})
        merged = {"omraade": sub["omraade"]}
        area_name = reader.funding.areas[sub["omraade"]].name
        for key in ("parter", "medarbejdere", "delmaal", "aktiviteter_indledning", "kommunal_sammenhaeng",
                    "revision", "aktiviteter"):
            value = sub.get(key)
            merged[key] = value if value else fix(base.get(key), key)
        if not sub.get("parter"):
            reader.notes.guess(f"delaftalen for {area_name} nævner ingen parter; skelettets parter er sat ind",
                               ("delaftaler", len(subs), "parter"))
        if not sub.get("medarbejdere"):  # the documents are silent: a placeholder, never a made-up share
            merged["medarbejdere"] = [{"rolle": "projektleder",
                                       "aarsvaerk": placeholder(f"projektlederens årsværk i {area_name}")}]
            if not any(r["id"] == "projektleder" for r in roles):
                roles.append({**skeleton["medarbejdere"][0],
                              "aarsvaerk": placeholder("projektlederens årsværk i alt")})
        merged = {k: v for k, v in merged.items() if v is not None}
        for activity in merged.get("aktiviteter", []):
            template = base.get("aktiviteter", [{}])[0]
            for key in ("formaal", "maalgrupper", "indhold", "ansvar"):
                if not activity.get(key):
                    activity[key] = fix(template.get(key), key)
        subs.append(merged)
    if not roles:
        roles = [dict(skeleton["medarbejdere"][0])]
    out["medarbejdere"] = roles
    out["delaftaler"] = subs or skeleton["delaftaler"]
    out["budget"] = fix(skeleton["budget"])
    finansiering = out["budget"]["finansiering"]
    template = next((f for f in skeleton["budget"]["finansiering"] if f.get("part") == HOUSING[0]), None)
    for pid in housing[2:]:  # a third housing organisation and on: its own co-financing line
        name = next(p["navn"] for p in parties if p["id"] == pid)
        if template:
            finansiering.append({**template, "part": pid,
                                 "beloeb": {k: placeholder(f"beløbet fra {name} i kr.") for k in template["beloeb"]}})
    milestones = fix(skeleton["milepaele"])
    if isinstance(aftale.get("fra"), dt.date):
        milestones[0]["dato"] = aftale["fra"]
    out["milepaele"] = milestones
    plan = fix(dict(skeleton["beredskabsplan"]))
    plan.update(data.get("beredskabsplan", {}))
    out["beredskabsplan"] = plan
    board = fix(dict(skeleton["kommissorium"]))
    bodies = organisation.get("organer") or []
    if bodies and board.get("organ") not in {b["id"] for b in bodies}:
        board["organ"] = bodies[0]["id"]
    board.update(data.get("kommissorium", {}))
    out["kommissorium"] = board
    out["revisioner"] = data.get("revisioner") or skeleton["revisioner"]
    if not out["samspil"]:
        del out["samspil"]
    return out


# --- writing TOML ------------------------------------------------------------------


def _string(text: str) -> str:
    if "\n" in text.strip("\n"):
        # as agreement.toml writes long texts: the quotes on lines of their own
        return string_literal(text + "\n", '"""\n')
    return json.dumps(text, ensure_ascii=False)


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return number_literal(value)
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            return "[\n" + "".join(f"    {_inline(v)},\n" for v in value) + "]"
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    raise TypeError(type(value))


def _inline(value) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    return _value(value)


def _key(key: str) -> str:
    return key if key.replace("_", "").isalnum() and key.isascii() else json.dumps(key)


def _is_table_list(value) -> bool:
    """A list written as [[tables]]: its dicts are long, or hold long texts or such lists."""
    if not (isinstance(value, list) and value and all(isinstance(v, dict) for v in value)):
        return False
    return any(len(_inline(v)) > 150 for v in value) or any(
        isinstance(x, str) and ("\n" in x.strip("\n") or len(x) > 100)
        or (isinstance(x, list) and x and isinstance(x[0], dict) and _is_table_list(x))
        for v in value for x in v.values())


def _table(name: str, table: dict, lines: list[str]) -> None:
    simple = {k: v for k, v in table.items() if not (isinstance(v, dict) and k != "kontakt" or _is_table_list(v))}
    for key, value in simple.items():
        lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in table.items():
        if key in simple:
            continue
        full = f"{name}.{key}" if name else key
        if isinstance(value, dict):
            lines.append("")
            lines.append(f"[{full}]")
            _table(full, value, lines)
        else:
            for item in value:
                lines.append("")
                lines.append(f"[[{full}]]")
                _table(full, item, lines)


def dumps(data: dict, header: str, unplaced: list[tuple[str, str]]) -> str:
    lines = [header.rstrip("\n"), ""]
    top = {k: data[k] for k in ORDER if k in data}
    _table("", {k: v for k, v in top.items() if not isinstance(v, (dict, list)) or k in ()}, lines)
    for key, value in top.items():
        if not isinstance(value, (dict, list)):
            continue
        lines.append("")
        if isinstance(value, dict):
            lines.append(f"[{key}]")
            _table(key, value, lines)
        else:
            for n, item in enumerate(value):
                if n:
                    lines.append("")
                lines.append(f"[[{key}]]")
                _table(key, item, lines)
    if unplaced:
        lines += ["", "# " + "-" * 75, "# IKKE PLACERET: tekst fra dokumenterne, som docgen ikke kunne placere i et felt.",
                  "# Den står her ordret; flyt den til det rigtige felt, eller slet den.", "# " + "-" * 75]
        last = None
        for where, text in unplaced:
            if where != last:
                lines.append(f"# [{where}]")
                last = where
            for part in text.split("\n"):
                lines.append(f"#   {part}")
    return "\n".join(lines) + "\n"
