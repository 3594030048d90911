"""PDF copies of the documents through LibreOffice, when it is installed."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import DocgenError

WINDOWS_PATHS = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
MAC_PATH = "/Applications/LibreOffice.app/Contents/MacOS/soffice"

INSTALL_HELP = (
    "LibreOffice er ikke installeret, og docgen bruger det til at lave PDF'er. "
    "Installer det fra https://da.libreoffice.org (Windows og macOS), eller på Debian/Ubuntu med "
    "'sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui', og kør igen. "
    "Uden --pdf laver docgen dokumenterne uden LibreOffice"
)


# The profile docgen gives LibreOffice: Danish locale, whatever the
# machine's.  LibreOffice formats numbers by its locale setting (which
# follows the system's unless set): on an English system the budget would
# print "10,792,000 kr." and "75.0 %" (measured with LANG=C.UTF-8).
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>da-DK</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale" oor:op="fuse"><value>da-DK</value></prop></item>
</oor:items>
"""


def write_profile(folder: Path) -> str:
    """A new LibreOffice user profile in ``folder`` with Danish locale; its
    file: URI for -env:UserInstallation."""
    user = folder / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, encoding="utf-8")
    return folder.as_uri()


def find_soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for candidate in (*WINDOWS_PATHS, MAC_PATH):
        if os.path.exists(candidate):
            return candidate
    return None


def convert(files: dict[str, bytes], timeout: int = 600) -> dict[str, bytes]:
    """{'01 navn.docx': bytes, …} -> {'01 navn.pdf': bytes, …}"""
    soffice = find_soffice()
    if soffice is None:
        raise DocgenError(INSTALL_HELP)
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as work:
        work_dir = Path(work)
        sources = []
        for name, data in files.items():
            (work_dir / name).write_bytes(data)
            sources.append(str(work_dir / name))
        profile = write_profile(work_dir / "profil")
        try:
            result = subprocess.run(
                [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                 "--outdir", str(work_dir / "pdf"), *sources],
                capture_output=True, text=True, timeout=timeout,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise DocgenError(f"LibreOffice kunne ikke lave PDF'erne: {exc}") from None
        pdfs = {}
        for name in files:
            pdf = work_dir / "pdf" / (Path(name).stem + ".pdf")
            if not pdf.exists():
                detail = (result.stderr or result.stdout).strip()
                raise DocgenError(f"LibreOffice lavede ingen PDF af {name}. {detail}".strip())
            pdfs[pdf.name] = pdf.read_bytes()
        return pdfs
