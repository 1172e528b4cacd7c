"""The shipped index of damaged words (``rules/lookalike-index.tsv``) and finding its keys in a text.

A key is a string of 2-4 characters that is no word of jieba's dictionary but becomes one when one
character is swapped for its look-alike (纽织 → 组织, 老千部 → 老干部); a guard line (``=``) gives the
frequency of a two-character word as written with a table character (努力, 对于). The index is
built by ``tools/build_lookalike_index.py``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from wenlint.patterns import rx

TABLE = "lookalike.tsv"
GLYPH = "lookalike-glyph.tsv"
COMMON = "common-chars.txt"
INDEX = "lookalike-index.tsv"


def data(name: str) -> Path:
    from wenlint.packs import data_file

    return data_file(name)


def read_pairs(name: str = TABLE) -> dict[str, frozenset[str]]:
    """Character -> the characters a pair file of ``rules/`` confuses it with (symmetric)."""
    from wenlint.packs import data_lines

    out: dict[str, set[str]] = {}
    for line in data_lines(name):
        a, b = line.split("\t")[:2]
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def lookalikes() -> dict[str, frozenset[str]]:
    """Character -> the characters OCR confuses it with (symmetric), from ``rules/lookalike.tsv``."""
    return read_pairs(TABLE)


@lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    """The 8,105 characters of the 通用规范汉字表 (``rules/common-chars.txt``)."""
    from wenlint.packs import data_lines

    return frozenset("".join(data_lines(COMMON)))


@lru_cache(maxsize=1)
def glyph_pairs() -> dict[str, frozenset[str]]:
    """Character -> its look-alikes derived from glyph data (``rules/lookalike-glyph.tsv``)."""
    return read_pairs(GLYPH)


@lru_cache(maxsize=1)
def glyph_lookalikes() -> dict[str, frozenset[str]]:
    """The glyph pairs between two common characters that the hand table does not list."""
    common, hand = common_chars(), lookalikes()
    out = {}
    for a, others in glyph_pairs().items():
        if a in common:
            keep = frozenset(b for b in others if b in common and b not in hand.get(a, ()))
            if keep:
                out[a] = keep
    return out


@lru_cache(maxsize=1)
def _index_blocks() -> tuple[bytes, dict[str, tuple[int, int]]]:
    """The lines of the index grouped in blocks by the first character of the key ("=" and the
    first character of the word for guard lines): all blocks in one UTF-8 string, and where each
    block lies in it; through the user cache. A text needs only the blocks of the characters it
    holds, so a small file decodes and parses a few hundred lines, not the whole index."""
    from wenlint.cache import are_groups, cached, pack_groups

    def build():
        from wenlint.packs import data_lines

        blocks: dict[str, list[str]] = {}
        for line in data_lines(INDEX):
            blocks.setdefault("=" + line[2] if line[0] == "=" else line[0], []).append(line)
        return pack_groups(blocks, "\n")

    return cached("lookalike-index", [data(INDEX)], build, are_groups)


@lru_cache(maxsize=None)
def _block(head: str) -> str:
    """The lines of one block, decoded, each after a line break (a block holds a dozen lines on
    average: searching its text beats building a dict of it for the few look-ups a text makes)."""
    from wenlint.cache import unpack_group

    lines = unpack_group(_index_blocks(), head)
    return "\n" + lines if lines else ""


def _field(block: str, prefix: str) -> str | None:
    """The rest of the line of ``block`` that starts with ``prefix``, or None."""
    at = block.find("\n" + prefix)
    if at < 0:
        return None
    start = at + 1 + len(prefix)
    end = block.find("\n", start)
    return block[start:] if end < 0 else block[start:end]


@lru_cache(maxsize=1 << 16)  # a text meets the same keys again and again (对于部分: 于部)
def lookup(key: str) -> tuple[tuple[int, str, int], ...] | None:
    """(offset in the damaged key, character to swap in, frequency of the word it makes), ... or None."""
    raw = _field(_block(key[0]), key + "\t")
    return None if raw is None else tuple(entries(raw))


@lru_cache(maxsize=1 << 16)
def guard(word: str) -> int:
    """The frequency of a guard word (0 if it is none)."""
    found = _field(_block("=" + word[0]), f"=\t{word}\t") if word else None
    return int(found) if found else 0


def entries(raw: str) -> list[tuple[int, str, int]]:
    """The entries of one index line, parsed."""
    return [(int(s[0]), s[1], int(s[2:])) for s in raw.split("\t")]


def damaged_index() -> dict[str, list[tuple[int, str, int]]]:
    """Damaged word -> (offset in it, character to swap in, frequency of the word it makes), ..."""
    return {key: entries(raw) for head in _index_blocks()[1] if head[0] != "="
            for key, raw in (line.split("\t", 1) for line in _block(head)[1:].split("\n"))}


@lru_cache(maxsize=1)
def _table_chars():
    """The characters that stand misread in some key (through the user cache)."""
    from wenlint.cache import cached

    def build():
        return "".join(sorted({key[at] for key, found in damaged_index().items() for at, _, _ in found}))

    chars = cached("lookalike-chars", [data(INDEX)], build, lambda v: isinstance(v, str))
    return rx("[" + re.escape(chars) + "]")


def damaged(text: str, whole_pass: bool):
    """(offset, key) of every occurrence of an index key in the text: in one automaton pass (worth
    building once a linter has read enough: CheckData.worth_building; it leaves out the keys that
    hold a key which makes the same swaps, :func:`_covered`), or around each table character
    (4.6 µs each; building the automaton takes a tenth of a second)."""
    if whole_pass:
        automaton, keys = _automaton()
        for k, start, _ in automaton.find(text):
            yield start, keys[k]
        return
    prev = -1  # short texts: look around each table character, at the windows not read before
    for m in _table_chars().finditer(text):
        i = m.start()
        for lo in range(max(0, i - 3, prev + 1), i + 1):  # one starting at or before prev covers prev too
            block = _block(text[lo])
            if block:
                for n in (2, 3, 4):
                    if i < lo + n <= len(text) and _field(block, text[lo:lo + n] + "\t") is not None:
                        yield lo, text[lo:lo + n]
        prev = i


@lru_cache(maxsize=1)
def _automaton():
    """An Aho-Corasick automaton of the index keys but those :func:`_covered` (:mod:`wenlint.literals`),
    and the keys by number. It cannot be pickled, so it is built in each process that needs it (80 ms
    for the 29,000 keys, 110 for all 45,000); the keys come from the user cache, one string."""
    from wenlint.cache import cached
    from wenlint.literals import Literals

    def build():
        index = damaged_index()
        return "\n".join(key for key, found in index.items() if not _covered(index, key, found))

    keys = cached("lookalike-keys", [data(INDEX)], build, lambda v: isinstance(v, str)).split("\n")
    return Literals(keys), keys


def _covered(index: dict, key: str, found: list) -> bool:
    """Does each entry of ``key`` come with a key inside it, at least as frequent, that swaps the same
    character for the same one (老千部 → 老干部: 千部 → 干部)? Where ``key`` occurs that key does too,
    so the automaton need not look for ``key``: :func:`candidates` keeps the largest frequency of each
    swap, which ``key`` cannot raise."""
    return all(any(at2 == at - a and right2 == right and freq2 >= freq
                   for a in range(at + 1) for b in range(max(at + 1, a + 2), len(key) + 1) if b - a < len(key)
                   for at2, right2, freq2 in index.get(key[a:b], ()))
               for at, right, freq in found)
