"""Configuration: ``[tool.wenlint]`` in pyproject.toml, wenlint.toml or .wenlint.toml, found upward."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DAMAGED, REPAIRED
from wenlint import config
from wenlint.config import ConfigError, Settings

PACK = '''
[[rule]]
code = "WL901"
name = "house-style-word"
category = "typo"
severity = "warning"
wrong = "帐号"
right = "账号"
fix = "safe"
message = "“{found}”应为“{fix}”"
why = "House style."
[rule.examples]
bad = ["注册帐号。"]
good = ["注册账号。"]
ok = ["注册账号。"]
'''


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.txt").write_text(DAMAGED, encoding="utf-8")
    return tmp_path


def codes(run) -> list[str]:
    return [d["code"] for d in json.loads(run.out)]


def check(wenlint, *args):
    return wenlint("check", "--format", "json", "--jobs", "1", *args)


# --- where settings come from --------------------------------------------------------------------

def test_defaults_select_every_rule():
    s = Settings()
    assert s.selects("WL101") and s.selects("WL651") and not s.unsafe_fixes


def test_pyproject_tool_wenlint_table_is_read(project, wenlint):
    (project / "pyproject.toml").write_text('[tool.wenlint]\nselect = ["WL1"]\n', encoding="utf-8")
    assert codes(check(wenlint, "doc.txt")) == ["WL101"]


def test_pyproject_without_the_table_is_passed_over(project, wenlint):
    (project / "wenlint.toml").write_text('select = ["WL1"]\n', encoding="utf-8")
    (project / "sub").mkdir()
    (project / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (project / "sub" / "doc.txt").write_text(DAMAGED, encoding="utf-8")
    assert codes(check(wenlint, "sub/doc.txt")) == ["WL101"]


def test_wenlint_toml_is_read(project, wenlint):
    (project / "wenlint.toml").write_text('ignore = ["WL321"]\n', encoding="utf-8")
    assert codes(check(wenlint, "doc.txt")) == ["WL101"]


def test_dot_wenlint_toml_wins_over_wenlint_toml_in_one_folder(project, wenlint):
    (project / "wenlint.toml").write_text('ignore = ["WL321"]\n', encoding="utf-8")
    (project / ".wenlint.toml").write_text('ignore = ["WL101"]\n', encoding="utf-8")
    assert codes(check(wenlint, "doc.txt")) == ["WL321", "WL321"]


def test_config_is_found_upward_from_each_file(project, wenlint):
    (project / "a" / "deep").mkdir(parents=True)
    (project / "b").mkdir()
    (project / "a" / "wenlint.toml").write_text('select = ["WL1"]\n', encoding="utf-8")
    (project / "a" / "deep" / "x.txt").write_text(DAMAGED, encoding="utf-8")
    (project / "b" / "y.txt").write_text(DAMAGED, encoding="utf-8")
    data = json.loads(check(wenlint, "a", "b").out)
    assert {d["code"] for d in data if d["path"].startswith("a/")} == {"WL101"}
    assert {d["code"] for d in data if d["path"].startswith("b/")} == {"WL101", "WL321"}


def test_nearest_config_wins(project, wenlint):
    (project / "wenlint.toml").write_text('select = ["WL1"]\n', encoding="utf-8")
    (project / "sub").mkdir()
    (project / "sub" / "wenlint.toml").write_text('select = ["WL3"]\n', encoding="utf-8")
    (project / "sub" / "doc.txt").write_text(DAMAGED, encoding="utf-8")
    assert set(codes(check(wenlint, "sub/doc.txt"))) == {"WL321"}


def test_config_option_replaces_the_search(project, wenlint):
    (project / "wenlint.toml").write_text('select = ["WL1"]\n', encoding="utf-8")
    (project / "other.toml").write_text('select = ["WL3"]\n', encoding="utf-8")
    assert set(codes(check(wenlint, "--config", "other.toml", "doc.txt"))) == {"WL321"}


def test_command_line_select_overrides_config_select(project, wenlint):
    (project / "wenlint.toml").write_text('select = ["WL1"]\n', encoding="utf-8")
    assert set(codes(check(wenlint, "--select", "WL3", "doc.txt"))) == {"WL321"}


def test_command_line_ignore_adds_to_config_ignore(project, wenlint):
    (project / "wenlint.toml").write_text('ignore = ["WL101"]\n', encoding="utf-8")
    assert codes(check(wenlint, "--ignore", "WL321", "doc.txt")) == []


# --- keys ----------------------------------------------------------------------------------------

def test_extend_select_adds_to_select(project, wenlint):
    (project / "wenlint.toml").write_text('select = ["WL1"]\nextend-select = ["WL321"]\n', encoding="utf-8")
    assert set(codes(check(wenlint, "doc.txt"))) == {"WL101", "WL321"}


def test_select_all_selects_everything():
    assert Settings(select=("ALL",)).selects("WL999")


def test_per_file_ignores_apply_to_matching_paths(project, wenlint):
    (project / "wenlint.toml").write_text('[per-file-ignores]\n"legacy/*.txt" = ["WL3"]\n', encoding="utf-8")
    (project / "legacy").mkdir()
    (project / "legacy" / "old.txt").write_text(DAMAGED, encoding="utf-8")
    data = json.loads(check(wenlint, "legacy/old.txt", "doc.txt").out)
    assert {d["code"] for d in data if d["path"] == "legacy/old.txt"} == {"WL101"}
    assert {d["code"] for d in data if d["path"] == "doc.txt"} == {"WL101", "WL321"}


def test_per_file_ignores_are_relative_to_the_config_not_the_cwd(project, wenlint, monkeypatch):
    (project / "wenlint.toml").write_text('[per-file-ignores]\n"legacy/*" = ["WL"]\n', encoding="utf-8")
    (project / "legacy").mkdir()
    (project / "legacy" / "old.txt").write_text(DAMAGED, encoding="utf-8")
    monkeypatch.chdir(project / "legacy")
    assert codes(check(wenlint, "old.txt")) == []


def test_exclude_skips_files_when_walking(project, wenlint):
    (project / "wenlint.toml").write_text('exclude = ["vendor", "*.md"]\n', encoding="utf-8")
    (project / "vendor").mkdir()
    (project / "vendor" / "x.txt").write_text(DAMAGED, encoding="utf-8")
    (project / "readme.md").write_text(DAMAGED, encoding="utf-8")
    assert {d["path"] for d in json.loads(check(wenlint, ".").out)} == {"doc.txt"}


def test_unsafe_fixes_true_in_config_applies_unsafe_fixes(project, wenlint):
    (project / "wenlint.toml").write_text("unsafe-fixes = true\n", encoding="utf-8")
    (project / "q.txt").write_text("他说：“我们要努力。\n", encoding="utf-8")
    wenlint("check", "--fix", "q.txt")
    assert (project / "q.txt").read_text(encoding="utf-8") == "他说：“我们要努力。”\n"


def test_allow_phrases_are_never_flagged(project, wenlint):
    (project / "wenlint.toml").write_text('allow = ["原那么"]\n', encoding="utf-8")
    assert "WL101" not in codes(check(wenlint, "doc.txt"))


def test_allow_phrase_covers_only_its_own_occurrences(project, wenlint):
    (project / "wenlint.toml").write_text('allow = ["说原那么"]\n', encoding="utf-8")
    (project / "doc.txt").write_text("他说原那么。坚持原那么。\n", encoding="utf-8")
    data = json.loads(check(wenlint, "doc.txt").out)
    assert [d["offset"] for d in data if d["code"] == "WL101"] == [8]


def test_allow_placeholders_keeps_template_placeholders(project, wenlint):
    (project / "doc.txt").write_text("20XX年全市组织工作要点。\n", encoding="utf-8")
    assert codes(check(wenlint, "doc.txt")) == ["WL541"]
    config.for_directory.cache_clear()
    (project / "wenlint.toml").write_text('allow-placeholders = ["20XX"]\n', encoding="utf-8")
    assert codes(check(wenlint, "doc.txt")) == []


def test_rule_packs_add_rules_relative_to_the_config(project, wenlint):
    (project / "packs").mkdir()
    (project / "packs" / "house.toml").write_text(PACK, encoding="utf-8")
    (project / "wenlint.toml").write_text('rule-packs = ["packs/house.toml"]\n', encoding="utf-8")
    (project / "sub").mkdir()
    (project / "sub" / "doc.txt").write_text("请注册帐号。\n", encoding="utf-8")
    assert codes(check(wenlint, "sub/doc.txt")) == ["WL901"]
    assert wenlint("check", "--fix", "sub/doc.txt").code == 1
    assert (project / "sub" / "doc.txt").read_text(encoding="utf-8") == "请注册账号。\n"


def test_rules_command_lists_the_packs_of_a_config(project, wenlint):
    (project / "house.toml").write_text(PACK, encoding="utf-8")
    (project / "wenlint.toml").write_text('rule-packs = ["house.toml"]\n', encoding="utf-8")
    assert "WL901" in wenlint("rules", "--config", "wenlint.toml").out


# --- errors ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("body, key", [
    ('colour = "red"\n', "colour"),
    ('select = "WL1"\n', "select"),
    ('select = [1]\n', "select"),
    ('select = ["E501"]\n', "select"),
    ('ignore = ["wl101"]\n', "ignore"),
    ('extend-select = [""]\n', "extend-select"),
    ('unsafe-fixes = "yes"\n', "unsafe-fixes"),
    ('per-file-ignores = ["x"]\n', "per-file-ignores"),
    ('[per-file-ignores]\n"*.md" = "WL1"\n', "per-file-ignores"),
    ('[per-file-ignores]\n"*.md" = ["bogus"]\n', "per-file-ignores"),
    ('allow = "原那么"\n', "allow"),
    ('exclude = [true]\n', "exclude"),
    ('rule-packs = ["missing.toml"]\n', "rule-packs"),
])
def test_bad_key_or_value_is_an_error_naming_file_and_key(project, wenlint, body, key):
    (project / "wenlint.toml").write_text(body, encoding="utf-8")
    run = check(wenlint, "doc.txt")
    assert run.code == 2
    assert "wenlint.toml" in run.err and f"'{key}'" in run.err


def test_bad_key_in_pyproject_names_pyproject(project, wenlint):
    (project / "pyproject.toml").write_text('[tool.wenlint]\nselct = ["WL1"]\n', encoding="utf-8")
    run = check(wenlint, "doc.txt")
    assert run.code == 2 and "pyproject.toml" in run.err and "'selct'" in run.err


def test_invalid_toml_is_an_error_naming_the_file(project, wenlint):
    (project / "wenlint.toml").write_text("select = [\n", encoding="utf-8")
    run = check(wenlint, "doc.txt")
    assert run.code == 2 and "wenlint.toml" in run.err


def test_config_option_with_a_bad_file_exits_two(project, wenlint):
    (project / "bad.toml").write_text("nope = 1\n", encoding="utf-8")
    run = check(wenlint, "--config", "bad.toml", "doc.txt")
    assert run.code == 2 and "bad.toml" in run.err and "'nope'" in run.err


def test_config_option_with_a_missing_file_exits_two(project, wenlint):
    run = check(wenlint, "--config", "missing.toml", "doc.txt")
    assert run.code == 2 and "missing.toml" in run.err


def test_config_option_on_pyproject_without_the_table_exits_two(project, wenlint):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    run = check(wenlint, "--config", "pyproject.toml", "doc.txt")
    assert run.code == 2 and "[tool.wenlint]" in run.err


def test_a_config_error_is_reported_once_for_many_files(project, wenlint):
    (project / "wenlint.toml").write_text("nope = 1\n", encoding="utf-8")
    for i in range(5):
        (project / f"d{i}.txt").write_text(DAMAGED, encoding="utf-8")
    assert check(wenlint, ".").err.count("'nope'") == 1


def test_bad_user_pack_fails_naming_file_rule_and_key(project, wenlint):
    (project / "house.toml").write_text(PACK.replace('wrong = "帐号"', 'wrong = "帐号"\ncolour = 1'),
                                        encoding="utf-8")
    (project / "wenlint.toml").write_text('rule-packs = ["house.toml"]\n', encoding="utf-8")
    run = check(wenlint, "doc.txt")
    assert run.code == 2 and "house.toml" in run.err and "WL901" in run.err and "'colour'" in run.err


def test_parse_makes_rule_pack_paths_relative_to_the_config(tmp_path):
    (tmp_path / "p.toml").write_text(PACK, encoding="utf-8")
    s = config.parse({"rule-packs": ["p.toml"]}, tmp_path / "wenlint.toml")
    assert s.rule_packs == (tmp_path / "p.toml",) and s.root == tmp_path


def test_load_raises_config_error_naming_file_and_key(tmp_path):
    path = tmp_path / "wenlint.toml"
    path.write_text('unsafe-fixes = 1\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"wenlint\.toml: key 'unsafe-fixes'"):
        config.load(path)


def test_settings_without_config_share_one_linter(tmp_path):
    from wenlint import runner

    a = runner.linter_for(Settings(root=tmp_path / "a"))
    b = runner.linter_for(Settings(root=tmp_path / "b"))
    assert a is b


def test_fixing_with_config_keeps_repaired_text(project, wenlint):
    (project / "wenlint.toml").write_text('select = ["ALL"]\n', encoding="utf-8")
    wenlint("check", "--fix", "doc.txt")
    assert Path("doc.txt").read_text(encoding="utf-8") == REPAIRED


def test_deeply_nested_configuration_is_a_clear_error(tmp_path):
    path = tmp_path / "wenlint.toml"
    path.write_text("select = " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    with pytest.raises(config.ConfigError, match="wenlint.toml: cannot read configuration: nested"):
        config.load(path)
