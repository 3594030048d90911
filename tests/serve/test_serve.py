"""docgen serve without a browser: what the page is given, the port, Ctrl-C."""
from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import AGREEMENT, MINIMAL
from docgen.serve.hub import Hub
from docgen.serve.snapshot import group_of, snapshot


def test_problems_are_grouped_by_the_document_a_reader_finds_them_in():
    names = {2: "Beskæftigelse"}
    assert group_of("delaftaler[2].aktiviteter[1].formaal", names) == ("Delaftale: Beskæftigelse", "aktiviteter")
    assert group_of("budget.udgifter[3].beloeb.aar1", names) == ("Budget", "udgifter")
    assert group_of("milepaele[4].titel", names) == ("Milepælsplan", "titel")
    assert group_of("aftale.omraadenavn", names) == ("Strategisk samarbejdsaftale", "aftale")
    assert group_of("", names) == ("Aftalefilen", "")


def test_an_error_comes_with_its_line_and_the_lines_around_it(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8")
    fil = tmp_path / "agreement.toml"
    first_party = text.index('parter = ["')
    fil.write_text(text[:first_party] + 'parter = ["findes_ikke", ' + text[first_party + len('parter = ['):],
                   encoding="utf-8")
    state = snapshot(fil)
    assert state["gyldig"] and not state["klar"]
    error = next(p for p in state["problemer"] if "findes_ikke" in p["besked"])
    line = text[:first_party].count("\n") + 1
    assert error["linje"] == line
    here = [c for c in error["omkring"] if c["her"]]
    assert [c["nr"] for c in here] == [line] and "findes_ikke" in here[0]["tekst"]
    assert len(error["omkring"]) == 5


def test_a_file_that_does_not_load_keeps_the_last_good_numbers(tmp_path):
    fil = tmp_path / "agreement.toml"
    good = MINIMAL.read_text(encoding="utf-8")
    fil.write_text(good, encoding="utf-8")
    hub = Hub(fil, tmp_path / "output")
    hub.update()
    numbers = hub.state["aarsvaerk"]
    assert hub.state["gyldig"] and not hub.state["fra_sidste_gyldige"]
    fil.write_text(good.replace("[aftale]", "[aftale", 1), encoding="utf-8")
    hub.update()
    assert not hub.state["gyldig"] and hub.state["fra_sidste_gyldige"]
    assert hub.state["aarsvaerk"] == numbers
    assert hub.state["problemer"][0]["linje"] is not None


def _start(fil, *args):
    process = subprocess.Popen([sys.executable, "-m", "docgen", "serve", str(fil), "--ingen-browser", *args],
                               cwd=fil.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return process, process.stdout.readline()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT as a signal is POSIX's")
def test_ctrl_c_stops_it_and_says_so_in_danish_and_a_taken_port_is_no_obstacle(tmp_path):
    fil = tmp_path / "agreement.toml"
    fil.write_text(AGREEMENT.read_text(encoding="utf-8"), encoding="utf-8")
    blocker = socket.socket()
    try:
        blocker.bind(("127.0.0.1", 8765))
        blocker.listen()
        usual_taken = True
    except OSError:
        usual_taken = True  # someone else holds it: the same situation
    try:
        process, first = _start(fil)
        assert "http://127.0.0.1:" in first and ":8765/" not in first, first
        url = first.split(" på ", 1)[1].split()[0]
        with urllib.request.urlopen(url + "tilstand.json") as answer:
            assert json.load(answer)["klar"] is True
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        blocker.close()
    assert usual_taken
    assert process.returncode == 0, err
    assert "docgen serve er stoppet." in out
    assert "Traceback" not in err


def test_a_missing_file_is_a_danish_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "docgen", "serve", str(tmp_path / "findes.toml"), "--ingen-browser"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "findes ikke" in result.stderr and "Traceback" not in result.stderr


def test_a_save_reaches_the_state_the_page_reads(tmp_path):
    fil = tmp_path / "agreement.toml"
    text = MINIMAL.read_text(encoding="utf-8")
    fil.write_text(text, encoding="utf-8")
    process, first = _start(fil, "--port", "0")
    try:
        url = first.split(" på ", 1)[1].split()[0]

        def state():
            with urllib.request.urlopen(url + "tilstand.json") as answer:
                return json.load(answer)

        before = state()
        assert before["klar"]
        fil.write_text(text.replace("[aftale]", "[aftale", 1), encoding="utf-8")
        deadline = time.monotonic() + 20
        while state()["gyldig"] and time.monotonic() < deadline:
            time.sleep(0.05)
        after = state()
        assert not after["gyldig"] and after["fra_sidste_gyldige"]
        assert after["version"] > before["version"]
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agreement.toml"]
