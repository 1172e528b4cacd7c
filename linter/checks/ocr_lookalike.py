"""Look-alike characters misread by OCR (WL701): the candidates and the judge.

A scanner reads 组织 as 纽织, 能力 as 能刀, 干部 as 于部. The pairs it confuses are listed in
``rules/lookalike.tsv``. A character is reported when the text as written is not a word where it
stands and the look-alike makes a word that the clause reads far better with:

1. pre-filter, no jieba: the character is inside a key of the index of damaged words
   (:mod:`wenlint.checks.ocr_index`) and does not make a comparably common word with a neighbour
   as written (努力, 对于). A clean text never loads jieba unless such a string appears. The keys
   come from the hand table and, for common words, from pairs derived from glyph data
   (``rules/lookalike-glyph.tsv``), which must pass a stricter judge (:func:`_glyph_repair`) and
   are never fixed safely.
2. context: :func:`wenlint.context.delta` of the swap is at least the rule's ``margin``;
3. segmentation: jieba, reading a window around the character, puts it in a one-character token
   or a rare word, and the look-alike in a word (or a compound holding one).

A common function word as written needs a larger margin, except in a scanned text: a section that
holds several repairs safe by themselves (:func:`lookalike`). A repair alone in its section needs a
larger margin still (:func:`_not_lone`).
"""
from __future__ import annotations

from collections import Counter, namedtuple

from wenlint import context
from wenlint.checks import CheckData, check
from wenlint.checks.ocr_index import common_chars, damaged, guard, lookalikes, lookup
from wenlint.literals import counts
from wenlint.matching import diagnostic, render_message
from wenlint.model import Edit
from wenlint.text import section_cuts, section_of

# The rule's options (rules/ocr.toml may override each): log10 margins, jieba frequencies, characters.
OPTIONS = {
    "margin": 2.0,  # the repaired clause must be this much more likely
    "safe_margin": 4.0,  # from here, with the character alone as written, the fix is safe
    "strong_extra": 2.0,  # extra margin needed to overrule a real word as written
    "ratio": 100,  # a real word as written must be this many times rarer than the repaired one
    "rare": 20,  # a jieba word rarer than this is no evidence that the text as written is right
    "min_word_freq": 5,  # the repaired word must be at least this frequent
    "function_word": 10_000,  # a one-character word as written this frequent (为, 在) is never fixed safely
    "reach": 8,  # characters of context jieba reads on each side
    "glyph_margin": 4.0,  # a pair derived from glyph data (not the hand table) needs this margin
    "evidence": 3,  # safe repairs in a section that make it a scanned text
    "scanned_extra": 2.0,  # in a scanned text, the extra margin that overrules a function word as written
    "lone_margin": 6.0,  # a repair with no other one in its section (at this margin) needs this margin:
    # clean prose shows lone swaps up to 5.4 (20 MB of held-back law, 400k characters of news, the
    # calibration pieces), scanned 500-character pieces lone repairs from 6.7
}


REPEATED = 3  # occurrences of a string as written from which most must read badly to be misreadings


class Verdict(namedtuple("Verdict", "old old_freq new score")):
    """Why a swap is a repair: the token as written and its frequency, the repaired word, the margin.
    (A collections namedtuple: importing typing would cost every run, a pre-commit hook's too.)"""

    __slots__ = ()


def candidates(text: str, ratio: int = OPTIONS["ratio"], data: CheckData | None = None):
    """(offset, look-alike) pairs that pass the pre-filter: damaged strings of the index found in
    the text, then the guard against a real word as written. ``data`` counts what its linter has
    scanned: many small files repay building the automaton too."""
    data = data if data is not None else CheckData([])
    best: dict[tuple[int, str], int] = {}  # (offset, look-alike) -> frequency of the commonest word it makes
    get = best.get
    for lo, key in damaged(text, data.worth_building(text)):
        for at, right, freq in lookup(key):
            slot = (lo + at, right)
            best[slot] = max(freq, get(slot, 0))
    last = written = -1
    for slot in sorted(best):  # by offset, then look-alike
        i = slot[0]
        if i != last:
            # the character as written makes a real word with a neighbour (努力, 对于): unless the repair
            # is a far more common word, jieba will read that word, and the judge will say no
            last, written = i, max(guard(text[i - 1:i + 1] if i else ""), guard(text[i:i + 2]))
        if written * ratio <= best[slot]:
            yield slot


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


def judge(text: str, i: int, right: str, opts: dict = OPTIONS, extra: float | None = None,
          floor: float | None = None) -> Verdict | None:
    """Does swapping text[i] for ``right`` turn a non-word into a common word that fits? A real word
    as written needs ``strong_extra`` beyond ``margin``; so does a common function word, or
    ``extra`` if given (in a scanned text). ``floor``: a score below which the caller has no use for
    a verdict (if above ``margin``)."""
    margin = opts["margin"]
    score = context.at_least(text, i, i + 1, right, margin if floor is None else max(margin, floor))
    if score is None:  # necessary in every case, and cheap: most candidates end here, before jieba
        return None
    from wenlint.segment import tokenizer

    tk = tokenizer()
    lo, hi = max(0, i - opts["reach"]), min(len(text), i + opts["reach"] + 1)
    window = text[lo:hi]
    swapped = window[:i - lo] + right + window[i - lo + 1:]
    old, _ = _token_at(tk.lcut(window, HMM=False), i - lo)
    new, new_at = _token_at(tk.lcut(swapped, HMM=False), i - lo)
    if len(new) < 2:
        return None
    new, new_freq = _best_word(tk.FREQ, new, new_at)
    if new_freq < opts["min_word_freq"]:
        return None
    if len(old) > len(new):  # as written, the character is inside a longer word (不同之处 → 不同之外)
        return None
    old_freq = tk.FREQ.get(old) or 0
    if _real_word(old, old_freq, opts) and old_freq * opts["ratio"] > new_freq:
        return None  # as written, the character is part of a real word, and not a far rarer one
    # as written, the character is a real word, or one of the commonest one-character words (由, 入,
    # 为, 老: they fit almost any slot): only overwhelming context overrules it
    if _real_word(old, old_freq, opts) and score < margin + opts["strong_extra"]:
        return None
    if _function_word(old, old_freq, opts) and score < margin + (opts["strong_extra"] if extra is None else extra):
        return None
    return Verdict(old, old_freq, new, score)


def _glyph_repair(v: Verdict, opts: dict) -> bool:
    """A pair derived from glyph data is less certain than one seen misread: the character as
    written must be no word in its slot (alone, and no common one-character word) and the repair
    must read far better."""
    return len(v.old) == 1 and v.old_freq < opts["function_word"] and v.score >= opts["glyph_margin"]


def _real_word(old: str, old_freq: int, opts: dict) -> bool:
    """As written, the character is part of a real word (苦干): only overwhelming context overrules it."""
    return len(old) > 1 and old_freq >= opts["rare"]


def _function_word(old: str, old_freq: int, opts: dict) -> bool:
    """As written, the character is one of the commonest one-character words (由, 入, 为, 老: they
    fit almost any slot): only overwhelming context overrules it, or strong context in a scanned text."""
    return len(old) == 1 and old_freq >= opts["function_word"]


def _certain(v: Verdict, right: str, written: str, hand: dict, opts: dict) -> bool:
    """Is the repair safe by itself: a hand-table pair, at ``safe_margin`` or more, of a character that
    stands alone as written and is none of the commonest one-character words (为, 在, 太: function
    words fit almost anywhere and may be right whatever the score says, so they are never fixed
    without a look)?"""
    return (len(v.old) == 1 and v.score >= opts["safe_margin"] and v.old_freq < opts["function_word"]
            and right in hand.get(written, ()))


@check("ocr-lookalike", options=OPTIONS, fields=("found", "fix", "word", "score"))
def lookalike(ctx, rule):
    """Each candidate is judged; a swap that overrules a common function word as written needs the
    margin ``strong_extra`` beyond ``margin``, or only ``scanned_extra`` in a section of a scanned
    text: one that holds ``evidence`` repairs safe by themselves (a scanner confuses the same glyphs
    again and again, so 考察于部 is 干部 in a text where 纽织 and 能刀 were misread too)."""
    text = ctx.text
    opts = rule.spec.options
    found: dict[int, list[tuple[str, Verdict]]] = {}
    hand = lookalikes()
    extra = min(opts["scanned_extra"], opts["strong_extra"])
    for i, right in candidates(text, opts["ratio"], ctx.data):
        if text[i] not in common_chars():
            continue  # a rare glyph as written: WL707's
        seen = right in hand.get(text[i], ())  # a pair of the hand table; a glyph pair needs glyph_margin
        verdict = judge(text, i, right, opts, extra, None if seen else opts["glyph_margin"])
        if verdict is not None and (seen or _glyph_repair(verdict, opts)):
            found.setdefault(i, []).append((right, verdict))
    if not found:
        return  # as the steps below would find (most texts: a few microseconds each)
    best: dict[int, tuple[str, Verdict]] = {}
    for i, swaps in _admitted(text, found, hand, opts).items():
        for right, verdict in swaps:
            if i not in best or verdict.score > best[i][1].score:
                best[i] = (right, verdict)
    best = _not_lone(text, best, opts["lone_margin"])
    best = _not_the_authors(text, best)
    taken: set[int] = set()
    for i, (right, v) in sorted(best.items(), key=lambda kv: -kv[1][1].score):
        if any(j in taken for j in range(i - 2, i + 3)):
            continue  # two repairs of one word (人土: 入土 or 人士) undo each other: keep the likelier
        taken.add(i)
        msg = render_message(rule, found=text[i], fix=right, word=v.new, score=f"{v.score:.1f}")
        certain = _certain(v, right, text[i], hand, opts)
        yield diagnostic(rule, i, i + 1, msg, [Edit(i, i + 1, right)], rule.fix if certain else "unsafe")


def _not_lone(text: str, best: dict, lone: float) -> dict:
    """``best`` without the repairs below the margin ``lone`` that are alone in their section: a
    scanner that misread one glyph misreads others, while clean prose, where a look-alike repair
    is rare, holds lone swaps that read better only to a model (最初几届 for 九届, 一天八场 for 入场,
    a place name). A repair at ``lone`` or more in another word of the section vouches for the rest."""
    if all(v.score >= lone for _, v in best.values()):
        return best
    cuts = section_cuts(text)
    anchors: dict[int, list[int]] = {}
    for i, (_, v) in best.items():
        if v.score >= lone:
            anchors.setdefault(section_of(cuts, i), []).append(i)
    return {i: rv for i, rv in best.items()
            if rv[1].score >= lone or any(abs(j - i) > 2 for j in anchors.get(section_of(cuts, i), ()))}


def _written(text: str, i: int, right: str, new: str) -> str:
    """The two characters as written that the repair turns into part of the word ``new``."""
    if i and text[i - 1] + right in new:
        return text[i - 1:i + 1]
    return text[i:i + 2]


def _not_the_authors(text: str, best: dict) -> dict:
    """``best`` without the repairs of a string that the text writes REPEATED times or more where most
    of its occurrences read well as written (中国之问、世界之问、人民之问、时代之问: the model prefers
    之间 in one slot only). A scanner misreads a glyph wherever it prints it, so its misreadings read
    badly nearly everywhere (纽织 at each occurrence); a string the author chose reads well in most."""
    written = {i: _written(text, i, right, v.new) for i, (right, v) in best.items()}
    flagged = Counter(written.values())
    count = counts([w for w in flagged if len(w) == 2], text)
    drop = {w for w, n in flagged.items() if len(w) == 2 and (k := count[w]) >= REPEATED and n * 2 < k}
    return {i: rv for i, rv in best.items() if written[i] not in drop} if drop else best


def _admitted(text: str, found: dict, hand: dict, opts: dict) -> dict:
    """``found`` without the swaps that only the scanned-text margin admits, outside the sections
    that hold ``evidence`` certain repairs (each admitted by the strict margin)."""
    def strict(v: Verdict) -> bool:
        return not _function_word(v.old, v.old_freq, opts) or v.score >= opts["margin"] + opts["strong_extra"]

    cuts, shown = None, Counter()
    if not all(strict(v) for swaps in found.values() for _, v in swaps):
        cuts = section_cuts(text)
        shown.update(section_of(cuts, i) for i, swaps in found.items()
                     if any(strict(v) and _certain(v, right, text[i], hand, opts) for right, v in swaps))
    return {i: kept for i, swaps in found.items()
            if (kept := [(right, v) for right, v in swaps
                         if strict(v) or shown[section_of(cuts, i)] >= opts["evidence"]])}
