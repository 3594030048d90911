"""The upload manifest: every document of the folder, what it is, which
requirement of the strategic agreement it answers, its SHA-256, its own
revision and whether it must be uploaded now, against the upload record
(``docgen uploaded``), not against the last build.  Written twice:
Uploadliste.md for a person, manifest.json for a program.  Pure
functions; nothing here reads the clock, so the manifest is as
reproducible as the documents.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..figures.formatting import danish_date, revision_text
from ..figures.versions import Version
from ..model.lbf import DOCUMENT_KINDS
from .folder import sha256

MARKDOWN = "Uploadliste.md"
JSON = "manifest.json"
FORMAT = 2  # manifest.json's format: 2 has per-document revisions and skal_uploades


@dataclass(frozen=True)
class Entry:
    number: int
    doc_id: str
    filename: str
    kind: str
    data: bytes
    state: Version
    pdf: tuple[str, bytes] | None = None  # (file name, bytes) with --pdf


@dataclass(frozen=True)
class Due:
    """Whether a document must be uploaded now, and why (in Danish)."""

    upload: bool
    reason: str
    unrevised: bool = False  # changed since its upload while no new revision names it


def due(entry: Entry, uploaded: dict | None) -> Due:
    """Compare one document with what the upload record says was uploaded."""
    state = entry.state
    if state.draft:
        return Due(False, f"udkast til godkendelse i {state.approver}; uploades, når det er godkendt")
    digest = sha256(entry.data)
    if not uploaded:
        return Due(True, "ikke uploadet før")
    if uploaded.get("sha256") == digest:
        day = uploaded.get("uploadet")
        return Due(False, f"uploadet {danish_date(dt.date.fromisoformat(day))}" if _is_date(day) else "uploadet")
    if state.entry is not None and state.number > _int(uploaded.get("revision")):
        return Due(True, f"ny revision {state.number}, godkendt af {state.approver} {danish_date(state.date)}")
    return Due(True, "ændret siden den blev uploadet, men ingen ny revision nævner den", unrevised=True)


def _is_date(value) -> bool:
    try:
        dt.date.fromisoformat(value)
        return True
    except (TypeError, ValueError):
        return False


def _int(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def manifest(
    area_name: str, source: str, entries: list[Entry], record: dict | None, record_name: str,
    source_digest: str | None = None,
) -> dict:
    """What manifest.json holds, without the upload list's checksum (see
    ``with_checklist``).  ``source_digest`` is the checksum of the agreement's
    text, so ``docgen uploaded`` can tell that the file is the one built."""
    uploaded = (record or {}).get("dokumenter") or {}
    documents = []
    for entry in entries:
        kind = DOCUMENT_KINDS[entry.kind]
        state = entry.state
        verdict = due(entry, uploaded.get(entry.doc_id) if isinstance(uploaded, dict) else None)
        documents.append({
            "nr": entry.number,
            "id": entry.doc_id,
            "fil": entry.filename,
            "dokument": kind["navn"],
            "hvad": kind["hvad"],
            "krav": kind["krav"],
            "sha256": sha256(entry.data),
            "bytes": len(entry.data),
            "revision": state.number,
            "revisionsdato": state.date.isoformat() if state.entry else None,
            "godkendt_af": state.approver if state.entry and not state.draft else None,
            "udkast": state.draft,
            "illustrativt": state.illustrative,
            "pdf": {"fil": entry.pdf[0], "sha256": sha256(entry.pdf[1]), "bytes": len(entry.pdf[1])}
            if entry.pdf else None,
            "skal_uploades": verdict.upload,
            "grund": verdict.reason,
            "aendret_uden_revision": verdict.unrevised,
        })
    ids = {e.doc_id for e in entries}
    gone = sorted(
        str(v.get("fil", k)) for k, v in (uploaded.items() if isinstance(uploaded, dict) else [])
        if k not in ids and isinstance(v, dict)
    )
    return {
        "format": FORMAT,
        "aftale": area_name,
        "aftalefil": source,
        "aftalefil_sha256": source_digest,
        "uploadregistrering": record_name if record else None,
        "dokumenter": documents,
        "ikke_laengere_i_saettet": gone,
    }


def against_record(data: dict, record: dict, record_name: str) -> dict:
    """A manifest's documents compared anew with the upload record, as just
    written by ``docgen uploaded``: what the record holds byte for byte is
    uploaded, the rest is as the build said."""
    uploaded = record.get("dokumenter") or {}
    documents = []
    for d in data["dokumenter"]:
        sent = uploaded.get(d["id"])
        if not d["udkast"] and isinstance(sent, dict) and sent.get("sha256") == d["sha256"]:
            day = sent.get("uploadet")
            d = {**d, "skal_uploades": False, "aendret_uden_revision": False,
                 "grund": f"uploadet {danish_date(dt.date.fromisoformat(day))}" if _is_date(day) else "uploadet"}
        documents.append(d)
    ids = {d["id"] for d in documents}
    gone = sorted(str(v.get("fil", k)) for k, v in uploaded.items() if k not in ids and isinstance(v, dict))
    return {**data, "uploadregistrering": record_name, "dokumenter": documents, "ikke_laengere_i_saettet": gone}


def with_checklist(data: dict, checklist: bytes, page: bytes | None = None) -> dict:
    """The manifest with the upload lists' names and checksums, so the next
    build knows that docgen wrote them."""
    lists = {"uploadliste": {"fil": MARKDOWN, "sha256": sha256(checklist)}}
    if page is not None:
        lists["uploadliste_html"] = {"fil": HTML, "sha256": sha256(page)}
    return {**data, **lists}


def with_kept(data: dict, kept: list[tuple[str, str]]) -> dict:
    """The manifest with the '(din udgave)' copies in the folder."""
    return {**data, "din_udgave": [{"dokument": name, "fil": copy} for name, copy in kept]}


def to_json(data: dict) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _revision(d: dict) -> str:
    if d["udkast"]:
        return f"udkast (revision {d['revision']})"
    if d["revisionsdato"]:
        return revision_text(d["revision"], dt.date.fromisoformat(d["revisionsdato"]))
    return "som underskrevet"


# What the .pdf beside a document is for (made with --pdf): the Word or Excel file is what LBF takes.
PDF_NOTE = "PDF til at læse, printe og sende til godkendelse; den uploades ikke"


def _files(d: dict) -> str:
    name = _cell(d["fil"])
    return f"{name}<br>({PDF_NOTE}: {_cell(d['pdf']['fil'])})" if d.get("pdf") else name


def to_markdown(data: dict) -> str:
    """Uploadliste.md: what to upload now and why; drafts; what is uploaded already."""
    docs = data["dokumenter"]
    now = [d for d in docs if d["skal_uploades"]]
    drafts = [d for d in docs if d["udkast"]]
    done = [d for d in docs if not d["skal_uploades"] and not d["udkast"]]
    record = data["uploadregistrering"]
    lines = [
        f"# Uploadliste – {_cell(data['aftale'])}",
        "",
        f"Lavet af docgen ud fra {_cell(data['aftalefil'])}. "
        + (f"Sammenlignet med det, der er registreret som uploadet i {_cell(record)}."
           if record else "Intet er registreret som uploadet endnu, så alle godkendte dokumenter skal uploades."),
        "",
        f"## Skal uploades nu ({len(now)})",
        "",
    ]
    if now:
        lines += [
            "Upload for hvert dokument filen i kolonnen Fil (Word- eller Excel-filen) på sagen i "
            "driftsstøttesystemet (driftsstoette.lbf.dk)."
            + (" En PDF ved siden af er til at læse og printe; den uploades ikke." if any(d.get("pdf") for d in now)
               else "")
            + (" Den strategiske samarbejdsaftale skal være underskrevet af alle parter, før den uploades: "
               "upload den underskrevne udgave." if any(d["id"] == "strategisk" for d in now) else ""),
            "",
            "| Nr. | Fil | Dokument | Revision | Hvorfor | Krav i den strategiske samarbejdsaftale |",
            "|---|---|---|---|---|---|",
        ]
        for d in now:
            why = d["grund"] + ("; NB: illustrativt eksempel, erstat indholdet før upload" if d["illustrativt"] else "")
            lines.append(
                f"| {d['nr']:02d} | {_files(d)} | {_cell(d['dokument'])}: {_cell(d['hvad'])} | {_revision(d)} "
                f"| {_cell(why)} | {_cell(d['krav'])} |"
            )
        lines += ["", "Når filerne er uploadet, så kør `docgen uploaded`, så næste uploadliste ved, hvad der er uploadet."]
    else:
        lines.append("Intet: alle godkendte dokumenter er uploadet, som de er.")
    if drafts:
        lines += ["", f"## Udkast, der ikke skal uploades endnu ({len(drafts)})", "",
                  "| Nr. | Fil | Afventer |", "|---|---|---|"]
        lines += [f"| {d['nr']:02d} | {_files(d)} | {_cell(d['grund'])} |" for d in drafts]
    if done:
        lines += ["", f"## Allerede uploadet ({len(done)})", "", "| Nr. | Fil | Revision | Status |", "|---|---|---|---|"]
        lines += [f"| {d['nr']:02d} | {_files(d)} | {_revision(d)} | {_cell(d['grund'])} |" for d in done]
    kept = data.get("din_udgave") or []
    if kept:
        lines += ["", f"## Din udgave ({len(kept)})", "",
                  "Disse filer var ikke docgens (rettet efter docgen skrev dem, eller filer af dine egne) og er "
                  "gemt urørt under et nyt navn; rettelserne er ikke med i det nye dokument. Skal de med, så hent "
                  "dem ind i aftalefilen med `docgen import` og filens navn, eller skriv dem ind i hånden.", "",
                  "| Dokument | Din udgave | Hent rettelserne ind med |", "|---|---|---|"]
        lines += [f"| {_cell(k['dokument'])} | {_cell(k['fil'])} | `docgen import \"{_cell(k['fil'])}\"` |" for k in kept]
    if data["ikke_laengere_i_saettet"]:
        lines += ["", "Uploadet før, men ikke længere en del af sættet (fjern dem på sagen, hvis de skal væk): "
                  + ", ".join(_cell(n) for n in data["ikke_laengere_i_saettet"]) + "."]
    lines += ["", "## Kontrolsummer (SHA-256)", ""]
    for d in docs:
        lines.append(f"- `{d['sha256']}`  {_cell(d['fil'])}")
        if d.get("pdf"):
            lines.append(f"- `{d['pdf']['sha256']}`  {_cell(d['pdf']['fil'])}")
    return "\n".join(lines) + "\n"


# --- Uploadliste.html: the same list as a page to open by double-click ---------------------

HTML = "Uploadliste.html"

_STYLE = """
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font-family: Calibri, Carlito, "Segoe UI", Arial, sans-serif; font-size: 11pt; color: #1d1d1d;
       max-width: 60em; margin: 2em auto; padding: 0 1.5em; line-height: 1.4; }
h1 { font-size: 20pt; margin: 0 0 .2em; }
h2 { font-size: 14pt; margin: 1.6em 0 .5em; padding-bottom: .2em; border-bottom: 2px solid #d0d7de; }
p.lead { color: #444; margin-top: 0; }
.summary { display: flex; gap: .8em; flex-wrap: wrap; margin: 1.2em 0; }
.summary div { border: 1px solid #d0d7de; border-radius: 6px; padding: .5em 1em; min-width: 9em; }
.summary b { display: block; font-size: 18pt; }
.summary .now { border-color: #1f6feb; background: #eef5ff; }
.summary .warn { border-color: #bf8700; background: #fff8e5; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; page-break-inside: auto; }
th, td { border: 1px solid #d0d7de; padding: .35em .5em; text-align: left; vertical-align: top; }
th { background: #f3f5f7; font-weight: 600; }
tr { page-break-inside: avoid; }
td.nr { white-space: nowrap; width: 2.5em; }
a { color: #0b57d0; }
.file { font-weight: 600; overflow-wrap: break-word; }
.pdf { font-size: 9pt; color: #555; }
.pdf .file { font-weight: normal; }
td.filecol { min-width: 14em; }
.note { border-left: 4px solid #1f6feb; background: #f5f9ff; padding: .6em .9em; margin: .8em 0; }
.note.warn { border-left-color: #bf8700; background: #fffaf0; }
code { font-family: Consolas, "DejaVu Sans Mono", monospace; font-size: 10pt; background: #f3f5f7;
       padding: 0 .25em; border-radius: 3px; }
.sums td { font-family: Consolas, "DejaVu Sans Mono", monospace; font-size: 8pt; word-break: break-all; }
.empty { color: #555; font-style: italic; }
footer { margin-top: 2em; color: #666; font-size: 9pt; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  h2 { page-break-after: avoid; }
}
"""


def _esc(text) -> str:
    import html

    return html.escape(str(text), quote=True)


def _link(name: str) -> str:
    """A link to a file beside the page (opens it, where the browser can)."""
    from urllib.parse import quote

    return f'<a class="file" href="{quote(name)}">{_esc(name)}</a>'


def _file_cell(d: dict) -> str:
    cell = _link(d["fil"])
    if d.get("pdf"):
        cell += f'<br><span class="pdf">{_esc(PDF_NOTE)}: {_link(d["pdf"]["fil"])}</span>'
    return cell


def to_html(data: dict) -> str:
    """Uploadliste.html: what to upload now and why, drafts, the copies kept
    as '(din udgave)', what is uploaded already.  One file with its own
    style and no script at all, to open by double-click and to print."""
    kept = [(k["dokument"], k["fil"]) for k in data.get("din_udgave") or []]
    docs = data["dokumenter"]
    now = [d for d in docs if d["skal_uploades"]]
    drafts = [d for d in docs if d["udkast"]]
    done = [d for d in docs if not d["skal_uploades"] and not d["udkast"]]
    record = data["uploadregistrering"]
    area = _esc(data["aftale"])
    out = [
        "<!DOCTYPE html>",
        '<html lang="da">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Uploadliste – {area}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>Uploadliste – {area}</h1>",
        f'<p class="lead">Lavet af docgen ud fra {_esc(data["aftalefil"])}. '
        + (f"Sammenlignet med det, der er registreret som uploadet i {_esc(record)}."
           if record else "Intet er registreret som uploadet endnu, så alle godkendte dokumenter skal uploades.")
        + "</p>",
        '<div class="summary">',
        f'<div class="now" id="antal-nu"><b>{len(now)}</b>skal uploades nu</div>',
        f"<div><b>{len(drafts)}</b>udkast</div>",
        f"<div><b>{len(done)}</b>allerede uploadet</div>",
    ]
    if kept:
        out.append(f'<div class="warn"><b>{len(kept)}</b>din udgave</div>')
    out += ["</div>", f'<h2 id="nu">Skal uploades nu ({len(now)})</h2>']
    if now:
        steps = [
            'Åbn sagen i driftsstøttesystemet (<a href="https://driftsstoette.lbf.dk">driftsstoette.lbf.dk</a>).',
            "Upload for hvert dokument i tabellen herunder filen i kolonnen Fil (Word- eller Excel-filen)"
            + (", den strategiske samarbejdsaftale som den udgave, alle parter har underskrevet"
               if any(d["id"] == "strategisk" for d in now) else "") + "."
            + (" En PDF under filen er til at læse og printe; den uploades ikke." if any(d.get("pdf") for d in now)
               else ""),
            "Kør <code>docgen uploaded</code>, så næste uploadliste ved, hvad der er uploadet.",
        ]
        out.append("<ol>" + "".join(f"<li>{s}</li>" for s in steps) + "</ol>")
        out.append('<table id="skal-uploades"><thead><tr><th>Nr.</th><th>Fil</th><th>Dokument</th><th>Revision</th>'
                   "<th>Hvorfor</th><th>Krav i den strategiske samarbejdsaftale</th></tr></thead><tbody>")
        for d in now:
            why = _esc(d["grund"])
            if d["illustrativt"]:
                why += "<br><b>NB: illustrativt eksempel, erstat indholdet før upload</b>"
            out.append(
                f'<tr class="skal-uploades"><td class="nr">{d["nr"]:02d}</td><td class="filecol">{_file_cell(d)}</td>'
                f'<td>{_esc(d["dokument"])}: {_esc(d["hvad"])}</td><td>{_esc(_revision(d))}</td>'
                f'<td>{why}</td><td>{_esc(d["krav"])}</td></tr>'
            )
        out.append("</tbody></table>")
    else:
        out.append('<p class="empty">Intet: alle godkendte dokumenter er uploadet, som de er.</p>')
    if kept:
        out += [
            f'<h2 id="din-udgave">Din udgave ({len(kept)})</h2>',
            '<div class="note warn">Disse filer lå i mappen under et dokuments navn, men var ikke docgens '
            "(rettet efter docgen skrev dem, fx af en samarbejdspartner, eller filer af dine egne). docgen har "
            "gemt dem urørt under et nyt navn og skrevet dokumentet igen ud fra aftalefilen. Rettelserne er "
            "altså <b>ikke</b> med i det nye dokument. Skal de med, så hent dem ind i aftalefilen med "
            "<code>docgen import</code> og filens navn (se tabellen), eller skriv dem ind i hånden, og byg igen.</div>",
            "<table><thead><tr><th>Dokument</th><th>Din udgave</th><th>Hent rettelserne ind med</th></tr></thead><tbody>",
        ]
        for name, copy in kept:
            out.append(f"<tr><td>{_esc(name)}</td><td>{_link(copy)}</td>"
                       f"<td><code>docgen import &quot;{_esc(copy)}&quot;</code></td></tr>")
        out.append("</tbody></table>")
    if drafts:
        out += [f'<h2 id="udkast">Udkast, der ikke skal uploades endnu ({len(drafts)})</h2>',
                "<table><thead><tr><th>Nr.</th><th>Fil</th><th>Afventer</th></tr></thead><tbody>"]
        out += [f'<tr><td class="nr">{d["nr"]:02d}</td><td>{_file_cell(d)}</td><td>{_esc(d["grund"])}</td></tr>'
                for d in drafts]
        out.append("</tbody></table>")
    if done:
        out += [f'<h2 id="uploadet">Allerede uploadet ({len(done)})</h2>',
                "<table><thead><tr><th>Nr.</th><th>Fil</th><th>Revision</th><th>Status</th></tr></thead><tbody>"]
        out += [f'<tr><td class="nr">{d["nr"]:02d}</td><td>{_file_cell(d)}</td><td>{_esc(_revision(d))}</td>'
                f'<td>{_esc(d["grund"])}</td></tr>' for d in done]
        out.append("</tbody></table>")
    if data["ikke_laengere_i_saettet"]:
        out.append('<p class="note">Uploadet før, men ikke længere en del af sættet (fjern dem på sagen, hvis de '
                   "skal væk): " + ", ".join(_esc(n) for n in data["ikke_laengere_i_saettet"]) + ".</p>")
    out += ['<h2 id="kontrolsummer">Kontrolsummer (SHA-256)</h2>',
            '<table class="sums"><thead><tr><th>Fil</th><th>SHA-256</th></tr></thead><tbody>']
    for d in docs:
        out.append(f"<tr><td>{_esc(d['fil'])}</td><td>{d['sha256']}</td></tr>")
        if d.get("pdf"):
            out.append(f"<tr><td>{_esc(d['pdf']['fil'])}</td><td>{d['pdf']['sha256']}</td></tr>")
    out += ["</tbody></table>",
            f"<footer>Samme liste til programmer: {JSON}. Lavet af docgen.</footer>",
            "</body>", "</html>", ""]
    return "\n".join(out)
