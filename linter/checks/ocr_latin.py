"""CJK characters and digits read for Latin letters in identifiers (WL708): 了VM for JVM, I/0 for I/O.

OCR reads a Latin capital that it cannot place in a Chinese page as the CJK character of the same
shape (J as 了, I as 工, O as 口), and the letter O between capitals as the digit 0. A CJK
look-alike that stands before a run of capitals with no Chinese before it (了VM: a particle 了
follows a verb, 部署了VM), or between two capitals, belongs to the identifier; so does a 0 between
capitals or beside a slash between them (I/0, C0VID).
"""
from __future__ import annotations

from wenlint.checks import check, fact
from wenlint.matching import replacement
from wenlint.patterns import compile_pattern, rx
from wenlint.text import by_first, lines_with_any

# (not ○ or 丨: a bullet and a separator stand before capitals as they are)
LETTERS = {"了": "J", "工": "I", "口": "O", "〇": "O", "乙": "Z", "匚": "C", "凵": "U"}
_CJK = "".join(LETTERS)
# a CJK look-alike at the start of a capital run (nothing Chinese, no letter or digit before it), or
# between two capitals; a 0 between capitals, or between a capital and a slash before one
CJK_FOR_LETTER = compile_pattern(
    f"(?<![\\p{{Han}}A-Za-z0-9])[{_CJK}](?=[A-Z]{{2,}}(?![a-z]))|(?<=[A-Z])[{_CJK}](?=[A-Z])")
ZERO_FOR_O = compile_pattern(
    r"(?<=[A-Z])0(?=[A-Z])|(?<=(?<![0-9A-Za-z])[A-Z]/)0(?![0-9A-Za-z])|(?<![0-9A-Za-z])0(?=/[A-Z](?![0-9A-Za-z]))")
# what every match of the two holds, in its line (neither spans a line break): a look-alike before a
# capital; a capital, or a slash, before the 0, or a slash after it. Each searched from its look-alike
# or its 0, a literal that re skips ahead to (0.3 ms per MB, where the two patterns take 60)
CANDIDATES = {**by_first(_CJK, "(?=[A-Z])"), "0": rx(r"0(?:(?<=[A-Z/]0)|(?=/))")}


def latin_lookalikes(text: str, start: int = 0, end: int | None = None):
    """(offset, found, letter) for CJK characters and zeros standing for Latin capitals in
    ``text[start:end]`` (whole lines)."""
    end = len(text) if end is None else end
    for m in CJK_FOR_LETTER.finditer(text, start, end):
        yield m.start(), m.group(), LETTERS[m.group()]
    for m in ZERO_FOR_O.finditer(text, start, end):
        yield m.start(), "0", "O"


@fact("ascii-characters")
def ascii_characters(ctx) -> bytes:
    """The text's ASCII characters, in order (one C pass; a Chinese text has few): what checks that
    need some Latin letter ask before they search the text for a look-alike."""
    return ctx.text.encode("ascii", "ignore")


@check("ocr-latin-lookalike", fields=("found", "fix"))
def latin_lookalike(ctx, rule):
    text = ctx.text
    ascii_chars = ctx.fact("ascii-characters")
    if ascii_chars.lower() == ascii_chars:
        return  # no capital A-Z (which lower() would change): every match of the two patterns has one
    for start, end in lines_with_any(CANDIDATES, text):
        for at, _, letter in sorted(latin_lookalikes(text, start, end)):
            yield replacement(rule, text, at, at + 1, letter)
