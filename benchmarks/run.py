#!/usr/bin/env python3
"""docgen's benchmark: how long ``docgen build`` and ``docgen validate``
take, compared with the floor, and how much memory a build uses.

    python benchmarks/run.py [--runs N | --quick] [--json FILE]

Every figure is a whole process, started with the Python that runs this
script (``sys.executable``), as a user would start docgen.  The *floor* is
a process that only imports the libraries the command needs: no tool built
on them can start faster, so "command / floor" says how much docgen itself
adds.  After a warm-up, the command and its floor run alternately
(A B A B ...), so a machine that gets slower or faster during the run
affects both equally; the ratio is the median of each run's command time
divided by the floor time measured right next to it.

Standard library only (plus docgen itself, run as ``python -m docgen``).
The benchmark reports; it does not gate: the exit status is 0 unless a
command fails (then its error output is printed and the status is 2).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import make_large  # noqa: E402  (lives next to this file)

PY = sys.executable
AGREEMENT = "agreement.toml"  # relative to ROOT, the working directory of every run
SCALE = 10

# The floors: the least a tool built on docgen's libraries can do and still
# do the job at all, run the way docgen's CLI runs (cli.run: the cyclic GC
# off, and os._exit after flushing, skipping the interpreter's teardown).
# validate: import the libraries, define and validate one pydantic class
# with one field (what any program with a pydantic model pays).  build: the
# same, and open and save each built-in template once with
# python-docx/openpyxl (no data written), on one core.
CLI_LIKE = "import gc, os, sys; gc.disable()\n{body}\nsys.stdout.flush(); os._exit(0)"
ONE_CLASS = (
    "class A(pydantic.BaseModel):\n    x: int\n"
    "A(x=1)"
)
VALIDATE_FLOOR = [PY, "-c", CLI_LIKE.format(body="import pydantic, click, tomllib\n" + ONE_CLASS)]
BUILD_FLOOR = [PY, "-c", CLI_LIKE.format(body=(
    "import io, pathlib, click, docx, docxtpl, openpyxl, pydantic, tomllib\n" + ONE_CLASS + "\n"
    "for t in sorted(pathlib.Path('templates').glob('*.docx')): docx.Document(str(t)).save(io.BytesIO())\n"
    "for t in sorted(pathlib.Path('templates').glob('*.xlsx')): openpyxl.load_workbook(t).save(io.BytesIO())"
))]

# What the floors are made of (reported, not a target): importing the
# libraries alone, and docgen's own model classes (`import docgen.model.agreement`,
# no file read), each run like the floors and compared with the validate
# floor; docgen's model is the part of validate's time above it that no
# agreement file causes.
IMPORTS_ONLY_VALIDATE = [PY, "-c", CLI_LIKE.format(body="import pydantic, click, tomllib")]
IMPORTS_ONLY_BUILD = [PY, "-c", CLI_LIKE.format(body="import docx, docxtpl, openpyxl, pydantic, click")]
MODEL_ONLY = [PY, "-c", CLI_LIKE.format(body="import click, tomllib, docgen.model.agreement")]

# Targets (from the issues "Performance: a benchmark anyone can run" and
# "Hardening", which set them against these floors).
TARGET_BUILD_RATIO = 1.25
TARGET_VALIDATE_RATIO = 1.2
TARGET_BUILD_PEAK_MIB = 150.0
TARGET_SCALE_RATIO = float(SCALE)
TARGET_IMPORT_RATIO = 2.0  # the issue "The way back": importing the whole set takes at most twice a build
TARGET_SERVE_STATUS_S = 0.5  # docgen serve: a save's status and numbers on the page
TARGET_SERVE_PAGES_S = 5.0   # docgen serve: a changed delaftale's pages (with LibreOffice)


def docgen(*args: str) -> list[str]:
    return [PY, "-m", "docgen", *args]


# --- running and timing one process ------------------------------------------


@dataclass
class Sample:
    wall: float  # seconds, from start to the process being reaped
    cpu: float | None  # user + system seconds of the child
    peak_mib: float | None  # the child's maximum resident set size


class CommandFailed(Exception):
    def __init__(self, cmd: list[str], status: int, stderr: str):
        super().__init__(f"{' '.join(cmd)} sluttede med status {status}")
        self.cmd, self.status, self.stderr = cmd, status, stderr


def _mib(maxrss: int) -> float:
    """ru_maxrss is in bytes on macOS, in KiB on Linux and the BSDs."""
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def run_once(cmd: list[str]) -> Sample:
    """Run ``cmd`` in the project folder; time it and read its own rusage.

    ``os.wait4`` reaps exactly this child and returns its resource usage,
    so each sample's peak memory is that process's own (getrusage with
    RUSAGE_CHILDREN would give the largest of every child reaped so far,
    floors included).  Without wait4 (Windows) memory is not measured."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait again
            cpu, peak = usage.ru_utime + usage.ru_stime, _mib(usage.ru_maxrss)
        else:
            proc.wait()
            wall = time.perf_counter() - start
            cpu = peak = None
        if proc.returncode != 0:
            err.seek(0)
            raise CommandFailed(cmd, proc.returncode, err.read().decode("utf-8", errors="replace"))
    return Sample(wall, cpu, peak)


def alternate(commands: list[list[str]], runs: int, warmup: int = 1) -> list[list[Sample]]:
    """Run the commands in turn (A B A B ...) ``runs`` times after
    ``warmup`` rounds that are not counted."""
    for _ in range(warmup):
        for cmd in commands:
            run_once(cmd)
    samples: list[list[Sample]] = [[] for _ in commands]
    for _ in range(runs):
        for cmd, out in zip(commands, samples):
            out.append(run_once(cmd))
    return samples


def median(values) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def versus_floor(name: str, cmd: list[str], floor: list[str], runs: int, target: float) -> dict:
    command_samples, floor_samples = alternate([cmd, floor], runs)
    ratios = [c.wall / f.wall for c, f in zip(command_samples, floor_samples)]
    above = [c.wall - f.wall for c, f in zip(command_samples, floor_samples)]
    ratio = median(ratios)
    return {
        "navn": name,
        "kommando": cmd,
        "bund": floor,
        "median_s": median(s.wall for s in command_samples),
        "bund_median_s": median(s.wall for s in floor_samples),
        "over_bund_median_s": median(above),
        "forhold_median": ratio,
        "cpu_median_s": median(s.cpu for s in command_samples),
        "bund_cpu_median_s": median(s.cpu for s in floor_samples),
        "mål_forhold": target,
        "nået": ratio <= target,
        "kørsler": [asdict(s) for s in command_samples],
        "bund_kørsler": [asdict(s) for s in floor_samples],
    }


def byte_compile() -> None:
    """Compile docgen's modules to bytecode (__pycache__), as the libraries
    in site-packages already are.  Python does this itself on a user's
    first run; with PYTHONDONTWRITEBYTECODE set it never would, and every
    run would pay for compiling docgen's source again."""
    import compileall

    compileall.compile_dir(str(ROOT / "docgen"), quiet=1)


def scaling(files: dict[str, Path], out_dir: Path, runs: int) -> dict:
    """Build time above the floor for 1× and SCALE× the agreement."""
    small, large = files["1"], files[str(SCALE)]
    commands = [
        BUILD_FLOOR,
        docgen("build", str(small), "-o", str(out_dir / "1x")),
        docgen("build", str(large), "-o", str(out_dir / f"{SCALE}x")),
    ]
    floor, one, many = alternate(commands, runs)
    above_one = median(o.wall - f.wall for o, f in zip(one, floor))
    above_many = median(m.wall - f.wall for m, f in zip(many, floor))
    ratio = above_many / above_one if above_one and above_one > 0 else float("inf")
    return {
        "faktor": SCALE,
        "kommandoer": commands,
        "bund_median_s": median(s.wall for s in floor),
        "1x_median_s": median(s.wall for s in one),
        f"{SCALE}x_median_s": median(s.wall for s in many),
        "1x_over_bund_s": above_one,
        f"{SCALE}x_over_bund_s": above_many,
        "forhold": ratio,
        f"{SCALE}x_peak_mib": max((s.peak_mib for s in many if s.peak_mib is not None), default=None),
        "mål_forhold": TARGET_SCALE_RATIO,
        "nået": ratio <= TARGET_SCALE_RATIO,
        "bund_kørsler": [asdict(s) for s in floor],
        "1x_kørsler": [asdict(s) for s in one],
        f"{SCALE}x_kørsler": [asdict(s) for s in many],
    }


def importing(out_dir: Path, runs: int) -> dict:
    """`docgen import` of every document of the shipped agreement (none
    edited; without --ja and a terminal it writes nothing), against a build."""
    built = out_dir / "import"
    run_once(docgen("build", AGREEMENT, "-o", str(built)))
    documents = sorted(str(p) for p in built.iterdir() if p.suffix in (".docx", ".xlsx"))
    build_cmd = docgen("build", AGREEMENT, "-o", str(out_dir / "import-build"))
    import_cmd = docgen("import", *documents, "--fil", AGREEMENT)
    builds, imports = alternate([build_cmd, import_cmd], runs)
    ratio = median(i.wall / b.wall for i, b in zip(imports, builds))
    return {
        "kommando": import_cmd,
        "build_median_s": median(s.wall for s in builds),
        "import_median_s": median(s.wall for s in imports),
        "forhold": ratio,
        "mål_forhold": TARGET_IMPORT_RATIO,
        "nået": ratio <= TARGET_IMPORT_RATIO,
        "build_kørsler": [asdict(s) for s in builds],
        "import_kørsler": [asdict(s) for s in imports],
    }


def serving(tmp_dir: Path, runs: int) -> dict:
    """`docgen serve` on a copy of the shipped agreement: the time from a
    save to the page's state showing it (status and numbers), and to a
    changed delaftale's new pages.  Measured as the page gets it: the
    events stream says "changed", then /tilstand.json is read."""
    import http.client
    import shutil
    import urllib.request

    folder = tmp_dir / "serve"
    folder.mkdir()
    fil = folder / "agreement.toml"
    original = (ROOT / AGREEMENT).read_text(encoding="utf-8")
    fil.write_text(original, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "docgen", "serve", str(fil), "--ingen-browser", "--port", "0"],
                               cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", process.stdout.readline())
        if not found:
            raise CommandFailed(["docgen", "serve"], process.poll() or 0, process.stderr.read())
        port = int(found.group(1))

        def state() -> dict:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/tilstand.json") as answer:
                return json.load(answer)

        def save(text: str) -> None:
            temporary = fil.with_name("agreement.toml.tmp")
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, fil)

        def pages_ready(s: dict) -> bool:
            return len(s["dokumenter"]) == 10 and not s["dokumenter_arbejder"] and s["dokumenter_fra_version"] > 0

        deadline = time.monotonic() + 300
        while not pages_ready(state()) and time.monotonic() < deadline:
            time.sleep(0.1)
        status_times = []
        one, two = '{ rolle = "projektleder", aarsvaerk = 0.25 }', '{ rolle = "projektleder", aarsvaerk = 0.5 }'
        for n in range(runs * 2):
            stream = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            stream.request("GET", "/haendelser")
            events = stream.getresponse()
            events.readline(), events.readline()  # the current version
            wanted = n % 2 == 0  # the staff years off (True) or back (False)
            started = time.perf_counter()
            save(original.replace(one, two, 1) if wanted else original)
            while True:
                line = events.readline()
                if line.startswith(b"data:"):
                    s = state()
                    if (not s["klar"]) == wanted:
                        break
            status_times.append(time.perf_counter() - started)
            stream.close()
        pages_times = []
        note = state()["dokumenter_note"]
        if note is None:
            name = "02 Delaftale - Uddannelse og livschancer.docx"
            word_a, word_b = "Opbakning til den lokale folkeskole", "Støtte til den lokale folkeskole"
            for n in range(max(2, runs // 2)):
                before = next(d["udgave"] for d in state()["dokumenter"] if d["fil"] == name)
                started = time.perf_counter()
                save(original.replace(word_a, word_b, 1) if n % 2 == 0 else original)
                while True:
                    s = state()
                    now = next(d["udgave"] for d in s["dokumenter"] if d["fil"] == name)
                    if now != before and not s["dokumenter_arbejder"]:
                        break
                    time.sleep(0.02)
                pages_times.append(time.perf_counter() - started)
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
    status = median(status_times)
    pages = median(pages_times) if pages_times else None
    return {
        "status_median_s": status,
        "status_max_s": max(status_times),
        "sider_median_s": pages,
        "sider_note": note,
        "mål_status_s": TARGET_SERVE_STATUS_S,
        "mål_sider_s": TARGET_SERVE_PAGES_S,
        "nået": status <= TARGET_SERVE_STATUS_S and (pages is None or pages <= TARGET_SERVE_PAGES_S),
        "status_kørsler": status_times,
        "sider_kørsler": pages_times,
    }


# --- the machine ------------------------------------------------------------------


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    if sys.platform == "darwin":
        try:
            return subprocess.run(["sysctl", "-n", "machdep.cpu.brand_string"], capture_output=True,
                                  text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            pass
    return platform.processor() or platform.machine() or "ukendt"


def cores() -> str:
    total = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else total
    return f"{total} kerner" + (f" ({usable} til rådighed)" if usable != total else "")


def git_commit() -> str | None:
    def git(*args: str) -> str:
        return subprocess.run(["git", "--no-optional-locks", "-C", str(ROOT), *args], capture_output=True, text=True, check=True).stdout.strip()

    try:
        commit = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return None
    return commit + (" (med ikke-committede ændringer)" if dirty else "")


def machine() -> dict:
    return {
        "dato": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "python_sti": PY,
        "implementering": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu": cpu_name(),
        "kerner": cores(),
        "git": git_commit(),
    }


# --- output -----------------------------------------------------------------------


def num(value: float | None, decimals: int = 2) -> str:
    """Danish decimal comma."""
    return "–" if value is None else f"{value:.{decimals}f}".replace(".", ",")


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(meta: dict, results: dict, runs: int) -> str:
    build, validate, memory, scale = results["build"], results["validate"], results["hukommelse"], results["skalering"]
    when = dt.datetime.fromisoformat(meta["dato"])
    lines = [
        "docgen – hastighedsmåling",
        "",
        f"Dato:      {when:%Y-%m-%d %H:%M} ({when:%Z})",
        f"Python:    {meta['python']} ({meta['implementering']}, {meta['python_sti']})",
        f"Platform:  {meta['platform']}",
        f"CPU:       {meta['cpu']}, {meta['kerner']}",
        f"Git:       {meta['git'] or 'ikke tilgængelig'}",
        f"Kørsler:   {runs} pr. kommando efter 1 opvarmning, skiftevis kommando og bund",
    ]
    lines.append("Bytekode:  docgens moduler er oversat til __pycache__ før målingen, ligesom bibliotekernes")
    lines += [
        "",
        "Bund = det mindste, et program med de samme biblioteker kan gøre, kørt som docgen (uden cyklisk GC,",
        "afslutning med os._exit): importere bibliotekerne og definere og validere én pydantic-klasse med ét",
        "felt; for build også åbne og gemme hver skabelon i templates/ én gang med python-docx/openpyxl, på én kerne.",
        "",
        "Tid (medianer, sekunder)",
        f"  {'':<32}{'kommando':>9}{'bund':>8}{'over bund':>11}{'forhold*':>10}{'mål':>9}",
    ]
    for label, r in (("docgen build agreement.toml", build), ("docgen validate agreement.toml", validate)):
        lines.append(
            f"  {label:<32}{num(r['median_s'], 3):>9}{num(r['bund_median_s'], 3):>8}"
            f"{num(r['over_bund_median_s'], 3):>11}{num(r['forhold_median']) + '×':>10}"
            f"{'≤ ' + num(r['mål_forhold']) + '×':>9}  {verdict(r['nået'])}"
        )
    lines += [
        "  * medianen af hver kørsels kommandotid / bundtiden målt lige ved siden af",
        "",
        "Hukommelse (største RSS for build-processen)",
    ]
    if memory["peak_mib"] is None:
        lines.append("  ikke målt: os.wait4 findes ikke på denne platform")
    else:
        lines.append(
            f"  {'docgen build agreement.toml':<32}{num(memory['peak_mib'], 1) + ' MiB':>12}"
            f"{'≤ ' + num(memory['mål_mib'], 0) + ' MiB':>14}  {verdict(memory['nået'])}"
        )
        lines.append(f"  (bunden: {num(memory['bund_peak_mib'], 1)} MiB; {SCALE} × aftalen: {num(scale[f'{SCALE}x_peak_mib'], 1)} MiB)")
    lines += [
        "",
        f"Skalering (build, tid over bunden; {SCALE} × aktiviteter, parter, budgetlinjer og milepæle)",
        f"  {'1 × aftalen':<32}{num(scale['1x_over_bund_s'], 3) + ' s':>12}   (hele processen {num(scale['1x_median_s'], 3)} s)",
        f"  {f'{SCALE} × aftalen':<32}{num(scale[f'{SCALE}x_over_bund_s'], 3) + ' s':>12}"
        f"   (hele processen {num(scale[f'{SCALE}x_median_s'], 3)} s)",
        f"  {'forhold':<32}{num(scale['forhold']) + '×':>12}{'≤ ' + num(scale['mål_forhold'], 0) + '×':>14}  {verdict(scale['nået'])}",
        "",
    ]
    imported = results.get("import")
    if imported:
        lines += [
            "Import (docgen import af hele sættet, uændret, mod docgen build)",
            f"  {'docgen build agreement.toml':<32}{num(imported['build_median_s'], 3) + ' s':>12}",
            f"  {'docgen import (10 dokumenter)':<32}{num(imported['import_median_s'], 3) + ' s':>12}",
            f"  {'forhold':<32}{num(imported['forhold']) + '×':>12}"
            f"{'≤ ' + num(imported['mål_forhold'], 0) + '×':>14}  {verdict(imported['nået'])}",
            "",
        ]
    served = results.get("serve")
    if served:
        pages = (f"{num(served['sider_median_s'], 2) + ' s':>12}{'≤ ' + num(served['mål_sider_s'], 0) + ' s':>14}"
                 if served["sider_median_s"] is not None else f"  ikke målt: {served['sider_note']}")
        lines += [
            "docgen serve (fra du gemmer, til siden har det; medianer)",
            f"  {'status og tal':<32}{num(served['status_median_s'], 3) + ' s':>12}"
            f"{'≤ ' + num(served['mål_status_s'], 1) + ' s':>14}   (længste {num(served['status_max_s'], 3)} s)",
            f"  {'en delaftales nye sider':<32}{pages}",
            f"  {'':<32}{'':>12}{'':>14}  {verdict(served['nået'])}",
            "",
        ]
    bound = results.get("nedre_grænse")
    if bound:
        lines += [
            "Hvad bunden består af (ikke et mål)",
            f"  {'':<32}{'kommando':>9}{'bund':>8}{'forskel':>11}{'forhold':>10}",
        ]
        for key, label, floor in (
            ("kun_import_validate", "kun importere (validate)", "validate"),
            ("kun_import_build", "kun importere (build)", "build"),
            ("model", "docgens pydantic-model", "validate"),
        ):
            r = bound[key]
            lines.append(
                f"  {label:<32}{num(r['median_s'], 3):>9}{num(r['bund_median_s'], 3):>8}"
                f"{num(r['over_bund_median_s'], 3):>11}{num(r['forhold_median']) + '×':>10}   mod bunden for {floor}"
            )
        lines += [
            "  Kun importere: bibliotekerne importeres, intet andet.  docgens model: 'import docgen.model.agreement'",
            "  (klasserne, ingen fil læst).  Kørt som bunden: uden cyklisk GC og med os._exit.",
            "",
        ]
    verdicts = [build["nået"], validate["nået"], scale["nået"]] + ([memory["nået"]] if memory["peak_mib"] is not None else [])
    if imported:
        verdicts.append(imported["nået"])
    if served:
        verdicts.append(served["nået"])
    lines.append(f"Mål nået: {sum(verdicts)} af {len(verdicts)}.")
    return "\n".join(lines)


class DanishHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="Brug: ")


class DanishParser(argparse.ArgumentParser):
    MESSAGES = (
        (r"unrecognized arguments: (.*)", r"ukendt argument: \1"),
        (r"argument (\S+): invalid int value: (.*)", r"\1 skal være et heltal, ikke \2"),
        (r"argument (\S+): expected one argument", r"\1 mangler en værdi"),
    )

    def error(self, message: str):
        for pattern, danish in self.MESSAGES:
            message = re.sub(pattern, danish, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fejl: {message}\n")


def main(argv: list[str] | None = None) -> int:
    parser = DanishParser(
        prog="python benchmarks/run.py",
        description="Mål, hvor lang tid docgen build og docgen validate tager i forhold til bunden "
        "(Python med bibliotekerne), og hvor meget hukommelse en build bruger.",
        add_help=False,
        formatter_class=DanishHelpFormatter,
    )
    options = parser.add_argument_group("Indstillinger")
    options.add_argument("--runs", type=int, default=10, metavar="N", help="antal kørsler pr. kommando (standard: 10)")
    options.add_argument("--quick", action="store_true", help="hurtig måling: 3 kørsler")
    options.add_argument("--json", type=Path, metavar="FIL", help="skriv også resultaterne som JSON i FIL")
    options.add_argument("-h", "--help", action="help", help="vis denne hjælp og afslut")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else args.runs
    if runs < 1:
        parser.error("--runs skal være mindst 1")

    meta = machine()
    print(f"Måler docgen ({runs} {'kørsel' if runs == 1 else 'kørsler'} pr. kommando) …", file=sys.stderr, flush=True)
    byte_compile()
    try:
        with tempfile.TemporaryDirectory(prefix="docgen-benchmark-") as tmp:
            tmp_dir = Path(tmp)
            files = {}
            for factor in (1, SCALE):
                files[str(factor)] = tmp_dir / f"aftale-{factor}x.toml"
                files[str(factor)].write_text(make_large.make(factor), encoding="utf-8")

            build = versus_floor("build", docgen("build", AGREEMENT, "-o", str(tmp_dir / "output")),
                                 BUILD_FLOOR, runs, TARGET_BUILD_RATIO)
            validate = versus_floor("validate", docgen("validate", AGREEMENT), VALIDATE_FLOOR, runs, TARGET_VALIDATE_RATIO)
            scale = scaling(files, tmp_dir, runs)
            imported = importing(tmp_dir, runs)
            served = serving(tmp_dir, runs)
            bound = {
                "kun_import_validate": versus_floor("kun_import_validate", IMPORTS_ONLY_VALIDATE, VALIDATE_FLOOR,
                                                    runs, TARGET_VALIDATE_RATIO),
                "kun_import_build": versus_floor("kun_import_build", IMPORTS_ONLY_BUILD, BUILD_FLOOR, runs,
                                                 TARGET_BUILD_RATIO),
                "model": versus_floor("model", MODEL_ONLY, VALIDATE_FLOOR, runs, TARGET_VALIDATE_RATIO),
            }
    except CommandFailed as failed:
        print(f"\nFejl: {failed}\n", file=sys.stderr)
        print(failed.stderr, file=sys.stderr)
        return 2

    peaks = [s["peak_mib"] for s in build["kørsler"] if s["peak_mib"] is not None]
    floor_peaks = [s["peak_mib"] for s in build["bund_kørsler"] if s["peak_mib"] is not None]
    memory = {
        "peak_mib": max(peaks) if peaks else None,
        "median_mib": median(peaks),
        "bund_peak_mib": max(floor_peaks) if floor_peaks else None,
        "mål_mib": TARGET_BUILD_PEAK_MIB,
        "nået": bool(peaks) and max(peaks) <= TARGET_BUILD_PEAK_MIB,
    }
    results = {"build": build, "validate": validate, "hukommelse": memory, "skalering": scale, "nedre_grænse": bound,
               "import": imported, "serve": served}
    print(report(meta, results, runs))
    if args.json:
        args.json.write_text(json.dumps({"maskine": meta, "kørsler": runs, **results}, ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
        print(f"\nResultaterne er også skrevet i {args.json}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
