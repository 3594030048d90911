"""`docgen serve` in a real browser: headless Chromium opens the page, the
test saves the agreement file as a user would (an error in, then out, a
staff-year change, a delaftale's text), and the page shows each by itself.

Chromium is driven through its DevTools protocol (websocket-client): the
test reads what the page shows, as a person would, from the live DOM.
Skipped without Chromium (CI installs it and sets DOCGEN_REQUIRE_CHROMIUM=1).
How fast a save reaches the page is measured by benchmarks/run.py, not here.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import AGREEMENT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
REQUIRED = os.environ.get("DOCGEN_REQUIRE_CHROMIUM") == "1"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not REQUIRED, reason="Chromium er ikke installeret (apt-get install chromium)"
)


def start_serve(fil: Path, *args: str) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "docgen", "serve", str(fil), "--ingen-browser", "--port", "0", *args],
        cwd=fil.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    line = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+/", line)
    assert match, line + process.stderr.read() if process.poll() is not None else line
    return process, match.group(0)


class Browser:
    """Headless Chromium on one page, read through the DevTools protocol."""

    def __init__(self, url: str, profile: str):
        import websocket

        assert CHROMIUM is not None, "DOCGEN_REQUIRE_CHROMIUM=1, men chromium findes ikke"
        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--remote-debugging-port=0", "--remote-allow-origins=*", url],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        deadline = time.monotonic() + 60
        port = None
        while port is None and time.monotonic() < deadline:
            line = self.process.stderr.readline()
            found = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
            if found:
                port = found.group(1)
        assert port, "Chromium startede ikke"
        targets = []
        while not targets and time.monotonic() < deadline:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json") as answer:
                targets = [t for t in json.load(answer) if t.get("type") == "page" and t["url"].startswith(url)]
            time.sleep(0.1)
        self.socket = websocket.create_connection(targets[0]["webSocketDebuggerUrl"], timeout=30)
        self.counter = 0

    def evaluate(self, expression: str):
        self.counter += 1
        self.socket.send(json.dumps({"id": self.counter, "method": "Runtime.evaluate",
                                     "params": {"expression": expression, "returnByValue": True}}))
        while True:
            answer = json.loads(self.socket.recv())
            if answer.get("id") == self.counter:
                return answer["result"]["result"].get("value")

    def text(self, element_id: str) -> str:
        return self.evaluate(f"(document.getElementById({json.dumps(element_id)}) || {{}}).innerText || ''")

    def wait_for(self, check, what: str, timeout: float = 30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = check()
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"siden viste ikke {what} inden for {timeout} s")

    def close(self):
        self.socket.close()
        self.process.kill()
        self.process.wait()


def save(path: Path, text: str) -> None:
    """As an editor saves: a new file renamed over the old one."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def test_the_page_follows_the_file_as_it_is_saved(tmp_path):
    fil = tmp_path / "agreement.toml"
    original = AGREEMENT.read_text(encoding="utf-8")
    fil.write_text(original, encoding="utf-8")
    server, url = start_serve(fil)
    profile = tempfile.mkdtemp(prefix="docgen-chromium-")
    browser = None
    try:
        browser = Browser(url, profile)
        browser.wait_for(lambda: browser.text("status").startswith("Klar til build"), "»Klar til build«")
        matrix = browser.text("aarsvaerk")
        assert "Projektleder" in matrix and "Bemandingsplan" in matrix
        assert "Finansiering i alt" in browser.text("budget")
        assert "skal uploades nu" in browser.text("uploads") or "Vises, når" in browser.text("uploads")

        # an unknown party id: the error with its line appears, then goes
        broken = original.replace('parter = ["helhedsplanen"]', 'parter = ["ukendt_part"]', 1)
        line = original[: original.index('parter = ["helhedsplanen"]')].count("\n") + 1
        save(fil, broken)
        shown = browser.wait_for(lambda: "ukendt_part" in browser.text("problemer") and browser.text("problemer"),
                                 "den ukendte part")
        assert f"linje {line}" in shown
        assert browser.text("status").startswith("1 fejl")
        save(fil, original)
        browser.wait_for(lambda: "ukendt_part" not in browser.text("problemer")
                         and browser.text("status").startswith("Klar til build"), "fejlen forsvinde")

        # a syntax error keeps the last good numbers, marked as such
        save(fil, original.replace('titel = "Projektleder"', 'titel = "Projektleder', 1))
        browser.wait_for(lambda: browser.evaluate("!document.getElementById('gammel').hidden"), "»sidste gyldige udgave«")
        assert "Projektleder" in browser.text("aarsvaerk")
        save(fil, original)
        browser.wait_for(lambda: browser.evaluate("document.getElementById('gammel').hidden"), "at filen er gyldig igen")

        # a staff-year change: the matrix shows the role off its plan, marked
        save(fil, original.replace('{ rolle = "projektleder", aarsvaerk = 0.25 }',
                                   '{ rolle = "projektleder", aarsvaerk = 0.5 }', 1))
        browser.wait_for(lambda: browser.evaluate(
            "[...document.querySelectorAll('#aarsvaerk tr.skaev td:first-child')].map(c => c.textContent).join()"
        ) == "Projektleder", "Projektleder markeret i årsværkstabellen")
        save(fil, original)
        browser.wait_for(lambda: browser.text("status").startswith("Klar til build"), "»Klar til build« igen")

        # a delaftale's text: its pages are made anew, the others kept
        def versions():
            return browser.evaluate(
                "Object.fromEntries([...document.querySelectorAll('.dokument')].map(d => "
                "[d.id, (d.querySelector('img') || {}).src || (d.querySelector('pre') ? 'tekst' : '')]))")
        first = browser.wait_for(lambda: (v := versions()) and all(v.values()) and len(v) == 10 and v,
                                 "alle dokumenternes sider", timeout=180)
        save(fil, original.replace("Opbakning til den lokale folkeskole", "Støtte til den lokale folkeskole", 1))
        second = browser.wait_for(lambda: (v := versions()) != first and all(v.values()) and v,
                                  "nye sider af delaftalen", timeout=120)
        changed = sorted(k for k in first if first[k] != second[k])
        assert changed == ["dok-02 Delaftale - Uddannelse og livschancer.docx"], changed
    finally:
        if browser is not None:
            browser.close()
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(profile, ignore_errors=True)
    # nothing written in the user's folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agreement.toml"]


def test_another_host_name_is_refused_and_only_get_is_answered(tmp_path):
    fil = tmp_path / "agreement.toml"
    fil.write_text(AGREEMENT.read_text(encoding="utf-8"), encoding="utf-8")
    server, url = start_serve(fil)
    try:
        port = url.rsplit(":", 1)[1].strip("/")
        ok = urllib.request.urlopen(urllib.request.Request(url + "tilstand.json"))
        assert json.load(ok)["gyldig"] is True
        for host in (f"evil.example:{port}", "127.0.0.1", f"localhost.evil.example:{port}"):
            request = urllib.request.Request(url, headers={"Host": host})
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request)
            assert refused.value.code == 403
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(url, data=b"x", method="POST"))
        assert refused.value.code == 405
        # no path of the request reaches the file system
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url + "../agreement.toml")
        assert refused.value.code == 404
    finally:
        server.terminate()
        server.wait(timeout=30)
