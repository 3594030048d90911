"""One module per LBF document: the model → that document's template context.

A document module knows what the document says, not how Word draws it:
its context holds plain text, lists and ``Md`` (Markdown to be rendered).
"""
from __future__ import annotations

from ..model import AgreementFile
from .base import Document
from . import delaftale, strategic


def all_documents(agreement: AgreementFile) -> list[Document]:
    """Every document of the set, in upload order."""
    return [strategic.document(agreement)] + delaftale.documents(agreement)
