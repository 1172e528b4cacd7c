"""Quotation marks and brackets that lost their partner.

Chinese double quotes do not nest (inner quotes are ‘’), so an opening “ followed by another “ or
by the end of its paragraph before any ” was never closed. Conversion tools drop the closing ”
(“三个代表重要思想 for “三个代表”重要思想). Where the document quotes the same words closed
elsewhere (“三个代表”), the closing point is known and the fix is safe. A quoted sentence (after ：,
说 or 道, or opening a sentence) ends after its 。！？: that insertion is offered as unsafe. Anywhere
else the closing point is a guess, so the check reports the stretch where the ” belongs and offers no
fix. Quotations of Latin-script text follow English usage and are left alone, as are English
apostrophes (Province’s, masses’), which are no closing ’.
"""
from __future__ import annotations

import re

from wenlint.checks import check
from wenlint.matching import diagnostic, render_message
from wenlint.model import Edit
from wenlint.patterns import rx
from wenlint.text import HAN, PARAGRAPH_MAY_END, SENTENCE_FINAL

NEWLINE = rx(r"\r\n|\r|\n")
CLOSED = rx(r"“([^“”\r\n]{2,40})”")
QUOTE_MARK = rx("[“”]")
CLAUSE = rx(r"[，,：:；;]")
SPEECH = set("：:说道")  # a quotation after these is a quoted sentence: 他说：“……。”
LATIN = rx(r"[A-Za-z]")
FINAL = rx("[" + re.escape("".join(sorted(SENTENCE_FINAL))) + "]")  # one of SENTENCE_FINAL
MAX_SPAN = 120
CONTINUED = 30  # lines a quotation of several paragraphs (an article and its items) may run on unmarked


def _ends_paragraph(text: str, i: int, j: int) -> bool:
    """Does the line break ``text[i:j]`` (``\\n``, ``\\r\\n`` or ``\\r``) end a paragraph? It does only
    after a finished sentence or before or after a blank line (or at the text's end)."""
    before = text[i - 1] if i > 0 else "\n"
    return before in PARAGRAPH_MAY_END or before in "\r\n" or j == len(text) or text[j] in "\r\n"


def _paragraph(text: str, at: int, lo: int) -> tuple[int, int]:
    """(start, end) of the paragraph holding ``at`` (no line break), ``end`` before its line break.
    ``lo`` is 0 or the end of an earlier paragraph, where the search back stops: both checks read only
    the paragraphs holding a mark they check, in order, and each line between them is passed by a
    ``find`` or a pattern, in C."""
    start = lo  # no line break after lo ends a paragraph before `at`
    n, r = text.rfind("\n", lo, at), text.rfind("\r", lo, at)  # the last of each kind, kept till passed
    while max(n, r) >= lo:
        k = max(n, r)
        i = k - 1 if text[k] == "\n" and k > lo and text[k - 1] == "\r" else k  # \r\n is one break
        if _ends_paragraph(text, i, k + 1):
            start = k + 1
            break
        n = text.rfind("\n", lo, i) if n >= i else n
        r = text.rfind("\r", lo, i) if r >= i else r
    for m in NEWLINE.finditer(text, at):
        if _ends_paragraph(text, *m.span()):
            return start, m.start()
    return start, len(text)


@check("unclosed-quote")
def unclosed_quotes(ctx, rule):
    text = ctx.text
    if "“" not in text:
        return
    # what the document itself quotes, closed: where such a quotation recurs unclosed, its end is known
    closed = {m.group(1) for m in CLOSED.finditer(text)}
    lengths = _lengths_by_start(closed)
    seg_end = 0
    # a paragraph that opens no quotation leaves none open: only those that hold a “ are read
    while (first := text.find("“", seg_end)) >= 0:
        seg_start, seg_end = _paragraph(text, first, seg_end)
        marks = [(m.start(), m.group()) for m in QUOTE_MARK.finditer(text, seg_start, seg_end)]
        opened, i = None, 0
        while i < len(marks):
            at, mark = marks[i]
            i += 1
            if mark == "”":
                opened = None
            elif opened is None:
                opened = at
            elif [m for _, m in marks[i:i + 2]] == ["”", "”"]:
                opened, i = None, i + 2  # “…“…”…”: a quotation nested with the wrong marks, closed
            elif text[at - 1] in "\r\n":
                opened = at  # the quotation goes on in a new paragraph, which opens with “ again
            elif _turned(text, opened, at, seg_end, closed, lengths):
                # “锆石“导弹: the second mark stands where the document closes 锆石 and closes nothing
                # after it: it is the ” written the wrong way round
                msg = render_message(rule, found=text[opened:at])
                yield diagnostic(rule, opened, at + 1, msg, [Edit(at, at + 1, "”")], "safe")
                opened = None
            else:
                yield from _report(ctx, rule, opened, at, seg_start, closed, lengths)
                opened = at
        if opened is not None and not _continued(text, seg_end):
            yield from _report(ctx, rule, opened, seg_end, seg_start, closed, lengths)


def _continued(text: str, seg_end: int) -> bool:
    """A quotation running over paragraphs closes only at the last: each later one opens with “ (the
    standard form), or, as amendments quote an article of several paragraphs (将第十五条修改为：“…。),
    none does, and one of the next CONTINUED lines, before a blank one, ends the quotation with ”
    before opening any."""
    m = NEWLINE.match(text, seg_end)
    if m is None:
        return False
    if text[m.end():m.end() + 1] == "“":
        return True
    pos = m.end()
    for _ in range(CONTINUED):
        nl = NEWLINE.search(text, pos)
        end = nl.start() if nl else len(text)
        opens, closes = text.find("“", pos, end), text.find("”", pos, end)
        if closes >= 0 and (opens < 0 or closes < opens):
            return True
        if opens >= 0 or nl is None or not text[pos:end].strip():
            return False
        pos = nl.end()
    return False


def _lengths_by_start(closed: set[str]) -> dict[str, list[int]]:
    """The lengths of the closed quotations (two to forty characters), longest first, by their first
    two characters: a quotation that starts with no such two has no known end, found with one lookup."""
    lengths: dict[str, set[int]] = {}
    for q in closed:
        lengths.setdefault(q[:2], set()).add(len(q))
    return {start: sorted(ns, reverse=True) for start, ns in lengths.items()}


def _known_end(text: str, opened: int, stop: int, closed: set, lengths: dict[str, list[int]]) -> int | None:
    """Where the quotation opened at ``opened`` closes, if the document closes the same quoted words
    elsewhere (the longest such words that fit before ``stop``)."""
    start = opened + 1
    n = next((n for n in lengths.get(text[start:start + 2], ()) if start + n <= stop and text[start:start + n] in closed),
             None)
    return None if n is None else start + n


def _turned(text: str, opened: int, at: int, seg_end: int, closed: set, lengths: dict[str, list[int]]) -> bool:
    """Is the “ at ``at`` a closing mark turned the wrong way: at the known end of the quotation
    opened before it, with no ” after it before the next “ or the paragraph's end?"""
    if _known_end(text, opened, at, closed, lengths) != at:
        return False
    nxt = text.find("“", at + 1, seg_end)
    return text.find("”", at + 1, nxt if nxt >= 0 else seg_end) < 0


def _report(ctx, rule, opened: int, stop: int, seg_start: int, closed: set, lengths: dict[str, list[int]]):
    text = ctx.text
    stop = min(stop, opened + MAX_SPAN)
    line = NEWLINE.search(text, opened, stop)
    line_end = line.start() if line else stop
    if LATIN.match(text, opened + 1) and not HAN.search(text, opened + 1, line_end):
        return  # an English quotation: Latin typography, not a Chinese quote
    final = FINAL.search(text, opened + 1, stop)
    hard = final.start() if final else None
    stop = hard if hard is not None else stop
    known = _known_end(text, opened, stop, closed, lengths)
    edit, applicability = None, None
    if known is not None:  # the document closes this very quotation elsewhere: the closing point is certain
        point = known
        edit, applicability = Edit(point, point, "”"), "safe"
    elif hard is not None and _quotes_a_sentence(text, opened, seg_start):
        point = hard + 1
        while point < len(text) and text[point] in SENTENCE_FINAL:
            point += 1
        edit, applicability = Edit(point, point, "”"), "unsafe"
    else:
        clause = CLAUSE.search(text, opened + 1, stop)
        point = clause.start() if clause else stop
    msg = render_message(rule, found=text[opened:point])
    yield diagnostic(rule, opened, max(stop, point), msg, [edit] if edit else None, applicability)


def _quotes_a_sentence(text: str, opened: int, seg_start: int) -> bool:
    """Does the “ open a quoted sentence: after ：/说/道, or at the start of a sentence?"""
    i = opened
    while i > seg_start and text[i - 1] in " \t\u3000":
        i -= 1
    return i == seg_start or text[i - 1] in SPEECH or text[i - 1] in SENTENCE_FINAL or text[i - 1] in "\r\n"


PAIRS = {"（": "）", "《": "》", "‘": "’", "【": "】"}
CLOSERS = {v: k for k, v in PAIRS.items()}
BRACKETS = "".join(PAIRS) + "".join(CLOSERS)
BRACKET = rx(f"[{BRACKETS}]")


def _all_but(chars: str) -> str:
    """A character class of every character but ``chars``, written as ranges: ``re`` tests a character
    against a few ranges several times faster than against a negated set of literals."""
    ranges, lo = [], 0
    for c in sorted(map(ord, chars)):
        if c > lo:
            ranges.append(f"\\U{lo:08x}-\\U{c - 1:08x}")
        lo = c + 1
    return "[" + "".join(ranges) + f"\\U{lo:08x}-\\U0010ffff]"


_IN_LINE = _all_but(BRACKETS + "\r\n")
# the text up to the first bracket that is not one of a pair closed on its line with no bracket inside
# (（一）, 《条例》): such a pair leaves the brackets around it as they were (its closer finds its opener on
# top), so a paragraph without any other bracket reports nothing
PAIRED = rx(f"(?:{_all_but(BRACKETS)}+|" + "|".join(f"{o}{_IN_LINE}*{c}" for o, c in PAIRS.items()) + ")*")


def _apostrophe(text: str, at: int) -> bool:
    """An English apostrophe (Province’s, masses’, can’t): ’ after a Latin letter."""
    return at > 0 and text[at - 1].isascii() and text[at - 1].isalpha()


@check("unbalanced-bracket", fields=("found", "partner"))
def unbalanced_brackets(ctx, rule):
    text = ctx.text
    seg_end = 0
    # only a paragraph with a bracket outside such pairs is read: PAIRED skips to the next one
    while (first := PAIRED.match(text, seg_end).end()) < len(text):
        seg_start, seg_end = _paragraph(text, first, seg_end)
        stack: list[tuple[str, int]] = []
        for m in BRACKET.finditer(text, seg_start, seg_end):
            ch, at = m.group(), m.start()
            if ch in PAIRS:
                stack.append((ch, at))
            elif stack and stack[-1][0] == CLOSERS[ch]:
                stack.pop()
            elif ch == "’" and _apostrophe(text, at):
                continue
            elif any(opener == CLOSERS[ch] for opener, _ in stack):
                while stack[-1][0] != CLOSERS[ch]:  # the openers skipped over were never closed
                    yield _bracket(rule, *stack.pop())
                stack.pop()
            else:
                yield _bracket(rule, ch, at)
        for ch, at in stack:
            yield _bracket(rule, ch, at)


def _bracket(rule, ch: str, at: int):
    partner = PAIRS.get(ch) or CLOSERS[ch]
    return diagnostic(rule, at, at + 1, render_message(rule, found=ch, partner=partner))
