"""Command line: ``wenlint check``, ``wenlint rules``, ``wenlint rule CODE``, ``wenlint --version``.

Exit codes: 0 nothing left to report; 1 diagnostics left (or, with ``--fix``, a file changed);
2 usage, configuration or I/O error.
"""
from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from linter import __version__, config, report
from linter.config import ConfigError, Settings
from linter.document import BinaryFileError, DecodeError, Document, read_document, write_atomic
from linter.model import Diagnostic
from linter.packs import PackError

EXTENSIONS = {".txt", ".md", ".markdown", ".rst", ".html", ".htm", ".tex"}
SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", ".tox"}
FORMATS = ("text", "json", "github", "sarif")
SELECTOR = re.compile(r"ALL|WL\d{0,3}")  # a rule code or a prefix of one


class UsageError(Exception):
    pass


@dataclass
class Options:
    fix: bool = False
    unsafe_fixes: bool | None = None
    diff: bool = False
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    config: Path | None = None


@dataclass
class Result:
    path: str
    document: Document | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    fixed: int = 0  # fixes applied
    new_text: str | None = None  # set when fixing changed the text
    converged: bool = True
    skipped: bool = False  # a binary file met while walking a folder: not linted, not an error


# --- settings and linters, cached per process --------------------------------------------------

_LINTERS: dict = {}


def settings_for(path: str, opts: Options) -> Settings:
    if opts.config is not None:
        base = config.load(opts.config)
    else:
        base = config.for_directory(Path(path).resolve().parent if path != "-" else Path.cwd())
    changes = {"ignore": base.ignore + opts.ignore, "extend_select": base.extend_select + opts.extend_select}
    if opts.select is not None:
        changes["select"] = opts.select
    if opts.unsafe_fixes is not None:
        changes["unsafe_fixes"] = opts.unsafe_fixes
    return replace(base, **changes)


def linter_for(settings: Settings):
    # Without per-file-ignores the linter never looks at where the settings came from: share one
    # linter between all the folders that have no configuration of their own.
    key = settings if settings.per_file_ignores else replace(settings, root=Path("."), source=None)
    settings = key
    if key not in _LINTERS:
        from linter.engine import Linter
        from linter.packs import load_rules

        _LINTERS[key] = Linter(load_rules(settings.rule_packs), settings)
    return _LINTERS[key]


# --- one file ---------------------------------------------------------------------------------

def process(path: str, opts: Options, data: bytes | None = None, display: str | None = None,
            walked: bool = False) -> Result:
    """Lint (and fix) one file; errors are returned, not raised. A binary file found by walking a
    folder (``walked``) is skipped; named explicitly, it is an error."""
    shown = display or path
    stage = "load the rules for"  # what was being done, for an OSError: only read and write concern the file
    try:
        settings = settings_for(display or path, opts)
        linter = linter_for(settings)
        stage = "read"
        doc = Document.from_bytes(data, shown) if data is not None else read_document(path)
        doc.path = shown
        stage = "lint"
        if not (opts.fix or opts.diff):
            return Result(shown, doc, linter.lint(doc.text, shown))
        from linter.fixes import fix_until_stable

        outcome = fix_until_stable(doc.text, lambda t: linter.lint(t, shown), settings.unsafe_fixes)
        result = Result(shown, doc, outcome.diagnostics, fixed=outcome.applied, converged=outcome.converged)
        if outcome.text != doc.text:
            result.new_text = outcome.text
            if opts.fix and not opts.diff and data is None:
                stage = "write"
                write_atomic(path, doc.encode(outcome.text))
        return result
    except BinaryFileError as e:
        if walked:
            return Result(shown, skipped=True)
        return Result(shown, error=str(e))
    except (DecodeError, ConfigError, PackError) as e:
        return Result(shown, error=str(e))
    except OSError as e:
        if stage in ("read", "write"):
            return Result(shown, error=f"{shown}: cannot {stage}: {e.strerror or e}")
        # a rule pack or data file that is missing or unreadable: name it, not the document
        return Result(shown, error=f"{shown}: cannot {stage} it: {e.filename or ''}: {e.strerror or e}")


def _process_star(args):
    path, opts, walked = args
    return process(path, opts, walked=walked)


# --- files ------------------------------------------------------------------------------------

def discover(paths: list[str], opts: Options) -> tuple[list[str], list[str], set[str]]:
    """Files to lint (explicit files always, text files under directories, each once), errors, and
    the files that were found by walking a folder rather than named."""
    files, errors, walked = [], [], set()
    seen: set[str] = set()

    def add(f: str, found: bool) -> None:
        key = f if f == "-" else os.path.realpath(f)
        if key not in seen:  # the same file twice would be fixed twice, by racing workers
            seen.add(key)
            files.append(f)
            if found:
                walked.add(f)

    for p in paths:
        if p == "-":
            add(p, False)
        elif os.path.isfile(p):
            add(p, False)
        elif os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
                for name in sorted(names):
                    if os.path.splitext(name)[1].lower() in EXTENSIONS:
                        full = os.path.normpath(os.path.join(root, name))  # ./a.txt → a.txt
                        try:
                            if not settings_for(full, opts).excluded(full):
                                add(full, True)
                        except ConfigError as e:
                            errors.append(str(e))
        else:
            errors.append(f"{p}: no such file or directory")
    return files, errors, walked


def run_all(files: list[str], opts: Options, jobs: int, stdin_name: str | None, progress: bool,
            walked: set[str] = frozenset()) -> list[Result]:
    disk = [f for f in files if f != "-"]
    results: dict[str, Result] = {}
    if "-" in files:
        results["-"] = process("-", opts, sys.stdin.buffer.read(), stdin_name or "-")
    if jobs > 1 and len(disk) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if disk:  # load the rules before forking, so workers inherit them
            try:
                linter_for(settings_for(disk[0], opts))
            except (ConfigError, PackError):
                pass
        ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
            chunk = max(1, min(64, len(disk) // (jobs * 8)))
            for i, r in enumerate(pool.map(_process_star, [(f, opts, f in walked) for f in disk],
                                                chunksize=chunk)):
                results[disk[i]] = r
                _progress(progress, i + 1, len(disk))
    else:
        for i, f in enumerate(disk):
            results[f] = process(f, opts, walked=f in walked)
            _progress(progress, i + 1, len(disk))
    if progress and disk:
        sys.stderr.write("\r\033[K")
    return [results[f] for f in files]


def _progress(on: bool, done: int, total: int) -> None:
    if on and total > 1 and (done % 20 == 0 or done == total):
        sys.stderr.write(f"\rwenlint: {done}/{total} files")
        sys.stderr.flush()


# --- commands ---------------------------------------------------------------------------------

def _selectors(values, option: str) -> tuple[str, ...]:
    for v in values or ():
        if not SELECTOR.fullmatch(v):
            raise UsageError(f"{option} {v!r}: not a rule code or prefix (like WL101, WL1 or ALL)")
    return tuple(values or ())


def _lines(text: str) -> list[str]:
    """Lines split at \\n only (str.splitlines also splits at \\r, \\f, U+2028 …), endings kept."""
    return re.findall(r"[^\n]*\n|[^\n]+", text)


def unified_diff(path: str, old: str, new: str) -> str:
    out = []
    for line in difflib.unified_diff(_lines(old), _lines(new), path, path):
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def _write_bytes(stream, data: bytes, text: str) -> None:
    """Write the bytes to a binary-capable stream (keeping encoding and newlines), else the text."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        return
    stream.flush()
    buffer.write(data)
    buffer.flush()


def cmd_check(a) -> int:
    opts = Options(fix=a.fix, unsafe_fixes=True if a.unsafe_fixes else None, diff=a.diff,
                   select=_selectors(a.select, "--select") if a.select else None,
                   ignore=_selectors(a.ignore, "--ignore"),
                   extend_select=_selectors(a.extend_select, "--extend-select"),
                   config=Path(a.config) if a.config else None)
    if a.jobs < 0:
        raise UsageError(f"--jobs {a.jobs}: must be 0 (one per core) or more")
    if opts.config is not None:
        config.load(opts.config)  # report a broken --config file once, up front
    files, errors, walked = discover(a.paths or ["."], opts)
    progress = not a.quiet and sys.stderr.isatty() and a.format == "text"
    results = run_all(files, opts, a.jobs or os.cpu_count() or 1, a.stdin_filename, progress, walked)
    out = sys.stdout
    for r in results:
        if r.error:
            errors.append(r.error)
        elif not r.converged:
            print(f"warning: {r.path}: fixes did not converge after 10 passes", file=sys.stderr)
    for e in dict.fromkeys(errors):  # one broken pack or config would otherwise be reported per file
        print(f"error: {e}", file=sys.stderr)
    ok = [r for r in results if r.document]
    if a.diff:
        for r in ok:
            if r.new_text is not None:
                out.write(unified_diff(r.path, r.document.text, r.new_text))
        out = sys.stderr  # stdout carries the diff alone
    elif a.fix and "-" in files:
        stdin_result = results[files.index("-")]
        if stdin_result.document is not None:  # the (fixed) text goes to stdout, the report to stderr
            doc = stdin_result.document
            text = stdin_result.new_text if stdin_result.new_text is not None else doc.text
            _write_bytes(sys.stdout, doc.encode(text), text)
        out = sys.stderr
    items = [(r.document if r.new_text is None else replace(r.document, text=r.new_text), d)
             for r in ok for d in r.diagnostics]
    if a.statistics:
        out.write(report.statistics(items))
    elif a.format == "text":
        if items:
            out.write(report.text(items))
        if not a.quiet:
            fixed = sum(r.fixed for r in ok)
            fixable = sum(1 for _, d in items if d.fix and d.fix.applicability == "safe")
            unsafe = sum(1 for _, d in items if d.fix and d.fix.applicability == "unsafe")
            line = f"Found {len(items) + fixed} problem{'s' if len(items) + fixed != 1 else ''}"
            if fixed:
                line += f" ({fixed} {'would be fixed' if a.diff else 'fixed'}, {len(items)} remaining)"
            out.write(line + ".\n")
            if fixable:
                out.write(f"[*] {fixable} fixable with the `--fix` option.\n")
            if unsafe and not a.unsafe_fixes:
                out.write(f"{unsafe} more fixable with `--fix --unsafe-fixes` (check them: unsafe fixes may be wrong).\n")
    elif a.format == "json":
        out.write(report.json_(items))
    elif a.format == "github":
        out.write(report.github(items))
    else:
        disk = [f for f in files if f != "-"]
        rules = linter_for(settings_for(disk[0] if disk else a.stdin_filename or "-", opts)).rules \
            if files else []
        out.write(report.sarif(items, rules))
    if errors:
        return 2
    if a.exit_zero:
        return 0
    changed = any(r.new_text is not None for r in ok) and (a.fix or a.diff)
    return 1 if items or changed else 0


def cmd_rules(a) -> int:
    from linter.packs import load_rules

    rules = load_rules(config.load(Path(a.config)).rule_packs if a.config else ())
    if a.format == "json":
        import json

        print(json.dumps([{"code": r.code, "name": r.name, "category": r.category, "severity": r.severity,
                           "fix": r.fix, "message": r.message} for r in rules], ensure_ascii=False, indent=2))
        return 0
    print(f"{'code':<6} {'name':<28} {'category':<12} {'severity':<8} fix")
    for r in rules:
        print(f"{r.code:<6} {r.name:<28} {r.category:<12} {r.severity:<8} {r.fix}")
    return 0


def cmd_rule(a) -> int:
    from linter.packs import load_rules

    for r in load_rules():
        if a.code in (r.code, r.name):
            print(report.rule_doc(r))
            return 0
    print(f"error: no rule {a.code!r}", file=sys.stderr)
    return 2


def version_text() -> str:
    from linter import context

    return f"wenlint {__version__} (context model: {context.model_name()})"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="wenlint", description="Find and repair damage in Chinese documents.")
    p.add_argument("--version", action="store_true", help="print the version and the active context model")
    sub = p.add_subparsers(dest="command")
    c = sub.add_parser("check", help="lint files and folders")
    c.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .); - reads stdin")
    c.add_argument("--fix", action="store_true", help="apply safe fixes")
    c.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes (with --fix or --diff)")
    c.add_argument("--diff", action="store_true", help="print the fixes as a diff and write nothing")
    c.add_argument("--format", choices=FORMATS, default="text")
    c.add_argument("--select", action="append", metavar="CODE", help="only these codes or prefixes")
    c.add_argument("--ignore", action="append", metavar="CODE", help="skip these codes or prefixes")
    c.add_argument("--extend-select", action="append", metavar="CODE", help="add codes to the selection")
    c.add_argument("--config", metavar="FILE", help="use this configuration file instead of searching")
    c.add_argument("--stdin-filename", metavar="NAME", help="the name to report (and to pick the format) for -")
    c.add_argument("--quiet", "-q", action="store_true", help="print diagnostics only, no summary or progress")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even if diagnostics remain")
    c.add_argument("--statistics", action="store_true", help="print counts per rule instead of diagnostics")
    c.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="parallel processes (default: cores)")
    r = sub.add_parser("rules", help="list the rules")
    r.add_argument("--format", choices=("text", "json"), default="text")
    r.add_argument("--config", metavar="FILE", help="include the rule packs of this configuration")
    d = sub.add_parser("rule", help="show a rule's documentation and examples")
    d.add_argument("code", help="a code (WL101) or name")
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    try:
        a = p.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0
    try:
        if a.version:
            print(version_text())
            return 0
        if a.command == "check":
            return cmd_check(a)
        if a.command == "rules":
            return cmd_rules(a)
        if a.command == "rule":
            return cmd_rule(a)
        p.print_help()
        return 2
    except (ConfigError, PackError, UsageError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
