"""Derive look-alike candidates and the common-character set from glyph data (development time only).

Sources (none is needed at run time; the derived files are committed):
- component decompositions: ``chaizi-jt.txt`` (the Simplified table) of 開放詞典's 漢語拆字字典
  (github.com/kfcd/chaizi, commit e177ab5, © 2015 開放詞典, CC BY 3.0);
- stroke sequences: ``data/stroke.txt`` of pycorrector 1.1.4 (© xuming, Apache License 2.0; the
  wheel on PyPI), five stroke classes h s p n z;
- the 8,105 characters of the 通用规范汉字表 (2013) and total stroke counts: the ``kTGH`` and
  ``kTotalStrokes`` fields of Unihan 15.0 (Unicode, Inc., Unicode License; Debian's ``unicode-data``
  package, /usr/share/unicode/Unihan_*.txt.bz2).

Outputs:
- ``rules/common-chars.txt``: the 8,105 characters (from kTGH);
- ``rules/variant-chars.txt``: old variant glyphs (异体字: 湧, 羣, 菸, 昇): characters that OpenCC's t2s
  changes although Unihan lists the result as no Simplified form of them (kSimplifiedVariant), only
  as a variant; WL651 takes them for period spelling, not the other script;
- ``rules/lookalike-glyph.tsv``: pairs of characters whose glyphs differ in one small part, at least
  one of them common. Two characters pair when
  * component: they decompose into the same number of components, all alike but one, and the two
    that differ are themselves alike (a pair of the hand table, or the longer stroke sequence is the
    shorter with one stroke more, up to three for parts of five strokes or more: 日/目 in 晖/睴, 且/直 in
    罝/置), or are one of four or more parts of characters of twelve strokes or more, whose other
    parts make the glyph (嬴/赢);
  * stroke: their stroke sequences (five strokes or more) are one stroke apart and they share a
    component (or one has no decomposition in the source): 出/岀.
  Pairs of the hand table (rules/lookalike.tsv) are left out, and so are pairs that one is the
  other's Traditional form (OpenCC's business, WL651).

usage: python tools/build_glyph_lookalikes.py CHAIZI_DIR PYCORRECTOR_STROKE_TXT UNIHAN_DIR
  CHAIZI_DIR: a checkout of kfcd/chaizi; PYCORRECTOR_STROKE_TXT: ``pycorrector/data/stroke.txt`` from
  ``pip download --no-deps pycorrector==1.1.4`` (unzipped); UNIHAN_DIR: /usr/share/unicode after
  ``apt-get install unicode-data`` (or ``apt-get download`` and ``dpkg -x``). OpenCC must be installed.
"""
from __future__ import annotations

import bz2
import sys
from itertools import combinations
from pathlib import Path

RULES = Path(__file__).resolve().parents[1] / "rules"


def unihan(folder: Path, name: str, field: str) -> dict[str, str]:
    out = {}
    path = folder / f"Unihan_{name}.txt.bz2"
    with (bz2.open(path, "rt", encoding="utf-8") if path.exists() else open(folder / f"Unihan_{name}.txt", encoding="utf-8")) as f:  # noqa: E501 (one literal)
        for line in f:
            if f"\t{field}\t" in line:
                code, _, value = line.rstrip("\n").split("\t")
                out[chr(int(code[2:], 16))] = value
    return out


def decompositions(folder: Path) -> dict[str, set[tuple[str, ...]]]:
    out: dict[str, set[tuple[str, ...]]] = {}
    for name in ("chaizi-jt.txt",):  # the Simplified decompositions (chaizi-ft.txt: the Traditional)
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            char, *ways = line.split("\t")
            out.setdefault(char, set()).update(tuple(w.split()) for w in ways if w.strip())
    return out


def strokes(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            char, seq = line.split("\t")[:2]
            out[char] = seq.strip()
    return out


def distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def variant_pairs(folder: Path) -> set[frozenset[str]]:
    """Characters that are each other's Traditional or Simplified form (variant glyphs stay: 岀/出)."""
    out = set()
    for field in ("kTraditionalVariant", "kSimplifiedVariant"):
        for char, value in unihan(folder, "Variants", field).items():
            for code in value.split():
                out.add(frozenset((char, chr(int(code.split("<")[0][2:], 16)))))
    return out


def variant_glyphs(folder: Path) -> str:
    import opencc

    t2s = opencc.OpenCC("t2s")
    simplified = unihan(folder, "Variants", "kSimplifiedVariant")
    han = "".join(chr(c) for c in range(0x4E00, 0xA000))
    return "".join(a for a, b in zip(han, t2s.convert(han))
                   if a != b and b not in {chr(int(v.split("<")[0][2:], 16)) for v in simplified.get(a, "").split()})


def hand_pairs() -> set[frozenset[str]]:
    out = set()
    for line in (RULES / "lookalike.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            a, b = line.split("\t")[:2]
            out.add(frozenset((a, b)))
    return out


def build(decomp, seqs, total, common, excluded, hand) -> dict[frozenset[str], str]:
    def count(part: str) -> int:
        return len(seqs[part]) if part in seqs else int(total.get(part, "0").split()[0] or 0)

    def parts_alike(c: str, d: str, a: str, b: str, n: int) -> bool:
        if frozenset((c, d)) in hand:
            return True
        if c in seqs and d in seqs:
            short, long = sorted((seqs[c], seqs[d]), key=len)
            more = len(long) - len(short)  # the longer has a stroke or two more: 日/目, 且/直
            if len(short) >= 2 and 0 < more <= (1 if len(short) < 5 else 3) and subsequence(short, long):
                return True
        return n >= 4 and min(count(a), count(b)) >= 12  # one part of many: the rest makes the glyph

    pairs: dict[frozenset[str], str] = {}
    chars = [c for c in decomp if len(c) == 1 and ("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf")]
    by_rest: dict[tuple, list[tuple[str, str]]] = {}  # decomposition with one part blanked -> (char, part)
    for char in chars:
        for way in decomp[char]:
            if len(way) < 2:
                continue
            for i, part in enumerate(way):
                by_rest.setdefault((len(way), i, way[:i] + way[i + 1:]), []).append((char, part))
    for key, group in by_rest.items():
        for (a, c), (b, d) in combinations(group, 2):
            if a == b or c == d or (a not in common and b not in common):
                continue
            if parts_alike(c, d, a, b, key[0]):
                pairs.setdefault(frozenset((a, b)), "component")
    by_seq = {}
    for char, seq in seqs.items():
        if len(char) == 1 and len(seq) >= 5:
            by_seq.setdefault(seq, []).append(char)
    parts = {char: {p for way in decomp.get(char, ()) for p in way} for char in seqs}
    for seq, group in by_seq.items():
        for k in range(len(seq)):  # one stroke fewer: the shorter sequence is the longer less one stroke
            shorter = seq[:k] + seq[k + 1:]
            for a in group:
                for b in by_seq.get(shorter, ()):
                    if (a in common or b in common) and (parts[a] & parts[b] or not parts[a] or not parts[b]):
                        pairs.setdefault(frozenset((a, b)), "stroke")
    return {p: how for p, how in pairs.items() if p not in excluded and len(p) == 2}


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    chaizi, stroke_txt, unihan_dir = map(Path, argv)
    common = set(unihan(unihan_dir, "OtherMappings", "kTGH"))
    total = unihan(unihan_dir, "IRGSources", "kTotalStrokes")
    excluded = variant_pairs(unihan_dir)
    hand = hand_pairs()
    pairs = build(decompositions(chaizi), strokes(stroke_txt), total, common, excluded | hand, hand)
    chars = "".join(sorted(common))
    (RULES / "common-chars.txt").write_text(
        "# The 8,105 characters of the 通用规范汉字表 (2013), from the kTGH field of Unihan 15.0\n"
        "# (Unicode, Inc., Unicode License). Generated by tools/build_glyph_lookalikes.py.\n"
        + "\n".join(chars[i:i + 64] for i in range(0, len(chars), 64)) + "\n", encoding="utf-8")
    variants = variant_glyphs(unihan_dir)
    (RULES / "variant-chars.txt").write_text(
        "# Old variant glyphs (异体字) that OpenCC's t2s converts although Unihan 15.0 (kSimplifiedVariant)\n"
        "# gives no Simplified form for them: period spelling, not the other script (WL651).\n"
        "# Generated by tools/build_glyph_lookalikes.py with OpenCC's t2s.\n"
        + "\n".join(variants[i:i + 64] for i in range(0, len(variants), 64)) + "\n", encoding="utf-8")
    lines = [
        "# Look-alike characters derived from glyph data by tools/build_glyph_lookalikes.py: do not edit.",
        "# CHAR<TAB>CHAR<TAB>HOW (component: one small or alike component differs; stroke: one stroke).",
        "# Sources: pairs computed from the decompositions of 漢語拆字字典 (github.com/kfcd/chaizi e177ab5,",
        "# © 2015 開放詞典 kaifangcidian.com, CC BY 3.0 https://creativecommons.org/licenses/by/3.0/); stroke",
        "# sequences of pycorrector 1.1.4 data/stroke.txt (© xuming, Apache-2.0); Unihan 15.0 kTGH,",
        "# kTotalStrokes and variants (Unicode License). At least one character of a pair is common.",
    ]
    for pair, how in sorted(pairs.items(), key=lambda kv: sorted(kv[0])):
        a, b = sorted(pair)
        lines.append(f"{a}\t{b}\t{how}")
    (RULES / "lookalike-glyph.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(common)} common characters, {len(pairs)} glyph pairs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
