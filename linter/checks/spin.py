"""Spinning decided in context, with document-level evidence.

A spinner swapped words for near-synonyms without reading them: 发展→开展, 服务→效劳, 广大→广阔.
Most swapped-in words are real words, so only context tells 经济开展 (wrong) from 开展工作 (right).
For each occurrence of a known spinner pair's wrong form (rules/spin-pairs.tsv) that the dictionary
rules left undecided, we ask the context model (linter/context.py) how much better the clause reads
with the original word.

A spinner replaces every occurrence, so a spun document carries two kinds of evidence: forms that
are never right (the safe entries of the spinning dictionary: 原那么, 假设干, 效劳型, 科学开展观) and
very common words that are conspicuously missing while a rare stand-in abounds (no 服务 or 多次 in
thousands of characters, while 效劳 and 屡次 recur). A common stand-in (开展, 方案) proves nothing on
its own: the author may simply have chosen it. Only such a document is scored; in others the dictionary rules decide alone.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter, namedtuple
from functools import lru_cache

from wenlint.checks import check
from wenlint.matching import diagnostic, minimal_edit, render_message

MIN_LENGTH_FOR_ABSENCE = 1500  # characters: a shorter text may simply not need the word
# margins (log10) the context model must show, by what the document says about itself
SPUN_MISSING = 2.5  # spun document, and the original word is absent from it
SPUN_MISSING_RARE = -1.0  # ... and the wrong form is one formal prose rarely uses in its own sense
SPUN_PRESENT = 4.0  # spun document, but the document also uses the original word
# A document without evidence of spinning is left to the dictionary rules: the model alone never
# decides there (its margins on clean text reach 4 and more), and a clean file never loads it.


@lru_cache(maxsize=1)
def known_pairs() -> dict[str, tuple[str, ...]]:
    """wrong form -> right forms, from rules/spin-pairs.tsv."""
    out: dict[str, list[str]] = {}
    for right, wrong, _ in _pair_rows():
        out.setdefault(wrong, []).append(right)
    return {w: tuple(r) for w, r in out.items()}


@lru_cache(maxsize=1)
def rare_in_own_use() -> frozenset[str]:
    """Wrong forms that formal prose seldom uses in their own sense (效劳, 摸索, 屡次)."""
    return frozenset(wrong for _, wrong, use in _pair_rows() if use == "rare")


@lru_cache(maxsize=1)
def _pair_rows() -> list[tuple[str, str, str]]:
    from wenlint.packs import data_file

    data = data_file("spin-pairs.tsv").read_text(encoding="utf-8")
    return [tuple(line.split("\t")[:3]) for line in data.splitlines() if line and not line.startswith("#")]


class Evidence(namedtuple("Evidence", "signs missing")):
    """``signs``: never-right forms found, with counts; ``missing``: (right, wrong, occurrences of
    wrong) for known pairs whose right form is absent."""

    __slots__ = ()

    @property
    def spun(self) -> bool:
        n_signs = sum(n for _, n in self.signs)
        return n_signs >= 2 or (n_signs >= 1 and bool(self.missing)) or len(self.missing) >= 3

    def summary(self) -> str:
        parts = [f"“{w}”×{n}" for w, n in self.signs]
        parts += [f"无“{r}”而“{w}”×{n}" for r, w, n in self.missing]
        return "，".join(parts)


def evidence(text: str, prior) -> Evidence:
    """What the text says about itself: never-right forms (safe dictionary hits) and missing words."""
    signs = Counter(text[d.start:d.end] for d in prior
                    if d.rule.category == "spinning" and d.fix and d.fix.applicability == "safe")
    missing = []
    if len(text) >= MIN_LENGTH_FOR_ABSENCE:
        rare = rare_in_own_use()
        for wrong, rights in known_pairs().items():
            if wrong not in rare:  # a common word's synonym may simply be the author's choice
                continue
            n = text.count(wrong)
            if n >= 2 and not any(r in text for r in rights):
                missing.append((rights[0], wrong, n))
    return Evidence(tuple(sorted(signs.items())), tuple(sorted(missing)))


@check("spin-document", fields=("evidence",))
def spun_document(ctx, rule):
    ev = evidence(ctx.text, ctx.prior)
    if ev.spun:
        yield diagnostic(rule, 0, 0, render_message(rule, evidence=ev.summary()))


@lru_cache(maxsize=1)
def _automaton():
    import ahocorasick

    a = ahocorasick.Automaton()
    for wrong, rights in known_pairs().items():
        a.add_word(wrong, (wrong, rights))
    a.make_automaton()
    return a


def _spans(prior) -> tuple[list[int], list[int]]:
    """Starts and ends of the spinning diagnostics already made, sorted by start."""
    spans = sorted((d.start, d.end) for d in prior if d.rule.category == "spinning")
    return [s for s, _ in spans], [e for _, e in spans]


def _covered(spans, start: int, end: int) -> bool:
    starts, ends = spans
    i = bisect_left(starts, end)  # spans starting before our end; they are short, look back a few
    return any(ends[j] > start for j in range(max(0, i - 4), i))


@check("spin-context", fields=("found", "fix", "margin", "why"))
def spun_in_context(ctx, rule):
    text = ctx.text
    if not evidence(text, ctx.prior).spun:
        return
    from wenlint import context

    spans = _spans(ctx.prior)
    present: dict[str, bool] = {}  # right form -> used in the document (one scan per form, not per hit)
    for last, (wrong, rights) in _automaton().iter(text):
        start = last + 1 - len(wrong)
        if _covered(spans, start, last + 1):
            continue
        for right in rights:
            if right not in present:
                present[right] = right in text
        hit = _known(context, text, start, wrong, rights, present)
        if hit:
            yield _report(rule, text, start, wrong, *hit, "已知洗稿词对，全文有洗稿迹象")


def _known(context, text, start, wrong, rights, present):
    best = None
    for right in rights:
        if present[right]:
            need = SPUN_PRESENT
        else:
            need = SPUN_MISSING_RARE if wrong in rare_in_own_use() else SPUN_MISSING
        margin = context.delta(text, start, start + len(wrong), right)
        if margin > need and (best is None or margin > best[1]):
            best = (right, margin)
    return best


def _report(rule, text, start, wrong, right, margin, why):
    end = start + len(wrong)
    msg = render_message(rule, found=wrong, fix=right, margin=f"{margin:.1f}", why=why)
    return diagnostic(rule, start, end, msg, [minimal_edit(text, start, end, right)])
