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
    assert _found(path, "全区经济开展较快。") == ["开展"]
    assert _found(path, "我们要开展工作。") == []


UNSPUN_EXAMPLES = '[rule.examples]\nbad = ["推动经济社会开展。"]\nok = ["开展工作。"]'
UNSPUN = 'entries = [{ wrong = "开展", right = "发展", fix = "unsafe", after = "迅速|。" }]\nunspun = 2.0'


def test_an_unspun_entry_needs_the_model_where_the_text_shows_no_spinning(tmp_path):
    """新经济组织开展迅速 reads about as well either way (margin below 2): alone it is left as written;
    beside a never-right form (原那么) the text is spun and the entry fires as without the key."""
    path = pack(tmp_path, body=UNSPUN, examples=UNSPUN_EXAMPLES)
    assert _found(path, "新经济组织开展迅速。") == []
    assert _found(path, "坚持原那么，新经济组织开展迅速。") == ["开展"]
    assert _found(path, "推动经济社会开展。") == ["开展"]  # the model prefers 发展 by 5


def test_an_unspun_margin_leaves_safe_entries_alone(tmp_path):
    """A safe entry's wrong form is never right: it is evidence itself, and needs none."""
    path = pack(tmp_path, body=UNSPUN.replace('fix = "unsafe"', 'fix = "safe"'), examples=UNSPUN_EXAMPLES)
    assert _found(path, "新经济组织开展迅速。") == ["开展"]


def test_an_unspun_margin_must_be_a_number(tmp_path):
    path = pack(tmp_path, body=SUBSTITUTION + '\nunspun = "high"')
    assert names_file_rule_and_key(error(path), path, "WL901", "unspun")


# --- the rule contract: typed specs, declared check options and message fields ---------------------

CHECK_RULE = '''
[[rule]]
code = "WL902"
name = "{name}"
category = "ocr"
severity = "warning"
kind = "check"
{body}
fix = "safe"
message = "{message}"
why = "House style."
[rule.examples]
bad = ["纽织"]
ok = ["组织"]
'''


def check_pack(tmp_path, body="", name="ocr-lookalike-x", message="“{found}”应为“{fix}”"):
    path = tmp_path / "checks.toml"
    path.write_text(CHECK_RULE.format(name=name, body=body, message=message), encoding="utf-8")
    return path


def test_a_check_rule_gets_its_declared_options_with_defaults(tmp_path):
    path = check_pack(tmp_path, body='check = "ocr-lookalike"\noptions = { margin = 3 }')
    rule = next(r for r in load_rules([path]) if r.code == "WL902")
    assert rule.spec.check == "ocr-lookalike"
    assert rule.spec.options["margin"] == 3.0 and rule.spec.options["safe_margin"] == 4.0


def test_a_check_is_found_under_the_rule_name_when_the_pack_names_none(tmp_path):
    path = check_pack(tmp_path, name="ocr-hard-wrap", message="“{found}”")
    assert next(r for r in load_rules([path]) if r.code == "WL902").spec.check == "ocr-hard-wrap"


def test_an_unknown_check_option_is_an_error(tmp_path):
    path = check_pack(tmp_path, body='check = "ocr-lookalike"\noptions = { margins = 3.0 }')
    message = error(path)
    assert names_file_rule_and_key(message, path, "WL902", "options.margins") and "margin" in message


def test_an_option_of_the_wrong_type_is_an_error(tmp_path):
    path = check_pack(tmp_path, body='check = "ocr-lookalike"\noptions = { margin = "3" }')
    assert names_file_rule_and_key(error(path), path, "WL902", "options.margin")


@pytest.mark.parametrize("field", ["{nope}", "{0}", "{found.nope}", "{found:>300000000}", "{found!r}"])
def test_a_message_field_the_rule_does_not_fill_is_an_error(tmp_path, field):
    path = check_pack(tmp_path, body='check = "ocr-hard-wrap"', message=f"“{field}”")
    message = error(path)
    assert names_file_rule_and_key(message, path, "WL902", "message") and "{found}" in message


def test_a_check_fills_only_the_fields_it_declares(tmp_path):
    path = check_pack(tmp_path, body='check = "ocr-hard-wrap"', message="“{found}”应为“{fix}”")
    assert "{fix}" in error(path)


def test_an_unbalanced_brace_in_a_message_is_an_error(tmp_path):
    path = pack(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("“{fix}”", "“{fix”"), encoding="utf-8")
    assert names_file_rule_and_key(error(path), path, "WL901", "message")


@pytest.mark.parametrize("key, value", [("repairs_view", '"no"'), ("word", '"no"'), ("fix_title", "1")])
def test_booleans_and_strings_are_validated(tmp_path, key, value):
    path = pack(tmp_path, body=f"{SUBSTITUTION}\n{key} = {value}")
    assert names_file_rule_and_key(error(path), path, "WL901", key)


def test_an_entry_may_lower_the_rule_fix_but_not_raise_it(tmp_path):
    lowered = pack(tmp_path, body="entries = [{wrong = '帐号', right = '账号', fix = 'unsafe'}]")
    rule = next(r for r in load_rules([lowered]) if r.code == "WL901")
    assert rule.spec.entries[0].fix == "unsafe"
    raised = pack(tmp_path, body="entries = [{wrong = '帐号', right = '账号', fix = 'safe'}]")
    raised.write_text(raised.read_text(encoding="utf-8").replace('fix = "safe"\nmessage', 'fix = "unsafe"\nmessage'),
                      encoding="utf-8")
    assert names_file_rule_and_key(error(raised), raised, "WL901", "entries[0].fix")


def test_the_pack_table_is_read_and_its_unknown_keys_rejected(tmp_path):
    path = pack(tmp_path, extra="")
    path.write_text('[pack]\nname = "house"\ncolour = "red"\n' + path.read_text(encoding="utf-8"), encoding="utf-8")
    message = error(path)
    assert str(path) in message and "'colour'" in message


def test_every_shipped_check_declares_the_fields_its_message_uses():
    """The built-in packs load with field validation on (a drift fails here, not at run time)."""
    assert [r for r in load_rules() if r.kind == "check"]
# --- issue 13: pack errors are clear errors, user patterns cannot hang a run ----------------------

@pytest.mark.parametrize("message", ["“{0}”有误", "“{found.nope}”有误", "“{found[0]}”有误",
                                     "“{found:>300000000}”有误", "“{found!r}”有误", "“{found”有误"])
def test_a_message_template_that_cannot_render_is_an_error(tmp_path, message):
    path = pack(tmp_path, extra="")
    path.write_text(path.read_text(encoding="utf-8").replace("“{found}”应为“{fix}”", message), encoding="utf-8")
    assert names_file_rule_and_key(error(path), path, "WL901", "message")


@pytest.mark.parametrize("replacement", [r"\\9", r"\\g<nope>", r"\\q"])
def test_a_replacement_naming_a_missing_group_is_an_error(tmp_path, replacement):
    path = pack(tmp_path, body=f"pattern = '(帐)(?=号)'\nreplacement = \"{replacement}\"")
    assert names_file_rule_and_key(error(path), path, "WL901", "replacement")


def test_a_deeply_nested_pack_is_an_error(tmp_path):
    path = pack(tmp_path, extra="\n[pack]\ndeep = " + "[" * 3000 + "]" * 3000 + "\n")
    assert str(path) in error(path) and "nested" in error(path)


def test_a_rule_that_is_not_a_table_is_an_error(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("rule = [1, 2]\n", encoding="utf-8")
    assert "rule #1" in error(path)


def test_a_user_pattern_that_backtracks_is_stopped_and_named(tmp_path, monkeypatch):
    from wenlint import patterns
    from wenlint.engine import Linter
    from wenlint.config import Settings

    monkeypatch.setattr(patterns.Guarded, "TIMEOUT", 0.2)
    path = pack(tmp_path, body="pattern = '(a|aa)+$'\nreplacement = \"b\"",
                examples='[rule.examples]\nbad = ["aaa"]\ngood = ["b"]\nok = ["注册。"]')
    linter = Linter(load_rules([path]), Settings())
    with pytest.raises(patterns.PatternTimeout, match=r"house\.toml: rule WL901: key 'pattern'.*took more than"):
        linter.lint("a" * 40 + "!")


def test_a_user_condition_that_backtracks_is_stopped(tmp_path, monkeypatch):
    from wenlint import patterns
    from wenlint.engine import Linter
    from wenlint.config import Settings

    monkeypatch.setattr(patterns.Guarded, "TIMEOUT", 0.005)
    path = pack(tmp_path, body='wrong = "帐号"\nright = "账号"\nafter = "(a|aa)+$"')
    linter = Linter(load_rules([path]), Settings())
    with pytest.raises(patterns.PatternTimeout, match="key 'after'"):
        linter.lint("帐号" + "a" * 23 + "!")


def test_builtin_patterns_stay_on_re():
    import re as std_re

    for rule in load_rules():
        if rule.kind == "pattern":
            assert isinstance(rule.spec.regex, std_re.Pattern), rule.code
