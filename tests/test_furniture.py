"""Furniture, placeholders and entities on the forms real sharing-site documents carry."""
from wenlint.config import Settings
from wenlint.engine import Linter
from wenlint.fixes import fix_until_stable
from wenlint.packs import load_rules

RULES = load_rules()


def lint(codes, text, path="doc.txt"):
    return Linter(RULES, Settings(select=codes)).lint(text, path)


def test_an_entity_for_a_line_break_is_reported_and_never_written_as_one():
    """Issue 13: &#13; &#10; &NewLine; would become raw CR and LF."""
    text = "第一行&#13;&#10;第二行&NewLine;第三行"
    diags = lint(("WL521",), text)
    assert [text[d.start:d.end] for d in diags] == ["&#13;", "&#10;", "&NewLine;"]
    assert all(d.fix is None for d in diags)
    assert fix_until_stable(text, lambda t: lint(("WL521",), t), unsafe=True).text == text


def test_markdown_bold_and_headings_in_a_text_file_are_no_placeholders():
    text = "### 工作目标\n这是**重要**的工作，**务必**落实。\n总结20**年度工作。"
    assert [text[d.start:d.end] for d in lint(("WL541",), text)] == ["**"]


def test_two_year_blanks_are_not_read_as_one_bold_span():
    text = "总结20**年度消防工作，安排部署20**年全区消防工作。"
    assert [d.start for d in lint(("WL541",), text)] == [4, 19]


def test_a_lone_star_is_a_masked_word_only_in_plain_text():
    text = "反映了*发展的进程。"
    assert [d.code for d in lint(("WL523",), text)] == ["WL523"]
    assert lint(("WL523",), text, "doc.md") == []


def test_a_mask_the_dictionary_restores_is_reported_once():
    text = "为X的十八大胜利召开创造良好环境。"
    assert [d.code for d in lint(("WL522", "WL523", "WL541"), text)] == ["WL522"]


def test_an_advertising_block_keeps_the_title_between_its_lines():
    text = "当前位置：文秘家园>> 文秘范文>> 领导讲话\n\n在全县教育工作会议上的讲话\n\n以稿换稿】【收藏】 作者： 佚名\n\n正文。"
    fixed = fix_until_stable(text, lambda t: lint(("WL561", "WL563"), t), unsafe=True).text
    assert fixed == "在全县教育工作会议上的讲话\n\n正文。"


def test_a_site_menu_after_the_text_is_one_block():
    text = ("正文最后一句。\n\n【文章共6200字，范文学习借鉴，请勿直接抄袭】\n\n  • 我要加入会员\n\n  • 我要以稿换稿\n\n"
            "  • 我用手机阅读\n\n  • 我要推广赚钱\n\n  •  \n\n    用户评论\n\n    （以下评论仅代表网友意见，与本站立场无关）")
    diags = lint(("WL561",), text)
    assert len(diags) == 1 and text[diags[0].start:].startswith("【文章共") and diags[0].end == len(text)


def test_a_long_line_loses_only_the_glued_phrase():
    body = "在我院领导班子的正确指导和大力支持下，我科全体医护人员认真贯彻科学发展观，更新思想观念、改进工作作风，圆满完成了各项工作目标。"  # noqa: E501 (one literal)
    text = "精选优质文档-----倾情为你奉上 " + body
    diags = lint(("WL561",), text)
    assert [text[d.start:d.end] for d in diags] == ["精选优质文档-----倾情为你奉上"]


def test_a_speech_that_offers_its_points_for_reference_is_no_site_intro():
    text = "下面，我给大家讲三点意见，供大家参考。\n一、统一思想。"
    assert lint(("WL561",), text) == []


def test_a_footer_glued_to_a_sentence_goes_with_its_spaces_and_nothing_else():
    text = "提高护理质量和患者满意度。 第1 页共 4页\n第 2 页 共 4 页 下一页的第一句话。"
    fixed = fix_until_stable(text, lambda t: lint(("WL204",), t)).text
    assert fixed == "提高护理质量和患者满意度。\n下一页的第一句话。"


def test_a_credit_line_is_no_page_metadata_but_a_publication_time_is():
    assert lint(("WL564",), "标题\n来源：新华社\n正文。") == []
    assert len(lint(("WL564",), "标题\n发布时间：2022-04-20 14:55\n正文。")) == 1


def test_ordinals_become_chinese_numerals_as_laws_write_them():
    from wenlint.checks.numbers import chinese_numeral

    assert [chinese_numeral(n) for n in (1, 10, 11, 20, 105, 110, 120)] == \
        ["一", "十", "十一", "二十", "一百零五", "一百一十", "一百二十"]


def test_every_masked_title_restores_a_title_and_is_no_word():
    import sys
    from pathlib import Path

    from wenlint.segment import tokenizer

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    from build_masked_pack import TITLES

    freq = tokenizer().FREQ
    rule = next(r for r in RULES if r.code == "WL525")
    assert all(e.right in TITLES and not freq.get(e.wrong) for e in rule.spec.entries)
