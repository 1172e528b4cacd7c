"""The split of ``../shared/corpus/formal`` into training text and held-back text.

Everything trained on the formal corpus (the context model) reads it through :func:`documents` with
``part="train"``; everything that measures false alarms on clean official prose (the calibration set,
the benchmark's clean corpus) reads ``part="heldout"``. So no held-back sentence is ever learned.

Held back:
- the State Council government work reports of eight years spread over the corpus (and the NPC
  resolutions approving them), and the 2026 reports of eight provinces: about 330k characters of the
  讲话/工作报告 register, the register of the seeds;
- every 20th document of the laws and local regulations (by line number), for the benchmark.
The CPC congress reports are never read: their licence is doubtful (the corpus README).

    python tools/formal_split.py calibration OUT_DIR   # held-back reports cut into 300–3,000-char pieces
    python tools/formal_split.py stats                  # characters per file and part
"""
from __future__ import annotations

import lzma
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "formal"
FILES = ("gov-reports", "laws", "local-regs", "court-cases")  # cpc-congress: doubtful, never read
HELD_BACK_YEARS = ("1980", "1985", "1998", "2004", "2010", "2013", "2016", "2021")
HELD_BACK_PROVINCES = ("上海市", "四川省", "广东省", "河南省", "甘肃省", "辽宁省", "青海省", "新疆维吾尔自治区")
# The NPC resolution approving the report of year Y is made at the session held in year Y.
HELD_BACK_SESSIONS = ("第五届全国人民代表大会第三次会议", "第六届全国人民代表大会第三次会议", "第九届全国人民代表大会第一次会议",
                      "第十届全国人民代表大会第二次会议", "第十一届全国人民代表大会第三次会议",
                      "第十二届全国人民代表大会第四次会议", "第十三届全国人民代表大会第四次会议")
EVERY = 20


def held_back(name: str, lineno: int, path: str, title: str) -> bool:
    """Is document `lineno` (0-based) of corpus file `name` held back from training?"""
    if name == "gov-reports":
        if any(title.startswith(y + "年中华人民共和国国务院") for y in HELD_BACK_YEARS):
            return True
        if any(title.startswith(s) for s in HELD_BACK_SESSIONS):
            return True
        return "2026_raw_text" in path and any(p in path for p in HELD_BACK_PROVINCES)
    return lineno % EVERY == 0


def documents(name: str, part: str, corpus: Path = CORPUS):
    """Yield (title, paragraphs) of corpus file `name` ("train" or "heldout" part)."""
    assert part in ("train", "heldout"), part
    with lzma.open(corpus / f"{name}.index.tsv.xz", "rt", encoding="utf-8") as f:
        header, *rows = [line.rstrip("\n").split("\t") for line in f]
    col = {c: i for i, c in enumerate(header)}
    with lzma.open(corpus / f"{name}.txt.xz", "rt", encoding="utf-8") as f:
        for lineno, (line, row) in enumerate(zip(f, rows)):
            path, title = row[col["path"]], row[col["title"]]
            if held_back(name, lineno, path, title) == (part == "heldout"):
                yield title, line.rstrip("\n").split("\t")


def pieces(paragraphs: list[str], rng: random.Random, low: int = 300, high: int = 3000):
    """Cut a document into pieces of `low`..`high` characters at paragraph ends, one paragraph per line."""
    out, cur, want = [], [], rng.randint(low, high)
    for p in paragraphs:
        cur.append(p)
        if sum(map(len, cur)) >= want:
            out.append("\n".join(cur) + "\n")
            cur, want = [], rng.randint(low, high)
    if sum(map(len, cur)) >= low:
        out.append("\n".join(cur) + "\n")
    return out


def write_calibration(out: Path) -> int:
    """Write the held-back reports as clean calibration pieces; return the characters written."""
    out.mkdir(parents=True, exist_ok=True)
    rng, total, n = random.Random(20261201), 0, 0
    for _title, paragraphs in documents("gov-reports", "heldout"):
        for piece in pieces(paragraphs, rng):
            (out / f"cal{n:04d}.txt").write_text(piece, encoding="utf-8")
            total, n = total + len(piece), n + 1
    return total


def main(argv: list[str]) -> int:
    if argv[:1] == ["calibration"] and len(argv) == 2:
        print(f"{write_calibration(Path(argv[1]))} characters written to {argv[1]}")
        return 0
    if argv == ["stats"]:
        for name in FILES:
            for part in ("train", "heldout"):
                docs = list(documents(name, part))
                print(f"{name:12} {part:8} {len(docs):6} docs {sum(len(''.join(p)) for _, p in docs):>11,} chars")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
