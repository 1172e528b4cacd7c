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
