"""What several rules must agree on about Chinese text: a Han character, and the marks that end a
sentence, a paragraph or a line. Each set is named for the question it answers."""
from __future__ import annotations

import re
from bisect import bisect_right

from wenlint.patterns import compile_pattern

HAN = compile_pattern(r"\p{Han}")  # one Han character (the class \p{Han} expands to)


class _HanChar(dict):
    """Character -> is it a Han character (HAN)? Each character is matched once: a dict lookup
    where checks ask it of every space or line break costs a tenth of a match."""

    def __missing__(self, ch: str) -> bool:
        self[ch] = han = HAN.match(ch) is not None
        return han


HAN_CHAR = _HanChar()

# a sentence ends here for certain (a quotation may still hold clauses separated by ；)
SENTENCE_FINAL = frozenset("。！？!?")
# a line break after these may end a paragraph; a quotation may stop before them
PARAGRAPH_MAY_END = SENTENCE_FINAL | frozenset("：:…”’）)】》")
# a page number after these does not interrupt a sentence
PAGE_BREAK_MAY_FOLLOW = frozenset("。！？；：!?;:”’）)】》…\n")
# a line that ends in these may end its paragraph: no certain hard wrap, no bracket pair across it
LINE_MAY_END_PARAGRAPH = frozenset("。！？；：…!?;:”’」』）)")


# the numbering that opens a part of a document: an article, chapter or section of a law (第十二条),
# an item (（三）, 三、); what follows it is the document's own text
NUMBERED = compile_pattern(r"[ \t\u3000]*(?:第[一二三四五六七八九十百千零〇\d]+[章节条款部篇编]"
                           r"|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)")

# a title line: this many characters at least and at most, and none of these marks (they make it prose)
TITLE_LENGTH = (6, 50)
CLAUSE_MARK = compile_pattern(r"[。！？，；：!?,;]")


def reads_as_title(line: str) -> bool:
    """Is ``line`` short enough for a title and free of sentence and clause punctuation?"""
    return TITLE_LENGTH[0] <= len(line) <= TITLE_LENGTH[1] and not CLAUSE_MARK.search(line)


def lines_with(pattern, text: str):
    """(start, end) of each line of ``text`` that holds a match of ``pattern``, its line break
    included: the only lines a search for something that needs such a match, and never spans a
    line break, has to read. (Searched with these bounds, look-behinds still see the line before.)"""
    end = 0
    for m in pattern.finditer(text):
        if m.start() >= end:
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.end()) + 1 or len(text)
            yield start, end


def lines_at(text: str, offsets):
    """(start, end) of each line of ``text`` that holds one of the sorted ``offsets``, its line break
    included, each line once."""
    end = 0
    for at in offsets:
        if at >= end:
            end = text.find("\n", at) + 1 or len(text)
            yield text.rfind("\n", 0, at) + 1, end


def by_first(chars: str, tail: str) -> dict[str, re.Pattern]:
    """``[chars]tail`` as one pattern per character ``c`` of ``chars``: ``c`` then ``tail``, which
    matches where ``[chars]tail`` matches with ``c`` first (``tail`` may use the macros of
    :func:`wenlint.patterns.compile_pattern`). ``re`` skips ahead to a literal character fast (0.2 ms
    per MB of Chinese text), but tries every position against a class (2 to 3 ms, whatever its size)."""
    return {c: compile_pattern(re.escape(c) + tail) for c in dict.fromkeys(chars)}


def lines_with_any(patterns: dict[str, re.Pattern], text: str):
    """(start, end) of each line of ``text`` that holds a match of one of ``patterns`` (character ->
    a pattern that opens with it, from :func:`by_first`; none spans a line break), its line break
    included: the lines :func:`lines_with` gives for the pattern they split. Only the characters the
    text holds are looked for."""
    return lines_at(text, sorted(m.start() for ch, pattern in patterns.items() if ch in text
                                 for m in pattern.finditer(text)))


SECTION = 30_000  # characters: a longer text is many documents (a corpus file, a book); what a text
# says about itself (spun, scanned) is weighed per section of this length, cut at a line end


def section_cuts(text: str) -> list[int]:
    """Section boundaries: the text whole, or every SECTION characters at the next line end (or
    right there, in a text without line ends)."""
    cuts = [0]
    while len(text) - cuts[-1] > SECTION:
        at = cuts[-1] + SECTION
        nl = text.find("\n", at, at + SECTION)
        cuts.append(at if nl < 0 else nl + 1)
    return cuts + [len(text)] * (cuts[-1] < len(text) or len(cuts) == 1)  # an empty text is one section


def section_of(cuts: list[int], pos: int) -> int:
    """The index of the section (``cuts`` from :func:`section_cuts`, or their starts) holding ``pos``."""
    return bisect_right(cuts, pos) - 1
