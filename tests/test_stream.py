"""Large files, window by window: the same report and the same fixed file as the whole file."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT

from wenlint import stream
from wenlint.runner import Options, process

SEEDS = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))


@pytest.fixture
def windows_of(monkeypatch):
    """Stream every file, in windows of the given number of characters (0: never stream)."""
    def use(chars: int) -> None:
        monkeypatch.setattr(stream, "STREAM_MIN_BYTES", 0 if chars else 1 << 62)
        monkeypatch.setattr(stream, "WINDOW_CHARS", chars or stream.WINDOW_CHARS)
    return use


def run(path, **options):
    return process(str(path), Options(**options))


@pytest.mark.parametrize("fmt", ["json", "text", "concise"])
def test_the_report_is_the_whole_files(tmp_path, windows_of, fmt):
    path = tmp_path / "seeds.txt"
    path.write_text(SEEDS, encoding="utf-8")
    windows_of(0)
    whole = run(path, output_format=fmt)
    windows_of(8_000)
    assert run(path, output_format=fmt) == whole and whole.found > 100


def test_statistics_add_up_over_windows(tmp_path, windows_of):
    path = tmp_path / "seeds.txt"
    path.write_text(SEEDS, encoding="utf-8")
    windows_of(0)
    whole = run(path, statistics=True)
    windows_of(8_000)
    streamed = run(path, statistics=True)
    assert dict(streamed.output[0]) == dict(whole.output[0]) and streamed.output[1] == whole.output[1]


@pytest.mark.parametrize("unsafe", [False, True])
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-8-sig"])
def test_the_fixed_file_is_the_whole_files(tmp_path, monkeypatch, windows_of, unsafe, encoding):
    text = SEEDS.replace("\n", "\r\n")
    results = {}
    for chars in (0, 8_000):
        (tmp_path / str(chars)).mkdir()
        monkeypatch.chdir(tmp_path / str(chars))
        Path("doc.txt").write_bytes(text.encode(encoding))
        windows_of(chars)
        results[chars] = run("doc.txt", fix=True, unsafe_fixes=unsafe)
        assert os.listdir() == ["doc.txt"]  # no temporary file left
    assert results[0].fixed > 100 and results[8_000] == results[0]
    assert (tmp_path / "8000" / "doc.txt").read_bytes() == (tmp_path / "0" / "doc.txt").read_bytes()


def test_an_unchanged_file_is_not_rewritten(tmp_path, windows_of):
    path = tmp_path / "clean.txt"
    path.write_text("坚持以人民为中心的发展思想。\n\n" * 2000, encoding="utf-8")
    before = path.stat().st_mtime_ns
    windows_of(1_000)
    assert run(path, fix=True).changed is False
    assert path.stat().st_mtime_ns == before and [p.name for p in tmp_path.iterdir()] == ["clean.txt"]


def test_windows_end_at_blank_lines_and_never_inside_crlf():
    text = ("一段。\r\n" * 30 + "\r\n") * 10
    assert stream._cut(text[:500], final=False) == text[:500].rfind("\n\r\n") + 3
    lines = "甲乙丙丁\r\n" * 100
    cut = stream._cut(lines[:203], final=False)
    assert lines[cut - 1] == "\n"
    assert stream._cut("\u4e00" * 9 + "\r", final=False) == 9


def test_a_late_decoding_error_is_reported_with_its_offset_and_never_fixed(tmp_path, windows_of):
    path = tmp_path / "mixed.txt"
    data = "坚持原则。\n".encode("utf-8") * 5000 + b"\xff\xfe\xfa"
    path.write_bytes(data)
    windows_of(1_000)
    result = run(path)
    assert result.error is None and "byte offset 80000" in result.warning
    assert run(path, fix=True).error and path.read_bytes() == data


# --- the write path's safety holds for streamed files too (issue 13) ----------------------------

def test_a_streamed_read_only_file_is_refused(tmp_path, windows_of):
    path = tmp_path / "doc.txt"
    path.write_text(SEEDS, encoding="utf-8")
    path.chmod(0o444)
    windows_of(8_000)
    result = run(path, fix=True)
    assert "read-only file; not written" in result.error and path.read_text(encoding="utf-8") == SEEDS
    assert [p.name for p in tmp_path.iterdir()] == ["doc.txt"]


def test_a_streamed_gbk_file_stays_gbk(tmp_path, windows_of):
    text = SEEDS.replace("坚持", "坚持&bull;", 3)
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("gbk", "replace"))
    windows_of(8_000)
    assert run(path, fix=True).error is None
    path.read_bytes().decode("gbk")  # still GBK


def test_a_streamed_fix_that_touches_masked_text_is_not_written(tmp_path, windows_of, monkeypatch):
    from wenlint import fixes
    from wenlint.model import Edit, Fix

    text = "见 `代码原那么` 与原那么。\n\n" * 3
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    real = fixes.choose

    def buggy(diagnostics, *args, **kwargs):  # a rule bug: an edit reaching into the inline code
        return [Fix(f.applicability, tuple(Edit(e.start - 10, e.end, e.replacement) for e in f.edits))
                for f in real(diagnostics, *args, **kwargs)][:1]

    monkeypatch.setattr(fixes, "choose", buggy)
    windows_of(20)
    result = run(path, fix=True)
    assert "a fix touched masked text" in result.error and path.read_text(encoding="utf-8") == text
    assert [p.name for p in tmp_path.iterdir()] == ["doc.md"]
