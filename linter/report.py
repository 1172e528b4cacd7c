"""Output formats: each function takes (document, diagnostic) pairs in order and returns the whole output."""
from __future__ import annotations

import os
from collections import Counter
from pathlib import PurePath

from .document import Document
from .model import Diagnostic, Rule

Items = list[tuple[Document, Diagnostic]]
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def safe_fix(diag: Diagnostic) -> bool:
    return diag.fix is not None and diag.fix.applicability == "safe"


class _Widths(dict):
    """A str.translate table, filled as characters are met: wide and full-width characters become
    two columns' worth of text, the others stay as they are."""

    def __missing__(self, code: int) -> str:
        import unicodedata  # loaded when a report is first drawn, not at start-up

        char = chr(code)
        self[code] = "  " if unicodedata.east_asian_width(char) in "WF" else char
        return self[code]


_WIDTHS = _Widths()


def _width(s: str) -> int:
    """Terminal columns: wide and full-width characters take two, everything else one."""
    return len(s) if s.isascii() else len(s.translate(_WIDTHS))


# tabs become one space and other control characters U+FFFD, so each keeps one column
_PRINTABLE = {c: "\ufffd" for c in [*range(0x20), *range(0x7f, 0xa0)]} | {ord("\t"): " "}


def _printable(s: str) -> str:
    return s if s.isprintable() else s.translate(_PRINTABLE)


CONTEXT = 30  # characters of the source line shown on each side of a span


def text_blocks(items: Items, *, color: bool = False):
    """One block per diagnostic: the location line, the source excerpt and a marker under the span."""
    def paint(s: str, code: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if color else s

    for doc, diag in items:
        line, col = doc.line_col(diag.start)
        end_line, end_col = doc.line_col(diag.end)
        source = doc.line_text(line)
        stop = end_col - 1 if end_line == line else len(source)
        before, span, after = source[:col - 1], source[col - 1:stop], source[stop:]
        if len(before) > CONTEXT:  # joined paragraphs make very long lines: show the neighbourhood
            before = "…" + before[-CONTEXT:]
        if len(span) > 2 * CONTEXT:
            span, after = span[:2 * CONTEXT], "…"
        elif len(after) > CONTEXT:
            after = after[:CONTEXT] + "…"
        source = before + span + after
        gutter = " " * len(str(line))
        mark = f" {paint('[*]', '36')}" if safe_fix(diag) else ""
        title = diag.rule.fix_title if diag.fix else ""
        yield (f"{paint(doc.path, '1')}:{line}:{col}: {paint(diag.code, '1;31')}{mark} {diag.message}\n"
               f" {line} | {_printable(source)}\n"
               f" {gutter} | {' ' * _width(before)}{paint('^' * max(1, _width(span)), '31')}\n"
               + (f" {gutter} = {paint('help', '36')}: {title}\n" if title else ""))


def concise_lines(items: Items, *, color: bool = False):
    """One line per diagnostic: path, line, column, code, fix mark and message, without the excerpt."""
    def paint(s: str, code: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if color else s

    for doc, diag in items:
        line, col = doc.line_col(diag.start)
        mark = f" {paint('[*]', '36')}" if safe_fix(diag) else ""
        yield f"{paint(doc.path, '1')}:{line}:{col}: {paint(diag.code, '1;31')}{mark} {diag.message}\n"


def _fix_json(diag: Diagnostic) -> dict | None:
    if diag.fix is None:
        return None
    return {
        "applicability": diag.fix.applicability,
        "edits": [{"offset": e.start, "end_offset": e.end, "replacement": e.replacement} for e in diag.fix.edits],
    }


def json_from_records(recs: list[dict]) -> str:
    return _json(recs)


def _json(value) -> str:
    from wenlint import jsontext  # json.dumps(value, ensure_ascii=False, indent=2), faster

    return jsontext.dumps(value) + "\n"


def records(items: Items) -> list[dict]:
    """One JSON-ready record per diagnostic: the JSON output, and what SARIF is built from."""
    out = []
    for doc, diag in items:
        line, col = doc.line_col(diag.start)
        end_line, end_col = doc.line_col(diag.end)
        out.append({
            "path": doc.path, "line": line, "column": col, "end_line": end_line, "end_column": end_col,
            "offset": diag.start, "end_offset": diag.end, "code": diag.code, "name": diag.rule.name,
            "category": diag.rule.category, "severity": diag.rule.severity, "message": diag.message,
            "fix": _fix_json(diag),
        })
    return out


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def github_lines(items: Items):
    for doc, diag in items:
        line, col = doc.line_col(diag.start)
        end_line, end_col = doc.line_col(diag.end)
        props = {
            "file": doc.path, "line": line, "col": col, "endLine": end_line, "endColumn": end_col,
            "title": f"{diag.code} {diag.rule.name}",
        }
        joined = ",".join(f"{k}={_escape_property(str(v))}" for k, v in props.items())
        yield f"::{GITHUB_COMMANDS[diag.rule.severity]} {joined}::{_escape_data(diag.message)}\n"


def _uri(path: str) -> str:
    """A relative URI reference (POSIX separators, percent-encoded) for the SARIF artifact."""
    if os.path.isabs(path):
        path = os.path.relpath(path)
    from urllib.parse import quote

    return quote(PurePath(path).as_posix())


def sarif_from_records(recs: list[dict], rules: list[Rule]) -> str:
    import wenlint

    index = {rule.code: i for i, rule in enumerate(rules)}
    titles = {rule.code: rule.fix_title for rule in rules}
    driver = {"name": "wenlint", "version": wenlint.__version__, "rules": [{
        "id": rule.code, "name": rule.name,
        "shortDescription": {"text": message_text(rule)}, "fullDescription": {"text": rule.why},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    } for rule in rules]}

    results = []
    for r in recs:
        uri = _uri(r["path"])
        result = {"ruleId": r["code"]}
        if r["code"] in index:
            result["ruleIndex"] = index[r["code"]]
        result["level"] = LEVELS[r["severity"]]
        result["message"] = {"text": r["message"]}
        result["locations"] = [{"physicalLocation": {
            "artifactLocation": {"uri": uri},
            "region": {
                "startLine": r["line"], "startColumn": r["column"], "endLine": r["end_line"],
                "endColumn": r["end_column"], "charOffset": r["offset"],
                "charLength": r["end_offset"] - r["offset"],
            },
        }}]
        fix = r["fix"]
        if fix is not None and fix["edits"]:
            result["fixes"] = [{
                "description": {"text": titles.get(r["code"]) or f"{fix['applicability']} fix"},
                "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": [{
                    "deletedRegion": {"charOffset": e["offset"], "charLength": e["end_offset"] - e["offset"]},
                    "insertedContent": {"text": e["replacement"]},
                } for e in fix["edits"]]}],
                "properties": {"applicability": fix["applicability"]},
            }]
        results.append(result)

    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        # Columns and offsets count code points (Python str indices), not the SARIF default of UTF-16 units.
        "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}],
    }
    return _json(log)


def _by_count(counts: Counter):
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].code))


def statistics_table(counts: Counter, fixable: set[str]) -> str:
    """One line per rule (``counts`` maps rules to numbers), most frequent first."""
    width = max((len(str(n)) for n in counts.values()), default=0)
    code_width = max((len(rule.code) for rule in counts), default=0)
    return "".join(
        f"  {n:>{width}}  {rule.code:<{code_width}}  {'[*]' if rule.code in fixable else '   '} {rule.name}\n"
        for rule, n in _by_count(counts))


def statistics_json(counts: Counter, fixable: set[str]) -> str:
    """The statistics as a JSON array of {code, name, count, fixable}, most frequent first."""
    return _json([{"code": rule.code, "name": rule.name, "count": n, "fixable": rule.code in fixable}
                  for rule, n in _by_count(counts)])


def rules_table(rules: list[Rule]) -> str:
    """``wenlint rules``: one line per rule."""
    lines = [f"{'code':<6} {'name':<28} {'category':<12} {'severity':<8} fix\n"]
    lines += [f"{r.code:<6} {r.name:<28} {r.category:<12} {r.severity:<8} {r.fix}\n" for r in rules]
    return "".join(lines)


def rules_json(rules: list[Rule]) -> str:
    return _json([{"code": r.code, "name": r.name, "category": r.category, "severity": r.severity,
                   "fix": r.fix, "message": r.message} for r in rules])


def message_text(rule: Rule) -> str:
    """The rule's message without its template fields: ``{found}`` and the like become …"""
    import re

    return re.sub(r"(?<!\{)\{[^{}]*\}(?!\})", "…", rule.message).replace("{{", "{").replace("}}", "}")


def rule_doc(rule: Rule, example: str | None = None) -> str:
    """A rule's documentation for ``wenlint rule CODE``: what, why, fix safety and examples;
    ``example`` is the message as the rule gives it on its first bad example."""
    fix = {"safe": "safe: applied by --fix",
           "unsafe": "unsafe: applied only with --fix --unsafe-fixes; check the result",
           "none": "none: report only"}[rule.fix]
    lines = [f"{rule.code} {rule.name} ({rule.category}, {rule.severity})", "", example or message_text(rule), "",
             "Why:", *("  " + line for line in rule.why.splitlines()), "", f"Fix: {fix}", "", "Examples:"]
    good = rule.examples.good or ("",) * len(rule.examples.bad)
    for bad, fixed in zip(rule.examples.bad, good):
        lines.append(f"  bad:  {bad}")
        if fixed:
            lines.append(f"  good: {fixed}")
    lines += [f"  ok:   {ok}" for ok in rule.examples.ok]
    from wenlint.packs import logic_location

    lines.append(f"\nDefined in {rule.pack}\nLogic: {logic_location(rule)}")
    return "\n".join(lines)
