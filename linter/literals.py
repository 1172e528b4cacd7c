"""Many literal strings found in a text in one pass, with overlaps: Aho-Corasick (ahocorasick-rs) over
the text's UTF-16-LE code units.

ahocorasick-rs reads a ``str`` by encoding it to UTF-8 and mapping every match back to character
offsets; on Chinese text that costs more than the scan itself. In UTF-16 a character of the Basic
Multilingual Plane (every CJK character in use, and lone surrogates) is one code unit of two bytes, so
a byte offset halved is the character offset; the automaton also scans two bytes per Chinese character
instead of three. Only a text with characters beyond it (𠀀) maps offsets through their positions.
"""
from __future__ import annotations

from bisect import bisect_left

import ahocorasick_rs

from wenlint.patterns import rx

DFA_KEYS = 5000  # up to this many keys, a DFA: built in milliseconds, and it scans fastest
ASTRAL = "[\U00010000-\U0010FFFF]"  # the characters of two code units in UTF-16


class Literals:
    """An automaton of ``keys``; :meth:`find` gives (key number, start, end) of every occurrence."""

    def __init__(self, keys: list[str]):
        kind = ahocorasick_rs.Implementation
        self._automaton = ahocorasick_rs.BytesAhoCorasick(
            [k.encode("utf-16-le", "surrogatepass") for k in keys],
            implementation=kind.DFA if len(keys) <= DFA_KEYS else kind.ContiguousNFA)

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Every occurrence of a key, overlaps included, in character offsets, by end (as
        ahocorasick-rs's ``find_matches_as_indexes(text, overlapping=True)``). A match at an odd byte
        offset straddles two code units: it is no occurrence of the key in the text."""
        raw = text.encode("utf-16-le", "surrogatepass")
        found = self._automaton.find_matches_as_indexes(raw, overlapping=True)
        if len(raw) == 2 * len(text):  # every character is one code unit
            return [(k, start >> 1, end >> 1) for k, start, end in found if not start & 1]
        # a code unit offset u at a character boundary is character u - (wide characters before it);
        # the n-th wide character (n from 0) starts at code unit offset (its character offset) + n
        wide = [m.start() + n for n, m in enumerate(rx(ASTRAL).finditer(text))]
        return [(k, (start >> 1) - bisect_left(wide, start >> 1), (end >> 1) - bisect_left(wide, end >> 1))
                for k, start, end in found if not start & 1]
