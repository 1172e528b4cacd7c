"""Run a rule set over a text: mask, repair the view, match, check, filter.

Rules run in two phases. *Repair* rules (``repairs_view = true``: page numbers, half-width
punctuation, entities) run on the text as written; their safe fixes are applied virtually to make the
*view* that every other rule reads, so a word split by a page number (广\\n14、阔) is still seen whole.
Diagnostics from the view are mapped back to offsets in the text as written.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import namedtuple
from operator import attrgetter

from wenlint import formats
from wenlint.checks import CHECKS, CheckContext, CheckData
from wenlint.config import Settings
from wenlint.fixes import View, choose
from wenlint.matching import Matcher, diagnostic, minimal_edit, render_message
from wenlint.model import Diagnostic, Edit, Fix, Rule


_CODE = attrgetter("rule.code")


def _position(d: Diagnostic) -> int:
    """(end, start) as one number that sorts the same: an offset is below 2 ** 63."""
    return d.end << 63 | d.start


class Linter:
    """Lints texts with the rules that ``settings`` select.

    Repair rules and dictionary/pattern rules always run, selected or not: the view and the
    document-level evidence must not depend on what the user chose to see. Selection filters the
    report; check rules of the second phase, the costly ones, run only when selected.
    """

    def __init__(self, rules: list[Rule], settings: Settings, data: CheckData | None = None):
        self.settings = settings
        self.data = data if data is not None else CheckData(rules)
        self.rules = [r for r in rules if settings.selects(r.code)]
        repair = [r for r in rules if r.repairs_view]
        words = [r for r in rules if not r.repairs_view]
        self.phases = [(Matcher(repair), [r for r in repair if r.kind == "check"]),
                       (Matcher(words), [r for r in self.rules if r.kind == "check" and not r.repairs_view])]

    def lint(self, text: str, path: str = "-") -> list[Diagnostic]:
        kind = formats.kind_of(path)
        anchored = self.data.worth_building(text)  # the patterns' anchors (wenlint.anchors)
        masks = formats.masked_spans(text, kind, anchored)
        seen = formats.apply_mask(text, masks)
        first = self._run(0, seen, path, anchored)
        view = View(seen, [e for f in choose(first) for e in f.edits])
        second = self._run(1, view.text, path, anchored)
        if not view.identity:
            second = [_to_original(d, view) for d in second]
        self.data.scanned += len(text)
        return self._filter(first + second, text, masks, formats.suppressions(text, kind), path)

    def _run(self, phase: int, text: str, path: str, anchored: bool) -> list[Diagnostic]:
        matcher, checks = self.phases[phase]
        out, gated = [], []
        seen: dict[tuple, tuple] = {}  # damage repeats (, for ，): _Repair.kept, once per rule, found, fix
        for hit in matcher.hits(text, anchored):
            rule, entry, start, end, new = hit
            found = text[start:end]
            if entry is not None:
                if entry.unspun is not None:
                    gated.append(hit)  # decided once the spinning evidence is known
                    continue
                d = _substitution(hit, text, found, seen)
                if d:
                    out.append(d)
                continue
            repair = _Repair.kept(seen, rule, found, new)
            # diagnostic(rule, start, end, repair.message, [minimal_edit(text, start, end, new)] or None)
            fix = None if new is None or rule.fix == "none" else Fix(rule.fix, (repair.edit(start, end),))
            out.append(Diagnostic(rule, start, end, repair.message, fix))
        ctx = CheckContext(text, path, self.settings, out, self.data)  # checks read the hits, frozen
        if gated:
            # the evidence reads the safe spinning hits, all in (gated entries are unsafe), and non-words,
            # which are never inside a word such as a gated entry's wrong form
            from wenlint.checks.spin import section_at

            out.extend(d for d in (_substitution(hit, text, text[hit.start:hit.end], seen,
                                                 section_at(ctx, hit.start).evidence.spun) for hit in gated) if d)
            ctx.hits = tuple(out)
        for rule in checks:
            out.extend(CHECKS[rule.spec.check].fn(ctx, rule))
        return out

    def _filter(self, diags, text, masks, suppressed, path) -> list[Diagnostic]:
        starts = [s for s, _ in masks]
        allow, per_file = self.settings.allow, path if self.settings.per_file_ignores else None
        lines = None
        keep = {}
        selected: dict[str, bool] = {}  # code -> on for this file
        for d in diags:
            rule, start, end, _, fix = d
            code = rule.code
            on = selected.get(code)
            if on is None:
                on = selected[code] = self.settings.selects(code, per_file)
            if not on:
                continue
            if starts:
                i = bisect_left(starts, end) - 1  # the last masked span starting before the end
                if i >= 0 and masks[i][1] > start:
                    continue
            if allow and _allowed(text, d, allow):
                continue
            if suppressed:
                if lines is None:
                    lines = [m.start() for m in re.finditer("\n", text)]
                if suppressed.covers(code, bisect_right(lines, start - 1) + 1):
                    continue
            # one report per span and rule, and one per span and repair whichever rule found it
            keep.setdefault((start, end, code if fix is None else fix.edits), d)
        out = _drop_inside_boilerplate(keep.values())
        # by end, then start: a diagnostic nested in a longer one is listed first; then by code.
        # Sorted by code, then (the sort is stable) by _position: the order of (end, start, code),
        # twice as fast as sorting by that tuple
        return sorted(sorted(out, key=_CODE), key=_position)


class _Repair(namedtuple("_Repair", "message head tail replacement")):
    """What a hit of a rule on the string ``found`` with the replacement ``new`` reports, wherever it
    is: the rule's message, and the trimming of :func:`minimal_edit` (which reads only ``found`` and
    ``new``): ``head`` and ``tail`` characters kept at each end, the rest replaced by ``replacement``."""

    __slots__ = ()

    @classmethod
    def of(cls, rule: Rule, found: str, new: str | None) -> "_Repair":
        message = render_message(rule, found=found, fix=new or "")
        if new is None:
            return cls(message, 0, 0, None)
        edit = minimal_edit(found, 0, len(found), new)
        return cls(message, edit.start, len(found) - edit.end, edit.replacement)

    @classmethod
    def kept(cls, seen: dict, rule: Rule, found: str, new: str | None) -> "_Repair":
        """:meth:`of`, kept in ``seen`` (one lint's) by rule, found string and replacement."""
        repair = seen.get(key := (id(rule), found, new))
        if repair is None:
            repair = seen[key] = cls.of(rule, found, new)
        return repair

    def edit(self, start: int, end: int) -> Edit:
        """minimal_edit(text, start, end, new), for text[start:end] == found."""
        return Edit(start + self.head, end - self.tail, self.replacement)


def _substitution(hit, text: str, found: str, seen: dict, spun: bool = False) -> Diagnostic | None:
    """A dictionary hit becomes a diagnostic if its word-boundary and context conditions hold. An
    entry with an ``unspun`` margin needs it where the text shows no spinning evidence (``spun``):
    both its forms are words, and without other signs of a spinner the written one is the likelier.
    ``seen`` keeps the :class:`_Repair` of each rule, found string and replacement."""
    entry = hit.entry
    evidence = ""
    need = entry.unspun if entry.unspun is not None and not spun else entry.context
    if need is not None:  # first: the model fails most hits in clean text, and needs no jieba
        from wenlint import context

        floor = need if entry.context is None else max(need, entry.context)
        margin = context.at_least(text, hit.start, hit.end, entry.right, floor)  # the delta, if it reaches the floor
        if margin is None:
            return None
        evidence = f"（语境评分 {margin:+.1f}）"
    if entry.word:
        from wenlint.segment import is_word

        if not is_word(text, hit.start, hit.end):
            return None
    rule = hit.rule
    repair = _Repair.kept(seen, rule, found, entry.right)
    return diagnostic(rule, hit.start, hit.end, repair.message + evidence, [repair.edit(hit.start, hit.end)], entry.fix)


def _to_original(d: Diagnostic, view: View) -> Diagnostic:
    rule, start, end, message, fix = d
    edit = fix.edits[0] if fix and len(fix.edits) == 1 else None
    if (fix is None or edit is not None) and start <= end and (edit is None or edit.start <= edit.end):
        # most diagnostics: far from the view's edits, mapped by one shift (View.shift), as span() would
        shift = view.shift(start, end) if edit is None else view.shift(min(start, edit.start), max(end, edit.end))
        if shift is not None:
            if edit is not None:
                fix = Fix(fix.applicability, (Edit(edit.start + shift, edit.end + shift, edit.replacement),))
            return Diagnostic(rule, start + shift, end + shift, message, fix)
    span = view.span
    start, end = span(start, end)
    if fix:
        edits = fix.edits
        if len(edits) == 1:  # most fixes; often with the diagnostic's span, mapped already
            e = edits[0]
            edits = (Edit(start, end, e.replacement) if e.start == d.start and e.end == d.end
                     else Edit(*span(e.start, e.end), e.replacement),)
        else:
            edits = tuple(Edit(*span(e.start, e.end), e.replacement) for e in edits)
        fix = Fix(fix.applicability, edits)
        if rule.kind == "substitution" and end - start != d.end - d.start:
            start, end = edits[0].start, edits[0].end  # a word split by a repaired page break: mark the edit
    return Diagnostic(rule, start, end, message, fix)


def _drop_inside_boilerplate(diags) -> list[Diagnostic]:
    """Details inside lines that are site furniture as a whole are not worth reporting: a
    diagnostic is dropped if it lies in the block starting last at or before it."""
    blocks = sorted((d.start, d.end) for d in diags if d.rule.category == "boilerplate")
    if not blocks:
        return list(diags)
    starts, ends = [s for s, _ in blocks], [e for _, e in blocks]
    out = []
    for d in diags:
        if d.rule.category != "boilerplate":
            i = bisect_right(starts, d.start) - 1
            if i >= 0 and d.end <= ends[i]:
                continue
        out.append(d)
    return out


def _allowed(text: str, d: Diagnostic, phrases) -> bool:
    """Is the diagnostic inside an occurrence of an allowed phrase?"""
    for phrase in phrases:
        lo = max(0, d.end - len(phrase))
        i = text.find(phrase, lo, d.start + len(phrase))
        while i != -1 and i <= d.start:
            if i + len(phrase) >= d.end:
                return True
            i = text.find(phrase, i + 1, d.start + len(phrase))
    return False
