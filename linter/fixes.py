"""Apply fixes: pick non-overlapping ones, edit the text, repeat to a fixed point, and check the
result before anything is written (:func:`verify`).

A fix is never applied if it would split a newline sequence (CR LF) or bring in a newline style the
text does not have, or, given ``encodable``, if the file's encoding cannot hold its replacement.

Also :class:`View`, the text with some edits applied *virtually*, with a map back to the original
offsets, so later rules can read past damage that earlier rules repair.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import namedtuple
from collections.abc import Callable, Iterable
from functools import partial
from operator import itemgetter

from wenlint.model import Diagnostic, Edit, Fix

MAX_PASSES = 10
_SPAN = itemgetter(0, 1)  # an edit's (start, end): the order edits are applied in


def _conflict(a: Edit, b: Edit) -> bool:
    """Edits conflict when they overlap, or insert at the same point, or one inserts inside the other."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


NEWLINE = re.compile(r"\r\n|\r|\n")
UNENCODABLE = "（修复所需字符无法用本文件的编码写出，未修复）/ not fixed: the file's encoding cannot hold the fix"


LONE_LF, LONE_CR = re.compile(r"(?<!\r)\n"), re.compile(r"\r(?!\n)")


def newline_styles(text: str) -> set[str]:
    """The newline sequences ``text`` uses: a subset of {"\r\n", "\n", "\r"}."""
    if "\r" not in text:
        return {"\n"} if "\n" in text else set()
    found = {"\r\n"} if "\r\n" in text else set()
    if LONE_LF.search(text):
        found.add("\n")
    if LONE_CR.search(text):
        found.add("\r")
    return found


def _harms_newlines(text: str, edit: Edit, styles: set[str], group=None) -> bool:
    """Would ``edit`` split a CR LF or make a newline of a style ``text`` does not use, alone or
    beside the edits that ``group()``, if given, says will be applied touching it (``edit`` among
    them, by start: :meth:`_Touching.cluster`)? Together they can make what none makes alone (in
    a⏎\\ra, deleting the last a and appending ⏎ make a CR LF; a deletion between two edits joins
    what they put)."""
    s, e, r = edit
    if ("\r" in r or "\n" in r or "\r" in text[s - 1 if s else 0:s + 1] or "\r" in text[e - 1 if e else 0:e + 1]
            or "\n" in text[s - 1 if s else 0:s + 1] or "\n" in text[e - 1 if e else 0:e + 1]):
        if 0 < s < len(text) and text[s - 1] == "\r" and text[s] == "\n":
            return True
        if 0 < e < len(text) and text[e - 1] == "\r" and text[e] == "\n":
            return True
        if _new_style(text, [edit], styles):
            return True
    edits = group() if group is not None else ()
    return len(edits) > 1 and _new_style(text, edits, styles)


def _new_style(text: str, edits, styles: set[str]) -> bool:
    """Do the touching ``edits`` (by start) make a newline of a style not in ``styles``? Read in the
    stretch they make with a character (a CR LF) on each side."""
    lo, hi = edits[0].start, edits[-1].end
    lo = lo - 2 if text[max(lo - 2, 0):lo] == "\r\n" else max(lo - 1, 0)
    hi = hi + 2 if text[hi:hi + 2] == "\r\n" else hi + 1
    local = apply(text[lo:hi], [Edit(g.start - lo, g.end - lo, g.replacement) for g in edits])
    return not set(NEWLINE.findall(local)) <= styles


def choose(diagnostics: Iterable[Diagnostic], unsafe: bool = False, text: str | None = None,
           encodable: Callable[[str], bool] | None = None) -> list[Fix]:
    """The fixes to apply in one pass: safe ones (and unsafe ones if asked), earliest first,
    skipping any fix that conflicts with one already taken. Given the ``text``, a fix that would
    harm its newlines is held back; given ``encodable``, one whose replacement it rejects. A fix
    held back is not applied, and the fixes that conflict with it are not either."""
    allowed = {"safe", "unsafe"} if unsafe else {"safe"}
    # each fix once, in the order of its first diagnostic: runs already sorted (each rule's hits come
    # by position), which the sort merges four times faster than the random order of a set; and
    # distinct fixes of the same reach keep that order, where a set's (of hashes of str, which
    # differ between processes) made the one taken vary from run to run
    fixes = sorted(dict.fromkeys(d.fix for d in diagnostics if d.fix and d.fix.applicability in allowed), key=_order)
    styles = newline_styles(text) if text is not None else None
    taken: list[Fix] = []
    spans: list[tuple[int, int]] = []  # (start, end) of the edits that hold their span, sorted; they
    edits: list[Edit] = []  # never overlap, so the ends are sorted too (an insertion before an edit it begins)
    applied = _Touching()  # the edits of the fixes taken
    for fix in fixes:
        if _clashes(fix.edits, spans, edits):
            continue
        # a fix held back still holds its span: a lesser fix inside it would garble what it repairs
        # (the ";" of an entity left as it is must not become "；")
        if not ((styles is not None and any(_harms_newlines(text, e, styles, partial(applied.cluster, e, fix.edits))
                                            for e in fix.edits))
                or (encodable is not None and not all(encodable(e.replacement) for e in fix.edits))):
            taken.append(fix)
            if styles is not None:  # only the newline judgement reads them
                applied.add(fix.edits)
        for e in fix.edits:
            span = e[:2]
            if not spans or spans[-1] <= span:  # bisect_right(spans, span) == len(spans): most edits,
                spans.append(span)  # as fixes come by start
                edits.append(e)
            else:
                i = bisect_right(spans, span)
                spans.insert(i, span)
                edits.insert(i, e)
    return taken


def _order(fix: Fix) -> int:
    """(first start, last end) of the fix's edits, the order in which :func:`choose` takes fixes, as
    one number, start << 63 | end, which sorts the same (an end is a str offset, below 2 ** 63) and
    several times faster than the pair."""
    edits = fix.edits
    if len(edits) == 1:  # nearly every fix: the same as min and max below
        e = edits[0]
        return e.start << 63 | e.end
    return min(e.start for e in edits) << 63 | max(e.end for e in edits)


class _Touching:
    """Edits that do not overlap, found by the offsets where they begin and end."""

    def __init__(self):
        self.by_start: dict[int, list[Edit]] = {}
        self.by_end: dict[int, list[Edit]] = {}

    def add(self, edits) -> None:
        for e in edits:
            self.by_start.setdefault(e.start, []).append(e)
            self.by_end.setdefault(e.end, []).append(e)

    def cluster(self, edit: Edit, more=()) -> list[Edit]:
        """``edit`` and the edits, of these and of ``more``, that touch it (one ends where another
        begins), transitively, by start: a stretch of the fixed text that they make together."""
        found, todo = {edit}, [edit]
        while todo:
            e = todo.pop()
            near = [*self.by_end.get(e.start, ()), *self.by_start.get(e.end, ()),
                    *(m for m in more if m.end == e.start or m.start == e.end)]
            for other in near:
                if other not in found:
                    found.add(other)
                    todo.append(other)
        return sorted(found, key=_SPAN)


def _clashes(new: tuple[Edit, ...], spans: list[tuple[int, int]], edits: list[Edit]) -> bool:
    """Does one of the ``new`` edits conflict with a taken edit? Only those starting at or before its
    end can, and of those, only the last ones, down to the first that ends before it begins."""
    for edit in new:
        # the spans starting at or before edit.end: all of them if the last does (most edits)
        i = len(spans) if spans and spans[-1][0] <= edit.end else bisect_left(spans, (edit.end + 1,))
        while i > 0 and edits[i - 1].end >= edit.start:
            i -= 1
            if _conflict(edits[i], edit):
                return True
    return False


def apply(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-conflicting edits; text outside them is copied unchanged."""
    out, pos = [], 0
    for e in sorted(edits, key=_SPAN):
        out += [text[pos:e.start], e.replacement]
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


class FixResult(namedtuple("FixResult", "text passes converged applied diagnostics kept", defaults=((),))):
    """The fixed ``text``; ``passes`` that changed it; whether it ``converged``; fixes ``applied``
    over all passes; the ``diagnostics`` the last lint found in ``text``; and the stretches of the
    original ``kept`` verbatim, as (offset in ``text``, offset in the original, length)."""

    __slots__ = ()


def fix_until_stable(text: str, lint: Callable[[str], list[Diagnostic]], unsafe: bool = False,
                     encodable: Callable[[str], bool] | None = None) -> FixResult:
    """Lint, apply the chosen fixes, and repeat until nothing changes (at most ``MAX_PASSES``).
    ``encodable`` tells which replacements the file's encoding can hold: a fix it rejects is left
    unapplied and its diagnostic says so."""
    applied = 0
    kept = [(0, 0, len(text))] if text else []
    for passes in range(MAX_PASSES + 1):
        diagnostics = lint(text)
        fixes = choose(diagnostics, unsafe, text, encodable)
        edits = sorted((e for f in fixes for e in f.edits), key=_SPAN)
        new = apply(text, edits) if fixes else text
        if new == text or passes == MAX_PASSES:
            if encodable is not None:
                diagnostics = [_unencodable(d) if d.fix and not all(encodable(e.replacement) for e in d.fix.edits)
                               else d for d in diagnostics]
            return FixResult(text, passes, new == text, applied, diagnostics, tuple(kept))
        text, applied, kept = new, applied + len(fixes), _still_kept(kept, edits)


def _unencodable(d: Diagnostic) -> Diagnostic:
    return d._replace(fix=None, message=d.message + UNENCODABLE)


def _still_kept(kept: list, edits: list[Edit]) -> list:
    """The verbatim stretches after ``edits`` (sorted, not overlapping) are applied: each loses what
    an edit replaces, is cut where one inserts, and moves by the growth of the edits before it."""
    ends = [e.end for e in edits]
    shift = [0]
    for e in edits:
        shift.append(shift[-1] + len(e.replacement) - (e.end - e.start))
    out = []
    for cur, orig, n in kept:
        a, b, x = cur, cur + n, cur
        i = bisect_right(ends, a)  # the first edit ending after a
        pieces = []
        while i < len(edits) and edits[i].start < b:
            e = edits[i]
            if e.start == e.end:  # an insertion inside the stretch cuts it
                if e.start > x:
                    pieces.append((x, e.start))
                    x = e.start
            else:
                if e.start > x:
                    pieces.append((x, e.start))
                x = max(x, e.end)
            i += 1
        if x < b:
            pieces.append((x, b))
        for p, q in pieces:
            out.append((p + shift[bisect_right(ends, p)], orig + p - a, q - p))
    return out


def verify(original: str, result: FixResult, masked: list[tuple[int, int]]) -> str | None:
    """The check before a fixed file is written: every stretch kept is the original's text, in
    order; every masked span (code, URLs, tags) lies whole in one kept stretch; no newline style is
    new. Returns what is wrong, or None."""
    fixed, at_cur, at_orig = result.text, 0, 0
    for cur, orig, n in result.kept:
        if cur < at_cur or orig < at_orig or fixed[cur:cur + n] != original[orig:orig + n]:
            return f"text outside the fixes changed (near offset {orig})"
        at_cur, at_orig = cur + n, orig + n
    origins = [orig for _, orig, _ in result.kept]
    for s, e in masked:
        i = bisect_right(origins, s) - 1
        if i < 0 or e > origins[i] + result.kept[i][2]:
            return f"a fix touched masked text (code, URL or tag) at offset {s}"
    if not newline_styles(fixed) <= newline_styles(original):
        return "a fix changed the newline style"
    return None


class View:
    """``text`` with ``edits`` applied, and the way back to the original offsets."""

    def __init__(self, original: str, edits: list[Edit]):
        edits = sorted(edits, key=_SPAN)
        self.identity = not edits
        self.text = apply(original, edits) if edits else original
        # Anchors: (view start, original start, original end, view length), one per verbatim run
        # and per edit, but none for an empty run or an edit that inserts nothing
        self._view_starts: list[int] = []
        self._anchors: list[tuple[int, int, int, int]] = []
        self._last = 0  # the index of the anchor found last (to_original)
        starts, anchors = self._view_starts, self._anchors
        pos = vpos = 0
        for start, end, replacement in edits:
            if start != pos:  # the verbatim run before the edit
                starts.append(vpos)
                anchors.append((vpos, pos, start, start - pos))
                vpos += start - pos
            if replacement or start != end:
                starts.append(vpos)
                anchors.append((vpos, start, end, len(replacement)))
                vpos += len(replacement)
            pos = end
        if pos != len(original):
            starts.append(vpos)
            anchors.append((vpos, pos, len(original), len(original) - pos))

    def to_original(self, offset: int, is_end: bool = False) -> int:
        """Map a view offset to the original text. A start maps to the first original character it
        stands for, an end to just after the last one; inside replaced text both go to its edges."""
        if self.identity:
            return offset
        vstart, ostart, oend, vlen = self._anchor(offset - 1 if is_end and offset else offset)
        if oend - ostart == vlen:  # verbatim run, or a same-length replacement: map one to one
            return ostart + (offset - vstart if offset - vstart < vlen else vlen)
        if is_end:
            return oend if offset > vstart else ostart
        return ostart if offset < vstart + vlen or vlen == 0 else oend

    def shift(self, lo: int, hi: int) -> int | None:
        """What to add to every offset from ``lo`` to ``hi`` to map it, as a start or as the end of
        a span beginning there, when they all lie in one stretch mapped one to one (a verbatim run or
        a same-length replacement), before its end; else None. (Such a start maps by to_original's
        first case, and so does such an end, by the anchor of the offset before it, the same one.)"""
        if self.identity:
            return 0
        vstart, ostart, oend, vlen = self._anchor(lo)
        return ostart - vstart if oend - ostart == vlen and vstart <= lo and hi < vstart + vlen else None

    def _anchor(self, at: int) -> tuple[int, int, int, int]:
        """The last anchor starting at or before view offset ``at`` (the first if none does): the one
        found last, if it still is (the offsets of a diagnostic and of its edits are near each
        other), else by bisection."""
        starts, i = self._view_starts, self._last
        if not (starts[i] <= at and (i + 1 == len(starts) or at < starts[i + 1])):
            i = bisect_right(starts, at) - 1
            self._last = i = i if i > 0 else 0
        return self._anchors[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a view span to the original; an empty span stays empty."""
        if start == end:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end, is_end=True)
