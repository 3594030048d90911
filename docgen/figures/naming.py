"""What the documents and their files are called: the titles and the file
names of the upload folder.  Pure functions; the documents use them for
their titles and checks.structure for the file-name length."""
from __future__ import annotations

import re

from .versions import SUB_AGREEMENT, document_name

# Most file systems (ext4, NTFS, APFS) take file names of at most 255
# bytes (NTFS: 255 UTF-16 units, never fewer than UTF-8 bytes).
MAX_FILE_NAME_BYTES = 255


def title(doc_id: str, area_name: str) -> str:
    """'Budget - Husum-Tingbjerg', 'Delaftale - Beskæftigelse'."""
    name = document_name(doc_id)
    return name if doc_id.partition(".")[0] == SUB_AGREEMENT else f"{name} - {area_name}"


def file_name(number: int, document_title: str, suffix: str) -> str:
    """'01 Strategisk samarbejdsaftale - Husum-Tingbjerg.docx'"""
    return f"{number:02d} {safe_filename(document_title)}{suffix}"


def safe_filename(name: str) -> str:
    """The name with every character Windows refuses in a file name
    (<>:"/\\|?* and control characters) replaced by '-'."""
    return re.sub(r'[<>:"/\\|?*\x00-\x1f]', "-", name).rstrip(". ")
