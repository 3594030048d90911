"""Reading a plan's own Word documents by LBF's fixed labels.

A hand-made agreement follows LBF's template loosely, so nothing here
depends on one document's layout: every paragraph (body or table cell) is
a line; a line that is, or begins with, one of the pulje's labels
(labels.py) starts a field wherever it stands; the text up to the next
label is the field's value.  The documents (the strategic agreement, each
delaftale, beredskabsplan, kommissorium) are found by their titles, in one
file or many, in any order.

The result is the agreement's data in agreement.toml's shape (plain
dicts), with a Notes record of what was recognised, what was guessed
(with the field's path) and what could not be placed (kept verbatim).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model.lbf import Pulje
from . import contacts, plans, staffing
from .labels import Labels, distance, fixed_text, normal
from .lines import (Line, danish_dates, lines_of, markdown, page_furniture, plain_text, rest_line, rows,
                    unwrap)
from .notes import Notes
from .parties import Parties, body_id, slug
from ..shared.word import Block, escape_markdown

# docgen's own layout of the beredskabsplan and the kommissorium (its lead-in texts)
DOCGEN_TEXT = ("Bestyrelsen består af:", "Bestyrelsen har disse opgaver:",
               "Sammensætning ifølge den strategiske samarbejdsaftale")


class NotAnAgreement(ValueError):
    """No document of an agreement was found; the message says what was looked for."""


# --- the documents -----------------------------------------------------------

DOCUMENT_KEYS = ("strategisk", "delaftale", "beredskabsplan", "kommissorium")


def split_documents(lines: list[Line]) -> list[tuple[str, list[Line]]]:
    """(kind, lines) for each document found in one file's lines."""
    out: list[tuple[str, list[Line]]] = []
    for line in lines:
        key = line.label.key if line.label else None
        starts = key in DOCUMENT_KEYS and line.title_like and line.cell is None
        if key == "omraadets_navn" and not any(kind == "strategisk" for kind, _ in out[-1:]):
            starts, key = True, "strategisk"
        if starts and not (key == "strategisk" and out and out[-1][0] == "strategisk" and len(out[-1][1]) < 3):
            out.append((key, [line]))
        elif out:
            out[-1][1].append(line)
        else:
            out.append(("", [line]))
    return out


@dataclass
class Reader:
    funding: Pulje
    notes: Notes = field(default_factory=Notes)

    def __post_init__(self) -> None:
        self.parties = Parties(self.notes)
        self.data: dict = {}
        self.sub_agreements: list[dict] = []
        self.staff_lines: dict[str, list[staffing.StaffLine]] = {}
        # each activity with its responsibility groups (heading, lines), resolved once all parties are known
        self.pending_responsibilities: list[tuple[dict, list[tuple[str, list[Line]]]]] = []
        self.listed_activities: dict[str, list[str]] = {}

    # -- helpers
    def fixed(self, line: Line) -> bool:
        return fixed_text(line.text, self.funding.fixed_text) or fixed_text(line.text, DOCGEN_TEXT)

    def unplaced(self, where: str, lines: list[Line]) -> None:
        for line in lines:
            if line.text.strip() and not self.fixed(line):
                self.notes.unplaced.append((where, line.text.strip()))

    def area_of(self, text: str) -> str | None:
        key = normal(text).strip(" *:")
        best, best_d = None, 99
        for area, spec in self.funding.areas.items():
            for name in (spec.name, spec.short_name, *spec.other_names):
                d = distance(key, normal(name), 3)
                if d < best_d:
                    best, best_d = area, d
        return best if best_d <= 3 else None

    # -- reading
    def read(self, files: list[list[Block]]) -> None:
        labels = self.labels = Labels(self.funding.labels)
        self.furniture: set[str] = set()  # running page headers' texts (the import report shows them)
        found = []
        for blocks in files:
            lines, furniture = page_furniture(lines_of(blocks, labels))
            self.furniture.update(line.text for line in furniture)
            if furniture:  # running page headers: never a document's start, not the plan's text
                self.notes.variants.append(f"{len(furniture)} gentagne sidehoveder og sidetal (fx "
                                           f"»{furniture[0].text.strip()[:60]}«) er sprunget over")
            found += split_documents(unwrap(lines, self.fixed))
        kinds = [k for k, _ in found if k]
        if not kinds:
            looked = ", ".join(f"»{self.funding.labels[k][0].rstrip(' …')}«" for k in
                               ("strategisk", "omraadets_navn", "delaftale", "aktivitetsnavn"))
            raise NotAnAgreement(
                "dokumentet ligner ikke en boligsocial aftale: docgen ledte efter LBF's faste overskrifter og "
                f"etiketter ({looked} …) og fandt ingen af dem")
        for kind, lines in found:
            if kind == "strategisk":
                self.strategic(lines)
            elif kind == "delaftale":
                self.delaftale(lines)
        self.finish()
        for kind, lines in found:  # after the parties are known
            if kind == "beredskabsplan":
                plans.contingency(self, lines)
            elif kind == "kommissorium":
                plans.board(self, lines)
            elif kind == "":
                self.unplaced("før aftalens første overskrift", lines)
        self.notes.documents = kinds
        self.summarise()

    # -- the strategic agreement
    def strategic(self, lines: list[Line]) -> None:
        sections: dict[str, list[Line]] = {}
        current = "forside"
        front: dict[str, list[Line]] = {}
        for line in lines[1:] if lines[0].label and lines[0].label.key == "strategisk" else lines:
            key = line.label.key if line.label else None
            if key and key.startswith("afsnit_") or key == "aftaledokumenter":
                current = key
                sections.setdefault(current, [])
                continue
            if current == "forside":
                if key in ("omraadets_navn", "aftalens_parter", "periode", "underskrifter"):
                    front[key] = []
                    rest = rest_line(line)
                    if rest:
                        front[key].append(rest)
                    continue
                if front:
                    front[list(front)[-1]].append(line)
                continue
            sections[current].append(line)
        agreement = self.data.setdefault("aftale", {})
        if front.get("omraadets_navn"):
            agreement["omraadenavn"] = front["omraadets_navn"][0].text.strip()
        names = plain_text(front.get("aftalens_parter", [])[:1])
        if names:
            agreement["parter"] = [self.parties.add(n) for n in re.split(r",\s*|\s+og\s+", names) if n.strip()]
        dates = danish_dates(plain_text(front.get("periode", [])[:2]))
        if len(dates) >= 2:
            agreement["fra"], agreement["til"] = dates[0], dates[1]
        self.section_1(sections.get("afsnit_1", []))
        self.text_field("vision", sections.get("afsnit_2", []))
        self.section_3(sections.get("afsnit_3", []))
        self.section_4(sections.get("afsnit_4", []))
        self.section_5(sections.get("afsnit_5", []))
        self.section_6(sections.get("afsnit_6", []))
        self.text_field("lokal_evaluering", sections.get("afsnit_7", []))
        self.section_8(sections.get("afsnit_8", []))

    def text_field(self, key: str, lines: list[Line], target: dict | None = None) -> None:
        lines = [ln for ln in lines if not self.fixed(ln)]
        text = markdown(lines)
        if text:
            (self.data if target is None else target)[key] = text

    def section_1(self, lines: list[Line]) -> None:
        area: dict = {}
        lines = [ln for ln in lines if not self.fixed(ln)]
        numbers = next((i for i, ln in enumerate(lines) if re.search(r"husstande", ln.text)), None)
        start = 0
        if numbers is not None and len(re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ][a-zæøå])", lines[numbers].text)) > 1:
            # the numbers' sentence in a longer paragraph: the sentences around it stay text
            line = lines[numbers]
            sentences = re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ][a-zæøå])", line.text)
            at = next(i for i, sentence in enumerate(sentences) if "husstande" in sentence)
            pieces = [" ".join(sentences[:at]), sentences[at], " ".join(sentences[at + 1:])]
            lines[numbers:numbers + 1] = [Line(p, escape_markdown(p), line.style, line.cell, line.bullet)
                                          for p in pieces if p.strip()]
            numbers = next(i for i, ln in enumerate(lines) if re.search(r"husstande", ln.text))
        if numbers is not None:
            text = lines[numbers].text
            if numbers:
                area["indledning"] = markdown(lines[:numbers])
            households = re.search(r"([\d.]+)\s+husstande", text)
            residents = re.search(r"([\d.]+)\s+beboere", text)
            if households:
                area["husstande"] = int(households.group(1).replace(".", ""))
            if residents:
                area["beboere"] = int(residents.group(1).replace(".", ""))
            where = re.search(r"ligger\s+(.+?)\s+og vil", text)
            if where:
                area["beliggenhed"] = where.group(1)
            note = re.search(r"beboere,\s*(.+?)\.?$", text)
            if note:
                area["beboere_note"] = note.group(1)
            if not (households and residents and where):
                self.unplaced("afsnit 1 (husstande og beboere)", [lines[numbers]])
            start = numbers + 1
        departments = []
        rest: list[Line] = []
        listing = False  # after "Helhedsplanen vil omfatte følgende afdelinger:"
        table: list[Line] = []
        for line in lines[start:]:
            if line.label and line.label.key == "afdelinger":
                listing = True
                continue
            if listing and line.cell is not None and _wide(lines, line):  # a table of departments
                table.append(line)
                continue
            if listing and line.bullet is not None and line.cell is None and not re.search(
                    r"-afdelinger:|^afdelinger i ", line.text, re.IGNORECASE):  # a list: "01-30 Skolevangen I (fsb)"
                entry = self._department(line.text)
                if entry:
                    departments.append(entry)
                    continue
            if line.cell is None and line.bullet is None:
                listing = False
            text = line.text.replace("*", "").strip()
            match = re.match(r"^(?:\d+\s+)?(.+?)-afdelinger:\s*(.+)$", text) or \
                re.match(r"^afdelinger i (.+?):\s*(.+)$", text, re.IGNORECASE)  # docgen: "Afdelinger i fsb: …"
            if match:
                organisation = self.parties.find(match.group(1)) or self.parties.add(match.group(1))
                for item in re.split(r",\s*", match.group(2)):
                    number = re.match(r"^(\d[\d-]*)\s+(.+)$", item.strip())
                    entry = {"organisation": organisation}
                    if number:
                        entry["nummer"], entry["navn"] = number.group(1), number.group(2).strip()
                    else:
                        entry["navn"] = item.strip().rstrip(".")
                    departments.append(entry)
                continue
            if re.match(r"^i alt \d+ afdelinger", normal(line.text)):
                continue
            rest.append(line)
        departments += self._department_table(rows(table))
        if departments:
            area["afdelinger"] = departments
        if rest:
            area["beskrivelse"] = markdown(rest)
        self.notes.recognised["afdelinger"] = len(departments)
        self.data["boligomraade"] = area

    def _department(self, text: str, organisation: str = "") -> dict | None:
        """One department: "01-30 Skolevangen I (fsb)", "fsb: 01-30 Skolevangen I", or with its
        organisation given apart; None without an organisation (then the line is not placed here)."""
        text = text.replace("*", "").strip().rstrip(".")
        paren = re.match(r"^(.*?)\s*\(([^)]+)\)$", text)
        prefix = re.match(r"^([^:]+):\s*(.+)$", text)
        if paren and self.parties.find(paren.group(2)):
            text, organisation = paren.group(1), paren.group(2)
        elif prefix and not organisation:
            organisation, text = prefix.group(1), prefix.group(2)
        if not organisation.strip() or not text.strip():
            return None
        entry = {"organisation": self.parties.find(organisation) or self.parties.add(organisation)}
        number = re.match(r"^(\d[\d-]*)\s+(.+)$", text.strip())
        if number:
            entry["nummer"], entry["navn"] = number.group(1), number.group(2).strip()
        else:
            entry["navn"] = text.strip()
        return entry

    def _department_table(self, table: list[list[str]]) -> list[dict]:
        """Departments in a table: a header row names the organisation's, the number's and
        the department's columns ("Boligorganisation | Afdeling"); else organisation | department."""
        if not table:
            return []
        head = [normal(c).strip(" :") for c in table[0]]
        named = any("afdeling" in h for h in head)
        org = next((n for n, h in enumerate(head) if "organisation" in h or "selskab" in h), 0)
        number = next((n for n, h in enumerate(head) if h in ("nr", "nr.", "nummer", "afd. nr.", "afdelingsnummer")),
                      None)
        name = next((n for n, h in enumerate(head) if "afdeling" in h and n not in (org, number)), 1)
        out = []
        for row in table[1:] if named else table:
            cells = [c.replace("\n", " ").strip() for c in row] + [""] * 4
            text = f"{cells[number]} {cells[name]}".strip() if number is not None else cells[name]
            entry = self._department(text, cells[org])
            if entry:
                out.append(entry)
            elif any(cells):
                self.notes.unplaced.append(("afsnit 1 (afdelinger)", " | ".join(c for c in row)))
        return out

    def section_3(self, lines: list[Line]) -> None:
        organisation: dict = {}
        lines = [ln for ln in lines if not self.fixed(ln)]
        intro: list[Line] = []
        bodies: list[dict] = []
        presence: list[Line] = []
        body_lines: dict[int, dict[str, list[Line]]] = {}
        state = "intro"
        current = None
        for line in lines:
            key = line.label.key if line.label else None
            if key == "lokal_tilstedevaerelse":
                state = "presence"
                continue
            if key == "organisationsdiagram":
                continue
            if state == "presence":
                presence.append(line)
            elif line.bullet is not None and state in ("intro", "list"):
                state = "list"
                bodies.append({"id": self._body_id(line.text, bodies), "navn": line.text.strip()})
            elif state == "intro":
                intro.append(line)
            else:
                state = "bodies"
                if key == "sammensaetning" and current is not None:
                    rest = rest_line(line)
                    body_lines[current]["sammensaetning"] += [rest] if rest else []
                    continue
                italic = re.search(r"(?<!\*)\*([^*]+)\*(?!\*)", line.markdown)
                named = italic and not line.markdown.lstrip().startswith("*" + italic.group(1))
                match = self._body_for(line.text, bodies) if not named else next(
                    (n for n, b in enumerate(bodies) if normal(b["navn"]) == normal(italic.group(1))), None)
                if match is None and italic:  # a body the list did not name
                    name = italic.group(1).strip()
                    bodies.append({"id": self._body_id(name, bodies), "navn": name[:1].upper() + name[1:],
                                   "i_samarbejdsstrukturen": False})
                    match = len(bodies) - 1
                if match is not None:
                    current = match
                if current is None:
                    intro.append(line)
                    continue
                body_lines.setdefault(current, {"beskrivelse": [], "sammensaetning": []})
                if key == "sammensaetning":
                    continue
                body_lines[current]["beskrivelse"].append(line)
        for n, body in enumerate(bodies):
            parts = body_lines.get(n, {})
            body["beskrivelse"] = markdown(parts.get("beskrivelse", [])) or ""
            if parts.get("sammensaetning"):
                body["sammensaetning"] = markdown(parts["sammensaetning"])
        if intro:
            organisation["indledning"] = markdown(intro)
        if presence:
            organisation["lokal_tilstedevaerelse"] = markdown(presence)
        if bodies:
            organisation["organer"] = bodies
        self.data["organisation"] = organisation

    @staticmethod
    def _body_id(name: str, bodies: list[dict]) -> str:
        base = body_id(name)
        bid, n = base, 2
        while any(b["id"] == bid for b in bodies):
            bid, n = f"{base}_{n}", n + 1
        return bid

    def _body_for(self, text: str, bodies: list[dict]) -> int | None:
        """The body a paragraph (or an italic name in it) is about: the body
        whose name's last word (inflected) it mentions first."""
        head = normal(text)[:80]
        found = []
        for n, body in enumerate(bodies):
            words = [w for w in re.findall(r"[\wæøå]+", normal(body["navn"])) if len(w) > 5]
            if words:
                at = head.find(words[-1][:-2])
                if at >= 0:
                    found.append((at, n))
        return min(found)[1] if found else None

    def section_4(self, lines: list[Line]) -> None:
        items: list[dict] = []
        texts: list[list[Line]] = []
        before: list[Line] = []
        for line in lines:
            if self.fixed(line):
                continue
            words = len(line.text.split())
            ending = line.text.rstrip()[-1:]
            if line.bullet is None and words <= 14 and (line.heading or line.bold or (
                    words <= 10 and ending not in ":," and (ending != "." or words <= 6))):
                items.append({"titel": line.text.replace("*", "").strip()})
                texts.append([])
            elif texts:
                texts[-1].append(line)
            else:
                before.append(line)
        for item, text in zip(items, texts):
            item["tekst"] = markdown(text) or item["titel"]
        self.unplaced("afsnit 4", before)
        if items:
            self.data["samspil"] = items

    def section_5(self, lines: list[Line]) -> None:
        goals: dict[str, dict] = self.data.setdefault("_omraader", {})
        area = None
        self.unplaced("afsnit 5", [ln for ln in lines if ln.cell is None and "\t" not in ln.text])
        for row in rows(lines):
            cells = (row + [""] * 6)[:6]
            if normal(cells[0]) in ("mål", "delmål") and normal(cells[1]) == "indikator":
                continue
            if cells[0].strip():
                area = self._area_by_goal(cells[0])
                if area is None:
                    self.notes.unplaced.append(("afsnit 5 (målet svarer ikke til puljens mål)", " | ".join(row)))
                    continue
                entry = goals.setdefault(area, {"id": area, "indikatorer": []})
                entry["maal"] = cells[0].strip()  # as the document states it (LBF's goal, or the plan's wording)
            if area is None:
                continue
            indicator = {"indikator": cells[1].strip(), "baseline_omraade": cells[2].strip(),
                         "baseline_kommune": cells[3].strip(), "baselineaar": cells[4].strip(),
                         "datakilde": cells[5].strip()}
            goals[area]["indikatorer"].append({k: v for k, v in indicator.items() if v or k == "indikator"})

    def _area_by_goal(self, text: str) -> str | None:
        key = normal(text)
        best, score = None, 99
        for area, spec in self.funding.areas.items():
            d = distance(key, normal(spec.goal), 25)
            if d < score:
                best, score = area, d
        return best if score <= 25 else None

    def section_6(self, lines: list[Line]) -> None:
        goals: dict[str, dict] = self.data.setdefault("_omraader", {})
        area = None
        collected: dict[str, list[Line]] = {}
        for line in lines:
            if self.fixed(line):
                continue
            key = line.label.key if line.label else None
            found = self.area_of(line.text) if line.title_like and line.bullet is None and key is None else None
            if found:
                area = found
                collected.setdefault(area, [])
                continue
            if area is None or key == "problemkompleks":
                if area is None:
                    self.unplaced("afsnit 6", [line])
                continue
            if key == "indsatser":
                names = line.label.rest or ""
                self.listed_activities.setdefault(area, []).extend(
                    n.strip() for n in re.split(r",\s*|(?<![-–])\s+og\s+(?=[A-ZÆØÅ])", names) if n.strip())
                continue
            collected[area].append(line)
        for area, part in collected.items():
            entry = goals.setdefault(area, {"id": area, "indikatorer": []})
            if part and (part[0].bold or part[0].heading):
                entry["problemkompleks_overskrift"] = part[0].text.replace("*", "").strip()
                part = part[1:]
            elif len(part) > 1 and len(part[0].text.split()) <= 20 and part[0].text.count(". ") == 0:
                # plain text: the short first sentence is the highlighted introduction
                entry["problemkompleks_overskrift"] = part[0].text.strip()
                part = part[1:]
                self.notes.guess(f"den fremhævede indledning til problemkomplekset for "
                                 f"{self.funding.areas[area].name} er første sætning",
                                 ("omraader", list(self.funding.areas).index(area), "problemkompleks_overskrift"))
            text = markdown(part)
            if text:
                entry["problemkompleks"] = text

    def section_8(self, lines: list[Line]) -> None:
        text: list[Line] = []
        log: list[Line] = []
        for line in lines:
            if line.label and line.label.key == "aendringslog":
                log = [ln for ln in lines[lines.index(line) + 1:]]
                break
            text.append(line)
        self.text_field("revision", text)
        revisions = []
        for row in rows(log):
            cells = (row + [""] * 4)[:4]
            dates = danish_dates(cells[1])
            if dates:
                revisions.append({"dato": dates[0], "godkendt_af": cells[2].strip() or "Landsbyggefonden",
                                  "aendring": cells[3].strip() or "Revision"})
        if revisions:
            self.data["revisioner"] = revisions

    # -- a delaftale
    def delaftale(self, lines: list[Line]) -> None:
        head = lines[0]
        area = self.area_of(head.label.rest if head.label else head.text)
        if area is None:
            self.unplaced("en delaftale for et ukendt indsatsområde", lines)
            return
        if any(s["omraade"] == area for s in self.sub_agreements):
            self.notes.variants.append(f"delaftalen for {self.funding.areas[area].name} står to gange; "
                                       "den første er læst")
            return
        fields: dict[str, list[Line]] = {}
        activities: list[dict[str, list[Line]]] = []
        current: list[Line] | None = None
        activity_keys = ("formaal", "maalgrupper", "indhold", "ansvar")
        for line in lines[1:]:
            key = line.label.key if line.label else None
            key = {"periode": "delaftale_periode"}.get(key, key)  # "Aftaleperiode:" names both
            if key == "aktivitetsnavn":
                activities.append({"navn": []})
                current = activities[-1]["navn"]
            elif key in activity_keys and activities:
                current = activities[-1].setdefault(key, [])
            elif key in ("indsatsens_navn", "delaftale_periode", "delaftalens_parter", "delmaal", "aktivitetsliste",
                         "medarbejdere", "kommunal_sammenhaeng", "delaftale_revision", "aktiviteter"):
                current = fields.setdefault(key, [])
            else:
                if current is None:
                    if not self.fixed(line):
                        self.unplaced(f"delaftalen {self.funding.areas[area].name}", [line])
                    continue
                current.append(line)
                continue
            rest = rest_line(line)
            if rest:
                current.append(rest)
        sub: dict = {"omraade": area}
        name = plain_text(fields.get("indsatsens_navn", [])[:1])
        if name:
            self.parties.helhedsplan(re.sub(r"\s*\d{4}\s*-\s*\d{4}\s*$", "", name))
        sub["parter"] = self.sub_parties(fields.get("delaftalens_parter", []))
        sub["delmaal"] = self.sub_goals(fields.get("delmaal", []), area)
        listed = fields.get("aktivitetsliste", [])
        intro = [ln for ln in listed if ln.bullet is None and not self.fixed(ln)]
        if intro:
            sub["aktiviteter_indledning"] = markdown(intro)
        self.listed_activities.setdefault(area, []).extend(ln.text.strip() for ln in listed if ln.bullet is not None)
        staff = []
        staff_lines = fields.get("medarbejdere", [])
        for n, row in enumerate(rows([ln for ln in staff_lines if ln.cell is not None and _wide(staff_lines, ln)])):
            cells = [c.replace("\n", " ").strip() for c in row]
            parsed = staffing.parse(f"{cells[0]}: {' '.join(cells[1:])}") if len(cells) > 1 else None
            if parsed:
                staff.append(parsed)
            elif not (n == 0 and not re.search(r"\d", " ".join(cells))):  # a header row: "Rolle | Årsværk"
                self.notes.unplaced.append((f"medarbejderressourcer, {self.funding.areas[area].name}",
                                            " | ".join(cells)))
        for line in staff_lines:
            if line.cell is not None and _wide(staff_lines, line):
                continue
            for piece in re.split(r"[•\n]", line.text):
                if not piece.strip():
                    continue
                parsed = staffing.parse(piece)
                if parsed:
                    staff.append(parsed)
                else:
                    self.notes.unplaced.append((f"medarbejderressourcer, {self.funding.areas[area].name}", piece.strip()))
        self.staff_lines[area] = staff
        self.text_field("kommunal_sammenhaeng", fields.get("kommunal_sammenhaeng", []), sub)
        self.text_field("revision", fields.get("delaftale_revision", []), sub)
        self.unplaced(f"delaftalen {self.funding.areas[area].name}", fields.get("aktiviteter", []))
        sub["aktiviteter"] = [self.activity(a) for a in activities]
        self.sub_agreements.append(sub)

    def sub_parties(self, lines: list[Line]) -> list[str]:
        ids: list[str] = []
        name: str | None = None
        table = [ln for ln in lines if ln.cell is not None and _wide(lines, ln)]
        if table:
            ids += self._party_table(rows(table))
            lines = [ln for ln in lines if ln not in table]

        def flush(contact: dict | None = None) -> None:
            nonlocal name
            if name:
                pid = self.parties.add(name, contact)
                if pid not in ids:
                    ids.append(pid)
            name = None

        for line in lines:
            text = line.text.strip()
            if (line.label and line.label.key == "kontaktperson") or contacts.looks_like_contact(text):
                parsed = contacts.parse(text)
                flush(parsed.fields or None)
                if parsed.trailing:
                    name = parsed.trailing
                continue
            flush()
            name = text
        flush()
        return ids

    def _party_table(self, table: list[list[str]]) -> list[str]:
        """Parties in a table: a header row names the columns (Part, Kontaktperson,
        Titel, Telefon, E-mail); without one, the first column is the party and
        the rest its contact line."""
        columns = {"part": "part", "parter": "part", "partner": "part", "organisation": "part",
                   "kontaktperson": "navn", "navn": "navn", "titel": "titel", "stilling": "titel",
                   "telefon": "telefon", "tlf": "telefon", "tlf.": "telefon", "e-mail": "email", "email": "email",
                   "mail": "email"}
        head = [columns.get(normal(c).strip(" :")) for c in table[0]] if table else []
        ids: list[str] = []
        if head and head[0] == "part" and sum(1 for h in head if h) >= 2:
            for row in table[1:]:
                values = {h: c.replace("\n", " ").strip() for h, c in zip(head, row) if h and c.strip()}
                name = values.pop("part", "")
                if not name:
                    self.unplaced("delaftalens parter", [Line(" | ".join(row), "")])
                    continue
                contact = {k: values[k] for k in ("titel", "navn", "telefon", "email") if k in values}
                pid = self.parties.add(name, contact or None)
                if pid not in ids:
                    ids.append(pid)
            return ids
        for row in table:
            name = row[0].replace("\n", " ").strip()
            rest = " / ".join(c.replace("\n", " ").strip() for c in row[1:] if c.strip())
            if not name:
                continue
            contact = contacts.parse(rest).fields if rest else None
            pid = self.parties.add(name, contact or None)
            if pid not in ids:
                ids.append(pid)
        return ids

    def sub_goals(self, lines: list[Line], area: str) -> list[dict]:
        goals: list[dict] = []
        self.unplaced(f"delmål, {self.funding.areas[area].name}",
                      [ln for ln in lines if ln.cell is None and "\t" not in ln.text])
        columns: dict[str, int] | None = None  # a header row's columns, when it names them
        for row in rows([ln for ln in lines if not self.fixed(ln)]):
            cells = (row + [""] * 5)[:5]
            if normal(cells[0]).strip(" :") in ("delmål", "mål"):
                columns = _goal_columns(row)
                continue
            if columns:
                padded = row + [""] * 8
                cells = [padded[columns[k]] if k in columns else "" for k in
                         ("maal", "indikator", "baseline", "anden", "datakilde")]
                if "aar" in columns and padded[columns["aar"]].strip():  # its own Baselineår column
                    cells[2] = padded[columns["aar"]].strip() + "\n" + cells[2]
            if not any(c.strip() for c in cells):
                continue
            indicators = [i.strip("- ").strip() for i in re.split(r"\n|\s{2,}", cells[1]) if i.strip()]
            baselines = [b.strip() for b in re.split(r"\n|\s{2,}", cells[2]) if b.strip()]
            others = [b.strip() for b in re.split(r"\n|\s{2,}", cells[3]) if b.strip()]
            period = ""
            glued = re.match(r"^(\d{4}):\s*(\S.*)$", baselines[0]) if baselines else None
            if glued and len(baselines) <= len(indicators):  # "2021: 694 personer"
                period, baselines[0] = glued.group(1), glued.group(2)
            elif baselines and re.match(r"^([A-Za-zæøå]+\s+)?\d{4}(/\d{4})?:?$", baselines[0]):
                period = baselines.pop(0).rstrip(":")
            if others and others[0].rstrip(":") == period:
                others.pop(0)
            if len(baselines) > len(indicators):  # several lines of one baseline
                baselines[max(0, len(indicators) - 1):] = ["\n".join(baselines[max(0, len(indicators) - 1):])]
            if len(others) > len(indicators):
                others[max(0, len(indicators) - 1):] = ["; ".join(others[max(0, len(indicators) - 1):])]
            entries = []
            for n, indicator in enumerate(indicators):
                entry = {"indikator": indicator}
                if n < len(baselines):
                    entry["baseline"] = baselines[n]
                if n < len(others):
                    entry["anden_baseline"] = others[n]
                entries.append(entry)
            goal = re.sub(r"^\s*(mål\s*\d+\s*)", "", cells[0].replace("\n", " "), flags=re.IGNORECASE).strip()
            if not goal and goals:  # the row goes on from the row before (a table split over pages)
                goals[-1]["indikatorer"] += entries
                continue
            if not entries:
                entries = [{"indikator": goal or "-"}]
                self.notes.guess("et delmål uden indikator; indikatoren er sat til delmålet", ())
            item = {"maal": goal or entries[0]["indikator"]}
            if period:
                item["baseline_periode"] = period
            item["indikatorer"] = entries
            if cells[4].strip():
                item["datakilde"] = cells[4].strip()
            goals.append(item)
        return goals

    def activity(self, parts: dict[str, list[Line]]) -> dict:
        name_lines = parts.get("navn", [])
        name = name_lines[0].text.replace("*", "").strip() if name_lines else ""
        out: dict = {"id": "", "navn": name}
        if len(name_lines) > 1:
            parts.setdefault("formaal", [])[:0] = name_lines[1:]
        self.text_field("formaal", parts.get("formaal", []), out)
        groups = []
        for line in parts.get("maalgrupper", []):
            groups += [g.strip() for g in re.split(r"•", line.text) if g.strip()]
        if groups:
            out["maalgrupper"] = groups
        self.text_field("indhold", [_subheading(ln) for ln in parts.get("indhold", [])], out)
        self.pending_responsibilities.append((out, self._responsibility_groups(parts.get("ansvar", []))))
        return out

    def _responsibility_groups(self, lines: list[Line]) -> list[tuple[str, list[Line]]]:
        groups: list[tuple[str, list[Line]]] = []
        for n, line in enumerate(lines):
            nxt = lines[n + 1] if n + 1 < len(lines) else None
            words = len(line.text.split())
            is_heading = line.bullet is None and words <= 16 and not line.text.rstrip().endswith((".", ":")) and (
                line.heading or line.bold or (nxt is not None and nxt.bullet is not None and words <= 12))
            if is_heading:
                groups.append((line.text.replace("*", "").strip(), []))
            elif groups:
                groups[-1][1].append(line)
            else:
                groups.append(("Helhedsplanen", [line]))
        return groups

    # -- everything once
    def finish(self) -> None:
        """What needs every delaftale read: the helhedsplan as a party, LBF's
        order, activity ids, the responsibilities' parties, the roles."""
        if not any(e["id"] == "helhedsplanen" for e in self.parties.entries):
            name = self.data.get("aftale", {}).get("omraadenavn", "")
            self.parties.helhedsplan(f"Den boligsociale helhedsplan for {name}".strip())
        order = list(self.funding.areas)
        self.sub_agreements.sort(key=lambda sub: order.index(sub["omraade"]))  # LBF's order, as docgen writes them
        where = {id(a): ("delaftaler", s, "aktiviteter", n, "ansvar")
                 for s, sub in enumerate(self.sub_agreements) for n, a in enumerate(sub["aktiviteter"])}
        used: set[str] = set()
        for sub in self.sub_agreements:
            for activity in sub["aktiviteter"]:
                base = slug(activity["navn"] or f"aktivitet_{sub['omraade']}")[:30].strip("_")
                aid, k = base, 2
                while aid in used:
                    aid, k = f"{base}_{k}", k + 1
                used.add(aid)
                activity["id"] = aid
        for activity, groups in self.pending_responsibilities:
            path = where[id(activity)]
            out = []
            for heading, lines in groups:
                pids = self.parties.find_all(heading)
                item: dict = {}
                if not pids:
                    pids = [self.parties.add(heading)]
                    self.notes.guess(f"»{heading}« i ansvars- og rollefordelingen står ikke blandt delaftalens "
                                     "parter; den er oprettet som ny part", path + (len(out), "parter"))
                else:
                    party = next(e for e in self.parties.entries if e["id"] == pids[0])
                    if len(pids) > 1 or normal(heading) not in (normal(party["navn"]), normal(party.get("kortnavn", ""))):
                        item["overskrift"] = heading
                    if len(pids) > 1:
                        names = ", ".join(f"»{e['navn']}«" for e in self.parties.entries if e["id"] in pids)
                        self.notes.guess(f"»{heading}« i ansvars- og rollefordelingen er læst som {names}",
                                         path + (len(out), "parter"))
                item = {"parter": pids, **item, "tekst": markdown(lines) or heading}
                out.append(item)
            activity["ansvar"] = out
        for sub in self.sub_agreements:  # activities named otherwise in the list than in the activity
            listed = self.listed_activities.get(sub["omraade"], [])
            names = [a["navn"] for a in sub["aktiviteter"]]
            for name in listed:
                if name and not any(normal(name) == normal(n) for n in names):
                    close = max(names, key=lambda n: _likeness(n, name), default=None)
                    if close and _likeness(close, name) >= 0.6:
                        self.notes.variants.append(f"aktiviteten »{close}« står også som »{name}«")
        roles, allocation = staffing.roles(self.staff_lines)
        for role in roles:
            if len(set(role.titles)) > 1:
                self.notes.variants.append(f"rollen »{role.title}« står også som " +
                                           ", ".join(f"»{t}«" for t in sorted(set(role.titles)) if t != role.title))
        self.roles = roles
        for sub in self.sub_agreements:
            sub["medarbejdere"] = [
                {"rolle": rid, ("timer_pr_uge" if hourly else "aarsvaerk"): amount}
                for rid, amount, hourly in allocation.get(sub["omraade"], [])]
        revision_texts = [s.pop("revision") for s in self.sub_agreements if "revision" in s]
        if revision_texts:
            self.data["delaftale_revision"] = revision_texts[0]
            for sub, text in zip(self.sub_agreements, revision_texts):
                if normal(text) != normal(revision_texts[0]):
                    sub["revision"] = text

    def summarise(self) -> None:
        """What was recognised, and what the documents disagree on."""
        seen: dict[str, str] = {}
        for entry in self.parties.entries:  # one e-mail under two people
            contact = entry.get("kontakt") or {}
            email = (contact.get("email") or "").lower()
            if email and email in seen and seen[email] != contact.get("navn"):
                self.notes.conflicts.append(f"e-mailen {contact['email']} står både hos {seen[email]} og "
                                            f"{contact.get('navn')}; ret den, der er forkert")
            elif email:
                seen[email] = contact.get("navn", "")
        self.notes.recognised.update({
            "parter": len(self.parties.entries),
            "kontaktpersoner": sum(1 for e in self.parties.entries if e.get("kontakt")),
            "indsatsområder": len(self.sub_agreements),
            "delmål": sum(len(s["delmaal"]) for s in self.sub_agreements),
            "aktiviteter": sum(len(s["aktiviteter"]) for s in self.sub_agreements),
            "medarbejderlinjer": sum(len(v) for v in self.staff_lines.values()),
        })


def _subheading(line: Line) -> Line:
    """A short bold paragraph in 'Indhold og praksis' is a sub-heading (### in agreement.toml)."""
    if line.bold and line.cell is None and len(line.text.split()) <= 10 and not line.text.rstrip().endswith("."):
        return Line(line.text, line.markdown, "Heading3", None, None, line.label)
    return line


def _goal_columns(header: list[str]) -> dict[str, int]:
    """Which column of a delmål table holds what, by its header (a table
    with its own "Baselineår" column, or the columns in another order)."""
    out: dict[str, int] = {}
    for n, name in enumerate(header):
        key = normal(name).strip(" :")
        kind = ("maal" if key in ("delmål", "mål") else "indikator" if key.startswith("indikator") else
                "aar" if key in ("baselineår", "baseline år", "år", "baselineperiode") else
                "anden" if "anden" in key or "kommune" in key else "baseline" if key.startswith("baseline") else
                "datakilde" if key.startswith(("datakilde", "kilde")) else None)
        if kind and kind not in out:
            out[kind] = n
    return out


def _wide(lines: list[Line], line: Line) -> bool:
    """A cell of a table with two columns or more among these lines (a
    one-column table is the template's frame around a field)."""
    return any(o.cell and o.cell[0] == line.cell[0] and o.cell[2] > 0 for o in lines)


def _likeness(a: str, b: str) -> float:
    import difflib

    return difflib.SequenceMatcher(None, normal(a), normal(b)).ratio()


def read(files: list[list[Block]], funding: Pulje) -> Reader:
    """The agreement's data from the documents' blocks (one list per file)."""
    reader = Reader(funding)
    reader.read(files)
    return reader
