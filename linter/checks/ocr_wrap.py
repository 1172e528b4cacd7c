"""Hard-wrapped lines (WL706): OCR and some PDF extractors end every printed line with a line break.

A text wrapped at a fixed width shows it: most lines have exactly (or almost) the same length and
nothing is longer. A line of that width ending without sentence-final punctuation continues in the
next line; the break is removed.
"""
from __future__ import annotations

import re
from collections import Counter

from wenlint.checks import check
from wenlint.matching import diagnostic, render_message
from wenlint.model import Edit
from wenlint.patterns import rx

OPTIONS = {
    "min_width": 16,  # narrower equal lines are verse, lists or tables, not a wrapped page
    "min_lines": 5,  # lines at the wrap width needed to believe in one
}
SENTENCE_END = set("。！？；：…!?;:”’」』）)")
STOPS = SENTENCE_END | set("，、,")
LIST_START = rx(r"[ \t]*(?:[一二三四五六七八九十]+[、是要]|第[一二三四五六七八九十]+[，、]|\d{1,4}[、.．]|[（(][一二三四五六七八九十\d]+[）)]|[●·•■□◆◇○☆★※-])")


def _width(line: str) -> int:
    return len(line.rstrip(" \t\r\u3000"))


def wrap_width(lines: list[str], opts: dict = OPTIONS):
    """(width, exact) of a text hard-wrapped at a fixed width, or None.

    Hard wrapping shows as many lines of the same length, nothing longer, and wrap points that fall
    anywhere in a sentence, so most full lines do not end at punctuation. ``exact``: the lines are
    exactly that long (a fixed width); otherwise they spread over two characters below it (OCR lines
    of a printed page, whose widths vary with the glyphs).
    """
    widths = [_width(line) for line in lines]
    long = [w for w in widths if w >= opts["min_width"]]
    if len(long) < opts["min_lines"]:
        return None
    width, exact_count = Counter(long).most_common(1)[0]
    longer = sum(w > width for w in long)
    band = [k for k, w in enumerate(widths) if width - 2 <= w <= width]
    if exact_count < opts["min_lines"] or longer > max(1, 0.05 * len(band)) or len(band) < 0.5 * len(long):
        return None
    open_ends = sum(lines[k].rstrip(" \t\r\u3000")[-1:] not in STOPS for k in band)
    if open_ends < 0.5 * len(band):
        return None  # equal lines that end at punctuation: verse, a list, a table
    return width, exact_count >= 0.8 * len(band)


def hard_wraps(text: str, opts: dict = OPTIONS):
    """(offset of the line break, end of the break, certain) for each break inside a wrapped paragraph."""
    if text.count("\n") < opts["min_lines"]:
        return
    lines = text.split("\n")
    found = wrap_width(lines, opts)
    if found is None:
        return
    width, exact = found
    pos = 0
    for k, line in enumerate(lines[:-1]):
        start = pos + len(line)
        pos = start + 1
        following = lines[k + 1]
        w = _width(line)
        if not (w == width if exact else width - 2 <= w <= width) or not following.strip():
            continue
        body = line.rstrip(" \t\r\u3000")
        if body.endswith("第") and following[:1] in "一二三四五六七八九十百千0123456789":
            continue  # the 第\n二 rule (WL203) joins it
        if re.match(r"\d{1,4}、", following):
            continue  # a page number or a numbered item: WL201 decides
        cut = start - (len(line) - len(body))
        lead = len(following) - len(following.lstrip(" \t\u3000"))
        certain = exact and body[-1:] not in SENTENCE_END and not LIST_START.match(following)
        yield cut, pos + lead, certain


@check("ocr-hard-wrap", options=OPTIONS)
def hard_wrap(ctx, rule):
    text = ctx.text
    for start, end, certain in hard_wraps(text, rule.spec.options):
        msg = render_message(rule, found=text[max(0, start - 4):start] + "⏎" + text[end:end + 4])
        yield diagnostic(rule, start, end, msg, [Edit(start, end, "")], rule.fix if certain else "unsafe")
