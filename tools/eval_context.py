"""How well does wenlint.context.delta separate spun words from rightly used ones?

Positives: every gold edit of kind "spinning" in CORPUS/*.json, scored as delta(text, start, end, fix)
(expected > 0), both in the document as it is and with its other gold damage repaired first.
Negatives, on clean text (expected < 0):
- "clean": every occurrence of a wrong form of dev-pairs.tsv in CORPUS/clean*.txt, replaced by its right form;
- "calib-wrong": the same in the clean calibration set (held-back reports, --calib), for the pairs of
  dev-pairs.tsv and rules/spin-pairs.tsv: a rightly used stand-in (开展工作) that a rule would flag;
- "calib-right": every occurrence of a right form there, replaced by its wrong form: the model must
  keep the original as written (the test any unlisted-pair candidate must pass).
The share of positives found above a margin t is reported against the false alarms at t, and the
pairs 标准/规范, 方案/计划, 方法/办法 are checked in both directions on the calibration set.

    python tools/eval_context.py [--corpus DIR] [--calib DIR] [--table PATH ...]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from wenlint import context  # noqa: E402

CORPUS = Path("/work/shared/corpus/dev")
CALIB = Path("/work/exchange/calib")
THRESHOLDS = (0.0, 1.0, 2.0, 3.0, 4.0)
SEPARATE = (("标准", "规范"), ("方案", "计划"), ("方法", "办法"))


def repaired(text: str, edits: list[dict]) -> tuple[str, list[dict]]:
    """Apply every non-spinning gold edit that has a fix; return the text and the shifted spinning edits."""
    out, spins, at, shift = [], [], 0, 0
    for e in sorted(edits, key=lambda e: (e["start"], e["end"])):
        if e["start"] < at:
            continue
        out.append(text[at:e["start"]])
        fix = e["fix"] if e["kind"] != "spinning" and e["fix"] is not None else text[e["start"]:e["end"]]
        if e["kind"] == "spinning":
            spins.append(dict(e, start=e["start"] + shift, end=e["start"] + shift + len(fix)))
        out.append(fix)
        shift += len(fix) - (e["end"] - e["start"])
        at = e["end"]
    out.append(text[at:])
    return "".join(out), spins


def read_pairs(*files: Path) -> list[tuple[str, str]]:
    """(right, wrong) pairs of the TSV files, without repeats."""
    rows = []
    for f in files:
        for line in f.read_text("utf-8").splitlines():
            if line and not line.startswith("#"):
                right, wrong = line.split("\t")[:2]
                if (right.strip(), wrong.strip()) not in rows:
                    rows.append((right.strip(), wrong.strip()))
    return rows


def occurrences(group: str, text: str, pairs, swap: bool = False):
    """A case for each occurrence of each pair's wrong form (of its right form if ``swap``)."""
    for right, wrong in pairs:
        found, other = (right, wrong) if swap else (wrong, right)
        i = text.find(found)
        while i >= 0:
            yield group, text, i, i + len(found), other, -1
            i = text.find(found, i + 1)


def cases(corpus: Path, pairs: Path, calib: Path):
    """(group, text, start, end, replacement, expected_sign) for every test case."""
    dev_pairs = read_pairs(pairs)
    for js in sorted(corpus.glob("*.json")):
        text = js.with_suffix(".txt").read_text("utf-8")
        edits = json.loads(js.read_text("utf-8"))
        group = "spin-only" if js.stem.startswith("spin") else "damaged"
        for e in edits:
            if e["kind"] == "spinning" and e["fix"]:
                yield group, text, e["start"], e["end"], e["fix"], 1
        if group == "damaged":
            fixed, spins = repaired(text, edits)
            for e in spins:
                yield "damaged-repaired", fixed, e["start"], e["end"], e["fix"], 1
    for clean in sorted(corpus.glob("clean*.txt")):
        yield from occurrences("clean", clean.read_text("utf-8"), dev_pairs)
    all_pairs = read_pairs(pairs, ROOT / "rules" / "spin-pairs.tsv")
    for piece in sorted(calib.glob("*.txt")):
        text = piece.read_text("utf-8")
        yield from occurrences("calib-wrong", text, all_pairs)
        yield from occurrences("calib-right", text, all_pairs, swap=True)
        for a, b in SEPARATE:
            yield from occurrences(f"sep {a}/{b}", text, [(b, a), (a, b)])


def report(name: str, model, items: list, calib_chars: int) -> None:
    deltas = []
    for _, text, s, e, r, _ in items:
        (_, before), (_, after) = context._compare(text, s, e, r, model)
        deltas.append(after - before)
    by = {}
    for d, it in zip(deltas, items):
        by.setdefault(it[0], []).append(d)
    print(f"\n== {name}")
    for group, ds in by.items():
        if group.startswith("sep"):
            continue
        q = statistics.quantiles(ds, n=10) if len(ds) > 1 else ds * 9
        print(f"  {group:17} n={len(ds):5}  mean {statistics.mean(ds):+.2f}  "
              f"deciles {' '.join(f'{x:+.1f}' for x in q)}  >0: {sum(d > 0 for d in ds) / len(ds):.0%}")
    for group in ("spin-only", "damaged", "damaged-repaired"):
        pos = by.get(group, [])
        cells = []
        for t in THRESHOLDS:
            tp = sum(d > t for d in pos)
            fa = [sum(d > t for d in by.get(g, [])) for g in ("clean", "calib-wrong", "calib-right")]
            cells.append(f"t={t:+.0f} R {tp / max(len(pos), 1):.2f} FA {fa[0]}/{fa[1]}/{fa[2]}")
        print(f"  {group:17} found R at margin t; false alarms clean/calib-wrong/calib-right: " + " | ".join(cells))
    if calib_chars:
        per10k = [f"t={t:+.0f} {sum(d > t for d in by.get('calib-wrong', [])) / calib_chars * 1e4:.2f}"
                  for t in THRESHOLDS]
        print(f"  calib-wrong alarms per 10k characters ({calib_chars:,} chars): " + " ".join(per10k))
    for a, b in SEPARATE:
        ds = by.get(f"sep {a}/{b}", [])
        its = [it for it in items if it[0] == f"sep {a}/{b}"]
        for x, y in ((a, b), (b, a)):
            mine = [d for d, it in zip(ds, its) if it[1][it[2]:it[3]] == x]
            if mine:
                print(f"  {x}→{y}: written {x} kept (Δ<0) in {sum(d < 0 for d in mine) / len(mine):.0%} of "
                      f"{len(mine)}, Δ>3 (false alarm) in {sum(d > 3 for d in mine)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--pairs", type=Path, default=CORPUS.parent / "dev-pairs.tsv")
    ap.add_argument("--calib", type=Path, default=CALIB)
    ap.add_argument("--table", type=Path, action="append", default=[])
    a = ap.parse_args()
    calib_chars = sum(len(p.read_text("utf-8")) for p in a.calib.glob("*.txt"))
    items = list(cases(a.corpus, a.pairs, a.calib))
    models = [(f"table {p} ({p.stat().st_size / 1e6:.1f} MB)", context._Table(p))
              for p in (a.table or [context.TABLE]) if p.exists()]
    for name, m in models:
        report(name, m, items, calib_chars)


if __name__ == "__main__":
    main()
