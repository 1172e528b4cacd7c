#!/usr/bin/env python3
"""The benchmark's realistic inputs: clean official prose, and the same prose lightly damaged.

Clean: the held-back documents of the laws and local regulations (``tools/formal_split.py``,
``part="heldout"``: never trained on), one paragraph a line, a blank line between documents:
about 4.3 million characters, 13 MB. To reach the target size the documents are repeated, each
round in a new order (seeded), so no two neighbouring documents repeat a neighbourhood of the last
round; every paragraph stays whole.

Lightly damaged: the same text with ``RATE`` artifacts per 10,000 characters, of the kinds real
extracted documents show, placed at random (seeded) positions that are inside paragraphs:

* a page footer line between two paragraphs (``第 12 页``);
* a half-width comma after a Chinese character (``，`` → ``,``);
* a character swapped for its OCR look-alike from ``rules/lookalike.tsv`` (组 → 纽);
* an HTML entity between two Chinese characters (``&nbsp;``);
* a full stop read as an ASCII dot (``。`` → ``.``);
* a zero in a number read as the letter O (2015 → 2O15).

Each is put at the first place, from a random offset on, where it can stand. Generated inputs go to
``bench/work/`` (git-ignored), never into the repository.

    python bench/corpus.py OUT_DIR [--size BYTES] [--files N]   # clean.txt, damaged.txt, clean-many/, damaged-many/

MB is 10**6 bytes. The output is deterministic for a given corpus, size and file count.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from formal_split import documents  # noqa: E402

SOURCES = ("local-regs", "laws")
RATE = 3  # artifacts per 10,000 characters in the damaged text
SEED = 20261201


def clean_documents() -> list[str]:
    """The held-back documents, one paragraph a line, each ending with a newline."""
    out = []
    for name in SOURCES:
        for _title, paragraphs in documents(name, "heldout"):
            body = "\n".join(p.strip() for p in paragraphs if p.strip())
            if body:
                out.append(body + "\n")
    return out


def clean_stream(docs: list[str], size: int) -> list[str]:
    """Documents, repeated in a new order each round, until their UTF-8 size reaches ``size``."""
    rng, out, total = random.Random(SEED), [], 0
    while total < size:
        order = docs[:]
        rng.shuffle(order)
        for d in order:
            out.append(d)
            total += len(d.encode("utf-8"))
            if total >= size:
                break
    return out


def _lookalikes() -> dict[str, list[str]]:
    pairs: dict[str, list[str]] = {}
    for line in (ROOT / "rules" / "lookalike.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            a, b = line.split("\t")[:2]
            pairs.setdefault(a, []).append(b)
            pairs.setdefault(b, []).append(a)
    return pairs


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def damage(text: str, rng: random.Random, pairs: dict[str, list[str]]) -> str:
    """``text`` with about RATE artifacts per 10,000 characters: each at the first place, from a
    random offset on, where its kind can stand."""
    fits = (lambda a, b: a == "\n",  # a page footer line between two paragraphs
            lambda a, b: b == "，" and _han(a),  # a half-width comma
            lambda a, b: b in pairs and _han(a),  # an OCR look-alike
            lambda a, b: _han(a) and _han(b),  # an HTML entity left by a converter
            lambda a, b: b == "。" and _han(a),  # a full stop read as an ASCII dot
            lambda a, b: b == "0" and a.isdigit())  # a zero read as the letter O
    n = len(text) * RATE // 10_000
    out, pos = [], 0
    for i in sorted(rng.sample(range(1, len(text) - 1), min(n, len(text) - 2))):
        kind = rng.randrange(len(fits))
        j = next((j for j in range(max(i, pos + 1), min(i + 500, len(text))) if fits[kind](text[j - 1], text[j])), None)
        if j is None:
            continue
        new = (f"第 {rng.randint(2, 300)} 页\n", ",", rng.choice(pairs.get(text[j], [""])), "&nbsp;", ".", "O")[kind]
        keep = kind in (0, 3)  # inserted before text[j]; the others replace it
        out += [text[pos:j], new]
        pos = j if keep else j + 1
    out.append(text[pos:])
    return "".join(out)


def write(out: Path, size: int, files: int) -> dict[str, Path]:
    """Write the four inputs under ``out``; return their paths by name."""
    docs = clean_stream(clean_documents(), size)
    rng, pairs = random.Random(SEED + 1), _lookalikes()
    damaged = [damage(d, rng, pairs) for d in docs]
    out.mkdir(parents=True, exist_ok=True)
    paths = {"clean": out / "clean.txt", "damaged": out / "damaged.txt",
             "clean_many": out / "clean-many", "damaged_many": out / "damaged-many"}
    for key, stream in (("clean", docs), ("damaged", damaged)):
        text = "\n".join(stream)
        paths[key].write_text(text, encoding="utf-8")
        _write_many(paths[key + "_many"], text, files)
    return paths


def _write_many(folder: Path, text: str, files: int) -> None:
    """``text`` cut at line ends into ``files`` files of about equal size."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    each, pos = len(text) / files, 0
    for k in range(files):
        end = len(text) if k == files - 1 else text.find("\n", max(pos + 1, round(each * (k + 1)))) + 1
        end = end or len(text)
        (folder / f"doc{k:04d}.txt").write_text(text[pos:end], encoding="utf-8")
        pos = end


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--size", type=int, default=20_000_000, help="bytes of clean text (default 20 MB)")
    ap.add_argument("--files", type=int, default=2000, help="files in the many-file folders (default 2,000)")
    a = ap.parse_args()
    for name, p in write(a.out, a.size, a.files).items():
        print(f"{name}: {p}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
