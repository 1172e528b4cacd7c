"""Make tests/data/wrap/: clean Chinese prose hard-wrapped at proportional widths, with gold.

Source: held-back formal text (``tools/formal_split.py`` ``documents(..., "heldout")``: government
work reports and laws, never trained on). Each document is a run of paragraphs of 300–2,000
characters, some with inserted English passages (apostrophes, straight and curly quotes), inline
English, Markdown emphasis (``**…**``) and Markdown headings (``### …``). It is then wrapped as a
proportional layout prints it:

- widths in display columns (full width 2, half width 1): a base width of 40–92 columns, each line's
  own width drawn within ±10 % of it (some documents at exactly the base width);
- line-breaking rules of Chinese typesetting: no line starts with closing punctuation (，。、”）…) or
  ends with an opening mark (“（《); no break inside a Latin run (English wraps at spaces);
- a paragraph's last line ends the paragraph (one line break; a blank line between paragraphs in some
  documents).

Gold (``NAME.json``, the dev corpus format): each line break inside a Chinese paragraph, kind
``pagebreak``, fix "" (the text reads on). English passages are wrapped at spaces too: those breaks
are no gold (Latin lines follow Latin typography; WL706 leaves them), and ``english.json`` lists
their spans so that alarms in them can be counted. ``cleanNNN.txt`` are some of the documents
unwrapped, without gold: false alarms on them count as alarms on clean text.

    python tools/make_wrap_set.py [OUT_DIR] [--docs N] [--seed S]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from formal_split import documents  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "wrap"
NO_START = set("，。、；：？！）》」』】”’…—·%％")
NO_END = set("（《「『【“‘")
ENGLISH = [
    "The Province’s economy grew steadily last year, and the government’s targets were met.",
    "Abstract: This paper reviews the masses’ role in rural reform and the county’s records.",
    "As the report puts it, \"development is the top priority\", and it's the people's work.",
    "We thank the editors for their comments; the authors’ views are their own.",
    "The State Council’s report was adopted on 5 March, after the deputies’ discussion.",
    "Keywords: local government; public finance; rural revitalization; the Party’s leadership.",
    "“Reform and opening up,” he said, “is what made today’s China.”",
    "It isn't the first time the city's plan has been revised, and it won't be the last.",
    "Source: Statistical Yearbook (2021), Table 3-2; figures for 1998 are the bureau’s estimates.",
    "Translated by the editorial office. All rights reserved by the journal’s publisher.",
]
INLINE = ["GDP", "the People’s Daily", "Made in China 2025", "the World Bank’s report", "CPI",
          "“Belt and Road”", "e-government", "Internet Plus"]


def columns(ch: str) -> int:
    """Display columns of one character: full width 2, half width 1."""
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def latin(ch: str) -> bool:
    return ord(ch) < 0x2000 or ch in "’‘“”"


def wrap(text: str, base: int, jitter: float, rng: random.Random) -> list[int]:
    """Offsets in ``text`` where the printed lines break (before text[k])."""
    breaks, k, n = [], 0, len(text)
    while True:
        target = base if not jitter else round(base * rng.uniform(1 - jitter, 1 + jitter))
        used, j = 0, k
        while j < n and used + columns(text[j]) <= target:
            used += columns(text[j])
            j += 1
        if j >= n:
            return breaks
        while j < n and text[j] in NO_START:  # hang closing punctuation on the line
            j += 1
        while j - 1 > k and text[j - 1] in NO_END:
            j -= 1
        while j - 1 > k and latin(text[j - 1]) and latin(text[j]):  # no break inside a Latin run
            j -= 1
        if j >= n:
            return breaks
        if j <= k + 1:  # one Latin run longer than the line: break after it
            j = k + 1
            while j < n and latin(text[j - 1]) and latin(text[j]):
                j += 1
            if j >= n:
                return breaks
        breaks.append(j)
        k = j


def wrap_english(text: str, base: int) -> list[str]:
    """English wrapped at spaces within ``base`` columns."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > base:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line]


def decorate(paragraph: str, rng: random.Random) -> str:
    """Markdown emphasis or an inline English phrase in a Chinese paragraph, sometimes."""
    roll = rng.random()
    if len(paragraph) > 40 and roll < 0.3:
        a = rng.randrange(5, len(paragraph) - 20)
        b = a + rng.randrange(4, 12)
        paragraph = f"{paragraph[:a]}**{paragraph[a:b]}**{paragraph[b:]}"
    elif len(paragraph) > 40 and roll < 0.6:
        at = rng.randrange(5, len(paragraph) - 5)
        paragraph = f"{paragraph[:at]}（{rng.choice(INLINE)}）{paragraph[at:]}"
    return paragraph


def pick_documents(rng: random.Random, count: int) -> list[list[str]]:
    pool = [paras for name in ("gov-reports", "laws") for _, paras in documents(name, "heldout")]
    out = []
    while len(out) < count:
        paras = rng.choice(pool)
        start = rng.randrange(len(paras))
        size = rng.randrange(300, 2000)
        taken: list[str] = []
        for p in paras[start:]:
            if sum(map(len, taken)) >= size:
                break
            taken.append(p.strip())
        if sum(map(len, taken)) >= 300 and all(taken):
            out.append(taken)
    return out


def build(paragraphs: list[str], rng: random.Random):
    """(wrapped text, gold, English spans, unwrapped text) of one document."""
    base = rng.randrange(40, 93)
    jitter = rng.choice([0.0, 0.05, 0.1, 0.1, 0.1])
    blank = rng.random() < 0.25
    blocks: list[tuple[str, str]] = []  # (kind, text)
    for k, p in enumerate(paragraphs):
        kind = "heading" if len(p) <= 20 and not p.endswith("。") else "zh"
        if kind == "heading" and rng.random() < 0.4:
            p = "### " + p
        blocks.append((kind, decorate(p, rng) if kind == "zh" else p))
        if rng.random() < 0.15:
            blocks.append(("en", " ".join(rng.sample(ENGLISH, rng.randrange(1, 4)))))
    out, gold, english = [], [], []
    pos = 0
    sep = "\n\n" if blank else "\n"
    for kind, p in blocks:
        if out:
            out.append(sep)
            pos += len(sep)
        if kind == "en":
            lines = wrap_english(p, base)
            piece = "\n".join(lines)
            english.append([pos, pos + len(piece)])
        elif kind == "heading":
            piece = p
        else:
            breaks = wrap(p, base, jitter, rng)
            cuts = [0, *breaks, len(p)]
            piece = "\n".join(p[a:b] for a, b in zip(cuts, cuts[1:]))
            for n, b in enumerate(breaks):
                at = pos + b + n
                gold.append({"start": at, "end": at + 1, "found": "\n", "fix": "", "kind": "pagebreak"})
        out.append(piece)
        pos += len(piece)
    unwrapped = sep.join(p for _, p in blocks) + "\n"
    return "".join(out) + "\n", gold, english, unwrapped


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", nargs="?", type=Path, default=OUT)
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--clean", type=int, default=12, help="documents also written unwrapped, without gold")
    ap.add_argument("--seed", type=int, default=12)
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    a.out.mkdir(parents=True, exist_ok=True)
    for old in [*a.out.glob("*.txt"), *a.out.glob("*.json")]:
        old.unlink()
    spans = {}
    for n, paragraphs in enumerate(pick_documents(rng, a.docs)):
        text, gold, english, unwrapped = build(paragraphs, rng)
        for g in gold:
            assert text[g["start"]:g["end"]] == "\n"
        name = f"wrap{n:03d}"
        (a.out / f"{name}.txt").write_text(text, encoding="utf-8")
        (a.out / f"{name}.json").write_text("[\n" + ",\n".join(json.dumps(g, ensure_ascii=False) for g in gold) + "\n]\n", encoding="utf-8")  # noqa: E501 (one literal)
        if english:
            spans[name] = english
        if n < a.clean:
            (a.out / f"clean{n:03d}.txt").write_text(unwrapped, encoding="utf-8")
    (a.out / "english.json").write_text(json.dumps(spans) + "\n", encoding="utf-8")
    print(f"{a.docs} wrapped documents, {min(a.clean, a.docs)} clean ones in {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
