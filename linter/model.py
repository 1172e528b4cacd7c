"""The records that cross module boundaries: rules, edits, fixes, diagnostics.

Offsets are 0-based indices into the decoded text (Python ``str`` positions).
"""
from __future__ import annotations

from collections import namedtuple

CATEGORIES = (
    "spinning", "pagebreak", "quote", "punct", "number", "deletion", "entity",
    "placeholder", "boilerplate", "typo", "script", "ocr",
)
SEVERITIES = ("error", "warning", "info")
APPLICABILITIES = ("safe", "unsafe", "none")


# Records are named tuples: immutable, cheap to build (a linted megabyte makes thousands), and they
# cost no import at start-up, which a pre-commit hook pays on every commit.


class Examples(namedtuple("Examples", "bad good ok", defaults=((), (), ()))):
    """``bad`` is reported; ``good`` is what --fix (with the rule's applicability) makes of ``bad``,
    item by item; ``ok`` are texts on which the rule must stay silent."""

    __slots__ = ()


class Rule(namedtuple("Rule", "code name category severity message why fix kind examples pack spec",
                      defaults=(None,))):
    """One rule of a pack: identity, documentation and how it matches.

    ``fix`` is the applicability of the fixes it offers ("safe", "unsafe", "none"); ``kind`` is
    "substitution", "pattern" or "check"; ``pack`` the file it was loaded from; ``spec`` its
    kind-specific keys, validated. A rule is identified by its pack and code.
    """

    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        rule = super().__new__(cls, *args, **kwargs)
        return rule if rule.spec is not None else rule._replace(spec={})

    def __eq__(self, other) -> bool:
        return isinstance(other, Rule) and (self.pack, self.code) == (other.pack, other.code)

    def __ne__(self, other) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((self.pack, self.code))

    @property
    def fixable(self) -> bool:
        return self.fix != "none"

    def __reduce__(self):
        """Rules cross process boundaries by name (pack, code): workers hold the same rules."""
        from wenlint.packs import loaded_rule

        return loaded_rule, (self.pack, self.code)


class Edit(namedtuple("Edit", "start end replacement")):
    """Replace text[start:end] by ``replacement``; edits order by position."""

    __slots__ = ()


class Fix(namedtuple("Fix", "applicability edits")):
    """Edits applied together; ``applicability`` is "safe" or "unsafe"."""

    __slots__ = ()


class Diagnostic(namedtuple("Diagnostic", "rule start end message fix", defaults=(None,))):
    """What a rule found at text[start:end], and the fix it offers (or None)."""

    __slots__ = ()

    @property
    def code(self) -> str:
        return self.rule.code
