"""Leave-pairs-out: can wenlint find spinner pairs that nobody listed?

The known pairs of ../shared/corpus/dev-pairs.tsv are split into three folds. For each fold, its pairs
are removed from everything wenlint knows: the dictionary entries that contain them, and so the pair
list derived from the entries, rules/spin-pairs.tsv and the substitutions inside words learned from
them (a linter built with ``CheckData(rules, without=pairs)``). The dev corpus is linted, and we
measure recall on the gold spinning edits of the removed pairs, and the precision of all spinning
diagnostics. Prints one line per fold and the total.

    python tools/leave_pairs_out.py [--corpus ../shared/corpus/dev]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from wenlint.checks import CheckData
from wenlint.config import Settings
from wenlint.engine import Linter
from wenlint.packs import load_rules

ROOT = Path(__file__).resolve().parents[1]


def read_pairs(path: Path) -> list[tuple[str, str]]:
    rows = [line.split("\t")[:2] for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    return sorted((r, w) for r, w in rows)


def involves(pairs, wrong: str, right: str) -> bool:
    return any(w in wrong and r in right for r, w in pairs)


def forget(rules, pairs):
    """The rules with every dictionary entry that knows one of ``pairs`` removed."""
    out = []
    for rule in rules:
        if rule.kind == "substitution":
            entries = tuple(e for e in rule.spec.entries if not involves(pairs, e.wrong, e.right))
            if not entries:
                continue
            rule = rule._replace(spec=rule.spec._replace(entries=entries))
        out.append(rule)
    return out


def run_fold(corpus: Path, rules, removed) -> tuple[int, int, int, int]:
    """(removed-pair gold found, removed-pair gold, spinning diagnostics right, spinning diagnostics)."""
    linter = Linter(rules, Settings(), CheckData(rules, without=frozenset(removed)))
    found = gold_n = right = total = 0
    for gold_path in sorted(corpus.glob("*.json")):
        text = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
        gold = [g for g in json.loads(gold_path.read_text(encoding="utf-8")) if g["kind"] == "spinning"]
        diags = [d for d in linter.lint(text, str(gold_path)) if d.rule.category == "spinning"
                 and d.rule.severity != "info"]
        for g in gold:
            if g["fix"] and involves(removed, g["found"], g["fix"]):
                gold_n += 1
                found += any(_overlap(d, g) for d in diags)
        total += len(diags)
        right += sum(any(_overlap(d, g) for g in gold) for d in diags)
    return found, gold_n, right, total


def _overlap(d, g: dict) -> bool:
    return d.start < g["end"] and g["start"] < d.end


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    a = ap.parse_args()
    pairs = read_pairs(a.corpus.parent / "dev-pairs.tsv")
    rules = load_rules()
    totals = [0, 0, 0, 0]
    for fold in range(3):
        removed = set(pairs[fold::3])
        figures = run_fold(a.corpus, forget(rules, removed), removed)
        totals = [t + f for t, f in zip(totals, figures)]
        found, n, right, total = figures
        print(f"fold {fold + 1}: removed {' '.join(f'{r}→{w}' for r, w in sorted(removed))}\n"
              f"  recall on removed pairs {found}/{n} = {found / max(n, 1):.3f}   "
              f"spinning precision {right}/{total} = {right / max(total, 1):.3f}")
    found, n, right, total = totals
    print(f"all folds: recall on removed pairs {found / max(n, 1):.3f} ({found}/{n})   "
          f"spinning precision {right / max(total, 1):.3f} ({right}/{total})")


if __name__ == "__main__":
    main()
