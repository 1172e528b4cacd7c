"""Apply fixes: pick non-overlapping ones, edit the text, repeat to a fixed point.

Also :class:`View`, the text with some edits applied *virtually*, with a map back to the original
offsets, so later rules can read past damage that earlier rules repair.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import namedtuple
from collections.abc import Callable, Iterable

from wenlint.model import Diagnostic, Edit, Fix

MAX_PASSES = 10


def _conflict(a: Edit, b: Edit) -> bool:
    """Edits conflict when they overlap, or insert at the same point, or one inserts inside the other."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def choose(diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> list[Fix]:
    """The fixes to apply in one pass: safe ones (and unsafe ones if asked), earliest first,
    skipping any fix that conflicts with one already taken."""
    allowed = {"safe", "unsafe"} if unsafe else {"safe"}
    fixes = sorted({d.fix for d in diagnostics if d.fix and d.fix.applicability in allowed},
                   key=lambda f: (min(e.start for e in f.edits), max(e.end for e in f.edits)))
    taken: list[Fix] = []
    starts: list[int] = []  # starts of the taken edits, sorted; they never overlap, so ends are sorted too
    edits: list[Edit] = []
    for fix in fixes:
        if any(_clashes(e, starts, edits) for e in fix.edits):
            continue
        taken.append(fix)
        for e in fix.edits:
            i = bisect_right(starts, e.start)
            starts.insert(i, e.start)
            edits.insert(i, e)
    return taken


def _clashes(edit: Edit, starts: list[int], edits: list[Edit]) -> bool:
    """Does ``edit`` conflict with a taken edit? Only those starting before its end can."""
    i = bisect_right(starts, edit.end)
    while i > 0 and edits[i - 1].end >= edit.start:
        i -= 1
        if _conflict(edits[i], edit):
            return True
    return False


def apply(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-conflicting edits; text outside them is copied unchanged."""
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out += [text[pos:e.start], e.replacement]
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


class FixResult(namedtuple("FixResult", "text passes converged applied diagnostics")):
    """The fixed ``text``; ``passes`` that changed it; whether it ``converged``; fixes ``applied``
    over all passes; the ``diagnostics`` the last lint found in ``text``."""

    __slots__ = ()


def fix_until_stable(text: str, lint: Callable[[str], list[Diagnostic]], unsafe: bool = False) -> FixResult:
    """Lint, apply the chosen fixes, and repeat until nothing changes (at most ``MAX_PASSES``)."""
    applied = 0
    for passes in range(MAX_PASSES + 1):
        diagnostics = lint(text)
        fixes = choose(diagnostics, unsafe)
        new = apply(text, [e for f in fixes for e in f.edits]) if fixes else text
        if new == text:
            return FixResult(text, passes, True, applied, diagnostics)
        if passes == MAX_PASSES:
            return FixResult(text, passes, False, applied, diagnostics)
        text, applied = new, applied + len(fixes)


class View:
    """``text`` with ``edits`` applied, and the way back to the original offsets."""

    def __init__(self, original: str, edits: list[Edit]):
        edits = sorted(edits, key=lambda e: (e.start, e.end))
        self.identity = not edits
        self.text = apply(original, edits) if edits else original
        # Anchors: (view offset, original offset, length of a verbatim run or -1 for replaced text)
        self._view_starts: list[int] = []
        self._anchors: list[tuple[int, int, int, int]] = []  # view start, orig start, orig end, view len
        pos = vpos = 0
        for e in edits:
            self._add(vpos, pos, e.start, e.start - pos)
            vpos += e.start - pos
            self._add(vpos, e.start, e.end, len(e.replacement))
            vpos += len(e.replacement)
            pos = e.end
        self._add(vpos, pos, len(original), len(original) - pos)

    def _add(self, vstart: int, ostart: int, oend: int, vlen: int) -> None:
        if vlen or ostart != oend:
            self._view_starts.append(vstart)
            self._anchors.append((vstart, ostart, oend, vlen))

    def to_original(self, offset: int, is_end: bool = False) -> int:
        """Map a view offset to the original text. A start maps to the first original character it
        stands for, an end to just after the last one; inside replaced text both go to its edges."""
        if self.identity:
            return offset
        i = bisect_right(self._view_starts, offset - 1 if is_end and offset else offset) - 1
        i = max(i, 0)
        vstart, ostart, oend, vlen = self._anchors[i]
        if oend - ostart == vlen:  # verbatim run, or a same-length replacement: map one to one
            return ostart + min(offset - vstart, vlen)
        if is_end:
            return oend if offset > vstart else ostart
        return ostart if offset < vstart + vlen or vlen == 0 else oend

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a view span to the original; an empty span stays empty."""
        if start == end:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end, is_end=True)
