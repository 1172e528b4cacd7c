"""Regular expressions for rule packs and checks: the ``regex`` module for patterns about Chinese
characters, stdlib ``re`` for the rest.

Patterns may write ``\\p{Han}`` (CJK ideographs) and ``\\p{CJKPunct}`` (full-width punctuation).
``regex`` knows ``\\p{Han}`` natively: it compiles such a pattern about five times faster than ``re``
compiles the equivalent character class (which it turns into a 64k-entry bitmap) and scans Chinese
text faster too. Other patterns run on ``re``, falling back to ``regex`` for what ``re`` rejects
(variable-width look-behind, other properties).
"""
from __future__ import annotations

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f\u3007"
CJK_PUNCT = "\u3000-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d\u2026\u2014\u00b7"
MACROS = {r"\p{Han}": HAN, r"\p{CJKPunct}": CJK_PUNCT}
FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


def _expand(pattern: str, keep_han: bool = False) -> str:
    """Replace the macros, inside or outside a character class (``\\p{Han}`` stays for ``regex``)."""
    macros = {k: v for k, v in MACROS.items() if not (keep_han and k == r"\p{Han}")}
    out, i, in_class = [], 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            for macro, chars in macros.items():
                if pattern.startswith(macro, i):
                    out.append(chars if in_class else f"[{chars}]")
                    i += len(macro)
                    break
            else:
                out.append(pattern[i:i + 2])
                i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


def compile_pattern(pattern: str, flags: str = ""):
    """Compile a pack regex; raises ``ValueError`` for unknown flags and the engine's error otherwise."""
    bits = 0
    for letter in flags:
        if letter not in FLAGS:
            raise ValueError(f"unknown flag {letter!r} (use {''.join(FLAGS)})")
        bits |= FLAGS[letter]
    if r"\p{Han}" not in pattern:
        try:
            return re.compile(_expand(pattern), bits)
        except re.error:
            pass
    import regex

    return regex.compile(_expand(pattern, keep_han=True), bits | regex.V0)


class LazyPattern:
    """A pattern compiled when first used, so that the many conditions a text never reaches cost
    nothing. ``where`` (file, rule and key) names it if it does not compile."""

    __slots__ = ("pattern", "where", "_compiled")

    def __init__(self, pattern: str, where: str):
        self.pattern, self.where, self._compiled = pattern, where, None

    def compiled(self):
        if self._compiled is None:
            try:
                self._compiled = compile_pattern(self.pattern)
            except Exception as e:  # re.error, regex.error
                from linter.packs import PackError

                raise PackError(f"{self.where}: bad regular expression: {e}") from None
        return self._compiled

    def search(self, text: str):
        return self.compiled().search(text)

    def match(self, text: str):
        return self.compiled().match(text)
