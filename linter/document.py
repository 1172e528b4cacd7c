"""Bytes <-> text with byte-for-byte fidelity, plus offset -> line/column lookup."""
from __future__ import annotations

import codecs
import os
import re
from bisect import bisect_right
from wenlint.patterns import rx

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls that never occur in text files (tab, newlines, form feed and ESC are allowed).
BINARY_CONTROLS = rx("[\x00-\x08\x0e-\x1a\x1c-\x1f]")
BINARY_SAMPLE = 8192
BINARY_RATIO = 0.1


class DecodeError(Exception):
    """The file is binary or in no supported encoding; str() is 'path: reason'."""


class BinaryFileError(DecodeError):
    """The file is binary (NUL bytes or many control characters), not text in an unknown encoding."""


def _check_binary(path: str, has_nul: bool, sample: str) -> None:
    if has_nul:
        raise BinaryFileError(f"{path}: binary file (NUL bytes)")
    if len(BINARY_CONTROLS.findall(sample)) > BINARY_RATIO * len(sample):
        raise BinaryFileError(f"{path}: binary file (control characters)")


class Document:
    """A decoded file: its text, and the encoding ("utf-8", "gb18030", "utf-16-le", "utf-16-be")
    and byte order mark that give the bytes back."""

    __slots__ = ("path", "text", "encoding", "bom", "_line_starts")

    def __init__(self, path: str, text: str, encoding: str, bom: bytes = b""):
        self.path, self.text, self.encoding, self.bom = path, text, encoding, bom
        self._line_starts: list[int] | None = None

    def with_text(self, text: str) -> Document:
        """The same file holding another text (a fixed one)."""
        return Document(self.path, text, self.encoding, self.bom)

    @classmethod
    def from_bytes(cls, data: bytes, path: str) -> Document:
        for bom, encoding in BOMS:
            if data.startswith(bom):
                try:
                    text = data[len(bom):].decode(encoding)
                except UnicodeDecodeError:
                    raise DecodeError(f"{path}: invalid {encoding} after its byte order mark") from None
                _check_binary(path, "\x00" in text, text[:BINARY_SAMPLE])
                return cls(path, text, encoding, bom)
        # latin-1 maps each byte to one character, so control bytes show as control characters.
        _check_binary(path, b"\x00" in data, data[:BINARY_SAMPLE].decode("latin-1"))
        try:
            return cls(path, data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
        try:
            text = data.decode("gb18030")
            if text.encode("gb18030") == data:
                return cls(path, text, "gb18030")
        except UnicodeError:
            pass
        raise DecodeError(f"{path}: cannot decode as UTF-8 or GB18030")

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)

    @property
    def line_starts(self) -> list[int]:
        """Offsets where each line begins, computed once."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return self._line_starts

    def line_col(self, offset: int) -> tuple[int, int]:
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} outside text of length {len(self.text)}")
        index = bisect_right(self.line_starts, offset) - 1
        column = offset - self.line_starts[index] + 1
        # The "\r" of "\r\n" is part of the line end: "\r" and "\n" share one column.
        if offset < len(self.text) and self.text[offset] == "\n" and offset > self.line_starts[index] \
                and self.text[offset - 1] == "\r":
            column -= 1
        return index + 1, column

    def line_text(self, line: int) -> str:
        starts = self.line_starts
        if not 1 <= line <= len(starts):
            raise ValueError(f"line {line} outside 1..{len(starts)}")
        if line == len(starts):
            return self.text[starts[-1]:]
        return self.text[starts[line - 1]:starts[line] - 1].removesuffix("\r")


def read_document(path: str) -> Document:
    with open(path, "rb") as f:
        return Document.from_bytes(f.read(), path)


def write_atomic(path: str, data: bytes) -> None:
    """Replace the file at `path` (through symlinks) with `data`, all or nothing."""
    target = os.path.realpath(path)
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
