"""Find candidate hits of declarative rules in one fast pass.

Every ``wrong`` form of every substitution rule goes into one Aho-Corasick automaton (:mod:`wenlint.literals`), so the text is
scanned once however many entries the packs hold; pattern rules each run their own compiled regex.
Context conditions, word-boundary checks and the context scorer run only on the hits.
"""
from __future__ import annotations

import re
from collections import namedtuple
from functools import lru_cache

from wenlint.literals import Literals
from wenlint.patterns import _sre_parser as sre, compile_pattern
from wenlint.model import Diagnostic, Edit, Entry, Fix, Rule

WINDOW = 24  # characters of context that before/after conditions can see


class Hit(namedtuple("Hit", "rule entry start end replacement")):
    """A trigger found in the text: the rule, its entry (for substitutions, else None), the span and
    the replacement (None when the rule offers none)."""

    __slots__ = ()


def _tests(conditions: dict) -> tuple:
    """Conditions as (reads the text before, negated, pattern), worked out once per rule or entry,
    the patterns compiled when first used (the many of the dictionaries' entries: a key's when it is
    first found, :func:`_compiled`)."""
    return tuple((key.endswith("before"), key.startswith("not_"), rx) for key, rx in conditions.items())


def _compiled(tests: tuple) -> tuple:
    """:func:`_tests` with the patterns compiled."""
    return tuple((before, negated, rx.compiled()) for before, negated, rx in tests)


def _near(tests: tuple) -> tuple:
    """Compiled tests as (before, negated, pattern, reach): a before condition of ``re`` is searched
    from ``len(left) - reach`` (:func:`_reach`: where a match that ends the window can start; the
    same answer as a search of all of ``left``), any other as it is (reach None)."""
    return tuple((before, negated, rx, _reach(rx) if before and isinstance(rx, re.Pattern) else None)
                 for before, negated, rx in tests)


def _hold_near(tests: tuple, left: str, right: str) -> bool:
    """Do the conditions (:func:`_near`) hold: before/not_before on ``left`` (the text ending at the
    match), after/not_after on ``right`` (the text starting at its end)?"""
    for before, negated, rx, reach in tests:
        if before:
            found = rx.search(left) if reach is None else rx.search(left, max(0, len(left) - reach))
        else:
            found = rx.match(right)
        if (found is None) != negated:
            return False
    return True


def _gate(items: tuple):
    """A test that every hit of a key passes for which one of its entries with conditions holds: one
    positive condition of each such entry, the after ones matched as one alternation, the before ones
    searched as another (a search of ``(?:A)|(?:B)`` finds a match where a search of A or of B
    does). Worth it for a key of several entries with conditions, the first failing of each entry
    tried in turn otherwise (开展: eight entries, a dozen tests a hit). None where no gate is sure:
    fewer than two such entries, one with only negated conditions, a user pack's pattern (timed),
    groups (their numbers would shift), inline flags or ``regex``-only syntax in one of them.
    Gives (after, before, reach): ``before.search(left, max(0, len(left) - reach))`` is a search of
    ``left`` (see :func:`_reach`)."""
    chosen = []
    for _, _, tests in items:
        if tests:
            positive = [(before, rx) for before, negated, rx in tests if not negated]
            if not positive:
                return None
            chosen.append(min(positive, key=lambda t: t[0]))  # an after condition if any: one match
    if len(chosen) < 2 or any(getattr(rx, "guarded", True) for _, rx in chosen):
        return None
    sides = []
    for side in (False, True):
        alternatives = list(dict.fromkeys(rx.pattern for before, rx in chosen if before is side))
        if not alternatives:
            sides.append(None)
            continue
        try:
            combined = compile_pattern("|".join(f"(?:{p})" for p in alternatives))
        except Exception:  # re.error, regex.error: the conditions themselves report it when used
            return None
        if not isinstance(combined, re.Pattern) or combined.groups or combined.flags != re.UNICODE:
            return None
        sides.append(combined)
    return (*sides, _reach(sides[1]) if sides[1] is not None else 0)


@lru_cache(maxsize=None)
def _reach(before: re.Pattern) -> int:
    """How far before the end of a window a match of a before condition can start: its widest match
    and the one character ``$`` may leave (a line break that ends the window); ``WINDOW`` (the whole
    window) unless every alternative ends with ``$`` and the width is bounded."""
    try:
        parsed = sre.parse(before.pattern)
    except (sre.error, RecursionError):  # a pattern only ``regex`` reads: never a gate
        return WINDOW
    items = list(parsed)
    while len(items) == 1 and items[0][0] is sre.SUBPATTERN:
        items = list(items[0][1][-1])
    branches = items[0][1][1] if len(items) == 1 and items[0][0] is sre.BRANCH else [items]
    for branch in branches:
        branch = list(branch)
        while len(branch) == 1 and branch[0][0] is sre.SUBPATTERN:
            branch = list(branch[0][1][-1])
        if not branch or branch[-1] != (sre.AT, sre.AT_END):
            return WINDOW
    return min(WINDOW, parsed.getwidth()[1] + 1)


class Matcher:
    """Runs the substitution and pattern rules of a rule set over a text.

    ``anchored``: skip what the patterns' anchors rule out (:func:`wenlint.anchors.searcher`), with
    the same matches; worth it once a linter has read some text (working them out costs a few
    milliseconds for all the patterns).
    """

    def __init__(self, rules: list[Rule]):
        self.patterns = []  # (rule, tests, reads the text before, after): a window is cut only if read
        for r in rules:
            if r.kind == "pattern":
                tests = _near(_compiled(_tests(r.spec.conditions)))  # a pattern rule's few: tried at every match
                self.patterns.append((r, tests, any(t[0] for t in tests), not all(t[0] for t in tests)))
        entries: dict[str, list[tuple[Rule, Entry, tuple]]] = {}
        for rule in rules:
            if rule.kind == "substitution":
                for entry in rule.spec.entries:
                    entries.setdefault(entry.wrong, []).append((rule, entry, _tests(entry.conditions)))
        self.automaton = Literals(list(entries)) if entries else None
        self.items = [tuple(items) for items in entries.values()]  # by key number
        # by key number: False until first needed, then the gate (_gate) and the entries without conditions, or None
        self.gates: list = [False] * len(self.items)
        self.searches = [r.spec[0].finditer for r, *_ in self.patterns]  # a text -> the matches of each pattern
        self.anchored = None  # the same, reading only what the anchors leave: worked out when first asked

    def hits(self, text: str, anchored: bool = False) -> list[Hit]:
        """The dictionaries' hits in the text, by end, then the pattern rules', rule by rule."""
        out = self._entry_hits(text) if self.automaton is not None else []
        self._pattern_hits(text, anchored, out)
        return out

    def _entry_hits(self, text: str) -> list[Hit]:
        """The hits of the dictionaries' entries whose conditions hold."""
        out: list[Hit] = []
        items_of, gates = self.items, self.gates
        for k, start, end in self.automaton.find(text):
            gate = gates[k]
            if gate is False:  # the key's first hit: its gate, its entries' tests compiled (_near)
                gate = _gate(items_of[k])
                items_of[k] = tuple((r, e, _near(_compiled(tests))) for r, e, tests in items_of[k])
                if gate is not None:  # with the entries that pass a shut gate: those without conditions
                    gate = (*gate, tuple((r, e) for r, e, tests in items_of[k] if not tests))
                gates[k] = gate
            left = None  # the windows the conditions read, cut once per hit
            if gate is not None:  # a gated key has entries with conditions: they read the windows
                after, before, reach, bare = gate
                left, right = text[max(0, start - WINDOW):start], text[end:end + WINDOW]
                if not (after is not None and after.match(right)
                        or before is not None and before.search(left, max(0, len(left) - reach))):
                    # shut: no entry with conditions holds (_gate), so only those without any hit, in
                    # their order (the loop below would skip all the others)
                    if bare:
                        out.extend(Hit(rule, entry, start, end, entry.right) for rule, entry in bare)
                    continue
            for rule, entry, tests in items_of[k]:
                if tests:
                    if left is None:
                        left, right = text[max(0, start - WINDOW):start], text[end:end + WINDOW]
                    if not _hold_near(tests, left, right):
                        continue
                out.append(Hit(rule, entry, start, end, entry.right))
        return out

    def _pattern_hits(self, text: str, anchored: bool, out: list[Hit]) -> None:
        """Add the pattern rules' hits to ``out``."""
        if anchored and self.anchored is None:
            from wenlint.anchors import searcher

            self.anchored = [searcher(r.spec[0]) for r, *_ in self.patterns]
        for (rule, tests, left, right), search in zip(self.patterns, self.anchored if anchored else self.searches):
            _, template, table, _ = rule.spec
            for m in search(text):  # the loop a damaged megabyte runs thousands of times
                start, end = m.span()
                if start == end and not template:
                    continue
                if tests and not _hold_near(tests, text[max(0, start - WINDOW):start] if left else "",
                                            text[end:end + WINDOW] if right else ""):
                    continue
                if table is not None:
                    replacement = m.group().translate(table)
                else:
                    replacement = m.expand(template) if template is not None else None
                out.append(Hit(rule, None, start, end, replacement))


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
