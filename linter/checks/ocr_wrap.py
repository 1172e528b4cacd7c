"""Hard-wrapped lines (WL706): OCR and some PDF extractors end every printed line with a line break.

Two layouts show it:

- a fixed width (a converter's wrap): most lines have exactly the same number of characters and
  nothing is longer; such joins are safe where the line ends with no sentence-final mark;
- a proportional layout (a scanned page): line widths vary with the glyphs, 66 to 86 display columns
  inside one text. The width is a high percentile of the long lines, measured in display columns
  (full width 2, half width 1), and a full line lies in a band around it. These joins are unsafe.

Either way the wrap points fall anywhere in a sentence, so most full lines end where no
punctuation is, while verse, lists and tables of equal lines end at punctuation.
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import repeat
from operator import itemgetter

from wenlint.checks import check, fact
from wenlint.matching import diagnostic, render_message
from wenlint.model import Edit
from wenlint.patterns import rx
from wenlint.text import LINE_MAY_END_PARAGRAPH

OPTIONS = {
    "min_width": 16,  # characters: narrower equal lines are verse, lists or tables, not a wrapped page
    "min_lines": 5,  # full lines needed to believe in a fixed width
    "min_columns": 32,  # display columns: narrower lines are no evidence of a proportional layout
    "min_full": 4,  # full lines needed to believe in a proportional layout (a short text has few)
    "percentile": 0.9,  # of the long lines' widths: the layout's full width
    "band": 0.1,  # a full line lies within this fraction of the width (twice that below it)
}
STOPS = LINE_MAY_END_PARAGRAPH | set("，、,")
LIST_START = rx(r"[ \t]*(?:[一二三四五六七八九十]+[、是要]|第[一二三四五六七八九十]+[，、]|\d{1,4}[、.．]|[（(][一二三四五六七八九十\d]+[）)]|[●·•■□◆◇○☆★※-])")  # noqa: E501 (one literal)
# where a new block starts whatever the line before: a Markdown heading, quotation, table or item
BLOCK_START = rx(r"(?:#{1,6}\s|>|\||[-*+]\s|\d{1,3}\.\s)")
# characters that take two display columns (East Asian Wide and Fullwidth)
WIDE_RANGES = ("\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
               "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd")
# the others, counted instead: in Chinese text they are few, and finding few matches is what is quick
NARROW = rx(f"[^{WIDE_RANGES}]")
WIDE = rx(f"[{WIDE_RANGES}]+")  # deleted from a text, they leave its NARROW characters
FULL_SHARE = 0.6  # of the long lines of a proportional layout, at least, are full
OPEN_SHARE = 0.5  # of the full lines, at least, end where no punctuation is
FULL_STOPS = set("。！？….!?：:")
CLOSERS = "”’」』）)"
LATIN = rx(r"[A-Za-z0-9'’.,;:!?\"“”()\-]")
BLANK = " \t\r\u3000"


def columns(line: str) -> int:
    """Display columns of a line: full width 2, half width 1."""
    return 2 * len(line) - len(NARROW.findall(line))


def fixed_width(bodies: list[str], opts: dict = OPTIONS, counts: Counter | None = None) -> int | None:
    """The width in characters of a text wrapped at a fixed width, or None. ``bodies``: the text's
    lines (split at \n) without the blanks at their ends; ``counts``: ``Counter(map(len, bodies))``,
    if known.

    Four in five full lines (within two characters below the commonest long width, nothing longer)
    have exactly that width.
    """
    if counts is None:
        counts = Counter(map(len, bodies))  # in the order the widths first come, as Counter(long) lists them
    long = {w: n for w, n in counts.items() if w >= opts["min_width"]}
    n_long = sum(long.values())
    if n_long < opts["min_lines"]:
        return None
    width, exact_count = max(long.items(), key=itemgetter(1))  # Counter(long).most_common(1)[0]
    longer = sum(n for w, n in long.items() if w > width)
    in_band = sum(counts[w] for w in range(width - 2, width + 1))  # the lines of the band, counted
    if exact_count < opts["min_lines"] or longer > max(1, 0.05 * in_band) or in_band < 0.5 * n_long:
        return None
    band = [k for k, body in enumerate(bodies) if width - 2 <= len(body) <= width]
    if not _open(bodies, band) or exact_count < 0.8 * len(band):
        return None
    return width


def proportional_band(bodies: list[str], opts: dict = OPTIONS,
                      counts: Counter | None = None) -> tuple[float, float] | None:
    """(lowest, highest) display width of a full line of a proportionally laid-out text, or None.
    ``bodies``: the text's lines (split at \n) without the blanks at their ends; ``counts``:
    ``Counter(map(len, bodies))``, if known.

    The width is a high percentile of the long lines; full lines lie within ``band`` of it (twice
    that below, where short glyph runs and line-breaking rules leave room, plus one character).
    Most long lines are full, few are longer, and most full lines end where no punctuation is.
    """
    if not _open_enough(bodies, opts, Counter(map(len, bodies)) if counts is None else counts):
        return None
    # columns(body) of each line, its NARROW characters found in all lines at once (they hold no \n)
    narrow = WIDE.sub("", "\n".join(bodies)).split("\n")
    widths = [2 * len(body) - len(rest) for body, rest in zip(bodies, narrow)]
    long = sorted(w for w in widths if w >= opts["min_columns"])
    if len(long) < opts["min_full"]:
        return None
    top = long[int(opts["percentile"] * (len(long) - 1))]
    lo, hi = top * (1 - 2 * opts["band"]) - 2, top * (1 + opts["band"]) + 2
    full = [k for k, w in enumerate(widths) if lo <= w <= hi]
    longer = sum(w > hi for w in widths)
    if len(full) < opts["min_full"] or len(full) < FULL_SHARE * len(long) or longer > max(1, 0.1 * len(full)):
        return None
    return (lo, hi) if _open(bodies, full) else None


def _open_enough(bodies: list[str], opts: dict, counts: Counter) -> bool:
    """Are there lines enough, long enough and open at the end, for a proportional band? A quick test
    on lengths, before the columns are counted: a band's full lines are FULL_SHARE of its long lines
    or more, and OPEN_SHARE of them end open. A line of n characters takes n to 2n columns, so every
    line of min_columns characters is long, and a full line has half the band's floor in characters
    or more, the floor being lowest where the top is lowest (min_columns)."""
    if opts["band"] > 0.5:
        return True  # the floor falls as the top rises: no bound
    least = opts["min_columns"] * (1 - 2 * opts["band"]) - 2  # the floor for the lowest top
    long = sum(n for length, n in counts.items() if length >= opts["min_columns"])
    open_full = len([body for body in bodies if body[-1:] not in STOPS and 2 * len(body) >= least])
    return open_full >= OPEN_SHARE * (FULL_SHARE * long)


def _open(bodies: list[str], full: list[int]) -> bool:
    """Do most full lines end where no punctuation is (a wrap point falls anywhere)?"""
    open_ends = sum(bodies[k][-1:] not in STOPS for k in full)
    return open_ends >= OPEN_SHARE * len(full)


def _ends_paragraph(body: str, following: str) -> bool:
    """Can a full line of a proportional layout end its paragraph here? After a full stop (also
    inside a closing quote: 。” ) or a colon (a salutation, a list to come), and after ； before a
    list item (the items of a law)."""
    end = body[-2:].rstrip(CLOSERS)[-1:] if body[-1:] in CLOSERS else body[-1:]
    return end in FULL_STOPS or end in "；;" and bool(LIST_START.match(following))


def _latin_line(body: str) -> bool:
    """A line of Latin script (an English passage): Latin typography, no business of this rule."""
    return len(body) - len(NARROW.findall(body)) <= len(body) / 10


def _latin_break(body: str, following: str) -> bool:
    """A break between Latin-script text on both sides: Latin typography joins it with a space."""
    return bool(LATIN.match(body[-1:]) and LATIN.match(following.lstrip(BLANK)[:1]))


@fact("lines-split-at-newline")
def split_lines(ctx) -> list[str]:
    """``ctx.text.split("\\n")``, made once for the checks that read line widths (this one and
    line-break-in-sentence)."""
    return ctx.text.split("\n")


def hard_wraps(text: str, opts: dict = OPTIONS, lines: list[str] | None = None):
    """(offset of the line break, end of the break, certain) for each break inside a wrapped paragraph.
    ``lines``: ``text.split("\\n")``, if known."""
    if text.count("\n") < min(opts["min_lines"], opts["min_full"]):
        return
    if lines is None:
        lines = text.split("\n")
    bodies = list(map(str.rstrip, lines, repeat(BLANK)))
    counts = Counter(map(len, bodies))  # in the order the widths first come, as fixed_width needs them
    width = fixed_width(bodies, opts, counts)
    band = None if width is not None else proportional_band(bodies, opts, counts)
    if width is None and band is None:
        return
    pos = 0
    for k, line in enumerate(lines[:-1]):
        start = pos + len(line)
        pos = start + 1
        following, body = lines[k + 1], bodies[k]
        if not following.strip() or not body:
            continue
        if width is not None:
            if len(body) != width:
                continue
        elif not band[0] <= columns(body) <= band[1] or _ends_paragraph(body, following):
            continue  # a full line that ends a sentence may end its paragraph: no wrap to report
        elif BLOCK_START.match(following) or LIST_START.match(following):
            continue  # a heading, quotation, table row or list item starts its own line
        elif _latin_line(body) or _latin_break(body, following):
            continue
        elif following[:1] in BLANK and line[:1] not in BLANK:
            continue  # an indented line after one that is not: a new paragraph
        if body.endswith("第") and following[:1] in "一二三四五六七八九十百千0123456789":
            continue  # the 第\n二 rule (WL203) joins it
        if re.match(r"\d{1,4}、", following):
            continue  # a page number or a numbered item: WL201 decides
        cut = start - (len(line) - len(body))
        lead = len(following) - len(following.lstrip(BLANK))
        certain = width is not None and body[-1] not in LINE_MAY_END_PARAGRAPH and not LIST_START.match(following)
        yield cut, pos + lead, certain


@check("ocr-hard-wrap", options=OPTIONS)
def hard_wrap(ctx, rule):
    text = ctx.text
    for start, end, certain in hard_wraps(text, rule.spec.options, ctx.fact("lines-split-at-newline")):
        msg = render_message(rule, found=text[max(0, start - 4):start] + "⏎" + text[end:end + 4])
        yield diagnostic(rule, start, end, msg, [Edit(start, end, "")], rule.fix if certain else "unsafe")
