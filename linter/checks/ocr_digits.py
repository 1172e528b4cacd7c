"""Letters and circles read for digits by OCR: 2O04 (WL702), 一九五○年 (WL703)."""
from __future__ import annotations

from wenlint.checks import check
from wenlint.matching import replacement
from wenlint.patterns import rx
from wenlint.text import by_first, lines_with_any

# A run of Arabic digits with O/o (for 0) or l/I (for 1) in it. It must start with a digit (O2O, H2O,
# I95 are names), must not touch ASCII letters or a dot on either side (0x1O, v1.O, CO2).
ARABIC = rx(r"[0-9](?<![A-Za-z0-9.\-_/][0-9])[0-9OolI]*(?![A-Za-z0-9_])")
# where a run that holds a letter has its first: after a digit (ARABIC never spans a line break, so only
# the lines that hold one are read)
LETTER_AFTER_DIGIT = by_first("OolI", r"(?<=[0-9].)")
UNIT = set("年月日号时分秒个万亿元人名家所项次届期位户件条岁%％")
# Chinese numerals with a circle (or letter O, or digit 0) in them; 〇 is the numeral zero.
CIRCLES = "○◯ΟOo0"
HAN_DIGITS = "一二三四五六七八九十〇零"
CHINESE = rx(f"[{HAN_DIGITS}{CIRCLES}]{{3,}}")
# a number in Chinese numerals that is a measure: after 百分之/千分之, or with a decimal point 点 between
# numerals; the circle symbol (not a letter) in it is the zero
_NUMERAL = f"[{HAN_DIGITS}○◯百千万亿]"
MEASURE = rx(f"(?<=[百千万]分之){_NUMERAL}+(?:点[{HAN_DIGITS}○◯]+)?|{_NUMERAL}+点[{HAN_DIGITS}○◯]+")
# what both hold where they find a circle: a run of numerals and circles that has both has a circle
# next to a numeral; a measure, a circle next to a numeral, 点, or 分之 before it. Each circle opens
# a search of its own, so that re skips ahead to it; neither spans a line break
NEAR_NUMERAL = by_first(CIRCLES, f"(?:(?<=[{HAN_DIGITS}].)|(?=[{HAN_DIGITS}])"
                                  f"|(?<=[○◯])(?:(?<=[百千万亿点之].)|(?=[百千万亿点])))")


def letter_digits(text: str):
    """(offset, letter, digit) for letters read for digits inside Arabic numbers.

    The run starts with a digit and either ends with one (2O04, 20l5) or stands before a unit of
    counting (1OO个, 4O年); O/o are read as 0, l/I as 1.
    """
    for start, end in lines_with_any(LETTER_AFTER_DIGIT, text):
        for m in ARABIC.finditer(text, start, end):
            run = m.group()
            if run.isdigit() or not (run[-1].isdigit() or text[m.end():m.end() + 1] in UNIT):
                continue
            for k, ch in enumerate(run):
                if not ch.isdigit():
                    yield m.start() + k, ch, "0" if ch in "Oo" else "1"


def circle_zeros(text: str, start: int = 0, end: int | None = None):
    """(offset, circle, 〇) for circles, O and 0 standing for zero in Chinese numerals, in
    ``text[start:end]`` (whole lines)."""
    end = len(text) if end is None else end
    found = set()
    for m in CHINESE.finditer(text, start, end):
        run = m.group()
        digits = sum(ch in HAN_DIGITS for ch in run)
        after = text[m.end():m.end() + 1]
        if digits < 2 or digits == len(run):
            continue
        if after not in "年号" and digits < 3:
            continue
        if any(ch in "Oo0" for ch in run) and after not in "年号":
            continue  # letters and digits among Chinese numerals only in a date
        found.update(m.start() + k for k, ch in enumerate(run) if ch in CIRCLES)
    for m in MEASURE.finditer(text, start, end):  # a percentage or a decimal: 百分之一○八点二, 三点○五
        found.update(m.start() + k for k, ch in enumerate(m.group()) if ch in "○◯")
    for at in sorted(found):
        yield at, text[at], "〇"


@check("ocr-letter-in-number", fields=("found", "fix"))
def letter_in_number(ctx, rule):
    text = ctx.text
    letters = ctx.fact("ascii-characters")  # (ocr_latin's fact)
    if not any(letter in letters for letter in (b"O", b"o", b"l", b"I")):
        return  # a run of letter_digits holds one of its letters
    for at, _, right in letter_digits(text):
        yield replacement(rule, text, at, at + 1, right)


@check("ocr-circle-zero", fields=("found", "fix"))
def circle_zero(ctx, rule):
    text = ctx.text
    for start, end in lines_with_any(NEAR_NUMERAL, text):
        for at, _, right in circle_zeros(text, start, end):
            yield replacement(rule, text, at, at + 1, right)
