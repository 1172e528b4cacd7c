"""Every rule of every shipped pack proves itself on its own examples.

bad  -> the rule reports it;   good -> what its fixes make of bad (--fix --unsafe-fixes);
ok   -> the rule stays silent.   No fix is more applicable than the rule declares.
"""
import pytest

from wenlint.config import Settings
from wenlint.engine import Linter
from wenlint.fixes import fix_until_stable
from wenlint.model import FIX_RANK
from wenlint.packs import load_rules

RULES = load_rules()


def linter_for(rule):
    return Linter(RULES, Settings(select=(rule.code,)))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_examples_and_docs(rule):
    assert rule.examples.bad and rule.examples.ok
    assert rule.why and rule.message


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_examples_are_reported(rule):
    linter = linter_for(rule)
    for text in rule.examples.bad:
        assert [d for d in linter.lint(text) if d.code == rule.code], f"{rule.code} silent on {text!r}"


@pytest.mark.parametrize("rule", [r for r in RULES if r.examples.good], ids=lambda r: r.code)
def test_fix_turns_bad_into_good(rule):
    linter = linter_for(rule)
    for bad, good in zip(rule.examples.bad, rule.examples.good):
        result = fix_until_stable(bad, linter.lint, unsafe=True)
        assert result.text == good


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_no_example_gets_a_fix_above_the_declared_applicability(rule):
    linter = linter_for(rule)
    for text in rule.examples.bad + rule.examples.good + rule.examples.ok:
        for d in linter.lint(text):
            if d.code == rule.code and d.fix is not None:
                assert FIX_RANK[d.fix.applicability] <= FIX_RANK[rule.fix], (rule.code, text, d.fix)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_ok_examples_are_silent(rule):
    linter = linter_for(rule)
    for text in rule.examples.ok:
        assert not [d for d in linter.lint(text) if d.code == rule.code], f"{rule.code} fires on {text!r}"


@pytest.mark.parametrize("rule", [r for r in RULES if r.fix == "none"], ids=lambda r: r.code)
def test_report_only_rules_offer_no_fix(rule):
    linter = linter_for(rule)
    for text in rule.examples.bad:
        assert all(d.fix is None for d in linter.lint(text) if d.code == rule.code)


def test_a_quotation_closed_elsewhere_in_the_document_is_closed_safely():
    """The document itself shows where “三个代表” ends: that repair needs no --unsafe-fixes."""
    linter = Linter(RULES, Settings(select=("WL301",)))
    text = "坚持“三个代表”重要思想，践行“三个代表重要思想。"
    assert fix_until_stable(text, linter.lint).text == "坚持“三个代表”重要思想，践行“三个代表”重要思想。"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_why_says_what_why_example_and_fix_safety_in_that_order(rule):
    heads = [rule.why.find(h) for h in ("What it finds:", "Why it is wrong:", "Example:", "Fix safety:")]
    assert -1 not in heads and heads == sorted(heads), rule.code
    assert rule.fix == "none" or rule.fix_title, f"{rule.code} offers a fix but has no fix_title"
