"""Anchors: a pattern that needs one of a few literals is not searched in a text without them, and
one that never reads past a line break only in the lines that hold one, with the same matches as a
search of the whole text."""
import random
import re

import pytest

from wenlint.anchors import Anchors, anchors as anchors_of, lines_holding, matches
from wenlint.packs import load_rules


@pytest.mark.parametrize("pattern, anchors", [
    ("[1-9](?<=[讲谈提][1-9])(?=点(?:意见|要求))", ("点意见", "点要求")),  # a look-ahead continues its run
    ("[,;:!?](?<=[\u4e00-\u9fff][,;:])", (",", ":", ";")),  # the look-behind needs fewer
    ("([“”])(?:(?<=“)“+|(?<=”)”+)", ("““", "“”", "”“", "””")),  # the group before a branch joins each
    ("[0-9]{1,2}(?:[.．][0-9]{1,2}){1,3}", (".0", ".1", ".2", ".3", ".4", ".5", ".6", ".7", ".8", ".9",
                                            "．0", "．1", "．2", "．3", "．4", "．5", "．6", "．7", "．8", "．9")),
    ("[ 年](?<=[为达至] )[ ]*(?=元|吨)", (" 元", " 吨", "年元", "年吨")),  # a look-behind keeps the run; so does [ ]*
    ("(?m)[0-9](?<=^[0-9])点", ("点",)),  # ^ of a multi-line pattern: a line's start
    ("〝[^〝〞\\r\\n]{0,80}〞|“[^“”\\r\\n]{0,80}〞", ("〞",)),  # a negated class that names \n; of equals, the later
    ("[0-9](?:元|万元)", ("元",)),  # a branch: one of its strings, whichever matched; their common end
])
def test_anchors_are_the_literals_every_match_holds_in_its_line(pattern, anchors):
    assert anchors_of(pattern) == Anchors(anchors, True)


def test_a_pattern_that_reads_past_a_line_break_has_anchors_for_the_whole_text_or_its_reach():
    # (lo, hi): what a match tried at 0 may read, at least; a look-behind's own look-behind counted from its start
    assert anchors_of("[\\r\\n](?<=第\\r|第\\n)(?=[一二三])") == Anchors(("第\n", "第\r"), False, (-2, 2))
    found = anchors_of("[0-9]\\s*页")  # \s matches a line break; no bound, but a run of digits, spaces and 页
    assert found[:3] == (("页",), False, None) and re.fullmatch(f"(?:{found.run[0]})+", "1 \n页") and found.run[1:] == (0, 1)
    assert anchors_of("[0-9][^页]页") == Anchors(("页",), False, (0, 3))  # so does a negated class not naming it
    assert anchors_of("[0-9]页$") == Anchors(("页",), False, (0, 4))  # $ outside multi-line mode: the end (or \n, end)
    assert anchors_of("(?s:.)[0-9]页") == Anchors(("页",), False, (0, 3))  # a group's own flags
    assert anchors_of("[0-9](?i:ab)") is None  # case folding in a group: no literal is certain


def test_ascii_anchors_may_begin_with_many_characters():
    assert anchors_of("[b-z][b-z](?![0-9])") == Anchors(tuple(sorted(
        a + b for a in "bcdefghijklmnopqrstuvwxyz" for b in "bcdefghijklmnopqrstuvwxyz")), True)


@pytest.mark.parametrize("pattern", [
    "的(?=进行)",  # a literal prefix: re skips ahead to it by itself
    "[0-9]+(?:年|)",  # an optional part promises nothing
    "(?i)[0-9]ab",  # case folding
    "[0-9](?:甲|乙|丙|丁|戊|己|庚)",  # more first characters than str.find passes pay for
    "([0-9])\\1",  # a back-reference
])
def test_no_anchors_where_nothing_is_certain_or_they_would_not_pay(pattern):
    assert anchors_of(pattern) is None


def test_the_lines_holding_a_needle_are_given_whole_with_their_line_break():
    text = "第一行\n有“引号”的行\n\n末行“"
    assert lines_holding(text, ("“",), 10) == [(4, 12), (13, 16)]
    assert lines_holding(text, ("有“", "末行"), 10) == [(4, 12), (13, 16)]
    assert lines_holding(text, ("“",), 1) is None  # two occurrences: the whole text is cheaper


def _anchored_patterns():
    rules = [r for r in load_rules() if r.kind == "pattern"]
    found = [(r.code, r.spec.regex, anchors_of(r.spec.regex.pattern, r.spec.regex.flags))
             for r in rules if hasattr(r.spec.regex, "flags")]
    return [(code, regex, anchors) for code, regex, anchors in found if anchors]


def test_some_shipped_patterns_have_anchors_of_both_kinds():
    assert len(_anchored_patterns()) >= 6
    assert {found.one_line for _, _, found in _anchored_patterns()} == {True, False}


@pytest.mark.parametrize("code, regex, anchors", _anchored_patterns(), ids=lambda v: v if isinstance(v, str) else "")
def test_a_search_of_the_anchored_lines_finds_what_a_search_of_the_text_finds(code, regex, anchors):
    rng = random.Random(code)
    alphabet = sorted(set(regex.pattern) | set("\n\r \t　年月日一二三中文，。、：“”0123456789ab"))
    for _ in range(400):
        parts = [rng.choice(alphabet) for _ in range(rng.randint(0, 50))]
        for _ in range(rng.randint(0, 3)):
            parts.insert(rng.randint(0, len(parts)), rng.choice(anchors.needles))
        text = "".join(parts)
        whole = [(m.span(), m.group()) for m in regex.finditer(text)]
        assert [(m.span(), m.group()) for m in matches(regex, anchors, text, len(text))] == whole, text


@pytest.mark.parametrize("pattern, pieces", [
    # $ outside multi-line mode: the text's end, or a line break ending it
    ("[0-9\\n]{1,3}(?<=[甲乙]\\n)页$", ["甲\n页", "乙\n页\n", "乙\n3页", "2甲\n页"]),
    # a look-behind and \b before the window, \Z after it
    ("(?<=\\b[a-c])[\\s0-9]{0,2}页(?![0-9]{1,2}\\Z)", ["a页", "b 1页", "c页12", "x页", "页1"]),
    ("(?:第\\s?[0-9]|共\\s?[0-9]{1,2})(?:页|张)(?=\\s{0,2}?[一二]|$)", ["第1页", "共12张一", "第 3页\n二", "共1"]),
    # ASCII anchors of many first characters
    ("[b-j](?<=[一-龥][b-j])[b-j]{1,3}?(?![a-z])(?=\\n|$)", ["年bc", "月bcd\n", "年bcdefg", "月b", "hij\n"]),
    # no bound, but a match is a run of what it consumes: the anchor in it or next to it
    ("(?m)^[ \\t]*(?:第\\s*\\d+\\s*页|-\\s*\\d+\\s*-)[ \\t]*$", ["第1页", "\n第 2\n页\n", "\n- 3 -\n", "\n  第\n\n12 页"]),
    ("(?<=[甲乙])[0-9\\n]+(?<![0-9]{3})页(?=[一二]{1,2}(?!年))", ["甲1页一", "乙\n12\n页二年", "甲123页", "页一"]),
])
def test_a_pattern_of_bounded_reach_is_searched_around_its_anchors_with_the_same_matches(pattern, pieces):
    regex = re.compile(pattern)
    found = anchors_of(pattern)
    assert (found.reach or found.run) and not found.one_line
    rng = random.Random(pattern)
    alphabet = sorted(set("\n \t年月甲乙一二页张第共0123456789abcdefghijx")) + pieces
    matched = 0
    for _ in range(1500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        whole = [(m.span(), m.group()) for m in regex.finditer(text)]
        assert [(m.span(), m.group()) for m in matches(regex, found, text, len(text))] == whole, text
        matched += bool(whole)
    assert matched > 100


def test_a_run_of_characters_that_several_of_its_classes_take_is_found_in_linear_time():
    from wenlint.formats import URL

    found = anchors_of(URL.pattern, URL.flags)
    assert found.run  # a URL consumes [A-Za-z0-9.-], [^\s<>"…] and more: a letter is taken by several
    # before the anchor, a run of letters that does not reach it: tried every way its letters split
    # among the classes, 3^40 ways, before each round of the run took its character one way only
    text = "a" * 40 + "“" + "b" * 10 + "://c.cn 。" + "d" * 60 + "@e.cn"
    whole = [(m.span(), m.group()) for m in URL.finditer(text)]
    assert [(m.span(), m.group()) for m in matches(URL, found, text, len(text))] == whole
    assert whole
