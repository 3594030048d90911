"""One module per LBF document: the model → that document's template context.

A document module knows what the document says, not how Word or Excel
draws it: a Word document's context holds plain text, lists and ``Md``
(Markdown to be rendered); an Excel document's is a ``workbook.Workbook``.
"""
from __future__ import annotations

from dataclasses import replace

from ..model.agreement import AgreementFile
from ..figures.versions import version
from .base import Document
from . import beredskabsplan, budget, delaftale, indberetningsskema, kommissorium, milepaelsplan, strategic


def all_documents(agreement: AgreementFile) -> list[Document]:
    """Every document of the set, numbered in upload order: the order of
    the strategic agreement's list "Aftaledokumenter"."""
    documents = [
        strategic.document(agreement),
        *delaftale.documents(agreement),
        budget.document(agreement),
        beredskabsplan.document(agreement),
        milepaelsplan.document(agreement),
        kommissorium.document(agreement),
        indberetningsskema.document(agreement),
    ]
    return [
        replace(d, number=n, state=version(agreement, d.doc_id)) for n, d in enumerate(documents, start=1)
    ]
