"""Loading rule packs: every error names the file, the rule and the key."""
from __future__ import annotations

import re

import pytest

from wenlint.packs import PackError, builtin_pack_paths, load_pack, load_rules

RULE = '''
[[rule]]
code = "WL901"
name = "house-style-word"
category = "typo"
severity = "warning"
{body}
fix = "safe"
message = "“{{found}}”应为“{{fix}}”"
why = "House style."
{examples}
'''
SUBSTITUTION = 'wrong = "帐号"\nright = "账号"'
PATTERN = "pattern = '帐(?=号)'\nreplacement = \"账\""
EXAMPLES = '[rule.examples]\nbad = ["注册帐号。"]\ngood = ["注册账号。"]\nok = ["注册账号。"]'


def pack(tmp_path, body=SUBSTITUTION, examples=EXAMPLES, name="house.toml", extra=""):
    path = tmp_path / name
    path.write_text(RULE.format(body=body, examples=examples) + extra, encoding="utf-8")
    return path


def error(path) -> str:
    with pytest.raises(PackError) as info:
        load_rules([path])
    return str(info.value)


def names_file_rule_and_key(message: str, path, rule: str, key: str) -> bool:
    return str(path) in message and rule in message and re.search(rf"'{re.escape(key)}'", message) is not None


def test_a_good_user_pack_adds_its_rules(tmp_path):
    rules = load_rules([pack(tmp_path)])
    assert "WL901" in [r.code for r in rules]
    assert rules == sorted(rules, key=lambda r: r.code)


def test_builtin_packs_load_without_error():
    assert builtin_pack_paths() and load_rules()


def test_bad_regex_names_file_rule_and_key(tmp_path):
    path = pack(tmp_path, body="pattern = '帐(号'\nreplacement = \"账\"")
    message = error(path)
    assert names_file_rule_and_key(message, path, "WL901", "pattern") and "regular expression" in message


def test_bad_condition_regex_in_entries_names_file_rule_and_key(tmp_path):
    path = pack(tmp_path, body="entries = [{wrong = '帐号', right = '账号', before = '(['}]")
    assert names_file_rule_and_key(error(path), path, "WL901", "entries[0].before")


def test_bad_rule_level_condition_regex_names_the_key_as_written(tmp_path):
    path = pack(tmp_path, body=SUBSTITUTION + "\nbefore = '(['")
    assert names_file_rule_and_key(error(path), path, "WL901", "before")


def test_duplicate_code_in_one_pack_names_file_rule_and_code(tmp_path):
    path = pack(tmp_path, extra=RULE.format(body=SUBSTITUTION, examples=EXAMPLES).replace(
        "house-style-word", "another-word"))
    message = error(path)
    assert str(path) in message and "WL901" in message and "already defined" in message


def test_duplicate_of_a_builtin_code_names_both_packs(tmp_path):
    path = pack(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("WL901", "WL101"), encoding="utf-8")
    message = error(path)
    assert str(path) in message and "WL101" in message and "spinning.toml" in message


def test_duplicate_name_is_an_error(tmp_path):
    path = pack(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("house-style-word", "spun-ze-in-word"),
                    encoding="utf-8")
    message = error(path)
    assert "spun-ze-in-word" in message and "already defined" in message


def test_unknown_rule_key_names_file_rule_and_key(tmp_path):
    path = pack(tmp_path, body=SUBSTITUTION + "\ncolour = 'red'")
    assert names_file_rule_and_key(error(path), path, "WL901", "colour")


def test_unknown_entry_key_names_file_rule_and_key(tmp_path):
    path = pack(tmp_path, body='entries = [{wrong = "帐号", right = "账号", colour = 1}]')
    assert names_file_rule_and_key(error(path), path, "WL901", "entries[0].colour")


def test_unknown_top_level_key_names_file_and_key(tmp_path):
    path = pack(tmp_path, extra="\n[packs]\nname = 'x'\n")
    message = error(path)
    assert str(path) in message and "'packs'" in message


def test_missing_examples_names_file_rule_and_key(tmp_path):
    path = pack(tmp_path, examples="")
    assert names_file_rule_and_key(error(path), path, "WL901", "examples")


def test_examples_without_an_ok_example_are_an_error(tmp_path):
    path = pack(tmp_path, examples='[rule.examples]\nbad = ["注册帐号。"]')
    assert names_file_rule_and_key(error(path), path, "WL901", "examples")


def test_good_examples_must_pair_with_bad_ones(tmp_path):
    path = pack(tmp_path, examples='[rule.examples]\nbad = ["注册帐号。"]\ngood = ["a", "b"]\nok = ["x"]')
    assert names_file_rule_and_key(error(path), path, "WL901", "examples.good")


@pytest.mark.parametrize("key, old, new", [
    ("code", 'code = "WL901"', 'code = "X901"'),
    ("name", 'name = "house-style-word"', 'name = "House Style"'),
    ("category", 'category = "typo"', 'category = "style"'),
    ("severity", 'severity = "warning"', 'severity = "fatal"'),
    ("fix", 'fix = "safe"', 'fix = "maybe"'),
    ("why", 'why = "House style."', 'why = ""'),
])
def test_bad_value_names_file_rule_and_key(tmp_path, key, old, new):
    path = pack(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    message = error(path)
    assert str(path) in message and f"'{key}'" in message


def test_pattern_with_a_fix_needs_a_replacement(tmp_path):
    path = pack(tmp_path, body="pattern = '帐(?=号)'")
    assert names_file_rule_and_key(error(path), path, "WL901", "replacement")


def test_unknown_check_names_file_rule_and_key(tmp_path):
    path = pack(tmp_path, body='check = "no-such-check"')
    assert names_file_rule_and_key(error(path), path, "WL901", "check")


def test_invalid_toml_names_the_file(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[[rule]\n", encoding="utf-8")
    message = error(path)
    assert str(path) in message and "TOML" in message


def test_missing_pack_file_names_the_file(tmp_path):
    message = error(tmp_path / "absent.toml")
    assert "absent.toml" in message


def test_rule_without_a_code_is_named_by_its_position(tmp_path):
    path = pack(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace('code = "WL901"\n', ""), encoding="utf-8")
    message = error(path)
    assert str(path) in message and "#1" in message and "'code'" in message


def test_load_pack_returns_rules_of_that_file_only(tmp_path):
    rules = load_pack(pack(tmp_path, body=PATTERN))
    assert [(r.code, r.kind) for r in rules] == [("WL901", "pattern")]


def test_every_condition_of_the_shipped_packs_compiles():
    """Shipped packs compile their conditions on first use; this proves each one does."""
    for path in builtin_pack_paths():
        load_pack(path, strict=True)


def _found(path, text):
    from wenlint.config import Settings
    from wenlint.engine import Linter

    linter = Linter(load_rules([path]), Settings(select=("WL901",)))
    return [text[d.start:d.end] for d in linter.lint(text)]


def test_a_word_entry_fires_only_where_jieba_reads_the_form_as_a_word(tmp_path):
    path = pack(tmp_path, body='wrong = "效劳"\nright = "服务"\nword = true',
                examples='[rule.examples]\nbad = ["提供效劳。"]\nok = ["无效劳动。"]')
    assert _found(path, "为群众提供效劳。") == ["效劳"]
    assert _found(path, "要减少无效劳动。") == []


def test_a_context_entry_fires_only_where_the_model_prefers_the_right_form(tmp_path):
    path = pack(tmp_path, body='wrong = "开展"\nright = "发展"\ncontext = 2.0',
                examples='[rule.examples]\nbad = ["经济开展迅速。"]\nok = ["开展工作。"]')
    assert _found(path, "全区经济开展迅速。") == ["开展"]
    assert _found(path, "我们要开展工作。") == []
