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

from wenlint.checks import check, fact
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
MAX_SPAN = 120
CONTINUED = 30  # lines a quotation of several paragraphs (an article and its items) may run on unmarked


def segments(text: str):
    """(start, end) of paragraphs, ``end`` before the line break (``\\n``, ``\\r\\n`` or ``\\r``): a
    line break ends one only after a finished sentence or before a blank line."""
    start = 0
    for m in NEWLINE.finditer(text):
        i, j = m.span()
        before = text[i - 1] if i > 0 else "\n"
        if before in PARAGRAPH_MAY_END or before in "\r\n" or j == len(text) or NEWLINE.match(text, j):
            yield start, i
            start = j
    yield start, len(text)


@fact("paragraphs")
def paragraphs(ctx) -> list[tuple[int, int]]:
    """The paragraphs of the text (:func:`segments`), found once for both checks."""
    return list(segments(ctx.text))


@check("unclosed-quote")
def unclosed_quotes(ctx, rule):
    text = ctx.text
    if "“" not in text:
        return
    # what the document itself quotes, closed: where such a quotation recurs unclosed, its end is known
    closed = {m.group(1) for m in CLOSED.finditer(text)}
    lengths = sorted({len(q) for q in closed}, reverse=True)  # at most 39: the lookup stays linear
    for seg_start, seg_end in ctx.fact("paragraphs"):
        if text.find("“", seg_start, seg_end) < 0:
            continue  # a paragraph that opens no quotation leaves none open
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


def _known_end(text: str, opened: int, stop: int, closed: set, lengths: list[int]) -> int | None:
    """Where the quotation opened at ``opened`` closes, if the document closes the same quoted words
    elsewhere (the longest such words that fit before ``stop``)."""
    n = next((n for n in lengths if opened + 1 + n <= stop and text[opened + 1:opened + 1 + n] in closed), None)
    return None if n is None else opened + 1 + n


def _turned(text: str, opened: int, at: int, seg_end: int, closed: set, lengths: list[int]) -> bool:
    """Is the “ at ``at`` a closing mark turned the wrong way: at the known end of the quotation
    opened before it, with no ” after it before the next “ or the paragraph's end?"""
    if _known_end(text, opened, at, closed, lengths) != at:
        return False
    nxt = text.find("“", at + 1, seg_end)
    return text.find("”", at + 1, nxt if nxt >= 0 else seg_end) < 0


def _report(ctx, rule, opened: int, stop: int, seg_start: int, closed: set, lengths: list[int]):
    text = ctx.text
    stop = min(stop, opened + MAX_SPAN)
    line = NEWLINE.search(text, opened, stop)
    line_end = line.start() if line else stop
    if LATIN.match(text, opened + 1) and not HAN.search(text, opened + 1, line_end):
        return  # an English quotation: Latin typography, not a Chinese quote
    hard = next((i for i in range(opened + 1, stop) if text[i] in SENTENCE_FINAL), None)
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
BRACKET = rx("[" + "".join(PAIRS) + "".join(CLOSERS) + "]")


def _apostrophe(text: str, at: int) -> bool:
    """An English apostrophe (Province’s, masses’, can’t): ’ after a Latin letter."""
    return at > 0 and text[at - 1].isascii() and text[at - 1].isalpha()


@check("unbalanced-bracket", fields=("found", "partner"))
def unbalanced_brackets(ctx, rule):
    text = ctx.text
    if not any(ch in text for ch in (*PAIRS, *CLOSERS)):
        return
    for seg_start, seg_end in ctx.fact("paragraphs"):
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
