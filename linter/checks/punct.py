"""Punctuation checks that need code: half-width parentheses, runs of one mark.

A pair of ASCII parentheses whose content or surroundings are Chinese is a converter's slip:
Chinese text uses （）. Each parenthesis gets its own diagnostic and safe fix. A mark repeated
(，，，，，) is one mark; …… and —— are single marks of two characters and are not runs.
"""
from __future__ import annotations

import re

from wenlint.checks import check
from wenlint.matching import diagnostic, render_message, replacement
from wenlint.model import Edit
from wenlint.patterns import rx
from wenlint.text import HAN

PAIR = rx(r"\(([^()\n]{0,60})\)")


@check("halfwidth-parens", fields=("found", "fix"))
def halfwidth_parens(ctx, rule):
    text = ctx.text
    if "(" not in text:
        return
    for m in PAIR.finditer(text):
        inner = m.group(1)
        before = text[m.start() - 1:m.start()]
        after = text[m.end():m.end() + 1]
        chinese = HAN.search(inner) or (HAN.match(before) and (not after or HAN.match(after)))
        if not chinese or re.search(r"[A-Za-z]{2}", inner) and not HAN.search(inner):
            continue
        for at, full in ((m.start(), "（"), (m.end() - 1, "）")):
            yield replacement(rule, text, at, at + 1, full)


# a run of each mark: a pattern that starts with a literal pair, which `re` skips to fast, where the one
# pattern ([，、；：。])\1+ tried a match at every character
RUNS = [rx(mark * 2 + "+") for mark in "，、；：。"]
ELLIPSIS_DOTS = (3, 6)  # 。。。 and 。。。。。。 imitate the six dots of ……


@check("repeated-punct", fields=("found", "fix"))
def repeated_punct(ctx, rule):
    """A run of one mark is one mark (，，，，， → ，); a pair may stand where a word was lost
    (安然、、欢喜), and 。 three or six times over imitates an ellipsis: those two are unsafe."""
    text = ctx.text
    # runs of different marks never overlap: the runs of each mark, in order, are the maximal runs of one mark
    for m in sorted((m for run in RUNS for m in run.finditer(text)), key=lambda m: m.start()):
        mark, n = m.group()[0], len(m.group())
        if mark == "。" and n in ELLIPSIS_DOTS:
            new, applicability = "……", "unsafe"
        else:
            new, applicability = mark, "unsafe" if n == 2 else "safe"
        msg = render_message(rule, found=m.group(), fix=new)
        yield diagnostic(rule, m.start(), m.end(), msg, [Edit(m.start(), m.end(), new)], applicability)
