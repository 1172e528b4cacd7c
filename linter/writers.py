"""One writer per output format: it renders a file's diagnostics (in the process that linted the
file) and writes the report as the files' results come in (in the main process).

``render`` returns what crosses back from a worker, text or JSON-ready records; ``add`` takes a
file's result; ``finish`` writes what can only be written at the end (the JSON array, the SARIF
log, the summary).
"""
from __future__ import annotations

from collections import Counter
from itertools import islice

from wenlint import report


BATCH = 256  # parts of a report written to the sink at once


class Totals:
    """The counts of a whole run, added up file by file."""

    def __init__(self):
        self.fixed = self.found = self.safe = self.unsafe = 0
        self.changed = False

    def add(self, result) -> None:
        self.fixed += result.fixed
        self.found += result.found
        self.safe += result.safe
        self.unsafe += result.unsafe
        self.changed |= result.changed


class Writer:
    """The base: a report written block by block, with ``separator`` between blocks."""

    lists_rules = False  # does the report need the rules of every file's linter?
    separator = ""
    summary = False  # print the "Found N problems." lines at the end

    def __init__(self, out, opts, quiet: bool = False):
        self.out, self.opts, self.quiet = out, opts, quiet
        self.started = False

    @classmethod
    def parts(cls, items, opts):
        return ()

    @classmethod
    def render(cls, items, opts, sink=None):
        """This file's part of the report; with a ``sink``, written to it as it is rendered, BATCH
        parts at a time (joined by the separator, which the sink writes between them: the same text
        in fewer writes)."""
        parts = cls.parts(items, opts)
        if sink is None:
            return cls.separator.join(parts)
        parts = iter(parts)
        while batch := list(islice(parts, BATCH)):
            sink.write_part(cls.separator.join(batch))
        return ""

    @classmethod
    def merge(cls, first, second):
        """Two parts of one file's report as one (a large file is rendered window by window)."""
        return cls.separator.join(p for p in (first, second) if p)

    def write_part(self, block: str) -> None:
        if self.started:
            self.out.write(self.separator)
        self.out.write(block)
        self.started = True

    def add(self, result) -> None:
        if result.output:
            self.write_part(result.output)

    def finish(self, total: Totals, errors: list[str]) -> None:
        if self.summary and not self.quiet and not (errors and not total.found and not total.fixed):
            self.out.write(summary(total, self.opts))


class TextWriter(Writer):
    separator = "\n"  # a blank line between diagnostics
    summary = True

    @classmethod
    def parts(cls, items, opts):
        return report.text_blocks(items, color=opts.color)


class ConciseWriter(Writer):
    summary = True

    @classmethod
    def parts(cls, items, opts):
        return report.concise_lines(items, color=opts.color)


class GithubWriter(Writer):
    @classmethod
    def parts(cls, items, opts):
        return report.github_lines(items)


class JsonWriter(Writer):
    @classmethod
    def render(cls, items, opts, sink=None):
        return tuple(report.records(items))

    @classmethod
    def merge(cls, first, second):
        return first + second

    def __init__(self, out, opts, quiet: bool = False):
        super().__init__(out, opts, quiet)
        self.records: list[dict] = []

    def add(self, result) -> None:
        self.records += result.output

    def finish(self, total: Totals, errors: list[str]) -> None:
        self.out.write(report.json_from_records(self.records))


class SarifWriter(JsonWriter):
    lists_rules = True

    def __init__(self, out, opts, quiet: bool = False):
        super().__init__(out, opts, quiet)
        self.rules: dict = {}  # the union of every file's rules, in order of appearance

    def add(self, result) -> None:
        super().add(result)
        self.rules.update(dict.fromkeys(result.rules))

    def finish(self, total: Totals, errors: list[str]) -> None:
        self.out.write(report.sarif_from_records(self.records, list(self.rules)))


class StatisticsWriter(Writer):
    """``--statistics``: counts per rule and a total line, or the same as JSON."""

    @classmethod
    def render(cls, items, opts, sink=None):
        counts = Counter(d.rule for _, d in items)
        return tuple(counts.items()), frozenset(d.code for _, d in items if report.safe_fix(d))

    @classmethod
    def merge(cls, first, second):
        counts = Counter(dict(first[0]))
        counts.update(dict(second[0]))
        return tuple(counts.items()), first[1] | second[1]

    def __init__(self, out, opts, quiet: bool = False):
        super().__init__(out, opts, quiet)
        self.counts: Counter = Counter()
        self.fixable: set[str] = set()

    def add(self, result) -> None:
        if result.output:
            counts, fixable = result.output
            self.counts.update(dict(counts))
            self.fixable |= fixable

    def finish(self, total: Totals, errors: list[str]) -> None:
        if self.opts.output_format == "json":
            self.out.write(report.statistics_json(self.counts, self.fixable))
            return
        self.out.write(report.statistics_table(self.counts, self.fixable))
        if not self.quiet and not (errors and not total.found):
            self.out.write(summary(total, self.opts))


WRITERS = {"text": TextWriter, "concise": ConciseWriter, "json": JsonWriter, "github": GithubWriter,
           "sarif": SarifWriter}
STATISTICS_FORMATS = ("text", "json")


def writer_class(opts) -> type[Writer]:
    return StatisticsWriter if opts.statistics else WRITERS[opts.output_format]


def use_color(choice: str, stream) -> bool:
    """``--color``: auto means on a terminal, unless NO_COLOR is set (https://no-color.org)."""
    import os

    if choice != "auto":
        return choice == "always"
    return not os.environ.get("NO_COLOR") and hasattr(stream, "isatty") and stream.isatty()


def summary(total: Totals, opts) -> str:
    found = total.found + total.fixed
    lines = [f"Found {found} problem{'s' if found != 1 else ''}"]
    if total.fixed:
        lines[0] += f" ({total.fixed} {'would be fixed' if opts.diff else 'fixed'}, {total.found} remaining)"
    lines[0] += "."
    if total.safe:
        lines.append(f"[*] {total.safe} fixable with the `--fix` option.")
    if total.unsafe and not opts.unsafe_fixes:
        lines.append(f"{total.unsafe} more fixable with `--fix --unsafe-fixes` "
                     "(check them: unsafe fixes may be wrong).")
    return "\n".join(lines) + "\n"


def write_bytes(stream, data: bytes) -> None:
    """Write the bytes as they are (keeping encoding and newlines) to a binary-capable stream."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (tests capturing output): decode as the bytes allow
        from wenlint.document import Document

        stream.write(Document.from_bytes(data, "-").text)
        return
    stream.flush()
    buffer.write(data)
    buffer.flush()
