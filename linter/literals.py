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

DFA_KEYS = 5000  # up to this many keys, a DFA once it pays: it scans fastest
DFA_FROM = 300_000  # characters an automaton has scanned from which its DFA pays: for 600 keys the DFA
# takes 7 ms to build and 3 ms per MB to scan, the NFA 1.5 ms and 8 (the same matches, in the same order)
ASTRAL = "[\U00010000-\U0010FFFF]"  # the characters of two code units in UTF-16

SEPARATOR = "\n".encode("utf-16-le")  # 0A 00: no two occurrences of it can overlap


def _encoded(keys: list[str]) -> list[bytes]:
    """The UTF-16-LE bytes of each key, from one encoding of them all split at the separators put
    between them, when those are all the separators it holds (a key with a line break, or a code unit
    ending in 0A before one starting with 00, adds one): many times quicker than a call a key."""
    joined = "\n".join(keys).encode("utf-16-le", "surrogatepass")
    if joined.count(SEPARATOR) == len(keys) - 1:
        return joined.split(SEPARATOR)
    return [k.encode("utf-16-le", "surrogatepass") for k in keys]


class Literals:
    """An automaton of ``keys``; :meth:`find` gives (key number, start, end) of every occurrence.
    It is built when first used: an NFA, and a DFA once DFA_FROM characters have been read."""

    def __init__(self, keys: list[str]):
        self._keys = _encoded(keys)
        self._automaton, self._kind = None, None
        self._read = 0

    def _for(self, n: int):
        """The automaton to scan ``n`` more characters with."""
        self._read += n
        kind = ahocorasick_rs.Implementation
        wanted = kind.DFA if len(self._keys) <= DFA_KEYS and self._read >= DFA_FROM else kind.ContiguousNFA
        if wanted != self._kind:
            self._automaton = ahocorasick_rs.BytesAhoCorasick(self._keys, implementation=wanted)
            self._kind = wanted
        return self._automaton

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Every occurrence of a key, overlaps included, in character offsets, by end (as
        ahocorasick-rs's ``find_matches_as_indexes(text, overlapping=True)``). A match at an odd byte
        offset straddles two code units: it is no occurrence of the key in the text."""
        raw = _units(text)
        found = self._for(len(text)).find_matches_as_indexes(raw, overlapping=True)
        if len(raw) == 2 * len(text):  # every character is one code unit
            return [(k, start >> 1, end >> 1) for k, start, end in found if not start & 1]
        # a code unit offset u at a character boundary is character u - (wide characters before it);
        # the n-th wide character (n from 0) starts at code unit offset (its character offset) + n
        wide = [m.start() + n for n, m in enumerate(rx(ASTRAL).finditer(text))]
        return [(k, (start >> 1) - bisect_left(wide, start >> 1), (end >> 1) - bisect_left(wide, end >> 1))
                for k, start, end in found if not start & 1]


_last: tuple[str, bytes] = ("", b"")  # the text read last and its code units


def _units(text: str) -> bytes:
    """The text's UTF-16-LE code units: encoded once for the several automata that read one text (the
    dictionaries', the spinning scanner's, the look-alike index's; 30 ms for 20 MB each). The last
    text's are kept, until another is read (one tuple: threads that share a linter read it whole)."""
    global _last
    last = _last
    if last[0] is not text:
        last = _last = (text, text.encode("utf-16-le", "surrogatepass"))
    return last[1]


FEW = 4  # strings counted one ``str.count`` at a time: a scan of the text each


def counts(strings, text: str) -> dict[str, int]:
    """``{s: text.count(s)}`` for each of ``strings`` (their occurrences that do not overlap, taken
    from the left), in one scan of the text for more than FEW of them."""
    keys = sorted(set(strings))
    if len(keys) <= FEW:
        return {s: text.count(s) for s in keys}
    found, ends = dict.fromkeys(keys, 0), dict.fromkeys(keys, 0)
    for k, start, end in Literals(keys).find(text):  # by end: each key's occurrences in order
        if start >= ends[keys[k]]:
            found[keys[k]] += 1
            ends[keys[k]] = end
    return found
