"""Half-width parentheses in Chinese text.

A pair of ASCII parentheses whose content or surroundings are Chinese is a converter's slip:
Chinese text uses （）. Each parenthesis gets its own diagnostic and safe fix.
"""
from __future__ import annotations

import re

from wenlint.checks import check
from wenlint.matching import replacement
from wenlint.patterns import compile_pattern, rx

PAIR = rx(r"\(([^()\n]{0,60})\)")
IS_HAN = compile_pattern(r"\p{Han}")


@check("halfwidth-parens", fields=("found", "fix"))
def halfwidth_parens(ctx, rule):
    text = ctx.text
    if "(" not in text:
        return
    for m in PAIR.finditer(text):
        inner = m.group(1)
        before = text[m.start() - 1:m.start()]
        after = text[m.end():m.end() + 1]
        chinese = IS_HAN.search(inner) or (IS_HAN.match(before) and (not after or IS_HAN.match(after)))
        if not chinese or re.search(r"[A-Za-z]{2}", inner) and not IS_HAN.search(inner):
            continue
        for at, full in ((m.start(), "（"), (m.end() - 1, "）")):
            yield replacement(rule, text, at, at + 1, full)
