"""The way back: Word and Excel documents into agreement.toml.

Shared by both ways in: package.py (opening a document safely), word.py
(a document's paragraphs, tracked changes and comments) and markdown.py
(Word paragraphs back into the renderer's Markdown subset).

Documents docgen made (`docgen import`): run.py finds which document a
file is and renders it from a traced agreement, align.py turns the
differences into field changes (excel.py for workbooks, with revisions.py for
their tracked changes), report.py shows
them and writes them with source/writer.py.

A plan's own hand-made documents (`docgen import --ny`): labels.py finds
LBF's fixed labels, lines.py, contacts.py, parties.py and staffing.py read
what stands by them, handmade.py reads the strategic agreement and the
delaftaler, plans.py the beredskabsplan and kommissorium, newfile.py
writes the new agreement file over init's skeleton, notes.py keeps the
report, and ny.py runs it.
"""
