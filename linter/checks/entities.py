"""HTML character references left in text by a format conversion.

``&nbsp;``, ``&amp;``, ``&#8226;`` are markup, not text. A well-formed reference is replaced by its
character (safe). One that stands for a line break or another control character (``&#13;``, ``&#10;``,
``&NewLine;``) is reported only: a fix never writes a raw line break, which would change the lines of
the file and could bring a newline style it does not have. Some converters also mangle ``&#`` into ``X``
(``X8226;``): that form is fixed
when the number names a punctuation mark, symbol or space, where nothing else could be meant.
"""
from __future__ import annotations


from wenlint.checks import check
from wenlint.checks.placeholders import BOLD, inside, spans_of
from wenlint.formats import kind_of
from wenlint.matching import diagnostic, render_message, replacement
from wenlint.patterns import compile_pattern, rx
from wenlint.text import lines_with

ENTITY = rx(r"[&X#](?:(?<=&)(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});|(?<![A-Za-z&][X#])(?<=[X#])(\d{3,5});)")
# every reference ends with a ; and none spans a line break: only the lines that hold one are read (a
# scan for one literal, where the class that opens ENTITY makes re try each position)
SEMICOLON = rx(";")


def _references(text: str):
    """The matches of ENTITY, in order, read in the lines that hold a ;."""
    for start, end in lines_with(SEMICOLON, text):
        yield from ENTITY.finditer(text, start, end)


@check("html-entity", fields=("found", "fix"))
def entities(ctx, rule):
    text = ctx.text
    if ";" not in text:
        return
    for m in _references(text):
        raw = m.group()
        if m.group(1):  # mangled &#NNNN;
            number = int(m.group(1))
            char = chr(number) if number < 0x110000 else ""
            import unicodedata

            if not char or unicodedata.category(char)[0] not in "PSZ":
                continue
        else:
            import html

            char = html.unescape(raw)
            if char == raw:
                continue
        if char == "\xa0":
            char = " "
        if len(char) == 1 and char != "\t" and (char < " " or "\x7f" <= char <= "\x9f" or char in "\u2028\u2029"):
            msg = render_message(rule, found=raw, fix=f"U+{ord(char):04X}")
            yield diagnostic(rule, m.start(), m.end(), msg, applicability="none")
            continue
        yield replacement(rule, text, m.start(), m.end(), char)


# a lone * standing for a word between characters (*思想, 中国*的): a filter masked a sensitive word
# (带*的, 加*号: the asterisk named as a sign)
CUT_PARTY = compile_pattern(r"中国共(?=\p{Han})(?!产)")
MASKED = compile_pattern(r"(?<=[\p{Han}，、,“])(?<![带加标打注])[*＊](?=[\p{Han}\d])(?!号)|(?<=\p{Han})(?<![带加标打注])[*＊](?=[，。、；,])")  # noqa: E501 (one literal)


@check("masked-word")
def masked_words(ctx, rule):
    """A lone * between words of a sentence: a filter's mask over a word (its dictionary repairs, the
    rule of the same pack, have already reported the masks they can restore); and 中国共 cut short of
    中国共产党 by a filter that deleted 产党."""
    text = ctx.text
    for m in CUT_PARTY.finditer(text):
        from wenlint.segment import tokenizer

        freq = tokenizer().FREQ
        if not (freq.get(text[m.end() - 1:m.end() + 1]) or freq.get(text[m.end() - 1:m.end() + 2])):
            yield diagnostic(rule, m.start(), m.end(), render_message(rule, found=m.group()))
    if ("*" not in text and "＊" not in text) or kind_of(ctx.path) != "plain":  # Markdown: * is emphasis
        return
    known = spans_of(ctx.hits, "entity")
    bold = [m.span() for m in BOLD.finditer(text)]
    for m in MASKED.finditer(text):
        if inside(m.start(), known) or inside(m.start(), bold) or text[m.start() - 1:m.start()] in "*＊" \
                or text[m.end():m.end() + 1] in "*＊":
            continue
        yield diagnostic(rule, m.start(), m.end(), render_message(rule, found=m.group()))
