"""Consistency lint: things that are allowed but probably wrong.

Each rule returns findings (TOML path and a Danish message).  They are
warnings; ``--strict`` makes them errors.  Pure functions on the model.
"""
from __future__ import annotations

import difflib
import itertools
import re
from collections import defaultdict
from typing import Iterator

from .finding import Finding
from .pulje import repeated_texts
from ..figures.formatting import danish_number
from ..model.agreement import AgreementFile, Model

# Placeholders people leave in text: "X"/"xx" alone, "[afventer …]", "TODO".
PLACEHOLDER = re.compile(r"^\s*x{1,3}\s*$|\[\s*afventer[^\]]*\]|\bTODO\b|\bFIXME\b", re.IGNORECASE)
SIMILAR = 0.9  # names at least this alike (difflib ratio) but not equal look like one party spelt twice


def _people(agreement: AgreementFile):
    for n, party in enumerate(agreement.parties):
        if party.contact:
            yield n, party, party.contact


def same_email_two_people(agreement: AgreementFile) -> list[Finding]:
    owners: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for n, party, contact in _people(agreement):
        if contact.email:
            owners[contact.email.strip().lower()].append((n, contact.name))
    findings = []
    for email, people in owners.items():
        first = people[0][1]
        for n, name in people[1:]:
            if name != first:
                findings.append(Finding(
                    ("parter", n, "kontakt", "email"),
                    f"e-mailen {email} står både hos {first} og {name}. Ret den, der er forkert",
                ))
    return findings


def same_person_two_contacts(agreement: AgreementFile) -> list[Finding]:
    seen: dict[str, tuple[int, object]] = {}
    findings = []
    for n, party, contact in _people(agreement):
        key = " ".join(contact.name.lower().split())
        if key not in seen:
            seen[key] = (n, contact)
            continue
        first_n, first = seen[key]
        for field, label in (("email", "e-mail"), ("phone", "telefonnummer")):
            a, b = getattr(first, field), getattr(contact, field)
            if a and b and a.replace(" ", "").lower() != b.replace(" ", "").lower():
                findings.append(Finding(
                    ("parter", n, "kontakt", "email" if field == "email" else "telefon"),
                    f"{contact.name} har {label} {b} her, men {a} i [[parter]] nr. {first_n + 1}. Brug det samme",
                ))
    return findings


# Up to this many parties every pair is compared; above it (a generated
# list, not a real agreement) only names that sort near each other, read
# forwards and backwards, so a slip anywhere but in the very middle of a
# long name is still found, in time linear in the number of parties.
EXACT_LIMIT = 300
NEIGHBOURS = 8
# At most this many warnings of one kind are shown; then "… og N flere".
MAX_PER_KIND = 20
STOP_AFTER = 200  # alike pairs; a list with more is generated, and the rest says nothing new


def similar_party_names(agreement: AgreementFile) -> list[Finding]:
    parties = agreement.parties
    names = [" ".join(p.name.lower().split()) for p in parties]
    pairs = set()
    matcher = difflib.SequenceMatcher()
    for j, others in _candidates(names):
        if len(pairs) > STOP_AFTER:
            break
        matcher.set_seq2(names[j])  # difflib caches the second sequence
        for i in others:
            if (min(i, j), max(i, j)) in pairs:
                continue
            matcher.set_seq1(names[i])
            if names[i] != names[j] and matcher.real_quick_ratio() >= SIMILAR \
                    and matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR:
                pairs.add((min(i, j), max(i, j)))
    found = [
        Finding(
            ("parter", j, "navn"),
            f"'{parties[j].name}' ligner '{parties[i].name}' (parten '{parties[i].id}'). "
            "Er det den samme part stavet på to måder?",
        )
        for i, j in sorted(pairs)
    ]
    if len(pairs) > STOP_AFTER:  # more is noise: say so, once, rather than look on
        found = found[:MAX_PER_KIND] + [Finding(
            found[MAX_PER_KIND].path,
            f"… og flere navne, der ligner hinanden (docgen holdt op med at lede efter {STOP_AFTER})",
        )]
    return found


def _candidates(names: list[str]) -> Iterator[tuple[int, list[int]]]:
    """(j, indexes whose names may be like name j): every name of similar
    length for a real agreement, near neighbours in sorted order above
    EXACT_LIMIT."""
    if len(names) <= EXACT_LIMIT:
        # Two names can only be this alike if their lengths are: compare each
        # name with the ones of similar length only, shortest first.
        order = sorted(range(len(names)), key=lambda n: len(names[n]))
        for k, j in enumerate(order):
            shortest = SIMILAR / (2 - SIMILAR) * len(names[j])
            yield j, list(itertools.takewhile(lambda i: len(names[i]) >= shortest, reversed(order[:k])))
        return
    for key in (lambda n: names[n], lambda n: names[n][::-1]):
        order = sorted(range(len(names)), key=key)
        for k, j in enumerate(order):
            yield j, order[k + 1:k + 1 + NEIGHBOURS]


def _used_parties(agreement: AgreementFile) -> set[str]:
    used = set(agreement.agreement.parties)
    used |= {d.organisation for d in agreement.area.departments}
    for sub in agreement.sub_agreements:
        used |= set(sub.parties)
        for activity in sub.activities:
            for resp in activity.responsibilities:
                used |= set(resp.parties)
    used |= {f.party for f in agreement.budget.funding if f.party}
    used |= {m.responsible for m in agreement.milestones}
    plan = agreement.contingency
    used |= set(plan.contacts)
    for situation in plan.situations:
        used |= set(situation.informed)
        for action in situation.actions:
            used |= set(action.by)
    used |= {m.party for m in agreement.board.members}
    return used


def unused_parties(agreement: AgreementFile) -> list[Finding]:
    used = _used_parties(agreement)
    return [
        Finding(("parter", n, "id"), f"parten '{p.id}' ({p.name}) bruges ingen steder. Slet den, eller henvis til den")
        for n, p in enumerate(agreement.parties) if p.id not in used
    ]


def responsible_but_not_a_party(agreement: AgreementFile) -> list[Finding]:
    findings = []
    for s, sub in enumerate(agreement.sub_agreements):
        listed = set(sub.parties) | _helhedsplan_ids(agreement)
        reported: set[str] = set()
        for a, activity in enumerate(sub.activities):
            for r, resp in enumerate(activity.responsibilities):
                for n, party_id in enumerate(resp.parties):
                    if party_id not in listed and party_id not in reported and party_id in agreement.party_index:
                        reported.add(party_id)
                        findings.append(Finding(
                            ("delaftaler", s, "aktiviteter", a, "ansvar", r, "parter", n),
                            f"{agreement.party_index[party_id].name} har ansvar i '{activity.name}', men står ikke "
                            "blandt delaftalens parter. Tilføj den til delaftalens parter",
                        ))
    return findings


def _helhedsplan_ids(agreement: AgreementFile) -> set[str]:
    """The party (or parties) that is the helhedsplan itself."""
    return {p.id for p in agreement.parties if "helhedsplan" in (p.short_name or p.name).lower() or p.id == "helhedsplanen"}


def activity_without_helhedsplan(agreement: AgreementFile) -> list[Finding]:
    own = _helhedsplan_ids(agreement)
    findings = []
    for s, sub in enumerate(agreement.sub_agreements):
        for a, activity in enumerate(sub.activities):
            if not any(set(r.parties) & own for r in activity.responsibilities):
                findings.append(Finding(
                    ("delaftaler", s, "aktiviteter", a, "ansvar"),
                    f"aktiviteten '{activity.name}' har intet ansvar for helhedsplanen selv. Tilføj helhedsplanens opgaver",
                ))
    return findings


def sub_goal_without_source_or_baseline(agreement: AgreementFile) -> list[Finding]:
    findings = []
    for s, sub in enumerate(agreement.sub_agreements):
        for g, goal in enumerate(sub.sub_goals):
            path = ("delaftaler", s, "delmaal", g)
            if not goal.source.strip():
                findings.append(Finding(path, f"delmålet '{goal.goal}' har ingen datakilde"))
            if not any(i.baseline.strip() or i.other_baseline.strip() for i in goal.indicators):
                findings.append(Finding(path, f"delmålet '{goal.goal}' har ingen baseline"))
    return findings


def texts(value: object, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Model):
        for name, field in type(value).model_fields.items():
            yield from texts(getattr(value, name), path + (field.alias or name,))
    elif isinstance(value, (list, tuple)):
        for n, item in enumerate(value):
            yield from texts(item, path + (n,))


def placeholders(agreement: AgreementFile) -> list[Finding]:
    findings = []
    for path, text in texts(agreement):
        match = PLACEHOLDER.search(text)
        if match:
            findings.append(Finding(path, f"teksten indeholder pladsholderen '{match.group(0).strip()}'. Udfyld den"))
    return findings


def contingency_contact_without_phone(agreement: AgreementFile) -> list[Finding]:
    """A contingency plan is for calling people: every party on its contact
    list needs a number (its contact person's or its own)."""
    findings = []
    for n, party_id in enumerate(agreement.contingency.contacts):
        party = agreement.party_index.get(party_id)
        if party is not None and not party.phone_number:
            findings.append(Finding(
                ("beredskabsplan", "kontakter", n),
                f"{party.name} står på beredskabsplanens kontaktliste, men har intet telefonnummer. Giv parten "
                'en kontakt med telefon (kontakt = { navn = "…", telefon = "…" }) eller sit eget nummer '
                '(telefon = "…" under [[parter]])',
            ))
    return findings


RULES = (
    same_email_two_people,
    same_person_two_contacts,
    similar_party_names,
    unused_parties,
    responsible_but_not_a_party,
    activity_without_helhedsplan,
    sub_goal_without_source_or_baseline,
    placeholders,
    contingency_contact_without_phone,
    repeated_texts,
)


def run(agreement: AgreementFile) -> list[Finding]:
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(bounded(rule(agreement)))
    return findings


def bounded(found: list[Finding]) -> list[Finding]:
    """At most MAX_PER_KIND findings of one rule, then one that counts the rest."""
    if len(found) <= MAX_PER_KIND + 1:
        return found
    rest = len(found) - MAX_PER_KIND
    return found[:MAX_PER_KIND] + [Finding(
        found[MAX_PER_KIND].path, f"… og {danish_number(rest)} flere advarsler af samme slags som ovenfor (vises ikke)"
    )]
