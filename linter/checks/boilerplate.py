"""Lines that a document-sharing site added: advertisements, and a truncated summary of the body.

Sites prepend a one-line excerpt of the document that ends in "..." and wrap it in advertising
(QQ群, 会员, 仅供学习 禁止外传, 欢迎下载, 已阅读N页 …). Neither belongs to the document.
The fix deletes the line or block; it is unsafe because a human should glance at what goes.
"""
from __future__ import annotations

import re

from wenlint.checks import check
from wenlint.matching import diagnostic, render_message
from wenlint.model import Edit
from wenlint.patterns import rx

# phrases that only site furniture uses; one is enough on a short line
STRONG = rx(
    r"QQ群|微信群|会员群|仅供学习|禁止外传|仅供参考.{0,4}禁止|可编辑资料|可编辑修改|欢迎下载|免费下载|下载后可|"
    r"本文档由.{0,10}(?:提供|上传)|用户上传|已阅读\s*\d+\s*页|此处隐藏\s*\d+\s*个?字|付费下载|全文阅读已结束|"
    r"倒卖.{0,4}资料|文档贡献者\s*[:：]|侵权.{0,6}删除|版权归原作者|订阅.{0,6}权益")
# words that site furniture uses but ordinary text does too: they count only next to a strong line
WEAK = rx(r"会员|下载|订阅|资料|分享|平台|举报|免费|文档|原创|收藏|关注|公众号|扫码|二维码|精品|立享")
MAX_LINE = 80
MAX_GAP = 3  # other short lines allowed between two advertising lines of one block


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


@check("site-advertisement")
def advertisements(ctx, rule):
    text = ctx.text
    if not STRONG.search(text):
        return
    lines = list(_lines(text))
    ads = [i for i, (_, _, line) in enumerate(lines)
           if len(line.strip()) <= MAX_LINE and (STRONG.search(line) or (WEAK.search(line) and _near_strong(lines, i)))]
    block: list[int] = []
    for i in ads + [None]:
        if block and (i is None or i - block[-1] > MAX_GAP + 1):
            first, last = block[0], block[-1]
            while last + 1 < len(lines) and not lines[last + 1][2].strip():
                last += 1  # blank lines that only separated the advertisement
            start, end = lines[first][0], min(len(text), lines[last][1] + 1)
            yield diagnostic(rule, start, end, render_message(rule, found=lines[first][2].strip()),
                             [Edit(start, end, "")])
            block = []
        if i is not None and (block or STRONG.search(lines[i][2])):
            block.append(i)


def _near_strong(lines, i: int) -> bool:
    return any(STRONG.search(lines[j][2]) and len(lines[j][2].strip()) <= MAX_LINE
               for j in range(max(0, i - MAX_GAP - 1), min(len(lines), i + MAX_GAP + 2)))


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
