"""One module per LBF document: the model → that document's template context.

A document module knows what the document says, not how Word draws it:
its context holds plain text, lists and ``Md`` (Markdown to be rendered).
"""
from __future__ import annotations

from dataclasses import replace

from ..model import AgreementFile
from .base import Document
from . import delaftale, strategic


def all_documents(agreement: AgreementFile) -> list[Document]:
    """Every document of the set, numbered in upload order: the order of
    the strategic agreement's list "Aftaledokumenter"."""
    documents = [strategic.document(agreement)] + delaftale.documents(agreement)
    return [replace(d, number=n) for n, d in enumerate(documents, start=1)]
