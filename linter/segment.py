"""Word segmentation on small windows, with jieba loaded only when first needed."""
from __future__ import annotations

from functools import lru_cache

MARGIN = 8  # characters of context on each side of the span


@lru_cache(maxsize=1)
def tokenizer():
    """jieba's default tokenizer, initialised once, logging silenced.

    Its prefix dictionary (half a million words) comes from the user cache through
    :func:`wenlint.cache.cached`, grouped by first character as one string of bytes (quick to
    unmarshal and to check as plain data), and is read one group at a time (:class:`PrefixDict`),
    where a dict of half a million entries takes most of a second to build. ``pkg_resources``, which
    jieba tries first to find its files and which takes a tenth of
    a second to import, is hidden during the import: jieba then opens them by path."""
    import logging
    import sys

    hidden = "pkg_resources" not in sys.modules
    if hidden:
        sys.modules["pkg_resources"] = None  # makes `import pkg_resources` raise ImportError
    try:
        import jieba
    finally:
        if hidden:
            del sys.modules["pkg_resources"]

    from wenlint.cache import are_groups, cached, folder, pack_groups

    jieba.setLogLevel(logging.WARNING)
    dt = jieba.dt
    if folder() is None:
        dt.initialize()
        return dt
    from pathlib import Path

    def build():
        freq, total = dt.gen_pfdict(dt.get_dict_file())
        groups: dict[str, list[str]] = {}
        for word, count in freq.items():
            groups.setdefault(word[0], []).extend((word, str(count)))
        return pack_groups(groups, "\t"), total

    groups, dt.total = cached("jieba-prefix-dict", [Path(jieba.__file__).with_name("dict.txt")], build,
                              lambda v: type(v) is tuple and len(v) == 2 and are_groups(v[0]) and type(v[1]) is int)
    dt.FREQ = PrefixDict(groups)
    dt.initialized = True
    return dt


class PrefixDict:
    """jieba's prefix dictionary (word or prefix -> count; 0 for a prefix that is no word), read one
    first character at a time: building all half a million entries took most of jieba's load, and a
    window of text needs the words of a few dozen characters. jieba reads it with ``in``, ``[]`` and
    ``get`` only."""

    __slots__ = ("_groups", "_heads")

    def __init__(self, groups):
        self._groups, self._heads = groups, {}

    def _head(self, char: str) -> dict[str, int]:
        found = self._heads.get(char)
        if found is None:
            from wenlint.cache import unpack_group

            items = (unpack_group(self._groups, char) or "").split("\t")
            found = self._heads[char] = dict(zip(items[::2], map(int, items[1::2]))) if len(items) > 1 else {}
        return found

    def __contains__(self, word) -> bool:
        return bool(word) and word in self._head(word[0])

    def __getitem__(self, word: str) -> int:
        return self._head(word[:1])[word]

    def get(self, word: str, default=None):
        return self._head(word[0]).get(word, default) if word else default

    def items(self):
        """Every (word or prefix, count): for building derived tables."""
        for char in self._groups[1]:
            yield from self._head(char).items()


def _dict_file():
    """jieba's dictionary, found without importing jieba (which costs 50 ms)."""
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("jieba")
    return Path(spec.origin).with_name("dict.txt") if spec and spec.origin else None


@lru_cache(maxsize=1)
def _pairs():
    """The pairs of characters that stand side by side inside some word of jieba's dictionary, as a
    sorted array of ``ord(a) << 21 | ord(b)``, through the user cache (built once from the loaded
    dictionary, then read back in a millisecond); None where there is no cache to keep it in."""
    from array import array

    from wenlint.cache import cached, folder

    source = _dict_file()
    if folder() is None or source is None:
        return None

    def build():
        keys = {ord(w[i]) << 21 | ord(w[i + 1]) for w, f in tokenizer().FREQ.items() if f for i in range(len(w) - 1)}
        return array("Q", sorted(keys)).tobytes()

    data = cached("jieba-pairs", [source], build, lambda v: isinstance(v, bytes) and len(v) % 8 == 0)
    pairs = array("Q")
    pairs.frombytes(data)
    return pairs


def may_join(a: str, b: str) -> bool:
    """Could jieba put the characters ``a`` and ``b``, side by side, in one token? Only if some word
    of its dictionary holds them in a row (a token of two or more Chinese characters is a word of it),
    so for most pairs the answer needs no segmenter, and jieba is not loaded. True where unsure."""
    followers = _FOLLOWERS.get(a)
    if followers is None:
        followers = _FOLLOWERS[a] = _followers(a)
    return followers is True or b in followers


_FOLLOWERS: dict[str, frozenset | bool] = {}  # character -> the characters that follow it inside a word


def _followers(a: str) -> frozenset | bool:
    """The characters that follow ``a`` inside some word of jieba's dictionary (its block of the
    sorted pair table), or True (any) without a table."""
    pairs = _pairs()
    if pairs is None:
        return True
    from bisect import bisect_left

    lo = bisect_left(pairs, ord(a) << 21)
    hi = bisect_left(pairs, (ord(a) + 1) << 21, lo)
    return frozenset(chr(key & 0x1FFFFF) for key in pairs[lo:hi])


@lru_cache(maxsize=4096)  # a window of a few characters; a document repeats its headers and footers
def boundaries(text: str) -> frozenset[int]:
    """Offsets in ``text`` where jieba puts a word boundary."""
    out, pos = {0}, 0
    for token in tokenizer().cut(text, HMM=False):
        pos += len(token)
        out.add(pos)
    return frozenset(out)


def is_word(text: str, start: int, end: int) -> bool:
    """Does jieba, reading the window around it, segment ``text[start:end]`` as whole words?"""
    lo, hi = max(0, start - MARGIN), min(len(text), end + MARGIN)
    cuts = boundaries(text[lo:hi])
    return start - lo in cuts and end - lo in cuts
