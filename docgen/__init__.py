"""docgen: one agreement.toml in, every document Landsbyggefonden wants out.

The packages are the stages, lowest first; a module imports only from its
own stage or a lower one (tests/test_layout.py holds the order):

    errors        the exceptions and diagnostics every stage raises
    model/        the pydantic model of agreement.toml; LBF's facts per pulje
    figures/      pure arithmetic: staff years, budget, milestones, Danish
                  formats, each document's revision, titles and file names
    source/       agreement.toml in and out: reading with line numbers, the
                  value guard, placeholders, init's skeleton, the JSON schema
    checks/       the rules across the agreement, and the consistency lint
    documents/    one module per LBF document: model → template context
    render/       context → .docx/.xlsx/PDF bytes; which template is used
    own_templates/  a user's own templates: copy docgen's, check theirs
    cycle/        the user's folder, the manifest and upload list, the
                  upload record, earlier versions of the agreement, diff
    importing/    Word and Excel back to agreement.toml
    pipeline      the stages in order
    cli/          the commands and their Danish help
"""
import os as _os
import sys as _sys


def interrupted_while_starting(signum, frame) -> None:
    """The Ctrl-C handler while the command line starts (cli.run and
    ``python -m docgen`` install it before they import anything): nothing
    has been read or written yet, so docgen leaves at once.  It lives here,
    in the module every entry has already loaded, so installing it takes no
    import."""
    try:
        _sys.stderr.write("Afbrudt.\n")
        _sys.stderr.flush()
    finally:
        _os._exit(1)
