"""Corpus mode: ``wenlint check --jsonl FILE --text-field NAME``, JSON lines in and out."""
from __future__ import annotations

import json

from conftest import DAMAGED, REPAIRED

LINES = [
    json.dumps({"id": 1, "text": DAMAGED}, ensure_ascii=False),
    '{"id": 2, "text": "不完整',  # malformed: cut off
    json.dumps({"id": 3, "text": REPAIRED}, ensure_ascii=False),
    json.dumps({"id": 4, "body": DAMAGED}, ensure_ascii=False),  # no such field
    "[1, 2]",  # not an object
]


def out_lines(run) -> list[dict]:
    return [json.loads(line) for line in run.out.splitlines()]


def test_jsonl_round_trip_keeps_every_line_and_reports_the_malformed_ones(tmp_path, wenlint):
    source = tmp_path / "corpus.jsonl"
    source.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    run = wenlint("check", "--jsonl", str(source), "--text-field", "text")
    records = out_lines(run)
    assert len(records) == len(LINES)
    assert records[0]["id"] == 1 and records[0]["text"] == DAMAGED
    assert [d["code"] for d in records[0]["wenlint"]["diagnostics"]] == ["WL321", "WL321", "WL101"]
    assert records[2]["wenlint"] == {"diagnostics": []}
    assert [r["wenlint"].get("line") for r in records] == [None, 2, None, 4, 5]
    assert records[1]["wenlint"]["raw"] == LINES[1]
    for n in (2, 4, 5):
        assert f"corpus.jsonl:{n}: " in run.err
    assert run.code == 2


def test_jsonl_fix_writes_the_fixed_text_and_leaves_the_input_alone(tmp_path, wenlint):
    source = tmp_path / "corpus.jsonl"
    data = LINES[0] + "\n" + LINES[2] + "\n"
    source.write_text(data, encoding="utf-8")
    run = wenlint("check", "--jsonl", str(source), "--fix")
    first, second = out_lines(run)
    assert first["text"] == REPAIRED and first["wenlint"] == {"diagnostics": [], "fixed": 3}
    assert second["text"] == REPAIRED and second["wenlint"]["fixed"] == 0
    assert source.read_text(encoding="utf-8") == data
    assert run.code == 1 and "2 records, 3 fixes applied in 1" in run.err


def test_jsonl_reads_stdin_and_another_field(wenlint):
    line = json.dumps({"content": DAMAGED}, ensure_ascii=False) + "\n"
    run = wenlint("check", "--jsonl", "-", "--text-field", "content", "--select", "WL1", stdin=line.encode())
    assert [d["code"] for d in out_lines(run)[0]["wenlint"]["diagnostics"]] == ["WL101"]


def test_jsonl_of_a_clean_corpus_exits_zero(tmp_path, wenlint):
    (tmp_path / "c.jsonl").write_text(LINES[2] + "\n\n", encoding="utf-8")
    run = wenlint("check", "--jsonl", str(tmp_path / "c.jsonl"), "--quiet")
    assert run.code == 0 and run.err == "" and len(out_lines(run)) == 1


def test_jsonl_streams_one_line_at_a_time(monkeypatch):
    """Each output line is written before the next input line is read."""
    import io

    from wenlint import corpus
    from wenlint.api import Linter

    out = io.StringIO()

    def lines():
        for i in range(3):
            yield (json.dumps({"text": DAMAGED}, ensure_ascii=False) + "\n").encode()
            assert out.getvalue().count("\n") == i + 1

    assert corpus.run(lines(), out, Linter(), "text", "-").records == 3


def test_jsonl_with_paths_is_a_usage_error(tmp_path, wenlint):
    assert wenlint("check", "--jsonl", "-", "docs").code == 2


def test_jsonl_missing_file_is_an_error(tmp_path, wenlint):
    run = wenlint("check", "--jsonl", str(tmp_path / "nowhere.jsonl"))
    assert run.code == 2 and "nowhere.jsonl: cannot read" in run.err
