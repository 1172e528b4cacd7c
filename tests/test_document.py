import codecs
import os
import re
import stat

import pytest
from hypothesis import given, settings, strategies as st

from wenlint import document
from wenlint.document import DecodeError, Document, read_document, write_atomic

SAMPLE = "第一行，English 混排。\r\n“引号”与……省略号\n末行\r\n"


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
    if encoding == "gb18030" and body.isascii():
        encoding = "utf-8"  # pure ASCII is valid UTF-8, which is tried first
    doc = roundtrip(bom + body.encode(encoding))
    assert (doc.text, doc.encoding, doc.bom) == (body, encoding, bom)


def test_newlines_are_not_translated():
    assert Document.from_bytes(b"a\r\nb\rc\n", "x.txt").text == "a\r\nb\rc\n"


def test_gbk_bytes_decode_as_gb18030():
    doc = roundtrip("简体中文，繁體字。".encode("gbk"))
    assert doc.encoding == "gb18030"


def test_gb18030_four_byte_characters_roundtrip():
    doc = roundtrip("𠀀€丂".encode("gb18030"))
    assert (doc.text, doc.encoding) == ("𠀀€丂", "gb18030")


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


def test_a_few_stray_control_characters_are_text():
    assert Document.from_bytes("损坏\x08的文档，正文很长很长很长".encode(), "x.txt").encoding == "utf-8"


def test_undecodable_bytes_raise_naming_the_file():
    with pytest.raises(DecodeError, match=r"^x\.txt: cannot decode as UTF-8 or GB18030$"):
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


def test_write_atomic_replaces_content_and_keeps_mode(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    write_atomic(str(path), "新内容".encode())
    assert path.read_bytes() == "新内容".encode()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert os.listdir(tmp_path) == ["doc.txt"]


def test_write_atomic_leaves_original_intact_when_replace_fails(tmp_path, monkeypatch):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"original")

    def fail(*args):
        raise OSError("disk on fire")

    monkeypatch.setattr(document.os, "replace", fail)
    with pytest.raises(OSError, match="disk on fire"):
        write_atomic(str(path), b"new")
    assert path.read_bytes() == b"original"
    assert os.listdir(tmp_path) == ["doc.txt"]


def test_write_atomic_leaves_original_intact_when_fsync_fails(tmp_path, monkeypatch):
    path = tmp_path / "doc.txt"
    path.write_bytes(b"original")

    def fail(fd):
        raise OSError("fsync failed")

    monkeypatch.setattr(document.os, "fsync", fail)
    with pytest.raises(OSError, match="fsync failed"):
        write_atomic(str(path), b"new")
    assert path.read_bytes() == b"original"
    assert os.listdir(tmp_path) == ["doc.txt"]


def test_write_atomic_writes_through_symlinks(tmp_path):
    target = tmp_path / "real.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_atomic(str(link), b"new")
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
@given(text=ANY_TEXT)
def test_property_gb18030_roundtrips(text):
    data = text.encode("gb18030")
    doc = roundtrip(data)
    if doc.encoding == "gb18030":  # some GB18030 byte strings are also valid UTF-8, which wins
        assert doc.text == text
