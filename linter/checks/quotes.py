"""Quotation marks and brackets that lost their partner.

Chinese double quotes do not nest (inner quotes are ‘’), so an opening “ followed by another “ or
by the end of its paragraph before any ” was never closed. Conversion tools drop the closing ”
(“三个代表重要思想 for “三个代表”重要思想). The check reports the stretch where the ” must go. Where
the document quotes the same words closed elsewhere (“三个代表”), the closing point is known and the
fix is safe; otherwise, as an unsafe fix, it inserts the ” where a quoted name usually ends: before
the head word that the name modifies (活动, 机制, 重要思想 …), before 的/等/和, before a list comma
followed by another quote, or else at the end of the clause.
"""
from __future__ import annotations

import re

from wenlint.checks import check
from wenlint.matching import diagnostic, render_message
from wenlint.model import Edit
from wenlint.patterns import rx

HARD_END = set("。！？!?")  # a quotation may hold clauses separated by ；
SENTENCE_END = HARD_END | set("：:…”’）)】》")
# words that follow a quoted name and are not part of it (“连心工程”建设, “四个尊重”要求)
HEADS = rx(
    r"重要思想|学习教育|学习实践|主题实践|实践活动|活动|建设|机制|制度|要求|精神|现象|事件|理念|观念|战略|"
    r"目标|原则|原那么|方针|口号|称号|标准|模式|格局|主题|阶段|问题|的|等|和|与|、“")
MAX_SPAN = 120


def segments(text: str):
    """(start, end) of paragraphs: a line break ends one only after a finished sentence or before a blank line."""
    start = 0
    for m in re.finditer(r"\n", text):
        i = m.start()
        before = text[i - 1] if i > 0 else "\n"
        if before in SENTENCE_END or before == "\n" or text[i + 1:i + 2] in ("\n", ""):
            yield start, i
            start = i + 1
    yield start, len(text)


def _closing_point(text: str, open_at: int, stop: int) -> int:
    """Where the missing ” most likely goes, between the “ at ``open_at`` and ``stop``."""
    body = text[open_at + 1:stop]
    clause = re.search(r"[，,：:]", body)
    limit = clause.start() if clause else len(body)
    for m in HEADS.finditer(body, 2, limit):
        return open_at + 1 + m.start()
    return open_at + 1 + limit


@check("unclosed-quote")
def unclosed_quotes(ctx, rule):
    text = ctx.text
    if "“" not in text:
        return
    # what the document itself quotes, closed: where such a quotation recurs unclosed, its end is known
    closed = sorted({m.group(1) for m in re.finditer(r"“([^“”\n]{2,40})”", text)}, key=len, reverse=True)
    for seg_start, seg_end in segments(text):
        opened = None
        for m in re.finditer(r"[“”]", text[seg_start:seg_end]):
            at = seg_start + m.start()
            if m.group() == "”":
                opened = None
                continue
            if opened is not None:
                yield _report(ctx, rule, opened, at, closed)
            opened = at
        if opened is not None and not _continued(text, opened, seg_end):
            yield _report(ctx, rule, opened, seg_end, closed)


def _continued(text: str, opened: int, seg_end: int) -> bool:
    """A quotation running over paragraphs opens each one with “ and closes only at its end."""
    line_start = text.rfind("\n", 0, opened) + 1
    return text[line_start:opened].strip() == "" and text[seg_end + 1:seg_end + 2] == "“"


def _report(ctx, rule, opened: int, stop: int, closed: list[str]):
    text = ctx.text
    hard = next((i for i in range(opened + 1, min(stop, opened + MAX_SPAN)) if text[i] in HARD_END), None)
    stop = hard if hard is not None else min(stop, opened + MAX_SPAN)
    known = next((q for q in closed if text.startswith(q, opened + 1) and opened + 1 + len(q) <= stop), None)
    if known:  # the document closes this very quotation elsewhere: the closing point is certain
        point, applicability = opened + 1 + len(known), "safe"
    else:
        point, applicability = _closing_point(text, opened, stop), "unsafe"
    msg = render_message(rule, found=text[opened:point])
    return diagnostic(rule, opened, max(stop, point), msg, [Edit(point, point, "”")], applicability)


PAIRS = {"（": "）", "《": "》", "‘": "’", "【": "】"}
CLOSERS = {v: k for k, v in PAIRS.items()}


@check("unbalanced-bracket", fields=("found", "partner"))
def unbalanced_brackets(ctx, rule):
    text = ctx.text
    if not any(ch in text for ch in (*PAIRS, *CLOSERS)):
        return
    pattern = rx("[" + "".join(PAIRS) + "".join(CLOSERS) + "]")
    for seg_start, seg_end in segments(text):
        stack: list[tuple[str, int]] = []
        for m in pattern.finditer(text, seg_start, seg_end):
            ch, at = m.group(), m.start()
            if ch in PAIRS:
                stack.append((ch, at))
            elif stack and stack[-1][0] == CLOSERS[ch]:
                stack.pop()
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
