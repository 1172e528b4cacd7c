"""Spaces that PDF extraction left inside Chinese text.

A PDF stores lines, not paragraphs: extraction joins the lines of a paragraph with a space, so a
space lands wherever a line ended: inside a word (积 极), between words (向 各位), after a comma, next
to or inside a figure. Chinese puts no space between its characters or after its punctuation, so
such a space is damage; but a space also stands, legitimately or for a lost line break, between a
heading and its text, between names in a list, between the halves of a verse line, and in tables.

Two kinds of evidence tell the damage apart:

- the *word*: joined, the two sides make one word (积极, 民意, 情况), and a space never stands inside
  a word; a join of two words (规章 制度) is no evidence, since a space may stand between words;
- the *wrap*: the document's spaces fall at the ends of lines of one width (display columns, ±10 %),
  as a PDF's do; a space after a line of that width is a line end, one after a shorter line is a
  paragraph or heading break and is left alone.

A space after ， or 、 is damage on its own. (A line never starts with a comma, so a space before
one is no wrap: it marks a deleted word, which the deletion rules read.) Fixes are safe
between Chinese characters and next to punctuation; next to a digit (第1 页, 20 21年) a space can be
a thousands separator or a deliberate spacing, so that fix is unsafe and needs the wrap evidence.
Lines of short pieces (张三 李四 王五, verse, table rows) are left alone.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right

from wenlint.checks import check
from wenlint.matching import diagnostic, render_message
from wenlint.model import Edit
from wenlint.patterns import compile_pattern, rx

GAP = rx(r" (?=\S)(?<=\S )")  # one space between two non-space characters
NEWLINE = rx(r"\r\n|\r|\n")
HAN = compile_pattern(r"\p{Han}")
HEADING = rx(r"\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]"
             r"|第[一二三四五六七八九十百\d]+[章节条款部篇])[^。；！？]*$")
CLAUSE = rx(r"[，。、；：！？]")
AFTER = set("，、")  # a space after these is never Chinese typography (after 。：； it may be a lost break)
SHORT = 8  # characters: a piece this short on both sides of a space is a list, a verse or a table cell
BAND = 0.1  # a wrapped line's width may vary by this share (proportional layout, indents)
MIN_LINES = 3  # lines of one width that make the wrap evidence
MIN_WIDTH = 24  # display columns: narrower "lines" are no page layout
WINDOW = 8  # characters on each side of the space that the segmenter reads


def _width(s: str) -> int:
    """Display columns: full-width and ambiguous-width characters (Chinese quotes) take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in s)


def _lines(text: str):
    """(start, end) of each line."""
    start = 0
    for m in NEWLINE.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _cell(piece: str) -> bool:
    """A piece of a list, a verse or a table row: short, without clause punctuation."""
    return len(piece) <= SHORT and not CLAUSE.search(piece)


def _wrap_width(text: str, gaps: list[int], pieces: list[str]) -> int | None:
    """The width in columns of a page's lines: at least MIN_LINES spaces between Chinese text (not
    between figures: 6 8 7 万) end pieces of one width (±BAND), and hardly any piece is wider (no
    line of a page is longer than the page is wide)."""
    widths = [_width(p) for p in pieces]
    texty = sorted(w for w, at in zip(widths, gaps) if w >= MIN_WIDTH and HAN.match(text[at + 1])
                   and (HAN.match(text[at - 1]) or text[at - 1] in AFTER))
    best, count = None, 0
    for w in texty:  # sorted: the pieces within the band around w are found by bisection
        n = bisect_right(texty, w * (1 + BAND)) - bisect_left(texty, w * (1 - BAND))
        if n > count:
            best, count = w, n
    if count < MIN_LINES or sum(x > (1 + BAND) * best for x in widths) * 5 > count:
        return None
    return best


def _joins_a_word(text: str, at: int, lo: int, hi: int) -> bool:
    """Does deleting the space at ``at`` put its two sides inside one dictionary word (积 极 → 积极),
    rather than between two words (规章 制度)?"""
    from wenlint.segment import tokenizer

    tk = tokenizer()
    left, right = text[max(lo, at - WINDOW):at], text[at + 1:min(hi, at + 1 + WINDOW)]
    pos = 0
    for token in tk.cut(left + right, HMM=False):
        if pos < len(left) < pos + len(token):
            head, tail = token[:len(left) - pos], token[len(left) - pos:]
            return not (len(head) > 1 and len(tail) > 1 and tk.FREQ.get(head) and tk.FREQ.get(tail))
        pos += len(token)
    return False


@check("spurious-space", fields=("found", "where"))
def spurious_spaces(ctx, rule):
    text = ctx.text
    if " " not in text:
        return
    lines = []  # (start, end, the spaces, the pieces between them) of each line with a space
    for lo, hi in _lines(text):
        gaps = [m.start() for m in GAP.finditer(text, lo, hi)]
        if gaps:
            edges = [lo - 1, *gaps, hi]
            lines.append((lo, hi, gaps, [text[a + 1:b] for a, b in zip(edges, edges[1:])]))
    # a page has one width: its evidence is read over the whole document (a line's last piece ends
    # a paragraph, not a page line)
    width = _wrap_width(text, [at for *_, gaps, _ in lines for at in gaps],
                        [p for *_, pieces in lines for p in pieces[:-1]])
    for lo, hi, gaps, pieces in lines:
        for k, at in enumerate(gaps):
            before, after = pieces[k], pieces[k + 1]
            if _cell(before) and _cell(after):
                continue  # 张三 李四, a verse, a table row
            wrapped = width is not None and abs(_width(before) - width) <= BAND * width
            found = _judge(text, at, lo, hi, wrapped, before)
            if found:
                where, applicability = found
                msg = render_message(rule, found=text[at - 1:at + 2], where=where)
                yield diagnostic(rule, at, at + 1, msg, [Edit(at, at + 1, "")], applicability)


def _judge(text: str, at: int, lo: int, hi: int, wrapped: bool, before: str):
    """(where, applicability) for a damaging space at ``at``, or None."""
    a, b = text[at - 1], text[at + 1]
    if a in AFTER and (HAN.match(b) or b.isdigit()):
        return "标点后", "safe"
    if HAN.match(a) and HAN.match(b):
        if _joins_a_word(text, at, lo, hi):
            return "词语中间", "safe"
        if wrapped and not HEADING.match(before):
            return "折行处", "safe"
        return None
    if wrapped and (a.isdigit() and (b.isdigit() or HAN.match(b)) or HAN.match(a) and b.isdigit()):
        return "数字旁", "unsafe"
    return None
