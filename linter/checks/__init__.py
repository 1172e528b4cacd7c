"""Rules whose logic must be code. A pack rule of kind ``check`` runs the check registered under its
``check`` key, or under the rule's own name: ``CHECKS[name].fn(ctx, rule)``.

Each module registers its functions with :func:`check`, declaring the options a pack may set (with
their defaults, whose types the loader enforces) and the message fields the check fills. A check yields
diagnostics with offsets into ``ctx.text`` (the masked text, or the repaired view for rules of the
second phase) and reads its options from ``rule.spec.options``. What several checks read about the
document (the spinning evidence) is a *fact*, registered with :func:`fact` and computed at most once
per text, from the frozen hits of the dictionary and pattern rules.
"""
from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterable

from wenlint.config import Settings
from wenlint.model import Diagnostic, Rule


class CheckDef(namedtuple("CheckDef", "fn options fields")):
    """A registered check: the function, its options (name → default) and the message fields it fills."""

    __slots__ = ()


CHECKS: dict[str, CheckDef] = {}


FACTS: dict[str, Callable[["CheckContext"], object]] = {}


class CheckData:
    """What the checks know beyond the text, fixed for a linter: its rules, and known spinner pairs
    left out on purpose (``without``: (right, wrong) pairs, for tools/leave_pairs_out.py). Checks
    derive their tables from it once (``memo``); ``scanned`` counts the characters linted with this
    linter before the current text and ``coming`` the characters the run is known to bring it in all
    (at least; 0 if unknown: :meth:`worth_building`)."""

    __slots__ = ("rules", "without", "memo", "scanned", "coming")
    BUILD_FROM = 30_000  # characters read, a text's included, from which work done once per linter pays

    def __init__(self, rules: list[Rule], without: frozenset = frozenset()):
        self.rules, self.without, self.memo = tuple(rules), frozenset(without), {}
        self.scanned = self.coming = 0

    def worth_building(self, text: str) -> bool:
        """Has this linter read enough, ``text`` included, or will it read enough in this run, for
        work done once to pay (an automaton of the look-alike index, the patterns' anchors, the
        openings of the furniture's patterns)? The results are the same either way; a small file is
        only quicker without, and a run of many small files quicker with it from the first."""
        return self.scanned + len(text) >= self.BUILD_FROM or self.coming >= self.BUILD_FROM


class CheckContext:
    """What a check reads: the text (masked, or the repaired view), the file's path and settings,
    ``hits``, what the dictionary and pattern rules found in this phase (frozen), the linter's
    ``data``, and the document's facts (:meth:`fact`)."""

    __slots__ = ("text", "path", "settings", "hits", "data", "_facts")

    def __init__(self, text: str, path: str, settings: Settings, hits: tuple = (),
                 data: CheckData | None = None):
        self.text, self.path, self.settings, self.hits = text, path, settings, tuple(hits)
        self.data = data if data is not None else CheckData([])
        self._facts: dict[str, object] = {}

    def fact(self, name: str):
        """The fact ``name`` about this text, computed on first use."""
        if name not in self._facts:
            self._facts[name] = FACTS[name](self)
        return self._facts[name]


def check(name: str, *, options: dict | None = None, fields: Iterable[str] = ("found",)):
    """Register a check function under ``name`` with its declared ``options`` and message ``fields``."""
    def register(fn: Callable[[CheckContext, Rule], Iterable[Diagnostic]]):
        CHECKS[name] = CheckDef(fn, dict(options or {}), frozenset(fields))
        return fn
    return register


def fact(name: str):
    """Register a function of a :class:`CheckContext` as the document fact ``name``."""
    def register(fn):
        FACTS[name] = fn
        return fn
    return register


from wenlint.checks import (  # noqa: E402,F401  (registration)
    boilerplate, entities, numbers, ocr_digits, ocr_latin, ocr_lookalike, ocr_punct, ocr_rare, ocr_wrap,
    pagebreak, placeholders, punct, quotes, script, spaces, spin, spinrevealed, spinwords,
)
