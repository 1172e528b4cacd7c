"""What a document-sharing site added to the document: advertisements, navigation, page metadata,
introductions by the site's editor, and copies of the title or of the opening lines.

Sites prepend a one-line excerpt of the document, wrap it in advertising (QQ群, 会员, 仅供学习 禁止外传,
欢迎下载, 已阅读N页 …), put breadcrumbs (首页 > 工作范文 > …) and metadata lines (发布时间, 阅读 次)
above it, and introduce it in the voice of the site (以下是小编整理的…，欢迎阅读与收藏). None of it
belongs to the document. Fixes delete what the site added; they are unsafe because a human should
glance at what goes.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice, takewhile

from wenlint.checks import check
from wenlint.matching import diagnostic, render_message
from wenlint.model import Edit
from wenlint.patterns import rx
from wenlint.text import CLAUSE_MARK, NUMBERED, reads_as_title

try:  # the pure-Python parser of `re`, to read what the patterns open with
    from re import _parser
except ImportError:  # Python 3.10
    import sre_parse as _parser

# phrases that only site furniture uses; one is enough on a short line. Every alternative of these
# patterns (and of INTRO) opens with a literal, so that they are tried only where an automaton finds
# one of those openings (_finditer; _openings refuses an alternative that opens otherwise)
STRONG = rx(
    r"(?:QQ群|微信群|会员群|仅供学习|禁止外传|仅供参考.{0,4}禁止|可编辑资料|可编辑修改|欢迎下载|免费下载|下载后可|"
    r"本文档由.{0,10}(?:提供|上传)|用户上传|已阅读\s*\d+\s*页|此处隐藏\s*\d+\s*个?字|付费下载|全文阅读已结束|"
    r"倒卖.{0,4}资料|文档贡献者\s*[:：]|侵权.{0,6}删除|版权归原作者|订阅.{0,6}权益|"
    r"全文共\s*\d+\s*字|文章共\s*\d+\s*字|本文共\s*\d+\s*字|当前显示\s*\d+\s*字|请认真阅读下面的提示信息|请勿直接抄袭|"
    r"精选优质文档|倾情为你奉上|正文复制|以稿换稿|加入会员|收藏本站|设为首页|网站首页|站内搜索|"
    r"本站立场|网友评论|用户评论|复制下载|范文网|转载请注明|来源于网络|点击(?:下载|查看全文|阅读全文)|下载文档|文档下载|"
    r"百度文库|原创力文档|道客巴巴|豆丁网|W[Oo][Rr][Dd]\s*版.{0,2}可编辑|w[Oo][Rr][Dd]\s*版.{0,2}可编辑|（可编辑[)）]|\(可编辑[)）]|阅读全文|查看全文|展开全文)")
# the strong phrases that no prose uses: glued into a long line, the phrase itself is reported
GLUED = rx(
    r"(?:仅供学习|禁止外传|可编辑资料|可编辑修改|本文档由.{0,10}(?:提供|上传)|已阅读\s*\d+\s*页|此处隐藏\s*\d+\s*个?字|"
    r"全文阅读已结束|文档贡献者\s*[:：]|全文共\s*\d+\s*字|文章共\s*\d+\s*字|本文共\s*\d+\s*字|当前显示\s*\d+\s*字|请认真阅读下面的提示信息|"
    r"请勿直接抄袭|精选优质文档|倾情为你奉上|正文复制|以稿换稿|收藏本站|设为首页|范文网|转载请注明|点击(?:下载|查看全文|阅读全文)|"
    r"百度文库|原创力文档|道客巴巴|豆丁网|W[Oo][Rr][Dd]\s*版.{0,2}可编辑|w[Oo][Rr][Dd]\s*版.{0,2}可编辑|（可编辑[)）]|\(可编辑[)）]|展开全文)")
# words that site furniture uses but ordinary text does too: they count only next to a strong line
WEAK = rx(r"会员|下载|订阅|资料|分享|平台|举报|免费|文档|原创|收藏|关注|公众号|扫码|二维码|精品|立享|"
          r"我要|手机阅读|评论")
# the site introducing the document in its own voice: 小编, or a lead (下面是…整理的) with an invitation
NOT_END = r"[^。！？!?\n]"
INTRO = rx(
    rf"(?:【{NOT_END}{{1,8}}】下面|【{NOT_END}{{1,8}}】以下|下面|以下)(?:是|为|就是)?{NOT_END}{{0,30}}"
    rf"(?:(?:给|为|供)(?:大家|您|你)(?:分享|整理|推荐|带来|收集|参考)|整理(?:了|的)|精心)"
    rf"{NOT_END}{{0,60}}?(?:希望{NOT_END}{{0,12}}(?:帮助|启发)|仅供参考|欢迎{NOT_END}{{0,6}}(?:阅读|借鉴|收藏|参考|下载)"
    rf"|供{NOT_END}{{0,8}}参考(?:之用)?){NOT_END}{{0,30}}?(?:[。！!]|(?=\n)|[ \t　]+|$)")
SENTENCE_ENDS = "。！？!?\n"
REACH = 80  # characters of a sentence on either side of 小编
# what a site offers: a piece of writing of some genre (a speaker offering his points offers none)
GENRE = rx(r"范文|例文|文章|资料|材料|总结|报告|讲话|心得|体会|稿|[0-9一二三四五六七八九十几]篇|模板|大全|文档|网友|本站")
MAX_LINE = 80
# a document's name, as sharing sites title their items (…工作总结, …的讲话): only such a title pasted into
# a sentence is the site's; a news lead restates its headline as a clause (今天（1月1日），新版…落地实施，…)
# (the endings str.endswith tests: a title has no line break, where re's $ would also match before one)
DOC_NAME = tuple("总结 讲话 发言 发言稿 演讲稿 致辞 报告 心得 体会 方案 计划 材料 汇报 述职 范文".split())
MAX_GAP = 3  # other non-blank lines allowed between two advertising lines of one block
REGION = 2 * (MAX_GAP + 1)  # non-blank lines around a strong phrase that a block of it may reach
SPACE = " \t\u3000"
SEPARATORS = SPACE + "-—－|｜·•"
ASTRAL = rx("[\U00010000-\U0010ffff]")


def _openings(items) -> list[str]:
    """The literal texts that every match of the parsed pattern ``items`` opens with (one of them).
    A class of literals after the opening literal is spelled out (W[Oo]…: WO, Wo): an automaton
    scans slowly for keys of one character."""
    if items and items[0][0] is _parser.BRANCH:
        return [opening for alternative in items[0][1][1] for opening in _openings(alternative)]
    if items and items[0][0] is _parser.SUBPATTERN and not any(items[0][1][1:3]):  # a group, no flags
        return _openings(items[0][1][3])
    lead = "".join(chr(av) for _, av in takewhile(lambda item: item[0] is _parser.LITERAL, items))
    if not lead:
        raise ValueError("an alternative that opens with no literal")
    after = items[len(lead):]
    if after and after[0][0] is _parser.IN and all(op is _parser.LITERAL for op, _ in after[0][1]):
        return [lead + chr(av) for _, av in after[0][1]]
    return [lead]


@lru_cache(maxsize=None)
def _automaton(pattern: re.Pattern):
    """An automaton of the openings of ``pattern``, as UTF-16 code units, finding them leftmost first."""
    import ahocorasick_rs

    if pattern.flags & re.IGNORECASE:
        raise ValueError("openings are matched as written")
    keys = sorted(set(_openings(_parser.parse(pattern.pattern, pattern.flags))))
    return ahocorasick_rs.BytesAhoCorasick([key.encode("utf-16-le") for key in keys],
                                           matchkind=ahocorasick_rs.MatchKind.LeftmostFirst)


def _units_for(ctx) -> bytes | None:
    """The text's units (:func:`_units`) for the openings' automata, or None while its linter has read
    too little for them to pay."""
    return _units(ctx.text) if ctx.data.worth_building(ctx.text) else None


def _units(text: str) -> bytes:
    """The text in UTF-16 code units, two bytes a character (one outside the BMP, two units, is
    replaced by U+FFFD first): the automata's byte offsets halve to character offsets."""
    units = text.encode("utf-16-le", "surrogatepass")
    if len(units) != 2 * len(text):
        units = ASTRAL.sub("\ufffd", text).encode("utf-16-le", "surrogatepass")
    return units


def _finditer(pattern: re.Pattern, text: str, units: bytes | None):
    """``pattern.finditer(text)``, trying the pattern only at the openings (_openings) that one scan
    of the text's units finds. A match starts where an opening stands; a leftmost scan reports an
    opening at every such place or one that covers it (overlapping openings: 欢迎下载, 下载后可), and
    every character a reported opening covers is tried, in order, as finditer would."""
    if units is None:  # a linter that has read little yet (_units_for)
        yield from pattern.finditer(text)
        return
    last = 0
    for _, start, end in _automaton(pattern).find_matches_as_indexes(units):
        i = max(start // 2, last)
        while i <= (end - 1) // 2:
            m = pattern.match(text, i)
            if m:
                yield m
                last = i = m.end()
            else:
                i += 1


def _lines(text: str, pos: int = 0):
    """(start, end, line) of each line from ``pos`` (a line start), as they are read (a check that
    wants the first few reads no more)."""
    while (end := text.find("\n", pos)) >= 0:
        yield pos, end, text[pos:end]
        pos = end + 1
    yield pos, len(text), text[pos:]


def _lines_holding(text: str, chars: str):
    """(start, end, line) of each line holding one of ``chars``, in order, ``end`` before its line
    break (:func:`wenlint.anchors.lines_holding`: one pass for each character the text holds)."""
    from wenlint.anchors import lines_holding

    for start, end in lines_holding(text, tuple(chars), len(text) + 1):
        if text[end - 1:end] == "\n":
            end -= 1
        yield start, end, text[start:end]


def _blank(line: str) -> bool:
    """Blank, or only a bullet or separators left of a menu item."""
    return not line.strip(" \t\u3000\r•·|｜-")


@check("site-advertisement")
def advertisements(ctx, rule):
    text = ctx.text
    units = _units_for(ctx)
    spans = [m.span() for m in _finditer(INTRO, text, units) if GENRE.search(m.group())]
    spans += _editor_sentences(text)
    strong = list(_finditer(STRONG, text, units))
    if strong:
        spans += _blocks(text, strong, units)
    spans.sort()
    last = -1
    for start, end in spans:
        if start < last:
            continue  # one report for one piece of furniture
        last = end
        yield diagnostic(rule, start, end, render_message(rule, found=_label(text[start:end])),
                         [Edit(start, end, "")])


def _find_editor(text: str, start: int = 0) -> int:
    """``text.find("小编", start)``, found by its 编: str.find seeks one character about ten times
    faster than two in Chinese text, and 编 is rare enough."""
    i = text.find("编", start + 1)
    while i > 0 and text[i - 1] != "小":
        i = text.find("编", i + 1)
    return i - 1 if i > 0 else -1  # (i > start if found: 小 at i - 1 is inside the search)


def _editor_sentences(text: str):
    """The sentences in which the site's editor (小编) speaks."""
    i = _find_editor(text)
    while i != -1:
        start = max(max(text.rfind(c, max(0, i - REACH), i) for c in SENTENCE_ENDS) + 1, i - REACH, 0)
        ends = [j for j in (text.find(c, i, i + REACH) for c in SENTENCE_ENDS) if j != -1]
        end = min(ends) if ends else min(len(text), i + REACH)
        if end < len(text) and text[end] != "\n":
            end += 1  # the sentence's own 。 or ！
        while end < len(text) and text[end] in SPACE:
            end += 1
        yield start, end
        i = _find_editor(text, end)


def _label(found: str) -> str:
    found = " ".join(found.split())
    return found if len(found) <= 20 else found[:20] + "…"


def _blocks(text: str, strong: list[re.Match], units: bytes | None):
    """Blocks of short advertising lines (with the blank lines after them), and phrases in long lines.
    Only the lines near a strong phrase (``strong``, the text's STRONG matches) can be advertising,
    and only long lines holding a glued phrase have one: the text is searched whole for both, and
    just those lines are read."""
    for lo, hi in _regions(text, strong):
        yield from _ad_blocks(text, lo, hi)
    done = set()
    for m in _finditer(GLUED, text, units):
        start = text.rfind("\n", 0, m.start()) + 1
        while start <= m.end():  # every line the match touches (its \s may cross a line break)
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            if start not in done:
                done.add(start)
                yield from _glued(text, start, end)
            start = end + 1


def _regions(text: str, strong: list[re.Match]):
    """(start, end) of the stretches of text within REGION non-blank lines of a strong phrase (merged
    where they overlap): an advertising line is within MAX_GAP + 1 lines of a strong one, and a block
    joins lines MAX_GAP + 1 apart, so stretches apart can share no block."""
    last = None
    for m in strong:
        lo = _step(text, text.rfind("\n", 0, m.start()) + 1, -REGION)
        hi = _step(text, m.end(), REGION)
        if last is not None and lo <= last[1]:
            last = (last[0], hi)
            continue
        if last is not None:
            yield last
        last = (lo, hi)
    if last is not None:
        yield last


def _step(text: str, pos: int, lines: int) -> int:
    """The start of the line ``lines`` non-blank lines before the line starting at ``pos`` (lines < 0),
    or the end of the line that many non-blank lines after the one holding ``pos``."""
    if lines < 0:
        while pos > 0 and lines < 0:
            start = text.rfind("\n", 0, pos - 1) + 1
            lines += not _blank(text[start:pos - 1])
            pos = start
        return pos
    end = text.find("\n", pos)
    while end >= 0 and lines > 0:
        nxt = text.find("\n", end + 1)
        lines -= not _blank(text[end + 1:nxt if nxt >= 0 else len(text)])
        end = nxt
    return len(text) if end < 0 else end


def _ad_blocks(text: str, lo: int, hi: int):
    """The advertising blocks among the lines of text[lo:hi]."""
    lines = [(lo + a, lo + b, line) for a, b, line in _lines(text[lo:hi]) if not _blank(line)]
    # a numbered line (第七条 …网站首页…, （一）…QQ群…) is the document's own article or item
    strong = [len(line.strip()) <= MAX_LINE and not NUMBERED.match(line) and bool(STRONG.search(line))
              for _, _, line in lines]
    ads = [i for i, (_, _, line) in enumerate(lines)
           if len(line.strip()) <= MAX_LINE and (strong[i] or (_near(strong, i) and WEAK.search(line)))]
    block: list[int] = []
    for i in ads + [None]:
        if block and (i is None or i - block[-1] > MAX_GAP + 1):
            start, end = lines[block[0]][0], lines[block[-1]][1]
            while end < len(text) and (text[end] in "\r\n" + SPACE):
                end += 1  # the line break and blank lines that only separated the advertisement
            if end < len(text):  # keep the indentation of the line that follows
                while end > start and text[end - 1] in SPACE:
                    end -= 1
            yield start, end
            block = []
        if i is not None and (block or strong[i]):
            block.append(i)


def _glued(text: str, start: int, end: int):
    """The glued phrases of the line text[start:end], if it is a long one."""
    line = text[start:end]
    if _blank(line) or len(line.strip()) <= MAX_LINE:
        return
    phrases: list[list[int]] = []
    for m in GLUED.finditer(line):
        if phrases and not line[phrases[-1][1]:m.start()].strip(SEPARATORS):
            phrases[-1][1] = m.end()  # 精选优质文档-倾情为你奉上: one slogan
        else:
            phrases.append([m.start(), m.end()])
    for a, b in phrases:
        yield _bracketed(text, start + a, start + b, start, end)


def _bracketed(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The phrase with the brackets that enclose it (【文章共6200字，请勿直接抄袭】), if any."""
    for left, right in ("【】", "（）", "()", "[]"):
        i = text.rfind(left, lo, start)
        j = text.find(right, end, hi)
        if i >= 0 and j >= 0 and right not in text[i:start] and left not in text[end:j] and j - i <= 60:
            return i, j + 1
    return start, end


def _near(strong: list[bool], i: int) -> bool:
    return any(strong[max(0, i - MAX_GAP - 1):i + MAX_GAP + 2])


@check("truncated-summary-line")
def truncated_summary(ctx, rule):
    """A first line that ends in ... / … and repeats the start of what follows."""
    text = ctx.text
    end = text.find("\n")
    if end <= 0:
        return
    first = text[:end]
    m = re.search(r"(?:\.{3,}|…+)\s*$", first)
    if not m:
        return
    excerpt = re.sub(r"\s+", "", first[:m.start()])
    body = re.sub(r"\s+", "", text[end + 1:end + 1 + 4 * len(first)])
    if len(excerpt) >= 10 and body.startswith(excerpt[:max(10, len(excerpt) // 2)]):
        yield diagnostic(rule, 0, end + 1, render_message(rule, found=first.strip()[:20]), [Edit(0, end + 1, "")])


CRUMB_SEP = rx(r"\s*(?:>>?|»|›|→|/)\s*")
CRUMB_CHARS = ">»›→/"  # what every CRUMB_SEP match holds
CRUMB_LEAD = rx(r"^[ \t\u3000•·]*(?:当前位置|您的位置|您现在的位置|现在位置|所在位置|位置)\s*[:：]\s*")


@check("breadcrumb-line")
def breadcrumbs(ctx, rule):
    """A line of short links joined by >: the site's navigation, not the document's text. The last link
    repeated on the next line (the section's name) goes with it."""
    text = ctx.text
    if ">" not in text and "»" not in text and "›" not in text and "→" not in text:
        return
    for start, end, line in _lines_holding(text, CRUMB_CHARS):  # no separator: no crumbs
        body = CRUMB_LEAD.sub("", line)
        led = body != line
        crumbs = [c for c in CRUMB_SEP.split(body.strip()) if c]
        seps = len(CRUMB_SEP.findall(body.strip()))
        if not crumbs or seps < (1 if led else 2) or not all(len(c) <= 12 and not re.search(r"[。，！？；]", c)
                                                                for c in crumbs):
            continue
        if not led and not (crumbs[0] in ("首页", "主页", "网站首页") or seps >= 3):
            continue
        stop = end
        following = next((line for line in islice(_lines(text, end + 1), 3) if line[2].strip()), None)
        if following and following[2].strip() == crumbs[-1]:
            stop = following[1]
        while stop < len(text) and text[stop] in "\r\n":
            stop += 1
        yield diagnostic(rule, start, stop, render_message(rule, found=line.strip()), [Edit(start, stop, "")])


TIME_FIELD = r"(?:网友|用户)?(?:发布|发表|更新|上传|录入|提交|推荐)(?:时间|日期)\s*[:：]?\s*[0-9:/\-. 年月日时分秒]{4,22}"
COUNTER = r"(?:浏览|阅读|点击|下载|人气)(?:次数|量|数)?\s*[:：]?\s*(?:\d+\s*次?|次)"
LABEL = r"(?:作者|来源|编辑|责任编辑|所属栏目|栏目|文档介绍|字号)\s*[:：]\s*[^\s:：|｜【】]{0,12}"
BUTTON = r"分享到|打印本页|关闭窗口|加入收藏|【收藏】|【打印】|[【\[]?\s*[大中小]\s*[】\]]?"
META_LINE = rx(rf"^[ \t\u3000•·]*(?:(?P<site>{TIME_FIELD}|{COUNTER})|{LABEL}|{BUTTON})"
               rf"(?:\s*[|｜/]?\s*(?:(?P<site2>{TIME_FIELD}|{COUNTER})|{LABEL}|{BUTTON}))*\s*$")
LABELS = rx(LABEL)
# what the first field of a META_LINE match opens with, past the blanks and bullets: TIME_FIELD
# (网友, 用户, 发布 …), COUNTER (浏览 …), LABEL (作者 …) and BUTTON (分享到 …, 【, [ or 大中小 after blanks)
FIELD_OPENS = "网用发更上录提推" "浏阅点下人" "作来编责所栏文字" "分打关加【[大中小"
FIELD_START = rx(rf"[\s•·]*[{re.escape(FIELD_OPENS)}]")
FIELD_LINE = rx(rf"\n[\s•·]*[{re.escape(FIELD_OPENS)}]")  # opening with a literal: the search skips ahead


@check("page-metadata-line")
def metadata(ctx, rule):
    """A line made only of page fields (发布时间：2022-04-20 14:55, 来源： 作者原创 阅读 次): the web
    page's metadata, not the document."""
    text = ctx.text
    for start, end, line in _field_lines(text):
        stripped = line.strip()
        if not stripped or len(stripped) > 60:
            continue
        m = META_LINE.match(stripped)
        if not m or not (m.group("site") or m.group("site2") or len(LABELS.findall(stripped)) >= 2):
            continue
        stop = end
        while stop < len(text) and text[stop] in "\r\n":
            stop += 1
        yield diagnostic(rule, start, stop, render_message(rule, found=stripped), [Edit(start, stop, "")])


def _field_lines(text: str):
    """(start, end, line) of the lines whose first character past blanks and bullets is one that a
    field opens with (FIELD_OPENS): no other line is a META_LINE. That character is found at the
    text's start and after each line break (past blank lines, which hold none)."""
    first = FIELD_START.match(text)
    found = [first] if first else []
    found += FIELD_LINE.finditer(text, first.end() if first else 0)
    for m in found:
        start = text.rfind("\n", 0, m.end() - 1) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        yield start, end, text[start:end]


HEAD_LINES = 6  # non-blank lines before the body where a site puts its copies of the title
SITE_SUFFIX = rx(r"\s+[-—－|｜_]\s*\S{1,6}$")  # 工作总结 -总结: the site's section appended to the title
SITE_SEPARATOR = rx(r"[-—－|｜_]")
COMPACT = rx(r"\s+")
SOLID = rx(r"\S")  # no white space, as str.split and COMPACT read it
TAG = rx(r"[ \t]*[\[【]([^\]】\n]{4,24})[\]】]")  # a bracketed tag opening the first line


def _title(line: str) -> str | None:
    """The title a head line holds, if it reads as a title (short, no sentence punctuation)."""
    core = line.strip()
    if SITE_SEPARATOR.search(core):  # what a SITE_SUFFIX match holds
        core = SITE_SUFFIX.sub("", core)
    return core if reads_as_title(core) else None


@check("duplicated-title")
def duplicated_title(ctx, rule):
    """Copies of the title or of the opening that a site left before the body: an excerpt of the opening
    repeated by the next line, a title line followed by its fuller form (市长在…的讲话), the title glued
    again to the start of the body, and the title pasted as a clause into a sentence."""
    text = ctx.text
    head = list(islice((line for line in _lines(text) if line[2].strip()), HEAD_LINES))
    reported: list[tuple[int, int]] = []
    for start, end, line in head[:-1]:
        if _excerpt(text, end, line):
            reported.append((start, _through_break(text, end)))  # an excerpt the next line repeats
    titles = [(start, end, _title(line)) for start, end, line in head if not _covered(start, reported)]
    titles = [(start, end, t) for start, end, t in titles if t]
    for start, end, title in titles:
        first = bool(head) and start == head[0][0]
        suffixed = first and title != text[start:end].strip()
        for k, (s2, e2, line) in enumerate(head):
            if s2 <= start or _covered(s2, reported):
                continue
            at = line.find(title)
            if at < 0 or (at > 0 and line[at - 1] in "“《\"'「『"):
                continue
            after = line[at + len(title):].lstrip(SPACE)
            fuller = 0 < at <= 6 and not CLAUSE_MARK.search(line[:at]) and not CLAUSE_MARK.match(after)
            again = at == 0 and not after.strip() and (suffixed or head[k - 1][0] == start)
            if first and (fuller or again):
                reported.append((start, _through_break(text, end)))  # this title again, or its fuller form
                break
            # glued: the body runs on from the title (…的讲话这次会议); a title the body's sentence goes on
            # from with a comma or ends with a stop (…落地实施，…) is a news lead restating its headline
            if at == 0 and len(after) >= 10 and not after.startswith(("【", "[", "（", "(")) \
                    and not CLAUSE_MARK.match(after):
                stop = s2 + len(line) - len(after)
                reported.append((s2, stop))  # the title glued again to the start of the body
                break
        if len(title) >= 8 and title.endswith(DOC_NAME):
            i = text.find(title, end)  # its occurrences after the line, not overlapping, as finditer finds them
            while i >= 0:
                j = i + len(title)
                if text[i - 1:i] in "，," and text[j:j + 1] in "。，；":
                    reported.append((i - 1, j))  # the title pasted into a sentence
                i = text.find(title, j)
    if head:
        m = TAG.match(text[head[0][0]:head[0][1]])
        if m and text[head[0][0] + m.end():].lstrip().startswith(m.group(1)[:4]):
            reported.append((head[0][0], head[0][0] + m.end()))  # a tag that repeats the title's start
    for start, end in sorted(set(reported)):
        found = text[start:end].strip(" \t\r\n，,")
        yield diagnostic(rule, start, end, render_message(rule, found=_label(found)), [Edit(start, end, "")])


def _excerpt(text: str, end: int, line: str) -> bool:
    """Is the head line ``line`` (ending at ``end``), of 20 characters or more past its white space and
    holding a clause mark, repeated by the text after it (white space apart)?"""
    # the line less its white space (own) is no longer and holds the same clause marks; it opens with
    # the line's first piece between white space, and the text after it (less its white space, rest)
    # with the first piece of that text, which rest opens with own only if they agree as far as both go
    # (str.split and COMPACT both cut at what str.isspace calls white space): no other line is compacted
    if len(line) < 20 or not CLAUSE_MARK.search(line):
        return False
    limit = end + 2 * len(line) + 40
    # the two first pieces open with the first characters that are no white space: a quick test, before
    # the text after the line is copied and split, where they differ (as they do after most lines)
    solid = SOLID.search(text, end, limit)
    if solid is None or solid.group() != line.lstrip()[0]:
        return False
    after = text[end:limit]
    first, pieces = line.split(None, 1)[0], after.split(None, 1)
    if not pieces or not first.startswith(pieces[0][:len(first)]):
        return False
    own = COMPACT.sub("", line)
    return len(own) >= 20 and COMPACT.sub("", after).startswith(own)


def _through_break(text: str, end: int) -> int:
    while end < len(text) and text[end] in "\r\n":
        end += 1
    return end


def _covered(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)
