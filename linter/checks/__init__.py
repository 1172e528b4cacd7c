"""Rules whose logic must be code. A pack rule of kind ``check`` runs the check registered under its
``check`` key, or under the rule's own name: ``CHECKS[name].fn(ctx, rule)``.

Each module registers its functions with :func:`check`, declaring the options a pack may set (with
their defaults, whose types the loader enforces) and the message fields the check fills. A check yields
diagnostics with offsets into ``ctx.text`` (the masked text, or the repaired view for rules of the
second phase) and reads its options from ``rule.spec.options``.
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


class CheckContext:
    """What a check reads: the text (masked, or the repaired view), the file's path and settings, and
    ``prior``, what the dictionary and pattern rules found in this phase."""

    __slots__ = ("text", "path", "settings", "prior")

    def __init__(self, text: str, path: str, settings: Settings):
        self.text, self.path, self.settings = text, path, settings
        self.prior: list[Diagnostic] = []


def check(name: str, *, options: dict | None = None, fields: Iterable[str] = ("found",)):
    """Register a check function under ``name`` with its declared ``options`` and message ``fields``."""
    def register(fn: Callable[[CheckContext, Rule], Iterable[Diagnostic]]):
        CHECKS[name] = CheckDef(fn, dict(options or {}), frozenset(fields))
        return fn
    return register


from wenlint.checks import (  # noqa: E402,F401  (registration)
    boilerplate, entities, numbers, ocr_digits, ocr_latin, ocr_lookalike, ocr_punct, ocr_rare, ocr_wrap,
    pagebreak, placeholders, punct, quotes, script, spaces, spin,
)
