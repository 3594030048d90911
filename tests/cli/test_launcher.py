"""`docgen path`: after it, a new terminal window, whose PATH does not name
docgen's virtual environment, runs `docgen` without activating anything."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(os.name == "nt" or shutil.which("bash") is None, reason="a POSIX shell")

BARE_PATH = "/usr/local/bin:/usr/bin:/bin"


def _path_command(home) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOME": str(home), "SHELL": "/bin/bash"}
    return subprocess.run([sys.executable, "-m", "docgen", "path"], capture_output=True, text=True, env=env)


def _new_window(home, command: str, login: bool) -> subprocess.CompletedProcess:
    """A new terminal window: a fresh bash (login, as macOS opens one, or interactive, as Linux
    does) with nothing but HOME and a PATH that does not name the venv."""
    assert os.path.dirname(sys.executable) not in BARE_PATH.split(":")
    return subprocess.run(["bash", "-lc" if login else "-ic", command], capture_output=True, text=True,
                          env={"HOME": str(home), "PATH": BARE_PATH, "TERM": "dumb"}, stdin=subprocess.DEVNULL,
                          cwd=home)


@pytest.mark.parametrize("existing_profile", [False, True])
def test_after_docgen_path_a_new_window_runs_docgen_version(tmp_path, existing_profile):
    home = tmp_path / "home"
    (home / "docgen" / "docgen").mkdir(parents=True)  # docgen's clone in the home folder, where a window opens
    if existing_profile:  # Debian's and Ubuntu's users have a ~/.profile; it keeps working
        (home / ".profile").write_text("MINE=1\n", encoding="utf-8")
    before = _new_window(home, "docgen --version", login=True)
    assert before.returncode != 0  # not found before: the test could fail
    result = _path_command(home)
    assert result.returncode == 0, result.stderr
    assert "Åbn et nyt terminalvindue" in result.stdout
    for login in (True, False):
        after = _new_window(home, "docgen --version", login)
        assert after.returncode == 0 and after.stdout.startswith("docgen "), (login, after.stdout, after.stderr)
    if existing_profile:
        assert not (home / ".bash_profile").exists()  # it would hide ~/.profile from a login shell
        assert _new_window(home, 'echo "$MINE"', login=True).stdout.strip() == "1"
    # twice is harmless: the launcher is rewritten, PATH is not added to again
    again = _path_command(home)
    assert again.returncode == 0, again.stderr
    assert all(f.read_text(encoding="utf-8").count(".local/bin") <= 1 for f in home.glob(".*") if f.is_file())


def test_a_docgen_that_is_not_docgens_launcher_is_left_alone(tmp_path):
    home = tmp_path / "home"
    (home / ".local" / "bin").mkdir(parents=True)
    mine = home / ".local" / "bin" / "docgen"
    mine.write_text("#!/bin/sh\necho mit eget\n", encoding="utf-8")
    result = _path_command(home)
    assert result.returncode == 1 and "ikke lavet af docgen" in result.stderr and "Traceback" not in result.stderr
    assert mine.read_text(encoding="utf-8") == "#!/bin/sh\necho mit eget\n"
