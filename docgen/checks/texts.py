"""The long texts (Markdown): everything typed in them reaches the
document, or the check says which line it cannot carry and why
(source/markdown.py decides, for the renderer)."""
from __future__ import annotations

from ..model.agreement import AgreementFile
from ..source.guard import is_multiline
from ..source.markdown import problems
from .finding import Finding
from .lint import texts


def markdown_texts(agreement: AgreementFile) -> list[Finding]:
    findings = []
    for path, text in texts(agreement):
        if is_multiline(path):
            for line, message in problems(text):
                findings.append(Finding(path, message, text_line=line))
    return findings
