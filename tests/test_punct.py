"""Repeated marks, section numbers and dots after figures: what is damage and what is a single mark."""
from pathlib import Path

from wenlint.config import Settings
from wenlint.engine import Linter
from wenlint.packs import load_rules

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
LINTER = Linter(load_rules(), Settings(select=("WL307", "WL308", "WL309")))


def codes(text: str) -> list[str]:
    return [d.code for d in LINTER.lint(text)]


def test_a_page_number_s_mark_before_the_text_s_own_is_no_repeated_mark():
    """选配“专兼并举制⏎14、、党建: the page-break repair removes ⏎14、 first, and one 、 remains."""
    text = (SEEDS / "002_3f41271ab36d6c34.txt").read_text(encoding="utf-8")
    assert "\n14、、" in text
    assert "WL307" not in codes(text)


def test_ellipses_dashes_and_emphatic_marks_are_no_runs():
    assert codes("他沉默了……然后说：“这——就是答案！！！真的吗？？”") == []


def test_a_run_of_commas_is_one_comma_and_a_safe_fix():
    [d] = LINTER.lint("广泛传播安全知识，，，，，推动树牢安全发展理念。")
    assert d.code == "WL307" and d.fix.applicability == "safe" and d.fix.edits[0].replacement == "，"


def test_a_sentence_that_ends_in_a_figure_before_one_that_starts_with_one_is_left_alone():
    assert codes("比例缩小至2.27:1。15个承接产业转移主平台建成。\n同比增长3.3。1至5月份利润增长。") == []
