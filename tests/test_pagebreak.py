"""Page numbers: the running sequence, not the shape of one marker, decides."""
from wenlint.config import Settings
from wenlint.engine import Linter
from wenlint.packs import load_rules

LINTER = Linter(load_rules(), Settings(select=("WL201",)))
PAGE = ("这一页的内容写到这里还没有写完因为这一页的字数很多很多我们要把它写满一百个字以上这样才像一页纸"
        "一页纸上的内容总是很长的所以要继续写下去直到足够长为止还要再多写一些字才行")


def found(text):
    return [text[d.start:d.end] for d in LINTER.lint(text)]


def test_a_page_whose_number_was_lost_does_not_break_the_sequence():
    text = "1、" + PAGE + "\n2、" + PAGE + "\n3、" + PAGE + "。\n" + PAGE + "\n5、" + PAGE + "\n6、" + PAGE
    assert found(text) == ["1、", "\n2、", "\n3、", "\n5、", "\n6、"]


def test_a_numbered_list_of_finished_sentences_is_not_a_page_sequence():
    items = "".join(f"{n}、{PAGE}。\n" for n in range(1, 7))
    assert found(items) == []


def test_a_page_number_after_a_crlf_break_goes_with_the_whole_break():
    text = "1、" + PAGE + "\r\n2、" + PAGE + "\r\n3、" + PAGE + "\r\n4、" + PAGE + "\r\n5、" + PAGE + "。\r\n"
    assert found(text) == ["1、", "\r\n2、", "\r\n3、", "\r\n4、", "\r\n5、"]


def test_a_page_number_starting_a_crlf_paragraph_leaves_no_lone_cr():
    """Issue 13: the fix deletes the page number and keeps the whole CRLF break, not half of it."""
    from wenlint.fixes import fix_until_stable

    text = "1、" + PAGE + "\r\n2、" + PAGE + "。\r\n3、" + PAGE + "\r\n4、" + PAGE + "\r\n5、" + PAGE + "\r\n6、" + PAGE
    fixed = fix_until_stable(text, LINTER.lint, unsafe=True).text
    assert "\r" not in fixed.replace("\r\n", "")
    assert fixed.count("\r\n") == 1 and "3、" not in fixed


def test_one_page_number_in_a_short_text_interrupts_a_sentence_and_belongs_to_no_list():
    linter = Linter(load_rules(), Settings(select=("WL205",)))
    assert [d.start for d in linter.lint("要认真学习贯彻落实十\n2、七大精神。")] == [10]
    assert linter.lint("工作如下：\n1、抓好学习，\n2、征求意见。") == []  # item 1 comes before it


def test_a_number_inside_a_word_is_a_page_number_whatever_numbers_stand_near_it_and_fixed_safely():
    linter = Linter(load_rules(), Settings(select=("WL205",)))
    text = "工作创出了一些亮点，有\n3、些工作在全国也有一定的知名度，但新台商工程\n4、进展还不顺利。"
    assert [(text[d.start:d.end], d.fix.applicability) for d in linter.lint(text)] == [
        ("\n3、", "safe"), ("\n4、", "unsafe")]  # 有些 is split; 程进 is no word, but 3、 is no item of a list
    assert linter.lint("工作如下：\n3、些许小事，\n4、征求意见。") == []  # after a colon: a list


WORD_SPLIT = "不断加强自己的品德、才能、知\n识、能力等方面的修养。"
BETWEEN_WORDS = "在护士中树立起较高的威信，增强\n自己自身的凝聚力。"


def test_a_line_break_that_splits_a_word_is_safe_and_one_between_words_is_not():
    linter = Linter(load_rules(), Settings(select=("WL206",)))
    assert [d.fix.applicability for d in linter.lint(WORD_SPLIT)] == ["safe"]
    assert [d.fix.applicability for d in linter.lint(WORD_SPLIT + "\n" + BETWEEN_WORDS)] == ["safe", "unsafe"]


def test_a_break_between_words_needs_a_word_split_elsewhere_to_show_the_layout():
    """Without one, a clause ending a line may be a lead line above its paragraph."""
    linter = Linter(load_rules(), Settings(select=("WL206",)))
    assert linter.lint(BETWEEN_WORDS) == []
    assert linter.lint("五年来，国民经济保持良好发展势头，经济结构战略性调整迈出重要步伐\n经济持续较快增长。") == []


def test_a_long_paragraph_that_lost_its_final_stop_is_no_layout_line():
    linter = Linter(load_rules(), Settings(select=("WL206",)))
    text = ("第二、既要搞活经济，又要加强管理。一方面要继续解放思想，强调开放、搞活，一方面要加强管理，健全制度\n"
            "这二者是统一的，是相辅相成的。")
    assert linter.lint(text) == []
