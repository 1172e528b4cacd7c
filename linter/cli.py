"""Command line: ``wenlint check``, ``wenlint rules``, ``wenlint rule CODE``, ``wenlint --version``.

Exit codes: 0 nothing left to report; 1 diagnostics left (or, with ``--fix``, a file changed);
2 usage, configuration or I/O error, a file not written for safety, or an internal error. The work
is done elsewhere: :mod:`wenlint.discovery` finds the files, :mod:`wenlint.pool` runs them through
:mod:`wenlint.runner`, :mod:`wenlint.writers` reports.
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
from functools import lru_cache
from pathlib import Path

from wenlint import __version__, config, report, writers
from wenlint.config import ConfigError
from wenlint.discovery import discover
from wenlint.packs import PackError
from wenlint.pool import run_all
from wenlint.runner import Options, check_options, example_message

FORMATS = tuple(writers.WRITERS)


class UsageError(Exception):
    pass


# --- commands ---------------------------------------------------------------------------------

def _selectors(values, option: str) -> tuple[str, ...]:
    """Codes from repeated options and comma lists (``--select WL101,WL104``)."""
    codes = tuple(c.strip() for v in values or () for c in v.split(",") if c.strip())
    for c in codes:
        if not config.SELECTOR.fullmatch(c):
            raise UsageError(f"{option} {c!r}: not a rule code or prefix (like WL101, WL1 or ALL)")
    return codes


def cmd_check(a) -> int:
    if a.jobs < 0:
        raise UsageError(f"--jobs {a.jobs}: must be 0 (one per core) or more")
    paths = a.paths or (["-"] if a.stdin_filename else ["."])  # --stdin-filename alone reads stdin
    # stdout carries the diff alone with --diff, and the repaired text with --fix on stdin
    out = sys.stderr if a.diff or (a.fix and "-" in paths) or a.jsonl else sys.stdout
    opts = Options(fix=a.fix, unsafe_fixes=True if a.unsafe_fixes else None, diff=a.diff,
                   select=_selectors(a.select, "--select") if a.select else None,
                   ignore=_selectors(a.ignore, "--ignore"),
                   extend_select=_selectors(a.extend_select, "--extend-select"),
                   config=Path(a.config) if a.config else None, output_format=a.output_format,
                   statistics=a.statistics, force_exclude=a.force_exclude, color=writers.use_color(a.color, out),
                   exclude=tuple(a.exclude) if a.exclude is not None else None,
                   extend_exclude=tuple(a.extend_exclude or ()), verbose=a.verbose)
    if opts.config is not None:
        config.load(opts.config)  # report a broken --config file once, up front
    check_options(opts)
    if a.jsonl:
        if a.paths or a.diff or a.statistics:
            raise UsageError("--jsonl takes no PATH, --diff or --statistics")
        from wenlint import corpus

        return corpus.check(a.jsonl, opts, a.text_field, quiet=a.quiet, exit_zero=a.exit_zero)
    files, errors, walked = discover(paths, opts)
    # progress on a terminal, unless the report itself streams onto it
    progress = not a.quiet and sys.stderr.isatty() and (a.statistics or a.output_format in ("json", "sarif")
                                                        or not sys.stdout.isatty())
    writer = writers.writer_class(opts)(out, opts, quiet=a.quiet)
    total = writers.Totals()
    for r in run_all(files, opts, a.jobs or os.cpu_count() or 1, a.stdin_filename, progress, walked, writer):
        if r.error:
            errors.append(r.error)
            continue
        if not r.converged:
            print(f"warning: {r.path}: fixes did not converge after 10 passes", file=sys.stderr)
        if r.warning:
            print(f"warning: {r.warning}", file=sys.stderr)
        if r.fixed_bytes is not None:
            writers.write_bytes(sys.stdout, r.fixed_bytes)
        sys.stdout.write(r.diff)
        writer.add(r)
        total.add(r)
    for e in dict.fromkeys(errors):  # one broken pack or config would otherwise be reported per file
        print(f"error: {e}", file=sys.stderr)
    writer.finish(total, errors)
    if errors:
        return 2
    return 1 if not a.exit_zero and (total.found or (total.changed and (a.fix or a.diff))) else 0


def cmd_rules(a) -> int:
    from wenlint.packs import load_rules

    rules = load_rules(config.load(Path(a.config)).rule_packs if a.config else ())
    print(report.rules_json(rules) if a.output_format == "json" else report.rules_table(rules), end="")
    return 0


def cmd_rule(a) -> int:
    from wenlint.packs import load_rules

    settings = config.load(Path(a.config)) if a.config else config.for_directory(Path.cwd())
    for r in load_rules(settings.rule_packs):
        if a.code in (r.code, r.name):
            print(report.rule_doc(r, example_message(r, settings)))
            return 0
    print(f"error: no rule {a.code!r}", file=sys.stderr)
    return 2


def version_text() -> str:
    from wenlint import context

    return f"wenlint {__version__} (context model: {context.model_name()})"


@lru_cache(maxsize=1)
def _columns() -> int:
    """The terminal's width, asked once: argparse builds a formatter for every argument it declares,
    a cost paid on every run."""
    try:
        return int(os.environ.get("COLUMNS") or os.get_terminal_size(sys.__stdout__.fileno()).columns)
    except (AttributeError, ValueError, OSError):
        return 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, told the terminal width so that it need not import shutil to ask."""

    def __init__(self, prog: str, **kwargs):
        super().__init__(prog, width=kwargs.pop("width", _columns() - 2), **kwargs)


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
    c.add_argument("--output-format", "--format", dest="output_format", choices=FORMATS, default="text",
                   metavar="FORMAT", help="text, concise (one line per diagnostic), json, github or sarif")
    c.add_argument("--select", action="append", metavar="CODES", help="only these codes or prefixes (WL101,WL2)")
    c.add_argument("--ignore", action="append", metavar="CODES", help="skip these codes or prefixes")
    c.add_argument("--extend-select", action="append", metavar="CODES", help="add codes to the selection")
    c.add_argument("--config", metavar="FILE", help="use this configuration file instead of searching")
    c.add_argument("--stdin-filename", metavar="NAME", help="the name to report (and to pick the format) for -")
    c.add_argument("--quiet", "-q", action="store_true", help="print diagnostics only, no summary or progress")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even if diagnostics remain")
    c.add_argument("--statistics", action="store_true", help="print counts per rule instead of diagnostics")
    c.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="parallel processes at most (default: cores; small inputs run in one)")  # noqa: E501
    c.add_argument("--force-exclude", action="store_true",
                   help="apply the excludes to files named on the command line (for hooks)")
    c.add_argument("--exclude", action="append", metavar="PATTERN", help="gitignore-style; replaces `exclude`")
    c.add_argument("--extend-exclude", action="append", metavar="PATTERN", help="gitignore-style; adds to it")
    c.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour the text output (auto: on a terminal, unless NO_COLOR is set)")
    c.add_argument("--jsonl", metavar="FILE",
                   help="corpus mode: lint (or --fix) a field of each JSON line (- reads stdin)")
    c.add_argument("--text-field", default="text", metavar="NAME", help="the field --jsonl reads (default: text)")
    c.add_argument("--verbose", "-v", action="store_true", help="show the traceback of an internal error")
    r = sub.add_parser("rules", help="list the rules", formatter_class=_HelpFormatter)
    r.add_argument("--output-format", "--format", dest="output_format", choices=("text", "json"), default="text")
    r.add_argument("--config", metavar="FILE", help="include the rule packs of this configuration")
    d = sub.add_parser("rule", help="show a rule's documentation and examples", formatter_class=_HelpFormatter)
    d.add_argument("code", help="a code (WL101) or name")
    d.add_argument("--config", metavar="FILE", help="include the rule packs of this configuration")
    return p


# Allocations between two runs of the cycle collector's youngest generation, and its older ones'
# thresholds. A lint allocates small objects by the million, nearly all freed by reference counting,
# and keeps its diagnostics: at CPython's default (700, 10, 10) the collector ran 3,800 times on 20 MB
# of the damaged seeds and walked every diagnostic kept so far (1.5 s of 12.9); at these, 54 times
# (0.5 s), with the same peak memory. Start-up (the parser, the rules, the checks' tables) frees
# next to nothing either, so they hold from the parser on, for every command.
GC_THRESHOLDS = (50_000, 20, 20)


def main(argv: list[str] | None = None) -> int:
    """The command line, with the collector run less often (GC_THRESHOLDS); the thresholds are restored
    after (``main`` may be called from a program of the user's). Forked ``--jobs`` workers inherit them."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        return _main(argv)
    finally:
        gc.set_threshold(*before)


def _main(argv: list[str] | None) -> int:
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
    except BrokenPipeError:  # `wenlint check | head`: the reader has seen enough
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # nothing more to flush at exit, so no second error
        return 0
    except Exception as e:  # a bug: exit 2 (CI must not read it as "problems found"), one line
        from wenlint.runner import internal_error

        print(f"error: {internal_error(e, 'wenlint', getattr(a, 'verbose', False))}", file=sys.stderr)
        return 2
