import codecs
import os
import re
import stat

import pytest
from hypothesis import given, settings, strategies as st

from wenlint import document
from wenlint.document import DecodeError, Document, read_document, write_back

SAMPLE = "第一行，English 混排。\r\n“引号”与……省略号\n末行\r\n"
# GBK and GB18030 files are decoded only when charset-normalizer recognises them: real prose.
PROSE = "各级政府要坚持以人民为中心的发展思想，扎实推进共同富裕，着力保障和改善民生，不断增强人民群众的获得感、幸福感、安全感。"


def roundtrip(data: bytes) -> Document:
    doc = Document.from_bytes(data, "x.txt")
    assert doc.encode(doc.text) == data
    return doc


@pytest.mark.parametrize("body", [
    "中文\n第二行\n", "中文\r\n第二行\r\n", "混合\r\n换行\n结尾\r", "无结尾换行", "a\n\n\r\n", "",
])
@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
])
def test_roundtrip_is_byte_for_byte(body, encoding, bom):
    if encoding == "gb18030":
        body, encoding = PROSE + body, "gbk"  # GBK where the bytes allow: fixes must stay in it
    doc = roundtrip(bom + body.encode(encoding))
    assert (doc.text, doc.encoding, doc.bom) == (body, encoding, bom)


def test_newlines_are_not_translated():
    assert Document.from_bytes(b"a\r\nb\rc\n", "x.txt").text == "a\r\nb\rc\n"


def test_gbk_bytes_decode_as_gbk():
    doc = roundtrip((PROSE + "简体中文，繁體字。").encode("gbk"))
    assert doc.encoding == "gbk" and doc.can_encode("丂") and not doc.can_encode("•")


def test_gb18030_four_byte_characters_roundtrip():
    doc = roundtrip((PROSE + "𠀀€丂").encode("gb18030"))
    assert (doc.text, doc.encoding) == (PROSE + "𠀀€丂", "gb18030") and doc.can_encode("•")


@pytest.mark.parametrize("data,guess", [
    ("本報訊，記者昨日報導，政府將於下週公布新的經濟政策，以促進產業發展與就業，並加強社會福利。".encode("big5"), "big5"),
    ("Le café de la gare est fermé à côté du théâtre. Où est-ce que je peux acheter des pâtisseries ?".encode("latin-1"), ""),
    ("대한민국은 민주공화국이다. 모든 국민은 법 앞에 평등하다. 누구든지 차별을 받지 아니한다.".encode("euc-kr"), ""),
    ("原那么".encode("gbk"), ""),  # too short to tell GBK from Big5: refused, not guessed
])
def test_a_file_that_only_decodes_by_guess_is_refused(data, guess):
    with pytest.raises(DecodeError, match=rf"^x\.txt: cannot decode as UTF-8, and it is not recognisably GB18030 or GBK.*{guess}"):  # noqa: E501 (one literal)
        Document.from_bytes(data, "x.txt")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["一行\n二行\n", "Mostly English, 少量中文。\r\n", PROSE])
def test_utf16_without_a_byte_order_mark_is_text(encoding, text):
    doc = roundtrip(text.encode(encoding))
    assert (doc.text, doc.encoding, doc.bom) == (text, encoding, b"")


def test_one_bad_byte_in_utf8_is_reported_with_its_offset():
    data = "第一段正文，内容完整。\n".encode() + b"\xff" + "第二段正文，内容也完整。\n".encode()
    doc = Document.from_bytes(data, "x.txt")
    offset = len("第一段正文，内容完整。\n".encode())
    assert doc.problem == f"invalid UTF-8 byte 0xff at byte offset {offset}"
    assert doc.text == "第一段正文，内容完整。\n\ufffd第二段正文，内容也完整。\n"


def test_many_bad_bytes_are_no_utf8_file():
    assert Document.from_bytes(PROSE.encode("gbk"), "x.txt").problem is None


def test_empty_file_is_empty_utf8():
    doc = Document.from_bytes(b"", "x.txt")
    assert (doc.text, doc.encoding, doc.bom) == ("", "utf-8", b"")


def test_nul_bytes_are_binary():
    with pytest.raises(DecodeError, match=r"^x\.bin: binary file \(NUL bytes\)$"):
        Document.from_bytes(b"PK\x03\x04\x00\x00data", "x.bin")


def test_nul_after_utf16_bom_is_binary():
    with pytest.raises(DecodeError, match="x.bin: binary"):
        Document.from_bytes(codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le"), "x.bin")


def test_many_control_bytes_are_binary():
    with pytest.raises(DecodeError, match="x.bin: binary file"):
        Document.from_bytes(bytes(range(1, 9)) * 10 + b"text", "x.bin")


def test_the_control_bytes_are_the_control_characters_read_one_a_byte():
    assert [b for b in range(256) if document.controls(bytes([b]))] == [
        b for b in range(256) if document.BINARY_CONTROLS.match(chr(b))]


def test_a_few_stray_control_characters_are_text():
    assert Document.from_bytes("损坏\x08的文档，正文很长很长很长".encode(), "x.txt").encoding == "utf-8"


def test_undecodable_bytes_raise_naming_the_file():
    with pytest.raises(DecodeError, match=r"^x\.txt: cannot decode as UTF-8"):
        Document.from_bytes(b"\x81\x20\xff\xff", "x.txt")


def test_read_document_names_the_file(tmp_path):
    path = tmp_path / "坏.txt"
    path.write_bytes(b"\x81\x20\xff")
    with pytest.raises(DecodeError, match=re.escape(f"{path}: cannot decode")):
        read_document(str(path))


def test_read_document_lets_oserror_through(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_document(str(tmp_path / "missing.txt"))


def test_line_col_counts_characters_not_bytes():
    doc = Document.from_bytes("甲乙丙\n丁戊".encode(), "x.txt")
    assert doc.line_col(0) == (1, 1)
    assert doc.line_col(2) == (1, 3)
    assert doc.line_col(4) == (2, 1)
    assert doc.line_col(6) == (2, 3)  # end of text


def test_line_col_puts_crlf_in_one_line_end_column():
    doc = Document.from_bytes("中文\r\n下一行".encode(), "x.txt")
    assert doc.line_col(2) == (1, 3)  # "\r"
    assert doc.line_col(3) == (1, 3)  # "\n"
    assert doc.line_col(4) == (2, 1)


def test_line_col_rejects_offsets_outside_the_text():
    with pytest.raises(ValueError):
        Document.from_bytes(b"ab", "x.txt").line_col(3)


def test_line_text_strips_the_line_ending():
    doc = Document.from_bytes("一\r\n二\n三".encode(), "x.txt")
    assert [doc.line_text(n) for n in (1, 2, 3)] == ["一", "二", "三"]


def test_line_text_of_the_empty_last_line():
    assert Document.from_bytes(b"a\n", "x.txt").line_text(2) == ""


def test_line_col_is_fast_on_large_text():
    doc = Document("x.txt", "这是一行文字。\r\n" * 1_000_000, "utf-8")
    for offset in range(0, len(doc.text), 997):
        line, col = doc.line_col(offset)
    assert doc.line_col(len(doc.text) - 1) == (1_000_000, 8)


def test_write_back_replaces_content_and_keeps_mode(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    write_back(str(path), "新内容".encode())
    assert path.read_bytes() == "新内容".encode()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert os.listdir(tmp_path) == ["doc.txt"]


def test_write_back_leaves_original_intact_when_replace_fails(tmp_path, monkeypatch):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"original")

    def fail(*args):
        raise OSError("disk on fire")

    monkeypatch.setattr(document.os, "replace", fail)
    with pytest.raises(OSError, match="disk on fire"):
        write_back(str(path), b"new")
    assert path.read_bytes() == b"original"
    assert os.listdir(tmp_path) == ["doc.txt"]


def test_write_back_leaves_original_intact_when_fsync_fails(tmp_path, monkeypatch):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"original")

    def fail(fd):
        raise OSError("fsync failed")

    monkeypatch.setattr(document.os, "fsync", fail)
    with pytest.raises(OSError, match="fsync failed"):
        write_back(str(path), b"new")
    assert path.read_bytes() == b"original"
    assert os.listdir(tmp_path) == ["doc.txt"]


def test_write_back_writes_through_symlinks(tmp_path):
    target = tmp_path / "real.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_back(str(link), b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"


CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
PUNCT = st.sampled_from("，。、；：？！“”‘’（）《》【】—…·,.;:?!\"'()-")
TEXT = st.lists(
    st.one_of(CJK, PUNCT, st.characters(min_codepoint=0x20, max_codepoint=0x7E), st.sampled_from(["\n", "\r\n"])),
).map("".join)
ANY_TEXT = st.lists(st.one_of(TEXT, st.text(st.characters(blacklist_categories=("Cs", "Cc"))))).map("".join)


@settings(max_examples=200)
@given(text=TEXT, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"]))
def test_property_unicode_encodings_roundtrip(text, encoding):
    bom = {"utf-8-sig": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    data = bom.get(encoding, b"") + text.encode(codec)
    doc = roundtrip(data)
    assert doc.text == text


@settings(max_examples=200)
@given(text=ANY_TEXT, prose=st.booleans())
def test_property_a_decode_gives_the_bytes_back_or_is_refused(text, prose):
    data = ((PROSE if prose else "") + text).encode("gb18030")
    try:
        doc = Document.from_bytes(data, "x.txt")
    except DecodeError:
        return
    assert doc.encode(doc.text) == data or doc.problem is not None


def test_line_col_in_any_order_is_what_a_search_of_the_line_starts_gives():
    import random
    from bisect import bisect_right

    text = "甲乙\r\n\r\n丙\n\nab\rc\r\r\n丁" * 5 + "\r"
    doc = Document("x.txt", text, "utf-8")
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def expected(offset):
        line = bisect_right(starts, offset)
        crlf = offset < len(text) and text[offset] == "\n" and offset > starts[line - 1] and text[offset - 1] == "\r"
        return line, offset - starts[line - 1] + 1 - crlf

    offsets = [*range(len(text) + 1), *range(len(text), -1, -1)]
    offsets += random.Random(0).choices(offsets, k=300)
    assert [doc.line_col(o) for o in offsets] == [expected(o) for o in offsets]
    with pytest.raises(ValueError):
        doc.line_col(len(text) + 1)
    with pytest.raises(ValueError):
        doc.line_col(-1)
