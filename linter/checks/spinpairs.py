"""The spinner pairs, one list: every spinning dictionary entry reduced to the words it differs in,
plus rules/spin-pairs.tsv.

A dictionary entry names a place where a spinner's swap is wrong (科学开展观→科学发展观,
平安消费→安全生产); the swap itself (发展→开展, 安全→平安, 生产→消费) may occur anywhere, so every pair
is scored in context (WL150). Entries whose difference is one character of the original and
whose wrong form is no word (原那么→原则: 则→那么) also teach a *substitution*: spinners that do not segment swap that character
inside any word, leaving strings that are no words (从体 for 主体, 沉点 for 重点).
"""
from __future__ import annotations

from collections import namedtuple

from wenlint import context
from wenlint.checks import lexicon

RESTORED_FREQUENT = 2.0  # per million: a word an undone substitution inside a word yields must be this frequent
TELLING_USE = 3.0  # per million words of general Chinese: a rare stand-in used less is evidence of a spinner
# (set on 7.8 M characters of clean news, 15,442 pieces of 3,000: at 3 none reads as spun, at 5 four do)


class Pairs(namedtuple("Pairs", "words rare telling pieces restores")):
    """``words``: wrong word -> right words; ``rare``: wrong words that formal prose seldom uses in their
    own sense (效劳, 摸索); ``telling``: the rare ones that Chinese of every register seldom uses too
    (效劳, not 广阔 or 到达, which news writes daily): only these mark a text as spun; ``pieces``:
    substitutions inside words, wrong piece -> right characters
    (平易近 -> 民, 沉 -> 重); ``restores``: the words of two to four characters, used RESTORED_FREQUENT
    times per million words, that hold a right character of a piece (人民, 重点): the only words an
    undone substitution may yield (a set, where looking up each candidate's frequency would be slow)."""

    __slots__ = ()


def reduce(wrong: str, right: str, is_word=lexicon.known) -> tuple[list[tuple[str, str]], tuple | None]:
    """The (right, wrong) word pairs an entry differs in, and its one-character substitution
    (right character, wrong piece) if the original differs in one character only.

    The differing part is widened to the shortest word of two or more characters around it
    (科学开展观/科学发展观 → 发展/开展; 原那么/原则 → 原则/原那么); a difference that spans two words of
    equal length on both sides also yields each word's pair (平安消费/安全生产 → 安全/平安, 生产/消费).
    """
    head = 0
    while head < min(len(wrong), len(right)) and wrong[head] == right[head]:
        head += 1
    tail = 0
    while tail < min(len(wrong), len(right)) - head and wrong[-1 - tail] == right[-1 - tail]:
        tail += 1
    r_diff, w_diff = right[head:len(right) - tail], wrong[head:len(wrong) - tail]
    if not r_diff or not w_diff:
        return [], None
    piece = (r_diff, w_diff) if len(r_diff) == 1 else None
    grow = len(wrong) - len(right)
    best = (right, wrong)
    for size in range(max(2, len(r_diff)), len(right) + 1):
        spans = [(i, i + size) for i in range(max(0, head + len(r_diff) - size), min(head, len(right) - size) + 1)]
        found = [(right[i:j], wrong[i:j + grow]) for i, j in spans if is_word(right[i:j])]
        if found:
            best = found[0]
            break
    out = [best]
    r, w = best
    if len(r) == len(w) >= 4:
        for k in range(2, len(r) - 1):
            halves = [(r[:k], w[:k]), (r[k:], w[k:])]
            if all(is_word(a) and a != b for a, b in halves):
                out += halves
                break
    return out, piece


def derive(entries, rows, without=frozenset(), rare_ratio: float = 0.05, rare_use: float = 10.0) -> Pairs:
    """The pairs from dictionary ``entries`` ((wrong, right) of every spinning substitution) and the
    list's ``rows`` ((right, wrong, own use)), except the (right, wrong) pairs ``without``.

    A derived wrong word counts as rare where formal prose uses it less than ``rare_use`` times per
    million words and less than ``rare_ratio`` times as often as its right word; the list says so
    explicitly ("rare"/"common")."""
    words: dict[str, list[str]] = {}
    pieces: dict[str, list[str]] = {}
    rare: set[str] = set()
    said: dict[str, str] = {}

    def add(table, wrong, right):
        if (right, wrong) not in without and right not in table.setdefault(wrong, []):
            table[wrong].append(right)

    for right, wrong, use in rows:
        said[wrong] = use
        add(pieces if len(right) == 1 else words, wrong, right)
    for wrong, right in entries:
        if any(w in wrong and r in right for r, w in without):
            continue
        pairs, piece = reduce(wrong, right)
        for r, w in pairs:  # a non-word made by a substitution inside a word is WL109's (原那么)
            if len(r) >= 2 and (piece is None or lexicon.known(w)):
                add(words, w, r)
        # only a swap that left a non-word (原那么) shows the spinner swapping inside words; a swap
        # between two words (坚决/坚定) says nothing about the character elsewhere
        if piece and not any(lexicon.known(w) for _, w in pairs) and piece[1] not in words:
            add(pieces, piece[1], piece[0])
    for wrong, rights in words.items():
        use = said.get(wrong)
        use_pm = lexicon.per_million(wrong)
        if use == "rare" or use is None and use_pm < rare_use and use_pm < rare_ratio * max(
                lexicon.per_million(r) for r in rights):
            rare.add(wrong)
    pieces = {w: tuple(r) for w, r in pieces.items() if r}
    restored = {r for rights in pieces.values() for r in rights}
    restores = frozenset(w for w in context.frequent_words(RESTORED_FREQUENT)
                         if 2 <= len(w) <= 4 and not restored.isdisjoint(w))
    telling = frozenset(w for w in rare if lexicon.general_per_million(w) < TELLING_USE)
    return Pairs({w: tuple(r) for w, r in words.items() if r}, frozenset(rare), telling, pieces, restores)
