"""Spinning decided in context: the pair list, the document evidence and the margins it sets.

- One list of spinner pairs, derived from every spinning dictionary entry (reduced to the words it
  differs in) and rules/spin-pairs.tsv; pairs left out on purpose are gone from all of it.
- The evidence is computed once per text from the dictionary's frozen hits, and decides the margins.
"""
import pytest

from wenlint.checks import CheckContext, CheckData, spin, spinpairs, spinrevealed
from wenlint.config import Settings
from wenlint.engine import Linter
from wenlint.packs import load_rules
from wenlint.text import SECTION, section_cuts

WORDS = {"发展", "开展", "原则", "安全", "平安", "生产", "消费", "安全生产", "方式", "领导", "引导"}


def is_word(s: str) -> bool:
    return s in WORDS


@pytest.mark.parametrize("wrong, right, pairs, piece", [
    ("科学开展观", "科学发展观", [("发展", "开展")], ("发", "开")),
    ("原那么", "原则", [("原则", "原那么")], ("则", "那么")),
    ("平安消费", "安全生产", [("安全生产", "平安消费"), ("安全", "平安"), ("生产", "消费")], None),
    ("体式格局", "方式", [("方式", "体式格局")], None),
    ("引导班子", "领导班子", [("领导", "引导")], ("领", "引")),
])
def test_an_entry_is_reduced_to_the_words_it_differs_in(wrong, right, pairs, piece):
    assert spinpairs.reduce(wrong, right, is_word) == (pairs, piece)


def test_an_entry_that_only_adds_or_drops_text_yields_no_pair():
    assert spinpairs.reduce("开展了", "开展", is_word) == ([], None)


RULES = load_rules()


def pairs_of(data=None):
    return spin.pairs(data or CheckData(RULES))


def test_the_list_holds_the_dictionary_pairs_and_the_tsv_pairs():
    known = pairs_of()
    assert "安全" in known.words["平安"]  # from WL108's 平安消费→安全生产
    assert "发展" in known.words["开展"]  # from WL103's 科学开展观 and the list
    assert known.pieces["那么"] == ("则",) and known.pieces["平易近"] == ("民",)


def test_a_swap_between_two_words_teaches_no_substitution_inside_words():
    """坚决/坚定 are both words: 决→定 must not be undone elsewhere (票决制)."""
    assert "决" not in pairs_of().pieces and "开" not in pairs_of().pieces


def test_a_non_word_made_inside_a_word_is_no_word_pair():
    assert "原那么" not in pairs_of().words and "假设干" not in pairs_of().words


def test_pairs_left_out_are_gone_from_words_and_substitutions():
    without = frozenset({("发展", "开展"), ("则", "那么")})
    known = pairs_of(CheckData(RULES, without))
    assert "发展" not in known.words.get("开展", ()) and "那么" not in known.pieces


def ev(signs=(), non_words=(), stand_ins=(), length=500):
    return spin.Evidence(tuple(signs), tuple(non_words), tuple(stand_ins), length)


def test_one_never_right_form_is_evidence_enough():
    assert ev(signs=[("原那么", 1)]).spun and ev(non_words=[("从体", 1)]).spun
    assert not ev().spun


@pytest.mark.parametrize("length, n, spun", [
    (500, 1, False), (500, 2, True),          # a short text: two rare stand-ins without their original
    (3000, 2, True), (6000, 3, False), (6000, 4, True),  # beyond STAND_IN_LENGTH, it grows with the length
])
def test_rare_stand_ins_count_against_the_length(length, n, spun):
    assert ev(stand_ins=[("服务", "效劳", n)], length=length).spun is spun


def test_only_stand_ins_rare_in_every_register_mark_a_text():
    known = pairs_of(CheckData(RULES))
    assert {"效劳", "轨制"} <= known.telling <= known.rare
    assert "广阔" in known.rare and "广阔" not in known.telling  # news writes it daily


def test_the_note_needs_two_signs_but_one_lowers_the_margins():
    one = ev(signs=[("原那么", 1)])
    assert one.spun and one.strength < spin.NOTE_STRENGTH


@pytest.mark.parametrize("evidence, rare, present, need", [
    (ev(), False, False, None),               # no evidence: a common stand-in is not scored at all
    (ev(), True, False, spin.UNSPUN_RARE),    # ... a rare one only by a large margin
    (ev(signs=[("原那么", 1)]), False, True, spin.SPUN_PRESENT),
    (ev(signs=[("原那么", 1)]), False, False, spin.SPUN_MISSING),
    (ev(signs=[("原那么", 1)]), True, False, spin.SPUN_MISSING_RARE),
    (ev(signs=[("原那么", 1)]), True, True, spin.SPUN_MISSING),  # a rare stand-in stays suspect beside its original
])
def test_the_margin_needed_follows_the_evidence(evidence, rare, present, need):
    assert spin.needed_margin(evidence, rare, present) == need


def test_the_evidence_is_computed_once_per_text(monkeypatch):
    calls = []
    real = spin.sections

    def counting(ctx):
        calls.append(1)
        return real(ctx)

    from wenlint.checks import FACTS
    monkeypatch.setitem(FACTS, "spin-sections", counting)
    Linter(RULES, Settings()).lint("坚持原那么，否那么不行。要到达预期的目的，为群众提供优质高效的效劳。")
    assert len(calls) == 1  # by WL109, WL150 and WL190 together, on the repaired view


def test_checks_read_frozen_hits():
    ctx = CheckContext("坚持原那么。", "-", Settings(), [object()])
    assert isinstance(ctx.hits, tuple)


def test_consistent_swaps_add_up_only_where_every_occurrence_prefers_the_original():
    spun = ev(signs=[("原那么", 1)])
    assert spin._consistent(spun, [(0, 3.0, 2.0), (9, 5.5, 2.0)])
    assert not spin._consistent(spun, [(0, 3.0, 2.0), (9, 5.5, 2.0), (20, -0.1, 2.0)])
    assert not spin._consistent(spun, [(0, 9.0, 2.0)])
    assert not spin._consistent(ev(), [(0, 4.0, 2.0), (9, 5.0, 2.0)])


def test_an_original_only_the_title_uses_is_not_used_by_the_body():
    assert spin.body("安全生产重点领域整治\n今年以来，平安消费总体平稳。") == "今年以来，平安消费总体平稳。"


def test_a_first_line_of_prose_is_body():
    text = "今年以来，安全生产总体平稳。\n平安消费工作有序。"
    assert spin.body(text) == text


def test_the_only_line_is_body():
    assert spin.body("安全生产重点领域整治") == "安全生产重点领域整治"


def test_the_restored_words_are_the_frequent_words_holding_a_right_character():
    known = pairs_of()
    assert "主体" in known.restores and "人民" in known.restores
    assert all(any(r in w for rs in known.pieces.values() for r in rs) for w in known.restores)


def revealed(text: str) -> set[tuple[str, str]]:
    """(found, fixed) of what WL111 reports in ``text`` (its stand-ins and originals are as long)."""
    out = set()
    for d in Linter(RULES, Settings(select=("WL111",))).lint(text):
        (edit,) = d.fix.edits
        out.add((text[d.start:d.end], (text[:edit.start] + edit.replacement + text[edit.end:])[d.start:d.end]))
    return out


SPUN_NOTICE = "".join(f"{i}. 要坚持预防为主的原那么。各地要增强组织领导，落实工作责任，主要负责同志要亲自抓、负总责。"
                      "要切实增强安全生产监管，对违法违规行为依法予以处罚。各有关部门要密切配合，形成工作合力。\n"
                      for i in range(1, 30))  # 2,900 characters that never write 加强


def test_a_common_word_a_long_spun_text_never_uses_reveals_its_stand_in():
    assert revealed(SPUN_NOTICE) == {("增强", "加强")}


def test_the_same_text_unspun_reveals_nothing():
    assert revealed(SPUN_NOTICE.replace("原那么", "原则")) == set()


def test_a_text_that_uses_the_original_reveals_nothing():
    assert revealed(SPUN_NOTICE.replace("各地要增强", "各地要加强", 1)) == set()


def test_a_short_text_is_too_short_to_miss_a_word():
    assert revealed(SPUN_NOTICE[:600]) == set()


def test_a_listed_pair_is_left_to_the_context_rule():
    assert revealed(SPUN_NOTICE.replace("增强", "开展")) == set()  # 开展 for 发展: WL150's


def test_the_synonym_table_holds_common_words_of_the_reports_and_other_words_only():
    data = CheckData(RULES)
    table, use = spinrevealed.synonyms(data), spinrevealed.register(data)[0]
    assert "效劳" in table["服务"]
    for word, near in table.items():
        assert use[word] >= spinrevealed.COMMON and word not in near and len(set(near)) == len(near)


def test_a_title_line_is_not_judged_but_the_body_is():
    text = "岁末守平安 安然过大年\n坚持原那么，切实保障人民群众生命财产平安。"
    found = [d.start for d in Linter(RULES, Settings(select=("WL150",))).lint(text) if d.code == "WL150"]
    assert found == [text.rindex("平安")]


def test_a_long_text_is_weighed_section_by_section():
    """One never-right form marks its own section as spun, not the whole of a long text."""
    filler = "要坚持实事求是，做好各项工作。\n" * (SECTION // 16 + 1)
    text = "坚持原那么，确保人民生命财产平安。\n" + filler + filler + "确保人民生命财产平安。\n"
    found = [d.start for d in Linter(RULES, Settings(select=("WL150",))).lint(text) if d.code == "WL150"]
    assert found == [text.index("平安")]


def test_sections_are_cut_at_line_ends():
    text = ("一行文字。\n" * (SECTION // 3))
    cuts = section_cuts(text)
    assert cuts[0] == 0 and cuts[-1] == len(text) and all(text[c - 1] == "\n" for c in cuts[1:])
    assert section_cuts("短文。") == [0, 3] and section_cuts("") == [0, 0]
    assert section_cuts("无换行" * SECTION) == [0, SECTION, 2 * SECTION, 3 * SECTION]
