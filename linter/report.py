"""Output formats: each function takes (document, diagnostic) pairs in order and returns the whole output."""
from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import PurePath

from .document import Document
from .model import Diagnostic, Rule

Items = list[tuple[Document, Diagnostic]]
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def safe_fix(diag: Diagnostic) -> bool:
    return diag.fix is not None and diag.fix.applicability == "safe"


class _Kinds(dict):
    """A str.translate table, filled as characters are met: a wide or full-width character (two
    columns) becomes "W", any other "n"."""

    def __missing__(self, code: int) -> str:
        import unicodedata  # loaded when a report is first drawn, not at start-up

        self[code] = "W" if unicodedata.east_asian_width(chr(code)) in "WF" else "n"
        return self[code]


_KINDS = _Kinds()
IDEOGRAPHS = re.compile("[\u4e00-\u9fff]+")  # the CJK Unified Ideographs, all wide (a test says so)


def _columns(text: str, start: int, stop: int) -> int:
    """Terminal columns of text[start:stop]: wide and full-width characters take two, everything
    else one. IDEOGRAPHS, most of a Chinese text, are skipped with a pattern and only the other
    characters looked up (str.translate, several times slower)."""
    piece = text[start:stop]
    if piece.isascii():
        return len(piece)
    rest = IDEOGRAPHS.sub("", piece)
    return 2 * len(piece) - len(rest) + (0 if rest.isascii() else rest.translate(_KINDS).count("W"))


# tabs become one space and other control characters U+FFFD, so each keeps one column
_PRINTABLE = {c: "\ufffd" for c in [*range(0x20), *range(0x7f, 0xa0)]} | {ord("\t"): " "}


CONTEXT = 30  # characters of the source line shown on each side of a span


def _painter(color: bool):
    """paint(s, code): ``s`` in the SGR colour ``code``, or as it is without colour."""
    if not color:
        return lambda s, code: s
    return lambda s, code: f"\x1b[{code}m{s}\x1b[0m"


class _Runs(dict):
    """n -> paint(char * max(least, n), code), each built once (repeating a character costs more
    than a lookup)."""

    def __init__(self, char: str, least: int = 0, paint=None, code: str = ""):
        super().__init__()
        self.char, self.least, self.paint, self.code = char, least, paint, code

    def __missing__(self, n: int) -> str:
        run = self.char * max(self.least, n)
        self[n] = self.paint(run, self.code) if self.paint else run
        return self[n]


_SPACES = _Runs(" ")


class _Heads(dict):
    """code -> the painted code of a location line, without and with the safe-fix mark; filled as met."""

    def __init__(self, paint):
        super().__init__()
        self.paint = paint

    def __missing__(self, code: str) -> tuple[str, str]:
        head = self.paint(code, "1;31")
        self[code] = head, f"{head} {self.paint('[*]', '36')}"
        return self[code]


def _cut(source: str, start: int, stop: int) -> tuple[str, str, str]:
    """The excerpt of the line ``source`` around the span ``source[start:stop]``: before, span and
    after, with … where cut (joined paragraphs make very long lines: show the neighbourhood)."""
    before, span, after = source[:start], source[start:stop], source[stop:]
    if len(before) > CONTEXT:
        before = "…" + before[-CONTEXT:]
    if len(span) > 2 * CONTEXT:
        span, after = span[:2 * CONTEXT], "…"
    elif len(after) > CONTEXT:
        after = after[:CONTEXT] + "…"
    return before, span, after


def text_blocks(items: Items, *, color: bool = False):
    """One block per diagnostic: the location line, the source excerpt and a marker under the span.
    Diagnostics in a row on one line (the common case in damaged text) share its text and gutter."""
    paint = _painter(color)
    heads = _Heads(paint)
    carets = _Runs("^", 1, paint, "31")  # at least one, under an empty span
    help_word = paint("help", "36")
    ellipsis = _columns("…", 0, 1)  # the mark shown where the excerpt is cut
    line_doc = None
    at = home = 0
    reach = -1
    for doc, diag in items:
        rule, offset, end, message, fix = diag
        start = offset - home  # the column - 1, if on the line of the block before
        if not 0 <= start <= reach or doc is not line_doc:
            line, col = doc.line_col(offset)
            start = col - 1
            if line != at or doc is not line_doc:
                if doc is not line_doc:
                    path = paint(doc.path, "1")
                line_doc, at = doc, line
                source = doc.line_text(line)
                size = len(source)
                gutter = " " * len(str(line))
                where, numbered, under, helped = (f"{path}:{line}:", f" {line} | ", f" {gutter} | ",
                                                  f" {gutter} = {help_word}: ")
            # The offsets home to home + size are this line's, at columns 1 to size + 1 (source
            # is the line without its "\r\n" or "\n"): home is where it starts, unless col is
            # size + 1, which the "\n" of a "\r\n" one further on shares.
            home, reach = offset - start, size if start < size else -1
        # The span is source[start:stop], stop being the end's column - 1 on this line, else the
        # line's end. An end at most size - start characters on is on this line, at column
        # start + 1 + (end - offset), by the same token; elsewhere line_col tells.
        stop = start + end - offset
        if not start <= stop <= size:
            end_line, end_col = doc.line_col(end)
            stop = end_col - 1 if end_line == at else size
        if start <= stop:
            # _cut's before + span + after, sliced at once: source[low:high] between the marks
            # (start <= size: line_col and line_text agree); the span shown is source[start:shown].
            if stop - start > 2 * CONTEXT:
                shown = high = start + 2 * CONTEXT
                tail = "…"
            elif size - stop > CONTEXT:
                shown, high, tail = stop, stop + CONTEXT, "…"
            else:
                shown, high, tail = stop, size, ""
            if start > CONTEXT:
                indent = ellipsis + _columns(source, start - CONTEXT, start)
                excerpt = f"…{source[start - CONTEXT:high]}{tail}"
            else:
                indent = _columns(source, 0, start) if start else 0
                excerpt = f"{source[:high]}{tail}"
            width = _columns(source, start, shown) if shown > start else 0
        else:  # an end before the start, which no rule makes
            before, span, after = _cut(source, start, stop)
            excerpt = before + span + after
            indent, width = _columns(before, 0, len(before)), _columns(span, 0, len(span))
        if not excerpt.isprintable():
            excerpt = excerpt.translate(_PRINTABLE)
        block = (f"{where}{start + 1}: {heads[rule.code][fix is not None and fix.applicability == 'safe']}"
                 f" {message}\n{numbered}{excerpt}\n{under}{_SPACES[indent]}{carets[width]}\n")
        title = rule.fix_title if fix else ""
        yield f"{block}{helped}{title}\n" if title else block


def concise_lines(items: Items, *, color: bool = False):
    """One line per diagnostic: path, line, column, code, fix mark and message, without the excerpt."""
    paint = _painter(color)
    heads = _Heads(paint)
    path_doc = None
    for doc, diag in items:
        rule, offset, _, message, fix = diag
        line, col = doc.line_col(offset)
        if doc is not path_doc:
            path_doc, path = doc, paint(doc.path, "1")
        yield f"{path}:{line}:{col}: {heads[rule.code][fix is not None and fix.applicability == 'safe']} {message}\n"


def json_from_records(recs: list[dict]) -> str:
    return _json(recs)


def _json(value) -> str:
    from wenlint import jsontext  # json.dumps(value, ensure_ascii=False, indent=2), faster

    return jsontext.dumps(value) + "\n"


def records(items: Items) -> list[dict]:
    """One JSON-ready record per diagnostic: the JSON output, and what SARIF is built from."""
    out = []
    for doc, diag in items:
        rule, start, end, message, fix = diag
        line, col = doc.line_col(start)
        end_line, end_col = doc.line_col(end)
        out.append({
            "path": doc.path, "line": line, "column": col, "end_line": end_line, "end_column": end_col,
            "offset": start, "end_offset": end, "code": rule.code, "name": rule.name,
            "category": rule.category, "severity": rule.severity, "message": message,
            "fix": None if fix is None else {
                "applicability": fix.applicability,
                "edits": [{"offset": e.start, "end_offset": e.end, "replacement": e.replacement} for e in fix.edits],
            },
        })
    return out


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def github_lines(items: Items):
    """One workflow command per diagnostic: file, line, col, endLine, endColumn and title as
    escaped properties (numbers need no escaping), the message as its data."""
    path_doc = None
    titles: dict[tuple[str, str], str] = {}  # (code, name) -> the escaped title
    for doc, diag in items:
        rule, start, end, message, _ = diag
        line, col = doc.line_col(start)
        end_line, end_col = doc.line_col(end)
        if doc is not path_doc:
            path_doc, path = doc, _escape_property(doc.path)
        title = titles.get((rule.code, rule.name))
        if title is None:
            title = titles[rule.code, rule.name] = _escape_property(f"{rule.code} {rule.name}")
        yield (f"::{GITHUB_COMMANDS[rule.severity]} file={path},line={line},col={col},endLine={end_line},"
               f"endColumn={end_col},title={title}::{_escape_data(message)}\n")


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
    uris: dict[str, str] = {}
    for r in recs:
        uri = uris.get(r["path"])
        if uri is None:
            uri = uris[r["path"]] = _uri(r["path"])
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
