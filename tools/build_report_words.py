"""Build linter/data/report-words.tsv: how often government work reports use their common words.

The context model's frequencies mix every source, and laws and regulations are nine tenths of them:
by those counts 改正, 不得 and 申请 are among the commonest words of official prose, and a speech
that never writes them would look as if something had taken their place. WL111 asks how often a
word *should* occur in the documents wenlint reads (speeches, reports, notices), so it counts the
words of the reports alone: the ``train`` part of gov-reports (never the held-back reports), in the
segmentation tools/build_formal_model.py caches (jieba, ``HMM=False``; sentence ends dropped).

    python tools/build_report_words.py [--cache DIR]     # after build_formal_model.py segment

The table holds every word of two or more characters seen ``MIN_COUNT`` times, with its occurrences
per million words, and in its header the characters per word of that text (for a text's length in
words).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from build_formal_model import CACHE, read_sentences  # noqa: E402

OUT = ROOT / "linter" / "data" / "report-words.tsv"
MIN_COUNT = 20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=CACHE, help="build_formal_model.py's segmentation cache")
    a = ap.parse_args()
    counts: Counter[str] = Counter()
    characters = 0
    for sentence in read_sentences(a.cache, "gov-reports"):
        counts.update(sentence)
        characters += sum(map(len, sentence)) + 1  # and the sentence end the segmentation dropped
    words = sum(counts.values()) + 0.0
    sentences_end = characters - sum(len(w) * n for w, n in counts.items())
    total = words + sentences_end
    rows = [f"{w}\t{n / total * 1e6:.2f}" for w, n in counts.most_common() if n >= MIN_COUNT and len(w) >= 2]
    head = ["# Words of the government work reports of ../shared/corpus/formal (train part) and their",
            "# occurrences per million words, by tools/build_report_words.py: do not edit.",
            f"# characters per word: {characters / total:.3f}"]
    OUT.write_text("\n".join(head + rows) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} words, {total:.0f} words of text, {characters / total:.3f} characters per word")


if __name__ == "__main__":
    main()
