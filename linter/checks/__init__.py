"""Rules whose logic must be code. A pack rule ``check = "NAME"`` runs ``CHECKS[NAME](ctx, rule)``.

Each module registers its functions with :func:`check`; a check yields diagnostics with offsets into
``ctx.text`` (the masked text, or the repaired view for rules of the second phase).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from wenlint.config import Settings
from wenlint.model import Diagnostic, Rule

CHECKS: dict[str, Callable[["CheckContext", Rule], Iterable[Diagnostic]]] = {}


class CheckContext:
    """What a check reads: the text (masked, or the repaired view), the file's path and settings, and
    ``prior``, what the dictionary and pattern rules found in this phase."""

    __slots__ = ("text", "path", "settings", "prior")

    def __init__(self, text: str, path: str, settings: Settings):
        self.text, self.path, self.settings = text, path, settings
        self.prior: list[Diagnostic] = []


def check(name: str):
    """Register a check function under ``name``."""
    def register(fn):
        CHECKS[name] = fn
        return fn
    return register


from wenlint.checks import (  # noqa: E402,F401  (registration)
    boilerplate, entities, numbers, ocr_digits, ocr_lookalike, ocr_punct, ocr_wrap, pagebreak, placeholders,
    punct, quotes, script, spin,
)
