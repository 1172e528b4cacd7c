"""Spinning decided in context, with document evidence.

A spinner swapped words for near-synonyms without reading them: 发展→开展, 服务→效劳, 广大→广阔.
Most swapped-in words are real words, so only context tells 经济开展 (wrong) from 开展工作 (right).
Every occurrence of a known pair's wrong form (:mod:`wenlint.checks.spinpairs`: the dictionary's
pairs and rules/spin-pairs.tsv) that the dictionary rules left undecided is scored by the context
model: how much better the clause reads with the original word (the *margin*, log10).

The margin needed depends on what the document says about itself (:class:`Evidence`, computed once
per text from the dictionary's hits, per section of a long text: :data:`wenlint.text.SECTION`): a
spinner replaces every occurrence, so one never-right form (原那么, 假设干, 效劳型), a non-word that an undone
substitution turns into a frequent word (从体, 沉点), or rare stand-ins whose originals are missing
(效劳 again and again, 服务 never; rare in Chinese of every register, not only in formal prose: news
writes 广阔 and 到达 daily) mark a spun text. A text without evidence still gets the strongest
cases: a large margin for a stand-in that Chinese of every register seldom writes.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, namedtuple

from wenlint.checks import check, fact, spinpairs
from wenlint.literals import Literals
from wenlint.matching import diagnostic, minimal_edit, render_message
from wenlint.text import TITLE_LENGTH, reads_as_title, section_cuts, section_of

# margins (log10) the context model must show for a known pair's original, by the evidence
SPUN_MISSING = 2.0  # spun text, and the original word is absent from it
SPUN_MISSING_RARE = -1.0  # ... and the wrong form is one formal prose rarely uses in its own sense
SPUN_PRESENT = 4.0  # spun text, but the body also uses the original word (a rare stand-in needs SPUN_MISSING:
# a spinner may leave one occurrence of the original, where its tool split the words otherwise, and
# formal prose seldom writes the stand-in in its own sense either way)
UNSPUN_RARE = 6.0  # no evidence: only a stand-in rare in formal prose, by a large margin
# a rare stand-in whose original is absent counts once per occurrence; a text is spun when they reach
STAND_INS_NEEDED = 2  # ... in a text of STAND_IN_LENGTH characters or fewer, and proportionally more
STAND_IN_LENGTH = 3000  # in a longer one (a long text may use a rare word now and then)
CONSISTENT_SUM = 8.0  # log10: margins of every occurrence of an absent original's stand-in, added up
NOTE_STRENGTH = 2  # one never-right form lowers the thresholds; the note on the document needs two


def pairs(data) -> spinpairs.Pairs:
    """The spinner pairs of the linter's rules, derived once per linter (and kept in the user cache
    for the shipped packs)."""
    if "spin-pairs" not in data.memo:
        data.memo["spin-pairs"] = _derive(data)
    return data.memo["spin-pairs"]


def _derive(data) -> spinpairs.Pairs:
    from wenlint.packs import data_file, data_lines

    rules = [r for r in data.rules if r.category == "spinning" and r.kind == "substitution"]
    entries = tuple((e.wrong, e.right) for r in rules for e in r.spec.entries)
    table = data_file("spin-pairs.tsv")
    rows = tuple(tuple(line.split("\t")[:3]) for line in data_lines("spin-pairs.tsv"))
    if data.without:
        return spinpairs.derive(entries, rows, data.without)
    from pathlib import Path

    from wenlint import context
    from wenlint.cache import cached

    sources = sorted({Path(r.pack) for r in rules}) + [table, Path(spinpairs.__file__)] + [context.TABLE] * context.TABLE.exists()
    return spinpairs.Pairs(*cached("spin-pairs", sources, lambda: tuple(spinpairs.derive(entries, rows))))


class Evidence(namedtuple("Evidence", "signs non_words stand_ins length")):
    """What a text says about itself. ``signs``: never-right forms found (safe dictionary hits), with
    counts; ``non_words``: strings no word that an undone substitution makes frequent words, with
    counts; ``stand_ins``: (right, wrong, occurrences of wrong) for rare stand-ins (``Pairs.telling``)
    whose original is absent; ``length`` in characters."""

    __slots__ = ()

    @property
    def stand_in_weight(self) -> float:
        """The rare stand-ins' occurrences, against what a text of this length may hold by chance."""
        return sum(n for _, _, n in self.stand_ins) / (STAND_INS_NEEDED * max(1.0, self.length / STAND_IN_LENGTH))

    @property
    def spun(self) -> bool:
        return bool(self.signs or self.non_words) or self.stand_in_weight >= 1.0

    @property
    def strength(self) -> int:
        """Never-right forms and non-words found, occurrences counted."""
        return sum(n for _, n in self.signs + self.non_words)

    def summary(self, most: int = 0) -> str:
        """The evidence in words (its first ``most`` items only, if given)."""
        parts = [f"“{w}”×{n}" for w, n in self.signs + self.non_words]
        parts += [f"无“{r}”而“{w}”×{n}" for r, w, n in self.stand_ins]
        if most and len(parts) > most:
            parts = parts[:most] + ["…"]
        return "，".join(parts)


TITLE = re.compile(r"[ \t\u3000]*([^\n]{%d,%d})\n" % TITLE_LENGTH)  # a first line short enough to be a title


def body(text: str) -> str:
    """The text without its title line. Sharing sites keep a document's title apart from its body, and
    spinners rewrite the body alone (安全生产 in the title, 平安消费 below it): an original word that
    only the title uses is no sign that the body uses it."""
    return text[body_start(text, 0, len(text)):]


def body_start(text: str, lo: int, hi: int) -> int:
    """Where the body of text[lo:hi] starts (:func:`body`), read in place."""
    m = TITLE.match(text, lo, hi)
    return m.end() if m and reads_as_title(m.group(1)) else lo


@fact("spin-word-hits")
def word_hits(ctx) -> tuple[tuple[int, str, tuple[str, ...]], ...]:
    """(start, wrong, rights) of every occurrence of a known pair's wrong word."""
    words = pairs(ctx.data).words
    return tuple((start, key, words[key]) for start, key in ctx.fact("spin-occurrences")[0])


@fact("spin-occurrences")
def occurrences(ctx) -> tuple[tuple[tuple[int, str], ...], tuple[tuple[int, str], ...]]:
    """(start, word) of every occurrence of a word of the pairs' ``words``, and (start, piece) of
    every occurrence of one of their ``pieces`` beside one of its neighbours (:func:`neighbours`: the
    only ones WL109 reads), overlaps included, in one scan: each by end, the longer first."""
    text = ctx.text
    words, pieces, automaton = scanner(ctx.data)
    found = automaton.find(text) if automaton else []
    hits = sorted((end, start - end, words[k]) for k, start, end in found if words[k])
    beside = sorted((end, start - end, p[0]) for k, start, end in found  # p: (piece, before, after)
                    if (p := pieces[k]) and (text[start - 1:start] in p[1] or text[end:end + 1] in p[2]))
    return tuple((end + length, w) for end, length, w in hits), tuple((end + length, p) for end, length, p in beside)


def neighbours(data) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Piece -> (the strings before it, after it) that make, with one of its right strings, a
    two-character string inside a word an undone substitution may yield (``Pairs.restores``); ""
    stands for the text's edge (and a right string that is such a string itself). Per linter."""
    if "spin-piece-neighbours" not in data.memo:
        known = pairs(data)
        near = {w[i:i + 2] for w in known.restores for i in range(len(w) - 1)}
        ahead: dict[str, set[str]] = {}  # character -> the characters before it in a string of ``near``
        behind: dict[str, set[str]] = {}  # ... after it
        for b in near:
            ahead.setdefault(b[1], set()).add(b[0])
            behind.setdefault(b[0], set()).add(b[1])
        found = {}
        for piece, rights in known.pieces.items():
            before, after = set(), set()
            for r in rights:
                if len(r) == 1:  # what the general case below gives for one character
                    before |= ahead.get(r, set())
                    after |= behind.get(r, set())
                else:
                    before |= {b[:-len(r)] for b in near if b.endswith(r)}
                    after |= {b[len(r):] for b in near if b.startswith(r)}
            found[piece] = (frozenset(before), frozenset(after))
        data.memo["spin-piece-neighbours"] = found
    return data.memo["spin-piece-neighbours"]


def scanner(data):
    """(words, pieces, automaton) of the linter's pairs' ``words`` and ``pieces``, built once per
    linter: for key number k, ``words[k]`` is the key if it is a word ("" if not), ``pieces[k]``
    (key, its neighbours before, after) if it is a piece (None if not)."""
    if "spin-scanner" not in data.memo:
        known, near = pairs(data), neighbours(data)
        keys = sorted(set(known.words) | set(known.pieces))
        data.memo["spin-scanner"] = ([k if k in known.words else "" for k in keys],
                                     [(k, *near[k]) if k in known.pieces else None for k in keys],
                                     Literals(keys) if keys else None)
    return data.memo["spin-scanner"]


class Section(namedtuple("Section", "start end title evidence")):
    """text[start:end], a document or a part of a long text, whose body begins at ``title`` (after a
    title line), and what it says about itself."""

    __slots__ = ()


@fact("spin-sections")
def sections(ctx) -> tuple[Section, ...]:
    """The text's sections (:func:`wenlint.text.section_cuts`: one for a short text) with their evidence."""
    text, known = ctx.text, pairs(ctx.data)
    cuts = section_cuts(text)
    safe = [d for d in ctx.hits if d.rule.category == "spinning" and d.fix and d.fix.applicability == "safe"]
    signed = [c for c in ctx.fact("spin-non-words") if c.sign]
    present = {wrong for _, wrong, _ in ctx.fact("spin-word-hits")}
    found, non_words = _per_section(text, cuts, safe), _per_section(text, cuts, signed)
    out = []
    for at, (lo, hi) in enumerate(zip(cuts, cuts[1:])):
        title = body_start(text, lo, hi)
        stand_ins = []
        for wrong in known.telling & present:
            n = text.count(wrong, lo, hi)
            rights = known.words.get(wrong, ())
            if n and rights and not any(text.find(r, title, hi) >= 0 for r in rights):  # r in the body
                stand_ins.append((rights[0], wrong, n))
        ev = Evidence(tuple(sorted(found[at].items())), tuple(sorted(non_words[at].items())),
                      tuple(sorted(stand_ins)), hi - lo)
        out.append(Section(lo, hi, title, ev))
    return tuple(out)


def _per_section(text: str, cuts: list[int], spans) -> list[Counter]:
    """For each section, the strings text[start:end] of the ``spans`` that start in it, counted."""
    out = [Counter() for _ in cuts[1:]]
    for span in spans:
        at = section_of(cuts, span.start)
        if at < len(out):  # not at the text's end (the last cut)
            out[at][text[span.start:span.end]] += 1
    return out


@fact("spin-section-starts")
def section_starts(ctx) -> list[int]:
    """Where each section starts (for :func:`wenlint.text.section_of`)."""
    return [s.start for s in ctx.fact("spin-sections")]


def section_index(ctx, pos: int) -> int:
    """The index of the section that holds offset ``pos``."""
    return section_of(ctx.fact("spin-section-starts"), pos)


def section_at(ctx, pos: int) -> Section:
    """The section that holds offset ``pos``."""
    return ctx.fact("spin-sections")[section_index(ctx, pos)]


@check("spin-document", fields=("evidence",))
def spun_document(ctx, rule):
    for section in ctx.fact("spin-sections"):
        ev = section.evidence
        if ev.strength >= NOTE_STRENGTH or ev.spun and ev.stand_ins:
            yield diagnostic(rule, section.start, section.start, render_message(rule, evidence=ev.summary()))


def spans(hits, category: str = "spinning") -> tuple[list[int], list[int]]:
    """Starts and ends of the hits of ``category``, sorted by start."""
    found = sorted((d.start, d.end) for d in hits if d.rule.category == category)
    return [s for s, _ in found], [e for _, e in found]


def covered(found, start: int, end: int) -> bool:
    starts, ends = found
    i = bisect_left(starts, end)  # spans starting before our end; they are short, look back a few
    for e in ends[i - 4 if i > 4 else 0:i]:  # does one of them end after our start?
        if e > start:
            return True
    return False


def judged(word: str) -> bool:
    """Can the context model judge ``word``? A real word outside its vocabulary (阅历, if formal prose
    never used it) reads as a string of single characters, and any known word beats that by far."""
    from wenlint.checks import lexicon

    return lexicon.known(word) or not lexicon.ever_written(word)


def needed_margin(ev: Evidence, rare: bool, right_present: bool) -> float | None:
    """The margin the context model must exceed for a known pair, or None: not scored at all."""
    if not ev.spun:
        return UNSPUN_RARE if rare else None
    if right_present:
        return SPUN_MISSING if rare else SPUN_PRESENT
    return SPUN_MISSING_RARE if rare else SPUN_MISSING


@check("spin-context", fields=("found", "fix", "margin", "need", "why"))
def spun_in_context(ctx, rule):
    text = ctx.text
    known = pairs(ctx.data)
    if not known.words:
        return
    parts = ctx.fact("spin-sections")
    for (wrong, right, at), found in _scored(ctx, known).items():
        section = parts[at]
        ev = section.evidence
        consistent = _consistent(ev, found) and text.find(right, section.title, section.end) < 0  # not in the body
        for start, margin, need in found:
            if margin > need or consistent and margin > 0:
                yield report(rule, text, start, start + len(wrong), right, margin,
                             need if margin > need else 0.0, ev)


def _scored(ctx, known) -> dict[tuple[str, str, int], list[tuple[int, float, float]]]:
    """(wrong, right, section) -> [(start, margin, margin needed)] for every occurrence of a known
    pair's wrong word that the dictionary left undecided, scored against the right word that reads
    best there, by the evidence of its section."""
    from wenlint import context

    text, found, parts = ctx.text, spans(ctx.hits), ctx.fact("spin-sections")
    present: dict[tuple[int, str], bool] = {}  # (section, right form) -> used in its body (one scan each)
    judgeable: dict[str, bool] = {}  # wrong word -> judged(wrong), asked once each
    out: dict[tuple[str, str, int], list] = {}
    starts, spun = ctx.fact("spin-section-starts"), [part.evidence.spun for part in parts]
    for start, wrong, rights in ctx.fact("spin-word-hits"):
        at = section_of(starts, start)
        section = parts[at]
        # a title line is as the author wrote it: no stand-in is judged there; and no margin is
        # asked of a common stand-in in a text without evidence (needed_margin), where rare means
        # rare in every register (仔细, 到达 are common in news: Pairs.telling)
        rare = wrong in (known.rare if spun[at] else known.telling)
        if start < section.title or not spun[at] and not rare:
            continue
        ev = section.evidence
        if covered(found, start, start + len(wrong)):
            continue
        if wrong not in judgeable:
            judgeable[wrong] = judged(wrong)
        if not judgeable[wrong]:
            continue
        best = None
        for right in rights:
            if (at, right) not in present:
                # right in text[section.title:section.end], without copying the section
                present[at, right] = text.find(right, section.title, section.end) >= 0
            need = needed_margin(ev, rare, present[at, right])
            if need is None:
                continue
            margin = context.delta(text, start, start + len(wrong), right)
            if best is None or margin > best[1]:
                best = (right, margin, need)
        if best:
            out.setdefault((wrong, best[0], at), []).append((start, best[1], best[2]))
    return out


def _consistent(ev: Evidence, found) -> bool:
    """A spinner replaces every occurrence: in a spun text, a stand-in that reads worse than its
    original at every occurrence, by CONSISTENT_SUM in all, is swapped at each (the caller checks
    that the original is absent)."""
    return ev.spun and len(found) >= 2 and all(m > 0 for _, m, _ in found) and \
        sum(m for _, m, _ in found) >= CONSISTENT_SUM


def report(rule, text, start, end, right, margin, need, ev, applicability=None):
    """A diagnostic whose message names the evidence and the margin that decided."""
    why = f"全文洗稿迹象：{ev.summary(3)}" if ev.spun else "洗稿软件常用的罕用替换词"
    msg = render_message(rule, found=text[start:end], fix=right, margin=f"{margin:.1f}", need=f"{need:.1f}",
                         why=why)
    return diagnostic(rule, start, end, msg, [minimal_edit(text, start, end, right)], applicability)
