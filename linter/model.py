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
    """``bad`` is reported; ``good`` is what the rule's fixes (unsafe ones too) make of ``bad``, item
    by item; ``ok`` are texts on which the rule must stay silent."""

    __slots__ = ()


FIX_RANK = {"none": 0, "unsafe": 1, "safe": 2}  # a rule's declared fix is the most it may emit


class Entry(namedtuple("Entry", "wrong right fix word context unspun conditions")):
    """One wrong→right pair of a substitution rule: its applicability (at most the rule's), whether
    the match must segment as whole words, the context margin it needs (or None), the margin it needs
    where the text shows no spinning evidence (or None) and its compiled before/after conditions."""

    __slots__ = ()


class SubstitutionSpec(namedtuple("SubstitutionSpec", "entries")):
    """A dictionary rule: its entries, sorted by ``wrong``."""

    __slots__ = ()


class PatternSpec(namedtuple("PatternSpec", "regex replacement translate conditions")):
    """A pattern rule: the compiled pattern, its replacement template or translation table (or
    neither, for a report-only rule) and its conditions."""

    __slots__ = ()


class CheckSpec(namedtuple("CheckSpec", "check options")):
    """A check rule: the registered check it runs and its options, validated and with defaults."""

    __slots__ = ()


class Rule(namedtuple("Rule", "code name category severity message why fix kind examples pack spec "
                              "repairs_view fix_title", defaults=(None, False, ""))):
    """One rule of a pack: identity, documentation and how it matches.

    ``fix`` is the most the rule may offer ("safe", "unsafe", "none"): entries and checks may lower
    it, never raise it. ``kind`` is "substitution", "pattern" or "check" and ``spec`` the matching
    record (:class:`SubstitutionSpec`, :class:`PatternSpec`, :class:`CheckSpec`). ``repairs_view``
    rules run first and their safe fixes make the view the others read. ``pack`` is the file it was
    loaded from; a rule is identified by its pack and code.
    """

    __slots__ = ()

    def __eq__(self, other) -> bool:
        return isinstance(other, Rule) and (self.pack, self.code) == (other.pack, other.code)

    def __ne__(self, other) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((self.pack, self.code))

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
