"""Context scoring: does a replacement make the surrounding clause read better?

The model is a word trigram back-off table derived from fcitx5's zh_CN.lm
(tools/build_context_table.py; stored in linter/data/context.bin, read with mmap).
Without that file, jieba's unigram word frequencies stand in. Nothing loads at import.
"""
from __future__ import annotations

import bisect
import math
import mmap
import struct
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "context.bin"
_BOUNDARY = frozenset("。，、；：？！…—“”‘’「」『』（）《》〈〉【】,.;:?!()[]\"'\n\r\t ")
_REACH = 12  # characters of context on each side of the span, at most
_N = 1 << 18
_LONGEST = 7  # characters: the segmenter looks for no longer word (14 of the model's 165k are: names, idioms)


def _key(ids) -> int:
    """32-bit hash of a word-id tuple, the trigram key (as in tools/build_context_table.py)."""
    k = 0
    for i in ids:
        k = k * _N + i
    return ((k * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF) >> 32


class _Table:
    """The derived trigram table, scored with KenLM's back-off semantics."""

    name = "fcitx5 zh_CN word trigram table (derived, LGPL-2.1+)"

    def __init__(self, path: Path):
        with open(path, "rb") as f:
            self._mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        mv = memoryview(self._mm)
        if mv[:8] != b"WLCT1\0\0\0":
            raise ValueError(f"{path}: not a wenlint context table")
        n1, n2, n3, nv = struct.unpack_from("<4I", mv, 8)
        at = 24

        def take(n: int, fmt: str):
            nonlocal at
            size = n * struct.calcsize(fmt)
            part = mv[at:at + size].cast(fmt)
            at += size
            return part

        bins = take(768, "f").tolist()
        self._bp, self._bb, self._tp = bins[:256], bins[256:512], bins[512:]
        self._up, self._ub = take(n1, "f"), take(n1, "f")
        self._bs, self._bw = take(n1 + 1, "I"), take(n2, "I")
        self._bpi, self._bbi = take(n2, "B"), take(n2, "B")
        self._tk, self._tpi = take(n3, "I"), take(n3, "B")
        self._vocabulary = mv[at:at + nv]  # the words, "\0"-separated UTF-8, in id order
        # Building a dict of all 165k words takes longer than a small file's whole run: the words are
        # grouped by first character (once, in the user cache) and each group is read when first met.
        from wenlint.cache import are_groups, cached

        self._groups = cached("context-vocabulary", [path], self._group_words, are_groups)
        self._ids_by_head: dict[str, dict[str, int]] = {}

    @property
    def words(self) -> list[str]:
        """The model's vocabulary, in id order."""
        return self._vocabulary.tobytes().decode("utf-8").split("\0")

    def _group_words(self) -> tuple[bytes, dict[str, tuple[int, int]]]:
        from wenlint.cache import pack_groups

        groups: dict[str, list[str]] = {}
        for i, w in enumerate(self.words):
            if w:
                groups.setdefault(w[0], []).extend((w, str(i)))
        return pack_groups(groups, "\0")

    def _ids(self, head: str) -> dict[str, int]:
        """Word -> id, for the words that begin with ``head``."""
        ids = self._ids_by_head.get(head)
        if ids is None:
            from wenlint.cache import unpack_group

            group = unpack_group(self._groups, head)
            items = group.split("\0") if group else []
            ids = self._ids_by_head[head] = dict(zip(items[::2], map(int, items[1::2])))
        return ids

    def segment(self, clause: str) -> list[str]:
        """The most probable split of ``clause`` into the model's words (unigram best path:
        党和人民 → 党/和/人民). No separate segmenter is needed, so jieba never loads for scoring."""
        return self.units(clause)

    def units(self, token: str) -> list[str]:
        """The token if the model knows it, else its most probable split into known words."""
        if not token or token in self._ids(token[0]):
            return [token] if token else []
        n, up = len(token), self._up
        heads = [self._ids(c) for c in token]
        best: list[tuple[float, int]] = [(0.0, 0)] + [(-1e9, 0)] * n  # (score, start of last word)
        for j in range(1, n + 1):
            for i in range(max(0, j - _LONGEST), j):
                w = token[i:j]
                wid = heads[i].get(w)
                logp = up[wid] if wid is not None else (-20.0 if j - i == 1 else None)
                if logp is not None and best[i][0] + logp > best[j][0]:
                    best[j] = (best[i][0] + logp, i)
        out, j = [], n
        while j > 0:
            i = best[j][1]
            out.append(token[i:j])
            j = i
        return out[::-1]

    def _bigram(self, v: int, w: int) -> int:
        """Index of bigram "v w", or -1."""
        lo, hi = self._bs[w], self._bs[w + 1]
        i = bisect.bisect_left(self._bw, v, lo, hi)
        return i if i < hi and self._bw[i] == v else -1

    def _logp(self, u: int | None, v: int | None, w: int) -> float:
        if v is None:
            return self._up[w]
        b = self._bigram(v, w)
        c = self._bigram(u, v) if u is not None else -1
        if b >= 0 and c >= 0:
            t = bisect.bisect_left(self._tk, k := _key((u, v, w)))
            if t < len(self._tk) and self._tk[t] == k:
                return self._tp[self._tpi[t]]
        bo = self._bb[self._bbi[c]] if c >= 0 else 0.0
        return bo + (self._bp[self._bpi[b]] if b >= 0 else self._ub[v] + self._up[w])

    def score(self, units: list[str]) -> float:
        """log10 P(units), starting from an empty context (the model has no <s>/</s>)."""
        u = v = None
        total = 0.0
        for w in (self._ids(w[0]).get(w, 0) for w in units):
            total += self._logp(u, v, w)
            u, v = v, w
        return total


class _JiebaUnigram:
    """Fallback: jieba's dictionary frequencies as a unigram word model."""

    name = "jieba unigram word model (context table missing)"

    def __init__(self):
        from wenlint.segment import tokenizer

        self._tk = tokenizer()

    def units(self, token: str) -> list[str]:
        return [token]

    def segment(self, clause: str) -> list[str]:
        return self._tk.lcut(clause, HMM=False)

    def score(self, units: list[str]) -> float:
        return sum(math.log10((self._tk.FREQ.get(w) or 1) / self._tk.total) for w in units)


@lru_cache(maxsize=None)
def _model():
    return _Table(TABLE) if TABLE.exists() else _JiebaUnigram()


def model_name() -> str:
    """Short description of the scoring model, for ``wenlint --version``."""
    return _Table.name if TABLE.exists() else _JiebaUnigram.name


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    lo, hi = start, end
    while lo > 0 and start - lo < _REACH and text[lo - 1] not in _BOUNDARY:
        lo -= 1
    while hi < len(text) and hi - end < _REACH and text[hi] not in _BOUNDARY:
        hi += 1
    return lo, hi


def _score_with(model, clause: str) -> tuple[list[str], float]:
    """The clause's segmentation and its log10 probability."""
    units = model.segment(clause)
    return units, model.score(units)


@lru_cache(maxsize=8192)  # documents repeat their clauses, and a spinner its words
def _scored(clause: str) -> tuple[list[str], float]:
    return _score_with(_model(), clause)


def _compare(text: str, start: int, end: int, replacement: str, model=None):
    """((units, score) as written, (units, score) replaced) for the clause around the span, by the
    active model (or by ``model``, for tools/eval_context.py)."""
    lo, hi = _window(text, start, end)
    score = _scored if model is None else (lambda clause: _score_with(model, clause))
    return score(text[lo:hi]), score(text[lo:start] + replacement + text[end:hi])


def delta(text: str, start: int, end: int, replacement: str) -> float:
    """log10 P(clause with text[start:end] replaced) − log10 P(clause as written); > 0: the replacement reads better.

    The clause is bounded by sentence/clause punctuation and reaches at most 12 characters beyond
    the span on each side. fcitx's model has no sentence-boundary tokens (it was trained on
    punctuation-free fragments), so a clause is scored from an empty context.
    """
    (_, before), (_, after) = _compare(text, start, end, replacement)
    return after - before


def explain(text: str, start: int, end: int, replacement: str) -> str:
    """One line: both segmentations with their log10 scores, and the difference."""
    (old, before), (new, after) = _compare(text, start, end, replacement)
    return f"{'/'.join(old)} {before:.2f} → {'/'.join(new)} {after:.2f} (Δ {after - before:+.2f})"

