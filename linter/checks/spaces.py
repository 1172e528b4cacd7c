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

from bisect import bisect_left, bisect_right

from wenlint.checks import check
from wenlint.matching import diagnostic, render_message
from wenlint.model import Edit
from wenlint.patterns import compile_pattern, rx
from wenlint.text import CLAUSE_MARK, HAN_CHAR, NUMBERED, reads_as_title

# GAP skips the space after an article's number that is the whole piece before it (⏎第十二条 本条例…),
# one look-behind per length of the number; law text has one on every line. Skipping it changes nothing:
# the piece is at most 20 columns (第, 8 numerals, 条), so _wrap_width never counts it (a piece under
# MIN_WIDTH) and it is never a wrapped line (within BAND of MIN_WIDTH or more), and _judge reports such a
# space only where it is wrapped or, between Chinese characters, where NUMBERED does not hold the piece
AFTER_ARTICLE = "".join(rf"(?<!(?<![^ \n\r])第[一二三四五六七八九十百千零〇0-9]{{{n}}}[章节条款部篇编] )"
                        for n in range(1, 9))
GAP = compile_pattern(r" (?=[\p{Han}0-9])(?<=[\p{Han}，、0-9] )" + AFTER_ARTICLE)  # one space that may be damage
HEADING = rx(r"\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]"
             r"|第[一二三四五六七八九十百\d]+[章节条款部篇])[^。；！？]*$")
CLAUSE = rx(r"[，。、；：！？]")
AFTER = set("，、")  # a space after these is never Chinese typography (after 。：； it may be a lost break)
SHORT = 8  # characters: a piece this short on both sides of a space is a list, a verse or a table cell
BAND = 0.1  # a wrapped line's width may vary by this share (proportional layout, indents)
MIN_LINES = 3  # lines of one width that make the wrap evidence
MIN_WIDTH = 24  # display columns: narrower "lines" are no page layout
WINDOW = 8  # characters on each side of the space that the segmenter reads
SLOGAN = 24  # characters: a quotation this short, without clause marks, is a name or slogan


class Gap:
    """A space, its line and the pieces of text before and after it (up to the next space or line end)."""

    __slots__ = ("at", "lo", "hi", "before", "after", "width", "texty")

    def __init__(self, at: int, lo: int, hi: int, before: str, after: str, texty: bool):
        self.at, self.lo, self.hi, self.before, self.after, self.texty = at, lo, hi, before, after, texty
        self.width = _width(before)


def _gaps(text: str):
    """Each space that GAP finds (it never matches next to a line break), with its line."""
    lo = hi = -1
    for m in GAP.finditer(text):
        at = m.start()
        if at > hi:  # a new line: from the break before the space (after the last line's end)
            start = max(hi, 0)
            lo = max(text.rfind("\n", start, at), text.rfind("\r", start, at)) + 1
            n = text.find("\n", at)  # to the break after it
            r = text.find("\r", at, n if n >= 0 else len(text))
            hi = r if r >= 0 else n if n >= 0 else len(text)
        nxt = text.find(" ", at + 1, hi)  # the piece after ends at the next space or the line's end
        a = text[at - 1]
        yield Gap(at, lo, hi, text[max(text.rfind(" ", lo, at) + 1, lo):at], text[at + 1:nxt if nxt >= 0 else hi],
                  HAN_CHAR[text[at + 1]] and (HAN_CHAR[a] or a in AFTER))  # texty: between Chinese text


def _width(s: str) -> int:
    """Display columns: a character outside ASCII (Chinese, full-width, curly quotes) takes two."""
    return len(s) + (len(s.encode("utf-8")) - len(s)) // 2


def _cell(piece: str) -> bool:
    """A piece of a list, a verse or a table row: short, without clause punctuation."""
    return len(piece) <= SHORT and not CLAUSE.search(piece)


def _wrap_width(gaps: list[Gap]) -> int | None:
    """The width in columns of a page's lines: at least MIN_LINES spaces between Chinese text (not
    between figures: 6 8 7 万) end pieces of one width (±BAND), and hardly any piece is wider (no
    line of a page is longer than the page is wide)."""
    texty = sorted(g.width for g in gaps if g.texty and g.width >= MIN_WIDTH)
    best, count = None, 0
    for w in texty:  # sorted: the pieces within the band around w are found by bisection
        n = bisect_right(texty, w * (1 + BAND)) - bisect_left(texty, w * (1 - BAND))
        if n > count:
            best, count = w, n
    if count < MIN_LINES or sum(g.width > (1 + BAND) * best for g in gaps) * 5 > count:
        return None
    return best


def _joins_a_word(text: str, at: int, lo: int, hi: int) -> bool:
    """Does deleting the space at ``at`` put its two sides inside one dictionary word (积 极 → 积极),
    rather than between two words (规章 制度)?"""
    from wenlint.segment import may_join, tokenizer

    if not may_join(text[at - 1], text[at + 1]):
        return False  # no dictionary word holds the two characters in a row (no word spans the junction)
    tk = tokenizer()
    left, right = text[max(lo, at - WINDOW):at], text[at + 1:min(hi, at + 1 + WINDOW)]
    if not _word_across(tk.FREQ, left, right):
        return False  # no dictionary word spans the junction: no segmentation can join the sides
    pos = 0
    for token in tk.cut(left + right, HMM=False):
        if pos < len(left) < pos + len(token):
            head, tail = token[:len(left) - pos], token[len(left) - pos:]
            return not (len(head) > 1 and len(tail) > 1 and tk.FREQ.get(head) and tk.FREQ.get(tail))
        pos += len(token)
    return False


def _word_across(freq: dict, left: str, right: str) -> bool:
    """Is there a dictionary word that ends in ``right`` and starts in ``left``? (jieba's prefix
    dictionary holds every prefix of its words, with frequency 0 for those that are none.) The
    segmenter puts a token across the junction only then: most spaces need no segmentation."""
    joined, n = left + right, len(left)
    for k in range(n):
        if joined[k:n] not in freq:
            continue
        for j in range(n + 1, len(joined) + 1):
            f = freq.get(joined[k:j])
            if f is None:
                break
            if f:
                return True
    return False


@check("spurious-space", fields=("found", "where"))
def spurious_spaces(ctx, rule):
    text = ctx.text
    if " " not in text:
        return
    gaps = list(_gaps(text))
    width = _wrap_width(gaps)  # a page has one width: read over the whole document
    for gap in gaps:
        if _cell(gap.before) and _cell(gap.after) or _in_slogan(text, gap):
            continue  # 张三 李四, a verse, a table row; “奋斗有我 国聘行动”
        wrapped = width is not None and abs(gap.width - width) <= BAND * width
        found = _judge(text, gap, wrapped)
        if found:
            where, applicability = found
            at = gap.at
            msg = render_message(rule, found=text[at - 1:at + 2], where=where)
            yield diagnostic(rule, at, at + 1, msg, [Edit(at, at + 1, "")], applicability)


def _in_slogan(text: str, gap: Gap) -> bool:
    """Is the space inside a short quoted name or slogan without clause marks (“奋斗有我 国聘行动”,
    “文化润灾区 感恩共奋进”)? Such names part their halves with a space, as a verse line does."""
    lo = text.rfind("“", gap.lo, gap.at)
    if lo < 0 or "”" in text[lo:gap.at]:
        return False
    hi = text.find("”", gap.at, gap.hi)
    return 0 < hi - lo <= SLOGAN and not CLAUSE_MARK.search(text, lo, hi)


def _parts_a_headline(text: str, gap: Gap) -> bool:
    """Does the space part two phrases of a headline (以军持续袭击加沙 巴方死亡人数超5.6万)? News heads
    use a space for a comma: in a line that reads as a title, a space after a whole word of two
    characters or more (加沙, 领空) parts phrases, and a word across it (沙巴, 空白) is chance. A
    wrap inside a word leaves a piece of it before the space (我们要积 极参加)."""
    from wenlint.segment import boundaries

    before = gap.before
    return (len(before) >= 2 and len(gap.after) >= 2 and reads_as_title(text[gap.lo:gap.hi])
            and len(before) - 1 not in boundaries(before))


def _judge(text: str, gap: Gap, wrapped: bool):
    """(where, applicability) for a damaging space, or None."""
    a, b = text[gap.at - 1], text[gap.at + 1]
    if a in AFTER:
        return "标点后", "safe"
    if HAN_CHAR[a] and HAN_CHAR[b]:
        if NUMBERED.fullmatch(gap.before):
            return None  # 第八十九条 理算机构…: the space after an article's number is the law's layout
        if _joins_a_word(text, gap.at, gap.lo, gap.hi) and (wrapped or not _parts_a_headline(text, gap)):
            return "词语中间", "safe"
        if wrapped and not HEADING.match(gap.before):
            return "折行处", "safe"
        return None
    if wrapped:  # a figure on one side at least
        return "数字旁", "unsafe"
    return None
