"""Numbers that cannot be right.

A damaging converter splices a year token (2023) into figures: 202223年, 752023名, 20230%.
A five- or six-digit number before 年 that starts like a year is not a year. Once a document shows
such a splice, the same token elsewhere in a digit run (82023户) or on its own (2023年 in a text
about 2006) is suspect too. A rate that is a share of a whole (答复率, 覆盖率) cannot pass 100.
A date that lost its 月 (118日下午 for 1月18日) names a day past 31. A year token before 余名 (2023余名)
is a splice too. The right value cannot be known: these rules report and never fix.

Digits inside fixed expressions that are written with Chinese numerals (第1要务, 讲3点意见, 1季度) are a
converter's work; so are 第1条 and 第1节 in a document that numbers its other articles 第一条, 第二条.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from itertools import takewhile

from wenlint.checks import check
from wenlint.matching import diagnostic, render_message
from wenlint.model import Edit
from wenlint.patterns import rx
from wenlint.text import section_cuts

# a figure of three characters or more (every reason below needs three: a token has four, 101 three):
# after its first digit come two of [\d.], as in every longer figure and in no shorter one. That is
# \d(?<![\d.]\d)(?=[\d.]{2})\d*(?:\.\d+)?(?![\d.]), its first \d found by a quicker test than re's
# (a category lookup per character): a character not of Latin-1 (0-9 apart), CJK punctuation, Han or
# the full-width forms (０-９ apart), blocks that hold no other decimal digit; then (?<=\d)
DIGITS = rx(r"[^\x00-\x2f\x3a-\xff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff60]"
            r"(?<=\d)(?<![\d.]\d)(?=[\d.]{2})\d*(?:\.\d+)?(?![\d.])")
YEAR_LIKE = rx(r"(?:19|20)\d{3,4}")
TOKEN = rx(r"(?=(19[5-9]\d|20[0-4]\d))")
RECENT = rx(r"202\d")  # the decade of the damaging converters
COUNTER = rx(r"[名人户家个元件项次台辆头只亩吨]")
APPROX_COUNT = rx(r"[余多]\s*[名人户家个元件项次台辆场所万亿]")
DAY_BEFORE = rx(r"(?:\A|[\s，。；：、,;:（(年于在自从])$")
DAY_AFTER = rx(r"日(?:上午|下午|晚上?|凌晨|早上|早晨|中午|夜间?|起|至|到|前后|—|-|～|~)")
CODE_BEFORE = rx(r"(?:邮编|编码|编号|代码|号码|电话|账号|帐号|No\.?|NO\.?|#)\s*[:：]?\s*$")
# rates bounded by 100%: a share of a whole (growth, profit or plan-completion rates are not)
RATE = rx(r"(?:答复|回复|覆盖|合格|达标|参与|满意|入党|出勤|通过|及格|普及|就业|知晓|参保|参会|到会|"
                  r"投票|支持|知情|办结|结案|入学|巩固)率(?:已|将|均|要|需)?"
                  r"(?:达到|到达|提高到|提升到|为|是|达|超过|在)?$|(?:占比|比重|覆盖面)(?:达到|到达|为|是|达)?$")


def _splice_token(text: str, runs) -> str | None:
    """The year-like token that occurs inside at least two different longer digit runs, if any (one
    figure repeated, as in a table, is one figure)."""
    # a token inside a run is shorter than the run: only runs of five characters or more hold one, and
    # each run counts a token once, so that two such runs are needed
    figures = {s for m in runs if len(s := m.group()) >= 5 and "." not in s and not _with_unit(text, m.end())}
    if len(figures) < 2:
        return None
    counts = Counter()
    for s in figures:
        if not _round(s):
            counts.update({tok for tok in TOKEN.findall(s[1:])} | {tok for tok in TOKEN.findall(s[:-1])})
    token, n = counts.most_common(1)[0] if counts else (None, 0)
    return token if n >= 2 and not token.endswith("00") else None


def _recent_year_inside(s: str) -> bool:
    """A five- or six-digit figure that holds a recent year after or before one or two other digits
    (22023, 752023, 20230): one such figure alone is already unlikely to be a true count."""
    if not 5 <= len(s) <= 6 or "." in s or _round(s):
        return False
    return bool(RECENT.fullmatch(s[-4:]) or RECENT.fullmatch(s[:4]) and len(s) == 5)


def _with_unit(text: str, end: int) -> bool:
    """A figure followed by a Latin letter (20256k, 4096MB, 1080p) is a technical quantity."""
    return text[end:end + 1].isascii() and text[end:end + 1].isalpha()


def _counted(text: str, end: int) -> bool:
    """Is the figure a count or share written in Chinese (22023名, 20230%), not a column of a table
    or a technical quantity?"""
    after = text[end:end + 1]
    return after in ("%", "％", "‰") or "\u4e00" <= after <= "\u9fff"


def _round(s: str) -> bool:
    """10000, 20000, 1500: round figures are ordinary quantities, not splices."""
    return len(s.rstrip("0")) <= 2


@check("impossible-number", fields=("found", "reason"))
def impossible_numbers(ctx, rule):
    text = ctx.text
    runs = list(DIGITS.finditer(text))
    if not runs:
        return
    token = _splice_token(text, runs)
    for m in runs:
        s, start, end = m.group(), m.start(), m.end()
        after = text[end:end + 1]
        reason = None
        if after == "年" and YEAR_LIKE.fullmatch(s) and not _round(s) and not text.startswith("年代", end):
            reason = "不可能的年份 / not a possible year"
        elif token and token in s and len(s) > len(token):
            reason = f"数字中混入了“{token}” / the token {token} is spliced into this number"
        elif not token and _recent_year_inside(s) and _counted(text, end) \
                and not CODE_BEFORE.search(text[max(0, start - 6):start]):
            reason = "数字中混入了年份 / a year seems spliced into this number"
        elif token and s == token:
            reason = f"本文多处混入“{token}”，此处也可疑 / {token} is spliced elsewhere in this document"
        elif _over_hundred(text, s, start, end):
            reason = "比例超过100% / a share or rate over 100%"
        elif RECENT.fullmatch(s) and APPROX_COUNT.match(text, end):
            reason = "数量中混入了年份 / a year spliced into a count"
        elif len(s) == 6 and "." not in s and RECENT.search(s) and not _round(s) and COUNTER.match(text, end) \
                and not CODE_BEFORE.search(text[max(0, start - 6):start]):
            reason = "数字中混入了年份 / a year seems spliced into this number"
        elif _day_without_month(text, s, start, end):
            reason = f"日期缺少“月”（{s[:-2]}月{s[-2:]}日？）/ a date that lost its 月"
        if reason:
            yield diagnostic(rule, start, end, render_message(rule, found=s, reason=reason))


def _over_hundred(text: str, s: str, start: int, end: int) -> bool:
    """A share or rate (RATE before it) over 100."""
    value = float(s)
    if value <= 100:
        return False
    before = text[max(0, start - 12):start]
    if "率" not in before and "比" not in before and "面" not in before:
        return False  # every RATE match holds one of them (率, 占比 or 比重, 覆盖面): a quicker test
    return bool(RATE.search(before)) and text[end:end + 1] not in "万亿元个人名家项次件户年"  # 1994年以来: a year


def _day_without_month(text: str, s: str, start: int, end: int) -> bool:
    """118日下午: a three- or four-digit day, read as month and day, at the start of a clause."""
    if not 3 <= len(s) <= 4 or "." in s or not text.startswith("日", end) or not DAY_AFTER.match(text, end):
        return False
    month, day = int(s[:-2]), int(s[-2:])
    return 1 <= month <= 12 and 1 <= day <= 31 and bool(DAY_BEFORE.search(text[max(0, start - 2):start]))


ORDINAL = rx(r"第(?:([一二三四五六七八九十百零〇]+)|(\d{1,3}))(条|节|章|款|编|部分)")
DIGIT_ORDINAL = rx(r"第\d{1,3}(?:条|节|章|款|编|部分)")  # where ORDINAL matches in digits (its group 2)
NUMERALS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (as ordinals write them)."""
    if n < 10:
        return NUMERALS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else NUMERALS[tens]) + "十" + (NUMERALS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    tail = "" if not rest else ("零" + NUMERALS[rest] if rest < 10 else
                                 ("一" if rest < 20 else "") + chinese_numeral(rest))
    return NUMERALS[hundreds] + "百" + tail


@check("ordinal-style", fields=("found", "fix", "count"))
def ordinal_style(ctx, rule):
    """第1条 heading a line in a document that heads its articles 第一条, 第二条: one style per document
    and unit (per section of a long text, which is many documents). An ordinal in running text cites
    (《刑法》第384条), in the cited text's style or the author's: it is neither judged nor counted."""
    text = ctx.text
    if "第" not in text:
        return
    # only a section with a heading in digits has anything to report: the others are not read
    digits = [m.start() for m in DIGIT_ORDINAL.finditer(text) if _heads_line(text, m.start())]
    cuts = section_cuts(text)
    for lo, hi in zip(cuts, cuts[1:]):
        if bisect_left(digits, lo) < bisect_left(digits, hi):
            # an ordinal holds no 第 but its first: a scan from lo finds those the whole text's scan finds
            ordinals = takewhile(lambda m: m.start() < hi, ORDINAL.finditer(text, lo))
            yield from _ordinals_of_a_section(rule, [m for m in ordinals if _heads_line(text, m.start())])


def _heads_line(text: str, start: int) -> bool:
    """Is there nothing but white space before ``start`` in its line?"""
    return not text[text.rfind("\n", 0, start) + 1:start].strip()


def _ordinals_of_a_section(rule, found):
    for unit in {m.group(3) for m in found if m.group(2)}:
        chinese = [m for m in found if m.group(3) == unit and m.group(1)]
        digits = [m for m in found if m.group(3) == unit and m.group(2)]
        if len(chinese) < 2 or len(chinese) <= len(digits):
            continue
        applicability = rule.fix if len(chinese) >= 3 * len(digits) and len(chinese) >= 3 else "unsafe"
        for m in digits:
            start, end = m.span(2)
            new = chinese_numeral(int(m.group(2)))
            msg = render_message(rule, found=m.group(), fix=f"第{new}{unit}", count=len(chinese))
            yield diagnostic(rule, start, end, msg, [Edit(start, end, new)], applicability)
