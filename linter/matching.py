"""Find candidate hits of declarative rules in one fast pass.

Every ``wrong`` form of every substitution rule goes into one Aho-Corasick automaton (:mod:`wenlint.literals`), so the text is
scanned once however many entries the packs hold; pattern rules each run their own compiled regex.
Context conditions, word-boundary checks and the context scorer run only on the hits.
"""
from __future__ import annotations

import re
from collections import namedtuple

from wenlint.literals import Literals
from wenlint.model import Diagnostic, Edit, Entry, Fix, Rule
from wenlint.text import lines_holding

WINDOW = 24  # characters of context that before/after conditions can see


class Hit(namedtuple("Hit", "rule entry start end replacement")):
    """A trigger found in the text: the rule, its entry (for substitutions, else None), the span and
    the replacement (None when the rule offers none)."""

    __slots__ = ()


def _tests(conditions: dict) -> tuple:
    """Conditions as (reads the text before, negated, pattern), worked out once per rule or entry."""
    return tuple((key.endswith("before"), key.startswith("not_"), rx) for key, rx in conditions.items())


def _hold(tests: tuple, left: str, right: str) -> bool:
    """Do the conditions hold: before/not_before on ``left`` (the text ending at the match),
    after/not_after on ``right`` (the text starting at its end)?"""
    for before, negated, rx in tests:
        if ((rx.search(left) if before else rx.match(right)) is None) != negated:
            return False
    return True


class Matcher:
    """Runs the substitution and pattern rules of a rule set over a text.

    A pattern with anchors (:mod:`wenlint.anchors`) is not searched in a text that holds none of
    them, and one that reads one line only in the lines that hold one: the matches are the same. The
    anchors are worked out (a few milliseconds for all the patterns) once the matcher has read
    ``ANCHORS_FROM`` characters: a small file scans faster whole.
    """

    ANCHORS_FROM = 30_000
    WHOLE = 500  # anchors found once in this many characters or more: the whole text is read

    def __init__(self, rules: list[Rule]):
        self.patterns = [(r, _tests(r.spec.conditions)) for r in rules if r.kind == "pattern"]
        self._anchors: list | None = None  # by pattern: its anchors, or None
        self._read = 0
        entries: dict[str, list[tuple[Rule, Entry, tuple]]] = {}
        for rule in rules:
            if rule.kind == "substitution":
                for entry in rule.spec.entries:
                    entries.setdefault(entry.wrong, []).append((rule, entry, _tests(entry.conditions)))
        self.automaton = Literals(list(entries)) if entries else None
        self.items = [tuple(items) for items in entries.values()]  # by key number

    def hits(self, text: str) -> list[Hit]:
        out: list[Hit] = []
        if self.automaton is not None:
            items_of = self.items
            for k, start, end in self.automaton.find(text):
                left = right = None  # the windows the conditions read, cut once per hit
                for rule, entry, tests in items_of[k]:
                    if tests:
                        if left is None:
                            left, right = text[max(0, start - WINDOW):start], text[end:end + WINDOW]
                        if not _hold(tests, left, right):
                            continue
                    out.append(Hit(rule, entry, start, end, entry.right))
        self._read += len(text)
        if self._anchors is None and self._read >= self.ANCHORS_FROM:
            from wenlint.anchors import anchors

            self._anchors = [anchors(r.spec.regex.pattern, r.spec.regex.flags)
                             if isinstance(r.spec.regex, re.Pattern) else None for r, _ in self.patterns]
        for n, (rule, tests) in enumerate(self.patterns):  # the loop a damaged megabyte runs thousands of times
            regex, template, table, _ = rule.spec
            found = self._anchors and self._anchors[n]
            for m in anchored_matches(regex, found, text, len(text) // self.WHOLE) if found else regex.finditer(text):
                start, end = m.span()
                if start == end and not template:
                    continue
                if tests and not _hold(tests, text[max(0, start - WINDOW):start], text[end:end + WINDOW]):
                    continue
                if table is not None:
                    replacement = m.group().translate(table)
                else:
                    replacement = m.expand(template) if template is not None else None
                out.append(Hit(rule, None, start, end, replacement))
        return out


def anchored_matches(regex, anchors, text: str, most: int):
    """``regex.finditer(text)``, given the pattern's :class:`wenlint.anchors.Anchors`: nothing if
    the text holds none of them; read only in the lines that hold one, for a pattern that reads one
    line, when they occur at most ``most`` times."""
    if not anchors.one_line:
        return regex.finditer(text) if any(needle in text for needle in anchors.needles) else iter(())
    spans = lines_holding(text, anchors.needles, most)
    if spans is None:
        return regex.finditer(text)
    return (m for start, end in spans for m in regex.finditer(text, start, end))


def minimal_edit(text: str, start: int, end: int, replacement: str) -> Edit:
    """The smallest edit that turns ``text[start:end]`` into ``replacement`` (common ends trimmed)."""
    old = text[start:end]
    if not old or not replacement or (old[0] != replacement[0] and old[-1] != replacement[-1]):
        return Edit(start, end, replacement)  # nothing in common at either end: most edits
    head = 0
    while head < min(len(old), len(replacement)) and old[head] == replacement[head]:
        head += 1
    tail = 0
    while (tail < min(len(old), len(replacement)) - head
           and old[len(old) - 1 - tail] == replacement[len(replacement) - 1 - tail]):
        tail += 1
    return Edit(start + head, end - tail, replacement[head:len(replacement) - tail])


class _Format(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def render_message(rule: Rule, **values) -> str:
    """The rule's message with ``{found}``, ``{fix}`` and check-specific fields filled in."""
    return rule.message.format_map(_Format(values))


def replacement(rule: Rule, text: str, start: int, end: int, new: str) -> Diagnostic:
    """A diagnostic whose fix replaces ``text[start:end]`` by ``new``; its message names both."""
    message = render_message(rule, found=text[start:end], fix=new)
    return diagnostic(rule, start, end, message, [Edit(start, end, new)])


def diagnostic(rule: Rule, start: int, end: int, message: str, edits=None, applicability=None) -> Diagnostic:
    """Build a diagnostic; ``edits`` become a fix unless the applicability is ``none``."""
    applicability = applicability or rule.fix
    fix = Fix(applicability, tuple(edits)) if edits and applicability != "none" else None
    return Diagnostic(rule, start, end, message, fix)
