"""Chinese punctuation read as its ASCII look-alike by OCR: 。 as . (WL704), （） half ASCII (WL705)."""
from __future__ import annotations

import re

from wenlint.checks import check
from wenlint.text import LINE_MAY_END_PARAGRAPH
from wenlint.matching import replacement
from wenlint.patterns import compile_pattern, rx

# a full stop between Chinese: after a Chinese character or closing mark, before a Chinese character,
# opening mark, or the end of the line; never in a run of dots (ellipsis ...)
PERIOD = compile_pattern(r"\.(?<=[\p{Han}”’）》」』】]\.)(?=[\p{Han}“‘（《「『【]|[ \t]*(?:\n|$))")
LIST_NUMBER = rx(r"(?:^|\n)[ \t]*第?[一二三四五六七八九十百]+[章节条款部篇]?$")
LIST_PAREN = rx(r"(?:^|\n)[ \t]*[0-9A-Za-z]{1,2}$")
PAREN_OR_BREAK = rx(r"[()（）\n]")
OPEN, CLOSE = rx(r"\("), rx(r"\)")  # two scans for one character each: faster than one for the class [()]
# a line break that ends a paragraph (as _ends_paragraph has it, past the start of the text)
PARAGRAPH_END = rx(r"\n(?<=[%s\n]\n)" % "".join(map(re.escape, sorted(LINE_MAY_END_PARAGRAPH))))
OPTIONS = {"span": 60}  # characters between the two parentheses of a pair, at most


@check("ocr-period", fields=("found", "fix"))
def period(ctx, rule):
    text = ctx.text
    if "." not in text:
        return
    for m in PERIOD.finditer(text):
        at = m.start()
        if LIST_NUMBER.search(text, max(0, at - 8), at):
            continue  # 一.总则: a list number, whose mark is 、
        yield replacement(rule, text, at, at + 1, "。")


def _ends_paragraph(text: str, i: int) -> bool:
    """Does the line break at ``i`` end a paragraph (after a mark that may end one, or a blank line)?"""
    return i == 0 or text[i - 1] in LINE_MAY_END_PARAGRAPH or text[i - 1] == "\n"


def _paragraphs_with_ascii_paren(text: str):
    """(start, end) of the paragraphs (as :func:`mixed_parens` clears its stack) that hold an ASCII
    parenthesis, their final line break included: the only ones where it can find a pair."""
    end = 0
    for at in sorted([m.start() for m in OPEN.finditer(text)] + [m.start() for m in CLOSE.finditer(text)]):
        if at < end:
            continue
        start = text.rfind("\n", 0, at)
        while start > 0 and not _ends_paragraph(text, start):
            start = text.rfind("\n", 0, start)
        m = PARAGRAPH_END.search(text, at)  # the first line break from ``at`` on that ends a paragraph
        end = m.end() if m else len(text)
        yield start + 1, end


def mixed_parens(text: str, span: int = OPTIONS["span"]):
    """(offset, found, fix): an ASCII parenthesis whose partner is full-width: （扩大) → （扩大）."""
    for lo, hi in _paragraphs_with_ascii_paren(text):
        yield from _mixed_pairs(text, lo, hi, span)


def _mixed_pairs(text: str, lo: int, hi: int, span: int):
    stack: list[tuple[int, str]] = []
    for m in PAREN_OR_BREAK.finditer(text, lo, hi):
        i, ch = m.start(), m.group()
        if ch in "(（":
            stack.append((i, ch))
        elif ch in ")）":
            if not stack or ch == ")" and LIST_PAREN.search(text, max(0, i - 4), i):
                continue  # 1) a) are list markers, not halves of a pair
            j, opener = stack.pop()
            if i - j > span or "\n\n" in text[j:i]:
                continue
            if opener == "（" and ch == ")":
                yield i, ")", "）"
            elif opener == "(" and ch == "）":
                yield j, "(", "（"
        elif ch == "\n" and _ends_paragraph(text, i):
            stack.clear()  # a paragraph ends; a line break inside a sentence may be a hard wrap


@check("ocr-mixed-parenthesis", options=OPTIONS, fields=("found", "fix"))
def mixed_parenthesis(ctx, rule):
    text = ctx.text
    if "(" not in text and ")" not in text:
        return
    span = rule.spec.options["span"]
    for at, _, right in mixed_parens(text, span):
        yield replacement(rule, text, at, at + 1, right)
