"""Properties of fixing, checked with hypothesis on random text built from damage-prone material.

1. Fixing is idempotent: fixing the fixed text changes nothing.
2. One pass changes the text only inside the edits it chose from the reported diagnostics.
3. ``process()`` (what ``--fix`` runs) keeps encoding, BOM and newlines byte for byte outside the edits.
4. An atomic write that fails leaves the original file intact.
"""
from __future__ import annotations

import codecs
import os
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from wenlint import document, runner
from wenlint.config import Settings
from wenlint.document import Document, write_back
from wenlint.engine import Linter
from wenlint.fixes import apply, choose, fix_until_stable
from wenlint.packs import load_rules

PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

DAMAGE = [
    "原那么", "否那么", "准那么", "假设干", "经济开展", "科学开展观", "广阔干部", "效劳型", "客服", "明细",
    "电视 会议", "热线 、", "X8226;", "&nbsp;", "&amp;", "XX", "××", "20xx年", "2023", "752023名", "20230",
    "“", "”", "““", "〝", "〞", "‘", "’", "(", ")", "（", "）", "《", "》", ",", ";", ":", "!", "?", "...",
    "\n3、", "\n第3页 共12页\n", "第\n二、", "、", "。", "，", "：", "加強", "學習", "的进行", "仅供学习 禁止外传",
    "http://x.cn/a,b", "`", "```\n", "    ", "<b>", "-->", "wenlint-disable", "\nwenlint-enable\n",
]
COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"  # noqa: E501 (one literal)
TEXT = st.lists(st.one_of(
    st.sampled_from(DAMAGE),
    st.text(st.sampled_from(COMMON), min_size=1, max_size=6),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.sampled_from("，。、；：？！“”‘’（）《》【】—…·\n\n"),
), max_size=40).map("".join)

ENCODINGS = [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""),
             ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)]


@pytest.fixture(scope="module")
def linter():
    return Linter(load_rules(), Settings())


def fix(linter, text, path="x.txt", unsafe=True):
    return fix_until_stable(text, lambda t: linter.lint(t, path), unsafe)


def unchanged_outside(text: str, new: str, edits) -> None:
    """``new`` is ``text`` with ``edits`` applied and every other character copied unchanged."""
    pos = shift = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        assert pos <= e.start <= e.end <= len(text), "edits overlap or leave the text"
        assert new[pos + shift:e.start + shift] == text[pos:e.start]
        assert new[e.start + shift:e.start + shift + len(e.replacement)] == e.replacement
        shift += len(e.replacement) - (e.end - e.start)
        pos = e.end
    assert new[pos + shift:] == text[pos:] and len(new) == len(text) + shift


# --- 1. idempotence ------------------------------------------------------------------------------

@PROPERTY
@given(text=TEXT, path=st.sampled_from(["x.txt", "x.md", "x.html"]), unsafe=st.booleans())
def test_property_fixing_is_idempotent(linter, text, path, unsafe):
    once = fix(linter, text, path, unsafe)
    assume(once.converged)
    twice = fix(linter, once.text, path, unsafe)
    assert twice.text == once.text and twice.applied == 0


@PROPERTY
@given(text=TEXT)
def test_property_fixing_converges(linter, text):
    assert fix(linter, text).converged


def test_adjacent_lookalike_fixes_converge(linter):
    assert fix(linter, "人土").converged


# --- 2. one pass changes only what the reported edits cover -------------------------------------

@PROPERTY
@given(text=TEXT, path=st.sampled_from(["x.txt", "x.md"]))
def test_property_one_pass_changes_text_only_inside_reported_edits(linter, text, path):
    diagnostics = linter.lint(text, path)
    reported = {e for d in diagnostics if d.fix for e in d.fix.edits}
    for d in diagnostics:
        assert 0 <= d.start <= d.end <= len(text)
    edits = [e for f in choose(diagnostics, unsafe=True) for e in f.edits]
    assert set(edits) <= reported
    unchanged_outside(text, apply(text, edits), edits)


@PROPERTY
@given(text=TEXT)
def test_property_code_in_markdown_survives_fixing(linter, text):
    text = text.replace("`", "").replace("~", "")
    fenced = f"```\n{text}\n```\n"
    assert fix(linter, f"{text}\n\n{fenced}", "x.md").text.endswith(fenced)


# --- 3. process() keeps the bytes: encodings, newline styles, final newline ----------------------

# A GB18030 file is decoded only when charset-normalizer recognises it: a real paragraph comes first.
PROSE = "各级政府要坚持以人民为中心的发展思想，扎实推进共同富裕，着力保障和改善民生，不断增强人民群众的获得感、幸福感、安全感。"


def encode_case(text: str, newline: str, final: bool, enc_bom) -> tuple[bytes, str, str, bytes]:
    encoding, bom = enc_bom
    if encoding == "gb18030":
        text = PROSE + "\n" + text
    lines = text.replace("\r", "").split("\n")
    if newline == "mixed":
        body = "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(lines[:-1])) + lines[-1]
    else:
        body = newline.join(lines)
    if final and not body.endswith("\n"):
        body += "\r\n" if newline == "\r\n" else "\n"
    return bom + body.encode(encoding), body, encoding, bom


def run_process(data: bytes, name: str = "doc.txt"):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, name)
        Path(path).write_bytes(data)
        result = runner.process(path, runner.Options(fix=True, unsafe_fixes=True))
        return result, Path(path).read_bytes()


@PROPERTY
@given(text=TEXT, newline=st.sampled_from(["\n", "\r\n", "mixed"]), final=st.booleans(),
       enc_bom=st.sampled_from(ENCODINGS))
def test_property_fix_keeps_encoding_and_newlines_byte_for_byte(linter, text, newline, final, enc_bom):
    data, body, encoding, bom = encode_case(text, newline, final, enc_bom)
    assume("\x00" not in body)
    try:
        detected = Document.from_bytes(data, "doc.txt")
    except document.DecodeError:  # not recognisably in one encoding: refused, never written
        result, written = run_process(data)
        assert result.error and written == data
        return
    assume(detected.text == body)
    result, written = run_process(data)
    assert result.error is None
    expected = fix(linter, body)
    if expected.text == body:  # no rule fired (or nothing to fix): not a byte changes
        assert written == data and not result.changed
    else:
        assert written.startswith(bom)
        try:
            assert written == detected.bom + expected.text.encode(detected.encoding)
        except UnicodeEncodeError:  # a fix the file's encoding cannot hold (• in GBK) is left unapplied
            written[len(bom):].decode(detected.encoding)


@PROPERTY
@given(text=TEXT, newline=st.sampled_from(["\n", "\r\n"]), enc_bom=st.sampled_from(ENCODINGS))
def test_property_one_fix_pass_keeps_the_bytes_outside_the_edits(linter, text, newline, enc_bom):
    data, body, encoding, bom = encode_case(text, newline, True, enc_bom)
    doc = Document.from_bytes(data, "doc.txt")
    assume(doc.text == body)
    edits = [e for f in choose(linter.lint(doc.text, "doc.txt"), True, doc.text, doc.can_encode) for e in f.edits]
    out = doc.encode(apply(doc.text, edits))
    assert out.startswith(doc.bom)
    # Each unchanged stretch of text encodes to the same bytes in the old and the new file.
    unchanged_outside(doc.text, Document.from_bytes(out, "doc.txt").text if out != doc.bom else "", edits)
    last = max((e.end for e in edits), default=0)
    tail = doc.text[last:].encode(doc.encoding)
    assert out.endswith(tail)


@PROPERTY
@given(text=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60),
       enc_bom=st.sampled_from(ENCODINGS))
def test_property_any_text_roundtrips_when_no_rule_fires(linter, text, enc_bom):
    encoding, bom = enc_bom
    data = bom + text.encode(encoding)
    try:
        doc = Document.from_bytes(data, "doc.txt")
    except document.DecodeError:
        return  # binary-looking or undecodable: reported, never written (see test_cli)
    result, written = run_process(data)
    if not result.changed:
        assert written == data
    else:
        assert written == doc.encode(fix(linter, doc.text).text)


# --- 4. atomic writes --------------------------------------------------------------------------

class _FailingFile:
    def __init__(self, f):
        self.f = f

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()

    def write(self, data):
        self.f.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device")


@PROPERTY
@given(original=st.binary(max_size=200), new=st.binary(max_size=200),
       failure=st.sampled_from(["write", "fsync", "chmod", "replace"]), mode=st.sampled_from([0o600, 0o644, 0o640]))
def test_property_failed_atomic_write_leaves_the_original_intact(original, new, failure, mode):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "doc.txt")
        Path(path).write_bytes(original)
        os.chmod(path, mode)

        def boom(*args, **kwargs):
            raise OSError(5, f"{failure} failed")

        if failure == "write":
            real = os.fdopen
            patch = mock.patch.object(document.os, "fdopen", lambda fd, m: _FailingFile(real(fd, m)))
        else:
            patch = mock.patch.object(document.os, failure, boom)
        with patch, pytest.raises(OSError):
            write_back(path, new)
        assert Path(path).read_bytes() == original
        assert os.stat(path).st_mode & 0o777 == mode
        assert os.listdir(folder) == ["doc.txt"]


@PROPERTY
@given(original=st.binary(max_size=200), new=st.binary(max_size=200), mode=st.sampled_from([0o600, 0o644, 0o755]))
def test_property_atomic_write_replaces_content_and_keeps_mode(original, new, mode):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "doc.txt")
        Path(path).write_bytes(original)
        os.chmod(path, mode)
        write_back(path, new)
        assert Path(path).read_bytes() == new
        assert os.stat(path).st_mode & 0o777 == mode
        assert os.listdir(folder) == ["doc.txt"]


# --- 5. newlines: no fix splits a CR LF or brings in a newline style (issue 13) -------------------

NEWLINE_TEXT = st.lists(st.one_of(
    st.sampled_from(DAMAGE + ["&#13;", "&#10;", "&NewLine;", "“窗口", "\n1、", "\n\n"]),
    st.text(st.sampled_from(COMMON), min_size=1, max_size=6),
    st.sampled_from("，。、；：？！“”‘’（）《》【】—…·"),
), max_size=40).map("".join)


def with_newlines(text: str, style: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if style == "mixed":
        return "".join(part + ("\r\n" if i % 2 else "\n") for i, part in enumerate(text.split("\n")))[:-1]
    return text.replace("\n", style)


@PROPERTY
@given(text=NEWLINE_TEXT, style=st.sampled_from(["\n", "\r\n", "\r", "mixed"]),
       path=st.sampled_from(["x.txt", "x.md"]), unsafe=st.booleans())
def test_property_fixes_keep_every_newline_whole_and_in_the_file_style(linter, text, style, path, unsafe):
    from wenlint import formats, fixes

    text = with_newlines(text, style)
    result = fix(linter, text, path, unsafe)
    assert fixes.newline_styles(result.text) <= fixes.newline_styles(text)
    assert fixes.verify(text, result, formats.masked_spans(text, formats.kind_of(path))) is None
    kept = set()
    for _, orig, n in result.kept:
        kept.update(range(orig, orig + n))
    for i in range(len(text) - 1):
        if text[i:i + 2] == "\r\n":
            assert (i in kept) == (i + 1 in kept), f"the CR LF at {i} was split"


@PROPERTY
@given(text=st.text(st.sampled_from("ab\r\nxy"), max_size=30),
       picks=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 3), st.sampled_from(["", "z", "zz", "\n"])),
                      max_size=6))
def test_property_kept_stretches_are_the_original_text(text, picks):
    from wenlint import fixes
    from wenlint.model import Diagnostic, Edit, Fix

    rule = load_rules()[0]

    def lint(t):
        if t != text:
            return []
        return [Diagnostic(rule, min(s, len(t)), min(s + n, len(t)), "m",
                           Fix("safe", (Edit(min(s, len(t)), min(s + n, len(t)), r),))) for s, n, r in picks]

    result = fix_until_stable(text, lint)
    assert fixes.verify(text, result, []) is None
    for cur, orig, n in result.kept:
        assert result.text[cur:cur + n] == text[orig:orig + n]


EDIT = st.tuples(st.integers(0, 14), st.integers(0, 3), st.sampled_from(["", "z", "\n", "\r", "\r\n", "z\r"]))


@settings(max_examples=400, deadline=None)
@given(text=st.text(st.sampled_from("ab\r\nxy"), max_size=14), fixes=st.lists(st.lists(EDIT, min_size=1, max_size=2), max_size=6))
def test_property_chosen_fixes_never_overlap_nor_bring_a_newline_style(linter, text, fixes):
    from wenlint import fixes as fx
    from wenlint.model import Diagnostic, Edit, Fix

    rule = linter.rules[0]
    diagnostics = []
    for spec in fixes:
        edits = sorted({Edit(min(s, len(text)), min(s + n, len(text)), r) for s, n, r in spec})
        if any(fx._conflict(a, b) for a, b in zip(edits, edits[1:])):
            continue  # a rule's fix never holds edits that conflict with each other
        diagnostics.append(Diagnostic(rule, edits[0].start, edits[-1].end, "m", Fix("safe", tuple(edits))))
    chosen = sorted((e for f in choose(diagnostics, text=text) for e in f.edits), key=lambda e: (e.start, e.end))
    assert not any(fx._conflict(a, b) for i, a in enumerate(chosen) for b in chosen[i + 1:])
    assert fx.newline_styles(apply(text, chosen)) <= fx.newline_styles(text)
