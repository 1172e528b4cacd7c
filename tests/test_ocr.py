"""OCR damage (rules/ocr.toml, linter/checks/ocr_*.py): look-alike characters, letters and circles for
digits, ASCII punctuation, hard-wrapped lines."""
import importlib.util
from pathlib import Path

import pytest
from wenlint.checks import CheckData, ocr_index, ocr_lookalike
from wenlint.config import Settings
from wenlint.engine import Linter
from wenlint.fixes import fix_until_stable
from wenlint.packs import load_rules
from wenlint.text import SECTION

RULES = load_rules()
OCR_CODES = tuple(r.code for r in RULES if r.pack.endswith("ocr.toml"))


def lint(text, codes=OCR_CODES):
    return Linter(RULES, Settings(select=codes)).lint(text)


def fixed(text, unsafe=False, codes=OCR_CODES):
    return fix_until_stable(text, Linter(RULES, Settings(select=codes)).lint, unsafe=unsafe).text


# --- look-alike characters (WL701) ---------------------------------------------------------------

@pytest.mark.parametrize("bad, good", [
    ("我们己经完成了任务。", "我们已经完成了任务。"),
    ("他巳经走了。", "他已经走了。"),
    ("展望末来，我们充满信心。", "展望未来，我们充满信心。"),
    ("构建和谐杜会。", "构建和谐社会。"),
    pytest.param("欢迎大家加人我们的队伍。", "欢迎大家加入我们的队伍。", marks=pytest.mark.xfail(
        strict=True, reason="the formal-Chinese model scores 加人→加入 +2.7 (fcitx +4.8): below the margin "
                            "WL701 asks against the frequent 人; its margins need recalibrating on the new model")),
    ("加强基层党纽织建设。", "加强基层党组织建设。"),
    ("要加强领导千部队伍建设。", "要加强领导干部队伍建设。"),
    ("提高执政能刀。", "提高执政能力。"),
    ("这次会认的主要任务是部署工作。", "这次会议的主要任务是部署工作。"),
])
def test_lookalike_is_found_and_fixed(bad, good):
    assert [d.code for d in lint(bad)] == ["WL701"]
    assert fixed(bad, unsafe=True) == good


def test_a_lone_repair_needs_overwhelming_context_and_another_one_vouches_for_it():
    lone = "他己经走了。"  # 己→已 reads better by about 3 here: clean prose has lone swaps up to 5.4
    assert not lint(lone)
    assert [d.code for d in lint("今年地区纽织工作取得了新成绩。" + lone)] == ["WL701", "WL701"]


def test_a_string_written_again_and_again_is_the_authors_unless_it_reads_badly_at_most():
    series = "回答好中国之问、世界之问、人民之问、时代之问，作出符合中国实际的回答。"
    assert not lint(series)  # the model prefers 之间 in one slot of four
    misread = "今年地区纽织工作取得了新成绩。加强基层党纽织建设。各级纽织部门要精心纽织。"
    assert [d.code for d in lint(misread)] == ["WL701"] * 4


NEVER = ["已经", "自己", "未来", "末尾", "社会", "杜甫", "加入", "人员", "干部", "千万", "于是"]
FRAMES = ["我们{}。", "他说{}的事情很多。", "关于{}问题，大家都有看法。", "{}", "这是{}，那也是{}。"]


@pytest.mark.parametrize("word", NEVER)
def test_rightly_used_words_never_fire(word):
    for frame in FRAMES:
        text = frame.format(word, word)
        assert not lint(text), text


@pytest.mark.parametrize("text", [
    "他已经八十岁了，自己照顾自己，从不麻烦别人。",
    "大人和小孩都喜欢太阳出来的早晨，于是大家一起去公园散步。",
    "千里之外的朋友寄来了一封信，信中说未来几年要回国。",
    "入口在大楼的东侧，人口普查员在那里等候。",
    "对于部分同志的意见要认真研究。",
    "到了周末来我家吃饭，文章的末尾写得很好。",
    "老干部工作是组织工作的重要组成部分，要千方百计为群众办实事。",
    "公司为员工提供培训，为发展注入动力，他是一个有作为的年轻人。",
    "选入本书的文章都经过了认真挑选。",
])
def test_ordinary_sentences_are_silent(text):
    assert not lint(text)


def test_a_real_word_as_written_needs_overwhelming_evidence():
    # 选入 is a word: 选人 is not a hundred times more common, so the character is left alone
    assert ocr_lookalike.judge("为党委把好选入用人关。", 6, "人") is None


SCANNED = "今年地区纽织工作取得了新成绩。增强创新的意识和能刀。进一步加大杜区党建工作力度。"  # three safe repairs
FUNCTION_WORD_SWAP = "改进民主推荐于部方式，进一步规范考察工作。"  # 于 as written: margin 4.2, short of 5.5


def test_a_function_word_as_written_needs_overwhelming_context():
    assert not lint(FUNCTION_WORD_SWAP)


def test_in_a_scanned_text_a_function_word_yields_to_strong_context():
    """Three safe repairs show a scanner at work: 于部 there is 干部 (unsafe: 于 may still be right)."""
    found = [(d.code, d.fix.applicability) for d in lint(SCANNED + FUNCTION_WORD_SWAP) if d.start >= len(SCANNED)]
    assert found == [("WL701", "unsafe")]


def test_a_scanned_section_lends_no_evidence_to_another():
    far = SCANNED + "\n" + "要坚持实事求是，做好各项工作。\n" * (SECTION // 16 + 1) + FUNCTION_WORD_SWAP
    assert [d for d in lint(far) if d.code == "WL701" and d.start > SECTION] == []


def test_prefilter_needs_no_jieba_on_text_without_damage():
    text = "同志们，今天的会议很重要，大家要认真学习，努力工作，干出成绩。" * 20
    assert list(ocr_lookalike.candidates(text)) == []


def test_prefilter_finds_damaged_words():
    text = "地区纽织工作取得了成绩，领导于部要带头。"
    assert {(text[i], right) for i, right in ocr_lookalike.candidates(text)} >= {("纽", "组"), ("于", "干")}


def test_table_is_symmetric_and_sourced():
    table = ocr_index.lookalikes()
    assert "已" in table["己"] and "己" in table["已"]
    assert {"干", "于"} <= table["千"]
    header = ocr_index.data(ocr_index.TABLE).read_text(encoding="utf-8")
    assert "pycorrector" in header and "Apache" in header


def _tool(name):
    path = Path(__file__).resolve().parent.parent / "tools" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_index_matches_table_and_dictionary():
    """rules/lookalike-index.tsv is what tools/build_lookalike_index.py builds from the tables."""
    tool = _tool("build_lookalike_index")
    built = tool.render(tool.jieba_dictionary(), ocr_index.lookalikes(), ocr_index.glyph_lookalikes())
    assert built == ocr_index.data(ocr_index.INDEX).read_text(encoding="utf-8")
    shipped = ocr_index.damaged_index()
    for key in ("纽织", "能刀", "于部", "杜会"):
        assert key in shipped
    for word in ("已经", "自己", "未来", "社会", "加入", "干部", "于是"):
        assert word not in shipped


def test_fix_is_safe_only_with_strong_evidence():
    (d,) = lint("加强基层党纽织建设。")
    assert d.fix.applicability == "safe"
    (d,) = lint("要加强领导千部队伍建设。")  # 千部 is a (rare) word as written
    assert d.fix.applicability == "unsafe"


# --- letters and circles for digits (WL702, WL703) ----------------------------------------------

@pytest.mark.parametrize("bad, good", [
    ("表彰2O04年度创新项目。", "表彰2004年度创新项目。"),
    ("建设四星级党组织1OO个。", "建设四星级党组织100个。"),
    ("已经工作4O年。", "已经工作40年。"),
    ("在20l5年完成，共2I个。", "在2015年完成，共21个。"),
    ("一九五○年十月一日。", "一九五〇年十月一日。"),
    ("二○○四年。", "二〇〇四年。"),
])
def test_digits(bad, good):
    assert lint(bad)
    assert fixed(bad) == good


@pytest.mark.parametrize("text", [
    "推行O2O模式，减少CO2排放。", "H2O是水。", "版本v1.O发布。", "I95公路。", "0x1O是十六进制。",
    "○○同志在○○县工作。", "2004年度共100个。", "一九五〇年。",
])
def test_digits_silent(text):
    assert not lint(text)


# --- punctuation (WL704, WL705) -------------------------------------------------------------------

@pytest.mark.parametrize("bad, good", [
    ("提供了有力的组织保障.成绩的取得是大家的功劳.", "提供了有力的组织保障。成绩的取得是大家的功劳。"),
    ("市委委员（扩大)会议。", "市委委员（扩大）会议。"),
    ("选派100名党建指导员（含驻村干部)，举办培训班。", "选派100名党建指导员（含驻村干部），举办培训班。"),
    ("各县(市）要尽快制定方案。", "各县（市）要尽快制定方案。"),
])
def test_punctuation(bad, good):
    assert all(d.rule.category == "ocr" for d in lint(bad))
    assert fixed(bad) == good


@pytest.mark.parametrize("text", [
    "增长了3.5个百分点。", "请访问www.gov.cn查询。", "见附件报告.docx。", "他沉默了...然后说。",
    "一.总则", "美国U.S.政府。", "调用 print(x) 函数。", "（注意事项如下\n1) 按时到会。",
])
def test_punctuation_silent(text):
    assert not lint(text)


# --- hard-wrapped lines (WL706) -------------------------------------------------------------------

def wrap(paragraphs, width):
    return "\n".join(p[i:i + width] for p in paragraphs for i in range(0, len(p), width))


PARAS = [
    "关于加强组织工作的几点意见",
    "这次全市组织部长会议，代表市委就认真学习贯彻全会精神作了重要讲话，提出了明确要求。还对全市优秀组工干部和"
    "创新项目进行了表彰。大家围绕讲话和全市组织工作要点进行了认真讨论，并对贯彻落实提出了意见和建议。",
    "一、这次会议的主要收获",
    "这次会议按照省委的总体部署和市委的明确要求，紧紧围绕加强党的执政能力建设这个主题，研究安排今年的组织工作，"
    "对于全市组织系统开创组织工作新局面必将起到重要的推动作用。",
    "二、认真贯彻落实会议精神",
    "第一，必须围绕中心，服务大局，牢牢把握组织工作的正确方向。服从和服务于全市发展大局和经济建设中心，是组织工作"
    "的根本任务。各级组织部门要通过认真学习和领会这次会议精神，把思想统一到全市工作大局上来。",
]


def test_hard_wrapped_text_comes_back_as_paragraphs():
    text = wrap(PARAS, 30)
    assert fixed(text, unsafe=True) == "\n".join(PARAS)
    breaks = [d for d in lint(text) if d.code == "WL706"]
    assert breaks and all(d.rule.category == "ocr" for d in breaks)


def test_titles_and_list_items_keep_their_lines():
    out = fixed(wrap(PARAS, 30)).split("\n")
    for title in ("关于加强组织工作的几点意见", "一、这次会议的主要收获", "二、认真贯彻落实会议精神"):
        assert title in out


def test_a_full_line_ending_a_sentence_is_joined_only_as_unsafe():
    text = wrap(PARAS, 30)
    for d in lint(text):
        line_end = text[d.start - 1]
        assert d.fix.applicability == ("unsafe" if line_end in "。！？；：" else "safe")


@pytest.mark.parametrize("text", [
    "床前明月光，疑是地上霜。举头望明月，低头思故乡。\n" * 6,
    "\n".join(PARAS),
    "通知\n一、时间：二〇〇四年三月一日上午九时整\n二、地点：市委大楼第三会议室（二楼东侧）\n"
    "三、参加人员：各县区组织部长及有关同志\n四、要求：请准时参加会议，不得无故缺席\n"
    "五、联系人：张三，电话一二三四五六七八\n",
    "北京市东城区某某街道某某胡同十二号院\n上海市浦东新区某某路一百二十三号某某大厦\n",
])
def test_text_that_is_not_hard_wrapped_is_left_alone(text):
    assert not [d for d in lint(text) if d.code == "WL706"]


def test_letters_split_by_a_wrap_are_read_whole():
    """The wrap is repaired in the view: 2⏎O04 is read as 2O04 and its O is found."""
    paras = [PARAS[1] + "还对全市优秀组工干部和2O04年度组织工作创新项目进行了表彰。", PARAS[3]]
    text = wrap(paras, 30)
    assert "2004年度" in fixed(text, unsafe=True)


def test_long_and_short_texts_find_the_same_candidates(monkeypatch):
    """Short texts look around each table character, long ones run the automaton: same answer."""
    text = "各级纽织要加强对领导于部的管理，努刀提高能刀，加人组织。" * 3
    short = list(ocr_lookalike.candidates(text))
    monkeypatch.setattr(CheckData, "BUILD_FROM", 0)
    assert list(ocr_lookalike.candidates(text)) == short != []


def test_the_scan_counter_belongs_to_the_linter_not_the_process(monkeypatch):
    """What one linter has linted decides its algorithm, never another's."""
    from wenlint import Linter

    seen = []
    monkeypatch.setattr(ocr_lookalike, "damaged", lambda text, whole: seen.append(whole) or iter(()))
    monkeypatch.setattr(CheckData, "BUILD_FROM", 10)
    busy, fresh = CheckData([]), CheckData([])
    busy.scanned = 20  # what its linter linted before
    list(ocr_lookalike.candidates("组织", data=busy))
    list(ocr_lookalike.candidates("组织", data=fresh))
    assert seen == [True, False]
    linter, other = Linter(select=["WL701"]), Linter(select=["WL702"])
    before = linter._engine.data.scanned, other._engine.data.scanned
    linter.lint("组织" * 10)
    linter.lint("组织")
    assert (linter._engine.data.scanned, other._engine.data.scanned) == (before[0] + 22, before[1])


# --- hard wraps of a proportional layout (WL706) ----------------------------------------------------

def proportional(paragraphs, widths):
    """Wrap each paragraph at display widths taken in turn from ``widths`` (full width 2 columns)."""
    from wenlint.checks.ocr_wrap import columns

    lines, k = [], 0
    for p in paragraphs:
        line = ""
        for ch in p:
            if line and columns(line + ch) > widths[k % len(widths)]:
                lines.append(line)
                line, k = "", k + 1
            line += ch
        lines.append(line)
    return "\n".join(lines)


WIDTHS = [62, 70, 58, 66, 72, 60, 68, 64]  # 29 to 36 characters: ±10 % around 65 columns


def wraps(text):
    return [d for d in lint(text) if d.code == "WL706"]


def test_lines_of_varying_width_are_joined_as_unsafe():
    text = proportional(PARAS, WIDTHS)
    found = wraps(text)
    assert {text[d.start] for d in found} == {"\n"}
    assert all(d.fix.applicability == "unsafe" for d in found)
    assert fixed(text, unsafe=True) == "\n".join(PARAS)


def test_a_short_text_of_varying_width_is_joined():
    text = proportional([PARAS[1], PARAS[3]], WIDTHS)  # 182 characters, 7 lines
    assert fixed(text, unsafe=True) == PARAS[1] + "\n" + PARAS[3]


def test_a_full_line_ending_a_sentence_ends_its_paragraph():
    paras = ["这次会议按照省委的总体部署和市委的明确要求，研究安排组织工作。", PARAS[1], PARAS[3]]  # 62 columns
    text = proportional(paras, WIDTHS)
    first = text.index("\n")
    assert text[first - 1] == "。" and first not in {d.start for d in wraps(text)}


@pytest.mark.parametrize("insert", [
    "The Province’s economy grew steadily, and the government’s targets\nwere met in full.",
    "### 二、认真贯彻落实会议精神",
    "> 引用的一段话",
])
def test_english_lines_and_markdown_blocks_keep_their_lines(insert):
    text = proportional(PARAS[1:2], WIDTHS) + "\n" + insert + "\n" + proportional(PARAS[3:4], WIDTHS)
    out = fixed(text, unsafe=True)
    assert "\n" + insert + "\n" in out and PARAS[1] in out and PARAS[3] in out


WRAP_SET = Path(__file__).parent / "data" / "wrap"


def test_the_wrap_set_is_found_and_its_english_left_alone():
    """A part of tests/data/wrap (tools/make_wrap_set.py): every line break inside a paragraph is found,
    nothing else, and no OCR rule fires in an English passage."""
    import json

    english = json.loads((WRAP_SET / "english.json").read_text(encoding="utf-8"))
    names = sorted(english)[:6]
    gold = found = hits = 0
    for name in names:
        text = (WRAP_SET / f"{name}.txt").read_text(encoding="utf-8")
        breaks = {g["start"] for g in json.loads((WRAP_SET / f"{name}.json").read_text(encoding="utf-8"))}
        diags = lint(text)
        assert not [d for d in diags for a, b in english[name] if a < d.end and d.start < b]
        reported = {d.start for d in diags if d.code == "WL706"}
        gold, found, hits = gold + len(breaks), found + len(reported), hits + len(breaks & reported)
    assert hits >= 0.95 * gold and hits >= 0.95 * found


# --- look-alikes from glyph data (WL701, WL707) ----------------------------------------------------

def test_glyph_data_is_derived_and_consistent():
    """rules/lookalike-glyph.tsv and rules/common-chars.txt (tools/build_glyph_lookalikes.py)."""
    common = ocr_index.common_chars()
    assert len(common) == 8105 and {"出", "置", "赢", "采"} <= common and "岀" not in common
    pairs = ocr_index.glyph_pairs()
    assert "岀" in pairs["出"] and "置" in pairs["罝"] and "赢" in pairs["嬴"]
    hand = ocr_index.lookalikes()
    for a, others in pairs.items():
        assert all(a in pairs[b] for b in others)  # symmetric
        assert all(a in common or b in common for b in others)
        assert not others & hand.get(a, frozenset())  # the hand table's pairs are not repeated
    header = ocr_index.data(ocr_index.GLYPH).read_text(encoding="utf-8")
    assert "CC BY 3.0" in header and "Apache-2.0" in header and "Unicode License" in header


@pytest.mark.parametrize("bad, good", [
    ("根椐有关规定执行。", "根据有关规定执行。"),
    ("这项工作包栝三个方面。", "这项工作包括三个方面。"),
    ("要加强党绲织建设。", "要加强党组织建设。"),
])
def test_glyph_pairs_repair_common_words_unsafely(bad, good):
    (d,) = lint(bad)
    assert d.code == "WL701" and d.fix.applicability == "unsafe"
    assert fixed(bad, unsafe=True) == good


@pytest.mark.parametrize("text", [
    "是指由制造业龙头企业建设数字化供应链。",  # 由 is a word in its slot: no 指甲
    "该为的必须为、能为的努力为。",  # nor 为 (能力)
    "经济社会发展中老问题、新挑战仍然不少。",  # nor 老 (中考)
])
def test_the_commonest_one_character_words_as_written_stand(text):
    assert not lint(text)


@pytest.mark.parametrize("bad, good", [
    ("我们要认真研究新岀现的问题。", "我们要认真研究新出现的问题。"),
    ("要合理设罝机构。", "要合理设置机构。"),
    ("大家要釆取有效措施。", "大家要采取有效措施。"),
])
def test_rare_glyphs_are_read_as_their_common_look_alike(bad, good):
    (d,) = lint(bad)
    assert d.code == "WL707" and d.fix.applicability == "unsafe"
    assert fixed(bad, unsafe=True) == good


@pytest.mark.parametrize("text", ["江水汹湧，大家都来了。", "羣众纷纷赶来。", "一起抽菸聊天。", "秦始皇嬴政统一六国。"])
def test_variant_glyphs_and_names_are_no_rare_glyph_misreadings(text):
    assert not [d for d in lint(text) if d.code == "WL707"]


def test_variant_glyphs_are_period_spelling_not_mixed_script():
    """WL651's policy: old variant glyphs (湧, 羣, 菸) are neither counted nor reported."""
    text = "江水汹湧，羣众纷纷赶来，大家在一起抽菸聊天，谈论今年的收成。我们要加強学习。"
    found = Linter(RULES, Settings(select=("WL651",))).lint(text)
    assert [text[d.start:d.end] for d in found] == ["強"]


# --- circles in measures, Latin identifiers (WL703, WL708) ------------------------------------------

@pytest.mark.parametrize("bad, good", [
    ("增长百分之一○八点二。", "增长百分之一〇八点二。"),
    ("利率为三点○五。", "利率为三点〇五。"),
    ("占百分之○点五。", "占百分之〇点五。"),
])
def test_circles_in_percentages_and_decimals(bad, good):
    assert fixed(bad) == good


@pytest.mark.parametrize("bad, good", [
    ("了VM是Java虚拟机。", "JVM是Java虚拟机。"),
    ("硬盘的I/0性能。", "硬盘的I/O性能。"),
    ("C0VID-19疫情。", "COVID-19疫情。"),
    ("工BM公司的报告。", "IBM公司的报告。"),
])
def test_latin_identifiers(bad, good):
    assert [d.code for d in lint(bad)] == ["WL708"]
    assert fixed(bad, unsafe=True) == good


@pytest.mark.parametrize("text", ["部署了VM之后。", "A0纸和1/0比例。", "H2O和MP3。", "IT工作。", "用工MBA。", "○ABC公司"])
def test_latin_identifiers_silent(text):
    assert not [d for d in lint(text) if d.code == "WL708"]
