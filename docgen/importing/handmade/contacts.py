"""A contact line of a delaftale's list of parties, however it is written:

    Kontaktperson: Skoleleder Kristian Mehlsen: 24223570 / t29m@kk.dk
    Kontaktperson: Lise Kok: tlf. 26 12 29 67/ dz06@kk.dk
    Kontaktperson fritidsjob: Afdelingschef Jesper Lang Jensen Qn01@kk.dk
    Afdelingsleder, Afdeling for unge, Charlotte Kølle Jørgensen: tlf. 21438324 / fj2f@kk.dk
    Kontaktperson: Mette Holm (Boligsocial chef): 11223344 / mh@bovest.dk   (docgen's own)

Pure functions; the result has the keys of [[parter]] kontakt.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

EMAIL = re.compile(r"[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}", re.IGNORECASE)
PHONE = re.compile(r"(?:tlf\.?\s*)?(\+?\d[\d ]{6,14}\d)")
SHORT_PHONE = re.compile(r"(?:(?<=,)|(?<=^)|(?<=:)|(?<=tlf\.)|(?<=tlf))\s*(\d{3,5})\s*(?=,|/|$)", re.IGNORECASE)
# words that make up a job title rather than a name
TITLE_WORDS = ("leder", "chef", "lektor", "koordinator", "konsulent", "konstitueret", "pædagogisk", "direktør",
               "medarbejder", "rådgiver", "formand", "sekretær")


@dataclass
class ParsedContact:
    fields: dict[str, str]
    trailing: str = ""  # text glued after the e-mail (the next party's name)


def _email(text: str) -> tuple[str | None, str, str]:
    """(e-mail, text before it, text after it); an e-mail glued to the next
    party's name ends where the name's capital letter begins."""
    match = EMAIL.search(text)
    if not match:
        return None, text, ""
    email = match.group(0)
    local, _, domain = email.partition("@")
    cut = re.search(r"[A-ZÆØÅ]", domain)
    if cut:
        domain, after = domain[: cut.start()], domain[cut.start():]
    else:
        after = ""
    return f"{local}@{domain}", text[: match.start()], after + text[match.end():]


def looks_like_contact(text: str) -> bool:
    return bool(EMAIL.search(text) or re.search(r"kontaktperson", text, re.IGNORECASE) or
                re.search(r"\btlf\.?\s*\d", text, re.IGNORECASE))


def parse(text: str) -> ParsedContact:
    """The contact's subject, title, name, phone and e-mail."""
    text = text.replace("\\", "").replace("*", "").strip()
    fields: dict[str, str] = {}
    email, before, after = _email(text)
    if email:
        fields["email"] = email
    trailing = after.strip().strip("/").strip()
    phone = PHONE.search(before)
    if phone:
        fields["telefon"] = re.sub(r"\s", "", phone.group(1))
        before = before[: phone.start()] + before[phone.end():]
    else:
        short = SHORT_PHONE.search(before)  # "114", "1813": a short number of its own
        if short:
            fields["telefon"] = short.group(1)
            before = before[: short.start()] + before[short.end():]
    before = re.sub(r"(,\s*)+", ", ", before).strip()
    before = re.sub(r"\btlf\.?\s*$", "", before.strip(), flags=re.IGNORECASE)
    who = before.strip(" /:,\t")
    label = re.match(r"^kontaktperson\b\s*([^:]*?)\s*:\s*", who, re.IGNORECASE)
    if label:
        if label.group(1).strip():
            fields["emne"] = label.group(1).strip()
        who = who[label.end():]
    else:
        bare = re.match(r"^kontaktperson\b\s*(\S+)\s+", who, re.IGNORECASE)
        if bare:  # "Kontaktperson lærepladser Karin Bancsi"
            fields["emne"] = bare.group(1)
            who = who[bare.end():]
    who = who.strip().strip(":").strip()
    title, name = split_title(who)
    if title:
        fields["titel"] = title
    if name:
        fields["navn"] = name
    ordered = {k: fields[k] for k in ("emne", "titel", "navn", "telefon", "email") if k in fields}
    return ParsedContact(ordered, trailing)


def split_title(who: str) -> tuple[str, str]:
    """'Skoleleder Kristian Mehlsen' → ('Skoleleder', 'Kristian Mehlsen')."""
    paren = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", who)
    if paren:  # docgen: "Mette Holm (Boligsocial chef)"
        return paren.group(2).strip(), paren.group(1).strip()
    if ":" in who:
        title, _, name = who.rpartition(":")
        return title.strip(" ,"), name.strip()
    if "," in who:
        pieces = [p.strip() for p in who.split(",") if p.strip()]
        if len(pieces) > 1 and _is_name(pieces[0]) and not _is_name(pieces[-1]):
            # name first, as Danish contact lists have it: "Mette Holm, Teamleder, Jobcenter"
            return ", ".join(pieces[1:]), pieces[0]
        title, _, name = who.rpartition(",")
        return title.strip(" ,"), name.strip()
    words = who.split()
    n = 0
    while n < len(words) - 1 and (words[n][:1].islower() or any(w in words[n].lower() for w in TITLE_WORDS)):
        n += 1
    return " ".join(words[:n]), " ".join(words[n:])


def _is_name(text: str) -> bool:
    """A person's name: two to five words, each with a capital, none a title word."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words) and not any(
        t in w.lower() for w in words for t in TITLE_WORDS)


def same_person(a: str, b: str) -> bool:
    """Two spellings of one name ('Lise Kok', 'Lise Koch')."""
    from .labels import distance, normal

    x, y = normal(a), normal(b)
    return x == y or distance(x, y, 2) <= 2
