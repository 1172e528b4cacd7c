"""Fuzz wenlint's --fix through the command line: it must never damage a file.

Documents are excerpts of the sample and corpus documents, mutated with the damage wenlint repairs
(and some it must leave alone: stray bytes, Big5), written as .txt/.md/.html in UTF-8 (with and
without BOM), GB18030/GBK and UTF-16 (with and without BOM), with LF, CRLF or CR newlines. A batch
of them goes into one folder and one run of ``wenlint check --fix --unsafe-fixes``; then, for each
document:

- no traceback, and the exit status is 0, 1 or 2;
- a file the run reported an error for (exit 2) is byte for byte as it was;
- a second run changes nothing;
- the newline style is kept, and the file still decodes in its encoding (same byte order mark);
- the text outside the edits is unchanged: the written text is what the library's fixer makes of
  it, and :func:`wenlint.fixes.verify` holds for the original (kept stretches verbatim, masked spans
  untouched).

Not part of the test suite (it takes minutes): ``nice -n 10 python tools/fuzz.py --documents 10000``.
Prints the counts; exits 1 if any document failed a check (the failing ones are kept in --keep).
"""
from __future__ import annotations

import argparse
import codecs
import collections
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT / "seeds", ROOT.parent / "shared" / "corpus" / "dev", ROOT.parent / "shared" / "corpus" / "dev-ocr",
           ROOT.parent / "shared" / "corpus" / "dev-real"]
DAMAGE = [
    "原那么", "否那么", "假设干", "经济开展", "广阔干部", "效劳型", "电视 会议", "&bull;", "&#13;", "&#10;", "&NewLine;",
    "&nbsp;", "&amp;", "&#8226;", "X8226;", "XX", "20xx年", "752023名", "“", "”", "““", "〝", "‘", "(", ")", "（",
    "《", ",", ";", ":", "!", "?", "...", "\n3、", "\n12\n", "\n第3页 共12页\n", "第\n二、", "纽织", "能刀", "2O04",
    "https://baike.baidu.com/item/原那么", "http://x.cn/a,b", "`原那么`", "```\n原那么\n```\n", "    ", "<b>原那么</b>",
    "<!-- 原那么 -->", "wenlint-disable", "\n\n", " ", "\t", "。", "，", "、", "加強", "學習", "的进行", "仅供学习 禁止外传",
]
ENCODINGS = [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("utf-16-le", codecs.BOM_UTF16_LE),
             ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-16-le", b""), ("utf-16-be", b"")]
NEWLINES = {"LF": "\n", "CRLF": "\r\n", "CR": "\r"}
SUFFIXES = [".txt", ".txt", ".md", ".html"]
NEWLINE = re.compile(r"\r\n|\r|\n")


def sources() -> list[str]:
    texts = []
    for folder in CORPORA:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            text = path.read_text(encoding="utf-8")
            texts += [p for p in re.split(r"\n{2,}", text) if len(p) > 40] + [text]
    return texts


def mutate(rng: random.Random, texts: list[str]) -> str:
    text = rng.choice(texts)
    if len(text) > 3000:
        start = rng.randrange(len(text) - 3000)
        text = text[start:start + rng.randint(100, 3000)]
    chars = list(text.replace("\r\n", "\n").replace("\r", "\n"))
    for _ in range(rng.randint(1, 12)):
        at = rng.randint(0, len(chars))
        kind = rng.random()
        if kind < 0.7:
            chars[at:at] = list(rng.choice(DAMAGE))
        elif kind < 0.85:
            del chars[at:at + rng.randint(1, 5)]
        else:
            chars[at:at] = chars[max(0, at - 20):at]
    return "".join(chars)


def encode(rng: random.Random, text: str) -> tuple[bytes, str, bytes, str, str]:
    """The document as a file: bytes, encoding, byte order mark, newline style, and a label."""
    style = rng.choice(list(NEWLINES))
    text = text.replace("\n", NEWLINES[style])
    encoding, bom = rng.choice(ENCODINGS)
    data = bom + text.encode(encoding, "replace")
    roll = rng.random()
    if roll < 0.02 and encoding == "utf-8" and not bom:  # a stray byte: reported, never written
        at = rng.randint(0, len(data))
        data = data[:at] + b"\xff" + data[at:]
        encoding = "utf-8-bad"
    elif roll < 0.03:  # Big5: never guessed as GB18030
        data = text.encode("big5", "replace")
        encoding, bom = "big5", b""
    return data, encoding, bom, style, f"{encoding}{'+bom' if bom else ''}/{style}"


def decodes(data: bytes, encoding: str, bom: bytes) -> str | None:
    """The text of ``data`` in ``encoding`` after ``bom``, or None."""
    if not data.startswith(bom):
        return None
    try:
        return data[len(bom):].decode(encoding)
    except UnicodeDecodeError:
        return None


def styles(text: str) -> set[str]:
    return set(NEWLINE.findall(text))


def run_cli(folder: Path, timeout: float) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "wenlint", "check", "--fix", "--unsafe-fixes", "--quiet",
                           "--jobs", "1", str(folder)], capture_output=True, timeout=timeout, env=env)


def errors_named(stderr: str, folder: Path) -> set[str]:
    """The documents the run reported an error for."""
    return {m.group(1) for m in re.finditer(rf"^error: {re.escape(str(folder))}/(\S+?\.\w+): ", stderr, re.M)}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--documents", type=int, default=10_000, help="documents to try (default 10,000)")
    p.add_argument("--batch", type=int, default=250, help="documents per run of the command line")
    p.add_argument("--minutes", type=float, default=30, help="stop starting batches after this long")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--keep", default=os.path.join(tempfile.gettempdir(), "wenlint-fuzz-failures"),
                   help="folder for the documents that fail a check")
    a = p.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from wenlint import formats
    from wenlint.config import Settings
    from wenlint.document import DecodeError, Document
    from wenlint.engine import Linter
    from wenlint.fixes import fix_until_stable, verify
    from wenlint.packs import load_rules

    linter = Linter(load_rules(), Settings(unsafe_fixes=True))
    rng = random.Random(a.seed)
    texts = sources()
    counts: collections.Counter = collections.Counter()
    failures: collections.Counter = collections.Counter()
    statuses: collections.Counter = collections.Counter()
    kept = Path(a.keep)
    started = time.monotonic()

    def fail(check: str, name: str, original: bytes) -> None:
        failures[check] += 1
        kept.mkdir(exist_ok=True)
        (kept / f"{check}-{name}").write_bytes(original)

    done = 0
    while done < a.documents and time.monotonic() - started < a.minutes * 60:
        with tempfile.TemporaryDirectory(prefix="wenlint-fuzz-") as tmp:
            folder = Path(tmp)
            batch = {}
            for i in range(min(a.batch, a.documents - done)):
                data, encoding, bom, style, label = encode(rng, mutate(rng, texts))
                name = f"doc{done + i:05d}{rng.choice(SUFFIXES)}"
                (folder / name).write_bytes(data)
                batch[name] = (data, encoding, bom, style, label)
            first = run_cli(folder, timeout=600)
            statuses[first.returncode] += 1
            err = first.stderr.decode("utf-8", "replace")
            refused = errors_named(err, folder)
            written = {name: (folder / name).read_bytes() for name in batch}
            second = run_cli(folder, timeout=600)
            err2 = second.stderr.decode("utf-8", "replace")
            for run_err, run in ((err, first), (err2, second)):
                if "Traceback" in run_err or run.returncode not in (0, 1, 2):
                    failures["traceback or bad exit status"] += 1
                    print(run_err[-3000:], file=sys.stderr)
            for name, (data, encoding, bom, style, label) in batch.items():
                counts[label] += 1
                new = written[name]
                if (folder / name).read_bytes() != new:
                    fail("second-run-changed", name, data)
                if name in refused:
                    counts["refused (exit 2)"] += 1
                    if new != data:
                        fail("refused-but-written", name, data)
                    continue
                if encoding in ("big5", "utf-8-bad"):
                    if new != data:
                        fail("undecodable-written", name, data)
                    continue
                if new == data:
                    counts["unchanged"] += 1
                    continue
                counts["fixed"] += 1
                old_text, new_text = decodes(data, encoding, bom), decodes(new, encoding, bom)
                if new_text is None:
                    fail("no-longer-decodes", name, data)
                    continue
                if encoding == "gb18030" and decodes(data, "gbk", b"") is not None and decodes(new, "gbk", b"") is None:
                    fail("gbk-file-left-gbk", name, data)
                if not styles(new_text) <= styles(old_text):
                    fail("newline-style-changed", name, data)
                try:
                    doc = Document.from_bytes(data, name)
                except DecodeError:
                    fail("written-though-undecodable", name, data)
                    continue
                outcome = fix_until_stable(doc.text, lambda t: linter.lint(t, name), True, doc.can_encode)
                if outcome.text != new_text:
                    fail("not-what-the-fixer-makes", name, data)
                elif verify(doc.text, outcome, formats.masked_spans(doc.text, formats.kind_of(name))):
                    fail("text-outside-edits-changed", name, data)
            done += len(batch)
            elapsed = time.monotonic() - started
            print(f"{done} documents, {elapsed:.0f} s, failures {sum(failures.values())}", file=sys.stderr)
    print(f"documents: {done} in {time.monotonic() - started:.0f} s; runs by exit status: {dict(statuses)}")
    for key, n in sorted(counts.items()):
        print(f"  {key}: {n}")
    print(f"failures: {sum(failures.values())}" + "".join(f"\n  {k}: {n}" for k, n in sorted(failures.items())))
    if failures:
        print(f"failing documents kept in {kept}/")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
