"""wenlint.context: the replacement that reads better in its clause gets a positive delta."""
import subprocess
import sys
from pathlib import Path

import pytest

from wenlint import context


def _delta(text: str, found: str, replacement: str) -> float:
    i = text.index(found)
    return context.delta(text, i, i + len(found), replacement)


@pytest.mark.parametrize("text, wrong, right", [
    ("坚持以经济开展为中心。", "开展", "发展"),
    ("关心广阔干部的成长。", "广阔", "广大"),
    ("加强人文关心。", "关心", "关怀"),
    ("坚持原那么问题不让步。", "那么", "则"),
])
def test_spun_word_scores_below_its_original(text, wrong, right):
    assert _delta(text, wrong, right) > 0
    assert _delta(text.replace(wrong, right, 1), right, wrong) < 0


def test_rightly_used_word_is_kept():
    assert _delta("各级党组织要认真开展工作。", "开展", "发展") < 0


def test_model_name_is_non_empty():
    assert context.model_name()


def test_explain_shows_both_segmentations():
    line = context.explain("推动经济开展。", 4, 6, "发展")
    assert "开展" in line and "发展" in line


def test_import_loads_no_model_and_no_jieba():
    code = "import sys, wenlint.context; assert 'jieba' not in sys.modules; print('ok')"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert run.stdout.strip() == "ok", run.stderr


def test_without_the_table_jieba_unigrams_stand_in(monkeypatch, tmp_path):
    monkeypatch.setattr(context, "TABLE", tmp_path / "missing.bin")
    monkeypatch.setattr(context, "_model", context._model.__wrapped__)
    assert "jieba" in context.model_name()
    assert _delta("坚持原那么问题。", "那么", "则") > 0
    assert _delta("推动经济开展。", "开展", "发展") > 0
