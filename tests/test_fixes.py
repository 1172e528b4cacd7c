"""Fixing: choose non-overlapping edits, apply them, repeat until stable; file fidelity through --fix."""
from __future__ import annotations

import codecs
import os
import stat

import pytest

from conftest import DAMAGED, REPAIRED
from wenlint import fixes, runner
from wenlint.fixes import View, apply, choose, fix_until_stable
from wenlint.model import Diagnostic, Edit, Examples, Fix, Rule

RULE = Rule(code="WL999", name="test-rule", category="typo", severity="error", message="m", why="w",
            fix="safe", kind="pattern", examples=Examples(), pack="test.toml")


def diag(start, end, replacement, applicability="safe"):
    return Diagnostic(RULE, start, end, "m", Fix(applicability, (Edit(start, end, replacement),)))


# --- choose -------------------------------------------------------------------------------------

def test_choose_takes_only_safe_fixes_by_default():
    assert choose([diag(0, 1, "a"), diag(2, 3, "b", "unsafe")]) == [diag(0, 1, "a").fix]


def test_choose_takes_unsafe_fixes_when_asked():
    assert len(choose([diag(0, 1, "a"), diag(2, 3, "b", "unsafe")], unsafe=True)) == 2


def test_choose_never_takes_fixes_without_applicability_safe_or_unsafe():
    d = Diagnostic(RULE, 0, 1, "m", Fix("none", (Edit(0, 1, "x"),)))
    assert choose([d], unsafe=True) == [] and choose([Diagnostic(RULE, 0, 1, "m")]) == []


def test_choose_drops_a_fix_overlapping_an_earlier_one():
    assert choose([diag(2, 6, "x"), diag(0, 3, "y")]) == [diag(0, 3, "y").fix]


def test_choose_keeps_touching_fixes():
    assert len(choose([diag(0, 2, "x"), diag(2, 4, "y")])) == 2


def test_choose_drops_a_second_insertion_at_the_same_point():
    assert len(choose([diag(3, 3, "x"), diag(3, 3, "y")])) == 1


def test_choose_drops_an_insertion_inside_a_replacement():
    assert len(choose([diag(1, 5, "x"), diag(3, 3, "y")])) == 1


def test_choose_takes_the_same_fix_once():
    assert choose([diag(0, 1, "x"), diag(0, 1, "x")]) == [diag(0, 1, "x").fix]


def test_chosen_edits_never_overlap():
    ds = [diag(s, s + n, "z") for s in range(0, 20, 3) for n in (0, 1, 2, 4)]
    edits = sorted(e for f in choose(ds) for e in f.edits)
    for a, b in zip(edits, edits[1:]):
        assert a.end <= b.start and not (a.start == a.end == b.start == b.end)


# --- apply --------------------------------------------------------------------------------------

def test_apply_replaces_inserts_and_deletes():
    assert apply("abcdef", [Edit(4, 6, "EF"), Edit(0, 1, ""), Edit(2, 2, "+")]) == "b+cdEF"


def test_apply_with_no_edits_returns_the_text():
    assert apply("原文", []) == "原文"


def test_apply_keeps_text_outside_the_edits():
    text = "前\r\n中间\n后"
    assert apply(text, [Edit(3, 5, "中")]) == "前\r\n中\n后"


# --- fix_until_stable ---------------------------------------------------------------------------

def test_fix_until_stable_repeats_until_nothing_changes():
    # each pass turns the first "a" into "b"
    def lint(text):
        i = text.find("a")
        return [diag(i, i + 1, "b")] if i >= 0 else []

    result = fix_until_stable("aaa", lint)
    assert (result.text, result.passes, result.converged, result.applied) == ("bbb", 3, True, 3)
    assert result.diagnostics == []


def test_fix_until_stable_gives_up_after_ten_passes():
    def lint(text):  # always proposes to append another "x"
        return [diag(len(text), len(text), "x")]

    result = fix_until_stable("", lint)
    assert not result.converged and result.passes == fixes.MAX_PASSES
    assert result.text == "x" * fixes.MAX_PASSES


def test_fix_until_stable_on_clean_text_is_a_no_op():
    result = fix_until_stable("干净", lambda t: [])
    assert (result.text, result.passes, result.converged, result.applied) == ("干净", 0, True, 0)


def test_fix_until_stable_reports_what_is_left():
    left = Diagnostic(RULE, 0, 1, "no fix")
    result = fix_until_stable("a", lambda t: [left])
    assert result.diagnostics == [left] and result.converged


def test_a_fix_that_changes_nothing_counts_as_stable():
    result = fix_until_stable("a", lambda t: [diag(0, 1, "a")])
    assert result.converged and result.text == "a"


def test_unconverged_fixing_warns_on_the_command_line(tmp_path, monkeypatch, wenlint):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    monkeypatch.setattr(runner, "linter_for", lambda settings: type("L", (), {
        "lint": staticmethod(lambda text, path="-": [diag(len(text), len(text), "x")]), "rules": []})())
    run = wenlint("check", "--fix", "--quiet", "a.txt")
    assert "did not converge" in run.err and "a.txt" in run.err


# --- View ---------------------------------------------------------------------------------------

def test_view_applies_edits_and_maps_back():
    view = View("广\n14、阔天地", [Edit(1, 5, "")])
    assert view.text == "广阔天地"
    assert view.span(0, 2) == (0, 6)  # 广阔 spans the removed page number
    assert view.span(2, 4) == (6, 8)


def test_view_without_edits_is_the_identity():
    view = View("原文", [])
    assert view.identity and view.text == "原文" and view.span(0, 2) == (0, 2)


def test_view_maps_a_replaced_run_to_its_edges():
    view = View("a,b", [Edit(1, 2, "，")])
    assert view.span(1, 2) == (1, 2) and view.span(0, 3) == (0, 3)


# --- the command line keeps the file byte for byte outside the fixes ----------------------------

FIDELITY = [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
]


@pytest.mark.parametrize("encoding, bom", FIDELITY)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("final", [True, False])
def test_fix_keeps_encoding_bom_newlines_and_final_newline(tmp_path, wenlint, encoding, bom, newline, final):
    def body(line):
        text = f"第一行。{newline}{line.rstrip()}{newline}末行"
        return text + newline if final else text

    path = tmp_path / "doc.txt"
    path.write_bytes(bom + body(DAMAGED).encode(encoding))
    assert wenlint("check", "--fix", "--quiet", str(path)).code == 1
    assert path.read_bytes() == bom + body(REPAIRED).encode(encoding)


def test_fix_keeps_mixed_newlines(tmp_path, wenlint):
    path = tmp_path / "doc.txt"
    path.write_bytes(f"甲\r\n{DAMAGED}乙\r丙\n".encode())
    wenlint("check", "--fix", str(path))
    assert path.read_bytes() == f"甲\r\n{REPAIRED}乙\r丙\n".encode()


def test_fix_keeps_the_file_mode(tmp_path, wenlint):
    path = tmp_path / "doc.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    os.chmod(path, 0o604)
    wenlint("check", "--fix", str(path))
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o604
    assert path.read_text(encoding="utf-8") == REPAIRED


def test_fix_leaves_no_temporary_files(tmp_path, wenlint):
    path = tmp_path / "doc.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    wenlint("check", "--fix", str(path))
    assert os.listdir(tmp_path) == ["doc.txt"]


def test_fix_does_not_rewrite_a_clean_file(tmp_path, wenlint):
    path = tmp_path / "doc.txt"
    path.write_text(REPAIRED, encoding="utf-8")
    os.utime(path, (1_000_000, 1_000_000))
    wenlint("check", "--fix", str(path))
    assert os.stat(path).st_mtime == 1_000_000


def test_failed_write_is_an_error_and_leaves_the_file(tmp_path, wenlint, monkeypatch):
    from wenlint import document

    path = tmp_path / "doc.txt"
    path.write_text(DAMAGED, encoding="utf-8")

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(document.os, "replace", fail)
    run = wenlint("check", "--fix", str(path))
    assert run.code == 2 and "No space left on device" in run.err and str(path) in run.err
    assert path.read_text(encoding="utf-8") == DAMAGED
    assert os.listdir(tmp_path) == ["doc.txt"]


def test_fix_writes_through_a_symlink(tmp_path, wenlint):
    real = tmp_path / "real.txt"
    real.write_text(DAMAGED, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(real)
    wenlint("check", "--fix", str(tmp_path / "link.txt"))
    assert (tmp_path / "link.txt").is_symlink() and real.read_text(encoding="utf-8") == REPAIRED


# --- issue 13: newlines, encodings, and the check before writing ------------------------------

@pytest.mark.parametrize("text,edit", [
    ("一\r\n3、二", Edit(2, 5, "")),  # deletes "\n3、", leaves a lone "\r" (WL201 in a CRLF file)
    ("一\r\n二", Edit(2, 2, "”")),  # inserts between "\r" and "\n"
    ("一\r\n二", Edit(1, 2, "。")),  # replaces the "\r" alone
    ("一\r\n二", Edit(3, 3, "\n")),  # a raw LF in a CRLF file
    ("一\n二", Edit(1, 1, "\r")),  # a CR in an LF file
    ("一\r二\r", Edit(4, 4, "\n")),  # after a CR-only file's final newline: makes a CRLF
])
def test_a_fix_that_harms_newlines_is_not_chosen(text, edit):
    d = Diagnostic(RULE, edit.start, edit.end, "m", Fix("safe", (edit,)))
    assert choose([d], text=text) == [] and choose([d]) == [d.fix]


@pytest.mark.parametrize("text,edit", [
    ("一\r\n3、二", Edit(3, 5, "")),  # the page number after the CRLF
    ("一\r\n\r\n二", Edit(1, 5, "\r\n")),  # a blank line folded, in the file's style
    ("第\r\n二", Edit(1, 3, "")),  # a whole CRLF removed
    ("一\r二\r", Edit(3, 3, "”")),  # before a CR-only file's final newline
])
def test_a_fix_that_keeps_newlines_whole_is_chosen(text, edit):
    d = Diagnostic(RULE, edit.start, edit.end, "m", Fix("safe", (edit,)))
    assert choose([d], text=text) == [d.fix]


def test_an_edit_inside_a_taken_one_is_refused_after_an_insertion_at_its_start():
    # the insertion at 1 (of a fix that also inserts at 5) is taken after the edit [1, 3) it begins
    inserts = Diagnostic(RULE, 1, 1, "m", Fix("safe", (Edit(1, 1, "Y"), Edit(5, 5, "W"))))
    taken = choose([diag(1, 3, "X"), inserts, diag(2, 2, "Z")], text="abcdef")
    assert taken == [diag(1, 3, "X").fix, inserts.fix]


def test_of_two_fixes_of_one_span_the_first_diagnostics_is_taken_in_every_run():
    first, second = diag(1, 3, "X"), diag(1, 3, "Y")  # (a set's order, by hashes of str, varied by process)
    assert choose([first, second]) == [first.fix] and choose([second, first]) == [second.fix]


def test_two_touching_fixes_that_together_make_a_new_newline_style_are_not_both_chosen():
    text = "a\n\ra"  # LF and lone CR: deleting the last a and appending \n after it would make a CR LF
    taken = choose([diag(3, 4, ""), diag(4, 4, "\n")], text=text)
    assert taken == [diag(3, 4, "").fix]
    fixed = apply(text, [e for f in taken for e in f.edits])
    assert fixes.newline_styles(fixed) <= fixes.newline_styles(text)


def test_the_touching_edits_of_one_fix_are_judged_together():
    text = "a\n\ra"
    both = Diagnostic(RULE, 3, 4, "m", Fix("safe", (Edit(3, 4, ""), Edit(4, 4, "\n"))))
    assert choose([both], text=text) == []


def test_touching_fixes_are_judged_through_a_deletion_between_them():
    text = "\rxyz\n"  # lone CR and LF: a CR for x, y deleted, an LF before z would make a CR LF
    taken = choose([diag(1, 2, "\r"), diag(2, 3, ""), diag(3, 3, "\n")], text=text)
    assert taken == [diag(1, 2, "\r").fix, diag(2, 3, "").fix]


def test_touching_fixes_that_make_no_new_newline_are_all_chosen():
    text = "a\r\nb"
    taken = choose([diag(0, 1, "x"), diag(1, 1, "y")], text=text)
    assert len(taken) == 2


def test_a_fix_the_encoding_cannot_hold_is_left_with_a_note():
    bullet = Diagnostic(RULE, 0, 6, "m", Fix("safe", (Edit(0, 6, "•"),)))
    result = fix_until_stable("&bull;", lambda t: [bullet] if t == "&bull;" else [],
                              encodable=lambda s: s != "•")
    assert result.text == "&bull;" and result.diagnostics[0].fix is None
    assert result.diagnostics[0].message == "m" + fixes.UNENCODABLE


def test_kept_stretches_follow_the_fixes_through_passes():
    def lint(t):
        return [Diagnostic(RULE, i, i + 1, "m", Fix("safe", (Edit(i, i + 1, "bb" if c == "a" else "c"),)))
                for i, c in enumerate(t) if c in "ab"][:1]

    result = fix_until_stable("xaxyax", lint)
    assert result.text == "xccxyccx"
    for cur, orig, n in result.kept:
        assert result.text[cur:cur + n] == "xaxyax"[orig:orig + n]
    assert fixes.verify("xaxyax", result, []) is None
    assert sum(n for _, _, n in result.kept) == 4  # x, x, y, x


def test_verify_finds_changed_text_masked_text_and_newline_styles():
    result = fixes.FixResult("ab-d", 1, True, 1, [], ((0, 0, 2), (3, 3, 1)))
    assert fixes.verify("abcd", result, []) is None
    assert "masked" in fixes.verify("abcd", result, [(1, 3)])
    assert "outside" in fixes.verify("abXd", result._replace(text="aZ-d"), [])
    assert "newline" in fixes.verify("ab\r\nd", fixes.FixResult("ab\nd", 1, True, 1, [], ()), [])
