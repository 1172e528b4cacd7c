"""What may be linted in a file, by format, and the suppression markers it holds.

Code (fenced, indented, inline), URLs, e-mail addresses, HTML tags and entities, front matter and
TeX commands are never linted or fixed: they are masked before any rule runs.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from pathlib import PurePath
from wenlint.patterns import rx

KINDS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
         ".rst": "rst", ".tex": "tex"}
MASK_CHAR = "\ue000"  # stands in for masked text: a private-use character no rule matches

# A URL runs to white space, a quote, an angle bracket or Chinese punctuation, whatever characters it
# holds (https://baike.baidu.com/item/原则), and does not end on ASCII punctuation. E-mail: ASCII local
# part (with \w, every run of Chinese characters would be tried character by character). The pattern
# opens with a character class, which lets re skip to where a match can start (an opening look-ahead
# does not: re then tries the whole pattern at every position); the alternatives check that first
# character with look-behinds.
_NOT_URL = "\\s<>\"'\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2026\u2014\ue000"
_URL_END = rf"[^{_NOT_URL}.,;:!?()\[\]{{}}*]"
URL = rx(rf"[A-Za-z0-9._%+-](?:(?<=[A-Za-z])[A-Za-z0-9+.-]*://[^{_NOT_URL}]*{_URL_END}|(?<=w)ww\.[^{_NOT_URL}]*{_URL_END}"
         r"|(?<![A-Za-z0-9._%+-].)[A-Za-z0-9._%+-]*@[\w-]+(?:\.[\w-]+)+)")
HTML = [rx(p, re.S | re.I) for p in (
    r"<!--.*?-->", r"<(script|style|pre|code)\b.*?</\1\s*>", r"</?[A-Za-z][^<>]*>", r"&(?:#\d+|#x[0-9a-f]+|\w+);")]
MARKDOWN = [rx(p, re.M) for p in (
    r"\A(?:---|\+\+\+)\r?\n(?:.*\n)*?(?:---|\+\+\+)[ \t\r]*$",  # front matter (LF or CRLF)
    r"^ {0,3}(`{3,}|~{3,}).*\n(?:.*\n)*?(?: {0,3}\1[`~]*\s*$|\Z)",  # fenced code
    r"(?:(?<=\n\n)|(?<=\n\r\n)|\A)(?:(?: {4}|\t).*(?:\n|\Z)|[ \t]*\r?\n)+",  # indented code after a blank line
    r"(`+)(?!`).+?(?<!`)\1(?!`)",  # inline code
    r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)",  # link destination
    r"^ {0,3}\[[^\]\n]+\]:.*$",  # link reference definition
)]
RST = [rx(p, re.M) for p in (
    r"``.+?``", r"^\.\. .*$", r"(?<=::\n\n)(?:(?:[ \t]+.*)?\n)+",
)]
TEX = [rx(p, re.M | re.S) for p in (
    r"\\begin\{(verbatim|lstlisting|minted)\}.*?\\end\{\1\}", r"(?<!\\)%.*?$", r"\$\$.*?\$\$|\$[^$\n]*\$",
    r"\\[A-Za-z@]+\*?|\\.",
)]
PATTERNS = {"markdown": MARKDOWN + HTML, "html": HTML, "rst": RST, "tex": TEX, "plain": []}
# code, where a suppression marker is an example being shown, not a directive
CODE = {"markdown": MARKDOWN[1:4], "html": [HTML[1]], "rst": [RST[0], RST[2]], "tex": [TEX[0]], "plain": []}

MARKER = rx(r"wenlint-(disable-next-line|disable|enable)\b[ \t]*([A-Za-z0-9, \t]*)")
COMMENT_LINE = rx(r"^[ \t]*(?:#|//|%|\.\.|;)?[ \t]*(wenlint-[a-z-]+\b[^\n]*?)[ \t]*$", re.M)
HTML_COMMENT = rx(r"<!--(.*?)-->", re.S)


@lru_cache(maxsize=256)  # asked several times per file
def kind_of(path: str) -> str:
    return KINDS.get(PurePath(path).suffix.lower(), "plain")


def masked_spans(text: str, kind: str, anchored: bool = False) -> list[tuple[int, int]]:
    """Sorted, merged spans of ``text`` that no rule may see; ``anchored``: the patterns skip what
    their anchors rule out (:func:`wenlint.anchors.searcher`; a URL needs ``://``, ``ww.`` or ``@``)."""
    spans = [m.span() for search in _searches(kind, anchored) for m in search(text) if m.end() > m.start()]
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


@lru_cache(maxsize=None)
def _searches(kind: str, anchored: bool) -> tuple:
    """The patterns masked in a text of ``kind``, each as a function of a text that gives its matches
    (``finditer``; ``anchored``: :func:`wenlint.anchors.searcher`), worked out once."""
    patterns = [URL, *PATTERNS[kind]]
    if not anchored:
        return tuple(rx.finditer for rx in patterns)
    from wenlint.anchors import searcher

    return tuple(searcher(rx) for rx in patterns)


def apply_mask(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with masked spans replaced by ``MASK_CHAR`` (newlines kept, offsets unchanged)."""
    if not spans:
        return text
    out, pos = [], 0
    for s, e in spans:
        out += [text[pos:s], re.sub(r"[^\n]", MASK_CHAR, text[s:e])]
        pos = e
    out.append(text[pos:])
    return "".join(out)


class Suppressions:
    """Line ranges where codes (or code prefixes; empty = all) are switched off."""

    def __init__(self):
        self.ranges: list[tuple[int, int, tuple[str, ...]]] = []
        self._index: dict | None = None

    def __bool__(self) -> bool:
        return bool(self.ranges)

    def covers(self, code: str, line: int) -> bool:
        """Is ``code`` off on ``line``? A bisection per group of ranges with the same codes and kind
        (the ranges of a group never overlap), so thousands of markers cost no more than a few."""
        if self._index is None:
            groups: dict = {}
            for a, b, sel in sorted(self.ranges):
                groups.setdefault((a == b, sel), []).append((a, b))
            self._index = {key: ([a for a, _ in spans], [b for _, b in spans]) for key, spans in groups.items()}
        for (_, sel), (starts, ends) in self._index.items():
            if sel and not any(code.startswith(s) for s in sel):
                continue
            i = bisect_right(starts, line) - 1
            if i >= 0 and ends[i] >= line:
                return True
        return False


def suppressions(text: str, kind: str) -> Suppressions:
    """Read ``wenlint-disable [CODES]``, ``wenlint-enable [CODES]`` and
    ``wenlint-disable-next-line [CODES]``: inside ``<!-- -->`` in Markdown and HTML, on a line of
    their own (optionally after a comment leader) elsewhere."""
    if "wenlint-" not in text:
        return Suppressions()
    holder = HTML_COMMENT if kind in ("markdown", "html") else COMMENT_LINE
    code = sorted(c.span() for rx in CODE[kind] for c in rx.finditer(text))
    code_starts = [a for a, _ in code]
    code_reach = list(accumulate((b for _, b in code), max))  # furthest end among spans starting so far
    out, open_ranges = Suppressions(), {}
    pos, line = 0, 1  # lines are counted as the markers go by, never from the start again
    for m in holder.finditer(text):
        marker = MARKER.search(m.group(1))
        if not marker:
            continue
        i = bisect_right(code_starts, m.start()) - 1
        if i >= 0 and code_reach[i] > m.start():
            continue
        line += text.count("\n", pos, m.start())
        pos = m.start()
        action, codes = marker.group(1), tuple(re.findall(r"[A-Za-z0-9]+", marker.group(2)))
        if action == "disable-next-line":
            nxt = line + text.count("\n", m.start(), m.end()) + 1
            out.ranges.append((nxt, nxt, codes))
        elif action == "disable":
            open_ranges.setdefault(codes, line)
        else:
            for sel in [s for s in open_ranges if not codes or s == codes]:
                out.ranges.append((open_ranges.pop(sel), line, sel))
    out.ranges += [(start, 1 << 30, sel) for sel, start in open_ranges.items()]
    return out
