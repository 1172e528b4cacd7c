"""wenlint.context, the model of formal Chinese: the replacement that reads better in its clause
gets a positive delta; formal prose's words, their frequencies and their distributional neighbours."""
import bisect
import subprocess
import sys
from pathlib import Path

import pytest

from wenlint import context

ROOT = Path(__file__).parents[1]


def _delta(text: str, found: str, replacement: str) -> float:
    i = text.index(found)
    return context.delta(text, i, i + len(found), replacement)


@pytest.mark.parametrize("text, wrong, right", [
    ("大力开展经济，改善民生。", "开展", "发展"),
    ("坚持以经济开展为中心。", "开展", "发展"),
    ("全心全意为人民效劳。", "效劳", "服务"),
    ("各级干部要效劳群众。", "效劳", "服务"),
    ("国务院关于加快发展服务业的假设干意见。", "假设干", "若干"),
    ("关心广阔干部的成长。", "广阔", "广大"),
    ("坚持原那么问题不让步。", "那么", "则"),
])
def test_the_original_reads_better_than_the_spun_word(text, wrong, right):
    assert _delta(text, wrong, right) > 0
    assert _delta(text.replace(wrong, right, 1), right, wrong) < 0


@pytest.mark.parametrize("text, written, other", [
    ("各级党组织要认真开展工作。", "开展", "发展"),
    ("制定国家标准。", "标准", "规范"),
    ("规范市场秩序。", "规范", "标准"),
    ("制定具体实施方案。", "方案", "计划"),
    ("国民经济和社会发展五年计划。", "计划", "方案"),
    ("国务院制定具体管理办法。", "办法", "方法"),
    ("改进工作方法。", "方法", "办法"),
])
def test_a_rightly_used_word_is_kept(text, written, other):
    assert _delta(text, written, other) < 0


@pytest.mark.parametrize("text, start, end, replacement", [
    ("我们的人民。", 4, 6, ""),  # a deletion that ends the clause: the path resumed covers all of it
    ("我们的人民，好", 3, 5, ""),
    ("大力开展经济，改善民生。", 2, 4, "发展"),
    ("坚持以经济开展为中心。", 5, 7, "发展"),
    ("各级党组织要认真开展工作。", 8, 10, "发展"),
    ("要加强纽织建设。", 3, 4, "组"),
])
def test_at_least_is_delta_from_the_floor_up_and_none_below_it(text, start, end, replacement):
    score = context.delta(text, start, end, replacement)
    for floor in (score - 1, score, score + 1e-12, score + 1, -50.0, 50.0):
        assert context.at_least(text, start, end, replacement, floor) == (score if score >= floor else None)


def test_sentence_edges_are_read():
    assert context.explain("推动经济开展。", 4, 6, "发展").startswith("<s>/推动/经济/开展/</s>")
    assert "，/经济/开展/</s>" in context.explain("深化改革，经济开展。", 7, 9, "发展")


def test_formal_prose_frequencies():
    assert context.frequency("发展") > context.frequency("开展") > context.frequency("效劳") > 0
    assert context.known("若干") and not context.known("假设干")
    assert not context.known("平易近") and not context.known("")


def test_a_word_formal_prose_lacks_is_still_a_word():
    assert context.is_word("苦干") and not context.known("苦干")
    assert not context.is_word("假设干") and not context.is_word("平易近")
    assert "/踏实/苦干/的/" in context.explain("踏实苦干的浓厚风气。", 2, 3, "若")  # not loose characters


def test_neighbours_are_words_used_alike():
    near = [w for w, _ in context.neighbours("方法")]
    assert {"方式", "手段"} <= set(near)
    sims = [s for _, s in context.neighbours("方法")]
    assert sims == sorted(sims, reverse=True) and 0 < sims[-1] <= 1
    assert context.neighbours("假设干") == []


def test_one_character_variants_are_formal_words_most_frequent_first():
    assert "主体" in context.variants("从体") and "重点" in context.variants("沉点")
    found = context.variants("发屏", min_frequency=10)
    assert found[0] == "发展" and all(context.frequency(w) >= 10 and len(w) == 2 for w in found)
    assert context.variants("发展", min_frequency=1e9) == []


def test_the_tables_trigram_keys_are_the_readers_hash():
    """The builder imports ngram_key from the reader: a common trigram is found under it."""
    m = context._model()
    ids = [m.id(w) for w in ("全面", "建设", "社会主义")]
    key = context.ngram_key(ids)
    assert context.UNK not in ids and m._tk[bisect.bisect_left(m._tk, key)] == key


def test_model_name_names_the_formal_model():
    assert "formal" in context.model_name()


def test_explain_shows_both_segmentations():
    line = context.explain("推动经济开展。", 4, 6, "发展")
    assert "开展" in line and "发展" in line


def test_import_and_scoring_need_no_jieba_and_no_build_tools():
    code = ("import sys\n"
            "for name in ('jieba', 'numpy', 'scipy'): sys.modules[name] = None  # importing them fails\n"
            "from wenlint import context\n"
            "assert context._model.cache_info().currsize == 0\n"
            "print(round(context.delta('推动经济开展。', 4, 6, '发展'), 1) > 0, context.known('发展'))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.stdout.split() == ["True", "True"], run.stderr


def test_without_the_table_jieba_unigrams_stand_in(monkeypatch, tmp_path):
    monkeypatch.setattr(context, "TABLE", tmp_path / "missing.bin")
    monkeypatch.setattr(context, "_model", context._model.__wrapped__)
    assert "jieba" in context.model_name()
    assert _delta("坚持原那么问题。", "那么", "则") > 0
    assert _delta("推动经济开展。", "开展", "发展") > 0
    assert context.known("发展") and context.neighbours("发展") == []
