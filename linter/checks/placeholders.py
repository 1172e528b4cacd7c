"""Template placeholders that were never filled in: XX县, 20xx年, ××同志, ＿＿＿, **.

An anonymised or template document marks the places to fill with XX, xx, ××, 20xx or blanks.
Published text must not keep them. No fix: only the author knows the value. Placeholders kept on
purpose go in the ``allow-placeholders`` setting.
"""
from __future__ import annotations


from wenlint.checks import check
from wenlint.formats import kind_of
from wenlint.matching import diagnostic, render_message
from wenlint.patterns import compile_pattern

# each pattern opens with a character class (or literal) at the characters a match can start with,
# so that re skips ahead instead of trying the look-behinds at every position (an opening look-ahead
# would not let it); look-behinds then check that first character
PLACEHOLDER = compile_pattern(
    r"[12xX×＿_](?:(?<=1)9[xX×]{2}|(?<=2)0[xX×]{2}|(?<![A-Za-z\d.:\-+].)(?<=[xX])[xX]+(?![A-Za-z]|[.:\-][xX\d])"
    r"|(?<![A-Za-z\d.:\-+].)(?<=×)×+(?![A-Za-z]|[.:\-][xX\d])|(?<=[＿_])[＿_]{2,}"
    r"|(?<=\p{Han}[xX×])(?=\p{Han})(?!光|射线|线|轴|型|染色体|服务器|客户端|窗口|终端|协议|资源|字体|选项|授权|会话))")
MASK = compile_pattern(r"\*(?=\*)(?:(?<=\p{Han}\*)\*+|\*+(?=\p{Han}))")


@check("unfilled-placeholder")
def placeholders(ctx, rule):
    text = ctx.text
    found = list(PLACEHOLDER.finditer(text))
    if kind_of(ctx.path) == "plain":  # in Markdown, ** is emphasis
        found += MASK.finditer(text)
    allowed = set(ctx.settings.allow_placeholders)
    for m in sorted(found, key=lambda m: m.start()):
        if m.group() in allowed:
            continue
        yield diagnostic(rule, m.start(), m.end(), render_message(rule, found=m.group()))
