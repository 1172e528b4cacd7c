import json
from collections import Counter
from pathlib import Path

import pytest

from wenlint import report
from wenlint.document import Document
from wenlint.model import Diagnostic, Edit, Examples, Fix, Rule

# the official OASIS SARIF 2.1.0 schema (its $id names where it is published), kept here so that
# validation runs in any clone
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"


# whole reports, as the writers (wenlint.writers) assemble them from the report's pieces
def text(items, color=False):
    return "\n".join(report.text_blocks(items, color=color))


def json_(items):
    return report.json_from_records(report.records(items))


def github(items):
    return "".join(report.github_lines(items))


def sarif(items, rules):
    return report.sarif_from_records(report.records(items), rules)


def statistics(items):
    return report.statistics_table(Counter(d.rule for _, d in items), {d.code for _, d in items if report.safe_fix(d)})


def rule(code="WL101", name="spun-word", severity="warning", fix="safe"):
    return Rule(code=code, name=name, category="spinning", severity=severity, message="洗稿用词",
                why="洗稿工具把常用词换成生僻的同义词。", fix=fix, kind="substitution",
                examples=Examples(), pack="test.toml")


DOC = Document("docs/样本.txt", "第一行\r\n他说：“你好”，then 走了。\n", "utf-8")
START = DOC.text.index("“")
SAFE = Diagnostic(rule(), START, START + 4, "引号内容", Fix("safe", (Edit(START, START + 4, "「你好」"),)))
UNSAFE = Diagnostic(rule("WL202", "odd-quote", "error", "unsafe"), 0, 3, "可疑", Fix("unsafe", (Edit(0, 3, ""),)))
PLAIN = Diagnostic(rule("WL303", "info-only", "info", "none"), DOC.text.index("then"), DOC.text.index("then") + 4, "提示")
ITEMS = [(DOC, SAFE), (DOC, UNSAFE), (DOC, PLAIN)]


def test_text_header_has_path_line_column_code_and_safe_fix_mark():
    out = text([(DOC, SAFE)])
    assert out.splitlines()[0] == "docs/样本.txt:2:4: WL101 [*] 引号内容"


def test_text_shows_the_fix_title_as_help_under_a_fixable_diagnostic():
    titled = SAFE._replace(rule=SAFE.rule._replace(fix_title="换成直角引号"))
    assert text([(DOC, titled)]).splitlines()[3] == "   = help: 换成直角引号"
    plain = PLAIN._replace(rule=PLAIN.rule._replace(fix_title="删去"))  # no fix offered: no help
    assert len(text([(DOC, plain)]).splitlines()) == 3


def test_sarif_fix_description_is_the_fix_title():
    titled = SAFE._replace(rule=SAFE.rule._replace(fix_title="换成直角引号"))
    result = sarif_log([(DOC, titled)], [titled.rule])["runs"][0]["results"][0]
    assert result["fixes"][0]["description"]["text"] == "换成直角引号"
    assert sarif_log()["runs"][0]["results"][0]["fixes"][0]["description"]["text"] == "safe fix"


def test_text_marks_only_safe_fixes():
    out = text([(DOC, UNSAFE), (DOC, PLAIN)])
    assert "WL202 可疑" in out and "WL303 提示" in out and "[*]" not in out


def test_text_marker_sits_under_the_span_counting_cjk_as_two_columns():
    header, source, marker = text([(DOC, SAFE)]).splitlines()
    assert source == " 2 | 他说：“你好”，then 走了。"
    # 他说： are wide (6 columns); the curly quotes are ambiguous width, so one column each.
    assert marker == "   | " + " " * 6 + "^" * 6


def test_the_ideographs_the_columns_skip_are_all_two_columns_wide():
    import unicodedata

    assert all(unicodedata.east_asian_width(chr(c)) in "WF" for c in range(0x4E00, 0xA000))  # as _Kinds counts
    assert report.IDEOGRAPHS.fullmatch("".join(map(chr, range(0x4E00, 0xA000))))


def test_text_marker_after_cjk_on_ascii_span():
    _, _, marker = text([(DOC, PLAIN)]).splitlines()
    assert marker.index("^") == len(" 2 | ") + 6 + 1 + 4 + 1 + 2  # 他说：“你好”，
    assert marker.endswith("^^^^")


def test_text_span_crossing_lines_marks_to_the_end_of_the_first_line():
    diag = Diagnostic(rule(), 1, DOC.text.index("他") + 1, "跨行")
    _, source, marker = text([(DOC, diag)]).splitlines()
    assert source == " 1 | 第一行"
    assert marker == "   | " + "  " + "^" * 4


def test_text_empty_span_gets_one_marker():
    diag = Diagnostic(rule(), 3, 3, "行尾")
    assert text([(DOC, diag)]).splitlines()[2] == "   | " + " " * 6 + "^"


def test_text_tab_counts_as_one_column():
    doc = Document("t.txt", "\t甲乙", "utf-8")
    _, source, marker = text([(doc, Diagnostic(rule(), 2, 3, "m"))]).splitlines()
    assert source == " 1 |  甲乙"
    assert marker == "   | " + " " * 3 + "^^"


def test_text_separates_diagnostics_with_a_blank_line():
    blocks = text(ITEMS).split("\n\n")
    assert len(blocks) == 3


def test_text_color_wraps_in_ansi_codes():
    assert "\x1b[" in text([(DOC, SAFE)], color=True)
    assert "\x1b[" not in text([(DOC, SAFE)])


def test_json_items_have_exactly_the_documented_keys():
    data = json.loads(json_(ITEMS))
    keys = {"path", "line", "column", "end_line", "end_column", "offset", "end_offset", "code", "name",
            "category", "severity", "message", "fix"}
    assert [set(item) for item in data] == [keys] * 3


def test_json_offsets_are_character_offsets_and_columns_exclusive():
    first = json.loads(json_([(DOC, SAFE)]))[0]
    assert (first["offset"], first["end_offset"]) == (START, START + 4)
    assert DOC.text[first["offset"]:first["end_offset"]] == "“你好”"
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (2, 4, 2, 8)


def test_json_fix_shape():
    data = json.loads(json_(ITEMS))
    assert data[0]["fix"] == {"applicability": "safe",
                              "edits": [{"offset": START, "end_offset": START + 4, "replacement": "「你好」"}]}
    assert data[1]["fix"]["applicability"] == "unsafe"
    assert data[2]["fix"] is None


def test_json_keeps_cjk_unescaped():
    assert "引号内容" in json_(ITEMS)


def test_json_of_nothing_is_an_empty_array():
    assert json.loads(json_([])) == []


def test_github_one_command_per_diagnostic_with_severity_levels():
    lines = github(ITEMS).splitlines()
    assert lines[0] == "::warning file=docs/样本.txt,line=2,col=4,endLine=2,endColumn=8,title=WL101 spun-word::引号内容"
    assert lines[1].startswith("::error ") and lines[2].startswith("::notice ")


def test_github_escapes_message_and_properties():
    doc = Document("a,b:c.txt", "x", "utf-8")
    diag = Diagnostic(rule(), 0, 1, "100% sure\r\nnext: line, more")
    out = github([(doc, diag)])
    assert "file=a%2Cb%3Ac.txt," in out
    assert out.endswith("::100%25 sure%0D%0Anext: line, more\n")


def sarif_log(items=ITEMS, rules=None):
    rules = rules if rules is not None else [d.rule for _, d in ITEMS]
    return json.loads(sarif(items, rules))


def test_sarif_validates_against_the_official_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(sarif_log())
    jsonschema.Draft7Validator(schema).validate(sarif_log([], []))


def test_sarif_rules_and_results():
    run = sarif_log()["runs"][0]
    assert run["tool"]["driver"]["name"] == "wenlint" and run["tool"]["driver"]["version"]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["WL101", "WL202", "WL303"]
    assert run["tool"]["driver"]["rules"][2]["defaultConfiguration"]["level"] == "note"
    result = run["results"][0]
    assert (result["ruleId"], result["ruleIndex"], result["level"]) == ("WL101", 0, "warning")
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "docs/%E6%A0%B7%E6%9C%AC.txt"
    assert location["region"] == {"startLine": 2, "startColumn": 4, "endLine": 2, "endColumn": 8,
                                  "charOffset": START, "charLength": 4}


def test_sarif_fixes_become_replacements():
    results = sarif_log()["runs"][0]["results"]
    change = results[0]["fixes"][0]["artifactChanges"][0]
    assert change["replacements"] == [{"deletedRegion": {"charOffset": START, "charLength": 4},
                                       "insertedContent": {"text": "「你好」"}}]
    assert "fixes" not in results[2]


def test_sarif_uri_is_relative_posix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = Document(str(tmp_path / "sub" / "a b.txt"), DOC.text, "utf-8")
    result = sarif_log([(doc, PLAIN)])["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "sub/a%20b.txt"


def test_statistics_sorted_by_count_then_code():
    items = [(DOC, PLAIN)] * 2 + [(DOC, UNSAFE)] * 2 + [(DOC, SAFE)] * 12
    assert statistics(items).splitlines() == [
        "  12  WL101  [*] spun-word",
        "   2  WL202      odd-quote",
        "   2  WL303      info-only",
    ]


def test_statistics_of_nothing_is_empty():
    assert statistics([]) == ""


def test_statistics_json_lists_code_name_count_and_fixable():
    items = [(DOC, PLAIN)] + [(DOC, SAFE)] * 2
    assert json.loads(report.statistics_json(Counter(d.rule for _, d in items), {"WL101"})) == [
        {"code": "WL101", "name": "spun-word", "count": 2, "fixable": True},
        {"code": "WL303", "name": "info-only", "count": 1, "fixable": False}]


def reference_text_block(doc, diag, color=False):
    """text_blocks' block as it was first written, per diagnostic, for the fast one to match."""
    import unicodedata

    def paint(s, code):
        return f"\x1b[{code}m{s}\x1b[0m" if color else s

    def width(s):
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

    line, col = doc.line_col(diag.start)
    end_line, end_col = doc.line_col(diag.end)
    source = doc.line_text(line)
    stop = end_col - 1 if end_line == line else len(source)
    before, span, after = source[:col - 1], source[col - 1:stop], source[stop:]
    if len(before) > 30:
        before = "…" + before[-30:]
    if len(span) > 60:
        span, after = span[:60], "…"
    elif len(after) > 30:
        after = after[:30] + "…"
    shown = "".join(" " if c == "\t" else "\ufffd" if c < " " or "\x7f" <= c < "\xa0" else c
                    for c in before + span + after)
    gutter = " " * len(str(line))
    mark = f" {paint('[*]', '36')}" if report.safe_fix(diag) else ""
    title = diag.rule.fix_title if diag.fix else ""
    return (f"{paint(doc.path, '1')}:{line}:{col}: {paint(diag.code, '1;31')}{mark} {diag.message}\n"
            f" {line} | {shown}\n"
            f" {gutter} | {' ' * width(before)}{paint('^' * max(1, width(span)), '31')}\n"
            + (f" {gutter} = {paint('help', '36')}: {title}\n" if title else ""))


@pytest.mark.parametrize("color", [False, True])
def test_text_blocks_match_the_plain_rendering_anywhere_in_any_order(color):
    import random

    from wenlint.stream import Window

    rnd = random.Random(1)
    pieces = ["甲乙丙丁", "，。", "ab c", "\t", "\x01", "\x85", "ｱﾊﾟ", "Ａ", "😀", "…", "“”", "é", "\r\n", "\n",
              "\r", "한", "\u3000", "\u303f", "\u0301"]
    text = "".join(rnd.choice(pieces) * rnd.choice([1, 1, 2, 30]) for _ in range(700))
    fixed = rule(fix="safe")._replace(fix_title="换成规范写法")
    for doc in (Document("a:b.txt", text, "utf-8"), Window("w.txt", text, "utf-8", b"", 1000, 40)):
        base = getattr(doc, "base", 0)
        diags = []
        for _ in range(600):
            start = rnd.randrange(len(text) + 1)
            end = min(len(text), start + rnd.choice([0, 1, 1, 2, 3, 40, 70, 200]))
            if rnd.random() < 0.02:
                start, end = end, start  # an end before the start
            fix = rnd.choice([None, Fix("safe", (Edit(start + base, end + base, "x"),)), Fix("unsafe", ())])
            diags.append(Diagnostic(rnd.choice([rule(), fixed]), start + base, end + base, "消息", fix))
        runs = [sorted(diags, key=lambda d: d.start), diags]  # in order, and in no order
        for run in runs:
            items = [(doc, d) for d in run]
            assert list(report.text_blocks(items, color=color)) == [reference_text_block(doc, d, color) for d in run]
