"""Damage from optical character recognition: look-alike characters and hard-wrapped lines.

Look-alike characters
    A scanner reads 组织 as 纽织, 能力 as 能刀, 干部 as 于部. The pairs it confuses are listed in
    ``rules/lookalike.tsv``. A character is reported when the text as written is not a word where
    it stands and the look-alike makes a word that the clause reads far better with:

    1. pre-filter, no jieba: the character is inside a string of ``rules/lookalike-index.tsv`` —
       strings of 2-4 characters that are no word of jieba's dictionary but become one when one
       character is swapped for its look-alike (纽织 → 组织, 老千部 → 老干部) — and does not make a
       comparably common word with a neighbour as written (努力, 对于). One regex pass over the
       characters of the table and a few dictionary look-ups: a clean text never loads jieba unless
       such a string appears. The index is built from the table and jieba's dictionary by
       ``python -m wenlint.checks.ocr``.
    2. segmentation: jieba, reading a window around the character, puts it in a one-character token
       or a rare word, and with the look-alike in a word (or a compound holding one);
    3. context: :func:`wenlint.context.delta` of the swap is at least the rule's margin.

Hard-wrapped lines
    OCR and some PDF extractors end every printed line with a line break, inside sentences and words.
    A text wrapped at a fixed width shows it: most lines have exactly (or almost) the same length and
    nothing is longer. A line of that width ending without sentence-final punctuation continues in
    the next line; the break is removed.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

from wenlint.checks import check
from wenlint.matching import diagnostic, render_message, replacement
from wenlint.model import Edit
from wenlint.patterns import compile_pattern, rx

TABLE = "lookalike.tsv"
INDEX = "lookalike-index.tsv"
MIN_WORD_FREQ = 5  # jieba frequency of a word of 3-4 characters that enters the index
MIN_PAIR_FREQ = 50  # the same for two-character words, among which jieba lists many rare oddities
MARGIN = 2.0  # log10: the repaired clause must be this much more likely (WL701's option "margin")
RATIO = 100  # a real word as written must be this many times rarer than the repaired one
RARE = 20  # a jieba word rarer than this is no evidence that the text as written is right
STRONG_EXTRA = 2.0  # extra margin needed to overrule a real word as written
FUNCTION_WORD = 10_000  # jieba frequency from which a one-character word as written (为, 在, 人) is never fixed safely
INDEX_RATIO = 20  # a damaged form this many times rarer than the word is still indexed
REACH = 8  # characters of context jieba reads on each side


def _data(name: str) -> Path:
    from wenlint.packs import data_file

    return data_file(name)


@lru_cache(maxsize=1)
def lookalikes() -> dict[str, frozenset[str]]:
    """Character -> the characters OCR confuses it with (symmetric)."""
    out: dict[str, set[str]] = {}
    for line in _data(TABLE).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        a, b = line.split("\t")[:2]
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _index_blocks() -> tuple[bytes, dict[str, tuple[int, int]]]:
    """The lines of rules/lookalike-index.tsv grouped in blocks by the first character of the key
    ("=" and the first character of the word for guard lines): all blocks in one UTF-8 string, and
    where each block lies in it; through the user cache. A text needs only the blocks of the
    characters it holds, so a small file decodes and parses a few hundred lines, not 47,000."""
    from wenlint.cache import cached, pack_groups

    def build():
        blocks: dict[str, list[str]] = {}
        for line in _data(INDEX).read_text(encoding="utf-8").splitlines():
            if line and line[0] != "#":
                blocks.setdefault("=" + line[2] if line[0] == "=" else line[0], []).append(line)
        return pack_groups(blocks, "\n")

    return cached("lookalike-index", [_data(INDEX)], build)


@lru_cache(maxsize=None)
def _block(head: str) -> str:
    """The lines of one block, decoded, each after a line break (a block holds a dozen lines on
    average: searching its text beats building a dict of it for the few look-ups a text makes)."""
    from wenlint.cache import unpack_group

    lines = unpack_group(_index_blocks(), head)
    return "\n" + lines if lines else ""


def _field(block: str, prefix: str) -> str | None:
    """The rest of the line of ``block`` that starts with ``prefix``, or None."""
    at = block.find("\n" + prefix)
    if at < 0:
        return None
    start = at + 1 + len(prefix)
    end = block.find("\n", start)
    return block[start:] if end < 0 else block[start:end]


def _lookup(key: str) -> str | None:
    """The entries of a damaged key, unparsed, or None."""
    return _field(_block(key[0]), key + "\t")


def _guard(word: str) -> int:
    """The frequency of a guard word (0 if it is none)."""
    found = _field(_block("=" + word[0]), f"=\t{word}\t") if word else None
    return int(found) if found else 0


def _entries(raw: str) -> list[tuple[int, str, int]]:
    """(offset in the damaged word, character to swap in, frequency of the word it makes), ..."""
    return [(int(s[0]), s[1], int(s[2:])) for s in raw.split("\t")]


def damaged_index() -> dict[str, list[tuple[int, str, int]]]:
    """Damaged word -> (offset in it, character to swap in, frequency of the word it makes), ..."""
    return {key: _entries(raw) for head in _index_blocks()[1] if head[0] != "="
            for key, raw in (line.split("\t", 1) for line in _block(head)[1:].split("\n"))}


@lru_cache(maxsize=1)
def _table_chars() -> re.Pattern:
    return rx("[" + re.escape("".join(sorted(lookalikes()))) + "]")


SCAN_LIMIT = 50_000  # characters: past this, one automaton pass beats looking around each character
_scanned = 0  # characters this process has scanned: many small files repay loading the automaton too


def candidates(text: str):
    """(offset, look-alike) pairs that pass the pre-filter: damaged strings of the index found in
    the text, then the guard against a real word as written."""
    found: dict[int, dict[str, int]] = {}
    for lo, key in _damaged(text):
        for at, right, freq in _entries(_lookup(key)):
            slot = found.setdefault(lo + at, {})
            slot[right] = max(freq, slot.get(right, 0))
    for i in sorted(found):
        # the character as written makes a real word with a neighbour (努力, 对于): unless the repair
        # is a far more common word, jieba will read that word, and the judge will say no
        written = max(_guard(text[i - 1:i + 1] if i else ""), _guard(text[i:i + 2]))
        for right in sorted(found[i]):
            if written * RATIO <= found[i][right]:
                yield i, right


def _damaged(text: str):
    """(offset, key) of every occurrence of an index key in the text."""
    global _scanned
    _scanned += len(text)
    if _scanned > SCAN_LIMIT:
        for last, key in _automaton().iter(text):
            yield last + 1 - len(key), key
        return
    for m in _table_chars().finditer(text):  # short texts: look around each table character
        i = m.start()
        for n in (2, 3, 4):
            for lo in range(max(0, i - n + 1), min(i, len(text) - n) + 1):
                if _lookup(text[lo:lo + n]) is not None:
                    yield lo, text[lo:lo + n]  # a key met from several characters repeats: harmless


@lru_cache(maxsize=1)
def _automaton():
    """An Aho-Corasick automaton of the index keys (kept in the user cache)."""
    from wenlint.cache import cached

    def build():
        import ahocorasick

        a = ahocorasick.Automaton()
        for key in damaged_index():
            a.add_word(key, key)
        a.make_automaton()
        return a

    return cached("lookalike-automaton", [_data(INDEX)], build, pickled=True)


def _token_at(tokens: list[str], offset: int) -> tuple[str, int]:
    """The token that covers ``offset`` and the offset's position in it."""
    pos = 0
    for t in tokens:
        if pos <= offset < pos + len(t):
            return t, offset - pos
        pos += len(t)
    return "", 0


def _best_word(freq: dict, token: str, at: int) -> tuple[str, int]:
    """The most frequent word of two or more characters inside ``token`` that covers position ``at``.

    jieba prefers the longest match, so a common word can hide in a rare compound (精心组织, 考察干部):
    the common word is the evidence.
    """
    best, best_freq = token, freq.get(token) or 0
    for a in range(0, at + 1):
        for b in range(max(at + 1, a + 2), len(token) + 1):
            f = freq.get(token[a:b]) or 0
            if f > best_freq:
                best, best_freq = token[a:b], f
    return best, best_freq


def judge(text: str, i: int, right: str, margin: float = MARGIN):
    """Does swapping text[i] for ``right`` turn a non-word into a common word that fits?

    Returns (as-written token, its jieba frequency, repaired token, context margin) or None.
    """
    from wenlint import context
    from wenlint.segment import tokenizer

    score = context.delta(text, i, i + 1, right)
    if score < margin:  # necessary in every case, and cheap: most candidates end here, before jieba
        return None
    tk = tokenizer()
    lo, hi = max(0, i - REACH), min(len(text), i + REACH + 1)
    window = text[lo:hi]
    swapped = window[:i - lo] + right + window[i - lo + 1:]
    old, _ = _token_at(tk.lcut(window, HMM=False), i - lo)
    new, new_at = _token_at(tk.lcut(swapped, HMM=False), i - lo)
    if len(new) < 2:
        return None
    new, new_freq = _best_word(tk.FREQ, new, new_at)
    if new_freq < MIN_WORD_FREQ:
        return None
    if len(old) > len(new):  # as written, the character is inside a longer word (不同之处 → 不同之外)
        return None
    old_freq = tk.FREQ.get(old) or 0
    strong = len(old) > 1 and old_freq >= RARE  # as written, the character is part of a real word
    if strong and old_freq * RATIO > new_freq:
        return None
    if strong and score < margin + STRONG_EXTRA:
        return None
    return old, old_freq, new, score


# margin: log10, the repaired clause must be this much more likely; safe_margin: from here, with the
# character alone as written, the fix is safe
@check("ocr-lookalike", options={"margin": MARGIN, "safe_margin": 4.0}, fields=("found", "fix", "word", "score"))
def lookalike(ctx, rule):
    text = ctx.text
    margin, safe_margin = rule.spec.options["margin"], rule.spec.options["safe_margin"]
    best: dict[int, tuple] = {}
    for i, right in candidates(text):
        verdict = judge(text, i, right, margin)
        if verdict is not None and (i not in best or verdict[-1] > best[i][-1]):
            best[i] = (right, *verdict)
    taken: list[int] = []
    for i, (right, old, old_freq, new, score) in sorted(best.items(), key=lambda kv: -kv[1][-1]):
        if any(abs(i - j) < 3 for j in taken):
            continue  # two repairs of one word (人土: 入土 or 人士) undo each other: keep the likelier
        taken.append(i)
        msg = render_message(rule, found=text[i], fix=right, word=new, score=f"{score:.1f}")
        # a one-character word as written that is among the commonest (为, 在, 太: function words
        # fit almost anywhere) may be right whatever the score says: never fixed without a look
        certain = len(old) == 1 and score >= safe_margin and old_freq < FUNCTION_WORD
        yield diagnostic(rule, i, i + 1, msg, [Edit(i, i + 1, right)], rule.fix if certain else "unsafe")


# --- letters and circles read for digits ---------------------------------------------------------

# A run of Arabic digits with O/o (for 0) or l/I (for 1) in it. It must start with a digit (O2O, H2O,
# I95 are names), must not touch ASCII letters or a dot on either side (0x1O, v1.O, CO2).
ARABIC = rx(r"(?=[0-9])(?<![A-Za-z0-9.\-_/])[0-9][0-9OolI]*(?![A-Za-z0-9_])")
UNIT = set("年月日号时分秒个万亿元人名家所项次届期位户件条岁%％")
# Chinese numerals with a circle (or letter O, or digit 0) in them; 〇 is the numeral zero.
CIRCLES = "○◯ΟOo0"
HAN_DIGITS = "一二三四五六七八九十〇零"
CHINESE = rx(f"[{HAN_DIGITS}{CIRCLES}]{{3,}}")


def letter_digits(text: str):
    """(offset, letter, digit) for letters read for digits inside Arabic numbers.

    The run starts with a digit and either ends with one (2O04, 20l5) or stands before a unit of
    counting (1OO个, 4O年); O/o are read as 0, l/I as 1.
    """
    for m in ARABIC.finditer(text):
        run = m.group()
        if run.isdigit() or not (run[-1].isdigit() or text[m.end():m.end() + 1] in UNIT):
            continue
        for k, ch in enumerate(run):
            if not ch.isdigit():
                yield m.start() + k, ch, "0" if ch in "Oo" else "1"


def circle_zeros(text: str):
    """(offset, circle, 〇) for circles, O and 0 standing for zero in Chinese numerals."""
    for m in CHINESE.finditer(text):
        run = m.group()
        digits = sum(ch in HAN_DIGITS for ch in run)
        after = text[m.end():m.end() + 1]
        if digits < 2 or digits == len(run):
            continue
        if after not in "年号" and digits < 3:
            continue
        if any(ch in "Oo0" for ch in run) and after not in "年号":
            continue  # letters and digits among Chinese numerals only in a date
        for k, ch in enumerate(run):
            if ch in CIRCLES:
                yield m.start() + k, ch, "〇"


@check("ocr-letter-in-number", fields=("found", "fix"))
def letter_in_number(ctx, rule):
    text = ctx.text
    if not any(ch in text for ch in "OolI"):
        return
    for at, _, right in letter_digits(text):
        yield replacement(rule, text, at, at + 1, right)


@check("ocr-circle-zero", fields=("found", "fix"))
def circle_zero(ctx, rule):
    text = ctx.text
    if not any(ch in text for ch in CIRCLES):
        return
    for at, _, right in circle_zeros(text):
        yield replacement(rule, text, at, at + 1, right)


# --- punctuation read as its ASCII look-alike -----------------------------------------------------

# a full stop between Chinese: after a Chinese character or closing mark, before a Chinese character,
# opening mark, or the end of the line; never in a run of dots (ellipsis ...)
PERIOD = compile_pattern(r"(?=\.)(?<=[\p{Han}”’）》」』】])\.(?=[\p{Han}“‘（《「『【]|[ \t]*(?:\n|$))")


@check("ocr-period", fields=("found", "fix"))
def period(ctx, rule):
    text = ctx.text
    if "." not in text:
        return
    for m in PERIOD.finditer(text):
        at = m.start()
        if LIST_NUMBER.search(text, max(0, at - 8), at):
            continue  # 一.总则: a list number, whose mark is 、
        yield replacement(rule, text, at, at + 1, "。")


LIST_NUMBER = rx(r"(?:^|\n)[ \t]*第?[一二三四五六七八九十百]+[章节条款部篇]?$")
LIST_PAREN = rx(r"(?:^|\n)[ \t]*[0-9A-Za-z]{1,2}$")
PAREN_OR_BREAK = rx(r"[()（）\n]")
PAREN_SPAN = 60  # characters between the two parentheses of a pair, at most


def mixed_parens(text: str):
    """(offset, found, fix): an ASCII parenthesis whose partner is full-width: （扩大) → （扩大）."""
    stack: list[tuple[int, str]] = []
    for m in PAREN_OR_BREAK.finditer(text):
        i, ch = m.start(), m.group()
        if ch in "(（":
            stack.append((i, ch))
        elif ch in ")）":
            if not stack or ch == ")" and LIST_PAREN.search(text, max(0, i - 4), i):
                continue  # 1) a) are list markers, not halves of a pair
            j, opener = stack.pop()
            if i - j > PAREN_SPAN or "\n\n" in text[j:i]:
                continue
            if opener == "（" and ch == ")":
                yield i, ")", "）"
            elif opener == "(" and ch == "）":
                yield j, "(", "（"
        elif ch == "\n" and (i == 0 or text[i - 1] in SENTENCE_END or text[i - 1] == "\n"):
            stack.clear()  # a paragraph ends; a line break inside a sentence may be a hard wrap


@check("ocr-mixed-parenthesis", fields=("found", "fix"))
def mixed_parenthesis(ctx, rule):
    text = ctx.text
    if "(" not in text and ")" not in text:
        return
    for at, _, right in mixed_parens(text):
        yield replacement(rule, text, at, at + 1, right)


# --- hard-wrapped lines ---------------------------------------------------------------------------

MIN_WIDTH = 16  # narrower equal lines are verse, lists or tables, not a wrapped page
MIN_FULL = 5  # lines at the wrap width needed to believe in one
SENTENCE_END = set("。！？；：…!?;:”’」』）)")
STOPS = SENTENCE_END | set("，、,")
LIST_START = rx(r"[ \t]*(?:[一二三四五六七八九十]+[、是要]|第[一二三四五六七八九十]+[，、]|\d{1,4}[、.．]|[（(][一二三四五六七八九十\d]+[）)]|[●·•■□◆◇○☆★※-])")


def _width(line: str) -> int:
    return len(line.rstrip(" \t\r\u3000"))


def wrap_width(lines: list[str]):
    """(width, exact) of a text hard-wrapped at a fixed width, or None.

    Hard wrapping shows as many lines of the same length, nothing longer, and wrap points that fall
    anywhere in a sentence, so most full lines do not end at punctuation. ``exact``: the lines are
    exactly that long (a fixed width); otherwise they spread over two characters below it (OCR lines
    of a printed page, whose widths vary with the glyphs).
    """
    widths = [_width(line) for line in lines]
    long = [w for w in widths if w >= MIN_WIDTH]
    if len(long) < MIN_FULL:
        return None
    width, exact_count = Counter(long).most_common(1)[0]
    longer = sum(w > width for w in long)
    band = [k for k, w in enumerate(widths) if width - 2 <= w <= width]
    if exact_count < MIN_FULL or longer > max(1, 0.05 * len(band)) or len(band) < 0.5 * len(long):
        return None
    open_ends = sum(lines[k].rstrip(" \t\r\u3000")[-1:] not in STOPS for k in band)
    if open_ends < 0.5 * len(band):
        return None  # equal lines that end at punctuation: verse, a list, a table
    return width, exact_count >= 0.8 * len(band)


def hard_wraps(text: str):
    """(offset of the line break, end of the break, certain) for each break inside a wrapped paragraph."""
    if text.count("\n") < MIN_FULL:
        return
    lines = text.split("\n")
    found = wrap_width(lines)
    if found is None:
        return
    width, exact = found
    pos = 0
    for k, line in enumerate(lines[:-1]):
        start = pos + len(line)
        pos = start + 1
        following = lines[k + 1]
        w = _width(line)
        if not (w == width if exact else width - 2 <= w <= width) or not following.strip():
            continue
        body = line.rstrip(" \t\r\u3000")
        if body.endswith("第") and following[:1] in "一二三四五六七八九十百千0123456789":
            continue  # the 第\n二 rule (WL203) joins it
        if re.match(r"\d{1,4}、", following):
            continue  # a page number or a numbered item: WL201 decides
        cut = start - (len(line) - len(body))
        lead = len(following) - len(following.lstrip(" \t\u3000"))
        certain = exact and body[-1:] not in SENTENCE_END and not LIST_START.match(following)
        yield cut, pos + lead, certain


@check("ocr-hard-wrap")
def hard_wrap(ctx, rule):
    text = ctx.text
    for start, end, certain in hard_wraps(text):
        msg = render_message(rule, found=text[max(0, start - 4):start] + "⏎" + text[end:end + 4])
        yield diagnostic(rule, start, end, msg, [Edit(start, end, "")], rule.fix if certain else "unsafe")


# --- building the index of damaged words -------------------------------------------------------------------

def _jieba_dictionary() -> dict[str, int]:
    import jieba

    path = Path(jieba.__file__).with_name("dict.txt")
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0]] = int(parts[1])
    return out


def build_index(freq: dict[str, int] | None = None) -> dict[str, dict[tuple[int, str], int]]:
    """Damaged words from the look-alike table and jieba's dictionary.

    For every dictionary word of 2-4 characters (frequency ≥ MIN_PAIR_FREQ for two characters,
    ≥ MIN_WORD_FREQ for more) and every character of it that has a look-alike, the damaged form
    (the word with the look-alike) becomes a key unless it is itself a word of comparable frequency.
    """
    freq = freq if freq is not None else _jieba_dictionary()
    table = lookalikes()
    index: dict[str, dict[tuple[int, str], int]] = {}
    for word, f in freq.items():
        if not 2 <= len(word) <= 4 or f < (MIN_PAIR_FREQ if len(word) == 2 else MIN_WORD_FREQ):
            continue
        for i, c in enumerate(word):
            for d in table.get(c, ()):
                damaged = word[:i] + d + word[i + 1:]
                if freq.get(damaged, 0) * INDEX_RATIO > f:
                    continue
                entries = index.setdefault(damaged, {})
                entries[(i, c)] = max(f, entries.get((i, c), 0))
    return index


def build_guards(freq: dict[str, int] | None = None) -> dict[str, int]:
    freq = freq if freq is not None else _jieba_dictionary()
    table = lookalikes()
    return {w: f for w, f in freq.items() if len(w) == 2 and f >= RARE and (w[0] in table or w[1] in table)}


def write_index(path: Path | None = None) -> int:
    freq = _jieba_dictionary()
    index = build_index(freq)
    path = path or _data(INDEX)
    lines = ["# Generated by `python -m wenlint.checks.ocr` from rules/lookalike.tsv and jieba's dict.txt",
             "# (jieba 0.42, MIT licence). Do not edit by hand.",
             "# DAMAGED<TAB>OFFSET CHAR FREQ...: the character at OFFSET of DAMAGED (not a word) may be a",
             "#   misread CHAR, which makes a word of frequency FREQ.",
             "# =<TAB>WORD<TAB>FREQ: a two-character word with a table character, as written."]
    for key in sorted(index):
        lines.append("\t".join([key, *(f"{at}{c}{f}" for (at, c), f in sorted(index[key].items()))]))
    lines += [f"=\t{w}\t{f}" for w, f in sorted(build_guards(freq).items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(index)


if __name__ == "__main__":
    print(f"{write_index()} damaged words written", file=sys.stderr)
