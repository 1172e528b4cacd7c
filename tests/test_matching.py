"""The literal finder: every occurrence of many keys, overlaps included, in character offsets."""
import random
import re

import ahocorasick_rs

from wenlint.literals import DFA_KEYS, Literals

KEYS = ["开展", "开展观", "展观", "a", "ab", "𠀀字", "é", "发展"]


def test_every_occurrence_is_found_with_overlaps_in_character_offsets():
    text = "科学开展观abé𠀀字，经济开展。"
    found = {(KEYS[k], s, e) for k, s, e in Literals(KEYS).find(text)}
    assert found == {("开展", 2, 4), ("开展观", 2, 5), ("展观", 3, 5), ("a", 5, 6), ("ab", 5, 7),
                     ("é", 7, 8), ("𠀀字", 8, 10), ("开展", 13, 15)}
    assert all(text[s:e] == key for key, s, e in found)


def test_the_matches_are_those_of_ahocorasick_rs_on_the_str_in_its_order():
    rng = random.Random(7)
    alphabet = "开展观发ab é𠀀字，\n"
    reference = ahocorasick_rs.AhoCorasick(KEYS)
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert Literals(KEYS).find(text) == reference.find_matches_as_indexes(text, overlapping=True)


def test_automata_that_read_texts_in_turn_each_find_the_text_they_read():
    first, second = Literals(["开展"]), Literals(["发展", "a"])
    one, two = "经济开展，科学发展", "a发展"
    assert first.find(one) == [(0, 2, 4)] and second.find(one) == [(0, 7, 9)]
    assert second.find(two) == [(1, 0, 1), (0, 1, 3)] and first.find(two) == []
    assert first.find(one) == [(0, 2, 4)]


def test_a_large_key_set_is_scanned_by_an_nfa_with_the_same_matches():
    keys = [f"{i}号" for i in range(DFA_KEYS + 1)]
    text = "第12号和第5001号，共5000号"
    found = Literals(keys).find(text)
    assert {text[s:e] for _, s, e in found} == {"2号", "12号", "1号", "0号", "5000号"}
    assert found == ahocorasick_rs.AhoCorasick(keys).find_matches_as_indexes(text, overlapping=True)


def test_an_automaton_becomes_a_dfa_once_it_has_read_enough_with_the_same_matches(monkeypatch):
    from wenlint import literals

    monkeypatch.setattr(literals, "DFA_FROM", 30)
    text = "科学开展观abé𠀀字，经济开展。"
    found = Literals(KEYS)
    first, second = found.find(text), found.find(text)
    assert found._kind == ahocorasick_rs.Implementation.DFA
    assert first == second == ahocorasick_rs.AhoCorasick(KEYS).find_matches_as_indexes(text, overlapping=True)


def test_counts_are_those_of_str_count_overlaps_left_out():
    from wenlint.literals import counts

    rng = random.Random(11)
    strings = ["人人", "组织", "织组", "于部", "部", "a", "𠀀字"]
    for _ in range(200):
        text = "".join(rng.choice("人组织于部a𠀀字，") for _ in range(rng.randint(0, 60)))
        assert counts(strings, text) == {s: text.count(s) for s in strings}
        assert counts(strings[:3], text) == {s: text.count(s) for s in strings[:3]}


def _gated_keys():
    from wenlint.matching import Matcher
    from wenlint.packs import load_rules

    matcher = Matcher(load_rules())
    return matcher, [k for k, items in enumerate(matcher.items) if sum(bool(t) for _, _, t in items) >= 2]


def test_the_gate_of_a_key_lets_every_hit_through_for_which_an_entry_holds(monkeypatch):
    """Hits with each key's gate (one alternation of its entries' conditions) are those without."""
    from wenlint import matching

    matcher, keys = _gated_keys()
    items_of = matcher.items  # never hit: its tests as packs.py gives them
    assert len(keys) >= 5
    rng, found = random.Random(5), 0
    for k in keys:
        items = matcher.items[k]
        words = sorted({w for _, _, tests in items for _, _, rx in tests
                        for w in re.split(r"[][()?:|^$\\*+{}!<=]+", rx.pattern) if w} | set("，。\n 的"))
        for _ in range(60):
            parts = [rng.choice(words) for _ in range(rng.randint(0, 6))]
            parts.insert(rng.randint(0, len(parts)), items[0][1].wrong)
            text = "".join(parts)
            fresh = matching.Matcher([])  # a key's items are compiled at its first hit: a fresh copy each
            fresh.automaton, fresh.items, fresh.gates = matcher.automaton, list(matcher.items), [False] * len(items_of)
            with_gates = fresh.hits(text)
            monkeypatch.setattr(matching, "_gate", lambda items: None)
            fresh.items, fresh.gates = list(matcher.items), [False] * len(items_of)
            assert fresh.hits(text) == with_gates, text
            found += bool(with_gates)
            monkeypatch.undo()
    assert found > 100  # texts where some entry holds
