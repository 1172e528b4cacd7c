"""Command line: ``wenlint check``, ``wenlint rules``, ``wenlint rule CODE``, ``wenlint --version``.

Exit codes: 0 nothing left to report; 1 diagnostics left (or, with ``--fix``, a file changed);
2 usage, configuration or I/O error.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter
from collections import namedtuple
from pathlib import Path

from wenlint import __version__, config, report
from wenlint.config import ConfigError, Settings
from wenlint.document import BinaryFileError, DecodeError, Document, read_document, write_atomic
from wenlint.model import Diagnostic
from wenlint.packs import PackError

EXTENSIONS = {".txt", ".md", ".markdown", ".rst", ".html", ".htm", ".tex"}
SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", ".tox"}
FORMATS = ("text", "json", "github", "sarif")
PARALLEL_MIN_BYTES = 256 * 1024  # less input than this is linted faster than worker processes start


class UsageError(Exception):
    pass


_OPTIONS = {  # name: default
    "fix": False,
    "unsafe_fixes": None,  # None: as configured
    "diff": False,
    "select": None,  # None: as configured
    "ignore": (),
    "extend_select": (),
    "config": None,  # a Path: use it instead of searching
    "format": "text",
    "statistics": False,
    "force_exclude": False,  # apply `exclude` to files named on the command line too
}


class Options(namedtuple("Options", _OPTIONS, defaults=_OPTIONS.values())):
    """What the command line asks of ``check``."""

    __slots__ = ()


class Result:
    """What one file contributes to the run, rendered where it was linted (in a worker process),
    so that only text crosses back and the report streams out file by file."""

    def __init__(self, path: str, error: str | None = None, skipped: bool = False, converged: bool = True,
                 fixed: int = 0, changed: bool = False):
        self.path = path
        self.error = error
        self.skipped = skipped  # a binary file met while walking a folder: not linted, not an error
        self.converged = converged
        self.fixed = fixed  # fixes applied
        self.changed = changed  # fixing changed the text
        self.found = 0  # diagnostics left
        self.safe = 0  # ... of which with a safe fix
        self.unsafe = 0  # ... with an unsafe fix
        self.output: str | list = ""  # this file's part of the report (text, or records for json/sarif)
        self.tally: Counter = Counter()  # rule -> diagnostics, for --statistics
        self.fixable: set = set()  # codes with a safe fix, for --statistics
        self.diff = ""
        self.fixed_bytes: bytes | None = None  # stdin with --fix: the repaired file


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
    return base._replace(**changes)


def linter_for(settings: Settings):
    # Without per-file-ignores the linter never looks at where the settings came from: share one
    # linter between all the folders that have no configuration of their own.
    key = settings if settings.per_file_ignores else settings._replace(root=Path("."))
    settings = key
    if key not in _LINTERS:
        from wenlint.engine import Linter
        from wenlint.packs import load_rules

        _LINTERS[key] = Linter(load_rules(settings.rule_packs), settings)
    return _LINTERS[key]


# --- one file ---------------------------------------------------------------------------------

def process(path: str, opts: Options, data: bytes | None = None, display: str | None = None,
            walked: bool = False, sink: "Sink | None" = None) -> Result:
    """Lint (and fix) one file and render its report; errors are returned, not raised. A binary
    file found by walking a folder (``walked``) is skipped; named explicitly, it is an error.
    With a ``sink`` (in the main process), text reports are written as they are rendered."""
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
            return _render(Result(shown), doc, linter.lint(doc.text, shown), opts, sink)
        from wenlint.fixes import fix_until_stable

        outcome = fix_until_stable(doc.text, lambda t: linter.lint(t, shown), settings.unsafe_fixes)
        result = Result(shown, fixed=outcome.applied, converged=outcome.converged,
                        changed=outcome.text != doc.text)
        if result.changed:
            if opts.diff:
                result.diff = unified_diff(shown, doc.text, outcome.text)
            elif data is not None:
                result.fixed_bytes = doc.encode(outcome.text)
            else:
                stage = "write"
                write_atomic(path, doc.encode(outcome.text))
        elif opts.fix and data is not None:
            result.fixed_bytes = data
        return _render(result, doc.with_text(outcome.text), outcome.diagnostics, opts, sink)
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


def _render(result: Result, doc: Document, diagnostics: list[Diagnostic], opts: Options,
            sink: "Sink | None" = None) -> Result:
    """Fill in the counts and this file's part of the report (or write it to ``sink``)."""
    items = [(doc, d) for d in diagnostics]
    result.found = len(items)
    result.safe = sum(1 for d in diagnostics if d.fix and d.fix.applicability == "safe")
    result.unsafe = sum(1 for d in diagnostics if d.fix and d.fix.applicability == "unsafe")
    if opts.statistics:
        result.tally = Counter(d.rule for d in diagnostics)
        result.fixable = {d.code for d in diagnostics if d.fix and d.fix.applicability == "safe"}
    elif opts.format in ("json", "sarif"):
        result.output = report.records(items)
    elif items:
        parts = report.text_blocks(items) if opts.format == "text" else report.github_lines(items)
        if sink is None:
            result.output = ("\n" if opts.format == "text" else "").join(parts)
        else:  # a big file's report never has to sit in memory whole
            for part in parts:
                sink.write(part)
    return result


class Sink:
    """Where the text report goes, block by block: text blocks are separated by a blank line."""

    def __init__(self, stream, separator: str):
        self.stream, self.separator, self.started = stream, separator, False

    def write(self, block: str) -> None:
        if self.started:
            self.stream.write(self.separator)
        self.stream.write(block)
        self.started = True


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
            try:
                if not (opts.force_exclude and settings_for(p, opts).excluded(p)):
                    add(p, False)
            except ConfigError as e:
                errors.append(str(e))
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
            walked: set[str] = frozenset(), sink: Sink | None = None):
    """Yield each file's result, in the order of ``files``, as soon as it is ready. Files linted in
    this process write their text report to ``sink``; workers return theirs in the result."""
    disk = [f for f in files if f != "-"]
    if "-" in files:
        yield process("-", opts, sys.stdin.buffer.read(), stdin_name or "-", sink=sink)
    if jobs > 1 and len(disk) > 1 and _total_size(disk) >= PARALLEL_MIN_BYTES:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        try:  # load the rules before forking, so workers inherit them
            linter_for(settings_for(disk[0], opts))
        except (ConfigError, PackError, OSError):
            pass
        ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
            chunk = max(1, min(16, len(disk) // (jobs * 8)))
            done = pool.map(_process_star, [(f, opts, f in walked) for f in disk], chunksize=chunk)
            for i, r in enumerate(done):
                _progress(progress, i + 1, len(disk))
                yield r
    else:
        for i, f in enumerate(disk):
            r = process(f, opts, walked=f in walked, sink=sink)
            _progress(progress, i + 1, len(disk))
            yield r
    if progress and disk:
        sys.stderr.write("\r\033[K")


def _total_size(paths: list[str]) -> int:
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path)
        except OSError:
            pass  # reported when the file is read
        if total >= PARALLEL_MIN_BYTES:
            break
    return total


def _progress(on: bool, done: int, total: int) -> None:
    if on and total > 1 and (done % 20 == 0 or done == total):
        sys.stderr.write(f"\rwenlint: {done}/{total} files")
        sys.stderr.flush()


# --- commands ---------------------------------------------------------------------------------

def _selectors(values, option: str) -> tuple[str, ...]:
    for v in values or ():
        if not config.SELECTOR.fullmatch(v):
            raise UsageError(f"{option} {v!r}: not a rule code or prefix (like WL101, WL1 or ALL)")
    return tuple(values or ())


def _lines(text: str) -> list[str]:
    """Lines split at \\n only (str.splitlines also splits at \\r, \\f, U+2028 …), endings kept."""
    return re.findall(r"[^\n]*\n|[^\n]+", text)


def unified_diff(path: str, old: str, new: str) -> str:
    out = []
    import difflib

    for line in difflib.unified_diff(_lines(old), _lines(new), path, path):
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def _write_bytes(stream, data: bytes) -> None:
    """Write the bytes as they are (keeping encoding and newlines) to a binary-capable stream."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (tests capturing output): decode as the bytes allow
        stream.write(Document.from_bytes(data, "-").text)
        return
    stream.flush()
    buffer.write(data)
    buffer.flush()


def cmd_check(a) -> int:
    opts = Options(fix=a.fix, unsafe_fixes=True if a.unsafe_fixes else None, diff=a.diff,
                   select=_selectors(a.select, "--select") if a.select else None,
                   ignore=_selectors(a.ignore, "--ignore"),
                   extend_select=_selectors(a.extend_select, "--extend-select"),
                   config=Path(a.config) if a.config else None, format=a.format, statistics=a.statistics,
                   force_exclude=a.force_exclude)
    if a.jobs < 0:
        raise UsageError(f"--jobs {a.jobs}: must be 0 (one per core) or more")
    if opts.config is not None:
        config.load(opts.config)  # report a broken --config file once, up front
    files, errors, walked = discover(a.paths or ["."], opts)
    progress = not a.quiet and sys.stderr.isatty() and a.format == "text"
    # stdout carries the diff alone with --diff, and the repaired text with --fix on stdin
    out = sys.stderr if a.diff or (a.fix and "-" in files) else sys.stdout
    total = Result("")
    recs: list[dict] = []
    sink = Sink(out, "\n" if a.format == "text" else "")
    for r in run_all(files, opts, a.jobs or os.cpu_count() or 1, a.stdin_filename, progress, walked, sink):
        if r.error:
            errors.append(r.error)
            continue
        if not r.converged:
            print(f"warning: {r.path}: fixes did not converge after 10 passes", file=sys.stderr)
        if r.fixed_bytes is not None:
            _write_bytes(sys.stdout, r.fixed_bytes)
        if r.diff:
            sys.stdout.write(r.diff)
        if isinstance(r.output, list):
            recs += r.output
        elif r.output:
            sink.write(r.output)
        for key in ("fixed", "found", "safe", "unsafe"):
            setattr(total, key, getattr(total, key) + getattr(r, key))
        total.changed |= r.changed
        total.tally.update(r.tally)
        total.fixable |= r.fixable
    for e in dict.fromkeys(errors):  # one broken pack or config would otherwise be reported per file
        print(f"error: {e}", file=sys.stderr)
    if a.statistics:
        out.write(report.statistics_table(total.tally, total.fixable))
    elif a.format == "json":
        out.write(report.json_from_records(recs))
    elif a.format == "sarif":
        disk = [f for f in files if f != "-"]
        rules = linter_for(settings_for(disk[0] if disk else a.stdin_filename or "-", opts)).rules \
            if files else []
        out.write(report.sarif_from_records(recs, rules))
    elif a.format == "text" and not a.quiet:
        _summary(out, total, a)
    if errors:
        return 2
    if a.exit_zero:
        return 0
    return 1 if total.found or (total.changed and (a.fix or a.diff)) else 0


def _summary(out, total: Result, a) -> None:
    found = total.found + total.fixed
    line = f"Found {found} problem{'s' if found != 1 else ''}"
    if total.fixed:
        line += f" ({total.fixed} {'would be fixed' if a.diff else 'fixed'}, {total.found} remaining)"
    out.write(line + ".\n")
    if total.safe:
        out.write(f"[*] {total.safe} fixable with the `--fix` option.\n")
    if total.unsafe and not a.unsafe_fixes:
        out.write(f"{total.unsafe} more fixable with `--fix --unsafe-fixes` (check them: unsafe fixes may be wrong).\n")


def cmd_rules(a) -> int:
    from wenlint.packs import load_rules

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
    from wenlint.packs import load_rules

    for r in load_rules():
        if a.code in (r.code, r.name):
            print(report.rule_doc(r))
            return 0
    print(f"error: no rule {a.code!r}", file=sys.stderr)
    return 2


def version_text() -> str:
    from wenlint import context

    return f"wenlint {__version__} (context model: {context.model_name()})"


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, told the terminal width so that it need not import shutil to ask
    (argparse builds one for every argument it declares: a cost paid on every run)."""

    def __init__(self, prog: str, **kwargs):
        try:
            columns = int(os.environ.get("COLUMNS") or os.get_terminal_size(sys.__stdout__.fileno()).columns)
        except (AttributeError, ValueError, OSError):
            columns = 80
        super().__init__(prog, width=kwargs.pop("width", columns - 2), **kwargs)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="wenlint", description="Find and repair damage in Chinese documents.",
                                formatter_class=_HelpFormatter)
    p.add_argument("--version", action="store_true", help="print the version and the active context model")
    sub = p.add_subparsers(dest="command")
    c = sub.add_parser("check", help="lint files and folders", formatter_class=_HelpFormatter)
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
    c.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="parallel processes at most (default: cores; small inputs run in one)")
    c.add_argument("--force-exclude", action="store_true",
                   help="apply the configured exclude to files named on the command line (for hooks)")
    r = sub.add_parser("rules", help="list the rules", formatter_class=_HelpFormatter)
    r.add_argument("--format", choices=("text", "json"), default="text")
    r.add_argument("--config", metavar="FILE", help="include the rule packs of this configuration")
    d = sub.add_parser("rule", help="show a rule's documentation and examples", formatter_class=_HelpFormatter)
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
