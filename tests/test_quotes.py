"""Quotation marks: where a missing ” is known, where it is only reported, and what is no Chinese quote."""
from wenlint.config import Settings
from wenlint.engine import Linter
from wenlint.fixes import fix_until_stable
from wenlint.packs import load_rules

RULES = load_rules()
QUOTES = Linter(RULES, Settings(select=("WL3",)))


def codes(text: str) -> list[str]:
    return [d.code for d in QUOTES.lint(text)]


def fixed(text: str, unsafe: bool = False) -> str:
    return fix_until_stable(text, QUOTES.lint, unsafe=unsafe).text


def test_a_prime_or_ascii_mark_closing_a_quote_is_repaired_in_the_view():
    for text in ("开展“三严三实〞教育。", "开展“三严三实\"教育。", "开展“三严三实'教育。"):
        assert codes(text) == ["WL303"]
        assert fixed(text) == "开展“三严三实”教育。"


def test_a_guessed_closing_point_is_reported_without_a_fix():
    [d] = QUOTES.lint("打造“窗口，树立形象。")
    assert d.code == "WL301" and d.fix is None


def test_a_quoted_sentence_is_closed_after_its_full_stop_as_an_unsafe_fix():
    text = "他说：“我们要努力。\n大家鼓掌。"
    [d] = QUOTES.lint(text)
    assert d.fix.applicability == "unsafe"
    assert fixed(text) == text
    assert fixed(text, unsafe=True) == "他说：“我们要努力。”\n大家鼓掌。"


def test_the_document_shows_where_a_quotation_closes():
    text = "坚持“三个代表”重要思想，践行“三个代表重要思想。"
    assert fixed(text) == "坚持“三个代表”重要思想，践行“三个代表”重要思想。"


def test_a_closing_quote_is_never_put_inside_a_crlf_newline():
    for nl in ("\r\n", "\r", "\n"):
        text = f"他说：“我们要努力。{nl}大家鼓掌。{nl}"
        out = fixed(text, unsafe=True)
        assert out == f"他说：“我们要努力。”{nl}大家鼓掌。{nl}"
        [d] = QUOTES.lint(text)
        assert text[d.end - 1] not in "\r\n"


def test_a_blank_line_ends_a_paragraph_in_crlf_and_cr_files():
    for nl in ("\r\n", "\r"):
        text = f"打造“窗口{nl}{nl}树立形象。{nl}"
        [d] = QUOTES.lint(text)
        assert d.code == "WL301" and d.end == text.index(nl)


def test_a_cr_only_file_gets_no_quote_after_its_final_newline():
    text = "坚持“三个代表”重要思想，践行“三个代表\r"
    out = fixed(text)
    assert out == "坚持“三个代表”重要思想，践行“三个代表”\r"


def test_many_distinct_closed_quotations_are_looked_up_once_each():
    closed = "".join(f"“第{i}号”" for i in range(3000))
    text = closed + "推行“第2999号文件。"
    assert fixed(text).endswith("推行“第2999号”文件。")


def test_a_quotation_over_several_paragraphs_closes_only_at_the_last():
    text = "将第五条修改为：“下列区域实行禁牧：\n“（一）草原区域；\n“（二）林业工程项目区。”\n"
    assert codes(text) == []


def test_an_amendment_quotes_an_article_of_several_paragraphs_with_one_pair_of_marks():
    """Amendments open the quoted article once and close it after its last paragraph or item."""
    article = ("将第十五条修改为：“当事人请求确认矿业权之抵押权自依法登记时设立的，人民法院应予支持。\n"
               "颁发勘查许可证的主管部门办理的抵押备案手续，视为前款规定的登记。”\n")
    items = "".join(f"{i}.专利纠纷案件；\n" for i in range(1, 12))
    listed = "修改为：“人民法院受理下列专利纠纷案件：\n" + items + "12.其他案件。”\n"
    assert codes(article) == [] and codes(listed) == []


def test_a_quotation_left_open_before_unquoted_paragraphs_is_reported():
    assert codes("他说：“要抓好落实。\n第二段没有引号。\n\n第三段“另一处引语”。\n") == ["WL301"]


def test_a_quotation_nested_with_double_marks_is_closed():
    assert codes("修改为：“坚持以邓小平理论、“三个代表”重要思想为指导。”") == []
