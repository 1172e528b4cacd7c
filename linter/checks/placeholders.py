"""Template placeholders that were never filled in (XX县, 20xx年, ××同志, ＿＿＿, 20**, ★★), and words
masked out by a site's filter (*思想, X的十八大).

An anonymised or template document marks the places to fill with XX, xx, ××, 20xx, ★★ or blanks.
Published text must not keep them. No fix: only the author knows the value. Placeholders kept on
purpose go in the ``allow-placeholders`` setting. In plain text, ``**bold**`` and ``### heading`` are
Markdown formatting, not blanks.
"""
from __future__ import annotations


from wenlint.checks import check
from wenlint.formats import kind_of
from wenlint.matching import diagnostic, render_message
from wenlint.patterns import compile_pattern
from wenlint.text import by_first, lines_with_any

# MASK opens with the character a match starts with, so that re skips ahead instead of trying the
# look-behinds at every position; PLACEHOLDER, with many shapes, tries every position, so it only
# reads the lines where CANDIDATES find what a match needs
PLACEHOLDER = compile_pattern(
    r"(?=[12xX×＿_#%★☆＃％○◯□])(?:(?:19|20)[xX×]{2}|(?<![A-Za-z\d.:\-+])(?:[xX]{2,}|×{2,})(?![A-Za-z]|[.:\-][xX\d])|[＿_]{3,}"
    r"|(?<=\p{Han})[xX×](?=\p{Han})(?!光|射线|线|轴|型|染色体|服务器|客户端|窗口|终端|协议|资源|字体|选项|授权|会话)"
    r"|(?<![A-Za-z\d])[xX×](?=(?:同志|书记|县长|市长|省长|区长|镇长|乡长|局长|主任|部长|处长|科长|厅长|院长|校长)"
    r"|月\d{1,2}日|月份)"
    r"|(?<=(?<!\d)(?:19|20))[＿_]{1,2}(?=年)|(?<=[\p{Han}“])[＿_](?=\p{Han})"
    r"|(?<=\p{Han})(?:[#＃]{2,}|[%％]{2,}|[★☆]{2,}|□{2,})|(?:[#＃]{2,}|[%％]{2,}|[★☆]{2,}|□{2,})(?=\p{Han})"
    r"|(?<![〇○零一二三四五六七八九十百])[○◯]{2,}(?![〇○零一二三四五六七八九十年])(?:(?<=\p{Han}[○◯]{2})|(?=\p{Han})))")
MASK = compile_pattern(r"\*(?=\*)(?:(?<=\p{Han}\*)\*+|\*+(?=\p{Han}))")
# Markdown emphasis in a .txt file (20**年 … 20**年 are two blanks, not an emphasis)
BOLD = compile_pattern(r"(?<![\d*])\*\*(?=[^*\s])[^*\n]{1,60}(?<=[^*\s\d])\*\*")
# a character that every PLACEHOLDER match holds, where it stands in one: a second x (20xx, XX, ××),
# an x by a Han character (X县, x同志), a blank (＿), a second mark of a kind (★★, □□, ○○). A match
# never spans a line break, so only the lines that hold one are searched (one search for each of these
# characters that the text holds: re skips ahead to a literal, where it tries each position on a class)
CANDIDATES = by_first("xX×＿_#＃%％★☆□○◯", r"(?:(?<=[＿_])|(?<=[xX×\p{Han}][xX×]|[#＃]{2}|[%％]{2}|[★☆]{2}|□□|[○◯]{2})"
                                          r"|(?<=[xX×])(?=[xX×\p{Han}]))")


def _placeholders(text: str):
    """The matches of PLACEHOLDER, in order."""
    for start, end in lines_with_any(CANDIDATES, text):
        yield from PLACEHOLDER.finditer(text, start, end)


@check("unfilled-placeholder")
def placeholders(ctx, rule):
    text = ctx.text
    found = list(_placeholders(text))
    if kind_of(ctx.path) == "plain":  # in Markdown, ** is emphasis
        masks = list(MASK.finditer(text))
        if masks:
            bold = [m.span() for m in BOLD.finditer(text)]
            found += [m for m in masks if not inside(m.start(), bold)]
        found = [m for m in found if not _opens_heading(text, m.start())]
    masked = spans_of(ctx.hits, "entity")
    allowed = set(ctx.settings.allow_placeholders)
    for m in sorted(found, key=lambda m: m.start()):
        if m.group() in allowed or inside(m.start(), masked):
            continue
        yield diagnostic(rule, m.start(), m.end(), render_message(rule, found=m.group()))


def _opens_heading(text: str, at: int) -> bool:
    """Do the marks of a Markdown heading start at ``at`` (a # or ＃ with nothing but spaces and tabs
    before it in its line)? Asked of the few matches, where a scan for headings read every line."""
    return text[at:at + 1] in ("#", "＃") and not text[text.rfind("\n", 0, at) + 1:at].strip(" \t")


def spans_of(prior, category: str) -> list[tuple[int, int]]:
    return sorted((d.start, d.end) for d in prior if d.rule.category == category)


def inside(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)

