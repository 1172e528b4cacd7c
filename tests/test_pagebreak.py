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
