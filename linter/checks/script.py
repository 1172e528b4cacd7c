"""Traditional characters in Simplified text, and the reverse, found and converted with OpenCC.

A document is written in one script. Characters of the other script in it come from copying,
OCR or an input method; OpenCC converts them in the context of their phrase (乾隆 stays 乾隆).
The fix is unsafe: quotations and names may keep their own script. Old variant glyphs (异体字:
湧, 羣, 菸, ``rules/variant-chars.txt``) are period spelling, names and brands (昇腾), not the
other script: they are neither counted nor reported. A character that the 通用规范汉字表 lists as well
(乾, 於, 夥, 徵: Simplified in names and in 乾坤) is the other script only where its converted form
makes a word with a neighbour (乾燥 → 干燥), not in a name OpenCC knows no phrase for (王丙乾).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from wenlint.checks import check
from wenlint.checks.ocr_index import common_chars
from wenlint.matching import diagnostic, minimal_edit, render_message
from wenlint.patterns import rx

HAN = rx(r"[\u4e00-\u9fff]")
WORD = rx(r"[^\s，。；：！？、“”（）]{1,12}")
MIN_HAN = 20  # too little text to tell which script a document uses
VARIANTS = "variant-chars.txt"


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


@lru_cache(maxsize=1)
def _only() -> tuple[str, str]:
    """Characters that change under t2s (Traditional only) and under s2t (Simplified only),
    computed with OpenCC once and kept in the user cache."""
    from importlib.util import find_spec

    from wenlint.cache import cached
    from wenlint.packs import data_file

    # keyed by OpenCC's installed module, found without importing it: a clean text never loads OpenCC
    return cached("script-chars", [Path(find_spec("opencc").origin), data_file(VARIANTS)], _build_only,
                  lambda v: isinstance(v, tuple) and len(v) == 2 and all(isinstance(s, str) for s in v))


def traditional_chars() -> str:
    """The characters that OpenCC's t2s changes, old variant glyphs apart."""
    return _only()[0]


@lru_cache(maxsize=1)
def variant_chars() -> frozenset[str]:
    """Old variant glyphs (异体字) that t2s would change: period spelling, not the other script."""
    from wenlint.packs import data_lines

    return frozenset("".join(data_lines(VARIANTS)))


def _build_only() -> tuple[str, str]:
    han = "".join(chr(c) for c in range(0x4E00, 0xA000))
    t2s, s2t = _converter("t2s").convert(han), _converter("s2t").convert(han)
    variants = variant_chars()
    return ("".join(a for a, b in zip(han, t2s) if a != b and a not in variants),
            "".join(a for a, b in zip(han, s2t) if a != b))


@lru_cache(maxsize=2)
def _class(chars: str):
    """A pattern matching any of ``chars`` (counting with it is a C loop, and its compiled program
    comes from the user cache)."""
    return rx(f"[{chars}]")


def _in_word(converted: str, i: int) -> bool:
    """Does converted[i] make a word of jieba's dictionary with the character before or after it?"""
    from wenlint.checks.lexicon import ever_written

    return any(ever_written(converted[a:a + 2]) for a in (i - 1, i) if a >= 0 and a + 2 <= len(converted))


@check("mixed-script", fields=("found", "fix", "script"))
def mixed_script(ctx, rule):
    text = ctx.text
    if not HAN.search(text) or not ctx.fact("rare-or-traditional"):
        return  # no Traditional character: n_trad below is 0
    trad, simp = _only()
    n_trad = len(_class(trad).findall(text))
    if not n_trad:
        return
    n_simp = len(_class(simp).findall(text))
    if n_trad + n_simp < MIN_HAN // 4 and len(text) < MIN_HAN:
        return
    chars, config, label = (trad, "t2s", "繁体字") if n_simp >= n_trad else (simp, "s2t", "简体字")
    converter, has_foreign, foreign = _converter(config), _class(chars), frozenset(chars)
    for m in WORD.finditer(text):
        chunk = m.group()
        if not has_foreign.search(chunk):
            continue
        converted = converter.convert(chunk)
        for i, (a, b) in enumerate(zip(chunk, converted)):
            if a != b and a in foreign:
                if config == "t2s" and a in common_chars() and not _in_word(converted, i):
                    continue  # a Simplified character too (王丙乾), unless its converted form is a word here
                at = m.start() + i
                edit = minimal_edit(text, at, at + 1, b)
                yield diagnostic(rule, at, at + 1, render_message(rule, found=a, fix=b, script=label), [edit])
