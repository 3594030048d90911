"""Turn a document's context into a file: Word via docxtpl (docx.py, with
Markdown in markdown.py and table widths in widths.py), Excel via openpyxl
(xlsx.py), the organisation chart (orgchart.py), reproducible packages
(package.py), PDF via LibreOffice (pdf.py), which template a document uses
(templates.py) and rendering many at once (batch.py).  No domain logic."""
