"""Spinning that no list names: substitutions inside words.

Spinners that do not segment swap a character (or a word) inside longer words: 民→平易近 leaves
人平易近, 主→从 leaves 从体, 重→沉 leaves 沉点, 在→正在 leaves 存正在. The substitutions are learned from
all known pairs (:mod:`wenlint.checks.spinpairs`); a string the lexicon does not know that becomes a
frequent word when one is undone, where the context model prefers the word, is such a swap (WL109).
"""
from __future__ import annotations

from collections import namedtuple

from wenlint import context
from wenlint.checks import check, fact, lexicon, spin

# substitutions inside words (WL109)
CROSSING_FREQUENT = 1.0  # per million: a word this frequent across the window's edge explains the text
NON_WORD_MARGIN = 3.0  # log10: the context model's preference for the word, in a spun text
NON_WORD_UNSPUN = 5.0  # ... in a text without other evidence
NON_WORD_SIGN = 5.0  # ... from which the non-word is itself evidence of spinning, and its fix safe
# (characters before, after) a piece in the windows read around it, in order: two to four characters,
# the piece counted as one
WINDOWS = tuple((left, right) for left in range(3) for right in range(3) if 2 <= left + 1 + right <= 4)


def _han(s: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in s)


class Candidate(namedtuple("Candidate", "start end right margin sign")):
    """text[start:end] (no word) reads better as ``right`` by ``margin``; ``sign``: strong enough to be
    evidence of spinning, and fixed safely."""

    __slots__ = ()


def _windows(text: str, start: int, end: int, originals: dict[tuple[str, str], list[str]]):
    """(start, end, original) windows around a substitution's piece: the written string is no word,
    the original one of the frequent words the piece's ``originals`` (:func:`_originals`) holds, and no
    frequent word of the text crosses the window's edge."""
    for left, right in WINDOWS:
        a, b = start - left, end + right
        if a < 0 or b > len(text):
            continue
        # the original first: it is the cheapest test, and few windows pass it
        found = originals.get((text[a:start], text[end:b]))
        if not found:
            continue
        written = text[a:b]
        if not _han(written) or lexicon.known(written) or _inside_word(written, start - a, end - a):
            continue
        for original in found:
            if not _crossed(text, a, b):
                yield a, b, original


def _originals(data, known, piece: str) -> dict[tuple[str, str], list[str]]:
    """(head, tail) -> the frequent words ``head + r + tail`` (``Pairs.restores``) for the piece's
    right strings r, in their order: every word an undone substitution of the piece may yield, by
    the strings around it (of up to two characters each). Per linter, each piece's when first met."""
    table = data.memo.setdefault("spin-piece-originals", {})
    if piece not in table:
        rights, restores = known.pieces[piece], known.restores
        around = {(w[:at], w[at + len(r):]) for w in restores for r in rights
                  for at in range(len(w) - len(r) + 1) if w.startswith(r, at)}
        table[piece] = {(head, tail): found for head, tail in around if len(head) <= 2 and len(tail) <= 2
                        if (found := [o for r in rights if (o := head + r + tail) in restores])}
    return table[piece]


def _inside_word(written: str, i: int, j: int) -> bool:
    """Is the piece written[i:j] part of a longer word of ``written`` (根本上: 根 is in 根本)?"""
    return any(lexicon.per_million(written[a:b]) >= CROSSING_FREQUENT
               for a in range(i + 1) for b in range(max(j, a + 2), len(written) + 1) if b - a > j - i)


def _crossed(text: str, a: int, b: int) -> bool:
    """Does a frequent word of the text overlap text[a:b] and reach beyond it?"""
    for i in range(max(0, a - 3), b):
        for j in range(max(i + 2, a + 1), min(len(text), i + 4) + 1):
            if (i < a or j > b) and lexicon.per_million(text[i:j]) >= CROSSING_FREQUENT:
                return True
    return False


@fact("spin-non-words")
def non_words(ctx) -> tuple[Candidate, ...]:
    """Every non-word of the text that an undone substitution turns into a frequent word the context
    prefers by NON_WORD_MARGIN at least."""
    known = spin.pairs(ctx.data)
    if not known.pieces:
        return ()
    # only the pieces beside a neighbour (spin.neighbours): an original holds a right string beside one
    pieces = ctx.fact("spin-occurrences")[1]
    if not pieces:
        return ()  # (the spans of the spinning hits are read for a piece only)
    text, found, out = ctx.text, spin.spans(ctx.hits), []
    for start, piece in pieces:
        end = start + len(piece)
        if spin.covered(found, start, end):
            continue
        best = None
        for a, b, original in _windows(text, start, end, _originals(ctx.data, known, piece)):
            margin = context.delta(text, a, b, original)
            if margin > NON_WORD_MARGIN and (best is None or margin > best.margin):
                best = Candidate(a, b, original, margin, margin >= NON_WORD_SIGN)
        if best:
            out.append(best)
    return tuple(out)


@check("spin-in-word", fields=("found", "fix", "margin", "need", "why"))
def spun_in_word(ctx, rule):
    for c in ctx.fact("spin-non-words"):
        ev = spin.section_at(ctx, c.start).evidence
        need = NON_WORD_MARGIN if ev.spun else NON_WORD_UNSPUN
        if c.margin > need:
            safe = c.sign and not lexicon.ever_written(ctx.text[c.start:c.end])
            yield spin.report(rule, ctx.text, c.start, c.end, c.right, c.margin, need, ev,
                              "safe" if safe else "unsafe")
