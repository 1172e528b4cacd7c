"""How often formal written Chinese uses a word: the lexicon the spinning rules consult.

Backed by the context model's formal-prose frequencies where it offers them (``context.frequency``),
else by jieba's dictionary counts (news and official prose). Loaded on first use only.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _source():
    from wenlint import context

    if hasattr(context, "frequency") and hasattr(context, "known"):
        return context.frequency, context.known
    from wenlint.segment import tokenizer

    tk = tokenizer()
    freq, scale = tk.FREQ, 1e6 / tk.total
    return (lambda w: freq.get(w, 0) * scale), (lambda w: freq.get(w, 0) > 0)


def per_million(word: str) -> float:
    """Occurrences of ``word`` per million words of formal prose (0 for an unknown string)."""
    return _source()[0](word)


def known(word: str) -> bool:
    """Is ``word`` a word of the lexicon?"""
    return _source()[1](word)


def ever_written(word: str) -> bool:
    """Is ``word`` a word of Chinese at all (jieba's dictionary, every register)? A string that is not
    may be repaired safely."""
    from wenlint.segment import tokenizer

    return tokenizer().FREQ.get(word, 0) > 0
