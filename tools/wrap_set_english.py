"""Count the diagnostics inside the English passages of tests/data/wrap/ (listed in english.json).

    python tools/wrap_set_english.py [DIR] [-- wenlint options, e.g. --select WL7]
"""
from __future__ import annotations

import collections
import json
import subprocess
import sys
from pathlib import Path

DIR = Path(__file__).resolve().parents[1] / "tests" / "data" / "wrap"


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv and argv[0] != "--" else DIR
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    spans = json.loads((folder / "english.json").read_text(encoding="utf-8"))
    paths = [str(folder / f"{name}.txt") for name in sorted(spans)]
    out = subprocess.run([sys.executable, "-m", "wenlint", "check", "--format", "json", *extra, *paths],
                         capture_output=True, text=True, encoding="utf-8").stdout
    inside = collections.Counter()
    chars = 0
    for name, ranges in spans.items():
        chars += sum(b - a for a, b in ranges)
    for d in json.loads(out or "[]"):
        name = Path(d["path"]).stem
        if any(a < d["end_offset"] and d["offset"] < b for a, b in spans[name]):
            inside[d["code"]] += 1
    total = sum(inside.values())
    print(f"English passages: {sum(map(len, spans.values()))} in {len(spans)} documents, {chars} characters; "
          f"alarms inside: {total}" + (f" ({', '.join(f'{c} {n}' for c, n in inside.most_common())})" if total else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
