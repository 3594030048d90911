"""The parties of a hand-made agreement, each once: the same name, or the
same e-mail and person, is one party; a heading in a responsibility list
is matched to the party (or parties) it means, inflected or misspelt."""
from __future__ import annotations

import re

from . import contacts, staffing
from .labels import distance, normal
from .notes import Notes

HELHEDSPLAN_NAMES = ("helhedsplanen", "den boligsociale helhedsplan", "boligsociale helhedsplan")

_SKIP_WORDS = {"og", "i", "for", "af", "buf", "sof", "kff", "tmf", "økf", "bif", "suf", "den", "det", "de"}


def _words(name: str) -> list[str]:
    words = re.findall(r"[\wæøå+]+", normal(name))
    return [w for w in words if len(w) >= 2 and w not in _SKIP_WORDS]


def _same_word(a: str, b: str) -> bool:
    """One word inflected ("skole", "skoler"; "ungeværk", "ungeværkerne")."""
    if a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a))):
        return True
    return min(len(a), len(b)) >= 8 and distance(a, b, 2) <= 2  # a spelling slip


def slug(text: str) -> str:
    return staffing.slug(text)


def party_id(name: str) -> str:
    """A short id for a party: its name when short, else its leading
    acronyms with its abbreviation or two of its words
    ('BIF, Jobcenter København, Ungeenheden (UNG)' → 'bif_ung')."""
    whole = slug(name)
    if len(whole) <= 28:
        return whole
    tokens = re.findall(r"[\wæøåÆØÅ+]+", name)
    acronyms = []
    for token in tokens:
        if token.isupper() and 2 <= len(token) <= 4:
            acronyms.append(token)
        else:
            break
    abbreviation = re.search(r"\(([A-ZÆØÅ]{2,6})\)\s*$", name)
    if abbreviation:
        return slug(" ".join(acronyms + [abbreviation.group(1)]))
    words = [t for t in tokens[len(acronyms):] if len(t) >= 3 and t.lower() not in _SKIP_WORDS]
    chosen = words[-2:] if acronyms else words[:2]
    return slug(" ".join(acronyms + chosen)) or whole[:28]


def body_id(name: str) -> str:
    """An organisation body's id: its last word ('Københavns Bydelsbestyrelse' → 'bydelsbestyrelse')."""
    words = [w for w in re.findall(r"[\wæøå]+", name.lower()) if len(w) >= 4]
    return slug(words[-1] if words else name)


class Parties:
    """Every party once: the same name, or the same e-mail and person, is one party."""

    def __init__(self, notes: Notes) -> None:
        self.notes = notes
        self.entries: list[dict] = []
        self.names: dict[str, set[str]] = {}

    def _new(self, name: str, contact: dict | None = None) -> dict:
        base = party_id(name)
        pid, n = base, 2
        while any(e["id"] == pid for e in self.entries):
            pid, n = f"{base}_{n}", n + 1
        entry = {"id": pid, "navn": name}
        if contact:
            entry["kontakt"] = contact
        self.entries.append(entry)
        self.names[pid] = {normal(name)}
        return entry

    def helhedsplan(self, name: str) -> str:
        for e in self.entries:
            if e["id"] == "helhedsplanen":
                return "helhedsplanen"
        entry = {"id": "helhedsplanen", "navn": name, "kortnavn": "Helhedsplanen"}
        self.entries.append(entry)
        self.names["helhedsplanen"] = {normal(name), *HELHEDSPLAN_NAMES}
        return "helhedsplanen"

    def _usable(self, name: str, contact: dict | None) -> dict | None:
        """A contact needs a person's name; a phone or e-mail without one is
        reported (never dropped, never written under a made-up name)."""
        if contact and not contact.get("navn"):
            self.notes.unplaced.append((f"kontaktoplysninger uden navn for »{name}«",
                                        " / ".join(str(v) for v in contact.values())))
            return None
        return contact or None

    def add(self, name: str, contact: dict | None = None) -> str:
        name = name.strip().strip(":").strip()
        contact = self._usable(name, contact)
        key = normal(name)
        key_loose = re.sub(r"[^\wæøå]+", " ", key).strip()
        for e in self.entries:
            loose = {re.sub(r"[^\wæøå]+", " ", n).strip() for n in self.names[e["id"]]}
            same_name = key_loose in loose
            same_person = bool(contact and e.get("kontakt") and contact.get("email")
                               and contact.get("email", "").lower() == e["kontakt"].get("email", "").lower()
                               and contacts.same_person(contact.get("navn", ""), e["kontakt"].get("navn", "")))
            if same_name or same_person:
                if not same_name:
                    self.notes.variants.append(f"parten »{e['navn']}« hedder også »{name}«")
                    self.names[e["id"]].add(key)
                self._merge_contact(e, contact)
                return e["id"]
        return self._new(name, contact)["id"]

    def merge_contact(self, pid: str, contact: dict | None) -> None:
        """A contact found elsewhere (the beredskabsplan's list) for a known party."""
        entry = next(e for e in self.entries if e["id"] == pid)
        self._merge_contact(entry, self._usable(entry["navn"], contact))

    def _merge_contact(self, entry: dict, contact: dict | None) -> None:
        if not contact:
            return
        old = entry.get("kontakt")
        if not old:
            entry["kontakt"] = contact
            return
        for k, v in contact.items():
            if k not in old:
                old[k] = v
            elif normal(old[k]).replace(" ", "") != normal(v).replace(" ", ""):
                note = f"kontaktpersonen for »{entry['navn']}«: {k} »{old[k]}« står også som »{v}«"
                if note not in self.notes.variants:
                    self.notes.variants.append(note)

    def exact(self, name: str) -> str | None:
        """The party with this name or short name, as written."""
        key = normal(name)
        for e in self.entries:
            if key in self.names[e["id"]] or key == normal(e.get("kortnavn", "")):
                return e["id"]
        return None

    def _joint(self, name: str) -> list[str]:
        """A heading naming several parties jointly ("Københavns Politi,
        Station Bellahøj og SSP København", "A, B og C"): every part must be
        one party, and at least two different ones; else none (a name that
        merely holds 'og' is one party, and a guess is not made here)."""
        for pattern in (r"\s+og\s+|\s*;\s*", r",\s*|\s+og\s+|\s*;\s*"):
            parts = [p.strip() for p in re.split(pattern, name) if p.strip()]
            if len(parts) < 2:
                continue
            found = []
            for part in parts:
                one = self.exact(part)
                if one is None:
                    matches = self.find_all(part, split=False)
                    one = matches[0] if len(matches) == 1 else None
                if one is None:
                    break
                found.append(one)
            else:
                if len(set(found)) == len(found) >= 2:
                    return found
        return []

    def find(self, name: str) -> str | None:
        """The party a name means (the first of several, see find_all)."""
        found = self.find_all(name)
        return found[0] if found else None

    def find_all(self, name: str, split: bool = True) -> list[str]:
        """The parties a heading means: one by its name or a close one; all
        of equally close ones ("Skoler"); or one for each part of a list
        ("Husum, Korsager og Tingbjerg skoler")."""
        key = normal(name)
        if any(key == h or key.startswith(h) for h in HELHEDSPLAN_NAMES) and any(
                e["id"] == "helhedsplanen" for e in self.entries):
            return ["helhedsplanen"]
        for e in self.entries:
            if key in self.names[e["id"]] or key == normal(e.get("kortnavn", "")):
                return [e["id"]]
        listed = re.fullmatch(r"\s*([^()]+?)\s*\(([^()]*(?:,|\sog\s)[^()]*)\)\s*", name)
        if listed and split:  # "Skoler (Husum, Korsager og Tingbjerg)": the list's parts are the parties
            return self.find_all(f"{listed.group(2)} {listed.group(1)}")
        if split:
            joint = self._joint(name)
            if joint:
                return joint
        heading = _words(name)
        acronyms = {w.lower() for w in re.findall(r"\b[A-ZÆØÅ]{2,}\b", name)}
        scored = []  # (score, cover, order, id)
        for order, e in enumerate(self.entries):
            if e["id"] == "helhedsplanen" or not heading:
                continue
            best = (0.0, 0.0)
            for party_name in self.names[e["id"]]:
                party = _words(party_name)
                if not party:
                    continue
                score = sum(any(_same_word(h, w) for w in party) for h in heading) / len(heading)
                cover = sum(any(_same_word(w, h) for h in heading) for w in party) / len(party)
                if score >= 0.6 and (cover >= 0.33 or acronyms & set(party) or score == 1):
                    best = max(best, (score, cover))
            if best[0]:
                scored.append((best[0], best[1], order, e["id"]))
        # a whole-word match on a small part of a long name counts only when it is the only one
        full = [x for x in scored if x[0] == 1]
        scored = [x for x in scored if x[1] >= 0.33 or (acronyms and x[0] >= 0.6) or len(full) == 1]
        if scored:
            top = max(x[0] for x in scored)
            tied = sorted((x for x in scored if x[0] == top), key=lambda x: x[2])
            if len({round(x[1], 3) for x in tied}) == 1:
                return [x[3] for x in tied]  # equally close: a heading for several ("Skoler")
            return [tied[0][3]]
        if not split:
            return []
        bare = re.sub(r"\([^)]*\)", "", name).strip()
        parts = [p.strip() for p in re.split(r",\s*|\s+og\s+|/", bare) if p.strip()]
        if len(parts) < 2:
            return []
        last = parts[-1].split()
        shared_word = last[-1] if len(last) > 1 else ""
        lead = parts[0].split()[0] if parts[0].split()[0].isupper() else ""
        out: list[str] = []
        for n, part in enumerate(parts):
            if shared_word and len(part.split()) == 1 and n < len(parts) - 1:
                part = f"{part} {shared_word}"
            found = self.find_all(part, split=False) or (lead and self.find_all(f"{lead} {part}", split=False))
            if not found:
                return []
            out += [pid for pid in found if pid not in out]
        return out
