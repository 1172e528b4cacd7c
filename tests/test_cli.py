"""The command line: ``wenlint check``, ``rules``, ``rule``, ``--version`` and ``python -m wenlint``."""
from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys

import pytest

from conftest import DAMAGED, REPAIRED, ROOT

from wenlint import config, pool, runner, writers

JSON_KEYS = {"path", "line", "column", "end_line", "end_column", "offset", "end_offset", "code", "name",
             "category", "severity", "message", "fix"}


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A folder of documents, the current directory for the test."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (tmp_path / "docs" / "sub" / "b.md").write_text("# 标题\n\n坚持原那么。\n", encoding="utf-8")
    return tmp_path


def paths(run) -> list[str]:
    return [d["path"] for d in json.loads(run.out)]


def codes(run) -> list[str]:
    return [d["code"] for d in json.loads(run.out)]


# --- discovery --------------------------------------------------------------------------------

@pytest.mark.parametrize("ext", [".txt", ".md", ".markdown", ".rst", ".html", ".htm", ".tex"])
def test_directories_recurse_over_document_extensions(tree, wenlint, ext):
    (tree / "docs" / "sub" / f"c{ext}").write_text("坚持原那么。\n", encoding="utf-8")
    assert f"docs/sub/c{ext}" in paths(wenlint("check", "--format", "json", "--jobs", "1", "docs"))


def test_directories_skip_other_extensions(tree, wenlint):
    (tree / "docs" / "code.py").write_text("# 坚持原那么。\n", encoding="utf-8")
    (tree / "docs" / "data.csv").write_text("坚持原那么。\n", encoding="utf-8")
    assert set(paths(wenlint("check", "--format", "json", "--jobs", "1", "docs"))) == {
        "docs/a.txt", "docs/sub/b.md"}


def test_directories_skip_git(tree, wenlint):
    (tree / "docs" / ".git").mkdir()
    (tree / "docs" / ".git" / "note.txt").write_text("坚持原那么。\n", encoding="utf-8")
    assert not any(".git" in p for p in paths(wenlint("check", "--format", "json", "--jobs", "1", "docs")))


def test_directories_skip_binary_files_silently(tree, wenlint):
    (tree / "docs" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    run = wenlint("check", "--format", "json", "--jobs", "1", "docs")
    assert run.code == 1 and "image.txt" not in run.out + run.err


def test_explicit_file_with_any_extension_is_linted(tree, wenlint):
    (tree / "notes.log").write_text("坚持原那么。\n", encoding="utf-8")
    assert codes(wenlint("check", "--format", "json", "notes.log")) == ["WL101"]


def test_default_path_is_the_current_directory(tree, wenlint):
    assert sorted(set(paths(wenlint("check", "--format", "json", "--jobs", "1")))) == [
        "docs/a.txt", "docs/sub/b.md"]


def test_a_file_named_twice_is_linted_once(tree, wenlint):
    run = wenlint("check", "--format", "json", "--select", "WL101", "--jobs", "1", "docs/a.txt", "docs/a.txt",
                  "docs")
    assert paths(run) == ["docs/a.txt", "docs/sub/b.md"]


def test_a_file_named_twice_is_fixed_once_and_reported_changed(tree, wenlint):
    run = wenlint("check", "--fix", "--quiet", "docs/a.txt", "docs/a.txt")
    assert run.code == 1
    assert (tree / "docs" / "a.txt").read_text(encoding="utf-8") == REPAIRED


def test_missing_path_is_an_error_naming_it(tree, wenlint):
    run = wenlint("check", "nowhere.txt")
    assert run.code == 2 and "nowhere.txt" in run.err


# --- stdin --------------------------------------------------------------------------------------

def test_stdin_is_linted_under_the_stdin_filename(tree, wenlint):
    run = wenlint("check", "--format", "json", "-", "--stdin-filename", "in/doc.txt", stdin=DAMAGED.encode())
    assert set(paths(run)) == {"in/doc.txt"} and run.code == 1


def test_stdin_filename_picks_the_format(tree, wenlint):
    text = "见 `坚持原那么` 一文。\n".encode()
    assert codes(wenlint("check", "--format", "json", "-", "--stdin-filename", "x.md", stdin=text)) == []
    assert codes(wenlint("check", "--format", "json", "-", "--stdin-filename", "x.txt", stdin=text)) == ["WL101"]


def test_stdin_fix_writes_the_fixed_text_to_stdout_and_the_report_to_stderr(tree, wenlint):
    run = wenlint("check", "--fix", "-", stdin=DAMAGED.encode())
    assert run.out == REPAIRED
    assert "fixed" in run.err and run.code == 1


def test_stdin_fix_keeps_the_encoding_and_newlines(tree, wenlint):
    data = codecs.BOM_UTF16_LE + DAMAGED.replace("\n", "\r\n").encode("utf-16-le")
    run = wenlint("check", "--fix", "--quiet", "-", "--stdin-filename", "x.txt", stdin=data)
    assert run.out_bytes == codecs.BOM_UTF16_LE + REPAIRED.replace("\n", "\r\n").encode("utf-16-le")


def test_stdin_fix_after_a_file_still_writes_the_fixed_text(tree, wenlint):
    run = wenlint("check", "--fix", "--quiet", "--jobs", "1", "docs/sub/b.md", "-", stdin=DAMAGED.encode())
    assert run.out == REPAIRED


def test_stdin_binary_is_an_error(tree, wenlint):
    run = wenlint("check", "-", "--stdin-filename", "x.txt", stdin=b"\x00\x01\x02")
    assert run.code == 2 and "x.txt" in run.err and "binary" in run.err


# --- options ------------------------------------------------------------------------------------

def test_fix_repairs_the_file(tree, wenlint):
    run = wenlint("check", "--fix", "docs/a.txt")
    assert run.code == 1  # a file changed
    assert (tree / "docs" / "a.txt").read_text(encoding="utf-8") == REPAIRED
    assert "3 fixed, 0 remaining" in run.out


def test_fix_on_a_clean_file_exits_zero(tree, wenlint):
    (tree / "docs" / "a.txt").write_text(REPAIRED, encoding="utf-8")
    assert wenlint("check", "--fix", "docs/a.txt").code == 0


def test_fix_applies_only_safe_fixes(tree, wenlint):
    (tree / "q.txt").write_text("他说：“我们要努力。\n", encoding="utf-8")
    run = wenlint("check", "--fix", "q.txt")
    assert (tree / "q.txt").read_text(encoding="utf-8") == "他说：“我们要努力。\n"
    assert run.code == 1 and "WL301" in run.out and "--unsafe-fixes" in run.out


def test_unsafe_fixes_applies_unsafe_fixes(tree, wenlint):
    (tree / "q.txt").write_text("他说：“我们要努力。\n", encoding="utf-8")
    wenlint("check", "--fix", "--unsafe-fixes", "q.txt")
    assert (tree / "q.txt").read_text(encoding="utf-8") == "他说：“我们要努力。”\n"


def test_diff_shows_the_fixes_and_writes_nothing(tree, wenlint):
    run = wenlint("check", "--diff", "docs/a.txt")
    assert run.code == 1
    assert (tree / "docs" / "a.txt").read_text(encoding="utf-8") == DAMAGED
    assert run.out == (f"--- docs/a.txt\n+++ docs/a.txt\n@@ -1 +1 @@\n-{DAMAGED}+{REPAIRED}")


def test_diff_marks_a_missing_final_newline(tree, wenlint):
    (tree / "docs" / "a.txt").write_text(DAMAGED.rstrip("\n"), encoding="utf-8")
    out = wenlint("check", "--diff", "docs/a.txt").out
    assert out.endswith(f"-{DAMAGED.rstrip()}\n\\ No newline at end of file\n"
                        f"+{REPAIRED.rstrip()}\n\\ No newline at end of file\n")


def test_diff_splits_lines_only_at_newlines(tree, wenlint):
    (tree / "docs" / "a.txt").write_text("页\x0c眉\u2028" + DAMAGED, encoding="utf-8")
    out = wenlint("check", "--diff", "docs/a.txt").out
    assert "@@ -1 +1 @@" in out


def test_diff_says_would_be_fixed_on_stderr(tree, wenlint):
    run = wenlint("check", "--diff", "docs/a.txt")
    assert "would be fixed" in run.err


def test_format_json_items_have_the_documented_keys(tree, wenlint):
    data = json.loads(wenlint("check", "--format", "json", "docs/a.txt").out)
    assert data and all(set(d) == JSON_KEYS for d in data)


def test_format_json_offsets_index_the_decoded_text(tree, wenlint):
    text = (tree / "docs" / "a.txt").read_text(encoding="utf-8")
    for d in json.loads(wenlint("check", "--format", "json", "docs/a.txt").out):
        assert d["offset"] < d["end_offset"] <= len(text)
        for edit in d["fix"]["edits"]:
            assert d["offset"] <= edit["offset"] <= edit["end_offset"] <= d["end_offset"]
    first = json.loads(wenlint("check", "--format", "json", "docs/a.txt").out)[0]
    assert text[first["offset"]:first["end_offset"]] == ":"


def test_format_json_fix_is_null_or_applicability_and_edits(tree, wenlint):
    (tree / "n.txt").write_text("答复率到达20230。他说：“我们要努力。\n", encoding="utf-8")
    data = json.loads(wenlint("check", "--format", "json", "n.txt").out)
    fixes = {d["code"]: d["fix"] for d in data}
    assert fixes["WL401"] is None
    assert fixes["WL301"]["applicability"] == "unsafe"
    assert set(fixes["WL301"]["edits"][0]) == {"offset", "end_offset", "replacement"}


def test_format_github_prints_workflow_commands(tree, wenlint):
    out = wenlint("check", "--format", "github", "docs/a.txt").out
    assert out.startswith("::error file=docs/a.txt,line=1,col=4,")


def test_format_sarif_is_a_sarif_log(tree, wenlint):
    log = json.loads(wenlint("check", "--format", "sarif", "docs/a.txt").out)
    assert log["version"] == "2.1.0"
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["WL321", "WL321", "WL101"]


def test_unknown_format_is_a_usage_error(tree, wenlint):
    assert wenlint("check", "--format", "xml", "docs").code == 2


def test_select_keeps_only_the_given_prefix(tree, wenlint):
    assert set(codes(wenlint("check", "--format", "json", "--select", "WL1", "docs/a.txt"))) == {"WL101"}


def test_ignore_drops_the_given_code(tree, wenlint):
    assert set(codes(wenlint("check", "--format", "json", "--ignore", "WL321", "docs/a.txt"))) == {"WL101"}


def test_extend_select_adds_to_select(tree, wenlint):
    run = wenlint("check", "--format", "json", "--select", "WL1", "--extend-select", "WL321", "docs/a.txt")
    assert set(codes(run)) == {"WL101", "WL321"}


def test_select_with_a_bad_code_is_a_usage_error(tree, wenlint):
    run = wenlint("check", "--select", "E501", "docs")
    assert run.code == 2 and "E501" in run.err


def test_quiet_prints_diagnostics_but_no_summary(tree, wenlint):
    run = wenlint("check", "--quiet", "docs/a.txt")
    assert "WL101" in run.out and "Found" not in run.out


def test_quiet_fix_still_reports_what_is_left(tree, wenlint):
    (tree / "n.txt").write_text("答复率到达20230,好。\n", encoding="utf-8")
    run = wenlint("check", "--fix", "--quiet", "n.txt")
    assert "WL401" in run.out and "WL321" not in run.out and "Found" not in run.out


def test_exit_zero_exits_zero_with_diagnostics(tree, wenlint):
    run = wenlint("check", "--exit-zero", "docs/a.txt")
    assert run.code == 0 and "WL101" in run.out


def test_exit_zero_does_not_hide_errors(tree, wenlint):
    assert wenlint("check", "--exit-zero", "missing.txt").code == 2


def test_statistics_counts_per_rule(tree, wenlint):
    out = wenlint("check", "--statistics", "docs/a.txt").out
    assert out.splitlines()[0].split() == ["2", "WL321", "[*]", "halfwidth-punctuation"]
    assert out.splitlines()[1].split() == ["1", "WL101", "[*]", "spun-ze-in-word"]


def test_small_inputs_are_linted_without_workers(tree, wenlint, monkeypatch):
    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", None)  # would fail if used
    assert wenlint("check", "--quiet", "--jobs", "2", "docs/a.txt", "docs/sub/b.md").code == 1


def test_jobs_does_not_change_the_output_order(tree, wenlint, monkeypatch):
    monkeypatch.setattr(pool, "PARALLEL_MIN_BYTES", 0)  # workers even for these small files
    for i in range(30):
        (tree / "docs" / f"f{i:02}.txt").write_text(f"第{i}份。\n" + DAMAGED * (i % 3 + 1), encoding="utf-8")
    outputs = {n: wenlint("check", "--format", "json", "--jobs", n, "docs").out for n in ("1", "2", "4")}
    assert outputs["1"] == outputs["2"] == outputs["4"]
    assert paths(wenlint("check", "--format", "json", "--jobs", "1", "docs"))[0] == "docs/a.txt"


def test_jobs_fixes_every_file(tree, wenlint, monkeypatch):
    monkeypatch.setattr(pool, "PARALLEL_MIN_BYTES", 0)
    for i in range(10):
        (tree / "docs" / f"f{i}.txt").write_text(DAMAGED, encoding="utf-8")
    assert wenlint("check", "--fix", "--quiet", "--jobs", "3", "docs").code == 1
    assert all(p.read_text(encoding="utf-8") == REPAIRED for p in (tree / "docs").glob("f*.txt"))


def test_negative_jobs_is_a_usage_error(tree, wenlint):
    assert wenlint("check", "--jobs", "-1", "docs").code == 2


# --- exit codes ---------------------------------------------------------------------------------

def test_exit_zero_when_nothing_is_found(tree, wenlint):
    (tree / "ok.txt").write_text(REPAIRED, encoding="utf-8")
    run = wenlint("check", "ok.txt")
    assert run.code == 0 and "Found 0 problems." in run.out


def test_exit_one_when_diagnostics_are_left(tree, wenlint):
    assert wenlint("check", "docs").code == 1


def test_exit_two_on_an_undecodable_explicit_file_which_stays_untouched(tree, wenlint):
    bad = tree / "bad.txt"
    bad.write_bytes(b"\x81\x20\xff\xfe,\xff")
    run = wenlint("check", "--fix", "bad.txt")
    assert run.code == 2 and "bad.txt" in run.err and "cannot decode" in run.err
    assert bad.read_bytes() == b"\x81\x20\xff\xfe,\xff"


def test_exit_two_on_a_binary_explicit_file_which_stays_untouched(tree, wenlint):
    bad = tree / "bad.txt"
    bad.write_bytes(b"PK\x03\x04\x00\x00,")
    run = wenlint("check", "--fix", "bad.txt")
    assert run.code == 2 and "error: bad.txt: binary file" in run.err
    assert bad.read_bytes() == b"PK\x03\x04\x00\x00,"


def test_exit_two_beats_diagnostics_in_other_files(tree, wenlint):
    (tree / "bad.txt").write_bytes(b"\x00")
    assert wenlint("check", "bad.txt", "docs/a.txt").code == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_exit_two_on_an_unreadable_file(tree, wenlint):
    path = tree / "docs" / "a.txt"
    path.chmod(0)
    run = wenlint("check", "docs/a.txt")
    assert run.code == 2 and "docs/a.txt" in run.err


def test_no_command_prints_help_and_exits_two(wenlint):
    run = wenlint()
    assert run.code == 2 and "check" in run.out


def test_unknown_option_is_a_usage_error(wenlint):
    assert wenlint("check", "--bogus").code == 2


# --- other commands -----------------------------------------------------------------------------

def test_rules_lists_every_rule(wenlint):
    run = wenlint("rules")
    assert run.code == 0 and "WL101" in run.out and "spun-ze-in-word" in run.out


def test_rules_json_is_a_list_of_rules(wenlint):
    rules = json.loads(wenlint("rules", "--format", "json").out)
    assert {"code", "name", "category", "severity", "fix", "message"} <= set(rules[0])


def test_rule_shows_documentation_and_examples(wenlint):
    run = wenlint("rule", "WL101")
    assert run.code == 0 and "Why:" in run.out and "bad:" in run.out


def test_rule_accepts_the_rule_name(wenlint):
    assert wenlint("rule", "spun-ze-in-word").out == wenlint("rule", "WL101").out


def test_rule_unknown_code_exits_two(wenlint):
    run = wenlint("rule", "WL999")
    assert run.code == 2 and "WL999" in run.err


def test_version_prints_the_version(wenlint):
    from wenlint import __version__

    run = wenlint("--version")
    assert run.code == 0 and run.out.startswith(f"wenlint {__version__}")


def test_python_m_wenlint_runs_the_command_line(tmp_path):
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "wenlint", "check", "--format", "json", "a.txt"],
                         cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 1, run.stderr
    assert [d["code"] for d in json.loads(run.stdout)] == ["WL321", "WL321", "WL101"]


def test_console_script_reads_stdin(tmp_path):
    exe = os.path.join(os.path.dirname(sys.executable), "wenlint")
    if not os.path.exists(exe):
        pytest.skip("wenlint console script not installed next to this interpreter")
    run = subprocess.run([exe, "check", "--fix", "-", "--stdin-filename", "x.txt"], input=DAMAGED.encode(),
                         cwd=tmp_path, capture_output=True)
    assert run.stdout.decode() == REPAIRED and run.returncode == 1


def test_a_missing_data_file_is_named_instead_of_the_document(tree, wenlint, monkeypatch):

    class Broken:
        rules = []

        def lint(self, text, path="-"):
            raise FileNotFoundError(2, "No such file or directory", "/site-packages/linter/rules/table.tsv")

    monkeypatch.setattr(runner, "linter_for", lambda settings: Broken())
    run = wenlint("check", "docs/a.txt")
    assert run.code == 2 and "rules/table.tsv" in run.err and "docs/a.txt: cannot lint it" in run.err


@pytest.mark.parametrize("encoding, bom", [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
                                           ("gb18030", b"")])
def test_format_json_offsets_count_characters_after_the_bom(tree, wenlint, encoding, bom):
    text = "𠀀\r\n" + DAMAGED  # an astral character (two UTF-16 units, four bytes) and a CRLF first
    (tree / "x.txt").write_bytes(bom + text.encode(encoding))
    first = json.loads(wenlint("check", "--format", "json", "x.txt").out)[0]
    assert (first["offset"], first["line"], first["column"]) == (text.index(":"), 2, 4)


def test_force_exclude_applies_exclude_to_named_files(tmp_path, monkeypatch):
    """pre-commit names every file; --force-exclude keeps the configured exclude in force."""
    from wenlint.cli import main

    (tmp_path / "wenlint.toml").write_text('exclude = ["vendor/*"]\n', encoding="utf-8")
    (tmp_path / "vendor").mkdir()
    damaged = tmp_path / "vendor" / "a.txt"
    damaged.write_text("坚持原那么。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--quiet", "vendor/a.txt"]) == 1
    assert main(["check", "--quiet", "--force-exclude", "vendor/a.txt"]) == 0


# --- as ruff users expect -----------------------------------------------------------------------

def test_select_takes_comma_lists(tree, wenlint):
    run = wenlint("check", "--output-format", "json", "--select", "WL101,WL321", "docs/a.txt")
    assert set(codes(run)) == {"WL101", "WL321"}


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
def test_an_unknown_code_on_the_command_line_exits_two(tree, wenlint, option):
    run = wenlint("check", option, "WL101,WL999", "docs")
    assert run.code == 2 and "'WL999' (on the command line): no rule" in run.err
    assert "Found" not in run.out + run.err


def test_an_unknown_code_in_the_configuration_exits_two(tree, wenlint):
    (tree / "wenlint.toml").write_text('ignore = ["WL998"]\n', encoding="utf-8")
    run = wenlint("check", "docs/a.txt")
    assert run.code == 2 and "'WL998' (in " in run.err and "wenlint.toml" in run.err
    assert run.err.count("WL998") == 1 and "Found 0 problems" not in run.out


def test_a_prefix_of_known_codes_is_accepted(tree, wenlint):
    assert wenlint("check", "--quiet", "--select", "WL10", "docs/a.txt").code == 1


def test_output_format_concise_is_one_line_per_diagnostic(tree, wenlint):
    run = wenlint("check", "--output-format", "concise", "docs/a.txt")
    lines = run.out.splitlines()
    assert lines[0] == "docs/a.txt:1:4: WL321 [*] 中文语句中使用了半角标点“:”，应为“：” / half-width punctuation in Chinese text"
    assert [line.split()[1] for line in lines[:3]] == ["WL321", "WL321", "WL101"]
    assert lines[3] == "Found 3 problems."


def test_format_is_an_alias_of_output_format(tree, wenlint):
    assert wenlint("check", "--format", "json", "docs").out == wenlint("check", "--output-format", "json", "docs").out


def test_color_always_paints_and_never_does_not(tree, wenlint):
    assert "\x1b[" in wenlint("check", "--color", "always", "docs/a.txt").out
    assert "\x1b[" not in wenlint("check", "--color", "never", "docs/a.txt").out


def test_color_auto_is_off_with_no_color_even_on_a_terminal(tree, wenlint, monkeypatch):
    stream = type("Terminal", (), {"isatty": lambda self: True})()
    assert writers.use_color("auto", stream)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not writers.use_color("auto", stream)
    assert writers.use_color("always", stream)  # an explicit choice beats the environment


def test_color_auto_is_off_when_piped(tree, wenlint, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" not in wenlint("check", "docs/a.txt").out


def test_a_gitignored_file_is_skipped(tree, wenlint):
    (tree / ".git").mkdir()
    (tree / ".gitignore").write_text("generated/\n*.draft.txt\n", encoding="utf-8")
    (tree / "docs" / "generated").mkdir()
    (tree / "docs" / "generated" / "g.txt").write_text(DAMAGED, encoding="utf-8")
    (tree / "docs" / "x.draft.txt").write_text(DAMAGED, encoding="utf-8")
    assert set(paths(wenlint("check", "--output-format", "json", "docs"))) == {"docs/a.txt", "docs/sub/b.md"}
    assert set(paths(wenlint("check", "--output-format", "json", "docs/x.draft.txt"))) == {"docs/x.draft.txt"}


def test_a_gitignored_folder_named_on_the_command_line_is_linted(tree, wenlint):
    (tree / ".git").mkdir()
    (tree / ".gitignore").write_text("docs/\n", encoding="utf-8")
    assert paths(wenlint("check", "--output-format", "json", ".")) == []
    assert set(paths(wenlint("check", "--output-format", "json", "docs"))) == {"docs/a.txt", "docs/sub/b.md"}


def test_a_nested_gitignore_can_re_include(tree, wenlint):
    (tree / ".gitignore").write_text("*.md\n", encoding="utf-8")
    assert set(paths(wenlint("check", "--output-format", "json", "."))) == {"docs/a.txt"}
    (tree / "docs" / "sub" / ".gitignore").write_text("!b.md\n", encoding="utf-8")
    assert set(paths(wenlint("check", "--output-format", "json", "."))) == {"docs/a.txt", "docs/sub/b.md"}


def test_respect_gitignore_false_lints_ignored_files(tree, wenlint):
    (tree / ".git").mkdir()  # the .gitignore of a parent folder counts inside its repository
    (tree / ".gitignore").write_text("sub/\n", encoding="utf-8")
    assert "docs/sub/b.md" not in paths(wenlint("check", "--output-format", "json", "docs"))
    config.for_directory.cache_clear()  # settings are cached per run
    (tree / "wenlint.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    assert "docs/sub/b.md" in paths(wenlint("check", "--output-format", "json", "docs"))


@pytest.mark.parametrize("folder", [".venv", ".cache", "venv", "build", "dist", "_build", "node_modules"])
def test_hidden_and_build_folders_are_skipped(tree, wenlint, folder):
    (tree / "docs" / folder).mkdir()
    (tree / "docs" / folder / "c.txt").write_text(DAMAGED, encoding="utf-8")
    assert set(paths(wenlint("check", "--output-format", "json", "docs"))) == {"docs/a.txt", "docs/sub/b.md"}


def test_exclude_and_extend_exclude_are_gitignore_style(tree, wenlint):
    (tree / "wenlint.toml").write_text('exclude = ["sub/"]\n', encoding="utf-8")
    assert set(paths(wenlint("check", "--output-format", "json", "docs"))) == {"docs/a.txt"}
    # --exclude replaces the configured patterns
    assert set(paths(wenlint("check", "--output-format", "json", "--exclude", "a.txt", "docs"))) == {"docs/sub/b.md"}
    run = wenlint("check", "--output-format", "json", "--extend-exclude", "/docs/a.txt", "docs")
    assert run.out.strip() == "[]"


def test_extend_exclude_in_the_configuration_adds_to_exclude(tree, wenlint):
    (tree / "wenlint.toml").write_text('exclude = ["*.md"]\nextend-exclude = ["docs/a.txt"]\n', encoding="utf-8")
    assert json.loads(wenlint("check", "--output-format", "json", "docs").out) == []


def test_found_zero_problems_is_not_printed_beside_an_error(tree, wenlint):
    (tree / "ok.txt").write_text(REPAIRED, encoding="utf-8")
    run = wenlint("check", "ok.txt", "missing.txt")
    assert run.code == 2 and "missing.txt" in run.err and "Found" not in run.out


def test_statistics_has_a_total_line(tree, wenlint):
    lines = wenlint("check", "--statistics", "docs/a.txt").out.splitlines()
    assert lines[2:] == ["Found 3 problems.", "[*] 3 fixable with the `--fix` option."]


def test_statistics_as_json(tree, wenlint):
    data = json.loads(wenlint("check", "--statistics", "--output-format", "json", "docs/a.txt").out)
    assert data == [{"code": "WL321", "name": "halfwidth-punctuation", "count": 2, "fixable": True},
                    {"code": "WL101", "name": "spun-ze-in-word", "count": 1, "fixable": True}]


def test_stdin_filename_without_a_dash_reads_stdin(tree, wenlint):
    run = wenlint("check", "--output-format", "json", "--stdin-filename", "in/doc.txt", stdin=DAMAGED.encode())
    assert set(paths(run)) == {"in/doc.txt"} and run.code == 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_closed_pipe_ends_the_run_quietly(tree, jobs):
    for i in range(40):  # 300 KB: enough for workers with --jobs 2
        (tree / "docs" / f"f{i:02}.txt").write_text(DAMAGED * 150, encoding="utf-8")
    run = subprocess.run(f"{sys.executable} -m wenlint check --jobs {jobs} docs | head -n 1", shell=True, cwd=tree,
                         capture_output=True, text=True)
    assert run.stdout.startswith("docs/a.txt:") and run.stderr == ""


def test_rule_shows_a_user_pack_rule_with_its_message_as_a_user_sees_it(tree, wenlint):
    (tree / "terms.toml").write_text('''
[[rule]]
code = "WL991"
name = "our-term"
category = "typo"
severity = "warning"
message = "“{found}”应写作“{fix}” / write {fix}"
why = "Our house style."
fix = "safe"
kind = "substitution"
entries = [{ wrong = "登陆", right = "登录" }]
examples = { bad = ["请登陆系统。"], good = ["请登录系统。"], ok = ["请登录系统。"] }
''', encoding="utf-8")
    (tree / "wenlint.toml").write_text('rule-packs = ["terms.toml"]\n', encoding="utf-8")
    run = wenlint("rule", "WL991")
    assert run.code == 0 and "“登陆”应写作“登录” / write 登录" in run.out and "{found}" not in run.out
    assert "{fix}" not in wenlint("rule", "WL201").out


def test_sarif_rule_descriptions_have_no_templates(tree, wenlint):
    log = json.loads(wenlint("check", "--output-format", "sarif", "docs").out)
    texts = [r["shortDescription"]["text"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert texts and not any("{" in t for t in texts)
    assert "“…”应为“…”" in texts[[r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]].index("WL101")]


def test_sarif_of_a_run_validates_against_the_official_schema(tree, wenlint):
    jsonschema = pytest.importorskip("jsonschema")
    from test_report import SARIF_SCHEMA

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(json.loads(wenlint("check", "--output-format", "sarif", "docs").out))


def test_sarif_lists_the_rules_of_every_files_linter(tree, wenlint):
    (tree / "docs" / "sub" / "wenlint.toml").write_text('select = ["WL1"]\n', encoding="utf-8")
    (tree / "docs" / "wenlint.toml").write_text('select = ["WL3"]\n', encoding="utf-8")
    ids = {r["id"] for r in json.loads(wenlint("check", "--output-format", "sarif", "--jobs", "1", "docs").out)
           ["runs"][0]["tool"]["driver"]["rules"]}
    assert "WL101" in ids and "WL321" in ids


def test_progress_on_a_terminal_names_a_large_file_and_counts_bytes(tmp_path):
    import io

    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_bytes(b"x" * pool.Progress.LARGE)
    small.write_bytes(b"x" * 1000)
    stream = io.StringIO()
    progress = pool.Progress(stream, [str(small), str(big)])
    for f in (str(small), str(big)):
        progress.start(f)
        progress.done(f)
    progress.close()
    shown = stream.getvalue().split("\r\x1b[K")
    assert shown[1:] == [f"wenlint: {big}: 1.0 MB, 1.0 KB of 1.0 MB done", "wenlint: 1.0 MB of 1.0 MB, 2/2 files", ""]


def test_no_progress_when_not_asked(tmp_path):
    import io

    stream = io.StringIO()
    progress = pool.Progress(stream, [])
    progress.start("x")
    progress.done("x")
    progress.close()
    assert stream.getvalue() == ""


def test_progress_follows_a_file_read_window_by_window(tree, monkeypatch, capsys):
    import functools

    from wenlint import stream

    big = tree / "big.txt"
    big.write_text(("坚持原那么。\n\n" * 400), encoding="utf-8")
    monkeypatch.setattr(stream, "wanted", lambda path: path == str(big))
    monkeypatch.setattr(stream, "windows", functools.partial(stream.windows, window=1000))
    opts = runner.Options(output_format="json")
    assert list(pool.run_all([str(big)], opts, 1, None, progress=True))[0].found
    shown = capsys.readouterr().err.split("\r\x1b[K")
    size = f"{big.stat().st_size / 1e3:.1f} KB"
    windows = [s for s in shown if s.startswith(f"wenlint: {big}: ") and "in all" in s]
    assert len(windows) >= 3 and windows[-1] == f"wenlint: {big}: {size} of {size}, {size} of {size} in all"


def test_check_runs_the_collector_less_often_and_restores_its_thresholds(tmp_path, monkeypatch):
    import gc

    from wenlint import cli

    seen = []
    monkeypatch.setattr(cli, "cmd_check", lambda a: seen.append(gc.get_threshold()) or 0)
    before = gc.get_threshold()
    assert cli.main(["check", str(tmp_path)]) == 0
    assert seen == [cli.GC_THRESHOLDS] and gc.get_threshold() == before
