"""Rare glyphs read for common characters (WL707): 岀现 for 出现, 罝顶 for 置顶.

A character outside the 8,105 of the 通用规范汉字表 (``rules/common-chars.txt``) in modern text is
rarely what the author wrote. When a common look-alike of it (``rules/lookalike-glyph.tsv``,
derived from glyph data, and the hand table) makes a word with its neighbours that the clause reads
far better with, the scanner misread it. Traditional characters are left to WL651.
"""
from __future__ import annotations

from functools import lru_cache

from wenlint.checks import check, fact
from wenlint.checks.ocr_index import (
    COMMON,
    GLYPH,
    TABLE,
    common_chars,
    data,
    glyph_pairs,
    lookalikes,
)
from wenlint.checks.ocr_lookalike import OPTIONS as LOOKALIKE_OPTIONS
from wenlint.checks.ocr_lookalike import judge
from wenlint.matching import diagnostic, render_message
from wenlint.model import Edit
from wenlint.patterns import rx

# the look-alike judge's options; a rare glyph is no word as written, so the usual margin suffices,
# but the repaired word must be a common one
OPTIONS = {**LOOKALIKE_OPTIONS, "min_word_freq": 50}


@lru_cache(maxsize=1)
def rare_lookalikes() -> dict[str, str]:
    """Rare character -> its common look-alikes (through the user cache)."""
    from wenlint.cache import cached

    def build():
        common, hand, glyph = common_chars(), lookalikes(), glyph_pairs()
        out = {}
        for char in sorted(set(hand) | set(glyph)):
            if char not in common:
                found = sorted(c for c in hand.get(char, frozenset()) | glyph.get(char, frozenset()) if c in common)
                if found:
                    out[char] = "".join(found)
        return out

    return cached("rare-glyphs", [data(TABLE), data(GLYPH), data(COMMON)], build,
                  lambda v: isinstance(v, dict) and all(isinstance(k, str) and isinstance(x, str) for k, x in v.items()))


@lru_cache(maxsize=1)
def _rare():
    return rx("[" + "".join(rare_lookalikes()) + "]")


@lru_cache(maxsize=1)
def _other_script() -> frozenset[str]:
    """Traditional characters and old variant glyphs: WL651's policy, not misreadings."""
    from wenlint.checks.script import traditional_chars, variant_chars

    return frozenset(traditional_chars()) | variant_chars()


@lru_cache(maxsize=1)
def _rare_or_traditional():
    """A pattern matching a rare glyph (:func:`_rare`) or a Traditional character (what mixed-script
    counts first): one scan of a text for both checks, which find neither in most texts."""
    from wenlint.checks.script import traditional_chars

    return rx("[" + "".join(rare_lookalikes()) + traditional_chars() + "]")  # Han both, as in _rare and mixed-script


@fact("rare-or-traditional")
def rare_or_traditional(ctx) -> bool:
    """Does the text hold a rare glyph or a Traditional character? Without one, neither ocr-rare-glyph
    nor mixed-script (which reads on only where it counts a Traditional character) has anything to do."""
    return _rare_or_traditional().search(ctx.text) is not None


def rare_glyphs(text: str, opts: dict = OPTIONS):
    """(offset, common look-alike, verdict) for each rare glyph whose look-alike makes a word here."""
    table = rare_lookalikes()
    for m in _rare().finditer(text):
        i, char = m.start(), m.group()
        if char in _other_script():
            continue
        verdicts = [(v.score, right, v) for right in table[char] if (v := judge(text, i, right, opts))]
        if verdicts:
            _, right, verdict = max(verdicts)
            yield i, right, verdict


@check("ocr-rare-glyph", options=OPTIONS, fields=("found", "fix", "word", "score"))
def rare_glyph(ctx, rule):
    text = ctx.text
    if not ctx.fact("rare-or-traditional"):
        return
    for i, right, v in rare_glyphs(text, rule.spec.options):
        msg = render_message(rule, found=text[i], fix=right, word=v.new, score=f"{v.score:.1f}")
        yield diagnostic(rule, i, i + 1, msg, [Edit(i, i + 1, right)], "unsafe")
