"""One file through the linter: settings, read, lint or fix, write back, render its part of the report.

:func:`process` returns an immutable :class:`FileResult`; errors are returned in it, not raised. It
runs in worker processes too, so the report is rendered where the file was linted and only text (or
JSON-ready records) crosses back.
"""
from __future__ import annotations

import os
import re
import zlib
from collections import namedtuple
from pathlib import Path

from wenlint import config, stream, writers
from wenlint.config import ConfigError, Settings
from wenlint.document import (
    BinaryFileError, DecodeError, Document, WriteRefused, read_document, write_back as replace_file,
)
from wenlint.packs import PackError
from wenlint.patterns import PatternTimeout

_OPTIONS = {  # name: default
    "fix": False,
    "unsafe_fixes": None,  # None: as configured
    "diff": False,
    "select": None,  # None: as configured
    "ignore": (),
    "extend_select": (),
    "config": None,  # a Path: use it instead of searching
    "output_format": "text",
    "statistics": False,
    "force_exclude": False,  # apply `exclude` to files named on the command line too
    "exclude": None,  # --exclude: patterns that replace the configured exclude (None: as configured)
    "extend_exclude": (),
    "color": False,
    "verbose": False,  # an internal error's traceback in its error line
}


class Options(namedtuple("Options", _OPTIONS, defaults=_OPTIONS.values())):
    """What the command line asks of ``check``."""

    __slots__ = ()


_RESULT = {  # name: default
    "path": "",
    "error": None,  # what went wrong, for an error line (the file is then not linted)
    "converged": True,
    "fixed": 0,  # fixes applied
    "changed": False,  # fixing changed the text
    "found": 0,  # diagnostics left
    "safe": 0,  # ... of which with a safe fix
    "unsafe": 0,  # ... with an unsafe fix
    "output": "",  # this file's part of the report, as its writer rendered it
    "rules": (),  # the rules of this file's linter, when the report lists them (SARIF)
    "diff": "",
    "fixed_bytes": None,  # stdin with --fix: the repaired file
    "warning": None,  # linted, but something the user must know (bytes that did not decode)
}


class FileResult(namedtuple("FileResult", _RESULT, defaults=_RESULT.values())):
    """What one file contributes to the run."""

    __slots__ = ()


# --- settings and linters, cached per process --------------------------------------------------

_LINTERS: dict = {}
_LOADED: dict = {}  # --config file, as (path, size, mtime) -> its settings
_COMING = 0  # characters the current run brings its linters, at least (:func:`expect`)
MAX_BYTES_PER_CHAR = 4  # UTF-8 and GB18030: a file of n bytes holds at least n // 4 characters


def expect(size: int) -> None:
    """The files of this run hold ``size`` bytes in all (0: the run is over): a linter that will read
    enough builds what pays over many texts from the first (:meth:`CheckData.worth_building`)."""
    global _COMING
    _COMING = size // MAX_BYTES_PER_CHAR
    for linter in _LINTERS.values():
        linter.data.coming = _COMING


def settings_for(path: str, opts: Options) -> Settings:
    if opts.config is not None:  # read once per process while the file is unchanged, not once per file
        try:
            st = os.stat(opts.config)
        except OSError:
            return config.load(opts.config)  # which says what is wrong with it
        key = (opts.config, st.st_size, st.st_mtime_ns)
        if key not in _LOADED:
            _LOADED[key] = config.load(opts.config)
        base = _LOADED[key]
    else:
        base = config.for_directory(Path(path).resolve().parent if path != "-" else Path.cwd())
    global _LAST_SETTINGS
    if _LAST_SETTINGS[0] is not base or _LAST_SETTINGS[1] != opts:  # a run's files share them
        _LAST_SETTINGS = (base, opts, _with_options(base, opts))
    return _LAST_SETTINGS[2]


_LAST_SETTINGS: tuple = (None, None, None)  # the last settings_for: (base, opts, settings)


def _with_options(base: Settings, opts: Options) -> Settings:
    """``base`` changed as the command line asks."""
    changes = {"ignore": base.ignore + opts.ignore, "extend_select": base.extend_select + opts.extend_select}
    if opts.select is not None:
        changes["select"] = opts.select
    if opts.unsafe_fixes is not None:
        changes["unsafe_fixes"] = opts.unsafe_fixes
    if opts.exclude is not None:  # --exclude replaces the configured patterns (discovery matches it)
        changes["exclude"] = ()
    return base._replace(**changes)


_HERE = Path(".")


def linter_for(settings: Settings):
    # Without per-file-ignores the linter never looks at where the settings came from: share one
    # linter between all the folders that have no configuration of their own.
    key = settings if settings.per_file_ignores else settings._replace(root=_HERE, source=None)
    if key not in _LINTERS:
        from wenlint.engine import Linter
        from wenlint.packs import load_rules

        rules = load_rules(key.rule_packs)
        _check_selectors(settings, {r.code for r in rules})
        linter = _LINTERS[key] = Linter(rules, key)
        linter.data.coming = _COMING
    return _LINTERS[key]


def unknown_selectors(selectors, codes) -> list[str]:
    """The codes or prefixes that select no rule: an error, as in ruff (a typo would silently select
    nothing, or ignore nothing)."""
    return [s for s in selectors if s != "ALL" and not any(code.startswith(s) for code in codes)]


def check_options(opts: Options) -> None:
    """Reject selectors on the command line that match no rule (of the built-in packs and those of
    the configuration that applies here)."""
    from wenlint.packs import load_rules

    selectors = [*(opts.select or ()), *opts.ignore, *opts.extend_select]
    if selectors:
        codes = {r.code for r in load_rules(settings_for(str(Path.cwd() / "-"), opts).rule_packs)}
        for s in unknown_selectors(selectors, codes):
            raise ConfigError(f"{s!r} (on the command line): no rule has this code or prefix")


def _check_selectors(settings: Settings, codes: set[str]) -> None:
    selectors = [*settings.select, *settings.ignore, *settings.extend_select,
                 *(c for _, group in settings.per_file_ignores for c in group)]
    for s in unknown_selectors(selectors, codes):
        where = f" (in {settings.source})" if settings.source else ""
        raise ConfigError(f"{s!r}{where}: no rule has this code or prefix")


def example_message(rule, settings: Settings) -> str | None:
    """The rule's message as a user sees it: what it says on its first bad example."""
    if not rule.examples.bad:
        return None
    linter = linter_for(settings._replace(select=(rule.code,), ignore=(), extend_select=(), per_file_ignores=()))
    return next((d.message for d in linter.lint(rule.examples.bad[0]) if d.rule == rule), None)


# --- one file ---------------------------------------------------------------------------------

def process(path: str, opts: Options, data: bytes | None = None, display: str | None = None,
            walked: bool = False, sink=None, progress=None) -> FileResult:
    """Lint (and fix) one file and render its report. A binary file found by walking a folder
    (``walked``) is skipped; named explicitly, it is an error. ``data`` is the file's bytes when
    they were read already (stdin). With a ``sink`` (in the main process), a text report is written
    to it as it is rendered, so that a big file's report never sits in memory whole. A file read
    window by window calls ``progress(path, bytes done)`` after each window."""
    shown = display or printable_path(path)
    stage = "load the rules for"  # what was being done, for an OSError: only read and write concern the file
    try:
        settings = settings_for(display or path, opts)
        linter = linter_for(settings)
        stage = "read"
        if data is None and not opts.diff and stream.wanted(path):
            return _streamed(path, shown, opts, settings, linter, sink, progress)
        doc = Document.from_bytes(data, shown) if data is not None else read_document(path)
        doc.path = shown
        stage = "lint"
        if not (opts.fix or opts.diff):
            warning = f"{shown}: {doc.problem} (linted with U+FFFD in its place; --fix leaves the file alone)" \
                if doc.problem else None
            return _rendered(FileResult(shown, warning=warning), doc, linter.lint(doc.text, shown), linter, opts, sink)
        if doc.problem:
            return FileResult(shown, error=f"{shown}: {doc.problem}; not fixed")
        from wenlint.fixes import fix_until_stable

        outcome = fix_until_stable(doc.text, lambda t: linter.lint(t, shown), settings.unsafe_fixes, doc.can_encode)
        changed = outcome.text != doc.text
        result = FileResult(shown, fixed=outcome.applied, converged=outcome.converged, changed=changed)
        if opts.diff:
            result = result._replace(diff=unified_diff(shown, doc.text, outcome.text) if changed else "")
        elif data is not None:
            result = result._replace(fixed_bytes=checked_bytes(doc, outcome) if changed else data)
        elif changed:
            stage = "write"
            write_back(path, doc, outcome)
        return _rendered(result, doc.with_text(outcome.text), outcome.diagnostics, linter, opts, sink)
    except BinaryFileError as e:
        return FileResult(shown) if walked else FileResult(shown, error=str(e))
    except (DecodeError, ConfigError, PackError, UnsafeFix) as e:
        return FileResult(shown, error=str(e))
    except BrokenPipeError:  # the report's reader is gone (`| head`): the run ends, quietly
        raise
    except WriteRefused as e:
        return FileResult(shown, error=str(e))
    except PatternTimeout as e:
        return FileResult(shown, error=f"{shown}: {e}")
    except OSError as e:
        if stage in ("read", "write"):
            return FileResult(shown, error=f"{shown}: cannot {stage}: {e.strerror or e}")
        # a rule pack or data file that is missing or unreadable: name it, not the document
        return FileResult(shown, error=f"{shown}: cannot {stage} it: {e.filename or ''}: {e.strerror or e}")
    except Exception as e:  # a bug: one line (the traceback with --verbose), and exit status 2
        return FileResult(shown, error=internal_error(e, shown, opts.verbose))


def _streamed(path: str, shown: str, opts: Options, settings: Settings, linter, sink, progress=None) -> FileResult:
    """A large file, window by window (:mod:`wenlint.stream`): each window linted, or fixed and
    written to the file's replacement, and its part of the report rendered, before the next is read."""
    from wenlint.fixes import fix_until_stable

    windows = stream.windows(path)
    encoding, bom = next(windows)
    encodable = None
    if encoding == "gb18030" and opts.fix:  # a guess, unless charset-normalizer recognises it
        from wenlint.document import GB, _detected

        with open(path, "rb") as f:
            if _detected(f.read(1 << 18)) not in GB:
                raise DecodeError(f"{shown}: cannot decode as UTF-8, and it is not recognisably GB18030 or GBK; "
                                  "not fixed")

        def encodable(s: str) -> bool:  # GBK fixes only: a GBK file must stay GBK
            try:
                s.encode("gbk")
                return True
            except UnicodeEncodeError:
                return False
    writer = writers.writer_class(opts)
    result, output = FileResult(shown), None
    rewrite = stream.Rewrite(path, bom) if opts.fix else None
    base = lines = read = 0  # where the window starts in the text as it is now (fixed or not); bytes read
    try:
        for window in windows:
            if progress is not None:
                read += len(window.text.encode(encoding))
                progress(path, read + len(bom))
            if opts.fix:
                outcome = fix_until_stable(window.text, lambda t: linter.lint(t, shown), settings.unsafe_fixes,
                                           encodable)
                window.path = shown
                rewrite.write(checked_bytes(window, outcome)[len(bom):])
                result = result._replace(fixed=result.fixed + outcome.applied,
                                         converged=result.converged and outcome.converged,
                                         changed=result.changed or outcome.text != window.text)
                doc, diagnostics = stream.Window(shown, outcome.text, encoding, bom, base, lines), outcome.diagnostics
            else:
                doc, diagnostics = window, linter.lint(window.text, shown)
                doc.path = shown
            part = _rendered(FileResult(shown), doc, [stream.shifted(d, base) for d in diagnostics], linter, opts, sink)
            output = part.output if output is None else writer.merge(output, part.output)
            result = result._replace(found=result.found + part.found, safe=result.safe + part.safe,
                                     unsafe=result.unsafe + part.unsafe, rules=part.rules)
            base += len(doc.text)
            lines += doc.text.count("\n")
        if rewrite is not None and result.changed:
            rewrite.commit()
    finally:
        if rewrite is not None:
            rewrite.discard()
    return result._replace(output=output if output is not None else writer.render([], opts, sink))


def internal_error(e: Exception, where: str, verbose: bool) -> str:
    """The error line for a bug met while linting ``where`` (or for a dependency not installed)."""
    if isinstance(e, ModuleNotFoundError) and e.name and not e.name.startswith("wenlint"):
        return (f"{where}: the module {e.name!r} is missing. Install wenlint with its dependencies "
                "(in a checkout: pip install -e .)")
    line = f"{where}: internal error: {type(e).__name__}: {e}"
    if not verbose:
        return line + " (run with --verbose for the traceback)"
    import traceback

    return line + "\n" + "".join(traceback.format_exception(e)).rstrip()


def printable_path(path: str) -> str:
    """``path`` as reports can show it: bytes of a file name that are not UTF-8 as ``\\xff``."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


class UnsafeFix(Exception):
    """The check before writing failed: nothing is written."""


def checked_bytes(doc: Document, outcome) -> bytes:
    """The fixed file's bytes, after the check that the fixes changed nothing else: the text kept
    outside the edits is the original's, masked spans (code, URLs, tags) are untouched, no newline
    style is new, the file's bytes decode and encode back exactly, and the fixed text encodes in the
    file's encoding. Raises :class:`UnsafeFix`."""
    from wenlint import formats
    from wenlint.fixes import verify

    problem = verify(doc.text, outcome, formats.masked_spans(doc.text, formats.kind_of(doc.path)))
    if problem is None and doc.stamp is not None and zlib.crc32(doc.encode(doc.text)) != doc.stamp[2]:
        problem = "the file's bytes do not decode and encode back exactly"
    try:
        data = doc.encode(outcome.text)
    except UnicodeEncodeError as e:
        problem = problem or f"a fix needs {e.object[e.start:e.end]!r}, which {doc.encoding} cannot hold"
    if problem:
        raise UnsafeFix(f"{doc.path}: {problem}; nothing written (please report this as a wenlint bug)")
    return data


def write_back(path: str, doc: Document, outcome) -> None:
    """The one place where a linted file is written: the fixed text replaces it, in its own
    encoding, once :func:`checked_bytes` passes and if the file is unchanged since it was read."""
    replace_file(path, checked_bytes(doc, outcome), doc.stamp)


def _rendered(result: FileResult, doc: Document, diagnostics, linter, opts: Options, sink) -> FileResult:
    """``result`` with the counts and this file's part of the report (or with it written to ``sink``)."""
    from collections import Counter

    writer = writers.writer_class(opts)
    output = writer.render([(doc, d) for d in diagnostics], opts, sink)
    fixes = Counter(d.fix.applicability for d in diagnostics if d.fix)
    return result._replace(found=len(diagnostics), safe=fixes["safe"], unsafe=fixes["unsafe"],
                           output=output, rules=tuple(linter.rules) if writer.lists_rules else ())


def _lines(text: str) -> list[str]:
    """Lines split at \\n only (str.splitlines also splits at \\r, \\f, U+2028 …), endings kept."""
    return re.findall(r"[^\n]*\n|[^\n]+", text)


def unified_diff(path: str, old: str, new: str) -> str:
    import difflib

    out = []
    for line in difflib.unified_diff(_lines(old), _lines(new), path, path):
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)
