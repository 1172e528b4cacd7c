"""Spurious spaces (WL306): PDF line ends inside Chinese text, and the spaces that are no damage."""
from wenlint.config import Settings
from wenlint.engine import Linter
from wenlint.fixes import fix_until_stable
from wenlint.packs import load_rules

LINTER = Linter(load_rules(), Settings(select=("WL306",)))
PARAGRAPH = ("过去一年中，护理部面临着各种挑战和压力，但我始终秉持着以患者为中心的工作理念，充分发挥护士的专业优势，"
             "切实履行护理部的职责，努力为患者提供优质的护理服务。我们注重加强团队的凝聚力和合作精神，通过定期组织"
             "团队活动和培训，提高护士们的专业水平和团队意识，还创建了一个在线交流平台，方便护士们分享经验和解决问题。")


def wrapped(text: str, width: int = 26) -> str:
    """The text as PDF extraction gives it: its lines of ``width`` characters joined by spaces."""
    return " ".join(text[i:i + width] for i in range(0, len(text), width))


def spaces(text: str):
    return [(d.start, d.fix.applicability if d.fix else None) for d in LINTER.lint(text)]


def test_every_line_end_of_a_wrapped_paragraph_is_found_and_safely_removed():
    text = wrapped(PARAGRAPH)
    assert len(spaces(text)) == text.count(" ")
    assert fix_until_stable(text, LINTER.lint).text == PARAGRAPH


def test_a_space_after_a_short_heading_line_is_a_lost_line_break_and_stays():
    text = "一、工作回顾 " + wrapped(PARAGRAPH)
    found = [at for at, _ in spaces(text)]
    assert text.index(" ") not in found and len(found) == text.count(" ") - 1


def test_a_line_end_next_to_a_figure_is_an_unsafe_fix():
    text = wrapped(PARAGRAPH)
    at = text.index(" ", text.index(" ") + 1)  # the second line ends inside a figure: …12 00…
    text = text[:at - 2] + "12 00" + text[at + 3:]
    assert dict(spaces(text))[at] == "unsafe"


def test_a_space_inside_a_word_is_damage_even_alone():
    text = "三个代表对自身建设起着重要作用，可谓顺乎党心民 意。"
    assert spaces(text) == [(text.index(" "), "safe")]


def test_a_space_between_two_words_with_no_wrap_evidence_is_left_alone():
    assert spaces("严格执行规章 制度是提高护理质量、确保安全医疗的根本保证。") == []


def test_a_space_after_a_comma_is_damage():
    text = "通过对护士工作的监督和指导， 提高护理质量。"
    assert spaces(text) == [(text.index(" "), "safe")]


def test_a_space_before_a_comma_is_left_to_the_deletion_rules():
    assert spaces("开通热线 、设立信箱，方便群众反映问题。") == []


def test_names_verse_tables_and_spaced_figures_are_left_alone():
    for text in ("出席会议的有 王刚 李晓明 张三 李四", "春眠不觉晓 处处闻啼鸟\n夜来风雨声 花落知多少",
                 "项目 金额 备注\n工资 100 无", "本届政府从1 9 9 3 年3 月就职，到现在已经五年。",
                 "农村电网线路 26.6万公里，新建民用机场 35个。", "使用 Python 3 编写，支持 Linux 和 macOS 系统。"):
        assert spaces(text) == [], text


def test_line_ends_of_crlf_files_are_never_touched():
    text = wrapped(PARAGRAPH).replace("。", "。\r\n", 1)
    fixed = fix_until_stable(text, LINTER.lint).text
    assert fixed.count("\r\n") == 1 and " " not in fixed


def test_the_page_width_is_read_over_the_whole_document():
    paragraphs = [wrapped(PARAGRAPH[i:i + 40]) for i in (0, 40, 80)]  # one line end each
    text = "\n".join(paragraphs)
    assert len(spaces(text)) == text.count(" ")


def test_the_junctions_a_dictionary_word_may_span_are_known_without_segmenting():
    from wenlint.segment import may_join, tokenizer

    words = [w for w, f in tokenizer().FREQ.items() if f and len(w) > 1][:20000]
    assert all(may_join(a, b) for w in words for a, b in zip(w, w[1:]))
    assert not may_join("条", "为")  # 第一条 为了…: no word holds 条为, no segmentation joins the sides
