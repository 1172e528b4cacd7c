"""The model of formal written Chinese: does a replacement make its clause read better?

The model is a word trigram table (modified Kneser-Ney, in back-off form) built from the training
part of the formal corpus by tools/build_formal_model.py, stored in linter/data/context.bin and read
with mmap. It also knows how often formal prose uses each word, and, for its frequent words, which
other words share their contexts. Without the file, jieba's unigram word frequencies stand in.
Nothing loads at import.

The API (used by the spinning, OCR and dictionary rules):
- ``delta(text, start, end, replacement)``: log10 gain of the clause when ``text[start:end]`` is replaced;
- ``explain(...)``: the same, as one line with both segmentations;
- ``frequency(word)``: occurrences per million words of formal prose (0.0 for an unknown string);
- ``known(word)``: is the string a word of formal prose (seen at least ``KNOWN`` per million words)?
- ``is_word(word)``: is it a word at all: of formal prose, of jieba's dictionary, or a single character
  seen (苦干 is a word, but not one of formal prose: never take a word formal prose lacks for damage);
- ``neighbours(word)``: the frequent words that share the most contexts with it, most similar first;
- ``variants(word)``: the words of formal prose that differ from it in one character, most frequent first;
- ``frequent_words(min_frequency)``: the words of formal prose used at least that often, most frequent first;
- ``model_name()``: what the model is, for ``wenlint --version``.

Table layout (little-endian; ``tools/build_formal_model.py`` writes it):
  b"WLCT2\\0\\0\\0"; uint32 n1 words, n2 bigrams, n3 trigrams, vocabulary bytes, name bytes,
  neighbour rows R, neighbours per row K, 0
  float32 bigram-logp bins[256], bigram-backoff bins[256], trigram-logp bins[256]
  float32 unigram logp[n1], unigram backoff[n1]
  uint32  bigram start[n1+1]: bigrams "v w" grouped by w at [start[w], start[w+1]); uint32 v[n2],
          sorted in each group; uint8 logp bin[n2], backoff bin[n2]
  uint32  trigram key[n3] (``ngram_key``), sorted; uint8 logp bin[n3]
  float32 frequency per million words[n1]
  uint32  neighbour ids[R*K] of words 0..R-1 (the most frequent: ids are by frequency); uint8 cosine*255[R*K]
  utf-8   model name; the vocabulary, NUL-separated (word i has id i; 0 <unk>, 1 <s>, 2 </s>; then
          formal prose's words by frequency; then jieba's words that formal prose lacks, frequency 0)
"""
from __future__ import annotations

import bisect
import math
import mmap
import struct
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "context.bin"
MAGIC = b"WLCT2\0\0\0"
_BOUNDARY = frozenset("。，、；：？！…—“”‘’「」『』（）《》〈〉【】,.;:?!()[]\"'\n\r\t ")
_ENDS = frozenset("。！？；!?;\n\r")  # sentence ends: the model reads <s> after and </s> before them
_REACH = 12  # characters of context on each side of the span, at most
_LONGEST = 7  # characters: the segmenter looks for no longer word
KNOWN = 0.1  # occurrences per million words: a string formal prose uses this often is a word of it
KEPT_NGRAMS = 1 << 17  # n-gram probabilities kept at most (some 20 MB), then forgotten at once
N = 1 << 18  # word-id radix of n-gram keys (the vocabulary has fewer words)
UNK, BOS, EOS = 0, 1, 2


def ngram_key(ids) -> int:
    """32-bit hash of a word-id tuple: the trigram key (the builder imports this very function)."""
    k = 0
    for i in ids:
        k = k * N + i
    return ((k * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF) >> 32


class _Table:
    """The trigram table, scored with back-off semantics."""

    def __init__(self, path: Path):
        self._path = path
        with open(path, "rb") as f:
            self._mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        mv = memoryview(self._mm)
        if mv[:8] != MAGIC:
            raise ValueError(f"{path}: not a wenlint context table")
        n1, n2, n3, nv, nname, rows, k, _ = struct.unpack_from("<8I", mv, 8)
        at = 40

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
        self._freq = take(n1, "f")
        self._nb, self._nbs, self._k = take(rows * k, "I"), take(rows * k, "B"), k
        self._rows = rows
        self.name = mv[at:at + nname].tobytes().decode("utf-8")
        self._vocabulary = mv[at + nname:at + nname + nv]
        self._words: list[str] | None = None
        self._by_pattern: dict[str, list[int]] | None = None
        # Building a dict of all the words takes longer than a small file's whole run: the words are
        # grouped by first character (once, in the user cache) and each group is read when first met.
        from wenlint.cache import are_groups, cached

        self._groups = cached("context-vocabulary", [path], self._group_words, are_groups)
        self._known: dict[tuple, float] = {}  # (u, v, w) -> log10 P(w | u v), as looked up (score)
        self._ids_by_head: dict[str, dict[str, int]] = {}
        self._reach: dict[str, dict[str, int]] = {}  # filled with each head's words (_ids)

    @property
    def words(self) -> list[str]:
        """The model's vocabulary, in id order."""
        if self._words is None:
            self._words = self._vocabulary.tobytes().decode("utf-8").split("\0")
        return self._words

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
            reach = self._reach[head] = {}  # second character -> the longest word starting head + it
            for w in ids:
                if _LONGEST >= len(w) > reach.get(w[1:2], 1):
                    reach[w[1]] = len(w)
        return ids

    def id(self, word: str) -> int:
        """The word's id (``UNK``, 0, for a string the model does not know)."""
        if not word:
            return UNK
        ids = self._ids_by_head.get(word[0])
        return (ids if ids is not None else self._ids(word[0])).get(word, UNK)

    def is_word(self, word: str) -> bool:
        return self.id(word) > EOS

    def frequency(self, word: str) -> float:
        i = self.id(word)
        return self._freq[i] if i > EOS else 0.0

    def neighbours(self, word: str) -> list[tuple[str, float]]:
        i = self.id(word)
        if not EOS < i < self._rows:
            return []
        k, words = self._k, self.words
        return [(words[j], self._nbs[n] / 255) for n in range(i * k, i * k + k) if (j := self._nb[n]) > EOS]

    def variants(self, word: str, min_frequency: float) -> list[str]:
        if self._by_pattern is None:
            from wenlint.cache import cached

            self._by_pattern = cached("context-variants", [self._path], self._patterns)
        found = {i for j in range(len(word)) for i in self._by_pattern.get(f"{word[:j]}\0{word[j + 1:]}", ())}
        found.discard(self.id(word))
        return [self.words[i] for i in sorted(found) if self._freq[i] >= min_frequency]  # ids are by frequency

    def frequent_words(self, min_frequency: float) -> list[str]:
        n = EOS + 1
        while n < len(self._freq) and self._freq[n] >= min_frequency:  # ids are by frequency
            n += 1
        return self.words[EOS + 1:n]

    def _patterns(self) -> dict[str, list[int]]:
        """"主\0" -> ids of the known words 主X (and so on for each character of each word)."""
        by: dict[str, list[int]] = {}
        for i, (w, f) in enumerate(zip(self.words[EOS + 1:], self._freq.tolist()[EOS + 1:]), EOS + 1):
            if f < KNOWN:
                break  # ids are by frequency
            for j in range(len(w) if len(w) > 1 else 0):
                by.setdefault(f"{w[:j]}\0{w[j + 1:]}", []).append(i)
        return by

    def segment(self, clause: str) -> list[str]:
        """The most probable split of ``clause`` into the model's words (unigram best path:
        党和人民 → 党/和/人民). No separate segmenter is needed, so jieba never loads for scoring."""
        return self.units(clause)

    def units(self, token: str) -> list[str]:
        """The token if the model knows it, else its most probable split into known words (a best
        path, left to right: a word is tried only as long as the longest known word that starts with
        its first two characters)."""
        if not token:
            return []
        ids_of = self._ids
        if token in ids_of(token[0]):
            return [token]
        n, up, reach, loaded = len(token), self._up, self._reach, self._ids_by_head
        score = [0.0] + [-1e9] * n
        back = [0] * (n + 1)  # start of the last word of the best path to each position
        for i, c in enumerate(token):
            heads, s = loaded.get(c), score[i]
            if heads is None:
                heads = ids_of(c)
            wid = heads.get(c)
            v = s + (up[wid] if wid is not None else -20.0)  # an unknown character costs 10^-20
            if v > score[i + 1]:
                score[i + 1], back[i + 1] = v, i
            if i + 1 < n:
                for j in range(i + 2, min(n, i + reach[c].get(token[i + 1], 0)) + 1):
                    wid = heads.get(token[i:j])
                    if wid is not None and s + up[wid] > score[j]:
                        score[j], back[j] = s + up[wid], i
        out, j = [], n
        while j > 0:
            i = back[j]
            out.append(token[i:j])
            j = i
        return out[::-1]

    def _bigram(self, v: int, w: int) -> int:
        """Index of bigram "v w", or -1."""
        lo, hi = self._bs[w], self._bs[w + 1]
        i = bisect.bisect_left(self._bw, v, lo, hi)
        return i if i < hi and self._bw[i] == v else -1

    def _logp(self, u: int | None, v: int | None, w: int) -> float:
        if v is None or w == UNK:  # <unk>'s n-grams pool every rare string: they say nothing of this one
            return self._up[w]
        b = self._bigram(v, w)
        c = self._bigram(u, v) if u is not None else -1
        if b >= 0 and c >= 0:
            t = bisect.bisect_left(self._tk, k := ngram_key((u, v, w)))
            if t < len(self._tk) and self._tk[t] == k:
                return self._tp[self._tpi[t]]
        bo = self._bb[self._bbi[c]] if c >= 0 else 0.0
        return bo + (self._bp[self._bpi[b]] if b >= 0 else self._ub[v] + self._up[w])

    def score(self, units: list[str]) -> float:
        """log10 P(units); a leading <s> is the context of the first word, not scored itself. Each
        n-gram's probability is kept once looked up (a clause and its repair share most of theirs)."""
        u = v = None
        total = 0.0
        known = self._known
        for n, w in enumerate(map(self.id, units)):
            if n or w != BOS:
                p = known.get((u, v, w))
                if p is None:
                    if len(known) >= KEPT_NGRAMS:
                        known.clear()
                    p = known[u, v, w] = self._logp(u, v, w)
                total += p
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

    def is_word(self, word: str) -> bool:
        return bool(self._tk.FREQ.get(word))

    def frequency(self, word: str) -> float:
        return (self._tk.FREQ.get(word) or 0) / self._tk.total * 1e6

    def neighbours(self, word: str) -> list[tuple[str, float]]:
        return []

    def variants(self, word: str, min_frequency: float) -> list[str]:
        return []

    def frequent_words(self, min_frequency: float) -> list[str]:
        least = min_frequency * self._tk.total / 1e6
        return sorted((w for w, f in self._tk.FREQ.items() if f and f >= least), key=lambda w: -self._tk.FREQ[w])

    def score(self, units: list[str]) -> float:
        return sum(math.log10((self._tk.FREQ.get(w) or 1) / self._tk.total) for w in units if w not in ("<s>", "</s>"))


@lru_cache(maxsize=None)
def _model():
    return _Table(TABLE) if TABLE.exists() else _JiebaUnigram()


def model_name() -> str:
    """Short description of the scoring model, for ``wenlint --version``."""
    return _model().name


def frequency(word: str) -> float:
    """How often formal prose uses ``word``: occurrences per million words (0.0 if never)."""
    return _model().frequency(word)


def known(word: str) -> bool:
    """Is ``word`` a word of formal prose (used at least ``KNOWN`` times per million words)?"""
    return _model().frequency(word) >= KNOWN


def is_word(word: str) -> bool:
    """Is ``word`` in the model's vocabulary: formal prose's words and single characters, and the
    words of jieba's dictionary that formal prose lacks (苦干)?"""
    return _model().is_word(word)


def neighbours(word: str) -> list[tuple[str, float]]:
    """Frequent words of formal prose that occur in the same contexts as ``word`` (the words two
    before to two after), with their cosine similarity (0..1), most similar first; [] for a word
    outside the model's frequent vocabulary. Candidate originals for a stand-in nobody listed."""
    return _model().neighbours(word)


def variants(word: str, min_frequency: float = 1.0) -> list[str]:
    """Words of formal prose as long as ``word`` that differ from it in one character (主体 for 从体,
    重点 for 沉点), used at least ``min_frequency`` times per million words, most frequent first."""
    return _model().variants(word, min_frequency)


def frequent_words(min_frequency: float) -> list[str]:
    """The words of formal prose used at least ``min_frequency`` times per million words, most
    frequent first."""
    return _model().frequent_words(min_frequency)


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    lo, hi = start, end
    while lo > 0 and start - lo < _REACH and text[lo - 1] not in _BOUNDARY:
        lo -= 1
    while hi < len(text) and hi - end < _REACH and text[hi] not in _BOUNDARY:
        hi += 1
    return lo, hi


def _edges(text: str, lo: int, hi: int) -> tuple[str, str]:
    """What the model reads before and after the clause text[lo:hi]: <s>/</s> at a sentence end,
    the punctuation mark that bounds it, or nothing where the window was cut short."""
    before = "<s>" if lo == 0 or text[lo - 1] in _ENDS else text[lo - 1] if text[lo - 1] in _BOUNDARY else ""
    after = "</s>" if hi == len(text) or text[hi] in _ENDS else text[hi] if text[hi] in _BOUNDARY else ""
    return before.strip(), after.strip()


def _score_with(model, before: str, clause: str, after: str) -> tuple[list[str], float]:
    """The clause's segmentation, with its edges, and its log10 probability."""
    units = [before] * bool(before) + model.segment(clause) + [after] * bool(after)
    return units, model.score(units)


@lru_cache(maxsize=8192)  # documents repeat their clauses, and a spinner its words
def _scored(before: str, clause: str, after: str) -> tuple[list[str], float]:
    return _score_with(_model(), before, clause, after)


def _compare(text: str, start: int, end: int, replacement: str, model=None):
    """((units, score) as written, (units, score) replaced) for the clause around the span, by the
    active model (or by ``model``, for tools/eval_context.py)."""
    lo, hi = _window(text, start, end)
    before, after = _edges(text, lo, hi)
    score = _scored if model is None else (lambda *parts: _score_with(model, *parts))
    return (score(before, text[lo:hi], after),
            score(before, text[lo:start] + replacement + text[end:hi], after))


def delta(text: str, start: int, end: int, replacement: str) -> float:
    """log10 P(clause with text[start:end] replaced) − log10 P(clause as written); > 0: the replacement reads better.

    The clause is bounded by clause punctuation and reaches at most 12 characters beyond the span on
    each side; it is read after <s> (or the punctuation mark before it) and up to </s> (or the mark after it).
    """
    (_, before), (_, after) = _compare(text, start, end, replacement)
    return after - before


def explain(text: str, start: int, end: int, replacement: str) -> str:
    """One line: both segmentations with their log10 scores, and the difference."""
    (old, before), (new, after) = _compare(text, start, end, replacement)
    return f"{'/'.join(old)} {before:.2f} → {'/'.join(new)} {after:.2f} (Δ {after - before:+.2f})"
