"""The model of formal written Chinese: does a replacement make its clause read better?

The model is a word trigram table (modified Kneser-Ney, in back-off form) built from the training
part of the formal corpus by tools/build_formal_model.py, stored in linter/data/context.bin and read
with mmap. It also knows how often formal prose uses each word, and, for its frequent words, which
other words share their contexts. Without the file, jieba's unigram word frequencies stand in.
Nothing loads at import.

The API (used by the spinning, OCR and dictionary rules):
- ``delta(text, start, end, replacement)``: log10 gain of the clause when ``text[start:end]`` is replaced;
- ``at_least(text, start, end, replacement, floor)``: the same if it is at least ``floor``, else None (quicker);
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
import re
import struct
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "context.bin"
MAGIC = b"WLCT2\0\0\0"
_BOUNDARY = frozenset("。，、；：？！…—“”‘’「」『』（）《》〈〉【】,.;:?!()[]\"'\n\r\t ")
_RUN = re.compile("[^%s]*" % re.escape("".join(sorted(_BOUNDARY))))
_LAST = re.compile("(?s:.*)[%s]" % re.escape("".join(sorted(_BOUNDARY))))
_ENDS = frozenset("。！？；!?;\n\r")  # sentence ends: the model reads <s> after and </s> before them
_BEFORE = {c: "<s>" if c in _ENDS else c.strip() for c in _BOUNDARY | _ENDS}  # a boundary -> what is read
_AFTER = {c: "</s>" if c in _ENDS else c.strip() for c in _BOUNDARY | _ENDS}
_REACH = 12  # characters of context on each side of the span, at most
_LONGEST = 7  # characters: the segmenter looks for no longer word
KNOWN = 0.1  # occurrences per million words: a string formal prose uses this often is a word of it
KEPT_NGRAMS = 1 << 17  # n-gram probabilities kept at most (some 20 MB), then forgotten at once
BITS = 18
N = 1 << BITS  # word-id radix of n-gram keys (the vocabulary has fewer words)
MASK, MASK2 = N - 1, N * N - 1
UNK, BOS, EOS = 0, 1, 2
NONE = N - 1  # no word (before the first): an id no word has


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
        self._tk, self._tpi, self._n3 = take(n3, "I"), take(n3, "B"), n3
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

        self._groups, ids = cached("context-vocabulary", [path], self._group_words,
                                   lambda v: type(v) is tuple and len(v) == 2 and are_groups(v[0])
                                   and type(v[1]) is bytes and len(v[1]) % 4 == 0)
        self._group_ids = memoryview(ids).cast("i")
        self._ids_by_head: dict[str, dict[str, int]] = {}
        self._chars: dict[str, tuple] = {}  # character -> _char(character)
        self._known: dict[int, float] = {}  # trigram -> log10 P(w | u v), as looked up (_total)
        self._pairs: dict[int, int] = {}  # v·N + w -> index of bigram "v w" or -1, as looked up (_bigram)
        self._ceiling: float | None = None  # ceiling(), once asked for

    @property
    def words(self) -> list[str]:
        """The model's vocabulary, in id order."""
        if self._words is None:
            self._words = self._vocabulary.tobytes().decode("utf-8").split("\0")
        return self._words

    def _group_words(self) -> tuple[tuple[bytes, dict[str, tuple[int, int]]], bytes]:
        """The words of each first character, and the prefixes (2 to 6 characters) of its words of
        up to ``_LONGEST`` that are no word, as groups (``pack_groups``) whose first item is where
        their ids start in the second value (int32, -1 for a prefix)."""
        from array import array

        from wenlint.cache import pack_groups

        heads: dict[str, dict[str, int]] = {}
        for i, w in enumerate(self.words):
            if w:
                heads.setdefault(w[0], {})[w] = i
        for w in self.words:
            if 2 < len(w) <= _LONGEST:
                group = heads[w[0]]
                for k in range(2, len(w)):
                    if w[:k] not in group:
                        group[w[:k]] = -1
        groups, ids = {}, []
        for head, group in heads.items():
            groups[head] = [str(len(ids)), *group]
            ids.extend(group.values())
        return pack_groups(groups, "\0"), array("i", ids).tobytes()

    def _ids(self, head: str) -> dict[str, int]:
        """Word -> id for the words that begin with ``head``, and prefix -> -1 for the prefixes of
        its words that are no word (a best path tries a longer word only after its prefix)."""
        ids = self._ids_by_head.get(head)
        if ids is None:
            from wenlint.cache import unpack_group

            group = unpack_group(self._groups, head)
            items = group.split("\0") if group else ["0"]
            words = iter(items)
            start = int(next(words))
            ids = self._ids_by_head[head] = dict(zip(words, self._group_ids[start:start + len(items) - 1].tolist()))
        return ids

    def id(self, word: str) -> int:
        """The word's id (``UNK``, 0, for a string the model does not know)."""
        if not word:
            return UNK
        ids = self._ids_by_head.get(word[0])
        i = (ids if ids is not None else self._ids(word[0])).get(word, UNK)
        return i if i >= 0 else UNK

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

    def read(self, before: str, clause: str, after: str, like: tuple | None = None, same: int = 0,
             total: bool = True) -> tuple:
        """(units, log10 probability, best path, word ids) of the clause with its edges; None for the
        probability unless ``total`` (:meth:`complete` adds it). ``like``: the reading of a clause whose
        first ``same`` characters are this one's (its best path is resumed there). Tuples, all of
        them: a kept reading holds nothing the garbage collector must go through."""
        units, ids, path = self._split(clause, like[2] if like is not None else None, same)
        if before:
            units.insert(0, before)
            ids.insert(0, self.id(before))
        if after:
            units.append(after)
            ids.append(self.id(after))
        ids = tuple(ids)
        return tuple(units), self._total(ids) if total else None, path, ids

    def complete(self, reading: tuple) -> tuple:
        """The reading with its log10 probability."""
        units, _, path, ids = reading
        return units, self._total(ids), path, ids

    def gain(self, old: tuple, new: tuple, floor: float = -math.inf) -> tuple[float, bool]:
        """``_total(new) - _total(old)`` but for rounding, from the terms where the two word-id
        sequences differ: the n-grams of words they start with, and those of the words they end
        with but the first two (whose context reaches back into the difference), are the same
        terms in both; and whether it is that, not a bound above it below ``floor`` (``_terms``)."""
        n = min(len(old), len(new))
        start = 0
        while start < n and old[start] == new[start]:
            start += 1
        end = 0  # words in common at the end, after the common start
        while end < n - start and old[-1 - end] == new[-1 - end]:
            end += 1
        base, _ = self._terms(old, start, len(old) - end + 2)
        total, whole = self._terms(new, start, len(new) - end + 2, base + floor)
        return total - base, whole

    def _terms(self, ids: tuple, lo: int, hi: int, need: float = -math.inf) -> tuple[float, bool]:
        """The sum of the terms of ``_total(ids)`` for the words ids[lo:hi] (their contexts as there),
        and True; or, once the terms still to come (none above ``ceiling``) cannot bring it up to
        ``need``, a bound above it below ``need``, and False."""
        if not lo and ids and ids[0] == BOS:
            lo = 1  # a leading <s> is no term
        known, total = self._known, 0.0
        u, v = ids[lo - 2] if lo > 1 else NONE, ids[lo - 1] if lo else NONE
        words = ids[lo:hi]
        rest, ceiling = len(words), self.ceiling()
        for w in words:
            uvw = (u * N + v) * N + w
            p = known.get(uvw)
            if p is None:
                if len(known) >= KEPT_NGRAMS:
                    known.clear()
                p = known[uvw] = self._logp(uvw)
            total += p
            rest -= 1
            if total + rest * ceiling < need:
                return total + rest * ceiling, not rest
            u, v = v, w
        return total, True

    def ceiling(self) -> float:
        """The largest log10 probability ``_logp`` can give one n-gram: a trigram's, a bigram's after a
        back-off weight (or none), a unigram's after both (or alone); from the table (user cache)."""
        if self._ceiling is None:
            from wenlint.cache import cached

            def build() -> float:
                bo, up = max(max(self._bb), 0.0), max(self._up)
                return max(max(self._tp), bo + max(self._bp), bo + max(self._ub) + up, up)

            self._ceiling = cached("context-ceiling", [self._path], build, lambda v: type(v) is float)
        return self._ceiling

    def _split(self, token: str, like: tuple | None = None, same: int = 0) -> tuple[list[str], list[int], tuple | None]:
        """The token if the model knows it, else its most probable split into known words (a best
        path of unigrams, left to right: 党和人民 → 党/和/人民; a longer word is tried only after its
        prefix, up to ``_LONGEST`` characters); the words' ids; and the path (each position's best
        score, then where its last word starts, then that word's id: one tuple, the fewest objects
        for the garbage collector), None for a known token. No separate segmenter is needed, so
        jieba never loads for scoring. ``like``: the path of a token whose first ``same``
        characters are this one's (see ``_resumed``)."""
        if not token:
            return [], [], None
        whole = self._ids(token[0]).get(token, -1)
        if whole >= 0:
            return [token], [whole], None
        n, up, chars = len(token), self._up, self._chars
        if like is None:
            score = [0.0] + [-1e9] * n
            back = [0] * (n + 1)  # start of the last word of the best path to each position
            last = [UNK] * (n + 1)  # and that word's id
            first = same = 0
        else:
            score, back, last = self._resumed(token, like, same)
            first = same - _LONGEST + 1 if same >= _LONGEST else 0  # the words that end after same
        for i in range(first, n):
            c = token[i]
            get, v, wid = chars.get(c) or self._char(c)
            s = score[i]
            if i >= same:
                v += s
                j = i + 1
                if v > score[j]:
                    score[j], back[j], last[j] = v, i, wid
                j += 1
            else:  # resumed: the words from before same that end at or before it are in the path
                j = same + 1  # and token[i:j] is no prefix of a word if token[i:same + 1] is none
            if j > n:  # (resumed: a path resumed at the token's end, where a deletion ends the clause)
                break
            wid = get(token[i:j])
            if wid is not None:
                top = i + _LONGEST if i + _LONGEST < n else n
                while True:
                    if wid >= 0:
                        v = s + up[wid]
                        if v > score[j]:
                            score[j], back[j], last[j] = v, i, wid
                    if j == top:
                        break
                    j += 1
                    wid = get(token[i:j])
                    if wid is None:
                        break  # neither a word nor the prefix of one: no longer word starts with it
        units, ids, j = [], [], n
        while j:
            i = back[j]
            units.append(token[i:j])
            ids.append(last[j])
            j = i
        units.reverse()
        ids.reverse()
        return units, ids, (*score, *back, *last)

    def _char(self, c: str) -> tuple:
        """The look-up of the words that begin with ``c`` (``_ids(c).get``), and log10 P and id of ``c``
        as a word: an unknown character costs 10^-20 (and is <unk>)."""
        heads = self._ids(c)
        wid = heads.get(c, -1)
        one = self._chars[c] = (heads.get, self._up[wid], wid) if wid >= 0 else (heads.get, -20.0, UNK)
        return one

    def _resumed(self, token: str, like: tuple, same: int) -> tuple[list[float], list[int], list[int]]:
        """The path of ``token`` up to position ``same``, from the path ``like`` of a token whose first
        ``same`` characters are this one's: a word that ends at or before ``same`` lies in them, so
        the path up to there is the same (the ``_split`` loop adds the words that end after it)."""
        rest = len(token) - same
        k = len(like) // 3  # the other token's length + 1
        score = [*like[:same + 1], *[-1e9] * rest]
        back, last = [*like[k:k + same + 1], *[0] * rest], [*like[2 * k:2 * k + same + 1], *[UNK] * rest]
        return score, back, last

    def _bigram(self, vw: int) -> int:
        """Index of bigram "v w" (``vw`` = v·N + w), or -1; kept (``_pairs``): a trigram's "u v" was
        the "v w" of the one before."""
        v, w = vw >> BITS, vw & MASK
        lo, hi = self._bs[w], self._bs[w + 1]
        i = bisect.bisect_left(self._bw, v, lo, hi)
        if i == hi or self._bw[i] != v:
            i = -1
        if len(self._pairs) >= KEPT_NGRAMS:
            self._pairs.clear()
        self._pairs[vw] = i
        return i

    def _trigram(self, k: int) -> int:
        """Index of trigram key ``k``, or -1. The keys are hashes, spread evenly: the key lies near
        k·n3/2^32, within some 100 places of where the key found there puts it (one step of an
        interpolation search), and the search begins in the 2^7 keys around that. A first key at
        least k strictly inside them is what a search of all the keys finds; at their edge, all
        the keys are searched."""
        tk, n3 = self._tk, self._n3
        at = k * n3 >> 32
        at += (k - tk[at]) * n3 >> 32
        lo, hi = at - 64 if at > 64 else 0, at + 64 if at + 64 < n3 else n3
        t = bisect.bisect_left(tk, k, lo, hi)
        if t == lo or t == hi and hi < n3:
            t = bisect.bisect_left(tk, k)
        return t if t < n3 and tk[t] == k else -1

    def _logp(self, uvw: int) -> float:
        """log10 P(w | u v), ``uvw`` = (u·N + v)·N + w; u or v is ``NONE`` where there is none."""
        v, w = uvw >> BITS & MASK, uvw & MASK
        if v == NONE or w == UNK:  # <unk>'s n-grams pool every rare string: they say nothing of this one
            return self._up[w]
        pairs = self._pairs
        b = pairs.get(vw := uvw & MASK2)
        if b is None:
            b = self._bigram(vw)
        if uvw >> 2 * BITS == NONE:
            c = -1
        else:
            c = pairs.get(uv := uvw >> BITS)
            if c is None:
                c = self._bigram(uv)
        if b >= 0 and c >= 0:
            t = self._trigram(((uvw * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF) >> 32)  # ngram_key((u, v, w))
            if t >= 0:
                return self._tp[self._tpi[t]]
        bo = self._bb[self._bbi[c]] if c >= 0 else 0.0
        return bo + (self._bp[self._bpi[b]] if b >= 0 else self._ub[v] + self._up[w])

    def _total(self, ids: tuple[int, ...]) -> float:
        """log10 P(words); a leading <s> is the context of the first word, not scored itself. Each
        n-gram's probability is kept once looked up (a clause and its repair share most of theirs)."""
        return self._terms(ids, 0, len(ids))[0]


class _JiebaUnigram:
    """Fallback: jieba's dictionary frequencies as a unigram word model."""

    name = "jieba unigram word model (context table missing)"

    def __init__(self):
        from wenlint.segment import tokenizer

        self._tk = tokenizer()

    def read(self, before: str, clause: str, after: str, like: tuple | None = None, same: int = 0,
             total: bool = True) -> tuple:
        units = [before] * bool(before) + self._tk.lcut(clause, HMM=False) + [after] * bool(after)
        freq, n = self._tk.FREQ, self._tk.total
        return units, sum(math.log10((freq.get(w) or 1) / n) for w in units if w not in ("<s>", "</s>")), None, None

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
    """The clause around text[start:end]: up to the nearest boundary on each side, at most ``_REACH``
    characters beyond the span (_LAST finds the last boundary in reach before it, _RUN the run of
    other characters in reach after it)."""
    lo = max(start - _REACH, 0)
    last = _LAST.match(text, lo, start)
    return last.end() if last else lo, _RUN.match(text, end, end + _REACH).end()


def _edges(text: str, lo: int, hi: int) -> tuple[str, str]:
    """What the model reads before and after the clause text[lo:hi]: <s>/</s> at a sentence end,
    the punctuation mark that bounds it, or nothing where the window was cut short."""
    return ("<s>" if lo == 0 else _BEFORE.get(text[lo - 1], ""),
            "</s>" if hi == len(text) else _AFTER.get(text[hi], ""))


_readings: dict[tuple[str, str, str], tuple] = {}  # (before, clause, after) -> the model's reading
_older: dict[tuple[str, str, str], tuple] = {}  # the readings kept before those
KEPT_CLAUSES = 8192  # readings kept in each (some 12 MB): a 20 MB law file repeats clauses 8,000 readings apart
SLACK = 1e-9  # log10: far above the rounding of a clause's sum of terms, far below any margin


def _scored(before: str, clause: str, after: str, like: tuple | None = None, same: int = 0,
            total: bool = True) -> tuple:
    """The active model's reading of the clause (``_Table.read``; with its probability if ``total``),
    kept: documents repeat their clauses, and a spinner its words. When ``_readings`` is full it
    becomes ``_older`` (and the older ones are forgotten); a reading found there moves back: the
    clauses read recently stay."""
    global _readings, _older
    key = (before, clause, after)
    found = _readings.get(key)
    if found is None:
        found = _older.get(key)
        if found is None:
            found = _model().read(before, clause, after, like, same, total)
        if len(_readings) >= KEPT_CLAUSES:
            _older, _readings = _readings, {}
        _readings[key] = found
    if total and found[1] is None:
        found = _readings[key] = _model().complete(found)
    return found


def _clauses(text: str, start: int, end: int, replacement: str) -> tuple[str, str, str, str, int]:
    """The edges of the clause around the span, the clause as written and replaced, and where the span
    starts in it."""
    lo, hi = _window(text, start, end)
    before, after = _edges(text, lo, hi)
    return before, text[lo:hi], text[lo:start] + replacement + text[end:hi], after, start - lo


def _compare(text: str, start: int, end: int, replacement: str, model=None):
    """((units, score) as written, (units, score) replaced) for the clause around the span, by the
    active model (or by ``model``, for tools/eval_context.py)."""
    return _both(*_clauses(text, start, end, replacement), _scored if model is None else model.read)


def _both(before: str, clause: str, replaced: str, after: str, same: int, score=_scored):
    """((units, score) as written, (units, score) replaced) of the clauses (:func:`_clauses`)."""
    written = score(before, clause, after)
    return written[:2], score(before, replaced, after, written, same)[:2]


def delta(text: str, start: int, end: int, replacement: str) -> float:
    """log10 P(clause with text[start:end] replaced) − log10 P(clause as written); > 0: the replacement reads better.

    The clause is bounded by clause punctuation and reaches at most 12 characters beyond the span on
    each side; it is read after <s> (or the punctuation mark before it) and up to </s> (or the mark after it).
    """
    (_, before), (_, after) = _compare(text, start, end, replacement)
    return after - before


_gains: dict[tuple[str, str, str, str], tuple[float, bool]] = {}  # (before, clause, replaced, after) ->
# _Table.gain: delta but for rounding, or a bound above it (False)


def at_least(text: str, start: int, end: int, replacement: str, floor: float) -> float | None:
    """``delta(text, start, end, replacement)`` if it is at least ``floor``, else None. Most swaps read far
    worse, which the terms where the two readings differ tell (``_Table.gain``), without the others;
    kept, like the readings."""
    before, clause, replaced, after, same = _clauses(text, start, end, replacement)
    key = (before, clause, replaced, after)
    need = floor - SLACK
    found = _gains.get(key)
    if found is None or not found[1] and found[0] >= need:
        written = _scored(before, clause, after, total=False)
        new = _scored(before, replaced, after, written, same, total=False)
        found = (new[1] - written[1], True) if written[3] is None else _model().gain(written[3], new[3], need)
        if len(_gains) >= KEPT_CLAUSES:
            _gains.clear()
        _gains[key] = found
    if found[0] < need:
        return None
    (_, score_written), (_, score_replaced) = _both(before, clause, replaced, after, same)
    score = score_replaced - score_written  # delta's, from the same clauses
    return score if score >= floor else None


def explain(text: str, start: int, end: int, replacement: str) -> str:
    """One line: both segmentations with their log10 scores, and the difference."""
    (old, before), (new, after) = _compare(text, start, end, replacement)
    return f"{'/'.join(old)} {before:.2f} → {'/'.join(new)} {after:.2f} (Δ {after - before:+.2f})"
