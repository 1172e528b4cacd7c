"""Run a rule set over a text: mask, repair the view, match, check, filter.

Rules run in two phases. *Repair* rules (``repairs_view = true``: page numbers, half-width
punctuation, entities) run on the text as written; their safe fixes are applied virtually to make the
*view* that every other rule reads, so a word split by a page number (广\\n14、阔) is still seen whole.
Diagnostics from the view are mapped back to offsets in the text as written.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from operator import attrgetter

from wenlint import formats
from wenlint.checks import CHECKS, CheckContext, CheckData
from wenlint.config import Settings
from wenlint.fixes import View, choose
from wenlint.matching import Matcher, diagnostic, minimal_edit, render_message
from wenlint.model import Diagnostic, Edit, Fix, Rule


_REPORT_ORDER = attrgetter("end", "start", "rule.code")  # (d.end, d.start, d.rule.code)


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
                       (Matcher(words), [r for r in self.rules if r.kind == "check" and r in words])]

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
        messages: dict[tuple, str] = {}  # (rule, found, fix) -> message: damage repeats (, for ，)
        for hit in matcher.hits(text, anchored):
            found = text[hit.start:hit.end]
            if hit.entry is not None:
                if hit.entry.unspun is not None:
                    gated.append(hit)  # decided once the spinning evidence is known
                    continue
                d = _substitution(hit, text, found)
                if d:
                    out.append(d)
                continue
            rule, new = hit.rule, hit.replacement
            message = messages.get(key := (id(rule), found, new))
            if message is None:
                message = messages[key] = render_message(rule, found=found, fix=new or "")
            edits = [minimal_edit(text, hit.start, hit.end, new)] if new is not None else None
            out.append(diagnostic(rule, hit.start, hit.end, message, edits))
        ctx = CheckContext(text, path, self.settings, out, self.data)  # checks read the hits, frozen
        if gated:
            # the evidence reads the safe spinning hits, all in (gated entries are unsafe), and non-words,
            # which are never inside a word such as a gated entry's wrong form
            from wenlint.checks.spin import section_at

            out.extend(d for d in (_substitution(hit, text, text[hit.start:hit.end],
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
        # by end, then start: a diagnostic nested in a longer one is listed first
        return sorted(out, key=_REPORT_ORDER)


def _substitution(hit, text: str, found: str, spun: bool = False) -> Diagnostic | None:
    """A dictionary hit becomes a diagnostic if its word-boundary and context conditions hold. An
    entry with an ``unspun`` margin needs it where the text shows no spinning evidence (``spun``):
    both its forms are words, and without other signs of a spinner the written one is the likelier."""
    entry = hit.entry
    evidence = ""
    need = entry.unspun if entry.unspun is not None and not spun else entry.context
    if need is not None:  # first: the model fails most hits in clean text, and needs no jieba
        from wenlint import context

        margin = context.delta(text, hit.start, hit.end, entry.right)
        if margin < need or entry.context is not None and margin < entry.context:
            return None
        evidence = f"（语境评分 {margin:+.1f}）"
    if entry.word:
        from wenlint.segment import is_word

        if not is_word(text, hit.start, hit.end):
            return None
    edit = minimal_edit(text, hit.start, hit.end, entry.right)
    message = render_message(hit.rule, found=found, fix=entry.right) + evidence
    return diagnostic(hit.rule, hit.start, hit.end, message, [edit], entry.fix)


def _to_original(d: Diagnostic, view: View) -> Diagnostic:
    rule, start, end, message, fix = d
    span = view.span
    start, end = span(start, end)
    if fix:
        edits = tuple(Edit(*span(e.start, e.end), e.replacement) for e in fix.edits)
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
