"""The plan's beredskabsplan and kommissorium (they have no LBF template):
docgen's own layout of them, or a hand-made one read by its headings."""
from __future__ import annotations

import re

from . import contacts
from .labels import normal
from .lines import Line, danish_dates, markdown, rows


def contingency(reader, lines: list[Line]) -> None:
    """The beredskabsplan: docgen's own layout, or a hand-made one by its headings."""
    plan: dict = {}
    sections: dict[str, list[Line]] = {}
    current = None
    for line in lines[1:]:
        key = line.label.key if line.label else None
        key = {"kommissorium_formaal": "formaal"}.get(key, key)
        if key == "kontaktperson" and (line.heading or line.bold) and len(line.text.split()) == 1:
            key = "kontaktliste"  # a heading "Kontaktpersoner" is the plan's contact list
        if key in ("formaal", "situationer", "kontaktliste", "opfoelgning"):
            current = sections.setdefault(key, [])
            continue
        if key in ("indsatsens_navn", "delaftale_periode", "periode"):
            current = None
            continue
        if current is not None:
            current.append(line)
        elif not (line.cell is not None or _heading_of_plan(line.text)):
            reader.unplaced("beredskabsplanen", [line])
    reader.text_field("formaal", sections.get("formaal", []), plan)
    reader.text_field("opfoelgning", sections.get("opfoelgning", []), plan)
    situations: list[dict] = []
    body: list[Line] = []
    for line in sections.get("situationer", []):
        if reader.fixed(line):
            continue
        if line.cell is None and (line.heading or line.bold) and line.bullet is None:
            situations.append({"titel": re.sub(r"^\d+\.\s*", "", line.text.replace("*", "").strip())})
            body = []
            situations[-1]["_lines"] = body
            continue
        body.append(line)
    for situation in situations:
        lines_ = situation.pop("_lines")
        situation["beskrivelse"] = markdown([ln for ln in lines_ if ln.cell is None and ln.bullet is None
                                             and ln.label is None and "\t" not in ln.text])
        actions, informed = [], []
        for line in lines_:
            if line.label and line.label.key == "informeres" and line.cell is None and "\t" not in line.text:
                # "Informeres: fsb, AAB" (in the table, the row below reads it)
                informed += _parties_in(reader, line.label.rest)
            elif line.bullet is not None and line.cell is None:  # a hand-made plan: "- Helhedsplanen: ringer 112"
                who, _, what = line.text.partition(":")
                party = reader.parties.find(who) if what.strip() and len(who.split()) <= 6 else None
                if party is None:
                    reader.notes.guess(f"handlingen »{line.text.strip()[:60]}« er sat til helhedsplanen",
                                     ("beredskabsplan", "situationer", situations.index(situation), "handlinger"))
                actions.append({"handling": (what if party else line.text).strip(),
                                "hvem": [party or "helhedsplanen"]})
        for row in rows([ln for ln in lines_ if ln.cell is not None or "\t" in ln.text]):
            cells = (row + ["", "", ""])[:3]
            if normal(cells[1]) == "handling":
                continue
            found = re.match(r"^\**informeres:?\**\s*(.*)$", normal(cells[0]))
            if found:
                informed += [_party(reader, n) for n in re.split(r",\s*|\s+og\s+", row[0].split(":", 1)[-1])
                             if n.strip()]
                continue
            if cells[1].strip():
                who = _parties_in(reader, cells[2])
                actions.append({"handling": cells[1].strip(), "hvem": who or ["helhedsplanen"]})
        situation["handlinger"] = actions
        situation["informeres"] = informed
    if situations:
        plan["situationer"] = situations
    contacts_: list[str] = []
    for line in sections.get("kontaktliste", []):  # a hand-made list: "fsb: Anne Hansen, 12345678, ah@fsb.dk"
        if line.cell is None and "\t" not in line.text and ":" in line.text:
            name, _, rest = line.text.partition(":")
            parsed = contacts.parse(rest.replace(",", " /"))
            pid = reader.parties.find(name)
            if pid is None:
                pid = reader.parties.add(name, parsed.fields or None)
            else:
                reader.parties.merge_contact(pid, parsed.fields or None)
            contacts_.append(pid)
    for row in rows(sections.get("kontaktliste", [])):
        cells = (row + ["", "", "", ""])[:4]
        if normal(cells[0]) == "part" or not cells[0].strip():
            continue
        contact = None
        if cells[1].strip():
            title, name = contacts.split_title(cells[1].strip())
            contact = {k: v for k, v in (("titel", title), ("navn", name), ("telefon", cells[2].strip()),
                                         ("email", cells[3].strip())) if v}
        pid = reader.parties.find(cells[0])
        if pid is None:
            pid = reader.parties.add(cells[0], contact)
        else:  # contacts that stand only in the beredskabsplan are the parties' contacts
            reader.parties.merge_contact(pid, contact)
        contacts_.append(pid)
    if contacts_:
        plan["kontakter"] = contacts_
    reader.data["beredskabsplan"] = plan

def _parties_in(reader, text: str) -> list[str]:
    """The parties a list names ("fsb, AAB og Københavns Kommune"); a name
    that itself holds "og" is kept whole when it is a party's name."""
    out: list[str] = []
    for piece in re.split(r",\s*", text.replace("*", "")):
        words = re.split(r"\s+og\s+", piece.strip())
        start = 0
        while start < len(words):
            for end in range(len(words), start, -1):  # the longest run of parts that is a party's name
                name = " og ".join(words[start:end])
                if end - start == 1 or reader.parties.exact(name):
                    if name.strip():
                        out.append(_party(reader, name))
                    start = end
                    break
    return out


def _party(reader, name: str) -> str:
    name = name.replace("*", "").strip()
    pid = reader.parties.find(name)
    if pid is None:
        pid = reader.parties.add(name)
        reader.notes.guess(f"»{name}« er ikke en kendt part; den er oprettet som ny part", ("parter",))
    return pid

def board(reader, lines: list[Line]) -> None:
    """The kommissorium: docgen's own layout, or a hand-made one by its headings."""
    terms: dict = {}
    sections: dict[str, list[Line]] = {}
    current = None
    keys = {"baggrund": "baggrund", "kommissorium_formaal": "formaal", "formaal": "formaal",
            "kommissorium_sammensaetning": "medlemmer", "sammensaetning": "medlemmer", "opgaver": "opgaver",
            "moeder": "moeder",
            "sekretariat": "sekretariat"}
    title = lines[0].label.rest if lines[0].label else ""
    for line in lines[1:]:
        key = keys.get(line.label.key) if line.label else None
        if key:
            current = sections.setdefault(key, [])
            continue
        if current is not None and not reader.fixed(line):
            current.append(line)
        elif current is None and not _heading_of_plan(line.text):
            reader.unplaced("kommissoriet", [line])
    background = sections.get("baggrund", [])
    for n, line in enumerate(background):
        if line.heading and "ansvar efter den strategiske" in normal(line.text):
            background = background[:n]  # docgen's own: the body's description from section 3
            break
    reader.text_field("baggrund", background, terms)
    reader.text_field("formaal", sections.get("formaal", []), terms)
    members = []
    last = None
    for row in rows(sections.get("medlemmer", [])):
        cells = (row + ["", "", ""])[:3]
        if normal(cells[0]) in ("part", "i alt") or not (cells[0].strip() or cells[1].strip()):
            continue
        # an empty part cell goes on with the party above (docgen writes each party once)
        party = _party(reader, cells[0]) if cells[0].strip() else last
        if party is None:
            continue
        last = party
        member = {"part": party, "rolle": cells[1].strip() or cells[0].strip()}
        if cells[2].strip().isdigit() and int(cells[2]) > 1:
            member["antal"] = int(cells[2])
        members.append(member)
    for line in sections.get("medlemmer", []):  # a hand-made list: "- fsb: boligsocial chef"
        if line.bullet is None or line.cell is not None:
            continue
        who, _, role = line.text.partition(":")
        party = reader.parties.find(who) if role.strip() else None
        if party is None:
            party = next((pid for pid in reader.data.get("aftale", {}).get("parter", [])
                          if reader.parties.find(line.text) == pid), None)
        if party is None:
            party = "helhedsplanen"
            reader.notes.guess(f"medlemmet »{line.text.strip()[:60]}« er ikke knyttet til en kendt part",
                             ("kommissorium", "medlemmer", len(members), "part"))
        members.append({"part": party, "rolle": (role or line.text).strip()})
    if members:
        terms["medlemmer"] = members
    task_lines = [ln for ln in sections.get("opgaver", []) if not reader.fixed(ln)]
    tasks = [ln.text.strip() for ln in task_lines if ln.bullet is not None]
    if not tasks and task_lines:  # a list typed as plain lines
        tasks = [ln.text.strip() for ln in task_lines]
        reader.notes.guess("kommissoriets opgaver stod ikke som punktopstilling; hver linje er læst som én opgave",
                           ("kommissorium", "opgaver"))
    else:
        reader.unplaced("kommissoriet, opgaver", [ln for ln in task_lines if ln.bullet is None])
    if tasks:
        terms["opgaver"] = tasks
    reader.text_field("moeder", sections.get("moeder", []), terms)
    reader.text_field("sekretariat", sections.get("sekretariat", []), terms)
    bodies = reader.data.get("organisation", {}).get("organer", [])
    organ = next((b["id"] for b in bodies if normal(b["navn"]) == normal(title)), None)
    if organ is None and bodies:
        organ = bodies[0]["id"]
        if title:
            reader.notes.guess(f"kommissoriet for »{title}« er sat til organet »{bodies[0]['navn']}«",
                             ("kommissorium", "organ"))
    if organ:
        terms["organ"] = organ
    reader.data["kommissorium"] = terms

# -- everything once


def _heading_of_plan(text: str) -> bool:
    """docgen's own front matter of a plan: the helhedsplan's name and its period."""
    line = normal(text)
    return line.startswith("den boligsociale helhedsplan for") or len(danish_dates(text)) == 2
