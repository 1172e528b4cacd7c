"""How often formal written Chinese uses a word: the lexicon the spinning rules consult.

Backed by the context model's formal-prose frequencies (``context.frequency``, which falls back to
jieba's dictionary counts when its table is missing). Loaded on first use only.
"""
from __future__ import annotations

from wenlint import context


def per_million(word: str) -> float:
    """Occurrences of ``word`` per million words of formal prose (0 for an unknown string)."""
    return context.frequency(word)


def known(word: str) -> bool:
    """Is ``word`` a word of the lexicon?"""
    return context.known(word)


def general_per_million(word: str) -> float:
    """Occurrences of ``word`` per million words of Chinese in every register (jieba's dictionary,
    counted over news and general text): where formal prose is silent on a word, is it still common?"""
    from wenlint.segment import tokenizer

    tk = tokenizer()
    return tk.FREQ.get(word, 0) * 1e6 / tk.total


def ever_written(word: str) -> bool:
    """Is ``word`` a word of Chinese at all (jieba's dictionary, every register)? A string that is not
    may be repaired safely."""
    from wenlint.segment import tokenizer

    return tokenizer().FREQ.get(word, 0) > 0
