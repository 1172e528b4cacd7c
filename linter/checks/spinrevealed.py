"""Spinner pairs that no list names, revealed by the text itself (WL111).

A spinner replaces every occurrence of the words in its table, and swaps a common word for a rarer
near-synonym. In a long text that leaves a mark no list is needed to see: one of the commonest words
of speeches and reports is missing altogether, although a text of this length should use it many
times, while a rarer word one character away from it, or one of the same sense in the Chinese Open
Wordnet (rules/synonyms.tsv), abounds far beyond its own share (发展 never, 开展 on every line; 加强
never, 增强 everywhere). How often a word should occur comes from the government work reports
(linter/data/report-words.tsv), not from the context model, whose counts are nine tenths law. In a
text already known to be spun (WL190's evidence), such a pair is taken for a spinner's, and each
occurrence of the stand-in is scored against the missing word by the context model, with the large
margin a known pair needs where its original is present (the pair is inferred, not listed).
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from wenlint.checks import check, fact, spin
from wenlint.literals import Literals

COMMON = 1000.0  # per million words in the reports: the originals looked for are the commonest words,
# which no topic does without (below this, the words a document's topic lacks would look missing)
EXPECTED = 5.0  # a text is long enough to miss a word when it should hold this many (Poisson: e^-5 < 1 %)
ABSORBED = 0.3  # the stand-in's occurrences beyond its own share make up this part of the missing ones
SAMPLE, SAMPLE_BETTER = 8, 2  # a spinner's stand-in reads worse than its original in most of its slots:
# a pair whose first SAMPLE occurrences read better as written, all but SAMPLE_BETTER, is no spinner's


def register(data) -> tuple[dict[str, float], float]:
    """(word -> occurrences per million words, characters per word) of the government work reports
    (linter/data/report-words.tsv: speeches and reports, the documents wenlint reads, where the
    context model's frequencies are nine tenths law). Read once per linter."""
    if "report-words" not in data.memo:
        from wenlint.context import TABLE

        lines = (TABLE.parent / "report-words.tsv").read_text(encoding="utf-8").splitlines()
        per_word = next(float(line.rpartition(":")[2]) for line in lines if line.startswith("# characters per word"))
        rows = (line.split("\t") for line in lines if line and not line.startswith("#"))
        data.memo["report-words"] = ({w: float(f) for w, f in rows}, per_word)
    return data.memo["report-words"]


def synonyms(data) -> dict[str, list[str]]:
    """Word -> the words of the same sense that rules/synonyms.tsv lists (read once per linter)."""
    if "synonyms" not in data.memo:
        from wenlint.packs import data_lines

        data.memo["synonyms"] = {word: near.split() for word, near in (line.split("\t") for line in data_lines("synonyms.tsv"))}
    return data.memo["synonyms"]


@fact("spin-revealed-pairs")
def revealed(ctx) -> tuple[tuple[str, str, int], ...]:
    """(stand-in, original, section) pairs each spun section of the text reveals: a common word of the
    reports that its body never uses although it should hold EXPECTED of them, and a word one
    character away or of the same sense, and rarer, that occurs in its stead (a spinner swaps a
    common word for an unusual near-synonym). Pairs of the list are left to WL150."""
    out = []
    for at, section in enumerate(ctx.fact("spin-sections")):
        if section.evidence.spun:
            out += [(wrong, right, at) for wrong, right in _revealed(ctx, section)]
    return tuple(out)


def _revealed(ctx, section) -> list[tuple[str, str]]:
    """The (stand-in, original) pairs that ``section``, known to be spun, reveals."""
    text, body = ctx.text[section.start:section.end], ctx.text[section.title:section.end]
    (use, per_word), candidates = register(ctx.data), _candidates(ctx.data)
    words = len(text) / per_word
    least = EXPECTED * 1e6 / words  # per million: rarer originals are not missed in a text this long
    missing = [(right, stand_ins) for right, stand_ins in candidates.items() if use[right] >= least and right not in body]
    counts: Counter[str] = Counter()
    if missing:
        stand_ins = tuple(sorted({w for _, ws in missing for w in ws}))
        counts.update(stand_ins[k] for k, _, _ in _automaton(stand_ins).find(text))  # overlaps included
    out = []
    for right, stand_ins in missing:
        expected = use[right] * words / 1e6
        out += [(wrong, right) for wrong in stand_ins
                if counts[wrong] >= 2 and counts[wrong] - use.get(wrong, 0.0) * words / 1e6 >= ABSORBED * expected]
    return out


@lru_cache(maxsize=16)
def _automaton(keys: tuple[str, ...]) -> Literals:
    """An automaton of ``keys`` (the sections of a text, and the texts of a corpus, mostly miss the
    same originals: built once for them)."""
    return Literals(list(keys))


def _candidates(data) -> dict[str, list[str]]:
    """Original -> its possible stand-ins, once per linter: for the COMMON words of the reports, the
    rarer one-character variants and synonyms, less the listed pairs (WL150's)."""
    if "revealed-candidates" not in data.memo:
        use, known, near, variants = register(data)[0], spin.pairs(data).words, synonyms(data), _variants(data)
        data.memo["revealed-candidates"] = {
            right: [w for w in dict.fromkeys(variants.get(right, []) + near.get(right, []))
                    if use.get(w, 0.0) < f and right not in known.get(w, ())]
            for right, f in use.items() if f >= COMMON}
    return data.memo["revealed-candidates"]


def _variants(data) -> dict[str, list[str]]:
    """The common words of the reports -> their one-character variants that are words of formal prose
    (once per linter; kept in the user cache, where the variants of every word would take long to load)."""
    if "common-variants" not in data.memo:
        from wenlint import context
        from wenlint.cache import cached

        common = [w for w, f in register(data)[0].items() if f >= COMMON]
        sources = [context.TABLE] * context.TABLE.exists() + [context.TABLE.parent / "report-words.tsv"]
        data.memo["common-variants"] = cached("common-variants", sources,
                                              lambda: {w: context.variants(w, 0.0) for w in common})
    return data.memo["common-variants"]


@check("spin-revealed", fields=("found", "fix", "margin", "need", "why"))
def spun_revealed(ctx, rule):
    from wenlint import context

    text, found, parts = ctx.text, spin.spans(ctx.hits), ctx.fact("spin-sections")
    for wrong, right, at in ctx.fact("spin-revealed-pairs"):
        if not spin.judged(wrong):
            continue
        section = parts[at]
        scored = []
        start = text.find(wrong, section.title, section.end)
        while start >= 0:
            end = start + len(wrong)
            if not spin.covered(found, start, end):
                scored.append((start, end, context.delta(text, start, end, right)))
                if len(scored) == SAMPLE and sum(m > 0 for *_, m in scored) < SAMPLE_BETTER:
                    break  # the stand-in reads better than the original in most of its first slots
            start = text.find(wrong, end, section.end)
        else:
            for start, end, margin in scored:
                if margin > spin.SPUN_PRESENT:
                    yield spin.report(rule, text, start, end, right, margin, spin.SPUN_PRESENT, section.evidence)
