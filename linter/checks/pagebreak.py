"""Page furniture that PDF extraction left in the running text.

Extraction puts the page number (``N、``) at each page break, often inside a word
(贯彻落实十\\n2、七大精神). Such numbers form a running sequence 1、2、3、… at regular distances, and
most of them interrupt a sentence. A real list (1、…2、…) starts its items after a finished sentence
and at irregular distances: it does not fire. In a short text one page number is all there is: a
``N、`` that interrupts a sentence with no item N-1 before it, or a lone ``1、`` before the title, is
no list item. Footers (第1页共4页) sit anywhere in the text, and a line break of the page layout is
left inside a sentence or even inside a word (知\\n识).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from math import floor

from wenlint.checks import check, fact
from wenlint.matching import diagnostic, render_message
from wenlint.model import Edit
from wenlint.patterns import compile_pattern, rx
from wenlint.text import HAN_CHAR, PAGE_BREAK_MAY_FOLLOW, section_cuts, section_of

MARKER = rx(r"(?:\A|\r?\n)[ \t]*(\d{1,4})、")
# what a MARKER or LINE_NUMBER match that does not open the text holds: a search that opens with a
# literal skips ahead, where MARKER, opening with an alternative, tries every position
NUMBERED_LINE = rx(r"\n[ \t]*\d{1,4}、")
# where NUMBERED_LINE or LISTED_LINE matches (below): a line that starts with a number and 、 . or ．
NUMBER_AT_LINE = rx(r"\n[ \t]*\d{1,4}[、.．]")
MIN_RUN = 3
MIN_GAP = 60  # characters: a page holds more than this


def _runs(marks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The longest chain of markers numbered n, n+1, n+2 … (one number may be missing) in text order."""
    best: dict[int, list] = {}  # number -> longest chain ending in a marker with that number
    for mark in marks:
        # a page whose number extraction lost (its break fell between paragraphs) may be skipped
        prev = max(best.get(mark[0] - 1, []), best.get(mark[0] - 2, []), key=len)
        chain = prev + [mark]
        if len(chain) > len(best.get(mark[0], [])):
            best[mark[0]] = chain
    return max(best.values(), key=len, default=[])


def _mid_sentence(text: str, start: int, end: int) -> bool:
    """Does the break at ``start`` (a newline or the file start) interrupt a sentence?"""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return (before and before not in PAGE_BREAK_MAY_FOLLOW) or after in "，。、；：,.;:)）"


def _numbered_lines(text: str) -> list[int]:
    """Where NUMBER_AT_LINE matches: the line breaks that :func:`_after_breaks` tries, found in one scan
    for all its patterns."""
    return [m.start() for m in NUMBER_AT_LINE.finditer(text)]


def _after_breaks(pattern, text: str, breaks: list[int], pos: int = 0):
    """``pattern.finditer(text, pos)`` for NUMBERED_LINE or LISTED_LINE, tried at the ``breaks`` of
    :func:`_numbered_lines` only: a match of either holds a \\n at its start and no other, so no two
    overlap and every one starts at a break where NUMBER_AT_LINE matches."""
    for start in breaks[bisect_left(breaks, pos):]:
        m = pattern.match(text, start)
        if m:
            yield m


def _at_breaks(pattern, text: str, breaks: list[int]):
    """The matches of ``pattern`` (MARKER, LINE_NUMBER), in order: at the start of the text, and at
    the line breaks (``\\r\\n`` or ``\\n``) where NUMBERED_LINE finds a number."""
    first = pattern.match(text)
    if first:
        yield first
    for m in _after_breaks(NUMBERED_LINE, text, breaks, first.end() if first else 0):
        found = pattern.match(text, m.start() - (text[m.start() - 1:m.start()] == "\r"))
        if found:
            yield found


def _numbered(text: str, breaks: list[int]) -> bool:
    """Does a line start with a number and 、 (a page number, a list item)? Without one there is no
    page number to find."""
    return MARKER.match(text) is not None or next(_after_breaks(NUMBERED_LINE, text, breaks), None) is not None


def _sequence(text: str, breaks: list[int]):
    """The page-number sequence of the text, with whether each number interrupts a sentence, and
    the typical page length; or None."""
    marks = [(int(m.group(1)), m.start(), m.end()) for m in _at_breaks(MARKER, text, breaks)]
    run = _runs(marks)
    if len(run) < MIN_RUN:
        return None
    gaps = [(b[1] - a[1]) / (b[0] - a[0]) for a, b in zip(run, run[1:])]  # characters per page
    from statistics import median

    typical = median(gaps)
    if typical < MIN_GAP or any(not 0.5 * typical <= g <= 1.6 * typical for g in gaps):
        return None
    broken = [_mid_sentence(text, s, e) for _, s, e in run]
    if sum(broken) < 0.6 * len(run):
        return None
    return run, broken, typical


@fact("page-number-lines")
def numbered_lines(ctx) -> tuple[list[int], bool]:
    """(:func:`_numbered_lines`, :func:`_numbered`) of the text, found once for the two page-number
    checks."""
    breaks = _numbered_lines(ctx.text)
    return breaks, _numbered(ctx.text, breaks)


@fact("page-number-sequence")
def sequence(ctx):
    """:func:`_sequence` of a text with a numbered line, or None (found once for the two checks)."""
    breaks, numbered = ctx.fact("page-number-lines")
    return _sequence(ctx.text, breaks) if numbered else None


@check("page-number-sequence", fields=("found", "pages", "gap"))
def page_numbers(ctx, rule):
    text = ctx.text
    found = ctx.fact("page-number-sequence")
    if not found:
        return
    run, broken, typical = found
    certain = len(run) >= 5 and sum(broken) >= 0.8 * len(run)
    applicability = rule.fix if certain else "unsafe"
    for (_, start, end), mid in zip(run, broken):
        # a number that interrupts a sentence goes with its line break; one at a paragraph start keeps it
        cut = start if mid or start == 0 else start + (2 if text.startswith("\r\n", start) else 1)
        msg = render_message(rule, found=text[start:end].strip(), pages=len(run), gap=int(typical))
        yield diagnostic(rule, cut, end, msg, [Edit(cut, end, "")], applicability)

LIST_MARK = rx(r"(?:\A|(?<=\n))[ \t]*(\d{1,3})[、.．]")
LISTED_LINE = rx(r"\n([ \t]*(\d{1,3})[、.．])")  # a LIST_MARK match after the text's start (group 1)
LINE_NUMBER = rx(r"(?:\A|\r?\n)[ \t]*(\d{1,3})、")


@check("single-page-number")
def single_page_number(ctx, rule):
    """One page number where a short text has no sequence: ``\\nN、`` interrupting a sentence with no
    item N-1 before it, or ``1、`` opening the text with no item 2 after it."""
    text = ctx.text
    breaks, numbered = ctx.fact("page-number-lines")
    if not numbered:
        return
    if ctx.fact("page-number-sequence"):
        return  # the page numbers of a longer text are the sequence's (page-number-in-text)
    first: dict[int, int] = {}  # item number -> where it first and last starts a line
    last: dict[int, int] = {}
    head = LIST_MARK.match(text)
    items = [(int(head.group(1)), 0)] if head else []
    listed = _after_breaks(LISTED_LINE, text, breaks, head.end() if head else 0)
    items += [(int(m.group(2)), m.start(1)) for m in listed]
    numbers = list(_at_breaks(LINE_NUMBER, text, breaks))
    # a number inside a word is a page's, and no item of a list beside it (…有⏎3、些工作…⏎4、进展)
    spliced = {_line_start(text, m.start()) for m in numbers
               if m.start() and _mid_sentence(text, m.start(), m.end()) and _splits(text, m.start(), m.end())}
    for n, start in items:
        if start in spliced:
            continue
        first.setdefault(n, start)
        last[n] = start
    for m in numbers:
        n, start, end = int(m.group(1)), m.start(), m.end()
        if end >= len(text) or text[end].isdigit() or text[end] == "、":
            continue  # 3、4项: numbers listed, not a page number; N、、 is WL307's repeated mark
        inside = start > 0 and _line_start(text, start) in spliced  # where no list item starts: certain
        if start == 0:
            if n != 1 or 2 in last or not PARAGRAPH_START.match(text, end):
                continue
        elif not (n >= 2 and text[start - 1:start] not in "，、；：,;:"
                  and (inside or _mid_sentence(text, start, end)
                       and first.get(n - 1, len(text)) >= start and last.get(n + 1, -1) <= start)):
            continue
        msg = render_message(rule, found=m.group().strip())
        yield diagnostic(rule, start, end, msg, [Edit(start, end, "")], rule.fix if inside else "unsafe")


def _line_start(text: str, start: int) -> int:
    """Where the line begins whose break is at ``start``."""
    return start + (2 if text.startswith("\r\n", start) else 1)


def _splits(text: str, start: int, end: int) -> bool:
    """Does the number at text[start:end] stand inside a word (有⏎3、些工作) or before a clause mark
    (机制⏎7、，激发)? No list item starts there, whatever items stand near it: two pages of one short
    excerpt (…⏎3、…⏎4、…) are no list then."""
    after = text[end:end + 1]
    if after in "，。；：,.;:":
        return True
    return bool(after) and HAN_CHAR[text[start - 1]] and HAN_CHAR[after] and _word_across(text, start, end)


# what a text starts with after a page number: a title, a greeting, a paragraph (not a list item's
# short phrase that a real 1、 would introduce before its 2、)
PARAGRAPH_START = rx(r"[^\r\n]{0,40}?(?:同志们|各位|尊敬的|讲话|报告|总结|意见|通知|决定|方案|心得|发言)")

FOOTER = rx(r"第\s*(\d{1,4})\s*页\s*[,，/／]?\s*共\s*(\d{1,4})\s*页|共\s*(\d{1,4})\s*页\s*[,，/／]?\s*第\s*(\d{1,4})\s*页")
BLANKS = " \t\u3000"  # before a footer, they go with it
# what every FOOTER match holds: 页 after a figure or a space (its first 页). Opening with a literal,
# the search skips ahead where FOOTER, opening with an alternative, tries every 第 and 共
PAGE_COUNT = rx(r"页(?<=[\d\s]页)")


def _footers(text: str):
    """(start, match) of each FOOTER match with the blanks before it, as ``[ \\t\\u3000]*`` + FOOTER
    would find them. A footer opens at the last 第 or 共 before its first 页 (a PAGE_COUNT match),
    after the 页 before that (no 页 stands between): FOOTER is tried there only."""
    pos = after = 0  # where the search goes on; after the last 页
    for hit in PAGE_COUNT.finditer(text):
        at = max(text.rfind("第", after, hit.start()), text.rfind("共", after, hit.start()))
        after = hit.end()
        m = FOOTER.match(text, at) if at >= pos else None
        if m:
            start = at
            while start > pos and text[start - 1] in BLANKS:
                start -= 1
            yield start, m
            pos = m.end()


@check("page-footer-in-text")
def footers(ctx, rule):
    """第N页共M页 (N ≤ M) inside a line of text: the footer of a PDF page, glued to the text."""
    text = ctx.text
    for start, m in _footers(text):
        page, total = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(4)), int(m.group(3)))
        end = m.end()
        line_start = text.rfind("\n", 0, start) + 1
        line_end = len(text) if text.find("\n", end) < 0 else text.find("\n", end)
        if not 1 <= page <= total or not (text[line_start:start].strip() or text[end:line_end].strip()):
            continue  # impossible, or a line of its own (page-footer-line)
        if not text[line_start:start].strip():  # at the start of a line: the space after it goes
            while end < line_end and text[end] in BLANKS:
                end += 1
            start = m.start()
        msg = render_message(rule, found=text[start:end].strip())
        yield diagnostic(rule, start, end, msg, [Edit(start, end, "")])


ITEM_START = rx(r"[ \t\u3000]*(?:第?[\d一二三四五六七八九十]{1,3}[、.．)）,，]|其[一二三四五六七八九十]|首先|其次|最后|[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[)）]|"  # noqa: E501 (one literal)
                r"[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十\d]{1,3}[章节条部分篇]|[•·●○◆■□▲△\-—*])")
CLAUSE = set("，、；：,;:")
TITLE_END = rx(r"(?:解释|规定|办法|决定|通知|意见|条例|细则|公告|决议|批复|复函|报告|讲话|总结|方案|纲要|规划|说明)$")
FINAL = set("。！？!?…”’）)】》")
CLAUSE_MARK = rx(f"[{re.escape(''.join(sorted(CLAUSE)))}]")
GOES_ON = rx(f"[{re.escape(''.join(sorted(CLAUSE | FINAL)))}]")  # a CLAUSE or FINAL mark
MIN_CLAUSE = 12  # characters of the unfinished sentence before the break
MAX_LINE = 50  # a line of a page layout; a longer one is a paragraph that lost its final 。
MANY_BREAKS = 20  # candidates read before asking whether the text is hard-wrapped, if none splits a word
BREAK_IN_HAN = compile_pattern(r"\n(?:(?<=\p{Han}\n)|(?<=\p{Han}\r\n))(?=\p{Han})")


@check("line-break-in-sentence")
def line_breaks(ctx, rule):
    """A line break between two characters of one unfinished sentence: the line end of a page layout.
    Safe when the two sides make one word (知\\n识, 简\\n练), unsafe otherwise (增强\\n自己), and only in
    a section that shows its layout by such a word split elsewhere: without one, a break between two
    words after a clause is as likely a lead line (五年来，…迈出重要步伐) above its paragraph."""
    text = ctx.text
    wrapped = None
    found = []  # (start, end, line start, splits a word)
    for m in BREAK_IN_HAN.finditer(text):  # a line break (\n or \r\n) between two Han characters
        start, end = m.start() - (text[m.start() - 1] == "\r"), m.end()
        line_start = text.rfind("\n", 0, start) + 1
        if start - line_start > MAX_LINE:  # the line's length, measured before it is copied
            continue
        line = text[line_start:start]
        if ITEM_START.match(line) or ITEM_START.match(text, end):
            continue
        sentence = line[max(map(line.rfind, FINAL)) + 1:]  # after the last FINAL mark (rfind: -1 if none)
        stop = text.find("\n", end)
        if not GOES_ON.search(text, end, stop if stop >= 0 else len(text)):
            continue  # the next line does not go on with a sentence: items of an unmarked list
        if not CLAUSE_MARK.search(sentence) or TITLE_END.search(sentence):
            continue  # a title or heading (最高人民法院、最高人民检察院关于…的解释), or a sentence that lost its 。
        word = _word_across(text, start, end)
        if not word and len(sentence) < MIN_CLAUSE:
            continue
        found.append((start, end, line_start, word))
        # nothing is reported without a break inside a word: whether every line was cut at one width
        # is asked at the first one (or once candidates are many, as they are in a wrapped text)
        if wrapped is None and (word or len(found) == MANY_BREAKS):
            wrapped = _hard_wrapped(text, ctx.fact("lines-split-at-newline"))
            if wrapped:
                return  # every line was cut at one width: the hard-wrap rule joins them
    if not found:
        return
    cuts = section_cuts(text)
    shown = {section_of(cuts, start) for start, _, _, word in found if word}
    for start, end, line_start, word in found:
        if word or section_of(cuts, start) in shown:
            msg = render_message(rule, found=text[max(line_start, start - 4):start] + "⏎" + text[end:end + 4])
            yield diagnostic(rule, start, end, msg, [Edit(start, end, "")], rule.fix if word else "unsafe")


# Han, CJK punctuation and full-width forms: all East Asian Wide or Fullwidth, found by one class;
# only the other characters (few in Chinese text) are looked up, each once
WIDE = rx("[\u3000-\u303e\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60]+")


class _Wide(dict):
    """Character -> 1 if it takes two display columns (East Asian Wide or Fullwidth), else 0."""

    def __missing__(self, ch: str) -> int:
        from unicodedata import east_asian_width

        self[ch] = wide = int(east_asian_width(ch) in "WF")
        return wide


_WIDE = _Wide()
# the line boundaries of str.splitlines other than \n
OTHER_BREAKS = rx(r"[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _hard_wrapped(text: str, split: list[str]) -> bool:
    """Do most lines have nearly the width of the longest ones (within 10 %, in display columns)?
    ``split``: ``text.split("\\n")``."""
    # the narrow characters of each line: the WIDE ones are deleted from the whole text at once (which
    # keeps its line breaks), then the few others that are wide all the same (kana, ㈠, ￥), if any
    narrow = WIDE.sub("", text)
    if OTHER_BREAKS.search(narrow):  # (all narrow) where str.splitlines also splits: its lines are read
        lines = text.splitlines()
        narrow = WIDE.sub("", "\n".join(lines))
    else:  # the lines of str.splitlines, and a last empty one if the text ends with \n (too short to count)
        lines = split
    wide = "".join(c for c in set(narrow) if _WIDE[c])
    if wide:
        narrow = re.sub(f"[{re.escape(wide)}]", "", narrow)
    # the widths counted, not sorted: a text has a few hundred distinct ones, and many thousand lines
    widths = Counter([2 * len(line) - len(rest) for line, rest in zip(lines, narrow.split("\n"))
                      if len(line.strip()) >= 8])
    n = widths.total()
    if n < 5:
        return False
    rank, seen = int(0.9 * (n - 1)), 0  # top: the width at this rank among the widths sorted
    for top in sorted(widths):
        seen += widths[top]
        if seen > rank:
            break
    near = floor(0.1 * top)  # |w - top| <= 0.1 * top, for whole w: the widths from top - near to top + near
    return sum(k for w, k in widths.items() if top - near <= w <= top + near) >= 0.5 * n


def _word_across(text: str, start: int, end: int) -> bool:
    """Does jieba, reading the two lines joined, put a word across the break at text[start:end]?"""
    from wenlint.segment import boundaries, may_join

    if not may_join(text[start - 1], text[end]):
        return False  # a token across the break would be a dictionary word holding both characters
    left, right = text[max(0, start - 8):start], text[end:end + 8]
    return len(left) not in boundaries(left + right)
