"""Many literal strings found in a text in one pass, with overlaps: Aho-Corasick (ahocorasick-rs) over
the text's UTF-8 bytes.

ahocorasick-rs reads a ``str`` by encoding it and mapping every match back to character offsets; on
Chinese text that costs more than the scan itself. Here only the end of each match is mapped back,
walking forward: an overlapping scan reports matches by their end, and a key's length in characters
gives the start.
"""
from __future__ import annotations

import ahocorasick_rs

DFA_KEYS = 5000  # up to this many keys, a DFA: built in milliseconds, and it scans fastest


class Literals:
    """An automaton of ``keys``; :meth:`find` gives (key number, start, end) of every occurrence."""

    def __init__(self, keys: list[str]):
        kind = ahocorasick_rs.Implementation
        self._lengths = [len(k) for k in keys]
        self._automaton = ahocorasick_rs.BytesAhoCorasick(
            [k.encode("utf-8", "surrogatepass") for k in keys],
            implementation=kind.DFA if len(keys) <= DFA_KEYS else kind.ContiguousNFA)

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Every occurrence of a key, overlaps included, in character offsets, by end (as
        ahocorasick-rs's ``find_matches_as_indexes(text, overlapping=True)``)."""
        raw = text.encode("utf-8", "surrogatepass")
        lengths, out = self._lengths, []
        at = chars = 0  # a byte offset and the characters before it
        for k, _, end in self._automaton.find_matches_as_indexes(raw, overlapping=True):
            if end != at:
                if end > at:
                    chars += len(raw[at:end].decode("utf-8", "surrogatepass"))
                else:  # not by end after all: count from the start
                    chars = len(raw[:end].decode("utf-8", "surrogatepass"))
                at = end
            out.append((k, chars - lengths[k], chars))
        return out
