"""Regular expressions for rule packs and checks.

Patterns may write ``\\p{Han}`` (CJK ideographs) and ``\\p{CJKPunct}`` (full-width punctuation); both
are expanded to character classes for stdlib ``re``. The ``regex`` module (slow to import) is loaded
only for what ``re`` rejects: other Unicode properties, variable-width look-behind.

``re`` compiles in pure Python, and a class as wide as ``\\p{Han}`` costs it milliseconds; a
pre-commit hook compiling some forty patterns would spend most of its time there. :func:`rx` keeps
each compiled program (the opcode list ``re`` hands to its C engine) in the user cache, keyed by the
exact interpreter version, and rebuilds the pattern from it directly. Anything unexpected (another
Python, a damaged cache) falls back to ``re.compile``.
"""
from __future__ import annotations

import re
import sys
from array import array

try:  # the pure-Python halves of `re`
    from re import _compiler as _sre_compiler, _parser as _sre_parser
except ImportError:  # Python 3.10
    import sre_compile as _sre_compiler
    import sre_parse as _sre_parser

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f\u3007"
CJK_PUNCT = "\u3000-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d\u2026\u2014\u00b7"  # noqa: E501 (one literal)
MACROS = {r"\p{Han}": HAN, r"\p{CJKPunct}": CJK_PUNCT}
FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}
MAX_PROGRAMS = 4000  # past this the cache starts afresh (user packs can keep adding patterns)

_programs: dict | None = None  # (pattern, flags) -> the arguments of _sre.compile, the code as bytes
# code words are kept as the bytes of an array: read back and checked as data at once, where a list of
# tens of thousands of ints, checked one by one, cost a pre-commit run a tenth of its time
_CODE = "I" if array("I").itemsize == _sre_compiler._sre.CODESIZE else "L"
_CODE_BYTES = array(_CODE).itemsize
_added = False


def _program_file():
    """Where the programs are kept, or None (no cache folder)."""
    from wenlint.cache import folder

    base = folder()
    return base / f"re-programs-{sys.implementation.cache_tag}-{sys.hexversion:x}.entry" if base else None


def _is_program(key, program) -> bool:
    """Is this (pattern, flags) -> program item shaped as :func:`rx` stores it?"""
    return (isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str) and type(key[1]) is int
            and isinstance(program, tuple) and len(program) == 5 and type(program[0]) is int
            and type(program[1]) is bytes and len(program[1]) % _CODE_BYTES == 0
            and type(program[2]) is int and isinstance(program[3], dict)
            and all(isinstance(k, str) and type(v) is int for k, v in program[3].items())
            and isinstance(program[4], tuple) and all(n is None or isinstance(n, str) for n in program[4]))


def _load_programs() -> dict:
    global _programs
    if _programs is None:
        import marshal

        from wenlint.cache import read_entry

        path = _program_file()
        payload = read_entry(path) if path else None
        try:
            loaded = marshal.loads(payload) if payload is not None else {}
        except (ValueError, EOFError, TypeError):
            loaded = {}
        # an entry of the wrong shape is dropped, item by item: it is a miss, never an error. The
        # shape test checks the exact type of every part of every item, so only plain data is kept
        # (cache.load_plain's walk over the whole value would check it a second time: 3 ms a run)
        _programs = {k: v for k, v in loaded.items() if _is_program(k, v)} if type(loaded) is dict else {}
    return _programs


def _save_programs() -> None:
    import marshal

    from wenlint.cache import write_entry

    if _programs is not None and _program_file() is not None:
        write_entry(_program_file(), marshal.dumps(_programs))


def _words(code: bytes) -> list[int]:
    """A program's code words, from the bytes they are kept as."""
    words = array(_CODE)
    words.frombytes(code)
    return words.tolist()


def rx(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, its compiled program kept in the user cache."""
    global _added
    flags = int(flags)
    programs = _load_programs()
    key = (pattern, flags)
    program = programs.get(key)
    if program is not None:
        try:
            return _sre_compiler._sre.compile(pattern, program[0], _words(program[1]), *program[2:])
        except Exception:  # not a program this interpreter understands: compile afresh
            pass
    compiled = re.compile(pattern, flags)
    try:
        parsed = _sre_parser.parse(pattern, flags)
        code = _sre_compiler._code(parsed, flags)
        state = parsed.state
        index = [None] * state.groups
        for name, i in state.groupdict.items():
            index[i] = name
        program = (int(flags | state.flags), array(_CODE, code).tobytes(), state.groups - 1, dict(state.groupdict),
                   tuple(index))
        _sre_compiler._sre.compile(pattern, program[0], _words(program[1]), *program[2:])  # it must rebuild to be kept
    except Exception:
        return compiled
    if len(programs) >= MAX_PROGRAMS:
        programs.clear()
    programs[key] = program
    if not _added:
        import atexit

        atexit.register(_save_programs)
        _added = True
    return compiled


def _expand(pattern: str, keep_han: bool = False) -> str:
    """Replace the macros, inside or outside a character class (``\\p{Han}`` stays for ``regex``)."""
    if "\\p{" not in pattern:
        return pattern  # what the loop below gives: every character copied
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


def compile_pattern(pattern: str, flags: str = "", guarded: str | None = None):
    """Compile a pack regex; raises ``ValueError`` for unknown flags and the engine's error otherwise.
    ``guarded`` (a user pack's pattern, named by file, rule and key) compiles it with ``regex`` and
    a time limit on every search: see :class:`Guarded`."""
    bits = 0
    for letter in flags:
        if letter not in FLAGS:
            raise ValueError(f"unknown flag {letter!r} (use {''.join(FLAGS)})")
        bits |= FLAGS[letter]
    if guarded is None:
        try:
            return rx(_expand(pattern), bits)
        except re.error:
            pass
    import regex

    compiled = regex.compile(_expand(pattern, keep_han=True), bits | regex.V0)
    return compiled if guarded is None else Guarded(compiled, guarded)


class PatternTimeout(Exception):
    """A user pack's pattern took too long on a text (catastrophic backtracking)."""


class Guarded:
    """A user pack's pattern: each search or scan of a text stops after ``TIMEOUT`` seconds (plus one
    per megabyte of text) and raises :class:`PatternTimeout`, naming the pattern."""

    TIMEOUT = 2.0
    __slots__ = ("pattern", "where", "groups", "groupindex")

    def __init__(self, compiled, where: str):
        self.pattern, self.where = compiled, where
        self.groups, self.groupindex = compiled.groups, compiled.groupindex

    def _limit(self, text: str) -> float:
        return self.TIMEOUT + len(text) / 1e6

    def _timed_out(self) -> PatternTimeout:
        return PatternTimeout(f"{self.where}: the regular expression took more than {self.TIMEOUT:g} s "
                              "(catastrophic backtracking?); nothing was changed")

    def finditer(self, text: str):
        try:
            yield from self.pattern.finditer(text, timeout=self._limit(text))
        except TimeoutError:
            raise self._timed_out() from None

    def search(self, text: str):
        try:
            return self.pattern.search(text, timeout=self._limit(text))
        except TimeoutError:
            raise self._timed_out() from None

    def match(self, text: str):
        try:
            return self.pattern.match(text, timeout=self._limit(text))
        except TimeoutError:
            raise self._timed_out() from None


class LazyPattern:
    """A pattern compiled when first used, so that the many conditions a text never reaches cost
    nothing. ``where`` (file, rule and key) names it if it does not compile; ``guarded``: a user
    pack's pattern (:class:`Guarded`)."""

    __slots__ = ("pattern", "where", "guarded", "_compiled")

    def __init__(self, pattern: str, where: str, guarded: bool = False):
        self.pattern, self.where, self.guarded, self._compiled = pattern, where, guarded, None

    def compiled(self):
        if self._compiled is None:
            try:
                self._compiled = compile_pattern(self.pattern, guarded=self.where if self.guarded else None)
            except Exception as e:  # re.error, regex.error
                from wenlint.packs import PackError

                raise PackError(f"{self.where}: bad regular expression: {e}") from None
        return self._compiled

    def search(self, text: str):
        return (self._compiled or self.compiled()).search(text)

    def match(self, text: str):
        return (self._compiled or self.compiled()).match(text)
