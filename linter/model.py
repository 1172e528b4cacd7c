"""The records that cross module boundaries: rules, edits, fixes, diagnostics.

Offsets are 0-based indices into the decoded text (Python ``str`` positions).
"""
from __future__ import annotations

from dataclasses import dataclass, field

CATEGORIES = (
    "spinning", "pagebreak", "quote", "punct", "number", "deletion", "entity",
    "placeholder", "boilerplate", "typo", "script", "ocr",
)
SEVERITIES = ("error", "warning", "info")
APPLICABILITIES = ("safe", "unsafe", "none")


@dataclass(frozen=True)
class Examples:
    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()  # what --fix (with the rule's applicability) makes of `bad`, item by item
    ok: tuple[str, ...] = ()  # texts on which the rule must stay silent


@dataclass(frozen=True)
class Rule:
    """One rule of a pack: identity, documentation and how it matches."""

    code: str
    name: str
    category: str
    severity: str
    message: str
    why: str
    fix: str  # "safe" | "unsafe" | "none": the applicability of the fixes it offers
    kind: str  # "substitution" | "pattern" | "check"
    examples: Examples
    pack: str  # the file it was loaded from
    spec: dict = field(default_factory=dict, compare=False, hash=False)  # kind-specific keys, validated

    @property
    def fixable(self) -> bool:
        return self.fix != "none"

    def __reduce__(self):
        """Rules cross process boundaries by name (pack, code): workers hold the same rules."""
        from linter.packs import loaded_rule

        return loaded_rule, (self.pack, self.code)


@dataclass(frozen=True, order=True, slots=True)
class Edit:
    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    applicability: str  # "safe" | "unsafe"
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    rule: Rule
    start: int
    end: int
    message: str
    fix: Fix | None = None

    @property
    def code(self) -> str:
        return self.rule.code
