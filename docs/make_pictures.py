"""Make the pictures in docs/billeder/ from a real build.

    python docs/make_pictures.py [--out MAPPE]

Builds the test agreement tests/data/to_omraader.toml (Vestparken: two
indsatsområder, calendar years) with PDFs (LibreOffice), turns one page of
each document kind into a small PNG (pdftoppm, 50 dpi), draws the
staff-year table `docgen validate` prints, and takes screenshots of the
upload list and of `docgen serve`'s page in headless Chromium.  Rerun it when the documents change;
tests/test_docs.py runs it and checks that every picture the docs link is
one it makes.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AGREEMENT = ROOT / "tests" / "data" / "to_omraader.toml"
OUT = ROOT / "docs" / "billeder"
RESOLUTION = 50  # dots per inch: an A4 page is about 410 × 585 pixels

# (PDF name start, page, picture): one page of each document kind
PAGES = [
    ("01 Strategisk samarbejdsaftale", 1, "strategisk-samarbejdsaftale.png"),
    ("02 Delaftale - Beskæftigelse", 1, "delaftale.png"),
    ("04 Budget", 1, "budget.png"),
    ("05 Beredskabsplan", 1, "beredskabsplan.png"),
    ("06 Milepælsplan", 1, "milepaelsplan.png"),
    ("07 Kommissorium", 1, "kommissorium.png"),
    ("08 Indberetningsskema", 1, "indberetningsskema.png"),
]
STAFF_YEARS = "aarsvaerk.png"
UPLOAD_LIST = "uploadliste.png"
SERVE = "serve.png"
PICTURES = [name for _, _, name in PAGES] + [STAFF_YEARS, UPLOAD_LIST, SERVE]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]


def docgen(*args: str, cwd: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "docgen", *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode not in (0,):
        raise SystemExit(f"docgen {' '.join(args)} fejlede:\n{result.stdout}{result.stderr}")
    return result.stdout


def page_pictures(output: Path, out: Path) -> None:
    for start, page, name in PAGES:
        pdf = next(output.glob(f"{start}*.pdf"))
        target = out / Path(name).stem
        subprocess.run(["pdftoppm", "-r", str(RESOLUTION), "-png", "-f", str(page), "-l", str(page), "-singlefile",
                        str(pdf), str(target)], check=True)


def staff_year_picture(text: str, target: Path) -> None:
    """The staff-year table of `docgen validate`, drawn as a terminal shows it."""
    from PIL import Image, ImageDraw, ImageFont

    lines = text.split("Rolle", 1)[1].split("\n\n", 1)[0].rstrip("\n").split("\n")
    lines = ["Rolle" + lines[0], *lines[1:]]
    try:
        font = ImageFont.truetype("DejaVuSansMono.ttf", 13)
    except OSError:
        font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", 13)
    width = max(int(font.getlength(line)) for line in lines) + 24
    height = 18 * len(lines) + 20
    image = Image.new("RGB", (width, height), (30, 30, 30))
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((12, 10 + 18 * n), line, font=font, fill=(230, 230, 230))
    image.save(target, optimize=True)


def upload_list_picture(html: Path, target: Path, work: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        raise SystemExit("Chromium findes ikke; installer det (Debian: apt-get install chromium)")
    subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={work / 'chromium'}", "--window-size=900,1000",
                    f"--screenshot={target}", html.as_uri()], check=True, capture_output=True, timeout=120)


def serve_picture(fil: Path, target: Path, work: Path) -> None:
    """The page of `docgen serve` once its previews are made."""
    import json
    import re
    import time
    import urllib.request

    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        raise SystemExit("Chromium findes ikke; installer det (Debian: apt-get install chromium)")
    server = subprocess.Popen([sys.executable, "-m", "docgen", "serve", str(fil), "--ingen-browser", "--port", "0"],
                              cwd=fil.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = re.search(r"http://127\.0\.0\.1:\d+/", server.stdout.readline()).group(0)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            with urllib.request.urlopen(url + "tilstand.json") as answer:
                state = json.load(answer)
            if state["dokumenter"] and not state["dokumenter_arbejder"]:
                break
            time.sleep(0.2)
        # the page keeps its events stream open, so --screenshot never sees it settle:
        # the picture is taken through Chromium's DevTools protocol once the page shows the documents
        import base64

        import websocket

        browser = subprocess.Popen([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={work / 'chromium-serve'}",
                                    "--window-size=1000,1100", "--remote-debugging-port=0", "--remote-allow-origins=*",
                                    url], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            port = None
            while port is None:
                line = browser.stderr.readline()
                if not line:
                    raise SystemExit("Chromium startede ikke")
                found = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
                port = found and found.group(1)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json") as answer:
                page = next(t for t in json.load(answer) if t.get("type") == "page")
            socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)

            def call(n: int, method: str, **params):
                socket.send(json.dumps({"id": n, "method": method, "params": params}))
                while True:
                    reply = json.loads(socket.recv())
                    if reply.get("id") == n:
                        return reply.get("result", {})

            for n in range(1, 600):
                shown = call(n, "Runtime.evaluate", returnByValue=True,
                             expression="[...document.images].filter(i => i.complete && i.naturalWidth).length")
                if shown["result"].get("value", 0) >= 5:
                    break
                time.sleep(0.1)
            picture = call(1000, "Page.captureScreenshot", format="png")
            target.write_bytes(base64.b64decode(picture["data"]))
            socket.close()
        finally:
            browser.kill()
            browser.wait()
    finally:
        server.terminate()
        server.wait(timeout=30)


def make(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docgen-billeder-") as tmp:
        work = Path(tmp)
        shutil.copyfile(AGREEMENT, work / "agreement.toml")
        docgen("build", "--pdf", cwd=work)
        page_pictures(work / "output", out)
        staff_year_picture(docgen("validate", cwd=work), out / STAFF_YEARS)
        upload_list_picture(work / "output" / "Uploadliste.html", out / UPLOAD_LIST, work)
        serve_picture(work / "agreement.toml", out / SERVE, work)
    return [out / name for name in PICTURES]


def main() -> None:
    parser = argparse.ArgumentParser(description="Lav billederne i docs/billeder ud fra en rigtig kørsel.")
    parser.add_argument("--out", type=Path, default=OUT, help="mappen til billederne (standard: docs/billeder)")
    made = make(parser.parse_args().out)
    for path in made:
        print(f"{path} ({path.stat().st_size // 1024} kB)")


if __name__ == "__main__":
    main()
