"""Issue 13 through the command line: wenlint never damages a file and never runs what it finds.

Each case was reproduced against an earlier wenlint; each test is the specification of the fix.
"""
from __future__ import annotations

import json
import os
import stat

import pytest

from conftest import DAMAGED, REPAIRED
from wenlint import document, runner

PROSE = "各级政府要坚持以人民为中心的发展思想，扎实推进共同富裕，着力保障和改善民生，不断增强人民群众的获得感、幸福感、安全感。\n"


def write(path, data: bytes):
    path.write_bytes(data)
    return str(path)


# --- encodings -----------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    ("本報訊，記者昨日報導，政府將於下週公布新的經濟政策,以促進產業發展與就業,並加強社會福利。\n" * 3).encode("big5"),
    "Prix : 5 £ ; réservé à l'équipe, fermé le lundi ; café, thé, crème brûlée.\n".encode("latin-1"),
])
def test_a_file_that_decodes_only_by_guess_is_never_fixed(wenlint, tmp_path, data):
    path = write(tmp_path / "doc.txt", data)
    run = wenlint("check", "--fix", "--unsafe-fixes", path)
    assert run.code == 2 and "not recognisably GB18030" in run.err
    assert open(path, "rb").read() == data


def test_a_gbk_file_gets_no_character_outside_gbk(wenlint, tmp_path):
    data = (PROSE + "要点&bull;坚持原那么。\n").encode("gbk")
    path = write(tmp_path / "doc.txt", data)
    run = wenlint("check", "--fix", path)
    written = open(path, "rb").read()
    assert written.decode("gbk") == PROSE + "要点&bull;坚持原则。\n"  # the entity stays, with a note
    assert "无法用本文件的编码写出" in run.out


def test_a_gb18030_file_may_get_any_character(wenlint, tmp_path):
    data = (PROSE + "要点&bull;坚持𠀀原那么。\n").encode("gb18030")
    path = write(tmp_path / "doc.txt", data)
    wenlint("check", "--fix", path)
    assert open(path, "rb").read().decode("gb18030") == PROSE + "要点•坚持𠀀原则。\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_linted_named_or_walked(wenlint, tmp_path, encoding):
    data = DAMAGED.encode(encoding)
    path = write(tmp_path / "doc.txt", data)
    assert wenlint("check", "--select", "WL101", path).code == 1
    assert "WL101" in wenlint("check", "--select", "WL101", str(tmp_path)).out
    wenlint("check", "--fix", path)
    assert open(path, "rb").read() == REPAIRED.encode(encoding)


def test_one_bad_byte_is_reported_with_its_offset_and_the_file_left_alone(wenlint, tmp_path):
    data = "坚持原那么，".encode() + b"\xff" + "同志们，坚持原那么。\n".encode()
    path = write(tmp_path / "doc.txt", data)
    run = wenlint("check", path)
    assert "invalid UTF-8 byte 0xff at byte offset 18" in run.err and "WL101" in run.out
    run = wenlint("check", "--fix", path)
    assert run.code == 2 and "byte offset 18; not fixed" in run.err
    assert open(path, "rb").read() == data


# --- the file system -----------------------------------------------------------------------------

def test_an_edit_made_while_linting_is_not_overwritten(wenlint, tmp_path, monkeypatch):
    path = write(tmp_path / "doc.txt", DAMAGED.encode())
    real = runner.checked_bytes

    def meanwhile(doc, outcome):
        open(path, "w", encoding="utf-8").write("用户刚写的内容。\n")
        return real(doc, outcome)

    monkeypatch.setattr(runner, "checked_bytes", meanwhile)
    run = wenlint("check", "--fix", path)
    assert run.code == 2 and "changed since it was read; not written" in run.err
    assert open(path, encoding="utf-8").read() == "用户刚写的内容。\n"


def test_a_file_deleted_while_linting_is_not_written_again(wenlint, tmp_path, monkeypatch):
    path = write(tmp_path / "doc.txt", DAMAGED.encode())
    real = runner.checked_bytes

    def meanwhile(doc, outcome):
        os.unlink(path)
        return real(doc, outcome)

    monkeypatch.setattr(runner, "checked_bytes", meanwhile)
    run = wenlint("check", "--fix", path)
    assert run.code == 2 and "deleted since it was read" in run.err and not os.path.exists(path)


def test_a_read_only_file_is_refused(wenlint, tmp_path):
    path = write(tmp_path / "doc.txt", DAMAGED.encode())
    os.chmod(path, 0o444)
    run = wenlint("check", "--fix", path)
    assert run.code == 2 and "read-only file; not written" in run.err
    assert open(path, "rb").read() == DAMAGED.encode() and stat.S_IMODE(os.stat(path).st_mode) == 0o444


def test_hard_links_stay_one_file(wenlint, tmp_path):
    path = write(tmp_path / "doc.txt", DAMAGED.encode())
    os.link(path, tmp_path / "other-name.txt")
    wenlint("check", "--fix", path)
    assert (tmp_path / "other-name.txt").read_text(encoding="utf-8") == REPAIRED
    assert os.stat(path).st_ino == os.stat(tmp_path / "other-name.txt").st_ino


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another user")
def test_ownership_is_kept(wenlint, tmp_path):
    path = write(tmp_path / "doc.txt", DAMAGED.encode())
    os.chown(path, 1234, 5678)
    wenlint("check", "--fix", path)
    st = os.stat(path)
    assert (st.st_uid, st.st_gid) == (1234, 5678) and open(path, encoding="utf-8").read() == REPAIRED


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another user")
def test_ownership_that_cannot_be_kept_is_kept_by_writing_in_place(tmp_path, monkeypatch):
    path = write(tmp_path / "doc.txt", b"old")
    os.chown(path, 1234, 5678)
    inode = os.stat(path).st_ino

    def refuse(*args):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(document.os, "chown", refuse)  # as for a user writing another's file
    document.write_back(path, b"new")
    st = os.stat(path)
    assert open(path, "rb").read() == b"new" and (st.st_ino, st.st_uid, st.st_gid) == (inode, 1234, 5678)
    assert [p.name for p in tmp_path.iterdir()] == ["doc.txt"]


def test_special_files_in_a_folder_are_skipped(wenlint, tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    os.symlink(tmp_path / "loop-b.txt", tmp_path / "loop-a.txt")
    os.symlink(tmp_path / "loop-a.txt", tmp_path / "loop-b.txt")
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path, tmp_path / "sub" / "up")  # a folder loop
    write(tmp_path / "doc.txt", DAMAGED.encode())
    run = wenlint("check", "--select", "WL101", str(tmp_path))
    assert run.code == 1 and "doc.txt" in run.out and "Traceback" not in run.err


@pytest.mark.parametrize("name", ["pipe.txt", "zero.txt", "loop-a.txt"])
def test_special_files_named_are_errors_not_hangs(wenlint, tmp_path, name):
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    os.symlink(tmp_path / "loop-b.txt", tmp_path / "loop-a.txt")
    os.symlink(tmp_path / "loop-a.txt", tmp_path / "loop-b.txt")
    run = wenlint("check", str(tmp_path / name))
    assert run.code == 2 and ("not a regular file" in run.err or "symbolic link" in run.err)


def test_a_file_that_becomes_a_fifo_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(document.NotRegularFile):
        document.read_document(str(tmp_path / "pipe.txt"))


def test_deep_nesting_is_linted_without_a_traceback(wenlint, tmp_path):
    levels = [tmp_path]
    for _ in range(1000):
        levels.append(levels[-1] / "d")
        levels[-1].mkdir()
    (levels[-1] / "doc.txt").write_text(DAMAGED, encoding="utf-8")
    try:
        run = wenlint("check", "--select", "WL101", str(tmp_path))
        assert run.code == 1 and "WL101" in run.out and "Traceback" not in run.err
    finally:  # shutil.rmtree, which pytest cleans up with, recurses as deep
        (levels[-1] / "doc.txt").unlink()
        for level in reversed(levels[1:]):
            level.rmdir()


@pytest.mark.parametrize("fmt", ["json", "sarif", "text", "concise", "github"])
def test_file_names_that_are_not_utf8_are_escaped(wenlint, tmp_path, fmt):
    folder = os.fsencode(tmp_path)
    with open(folder + b"/\xff\xfe.txt", "wb") as f:
        f.write(DAMAGED.encode())
    run = wenlint("check", "--select", "WL101", "--output-format", fmt, str(tmp_path))
    assert run.code == 1 and "Traceback" not in run.err
    out = run.out_bytes.decode("utf-8")  # strict UTF-8
    if fmt == "json":
        assert json.loads(out)[0]["path"].endswith("/\\xff\\xfe.txt")
    elif fmt == "sarif":  # a valid URI: the escaped name, percent-encoded
        uri = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.endswith("/%5Cxff%5Cxfe.txt") and uri.isascii()
    else:
        assert "\\xff\\xfe.txt" in out


# --- packs, exit status and the check before writing ----------------------------------------------

def test_a_backtracking_user_pattern_is_reported_and_the_file_untouched(wenlint, tmp_path, monkeypatch):
    from wenlint import patterns

    monkeypatch.setattr(patterns.Guarded, "TIMEOUT", 0.05)
    (tmp_path / "slow.toml").write_text('''
[[rule]]
code = "WL901"
name = "slow-rule"
category = "typo"
severity = "warning"
pattern = '(a|aa)+$'
replacement = "b"
fix = "safe"
message = "慢 {found}"
why = "A pattern that backtracks."
[rule.examples]
bad = ["aa"]
ok = ["b!"]
''', encoding="utf-8")
    (tmp_path / "wenlint.toml").write_text('rule-packs = ["slow.toml"]\n', encoding="utf-8")
    data = ("原那么" + "a" * 40 + "!\n").encode()
    path = write(tmp_path / "doc.txt", data)
    run = wenlint("check", "--fix", path)
    assert run.code == 2 and "slow.toml: rule WL901: key 'pattern'" in run.err and "took more than" in run.err
    assert open(path, "rb").read() == data


def test_an_internal_error_exits_2_with_one_line(wenlint, tmp_path, monkeypatch):
    path = write(tmp_path / "doc.txt", DAMAGED.encode())

    def bug(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    from wenlint.engine import Linter

    monkeypatch.setattr(Linter, "lint", bug)
    run = wenlint("check", path)
    assert run.code == 2 and "Traceback" not in run.err
    assert [line for line in run.err.splitlines() if "internal error" in line] == [
        f"error: {path}: internal error: ZeroDivisionError: a bug (run with --verbose for the traceback)"]
    run = wenlint("check", "--verbose", path)
    assert run.code == 2 and "Traceback" in run.err and "ZeroDivisionError: a bug" in run.err


def test_a_fix_that_touches_masked_text_is_not_written(wenlint, tmp_path, monkeypatch):
    from wenlint import fixes
    from wenlint.model import Edit, Fix

    text = "见 `代码原那么` 与原那么。\n"
    path = write(tmp_path / "doc.md", text.encode())
    real = fixes.choose

    def buggy(diagnostics, *args, **kwargs):  # a rule bug: an edit reaching into the inline code
        chosen = real(diagnostics, *args, **kwargs)
        return [Fix(f.applicability, tuple(Edit(e.start - 10, e.end, e.replacement) for e in f.edits))
                for f in chosen][:1]

    monkeypatch.setattr(fixes, "choose", buggy)
    run = wenlint("check", "--fix", path)
    assert run.code == 2 and "a fix touched masked text" in run.err and "nothing written" in run.err
    assert open(path, encoding="utf-8").read() == text


def test_chinese_urls_are_never_fixed(wenlint, tmp_path):
    text = "参见 https://baike.baidu.com/item/原那么 。坚持原那么。\n"
    path = write(tmp_path / "doc.txt", text.encode())
    wenlint("check", "--fix", path)
    assert open(path, encoding="utf-8").read() == "参见 https://baike.baidu.com/item/原那么 。坚持原则。\n"


def test_fixing_stdin_runs_the_same_check(wenlint):
    run = wenlint("check", "--fix", "-", "--stdin-filename", "x.txt", stdin=DAMAGED.encode())
    assert run.out_bytes == REPAIRED.encode()
