"""Word segmentation on small windows, with jieba loaded only when first needed."""
from __future__ import annotations

from functools import lru_cache

MARGIN = 8  # characters of context on each side of the span


@lru_cache(maxsize=1)
def tokenizer():
    """jieba's default tokenizer, initialised once, logging silenced (its cache goes to the user cache)."""
    import logging

    import jieba

    from wenlint.cache import folder

    jieba.setLogLevel(logging.WARNING)
    cache = folder()
    try:
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
            jieba.dt.tmp_dir = str(cache)
    except OSError:
        pass
    jieba.dt.initialize()
    return jieba.dt


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
