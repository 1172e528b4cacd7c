"""How well does wenlint.context.delta separate spun words from rightly used ones?

Positives: every gold edit of kind "spinning" in CORPUS/*.json, scored as delta(text, start, end, fix)
(expected > 0), both in the document as it is and with its other gold damage repaired first.
Negatives: every occurrence of a wrong form of dev-pairs.tsv in CORPUS/clean*.txt, scored replacing
it with the right form (expected < 0). Each model is evaluated: the shipped table, any tables
given with --table (e.g. pruned builds), the full kenlm model (if the kenlm module is installed)
and the jieba unigram fallback.

    python tools/eval_context.py [--corpus DIR] [--pairs FILE] [--table PATH ...]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from wenlint import context  # noqa: E402

CORPUS = Path("/work/shared/corpus/dev")
LM = "/usr/lib/x86_64-linux-gnu/libime/zh_CN.lm"
THRESHOLDS = (-1.0, 0.0, 0.5, 1.0, 2.0, 3.0)


class Kenlm:
    """The full fcitx model through the kenlm module, with the table's interface."""

    name = "full kenlm zh_CN.lm"

    def __init__(self, path: str):
        import kenlm

        self.m = kenlm.Model(path)
        self.longest = 13

    def units(self, token: str) -> list[str]:
        if token in self.m:
            return [token]
        out, i = [], 0
        while i < len(token):
            j = min(len(token), i + self.longest)
            while j > i + 1 and token[i:j] not in self.m:
                j -= 1
            out.append(token[i:j])
            i = j
        return out

    def score(self, units: list[str]) -> float:
        return self.m.score(" ".join(units), bos=False, eos=False)


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


def cases(corpus: Path, pairs: Path):
    """(group, text, start, end, replacement, expected_sign) for every test case."""
    rows = [line.split("\t") for line in pairs.read_text("utf-8").splitlines() if line and not line.startswith("#")]
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
        text = clean.read_text("utf-8")
        for right, wrong in rows:
            i = text.find(wrong)
            while i >= 0:
                yield "clean", text, i, i + len(wrong), right.strip(), -1
                i = text.find(wrong, i + 1)


def report(name: str, model, items: list) -> list[float]:
    deltas = []
    for _, text, s, e, r, _ in items:
        (_, before), (_, after) = context._compare(text, s, e, r, model)
        deltas.append(after - before)
    print(f"\n== {name}")
    for group in ("spin-only", "damaged", "damaged-repaired", "clean"):
        ds = [d for d, it in zip(deltas, items) if it[0] == group]
        if ds:
            q = statistics.quantiles(ds, n=10) if len(ds) > 1 else ds * 9
            print(f"  {group:17} n={len(ds):4}  mean {statistics.mean(ds):+.2f}  "
                  f"deciles {' '.join(f'{x:+.1f}' for x in q)}  >0: {sum(d > 0 for d in ds) / len(ds):.0%}")
    neg = [d for d, it in zip(deltas, items) if it[0] == "clean"]
    for group in ("spin-only", "damaged", "damaged-repaired"):
        pos = [d for d, it in zip(deltas, items) if it[0] == group]
        cells = []
        for t in THRESHOLDS:
            tp, fp = sum(d > t for d in pos), sum(d > t for d in neg)
            cells.append(f"t={t:+.1f} P {tp / max(tp + fp, 1):.2f} R {tp / max(len(pos), 1):.2f}")
        print(f"  {group:17} vs clean: " + " | ".join(cells))
    return deltas


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--pairs", type=Path, default=CORPUS.parent / "dev-pairs.tsv")
    ap.add_argument("--table", type=Path, action="append", default=[])
    ap.add_argument("--lm", default=LM)
    a = ap.parse_args()
    items = list(cases(a.corpus, a.pairs))
    models = [(f"table {p.name} ({p.stat().st_size / 1e6:.1f} MB)", context._Table(p))
              for p in [context.TABLE, *a.table] if p.exists()]
    try:
        models.append((Kenlm.name, Kenlm(a.lm)))
    except ImportError:
        print("(kenlm module not installed: no full-model comparison)")
    models.append((context._JiebaUnigram.name, context._JiebaUnigram()))
    results = {name: report(name, m, items) for name, m in models}
    if Kenlm.name in results:
        full = results[Kenlm.name]
        print("\nagreement with the full model (same sign of delta; largest |difference|):")
        for name, ds in results.items():
            same = sum((d > 0) == (f > 0) for d, f in zip(ds, full)) / len(full)
            print(f"  {name:60} {same:.1%}  {max(abs(d - f) for d, f in zip(ds, full)):.2f}")


if __name__ == "__main__":
    main()
