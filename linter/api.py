"""The Python API: lint and fix texts without the command line (``wenlint.lint``, ``wenlint.fix``,
``wenlint.Linter``). Documented in the README; its examples are run by the test suite.

Diagnostics are :class:`wenlint.model.Diagnostic` records (``rule``, ``start``, ``end``, ``message``,
``fix``, and ``code``), with offsets into the text as Python ``str`` indices.
"""
from __future__ import annotations

from collections import namedtuple
from collections.abc import Mapping
from pathlib import Path

from wenlint import config as _config
from wenlint.config import Settings
from wenlint.model import Diagnostic


class Fixed(namedtuple("Fixed", "text applied remaining converged found")):
    """What fixing a text made: the fixed ``text``; the diagnostics whose fixes were ``applied``, pass by
    pass (offsets into the text as it was before that pass: the input, for the first); the diagnostics
    ``remaining`` in the fixed text; whether fixing ``converged`` (at most 10 passes); the diagnostics
    ``found`` in the input text."""

    __slots__ = ()


def _settings(config) -> Settings:
    if config is None:
        return Settings()
    if isinstance(config, Settings):
        return config
    if isinstance(config, Mapping):  # the [tool.wenlint] table, as a dict
        return _config.parse(dict(config), Path.cwd() / "<config>")
    return _config.load(Path(config))


class Linter:
    """Lints and fixes texts with one configuration.

    ``config`` is None (the defaults; no configuration file is searched for), the path of a
    configuration file (``wenlint.toml``, ``pyproject.toml`` …) or its table as a dict
    (``{"ignore": ["WL651"]}``). ``select``, ``ignore`` and ``extend_select`` add to it as the
    command line's options do. Building one loads the rules once per process and configuration; a
    call per document then costs only the linting. A ``Linter`` pickles as its configuration, so it
    can be sent to worker processes, where it is built once per process.
    """

    def __init__(self, config=None, *, select=None, ignore=(), extend_select=()):
        settings = _settings(config)
        for option, codes in (("select", select or ()), ("ignore", ignore), ("extend_select", extend_select)):
            for code in codes:
                if not _config.SELECTOR.fullmatch(code):
                    raise _config.ConfigError(f"{option} {code!r}: not a rule code or prefix (like WL101, WL1 or ALL)")
        changes = {"ignore": settings.ignore + tuple(ignore),
                   "extend_select": settings.extend_select + tuple(extend_select)}
        if select is not None:
            changes["select"] = tuple(select)
        self.settings = settings._replace(**changes)
        self._engine = _engine(self.settings)

    @property
    def rules(self) -> list:
        """The rules this linter reports (selected by its configuration)."""
        return self._engine.rules

    def lint(self, text: str, path: str = "-") -> list[Diagnostic]:
        """The diagnostics for ``text``, sorted by position. ``path`` picks the format by its
        extension (``.md`` masks code and links …) and the per-file ignores."""
        return self._engine.lint(text, path)

    def fix(self, text: str, path: str = "-", unsafe: bool | None = None) -> Fixed:
        """Apply the safe fixes (and the unsafe ones if ``unsafe``, default: as configured) until
        nothing changes."""
        from wenlint.fixes import choose, fix_until_stable

        unsafe = self.settings.unsafe_fixes if unsafe is None else unsafe
        passes: list[tuple[str, list[Diagnostic]]] = []

        def lint(t: str) -> list[Diagnostic]:
            passes.append((t, self._engine.lint(t, path)))
            return passes[-1][1]

        outcome = fix_until_stable(text, lint, unsafe)
        applied = []
        for t, diagnostics in passes[:-1]:  # the last pass changed nothing
            chosen = set(choose(diagnostics, unsafe, t))
            applied += [d for d in diagnostics if d.fix in chosen]
        return Fixed(outcome.text, applied, outcome.diagnostics, outcome.converged, passes[0][1])

    def __reduce__(self):
        return _rebuilt, (self.settings,)


def _engine(settings: Settings):
    from wenlint.runner import linter_for

    return linter_for(settings)


def _rebuilt(settings: Settings) -> Linter:
    linter = Linter.__new__(Linter)
    linter.settings, linter._engine = settings, _engine(settings)
    return linter


def lint(text: str, path: str = "-", config=None) -> list[Diagnostic]:
    """The diagnostics for ``text`` (see :meth:`Linter.lint`); ``config`` as for :class:`Linter`."""
    return Linter(config).lint(text, path)


def fix(text: str, unsafe: bool = False, path: str = "-", config=None) -> Fixed:
    """``text`` with its safe fixes applied (and the unsafe ones if ``unsafe``): a :class:`Fixed`."""
    return Linter(config).fix(text, path, unsafe)
