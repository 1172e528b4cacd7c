"""Build rules/synonyms.tsv: words of the Chinese Open Wordnet that share a sense with the common
words of formal prose, the candidate originals WL111 weighs beside one-character variants.

For every word the government work reports use at least ``wenlint.checks.spinrevealed.COMMON``
times per million words (linter/data/report-words.tsv), the lemmas of two or more Han characters
that share one of its synsets, most frequent in formal prose first. A spinner swaps a word for a near-synonym (服务 →
效劳, 计划 → 方案); a thesaurus names such near-synonyms for words no spinner list holds.

usage: python tools/build_synonyms.py COW_DIR
  COW_DIR: the folder ``wns/cow`` of github.com/omwn/omw-data (commit f75be19): the Chinese Open
  Wordnet (© 2013, 2014 Francis Bond and Shan Wang), ``wn-data-cmn.tab`` and its ``LICENSE``, which
  the table carries whole, as the licence asks of every copy.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "rules" / "synonyms.tsv"
def han(word: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in word)


def senses(tab: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(lemma -> synsets, synset -> lemmas) of the Chinese Open Wordnet."""
    of: dict[str, set[str]] = defaultdict(set)
    members: dict[str, set[str]] = defaultdict(set)
    for line in tab.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("#") or len(parts) < 3 or not parts[1].endswith(":lemma"):
            continue
        of[parts[2]].add(parts[0])
        members[parts[0]].add(parts[2])
    return of, members


def main() -> None:
    from wenlint import context
    from wenlint.checks import CheckData
    from wenlint.checks.spinrevealed import COMMON, register

    folder = Path(sys.argv[1])
    of, members = senses(folder / "wn-data-cmn.tab")
    rows = []
    for word, use in register(CheckData([]))[0].items():
        if use < COMMON or not han(word):
            continue
        near = {w for s in of.get(word, ()) for w in members[s] if w != word and len(w) >= 2 and han(w)}
        if near:
            rows.append(f"{word}\t{' '.join(sorted(near, key=lambda w: (-context.frequency(w), w)))}")
    head = ["# Words that share a sense with the common words of the reports, from the Chinese Open",
            "# Wordnet (github.com/omwn/omw-data f75be19, wns/cow) by tools/build_synonyms.py: do not edit.",
            "# WORD<TAB>SYNONYMS, most frequent in formal prose first. The Wordnet's licence, whole:"]
    head += [f"# {line}".rstrip() for line in (folder / "LICENSE").read_text(encoding="utf-8").splitlines()]
    OUT.write_text("\n".join(head + rows) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} words")


if __name__ == "__main__":
    main()
