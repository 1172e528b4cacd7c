"""Cut clean news into pieces, a false-alarm test set in the register of news (development only).

    python tools/news_clean_set.py REPO OUT [--year 2025] [--size 3000]

REPO is a snapshot of github.com/sonqyau/Bibliotheca (its ``新闻联播`` folder: the CCTV evening news
transcripts of 2022–2025, commit 9d3056d5 when this was written); OUT receives one ``.txt`` a news
item, cut at ``--size`` characters, from the items of ``--year``. Items of fewer than 300 characters
are skipped, as are paragraphs that share a 20-character passage with the texts wenlint is scored
on (../shared/corpus, ../shared/seeds), so that no judged text is read twice.

The transcripts are not documents of state organs: the upstream README reserves all rights to the
China Media Group. They are read here as test text only, to count alarms on clean prose; nothing is
trained on them, and neither they nor anything derived from them is committed or shipped.
"""
from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ["corpus/dev", "corpus/dev-ocr", "corpus/dev-real", "seeds"]
PASSAGE = 20


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True).stdout


def judged_passages(shared: Path) -> set[str]:
    """Every 20-character passage (spaces dropped) of the texts wenlint is scored on."""
    out: set[str] = set()
    for d in JUDGED:
        for p in (shared / d).glob("*.txt"):
            t = re.sub(r"\s", "", p.read_text(encoding="utf-8", errors="replace"))
            out.update(t[i:i + PASSAGE] for i in range(len(t) - PASSAGE + 1))
    return out


def items(repo: Path, year: str, judged: set[str]):
    """The paragraphs of each news item of ``year`` (a ``## `` heading starts an item; link lines go)."""
    names = _git(repo, "ls-tree", "-r", "--name-only", "-z", "HEAD", f"新闻联播/{year}/").decode().split("\0")
    for name in sorted(n for n in names if n.endswith(".md")):
        item: list[str] | None = None
        for line in _git(repo, "show", f"HEAD:{name}").decode("utf-8", "replace").splitlines():
            line = line.strip()
            if line.startswith("## "):
                if item:
                    yield item
                item = []
            elif line and not line.startswith("- ") and item is not None:
                line = re.sub(r"^\*\*|\*\*$", "", line)  # Markdown bold around a sub-heading
                flat = re.sub(r"\s", "", line)
                if not any(flat[i:i + PASSAGE] in judged for i in range(max(1, len(flat) - PASSAGE + 1))):
                    item.append(line)
        if item:
            yield item


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("repo", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--year", default="2025")
    ap.add_argument("--size", type=int, default=3000)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    n = chars = 0
    for item in items(a.repo, a.year, judged_passages(a.shared)):
        text = ("\n".join(item) + "\n")[:a.size]
        if len(text) < 300:
            continue
        (a.out / f"news{n:05d}.txt").write_text(text, encoding="utf-8")
        n, chars = n + 1, chars + len(text)
    print(f"{n} pieces, {chars:,} characters in {a.out}")


if __name__ == "__main__":
    main()
