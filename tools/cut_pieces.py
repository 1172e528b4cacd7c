"""Cut annotated documents into short pieces, as real inputs often are (a section, a paragraph).

Each NAME.txt of the corpus (with its NAME.json, if any) becomes NAME-pNN.txt pieces of about
``--size`` characters, cut at the first line or sentence end after that size, with the annotations
that lie wholly inside a piece (offsets shifted); an annotation across a cut moves the cut past it.
The output is a corpus folder that ../shared/eval/score.py reads:

    python tools/cut_pieces.py ../shared/corpus/dev /tmp/dev-500 --size 500
    python ../shared/eval/score.py /tmp/dev-500
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

ENDS = "\n。！？；"


def cuts(text: str, gold: list[dict], size: int) -> list[int]:
    """Piece boundaries: after ``size`` characters, at the next sentence or line end that no
    annotation spans."""
    out, pos = [0], 0
    while len(text) - pos > size * 1.5:
        i = pos + size
        while i < len(text) and (text[i - 1] not in ENDS or any(g["start"] < i < g["end"] for g in gold)):
            i += 1
        if i >= len(text):
            break
        out.append(i)
        pos = i
    return out + [len(text)]


def cut(src: Path, dst: Path, size: int) -> int:
    """Write the pieces of every document of ``src`` into ``dst``; the number of pieces."""
    dst.mkdir(parents=True, exist_ok=True)
    n = 0
    for path in sorted(src.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        gold_path = path.with_suffix(".json")
        gold = json.loads(gold_path.read_text(encoding="utf-8")) if gold_path.exists() else []
        bounds = cuts(text, gold, size)
        for k, (a, b) in enumerate(zip(bounds, bounds[1:])):
            name = f"{path.stem}-p{k:02d}"
            (dst / f"{name}.txt").write_text(text[a:b], encoding="utf-8")
            inside = [{**g, "start": g["start"] - a, "end": g["end"] - a} for g in gold
                      if a <= g["start"] and g["end"] <= b]
            if gold_path.exists():
                (dst / f"{name}.json").write_text(json.dumps(inside, ensure_ascii=False), encoding="utf-8")
            n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--size", type=int, default=500)
    a = ap.parse_args()
    print(f"{cut(a.corpus, a.out, a.size)} pieces in {a.out}")


if __name__ == "__main__":
    main()
