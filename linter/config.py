"""Settings from ``[tool.wenlint]`` in pyproject.toml, ``wenlint.toml`` or ``.wenlint.toml``.

The nearest file upward from each linted file wins (in one folder: ``.wenlint.toml``, then
``wenlint.toml``, then a pyproject.toml that has a ``[tool.wenlint]`` table). Unknown keys and bad
values are errors that name the file and the key.
"""
from __future__ import annotations

import fnmatch
from collections import namedtuple
from functools import lru_cache
from pathlib import Path
from wenlint.cache import read_toml
from wenlint.patterns import rx

CONFIG_NAMES = (".wenlint.toml", "wenlint.toml", "pyproject.toml")
LIST_KEYS = ("select", "ignore", "extend-select", "exclude", "extend-exclude", "allow", "rule-packs",
             "allow-placeholders")
BOOL_KEYS = ("unsafe-fixes", "respect-gitignore")
CODE_KEYS = ("select", "ignore", "extend-select")
SELECTOR = rx(r"ALL|WL\d{0,3}")  # a rule code or a prefix of one


class ConfigError(Exception):
    """A configuration file that cannot be used."""


_FIELDS = {  # name: default
    "root": None,  # the folder of the config file, where relative paths start (default: the current one)
    "source": None,  # the config file, if any: named in errors about its values
    "select": ("WL",),
    "ignore": (),
    "extend_select": (),
    "per_file_ignores": (),  # ((glob, (codes, ...)), ...)
    "exclude": (),  # gitignore-style patterns, relative to root
    "extend_exclude": (),
    "respect_gitignore": True,  # skip what .gitignore files ignore, when walking folders
    "unsafe_fixes": False,
    "allow": (),  # words or phrases never flagged
    "allow_placeholders": (),  # placeholders the user keeps on purpose (e.g. 20XX in a template)
    "rule_packs": (),  # Paths of extra packs
}


class Settings(namedtuple("Settings", _FIELDS, defaults=_FIELDS.values())):
    """The configuration that applies to a file (immutable and hashable: linters are cached by it)."""

    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        settings = super().__new__(cls, *args, **kwargs)
        return settings if settings.root is not None else settings._replace(root=Path.cwd())

    def selects(self, code: str, path: str | None = None) -> bool:
        """Is ``code`` on for ``path`` (select + extend-select − ignore − per-file-ignores)?"""
        def matches(prefixes):
            return any(p == "ALL" or code.startswith(p) for p in prefixes)
        if not matches(self.select + self.extend_select) or matches(self.ignore):
            return False
        if path and self.per_file_ignores:
            rel = self.relative(path)
            return not any(fnmatch.fnmatch(rel, pat) and matches(codes) for pat, codes in self.per_file_ignores)
        return True

    def relative(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def excluded(self, path: str) -> bool:
        """Do the ``exclude`` and ``extend-exclude`` patterns (gitignore-style) match ``path``?"""
        patterns = self.exclude + self.extend_exclude
        return bool(patterns) and ignore_spec(patterns).match_file(self.relative(path))


@lru_cache(maxsize=None)
def ignore_spec(lines: tuple[str, ...]):
    """Gitignore-style patterns, compiled (pathspec is imported only when there are some)."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _table(path: Path) -> dict | None:
    try:
        data, = read_toml(path)
    except (OSError, ValueError) as e:  # ValueError: UnicodeDecodeError, TOMLDecodeError
        raise ConfigError(f"{path}: cannot read configuration: {e}") from None
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("wenlint")
    return data


def load(path: Path) -> Settings:
    """Read one configuration file (raises ConfigError)."""
    path = Path(path)
    table = _table(path)
    if table is None:
        raise ConfigError(f"{path}: no [tool.wenlint] table")
    return parse(table, path)


def parse(table: dict, path: Path) -> Settings:
    values: dict = {"root": path.parent, "source": path}
    for key, value in table.items():
        where = f"{path}: key {key!r}"
        if key in LIST_KEYS:
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise ConfigError(f"{where}: must be a list of non-empty strings")
            if key in CODE_KEYS:
                _check_codes(value, where)
            attr = key.replace("-", "_")
            values[attr] = tuple(path.parent / v for v in value) if key == "rule-packs" else tuple(value)
        elif key in BOOL_KEYS:
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: must be true or false")
            values[key.replace("-", "_")] = value
        elif key == "per-file-ignores":
            if not isinstance(value, dict) or not all(
                    isinstance(v, list) and all(isinstance(c, str) for c in v) for v in value.values()):
                raise ConfigError(f"{where}: must be a table of glob = [codes]")
            for pattern, codes in value.items():
                _check_codes(codes, f"{where}: {pattern!r}")
            values["per_file_ignores"] = tuple((k, tuple(v)) for k, v in value.items())
        else:
            raise ConfigError(f"{where}: unknown key (known: {', '.join(LIST_KEYS + BOOL_KEYS)}, "
                              "per-file-ignores)")
    for pack in values.get("rule_packs", ()):
        if not pack.is_file():
            raise ConfigError(f"{path}: key 'rule-packs': no such file {pack}")
    return Settings(**values)


def _check_codes(codes: list[str], where: str) -> None:
    for code in codes:
        if not SELECTOR.fullmatch(code):
            raise ConfigError(f"{where}: {code!r} is not a rule code or prefix (like WL101, WL1 or ALL)")


@lru_cache(maxsize=None)
def for_directory(directory: Path) -> Settings:
    """The settings that apply to files in ``directory`` (defaults when no config is found)."""
    for folder in [directory, *directory.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                table = _table(candidate)
                if table is not None:
                    return parse(table, candidate)
    return Settings(root=directory)
