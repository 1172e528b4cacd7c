"""Word segmentation on small windows, with jieba loaded only when first needed."""
from __future__ import annotations

from functools import lru_cache

MARGIN = 8  # characters of context on each side of the span


@lru_cache(maxsize=1)
def tokenizer():
    """jieba's default tokenizer, initialised once, logging silenced.

    Its prefix dictionary (half a million words) comes from the user cache through
    :func:`wenlint.cache.cached` as two flat values, the words joined by line breaks and their
    frequencies as machine integers: quick to unmarshal and to check as plain data, where a dict of
    half a million entries takes a second (jieba's own cache takes as long). ``pkg_resources``, which
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

    from wenlint.cache import cached, folder

    jieba.setLogLevel(logging.WARNING)
    dt = jieba.dt
    if folder() is None:
        dt.initialize()
        return dt
    from pathlib import Path

    from array import array

    def build():
        freq, total = dt.gen_pfdict(dt.get_dict_file())
        return "\n".join(freq), array("q", freq.values()).tobytes(), total

    words, counts, dt.total = cached("jieba-prefix-dict", [Path(jieba.__file__).with_name("dict.txt")], build)
    dt.FREQ = dict(zip(words.split("\n"), array("q", counts)))
    dt.initialized = True
    return dt


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
    pairs = _pairs()
    if pairs is None:
        return True
    from bisect import bisect_left

    key = ord(a) << 21 | ord(b)
    i = bisect_left(pairs, key)
    return i < len(pairs) and pairs[i] == key


def boundaries(text: str) -> set[int]:
    """Offsets in ``text`` where jieba puts a word boundary."""
    out, pos = {0}, 0
    for token in tokenizer().cut(text, HMM=False):
        pos += len(token)
        out.add(pos)
    return out


def is_word(text: str, start: int, end: int) -> bool:
    """Does jieba, reading the window around it, segment ``text[start:end]`` as whole words?"""
    lo, hi = max(0, start - MARGIN), min(len(text), end + MARGIN)
    cuts = boundaries(text[lo:hi])
    return start - lo in cuts and end - lo in cuts
