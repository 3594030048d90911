"""The way back: Word and Excel documents into agreement.toml.  Two ways
in, each in its own room, on one shared floor:

shared/    what both read with: package.py (opening a document safely,
           bounded), word.py (every part of a Word document in reading
           order, tracked changes, comments), numbering.py (Word's
           numbering and heading levels), markdown.py (Word paragraphs back
           into the renderer's Markdown subset).

built/     documents docgen made (`docgen import`): run.py finds which
           document a file is, renders it from a traced agreement and
           compares three versions (the build, the document, the file);
           align.py turns a Word document's differences into field
           changes, excel.py a workbook's (cells and rows found by their
           keys, never by position), revisions.py a workbook's tracked
           changes; report.py shows them and writes them with
           source/writer.py.

handmade/  a plan's own documents (`docgen import --ny`): labels.py finds
           LBF's fixed labels by the pulje's variants, lines.py,
           contacts.py, parties.py and staffing.py read what stands by
           them, reader.py reads the strategic agreement and the
           delaftaler, plans.py the beredskabsplan and kommissorium,
           newfile.py writes the new agreement file over init's skeleton,
           notes.py keeps the report, importrapport.py shows where every
           paragraph went, and ny.py runs it.

A lower room never imports a higher one: built/ and handmade/ use shared/,
never each other.
"""
