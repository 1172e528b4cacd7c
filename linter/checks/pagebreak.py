"""Page numbers that PDF extraction left in the running text.

Extraction puts the page number (``N、``) at each page break, often inside a word
(贯彻落实十\\n2、七大精神). Such numbers form a running sequence 1、2、3、… at regular distances, and
most of them interrupt a sentence. A real list (1、…2、…) starts its items after a finished sentence
and at irregular distances: it does not fire.
"""
from __future__ import annotations


from wenlint.checks import check
from wenlint.matching import diagnostic, render_message
from wenlint.model import Edit
from wenlint.patterns import rx

MARKER = rx(r"(?:\A|\r?\n)[ \t]*(\d{1,4})、")
SENTENCE_END = set("。！？；：!?;:”’）)】》…\n")
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
    return (before and before not in SENTENCE_END) or after in "，。、；：,.;:)）"


@check("page-number-sequence", fields=("found", "pages", "gap"))
def page_numbers(ctx, rule):
    text = ctx.text
    if "、" not in text:
        return
    marks = [(int(m.group(1)), m.start(), m.end()) for m in MARKER.finditer(text)]
    run = _runs(marks)
    if len(run) < MIN_RUN:
        return
    gaps = [(b[1] - a[1]) / (b[0] - a[0]) for a, b in zip(run, run[1:])]  # characters per page
    from statistics import median

    typical = median(gaps)
    if typical < MIN_GAP or any(not 0.5 * typical <= g <= 1.6 * typical for g in gaps):
        return
    broken = [_mid_sentence(text, s, e) for _, s, e in run]
    if sum(broken) < 0.6 * len(run):
        return
    certain = len(run) >= 5 and sum(broken) >= 0.8 * len(run)
    applicability = rule.fix if certain else "unsafe"
    for (_, start, end), mid in zip(run, broken):
        # a number that interrupts a sentence goes with its line break; one at a paragraph start keeps it
        cut = start if mid or start == 0 else start + 1
        msg = render_message(rule, found=text[start:end].strip(), pages=len(run), gap=int(typical))
        yield diagnostic(rule, cut, end, msg, [Edit(cut, end, "")], applicability)
