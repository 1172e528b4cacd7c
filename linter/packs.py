"""Load and validate TOML rule packs into :class:`~wenlint.model.Rule` records.

A pack is a TOML file with an optional ``[pack]`` table and ``[[rule]]`` entries.
Every error names the file, the rule and the key, so a pack author can find it.
"""
from __future__ import annotations

import re
from pathlib import Path

from wenlint.cache import read_toml
from wenlint.model import (
    APPLICABILITIES, CATEGORIES, FIX_RANK, SEVERITIES, CheckSpec, Entry, Examples, PatternSpec, Rule,
    SubstitutionSpec,
)
from wenlint.patterns import LazyPattern, compile_pattern, rx

try:  # checks a pattern rule's replacement against its groups
    from re import _parser as _template_parser
except ImportError:  # Python 3.10
    import sre_parse as _template_parser

COMMON_KEYS = {"code", "name", "category", "severity", "message", "why", "fix", "fix_title", "kind",
               "examples", "repairs_view"}
PACK_KEYS = {"name", "description"}
MATCH_FIELDS = frozenset({"found", "fix"})  # what dictionary and pattern rules fill in a message
CONDITION_KEYS = {"before", "not_before", "after", "not_after"}
ENTRY_KEYS = {"wrong", "right", "fix", "word", "context", "unspun", *CONDITION_KEYS}
KIND_KEYS = {
    "substitution": {"entries", "wrong", "right", "word", "context", "unspun", *CONDITION_KEYS},
    "pattern": {"pattern", "replacement", "translate", "flags", *CONDITION_KEYS},
    "check": {"check", "options"},
}
CODE_RE = rx(r"WL\d{3}")
NAME_RE = rx(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


class PackError(Exception):
    """A rule pack that cannot be used; the message names file, rule and key."""


_LOADED: dict[tuple[str, str], Rule] = {}


def loaded_rule(pack: str, code: str) -> Rule:
    """The rule ``code`` of ``pack``, as loaded in this process (loading the pack if need be)."""
    if (pack, code) not in _LOADED:
        load_pack(Path(pack))
    return _LOADED[(pack, code)]


def data_file(name: str) -> Path:
    """A file shipped in ``rules/`` (installed as the package ``wenlint.rules``)."""
    import wenlint.rules

    return Path(wenlint.rules.__file__).parent / name


def data_lines(name: str) -> list[str]:
    """The lines of a data file shipped in ``rules/``, without blank and comment (``#``) lines."""
    return [line for line in data_file(name).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def builtin_pack_paths() -> list[Path]:
    """The packs shipped in ``rules/``, in file-name order."""
    return sorted(p for p in data_file("").iterdir() if p.name.endswith(".toml"))


def load_rules(extra: list[Path] | tuple = ()) -> list[Rule]:
    """All rules of the built-in packs plus ``extra`` packs; codes and names must be unique."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    builtin = builtin_pack_paths()  # validated by the test suite: their conditions compile when used
    extra = list(map(Path, extra))
    packs = [*_builtin_rules(builtin), *((path, load_pack(path, strict=path not in builtin)) for path in extra)]
    for path, pack in packs:
        for rule in pack:
            for ident in (rule.code, rule.name):
                if ident in seen:
                    raise PackError(f"{path}: rule {rule.code}: {ident!r} is already defined in {seen[ident]}")
                seen[ident] = str(path)
            rules.append(rule)
    return sorted(rules, key=lambda r: r.code)


def _builtin_rules(builtin: list[Path]) -> list[tuple[Path, list[Rule]]]:
    """Each built-in pack and its rules. The packs are parsed and validated once, and their rules
    kept in the user cache as plain data (:func:`_plain`) while the packs and the code their rules
    depend on are unchanged: a run only makes the records from it (:func:`_built`)."""
    import wenlint.model
    from wenlint.cache import cached
    from wenlint.checks import CHECKS

    def build() -> list:
        try:
            tables = read_toml(*builtin)
        except (OSError, ValueError):  # name the pack at fault
            tables = [None] * len(builtin)
        return [[_plain(rule, raw) for rule, raw in zip(load_pack(path, strict=False, table=table),
                                                        (table or read_toml(path)[0]).get("rule", []))]
                for path, table in zip(builtin, tables)]

    # besides the packs and this module: the records, the patterns, the options the checks declare
    code = {c.fn.__code__.co_filename for c in CHECKS.values()} | {wenlint.model.__file__,
                                                                  compile_pattern.__code__.co_filename}
    sources = [*builtin, *map(Path, sorted(code))]
    plain = cached("rules", sources, build,
                   lambda v: type(v) is list and len(v) == len(builtin) and all(type(p) is list for p in v))
    try:
        packs = [[_built(item) for item in rules] for rules in plain]
    except Exception:  # an entry of another shape (foreign or crafted): built afresh, and kept
        packs = [[_built(item) for item in rules] for rules in cached("rules", sources, build, lambda v: False)]
    for rules in packs:
        _LOADED.update({(rule.pack, rule.code): rule for rule in rules})
    return list(zip(builtin, packs))


def _plain(rule: Rule, raw: dict) -> tuple:
    """A validated rule of a built-in pack (``raw``: its table) as plain data for the user cache, from
    which :func:`_built` makes the same record: a pattern as the text it compiles from, a condition
    as its pattern and where it is defined, once however many entries share it."""
    spec = rule.spec
    if rule.kind == "substitution":
        numbers: dict[int, int] = {}  # id of a condition -> its number
        conditions = []
        for entry in spec.entries:
            for lazy in entry.conditions.values():
                if id(lazy) not in numbers:
                    numbers[id(lazy)] = len(conditions)
                    conditions.append((lazy.pattern, lazy.where))
        spec = (conditions, [(*entry[:6], [(key, numbers[id(lazy)]) for key, lazy in entry.conditions.items()])
                             for entry in spec.entries])
    elif rule.kind == "pattern":
        regex = spec.regex
        # the text that rx compiled, macros expanded, compiles to the same pattern without expanding
        expanded = isinstance(regex, re.Pattern) and "\\p{" not in regex.pattern
        spec = (regex.pattern if expanded else raw["pattern"], raw.get("flags", ""), spec.replacement, spec.translate,
                [(key, lazy.pattern, lazy.where) for key, lazy in spec.conditions.items()])
    else:
        spec = tuple(spec)  # marshal stores no named tuple
    return (*rule[:8], tuple(rule.examples), rule.pack, spec, rule.repairs_view, rule.fix_title)


def _built(item: tuple) -> Rule:
    """The rule that :func:`_plain` made ``item`` of. Each part is checked as it is read (a wrong
    type raises TypeError; a wrong number of parts, ValueError): a record holds only data of the
    types a pack gives it."""
    code, name, category, severity, message, why, fix, kind, examples, pack, spec, repairs_view, fix_title = item
    _typed(str, code, name, category, severity, message, why, fix, kind, pack, fix_title)
    _typed(bool, repairs_view)
    bad, good, ok = examples
    _typed(str, *bad, *good, *ok)
    if kind == "substitution":
        patterns, entries = spec
        conditions = [LazyPattern(*_typed(str, pattern, where)) for pattern, where in patterns]
        spec = SubstitutionSpec(_entries_of(entries, conditions))
    elif kind == "pattern":
        pattern, flags, replacement, translate, tests = spec
        _typed(str, pattern, flags)
        _typed(OPTIONAL_STR, replacement)
        if translate is not None and not all(type(k) is int and type(v) is str for k, v in translate.items()):
            raise TypeError("not a translation table")
        conditions = {}
        for key, test, where in tests:
            conditions[key] = LazyPattern(*_typed(str, test, where))
        spec = PatternSpec(compile_pattern(pattern, flags), replacement, translate, conditions)
    else:
        check, options = spec
        _typed(str, check, *options)
        _typed(OPTION_TYPES, *options.values())
        spec = CheckSpec(check, options)
    return Rule(code, name, category, severity, message, why, fix, kind,
                Examples(tuple(bad), tuple(good), tuple(ok)), pack, spec, repairs_view, fix_title)


OPTIONAL_STR = (str, type(None))
MARGIN_TYPES = (int, float, type(None))
OPTION_TYPES = (str, int, float, bool)


def _entries_of(entries: list, conditions: list) -> tuple[Entry, ...]:
    """The entries of :func:`_built`, each with its conditions as (key, number in ``conditions``)."""
    out = []
    make = tuple.__new__  # what Entry(...) does, without its keyword handling: a pack holds hundreds
    for wrong, right, fix, word, context, unspun, keys in entries:
        # the checks of _typed, written out
        if (type(wrong) is not str or type(right) is not str or type(fix) is not str or type(word) is not bool
                or type(context) not in MARGIN_TYPES or type(unspun) not in MARGIN_TYPES):
            raise TypeError("not an entry")
        tests = {key: conditions[i] for key, i in keys}
        if not tests.keys() <= CONDITION_KEYS:
            raise ValueError("not a condition")
        out.append(make(Entry, (wrong, right, fix, word, context, unspun, tests)))
    return tuple(out)


def _typed(types, *values) -> tuple:
    """``values``, each of exactly the type ``types`` or one of them (a tuple); raises TypeError."""
    for value in values:
        if type(value) is not types and (type(types) is not tuple or type(value) not in types):
            raise TypeError(f"{type(value).__name__}: not of {types}")
    return values


def load_pack(path: Path, strict: bool = True, table: dict | None = None) -> list[Rule]:
    """Parse (unless its ``table`` is given) and validate one pack file; ``strict`` compiles every
    condition now, so a bad one fails the load (otherwise it fails, naming the same key, when first
    used)."""
    try:
        data = table if table is not None else read_toml(Path(path))[0]
    except (OSError, UnicodeDecodeError) as e:
        raise PackError(f"{path}: cannot read: {e}") from None
    except ValueError as e:  # tomllib.TOMLDecodeError
        raise PackError(f"{path}: invalid TOML: {e}") from None
    unknown = set(data) - {"pack", "rule"}
    if unknown:
        raise PackError(f"{path}: unknown top-level key {sorted(unknown)[0]!r} (expected [pack] and [[rule]])")
    _pack_table(path, data.get("pack", {}))
    if not isinstance(data.get("rule", []), list):
        raise PackError(f"{path}: 'rule' must be an array of tables ([[rule]])")
    rules = [_rule(path, i, raw, strict) for i, raw in enumerate(data.get("rule", []))]
    _LOADED.update({(rule.pack, rule.code): rule for rule in rules})
    if strict:
        for rule in rules:
            for conditions in _all_conditions(rule):
                for pattern in conditions.values():
                    pattern.compiled()
    return rules


def logic_location(rule: Rule) -> str:
    """Where a rule's logic lives: ``linter/checks/MODULE.py:LINE`` for a check, else its pack."""
    if rule.kind == "check":
        from wenlint.checks import CHECKS

        code = CHECKS[rule.spec.check].fn.__code__
        # named as in the repository, whose folder linter/ installs as the package wenlint
        return f"linter/checks/{Path(code.co_filename).name}:{code.co_firstlineno}"
    return f"{rule.pack} ({rule.kind} rule: the pack entry is the logic)"


def _all_conditions(rule: Rule) -> list[dict]:
    if rule.kind == "pattern":
        return [rule.spec.conditions]
    return [e.conditions for e in rule.spec.entries] if rule.kind == "substitution" else []


def _rule(path: Path, index: int, raw: dict, user: bool = False) -> Rule:
    """One rule, validated; a ``user`` pack's patterns run on ``regex`` with a time limit."""
    if not isinstance(raw, dict):
        raise PackError(f"{path}: rule #{index + 1}: must be a table")
    where = f"{path}: rule {raw.get('code', f'#{index + 1}')}"

    def fail(key: str, problem: str) -> PackError:
        return PackError(f"{where}: key {key!r}: {problem}")

    kind = raw.get("kind") or next((k for k, key in (("check", "check"), ("pattern", "pattern"))
                                    if key in raw), "substitution")
    if kind not in KIND_KEYS:
        raise fail("kind", f"unknown kind {kind!r} (expected one of {', '.join(KIND_KEYS)})")
    for key in raw:
        if key not in COMMON_KEYS | KIND_KEYS[kind]:
            raise fail(key, f"unknown key for a {kind} rule")
    _identity(raw, fail)
    fix = raw.get("fix", "none")
    examples = _examples(raw.get("examples"), fail)
    if kind == "substitution":
        spec, fields = SubstitutionSpec(_entries(raw, fix, fail, user)), MATCH_FIELDS
    elif kind == "pattern":
        spec, fields = _pattern(raw, fix, fail, user), MATCH_FIELDS
    else:
        spec, fields = _check(raw, fail)
    _message_fields(raw["message"], fields, fail)
    return Rule(code=raw["code"], name=raw["name"], category=raw["category"], severity=raw["severity"],
                message=raw["message"], why=raw["why"].strip(), fix=fix, kind=kind, examples=examples,
                pack=str(path), spec=spec, repairs_view=raw.get("repairs_view", False),
                fix_title=raw.get("fix_title", ""))


def _identity(raw: dict, fail) -> None:
    """The keys every rule has: code, name, category, severity, message, why, fix and its title."""
    for key in ("code", "name", "category", "severity", "message", "why"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise fail(key, "required, a non-empty string")
    if not CODE_RE.fullmatch(raw["code"]):
        raise fail("code", "must look like WL123")
    if not NAME_RE.fullmatch(raw["name"]):
        raise fail("name", "must be kebab-case")
    for key, allowed in (("category", CATEGORIES), ("severity", SEVERITIES)):
        if raw[key] not in allowed:
            raise fail(key, f"{raw[key]!r} is not one of {', '.join(allowed)}")
    if raw.get("fix", "none") not in APPLICABILITIES:
        raise fail("fix", f"{raw.get('fix')!r} is not one of {', '.join(APPLICABILITIES)}")
    if not isinstance(raw.get("repairs_view", False), bool):
        raise fail("repairs_view", "must be true or false")
    if not isinstance(raw.get("fix_title", ""), str):
        raise fail("fix_title", "must be a string")


def _pack_table(path: Path, pack) -> None:
    """The ``[pack]`` table: a name and a description, both strings."""
    if not isinstance(pack, dict):
        raise PackError(f"{path}: [pack] must be a table")
    for key, value in pack.items():
        if key not in PACK_KEYS:
            raise PackError(f"{path}: [pack]: unknown key {key!r} (expected name, description)")
        if not isinstance(value, str):
            raise PackError(f"{path}: [pack]: key {key!r}: must be a string")


def _pattern(raw: dict, fix: str, fail, user: bool = False) -> PatternSpec:
    if not isinstance(raw.get("pattern"), str):
        raise fail("pattern", "required, a regular expression")
    if not isinstance(raw.get("flags", ""), str):
        raise fail("flags", "must be a string of flag letters")
    try:
        regex = compile_pattern(raw["pattern"], raw.get("flags", ""),
                                guarded=str(fail("pattern", "")).rstrip(": ") if user else None)
    except Exception as e:  # re.error, regex.error, or a bad flag letter
        raise fail("pattern", f"bad regular expression: {e}") from None
    translate = raw.get("translate")
    if translate is not None:
        if not isinstance(translate, dict) or not all(
                isinstance(k, str) and len(k) == 1 and isinstance(v, str) for k, v in translate.items()):
            raise fail("translate", "must be a table of single characters to replacements")
        translate = str.maketrans(translate)
    template = raw.get("replacement")
    if template is not None and not isinstance(template, str):
        raise fail("replacement", "must be a string")
    if template is not None:
        try:
            _template_parser.parse_template(template, regex)
        except (re.error, IndexError) as e:  # \9 with fewer groups, \g<nope>, a bad escape
            raise fail("replacement", f"bad replacement: {e}") from None
    if fix != "none" and template is None and translate is None:
        raise fail("replacement", "required when the rule offers a fix (or give translate)")
    return PatternSpec(regex, template, translate, _conditions(raw, fail, user))


def _check(raw: dict, fail) -> tuple[CheckSpec, frozenset]:
    """The registered check a rule runs (its ``check`` key, or its own name) with validated options."""
    from wenlint.checks import CHECKS

    name = raw.get("check", raw["name"])
    if name not in CHECKS:
        raise fail("check", f"no check named {name!r} in linter/checks")
    declared = CHECKS[name]
    given = raw.get("options", {})
    if not isinstance(given, dict):
        raise fail("options", "must be a table")
    for key, value in given.items():
        if key not in declared.options:
            known = ", ".join(sorted(declared.options)) or "none"
            raise fail(f"options.{key}", f"unknown option of check {name!r} (it takes: {known})")
        default = declared.options[key]
        numeric = isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool)
        if type(value) is not type(default) and not numeric:
            raise fail(f"options.{key}", f"must be of type {type(default).__name__}")
    options = {k: (float(v) if isinstance(declared.options[k], float) else v) for k, v in given.items()}
    return CheckSpec(name, {**declared.options, **options}), declared.fields


def _message_fields(message: str, fields: frozenset, fail) -> None:
    """Every ``{field}`` of a message is one its rule fills: plain names, no conversion or format."""
    from string import Formatter

    try:
        parsed = list(Formatter().parse(message))
    except ValueError as e:
        raise fail("message", f"bad template: {e} (write {{{{ and }}}} for literal braces)") from None
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in fields or spec or conversion:
            known = ", ".join("{" + f + "}" for f in sorted(fields))
            raise fail("message", f"{{{field}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
                                  f" is not a field this rule fills (it fills {known})")


def _examples(raw, fail) -> Examples:
    if not isinstance(raw, dict):
        raise fail("examples", "required: a table with bad, good and ok lists")
    for key in raw:
        if key not in ("bad", "good", "ok"):
            raise fail(f"examples.{key}", "unknown key (expected bad, good, ok)")
    lists = {}
    for key in ("bad", "good", "ok"):
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
            raise fail(f"examples.{key}", "must be a list of strings")
        lists[key] = tuple(value)
    if not lists["bad"] or not lists["ok"]:
        raise fail("examples", "every rule needs at least one bad and one ok example")
    if lists["good"] and len(lists["good"]) != len(lists["bad"]):
        raise fail("examples.good", "must pair one to one with examples.bad")
    return Examples(**lists)


def _conditions(raw: dict, fail, user: bool = False) -> dict:
    """Compile before/after conditions: regexes tested against the text that touches the span."""
    out = {}
    for key in CONDITION_KEYS & raw.keys():
        if not isinstance(raw[key], str):
            raise fail(key, "must be a regular expression string")
        anchored = f"(?:{raw[key]})$" if key.endswith("before") else f"(?:{raw[key]})"
        out[key] = LazyPattern(anchored, str(fail(key, "")).rstrip(": "), guarded=user)
    return out


MARGINS = {  # entry key -> what its number is
    "context": "the log10 margin the context scorer must show",
    "unspun": "the log10 margin the context scorer must show in a text without spinning evidence",
}


def _margin(value, key: str, fail) -> float | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise fail(key, f"must be a number ({MARGINS[key]})")
    return value


def _entries(raw: dict, fix: str, fail, user: bool = False) -> tuple[dict, ...]:
    """The rule's entries (or its own wrong/right as one entry); rule-level conditions apply to all."""
    items = raw.get("entries")
    single = items is None
    if single:
        items = [{k: raw[k] for k in ENTRY_KEYS - CONDITION_KEYS & raw.keys()}]
    elif any(k in raw for k in ("wrong", "right")):
        raise fail("entries", "give either wrong/right or entries, not both")
    if not isinstance(items, list) or not items:
        raise fail("entries", "must be a non-empty list of tables")
    shared = _conditions(raw, fail, user)
    out = []
    for i, item in enumerate(items):
        def key_fail(key, problem, i=i):
            return fail(key if single else f"entries[{i}].{key}", problem)

        if not isinstance(item, dict):
            raise fail(f"entries[{i}]", "must be a table")
        for key in item:
            if key not in ENTRY_KEYS:
                raise key_fail(key, "unknown key")
        for key in ("wrong", "right"):
            if not isinstance(item.get(key), str) or (key == "wrong" and not item[key]):
                raise key_fail(key, "required, a string")
        entry_fix = item.get("fix", fix)
        if entry_fix not in APPLICABILITIES:
            raise key_fail("fix", f"{entry_fix!r} is not one of {', '.join(APPLICABILITIES)}")
        if FIX_RANK[entry_fix] > FIX_RANK[fix]:
            raise key_fail("fix", f"{entry_fix!r} is more than the rule's fix {fix!r} (an entry may only lower it)")
        word = item.get("word", raw.get("word", False))
        if not isinstance(word, bool):
            raise key_fail("word", "must be true or false")
        margins = {key: _margin(item.get(key, raw.get(key)), key, key_fail) for key in MARGINS}
        # a safe entry's wrong form is never right (it is evidence of spinning itself): no gate
        unspun = margins["unspun"] if entry_fix != "safe" else None
        out.append(Entry(item["wrong"], item["right"], entry_fix, word, margins["context"], unspun,
                         {**shared, **_conditions(item, key_fail, user)}))
    return tuple(out)
