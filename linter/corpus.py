"""Corpus mode, ``wenlint check --jsonl FILE``: one JSON object per line in, one per line out.

Each input line is a JSON object whose ``text_field`` holds a document. The line comes out with a
``"wenlint"`` member added: ``{"diagnostics": [...]}`` (the records of ``--output-format json``,
without ``path``), and with ``--fix`` the text field replaced by the fixed text and ``"fixed"``, the
number of fixes applied. A line that is not such an object comes out as
``{"wenlint": {"line": N, "error": "...", "raw": "..."}}`` and is reported on stderr with its line
number: no line is ever dropped. Lines are read, linted and written one at a time (constant memory).
"""
from __future__ import annotations

import json
from collections import namedtuple

from wenlint import report
from wenlint.document import Document

KEY = "wenlint"


class Tally(namedtuple("Tally", "records found fixed changed errors")):
    """What a corpus run did: records linted, diagnostics left, fixes applied, records changed, and
    the malformed lines' error messages."""

    __slots__ = ()


def check(source: str, opts, text_field: str, quiet: bool = False, exit_zero: bool = False) -> int:
    """``wenlint check --jsonl SOURCE``: JSON lines from a file (or - for stdin) to stdout, a summary
    and the malformed lines on stderr. Exit 2 if a line was malformed, 1 if problems are left."""
    import sys

    from wenlint.api import Linter
    from wenlint.runner import settings_for

    settings = settings_for(source, opts)
    linter = Linter(settings)
    try:
        with (open(source, "rb") if source != "-" else sys.stdin.buffer) as stream:
            tally = run(stream, sys.stdout, linter, text_field, source, fix=opts.fix, unsafe=settings.unsafe_fixes)
    except OSError as e:
        print(f"error: {source}: cannot read: {e.strerror or e}", file=sys.stderr)
        return 2
    for e in tally.errors:
        print(f"error: {e}", file=sys.stderr)
    if not quiet:
        fixed = f", {tally.fixed} fixes applied in {tally.changed}" if opts.fix else ""
        print(f"{tally.records} records{fixed}, {tally.found} problems left", file=sys.stderr)
    if tally.errors:
        return 2
    return 1 if not exit_zero and (tally.found or tally.changed) else 0


def run(lines, out, linter, text_field: str, name: str, fix: bool = False, unsafe: bool = False) -> Tally:
    """Lint (or fix) ``text_field`` of every JSON line in ``lines`` (bytes), writing JSON lines to
    ``out``; ``name`` is the input's name for error messages."""
    records = found = fixed = changed = 0
    errors: list[str] = []
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue  # a blank line holds no record (a final newline, or spacing)
        try:
            record = _record(raw, text_field)
        except ValueError as e:
            errors.append(f"{name}:{number}: {e}")
            raw_text = raw.decode("utf-8", "replace").rstrip("\r\n")
            out.write(_dumps({KEY: {"line": number, "error": str(e), "raw": raw_text}}))
            continue
        records += 1
        text, result = annotate(linter, record[text_field], fix, unsafe)
        found += len(result["diagnostics"])
        if fix:
            fixed += result["fixed"]
            changed += text != record[text_field]
            record[text_field] = text
        record[KEY] = result
        out.write(_dumps(record))
    return Tally(records, found, fixed, changed, errors)


def annotate(linter, text: str, fix: bool = False, unsafe: bool = False) -> tuple[str, dict]:
    """The text (fixed, with ``fix``) and what wenlint says of it: ``{"diagnostics": [...]}`` (the
    JSON output's records without ``path``), with ``"fixed"`` (fixes applied) when fixing."""
    if not fix:
        return text, {"diagnostics": records(text, linter.lint(text))}
    outcome = linter.fix(text, unsafe=unsafe)
    return outcome.text, {"diagnostics": records(outcome.text, outcome.remaining), "fixed": len(outcome.applied)}


def records(text: str, diagnostics) -> list[dict]:
    """The JSON output's records of ``diagnostics`` in ``text``, without ``path``."""
    doc = Document("-", text, "utf-8")
    return [_without_path(r) for r in report.records([(doc, d) for d in diagnostics])]


def _record(raw: bytes, text_field: str) -> dict:
    try:
        record = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValueError(f"not valid JSON: {e}") from None
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    if not isinstance(record.get(text_field), str):
        raise ValueError(f"no string field {text_field!r}")
    return record


def _without_path(record: dict) -> dict:
    del record["path"]
    return record


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False) + "\n"
