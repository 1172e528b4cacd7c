"""Build linter/data/context.bin, wenlint's model of formal written Chinese (development time only).

    python tools/build_formal_model.py segment     # jieba over the training text, cached (~7 CPU-min)
    python tools/build_formal_model.py build       # counts, Kneser-Ney, pruning, neighbours (~3 CPU-min)

The shipped table was built with the defaults (``--cache /work/exchange/model/seg`` on the machine
where it was made). Reports are counted 8 times (``--weights``): they are 2% of the text and the
register of the documents wenlint reads; tools/eval_context.py measured 8 against 20 (worse) and
local regulations whole against half (better).

Training text: the ``train`` part of ../shared/corpus/formal, read only through
``tools/formal_split.documents`` (the held-back reports are the calibration set; the CPC congress file
is never read). Each paragraph is segmented by jieba (``HMM=False``: only dictionary words and single
characters, the units the run-time segmenter can rebuild from the table's vocabulary) and cut into
sentences at 。！？； and at the paragraph end, each sentence read as ``<s> w1 … wn </s>``.

Build-time dependencies: jieba (already a run-time one), numpy and scipy; the table is read by
linter/context.py with the standard library alone.
"""
from __future__ import annotations

import argparse
import array
import gzip
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from formal_split import documents  # noqa: E402

from wenlint.context import N, ngram_key  # noqa: E402  (the one key hash, shared with the reader)

CACHE = ROOT / ".cache-wl" / "formal-seg"  # git-ignored; --cache elsewhere
SOURCES = ("gov-reports", "court-cases", "laws", "local-regs")  # cpc-congress: licence doubtful, never read
ENDERS = frozenset("。！？；")
OUT = ROOT / "linter" / "data" / "context.bin"
MAGIC = b"WLCT2\0\0\0"
WEIGHTS = "gov-reports=8,court-cases=1,laws=1,local-regs=1"
MIN_COUNT = 2  # weighted occurrences for a word to enter the vocabulary
JIEBA_MIN = 10  # occurrences in jieba's dictionary for a word formal prose lacks to enter it too
UNK = 0
MAX_VOCAB = 1 << 18  # word ids fit the key radix
_tk = None


def _segment_document(paragraphs: list[str]) -> str:
    """The document's sentences, one a line, words separated by spaces."""
    global _tk
    if _tk is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.dt.initialize()
        _tk = jieba.dt
    lines = []
    for p in paragraphs:
        sentence = []
        for w in _tk.cut(p, HMM=False):
            if w in ENDERS:
                if sentence:
                    lines.append(" ".join(sentence))
                sentence = []
            elif not w.isspace():
                sentence.append(w)
        if sentence:
            lines.append(" ".join(sentence))
    return "".join(line + "\n" for line in lines)


def segment(cache: Path, names=SOURCES, jobs: int = 2) -> None:
    """Segment each training file once into CACHE/NAME.txt.gz (skipped when present)."""
    from multiprocessing import Pool

    cache.mkdir(parents=True, exist_ok=True)
    for name in names:
        out = cache / f"{name}.txt.gz"
        if out.exists():
            continue
        tmp = out.with_suffix(".tmp")
        with Pool(jobs) as pool, gzip.open(tmp, "wt", encoding="utf-8", compresslevel=1) as f:
            for chunk in pool.imap(_segment_document, (p for _, p in documents(name, "train")), chunksize=8):
                f.write(chunk)
        tmp.rename(out)
        print(f"{out}: {out.stat().st_size / 1e6:.1f} MB", flush=True)


def read_sentences(cache: Path, name: str):
    """The cached sentences of training file ``name``, each a list of words."""
    with gzip.open(cache / f"{name}.txt.gz", "rt", encoding="utf-8") as f:
        for line in f:
            yield line.split()


def tokens(cache: Path, sources: dict[str, tuple[float, int]]):
    """(vocabulary, ids, weights, frequencies, prior): the word stream ``<s> w… </s> <s> …`` of the
    weighted sources.

    ``sources`` maps a file to (share of its sentences read, weight of each of its n-grams).
    The vocabulary is <unk>, <s>, </s>, then every word seen ``MIN_COUNT`` times (weighted), by count,
    then the words of jieba's dictionary that formal prose lacks (苦干: used ``JIEBA_MIN`` times
    in jieba's corpus), so that a real word is never scored as loose characters. ``prior``: jieba's
    frequencies of all these words, normalized, the unigram estimate of words formal prose lacks.
    """
    import numpy as np
    from collections import Counter

    texts = {}
    counts: Counter = Counter()
    for name, (share, weight) in sources.items():
        step = round(1 / share)
        sents = [s for i, s in enumerate(read_sentences(cache, name)) if i % step == 0]
        texts[name] = sents
        c = Counter()
        for s in sents:
            c.update(s)
        for w, n in c.items():
            counts[w] += n * weight
    words = ["<unk>", "<s>", "</s>"] + [w for w, n in counts.most_common(MAX_VOCAB - 3) if n >= MIN_COUNT]
    index = {w: i for i, w in enumerate(words)}
    jieba_freq = _jieba_frequencies()
    extra = sorted((w for w, f in jieba_freq.items() if f >= JIEBA_MIN and len(w) > 1 and w not in index),
                   key=lambda w: -jieba_freq[w])
    words += extra[:MAX_VOCAB - len(words)]
    ids, weights = array.array("i"), array.array("f")
    for name, sents in texts.items():
        before = len(ids)
        for s in sents:
            ids.append(1)
            ids.extend([index.get(w, 0) for w in s])
            ids.append(2)
        weights.extend([sources[name][1]] * (len(ids) - before))
    freq = np.zeros(len(words), dtype=np.float64)
    for w, i in index.items():
        freq[i] = counts.get(w, 0)
    prior = np.array([0.0] * 3 + [jieba_freq.get(w, 0) for w in words[3:]])
    return (words, np.frombuffer(ids, dtype=np.int32).astype(np.int64), np.frombuffer(weights, dtype=np.float32),
            freq, prior / prior.sum())


def _jieba_frequencies() -> dict[str, int]:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.initialize()
    return jieba.dt.FREQ


def _discounts(counts) -> tuple[float, float, float]:
    """Modified Kneser-Ney discounts D1, D2, D3+ from the counts of counts (Chen & Goodman)."""
    import numpy as np

    r = np.rint(counts).astype(np.int64)
    n1, n2, n3, n4 = (max(int((r == k).sum()), 1) for k in (1, 2, 3, 4))
    y = n1 / (n1 + 2 * n2)
    return 1 - 2 * y * n2 / n1, 2 - 3 * y * n3 / n2, 3 - 4 * y * n4 / n3


def _grouped(keys, values):
    """Unique ``keys`` (sorted), the sum of ``values`` and the number of occurrences per key."""
    import numpy as np

    uniq, inv, n = np.unique(keys, return_inverse=True, return_counts=True)
    return uniq, np.bincount(inv, weights=values, minlength=len(uniq)), n


def _backoff_mass(ctx, counts, seen, d):
    """Per context (sorted unique ``ctx``): its total (weighted) count and the mass its discounts
    free, each n-gram discounted by the class of ``seen``, its unweighted count."""
    import numpy as np

    r = np.rint(seen)
    disc = np.where(r >= 3, d[2], np.where(r == 2, d[1], d[0]))
    uniq, inv = np.unique(ctx, return_inverse=True)
    total = np.bincount(inv, weights=counts, minlength=len(uniq))
    freed = np.bincount(inv, weights=disc, minlength=len(uniq))
    return uniq, inv, total, freed, disc


def kneser_ney(ids, weights, n1: int, prior):
    """Interpolated modified Kneser-Ney trigram estimates, in back-off form.

    Returns dicts of numpy arrays: unigrams (logp, backoff), bigrams (key v*N+w, logp, backoff,
    count), trigrams (key, logp, count). A stored probability is the interpolated one and a
    context's back-off weight is its interpolation weight, so the back-off reading of the table
    gives exactly the interpolated model (before pruning).
    """
    import numpy as np

    n = N
    ok = (ids[:-2] != 2) & (ids[1:-1] != 2)  # no trigram across a sentence end
    tri_keys = (ids[:-2] * n + ids[1:-1]) * n + ids[2:]
    k3, c3, seen3 = _grouped(tri_keys[ok], weights[:-2][ok])
    okb = ids[:-1] != 2
    k2raw, c2raw, seen2 = _grouped(ids[:-1][okb] * n + ids[1:][okb], weights[:-1][okb])
    # bigram counts for Kneser-Ney: continuation counts (distinct left words), raw counts after <s>
    suffix, cont = np.unique(k3 % (n * n), return_counts=True)
    k2 = k2raw
    a2 = np.where(k2 // n == 1, c2raw, 0.0)
    s2 = np.where(k2 // n == 1, seen2, 0)
    pos = np.searchsorted(k2, suffix)
    a2[pos] = s2[pos] = cont  # every bigram not after <s> is the suffix of a trigram
    # unigram continuation counts: distinct left words of each word
    a1 = np.bincount(k2 % n, minlength=n1).astype(np.float64)
    unseen = float((ids == UNK).mean())  # the share of formal prose's words outside its vocabulary ...
    p1 = (1 - unseen) * a1 / a1.sum() + unseen * prior  # ... goes to jieba's words by their frequency
    p1[0] = p1[3:][p1[3:] > 0].min() / 10  # <unk>: a string the model does not know is rarer than any it knows
    p1[1] = p1[0]  # <s> is never predicted
    d2, d3 = _discounts(s2), _discounts(seen3)  # from unweighted counts: a weight is no evidence
    # bigrams
    ctx2, inv2, tot2, freed2, disc2 = _backoff_mass(k2 // n, a2, s2, d2)
    gamma2 = np.zeros(n1)
    gamma2[ctx2] = freed2 / tot2
    p2 = np.maximum(a2 - disc2, 0) / tot2[inv2] + gamma2[k2 // n] * p1[k2 % n]
    # trigrams
    ctx3, inv3, tot3, freed3, disc3 = _backoff_mass(k3 // n, c3, seen3, d3)
    p2_of = p2[np.searchsorted(k2, k3 % (n * n))]
    p3 = np.maximum(c3 - disc3, 0) / tot3[inv3] + (freed3 / tot3)[inv3] * p2_of
    bo2 = np.zeros(len(k2))
    at = np.searchsorted(k2, ctx3)
    bo2[at] = np.log10(freed3 / tot3)
    ub = np.where(gamma2 > 0, np.log10(np.maximum(gamma2, 1e-30)), 0.0)
    return (dict(logp=np.log10(p1), backoff=ub),
            dict(key=k2, logp=np.log10(p2), backoff=bo2, count=c2raw),
            dict(key=k3, logp=np.log10(p3), count=c3), (d2, d3))


def prune(uni, bi, tri, min_count: float, margin: float):
    """Keep trigrams seen ``min_count`` times whose probability differs from their back-off
    estimate by ``margin`` (log10) or more; keep the bigrams they need and those that matter alike."""
    import numpy as np

    n = N
    k3 = tri["key"]
    b_suffix = np.searchsorted(bi["key"], k3 % (n * n))
    b_ctx = np.searchsorted(bi["key"], k3 // n)
    est = bi["backoff"][b_ctx] + bi["logp"][b_suffix]
    keep3 = (tri["count"] >= min_count) & (np.abs(tri["logp"] - est) >= margin)
    k2 = bi["key"]
    est2 = uni["backoff"][k2 // n] + uni["logp"][k2 % n]
    keep2 = (bi["count"] >= min_count) & (np.abs(bi["logp"] - est2) >= margin)
    keep2[b_suffix[keep3]] = True
    keep2[b_ctx[keep3]] = True
    bo = np.where(np.isin(np.arange(len(k2)), b_ctx[keep3]), bi["backoff"], 0.0)
    bi = dict(key=k2[keep2], logp=bi["logp"][keep2], backoff=bo[keep2], count=bi["count"][keep2])
    tri = dict(key=k3[keep3], logp=tri["logp"][keep3], count=tri["count"][keep3])
    return bi, tri


def quantize(values, bins: int = 256):
    """(centres, codes): ``values`` coded on ``bins`` levels, equal-population bins, each its mean."""
    import numpy as np

    edges = np.unique(np.quantile(values, np.linspace(0, 1, bins + 1)[1:-1]))
    codes = np.searchsorted(edges, values).astype(np.uint8)
    sums = np.bincount(codes, weights=values, minlength=bins)
    n = np.bincount(codes, minlength=bins)
    centres = np.where(n > 0, sums / np.maximum(n, 1), 0.0)
    return centres.astype(np.float32), codes


def neighbours(ids, rows: int, columns: int, k: int, dim: int = 256, seed: int = 1):
    """For the ``rows`` most frequent words, the ``k`` words among the ``columns`` most frequent that
    share most contexts with each: cosine of PPMI vectors of the words at offsets -2, -1, +1, +2
    (the ``columns`` most frequent words as context), reduced to ``dim`` dimensions by randomized SVD.
    Returns (neighbour ids [rows, k], similarities [rows, k])."""
    import numpy as np
    from scipy import sparse

    width = 4 * columns
    keys, counts = [], []
    for j, off in enumerate((-2, -1, 1, 2)):
        w = ids[max(0, -off):len(ids) - max(0, off)]
        c = ids[max(0, off):len(ids) + min(0, off)]
        ok = (w < rows) & (w > 2) & (c < columns)
        u, n = np.unique(w[ok] * width + c[ok] + j * columns, return_counts=True)
        keys.append(u)
        counts.append(n)
    key, count = np.concatenate(keys), np.concatenate(counts).astype(np.float64)
    r, col = key // width, key % width
    row_tot = np.bincount(r, weights=count, minlength=rows) + 1e-9
    col_tot = np.bincount(col, weights=count, minlength=width) ** 0.75
    pmi = np.log(count * col_tot.sum() / (row_tot[r] * col_tot[col]))
    keep = pmi > 0
    a = sparse.csr_matrix((pmi[keep].astype(np.float32), (r[keep], col[keep])), shape=(rows, width))
    rng = np.random.default_rng(seed)
    y = a @ rng.standard_normal((a.shape[1], dim + 16)).astype(np.float32)
    for _ in range(2):
        y, _r = np.linalg.qr(a @ (a.T @ y))
    q, _r = np.linalg.qr(y)
    u, sv, _vt = np.linalg.svd((a.T @ q).T, full_matrices=False)
    vec = (q @ u[:, :dim]) * np.sqrt(sv[:dim])
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    cand = vec[:columns].T.copy()
    out_ids = np.zeros((rows, k), dtype=np.uint32)
    out_sim = np.zeros((rows, k), dtype=np.float32)
    for lo in range(0, rows, 2048):
        sim = vec[lo:lo + 2048] @ cand
        sim[:, :3] = -1  # <unk>, <s>, </s>
        for i in range(sim.shape[0]):
            if lo + i < columns:
                sim[i, lo + i] = -1
        top = np.argpartition(-sim, k, axis=1)[:, :k]
        order = np.argsort(-np.take_along_axis(sim, top, axis=1), axis=1)
        top = np.take_along_axis(top, order, axis=1)
        out_ids[lo:lo + 2048] = top
        out_sim[lo:lo + 2048] = np.take_along_axis(sim, top, axis=1)
    return out_ids, out_sim


def write_table(out: Path, name: str, words, uni, bi, tri, freq, nb_ids, nb_sim) -> None:
    """The table, in the layout linter/context.py documents (little-endian)."""
    import numpy as np

    n = N
    n1 = len(words)
    k2 = bi["key"]
    order = np.lexsort((k2 // n, k2 % n))  # grouped by the second word, first words sorted in each group
    w1, w2 = (k2 // n)[order], (k2 % n)[order]
    start = np.zeros(n1 + 1, dtype=np.uint32)
    np.cumsum(np.bincount(w2, minlength=n1), out=start[1:])
    bp_bins, bp = quantize(bi["logp"][order])
    bb_bins, bb = quantize(bi["backoff"][order])
    k3 = tri["key"]
    tkeys = np.array([ngram_key(((x // n) // n, (x // n) % n, x % n)) for x in k3.tolist()], dtype=np.uint32)
    tp_bins, tp = quantize(tri["logp"])
    tord = np.argsort(tkeys, kind="stable")
    tkeys, tp = tkeys[tord], tp[tord]
    first = np.concatenate(([True], tkeys[1:] != tkeys[:-1]))  # a hash collision keeps one of the two
    tkeys, tp = tkeys[first], tp[first]
    vocab = "\0".join(words).encode("utf-8")
    label = name.encode("utf-8")
    rows, k = nb_ids.shape
    parts = [MAGIC, struct.pack("<8I", n1, len(k2), len(tkeys), len(vocab), len(label), rows, k, 0),
             np.concatenate([bp_bins, bb_bins, tp_bins]).astype("<f4").tobytes(),
             uni["logp"].astype("<f4").tobytes(), uni["backoff"].astype("<f4").tobytes(),
             start.astype("<u4").tobytes(), w1.astype("<u4").tobytes(), bp.tobytes(), bb.tobytes(),
             tkeys.astype("<u4").tobytes(), tp.tobytes(),
             (freq / freq.sum() * 1e6).astype("<f4").tobytes(),
             nb_ids.astype("<u4").tobytes(), np.rint(np.clip(nb_sim, 0, 1) * 255).astype(np.uint8).tobytes(),
             label, vocab]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"".join(parts))
    print(f"{out}: {out.stat().st_size / 1e6:.1f} MB; {n1} words, {len(k2)} bigrams, {len(tkeys)} trigrams "
          f"({len(k3) - len(tkeys)} dropped as hash collisions), neighbours for {rows} words", flush=True)


def build(cache: Path, out: Path, weights: dict[str, tuple[float, int]], min_count: float, margin: float,
          rows: int, row_min: float, columns: int, k: int) -> None:
    import time

    import numpy as np

    t0 = time.process_time()
    words, ids, w, freq, prior = tokens(cache, weights)
    print(f"{len(ids):,} tokens, {len(words):,} words ({time.process_time() - t0:.0f} s)", flush=True)
    uni, bi, tri, d = kneser_ney(ids, w, len(words), prior)
    print(f"{len(bi['key']):,} bigrams, {len(tri['key']):,} trigrams; discounts {np.round(d, 2).tolist()} "
          f"({time.process_time() - t0:.0f} s)", flush=True)
    bi, tri = prune(uni, bi, tri, min_count, margin)
    rows = min(rows, 3 + int((freq[3:] >= row_min).sum()))  # no vector from too few contexts
    nb_ids, nb_sim = (neighbours(ids, rows, min(columns, len(words)), k) if rows > 3
                      else (np.zeros((0, k), dtype=np.uint32), np.zeros((0, k))))
    print(f"neighbours ({time.process_time() - t0:.0f} s)", flush=True)
    mix = ", ".join(f"{n} ×{wt}" + (f" (1/{round(1 / sh)} of its sentences)" if sh < 1 else "")
                    for n, (sh, wt) in weights.items())
    name = f"wenlint formal-Chinese word trigram (modified Kneser-Ney; train part of the formal corpus: {mix})"
    write_table(out, name, words, uni, bi, tri, freq, nb_ids, nb_sim)
    print(f"built in {time.process_time() - t0:.0f} CPU-s", flush=True)


def _weights(spec: str) -> dict[str, tuple[float, int]]:
    """"gov-reports=8,laws=1,local-regs=1/4" -> {name: (share of sentences, weight)}."""
    out = {}
    for part in spec.split(","):
        name, _, w = part.partition("=")
        weight, _, every = w.partition("/")
        out[name] = (1 / int(every) if every else 1.0, int(weight))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=("segment", "build"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cache", type=Path, default=CACHE, help="where the segmented text is kept")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--weights", default=WEIGHTS, help="FILE=WEIGHT[/EVERY],…: n-gram weight per file, "
                    "and read only every EVERY-th sentence")
    ap.add_argument("--min-count", type=float, default=2, help="weighted count an n-gram needs to be kept")
    ap.add_argument("--margin", type=float, default=0.05, help="keep n-grams at least this far (log10) "
                    "from their back-off estimate")
    ap.add_argument("--rows", type=int, default=40000, help="words that get distributional neighbours, at most")
    ap.add_argument("--row-min", type=float, default=50, help="weighted count a word needs to get neighbours")
    ap.add_argument("--columns", type=int, default=20000, help="frequent words that can be neighbours")
    ap.add_argument("--neighbours", type=int, default=12)
    a = ap.parse_args()
    if a.step == "segment":
        segment(a.cache, jobs=a.jobs)
    else:
        build(a.cache, a.out, _weights(a.weights), a.min_count, a.margin, a.rows, a.row_min, a.columns, a.neighbours)


if __name__ == "__main__":
    main()
