"""Where a regular expression can match: the literal strings one of which each of its matches
holds, worked out from the parsed pattern.

``re`` scans a text for a pattern that starts with a class at some ten nanoseconds a character, a
few milliseconds per megabyte for each pattern rule even where nothing matches; ``str.find`` and
``in`` skip through it for a literal a hundred times faster. A pattern that needs one of a few
literals somewhere in its match or in a look-ahead or look-behind that must hold (``第\\n`` in
``[\\r\\n](?<=第\\r|第\\n)``, ``点意见`` in ``[1-9](?=点(?:意见|要求))``) cannot match a text that
holds none of them (one ``re`` pass per first character finds them: :func:`occurrences`). It finds
the same matches when it is searched only near them: in the lines that hold one, for a pattern that
can never match or look at a line break (``\\n``); in windows around them, for one whose matches
and look-arounds read a bounded stretch (:func:`_reach`); in the runs of the characters it consumes
that touch them, for one that consumes only characters of a few classes (:func:`_run`, page footers
of ``\\s*``). ASCII anchors may be many (a pair of lower-case consonants): the text's ASCII
characters, cut out at C speed, are searched for them first.

Everything the analysis is unsure of (a negated class, a repeat that may be empty, a class of many
characters, case folding) makes it give up on that part: a pattern with no certain literal has no
anchors and is searched whole, and one that may match a line break and reads an unbounded stretch
of any character is searched whole wherever an anchor occurs in the text.
"""
from __future__ import annotations

import re
from collections import namedtuple
from functools import lru_cache

from wenlint.patterns import _sre_parser as sre, rx
from wenlint.text import lines_at

WHOLE = 500  # anchors found once in this many characters or more: a line search no longer pays
MAX_HEADS = 6  # first characters at most among a pattern's anchors: each is one literal re pass (a tenth of a scan)
MAX_SET = 64  # strings at most in one anchor set (a product of small classes grows fast)
SMALL_CLASS = 12  # characters at most in a class taken as a set of one-character literals
# ASCII strings are found in the text's ASCII characters alone (a few per cent of a Chinese text, one
# encoding pass to cut out) before the text is read for them: a set of them may have more strings and
# first characters, its ASCII classes any number of characters
MAX_ASCII_SET = 1024
NEWLINE = ord("\n")
# possessive repeats and atomic groups came with Python 3.11; before, no parsed pattern holds them
ATOMIC_GROUP = getattr(sre, "ATOMIC_GROUP", None)
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None))
AT_MULTILINE = {sre.AT_BEGINNING: sre.AT_BEGINNING_LINE, sre.AT_END: sre.AT_END_LINE}  # as re compiles (?m)
# zero-width tests a line's own search decides as a search of the whole text does
LINE_SAFE_AT = {sre.AT_BEGINNING_LINE, sre.AT_END_LINE, sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY,
                sre.AT_UNI_BOUNDARY, sre.AT_UNI_NON_BOUNDARY}
# classes that never match a line break
NO_NEWLINE_CATEGORY = {sre.CATEGORY_DIGIT, sre.CATEGORY_WORD, sre.CATEGORY_NOT_SPACE, sre.CATEGORY_UNI_DIGIT,
                       sre.CATEGORY_UNI_WORD, sre.CATEGORY_UNI_NOT_SPACE, sre.CATEGORY_NOT_LINEBREAK,
                       sre.CATEGORY_UNI_NOT_LINEBREAK}


class _Unsure(Exception):
    """Part of the pattern the analysis does not follow."""


class Anchors(namedtuple("Anchors", "needles one_line reach run", defaults=(None, None))):
    """Strings one of which every match of a pattern holds (in its span, or in what its positive
    look-arounds read), whether no match nor look-around can reach past a line break (then the
    string is in the match's own line), and ``reach``: (lo, hi), the offsets from where a match is
    tried that it may read, from ``lo`` (at most 0) to before ``hi``, when they are bounded.
    Else ``run``: (class, back, ahead) when every character a match consumes is one of ``class``
    (a regular expression of one character) and its look-arounds read from ``back`` (at most 0)
    to before ``ahead`` (at least 1) of where they are tried: a match is in one run of them."""

    __slots__ = ()


def anchors(pattern: str, flags: int = 0) -> Anchors | None:
    """The pattern's :class:`Anchors`; None when no such strings were found, when they begin with
    more than ``MAX_HEADS`` characters, and when the pattern begins with a literal (``re`` then
    skips ahead by itself as fast as ``str.find``)."""
    if flags & (sre.SRE_FLAG_IGNORECASE | sre.SRE_FLAG_VERBOSE):
        return None
    try:
        parsed = sre.parse(pattern, flags)
        if parsed.state.flags & sre.SRE_FLAG_IGNORECASE:  # an inline (?i)
            return None
        if parsed and parsed[0][0] is sre.LITERAL:
            return None
        found = _required(list(parsed))
        if not found or not _pays(found):
            return None
        try:
            _check_no_newline(parsed, parsed.state.flags)
            one_line = True
        except _Unsure:
            one_line = False
        reach = None if one_line else _reach(parsed, parsed.state.flags)
        run = None
        if not one_line and reach is None and parsed.getwidth()[0] > 0:
            try:
                run = _run(parsed, parsed.state.flags)
            except _Unsure:
                pass
    except (sre.error, RecursionError):
        return None
    return Anchors(tuple(sorted(found)), one_line, reach and reach[:2], run)


@lru_cache(maxsize=None)
def of(regex) -> Anchors | None:
    """The anchors of a compiled pattern, worked out once (None for one of the ``regex`` module)."""
    return anchors(regex.pattern, regex.flags) if isinstance(regex, re.Pattern) else None


@lru_cache(maxsize=None)
def searcher(regex):
    """A function of a text that gives the matches ``regex.finditer(text)`` gives, reading only what
    the pattern's anchors leave (:func:`matches`; anchors found more than once in ``WHOLE``
    characters: the whole text); for a pattern without anchors that begins with a literal
    (:func:`_head`), nothing where the text lacks it. What is the same for every text (the anchors,
    their finders) is worked out here, once: a caller of many small texts keeps the function."""
    found = of(regex)
    if found is not None:
        needles = _prepared(found.needles)

        def anchored(text: str):
            return _matches(regex, found, needles, text, len(text) // WHOLE)

        return anchored
    head = _head(regex)
    if head is not None:

        def headed(text: str):
            return regex.finditer(text) if head in text else ()  # no match without its first character

        return headed
    return regex.finditer


def _head(regex) -> str | None:
    """The character every match of a ``re`` pattern begins with, when it begins with a literal and
    does not fold case (``的(?=进行)``); None otherwise. ``re`` skips ahead to it by itself, but ``in``
    tells a text that lacks it ten times faster."""
    if not isinstance(regex, re.Pattern) or not isinstance(regex.pattern, str) or regex.flags & (
            sre.SRE_FLAG_IGNORECASE | sre.SRE_FLAG_VERBOSE):
        return None
    try:
        parsed = sre.parse(regex.pattern, regex.flags)
    except (sre.error, RecursionError):
        return None
    if parsed.state.flags & sre.SRE_FLAG_IGNORECASE or not parsed or parsed[0][0] is not sre.LITERAL:
        return None
    return chr(parsed[0][1])  # a literal consumes its character: where every match starts


def matches(regex, found: Anchors, text: str, most: int):
    """``regex.finditer(text)``, given the pattern's anchors: nothing if the text holds none of
    them; read only in the lines that hold one (a pattern that reads one line), in windows around
    them (bounded reach) or in the runs that touch them (:class:`Anchors`), when they occur at most
    ``most`` times."""
    return _matches(regex, found, _prepared(found.needles), text, most)


def _matches(regex, found: Anchors, needles: _Needles, text: str, most: int):
    """:func:`matches`, the anchors' needles prepared (:func:`_prepared`)."""
    at = occurrences(text, needles, most if found.one_line or found.reach or found.run else 0)
    if at is None:
        return regex.finditer(text)
    if not at:
        return iter(())
    if found.one_line:
        return (m for start, end in lines_at(text, at) for m in regex.finditer(text, start, end))
    shortest = min(map(len, found.needles))
    if found.run:
        return _in_windows(regex, text, _run_windows(text, at, shortest, *found.run))
    return _in_windows(regex, text, _windows(at, shortest, *found.reach, len(text)))


def _run_windows(text: str, at: list[int], shortest: int, chars: str, back: int, ahead: int) -> list[list[int]]:
    """[start, last, end] of the stretches a pattern that consumes only ``chars`` is searched in. A
    match that holds a needle starting at ``i`` consumes a run of them that ends at
    ``i + shortest - ahead`` or after, and starts at ``i - back`` or before; it is tried in that run,
    reads before the run's end + ``ahead``: each window covers the runs that touch that stretch."""
    run_from, run_to = _run_finders(chars)
    out: list[list[int]] = []
    end = 0  # where the run last read forward ends: each run is read once each way (many anchors in one)
    for i in at:
        lo, hi = sorted((max(0, i + shortest - ahead), max(0, i - back)))
        lo = max(0, lo - 1)
        if out and lo <= out[-1][1]:
            start = out[-1][0]  # inside the window before: the run there starts there or later
        else:
            start = lo
            while start:
                piece = max(0, start - 64)
                start = run_from.search(text, piece, start).start()  # where the run up to start starts
                if start > piece or not start:
                    break
        if hi >= end:  # else hi is in the run read last (from an earlier hi): it ends there
            end = run_to.match(text, hi).end()
        window = [start, max(start, end - 1), min(len(text), end + ahead)]
        if out and start <= out[-1][2]:
            out[-1][1:] = max(out[-1][1], window[1]), max(out[-1][2], window[2])
        else:
            out.append(window)
    return out


@lru_cache(maxsize=None)
def _run_finders(chars: str) -> tuple[re.Pattern, re.Pattern]:
    """Where a run of ``chars`` that ends at ``endpos`` starts (the first place searched from which
    they go on to it), and a run of them from a place. ``chars`` is an alternation of one-character
    patterns that may overlap (a URL's [A-Za-z0-9.-] and [^\\s<>"]): each round of the run tests them
    in a look-ahead and takes the character, one way only. Repeated as they are, a run that fails
    to reach ``endpos`` would be tried in every way its characters split among the alternatives
    (3^n for n letters)."""
    one = f"(?=(?:{chars}))[\\s\\S]"
    return rx(f"(?:{one})*\\Z"), rx(f"(?:{one})*")


CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
              sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W"}


def _run(items, flags: int) -> tuple[str, int, int]:
    """(class, back, ahead) of :class:`Anchors`, or :class:`_Unsure`."""
    if flags & (sre.SRE_FLAG_ASCII | sre.SRE_FLAG_LOCALE | sre.SRE_FLAG_IGNORECASE):
        raise _Unsure
    chars: dict[str, None] = {}
    back, ahead = 0, 1

    def walk(items, flags):
        nonlocal back, ahead
        for op, av in items:
            if op is sre.SUBPATTERN:
                if av[1] & (sre.SRE_FLAG_ASCII | sre.SRE_FLAG_LOCALE | sre.SRE_FLAG_IGNORECASE):
                    raise _Unsure
                walk(av[-1], (flags | av[1]) & ~av[2])
            elif op in REPEATS:
                walk(av[2], flags)
            elif op is ATOMIC_GROUP:
                walk(av, flags)
            elif op is sre.BRANCH:
                for branch in av[1]:
                    walk(branch, flags)
            elif op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
                found = _item_reach(op, av, flags)
                if found is None:
                    raise _Unsure
                back, ahead = min(back, found[0]), max(ahead, found[1])
            else:
                chars[_one_char(op, av, flags)] = None

    walk(items, flags)
    return "|".join(chars), back, ahead


def _one_char(op, av, flags: int) -> str:
    """A regular expression of the characters one consuming item matches; :class:`_Unsure` for
    anything else (a group reference)."""
    if op is sre.LITERAL:
        return re.escape(chr(av))
    if op is sre.NOT_LITERAL:
        return f"[^{re.escape(chr(av))}]"
    if op is sre.ANY:
        return r"[\s\S]" if flags & sre.SRE_FLAG_DOTALL else r"[^\n]"
    if op is sre.IN:
        parts = []
        for kind, value in av:
            if kind is sre.NEGATE:
                parts.append("^")
            elif kind is sre.LITERAL:
                parts.append(re.escape(chr(value)))
            elif kind is sre.RANGE:
                parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
            elif kind is sre.CATEGORY and value in CATEGORIES:
                parts.append(CATEGORIES[value])
            else:
                raise _Unsure
        return f"[{''.join(parts)}]"
    raise _Unsure


def _windows(at: list[int], shortest: int, lo: int, hi: int, size: int) -> list[list[int]]:
    """[start, last, end] of the stretches a pattern of reach (lo, hi) is searched in: a match that
    holds a needle (of ``shortest`` characters at least) starting at ``i`` is tried from
    ``i + shortest - hi`` to ``last`` = ``i - lo`` and reads before ``last + hi``; stretches that
    touch are one."""
    out: list[list[int]] = []
    for i in at:
        start, last = max(0, i + shortest - hi), i - lo
        if out and start <= out[-1][2]:
            out[-1][1:] = max(out[-1][1], last), min(size, max(out[-1][2], last + hi))
        else:
            out.append([start, last, min(size, last + hi)])
    return out


def _in_windows(regex, text: str, windows):
    """``regex.finditer(text)``, searched only in the windows: the same matches, as a match of a
    pattern of bounded reach tried from ``start`` to ``last`` reads nothing at or past ``end``, so
    it fares as in the whole text (``re`` reads before ``pos``: look-behinds, ``^`` and ``\\b`` see
    the text; only ``endpos`` cuts it), and none is tried elsewhere: what the search finds past
    ``last`` is left."""
    for start, last, end in windows:
        for m in regex.finditer(text, start, end):
            if m.start() > last:
                break
            yield m


def _reach(items, flags: int) -> tuple[int, int, int] | None:
    """(lo, hi, width): the offsets a match of ``items`` tried at 0 may read, from ``lo`` to before
    ``hi`` (a test of the text's end, ``$`` or ``\\Z``, reads up to where it looks), and the most it
    consumes; None when unbounded (a repeat without end, group references)."""
    lo = hi = width = 0
    for op, av in items:
        found = _item_reach(op, av, flags)
        if found is None:
            return None
        lo, hi, width = min(lo, found[0]), max(hi, width + found[1]), width + found[2]
    return lo, hi, width


AT_READS = {sre.AT_BEGINNING_LINE: (-1, 0), sre.AT_END_LINE: (0, 1), sre.AT_END: (0, 2), sre.AT_END_STRING: (0, 1),
            sre.AT_BEGINNING: (0, 0), sre.AT_BEGINNING_STRING: (0, 0)}  # the rest: \\b and \\B, the two sides


def _item_reach(op, av, flags: int) -> tuple[int, int, int] | None:
    """:func:`_reach` of one item."""
    if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
        return 0, 1, 1
    if op is sre.AT:
        if flags & sre.SRE_FLAG_MULTILINE:
            av = AT_MULTILINE.get(av, av)
        return (*AT_READS.get(av, (-1, 1)), 0)
    if op is sre.SUBPATTERN:
        return _reach(av[-1], (flags | av[1]) & ~av[2])
    if op is ATOMIC_GROUP:
        return _reach(av, flags)
    if op is sre.BRANCH:
        parts = [_reach(b, flags) for b in av[1]]
        if any(p is None for p in parts):
            return None
        return min(p[0] for p in parts), max(p[1] for p in parts), max(p[2] for p in parts)
    if op in REPEATS:
        body = _reach(av[2], flags)
        if body is None or av[1] == sre.MAXREPEAT:
            return None
        return (body[0], (av[1] - 1) * body[2] + body[1], av[1] * body[2]) if av[1] else (0, 0, 0)
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        body = _reach(av[1], flags)
        if body is None:
            return None
        back = body[2] if av[0] == -1 else 0  # a look-behind (of fixed width) is read from that far back
        return body[0] - back, body[1] - back, 0
    return None


class _Needles(namedtuple("_Needles", "finders ascii_finder")):
    """A pattern's needles as :func:`occurrences` looks for them: (first character, finder) pairs
    (:func:`_finders`); or, for ASCII needles that begin with more than ``MAX_HEADS`` characters, None
    and the pattern that finds them in the text's ASCII characters (:func:`_in_ascii`)."""

    __slots__ = ()


@lru_cache(maxsize=None)
def _prepared(needles: tuple[str, ...]) -> _Needles:
    """The needles' :class:`_Needles`, worked out once (others than ASCII ones are sought by first
    character however many: what a pattern's anchors hold of them is capped by :func:`_pays`)."""
    if len({n[0] for n in needles}) > MAX_HEADS and _ascii(needles):
        return _Needles(None, _ascii_finder(needles))
    return _Needles(_finders(needles), None)


def occurrences(text: str, needles: _Needles, most: int) -> list[int] | None:
    """The sorted offsets where one of the needles (:class:`_Needles`) starts in ``text``; None once
    there are more than ``most``. One pass of ``re``'s literal search per first character the text
    holds (a text without it can hold no needle that begins with it; ``in`` finds that out ten times
    faster than the pass): the needles that begin with it are told apart in the engine (a
    look-ahead), not in Python."""
    finders = needles.finders
    if finders is None:  # ASCII needles: first those in the text's ASCII characters, cut out at C speed
        found = _in_ascii(text, needles.ascii_finder, most)
        if found is None:
            return None
        finders = _finders(found)
    at: list[int] = []
    for head, finder in finders:
        if head in text:
            for m in finder.finditer(text):
                if len(at) == most:
                    return None
                at.append(m.start())
    return sorted(at)  # each offset once: its character is the head of one finder


def lines_holding(text: str, needles: tuple[str, ...], most: int) -> list[tuple[int, int]] | None:
    """(start, end) of each line of ``text`` that holds one of ``needles`` (none holds a line
    break), its line break included, in order; None once they occur more than ``most`` times
    (:func:`occurrences`)."""
    at = occurrences(text, _prepared(needles), most)
    return None if at is None else list(lines_at(text, at))


_last_ascii: tuple[str, str] = ("", "")  # the text read last and its ASCII characters


def _ascii_of(text: str) -> str:
    """The ASCII characters of ``text``, cut out once for the patterns of ASCII anchors that read it
    (the last text's are kept, in one tuple: threads that share a linter read it whole)."""
    global _last_ascii
    last = _last_ascii
    if last[0] is not text:
        last = _last_ascii = (text, text.encode("ascii", "ignore").decode("ascii"))
    return last[1]


def _in_ascii(text: str, finder: re.Pattern, most: int) -> tuple[str, ...] | None:
    """The ASCII needles (``finder``: :func:`_ascii_finder`) found in the ASCII characters of
    ``text`` (the others cut out): at each offset where the text holds one, the shortest there in
    the cut text, which the text holds there too (it begins the one the text holds, unbroken);
    perhaps a few the text holds only across cut characters. None after ``most`` occurrences or past
    ``MAX_HEADS`` first characters."""
    ascii_only = _ascii_of(text)
    found, heads = set(), set()
    m = finder.search(ascii_only)
    while m is not None:  # each offset in turn, overlaps included
        found.add(m.group())
        heads.add(m.group()[0])
        most -= 1
        if len(heads) > MAX_HEADS or most < 0:
            return None
        m = finder.search(ascii_only, m.start() + 1)
    return tuple(sorted(found))


@lru_cache(maxsize=None)
def _ascii_finder(needles: tuple[str, ...]) -> re.Pattern:
    """Pattern of ``needles``, the shorter tried first (an alternation's first branch that matches
    is the one it gives); its program kept in the cache (:func:`wenlint.patterns.rx`: compiling an
    alternation of hundreds costs ``re`` tens of milliseconds)."""
    return rx("|".join(re.escape(n) for n in sorted(needles, key=len)))


@lru_cache(maxsize=None)
def _finders(needles: tuple[str, ...]) -> tuple[tuple[str, re.Pattern], ...]:
    """(first character, pattern) for each first character of ``needles``: the character, then a
    look-ahead for what may follow it (none when it is a needle alone), so that the pattern matches
    once where any of them starts."""
    heads: dict[str, set[str]] = {}
    for needle in needles:
        heads.setdefault(needle[0], set()).add(needle[1:])
    return tuple((head, rx(re.escape(head) if "" in tails
                           else f"{re.escape(head)}(?={'|'.join(map(re.escape, sorted(tails)))})"))
                 for head, tails in heads.items())


def _check_no_newline(items, flags: int = 0) -> None:
    """Raise :class:`_Unsure` unless nothing in ``items`` (look-arounds included) can match ``\\n``
    or depends on the text's ends; ``flags``: those in force (a group's own ``(?s:...)`` among them).
    In multi-line mode ``^`` and ``$`` are a line's ends (``re`` parses them as the text's and
    compiles them by the flag)."""
    for op, av in items:
        if op is sre.SUBPATTERN:
            _check_no_newline(av[-1], (flags | av[1]) & ~av[2])
            continue
        parts = _parts(op, av)
        if parts is not None:
            for part in parts:
                _check_no_newline(part, flags)
            continue
        if op is sre.AT and flags & sre.SRE_FLAG_MULTILINE:
            av = AT_MULTILINE.get(av, av)
        if not (op is sre.LITERAL and av != NEWLINE or op is sre.IN and not _may_match_newline(av)
                or op is sre.AT and av in LINE_SAFE_AT or op is sre.ANY and not flags & sre.SRE_FLAG_DOTALL):
            raise _Unsure  # NOT_LITERAL, group references, conditionals, $ and \\A \\Z


def _parts(op, av) -> list | None:
    """The sequences an item holds (a repeat's body, a group's, each branch, an assertion's), or
    None for an item that holds none."""
    if op in REPEATS:
        return [av[2]]
    if op is sre.SUBPATTERN:
        return [av[-1]]
    if op is ATOMIC_GROUP:
        return [av]
    if op is sre.BRANCH:
        return av[1]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [av[1]]
    return None


def _may_match_newline(items) -> bool:
    """Can the class (``IN``) match ``\\n``? True where unsure."""
    negated = bool(items) and items[0][0] is sre.NEGATE
    named = False
    for op, av in items[negated:]:
        if op is sre.LITERAL:
            named |= av == NEWLINE
        elif op is sre.RANGE:
            named |= av[0] <= NEWLINE <= av[1]
        elif not (op is sre.CATEGORY and av in NO_NEWLINE_CATEGORY):
            return True
    return named != negated


def _listed(items) -> frozenset[str] | None:
    """The characters of a class (``IN``) of at most ``SMALL_CLASS`` literals and short ranges, or of
    ASCII literals and ranges; None for any other class."""
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and (av[1] - av[0] < SMALL_CLASS or av[1] < 128):
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None
    return frozenset(chars) if len(chars) <= SMALL_CLASS or "".join(chars).isascii() else None


def _fixed(items) -> frozenset[str] | None:
    """The strings ``items`` match, when they are few and of fixed form (literals, small classes,
    groups and alternations of them); None otherwise."""
    out = frozenset([""])
    for op, av in items:
        if op is sre.LITERAL:
            part = frozenset([chr(av)])
        elif op is sre.IN:
            part = _listed(av)
        elif op is sre.SUBPATTERN:
            part = None if _folds(av) else _fixed(av[-1])
        elif op is sre.BRANCH:
            parts = [_fixed(b) for b in av[1]]
            part = None if any(p is None for p in parts) else frozenset().union(*parts)
        else:
            return None
        out = _concat(out, part) if part is not None else None
        if out is None:
            return None
    return out


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The better of two anchor sets: one that pays (:func:`_pays`), then one that begins with at
    most ``MAX_HEADS`` characters (no pass over the text's ASCII characters first), then the
    rarer-looking (its shortest string longer), then the one with fewer first characters and
    strings; of equals ``b`` (the later in a pattern, 页 in 第\\s*\\d+\\s*页). A set that holds the
    empty string (an optional part, ``(?:|年)``) is none."""
    a, b = (None if s is None or "" in s else s for s in (a, b))
    if not a or not b:
        return a or b

    def rank(s: frozenset[str]):
        heads = len({x[0] for x in s})
        return _pays(s), heads <= MAX_HEADS, min(map(len, s)), -heads, -len(s)

    return a if rank(a) > rank(b) else b


def _ascii(strings) -> bool:
    return all(s.isascii() for s in strings)


def _pays(strings: frozenset[str]) -> bool:
    """Are the strings worth searching for: at most ``MAX_HEADS`` first characters, or ASCII
    strings of two characters or more (found first among the text's ASCII characters, :func:`_in_ascii`)?"""
    return len({s[0] for s in strings}) <= MAX_HEADS or _ascii(strings) and min(map(len, strings)) >= 2


def _capped(strings: frozenset[str]) -> frozenset[str] | None:
    """``strings``, or None past ``MAX_SET`` of them (``MAX_ASCII_SET`` of ASCII ones)."""
    return strings if len(strings) <= (MAX_ASCII_SET if _ascii(strings) else MAX_SET) else None


def _concat(a: frozenset[str], b: frozenset[str]) -> frozenset[str] | None:
    """Each string of ``a`` followed by each of ``b``; None past ``MAX_SET`` strings (``MAX_ASCII_SET``)."""
    if len(a) * len(b) > MAX_ASCII_SET:
        return None
    return _capped(frozenset(x + y for x in a for y in b))


def _zero_width(op, av) -> bool:
    """Does the item consume nothing and leave the characters on its two sides adjacent (a
    look-behind, a negative look-ahead, ``^``, ``\\b``...)? A positive look-ahead is read on its own."""
    return op is sre.AT or op is sre.ASSERT_NOT or op is sre.ASSERT and av[0] == -1


def _prefix(items) -> frozenset[str] | None:
    """Strings one of which every match of ``items`` starts with: its leading fixed items, the first
    round of a repeat of a fixed body that must run; None when it starts with nothing fixed."""
    out = frozenset([""])
    for op, av in items:
        if _zero_width(op, av):
            continue
        part = _fixed([(op, av)])
        body = _fixed(av[2]) if part is None and op in REPEATS and av[0] >= 1 else None
        joined = _concat(out, part or body) if part or body else None
        if joined is None:
            break
        out = joined
        if body is not None:
            break
    return None if out == frozenset([""]) else out


def _joined(run: frozenset[str] | None, part: frozenset[str]) -> frozenset[str]:
    """The run followed by ``part``: with its strings cut to their last characters if there would be
    too many, ``part`` alone if even one is too many."""
    for keep in range(max(map(len, run)) if run else 0, 0, -1):
        joined = _concat(frozenset(s[-keep:] for s in run), part)
        if joined is not None:
            return joined
    return part


def _ends(run: frozenset[str]):
    """The run's strings cut to their last one, two ... characters: each is required too (the ://
    of a run of [a-z]*:// )."""
    for keep in range(1, max(map(len, run)) + 1):
        yield frozenset(s[-keep:] for s in run)


def _required(items, run: frozenset[str] | None = None) -> frozenset[str] | None:
    """A set of strings one of which every match of the sequence ``items`` holds (in its span or its
    look-arounds): the best of what each item requires, and of runs of fixed items read as one string (的 then
    (?=进行|加以) is 的进行 or 的加以). ``run``: the strings one of which ends right where ``items``
    begin (a branch after fixed items: ``[“”](?:“+|”+)`` needs ““, ”“, “” or ””)."""
    best = run  # what was read before is in the match too

    def extend(part: frozenset[str]) -> None:
        nonlocal best, run
        run = _joined(run, part)
        for end in _ends(run):
            best = _better(best, end)

    for op, av in items:
        alone = _fixed([(op, av)])
        if alone is not None:
            best = _better(best, alone)  # a part of the run may begin with fewer characters than the whole
            extend(alone)
            continue
        if _zero_width(op, av):  # consumes nothing: the run goes on
            best = _better(best, _item_required(op, av))
            continue
        if op is sre.ASSERT:  # a look-ahead continues the run it follows (and consumes nothing)
            ahead = _prefix(av[1])
            if ahead is not None and run:
                best = _better(best, _concat(run, ahead))
            best = _better(best, _item_required(op, av))
            continue
        if op is sre.BRANCH and run:  # X(?:A|B) is (?:XA|XB)
            parts = [_required(b, run) for b in av[1]]
            if all(parts):
                union = frozenset().union(*parts)
                best = _better(best, _capped(union))
        if op in REPEATS and av[0] >= 1:  # what a repeat needs loses a tie (a separator: it recurs)
            best = _better(_required(av[2], run), best)  # its first round follows the run
            body = _fixed(av[2])
            run = body  # its last round is right before what follows
            if body is not None:
                best = _better(body, best)
            continue
        if op in REPEATS and run and all(len(s) == 1 for s in run) and (body := _listed_chars(av[2])) is not None:
            run = _capped(run | body)  # X[ab]*: X, a or b comes before what follows
            continue
        if op is sre.SUBPATTERN and run and not _folds(av):
            best = _better(best, _required(av[-1], run))  # X(?:AB) is XAB
        best = _better(best, _item_required(op, av))
        run = None
    return best


def _folds(av) -> bool:
    """Does the group (``SUBPATTERN``) turn case folding on, ``(?i:...)``?"""
    return bool(av[1] & sre.SRE_FLAG_IGNORECASE)


def _listed_chars(items) -> frozenset[str] | None:
    """The characters of a repeat's body of one character (a literal or a small class)."""
    found = _fixed(items)
    return found if found is not None and all(len(s) == 1 for s in found) else None


def _item_required(op, av) -> frozenset[str] | None:
    """What one item that is not fixed requires of every match."""
    if op in REPEATS:
        return _required(av[2]) if av[0] >= 1 else None
    if op is sre.SUBPATTERN:
        return None if _folds(av) else _required(av[-1])
    if op is ATOMIC_GROUP:
        return _required(av)
    if op is sre.ASSERT:  # what a positive look-ahead or look-behind reads must be there too
        return _required(av[1])
    if op is sre.BRANCH:
        parts = [_required(b) for b in av[1]]
        if any(not p for p in parts):
            return None
        union = frozenset().union(*parts)
        return _capped(union)
    return None
