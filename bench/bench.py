#!/usr/bin/env python3
"""Speed benchmark: wenlint against autocorrect-py, in the same run.

Usage (from anywhere; the venv with wenlint installed must be active)::

    python bench/bench.py                  # full run, median of 5 runs per cell (takes minutes)
    python bench/bench.py --quick          # smoke run: inputs 1/10 the size, 3 runs per cell
    python bench/bench.py --runs 9         # more runs per cell
    python bench/bench.py --only wenlint   # one tool only (or: --only autocorrect)
    python bench/bench.py --json out.json  # also write every figure (and every sample) as JSON
    python bench/bench.py --cell-budget 120  # stop re-running a slow cell after 120 s (default 600)
    python bench/bench.py --wenlint-cmd "env PYTHONPATH=/tmp/snap python -P -m wenlint"  # time a snapshot
    python bench/bench.py --dask-only      # only the Dask section (below)

Peer: ``pip install autocorrect-py`` (its Python API: ``autocorrect_py.lint_for(text, filename)``).
If it is not importable its cells read "n/a". If an ``autocorrect`` CLI binary is on PATH
(it is not shipped on PyPI) its ``--lint`` is timed too; otherwise those rows are skipped.

Inputs are built into ``bench/work/`` (git-ignored; ``bench/work/quick/`` for --quick) and rebuilt
only when the seeds, ``bench/corpus.py`` or the sizes change:

* ``corpus/clean.txt``   20 MB of clean official prose: the held-back laws and local regulations
                         (``bench/corpus.py``; never trained on), repeated in a new order each round;
* ``corpus/clean-mid.txt`` its first 5 MB, for the linearity check (5 MB -> 20 MB);
* ``corpus/clean-many/`` the same 20 MB as 2,000 files cut at line ends;
* ``corpus/damaged.txt`` the same prose lightly damaged: 3 artifacts per 10,000 characters (page
                         footers, half-width commas, look-alikes, entities, ASCII dots, O for 0);
* ``corpus/clean-huge.txt`` 200 MB: the clean prose ten times, for peak memory (not in --quick,
                         nor with --no-huge; wenlint only, one run);
* ``big20.txt``          20 MB of the damaged seeds concatenated and repeated, cut at a line end;
* ``many/``              2,000 files of ~10 KB (~20 MB in all), consecutive slices of that stream;
* ``clean.txt``          ~2 KB of clean text: whole lines from ``../shared/corpus/dev/clean001.txt``
                         if present, else lines of seeds 000/001/004 (lightly damaged) on which
                         wenlint reports nothing;
* ``damaged.txt``        ~2 KB slice of seed 002 (heavily damaged), cut at a line or sentence end.

MB is 10**6 bytes throughout.

Dask (when ``pip install ".[dask]"`` is installed): the ``many/`` files linted by
``wenlint.integrations.dask.lint_bag`` on a ``LocalCluster`` of as many single-threaded worker
processes as ``wenlint check --jobs N`` has workers (N = cores, at most 2), and the throughput per
core of each, with their ratio. The Dask time starts with the cluster up and its workers cold (each
builds its linter on first use) and includes reading the files in the workers; the cluster's own
start-up (seconds, paid once by a long-running cluster) is shown apart. The workers run without
Dask's statistical profiler, as the README recommends.

What is measured, each cell the median of N runs, every run a fresh process so that start-up is
counted, tools alternated run by run so drift hits both alike:

* wall time of the whole process for the small clean file (the pre-commit hook case) and the small
  damaged file: ``wenlint check FILE --quiet`` vs a ``python -c`` that imports autocorrect_py,
  reads the file and calls ``lint_for`` on it;
* throughput (MB/s, from whole-process wall time) on the clean 20 MB file, 5 MB file and 2,000
  files, the lightly damaged 20 MB file and the damaged seeds (20 MB, 2,000 files); wenlint runs
  ``--jobs 1`` (a single file never uses more than one process) and, on the
  2,000 files, also ``--jobs 2``; autocorrect-py on the 2,000 files is one process looping over
  them with ``lint_for`` (the way its README uses it from Python);
* peak memory: max RSS of the child (from ``os.wait4``; for ``--jobs 2`` that is the largest
  single process of the tree, not the sum; Linux counts the forked bench image before exec, so
  ~20 MB is the floor) - shown for the clean 20 MB and 200 MB files, kept for every row in JSON;
* ratio wenlint/autocorrect per row. For times and memory above 1 means wenlint is slower/bigger;
  for MB/s below 1 means wenlint is slower.

wenlint's report goes to /dev/null (it is produced, as in real use); autocorrect's results are
counted, not printed. One untimed warm-up run per tool comes first (fills jieba's cache in
~/.cache/wenlint, the page cache and the .pyc files; PYTHONDONTWRITEBYTECODE is removed from the
children's environment, as an installed wenlint runs from the bytecode pip compiled). A tool that exits abnormally (wenlint: exit
code other than 0/1; autocorrect: any exception, e.g. "call limit reached") or passes --timeout
shows FAILED in its cell, never a time. Timings only: nothing here passes or fails.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shlex
import signal
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_CLEAN = ROOT.parent / "shared" / "corpus" / "dev" / "clean001.txt"
MB = 1_000_000
SMALL = 2048  # bytes, small-file target

FULL = {"big": 20 * MB, "mid": 5 * MB, "many_n": 2000, "many_total": 20 * MB}
QUICK = {"big": 2 * MB, "mid": MB // 2, "many_n": 200, "many_total": 2 * MB}
HUGE_RUNS = 1  # the 200 MB file is run once: it is there for peak memory

# Run in a fresh interpreter: lint every file given (directories walked, sorted), count the findings.
AUTOCORRECT_DRIVER = r"""
import os, sys
try:
    import autocorrect_py
except Exception as e:
    print("FAILED: cannot import autocorrect_py: %s" % e, file=sys.stderr); sys.exit(3)
def files(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs.sort()
                for n in sorted(names):
                    yield os.path.join(root, n)
        else:
            yield p
found = 0
try:
    for path in files(sys.argv[1:]):
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
        found += len(autocorrect_py.lint_for(raw, path).lines)
except BaseException as e:
    print("FAILED: %s: %s" % (type(e).__name__, e), file=sys.stderr); sys.exit(3)
print(found)
"""


# --- inputs -----------------------------------------------------------------------------------

def seed_files() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        sys.exit(f"bench: no seeds in {SEEDS}")
    return files


def read_text(p: Path) -> str:
    data = p.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def seed_stream() -> str:
    """The seeds concatenated, each ending with a newline."""
    parts = []
    for p in seed_files():
        t = read_text(p).replace("\r\n", "\n")
        parts.append(t if t.endswith("\n") else t + "\n")
    return "".join(parts)


def repeated(stream: str, size: int) -> str:
    """``stream`` repeated and cut at a line end so the UTF-8 size is just under ``size`` bytes."""
    unit = len(stream.encode("utf-8"))
    text = stream * (size // unit + 1)
    return cut(text, size)


def cut(text: str, size: int, at: str = "\n") -> str:
    """The longest prefix of ``text`` of at most ``size`` UTF-8 bytes ending at ``at`` (or a
    sentence end, or - failing both - anywhere on a character boundary)."""
    prefix = text.encode("utf-8")[:size].decode("utf-8", errors="ignore")
    for mark in (at, "。", "！", "？"):
        i = prefix.rfind(mark)
        if i > len(prefix) // 2:
            return prefix[: i + 1] + ("" if mark == "\n" else "\n")
    return prefix


def slices(stream: str, n: int, total: int) -> list[str]:
    """``n`` consecutive slices of the repeated stream of about ``total / n`` bytes each."""
    each = total // n
    text = stream * (total // len(stream.encode("utf-8")) + 2)
    out, pos = [], 0
    for _ in range(n):
        piece = cut(text[pos: pos + each], each)  # characters >= bytes/3, so the window suffices
        if not piece:
            piece = text[pos: pos + each // 3]
        out.append(piece)
        pos += len(piece)
        if pos > len(text) - each:
            pos = 0
    return out


def small_slice(text: str) -> str:
    """Whole lines from the start of ``text`` up to ~SMALL bytes (a sentence cut if a line is longer)."""
    lines, size = [], 0
    for line in text.replace("\r\n", "\n").splitlines(keepends=True):
        b = len(line.encode("utf-8"))
        if not line.strip():
            continue
        if size + b > SMALL * 1.25:
            if size < SMALL // 2:
                lines.append(cut(line, SMALL - size, at="。"))
            break
        lines.append(line)
        size += b
        if size >= SMALL * 0.9:
            break
    out = "".join(lines)
    return out if out.endswith("\n") else out + "\n"


def clean_text(wenlint_cmd: list[str] | None) -> tuple[str, str]:
    """~2 KB of clean text and where it came from."""
    if SHARED_CLEAN.is_file():
        return small_slice(read_text(SHARED_CLEAN)), str(SHARED_CLEAN)
    # Fallback: lines of the lightly damaged seeds on which wenlint reports nothing.
    cands = [p for p in seed_files() if p.name[:3] in ("000", "001", "004")] or seed_files()
    lines = [ln.strip() + "\n" for p in cands for ln in read_text(p).splitlines() if 20 <= len(ln.strip()) <= 400]
    src = "clean lines of " + ", ".join(p.name for p in cands)
    if wenlint_cmd:
        with tempfile.TemporaryDirectory() as d:
            probe = Path(d, "probe.txt")
            probe.write_text("".join(lines), encoding="utf-8")
            r = subprocess.run(wenlint_cmd + ["check", str(probe), "--format", "json", "--jobs", "1"],
                               capture_output=True, text=True)
            try:
                dirty = {d.get("line") or d.get("location", {}).get("row") for d in json.loads(r.stdout or "[]")}
                lines = [ln for i, ln in enumerate(lines, 1) if i not in dirty]
                src += " (no wenlint diagnostics)"
            except (ValueError, AttributeError):
                src += " (unfiltered)"
    return small_slice("".join(lines)), src


def damaged_text() -> tuple[str, str]:
    p = next((p for p in seed_files() if p.name.startswith("002")), seed_files()[-1])
    return small_slice(read_text(p)), str(p.relative_to(ROOT))


def spun_text() -> str:
    """~10,000 characters of the spun seeds (002 and 003), for the context model's cost."""
    text = "".join(read_text(p) for p in seed_files() if p.name.startswith(("002", "003")))
    return cut(text, 10_000 * 3) if text else ""


def build_inputs(quick: bool, wenlint_cmd: list[str] | None, huge: bool) -> dict:
    sizes = QUICK if quick else FULL
    work = ROOT / "bench" / "work" / ("quick" if quick else "")
    h = hashlib.sha256(json.dumps({**sizes, "inputs": 3}, sort_keys=True).encode())  # bump when inputs change
    for p in seed_files() + [ROOT / "bench" / "corpus.py"]:
        h.update(p.name.encode() + p.read_bytes())
    if SHARED_CLEAN.is_file():
        h.update(SHARED_CLEAN.read_bytes())
    stamp = h.hexdigest()
    manifest = work / "manifest.json"
    big_name = f"big{sizes['big'] // MB}.txt" if sizes["big"] >= MB else "big.txt"
    if manifest.is_file():
        m = json.loads(manifest.read_text())
        if m.get("stamp") == stamp and all((work / f).exists() for f in m["files"].values()):
            return _with_huge({**m, "dir": work}, sizes, huge)
    print(f"bench: building inputs in {work} ...", file=sys.stderr)
    work.mkdir(parents=True, exist_ok=True)
    stream = seed_stream()
    (work / big_name).write_text(repeated(stream, sizes["big"]), encoding="utf-8")
    many = work / "many"
    if many.exists():
        shutil.rmtree(many)
    many.mkdir()
    for i, piece in enumerate(slices(stream, sizes["many_n"], sizes["many_total"])):
        (many / f"doc{i:04d}.txt").write_text(piece, encoding="utf-8")
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus

    made = corpus.write(work / "corpus", sizes["big"], sizes["many_n"])
    clean_mid = work / "corpus" / "clean-mid.txt"
    clean_mid.write_text(cut(made["clean"].read_text(encoding="utf-8"), sizes["mid"]), encoding="utf-8")
    clean, clean_src = clean_text(wenlint_cmd)
    damaged, damaged_src = damaged_text()
    (work / "clean.txt").write_text(clean, encoding="utf-8")
    (work / "damaged.txt").write_text(damaged, encoding="utf-8")
    (work / "spun.txt").write_text(spun_text(), encoding="utf-8")
    rel = lambda p: str(p.relative_to(work))  # noqa: E731
    m = {"stamp": stamp, "sources": {"clean": clean_src, "damaged": damaged_src,
                                     "prose": "bench/corpus.py (held-back laws and local regulations)"},
         "files": {"seeds_big": big_name, "seeds_many": "many", "clean": "clean.txt", "damaged": "damaged.txt",
                   "spun": "spun.txt", "prose_big": rel(made["clean"]), "prose_mid": rel(clean_mid),
                   "prose_many": rel(made["clean_many"]), "light_big": rel(made["damaged"])}}
    manifest.write_text(json.dumps(m, indent=1))
    return _with_huge({**m, "dir": work}, sizes, huge)


def _with_huge(inp: dict, sizes: dict, huge: bool) -> dict:
    """Add the 200 MB file (ten times the clean prose) when asked for; built once."""
    if huge:
        work = inp["dir"]
        path = work / "corpus" / "clean-huge.txt"
        want = 10 * (work / inp["files"]["prose_big"]).stat().st_size
        if not path.is_file() or path.stat().st_size != want:
            data = (work / inp["files"]["prose_big"]).read_bytes()
            with open(path, "wb") as out:
                for _ in range(10):
                    out.write(data)
        inp = {**inp, "files": {**inp["files"], "huge": str(path.relative_to(work))}}
    return inp


def size_of(p: Path) -> int:
    if p.is_dir():
        return sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
    return p.stat().st_size


# --- running ----------------------------------------------------------------------------------

def run_once(argv: list[str], ok_codes: tuple[int, ...], timeout: float) -> dict:
    """One fresh process: wall seconds, max RSS (MB) and, on failure, why."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                             start_new_session=True)  # its own process group: a timeout stops its workers too
        killed = []
        timer = threading.Timer(timeout, lambda: (killed.append(1), os.killpg(p.pid, signal.SIGKILL)))
        timer.start()
        try:
            _, status, ru = os.wait4(p.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out = {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_mb": ru.ru_maxrss * 1024 / MB,
               "rc": p.returncode}
        if killed:
            out["failed"] = f"TIMEOUT (> {timeout:.0f} s)"
        elif p.returncode not in ok_codes:
            err.seek(0)
            lines = [ln for ln in err.read().decode("utf-8", "replace").splitlines() if ln.strip()]
            msg = next((ln for ln in reversed(lines) if "FAILED" in ln), lines[-1] if lines else "")
            out["failed"] = (msg.replace("FAILED: ", "") or f"exit code {p.returncode}")[:200]
    return out


class Tool:
    def __init__(self, name: str, argv_for, ok_codes: tuple[int, ...]):
        self.name, self.argv_for, self.ok_codes = name, argv_for, ok_codes


def wenlint_cmd() -> list[str] | None:
    script = Path(sys.executable).parent / "wenlint"
    if script.is_file():
        return [str(script)]
    try:
        import wenlint  # noqa: F401
    except ImportError:
        return None
    return [sys.executable, "-m", "wenlint"]


def autocorrect_available() -> bool:
    r = subprocess.run([sys.executable, "-c", "import autocorrect_py"], capture_output=True)
    return r.returncode == 0


def version_of(dist: str) -> str | None:
    try:
        from importlib.metadata import version

        return version(dist)
    except Exception:
        return None


def git_rev() -> str | None:
    """The commit measured, '-dirty' when the work tree has changes (the engine is edited in place)."""
    try:
        r = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True, text=True)
        return r.stdout.strip() or None
    except OSError:
        return None


def fmt_ms(s: float) -> str:
    return f"{s * 1000:.0f} ms"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=None, help="runs per cell, median reported (default 5; 3 with --quick)")
    ap.add_argument("--quick", action="store_true", help="smoke run on inputs 1/10 the size")
    ap.add_argument("--only", choices=("wenlint", "autocorrect"), help="benchmark one tool only")
    ap.add_argument("--json", metavar="OUT", help="also write the figures to this file")
    ap.add_argument("--wenlint-cmd", metavar="CMD",
                    help="command that runs wenlint (default: the venv's `wenlint`), e.g. to time a snapshot: "
                         "'env PYTHONPATH=/tmp/snap python -P -m wenlint'")
    ap.add_argument("--no-huge", action="store_true",
                    help="skip the 200 MB file (peak memory; one wenlint run; not in --quick)")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds before a single run is stopped (cell: TIMEOUT)")
    ap.add_argument("--dask-only", action="store_true", help="only the Dask/CLI throughput-per-core section")
    ap.add_argument("--cell-budget", type=float, default=600,
                    help="stop taking runs for a cell once its runs add up to this many seconds (at least 1 run; "
                         "the table then shows how many runs the median is of; default 600)")
    a = ap.parse_args()
    runs = a.runs or (3 if a.quick else 5)
    RUNS[0] = runs
    # An installed wenlint runs from the bytecode pip compiled: where PYTHONDONTWRITEBYTECODE is set,
    # every run would compile every module from source (a tenth of a second). The warm-up writes it.
    dont_write = os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None

    wl = shlex.split(a.wenlint_cmd) if a.wenlint_cmd else wenlint_cmd()
    load_before = os.getloadavg()
    want_wl = a.only in (None, "wenlint")
    want_ac = a.only in (None, "autocorrect")
    if want_wl and wl is None:
        print("bench: wenlint is not installed in this Python; its cells read n/a", file=sys.stderr)
    if want_ac and not autocorrect_available():
        print("bench: autocorrect_py not importable (pip install autocorrect-py); its cells read n/a", file=sys.stderr)
        want_ac = False
    ac_bin = shutil.which("autocorrect") if want_ac else None

    huge = not (a.quick or a.no_huge) and want_wl and wl is not None
    inp = build_inputs(a.quick, wl, huge)
    work: Path = inp["dir"]
    f = {k: work / v for k, v in inp["files"].items()}
    sizes = {k: size_of(p) for k, p in f.items()}

    # an empty configuration of its own: the repository's [tool.wenlint] excludes bench/work
    isolated = work / "bench-config.toml"
    isolated.write_text("# wenlint's defaults, whatever the surrounding project configures\n", encoding="utf-8")
    W = lambda *extra: (lambda path: wl + ["check", str(path), "--quiet", "--config", str(isolated), *extra])  # noqa: E731
    A = lambda path: [sys.executable, "-c", AUTOCORRECT_DRIVER, str(path)]  # noqa: E731
    wl_tools = {"j0": Tool("wenlint", W(), (0, 1)), "j1": Tool("wenlint --jobs 1", W("--jobs", "1"), (0, 1)),
                "j2": Tool("wenlint --jobs 2", W("--jobs", "2"), (0, 1))}
    ac_tool = Tool("autocorrect-py", A, (0,))
    ac_cli = Tool("autocorrect CLI", lambda path: [ac_bin, "--lint", str(path)], (0, 1)) if ac_bin else None

    if a.dask_only:
        return 0 if dask_ratio(W, f, sizes, isolated, runs, a.timeout) else 1

    # rows: (key, label, input key, wenlint tool, kind); run in this order (the slowest last) and
    # shown in this order
    n_many = len(list(f["prose_many"].iterdir()))
    rows = [("clean", "small clean file (~2 KB) wall", "clean", "j0", "time"),
            ("damaged", "small damaged file (~2 KB) wall", "damaged", "j0", "time"),
            ("many_j1", f"clean prose, {n_many} files ({sizes['prose_many'] / MB:.0f} MB), --jobs 1", "prose_many", "j1", "rate"),
            ("many_j2", f"clean prose, {n_many} files ({sizes['prose_many'] / MB:.0f} MB), --jobs 2", "prose_many", "j2", "rate"),
            ("mid", f"clean prose, {sizes['prose_mid'] / MB:.1f} MB file, --jobs 1", "prose_mid", "j1", "rate"),
            ("big", f"clean prose, {sizes['prose_big'] / MB:.0f} MB file, --jobs 1", "prose_big", "j1", "rate"),
            ("light", f"lightly damaged prose, {sizes['light_big'] / MB:.0f} MB file, --jobs 1", "light_big", "j1", "rate"),
            ("seeds_many", f"damaged seeds, {len(list(f['seeds_many'].iterdir()))} files "
                           f"({sizes['seeds_many'] / MB:.0f} MB), --jobs 1", "seeds_many", "j1", "rate"),
            ("seeds_big", f"damaged seeds, {sizes['seeds_big'] / MB:.0f} MB file, --jobs 1", "seeds_big", "j1", "rate")]
    if "huge" in f:
        rows.append(("huge", f"clean prose, {sizes['huge'] / MB:.0f} MB file, --jobs 1 (wenlint only, "
                             f"{HUGE_RUNS} run)", "huge", "j1", "rate"))

    # warm-up, untimed
    for path in (f["clean"], f["damaged"]):
        if want_wl and wl:
            run_once(wl_tools["j0"].argv_for(path), (0, 1), a.timeout)
        if want_ac:
            run_once(A(path), (0,), a.timeout)

    results = {}
    ac_cache: dict[str, dict] = {}  # autocorrect has no --jobs: the two many-file rows share its runs
    for n_row, (key, label, ik, tk, kind) in enumerate(rows, 1):
        cells = []
        if want_wl and wl:
            cells.append(("wenlint", wl_tools[tk]))
        if want_ac and ik not in ac_cache and key != "huge":
            cells.append(("autocorrect", ac_tool))
        if ac_cli and ik not in ac_cache and key != "huge":
            cells.append(("autocorrect_cli", ac_cli))
        samples: dict[str, list[dict]] = {c: [] for c, _ in cells}
        for r in range(HUGE_RUNS if key == "huge" else runs):
            for c, tool in cells:
                if samples[c] and ("failed" in samples[c][-1] or sum(x["wall"] for x in samples[c]) > a.cell_budget):
                    continue  # a failure is not retried; a slow cell stops early
                s = run_once(tool.argv_for(f[ik]), tool.ok_codes, a.timeout)
                samples[c].append(s)
                shown = s.get("failed") or (fmt_ms(s["wall"]) if s["wall"] < 10 else f"{s['wall']:.1f} s")
                print(f"bench: [{n_row}/{len(rows)}] {key:8s} {tool.name:18s} run {r + 1}/{runs}: {shown}",
                      file=sys.stderr, flush=True)
        row = {"label": label, "input": str(f[ik].relative_to(ROOT)), "bytes": sizes[ik], "kind": kind}
        for c, _ in cells:
            ss = samples[c]
            fail = next((s["failed"] for s in ss if "failed" in s), None)
            if fail:
                row[c] = {"failed": fail, "samples": ss}
            else:
                wall = statistics.median(s["wall"] for s in ss)
                row[c] = {"wall_s": wall, "mb_s": sizes[ik] / MB / wall, "rss_mb": max(s["rss_mb"] for s in ss),
                          "cpu_s": statistics.median(s["cpu"] for s in ss),
                          "runs": len(ss), "samples": ss}
            if c != "wenlint":
                ac_cache.setdefault(ik, {})[c] = row[c]
        for c, cell in ac_cache.get(ik, {}).items():
            row.setdefault(c, cell)
        results[key] = row

    print_table(results, runs, ac_bin, want_wl and bool(wl), want_ac)
    if dont_write:
        print("PYTHONDONTWRITEBYTECODE was set: unset for the runs, so that they use compiled bytecode")
    if want_wl and wl:
        results["context_cost"] = context_cost(W, f, runs, a.timeout)
        results["dask"] = dask_ratio(W, f, sizes, isolated, runs, a.timeout)
    if a.wenlint_cmd:
        print(f"wenlint run as: {a.wenlint_cmd}")
    if a.json:
        meta = {"runs": runs, "quick": a.quick, "python": sys.version.split()[0], "platform": platform.platform(),
                "cpus": os.cpu_count(), "wenlint": version_of("wenlint"), "autocorrect_py": version_of("autocorrect-py"),
                "autocorrect_cli": ac_bin, "inputs": {k: {"path": str(p.relative_to(ROOT)), "bytes": sizes[k]}
                                                      for k, p in f.items()},
                "sources": inp["sources"], "mb": MB, "git": git_rev(),
                "wenlint_cmd": wl, "loadavg_before": load_before, "loadavg_after": os.getloadavg()}
        Path(a.json).write_text(json.dumps({"meta": meta, "results": results}, indent=1, ensure_ascii=False))
        print(f"bench: figures written to {a.json}", file=sys.stderr)
    return 0


DASK_DRIVER = r"""
import json, os, sys, time
from pathlib import Path

# Dask's statistical profiler samples every worker's stack 100 times a second: about a fifth of the
# CPU time of linting here; the README recommends turning it off for wenlint (the workers inherit this)
os.environ.setdefault("DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED", "False")

import dask.bag as db
from dask.distributed import Client, LocalCluster

from wenlint import Linter
from wenlint.integrations.dask import lint_bag

def cpu():
    import resource

    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def cluster_cpu(client):  # the workers' CPU seconds and the scheduler's
    return sum(client.run(cpu).values()) + client.run_on_scheduler(cpu)


folder, config, workers = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
paths = sorted(str(p) for p in folder.iterdir())
t0 = time.perf_counter()
with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
        Client(cluster) as client:
    t1, c1, own = time.perf_counter(), cluster_cpu(client), cpu()
    texts = db.from_sequence(paths, npartitions=workers * 16).map(lambda p: Path(p).read_text(encoding="utf-8"))
    found = lint_bag(texts, Linter(config)).map(lambda r: len(r["diagnostics"])).sum().compute()
    t2, c2, own = time.perf_counter(), cluster_cpu(client), cpu() - own
print(json.dumps({"start": t1 - t0, "wall": t2 - t1, "cpu": c2 - c1 + own, "found": found}))
"""


def dask_ratio(W, f: dict, sizes: dict, config: Path, runs: int, timeout: float) -> dict | None:
    """Throughput per core: Dask LocalCluster against the CLI, on the many-files input."""
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        print('\nDask: not installed (pip install ".[dask]"): no Dask/CLI ratio')
        return None
    cores = min(2, os.cpu_count() or 1)
    cli, dask, start, cli_cpu, dask_cpu = [], [], [], [], []
    for r in range(runs):
        once = run_once(W("--jobs", str(cores))(f["prose_many"]), (0, 1), timeout)
        cli.append(once["wall"])
        cli_cpu.append(once["cpu"])
        run = subprocess.run([sys.executable, "-c", DASK_DRIVER, str(f["prose_many"]), str(config), str(cores)],
                             capture_output=True, text=True, timeout=timeout)
        if run.returncode != 0:
            print(f"\nDask: the driver failed: {run.stderr.strip().splitlines()[-1:]}")
            return None
        out = json.loads(run.stdout.strip().splitlines()[-1])
        dask.append(out["wall"])
        dask_cpu.append(out["cpu"])
        start.append(out["start"])
        print(f"bench: dask run {r + 1}/{runs}: CLI {cli[-1]:.1f} s ({cli_cpu[-1]:.1f} s CPU), Dask {dask[-1]:.1f} s "
              f"({dask_cpu[-1]:.1f} s CPU; + {start[-1]:.1f} s cluster start)", file=sys.stderr, flush=True)
    mb = sizes["prose_many"] / MB
    rates = {"cli": mb / statistics.median(cli) / cores, "dask": mb / statistics.median(dask) / cores,
             "cli_cpu": mb / statistics.median(cli_cpu), "dask_cpu": mb / statistics.median(dask_cpu)}
    print(f"\nDask against the CLI, {mb:.0f} MB in {len(list(f['many'].iterdir()))} files, {cores} cores "
          f"(median of {runs}; on a busy machine the CPU-second figures are the ones to compare):")
    print(f"  CLI  --jobs {cores}:               {rates['cli']:.2f} MB/s per core, {rates['cli_cpu']:.2f} MB per CPU second")
    print(f"  Dask LocalCluster, {cores} workers: {rates['dask']:.2f} MB/s per core, {rates['dask_cpu']:.2f} MB per CPU second "
          f"(cluster start-up {statistics.median(start):.1f} s, not counted)")
    print(f"  ratio Dask/CLI per core: {rates['dask'] / rates['cli']:.2f} by wall time, "
          f"{rates['dask_cpu'] / rates['cli_cpu']:.2f} by CPU time")
    return {"cores": cores, **rates, "ratio_wall": rates["dask"] / rates["cli"],
            "ratio_cpu": rates["dask_cpu"] / rates["cli_cpu"], "cluster_start_s": statistics.median(start),
            "cli": cli, "dask": dask, "cli_cpu_s": cli_cpu, "dask_cpu_s": dask_cpu}


def context_cost(W, f: dict, runs: int, timeout: float) -> dict:
    """What the context model (WL150, WL190) adds: a spun ~10k-character document and the clean
    file, with every rule and with those two ignored (the model never loads for a clean file)."""
    out = {}
    print("\ncontext model cost (wenlint wall, median):")
    for ik in ("spun", "clean"):
        for label, extra in (("all rules", ()), ("without WL150/WL190", ("--ignore", "WL150", "--ignore", "WL190"))):
            walls = [run_once(W(*extra)(f[ik]), (0, 1), timeout).get("wall", float("nan")) for _ in range(runs)]
            out[f"{ik} {label}"] = statistics.median(walls)
            print(f"  {ik:6s} {f[ik].stat().st_size / 1000:6.1f} KB  {label:22s} {fmt_ms(out[f'{ik} {label}'])}")
    return out


RUNS = [5]  # runs asked for; a cell with fewer says so


def cell_text(cell: dict | None, kind: str, what: str = "main") -> str:
    if cell is None:
        return "n/a"
    if "failed" in cell:
        if what == "rss" and cell["failed"].startswith("TIMEOUT") and cell.get("samples"):
            return f">= {max(x['rss_mb'] for x in cell['samples']):.0f} MB (at the timeout)"
        if cell["failed"].startswith("TIMEOUT"):
            return cell["failed"]
        return "FAILED (" + cell["failed"][:40] + ")"
    if what == "rss":
        return f"{cell['rss_mb']:.0f} MB"
    few = f", {cell['runs']} run{'s' if cell['runs'] > 1 else ''}" if cell.get("runs") != RUNS[0] else ""
    if kind == "time":
        return fmt_ms(cell["wall_s"]) + (f" ({few[2:]})" if few else "")
    return f"{cell['mb_s']:.2f} MB/s ({cell['wall_s']:.2f} s{few})"


def cpu_text(w: dict | None, c: dict | None) -> str:
    def one(cell):
        return f"{cell['cpu_s']:.2f}" if cell and "cpu_s" in cell else "-"
    r = ratio(w, c, "cpu_s")
    return f"{one(w)} / {one(c)}" + (f" ({r})" if r != "-" else "")


def ratio(a: dict | None, b: dict | None, key: str) -> str:
    if not a or not b or "failed" in a or "failed" in b or not b[key]:
        return "-"
    return f"{a[key] / b[key]:.2f}x"


def print_table(results: dict, runs: int, ac_bin: str | None, have_wl: bool, have_ac: bool) -> None:
    head = ["", "wenlint", "autocorrect-py", "wenlint/autocorrect", "CPU s wenlint / autocorrect (ratio)"]
    if ac_bin:
        head.append("autocorrect CLI")
    table = []
    for key, row in results.items():
        w, c, cli = row.get("wenlint"), row.get("autocorrect"), row.get("autocorrect_cli")
        k = "wall_s" if row["kind"] == "time" else "mb_s"
        line = [row["label"], cell_text(w, row["kind"]), cell_text(c, row["kind"]), ratio(w, c, k), cpu_text(w, c)]
        if ac_bin:
            line.append(cell_text(cli, row["kind"]))
        table.append(line)
    big = results.get("big", {})
    for row in (big, results.get("huge")):
        if not row:
            continue
        w, c = row.get("wenlint"), row.get("autocorrect")
        line = [f"peak memory (max RSS), {row.get('bytes', 0) / MB:.0f} MB file", cell_text(w, "", "rss"),
                cell_text(c, "", "rss"), ratio(w, c, "rss_mb"), ""]
        if ac_bin:
            line.append(cell_text(row.get("autocorrect_cli"), "", "rss"))
        table.append(line)

    def derived(label, fn):
        vals = []
        for tool in ("wenlint", "autocorrect"):
            try:
                vals.append(f"{fn(tool):.2f}")
            except (KeyError, TypeError, ZeroDivisionError):
                vals.append("-")
        table.append([label, vals[0], vals[1], "-", ""] + (["-"] if ac_bin else []))

    mid, many1, many2 = results.get("mid", {}), results.get("many_j1", {}), results.get("many_j2", {})
    derived("scaling, clean prose: s/MB 20 MB / s/MB 5 MB (1.00 = linear)",
            lambda t: (1 / big[t]["mb_s"]) / (1 / mid[t]["mb_s"]))
    derived("clean prose files: --jobs 2 / --jobs 1 throughput", lambda t: many2[t]["mb_s"] / many1[t]["mb_s"])

    widths = [max(len(str(r[i])) for r in [head] + table) for i in range(len(head))]
    print()
    print(f"wenlint vs autocorrect-py - whole-process wall time, median of {runs} run(s), at {git_rev()}")
    print("  ".join(h.ljust(widths[i]) for i, h in enumerate(head)))
    print("  ".join("-" * wd for wd in widths))
    for r in table:
        print("  ".join(str(x).ljust(widths[i]) for i, x in enumerate(r)))
    print("CPU s: user+sys of the process tree (both workers for --jobs 2); less sensitive to other load than wall time.")
    print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores (other work inflates times)")
    print("ratio: for times and memory > 1 means wenlint slower/bigger; for MB/s < 1 means wenlint slower.")
    print("autocorrect-py has no --jobs: both many-file rows show the same single-process loop.")
    if not ac_bin and have_ac:
        print("autocorrect CLI: no `autocorrect` binary on PATH (not shipped on PyPI) - skipped.")


if __name__ == "__main__":
    sys.exit(main())
