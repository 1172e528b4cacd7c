"""Derive linter/data/context.bin from fcitx5's word trigram model (development time only).

Source: zh_CN.lm from Debian's libime-data-language-model (LGPL-2.1+), a KenLM binary
(format 5, QUANT_ARRAY_TRIE: 8-bit quantized, Bhiksha-compressed pointers). It is parsed
here directly, so neither kenlm nor this script is needed at run time; with ``--check``
the result is compared against the PyPI ``kenlm`` module.

Output (little-endian), read by linter/context.py:
  header  b"WLCT1\\0\\0\\0", uint32 n1, n2, n3, vocab_bytes
  float32 bigram-prob[256], bigram-backoff[256], trigram-prob[256]   (KenLM's own bins)
  float32 uni_prob[n1], uni_backoff[n1]                             (unquantized)
  uint32  bigram_start[n1+1]: bigrams "w1 w2" are grouped by w2 at [start[w2], start[w2+1])
  uint32  bigram_w1[n2] (sorted within each group), uint8 prob_bin[n2], uint8 backoff_bin[n2]
  uint32  trigram_key[n3] sorted, uint8 prob_bin[n3]
  utf-8   vocabulary, NUL-separated, word i has id i
Bigrams are exact; trigram keys are ``ngram_key(ids)``, a 32-bit hash of the word ids (the
runtime looks one up only when both its bigrams exist, which makes false hits rare); pruning (``--prune``) drops
bigrams/trigrams whose probability the back-off estimate already matches within the margin.
"""
from __future__ import annotations

import argparse
import array
import bisect
import struct
import sys
from pathlib import Path

LM = "/usr/lib/x86_64-linux-gnu/libime/zh_CN.lm"
OUT = Path(__file__).resolve().parent.parent / "linter" / "data" / "context.bin"
MAGIC = b"WLCT1\0\0\0"
N = 1 << 18  # id radix for keys (vocab < 262144)


def ngram_key(ids) -> int:
    """32-bit multiplicative hash of a word-id tuple (same formula as linter/context.py)."""
    k = 0
    for i in ids:
        k = k * N + i
    return ((k * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF) >> 32


def _bits(data: bytes, bit: int, width: int) -> int:
    return (int.from_bytes(data[bit >> 3:(bit >> 3) + 8], "little") >> (bit & 7)) & ((1 << width) - 1)


def read_kenlm(path: str):
    """Parse a KenLM QUANT_ARRAY_TRIE trigram binary into plain lists."""
    d = Path(path).read_bytes()
    assert d.startswith(b"mmap lm http://kheafield.com/code format version 5\n")
    order, model_type = d[0x58], struct.unpack_from("<i", d, 0x60)[0]
    assert (order, model_type) == (3, 5), "expected a trigram QUANT_ARRAY_TRIE"
    n1, n2, n3 = struct.unpack_from("<3Q", d, 0x6C)
    off = 0x88 + 8 + 8 * n1  # header, sorted vocabulary hashes
    assert d[off:off + 3] == b"\x02\x08\x08", "expected 8-bit quantization"
    bins = struct.unpack_from("<768f", d, off + 8)
    off += 8 + 768 * 4
    uni = [struct.unpack_from("<ffQ", d, off + 16 * i) for i in range(n1 + 1)]
    mid = off + (n1 + 2) * 16
    assert d[mid] == 0, "Bhiksha version"
    wbits, req = n1.bit_length(), n3.bit_length()
    chop = min(range(min(req, d[mid + 1]) + 1), key=lambda c: ((n3 >> (req - c)) * 64 - (n2 + 1) * c, c))
    inline = req - chop
    count = (n3 >> inline) + 1
    offsets = struct.unpack_from("<%dQ" % count, d, mid + 8)
    mbase = mid + 8 * (1 + count) + 7
    mtot = wbits + 16 + inline
    lbase = mbase + ((1 + n2) * mtot + 7) // 8 + 8
    ltot = wbits + 8
    end = lbase + ((1 + n3) * ltot + 7) // 8 + 8
    vocab = d[end:].rstrip(b"\0").split(b"\0")
    assert len(vocab) == n1 and vocab[0] == b"<unk>", "vocabulary not where expected"
    mdata, ldata = d[mbase:lbase], d[lbase:end]

    def child_begin(i: int) -> int:
        return ((bisect.bisect_right(offsets, i) - 1) << inline) | _bits(mdata, i * mtot + wbits + 16, inline)

    bigrams, trigrams = [], []  # (w1, w2, prob_bin, backoff_bin), (w0, w1, w2, prob_bin)
    for w2 in range(n1):
        for i in range(uni[w2][2], uni[w2 + 1][2]):
            e = _bits(mdata, i * mtot, mtot - inline)
            w1 = e & ((1 << wbits) - 1)
            bigrams.append((w1, w2, e >> (wbits + 8), (e >> wbits) & 255))
            for j in range(child_begin(i), child_begin(i + 1)):
                t = _bits(ldata, j * ltot, ltot)
                trigrams.append((t & ((1 << wbits) - 1), w1, w2, t >> wbits))
    assert len(bigrams) == n2 and len(trigrams) == n3
    words = [w.decode("utf-8") for w in vocab]
    return words, [u[0] for u in uni[:n1]], [u[1] for u in uni[:n1]], bins, bigrams, trigrams


def prune(model, margin: float):
    """Drop n-grams whose log-prob is within `margin` of their back-off estimate (keeping contexts of kept trigrams)."""
    words, up, ub, bins, bigrams, trigrams = model
    bp, bb, tp = bins[:256], bins[256:512], bins[512:]
    big = {(w1, w2): (p, b) for w1, w2, p, b in bigrams}
    tri = []
    for w0, w1, w2, p in trigrams:
        b = big.get((w1, w2))
        est = bb[big[(w0, w1)][1]] + (bp[b[0]] if b else ub[w1] + up[w2])
        if abs(tp[p] - est) >= margin:
            tri.append((w0, w1, w2, p))
    contexts = {(w0, w1) for w0, w1, _, _ in tri}
    bi = [g for g in bigrams if g[:2] in contexts or abs(bb[g[3]]) >= margin
          or abs(bp[g[2]] - ub[g[0]] - up[g[1]]) >= margin]
    return words, up, ub, bins, bi, tri


def write_table(model, out: Path) -> None:
    words, up, ub, bins, bigrams, trigrams = model
    big = sorted(bigrams, key=lambda g: (g[1], g[0]))
    start = [0] * (len(words) + 1)
    for g in big:
        start[g[1] + 1] += 1
    for i in range(len(words)):
        start[i + 1] += start[i]
    tri = sorted({ngram_key(g[:3]): g[3] for g in trigrams}.items())
    vocab = "\0".join(words).encode("utf-8")
    parts = [MAGIC, struct.pack("<4I", len(words), len(big), len(tri), len(vocab)),
             array.array("f", bins).tobytes(), array.array("f", up).tobytes(), array.array("f", ub).tobytes(),
             array.array("I", start).tobytes(), array.array("I", [g[0] for g in big]).tobytes(),
             bytes(g[2] for g in big), bytes(g[3] for g in big),
             array.array("I", [k for k, _ in tri]).tobytes(), bytes(v for _, v in tri), vocab]
    assert sys.byteorder == "little"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"".join(parts))
    print(f"{out}: {out.stat().st_size / 1e6:.1f} MB; {len(words)} words, {len(big)} bigrams, "
          f"{len(tri)} trigrams ({len(trigrams) - len(tri)} dropped as hash collisions)")


def check(lm: str, out: Path) -> None:
    """Compare table scores with kenlm on random word sequences from the vocabulary."""
    import random

    import kenlm

    sys.path.insert(0, str(out.parent.parent.parent))
    from wenlint.context import _Table

    m, t = kenlm.Model(lm), _Table(out)
    rng = random.Random(1)
    common = [w for w in t.words[4:20000] if not w.startswith("<")]
    worst = 0.0
    for _ in range(2000):
        seq = rng.sample(common, 2) + rng.sample(common[:500], 3)
        rng.shuffle(seq)
        worst = max(worst, abs(m.score(" ".join(seq), bos=False, eos=False) - t.score(seq)))
    print(f"max |table - kenlm| over 2000 random sequences: {worst:.4f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lm", default=LM)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--prune", type=float, default=0.0, help="back-off margin (log10) below which n-grams are dropped")
    ap.add_argument("--check", action="store_true", help="compare with the kenlm module afterwards")
    a = ap.parse_args()
    model = read_kenlm(a.lm)
    write_table(prune(model, a.prune) if a.prune else model, a.out)
    if a.check:
        check(a.lm, a.out)


if __name__ == "__main__":
    main()
